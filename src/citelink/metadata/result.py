"""What the check says about each reference: plain frozen data, rendered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from citelink.metadata.work import Work
from citelink.model import Severity


class Status(StrEnum):
    """One verdict per reference (``docs/matching.md`` says when each applies)."""

    VERIFIED = "verified"  # a record matches; nothing but typography differs
    DISCREPANCIES = "discrepancies"  # a real work whose printed details differ
    IDENTIFIER_MISMATCH = "identifier-mismatch"  # the printed DOI/PMID is another work's
    NOT_FOUND_ANYWHERE = "not-found-anywhere"  # every source answered; none holds it
    NOT_FOUND = "not-found"  # not found, but a source that could know was not asked
    UNVERIFIABLE = "unverifiable"  # a source that could know failed (the reason is given)
    UNCHECKED = "unverifiable"  # the earlier name of UNVERIFIABLE (an alias)


class Origin(StrEnum):
    """Where a metadata answer came from. Nothing local is ever presented as live: a live
    answer is named for its source (``crossref``, ``pubmed``, ...)."""

    CROSSREF = "crossref"  # a live HTTP response from Crossref
    PUBMED = "pubmed"  # live from NCBI E-utilities
    OPENALEX = "openalex"  # live from OpenAlex
    DATACITE = "datacite"  # live from DataCite
    CACHE = "cache"  # a response stored by requests-cache on an earlier run
    INDEX = "index"  # the embedded local index (offline snapshot or a data file)
    NONE = "none"


@dataclass(frozen=True)
class Discrepancy:
    field: str
    printed: str
    registered: str
    severity: Severity
    message: str = ""


@dataclass(frozen=True)
class Notice:
    """A retraction, correction, withdrawal or expression of concern about the work."""

    kind: str
    doi: str  # the notice's DOI ("" when the reporter gives none)
    label: str
    severity: Severity
    source: str  # who reported it: crossref, openalex, pubmed, retraction-watch
    origin: Origin = Origin.NONE  # live, cache or index
    record: str = ""  # the reporter's record id (Retraction Watch's Record ID)
    date: str = ""  # ISO date of the notice, where known
    reason: str = ""


@dataclass(frozen=True)
class Candidate:
    """A record a source proposed that was not accepted: shown for not-found verdicts."""

    source: str
    score: float
    title: str | None
    ids: dict[str, str]
    why: str


@dataclass(frozen=True)
class RefCheck:
    n: int
    status: Status
    message: str
    doi: str | None = None
    score: float | None = None
    source: Origin = Origin.NONE
    discrepancies: tuple[Discrepancy, ...] = ()
    notices: tuple[Notice, ...] = ()
    work: Work | None = None
    found_by: str | None = None  # "identifier" or "search"
    ids: dict[str, str] = field(default_factory=dict)  # doi, pmid, pmcid, openalex
    # Each source and what it said: found, none, error: ..., not-asked.
    sources: dict[str, str] = field(default_factory=dict)
    candidates: tuple[Candidate, ...] = ()  # the nearest rejected records (not found)

    @property
    def found_in(self) -> str | None:
        """The source whose record the verdict rests on."""
        return self.work.source if self.work is not None else None


@dataclass(frozen=True)
class CheckReport:
    checks: tuple[RefCheck, ...]
    requests: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}  # aliases are listed once
        for check in self.checks:
            counts[check.status.value] += 1
        return counts

    def get(self, n: int) -> RefCheck | None:
        return next((c for c in self.checks if c.n == n), None)
