"""The Retraction Watch database, as Crossref distributes it (one CSV, a row per notice):
rows in, ``WatchRow`` out, and a row as a ``Notice`` on the work it names. Pure apart from
reading the file.

Columns used: ``Record ID``, ``Title``, ``RetractionDate``, ``RetractionDOI``,
``OriginalPaperDOI``, ``OriginalPaperPubMedID``, ``RetractionNature`` and ``Reason``. A
missing PubMed ID is blank, ``0`` or ``0.0`` (IDs may carry a trailing ``.0``); a missing
DOI is blank or ``unavailable``. Dates look like ``7/12/2023 0:00`` (month first).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from citelink.errors import InputError
from citelink.metadata.compare import notice_kind
from citelink.metadata.result import Notice, Origin
from citelink.metadata.work import normalize_doi, normalize_pmid
from citelink.model import Severity

SOURCE = "retraction-watch"
HEADER = "Record ID"
REQUIRED = ("Record ID", "RetractionNature", "OriginalPaperDOI", "OriginalPaperPubMedID")
MAX_FIELD = 1 << 20


@dataclass(frozen=True)
class WatchRow:
    record: str
    nature: str
    date: str  # ISO, or "" when unreadable
    reason: str
    notice_doi: str
    original_doi: str
    original_pmid: str
    title: str = ""


def is_watch_csv(path: Path) -> bool:
    """Whether ``path`` starts like the Retraction Watch CSV (its header row)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf").decode("utf-8", "replace").startswith(HEADER)


def _doi(value: str) -> str:
    value = (value or "").strip()
    if not value or value.lower() in {"unavailable", "na", "n/a", "0"} or "10." not in value:
        return ""
    return normalize_doi(value)


def _date(value: str) -> str:
    match = re.match(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})", value or "")
    if not match:
        match_iso = re.match(r"\s*(\d{4}-\d{2}-\d{2})", value or "")
        return match_iso.group(1) if match_iso else ""
    month, day, year = (int(g) for g in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"


def _reason(value: str) -> str:
    reasons = [r.strip().lstrip("+").strip() for r in (value or "").split(";")]
    return "; ".join(r for r in reasons if r)


def read_rows(path: Path) -> Iterator[WatchRow]:
    """The rows of a Retraction Watch CSV; ``InputError`` for a file that is not one."""
    csv.field_size_limit(MAX_FIELD)
    try:
        text = path.read_bytes().decode("utf-8-sig", "replace")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise InputError(
                f"{path}: not the Retraction Watch CSV (no {', '.join(missing)} column)"
            )
        for row in reader:
            record = (row.get("Record ID") or "").strip()
            original_doi = _doi(row.get("OriginalPaperDOI") or "")
            original_pmid = normalize_pmid(row.get("OriginalPaperPubMedID")) or ""
            if not record or not (original_doi or original_pmid):
                continue  # names no work we could recognise
            yield WatchRow(
                record=record,
                nature=(row.get("RetractionNature") or "").strip() or "Retraction",
                date=_date(row.get("RetractionDate") or ""),
                reason=_reason(row.get("Reason") or ""),
                notice_doi=_doi(row.get("RetractionDOI") or ""),
                original_doi=original_doi,
                original_pmid=original_pmid,
                title=(row.get("Title") or "").strip(),
            )
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV ({exc})") from None


def notice(row: WatchRow, origin: Origin = Origin.INDEX) -> Notice:
    """The row as a notice: named with its record id, nature, date and reason."""
    kind, severity = notice_kind(row.nature)
    if row.nature.lower().startswith("reinstat"):
        kind, severity = "reinstatement", Severity.INFO
    label = f"Retraction Watch record {row.record}: {row.nature}"
    if row.date:
        label += f" ({row.date})"
    if row.reason:
        label += f"; reason: {row.reason}"
    return Notice(
        kind,
        row.notice_doi,
        label[:400],
        severity,
        SOURCE,
        origin,
        record=row.record,
        date=row.date,
        reason=row.reason,
    )
