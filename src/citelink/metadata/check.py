"""One status per reference: resolve a printed DOI, otherwise search; validate every
candidate; report discrepancies and notices. Sources are asked in order (the HTTP cache or
Crossref first, then the local index); the first definitive answer is used.

The decisions are pure (``match``, ``compare``); this module only sequences the questions,
so the same code runs live, from the cache and offline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from citelink.metadata import compare
from citelink.metadata.match import best_match, confirms_doi, decide
from citelink.metadata.result import CheckReport, Discrepancy, Notice, Origin, RefCheck, Status
from citelink.metadata.sources import Answer, Source, State
from citelink.metadata.work import Work, normalize_doi
from citelink.model import Reference, Severity

SEARCH_ROWS = 5


@dataclass(frozen=True)
class _Asked:
    """The first definitive answer to one question, and what the other sources said."""

    answer: Answer | None
    failures: tuple[str, ...]


def _ask(sources: Sequence[Source], question: Callable[[Source], Answer]) -> _Asked:
    failures: list[str] = []
    for source in sources:
        answer = question(source)
        if answer.state is State.OK:
            return _Asked(answer, tuple(failures))
        if answer.state is State.ERROR:
            failures.append(f"{source.name}: {answer.reason}")
    return _Asked(None, tuple(failures))


def _notices(sources: Sequence[Source], work: Work, origin: Origin) -> tuple[Notice, ...]:
    updates = list(work.updated_by)
    asked = _ask(sources, lambda s: s.updates(work.doi))
    if asked.answer is not None:
        updates += compare.notices_from_works(work.doi, asked.answer.works)
    return compare.notices(updates, asked.answer.origin if asked.answer else origin)


def _matched(
    ref: Reference,
    work: Work,
    origin: Origin,
    score: float,
    sources: Sequence[Source],
    extra: tuple[Discrepancy, ...] = (),
    how: str = "",
) -> RefCheck:
    found = extra + compare.discrepancies(ref, work)
    notices = _notices(sources, work, origin)
    serious = [d for d in found if d.severity is not Severity.INFO]
    status = Status.DISCREPANCIES if serious else Status.VERIFIED
    message = f"{how} {work.doi} ({origin.value})"
    if serious:
        message += "; " + ", ".join(sorted({d.field for d in serious})) + " differ"
    return RefCheck(ref.n, status, message.strip(), work.doi, score, origin, found, notices, work)


def check_reference(ref: Reference, sources: Sequence[Source]) -> RefCheck:
    failures: list[str] = []
    extra: tuple[Discrepancy, ...] = ()
    if ref.doi:
        doi = normalize_doi(ref.doi)
        asked = _ask(sources, lambda s: s.work(doi))
        failures += asked.failures
        answer = asked.answer
        if answer is not None and answer.works:
            work = answer.works[0]
            if confirms_doi(ref, work):
                score = decide(ref, work).score
                return _matched(ref, work, answer.origin, score, sources, how="printed DOI")
            extra = (
                Discrepancy(
                    "doi",
                    ref.doi,
                    work.doi,
                    Severity.ERROR,
                    f"the printed DOI is registered to another work: '{work.title or '?'}'",
                ),
            )
        elif answer is not None and answer.origin is not Origin.INDEX:
            extra = (
                Discrepancy(
                    "doi", ref.doi, "", Severity.ERROR, "the printed DOI is not registered"
                ),
            )
    if not (ref.title or ref.authors):
        return RefCheck(ref.n, Status.UNCHECKED, "too little parsed to search for it")
    asked = _ask(sources, lambda s: s.search(ref, SEARCH_ROWS))
    failures += asked.failures
    answer = asked.answer
    if answer is not None:
        best = best_match(ref, answer.works)
        if best is not None:
            work, decision = best
            if extra and extra[0].registered == work.doi:
                extra = ()
            return _matched(ref, work, answer.origin, decision.score, sources, extra, "matched")
    if answer is None or (failures and answer.origin is Origin.INDEX):
        # No source could say, or only the (partial) index could while Crossref failed.
        why = "; ".join(failures) or "not in the HTTP cache (offline) and no local index"
        return RefCheck(
            ref.n, Status.UNCHECKED, f"could not check: {why}"[:300], discrepancies=extra
        )
    message = (
        "not in the local index (offline: says nothing about whether it is registered)"
        if answer.origin is Origin.INDEX
        else "no matching record in Crossref"
    )
    return RefCheck(
        ref.n,
        Status.NOT_FOUND,
        message,
        source=answer.origin,
        discrepancies=extra,
    )


def check_references(
    refs: Sequence[Reference],
    sources: Sequence[Source],
    progress: Callable[[RefCheck], None] = lambda check: None,
) -> CheckReport:
    """Check every reference; one failing reference never stops the run."""
    checks = []
    for ref in refs:
        check = check_reference(ref, sources)
        progress(check)
        checks.append(check)
    return CheckReport(tuple(checks))
