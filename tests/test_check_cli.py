"""``citelink check`` / ``bib --enrich`` / ``index add`` end to end through the CLI."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import bibtexparser
import pytest

from .conftest import BUNDLED, DATA, SNAPSHOT, read_jsonl
from .crossref_server import CrossrefServer
from .test_cli import run


def _check_json(*args: str) -> dict[str, object]:
    code, out, err = run("check", *args, "--json")
    assert code == 0, err
    doc: dict[str, object] = json.loads(out)
    return doc


def test_offline_check_of_the_bundled_article(tmp_path: Path) -> None:
    doc = _check_json(str(BUNDLED), "--offline", "--bib", str(tmp_path / "a.bib"))
    refs = {r["n"]: r for r in doc["references"]}  # type: ignore[attr-defined]
    assert len(refs) == 43
    assert {r["status"] for r in refs.values()} <= {"verified", "discrepancies", "not-found"}
    # Every answer says where it came from: here the local index built from the bundled
    # Crossref snapshot and PubMed records; and which source's record it rests on.
    matched = [r for r in refs.values() if r["found_in"]]
    assert {r["source"] for r in matched} == {"index"}
    assert len(matched) == 25  # 22 before the PubMed records were bundled
    by_source = {s: sum(r["found_in"] == s for r in matched) for s in ("crossref", "pubmed")}
    assert by_source == {"crossref": 22, "pubmed": 3}
    # Suk 2016 (no DOI printed, none in the snapshot) is PubMed's record 27339398.
    assert refs[34]["status"] == "verified" and refs[34]["ids"] == {"pmid": "27339398"}
    assert refs[34]["sources"]["pubmed"] == "found" and refs[34]["found_by"] == "search"
    # Offline, "not in the local index" is not-found, never not-found-anywhere.
    assert refs[2]["status"] == "not-found" and "offline" in refs[2]["message"]
    assert refs[1]["doi"] == "10.1126/science.284.5417.1168" and refs[1]["status"] == "verified"
    # Look-alikes in the snapshot (same first author and year, other journal) are refused.
    assert refs[23]["doi"] is None and refs[23]["status"] == "not-found"
    assert refs[2]["doi"] is None and refs[36]["doi"] is None
    # Printed journal "Gastroenterol Hepatol" vs the registered J Gastroenterol Hepatol.
    assert refs[6]["status"] == "discrepancies"
    assert [d["severity"] for d in refs[6]["discrepancies"] if d["field"] == "journal"] == ["error"]
    # Typography only: S85-S92 vs 85-92 is info, so the reference is verified.
    assert refs[42]["status"] == "verified"
    assert [d["severity"] for d in refs[42]["discrepancies"]] == ["info"]
    summary = doc["summary"]
    assert summary["requests"] == {"live": 0, "cached": 0, "retries": 0}  # type: ignore[index]
    codes = {f["code"] for f in doc["findings"]}  # type: ignore[attr-defined]
    assert {"table-pointer", "discrepancy", "not-found"} <= codes
    assert "not-found-anywhere" not in codes


def test_api_url_second_run_makes_zero_requests(crossref: CrossrefServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite"
    # A Crossref-only server: the other sources are left out (--sources), not failing.
    args: tuple[str, ...] = (str(DATA / "checked.txt"), "--api-url", crossref.url)
    args += ("--cache", str(cache), "--sources", "crossref", "--mailto", "t@example.org")
    first = _check_json(*args, "--bib", str(tmp_path / "x.bib"))
    made = len(crossref.log)
    assert made > 0 and first["summary"]["requests"]["live"] == made  # type: ignore[index]
    second = _check_json(*args, "--bib", str(tmp_path / "y.bib"))
    assert len(crossref.log) == made
    assert second["summary"]["requests"]["live"] == 0  # type: ignore[index]
    strip = [(r["n"], r["status"], r["doi"]) for r in first["references"]]  # type: ignore[attr-defined]
    assert strip == [(r["n"], r["status"], r["doi"]) for r in second["references"]]  # type: ignore[attr-defined]
    assert {r["source"] for r in second["references"] if r["doi"]} == {"cache"}  # type: ignore[attr-defined]


def test_fail_on_error_counts_check_findings(crossref: CrossrefServer, tmp_path: Path) -> None:
    code, out, _ = run(
        "check",
        str(DATA / "checked.txt"),
        "--api-url",
        crossref.url,
        "--bib",
        str(tmp_path / "x.bib"),
        "--fail-on",
        "error",
        "--sources",
        "crossref",
        "--mailto",
        "t@example.org",  # the polite pool's shorter interval: a faster test
    )
    assert code == 1
    assert "retraction" in out and "10.1016/s0140-6736(10)60175-4" in out


def test_bib_enrich_adds_what_the_record_knows(tmp_path: Path) -> None:
    out_bib = tmp_path / "e.bib"
    code, _, err = run("bib", str(BUNDLED), "--enrich", "--offline", "-o", str(out_bib))
    assert code == 0, err
    library = bibtexparser.parse_string(out_bib.read_text(encoding="utf-8"))
    assert len(library.entries) == 43 and not library.failed_blocks
    plain = bibtexparser.parse_string(Path(BUNDLED.with_suffix(".bib")).read_text("utf-8"))
    assert [e.key for e in library.entries] == [e.key for e in plain.entries]  # stable keys
    first = library.entries[0]
    assert first.fields_dict["doi"].value == "10.1126/science.284.5417.1168"
    assert "doi" in first.fields_dict["citelink-enriched"].value
    assert first.fields_dict["citelink-source"].value.startswith("index ")
    # A printed journal that disagrees with the record is kept as printed, never overwritten.
    fang = next(e for e in library.entries if e.fields_dict["citelink-number"].value == "6")
    assert fang.fields_dict["journal"].value == "Gastroenterol Hepatol"
    # Unmatched references are left exactly as printed.
    theise = next(e for e in library.entries if e.fields_dict["citelink-number"].value == "2")
    assert "citelink-enriched" not in theise.fields_dict and "doi" not in theise.fields_dict


def test_index_add_reads_the_public_data_file_format(tmp_path: Path) -> None:
    records = read_jsonl(SNAPSHOT)[:5]
    dump = tmp_path / "0.json.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as handle:
        json.dump({"items": records}, handle)
    cache = tmp_path / "c" / "crossref.sqlite"
    code, out, err = run("index", "add", str(dump), "--cache", str(cache))
    assert code == 0, err
    assert f"{dump}: 5 records" in out
    assert (tmp_path / "c" / "index.sqlite").is_file()


def test_index_add_refuses_what_is_not_crossref_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"DOI": "10.1/x"}\n{not json\n', encoding="utf-8")
    code, _out, err = run("index", "add", str(bad), "--cache", str(tmp_path / "c.sqlite"))
    assert code == 2 and err.startswith("citelink: error: ") and err.count("\n") == 1
    assert "not Crossref JSON" in err


def _damage(path: Path) -> None:
    """Garble a SQLite file after its 100-byte header (which keeps citelink's mark)."""
    data = bytearray(path.read_bytes())
    data[100:] = b"\xa5" * (len(data) - 100)
    path.write_bytes(bytes(data))


def test_corrupt_cache_and_index_citelink_wrote_are_kept_aside_and_replaced(
    tmp_path: Path,
) -> None:
    from citelink.metadata.http import HttpCache
    from citelink.metadata.index import LocalIndex

    cache = tmp_path / "crossref.sqlite"
    made = HttpCache(cache)
    made.backend()
    made.close()
    LocalIndex(tmp_path / "index.sqlite").close()
    _damage(cache)
    _damage(tmp_path / "index.sqlite")
    code, out, err = run(
        "check",
        str(DATA / "checked.txt"),
        "--offline",
        "--cache",
        str(cache),
        "--bib",
        str(tmp_path / "x.bib"),
        "--json",
    )
    assert code == 0, err
    assert "HTTP cache" in err and "local index" in err and "kept it as" in err
    kept = sorted(p.name for p in tmp_path.glob("*.broken-*"))
    assert len(kept) == 2
    assert json.loads(out)["references"][0]["status"] == "verified"  # from the fresh index


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()


@pytest.mark.parametrize("kind", ["directory", "text", "other-sqlite", "damaged-sqlite"])
@pytest.mark.parametrize("which", ["cache", "index"])
def test_what_citelink_did_not_write_is_refused_and_never_touched(
    tmp_path: Path, kind: str, which: str
) -> None:
    cache = tmp_path / "crossref.sqlite"
    target = cache if which == "cache" else tmp_path / "index.sqlite"
    if kind == "directory":
        target.mkdir()
        (target / "mine.txt").write_text("keep me", encoding="utf-8")
    elif kind == "text":
        target.write_text("my notes\n" * 50, encoding="utf-8")
    else:
        _foreign_sqlite(target)
        if kind == "damaged-sqlite":
            _damage(target)
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    stamp = target.stat().st_mtime_ns
    commands = [
        ["check", str(DATA / "checked.txt"), "--bib", str(tmp_path / "x.bib"), "--offline"],
        ["check", str(DATA / "checked.txt"), "--bib", str(tmp_path / "x.bib")],
    ]
    if which == "index":  # ``index add`` writes the index only
        commands.append(["index", "add", str(SNAPSHOT)])
    for command in commands:
        code, _out, err = run(*command, "--cache", str(cache))
        assert code == 2, err
        assert err.startswith("citelink: error: ") and err.count("\n") == 1
        assert str(target) in err and "leaves it alone" in err
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert target.stat().st_mtime_ns == stamp


def test_messages_agree_in_number(tmp_path: Path) -> None:
    doc = _check_json(str(BUNDLED), "--offline", "--bib", str(tmp_path / "a.bib"))
    messages = [r["message"] for r in doc["references"]]  # type: ignore[attr-defined]
    assert any(m.endswith("; journal differs") for m in messages)
    assert not any(m.endswith(" journal differ") for m in messages)
