"""What a matched record adds to a printed reference for the .bib: the DOI, the full author
list, the full journal title, the ISSN and missing volume/issue/pages. Printed values that
disagree with the record are kept as printed (the check reports them); only what agrees or
was absent is filled in. Pure."""

from __future__ import annotations

import dataclasses

from citelink.bibtex import to_bibtex
from citelink.metadata.result import CheckReport
from citelink.metadata.similarity import JournalAgreement, journal_agreement, same_surname
from citelink.metadata.work import Work
from citelink.model import Article, Reference


@dataclasses.dataclass(frozen=True)
class Enriched:
    reference: Reference
    fields: tuple[str, ...]  # which reference fields came from the record
    issn: tuple[str, ...] = ()


def enrich(ref: Reference, work: Work) -> Enriched:
    changes: dict[str, object] = {}
    if not ref.doi:
        changes["doi"] = work.doi
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


def enriched_bibtex(article: Article, report: CheckReport) -> str:
    """The article's .bib with every matched reference completed from its record; each
    enriched entry names the fields that came from the record and where it came from."""
    refs: list[Reference] = []
    extras: list[list[tuple[str, str]]] = []
    for ref in article.references:
        check = report.get(ref.n)
        if check is None or check.work is None:
            refs.append(ref)
            extras.append([])
            continue
        done = enrich(ref, check.work)
        refs.append(done.reference)
        extra = [("issn", ", ".join(done.issn))] if done.issn else []
        if done.fields:
            extra += [
                ("citelink-enriched", ", ".join(done.fields)),
                ("citelink-source", f"{check.source.value} {check.work.doi}"),
            ]
        extras.append(extra)
    return to_bibtex(refs, article.path, extras, keys_from=article.references)
