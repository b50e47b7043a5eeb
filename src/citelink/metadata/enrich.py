"""What a matched record adds to a printed reference for the .bib: the DOI, the full author
list, the full journal title, the ISSN and missing volume/issue/pages. Printed values that
disagree with the record are kept as printed (the check reports them); only what agrees or
was absent is filled in. Pure."""

from __future__ import annotations

import dataclasses

from citelink.metadata.similarity import JournalAgreement, journal_agreement, same_surname
from citelink.metadata.work import Work
from citelink.model import Reference


@dataclasses.dataclass(frozen=True)
class Enriched:
    reference: Reference
    fields: tuple[str, ...]  # which reference fields came from the record
    issn: tuple[str, ...] = ()


def enrich(ref: Reference, work: Work) -> Enriched:
    changes: dict[str, object] = {}
    if not ref.doi and work.doi:
        changes["doi"] = work.doi
    if not ref.pmid and work.pmid:
        changes["pmid"] = work.pmid
    printed, registered = ref.authors, work.authors
    if len(registered) > len(printed) and all(
        same_surname(p.family, r.family) for p, r in zip(printed, registered, strict=False)
    ):
        changes["authors"], changes["et_al"] = registered, False
    if (
        work.journal
        and journal_agreement(ref.journal, work.journal, work.journal_short)
        in (
            JournalAgreement.SAME,
            JournalAgreement.TRUNCATED,
            None,
        )
        and ref.journal != work.journal
        and ref.type == "article"
    ):
        changes["journal"] = work.journal
    for name, value in (
        ("year", work.year),
        ("volume", work.volume),
        ("issue", work.issue),
        ("pages", work.pages),
        ("title", work.title),
    ):
        if getattr(ref, name) in (None, "") and value:
            changes[name] = value
    fields = tuple(changes.keys() - {"et_al"})
    issn = work.issn
    return Enriched(
        dataclasses.replace(ref, **changes),  # type: ignore[arg-type]
        tuple(sorted(fields)) + (("issn",) if issn else ()),
        issn,
    )
