"""Plain text laid out in two columns side by side, as ``pdftotext -layout`` and some
viewers' "copy text" give a two-column page: each line holds a line of the left column, a
gutter of spaces, and a line of the right column.

Per page (pages split at form feeds), the right column's left edge is the position where
most lines start text after a run of spaces; where it is clear, each run of lines that
respects it is read left column first, then right column. Lines that cross the gutter
(titles, full-width captions) stay where they are. Text without such a gutter is returned
unchanged. Line numbers then refer to the rearranged text.
"""

from __future__ import annotations

import re
from collections import Counter

# The right column starts after two spaces at least, in the middle part of the page.
_AFTER_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")
# A page is read in columns when this share of its filled lines starts text at the edge.
_SHARE = 0.3
_MIN_LINES = 8


def _edge(lines: list[str]) -> int | None:
    """The right column's left edge on one page, or None."""
    filled = [line for line in lines if line.strip()]
    if len(filled) < _MIN_LINES:
        return None
    width = max(len(line) for line in filled)
    starts: Counter[int] = Counter()
    for line in filled:
        for m in _AFTER_GAP.finditer(line):
            if 0.25 * width <= m.end() <= 0.75 * width:
                starts[m.end()] += 1
    if not starts:
        return None
    # Indented first lines start a few places right of the edge: count them for it.
    best, count = max(
        ((x, sum(starts[x + d] for d in range(0, 7))) for x in starts), key=lambda t: t[1]
    )
    edge = min(x for x in range(best, best + 7) if starts[x]) if count else best
    if count < max(_MIN_LINES // 2, _SHARE * len(filled)):
        return None
    # The left column is text too, not labels or a margin's numbers ("1.     Entry ..."):
    # its lines fill most of its width.
    lefts = sorted(len(line[:edge].strip()) for line in filled if line[:edge].strip())
    return edge if lefts and lefts[len(lefts) // 2] >= 0.5 * edge else None


def _split(line: str, edge: int) -> tuple[str, str] | None:
    """The line's left and right column parts, or None when its text crosses the gutter."""
    if len(line) <= edge:
        return line.rstrip(), ""
    if line[edge - 1] != " " or (edge >= 2 and line[edge - 2] != " " and line[:edge].strip()):
        return None
    return line[:edge].rstrip(), line[edge:].strip()


def _page(lines: list[str]) -> list[str]:
    edge = _edge(lines)
    if edge is None:
        return lines
    out: list[str] = []
    left: list[str] = []
    right: list[str] = []

    def flush() -> None:
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for line in lines:
        parts = _split(line, edge)
        if parts is None:
            flush()
            out.append(line.strip())
            continue
        a, b = parts[0].strip(), parts[1]
        # a line blank in one column only is no break in it: the other column goes on
        if a or not b:
            left.append(a)
        if b or not a:
            right.append(b)
    flush()
    return out


def read_columns(text: str) -> str:
    """``text`` with side-by-side columns read one after the other (see the module)."""
    if "   " not in text:
        return text
    pages = text.split("\f")
    return "\f".join("\n".join(_page(page.split("\n"))) for page in pages)
