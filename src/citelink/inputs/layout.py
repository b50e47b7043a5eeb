"""Layout analysis: a PDF page's characters with their positions -> the page's text lines in
reading order. Pure functions over frozen dataclasses; the PDF library (``inputs/pdf.py``)
supplies the characters, the text model (``parse/article.py``) reads the lines.

The steps, each its own function:

1. characters -> words (``words_of``): a space (printed or inferred) or a gap wider than
   0.15 em ends a word; spacing accents set before or after their letter (``Scha¨fer``,
   ``´A``) are composed with it (NFC); ligatures unfolded; soft hyphens kept for step 6.
2. words -> rows (``rows_of``): words on one baseline, across the whole page; a smaller
   word raised above (or dropped below) the baseline of a larger neighbour is a
   superscript (a subscript) of that row; superscript numbers become ``^[n]`` markers.
3. rows -> segments (``segments_of``): a row is cut where its words leave a gap wider than
   about an em.
4. page furniture (``remove_furniture``), by segment: running heads and feet (text that
   recurs at the top or bottom of other pages, digits ignored), page and line numbers,
   licence notes set apart at a page edge.
5. segments -> regions and columns (``regions_of``): a gutter is an x position where
   column lines start, that no row of its region crosses and that lines of text fill up
   to on its left; rows that cross it, or a wide empty band, end the region. So a
   one-column body can sit above a two- or three-column reference list on one page; a
   region's columns are read one after the other, regions top to bottom.
6. lines -> text (``read_pages``): blocks marked (a new region, a vertical gap, a change of
   type size), words hyphenated at a line end joined (a real hyphen stays), DOIs and URLs
   cut at a line end glued, superscript markers broken over two lines joined, and items
   of hanging-indent lists (reference lists) given one line each. ``to_text`` writes the
   lines with a blank line before each block and keeps each line's page.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple

from citelink.parse.text import accented

# Spacing accents (and the combining mark each one stands for) that some PDFs print as a
# character of their own beside the letter they belong to.
SPACING_ACCENTS = {
    "¨": "\u0308",
    "´": "\u0301",
    "`": "\u0300",
    "ˆ": "\u0302",
    "˜": "\u0303",
    "¸": "\u0327",
    "ˇ": "\u030c",
    "˘": "\u0306",
    "˚": "\u030a",
    "˝": "\u030b",
    "˛": "\u0328",
    "¯": "\u0304",
    "˙": "\u0307",
}
_ACCENTS = re.compile("[" + "".join(SPACING_ACCENTS) + "\u0300-\u036f]")
LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
SOFT_HYPHEN = "\u00ad"
_MARKER = re.compile(r"^[\d,\-–—]+$")
_LINK_LABELS = re.compile(
    r"^(?:\s*(?:Publisher Full Text|PubMed Abstract|Free Full Text|Full Text|PubMed Central|"
    r"PubMed|PMC Free Article|Google Scholar|CrossRef|Crossref|Web of Science|Scopus|"
    r"View Article|ADS|MathSciNet|CAS|Medline|Article|Abstract)\s*[|•·,]?)+$"
)
EDGE = 0.08  # share of the page height, below the first text or above the last, where
# running heads and feet live


class Char(NamedTuple):
    """One printed character; coordinates in points from the page's top-left corner.
    (Immutable records as NamedTuples: a page has thousands, and a NamedTuple is made
    three times faster than a frozen dataclass.)"""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    space: bool = False  # a space, printed or one the PDF library inferred


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    chars: tuple[Char, ...]


class Word(NamedTuple):
    """A word: characters with no space or gap between them, on one baseline."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    sup: bool = False  # superscript: sits raised on the word before it
    sub: bool = False
    spaced: bool = True  # a space (printed or inferred) or a gap came before it


@dataclass(frozen=True)
class Line:
    """A text line in reading order, with its page and box; ``block`` when it starts a new
    block (paragraph, heading, caption, footnote)."""

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    block: bool = False
    # The top of most of its words: an accented capital, a bracket or a superscript rising
    # above the rest does not narrow the gap to the line above (``None``: ``top``).
    usual_top: float | None = None
    # It opens a column or page after a line that ended its paragraph: a block, unless a
    # hanging-indent list joins it to the entry before (``read_pages``).
    after_end: bool = False
    # The x where each of its tab-separated cells starts (table rows).
    cells: tuple[float, ...] = ()


# 1. characters -> words ------------------------------------------------------------------


def compose_accents(chars: Sequence[Char]) -> list[Char]:
    """Spacing accents printed as their own character are put onto the letter they stand
    over (before or after it in the content stream), and the pair composed to NFC."""
    if not _ACCENTS.search("".join([c.text for c in chars])):
        return list(chars)
    out: list[Char] = []
    skip = -1
    for i, c in enumerate(chars):
        if i == skip:
            continue
        mark = SPACING_ACCENTS.get(c.text) or (
            c.text if len(c.text) == 1 and unicodedata.combining(c.text) else None
        )
        if mark is None:
            out.append(c)
            continue
        prev = out[-1] if out else None
        nxt = chars[i + 1] if i + 1 < len(chars) else None
        if prev is not None and _over(prev, c):
            out[-1] = _with_text(prev, accented(prev.text, mark))
        elif nxt is not None and _over(nxt, c):
            out.append(_with_text(nxt, accented(nxt.text, mark)))
            skip = i + 1
        elif unicodedata.combining(c.text):
            if prev is not None:
                out[-1] = _with_text(prev, accented(prev.text, c.text))
        elif (back := _set_back_over(out, c)) is not None:
            # pdfTeX sets such an accent after the letter's word, or at the end of the run
            # of text, moving the pen back over its letter; PDFium puts a space where the
            # pen jumps back and one where it jumps on again. A space that then stands
            # between two letters that touch (``Gülc`` ``u``) goes.
            out[back] = _with_text(out[back], accented(out[back].text, mark))
            after = nxt
            if after is not None and after.space and i + 2 < len(chars):
                after = chars[i + 2]
            before = out[-2] if len(out) >= 2 and out[-1].space else out[-1]
            if (
                after is not None
                and not after.space
                and not before.space
                and abs(after.x0 - before.x1) < 0.15 * after.size
                and abs(after.baseline - before.baseline) < 0.3 * after.size
            ):
                if out[-1].space:
                    out.pop()
                if nxt is not None and nxt.space:
                    skip = i + 1
        else:
            out.append(c)
    return out


def _set_back_over(out: Sequence[Char], accent: Char) -> int | None:
    """The letter, among the last 250 characters read (about a line's worth), that the
    accent stands over."""
    for j in range(len(out) - 1, max(-1, len(out) - 251), -1):
        if _over(out[j], accent):
            return j
    return None


def _over(letter: Char, accent: Char) -> bool:
    """The accent stands over (or under) the letter."""
    centre = (accent.x0 + accent.x1) / 2
    return (
        letter.text.isalpha()
        and letter.x0 - 0.05 * letter.size <= centre <= letter.x1 + 0.05 * letter.size
        and abs(letter.baseline - accent.baseline) < 0.6 * letter.size
    )


def _with_text(c: Char, text: str) -> Char:
    return Char(text, c.x0, c.x1, c.top, c.bottom, c.baseline, c.size, c.space)


def words_of(chars: Sequence[Char]) -> list[Word]:
    """Characters, in content-stream order, into words. A word ends at a space, at a gap
    wider than 0.15 of the font size (word spaces are 0.2-0.33 em, letters sit closer),
    where the baseline moves (a superscript starts) or where the text runs backwards.
    (One pass with the current word's extent in locals: this loop sees every character.)"""
    out: list[Word] = []
    texts: list[str] = []
    sizes: list[float] = []
    x_start = right = top = bottom = line = 0.0
    px0 = px1 = pbase = psize = 0.0
    spaced = True

    def close() -> None:
        text = "".join(texts).translate(LIGATURES)
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        size = sizes[len(sizes) // 2] if len(sizes) > 2 else sizes[0]
        out.append(Word(text, x_start, right, top, bottom, line, size, False, False, spaced))
        texts.clear()
        sizes.clear()

    for text, x0, x1, ctop, cbottom, base, size, space in compose_accents(chars):
        if space or text.isspace():
            if texts:
                close()
            spaced = True
            continue
        if texts:
            big = psize if psize > size else size
            gap = x0 - px1 > 0.15 * big
            if (
                gap
                or abs(base - pbase) > 0.2 * big
                or x0 < px0 - 0.3 * big
                or abs(size - psize) > 0.2 * big
            ):
                close()
                spaced = gap
        if texts:
            if x1 > right:
                right = x1
            if ctop < top:
                top = ctop
            if cbottom > bottom:
                bottom = cbottom
        else:
            x_start, right, top, bottom, line = x0, x1, ctop, cbottom, base
        texts.append(text)
        sizes.append(size)
        px0, px1, pbase, psize = x0, x1, base, size
    if texts:
        close()
    return out


# 2. words -> rows ---------------------------------------------------------------------


@dataclass
class _Row:
    baseline: float
    size: float
    words: list[Word]

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


_NEAR = (-1, 1, -2, 2)
_FURTHER = tuple(d * k for k in range(3, 13) for d in (-1, 1))


def _scripts(words: list[Word]) -> tuple[list[Word], list[tuple[Word, Word]]]:
    """Split words into those on their own baseline and (script, host) pairs: a word
    smaller than a neighbour (in stream order) and raised above or dropped below that
    neighbour's baseline, beside it."""
    normal: list[Word] = []
    scripts: list[tuple[Word, Word]] = []
    sizes = Counter(round(w.size) for w in words)
    common = sizes.most_common(1)[0][0] if sizes else 0.0
    for i, w in enumerate(words):
        host = None
        # Math sets a symbol's scripts after the whole formula (``s``, ``=``, ``sin``,
        # ``θ``, then ``ij``, ``ij``, ``2``, ``2``): a word smaller than the page's usual
        # size looks further along the stream for the word it sits on.
        for off in _NEAR + _FURTHER if w.size < 0.87 * common else _NEAR:
            j = i + off
            if not 0 <= j < len(words):
                continue
            h = words[j]
            if h.size < 1.15 * w.size:
                continue
            near = -0.5 * h.size < w.x0 - h.x1 < 0.8 * h.size or (
                -0.5 * h.size < h.x0 - w.x1 < 0.8 * h.size
            )
            shift = h.baseline - w.baseline  # > 0: raised
            raised = 0.12 * h.size < shift < 0.8 * h.size
            if near and (raised or -0.5 * h.size < shift < -0.08 * h.size):
                host = h
                break
        if host is None:
            normal.append(w)
        else:
            raised = host.baseline > w.baseline
            scripts.append(
                (
                    Word(
                        w.text, w.x0, w.x1, w.top, w.bottom, host.baseline, w.size,
                        raised, not raised,
                    ),
                    host,
                )
            )
    return normal, scripts


def rows_of(words: Sequence[Word]) -> list[_Row]:
    """Words into rows by baseline, top to bottom; each row's words left to right.
    Superscripts and subscripts join the row of the word they sit on."""
    normal, scripts = _scripts(list(words))
    rows: list[_Row] = []
    for w in sorted(normal, key=lambda w: w.baseline):
        if rows and abs(w.baseline - rows[-1].baseline) <= 0.3 * min(w.size, rows[-1].size):
            rows[-1].words.append(w)
        else:
            rows.append(_Row(w.baseline, w.size, [w]))
    usual = Counter(round(w.size) for w in words)
    rows = _merge_raised(rows, usual.most_common(1)[0][0] if usual else 0.0)
    by_baseline = sorted(rows, key=lambda r: r.baseline)
    for script, host in scripts:
        row = min(by_baseline, key=lambda r: abs(r.baseline - host.baseline), default=None)
        if row is not None and abs(row.baseline - host.baseline) <= 0.3 * host.size:
            row.words.append(script)
        else:
            plain = Word(script.text, script.x0, script.x1, script.top, script.bottom,
                         script.baseline, script.size)
            rows.append(_Row(plain.baseline, plain.size, [plain]))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
        sizes = Counter(round(w.size * 2) / 2 for w in row.words if not (w.sup or w.sub))
        row.size = sizes.most_common(1)[0][0] if sizes else row.words[0].size
    return sorted(rows, key=lambda r: r.baseline)


def _merge_raised(rows: list[_Row], common: float) -> list[_Row]:
    """A row of at most three small marker-like words (numbers, a footnote sign), raised
    a little above the next row's baseline (a superscript with no word beside it: a
    marker alone in a table cell), joins that row as superscripts. Small means smaller
    than the page's usual size (``common``) too: an entry's last line ``56 372`` in one
    column beside a heading in the other is text of its own."""
    out: list[_Row] = []
    for i, row in enumerate(rows):
        below = rows[i + 1] if i + 1 < len(rows) else None
        if (
            below is not None
            and row.size < 0.85 * below.size
            and 0.12 * below.size < below.baseline - row.baseline < 0.8 * below.size
            and len(row.words) <= 3
            and all(
                w.size < 0.85 * below.size
                and w.size < 0.87 * common
                # (a marker's numbers are short: not "6528042696351994555", a URL's end
                # in the next column, set smaller and a little higher)
                and re.fullmatch(r"\d{1,4}(?:[,\-–—]+\d{1,4})*[,\-–—]?|[*†‡§a-z]", w.text)
                for w in row.words
            )
        ):
            below.words.extend(
                Word(w.text, w.x0, w.x1, w.top, w.bottom, below.baseline, w.size, True)
                for w in row.words
            )
            continue
        out.append(row)
    return out


# 3. rows -> segments -------------------------------------------------------------------


class _Segment(NamedTuple):
    row: int
    words: tuple[Word, ...]
    x0: float
    x1: float


def _segment(row: int, words: Sequence[Word]) -> _Segment:
    return _Segment(row, tuple(words), words[0].x0, max([w.x1 for w in words]))


def segments_of(rows: Sequence[_Row], body: float) -> list[list[_Segment]]:
    """Each row cut where its words leave a gap wider than 0.9 body sizes."""
    out: list[list[_Segment]] = []
    for i, row in enumerate(rows):
        segs: list[_Segment] = []
        cur: list[Word] = []
        right = 0.0
        for w in row.words:
            if cur and w.x0 - right > 0.9 * max(body, row.size) and not w.sup:
                segs.append(_segment(i, cur))
                cur = []
            cur.append(w)
            right = max(right, w.x1) if len(cur) > 1 else w.x1
        if cur:
            segs.append(_segment(i, cur))
        out.append(segs)
    return out


# 4. regions and columns -----------------------------------------------------------------


def _candidates(segs: Sequence[Sequence[_Segment]], left: float, right: float) -> list[float]:
    """Where a gutter may run: just left of an x at which at least four segments start
    (a column's left edge), at least 18% of the text width from either edge."""
    width = right - left
    starts = Counter(round(s.x0) for row in segs for s in row)
    merged: Counter[int] = Counter()
    for x, n in sorted(starts.items()):
        merged[min((k for k in merged if abs(k - x) <= 1), default=x)] += n
    return sorted(
        x - 1.5
        for x, n in merged.items()
        if n >= 4 and left + 0.18 * width <= x <= right - 0.18 * width
    )


def _crosses(row: Sequence[_Segment], x: float) -> bool:
    return any(s.x0 < x and s.x1 > x for s in row)


def _column_run(
    segs: Sequence[Sequence[_Segment]], run: Sequence[int], x: float, body: float
) -> bool:
    """A run of rows that no segment crosses at ``x`` is set in columns split at ``x``
    when at least three of its rows have text on each side and the text on the left fills
    its column: in half the rows with text there, the segment nearest the gutter spans at
    least 60% of the way from the column's left edge to the gutter, and the segments next
    to the gutter on either side read as text in half the rows (``_texty``: lines of text
    do; table cells do not)."""
    nearest = [
        max((s for s in segs[i] if s.x1 <= x), key=lambda s: s.x1)
        for i in run
        if any(s.x1 <= x for s in segs[i])
    ]
    beyond = [
        min((s for s in segs[i] if s.x0 >= x), key=lambda s: s.x0)
        for i in run
        if any(s.x0 >= x for s in segs[i])
    ]
    if len(nearest) < 3 or len(beyond) < 3:
        return False
    # The column's left edge: where most of those segments start (a row whose column is
    # empty there offers the column before's segment, which must not move the edge).
    lefts = sorted(s.x0 for s in nearest)
    start = lefts[len(lefts) // 2]
    fill = sorted((s.x1 - s.x0) / max(x - start, 1.0) for s in nearest if s.x0 >= start - 1)
    if fill[len(fill) // 2] < 0.6:
        return False
    if 2 * sum(_texty(s) for s in nearest) >= len(nearest) and 2 * sum(
        _texty(s) for s in beyond
    ) >= len(beyond):
        return True
    # Columns of justified prose whose lines are independent -- many rows hold text on one
    # side only (a heading, a paragraph's end, a code listing's short lines beside prose)
    # -- need less prose on each side than a table's rows, which pair cell with cell and
    # whose wrapped cells end ragged. (Here a row's words beyond the gutter are one line:
    # justified words set far apart split "[1] Name  Surname,  Quantum" into segments.)
    lines = [
        _segment(i, [w for s in segs[i] if s.x0 >= x for w in s.words])
        for i in run
        if any(s.x0 >= x for s in segs[i])
    ]
    one_sided = sum(
        1
        for i in run
        if segs[i] and (all(s.x1 <= x for s in segs[i]) or all(s.x0 >= x for s in segs[i]))
    )
    return (
        len(run) >= 12
        and 10 * sum(_texty(s) for s in nearest) >= 3 * len(nearest)
        and 10 * sum(_texty(s) for s in lines) >= 3 * len(lines)
        and one_sided >= 0.3 * len(run)
        and _justified(nearest)
        and _justified(lines)
    )


def _justified(side: Sequence[_Segment]) -> bool:
    """Whether the lines of text on one side of a gutter are justified: four or more, and
    most of them end at that side's right margin (a table's cells end ragged)."""
    ends = [s.x1 for s in side if _texty(s)]
    at_margin = sum(1 for end in ends if max(ends) - end < 2.0) if ends else 0
    return at_margin >= 4 and 2 * at_margin >= len(ends)


def _texty(seg: _Segment) -> bool:
    """A segment that reads as a line of text, not a table cell: four words or more, or a
    long run (a link broken over lines: ``2023/09/10/does-china-face-a-lost-decade``)."""
    return len(seg.words) >= 4 or sum(len(w.text) for w in seg.words) >= 30


def regions_of(
    segs: Sequence[Sequence[_Segment]],
    left: float,
    right: float,
    body: float,
    bands: Sequence[bool] = (),
) -> list[tuple[list[int], list[float]]]:
    """Runs of consecutive rows with the gutters they share: (row indices, gutters). A
    gutter holds for a run of rows none of which crosses it and which is set in columns
    there (``_column_run``). ``bands[i]``: row i starts a new band (a wide empty strip
    across the page lies above it), which ends every run. Of two gutters a few ems apart
    (two left edges of one column: hanging indents), the one holding for more rows wins.
    Rows with text on one side only (a heading, a paragraph's last line) never cross a
    gutter: they are read in their column, where they are printed."""
    cut = [i < len(bands) and bool(bands[i]) for i in range(len(segs))]
    found: list[tuple[int, float, list[int]]] = []
    for g in _candidates(segs, left, right):
        rows: list[int] = []
        run: list[int] = []
        for i in [*range(len(segs)), -1]:
            if i >= 0 and not segs[i]:
                continue
            if i >= 0 and not cut[i] and not _crosses(segs[i], g):
                run.append(i)
                continue
            if run and _column_run(segs, run, g, body):
                rows += run
            run = [i] if i >= 0 and not _crosses(segs[i], g) else []
        if rows:
            found.append((len(rows), g, rows))
    active: list[set[float]] = [set() for _ in segs]
    for _, g, rows in sorted(found, key=lambda f: -f[0]):
        for i in rows:
            if all(abs(g - h) > 3 * body for h in active[i]):
                active[i].add(g)
    out: list[tuple[list[int], list[float]]] = []
    for i in range(len(segs)):
        gutters = sorted(active[i])
        if out and out[-1][1] == gutters and not cut[i]:
            out[-1][0].append(i)
        else:
            out.append(([i], gutters))
    return out


# 5 and 6. lines, furniture, text ----------------------------------------------------------


def _join(words: Iterable[Word], body: float) -> tuple[str, tuple[float, ...]]:
    """Words of one line of one column as text: a gap wider than 1.2 body sizes (table
    cells; justified text never spaces that wide) becomes a tab, superscript numbers
    become ``^[n]`` markers glued to the word before. With the x of each tab-separated
    cell's start."""
    out = ""
    right: float | None = None
    pending_sup: list[str] = []
    starts: list[float] = []

    def flush() -> None:
        nonlocal out
        if pending_sup:
            joined = "".join(pending_sup)
            if _MARKER.match(joined) and re.match(r"\d", joined) and re.search(r"[1-9]", joined):
                out = out.rstrip() + f"^[{joined}]"
            else:
                out = out.rstrip() + joined
            pending_sup.clear()

    for w in words:
        if not starts:
            starts.append(w.x0)  # the first cell, even when a marker opens it
        if w.sup:
            pending_sup.append(w.text)
            right = max(right or 0.0, w.x1)
            continue
        flush()
        if w.sub or not out:
            out = (out.rstrip() + w.text) if w.sub else w.text
        elif right is not None and not w.spaced and w.x0 - right < 0.1 * w.size:
            out += w.text  # touching: split only by a baseline or size change
        elif right is not None and w.x0 - right > 1.2 * body and not re.fullmatch(
            r"\[?\d{1,4}[.\])]?", out.strip()
        ):
            out = f"{out}\t{w.text}"
            starts.append(w.x0)
        else:
            out = f"{out} {w.text}"
        right = max(right or 0.0, w.x1)
    flush()
    text = out.strip()
    return text, tuple(starts[: text.count("\t") + 1]) if text else ()


def _size_of(words: Sequence[Word]) -> float:
    sizes = Counter(round(w.size * 2) / 2 for w in words if not (w.sup or w.sub))
    return sizes.most_common(1)[0][0] if sizes else words[0].size


def _columns_lines(
    segs: Sequence[Sequence[_Segment]],
    regions: Sequence[tuple[list[int], list[float]]],
    page: int,
    body: float,
) -> list[Line]:
    lines: list[Line] = []
    for number, (row_ids, gutters) in enumerate(regions):
        # a new region on the page opens a block (a caption, a list); not the first one
        # with text (rows emptied of furniture above it make regions of their own)
        opening = number > 0 and bool(lines)
        edges = [-1e9, *gutters, 1e9]
        for a, b in itertools.pairwise(edges):
            for i in row_ids:
                words = [w for s in segs[i] if a <= (s.x0 + s.x1) / 2 < b for w in s.words]
                if not words:
                    continue
                text, cells = _join(words, body)
                if not text:
                    continue
                lines.append(
                    Line(
                        text,
                        page,
                        min(w.x0 for w in words),
                        min(w.top for w in words),
                        max(w.x1 for w in words),
                        max(w.bottom for w in words),
                        _size_of(words),
                        opening,
                        sorted(w.top for w in words)[len(words) // 2],
                        cells=cells,
                    )
                )
                opening = False
    return lines


def body_size(pages: Sequence[Sequence[Word]]) -> float:
    """The most common type size, by characters."""
    sizes: Counter[float] = Counter()
    for words in pages:
        for w in words:
            sizes[round(w.size * 2) / 2] += len(w.text)
    sizes.pop(0.0, None)  # a size too small to read is no body size (it divides)
    return sizes.most_common(1)[0][0] if sizes else 10.0


@dataclass(frozen=True)
class _PageRows:
    page: Page
    rows: list[_Row]
    segs: list[list[_Segment]]


def _page_rows(page: Page, words: Sequence[Word], body: float) -> _PageRows:
    rows = rows_of(words)
    return _PageRows(page, rows, segments_of(rows, body))


def lines_of_rows(pr: _PageRows, body: float) -> list[Line]:
    """A page's lines in reading order: regions top to bottom, their columns left to
    right, each column's lines top to bottom."""
    rows, segs = pr.rows, pr.segs
    xs = [s for row in segs for s in row]
    if not xs:
        return []
    # gutters are looked for on the page (text set beyond its edge, a table run off it,
    # would put the middle of the text elsewhere)
    left = max(min(s.x0 for s in xs), 0.0)
    right = max(s.x1 for s in xs)
    if pr.page.width > left:
        right = min(right, pr.page.width)
    tops = [min(s.words[0].top for s in row) if row else 0.0 for row in segs]
    bottoms = [max(w.bottom for s in row for w in s.words) if row else 0.0 for row in segs]
    bands: list[bool] = []
    lowest: float | None = None  # the bottom of the text above (rows emptied of
    # furniture, a running head, hold none: the first text under them opens no band)
    for i in range(len(rows)):
        bands.append(bool(segs[i]) and lowest is not None and tops[i] - lowest > 2.5 * body)
        if segs[i]:
            lowest = bottoms[i] if lowest is None else max(lowest, bottoms[i])
    regions = regions_of(segs, left, right, body, bands)
    return _columns_lines(segs, regions, pr.page.number, body)


def _text(seg: _Segment) -> str:
    return " ".join(w.text for w in seg.words)


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def _furniture_like(key: str) -> bool:
    """A recurring edge text that may be furniture: one with words (a running head, a
    journal line), or a bare page mark (``- # -``); not an entry's last line at a
    column's foot, which recurs once digits are ignored (``e#.``, ``#, #–#.``)."""
    letters = sum(c.isalpha() for c in key)
    return letters >= 2 or (letters == 0 and not re.search(r"[.,;:]", key))


_LEGAL = re.compile(
    r"©|\bcopyright\b|creative commons|open[- ]access|\bISSN\b|\blicen[cs]e|"
    r"all rights reserved|published by|downloaded from",
    re.I,
)
_LONE_NUMBER = re.compile(r"[\d\-–]{1,5}|[ivxlc]{1,6}|\d{1,4}\s*/\s*\d{1,4}")


def remove_furniture(pages: Sequence[_PageRows], body: float) -> list[_PageRows]:
    """Page furniture out, by row segment: a segment near the top or bottom of the page's
    text (in its first or last three rows) whose text (digits ignored) recurs there on
    other pages, three in ten at least (running heads, footers, journal and DOI lines); a
    lone number near an edge (page numbers) or in the side margins outside every text line
    (line numbers); a copyright, licence or ISSN note set apart at the top or bottom of a
    page."""
    def edges(pr: _PageRows) -> tuple[set[int], set[int]]:
        """ids of the segments in the page's first three rows, and in its last three,
        within a tenth of the page height of its topmost or bottommost text."""
        filled = [row for row in pr.segs if row]
        if not filled:
            return set(), set()
        top = min(w.top for s in filled[0] for w in s.words)
        bottom = max(w.bottom for s in filled[-1] for w in s.words)
        reach = EDGE * pr.page.height
        head: set[int] = set()
        foot: set[int] = set()
        for row in filled[:3]:
            head.update(id(s) for s in row if min(w.top for w in s.words) - top < reach)
        for row in filled[-3:]:
            foot.update(id(s) for s in row if bottom - max(w.bottom for w in s.words) < reach)
        return head, foot

    def apart(pr: _PageRows) -> set[int]:
        """ids of the segments in the rows above the page's first gap wider than a body
        size, or below its last one, when those rows are near the edge: a block of its
        own (a licence or copyright note set apart)."""
        filled = [row for row in pr.segs if row]
        if len(filled) < 2:
            return set()
        tops = [min(w.top for s in row for w in s.words) for row in filled]
        bottoms = [max(w.bottom for s in row for w in s.words) for row in filled]
        gaps = [i for i in range(1, len(filled)) if tops[i] - bottoms[i - 1] > body]
        out: set[int] = set()
        reach = EDGE * pr.page.height
        if gaps and bottoms[gaps[0] - 1] - tops[0] < reach:
            out.update(id(s) for row in filled[: gaps[0]] for s in row)
        if gaps and bottoms[-1] - tops[gaps[-1]] < reach:
            out.update(id(s) for row in filled[gaps[-1] :] for s in row)
        return out

    # Counted at each edge apart: a running head recurs at the tops of pages, a foot at
    # their bottoms; a line of a list that runs on over pages ("... 2018. Annual report" at
    # one page's foot, "... 2020. Annual report" at the next one's head) does not.
    seen: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
    at_edges = [edges(pr) for pr in pages]
    for pr, sides in zip(pages, at_edges, strict=True):
        for counter, ids in zip(seen, sides, strict=True):
            counter.update({_furniture_key(_text(s)) for row in pr.segs for s in row
                            if id(s) in ids})
    # A running head or foot recurs on most pages (alternating ones on every other); an
    # entry's line at a column's edge ("Entomology, 2014, 53: 125-132.") on two or three.
    often = max(2, round(0.3 * len(pages)))
    out: list[_PageRows] = []
    for pr, sides in zip(pages, at_edges, strict=True):
        notes = apart(pr)
        texts = [s for row in pr.segs for s in row if not _LONE_NUMBER.fullmatch(_text(s))]
        left = min((s.x0 for s in texts), default=0.0)
        right = max((s.x1 for s in texts), default=pr.page.width)
        segs: list[list[_Segment]] = []
        for row in pr.segs:
            kept = []
            for s in row:
                text = _text(s)
                key = _furniture_key(text)
                label = re.fullmatch(r"\[#\]|\(#\)|#[.)]", key) is not None
                running = (
                    any(
                        id(s) in ids and n[key] >= often
                        for ids, n in zip(sides, seen, strict=True)
                    )
                    and not label
                    and _furniture_like(key)
                )
                legal = id(s) in notes and _LEGAL.search(text)
                if _LONE_NUMBER.fullmatch(text) or not (running or legal):
                    kept.append(s)  # a lone number is decided below, with its row
            # A lone number near an edge is a page number, unless text of the row stays
            # beside it (a table's year cell in the page's last row: "Opiyo | 1983 | ...").
            worded = any(not _LONE_NUMBER.fullmatch(_text(s)) for s in kept)
            segs.append(
                [
                    s
                    for s in kept
                    if not _LONE_NUMBER.fullmatch(_text(s))
                    or not (
                        (id(s) in ids and not worded)
                        or s.x1 <= left + 0.5
                        or s.x0 >= right - 0.5
                    )
                ]
            )
        out.append(_PageRows(pr.page, pr.rows, segs))
    return out


def drop_link_lines(lines: Sequence[Line]) -> list[Line]:
    """Lines made only of link labels (``Publisher Full Text | PubMed Abstract``), lines
    that are a lone number and rules drawn with characters (``********``) go."""
    return [
        ln
        for ln in lines
        if not _LINK_LABELS.match(ln.text)
        and not re.fullmatch(r"\d{1,5}", ln.text.strip())
        and not (len(ln.text.strip()) >= 3 and not any(c.isalnum() for c in ln.text))
    ]


def mark_blocks(lines: Sequence[Line], body: float) -> list[Line]:
    """Flag the lines that start a block: the first line of a page region after the first
    (a full-width caption under two columns, a list in columns under a body), a line after
    a vertical gap wider than 0.9 body sizes (leading never is), or where the type size
    changes by more than 15% (headings, captions and footnotes set larger or smaller). A
    line starting a new column or page continues the block before it (entries and
    paragraphs run on), unless the line before ended its paragraph short of its column's
    right edge."""
    def gap(prev: Line, ln: Line) -> float | None:
        """The space between two lines of one column, None across columns and pages."""
        if ln.page != prev.page or ln.top < prev.bottom - 0.5 * ln.size:
            return None
        return (ln.top if ln.usual_top is None else ln.usual_top) - prev.bottom

    # The document's leading: the usual space between two lines of a paragraph. A gap
    # half an em wider than it is a paragraph's space even when under 0.9 body sizes
    # (entries spaced 10 pt apart under 4 pt leading).
    spaces = sorted(
        g
        for a, b in itertools.pairwise(lines)
        if abs(a.size - b.size) < 0.5 and (g := gap(a, b)) is not None and g >= 0
    )
    leading = spaces[len(spaces) // 2] if len(spaces) >= 20 else None
    # Each page's text columns by their left edge, with the right edge their lines reach.
    rights: dict[tuple[int, int], float] = {}
    for ln in lines:
        key = (ln.page, round(ln.x0 / (3 * body)))
        rights[key] = max(rights.get(key, 0.0), ln.x1)

    def ended(ln: Line, following: Line) -> bool:
        """A line that ends a paragraph before one that opens another: a sentence's end
        well short of its column's right edge (by 30% of its width: a ragged line falls
        short by a long word at most), then a capital."""
        right = max(
            rights.get((ln.page, round(ln.x0 / (3 * body)) + d), 0.0) for d in (-1, 0, 1)
        )
        return (
            bool(re.search(r"[.!?:)\]”\"]$", ln.text))
            and ln.x1 < right - 0.3 * (right - ln.x0)
            and following.text[:1].isupper()
        )

    out: list[Line] = []
    prev: Line | None = None
    for ln in lines:
        block = after_end = False
        if prev is not None:
            resized = abs(ln.size - prev.size) > 0.15 * max(ln.size, prev.size)
            space = gap(prev, ln)
            wide = 0.9 * max(body, ln.size)
            if leading is not None:
                wide = min(wide, max(0.6 * body, leading + 0.5 * ln.size))
            # At a new column or page the space above is not seen: a block opens there
            # when the line before ended its paragraph.
            block = ln.block or resized or (space is not None and space > wide)
            after_end = space is None and ended(prev, ln)
        out.append(replace(ln, block=block, after_end=after_end))
        prev = ln
    return out


def join_wrapped_cells(lines: Sequence[Line], body: float) -> list[Line]:
    """A table row whose cells wrap over lines: a line under a row, in the same block,
    that goes on some of its cells is joined into them. It goes on the row when it has
    fewer cells than the row, each of its cells sits under one of the row's, and it opens
    as no row does: under an empty first column with a lower-case word, a number or a
    bracket (``investigator`` / ``un-blinded)``), or in the first column with a marker or
    a bracket (``^[20]``, ``(unpublished)``). A row whose first cells span rows (``Ae.
    albopictus`` under ``wMel``) opens with a capital and stays a row."""
    out: list[Line] = []
    columns: list[float] = []  # where the current table's columns start
    for ln in lines:
        prev = out[-1] if out else None
        if prev is None or ln.block or ln.page != prev.page or not (ln.cells and prev.cells):
            columns = list(ln.cells) if len(ln.cells) >= 2 else []
            out.append(ln)
            continue
        if len(ln.cells) >= 2 and len(ln.cells) > len(columns):
            columns = list(ln.cells)
        joined = _wrapped_into(prev, ln, columns, body) if len(columns) >= 2 else None
        if joined is None:
            out.append(ln)
        else:
            out[-1] = joined
    return out


def _column_of(x: float, columns: Sequence[float], body: float) -> int:
    return max((i for i, c in enumerate(columns) if c <= x + body), default=0)


def _wrapped_into(
    row: Line, ln: Line, columns: Sequence[float], body: float
) -> Line | None:
    """``row`` with the cells of ``ln`` joined into its own, or None when ``ln`` is no
    wrapped part of it (``join_wrapped_cells``)."""
    parts = ln.text.split("\t")
    cells = row.text.split("\t")
    if len(parts) != len(ln.cells) or len(cells) != len(row.cells):
        return None
    if len(parts) >= len(cells):
        return None
    first = parts[0]
    # a script without capitals (Chinese, Japanese) cannot open a row with one: its line
    # goes on the row unless it cites (a row of a citing table cites)
    caseless = unicodedata.category(first[:1] or " ") == "Lo" and "^[" not in ln.text
    if _column_of(ln.cells[0], columns, body) == 0:
        if not (caseless or re.match(r"\^\[|\(", first)):
            return None
    elif not (caseless or re.match(r"[a-z0-9(\[]|\^\[", first)):
        return None
    at = {_column_of(x, columns, body): k for k, x in enumerate(row.cells)}
    merged = list(cells)
    for x, part in zip(ln.cells, parts, strict=True):
        k = at.get(_column_of(x, columns, body))
        if k is None:
            return None
        glue = "" if merged[k].endswith("-") or part.startswith("^[") else " "
        merged[k] = merged[k] + glue + part
    return replace(row, text="\t".join(merged), bottom=max(row.bottom, ln.bottom))


def _attested(lines: Sequence[Line]) -> tuple[set[str], set[str]]:
    """Words the document prints whole and words it prints with a hyphen, lower-cased."""
    whole: set[str] = set()
    hyphened: set[str] = set()
    for ln in lines:
        for token in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", ln.text):
            (hyphened if "-" in token else whole).add(token.lower())
    return whole, hyphened


def dehyphenate(lines: Sequence[Line]) -> list[Line]:
    """``regene-`` + ``ration`` -> ``regeneration``, the first word of the next line moved
    up. The hyphen stays when the word before it already has one (``acute-on-`` +
    ``chronic``) or the document prints the word with that hyphen elsewhere and never
    without it. A soft hyphen at a line end joins (in a link it is the link's own hyphen);
    elsewhere it is dropped."""
    whole, hyphened = _attested(lines)
    out: list[Line] = []
    for ln in lines:
        text = ln.text
        prev = out[-1] if out else None
        if prev is not None and not ln.block:
            soft = prev.text.endswith(SOFT_HYPHEN)
            m = re.search(r"(\S+)[-\u00ad]$", prev.text)
            first, _, rest = text.partition(" ")
            if m and re.search(r"/|doi|www\.|http", m.group(1), re.I):
                # a URL or DOI: join_broken_links glues it, hyphen kept (a link's hyphen
                # at a line end is its own, though the PDF may call it soft)
                if soft:
                    out[-1] = _with_line_text(prev, prev.text[:-1] + "-")
            elif m and first[:1].islower() and (soft or re.search(r"[^\W\d_]$", m.group(1))):
                head = m.group(1)
                tail = re.match(r"[^\W\d_]+", first)
                joined = (re.sub(r"^.*[-\W]", "", head) + (tail.group(0) if tail else "")).lower()
                hyphen_word = (
                    re.sub(r"^.*[^\w-]", "", head) + "-" + (tail.group(0) if tail else "")
                ).lower()
                keep = not soft and (
                    "-" in head.lstrip("-")
                    or (hyphen_word in hyphened and joined not in whole)
                )
                glued = prev.text[:-1] + ("-" if keep else "") + first
                out[-1] = _with_line_text(prev, glued)
                if not rest:
                    continue
                text = rest
        out.append(_with_line_text(ln, text))
    return [_with_line_text(ln, ln.text.replace(SOFT_HYPHEN, "")) for ln in out]


_LINK_END = re.compile(
    r"(?:\b(?:doi:?|https?://|www\.)\s*\S*|\b10\.\d{4,9}/\S*)[./\-_=?&#]$|\bhttps?://$", re.I
)
_LINK_GOES_ON = re.compile(r"[\w\-./()%;:=?&#~+]+[,;]?")
_ENTRY_START = re.compile(r"\[?\d{1,4}[.\])]$")


def join_broken_links(lines: Sequence[Line]) -> list[Line]:
    """A DOI or URL cut at a line end after ``.``, ``/``, ``-`` (``doi: 10.3322/caac.`` +
    ``21601.``), or after its ``http://`` alone, is glued to the first word of the next line
    when that word can go on a DOI or URL (no space; a digit or a lower-case start, or a
    path or query going on: ``sciname=`` + ``Spartina%20densiflora``), is not an entry
    label and opens no link of its own."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        first, _, rest = ln.text.partition(" ")
        if (
            prev is not None
            and not ln.block
            and _LINK_END.search(prev.text)
            and _LINK_GOES_ON.fullmatch(first)
            and (
                first[:1].islower()
                or first[:1].isdigit()
                or (prev.text.endswith("/") and re.search(r"\d", first) is not None)
                # a query or path going on: "Atlas.aspx?sciname=" + "Spartina%20densiflora"
                or prev.text.endswith(("=", "?", "&", "_"))
                or re.search(r"[%/=_]", first) is not None
            )
            and not _ENTRY_START.match(first)
            and not re.match(r"(?:https?:|www\.|doi:)", first, re.I)  # a link of its own
            and not (first.isdigit() and rest[:1].isupper())
        ):
            out[-1] = _with_line_text(prev, prev.text + first)
            if rest:
                out.append(_with_line_text(ln, rest))
            continue
        out.append(ln)
    return out


def join_broken_markers(lines: Sequence[Line]) -> list[Line]:
    """A superscript marker cut at a line end (``^[3,]`` + ``^[4]``, ``^[3–]`` +
    ``^[5]``) is joined into one marker on the first line."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        m = re.match(r"\^\[([^\]]*)\]\s*", ln.text)
        if prev is not None and m:
            pm = re.search(r"\^\[([^\]]*[,\-–—])\]$", prev.text)
            if pm:
                merged = prev.text[: pm.start()] + f"^[{pm.group(1)}{m.group(1)}]"
                out[-1] = _with_line_text(prev, merged)
                rest = ln.text[m.end():]
                if rest:
                    out.append(_with_line_text(ln, rest))
                continue
        out.append(ln)
    return out


_LABEL = re.compile(r"\s*(?:\[\d{1,3}\]|\(\d{1,3}\)|\d{1,3}[.)])\s")


def join_hanging(lines: Sequence[Line]) -> list[Line]:
    """Lists set with a hanging indent (reference lists: an entry's first line at the
    column's edge, its other lines indented by 0.8-5 em) are given one line per item:
    each indented line not opening with a label (``[n]``, ``n.``: right-aligned labels
    indent the short numbers) is joined to the line before. A block (over columns and
    pages; each column's own left edge counts) is such a list when it has at least two
    flush lines and as many indented
    lines (a body set with first-line indents has fewer), or when 70% of its flush lines
    open with a label (a numbered list of mostly one-line entries); a run opening a
    column with indented lines continues the item left at the foot of the column before.
    Tables (blocks where over a third of the lines hold a tab) are never joined; a tab in
    a list's line is a justified line's wide space and becomes a space."""
    runs: list[list[int]] = []
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        same = (
            prev is not None
            and not ln.block
            and prev.page == ln.page
            and ln.top >= prev.top
            and abs(ln.x0 - prev.x0) < 8 * ln.size
        )
        if same:
            runs[-1].append(i)
        else:
            runs.append([i])
    blocks: list[list[list[int]]] = []
    for run in runs:
        if blocks and not lines[run[0]].block:
            blocks[-1].append(run)
        else:
            blocks.append([run])
    joined_to: dict[int, int] = {}
    for block in blocks:
        members = [i for run in block for i in run]
        # a table's rows have tabs; a justified line of a list may have one where its
        # words were set far apart
        if len(members) < 3 or sum("\t" in lines[i].text for i in members) > len(members) / 3:
            continue
        size = lines[members[0]].size
        flush: list[int] = []
        indented: list[int] = []
        for run in block:
            near = min(lines[i].x0 for i in run)
            left = min(
                lines[i].x0 for i in members if abs(lines[i].x0 - near) < 8 * size
            )
            for i in run:
                shift = lines[i].x0 - left
                if shift < 0.3 * size:
                    flush.append(i)
                elif 0.8 * size < shift < 5 * size and not _LABEL.match(lines[i].text):
                    indented.append(i)
        labelled = sum(1 for i in flush if _LABEL.match(lines[i].text))
        if len(flush) < 2 or (len(indented) < len(flush) and labelled < 0.7 * len(flush)):
            continue
        for i in indented:
            if i > 0 and i != members[0]:
                joined_to[i] = i - 1
    out: list[Line] = []
    for i, ln in enumerate(lines):
        if i in joined_to and out:
            prev = out[-1]
            glue = (
                ""
                if (prev.text.endswith(("-", "/")) and not prev.text.endswith(" -"))
                or (re.search(r"\bhttps?:$", prev.text) and ln.text.startswith("//"))
                else " "
            )
            text = (prev.text + glue + ln.text).replace("\t", " ")
            out[-1] = _with_line_text(prev, text)
        else:
            out.append(ln)
    return out


_FOOTNOTE_MARK = re.compile(r"^\s*(?:\^\[\d{1,2}\]|\(\d{1,2}\)|\d{1,2}\s|[*†‡§¶#]|[\uf000-\uf8ff])")
_ENDS_SENTENCE = re.compile(r"[.!?:;。！？”\")\]]\s*$")


def move_footnotes(lines: Sequence[Line], body: float) -> list[Line]:
    """A paragraph that runs on to the next page has the page's footnotes between its two
    halves: move those footnotes (the page's last blocks, set smaller than the body, each
    opening with a note mark) to after the paragraph's end on the next page, so the text reads
    on and each note stays a block of its own."""
    out = list(lines)
    i = 0
    while i < len(out):
        ln = out[i]
        nxt = out[i + 1] if i + 1 < len(out) else None
        open_end = (
            nxt is not None
            and nxt.page == ln.page
            and nxt.block
            and ln.size >= 0.92 * body
            and len(ln.text) >= 30
            and not _ENDS_SENTENCE.search(ln.text)
        )
        if not open_end:
            i += 1
            continue
        j = i + 1  # the page's remaining lines: footnotes only
        while j < len(out) and out[j].page == ln.page:
            j += 1
        notes = out[i + 1 : j]
        starts = [n for n in notes if n.block]
        if (
            j >= len(out)
            or len(notes) > 40
            or any(n.size >= 0.92 * body for n in notes)
            # (the first may go on from a note of the page before: no mark of its own)
            or not all(_FOOTNOTE_MARK.match(n.text) for n in starts[1:])
            or not any(_FOOTNOTE_MARK.match(n.text) for n in notes)
            or abs(out[j].size - ln.size) > 0.08 * ln.size  # a heading, a caption
        ):
            i += 1
            continue
        k = j + 1  # the paragraph's end on the next page
        while k < len(out) and not out[k].block:
            k += 1
        head = out[j]
        goes_on = Line(head.text, head.page, head.x0, head.top, head.x1, head.bottom, head.size)
        out[i + 1 : k] = [goes_on, *out[j + 1 : k], *notes]
        i = k
    return out


def _with_line_text(ln: Line, text: str) -> Line:
    return replace(ln, text=text)


def read_pages(pages: Sequence[Page]) -> list[Line]:
    """Every page's lines in reading order, furniture removed, blocks marked, hyphens and
    broken markers joined."""
    words = [words_of(p.chars) for p in pages]
    body = body_size(words)
    rows = remove_furniture(
        [_page_rows(p, w, body) for p, w in zip(pages, words, strict=True)], body
    )
    lines = drop_link_lines([ln for pr in rows for ln in lines_of_rows(pr, body)])
    lines = mark_blocks(lines, body)
    lines = join_broken_links(dehyphenate(move_footnotes(join_wrapped_cells(lines, body), body)))
    return [
        replace(ln, block=True) if ln.after_end and not ln.block else ln
        for ln in join_hanging(join_broken_markers(lines))
    ]


class Place(NamedTuple):
    """Where a text line is printed: its page and box, in points from the page's top left."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


def to_text(lines: Sequence[Line]) -> tuple[str, list[Place]]:
    """The text (a blank line before each block) and where each text line is printed (a
    blank line: where the line before it is)."""
    out: list[str] = []
    places: list[Place] = []
    for ln in lines:
        if ln.block and out and out[-1]:
            out.append("")
            places.append(places[-1])
        out.append(ln.text)
        box = (round(ln.x0, 1), round(ln.top, 1), round(ln.x1, 1), round(ln.bottom, 1))
        places.append(Place(ln.page, *box))
    return "\n".join(out) + "\n", places
