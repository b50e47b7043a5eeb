"""A small world of works spread over four sources, for the multi-source tests.

Every record is real or derived from a real one, in the shapes of the recorded samples:

- Crossref: the bundled snapshot (real works and their look-alikes) and the retraction
  notice of ``tests/data/crossref-api/notices.jsonl``, plus one record written from a
  Retraction Watch row (DOI, title, journal, authors and date as the row gives them).
- PubMed: the recorded ESummary records (``tests/data/pubmed-api``), the three records of
  ``refs/pubmed-snapshot``, and two ESummary records written from other sources' fields
  of the same real works (Petersen 1999 from the snapshot with the PMID it shows; Bran 2024
  from its OpenAlex record's PMID, DOI and biblio).
- OpenAlex: the recorded works (``tests/data/openalex-api``), among them a journal
  article and its arXiv preprint with the same title (a look-alike pair).
- DataCite: the recorded DOIs (``tests/data/datacite-api``): two arXiv preprints and a
  Dryad dataset.

``EXPECTED`` is the answer key of ``tests/data/sources.txt`` in this world.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .conftest import NOTICES, SNAPSHOT, read_jsonl
from .crossref_server import CrossrefServer
from .source_servers import DataCiteServer, OpenAlexServer, PubMedServer

DATA = Path(__file__).resolve().parent / "data"
ARTICLE = DATA / "sources.txt"
WATCH_CSV = DATA / "retraction-watch" / "retraction_watch-sample.csv"


def _body(kind: str, name: str) -> Any:
    return json.loads((DATA / kind / name).read_text(encoding="utf-8"))["response"]["body"]


def _initials(given: str) -> str:
    return "".join(p[0] for p in given.replace("-", " ").split() if p).upper()


def watch_row(record_id: str) -> dict[str, str]:
    with WATCH_CSV.open(encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["Record ID"] == record_id)


def crossref_from_watch(row: dict[str, str]) -> dict[str, Any]:
    """The original paper of a Retraction Watch row as a (thin) Crossref record."""
    month, day, year = row["OriginalPaperDate"].split()[0].split("/")
    authors = []
    for name in row["Author"].split(";"):
        given, _, family = name.strip().rpartition(" ")
        authors.append({"family": family, "given": given})
    return {
        "DOI": row["OriginalPaperDOI"],
        "type": "journal-article",
        "title": [row["Title"]],
        "author": authors,
        "container-title": [row["Journal"]],
        "issued": {"date-parts": [[int(year), int(month), int(day)]]},
    }


def crossref_records() -> list[dict[str, Any]]:
    return [*read_jsonl(SNAPSHOT), *read_jsonl(NOTICES), crossref_from_watch(watch_row("56416"))]


def pubmed_records() -> list[dict[str, Any]]:
    summary = _body("pubmed-api", "esummary-json.json")["result"]
    records = [summary[uid] for uid in summary["uids"]]
    records.append(_body("pubmed-api", "esummary-json-record.json"))
    records += read_jsonl(SNAPSHOT.parents[1] / "pubmed-snapshot" / "records.jsonl")
    petersen = next(r for r in read_jsonl(SNAPSHOT) if r["DOI"] == "10.1126/science.284.5417.1168")
    records.append(
        {
            "uid": petersen["x-pmid"],
            "title": petersen["title"][0] + ".",
            "authors": [
                {"name": f"{a['family']} {_initials(a.get('given', ''))}", "authtype": "Author"}
                for a in petersen["author"]
            ],
            "source": petersen["short-container-title"][0],
            "fulljournalname": petersen["container-title"][0],
            "pubdate": str(petersen["issued"]["date-parts"][0][0]),
            "volume": petersen["volume"],
            "issue": petersen["issue"],
            "pages": petersen["page"],
            "articleids": [
                {"idtype": "pubmed", "value": petersen["x-pmid"]},
                {"idtype": "doi", "value": petersen["DOI"]},
            ],
        }
    )
    bran = openalex_records()[0]
    records.append(
        {
            "uid": bran["ids"]["pmid"].rsplit("/", 1)[-1],
            "title": bran["title"] + ".",
            "authors": [
                {"name": "Bran AM", "authtype": "Author"},
                {"name": "Cox S", "authtype": "Author"},
                {"name": "Schilter O", "authtype": "Author"},
            ],
            "source": "Nat Mach Intell",
            "pubdate": str(bran["publication_year"]),
            "volume": bran["biblio"]["volume"],
            "issue": bran["biblio"]["issue"],
            "pages": f"{bran['biblio']['first_page']}-{bran['biblio']['last_page']}",
            "articleids": [
                {"idtype": "pubmed", "value": bran["ids"]["pmid"].rsplit("/", 1)[-1]},
                {"idtype": "doi", "value": bran["doi"].split("doi.org/", 1)[1]},
            ],
        }
    )
    return records


def openalex_records() -> list[dict[str, Any]]:
    listed = _body("openalex-api", "works-filter-title-search.json")["results"]
    return [
        *listed,  # the journal article first, then its arXiv preprint
        _body("openalex-api", "work-by-doi-with-pmid-pmcid.json"),
        _body("openalex-api", "work-by-doi.json"),
    ]


def datacite_records() -> list[dict[str, Any]]:
    return [
        _body("datacite-api", name)["data"]
        for name in ("doi-arxiv.json", "doi-arxiv-2.json", "doi-dataset.json")
    ]


@dataclass
class World:
    crossref: CrossrefServer
    pubmed: PubMedServer
    openalex: OpenAlexServer
    datacite: DataCiteServer

    def requests(self) -> int:
        return sum(len(s.log) for s in (self.crossref, self.pubmed, self.openalex, self.datacite))


def world() -> Iterator[World]:
    servers = World(
        CrossrefServer(crossref_records()).start(),
        PubMedServer(pubmed_records()).start(),
        OpenAlexServer(openalex_records()).start(),
        DataCiteServer(datacite_records()).start(),
    )
    try:
        yield servers
    finally:
        for server in (servers.crossref, servers.pubmed, servers.openalex, servers.datacite):
            server.stop()


# n -> (status, ids, what each source says)
EXPECTED: dict[int, tuple[str, dict[str, str], dict[str, str]]] = {
    1: (
        "verified",
        {"doi": "10.1126/science.284.5417.1168", "pmid": "10325227"},
        {"crossref": "found", "pubmed": "found", "openalex": "none", "datacite": "not-asked"},
    ),
    2: (
        "verified",
        {"doi": "10.1186/s13321-016-0181-z", "pmid": "27933103", "pmcid": "PMC5122160"},
        {"crossref": "none", "openalex": "none", "pubmed": "found", "datacite": "not-asked"},
    ),
    3: (
        "verified",
        {
            "doi": "10.1073/pnas.1414271111",
            "pmid": "25349395",
            "pmcid": "PMC4234579",
            "openalex": "W2109415576",
        },
        {"crossref": "none", "openalex": "found", "pubmed": "none", "datacite": "not-asked"},
    ),
    4: (
        "verified",
        {"doi": "10.48550/arxiv.2311.16162"},
        {"datacite": "found", "openalex": "none", "pubmed": "none", "crossref": "not-asked"},
    ),
    5: (
        "verified",
        {"doi": "10.5061/dryad.8515"},
        {"crossref": "none", "openalex": "none", "pubmed": "none", "datacite": "found"},
    ),
    6: (
        "verified",
        {"pmid": "27339398"},
        {"pubmed": "found", "openalex": "none", "crossref": "not-asked", "datacite": "not-asked"},
    ),
    7: (
        "verified",
        {"doi": "10.1038/s42256-024-00832-8", "pmid": "38799228", "openalex": "W4396723768"},
        {"crossref": "none", "openalex": "found", "pubmed": "found", "datacite": "not-asked"},
    ),
    8: (
        "not-found-anywhere",
        {},
        {"crossref": "none", "openalex": "none", "pubmed": "none", "datacite": "none"},
    ),
    # The snapshot's records carry the PMID a public page showed (x-pmid).
    9: ("discrepancies", {"doi": "10.1002/hep.29189", "pmid": "28370357"}, {"crossref": "found"}),
    10: (
        "discrepancies",
        {"doi": "10.1089/scd.2013.0500", "pmid": "24835895"},
        {"crossref": "found"},
    ),
    11: (
        "discrepancies",
        {"doi": "10.1097/meg.0b013e3283488b00", "pmid": "21900788"},
        {"crossref": "found"},
    ),
    12: ("verified", {"doi": "10.1016/s0140-6736(97)11096-0"}, {"crossref": "found"}),
    13: ("verified", {"doi": "10.1155/2022/9172719"}, {"crossref": "found"}),
}
