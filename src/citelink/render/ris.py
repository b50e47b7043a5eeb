"""References -> RIS (what EndNote, Mendeley and Zotero import), written by rispy: one
record per reference, authors one per ``AU`` line, ``SP``/``EP`` pages, ``DO`` DOI; the
printed number goes in ``ID`` (as ``citelink-N``) and ``N1`` notes the citation key.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import rispy

from citelink.metadata.result import CheckReport
from citelink.model import Reference
from citelink.parse.text import has_cjk
from citelink.render.bibtex import citation_keys
from citelink.render.csl import initials

RIS_TYPES = {
    "article": "JOUR",
    "newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "conference": "CPAPER",
    "thesis": "THES",
    "report": "RPRT",
    "web": "ELEC",
}


def _one_line(value: str) -> str:
    """RIS is line-based: a value never spans lines (a newline would start a bogus tag)."""
    return re.sub(r"\s+", " ", value).strip()


def record(ref: Reference, key: str, ids: dict[str, str] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(ref.type, "GEN")}
    if ref.authors:
        out["authors"] = [
            _one_line(f"{a.family}, {initials(a.given)}" if a.given else a.family)
            for a in ref.authors
        ]
    if ref.title:
        out["primary_title"] = _one_line(ref.title)
    if ref.journal:
        out["secondary_title"] = _one_line(ref.journal)
    elif ref.booktitle:
        out["secondary_title"] = _one_line(ref.booktitle)
    if ref.year:
        out["year"] = str(ref.year)
    if ref.volume:
        out["volume"] = _one_line(ref.volume)
    if ref.issue:
        out["number"] = _one_line(ref.issue)
    if ref.pages:
        first, _, last = ref.pages.replace("–", "-").partition("-")
        out["start_page"] = _one_line(first)
        if last.strip():
            out["end_page"] = _one_line(last)
    for name, value in (
        ("publisher", ref.publisher),
        ("place_published", ref.place),
        ("edition", ref.edition),
    ):
        if value:
            out[name] = _one_line(value)
    doi = ref.doi or (ids or {}).get("doi")
    if doi:
        out["doi"] = _one_line(doi)
    pmid = ref.pmid or (ids or {}).get("pmid")
    if pmid:
        out["accession_number"] = f"PMID:{pmid}"
    if ref.url:
        out["urls"] = [_one_line(ref.url)]
    if ref.title and has_cjk(ref.title):
        out["language"] = "zh"
    out["id"] = f"citelink-{ref.n}"
    out["notes"] = [f"citelink key: {key}"]
    return out


def to_ris(refs: Sequence[Reference], report: CheckReport | None = None) -> str:
    records = []
    for ref, key in zip(refs, citation_keys(refs), strict=True):
        check = report.get(ref.n) if report is not None else None
        records.append(record(ref, key, dict(check.ids) if check is not None else None))
    text: str = rispy.dumps(records)
    return text
