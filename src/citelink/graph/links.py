"""The citation graph: which claims and table rows cite each reference, and which
references a claim or row rests on. Pure queries over an ``Article``.
"""

from __future__ import annotations

from dataclasses import dataclass

from citelink.collector import without_cycle_sweeps
from citelink.model import Article, Marker, Reference, Sentence, Table, TableRow
from citelink.parse.text import collapse_spaces, fold_width


@dataclass(frozen=True, slots=True)
class ClaimCitation:
    sentence: Sentence
    marker: Marker


@dataclass(frozen=True, slots=True)
class RowCitation:
    table: Table
    row: TableRow


@dataclass(frozen=True, slots=True)
class Citations:
    """Everything in the article that cites reference ``n``."""

    n: int
    reference: Reference | None
    claims: tuple[ClaimCitation, ...]
    rows: tuple[RowCitation, ...]

    @property
    def tables(self) -> tuple[int, ...]:
        return tuple(sorted({rc.table.number for rc in self.rows}))


@dataclass(frozen=True, slots=True)
class Hit:
    """A claim or table row matched by ``find``, with the references it rests on."""

    kind: str  # "claim" | "row"
    text: str
    refs: tuple[int, ...]
    sentence: Sentence | None = None
    table: Table | None = None
    row: TableRow | None = None


@without_cycle_sweeps
def citation_index(article: Article) -> dict[int, Citations]:
    """Reference number -> its citations, for every number cited anywhere or listed."""
    claims: dict[int, list[ClaimCitation]] = {}
    rows: dict[int, list[RowCitation]] = {}
    for sentence in article.claims:
        for marker in sentence.markers:
            for n in marker.refs:
                claims.setdefault(n, []).append(ClaimCitation(sentence, marker))
    for table in article.tables:
        for row in table.rows:
            for n in row.refs:
                rows.setdefault(n, []).append(RowCitation(table, row))
    numbers = {r.n for r in article.references} | set(claims) | set(rows)
    return {
        n: Citations(n, article.reference(n), tuple(claims.get(n, ())), tuple(rows.get(n, ())))
        for n in sorted(numbers)
    }


def citations_of(article: Article, numbers: list[int]) -> list[Citations]:
    index = citation_index(article)
    return [index.get(n, Citations(n, None, (), ())) for n in numbers]


def row_text(table: Table, row: TableRow) -> str:
    return " | ".join(c for i, c in enumerate(row.cells) if i != table.ref_column and c)


def _fold(text: str) -> str:
    return collapse_spaces(fold_width(text)).casefold()


def find(article: Article, query: str) -> list[Hit]:
    """Claims and table rows whose text contains ``query`` (case- and width-insensitive)."""
    needle = _fold(query)
    hits: list[Hit] = []
    if not needle:
        return hits
    for sentence in article.claims:
        if needle in _fold(sentence.text):
            hits.append(Hit("claim", sentence.text, sentence.refs, sentence=sentence))
    for table in article.tables:
        for row in table.rows:
            text = row_text(table, row)
            if needle in _fold(text):
                hits.append(Hit("row", text, row.refs, table=table, row=row))
    return hits
