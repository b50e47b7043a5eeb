"""One verdict per reference, from every source: resolve a printed DOI (at its registration
agency) or PMID (at PubMed), otherwise search Crossref, then OpenAlex, then PubMed, then
DataCite; once a record is accepted, ask the other sources for the same work by its
identifiers, so the verdict carries every DOI, PMID, PMCID and OpenAlex id they hold.

Each source is a *lane*: its HTTP client (live or the HTTP cache), then the local index's
records of that source. A lane's answer is definitive when a server (or its cached
answer) gave it, or when the index holds a matching record; "not in the index" is not
(the index is partial). The policy is written down in ``docs/matching.md``.

The decisions are pure (``match``, ``compare``); this module only sequences the questions,
so the same code runs live, from the cache and offline.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from citelink.metadata import compare
from citelink.metadata.match import confirms_doi, decide
from citelink.metadata.printed import with_printed_ids
from citelink.metadata.result import (
    Candidate,
    CheckReport,
    Discrepancy,
    Notice,
    Origin,
    RefCheck,
    Status,
)
from citelink.metadata.similarity import words
from citelink.metadata.sources import Answer, Source, State, by_pmid
from citelink.metadata.work import Work, normalize_doi, normalize_pmid
from citelink.model import Reference, Severity

SEARCH_ROWS = 5
SOURCES = ("crossref", "openalex", "pubmed", "datacite")  # the search order
# Whose record the discrepancies are read from when several sources hold the work: the
# registration agencies' records are the publishers' own deposits.
PREFERENCE = ("crossref", "datacite", "pubmed", "openalex")
# DOI prefixes registered with DataCite (arXiv, Zenodo, Dryad, figshare, Mendeley Data,
# PANGAEA, Harvard Dataverse, ICPSR): asked at DataCite first. Any other DOI is asked at
# Crossref first, and at DataCite when Crossref does not know it.
DATACITE_PREFIXES = frozenset(
    {"10.48550", "10.5281", "10.5061", "10.6084", "10.17632", "10.1594", "10.7910", "10.3886"}
)
NEAREST = 3
FOUND, NONE, NOT_ASKED = "found", "none", "not-asked"


class Watch(Protocol):
    """Notices kept locally by the works they name (the Retraction Watch rows)."""

    def watch_notices(self, doi: str | None, pmid: str | None) -> list[Notice]: ...


def agency(doi: str) -> str:
    """The registration agency a DOI is asked at first (``crossref`` or ``datacite``)."""
    return "datacite" if normalize_doi(doi).split("/", 1)[0] in DATACITE_PREFIXES else "crossref"


@dataclass
class Lane:
    """One source as the check sees it: its layers (HTTP, then the index), in order."""

    name: str
    layers: list[Source] = field(default_factory=list)
    # Why the layers before the one that answered failed (the last question).
    failures: list[str] = field(default_factory=list)

    def can(self, method: str) -> bool:
        return any(callable(getattr(layer, method, None)) for layer in self.layers)

    def ask(self, question: Callable[[Source], Answer], method: str) -> Answer:
        self.failures = failures = []
        consulted_index = False
        for layer in self.layers:
            if not callable(getattr(layer, method, None)):
                continue
            answer = question(layer)
            if answer.state is State.OK:
                if answer.works or answer.origin is not Origin.INDEX:
                    return answer
                consulted_index = True  # the index is partial: not there says nothing
            elif answer.state is State.ERROR:
                failures.append(answer.reason)
        if failures:
            return Answer(State.ERROR, Origin.NONE, reason="; ".join(failures))
        origin = Origin.INDEX if consulted_index else Origin.NONE
        return Answer(State.MISS, origin, reason="offline, and not in the cache or local index")


def lanes_of(sources: Sequence[Source]) -> dict[str, Lane]:
    """Sources grouped by the database they speak for, in the order given."""
    lanes: dict[str, Lane] = {}
    for source in sources:
        name = "crossref" if source.name == "index" else source.name  # a Crossref index
        lanes.setdefault(name, Lane(name)).layers.append(source)
    return lanes


@dataclass
class _Found:
    work: Work
    origin: Origin
    source: str


@dataclass
class _Run:
    """What one reference's check has learnt so far."""

    lanes: dict[str, Lane]
    said: dict[str, str] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    found: dict[str, _Found] = field(default_factory=dict)
    first_none: Origin | None = None
    missed_index: bool = False
    candidates: list[Candidate] = field(default_factory=list)
    asked: set[tuple[str, str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        for name in (*SOURCES, *self.lanes):
            self.said.setdefault(name, NOT_ASKED)

    def ask(
        self, name: str, method: str, value: object, question: Callable[[Source], Answer]
    ) -> Answer:
        self.asked.add((name, method, str(value)))
        lane = self.lanes[name]
        answer = lane.ask(question, method)
        if answer.state is State.OK and lane.failures and self.said[name] != FOUND:
            # The server failed and the index answered: only a record it holds counts.
            self.said[name] = f"error: {'; '.join(lane.failures)}"[:300]
            self.failures[name] = "; ".join(lane.failures)
        if answer.state is State.ERROR:
            if self.said[name] != FOUND:
                self.said[name] = f"error: {answer.reason}"[:300]
                self.failures[name] = answer.reason
        elif answer.state is State.MISS:
            self.missed_index = self.missed_index or answer.origin is Origin.INDEX
        return answer

    def none(self, name: str, origin: Origin) -> None:
        """``name`` has no acceptable record: definitive from a server (or its cached
        answer), not from the partial local index."""
        if origin is Origin.INDEX:
            self.missed_index = True
            return
        if self.said[name] == NOT_ASKED:
            self.said[name] = NONE
        if self.first_none is None:
            self.first_none = origin

    def accept(self, name: str, work: Work, origin: Origin) -> None:
        self.said[name] = FOUND
        self.failures.pop(name, None)
        self.found.setdefault(name, _Found(work, origin, name))

    def ids(self) -> dict[str, str]:
        merged: dict[str, str] = {}
        for name in PREFERENCE:
            if name in self.found:
                for key, value in self.found[name].work.ids().items():
                    merged.setdefault(key, value)
        return merged

    def consistent(self, work: Work) -> bool:
        """No identifier of ``work`` contradicts one already established."""
        known = self.ids()
        return all(known.get(k, v) == v for k, v in work.ids().items())

    def reject(self, ref: Reference, name: str, works: Iterable[Work]) -> None:
        for work in works:
            decision = decide(ref, work)
            if not decision.accepted:
                self.candidates.append(
                    Candidate(name, decision.score, work.title, work.ids(), decision.reason)
                )


def _doi_lanes(doi: str, lanes: dict[str, Lane]) -> list[str]:
    first = agency(doi)
    order = [first, "datacite" if first == "crossref" else "crossref"]
    return [n for n in order if n in lanes]


def _resolve_doi(ref: Reference, run: _Run) -> tuple[_Found | None, list[Discrepancy]]:
    assert ref.doi
    doi = normalize_doi(ref.doi)
    names = _doi_lanes(doi, run.lanes) or [n for n in ("openalex", "pubmed") if n in run.lanes]
    definitive: list[str] = []
    for name in names:
        answer = run.ask(name, "work", doi, lambda s: s.work(doi))
        if answer.state is not State.OK:
            continue
        if not answer.works:
            run.none(name, answer.origin)
            definitive.append(name)
            continue
        work = answer.works[0]
        if confirms_doi(ref, work):
            run.accept(name, work, answer.origin)
            return run.found[name], []
        run.none(name, answer.origin)
        run.reject(ref, name, [work])
        message = f"the printed DOI is registered to another work: '{work.title or '?'}'"
        return None, [Discrepancy("doi", ref.doi, work.doi, Severity.ERROR, message)]
    # Not registered: every agency asked said so, its own agency among them (an arXiv DOI
    # is not "unregistered" because Crossref, asked alone, does not know it).
    if names and definitive == names and agency(doi) in names:
        asked = ", ".join(names)
        return None, [
            Discrepancy(
                "doi", ref.doi, "", Severity.ERROR, f"the printed DOI is not registered ({asked})"
            )
        ]
    return None, []


def _resolve_pmid(
    ref: Reference, run: _Run, primary: _Found | None
) -> tuple[_Found | None, list[Discrepancy]]:
    pmid = normalize_pmid(ref.pmid)
    if pmid is None:
        return None, []
    names = [n for n in ("pubmed", "openalex") if n in run.lanes and run.lanes[n].can("pmid")]
    for name in names[:1]:
        answer = run.ask(name, "pmid", pmid, lambda s: s.pmid(pmid))  # type: ignore[attr-defined]
        if answer.state is not State.OK:
            return None, []
        work = answer.works[0] if answer.works else None
        if work is None:
            run.none(name, answer.origin)
            message = f"the printed PMID is not in {name}"
            return None, [Discrepancy("pmid", ref.pmid or pmid, "", Severity.ERROR, message)]
        if confirms_doi(ref, work) and (primary is None or run.consistent(work)):
            run.accept(name, work, answer.origin)
            return run.found[name], []
        run.none(name, answer.origin)
        run.reject(ref, name, [work])
        message = f"the printed PMID is another work's: '{work.title or '?'}'"
        return None, [Discrepancy("pmid", ref.pmid or pmid, pmid, Severity.ERROR, message)]
    return None, []


def _search(ref: Reference, run: _Run) -> _Found | None:
    for name in SOURCES:
        if name not in run.lanes:
            continue
        answer = run.ask(name, "search", ref.n, lambda s: s.search(ref, SEARCH_ROWS))
        if answer.state is not State.OK:
            continue
        best: tuple[Work, float] | None = None
        for work in answer.works:
            decision = decide(ref, work)
            better = best is None or decision.score > best[1]
            if decision.accepted and run.consistent(work) and better:
                best = (work, decision.score)
        if best is not None:
            run.accept(name, best[0], answer.origin)
            return run.found[name]
        run.reject(ref, name, answer.works)
        run.none(name, answer.origin)
    return None


def _cross_link(ref: Reference, run: _Run) -> None:
    """Ask every other source for the accepted work by its identifiers (two rounds: a
    PMID learnt from OpenAlex lets PubMed answer, a DOI learnt from PubMed lets Crossref)."""
    for _round in range(2):
        for name in ("openalex", "pubmed", "crossref", "datacite"):
            if name not in run.lanes or run.said[name] == FOUND or name in run.failures:
                continue
            ids = run.ids()
            question = _id_question(name, ids, run)
            if question is None:
                continue
            method, value, ask = question
            if (name, method, value) in run.asked:
                continue
            answer = run.ask(name, method, value, ask)
            if answer.state is not State.OK:
                continue
            fits = [w for w in answer.works if run.consistent(w) and confirms_doi(ref, w)]
            if fits:
                run.accept(name, fits[0], answer.origin)
            else:
                run.none(name, answer.origin)


def _id_question(
    name: str, ids: dict[str, str], run: _Run
) -> tuple[str, str, Callable[[Source], Answer]] | None:
    doi, pmid = ids.get("doi"), ids.get("pmid")
    lane = run.lanes[name]
    if name in ("crossref", "datacite"):
        if doi and agency(doi) == name:
            return "work", doi, lambda s: s.work(doi)
        return None
    if name == "pubmed" and pmid and lane.can("pmid"):
        return "pmid", pmid, by_pmid(pmid)
    if doi:
        return "work", doi, lambda s: s.work(doi)
    if pmid and lane.can("pmid"):
        return "pmid", pmid, by_pmid(pmid)
    return None


def _notices(run: _Run, watch: Watch | None) -> tuple[Notice, ...]:
    found: list[Notice] = []
    ids = run.ids()
    for name, hit in run.found.items():
        if hit.work.updated_by:
            found += compare.notices(hit.work.updated_by, name, hit.origin)
        if hit.work.is_retracted:
            found.append(
                Notice(
                    "retraction",
                    "",
                    f"{name} marks the work as retracted (is_retracted)",
                    Severity.ERROR,
                    name,
                    hit.origin,
                )
            )
    doi = ids.get("doi")
    if doi and "crossref" in run.lanes and agency(doi) == "crossref":
        asked = run.lanes["crossref"].ask(lambda s: s.updates(doi), "updates")
        if asked.state is State.OK:
            updates = compare.notices_from_works(doi, asked.works)
            found += compare.notices(updates, "crossref", asked.origin)
    if watch is not None:
        found += watch.watch_notices(doi, ids.get("pmid"))
    return compare.sorted_notices(found)


def _searchable(ref: Reference) -> bool:
    """Enough to search for: a title of three words or more, or authors with a year or a
    journal ("Ibid." is neither; searching it would only find noise)."""
    long_title = len(words(ref.title or "")) >= 3
    return long_title or bool(ref.authors and (ref.year or ref.journal))


def _describe(origin: Origin, source: str) -> str:
    return origin.value if origin.value == source else f"{source}, {origin.value}"


def check_reference(
    ref: Reference, sources: Sequence[Source] | dict[str, Lane], watch: Watch | None = None
) -> RefCheck:
    lanes = sources if isinstance(sources, dict) else lanes_of(sources)
    ref = with_printed_ids(ref)
    run = _Run(lanes)
    extra: list[Discrepancy] = []
    primary: _Found | None = None
    found_by = "identifier"
    if ref.doi:
        primary, extra = _resolve_doi(ref, run)
    if ref.pmid:
        hit, more = _resolve_pmid(ref, run, primary)
        primary = primary or hit
        extra += more
    if primary is None:
        found_by = "search"
        if not _searchable(ref):
            return _verdict_without(ref, run, extra, "too little parsed to search for it")
        primary = _search(ref, run)
    if primary is None:
        return _verdict_without(ref, run, extra)
    _cross_link(ref, run)
    extra = [d for d in extra if not (d.field == "doi" and d.registered in run.ids().values())]
    best = next(run.found[n] for n in (*PREFERENCE, *run.found) if n in run.found)
    work = best.work
    found = tuple(extra) + compare.discrepancies(ref, work)
    serious = [d for d in found if d.severity is not Severity.INFO]
    if any(d.field in ("doi", "pmid") and d.severity is Severity.ERROR for d in found):
        status = Status.IDENTIFIER_MISMATCH
    else:
        status = Status.DISCREPANCIES if serious else Status.VERIFIED
    how = "printed identifier" if found_by == "identifier" else "matched"
    message = f"{how} {work.key} ({_describe(best.origin, best.source)})"
    if serious:
        fields = sorted({d.field for d in serious})
        message += "; " + ", ".join(fields) + (" differs" if len(fields) == 1 else " differ")
    ids = run.ids()
    return RefCheck(
        ref.n,
        status,
        message,
        ids.get("doi"),
        decide(ref, work).score,
        best.origin,
        found,
        _notices(run, watch),
        work,
        found_by=found_by,
        ids=ids,
        sources=dict(run.said),
    )


def _verdict_without(
    ref: Reference, run: _Run, extra: list[Discrepancy], why: str = ""
) -> RefCheck:
    """No record accepted: which of identifier-mismatch, unverifiable, not-found or
    not-found-anywhere it is, and why."""
    nearest = tuple(sorted(run.candidates, key=lambda c: -c.score)[:NEAREST])

    def verdict(status: Status, message: str, origin: Origin = Origin.NONE) -> RefCheck:
        return RefCheck(
            ref.n,
            status,
            message[:400],
            source=origin,
            discrepancies=tuple(extra),
            sources=dict(run.said),
            candidates=nearest,
        )

    if any(d.severity is Severity.ERROR and d.registered for d in extra):
        return verdict(
            Status.IDENTIFIER_MISMATCH,
            "the printed identifier belongs to another work; the cited work was not found",
            run.first_none or Origin.NONE,
        )
    if why:
        return verdict(Status.UNVERIFIABLE, why)
    if run.failures:
        reasons = "; ".join(f"{n}: {r}" for n, r in run.failures.items())
        return verdict(Status.UNVERIFIABLE, f"could not check: {reasons}"[:300])
    unasked = [n for n in SOURCES if run.said[n] == NOT_ASKED]
    answered = [n for n in SOURCES if run.said[n] == NONE]
    if unasked:
        if not answered and run.missed_index:
            message = (
                "not in the local index (offline: says nothing about whether it is registered)"
            )
        else:
            where = f"not found in {', '.join(answered)}" if answered else "not found"
            message = f"{where}; not asked: {', '.join(unasked)}"
        origin = run.first_none or (Origin.INDEX if run.missed_index else Origin.NONE)
        return verdict(Status.NOT_FOUND, message, origin)
    message = f"not found in any source (asked: {', '.join(answered)})"
    if nearest:
        top = nearest[0]
        message += f"; nearest: '{top.title or '?'}' ({top.source}, {top.score:.2f})"
    return verdict(Status.NOT_FOUND_ANYWHERE, message, run.first_none or Origin.NONE)


def check_references(
    refs: Sequence[Reference],
    sources: Sequence[Source],
    progress: Callable[[RefCheck], None] = lambda check: None,
    watch: Watch | None = None,
) -> CheckReport:
    """Check every reference; one failing reference never stops the run."""
    lanes = lanes_of(sources)
    checks = []
    for ref in refs:
        check = check_reference(ref, lanes, watch)
        progress(check)
        checks.append(check)
    return CheckReport(tuple(checks))
