"""PDF input through pypdfium2 (PDFium; Apache-2.0/BSD): every character with its box,
baseline and type size, read many times faster than pdfminer (see benchmarks/RESULTS.md,
"PDF text extraction"). This module is the I/O edge only: it opens the file, refuses what
cannot be read (not a PDF, encrypted, truncated, damaged, a scan without text) with one
line, and hands the characters to ``inputs/layout.py``, which finds words, lines, columns,
reading order and page furniture. The text then goes through the text pipeline; each text
line remembers its page (``pdf_text``).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import replace
from typing import Any

from citelink.errors import InputError
from citelink.inputs.layout import Char, Page, Place, read_pages, to_text
from citelink.model import Article
from citelink.parse.article import parse_article

_SPACES = frozenset(" \t\r\n\u00a0\u2002\u2003\u2009\u200a\u200b\u3000")
# No character: PDFium's non-characters, and control codes, which a font without a
# Unicode map yields for its glyphs ("\x05 References": a section number unread).
_SKIP = frozenset("\ufffe\uffff") | frozenset(
    chr(c) for c in range(32) if chr(c) not in "\t\r\n\x02"
)


def _char(code: int) -> str:
    try:
        return chr(code)
    except (ValueError, OverflowError):
        return "\x00"


def _open(data: bytes, path: str) -> Any:
    try:
        import pypdfium2 as pdfium
    except ImportError:  # pragma: no cover - a dependency
        raise InputError("PDF support needs pypdfium2; install citelink again") from None
    if b"%PDF-" not in data[:1024]:
        raise InputError(f"{path}: is not a PDF (no %PDF- header)")
    if b"%%EOF" not in data[-16384:]:
        raise InputError(f"{path}: the PDF is truncated (no end-of-file marker)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        text = str(exc).lower()
        if "password" in text:
            raise InputError(f"{path}: the PDF is encrypted (a password is needed)") from None
        raise InputError(f"{path}: is not a readable PDF ({exc})") from None


def _page_chars(page: Any, number: int) -> Page:
    """A page's characters, in content-stream order, top-down coordinates. Rotated text
    (margin notes set sideways) is left out."""
    import pypdfium2.raw as raw

    width, height = page.get_size()
    textpage = page.get_textpage()
    tp = textpage.raw
    count = raw.FPDFText_CountChars(tp)
    rect = raw.FS_RECTF()
    matrix = raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    chars: list[Char] = []
    get_unicode = raw.FPDFText_GetUnicode
    loose_box = raw.FPDFText_GetLooseCharBox
    get_matrix = raw.FPDFText_GetMatrix
    font_size = raw.FPDFText_GetFontSize
    origin = raw.FPDFText_GetCharOrigin
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    got = raw.FPDFText_GetText(tp, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text_all = buffer.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    if len(text_all) != count:  # characters beyond the BMP: one at a time
        text_all = "".join(_char(get_unicode(tp, i)) for i in range(count))
    space = _SPACES.__contains__
    last_height = -1.0
    size = drop = 0.0
    rotated = False
    skip = -1
    for i, text in enumerate(text_all):
        if i == skip:
            continue
        if "\ud800" <= text <= "\udfff":
            # a character beyond the BMP (math italic 𝑘) comes as two halves: one character
            low = text_all[i + 1] if i + 1 < len(text_all) else ""
            if text > "\udbff" or not "\udc00" <= low <= "\udfff":
                continue  # a lone half: no character
            text = (text + low).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            skip = i + 1
        if text == "\ufffe" and get_unicode(tp, i) == 2:
            text = "\x02"  # the bulk text hides PDFium's line-end hyphen mark
        if text in _SKIP:
            continue
        if space(text):
            if text not in "\r\n" and chars and not chars[-1].space:
                c = chars[-1]
                chars.append(Char(" ", c.x1, c.x1, c.top, c.bottom, c.baseline, c.size, True))
            continue
        if text == "\x02":
            text = "\u00ad"  # PDFium's mark for a hyphen at a line end
        loose_box(tp, i, rect)
        top, bottom = rect.top, rect.bottom
        # Type size, rotation and the baseline's height in the box change only with the box
        # height (font x size x matrix): ask PDFium for the matrix, size and origin only
        # then (a third of the calls per character).
        if top - bottom != last_height:
            last_height = top - bottom
            get_matrix(tp, i, matrix)
            a, b_, c_, d = matrix.a, matrix.b, matrix.c, matrix.d
            rotated = abs(b_) > 0.1 * abs(a) + 1e-6 or abs(c_) > 0.1 * abs(d) + 1e-6
            size = font_size(tp, i) * (math.sqrt(abs(a * d - b_ * c_)) or 1.0)
            if size < 2:  # no size, or one scaled away by a transform PDFium leaves out
                size = max(last_height, 1.0)  # (a Word export: 0.12 pt for all its text)
            origin(tp, i, ox, oy)
            drop = oy.value - bottom  # the baseline above the box's bottom, for this font
        if rotated:
            continue  # sideways text: margin notes
        chars.append(
            Char(
                text,
                rect.left,
                rect.right,
                height - top,
                height - bottom,
                height - (bottom + drop),
                size,
            )
        )
    textpage.close()
    return Page(number, float(width), float(height), tuple(chars))


def pdf_text(data: bytes, path: str) -> tuple[str, list[Place]]:
    """The article's text and, for each text line, where it is printed (page and box)."""
    doc = _open(data, path)
    try:
        pages = [_page_chars(doc[i], i + 1) for i in range(len(doc))]
    except Exception as exc:  # PDFium reports damage in several ways
        raise InputError(f"{path}: the PDF is damaged ({type(exc).__name__})") from None
    finally:
        doc.close()
    if not any(c for p in pages for c in p.chars if not c.space):
        raise InputError(
            f"{path}: the PDF has no text layer (a scan?); OCR is out of scope: give its "
            "text, JATS XML or a PDF with text"
        )
    return to_text(read_pages(pages))


def parse_pdf(data: bytes, path: str) -> Article:
    """The article in a PDF; every line remembers its page, so every location can name it."""
    text, places = pdf_text(data, path)
    return replace(
        parse_article(text, path),
        line_pages=tuple(p.page for p in places),
        line_boxes=tuple((p.x0, p.top, p.x1, p.bottom) for p in places),
    )
