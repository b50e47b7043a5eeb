"""Make real PDFs of small articles for the tests, with reportlab: two columns, citation
markers as true superscripts (smaller, raised), a running header and page numbers on every
page, and long words hyphenated at line ends, as journals print them. ``cjk=True`` sets the
text in STSong-Light (Adobe's CID font every PDF reader knows) and breaks lines between Han
characters, as Chinese journals print them (no spaces)."""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

FONT, SIZE, LEAD = "Helvetica", 9.0, 11.5
HEADER = "Journal of Test Articles 2024; 12: 1-9"
MARKER = re.compile(r"\^?\[(\d+(?:[-–,]\s*\d+)*)\]")
CJK_FONT = "STSong-Light"
_CAPTION = r"(?:Table|Tabela|Tabla|Quadro|Cuadro|Tableau|Tabelle|Box)\s*\d"
_CJK_PARTS = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]|[^\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+"
)


class _Writer:
    def __init__(self, path: Path, columns: int, cjk: bool = False, wrap: bool = False) -> None:
        self.cjk = cjk
        self.wrap = wrap
        self.font = CJK_FONT if cjk else FONT
        if cjk and CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CJK_FONT))
        self.canvas = Canvas(str(path), pagesize=A4)
        self.width, self.height = A4
        self.columns = columns
        self.margin = 50.0
        gutter = 24.0
        self.col_width = (self.width - 2 * self.margin - gutter * (columns - 1)) / columns
        self.col_x = [self.margin + i * (self.col_width + gutter) for i in range(columns)]
        self.top = self.height - 60  # where a column starts on this page
        self.page = 0
        self._new_page()

    def _new_page(self) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.canvas.setFont(FONT, 7.5)
        self.canvas.drawString(self.margin, self.height - 30, HEADER)
        self.canvas.drawCentredString(self.width / 2, 25, str(self.page))
        self.col = 0
        self.top = self.y = self.height - 60

    def _next_line(self, lead: float = LEAD) -> None:
        self.y -= lead
        if self.y < 50:
            self.col += 1
            self.y = self.top
            if self.col >= len(self.col_x):  # a float across the page goes on on the next
                self._new_page()

    def natural_widths(self, rows: list[list[str]]) -> list[float]:
        """Each table column as wide as its widest cell plus a gutter."""
        columns = max(len(r) for r in rows)
        return [
            max(stringWidth(r[i] if i < len(r) else "", self.font, SIZE) for r in rows) + 14
            for i in range(columns)
        ]

    def span_start(self) -> None:
        """A float across the page's columns (a table wider than one), as journals set
        them: at the top of the next page, the columns continuing under it."""
        if not (self.col == 0 and self.y >= self.top - 1):
            self._new_page()
        self.saved = (self.col_x, self.col_width)
        self.col_x = [self.margin]
        self.col_width = self.width - 2 * self.margin

    def span_end(self) -> None:
        self.col_x, self.col_width = self.saved
        self.col = 0
        self.top = self.y

    def heading(self, text: str) -> None:
        self._next_line(LEAD * 0.6)
        self.canvas.setFont(self.font if self.cjk else "Helvetica-Bold", 11)
        self.canvas.drawString(self.col_x[self.col], self.y, text)
        self._next_line(LEAD * 1.2)

    def table(self, rows: list[list[str]]) -> None:
        """Each column as wide as its widest cell plus a gutter, one line a row; with
        ``wrap``, when the columns do not fit the text column, the wide ones share what is
        left and their cells wrap (a row as tall as its tallest cell), as journals set
        tables. Without, a table wider than the page runs off it (its text is there, but
        no reader sees it)."""
        columns = max(len(r) for r in rows)
        natural = self.natural_widths(rows)
        widths = list(natural)
        wrap = self.wrap and sum(natural) > self.col_width
        if wrap:
            fair = self.col_width / columns
            narrow = sum(w for w in natural if w <= fair)
            wide = sum(w for w in natural if w > fair)
            left = self.col_width - narrow
            widths = [w if w <= fair else max(fair, left * w / wide) for w in natural]
        for row in rows:
            cells = [
                _wrap(cell, widths[i] - 14, self.font) if wrap else [cell]
                for i, cell in enumerate(row)
            ]
            for k in range(max((len(c) for c in cells), default=1)):
                x = 0.0
                for i, lines in enumerate(cells):
                    cell = lines[k] if k < len(lines) else ""
                    cx = x
                    for piece in MARKER.split(cell):
                        sup = (
                            bool(re.fullmatch(r"\d+(?:[-–,]\s*\d+)*", piece or "x"))
                            and "[" in cell
                        )
                        if piece.strip():
                            self._draw(cx, piece.strip(), sup)
                            cx += stringWidth(piece.strip(), self.font, SIZE * (0.65 if sup else 1))
                            cx += 2.5
                    x += widths[i]
                self._next_line()
        self._next_line(LEAD * 0.6)

    def paragraph(self, text: str, markers: bool = True) -> None:
        """A paragraph; ``markers``: ``[n]`` citation markers set as superscripts (not in
        a reference list, where ``[n]`` is the entry's label)."""
        tokens: list[tuple[str, bool, bool]] = []  # (text, superscript, glued to the last)
        for piece in MARKER.split(text) if markers else [text]:
            if markers and re.fullmatch(r"\d+(?:[-–,]\s*\d+)*", piece or "x"):
                tokens.append((piece.replace(" ", ""), True, True))
                continue
            for k, word in enumerate(piece.split()):
                glued = k == 0 and self.cjk and bool(tokens) and not piece[:1].isspace()
                parts = _CJK_PARTS.findall(word) if self.cjk else [word]
                for j, part in enumerate(parts):
                    tokens.append((part, False, glued or j > 0))
        x = 0.0
        space_width = stringWidth(" ", self.font, SIZE)
        run: list[object] = [0.0, ""]  # glued plain tokens drawn as one string

        def flush() -> None:
            if run[1]:
                self._draw(float(str(run[0])), str(run[1]), False)
            run[1] = ""

        for word, sup, tight in tokens:
            size = SIZE * 0.65 if sup else SIZE
            w = stringWidth(word, self.font, size)
            glued = sup or tight or x == 0 or word[:1] in ".,;:)"
            space = 0.0 if glued else space_width
            closing = word[:1] in ".,;:)，。；：）、"
            if x + space + w > self.col_width and not sup and not closing:
                flush()
                if w > self.col_width:
                    # a link or a word longer than the column breaks after a slash, a dot
                    # or a dash, as typesetters break URLs (no hyphen added)
                    while stringWidth(word, self.font, SIZE) > self.col_width:
                        room = self.col_width - (x + space) if x else self.col_width
                        cut = _url_break(word, room, self.font)
                        if cut is None and x:
                            self._next_line()
                            x, space = 0.0, 0.0
                            continue
                        cut = cut or _url_break(word, self.col_width, self.font, force=True)
                        assert cut is not None
                        self._draw(x + space if x else 0.0, word[:cut], False)
                        self._next_line()
                        x, space = 0.0, 0.0
                        word = word[cut:]
                    w = stringWidth(word, self.font, SIZE)
                else:
                    if len(word) >= 10 and word.isalpha() and word.islower():
                        cut = len(word) // 2
                        head = word[:cut] + "-"
                        if x + space + stringWidth(head, self.font, SIZE) <= self.col_width:
                            self._draw(x + space, head, False)
                            word, w = word[cut:], stringWidth(word[cut:], self.font, SIZE)
                    self._next_line()
                    x, space = 0.0, 0.0
            if sup:
                flush()
                self._draw(x + space, word, sup)
            elif self.cjk and run[1] and space == 0.0:
                run[1] = str(run[1]) + word
            else:
                flush()
                run[0], run[1] = x + space, word
            x += space + w
        flush()
        self._next_line(LEAD * 1.6)

    def _draw(self, x: float, word: str, sup: bool) -> None:
        self.canvas.setFont(self.font, SIZE * 0.65 if sup else SIZE)
        self.canvas.drawString(self.col_x[self.col] + x, self.y + (3.2 if sup else 0), word)

    def save(self) -> None:
        self.canvas.save()


def _wrap(cell: str, width: float, font: str) -> list[str]:
    """A table cell's text in lines no wider than ``width`` (a word wider stays whole)."""
    lines: list[str] = []
    for word in cell.split():
        if lines and stringWidth(lines[-1] + " " + word, font, SIZE) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _url_break(word: str, room: float, font: str, force: bool = False) -> int | None:
    """Where to cut a word too long for its line: after the last ``/ . - _ ? & =`` whose
    head fits in ``room`` points (``force``: after the last character that fits)."""
    best = None
    for i in range(1, len(word)):
        if stringWidth(word[:i], font, SIZE) > room:
            break
        if force or word[i - 1] in "/.-_?&=":
            best = i
    return best


def article_pdf(
    text: str,
    path: Path,
    columns: int = 2,
    cjk: bool = False,
    one_per_line: bool = False,
    wrap_cells: bool = False,
) -> Path:
    """A PDF of a plain-text article: its blank-line paragraphs, short lines as headings,
    each reference-list entry as a paragraph of its own (a numbered entry with the lines
    that follow it; with ``one_per_line``, every line of the list); ``wrap_cells``: table
    cells wrap within columns that fit the page; otherwise a table wider than a column of a
    two-column page spans the page, at the top of the next one."""
    writer = _Writer(path, columns, cjk, wrap_cells)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    in_refs = False
    for block in blocks:
        lines = block.split("\n")
        if re.match(_CAPTION, lines[0]) and len(lines) > 1 and "\t" in lines[1]:
            rows = lines[1:]
            last = max(i for i, line in enumerate(rows) if "\t" in line)
            cells = [line.split("\t") for line in rows[: last + 1]]
            # a table wider than a column spans the page (unless its cells wrap to fit)
            span = (
                columns > 1
                and not wrap_cells
                and sum(writer.natural_widths(cells)) > writer.col_width
            )
            if span:
                writer.span_start()
            if len(lines[0]) < 60:
                writer.heading(lines[0].strip())
            else:  # a long caption wraps as a paragraph
                writer.paragraph(lines[0].strip())
            writer.table(cells)
            for note in rows[last + 1 :]:  # the table's notes and legend, under it
                writer.paragraph(note.strip())
            if span:
                writer.span_end()
            continue
        if all("\t" in line for line in lines):  # a table whose caption is a block above
            writer.table([line.split("\t") for line in lines])
            continue
        for i, line in enumerate(lines):
            short = len(line) < 60 and not line.rstrip().endswith(".")
            if short and (i == 0 or (in_refs is False and len(lines) == 1)):
                writer.heading(line.strip())
                in_refs = in_refs or line.strip("【】[] ").lower() in ("references", "参考文献")
                continue
            if in_refs:
                entries: list[str] = []
                for rest in lines[i:]:
                    if one_per_line or re.match(r"\s*(?:\d+\.|\[\d+\]|-)\s", rest) or not entries:
                        entries.append(rest.strip())
                    else:
                        entries[-1] += " " + rest.strip()
                for entry in entries:
                    writer.paragraph(entry, markers=False)
                break
            else:
                writer.paragraph(" ".join(part.strip() for part in lines[i:]))
                break
    writer.save()
    return path
