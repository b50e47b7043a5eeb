"""A printed reference corrected from the record it was matched to (``bib --suggest``):
every field the check found different, and every field the article left out, takes the
record's value; what agrees stays as printed. Pure.

Unlike ``enrich`` (which only adds what is missing and keeps disagreements as printed),
this is a proposal for the author to review: the diff says what changed.
"""

from __future__ import annotations

import dataclasses

from citelink.metadata.result import RefCheck, Status
from citelink.metadata.similarity import same_surname
from citelink.model import Reference, Severity

# Fields a discrepancy names -> the Reference fields it corrects.
_FIELDS = {
    "title": ("title",),
    "journal": ("journal",),
    "year": ("year",),
    "volume": ("volume",),
    "issue": ("issue",),
    "pages": ("pages",),
    "doi": ("doi",),
    "pmid": ("pmid",),
    "author": ("authors",),
    "authors": ("authors",),
}


@dataclasses.dataclass(frozen=True)
class Suggestion:
    reference: Reference
    changed: tuple[tuple[str, str, str], ...]  # (field, printed, suggested)


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "; ".join(f"{a.family} {a.given}".strip() for a in value)
    return "" if value is None else str(value)


def suggest(ref: Reference, check: RefCheck) -> Suggestion:
    """The corrected reference; unchanged when nothing was matched."""
    work = check.work
    if work is None or check.status is Status.NOT_FOUND_ANYWHERE:
        return Suggestion(ref, ())
    wrong = {
        name
        for d in check.discrepancies
        if d.severity is not Severity.INFO
        for name in _FIELDS.get(d.field, ())
    }
    registered: dict[str, object] = {
        "title": work.title,
        "journal": work.journal_short or work.journal,
        "year": work.year,
        "volume": work.volume,
        "issue": work.issue,
        "pages": work.pages,
        "doi": work.doi or None,
        "pmid": work.pmid,
    }
    changes: dict[str, object] = {}
    for name, value in registered.items():
        if value in (None, ""):
            continue
        printed = getattr(ref, name)
        if (printed in (None, "") or name in wrong) and str(printed) != str(value):
            changes[name] = value
    if work.authors and ("authors" in wrong or not ref.authors):
        keep = len(ref.authors) if ref.et_al and ref.authors else len(work.authors)
        authors = work.authors[: max(keep, 1)]
        if not all(
            same_surname(a.family, b.family) for a, b in zip(authors, ref.authors, strict=False)
        ) or len(authors) != len(ref.authors):
            changes["authors"] = authors
            changes["et_al"] = ref.et_al and len(authors) < len(work.authors)
    if not changes:
        return Suggestion(ref, ())
    changed = tuple(
        (name, _show(getattr(ref, name)), _show(value))
        for name, value in changes.items()
        if name != "et_al"
    )
    return Suggestion(dataclasses.replace(ref, **changes), changed)  # type: ignore[arg-type]
