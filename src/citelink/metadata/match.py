"""Is this registered work the printed reference? Pure scoring over plain data.

``evidence`` compares field by field, with ``None`` for anything one side lacks (records
are often incomplete: unknown is never a mismatch). ``decide`` turns the evidence into a
yes/no with a score; its thresholds were calibrated on the snapshot and synthetic
perturbations of it (``benchmarks/calibrate_matching.py``, ``docs/matching.md``). A wrong
DOI is far worse than no DOI, so every rule asks for agreement beyond the title.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from citelink.metadata.similarity import (
    JournalAgreement,
    journal_agreement,
    normalize_issue,
    page_range,
    same_surname,
    title_similarity,
    words,
)
from citelink.metadata.work import NOTICE_TITLE, Work
from citelink.model import Reference


@dataclass(frozen=True)
class Evidence:
    title: float | None
    author: bool | None
    year: bool | None
    journal: JournalAgreement | None
    volume: bool | None
    issue: bool | None
    first_page: bool | None

    @property
    def agreements(self) -> int:
        checks = (self.author, self.year, self.volume, self.first_page)
        journal = self.journal is not None and self.journal != JournalAgreement.DIFFERENT
        return sum(c is True for c in checks) + journal

    @property
    def contradictions(self) -> int:
        return sum(c is False for c in (self.author, self.year, self.volume, self.first_page))


@dataclass(frozen=True)
class Decision:
    accepted: bool
    score: float
    evidence: Evidence
    reason: str


def _eq(a: str | None, b: str | None) -> bool | None:
    if not a or not b:
        return None
    return a.strip().lower() == b.strip().lower()


def evidence(ref: Reference, work: Work) -> Evidence:
    author: bool | None = None
    if ref.authors and work.authors:
        author = same_surname(ref.authors[0].family, work.authors[0].family)
    year: bool | None = None
    if ref.year is not None and work.years:
        year = ref.year in work.years
    pages = page_range(ref.pages)
    registered_pages = page_range(work.pages)
    first_page = (
        None if pages is None or registered_pages is None else (pages[0] == registered_pages[0])
    )
    issue_a, issue_b = normalize_issue(ref.issue), normalize_issue(work.issue)
    return Evidence(
        title=title_similarity(ref.title, work.title),
        author=author,
        year=year,
        journal=journal_agreement(ref.journal, work.journal, work.journal_short),
        volume=_eq(ref.volume, work.volume),
        issue=None if not issue_a or not issue_b else issue_a == issue_b,
        first_page=first_page,
    )


# Calibrated thresholds (docs/matching.md): (minimum title similarity, minimum agreements,
# maximum contradictions). A rule with title ``None`` applies when titles cannot be compared.
RULES: tuple[tuple[float | None, int, int], ...] = (
    (0.97, 2, 1),
    (0.90, 1, 0),
    (0.75, 3, 0),
    (0.60, 4, 0),
    (None, 4, 0),
)
# A long title that matches (nearly) word for word is itself the evidence when neither side
# has anything else to compare; short titles ("Acute liver failure") recur too often.
LONG_TITLE_WORDS = 8


def decide(ref: Reference, work: Work) -> Decision:
    ev = evidence(ref, work)
    agree, contra = ev.agreements, ev.contradictions
    score = round(
        0.6 * (ev.title if ev.title is not None else 0.5)
        + 0.4 * (agree / (agree + contra) if agree + contra else 0.0),
        4,
    )
    if work.is_notice and not (ref.title and NOTICE_TITLE.match(ref.title)):
        return Decision(False, score, ev, "the record is a notice about a work, not the work")
    for min_title, min_agree, max_contra in RULES:
        title_ok = (
            ev.title is None
            if min_title is None
            else (ev.title is not None and ev.title >= min_title)
        )
        if title_ok and agree >= min_agree and contra <= max_contra:
            return Decision(True, score, ev, "accepted")
    if (
        ev.title is not None
        and ev.title >= 0.97
        and contra == 0
        and len(words(ref.title or "")) >= LONG_TITLE_WORDS
    ):
        return Decision(True, score, ev, "accepted on a long identical title")
    return Decision(
        False, score, ev, f"title {ev.title}, {agree} fields agree, {contra} contradict"
    )


def best_match(ref: Reference, works: Iterable[Work]) -> tuple[Work, Decision] | None:
    """The accepted candidate with the highest score (ties: the first, as ranked)."""
    best: tuple[Work, Decision] | None = None
    for work in works:
        decision = decide(ref, work)
        if decision.accepted and (best is None or decision.score > best[1].score):
            best = (work, decision)
    return best


def confirms_doi(ref: Reference, work: Work) -> bool:
    """Whether the work a printed DOI resolves to is plausibly the printed reference:
    the DOI itself is strong evidence, so the bar is lower than for a search hit, but a
    DOI pointing at a different work (the most dangerous citation defect) must be caught."""
    ev = evidence(ref, work)
    if ev.title is not None:
        return ev.title >= 0.5 or (ev.agreements >= 3 and ev.contradictions <= 1)
    return (ev.agreements >= 1 and ev.contradictions <= ev.agreements - 1) or (
        ev.agreements == 0 and ev.contradictions == 0
    )
