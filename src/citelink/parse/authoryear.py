"""Author-year citations: ``(Smith et al., 2003; Jones and Brown 1999a)``,
``Smith et al. (2003)``, ``(Smith 2003, 2005)``, ``(Zhang 等, 2019)``, resolved against an
unnumbered reference list whose entries are numbered by position.

``AuthorYearIndex`` holds what identifies each entry (first and second author, how many
authors, year and its letter); ``find_citations`` reads a paragraph and returns markers
whose refs are the entries they name, with every item it could not resolve (no entry, or
several) kept on the marker for lint to report, quoted as printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citelink.model import Marker, Reference
from citelink.parse.text import fold_name, name_variants

_YEAR = r"(?:1[5-9]|20)\d\d"
_YEAR_ITEM = rf"(?:{_YEAR}[a-z]?|(?i:in press|forthcoming|n\.\s?d\.))"
_YEARS = rf"{_YEAR_ITEM}(?:\s*,\s*{_YEAR_ITEM})*"
_PARTICLES = (
    r"(?:van|von|der|den|de|da|del|della|di|du|la|le|ter|ten|el|al|dos|das"
    r"|De|Van|Von|Le|La|Du|Di|Da|Del)"
)
_SURNAME = (
    rf"(?:{_PARTICLES}\s+)*[A-Z\u00C0-\u024F][\w'’\u00C0-\u024F-]*"
    rf"(?:\s+(?:{_PARTICLES}\s+)*[A-Z\u00C0-\u024F][\w'’\u00C0-\u024F-]*)?"
)
_HAN_NAME = r"[\u3400-\u9fff]{1,4}"
_NAMES = (
    rf"(?P<first>{_SURNAME}|{_HAN_NAME})"
    rf"(?:\s*(?P<etal>et\s+al\.?|等人?|and\s+colleagues)"
    rf"|\s+(?:and|&)\s+(?P<second>{_SURNAME})"
    rf"|\s*(?:和|与)\s*(?P<second_han>{_HAN_NAME}))?"
)
_ITEM = re.compile(
    rf"^\s*(?i:(?:e\.g\.|i\.e\.|see(?:\s+also)?|cf\.|reviewed\s+(?:in|by)|as\s+in)[,:]?\s+)?"
    rf"{_NAMES}\s*,?\s*(?P<years>{_YEARS})\s*(?i:,\s*(?:p|pp|fig|table)\.?\s*[\w-]+)?\s*$"
)
_GROUP = re.compile(r"[(\[（]([^()\[\]（）]{4,400}?)[)\]）]")
_NARRATIVE = re.compile(rf"(?P<names>{_NAMES})\s*[(（]\s*(?P<years>{_YEARS})\s*[)）]")


@dataclass(frozen=True)
class _Entry:
    n: int
    first: frozenset[str]
    second: frozenset[str]
    authors: int
    et_al: bool
    year: str | None
    letter: str


def _year_letter(ref: Reference) -> tuple[str | None, str]:
    if ref.year is None:
        return None, ""
    m = re.search(rf"\b{ref.year}([a-z])\b", ref.raw)
    return str(ref.year), m.group(1) if m else ""


class AuthorYearIndex:
    def __init__(self, refs: Sequence[Reference]) -> None:
        entries = []
        for ref in refs:
            if not ref.authors:
                continue
            year, letter = _year_letter(ref)
            second = name_variants(ref.authors[1].family) if len(ref.authors) > 1 else frozenset()
            entries.append(
                _Entry(
                    ref.n,
                    name_variants(ref.authors[0].family),
                    second,
                    len(ref.authors),
                    ref.et_al,
                    year,
                    letter,
                )
            )
        self.entries = tuple(entries)
        self.by_name: dict[str, list[_Entry]] = {}
        for entry in entries:
            for variant in entry.first:
                self.by_name.setdefault(variant, []).append(entry)
        self.surnames = frozenset(self.by_name)

    def knows(self, surname: str) -> bool:
        return bool(name_variants(surname) & self.surnames)

    def resolve(self, first: str, second: str | None, et_al: bool, year: str) -> tuple[int, ...]:
        """Entries matching one name-year item (several: ambiguous; none: unmatched)."""
        names = name_variants(first)
        year_digits = re.match(r"\d{4}", year)
        letter = year[4:5] if year_digits else ""
        candidates = {id(e): e for v in names for e in self.by_name.get(v, ())}.values()
        found = [
            e
            for e in candidates
            if (
                (year_digits and e.year == year_digits.group(0))
                or (not year_digits and e.year is None)
            )
        ]
        found.sort(key=lambda e: e.n)
        if second:
            both = [e for e in found if e.second & name_variants(second)]
            found = both or found
        elif et_al:
            many = [e for e in found if e.authors >= 3 or e.et_al]
            found = many or found
        else:
            alone = [e for e in found if e.authors == 1 and not e.et_al]
            found = alone or found
        if letter:
            lettered = [e for e in found if e.letter == letter]
            found = lettered or ([e for e in found if not e.letter] if len(found) > 1 else found)
        return tuple(e.n for e in found)


@dataclass(frozen=True)
class _Item:
    text: str
    first: str
    second: str | None
    et_al: bool
    years: tuple[str, ...]


_NAMED_YEAR = re.compile(rf"^\s*(?P<first>[^;]{{2,120}}?)\s*,?\s*(?P<years>{_YEARS})\s*$")


def _items(group: str, index: AuthorYearIndex) -> list[_Item] | None:
    """The name-year items of a parenthetical, or None when it is not a citation at all."""
    out: list[_Item] = []
    for part in re.split(r"\s*[;；]\s*", group):
        m = _ITEM.match(part)
        if m is None:
            # A group author cited by its whole name: "(14CHRONO Centre of ..., 2014)".
            named = _NAMED_YEAR.match(part)
            if named and fold_name(named.group("first")) in index.surnames:
                years = tuple(y.strip() for y in named.group("years").split(","))
                out.append(_Item(part.strip(), named.group("first"), None, False, years))
            continue
        second = m.group("second") or m.group("second_han")
        years = tuple(y.strip() for y in m.group("years").split(","))
        out.append(_Item(part.strip(), m.group("first"), second, bool(m.group("etal")), years))
    return out or None


def _resolve(index: AuthorYearIndex, items: Sequence[_Item]) -> tuple[list[int], list[str]]:
    refs: list[int] = []
    problems: list[str] = []
    for item in items:
        for year in item.years:
            found = index.resolve(item.first, item.second, item.et_al, year)
            if len(found) == 1:
                refs.append(found[0])
            else:
                what = (
                    "matches no entry"
                    if not found
                    else ("matches entries " + ", ".join(f"[{n}]" for n in found))
                )
                label = item.text if len(item.years) == 1 else f"{item.text} ({year})"
                problems.append(f"'{label}' {what}")
    return list(dict.fromkeys(refs)), problems


def find_citations(text: str, index: AuthorYearIndex) -> tuple[Marker, ...]:
    """Author-year citations in ``text``: parenthetical groups and narrative forms."""
    found: list[Marker] = []
    taken: list[tuple[int, int]] = []
    for m in _GROUP.finditer(text):
        items = _items(m.group(1), index)
        if not items or not any(index.knows(i.first) or _looks_cited(i) for i in items):
            continue
        refs, problems = _resolve(index, items)
        found.append(Marker(m.group(), tuple(refs), m.start(), m.end(), tuple(problems)))
        taken.append((m.start(), m.end()))
    for m in _NARRATIVE.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or not index.knows(m.group("first")):
            continue
        item = _Item(
            m.group(),
            m.group("first"),
            m.group("second") or m.group("second_han"),
            bool(m.group("etal")),
            tuple(y.strip() for y in m.group("years").split(",")),
        )
        refs, problems = _resolve(index, [item])
        found.append(Marker(m.group(), tuple(refs), m.start(), m.end(), tuple(problems)))
    return tuple(sorted(found, key=lambda mk: mk.start))


def _looks_cited(item: _Item) -> bool:
    """An item naming an author the list lacks still reads as a citation when it has the
    citation's shape (et al., or two names): worth reporting as unmatched."""
    return item.et_al or item.second is not None
