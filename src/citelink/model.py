"""Plain data shared by every stage: parsed article, citation graph and lint findings.

Dataclasses only, frozen, no behaviour beyond trivial derived views; parsing lives in
``references``/``article``/``tables``, judgement in ``links``/``lint``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


@dataclass(frozen=True)
class Author:
    family: str
    given: str = ""


@dataclass(frozen=True)
class Reference:
    """One entry of the reference list, with the fields as the article printed them."""

    n: int
    raw: str
    authors: tuple[Author, ...] = ()
    et_al: bool = False
    title: str | None = None
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    type: str = "misc"
    booktitle: str | None = None
    editors: tuple[Author, ...] = ()
    publisher: str | None = None
    place: str | None = None
    edition: str | None = None
    number_printed: bool = True
    line: int = 0
    pmid: str | None = None
    # The letter that tells apart one author's works of a year ("2011a"), the year of first
    # publication printed beside a reprint's ("1988 [1975]", "2011/1979") and the short
    # name a corporate author is cited by ("NBS – National Bureau...", "... (EMBRAPA)").
    year_suffix: str | None = None
    original_year: int | None = None
    short_name: str | None = None

    @property
    def first_author(self) -> Author | None:
        return self.authors[0] if self.authors else None


@dataclass(frozen=True)
class Marker:
    """A citation marker as printed (``^[8-9]``) and the reference numbers it names."""

    printed: str
    refs: tuple[int, ...]
    start: int
    end: int
    # Author-year items that name no entry or several, quoted with what they matched.
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class TablePointer:
    """A pointer such as ``（见表 1～2）`` or ``see Table 3`` inside a sentence."""

    printed: str
    tables: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A body sentence; it is a claim when it carries at least one marker."""

    id: int
    section: str | None
    paragraph: int
    line: int
    text: str
    markers: tuple[Marker, ...] = ()
    pointers: tuple[TablePointer, ...] = ()

    @property
    def refs(self) -> tuple[int, ...]:
        return tuple(sorted({n for m in self.markers for n in m.refs}))

    @property
    def is_claim(self) -> bool:
        return bool(self.markers)


@dataclass(frozen=True)
class TableRow:
    index: int
    line: int
    cells: tuple[str, ...]
    refs: tuple[int, ...] = ()
    # The references each cell cites (the reference column and citations in other cells).
    cell_refs: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True)
class Table:
    number: int
    line: int
    caption: str
    header: tuple[str, ...]
    rows: tuple[TableRow, ...]
    ref_column: int | None
    caption_en: str | None = None
    note: str | None = None
    # References cited in the header cells (tables whose columns are studies).
    header_refs: tuple[tuple[int, ...], ...] = ()
    # A numbered legend under the table whose items cite: (note number, its references).
    legend: tuple[tuple[int, tuple[int, ...]], ...] = ()

    def row_mapping(self, row: TableRow) -> dict[str, str]:
        """The row as header -> cell (an unnamed column is called ``column N``)."""
        return {
            name or f"column {i + 1}": row.cells[i] if i < len(row.cells) else ""
            for i, name in enumerate(self.header)
        }


@dataclass(frozen=True)
class Section:
    number: str | None
    title: str
    line: int

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass(frozen=True)
class Article:
    path: str
    references: tuple[Reference, ...]
    sections: tuple[Section, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tables: tuple[Table, ...] = ()
    warnings: tuple[str, ...] = ()
    title: str | None = None
    # Every table the article captions, read or not (a table whose body was lost in
    # extraction still exists for a pointer to name).
    table_numbers: tuple[int, ...] = ()
    # For a PDF: the page of every line of the text it was read as (line 1 is index 0),
    # and its box (x0, top, x1, bottom) in points from the page's top left.
    line_pages: tuple[int, ...] = ()
    line_boxes: tuple[tuple[float, float, float, float], ...] = ()

    @property
    def claims(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.is_claim)

    def page_of(self, line: int | None) -> int | None:
        """The PDF page a line of the article's text came from (None for other inputs)."""
        if not line or not self.line_pages or line > len(self.line_pages):
            return None
        return self.line_pages[line - 1]

    def box_of(self, line: int | None) -> tuple[float, float, float, float] | None:
        """Where on its PDF page a line of the article's text is printed (None for other
        inputs): x0, top, x1, bottom in points from the page's top left."""
        if not line or not self.line_boxes or line > len(self.line_boxes):
            return None
        return self.line_boxes[line - 1]

    def reference(self, n: int) -> Reference | None:
        return self._by_number.get(n)

    @cached_property
    def _by_number(self) -> dict[int, Reference]:
        """Number -> entry (the first, when a number is printed twice)."""
        out: dict[int, Reference] = {}
        for ref in self.references:
            out.setdefault(ref.n, ref)
        return out


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding is: a sentence (section + text) or a table row, or a reference."""

    line: int | None = None
    section: str | None = None
    sentence: str | None = None
    claim: int | None = None
    table: int | None = None
    row: int | None = None
    reference: int | None = None


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    refs: tuple[int, ...] = ()
    location: Location = field(default_factory=Location)
