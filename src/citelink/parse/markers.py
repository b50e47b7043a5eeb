"""In-text pointers: citation markers (``^[8-9]``, ``[23, 37]``, superscript ``¹²``) and
table pointers (``（见表 1～2, 4）``, ``see Table 3``), each expanded to the numbers it names.

Grammar only: nothing here knows which references or tables exist, except the optional
upper bound that decides whether a run of superscript digits is clearly a marker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from citelink.model import Marker, TablePointer
from citelink.parse.text import SUPERSCRIPT_DIGITS, fold_width, is_cjk, plain_superscripts

MAX_RANGE = 200
_NUM = r"\d{1,5}"
_DASH = r"[-‐‑‒–—−~～－]"
_SEP = r"[,，、;；]"
_LIST = rf"{_NUM}(?:\s*{_DASH}\s*{_NUM})?(?:\s*{_SEP}\s*{_NUM}(?:\s*{_DASH}\s*{_NUM})?)*"
# What a bracketed marker may hold besides its numbers: "see", "e.g." before them; a
# locator after them, after a colon ("[1: fig. 4]", "[22: 50, 62-65]") or a comma and a
# locator's word ("[12, p. 5]", "[3, Ch. 2]", "[4, Theorem 2]", "[23, pl. LII: 9]").
_PREFIX = r"(?:(?:see|cf\.|e\.\s?g\.|i\.\s?e\.)\s*,?\s*)?"
_LOCATOR_WORD = (
    r"(?i:pp?|ch|chap|chapter|sec|sect|section|§|fig|figs|figure|pl|plate|tab|table|thm|theorem"
    r"|lem|lemma|prop|proposition|cor|corollary|def|definition|rem|remark|ex|example|eq|eqs"
    r"|app|appendix|vol|part|note|n|col|l|ll|para|art|s|bd|cap|cf)\b\.?"
)
_LOCATOR = rf"(?:\s*:\s*[^\[\]\n]{{1,60}}?|\s*,\s*{_LOCATOR_WORD}\s*[^\[\]\n]{{0,40}}?)?"
_BRACKET = re.compile(
    rf"(?P<caret>\^\s*)?[\[［【]\s*{_PREFIX}(?P<list>{_LIST}){_LOCATOR}\s*[\]］】]"
    # IEEE ranges written as two markers: [1]–[3], and so set as superscripts: ^[1]–^[3]
    rf"(?:\s*{_DASH}\s*(?(caret)\^\s*)[\[［]\s*(?P<upto>{_NUM})\s*[\]］])?"
)
_SUPER = f"[{SUPERSCRIPT_DIGITS}]+"
_SUPERSCRIPT = re.compile(rf"{_SUPER}(?:\s?[,⁻‐–-]\s?{_SUPER})*")
# A superscript after one of these is an exponent or a unit (m², 10⁷, x³), not a marker.
_UNIT_BEFORE = re.compile(r"(?:\b(?:[cmkµμn]?m|[mk]?g|s|ms|h|x|y|n|r|cm|mm|km|ml|kg|mg)|\d|\^)$")

# Inside parentheses a table list may use commas: （见表 1~2, 4）. Outside them a comma
# ends the pointer (``Table 1, 2 patients``); ranges and words still join numbers.
_TABLE_NUMS = r"\d{1,2}(?:\s*(?:[-–—~～、,，&]|and|to|和|及|与|至)\s*\d{1,2})*"
_BARE_NUMS = r"\d{1,2}(?:\s*(?:[-–—~～、&]|and|to|和|及|与|至)\s*\d{1,2})*(?![\d.]\d)"
_CN_POINTER = re.compile(
    rf"[(（]\s*(?:详见|参见|见)?\s*表\s*(?P<a>{_TABLE_NUMS})\s*[)）]"
    rf"|(?:(?<=[见如由据从和及与、,，\s])|^)表\s*(?P<b>{_BARE_NUMS})"
)
_EN_POINTER = re.compile(
    rf"\(\s*(?:see\s+)?(?:Tables?|Tab\.)\s*(?P<a>{_TABLE_NUMS})\s*\)"
    rf"|\bTables\s*(?P<c>{_TABLE_NUMS})\b"
    rf"|\b(?:Table|Tab\.)\s*(?P<b>{_BARE_NUMS})\b",
    re.I,
)


_STATISTIC_AFTER = re.compile(r"\s*[=<>≤≥]")
_STATISTIC_BEFORE = re.compile(r"(?:^|[^\w])[A-Za-zχ]\d?$")


def expand(numbers: str) -> tuple[int, ...]:
    """``23-24, 38-39`` -> (23, 24, 38, 39); ranges may use any dash or tilde. Order of
    first appearance is kept, repeats dropped."""
    text = fold_width(numbers)
    out: list[int] = []
    for part in re.split(r"\s*(?:[,;、]|\band\b|&|和|及|与)\s*", text):
        bounds = [int(x) for x in re.findall(r"\d+", part)]
        if not bounds:
            continue
        if len(bounds) >= 2 and re.search(rf"{_DASH}|\bto\b|至", part):
            lo, hi = bounds[0], bounds[-1]
            span = range(lo, hi + 1) if lo <= hi and hi - lo <= MAX_RANGE else (lo, hi)
            out.extend(span)
        else:
            out.extend(bounds)
    return tuple(dict.fromkeys(out))


def _superscript_is_marker(text: str, start: int, end: int, max_ref: int | None) -> bool:
    prev = text[start - 1 : start] if start else ""
    nxt = text[end : end + 1]
    # The unit is at most two letters and its word boundary: a short window decides,
    # without copying the text before every superscript.
    if not prev or prev.isspace() or _UNIT_BEFORE.search(text, max(0, start - 8), start):
        return False
    if not (prev.isalpha() or prev in '.,;:)]"”’' or is_cjk(prev)):
        return False
    if nxt and (nxt.isalnum() and not is_cjk(nxt)):
        return False
    refs = expand(plain_superscripts(text[start:end]))
    return bool(refs) and (max_ref is None or max(refs) <= max_ref)


def find_markers(text: str, max_ref: int | None = None) -> tuple[Marker, ...]:
    """Every citation marker in ``text``, in order. Superscript digits count only where
    they are clearly markers: after a word or closing punctuation, not after a digit or a
    unit, and (given ``max_ref``) naming only existing reference numbers."""
    found: list[Marker] = []
    for m in _BRACKET.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]  # a short window: linear per marker
        if _STATISTIC_AFTER.match(text, m.end()) or (
            not m.group("caret") and _STATISTIC_BEFORE.search(before)
        ):
            continue  # "F[1,12] = 4.2", "t[28]": degrees of freedom, not a citation
        if text[m.start() - 1 : m.start()] == "[" and text[m.end() : m.end() + 1] == "]":
            continue  # "[[7,1,3]]": a quantum code's parameters (or a wiki link), not cited
        numbers = m.group("list") + (f"-{m.group('upto')}" if m.group("upto") else "")
        refs = expand(numbers)
        if refs and max(refs) >= 1000 and (max_ref is None or max(refs) > max_ref):
            continue  # [2021] is a year; four digits are a citation only in a list that long
        if refs:
            found.append(Marker(m.group(), refs, m.start(), m.end()))
    for m in _SUPERSCRIPT.finditer(text):
        if _superscript_is_marker(text, m.start(), m.end(), max_ref):
            found.append(
                Marker(m.group(), expand(plain_superscripts(m.group())), m.start(), m.end())
            )
    return tuple(sorted(found, key=lambda mk: mk.start))


_JOINER = re.compile(r"\s*(?:和|及|与|或|、|,|，|and|or|&)?\s*", re.I)


def find_table_pointers(text: str) -> tuple[TablePointer, ...]:
    """Every pointer to a numbered table in ``text`` (Chinese 表 n or English Table n);
    ``表 1 和表 2`` / ``Table 1 and Table 3`` is one pointer naming both."""
    found: list[TablePointer] = []
    for pattern in (_CN_POINTER, _EN_POINTER):
        for m in pattern.finditer(text):
            nums = next(g for g in m.groups() if g)
            tables = expand(nums)
            if tables:
                found.append(TablePointer(m.group().strip(), tables, m.start(), m.end()))
    merged: list[TablePointer] = []
    for pointer in sorted(found, key=lambda p: p.start):
        prev = merged[-1] if merged else None
        if prev is not None and _JOINER.fullmatch(text[prev.end : pointer.start]):
            merged[-1] = TablePointer(
                text[prev.start : pointer.end],
                tuple(dict.fromkeys(prev.tables + pointer.tables)),
                prev.start,
                pointer.end,
            )
        else:
            merged.append(pointer)
    return tuple(merged)


# -- numeric styles that need the article's context ---------------------------------------

_ADJACENT = re.compile(r"\s*[,，;；]\s*")
# A locator after the numbers, as in brackets: "(1: fig. 4)", "(22: 50, 62-65)", "(23, pl. LII:
# 9)"; a colon's locator starts after a space with a page, a numeral or a locator's word
# (never "(1:2)", a ratio, or "(12:30)", a time).
_PAREN_LOCATOR = (
    rf"(?::\s+(?:{_LOCATOR_WORD}\s*)?[\dIVXLCivxlc][^()\n]{{0,40}}?"
    rf"|,\s*{_LOCATOR_WORD}\s*[^()\n]{{0,40}}?)?"
)
_PAREN = re.compile(rf"\({_PREFIX}(?P<list>{_LIST}){_PAREN_LOCATOR}\)")
# Words after which a parenthesised number is a label, not a citation: "Eq. (3)", "grade (2)".
_PAREN_LABEL_BEFORE = re.compile(
    r"(?:\b(?-i:Equations?)\s*|\b(?:eq|eqs|inequality|formula|step|stage|grade|type|class|phase|group|arm|day|week|month|"
    r"level|item|question|criterion|rule|line|row|column|no|number|version|points?)\.?\s*"
    r"|[=<>±×*/+^_-]\s*|\w)$",
    re.I,
)
# Digits glued to the end of a word by PDF extraction: "hypertension43-47." "function12,13".
_FLAT = re.compile(
    # after a word of any script ("function12", "Boussé13", "according to16,"), closing
    # punctuation ("levels).12", "(Table 6)20", "p = 0.02)20", a study named in a table
    # "Cisse (2006)20"), a percentage ("below 34%24") or "e.g." ("see e.g.8,10)")
    r"(?:(?<=[^\W\d_]{2})|(?<=[^\W\d_][)\]”’\"'])|(?<=[.,;:%\d][)\]”’\"'])"
    r"|(?<=[a-z]{2}\.)|(?<=\be\.g\.)|(?<=[^\W\d_]\.,)|(?<=\d%)|(?<=[?!][”’\"'])"
    # an acronym ending a sentence, before the next one: "statement on CSP.1 In brief"
    r"|(?<=[A-Z]{2}\.)(?=\d{1,3}(?:[-–—,]\d{1,3})*\s+[A-Z])"
    # a word and its comma, inside a sentence that goes on: "was superior,3 albeit in"
    r"|(?<=[a-z]{3},)(?=\d{1,3}(?:[-–—,]\d{1,3})*\s+[a-z]))"
    r"(?P<list>\d{1,3}(?:\s?[-–—,]\s?\d{1,3})*)(?=[\s.,;:)]|$)"
)
# A word, and a word with digits glued to it, as an article prints them: a capitalised or
# upper-case word before flattened digits is a marker's host only if the article also
# prints it alone ("GFR13" beside "GFR"), and that word-digit string only once ("CD34" and
# "COVID19" recur).
_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?![\w-])")
_GLUED = re.compile(r"(?<![\w-])[^\W\d_]+\d+")


def group_adjacent(text: str, markers: tuple[Marker, ...]) -> tuple[Marker, ...]:
    """``[4], [5]`` and ``[12], [13], [19]`` are one citation naming all their numbers."""
    out: list[Marker] = []
    for marker in markers:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.printed.endswith(("]", "］", "】"))
            and marker.printed.lstrip("^ ").startswith(("[", "［", "【"))
            and _ADJACENT.fullmatch(text[prev.end : marker.start])
        ):
            out[-1] = Marker(
                text[prev.start : marker.end],
                tuple(dict.fromkeys(prev.refs + marker.refs)),
                prev.start,
                marker.end,
            )
        else:
            out.append(marker)
    return tuple(out)


def _within(refs: tuple[int, ...], max_ref: int | None) -> bool:
    return bool(refs) and min(refs) >= 1 and (max_ref is None or max(refs) <= max_ref)


_ENUMERATION_BEFORE = re.compile(r"(?:^|[:;]|\band|\bor|\bfrom|\bto|\bbetween|\bof)\s*$")
_TOKEN_BEFORE = re.compile(r"[\w-]*$")


def _before_spaces(text: str, end: int) -> int:
    """Where the run of white space that ends at ``end`` starts."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _token_before(text: str, end: int) -> str:
    """The run of word characters and hyphens that ends at ``end``: read back from
    ``end`` (a window that widens while the run fills it), not searched from the start."""
    width = 32
    while True:
        lo = max(0, end - width)
        m = _TOKEN_BEFORE.search(text, lo, end)
        if m is not None and (m.start() > lo or lo == 0):
            return m.group()
        width *= 4


def _counted(text: str, n: int, start: int, end: int) -> bool:
    """Whether ``(n)`` is an item of an enumeration: ``(1)`` with a ``(2)`` after it, or
    ``(n)`` with ``(n-1)`` or a scale's ``(0)`` before it (``the authors of (68) find`` is a
    citation)."""
    before = re.split(r"[.!?]\s", text[max(0, start - 200) : start])[-1]  # its sentence
    if n == 1:
        return "(2)" in re.split(r"[.!?]\s", text[end : end + 200])[0]
    return f"({n - 1})" in before or "(0)" in before  # "from (0) none to (4) severe"


def find_paren_markers(text: str, max_ref: int | None) -> tuple[Marker, ...]:
    """``(5)``, ``(5, 6)``, ``(5–7)``: only numbers the list has, never after a word that
    makes the number a label (``Eq. (3)``, ``grade (2)``), an operator or a letter
    (``f(1)``), not an equation's number glued to what is around it, and not an
    enumeration ``: (1) ... (2) ...``."""
    found = []
    for m in _PAREN.finditer(text):
        refs = expand(m.group("list"))
        # What decides is the word before the bracket and the spaces after it: search a
        # window that holds them, not the whole text before every bracket.
        lo = _before_spaces(text, m.start())
        lo = max(0, lo - 16)
        if not _within(refs, max_ref) or _PAREN_LABEL_BEFORE.search(text, lo, m.start()):
            continue
        after = text[m.end() : m.end() + 2]
        if _glued(text[m.start() - 1] if m.start() else " ", after):
            continue  # a display equation's number between it and the next words
            # ("σ(x),(1)where", "E({σi}).(3)Let"), an index ("u↑(1)(xj)")
        enumerates = (
            len(refs) == 1
            and _ENUMERATION_BEFORE.search(text, lo, m.start())
            and re.match(r"\s\w", after)
            and _counted(text, refs[0], m.start(), m.end())
        )
        if enumerates:
            continue
        found.append(Marker(m.group(), refs, m.start(), m.end()))
    return tuple(found)


_OPENS = "\"“‘'[(—–%"  # what a parenthesised citation may follow without a space


def _glued(before: str, after: str) -> bool:
    """Whether a parenthesised number is glued to what is around it as no citation is: to
    a symbol before it, or to punctuation before it and a word after it."""
    if before.isspace() or before in _OPENS:
        return False
    if before in ".,;:!?":
        return after[:1].isalpha()
    return True
_ZERO_BEFORE = re.compile(r"\(0\)[^.()]{0,40}$")


def drop_scales(text: str, markers: Sequence[Marker], cited: set[int]) -> list[Marker]:
    """Parenthesised numbers that code a scale, not citations: ``never (0), hardly ever
    (1), occasionally (2)`` or ``none (1), a little bit (2), somewhat (3)``. A run of three
    or more one-number brackets counting up by one, each within 40 characters of the
    last, is a scale when it counts on from a ``(0)`` or when it counts from 1 over works
    all cited before (``cited``, or earlier in ``text``): a list re-cited one by one in
    order is a scale's codes."""
    out = list(markers)
    i = 0
    while i < len(out):
        j = i
        while (
            j + 1 < len(out)
            and len(out[j].refs) == 1
            and len(out[j + 1].refs) == 1
            and out[j].printed.startswith("(")
            and out[j + 1].printed.startswith("(")
            and out[j + 1].refs[0] == out[j].refs[0] + 1
            and re.fullmatch(r"[^.()]{0,40}", text[out[j].end : out[j + 1].start])
        ):
            j += 1
        run = out[i : j + 1]
        first = run[0].refs[0] if len(run[0].refs) == 1 else 0
        zero = first == 1 and _ZERO_BEFORE.search(text, max(0, run[0].start - 48), run[0].start)
        length = len(run) + (1 if zero else 0)
        before = cited.union(*(m.refs for m in out[:i]))
        again = first == 1 and all(m.refs[0] in before for m in run)
        if len(run[0].refs) == 1 and length >= 3 and (zero or again):
            del out[i : j + 1]
            continue
        i = j + 1
    return _drop_counts(text, out)


# Between two counts of a list of named things: "Lemuridae (9), Lepilemuridae (4), and ".
_NAMED_NEXT = re.compile(r",\s*(?:and\s+)?[^\W\d_][^()\d,;.]{0,40}\s")


def _drop_counts(text: str, markers: list[Marker]) -> list[Marker]:
    """Parenthesised numbers that count the things a list names, not citations: a run of
    three or more one-number brackets, each after a name and a comma, in which a number
    comes back ("Lemuridae (9), Lepilemuridae (4), Indriidae (4)"): a list cites each work
    once."""
    out: list[Marker] = []
    i = 0
    while i < len(markers):
        j = i
        while (
            j + 1 < len(markers)
            and all(len(m.refs) == 1 and m.printed.startswith("(") for m in markers[j : j + 2])
            and _NAMED_NEXT.fullmatch(text, markers[j].end, markers[j + 1].start)
        ):
            j += 1
        run = markers[i : j + 1]
        values = [m.refs[0] for m in run]
        if not (len(run) >= 3 and len(set(values)) < len(values)):
            out += run
        i = j + 1
    return out


class Vocabulary:
    """The words an article prints alone, and its word-digit strings, with their counts."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.alone: Counter[str] = Counter()
        self.glued: Counter[str] = Counter()
        for text in texts:
            self.alone.update(_WORD.findall(text))
            self.glued.update(_GLUED.findall(text))

    def hosts(self, token: str, digits: str) -> bool:
        """Whether ``token`` followed by ``digits`` reads as a word with a marker."""
        return self.alone[token] >= 1 and self.glued[token + digits] <= 1


_MATH = re.compile(r"[=≃≈∫∑∏±×≤≥+∼<>∂√]")


def _whole_token(text: str, at: int) -> str:
    """The run of characters without a space around position ``at`` (80 each way at most)."""
    lo = max(0, at - 80)
    start = text.rfind(" ", lo, at) + 1 or lo
    end = text.find(" ", at, at + 80)
    return text[start : end if end >= 0 else at + 80]


def find_flattened_markers(
    text: str, max_ref: int | None, vocabulary: Vocabulary | None = None
) -> tuple[Marker, ...]:
    """Superscripts flattened into plain digits after a word or closing punctuation.
    Never digits that belong to a token: ``CD34``, ``IL-10``, ``p53`` (an upper-case letter,
    a hyphen or a short run of letters before), decimals, units or years (larger than the
    list). Given the article's ``vocabulary``, a word the article also prints alone may
    carry a marker (``Kati12,13``, ``GFR13``)."""
    found = []
    for m in _FLAT.finditer(text):
        printed = _ascending(m.group("list"))
        refs = expand(printed)
        if not _within(refs, max_ref):
            continue
        token = _token_before(text, m.start())
        if text[m.start() - len(token) - 1 : m.start() - len(token)] in ("/", "=", "^"):
            continue  # a formula's exponent: "weight/height2", "ξ=v2"
        if len(printed) == 1 and _MATH.search(_whole_token(text, m.start())):
            continue  # an exponent inside a formula run together: "(x+x2+2x1)2", "(aa1)4"
            # (not "(2+1)33-35": an exponent is one digit)
        if text[m.start() - 1] == "." and _token_before(text, m.start() - 1).lower() in _LABELS:
            continue  # "Fig.2", "vol.3", "pp.12": a label's number, not a marker
        if (
            token
            and not _plain_word(token)
            and not (
                vocabulary is not None
                and vocabulary.hosts(token, re.split(r"\D", m.group("list"), maxsplit=1)[0])
                # a name in parentheses that carries its own marker is a label:
                # "(MDRD1)9:" (but "(NTDs7)." cites)
                and not (
                    text[m.start() - len(token) - 1 : m.start() - len(token)] == "("
                    and re.match(r"\)\d", text[m.end() : m.end() + 2])
                )
            )
        ):
            continue
        found.append(Marker(printed, refs, m.start(), m.start() + len(printed)))
    for m in _AFTER_YEAR.finditer(text):
        refs = expand(m.group("list"))
        if _within(refs, max_ref):
            found.append(Marker(m.group("list"), refs, m.start("list"), m.end("list")))
    return tuple(sorted(found, key=lambda marker: marker.start))


# A superscript flattened onto a year: "in 19698" (1969, ref 8), "in Comoros in 200930".
_AFTER_YEAR = re.compile(
    r"(?<![\w-])(?:in|since|from|until|of|by|during|between|and|to)\s(?:19|20)\d\d"
    r"(?P<list>[1-9]\d{0,2}(?:[-–—,]\d{1,3})*)"
    # then punctuation or a clause, not a noun counted ("in 19999 cases")
    r"(?=[.,;:)]|$|\s+(?:and|or|but|when|while|as|in|at|the|a|an|with|which|where|was|were)\b)",
    re.I,
)


def _ascending(numbers: str) -> str:
    """A flattened list up to an item after ", " that counts down: in ``12 to the
    hHSL16,17,19,20, 7 to the`` the ``7`` is the next count, not a citation."""
    last = 0
    for item in re.finditer(r"(?P<sep>\s?[-–—,]\s?)?(?P<n>\d{1,3})", numbers):
        n = int(item.group("n"))
        sep = item.group("sep") or ""
        if sep.startswith(",") and sep.endswith(" ") and n <= last:
            return numbers[: item.start()]
        last = n
    return numbers


# Abbreviations whose number follows the full stop ("Fig.2"); "etc.41", "spp.117" are markers.
_LABELS = frozenset(
    "fig figs eq eqs vol vols no nos pp tab sec secs ch chap art ver fn app n p".split()
)
_SHORT_WORDS = frozenset("in to of by on at as".split())  # "shown in2.", "according to16"
_UNIT_WORDS = frozenset("mg kg ml mm cm nm um mmol mol min sec hrs days day".split())


def _plain_word(token: str) -> bool:
    """A word a flattened marker can follow: lower-case (``function``, ``β-globin``) or a
    capitalised name of five letters or more (``Korea``, ``Cawthon``). Not a gene or
    protein token (``Sox2``, ``CD34``, ``rRNA``), a unit, or a hyphenated number (``IL-10``)."""
    if token.lower() in ("ref", "refs"):
        return True  # "Ref.12", "Refs12,15": the reference's own number
    if token.endswith("-") or token.lower() in _UNIT_WORDS:
        return False
    if len(token) < 3 and token not in _SHORT_WORDS:
        return False
    letters = token.replace("-", "")
    if not letters.isalpha():
        return False
    if letters.islower():
        return True
    if re.fullmatch(r"[A-Z]{2,}s", letters):
        return True  # an acronym's plural: "URIs", "DOIs" (a gene's name ends in no "s")
    if re.fullmatch(r"[A-Z][a-z]{2,}(?:[A-Z][a-z]+|[A-Z]{2,})+", letters):
        return True  # a product's name in two capitalised parts: "OpenURL", "WorldCat"
        # (not "MgCl2", "RecA2": a short first part or a one-letter second one)
    if re.fullmatch(r"[A-Z][a-z]{2,}(?:-[A-Z][a-z]{2,})+", token):
        return True  # a double-barrelled name: "Murray-Rust1"
    return len(letters) >= 5 and letters[0].isupper() and letters[1:].islower()
