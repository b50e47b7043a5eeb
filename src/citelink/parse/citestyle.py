"""How an article cites, decided once from its body and its list, and the markers read
accordingly.

Bracketed (``[12]``, ``^[12]``) and true superscript (``¹²``) markers are always read.
Three styles are read only when the article shows it uses them, because their marks are
also ordinary text:
- parenthesised numbers ``(5)`` — when they are the article's way of citing;
- superscripts flattened into digits by PDF extraction (``hypertension43-47.``) — when the
  article has no bracketed markers and such digits follow its reference order;
- author-year ``(Smith et al., 2003)`` — when the list is unnumbered and entries are cited
  by name.
Numeric candidates must follow reference order: an article cites [1] before [2] the first
time (Vancouver); measurements, doses and scale values do not.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from citelink.model import Marker, Reference
from citelink.parse.authoryear import AuthorYearIndex, find_citations
from citelink.parse.markers import (
    Vocabulary,
    drop_scales,
    expand,
    find_flattened_markers,
    find_markers,
    find_paren_markers,
    group_adjacent,
)
from citelink.parse.text import fold_name, name_variants


@dataclass(frozen=True)
class CitationStyle:
    paren: bool = False
    flattened: bool = False
    author_year: bool = False
    # False in an article that cites with plain brackets ("[12]"): its superscripts
    # ("^[3]" from a PDF, "³") are footnote marks and exponents, not citations.
    superscripts: bool = True
    # False in an article whose brackets cite nothing in the list's order while its
    # parenthesised or flattened numbers do: its "[7,1,3]" are a code's parameters.
    brackets: bool = True


def is_superscript(marker: Marker) -> bool:
    return not marker.printed.lstrip().startswith(("[", "［"))


def _brackets_not_superscripts(paragraphs: Sequence[str], max_ref: int) -> bool:
    """The article cites with plain brackets and sets few superscripts of its own: at least
    three bracketed markers, and more of them than superscripts."""
    plain = sup = 0
    for p in paragraphs:
        for marker in find_markers(p, max_ref):
            if is_superscript(marker):
                sup += 1
            else:
                plain += 1
    return plain >= 3 and plain > sup


def _first_mentions_in_order(markers: Sequence[Marker]) -> float:
    """Share of first mentions that do not jump far ahead of what was cited so far."""
    seen = 0
    ok = total = 0
    for marker in markers:
        first = min(marker.refs)
        if first <= seen:
            continue
        total += 1
        ok += first <= seen + 3
        seen = max(seen, max(marker.refs))
    return ok / total if total else 0.0


def _cites_like(
    finder: Callable[[str, int | None], tuple[Marker, ...]],
    paragraphs: Sequence[str],
    max_ref: int,
) -> bool:
    markers = [m for p in paragraphs for m in finder(p, max_ref)]
    covered = {n for m in markers for n in m.refs}
    return (
        len(markers) >= 3
        and len(covered) >= min(max_ref, max(3, max_ref // 4))
        and _first_mentions_in_order(markers) >= 0.7
    )


def _alphabetical(refs: Sequence[Reference]) -> bool:
    """Whether an unnumbered list runs in alphabetical order of its first words (nine
    pairs in ten at least, eight entries or more): a bibliography, not a numbered list
    whose numbers were lost (that runs in the order of citation)."""
    keys = [fold_name(r.authors[0].family if r.authors else r.raw.split()[0]) for r in refs]
    keys = [k for k in keys if k]
    if len(keys) < 8:
        return False
    ordered = sum(a <= b for a, b in pairwise(keys))
    return ordered >= 0.9 * (len(keys) - 1)


def _bracket_style(paragraphs: Sequence[str], max_ref: int) -> CitationStyle:
    return CitationStyle(superscripts=not _brackets_not_superscripts(paragraphs, max_ref))


def detect(paragraphs: Sequence[str], refs: Sequence[Reference]) -> CitationStyle:
    max_ref = max((r.n for r in refs), default=0)
    if not max_ref:
        return CitationStyle()
    # (a number or two in a long list is a stray: a line of notes or code read as an entry)
    unnumbered = sum(r.number_printed for r in refs) <= len(refs) // 20
    if unnumbered:
        index = AuthorYearIndex(refs)
        wanted = min(3, len(refs))
        cited = 0
        for p in paragraphs:  # enough to know the article cites this way
            cited += sum(1 for m in find_citations(p, index) if m.refs)
            if cited >= wanted:
                return CitationStyle(author_year=True)
        if _alphabetical(refs):
            # a bibliography in alphabetical order, unnumbered: the article cites it by
            # name (perhaps in footnotes, "Chicago notes"); its raised or bracketed numbers
            # are notes, not entries by position
            return CitationStyle(author_year=True)
    bracketed = 0
    for p in paragraphs:  # only "a few" or "three or more" matters
        bracketed += len(find_markers(p, max_ref))
        if bracketed >= 3:
            break
    if bracketed >= 3 and _cites_like(find_markers, paragraphs, max_ref):
        return _bracket_style(paragraphs, max_ref)
    paren = _cites_like(find_paren_markers, paragraphs, max_ref)
    # (a bracket or two among flattened superscripts: "[56, pp. 57-59]" printed on the line)
    flattened = not paren and _cites_like(find_flattened_markers, paragraphs, max_ref)
    if bracketed >= 3 and not (paren or flattened):
        return _bracket_style(paragraphs, max_ref)
    # (brackets that cite nothing in the list's order, a code's "[7,1,3]" or an interval's
    # "[0, 1]", leave the article to its parenthesised or flattened numbers)
    return CitationStyle(paren=paren, flattened=flattened, brackets=bracketed < 3)


# A table cell naming a study and its citation: "Cisse (2006)20", "Dicko 2011 (12)",
# "Cisse (unpublished)28", "Cisse28 (unpublished)".
_STUDY_MARKER = re.compile(
    r"\s*[^\W\d_][^\d()]*?(?:\(\s*(?:(?:1[5-9]|20)\d\d[a-z]?|[^\W\d_]+(?: [^\W\d_]+)?)\s*\)|"
    r"(?:1[5-9]|20)\d\d[a-z]?)?\s*(?P<marker>\(?\d{1,3}(?:\s?[-–—,]\s?\d{1,3})*\)?)"
    r"\s*(?:\(\s*[^\W\d_][^()\d]*\))?\s*"
)


class MarkerReader:
    """Reads one article's markers in its style."""

    def __init__(
        self, style: CitationStyle, refs: Sequence[Reference], texts: Sequence[str] = ()
    ) -> None:
        """``texts``: the article's paragraphs, whose words tell a flattened marker's host."""
        self.style = style
        self.max_ref = max((r.n for r in refs), default=None)
        self.index = AuthorYearIndex(refs) if style.author_year else None
        self.vocabulary = Vocabulary(texts) if style.flattened else None
        self.names = {r.n: [a.family for a in r.authors if a.family] for r in refs}
        self.texts = texts
        # Numbers cited so far: the reader is called on the paragraphs in reading order,
        # and a scale's codes are told from citations by what came before them.
        self.cited: set[int] = set()

    def __call__(self, text: str) -> tuple[Marker, ...]:
        if self.index is not None:
            return find_citations(text, self.index)
        found = list(self._bracketed(text))
        if self.style.paren:
            found += find_paren_markers(text, self.max_ref)
        if self.style.flattened:
            found += find_flattened_markers(text, self.max_ref, self.vocabulary)
        found.sort(key=lambda m: m.start)
        kept: list[Marker] = []
        for marker in found:  # overlapping readings: the first (bracketed) wins
            if kept and marker.start < kept[-1].end:
                continue
            kept.append(marker)
        if self.style.paren:
            kept = drop_scales(text, kept, self.cited)
        self.cited.update(n for m in kept for n in m.refs)
        return group_adjacent(text, tuple(kept))

    def _names_any(self, label: str, refs: Sequence[int]) -> bool:
        """Whether a table cell's label names an author of one of ``refs``."""
        words = {fold_name(w) for w in re.findall(r"[^\W\d_][\w'-]*", label)}
        return any(words & name_variants(family) for n in refs for family in self.names.get(n, ()))

    def _cited_after(self, label: str, refs: Sequence[int]) -> bool:
        """Whether the body cites one of ``refs`` right after the cell's label
        ("for LipC (18)" beside a row "LipC (18)")."""
        label = label.strip()
        if not label or not refs:
            return False
        numbers = "|".join(str(n) for n in refs)
        pattern = re.compile(
            rf"{re.escape(label)}[^.;]{{0,30}}?"
            rf"(?:[(\[]\s*(?:{numbers})\s*[)\],]|(?<=[^\W\d_]|\))(?:{numbers})(?!\d))"
        )
        return any(pattern.search(text) for text in self.texts)

    def _bracketed(self, text: str) -> tuple[Marker, ...]:
        found = find_markers(text, self.max_ref)
        if not self.style.brackets:
            found = tuple(m for m in found if is_superscript(m))
        if self.style.superscripts:
            return found
        return tuple(m for m in found if not is_superscript(m))

    def cell_refs(self, cell: str) -> tuple[int, ...]:
        """References a table cell cites: its citation markers, and in an author-year
        article a study label such as ``Smith et al. (2003)`` or ``Smith 2003``."""
        if self.index is None:
            # Only bracketed and superscript markers: in a table "(27)" is a count or an
            # SD and a digit after a word is a footnote, far more often than a citation;
            # except after a study's name and year, in an article that cites that way
            # ("Cisse (2006)20", "Cisse (2006) (20)").
            refs = [n for m in self._bracketed(cell) for n in m.refs]
            study = _STUDY_MARKER.fullmatch(cell)
            if not refs and study and (self.style.flattened or self.style.paren):
                refs = [n for m in self(cell) if m.start >= study.start("marker") for n in m.refs]
                head = cell[: study.start("marker")]
                if not refs and self.style.flattened and re.search(r"(?:1[5-9]|20)\d\d$", head):
                    # a superscript flattened onto the study's year: "Cummings et al., 199627"
                    glued = expand(study.group("marker"))
                    refs = list(glued) if glued and max(glued) <= (self.max_ref or 0) else []
                dated = re.search(r"\b(?:1[5-9]|20)\d\d[a-z]?\b", head)
                if not (dated or self._names_any(head, refs) or self._cited_after(head, refs)):
                    refs = []  # "Handicap (6)": a count, not a study (a date, a name, or
                    # the body's citing it so would make it one)
            return tuple(dict.fromkeys(refs))
        refs = [n for m in self(cell) for n in m.refs]
        if not refs:
            label = re.fullmatch(r"\s*(.+?)\s*[,(]?\s*((?:1[5-9]|20)\d\d[a-z]?)\s*\)?\s*", cell)
            if label:
                refs += [
                    n
                    for m in find_citations(f"({label.group(1)}, {label.group(2)})", self.index)
                    for n in m.refs
                ]
        return tuple(dict.fromkeys(refs))
