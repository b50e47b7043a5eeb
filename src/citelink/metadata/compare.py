"""Field-by-field discrepancies between a printed reference and the work it was matched to,
and the notices (retractions, corrections) attached to that work. Pure functions.

Severity follows what a difference does to a reader trying to find the work: another
journal, year, volume or first page sends them elsewhere (error); a misspelled or missing
author or a changed title word is a warning; typography (``S85`` vs ``85``, ``505-512``
vs ``505-512.e1``, a dropped subtitle) is info. A field missing on either side is unknown,
never a discrepancy.
"""

from __future__ import annotations

from collections.abc import Iterable

from citelink.metadata.result import Discrepancy, Notice, Origin
from citelink.metadata.similarity import (
    JournalAgreement,
    journal_agreement,
    normalize_issue,
    page_range,
    same_surname,
    surname_closeness,
    words,
)
from citelink.metadata.work import Update, Work
from citelink.model import Reference, Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


def _title(ref: Reference, work: Work) -> list[Discrepancy]:
    if not ref.title or not work.title:
        return []
    a, b = words(ref.title), words(work.title)
    if not a or not b or a == b:
        return []
    if b[: len(a)] == a:
        return [Discrepancy("title", ref.title, work.title, INFO, "the subtitle is left out")]
    missing = [w for w in b if w not in a]
    extra = [w for w in a if w not in b]
    if not missing and not extra:
        return [Discrepancy("title", ref.title, work.title, INFO, "words in another order")]
    parts = []
    if extra:
        parts.append("printed has " + ", ".join(f"'{w}'" for w in extra[:6]))
    if missing:
        parts.append("registered has " + ", ".join(f"'{w}'" for w in missing[:6]))
    return [Discrepancy("title", ref.title, work.title, W, "; ".join(parts))]


def _authors(ref: Reference, work: Work) -> list[Discrepancy]:
    if not ref.authors or not work.authors:
        return []
    out: list[Discrepancy] = []
    for i, (printed, registered) in enumerate(zip(ref.authors, work.authors, strict=False)):
        if same_surname(printed.family, registered.family):
            continue
        close = surname_closeness(printed.family, registered.family) >= 0.6
        what = "misspelled" if close else "differs"
        out.append(
            Discrepancy(
                "author",
                printed.family,
                registered.family,
                W,
                f"author {i + 1} {what}: printed '{printed.family}', "
                f"registered '{registered.family}'",
            )
        )
    if not ref.et_al and len(ref.authors) < len(work.authors):
        left_out = [a.family for a in work.authors[len(ref.authors) :]]
        out.append(
            Discrepancy(
                "authors",
                f"{len(ref.authors)} authors",
                f"{len(work.authors)} authors",
                W,
                "left out without 'et al': " + ", ".join(left_out[:6]),
            )
        )
    return out


def _journal(ref: Reference, work: Work) -> list[Discrepancy]:
    agreement = journal_agreement(ref.journal, work.journal, work.journal_short)
    registered = work.journal or work.journal_short or ""
    if agreement == JournalAgreement.DIFFERENT and ref.journal:
        return [Discrepancy("journal", ref.journal, registered, E, "a different journal")]
    if agreement == JournalAgreement.TRUNCATED and ref.journal:
        return [
            Discrepancy(
                "journal",
                ref.journal,
                registered,
                INFO,
                "the printed title abbreviates only the start of it (journals get renamed)",
            )
        ]
    return []


def _year(ref: Reference, work: Work) -> list[Discrepancy]:
    if ref.year is None or not work.years or ref.year in work.years:
        return []
    return [Discrepancy("year", str(ref.year), str(work.years[0]), E, "a different year")]


def _volume_issue(ref: Reference, work: Work) -> list[Discrepancy]:
    out = []
    if ref.volume and work.volume and ref.volume.strip().lower() != work.volume.strip().lower():
        out.append(Discrepancy("volume", ref.volume, work.volume, E, "a different volume"))
    a, b = normalize_issue(ref.issue), normalize_issue(work.issue)
    if a and b and a != b and ref.issue and work.issue:
        out.append(Discrepancy("issue", ref.issue, work.issue, W, "a different issue"))
    return out


def _pages(ref: Reference, work: Work) -> list[Discrepancy]:
    printed, registered = page_range(ref.pages), page_range(work.pages)
    if printed is None or registered is None or not ref.pages or not work.pages:
        return []
    if printed[0] != registered[0]:
        return [Discrepancy("pages", ref.pages, work.pages, E, "a different first page")]
    if printed[1] and registered[1] and printed[1] != registered[1]:
        return [Discrepancy("pages", ref.pages, work.pages, W, "a different last page")]
    if ref.pages.replace(" ", "").lower() != work.pages.replace(" ", "").lower() and (
        printed[1] or not registered[1]
    ):
        return [Discrepancy("pages", ref.pages, work.pages, INFO, "written differently")]
    return []


def discrepancies(ref: Reference, work: Work) -> tuple[Discrepancy, ...]:
    return tuple(
        d
        for check in (_authors, _title, _journal, _year, _volume_issue, _pages)
        for d in check(ref, work)
    )


def _notice_kind(kind: str) -> tuple[str, Severity]:
    kind = kind.lower()
    if "retract" in kind or "withdr" in kind or "removal" in kind:
        return "retraction", E
    if "concern" in kind:
        return "expression-of-concern", E
    return "correction", W


def notice_kind(kind: str) -> tuple[str, Severity]:
    """A notice's kind (retraction, expression-of-concern, correction) and severity from
    any source's word for it (``retraction``, ``Expression of concern``, ``erratum``)."""
    return _notice_kind(kind)


def notices(
    updates: Iterable[Update], source: str = "crossref", origin: Origin = Origin.NONE
) -> tuple[Notice, ...]:
    """One notice per distinct notice DOI, most severe first."""
    seen: dict[str, Notice] = {}
    for update in updates:
        kind, severity = _notice_kind(update.type)
        if update.doi not in seen or severity.rank > seen[update.doi].severity.rank:
            seen[update.doi] = Notice(
                kind, update.doi, update.label or kind, severity, source, origin
            )
    return sorted_notices(seen.values())


def sorted_notices(found: Iterable[Notice]) -> tuple[Notice, ...]:
    """Most severe first; one per (source, notice DOI or record)."""
    unique: dict[tuple[str, str, str], Notice] = {}
    for n in found:
        unique.setdefault((n.source, n.doi, n.record), n)
    return tuple(sorted(unique.values(), key=lambda n: (-n.severity.rank, n.source, n.doi)))


def notices_from_works(target: str, notice_works: Iterable[Work]) -> list[Update]:
    """Updates found by asking which records update ``target`` (``filter=updates:DOI``)."""
    out = []
    for w in notice_works:
        for u in w.update_to:
            if u.doi == target:
                out.append(Update(w.doi, u.type, u.label or (w.title or "")))
    return out
