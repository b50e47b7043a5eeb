"""Author-year citations in any language and form, resolved against an unnumbered
reference list whose entries are numbered by position.

Read by their years: every year in a parenthetical, or after a name, is an item, and the
names before it (back to the previous item) say whose work it is. So the same reader takes
``(Smith et al., 2003; Jones and Brown 1999a)``, ``(Daehler and Strong 1997, Ayres et al.
1999, 2003)``, ABNT ``(SILVA; RESCK; SHARMA, 2002; LEMAINSKI; DA SILVA, 2006)``, original
years ``(BAKHTIN, 1988 [1975], 2008 [1963])``, locators ``(GLUCKSMANN, 1982, p. 97)``,
``Hitchcock 1935:492``, ``(Kharpal, 2023, n.p.)``, narrative ``Chaves (2013, p. 50)``,
``Prochnow, Alcarde e Chien (2004)``, ``NBS (2013, 2014, 2015)``, connectors ``and & e y
und et 和 与``, ``et al.``, ``e col.``, ``等``, a corporate author by its short name
(``Embrapa (1997)``) and an authorless entry by its first title words (``(AEA…, 2014)``,
``Relatório..., 1812``).

Items separated only by commas or semicolons are one citation; words between them or a
page locator end it. An item matching no entry or several is kept on its marker for lint
to report, quoted as printed: ambiguity is reported, never guessed.

``AuthorYearIndex`` holds what identifies each entry (first and second author, how many
authors, year and its letter), in dictionaries: resolving an item costs the same whatever
the length of the list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from anyascii import anyascii
from rapidfuzz.distance import Levenshtein

from citelink.model import Marker, Reference
from citelink.parse.authors import corporate_heading
from citelink.parse.text import (
    ELIDED_PARTICLE,
    EMPTY_NAME,
    NAME_PARTICLES,
    fold_name,
    name_variants,
)

_YEAR = r"(?:1[5-9]|20)\d\d"
_NO_DATE = r"no\s+date|n\.\s?d\.|s\.\s?d\.|s/d|in\s+press|no\s+prelo|en\s+prensa|forthcoming"
# A year (with its letter, its original year "[1975]" or "/1979", or as a date "18/10/2018").
_YEAR_TOKEN = re.compile(
    rf"(?<![\w/.\-])(?:\d{{1,2}}/\d{{1,2}}/)?(?P<year>{_YEAR}[a-rt-z]?|(?i:{_NO_DATE}))(?![\w/])"
    rf"(?:\s*\[[^\[\]]{{1,20}}\]|/{_YEAR}\b)?"
)
# A page or note locator after a year: ", p. 97", ", pp. 3-5", ", n.p.", ":492", ", s/p".
_LOCATOR = re.compile(
    r"\s*(?:,\s*(?:(?:pp?|p[áa]gs?|figs?|tab|cap|chap|vol|v|nota|note)\.?\s*"
    r"(?=\d|[ivxlc]+\b)[\w–-]+(?:\s*[-–]\s*\w+)?|n\.\s?p\.?|s/p|s\.\s?p\.?)|:\s*\d+(?:\s*[-–]\s*\d+)?)",
    re.I,
)
# Lower-case only: a capitalised particle ("De Vries") is read as a name word, so no word
# can be read two ways (which would make matching exponential on "De De De ...").
_PARTICLE = r"(?:van|von|der|den|de|da|das|do|dos|del|della|di|du|la|le|ter|ten|el|al|bin|ibn|y)"
_UPPER = r"[A-Z\u00C0-\u00DE\u0100-\u024F\u0391-\u03A9\u0410-\u042F\u3400-\u9fff]"
_ELIDED = rf"(?:{ELIDED_PARTICLE})?"
_WORD = r"[\w'’.\-/…&]+"
# A name as cited: capitalised words, particles, initials ("Mikhail M. Bakhtin", "DA SILVA",
# "ten Brink", "CQFS-RS/SC", "The Economist", "AEA…", "张三").
_NAME_LIKE = re.compile(
    rf"(?:{_PARTICLE}\s+)*{_ELIDED}{_UPPER}(?:{_WORD})?"
    rf"(?:\s+(?:{_PARTICLE}\s+)*{_ELIDED}{_UPPER}(?:{_WORD})?){{0,7}}"
)
_NAME_TAIL = re.compile(  # (a particle is a word of its own: not the "y" of "by")
    rf"(?<![^\W\d_])(?:(?:{_PARTICLE}\s+)*{_ELIDED}{_UPPER}(?:{_WORD})?)"
    rf"(?:\s+(?:{_PARTICLE}\s+)*{_ELIDED}{_UPPER}(?:{_WORD})?)*$"
)
_ETAL = re.compile(
    r"\s*,?\s*(?:et\s*al(?:ii|\.)?|e\s+cols?\.?|e\s+colaboradores|y\s+cols?\.?"
    r"|and\s+(?:colleagues|co-?workers|collaborators)"
    r"|u\.\s?a\.|et\s+coll?\.?|и\s+др\.?|等人?|ほか|他|ve\s+ark\.?|dkk\.?|m\.\s?fl\.?"
    r"|i\s+in\.?|a\s+kol\.?|và\s+cs\.?|e\s+outros|y\s+otros|and\s+others)\s*\.?\s*,?\s*$",
    re.I,
)
_SPLIT = re.compile(
    r"\s*[;；]\s*|\s*,\s*(?:(?:and|&|e|y|und|et|и)\s+)?|\s+(?:and|&|e|y|und|et|и)\s+|\s*&\s*"
    r"|\s*[和与、]\s*"
)
_LEAD_IN = re.compile(
    r"^(?:e\.\s?g\.|i\.\s?e\.|see(?:\s+also)?|cf\.|compare|reviewed\s+(?:in|by)|as\s+in|ver|veja|"
    r"apud|por\s+ejemplo|por\s+exemplo|vgl\.|z\.\s?b\.|voir)[,:]?\s+",
    re.I,
)
_MORE_LETTERS = re.compile(r"(?:\s*,\s*[a-h](?![\w.]))+")
_POSSESSIVE = re.compile(r"['’]s?\s*$")
_FULL_WIDTH = str.maketrans("（），；：", "(),;:")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")
_ORIGINAL_BEFORE = re.compile(r"(?:\d[a-z]?|[\])])\s*$")
_GROUP = re.compile(r"\(([^()]{2,600})\)|（([^（）]{2,600})）|\[([^\[\]()]{4,400})\]")


@dataclass(frozen=True)
class _Entry:
    n: int
    second: frozenset[str]
    authors: int
    et_al: bool
    year: str | None
    letter: str
    later: tuple[frozenset[str], ...] = ()  # the third author's name variants, and on


def _year_letter(ref: Reference) -> tuple[str | None, str]:
    if ref.year is None:
        return None, ""
    if ref.year_suffix:
        return str(ref.year), ref.year_suffix
    m = re.search(rf"\b{ref.year}([a-z])\b", ref.raw)
    return str(ref.year), m.group(1) if m else ""


# Words an acronym leaves out, in any case: "INSTITUTO NACIONAL DE ESTUDOS E PESQUISAS" is
# INEP.
_ACRONYM_SKIP = frozenset(
    "de da do das dos e y del la las los el of the and for für und des du et a o em en".split()
)


# Generational suffixes a cited name may carry that an entry prints apart from the surname.
_SUFFIXES = frozenset({"neto", "filho", "junior", "jr", "sobrinho"})


def _variants(family: str) -> frozenset[str]:
    """Spellings an entry's first author is cited by. A name of several capitalised words
    ("Environment Canada", "FURTINI NETO", "San Francisco Estuary Invasive Spartina
    Project") is not cited by its last word alone: "Canada" in a citation is a place."""
    variants = name_variants(family)
    words = family.split()
    capitalised = len(words) > 1 and all(w[:1].isupper() for w in words)
    if capitalised and words[0].lower() not in NAME_PARTICLES:  # "Van Gundy" is cited "Gundy"
        variants = variants - {fold_name(words[-1])} | {fold_name(family)}
    return variants


def _fold_dated(text: str) -> str:
    """Letters and digits only, folded: "El Cronista, 24/5/17" -> "elcronista24517"."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).casefold())


def _short_names(family: str) -> set[str]:
    """What a corporate author may be cited by: its abbreviation in brackets ("...
    AGROPECUÁRIA (EMBRAPA)"), its head before a dash or colon ("NBS – National Bureau ..."),
    and the initials of its capitalised words ("INEP" for "Instituto Nacional de Estudos e
    Pesquisas ...")."""
    out: set[str] = set()
    words = family.split()
    if len(words) < 2:
        return out
    for m in re.finditer(r"\(([^()]{2,30})\)", family):
        out.add(fold_name(m.group(1)))
    head = re.split(r"\s+[–—-]\s+|:\s", family, maxsplit=1)[0]
    if head != family:
        out.add(fold_name(head))
    named = family.split(", ", 1)[0]
    if named != family and corporate_heading(named):
        out.add(fold_name(named))  # "American Cancer Society, Global Cancer Facts ..."
    capitals = [
        w
        for w in words
        if w[:1].isupper() and not w.startswith("(") and w.lower() not in _ACRONYM_SKIP
    ]
    if len(capitals) >= 3:
        acronym = fold_name("".join(w[0] for w in capitals))
        # the name may be cited by the initials of its first words only ("Inep")
        out.update(acronym[:k] for k in range(4, len(acronym) + 1))
    out.discard("")
    return out


_T = TypeVar("_T")


class _Memo(dict[str, _T]):
    """``fold_name``/``name_variants`` for one list, remembered for as long as the index
    lives: their shared caches are bounded, and a list of many thousand names would evict
    every name before it is asked for again."""

    def __init__(self, fn: Callable[[str], _T]) -> None:
        super().__init__()
        self.fn = fn

    def __missing__(self, key: str) -> _T:
        value = self[key] = self.fn(key)
        return value


def _swapped(a: str, b: str) -> bool:
    """``b`` is ``a`` with two neighbouring digits swapped (1968 and 1986)."""
    diff = [i for i in range(len(a)) if a[i] != b[i]] if len(a) == len(b) else []
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and a[diff[0]] == b[diff[1]]
        and a[diff[1]] == b[diff[0]]
    )


class AuthorYearIndex:
    def __init__(self, refs: Sequence[Reference]) -> None:
        self._fold: _Memo[str] = _Memo(fold_name)
        self._name_variants: _Memo[frozenset[str]] = _Memo(name_variants)
        self.by_name: dict[str, list[_Entry]] = {}
        self.acronyms: dict[str, list[_Entry]] = {}
        self.heads: dict[str, list[tuple[tuple[str, ...], _Entry, bool]]] = {}
        self.dated: dict[str, list[tuple[str, _Entry]]] = {}
        self.originals = {r.n: str(r.original_year) for r in refs if r.original_year}
        for ref in refs:
            year, letter = _year_letter(ref)
            second = (
                self._name_variants[ref.authors[1].family] if len(ref.authors) > 1 else frozenset()
            )
            later = tuple(self._name_variants[a.family] for a in ref.authors[2:6] if a.family)
            entry = _Entry(ref.n, second, len(ref.authors), ref.et_al, year, letter, later)
            # An entry cited by the first words of its text: "(AEA…, 2014)", "Relatório...".
            head = tuple(w for w in (self._fold[w] for w in ref.raw.split()[:8]) if w)
            if head:
                self.heads.setdefault(head[0][:3], []).append((head, entry, not ref.authors))
            dated = _fold_dated(" ".join(ref.raw.split()[:6]))
            if re.search(r"\d", dated):
                self.dated.setdefault(dated[:3], []).append((dated, entry))
            if not ref.authors:
                continue
            family = ref.authors[0].family
            variants = _variants(family)
            for variant in variants:
                self.by_name.setdefault(variant, []).append(entry)
            shorts = _short_names(family)
            if ref.short_name:
                shorts.add(fold_name(ref.short_name))
            for short in shorts - variants:
                self.acronyms.setdefault(short, []).append(entry)
        self.surnames = frozenset(self.by_name) | frozenset(self.acronyms)
        self._buckets: dict[tuple[str, int], list[str]] | None = None
        self._near: dict[tuple[tuple[str, ...], str], tuple[int, str] | None] = {}
        # item -> entries: an article cites the same works again and again
        self._resolved: dict[tuple[tuple[str, ...], bool, str], tuple[int, ...]] = {}

    def knows(self, surname: str) -> bool:
        return bool(self._name_variants[surname] & self.surnames)

    def _named(self, name: str) -> list[_Entry]:
        """Entries whose first author the printed name is (trying the name without its
        leading words too: "Mikhail M. Bakhtin", "As Rozelle")."""
        words = name.split()
        endings = [" ".join(words[k:]) for k in range(len(words))]
        if len(words) > 1 and self._fold[words[-1]] in _SUFFIXES:
            # "FURTINI NETO et al." for an entry that prints the suffix after the
            # initials ("Furtini AE Neto", NLM's way) or not at all
            endings[1:1] = [" ".join(words[k:-1]) for k in range(len(words) - 1)]
        # the name as printed first ("Para Acosta-Pereira" is "Acosta-Pereira", not a
        # "Pereira"), then its other spellings, then a corporate short name
        for candidate in endings:
            exact = self.by_name.get(self._fold[candidate])
            if exact:
                return list({id(e): e for e in exact}.values())
        for candidate in endings:
            found = {
                id(e): e for v in self._name_variants[candidate] for e in self.by_name.get(v, ())
            }
            if not found:
                found = {id(e): e for e in self.acronyms.get(self._fold[candidate], ())}
            if found:
                return list(found.values())
        return []

    def trim(self, name: str) -> str:
        """The printed name without leading words that are not part of it ("Segundo
        Chaves" -> "Chaves"): its longest ending that names an author of the list."""
        words = name.split()
        for k in range(len(words)):
            candidate = " ".join(words[k:])
            if self._fold[candidate] in self.surnames:
                return candidate
        return name

    def _titled(self, name: str, any_entry: bool) -> list[_Entry]:
        """Entries whose text starts with the cited words: authorless ones, or any entry
        when the citation marks its words as cut short ("MAR…", "Relatório...")."""
        cut = bool(_ELLIPSIS.search(name))
        words = [w for w in (self._fold[w] for w in _ELLIPSIS.sub("", name).split()) if w]
        if not words or len("".join(words)) < 2:
            return []

        def opens(head: tuple[str, ...]) -> bool:
            # whole words, the last one cut short only where an ellipsis says so
            if len(head) < len(words) or list(head[: len(words) - 1]) != words[:-1]:
                return False
            last = head[len(words) - 1]
            return last == words[-1] or (cut and last.startswith(words[-1]))

        return [
            e
            for h, e, authorless in self.heads.get(words[0][:3], ())
            if (authorless or any_entry) and opens(h)
        ]

    def by_date(self, cited: str) -> int | None:
        """The one entry whose text opens with the cited name and date, for a source cited
        by its date ("(Clarín, 15/5/18)" for "Clarín, 15/5/18 ..."): newspapers, letters."""
        key = _fold_dated(cited)
        if len(key) < 6 or not re.search(r"\d", key) or not re.search(r"[a-z]{2}", key):
            return None
        found = {e.n for h, e in self.dated.get(key[:3], ()) if h.startswith(key)}
        return found.pop() if len(found) == 1 else None

    def near(self, names: Sequence[str], year: str) -> tuple[int, str] | None:
        """For an item that names no entry: the one entry it must mean, when there is
        exactly one -- a misspelt name with the year as printed ("SAFIOTTI, 2015" for
        SAFFIOTI 2015), or the author's only entry when it shows no year. A known name
        under another year is not read as any of its works ("Howard et al. 1989" is not
        Howard 2005): never a guess."""
        key = (tuple(names), year)
        if key not in self._near:
            self._near[key] = self._find_near(names, year)
        return self._near[key]

    def _find_near(self, names: Sequence[str], year: str) -> tuple[int, str] | None:
        if not names:
            return None
        first = names[0]
        year_digits = year[:4] if re.match(r"\d{4}", year) else None
        named = {e.n: e for e in self._named(first) or self._titled(first, any_entry=False)}
        if named:
            # The author's only work, whose year the entry does not print (or was not
            # read): nothing contradicts the citation.
            if len(named) == 1 and next(iter(named.values())).year is None:
                return next(iter(named)), "the entry shows no year"
            # Two neighbouring digits swapped, the letter as printed: "Marchant 1986b" for
            # Marchant 1968b, when exactly one of the author's works is dated so.
            letter = year[4:5]
            swapped = [
                e.n
                for e in named.values()
                if e.year and year_digits and e.letter == letter and _swapped(e.year, year_digits)
            ]
            if len(swapped) == 1:
                return swapped[0], "two digits of the year swapped"
            return None
        folded = self._fold[first.split()[-1]] if first.split() else ""
        if len(folded) < 5 or year_digits is None:
            return None
        if self._buckets is None:
            # by first letter and length: only names of about the same length are compared
            self._buckets = {}
            for key in self.by_name:
                self._buckets.setdefault((key[:1], len(key)), []).append(key)
        near_names = [
            key
            for size in range(len(folded) - 2, len(folded) + 3)
            for key in self._buckets.get((folded[:1], size), ())
            if Levenshtein.distance(key, folded) <= 2
        ]
        entries = {e.n: e for key in near_names for e in self.by_name[key] if e.year == year_digits}
        if len(entries) == 1:
            (n,) = entries
            return n, "a misspelt name"
        return None

    def resolve(self, names: Sequence[str], et_al: bool, year: str) -> tuple[int, ...]:
        """Entries matching one name-year item (several: ambiguous; none: unmatched)."""
        key = (tuple(names), et_al, year)
        cached = self._resolved.get(key)
        if cached is None:
            cached = self._resolved[key] = self._resolve(names, et_al, year)
        return cached

    def _resolve(self, names: Sequence[str], et_al: bool, year: str) -> tuple[int, ...]:
        first = names[0] if names else ""
        titled = bool(_ELLIPSIS.search(first))
        candidates = [] if titled else self._named(first)
        while not candidates and not titled and len(names) > 1:
            # "(Tasmania, Victoria, Kriwoken and Hedge 2000)", "Vancouver Island, Roe et al.
            # (2009)": words before the names that name no author are not names
            rest = names[1:]
            if not any(self._named(n) for n in rest):
                break
            names, first = rest, rest[0]
            candidates = self._named(first)
        if not candidates:
            candidates = self._titled(first, any_entry=titled)
        year_digits = re.match(r"\d{4}", year)
        letter = year[4:5] if year_digits else ""
        found = [
            e
            for e in candidates
            if (
                (year_digits and e.year == year_digits.group(0))
                or (not year_digits and e.year is None)
            )
        ]
        found.sort(key=lambda e: e.n)
        if len(names) > 1:
            second = self._name_variants[names[1]]
            both = [
                e
                for e in found
                if e.second & second or any(v in s for v in second for s in e.second)
            ]
            found = both or found
            if len(names) > 2:
                many = [e for e in found if e.authors >= len(names)]
                found = many or found
                # APA tells works of the same first authors and year apart by the names
                # after them: "Hayward, Firsching, and Brown (1999)"
                third = self._name_variants[names[2]]
                named = [e for e in found if e.later and e.later[0] & third]
                found = named if len(found) > 1 and named else found
            elif not et_al and len(found) > 1:
                # "Lewis and Paechter [2007]" is the pair's paper, not "Lewis, Paechter and
                # McCollum" of the same year (cited "Lewis et al.")
                pair = [e for e in found if e.authors == 2 and not e.et_al]
                found = pair if len(pair) == 1 else found
        elif et_al:
            many = [e for e in found if e.authors >= 3 or e.et_al]
            found = many or found
        else:
            alone = [e for e in found if e.authors <= 1 and not e.et_al]
            found = alone or found
        if letter and len(found) > 1 and not any(e.letter for e in found):
            # the list prints no letters (abntex2): 2015a, 2015b ... are its entries of
            # that author and year in the order it prints them
            index = ord(letter) - ord("a")
            found = [found[index]] if index < len(found) else found
        elif letter:
            lettered = [e for e in found if e.letter == letter]
            found = lettered or ([e for e in found if not e.letter] if len(found) > 1 else found)
        elif len(found) > 1:
            plain = [e for e in found if not e.letter]
            found = plain if len(plain) == 1 else found
        return tuple(e.n for e in found)


@dataclass(frozen=True)
class _Item:
    text: str
    names: tuple[str, ...]
    et_al: bool
    year: str
    start: int  # where its names start in the scanned text
    end: int  # after its year and locator
    gap: str  # the text between the previous item and this one
    located: bool  # a page locator follows the year
    span: bool = False  # a range of years ("1740-1780"): life dates unless it resolves
    original: str = ""  # the original year printed beside it: "2011 [1979]"


def _names(segment: str) -> tuple[tuple[str, ...], bool, int] | None:
    """The names before a year: (names, et al., offset where they start in ``segment``),
    or None when the text before the year is not a name."""
    end = len(segment.rstrip(" ,"))
    text = segment[:end]
    possessive = _POSSESSIVE.search(text)  # "Smith's (2003)", "Smith et al.'s (2003)"
    if possessive and len(text) > possessive.end() - possessive.start() + 1:
        text = text[: possessive.start()]
    et_al = False
    m = _ETAL.search(text)
    if m:
        et_al = True
        text = text[: m.start()]
    if not text.strip():
        return None
    parts: list[tuple[int, str]] = []
    pos = 0
    for sep in _SPLIT.finditer(text):
        parts.append((pos, text[pos : sep.start()]))
        pos = sep.end()
    parts.append((pos, text[pos:]))
    names: list[tuple[int, str]] = []
    for offset, part in reversed(parts):
        stripped = part.strip()
        if not stripped:
            break
        lead = _LEAD_IN.match(stripped)
        if lead:
            offset += part.index(stripped) + lead.end()
            stripped = stripped[lead.end() :]
            names.append((offset, stripped))
            break
        if _NAME_LIKE.fullmatch(stripped) and not re.search(r"\b\d", stripped):
            names.append((offset + part.index(stripped), stripped))
            continue
        tail = _NAME_TAIL.search(stripped)
        if tail and not re.search(r"\b\d", tail.group()):
            names.append((offset + part.index(stripped) + tail.start(), tail.group()))
        break
    if not names or not _NAME_LIKE.fullmatch(names[-1][1]):
        return None
    names.reverse()
    return tuple(n for _, n in names), et_al, names[0][0]


# What a full stop after it does not end: "et al.", "dkk.", "y cols.", an initial.
_NO_STOP = re.compile(r"(?:\b(?:al|dkk|ark|fl|kol|cs|cols?|coll?)|\b[A-Z])$")


def _scan(text: str, lo: int, hi: int, names_before: bool) -> Iterator[_Item]:
    """Name-year items in ``text[lo:hi]``. With ``names_before`` the span holds only years
    and the names are printed before ``lo`` (narrative: "Chaves (2013, p. 50)")."""
    prev_end = lo
    current: tuple[tuple[str, ...], bool, int] | None = None
    for m in _YEAR_TOKEN.finditer(text, lo, hi):
        seg_start = max(prev_end, m.start() - 200)  # names sit just before their year
        segment = text[seg_start : m.start()]
        located = False
        if names_before and current is None:
            window_start = max(0, lo - 160)
            window = text[window_start : lo - 1]
            cut = max(window.rfind(". "), window.rfind("; "), window.rfind(": "), window.rfind("("))
            # an "et al." or an initial is not a sentence end
            while cut > 0 and _NO_STOP.search(window[:cut]):
                cut = max(window.rfind(stop, 0, cut) for stop in (". ", "; ", "("))
            window_start += cut + 1 if cut >= 0 else 0
            found = _names(text[window_start : lo - 1])
            if found is None:
                return
            current = (found[0], found[1], window_start + found[2])
            gap = ""
        elif re.fullmatch(r"[\s,;]*(?:and|&|e|y)?[\s,;]*", segment) and current is not None:
            gap = text[prev_end : m.start()]
            current = (current[0], current[1], m.start())
        else:
            found = _names(segment)
            if found is None:
                current = None
                prev_end = m.end()
                continue
            current = (found[0], found[1], seg_start + found[2])
            gap = text[prev_end : seg_start + found[2]]
        end = m.end()
        year = re.sub(r"\s+", " ", m.group("year"))
        names, et_al, start = current
        letters = _MORE_LETTERS.match(text, end, hi) if year[-1:].isalpha() else None
        if letters:
            # "2003a,b": the same year with its other letters, each an item
            for letter in re.findall(r"[a-z]", letters.group()):
                printed = text[start:end].strip()
                yield _Item(printed, names, et_al, year, start, end, gap, False)
                year, gap = year[:4] + letter, ""
            end = letters.end()
        while loc := _LOCATOR.match(text, end, hi):
            if not loc.group().strip(" ,:"):
                break
            end = loc.end()
            located = True
        span = bool(re.match(r"\s*[-–]\s*(?:\d{4}|\?)", text[m.end() : m.end() + 8]))
        original = re.search(r"[\[/]\s*(\d{4})", m.group()[len(m.group("year")) :])
        first = original.group(1) if original else ""
        printed = text[start:end].strip()
        yield _Item(printed, names, et_al, year, start, end, gap, located, span, first)
        prev_end = end


def _runs(items: list[_Item], index: AuthorYearIndex) -> list[list[_Item]]:
    """Items joined into citations: only commas or semicolons between them, no page
    locator before the next item, and every item naming an entry -- one the list lacks
    ("Howard et al. 1989" in "(Barkworth 2003, Howard et al. 1989, Peterson 2001)") or
    misspells stands alone, reported, between the citations it separates."""
    runs: list[list[_Item]] = []
    known: list[bool] = []
    for item in items:
        # a misspelt or undated match is linked, but as a citation of its own
        found = bool(index.resolve(item.names, item.et_al, item.year))
        joins = (
            runs
            and found
            and known[-1]
            and not runs[-1][-1].located
            and re.fullmatch(r"[\s,;]*", item.gap)
        )
        if joins:
            runs[-1].append(item)
        else:
            runs.append([item])
            known.append(found)
    return runs


def _resolve(index: AuthorYearIndex, items: Sequence[_Item]) -> tuple[list[int], list[str]]:
    refs: list[int] = []
    problems: list[str] = []
    for item in items:
        found = index.resolve(item.names, item.et_al, item.year)
        if len(found) > 1 and item.original:
            # "(BAKHTIN, 2011 [1979], 2011 [1954-1961])": the original year tells them apart
            first_printed = [n for n in found if index.originals.get(n) == item.original]
            found = tuple(first_printed) or found
        near = index.near(item.names, item.year) if not found else None
        if len(found) == 1:
            refs.append(found[0])
        elif near is not None:
            refs.append(near[0])
            problems.append(f"'{item.text}' is read as [{near[0]}]: {near[1]}")
        else:
            what = (
                "matches no entry"
                if not found
                else ("matches entries " + ", ".join(f"[{n}]" for n in found))
            )
            problems.append(f"'{item.text}' {what}")
    return list(dict.fromkeys(refs)), problems


def _cited(index: AuthorYearIndex, items: Sequence[_Item]) -> bool:
    """A run reads as a citation when one of its names is in the list, or it has the
    citation's shape (et al., or two names): worth reporting when unmatched."""
    if all(i.span for i in items):
        return any(index.resolve(i.names, i.et_al, i.year) for i in items)
    return any(
        index.knows(i.names[0].split()[-1])
        or index.knows(i.names[0])
        or bool(index.resolve(i.names, i.et_al, i.year))
        or index.near(i.names, i.year) is not None
        or i.et_al
        or len(i.names) > 1
        for i in items
    )


def find_citations(text: str, index: AuthorYearIndex) -> tuple[Marker, ...]:
    """Author-year citations in ``text``: parenthetical groups, narrative forms and bare
    name-year items, each citation one marker."""
    printed = text
    text = text.translate(_FULL_WIDTH)  # one character for one: offsets hold
    # an empty name between commas ("Clauset, Shalizi, , and Newman"): blanked in place
    text = EMPTY_NAME.sub(lambda m: "," + " " * (len(m.group()) - 1), text)
    found: list[Marker] = []
    taken: list[tuple[int, int]] = []
    for m in _GROUP.finditer(text):
        g = next(k for k in (1, 2, 3) if m.group(k) is not None)
        lo, hi = m.start(g), m.end(g)
        content = text[lo:hi]
        narrative = bool(_YEAR_TOKEN.match(content.lstrip()))
        if narrative and m.group(3) is not None and _ORIGINAL_BEFORE.search(text, 0, m.start()):
            continue  # "1988 [1975]": an original year, not a citation ("Johnson [2002]" is)
        items = list(_scan(text, lo, hi, names_before=narrative))
        if not items:
            dated = [index.by_date(part) for part in re.split(r"\s*;\s*", content.strip())]
            if dated and all(n is not None for n in dated):
                by_date = tuple(dict.fromkeys(n for n in dated if n is not None))
                found.append(Marker(printed[m.start() : m.end()], by_date, m.start(), m.end()))
                taken.append((m.start(), m.end()))
            continue
        runs = _runs(items, index)
        for k, run in enumerate(runs):
            if not _cited(index, run):
                continue
            refs, problems = _resolve(index, run)
            if narrative:
                start, end = _name_start(text, run[0], index), run[-1].end
                end = m.end() if k == len(runs) - 1 else end
            elif len(runs) == 1:
                start, end = m.start(), m.end()
            else:
                start, end = run[0].start, run[-1].end
            found.append(Marker(printed[start:end], tuple(refs), start, end, tuple(problems)))
            taken.append((m.start() if not narrative else start, m.end()))
    # Bare items outside brackets ("Hitchcock 1935:492, Hitchcock 1951"): only those that
    # name exactly one entry.
    free = _outside(text, taken)
    for lo, hi in free:
        items = [i for i in _scan(text, lo, hi, names_before=False)]
        for run in _runs(items, index):
            resolved = [i for i in run if len(index.resolve(i.names, i.et_al, i.year)) == 1]
            if len(resolved) != len(run):
                continue
            refs, problems = _resolve(index, run)
            start, end = _name_start(text, run[0], index), run[-1].end
            found.append(Marker(printed[start:end], tuple(refs), start, end, tuple(problems)))
    return _merge_narrative(printed, sorted(found, key=lambda mk: mk.start))


def _name_start(text: str, item: _Item, index: AuthorYearIndex) -> int:
    """Where a citation printed outside brackets starts: at its first name, past words
    before it that are not part of the name."""
    trimmed = index.trim(item.names[0])
    if trimmed == item.names[0]:
        return item.start
    at = text.find(trimmed, item.start)
    return at if at >= 0 else item.start


def _outside(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for a, b in sorted(taken):
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


_BETWEEN_NARRATIVE = re.compile(rf"\s*[,;]\s*(?:{_UPPER}[a-zà-ÿ]+\s+|{_UPPER}\.\s*)*")


def _merge_narrative(text: str, markers: list[Marker]) -> tuple[Marker, ...]:
    """``Mobberley (1956), Barkworth (2003)`` and ``Filgueiras (1991); Marques (2005)``:
    narrative citations separated only by a comma or semicolon (and the next author's given
    names) are one citation."""
    out: list[Marker] = []
    for marker in markers:
        prev = out[-1] if out else None
        a = prev.printed.translate(_FULL_WIDTH) if prev is not None else ""
        b = marker.printed.translate(_FULL_WIDTH)
        if (
            prev is not None
            and a.endswith((")", "]"))
            and not a.startswith(("(", "["))
            and b.endswith((")", "]"))
            and not b.startswith(("(", "["))
            # the next author's given names may come first: "..., Valentin N. Volóchinov (2013)"
            and _BETWEEN_NARRATIVE.fullmatch(text[prev.end : marker.start].translate(_FULL_WIDTH))
            and not _LOCATOR.search(a[max(a.rfind("("), a.rfind("[")) :])
        ):
            out[-1] = Marker(
                text[prev.start : marker.end],
                tuple(dict.fromkeys(prev.refs + marker.refs)),
                prev.start,
                marker.end,
                prev.problems + marker.problems,
            )
        else:
            out.append(marker)
    return tuple(out)
