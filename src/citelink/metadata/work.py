"""A work record as a frozen dataclass: only the fields the matcher and the report use,
read defensively (records are often incomplete; a missing field is unknown).

Every source's record becomes the same ``Work`` (Crossref here; PubMed, OpenAlex and
DataCite in ``records``), so matching and discrepancies are one pure module for all. A
record without a DOI (a PubMed record of an article that has none) has ``doi == ""``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from citelink.model import Author


@dataclass(frozen=True)
class Update:
    """A link between a work and a notice about it (retraction, correction, ...)."""

    doi: str
    type: str
    label: str = ""


@dataclass(frozen=True)
class Work:
    doi: str
    title: str | None = None
    authors: tuple[Author, ...] = ()
    journal: str | None = None
    journal_short: str | None = None
    issn: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    type: str | None = None
    updated_by: tuple[Update, ...] = ()
    update_to: tuple[Update, ...] = ()
    pmid: str | None = None
    pmcid: str | None = None
    openalex: str | None = None
    source: str = "crossref"  # the database the record is from
    is_retracted: bool = False  # OpenAlex's flag

    @property
    def key(self) -> str:
        """The record's identity: its DOI, else its PMID or OpenAlex id."""
        if self.doi:
            return self.doi
        if self.pmid:
            return f"pmid:{self.pmid}"
        return f"openalex:{self.openalex}" if self.openalex else f"{self.source}:?"

    def ids(self) -> dict[str, str]:
        """The identifiers the record carries (``doi``, ``pmid``, ``pmcid``, ``openalex``)."""
        found = {
            "doi": self.doi,
            "pmid": self.pmid,
            "pmcid": self.pmcid,
            "openalex": self.openalex,
        }
        return {k: v for k, v in found.items() if v}

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None

    @property
    def is_notice(self) -> bool:
        """A correction, erratum, retraction or concern notice rather than a work."""
        if self.update_to:
            return True
        if self.type in {"correction", "erratum", "retraction", "expression-of-concern"}:
            return True
        return bool(self.title and NOTICE_TITLE.match(self.title))


NOTICE_TITLE = re.compile(
    r"\s*(?:correction|corrigendum|erratum|retraction(?: note)?|retracted|withdrawn"
    r"|expression of concern|notice of retraction|publisher correction|author correction)"
    r"\b\s*(?:to|of|for|:|-)?",
    re.IGNORECASE,
)


def normalize_doi(doi: str) -> str:
    """``https://doi.org/10.1/X`` / ``doi:10.1/X`` -> ``10.1/x`` (DOIs are case-insensitive)."""
    doi = doi.strip().rstrip(".,;")
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.IGNORECASE)
    return doi.lower()


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str | int) and str(value).strip():
        return re.sub(r"\s+", " ", str(value)).strip()
    return None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(str(v) for v in value if isinstance(v, str | int) and str(v).strip())


def _year_of(value: Any) -> int | None:
    if not isinstance(value, Mapping):
        return None
    parts = value.get("date-parts")
    if not isinstance(parts, list) or not parts or not isinstance(parts[0], list):
        return None
    head = parts[0][0] if parts[0] else None
    if isinstance(head, int) or (isinstance(head, str) and head.isdigit()):
        return int(head)
    return None


def _authors(value: Any) -> tuple[Author, ...]:
    if not isinstance(value, list):
        return ()
    out: list[Author] = []
    for item in value:
        if not isinstance(item, Mapping):
            continue
        family, given, name = item.get("family"), item.get("given"), item.get("name")
        if isinstance(family, str) and family.strip():
            out.append(Author(family.strip(), given.strip() if isinstance(given, str) else ""))
        elif isinstance(name, str) and name.strip():
            out.append(Author(name.strip()))
    return tuple(out)


def _updates(value: Any) -> tuple[Update, ...]:
    if not isinstance(value, list):
        return ()
    out = []
    for item in value:
        if isinstance(item, Mapping) and isinstance(item.get("DOI"), str):
            out.append(
                Update(
                    normalize_doi(item["DOI"]),
                    str(item.get("type") or "update").lower(),
                    str(item.get("label") or ""),
                )
            )
    return tuple(out)


def _relation_updates(value: Any) -> tuple[Update, ...]:
    """``relation`` entries that announce a notice (``is-retracted-by`` and the like)."""
    if not isinstance(value, Mapping):
        return ()
    out = []
    for kind, items in value.items():
        if not isinstance(items, list) or not re.search(r"retract|correct|concern|withdr", kind):
            continue
        for item in items:
            if isinstance(item, Mapping) and item.get("id-type") == "doi" and item.get("id"):
                out.append(Update(normalize_doi(str(item["id"])), kind.lower()))
    return tuple(out)


def work_from_json(record: Mapping[str, Any]) -> Work | None:
    """A ``Work`` from a Crossref ``message`` (or a work-list item); ``None`` without a DOI."""
    doi = record.get("DOI")
    if not isinstance(doi, str) or not doi.strip():
        return None
    years: list[int] = []
    for key in ("issued", "published-print", "published-online", "published", "created"):
        year = _year_of(record.get(key))
        if year is not None and year not in years:
            years.append(year)
        if key == "published" and years:
            break  # ``created`` is the deposit date: only a last resort
    return Work(
        doi=normalize_doi(doi),
        title=_first(record.get("title")),
        authors=_authors(record.get("author")),
        journal=_first(record.get("container-title")),
        journal_short=_first(record.get("short-container-title")),
        issn=tuple(s.upper() for s in _strings(record.get("ISSN"))),
        years=tuple(years),
        volume=_first(record.get("volume")),
        issue=_first(record.get("issue")),
        pages=_first(record.get("page")) or _first(record.get("article-number")),
        type=_first(record.get("type")),
        updated_by=_updates(record.get("updated-by")) + _relation_updates(record.get("relation")),
        update_to=_updates(record.get("update-to")),
        # The bundled snapshot notes the PMID a public page showed (``x-pmid``).
        pmid=normalize_pmid(record.get("x-pmid")),
    )


def normalize_pmid(value: Any) -> str | None:
    """``"PMID: 123"``, ``123``, ``"123.0"``, ``https://pubmed.ncbi.nlm.nih.gov/123`` ->
    ``"123"``; ``None`` for anything that is not a positive number."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    match = re.fullmatch(
        r"(?:https?://(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov/pubmed)/"
        r"|pmid:?\s*)?0*(\d{1,9})(?:\.0+)?/?",
        text,
        re.IGNORECASE,
    )
    return match.group(1) if match and int(match.group(1)) > 0 else None


def normalize_pmcid(value: Any) -> str | None:
    """``PMC5122160``, ``pmc-id: PMC5122160;``, ``.../pmc/articles/4234579`` -> ``PMC...``."""
    if not isinstance(value, str | int):
        return None
    match = re.search(r"(?:PMC|pmc/articles/)(?:PMC)?(\d+)", str(value), re.IGNORECASE)
    if match is None and str(value).strip().isdigit():
        return f"PMC{str(value).strip()}"
    return f"PMC{match.group(1)}" if match else None
