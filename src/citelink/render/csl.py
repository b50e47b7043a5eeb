"""References -> CSL-JSON (the citation data Zotero, Pandoc and citeproc read): one item
per reference, ``id`` = the BibTeX citation key, names as ``family``/``given``, dates as
``date-parts``, DOI/PMID/PMCID where known. Plain dicts, ready for ``json.dumps``.

With a check report, each matched item also carries the identifiers the sources gave
(``PMID``, ``PMCID``) and a ``note`` naming the verdict and the source it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from citelink.metadata.result import CheckReport
from citelink.model import Author, Reference
from citelink.render.bibtex import citation_keys

CSL_TYPES = {
    "article": "article-journal",
    "newspaper": "article-newspaper",
    "book": "book",
    "chapter": "chapter",
    "conference": "paper-conference",
    "thesis": "thesis",
    "report": "report",
    "web": "webpage",
}


def initials(given: str) -> str:
    """Vancouver initials as CSL and RIS want them: ``BE`` -> ``B. E.``; names unchanged."""
    if re.fullmatch(r"[A-Z]{1,4}", given):
        return " ".join(f"{c}." for c in given)
    return given


def _name(a: Author) -> dict[str, str]:
    if not a.given:
        return {"literal": a.family}
    return {"family": a.family, "given": initials(a.given)}


def item(ref: Reference, key: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": key, "type": CSL_TYPES.get(ref.type, "document")}
    if ref.authors:
        out["author"] = [_name(a) for a in ref.authors]
    if ref.editors:
        out["editor"] = [_name(a) for a in ref.editors]
    if ref.title:
        out["title"] = ref.title
    container = ref.journal or ref.booktitle
    if container:
        out["container-title"] = container
    if ref.year:
        out["issued"] = {"date-parts": [[ref.year]]}
    for name, value in (
        ("volume", ref.volume),
        ("issue", ref.issue),
        ("page", ref.pages.replace("–", "-") if ref.pages else None),
        ("publisher", ref.publisher),
        ("publisher-place", ref.place),
        ("edition", ref.edition),
        ("DOI", ref.doi),
        ("PMID", ref.pmid),
        ("URL", ref.url),
    ):
        if value:
            out[name] = value
    out["citation-number"] = ref.n
    return out


def csl_items(refs: Sequence[Reference], report: CheckReport | None = None) -> list[dict[str, Any]]:
    items = []
    for ref, key in zip(refs, citation_keys(refs), strict=True):
        doc = item(ref, key)
        check = report.get(ref.n) if report is not None else None
        if check is not None:
            for csl_name, id_name in (("DOI", "doi"), ("PMID", "pmid"), ("PMCID", "pmcid")):
                if id_name in check.ids and csl_name not in doc:
                    doc[csl_name] = check.ids[id_name]
            where = f" in {check.found_in}" if check.found_in else ""
            doc["note"] = f"citelink: {check.status.value}{where}"
        items.append(doc)
    return items
