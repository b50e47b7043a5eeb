"""What the check says about each reference: plain frozen data, rendered elsewhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from citelink.metadata.work import Work
from citelink.model import Severity


class Status(StrEnum):
    VERIFIED = "verified"
    DISCREPANCIES = "discrepancies"
    NOT_FOUND = "not-found"
    UNCHECKED = "unchecked"


class Origin(StrEnum):
    """Where a metadata answer came from. Nothing local is ever presented as live."""

    CROSSREF = "crossref"  # a live HTTP response
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
    doi: str
    label: str
    severity: Severity
    source: Origin


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


@dataclass(frozen=True)
class CheckReport:
    checks: tuple[RefCheck, ...]
    requests: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, int]:
        counts = {status.value: 0 for status in Status}
        for check in self.checks:
            counts[check.status.value] += 1
        return counts

    def get(self, n: int) -> RefCheck | None:
        return next((c for c in self.checks if c.n == n), None)
