"""Page furniture in plain text extracted from a PDF (``pdftotext`` and the like): running
heads and feet, journal and DOI lines, page numbers ("16 de 19", "Page 3 of 12").

Such text marks each new page with a form feed. A line near a page's top or bottom that
recurs near the edges of other pages (digits aside) is furniture, there and wherever else it
stands alone on a line; so is a lone page number at a page's edge. Furniture lines are
blanked, not removed, so every other line keeps its number. Text without page breaks is
returned unchanged.
"""

from __future__ import annotations

import re
from collections import defaultdict

# How many non-blank lines at each edge of a page are looked at.
EDGE = 4
_PAGE_NUMBER = re.compile(
    r"^\s*(?:(?:page|pág(?:ina)?\.?|p\.|s\.|стр\.)\s*)?\d{1,4}"
    r"(?:\s*(?:/|of|de|von|из|sur)\s*\d{1,4})?\s*$",
    re.I,
)


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line)).strip().casefold()


def _edges(lines: list[str], first: int, last: int) -> list[int]:
    """Indexes of the non-blank lines near the top and the bottom of one page."""
    filled = [i for i in range(first, last) if lines[i].strip()]
    return sorted(set(filled[:EDGE] + filled[-EDGE:]))


def strip_page_furniture(text: str) -> str:
    """``text`` with its page furniture blanked (see the module's docstring)."""
    if text.count("\f") < 2:
        return text
    lines = text.split("\n")
    # Pages as [first, last) line ranges: a page starts on the line holding its form feed.
    starts = [0] + [i for i, line in enumerate(lines) if "\f" in line and i]
    bounds = list(zip(starts, [*starts[1:], len(lines)], strict=True))
    seen: dict[str, set[int]] = defaultdict(set)
    edges = [_edges(lines, a, b) for a, b in bounds]
    for page, indexes in enumerate(edges):
        for i in indexes:
            key = _key(lines[i].replace("\f", ""))
            if len(key) >= 3:
                seen[key].add(page)
    recurring = max(3, len(bounds) // 3)
    furniture = {key for key, pages in seen.items() if len(key) >= 3 and len(pages) >= recurring}
    at_edges = {i for indexes in edges for i in indexes}
    out = list(lines)
    for i, raw in enumerate(lines):
        line = raw.replace("\f", "")
        # Recurring furniture anywhere (extraction may set a page's running head mid-page);
        # a lone page number only at a page's edge.
        if _key(line) in furniture or (i in at_edges and _PAGE_NUMBER.match(line)):
            out[i] = "\f" if "\f" in raw else ""
    return "\n".join(out)
