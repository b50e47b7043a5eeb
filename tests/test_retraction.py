"""Retraction Watch: the CSV as Crossref distributes it, loaded with ``citelink index add``,
gives notices offline on the works its rows name; OpenAlex's ``is_retracted`` and
Crossref's ``update-to`` count too, and every notice names who reported it."""

from __future__ import annotations

import json
from pathlib import Path

from citelink.metadata.check import check_references
from citelink.metadata.index import IndexSource, LocalIndex
from citelink.metadata.records import work_from_openalex
from citelink.metadata.result import Origin
from citelink.metadata.retraction import is_watch_csv, notice, read_rows
from citelink.model import Severity

from .conftest import load
from .sources_world import ARTICLE, WATCH_CSV, crossref_from_watch, openalex_records, watch_row
from .test_cli import run

HEADER = WATCH_CSV.read_text(encoding="utf-8").splitlines()[0]


def test_rows_are_read_with_their_ids_dates_and_reasons() -> None:
    rows = list(read_rows(WATCH_CSV))
    assert len(rows) == 20 and is_watch_csv(WATCH_CSV)
    first = next(r for r in rows if r.record == "56416")
    assert first.original_doi == "10.1155/2022/9172719"
    assert first.original_pmid == "36035816"  # "36035816.0" in the file
    assert first.notice_doi == "10.1155/2023/9756480"
    assert first.date == "2023-07-12" and first.nature == "Retraction"
    assert first.reason.startswith("Concerns/Issues About Data; ")
    assert all(r.original_pmid != "0" for r in rows)  # "0.0" is no PubMed ID


def test_other_natures_and_missing_ids(tmp_path: Path) -> None:
    csv_file = tmp_path / "rw.csv"
    blank = ",".join([""] * 10)
    csv_file.write_text(
        HEADER
        + "\n"
        + f"1,A,,,,,,,,,1/2/2020 0:00,10.1/n1,0,{blank[:0]}1/1/2019 0:00,10.1/a,0,"
        + "Correction,+Error in Figures;,No,\n"
        + "2,B,,,,,,,,,3/4/2021 0:00,unavailable,,2/2/2020 0:00,unavailable,123.0,"
        + "Expression of concern,+Concerns/Issues About Data;,No,\n"
        + "3,C,,,,,,,,,3/4/2021 0:00,,,2/2/2020 0:00,Unavailable,0,Retraction,,No,\n",
        encoding="utf-8",
    )
    rows = list(read_rows(csv_file))
    assert [(r.record, r.original_doi, r.original_pmid) for r in rows] == [
        ("1", "10.1/a", ""),
        ("2", "", "123"),
    ]  # row 3 names no work citelink could recognise
    kinds = [(notice(r).kind, notice(r).severity) for r in rows]
    assert kinds == [("correction", Severity.WARNING), ("expression-of-concern", Severity.ERROR)]
    assert notice(rows[1]).doi == ""


def test_a_file_that_is_not_the_watch_csv_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "x.csv"
    bad.write_text("Record ID,Title\n1,A\n", encoding="utf-8")
    code, _, err = run("index", "add", str(bad), "--cache", str(tmp_path / "c" / "c.sqlite"))
    assert code == 2 and err.startswith("citelink: error: ") and "Retraction Watch" in err


def test_rows_loaded_offline_give_notices_on_the_works_they_name(tmp_path: Path) -> None:
    cache = tmp_path / "c" / "crossref.sqlite"
    record = tmp_path / "paper.json"
    record.write_text(json.dumps(crossref_from_watch(watch_row("56416"))), encoding="utf-8")
    code, out, err = run("index", "add", str(WATCH_CSV), str(record), "--cache", str(cache))
    assert code == 0, err
    assert "20 Retraction Watch notices" in out and ": 1 record" in out
    code, out, err = run(
        "check",
        str(ARTICLE),
        "--offline",
        "--cache",
        str(cache),
        "--json",
        "--bib",
        str(tmp_path / "x.bib"),
    )
    assert code == 0, err
    doc = json.loads(out)
    liao = next(r for r in doc["references"] if r["n"] == 13)
    assert liao["status"] == "verified" and liao["doi"] == "10.1155/2022/9172719"
    [watch] = [n for n in liao["notices"] if n["source"] == "retraction-watch"]
    assert watch["kind"] == "retraction" and watch["record"] == "56416"
    assert watch["date"] == "2023-07-12" and watch["doi"] == "10.1155/2023/9756480"
    assert "Paper Mill" in watch["reason"] and watch["origin"] == "index"
    assert "Retraction Watch record 56416" in watch["label"]
    # The notice is a finding too, saying who reported it.
    codes = [f for f in doc["findings"] if f["code"] == "retraction" and 13 in f["refs"]]
    assert codes and "retraction-watch" in codes[0]["message"]
    # Only the work the row names gets it.
    assert all(
        n["source"] != "retraction-watch"
        for r in doc["references"]
        if r["n"] != 13
        for n in r["notices"]
    )


def test_openalex_is_retracted_is_a_notice_from_openalex(tmp_path: Path) -> None:
    record = dict(openalex_records()[2])  # Makris 2014, as recorded
    assert work_from_openalex(record) is not None and not work_from_openalex(record).is_retracted  # type: ignore[union-attr]
    record["is_retracted"] = True  # the flag as OpenAlex sets it on a retracted work
    article = load(ARTICLE)
    with LocalIndex(tmp_path / "i.sqlite") as index:
        index.add([("openalex", record)])
        report = check_references(article.references, [IndexSource(index, "openalex")])
    makris = report.get(3)
    assert makris is not None and makris.work is not None
    assert [(n.kind, n.source, n.origin) for n in makris.notices] == [
        ("retraction", "openalex", Origin.INDEX)
    ]


def test_index_add_reads_every_sources_answers(tmp_path: Path) -> None:
    """API answers of PubMed (ESummary), OpenAlex (a work, a result list) and DataCite
    (``data``) go into the index as records of their source."""
    data = Path(__file__).resolve().parent / "data"
    files = []
    for kind, name in (
        ("pubmed-api", "esummary-json.json"),
        ("openalex-api", "works-filter-title-search.json"),
        ("openalex-api", "work-by-doi.json"),
        ("datacite-api", "doi-dataset.json"),
    ):
        body = json.loads((data / kind / name).read_text(encoding="utf-8"))["response"]["body"]
        path = tmp_path / f"{kind}-{name}"
        path.write_text(json.dumps(body), encoding="utf-8")
        files.append(str(path))
    cache = tmp_path / "c" / "crossref.sqlite"
    code, out, err = run("index", "add", *files, "--cache", str(cache))
    assert code == 0, err
    assert [line.rsplit(": ", 1)[1] for line in out.splitlines()[:4]] == [
        "1 record",
        "2 records",
        "1 record",
        "1 record",
    ]
    with LocalIndex(cache.with_name("index.sqlite")) as index:
        [scalfani] = IndexSource(index, "pubmed").pmid("27933103").works
        assert scalfani.doi == "10.1186/s13321-016-0181-z" and scalfani.pmcid == "PMC5122160"
        [dryad] = IndexSource(index, "datacite").work("10.5061/DRYAD.8515").works
        assert dryad.source == "datacite" and dryad.type == "dataset"
        [bran] = IndexSource(index, "openalex").pmid("38799228").works
        assert bran.openalex == "W4396723768"
        assert IndexSource(index, "crossref").work("10.5061/dryad.8515").works == ()
