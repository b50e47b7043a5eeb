"""PDF input through pdfplumber (MIT; on pdfminer.six): characters with their size and
position, so what a PDF does to an article can be undone before the text rules read it.

- Superscript citation markers are recognised by size and baseline and written as
  ``^[n]``, so they never end up as digits glued to words.
- Two-column pages are read column by column (a gutter no line crosses).
- Running headers, footers and page numbers (lines repeated at the page edges, or only a
  number) are dropped.
- Words hyphenated at a line end are rejoined; a real hyphen (``acute-on-`` / ``chronic``,
  the word already hyphenated) is kept.
- Ligatures are unfolded (``ﬁ`` -> ``fi``).
- The reference list, over pages and columns, comes out whole, and then everything is
  parsed as a text article. Each text line remembers its page (``pdf_text``).

- Table rows become tab-separated lines (cells are told apart by gaps no running text has),
  so the text rules read the caption, header, rows and reference column.

A scanned PDF with no text layer gets a clear error (OCR is out of scope).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from citelink.errors import InputError
from citelink.model import Article
from citelink.parse.article import parse_article

LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_MARKER_TEXT = re.compile(r"^[\d,\-–—\s]+$")
EDGE = 0.07  # top and bottom share of a page where running headers and footers live


@dataclass
class _Line:
    top: float
    bottom: float
    size: float
    words: list[dict[str, Any]] = field(default_factory=list)

    def text(self, body: float = 10.0) -> str:
        """The line's words in order; a gap wider than 1.2 body sizes (four or five word
        spaces) separates table cells and becomes a tab: running text is never spaced that
        wide, even justified."""
        out = ""
        right: float | None = None
        for w in sorted(self.words, key=lambda w: w["x0"]):
            piece = w["text"]
            if w.get("sup") or not out:  # a superscript sits on the word it cites
                out = out.rstrip() + piece
            elif right is not None and w["x0"] - right > 1.2 * body:
                out = f"{out}\t{piece}"
            else:
                out = f"{out} {piece}"
            right = max(right or 0.0, float(w["x1"]))
        return out.translate(LIGATURES).strip()


def _body_size(words: Sequence[dict[str, Any]]) -> float:
    sizes = Counter(round(float(w["size"]) * 2) / 2 for w in words)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _columns(words: list[dict[str, Any]], width: float) -> list[list[dict[str, Any]]]:
    """Two columns when almost no word crosses the middle and both halves hold text."""
    mid = width / 2
    crossing = sum(1 for w in words if w["x0"] < mid - 4 and w["x1"] > mid + 4)
    left = [w for w in words if (w["x0"] + w["x1"]) / 2 < mid]
    right = [w for w in words if (w["x0"] + w["x1"]) / 2 >= mid]
    if words and crossing <= 0.02 * len(words) and len(left) > 20 and len(right) > 20:
        return [left, right]
    return [words]


def _lines(words: list[dict[str, Any]], body: float) -> list[_Line]:
    """Words into lines by baseline; small raised words join the line they sit on and,
    when they are numbers, become ``^[n]`` markers."""
    normal = [w for w in words if float(w["size"]) >= 0.8 * body]
    small = [w for w in words if float(w["size"]) < 0.8 * body]
    lines: list[_Line] = []
    for w in sorted(normal, key=lambda w: (round(w["bottom"]), w["x0"])):
        if lines and abs(w["bottom"] - lines[-1].bottom) <= 0.4 * body:
            lines[-1].words.append(w)
            lines[-1].top = min(lines[-1].top, w["top"])
        else:
            lines.append(_Line(w["top"], w["bottom"], float(w["size"]), [w]))
    for w in small:
        host = next(
            (
                ln
                for ln in lines
                if ln.top - 2 <= w["bottom"] <= ln.bottom and w["bottom"] < ln.bottom - 0.15 * body
            ),
            None,
        )
        if host is not None and _MARKER_TEXT.match(w["text"]):
            host.words.append({**w, "text": f"^[{w['text'].strip()}]", "sup": True})
        elif host is not None:
            host.words.append({**w, "sup": True})
        else:
            lines.append(_Line(w["top"], w["bottom"], float(w["size"]), [w]))
    return sorted(lines, key=lambda ln: ln.bottom)


def _dehyphenate(lines: list[str]) -> list[str]:
    """``regene-`` + ``ration`` -> ``regeneration``; ``acute-on-`` + ``chronic`` keeps the
    hyphen (the word was hyphenated already)."""
    out: list[str] = []
    for line in lines:
        prev = out[-1] if out else ""
        m = re.search(r"(\S+)-$", prev)
        if m and line[:1].islower() and re.search(r"[A-Za-z]$", m.group(1)):
            first, _, rest = line.partition(" ")
            keep = "-" if "-" in m.group(1) else ""
            out[-1] = prev[:-1] + keep + first
            if rest:
                out.append(rest)
            continue
        out.append(line)
    return out


def _running(pages: list[list[tuple[_Line, float]]]) -> set[str]:
    """Texts at page edges that repeat on many pages (digits ignored)."""
    seen: Counter[str] = Counter()
    for page in pages:
        keys = {
            re.sub(r"\d+", "#", ln.text())
            for ln, height in page
            if ln.bottom < EDGE * height or ln.top > (1 - EDGE) * height
        }
        seen.update(keys)
    return {k for k, n in seen.items() if n >= max(2, len(pages) // 2)}


def pdf_text(data: bytes, path: str) -> tuple[str, list[int]]:
    """The article's text and, for each text line, its page number."""
    try:
        import pdfplumber
        from pdfminer.pdfparser import PDFSyntaxError
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("PDF support needs pdfplumber; install citelink again") from None
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFSyntaxError, ValueError, KeyError, TypeError, Exception) as exc:
        raise InputError(f"{path}: is not a readable PDF ({type(exc).__name__})") from None
    pages: list[list[tuple[_Line, float]]] = []
    with pdf:
        try:
            for page in pdf.pages:
                words = page.extract_words(extra_attrs=["size"], x_tolerance=1.5)
                body = _body_size(words)
                page_lines: list[tuple[_Line, float]] = []
                for column in _columns(words, float(page.width)):
                    page_lines += [(ln, float(page.height)) for ln in _lines(column, body)]
                pages.append(page_lines)
        except Exception as exc:  # pdfminer raises many kinds on a damaged file
            raise InputError(f"{path}: the PDF is damaged ({type(exc).__name__})") from None
    if not any(pages):
        raise InputError(
            f"{path}: the PDF has no text layer (a scan?); OCR is out of scope: give its "
            "text, JATS XML or a PDF with text"
        )
    running = _running(pages)
    body_size = _body_size([w for page in pages for ln, _ in page for w in ln.words])
    out: list[str] = []
    out_pages: list[int] = []
    for number, page_lines in enumerate(pages, start=1):
        texts: list[str] = []
        previous: _Line | None = None
        for ln, _height in page_lines:
            text = ln.text(body_size)
            if not text or re.fullmatch(r"[\d\s\-–]+", text):
                continue  # page numbers
            if re.sub(r"\d+", "#", text) in running:
                continue
            gap = ln.top - previous.bottom if previous is not None else 0
            heading = ln.size > 1.15 * body_size
            if previous is not None and (
                gap > 0.9 * body_size or heading or previous.size > 1.15 * body_size
            ):
                texts.append("")
            texts.append(text)
            previous = ln
        texts.append("")
        for text in _dehyphenate(texts):
            out.append(text)
            out_pages.append(number)
    return "\n".join(out) + "\n", out_pages


def parse_pdf(data: bytes, path: str) -> Article:
    """The article in a PDF; every line remembers its page, so every location can name it."""
    text, pages = pdf_text(data, path)
    return replace(parse_article(text, path), line_pages=tuple(pages))
