"""Tables in plain text: caption (``表 1`` / ``Table 1`` and any second-language caption),
header, data rows, the reference column and each row's cited numbers.

Reading the layout (``find_tables``) and linking rows to references (``link_rows``) are two
steps: which cells cite depends on how the article cites, known only after its body is read.

Rows are tab- or pipe-separated lines as PDF extraction and Markdown leave them. A row
broken over several lines is one row: a line that fills at most half its cells, or leaves
its first cell empty, continues the row above unless both cite a reference. LaTeX-like
cells such as ``$5 \\times 10^5/kg$`` are rendered plainly (``5×10^5/kg``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from citelink.model import Table, TableRow
from citelink.parse.markers import expand, find_markers
from citelink.parse.text import collapse_spaces, join_lines, superscripts_to_caret

# "Table 2", "表 2", and in other languages "Tabela", "Tabla", "Quadro", "Cuadro", "Tableau",
# "Tabelle", "Таблица".
TABLE_WORD = (
    r"(?:表|Table|TABLE|Tab\.|Tabela|TABELA|Tabla|TABLA|Quadro|QUADRO|Cuadro|CUADRO|Tableau"
    r"|TABLEAU|Tabelle|TABELLE|Tabella|TABELLA|Таблица|ТАБЛИЦА)"
)
TABLE_CAPTION = re.compile(rf"^\s*{TABLE_WORD}\s*(?P<n>\d{{1,2}})(?![\d.]\d)(?P<rest>.*)$")
FIGURE_CAPTION = re.compile(
    r"^\s*(?:图|Fig\.|Figure|FIGURE|Figura|FIGURA|Gráfico|GRÁFICO|Abbildung|Abb\.|Рисунок)"
    r"\s*\d{1,2}\b"
)
_REF_HEADER = re.compile(
    r"^(?:参考文献|文献|引文|文献来源|refs?\.?|references?|reference\(s\)|citations?|"
    r"citation\(s\)|sources?|study|studies|trial|author\(s\)|authors?|研究|来源)$",
    re.I,
)
# Headers whose numbers are data, never citations: counts, ages, doses, percentages.
_DATA_HEADER = re.compile(
    r"^(?:n|na|no\.?|number|n\s*\(%\)|%|age|dose|mean|median|sd|range|total|count|"
    r"cases|patients|year|years|p|p[- ]value|or|rr|hr|ci|95%\s*ci|score|value)\b",
    re.I,
)
_REF_CELL = re.compile(r"^\s*[\[［(（]?\s*\d{1,3}(?:\s*[-–—~～,，、;]\s*\d{1,3})*\s*[\]］)）]?\s*$")
_NOTE = re.compile(r"^\s*(?:注|备注|Note|Notes|Abbreviations?)\s*[:：.]", re.I)
_LATEX = (
    (re.compile(r"\s*\\times\s*"), "×"),
    (re.compile(r"\s*\\sim\s*"), "~"),
    (re.compile(r"\s*\\pm\s*"), "±"),
    (re.compile(r"\\(?:le|leq)\b\s*"), "≤"),
    (re.compile(r"\\(?:ge|geq)\b\s*"), "≥"),
    (re.compile(r"\\alpha\b\s*"), "α"),
    (re.compile(r"\\beta\b\s*"), "β"),
    (re.compile(r"\\gamma\b\s*"), "γ"),
    (re.compile(r"\\(?:mu|upmu)\b\s*"), "μ"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\[,;: ]"), " "),
    (re.compile(r"\\(?:mathrm|text|mathit)\s*"), ""),
    (re.compile(r"\^\{([^{}]*)\}"), r"^\1"),
    (re.compile(r"_\{([^{}]*)\}"), r"_\1"),
    (re.compile(r"[{}$]"), ""),
)


def render_cell(cell: str) -> str:
    """A cell as a reader would write it: LaTeX-like math made plain, superscripts as ^n."""
    text = superscripts_to_caret(cell)
    if "$" in text or "\\" in text:
        for pattern, repl in _LATEX:
            text = pattern.sub(repl, text)
    return collapse_spaces(text)


def _is_tabular(line: str) -> bool:
    return "\t" in line.strip("\n") or line.lstrip().startswith("|")


def _cells(line: str) -> list[str]:
    line = line.rstrip("\n")
    parts = line.split("\t") if "\t" in line else line.strip().strip("|").split("|")
    return [render_cell(p) for p in parts]


def _is_separator_row(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", line)) and "-" in line


@dataclass(frozen=True)
class TableBlock:
    table: Table
    lines: frozenset[int]


def _fit(cells: list[str], width: int) -> list[str]:
    """Drop the empty cells extraction inserts until the row fits its header; pad short rows."""
    while len(cells) > width and "" in cells[1:]:
        cells.pop(len(cells) - 1 - cells[::-1].index(""))
    if len(cells) > width:
        cells = [*cells[: width - 2], " ".join(cells[width - 2 : -1]), cells[-1]]
    return cells + [""] * (width - len(cells))


CellRefs = Callable[[str], tuple[int, ...]]


def _ref_column(
    header: tuple[str, ...], rows: list[TableRow], cites: CellRefs, max_ref: int | None = None
) -> int | None:
    """The column of cited references: named so in the header (``Ref.``, ``参考文献``,
    ``Study``) and holding citations, or else the column whose cells mostly cite
    (``[12]``, ``Cisse (2006) [20]``, an author-year label). A column of plain numbers counts
    only under a reference header (counts and doses look the same), or when its numbers are
    lists of the list's entries (``(1, 24)``, ``10,15,16``; ``_lists_of_entries``)."""
    best: tuple[float, int] | None = None
    for i, name in enumerate(header):
        name = name.strip()
        if _DATA_HEADER.match(name) and not _REF_HEADER.match(name):
            continue
        filled = [r.cells[i] for r in rows if i < len(r.cells) and r.cells[i].strip()]
        if not filled:
            continue
        named = bool(_REF_HEADER.match(name)) or _lists_of_entries(filled, max_ref)
        citing = sum(1 for c in filled if cites(c) or (named and _REF_CELL.match(c)))
        share = citing / len(filled)
        if (named and share >= 0.5) or share >= 0.6:
            score = share + (1 if named else 0)
            if best is None or score > best[0]:
                best = (score, i)
    return best[1] if best else None


# A numbered legend under a table: "1Hoffmann (1988); 2Reynolds and Hoffmann (2002); ...".
_LEGEND_ITEM = re.compile(r"(?:^|(?<=[;.]\s)|(?<=[;.]))\s*\^?(?P<n>\d{1,3})\s?(?=[^\W\d_])")
# Note marks in a cell: digits glued to a word or after a caret ("High12", "Partial*,1,2",
# "melanogaster^1"); symbols (* † ‡ §) are notes of another kind and are skipped.
# A note mark follows a word in lower case ("High12", "albopictus16"), a caret or a
# bracket; never digits of a token such as "CD34", "IL6" or "H2O".
_CELL_NOTE = re.compile(
    r"(?:(?<=[^\W\d_A-Z]{2})|(?<=\^)|(?<=[)\]]))(?P<list>\d{1,3}(?:\s?[,–-]\s?\d{1,3})*)(?![\d.])"
)


_OTHER_NOTE = re.compile(r"\s*(?:[*†‡§¶#]|\^?[a-z][\s.)]|(?:Notes?|Source|Abbreviations)\b)")


def legend_items(text: str) -> list[tuple[int, int, int]]:
    """The items of a numbered legend as (number, start, end) in ``text``; empty unless
    the items are numbered 1, 2, 3 ... in order (at least two of them)."""
    found = [(int(m.group("n")), m.start("n"), m.end()) for m in _LEGEND_ITEM.finditer(text)]
    items: list[tuple[int, int, int]] = []
    for number, start, body in found:
        if number == len(items) + 1:
            items.append((number, start, body))
    if len(items) < 2:
        return []
    out = []
    for k, (number, _start, body) in enumerate(items):
        end = items[k + 1][1] if k + 1 < len(items) else len(text)
        newline = text.find("\n", body, end)  # a legend ends with its line
        out.append((number, body, newline if newline >= 0 else end))
    return out


def cell_notes(cell: str) -> tuple[int, ...]:
    """The legend numbers a cell carries as note marks."""
    plain = re.sub(r"[*†‡§¶#]\s?,?", "", cell)
    return tuple(
        dict.fromkeys(n for m in _CELL_NOTE.finditer(plain) for n in expand(m.group("list")))
    )


def legend_refs(table: Table, cites: CellRefs) -> dict[int, tuple[int, ...]]:
    """Legend number -> the references its item cites, from the table's note."""
    note = table.note or ""
    out: dict[int, tuple[int, ...]] = {}
    for number, start, end in legend_items(note):
        refs = cites(note[start:end].strip(" ;."))
        if refs:
            out[number] = refs
    return out


_YEAR_CELL = re.compile(r"\s*((?:1[5-9]|20)\d\d[a-z]?)\s*")


def _year_and_name(
    cells: list[str],
    per_cell: list[tuple[int, ...]],
    cites: CellRefs,
    keep: Callable[[Sequence[int]], tuple[int, ...]],
) -> list[tuple[int, ...]]:
    """A row that names a study in two cells, its year and its author (``1980 | Denslow |
    ...``): linked when the pair, read as a citation, names exactly one entry."""
    lead = cells[:3]
    years = [i for i, c in enumerate(lead) if _YEAR_CELL.fullmatch(c)]
    if len(years) != 1:
        return per_cell
    y = years[0]
    for i in (y - 1, y + 1):
        if 0 <= i < len(lead) and lead[i].strip() and len(lead[i]) <= 60:
            refs = keep(cites(f"{lead[i].strip()} ({cells[y].strip()})"))
            if len(refs) == 1:
                out = list(per_cell)
                out[i] = refs
                return out
    return per_cell


_DECIMAL_LIKE = re.compile(r"^\d{1,3},\d{1,3}$")


def _lists_of_entries(filled: Sequence[str], max_ref: int | None) -> bool:
    """Whether a column's cells are, for the most part, lists of reference numbers: at
    least three such cells, half of them naming two entries or more ("(1, 24)",
    "10,15,16"), every number one of the list's (a count, a dose or a range of values
    seldom is all of that)."""
    cells = [c.strip() for c in filled if _REF_CELL.match(c)]
    numbered = [expand(c) for c in cells]
    if max_ref is None or len(numbered) < 3 or len(numbered) < 0.6 * len(filled):
        return False
    if any(not refs or max(refs) > max_ref or min(refs) < 1 for refs in numbered):
        return False
    # "3,89" is a decimal comma as often as two entries: such cells may not be the most
    decimal = sum(bool(_DECIMAL_LIKE.match(c)) for c in cells)
    lists = sum(len(refs) > 1 for refs in numbered)
    return lists * 2 >= len(numbered) and decimal * 2 <= len(numbered) and lists > decimal


def _short_row_ref(cells: tuple[str, ...], col: int | None) -> int | None:
    """In a row printed with fewer cells than its header and padded on the right, the cell
    that holds the last column's references ("Infection phenotype | ... | 28,93" under a
    five-column header whose last is "Ref."): its index, or None."""
    if col is None or col != len(cells) - 1 or cells[col].strip():
        return None
    last = max((i for i, c in enumerate(cells) if c.strip()), default=0)
    return last if last > 0 and _REF_CELL.match(cells[last]) else None


def link_rows(table: Table, cites: CellRefs, max_ref: int | None) -> Table:
    """The table with its reference column found and every row's references filled in:
    the reference column's numbers, and citations in any other cell. A plain number the
    list does not have is data, never a reference (a bracketed one in the reference column
    is a citation of a missing entry, for lint to report); when in doubt a row has none.
    References the source tagged in a cell (``row.cell_refs`` on input, from JATS) are
    kept. With a numbered legend that cites (``table.legend``, else read from the table's
    note), a cell's note marks stand for their items' references: they count for the row,
    not as citations printed in the cell."""

    def keep(refs: Sequence[int]) -> tuple[int, ...]:
        return tuple(n for n in dict.fromkeys(refs) if max_ref is None or 1 <= n <= max_ref)

    legend = dict(table.legend) or legend_refs(table, cites)
    col = _ref_column(table.header, list(table.rows), cites, max_ref)
    rows = []
    for row in table.rows:
        per_cell = []
        noted: list[int] = []
        short = _short_row_ref(row.cells, col)
        for i, cell in enumerate(row.cells):
            tagged = row.cell_refs[i] if i < len(row.cell_refs) else ()
            refs = tagged or cites(cell)
            if legend and not refs:
                noted += [n for k in cell_notes(cell) for n in legend.get(k, ())]
            if i == col and refs:
                per_cell.append(tuple(dict.fromkeys(refs)))
                continue
            if not refs and i == short:
                refs = expand(cell)
            if not refs and i == col and _REF_CELL.match(cell):
                refs = expand(cell)
            per_cell.append(keep(refs))
        if not any(per_cell) and not noted:
            per_cell = _year_and_name(list(row.cells), per_cell, cites, keep)
        row_refs = tuple(dict.fromkeys([n for refs in per_cell for n in refs] + list(keep(noted))))
        rows.append(replace(row, refs=row_refs, cell_refs=tuple(per_cell)))
    header_refs = tuple(
        keep((table.header_refs[i] if i < len(table.header_refs) else ()) or cites(h))
        for i, h in enumerate(table.header)
    )
    return replace(
        table,
        rows=tuple(rows),
        ref_column=col,
        header_refs=header_refs if any(header_refs) else (),
    )


# A unit under a column name: "(%)", "mg/kg", "(µg/L)", "°C", "years", "n (%)".
_UNIT = r"(?:[%‰°µμA-Za-z][A-Za-z0-9µμ°²³¹⁻]{0,7}(?:\^-?\d)?|10\^?-?\d)"
# tokens joined by a separator each: never two ways to cut one word (no backtracking blow-up)
_UNIT_CELL = re.compile(rf"\(?\s*{_UNIT}(?:(?:[/·.-]|\s+)\(?{_UNIT}\)?)*\s*\)?")


def _header_like(cells: list[str]) -> bool:
    """Column names: words in every cell, no citation, no cell of numbers only."""
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(
        re.search(r"[^\W\d_]{2}", c)
        and not find_markers(c)
        and not re.fullmatch(r"[\d.,%±()\s–-]+", c)
        for c in filled
    )


def _continues_header(cells: list[str]) -> bool:
    """A second header line: no row label, only words (no numbers, no citations), or
    the columns' units ("(%)", "mg/kg"): not row 1."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled or cells[0].strip():
        return False
    units = all(_UNIT_CELL.fullmatch(c) for c in filled) and any(
        re.search(r"[%‰°µμ/()]", c) for c in filled
    )
    return units or _header_like(cells)


def _layout_ref_column(header: list[str], rows: list[list[str]]) -> int | None:
    """A guess at the reference column from layout alone (to keep a row's lines together):
    a reference header, or a last column of cited numbers."""
    for i, name in enumerate(header):
        if _REF_HEADER.match(name.strip()):
            return i
    last = len(header) - 1
    filled = [r[last] for r in rows if last < len(r) and r[last]]
    if filled and all(_REF_CELL.match(c) or find_markers(c) for c in filled):
        return last
    return None


# A first cell naming a study by its author and year in parentheses: "Sesay (2011)",
# "Cisse28 (unpublished)"; or by its year and a citation set after it, in brackets or
# flattened onto the year: "Cummings et al., 1996 (27)", "Schmidt, 200122".
_NAMES_STUDY = re.compile(
    r"\s*[^\W\d_][^()\t]{0,60}(?:\(\d{1,3}\)\s*)?"
    r"\(\s*(?:(?:1[5-9]|20)\d\d[a-z]?|unpublished|in press|submitted)\s*\)"
    r"|\s*[^\W\d_][^()\t\d]{0,60}?,?\s(?:1[5-9]|20)\d\d[a-z]?"
    r"\s*(?:\(\d{1,3}(?:\s?[,–-]\s?\d{1,3})*\)|\d{1,3}(?:[,–-]\d{1,3})*)\s*$",
    re.I,
)


def _continues(cells: list[str], previous: list[str], ref_col: int | None) -> bool:
    """Whether a line is the rest of the row above rather than a row of its own: it fills
    at most half its cells and brings no second reference. A dense line with an empty
    first cell is a row of the same group (another arm of a study), not a continuation."""
    if cells[0] and (find_markers(cells[0]) or _NAMES_STUDY.match(cells[0])):
        return False  # a row label that cites ("Sesay (2011) [23]", "Sesay (2011)23") starts a row
    content = [c for i, c in enumerate(cells) if i != ref_col]
    sparse = 2 * sum(1 for c in content if c) <= len(content)
    has_ref = ref_col is not None and bool(cells[ref_col])
    previous_has_ref = ref_col is not None and bool(previous[ref_col])
    if sparse:
        return not (has_ref and previous_has_ref)
    return False


def _open_bracket(cell: str) -> bool:
    return cell.count("(") + cell.count("（") > cell.count(")") + cell.count("）")


def _row_label(line: str, after: str) -> bool:
    """A row's label set on a line of its own, the row's cells on the line after it (a PDF
    drops the empty cells beside the label): a short line that cites or names a study
    (``Cummings et al., 1996 [27]``), followed by a row."""
    text = line.strip()
    return (
        len(text) <= 80
        and _is_tabular(after)
        and bool(find_markers(text) or _NAMES_STUDY.match(text))
    )


def _resumes(lines: list[str], i: int, limit: int = 3) -> bool:
    """Whether a table's rows go on from line ``i``: a row within its next ``limit`` lines
    of text, before any caption (a paragraph after a table runs longer, or ends at the next
    table's caption)."""
    seen = 0
    for line in lines[i:]:
        if not line.strip():
            continue
        if _is_tabular(line):
            return True
        if TABLE_CAPTION.match(line) or FIGURE_CAPTION.match(line) or seen == limit:
            return False
        seen += 1
    return False


def _read_table(lines: list[str], start: int) -> TableBlock | None:
    """A table whose caption is ``lines[start]``, or None when no tabular block follows."""
    caption_m = TABLE_CAPTION.match(lines[start])
    if caption_m is None or _is_tabular(lines[start]):
        return None
    used = {start}
    caption_en: str | None = None
    caption = collapse_spaces(lines[start])
    i = start + 1
    # A caption wrapped over lines (a PDF's): its first line stops mid-sentence, and the
    # lines up to one ending a sentence go on it (they stay text of the article).
    while (
        i < len(lines)
        and i - start <= 5
        and not re.search(r"[.:。：]\s*$", lines[i - 1])
        and lines[i].strip()
        and not _is_tabular(lines[i])
        and not TABLE_CAPTION.match(lines[i])
    ):
        caption = join_lines(caption, collapse_spaces(lines[i]))
        i += 1
    # ... or up to the paragraph's end, when the table follows it (a caption without a
    # final full stop: "... More details are found in Appendix S1" / "" / rows)
    ended = i < len(lines) and (
        _is_tabular(lines[i])
        or (not lines[i].strip() and i + 1 < len(lines) and _is_tabular(lines[i + 1]))
    )
    if i - start > 1 and not re.search(r"[.:。：]\s*$", lines[i - 1]) and not ended:
        i = start + 1  # no sentence ended: not a wrapped caption
        caption = collapse_spaces(lines[start])
    while i < len(lines) and not lines[i].strip():
        i += 1
    second = TABLE_CAPTION.match(lines[i]) if i < len(lines) else None
    if i < len(lines) and not _is_tabular(lines[i]) and second is not None:
        if second.group("n") != caption_m.group("n"):
            return None
        caption_en = collapse_spaces(lines[i])
        used.add(i)
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
    # A PDF loses a header's leading empty cells: a heading over several columns
    # ("Substrate chain length/specific activities (U/mg)") is then a line of its own,
    # and "pNP esters | Vinyl esters | TAG" a line with fewer cells than the rows.
    spanning = 0  # such lines, kept out of the article's text
    while (
        spanning < 2
        and i + 1 < len(lines)
        and lines[i].strip()
        and not _is_tabular(lines[i])
        and len(lines[i].strip()) <= 80
        and not re.search(r"[.。]\s*$", lines[i])
        and any(_is_tabular(x) for x in lines[i + 1 : i + 3])
    ):
        spanning += 1
        used.add(i)
        i += 1
    if i >= len(lines) or not _is_tabular(lines[i]):
        return None
    header = _cells(lines[i])
    used.add(i)
    i += 1
    while (
        i + 1 < len(lines)
        and _is_tabular(lines[i])
        and len(_cells(lines[i])) > len(header)
        and _is_tabular(lines[i + 1])
        and len(_cells(lines[i + 1])) >= len(_cells(lines[i])) - 1
        and _header_like(header)
        and _header_like(_cells(lines[i]))
    ):
        # ... and the header with a cell for every column is the one under it
        header = _cells(lines[i])
        used.add(i)
        i += 1
    while i < len(lines) and _is_tabular(lines[i]) and _continues_header(_cells(lines[i])):
        more = _fit(_cells(lines[i]), len(header))
        header = [join_lines(a, b) for a, b in zip(header, more, strict=True)]
        used.add(i)
        i += 1
    raw_rows: list[tuple[int, list[str]]] = []
    whole: set[int] = set()
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            j = i + 1
            while j < len(lines) and not lines[j].strip():
                j += 1
            if j < len(lines) and (_is_tabular(lines[j]) or (raw_rows and _resumes(lines, j))):
                i = j
                continue
            break
        if not _is_tabular(line):
            after = lines[i + 1] if i + 1 < len(lines) else ""
            if _row_label(line, after):
                # a row's label on a line of its own above its cells: a row of its own
                raw_rows.append((i, _fit([render_cell(line)], len(header))))
                used.add(i)
                i += 1
                continue
            if raw_rows and not (len(line.strip()) <= 60 and _is_tabular(after)):
                if not _resumes(lines, i + 1):
                    break
                # the rest of a cell whose empty cells before it the PDF dropped (a quote
                # under "Results"): the last column, then joined as a sparse line is
                raw_rows.append((i, [""] * (len(header) - 1) + [render_cell(line)]))
                used.add(i)
                i += 1
                continue
            if not raw_rows:
                break
            # A cell's wrapped line between two rows ("...丙型肝炎、" + "药物性肝损伤及
            # Wilson 病)"): it goes on the cell left open, else the first.
            k, cells = raw_rows[-1]
            at = next((c for c, cell in enumerate(cells) if _open_bracket(cell)), 0)
            cells = [
                join_lines(cell, line.strip()) if c == at else cell for c, cell in enumerate(cells)
            ]
            raw_rows[-1] = (k, cells)
            used.add(i)
            i += 1
            continue
        used.add(i)
        if not _is_separator_row(line):
            printed = _cells(line)
            if 2 <= len(printed) < len(header) and all(c.strip() for c in printed):
                whole.add(i)  # every printed cell filled: a row whose first cells span rows
            raw_rows.append((i, _fit(printed, len(header))))
        i += 1
    ref_col = _layout_ref_column(header, [cells for _, cells in raw_rows])
    rows: list[tuple[int, list[str]]] = []
    for idx, cells in raw_rows:
        if rows and idx not in whole and _continues(cells, rows[-1][1], ref_col):
            prev = rows[-1][1]
            rows[-1] = (rows[-1][0], [join_lines(a, b) for a, b in zip(prev, cells, strict=True)])
        else:
            rows.append((idx, cells))
    note: str | None = None
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines) and _NOTE.match(lines[i]):
        note = collapse_spaces(lines[i])
        used.add(i)
    elif i < len(lines) and legend_items(lines[i]):
        # A numbered legend ("1Hoffmann (1988); 2Reynolds ..."): the table's note, and
        # still text of the article (its citations are claims). A PDF wraps it over
        # lines: those up to a blank line, a row or a note of another kind ("* High ...").
        legend = [lines[i]]
        while (
            i + len(legend) < len(lines)
            and (wrapped := lines[i + len(legend)]).strip()
            and "\t" not in wrapped
            and not _OTHER_NOTE.match(wrapped)
        ):
            legend.append(wrapped)
        note = collapse_spaces(" ".join(legend))
    table_rows = tuple(
        TableRow(index=k + 1, line=idx + 1, cells=tuple(cells))
        for k, (idx, cells) in enumerate(rows)
    )
    table = Table(
        number=int(caption_m.group("n")),
        line=start + 1,
        caption=caption,
        caption_en=caption_en,
        header=tuple(header),
        rows=table_rows,
        ref_column=None,
        note=note,
    )
    return TableBlock(table, frozenset(used))


def find_tables(lines: list[str]) -> list[TableBlock]:
    """Every captioned table in ``lines`` (0-based indices in ``TableBlock.lines``)."""
    blocks: list[TableBlock] = []
    taken: set[int] = set()
    for i, line in enumerate(lines):
        if i in taken or not TABLE_CAPTION.match(line):
            continue
        block = _read_table(lines, i)
        if block is not None:
            blocks.append(block)
            taken |= block.lines
    return blocks
