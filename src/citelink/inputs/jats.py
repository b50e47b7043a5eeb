"""JATS XML (NLM archiving and publishing tag sets, 1.x and NLM 3.0) into an Article.

Takes what the publisher tagged: ``<ref-list>`` entries from ``element-citation`` /
``mixed-citation`` (fields, DOIs, PMIDs), ``<xref ref-type="bibr">`` citations with their
paragraph and section, and tables with the citations in their cells. A citation printed
but not tagged is still found by the text rules. Parsed with defusedxml: entity
declarations and external references are refused, so a hostile file can read neither the
disk nor the network, nor expand itself (billion laughs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from citelink.errors import InputError
from citelink.model import Article, Author, Marker, Reference, Section, Table, TableRow
from citelink.parse.article import Paragraph, assemble
from citelink.parse.markers import expand
from citelink.parse.references import parse_entry
from citelink.parse.tables import render_cell
from citelink.parse.text import ascii_dashes, collapse_spaces

_TYPES = {
    "journal": "article",
    "book": "book",
    "chapter": "chapter",
    "confproc": "conference",
    "conf-proc": "conference",
    "thesis": "thesis",
    "report": "report",
    "web": "web",
    "webpage": "web",
}
_CITATIONS = ("element-citation", "mixed-citation", "nlm-citation", "citation")
_SKIP_INLINE = {"table-wrap", "fig", "supplementary-material", "disp-formula-group"}


def _tag(el: Element) -> str:
    return el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""


def _text(el: Element | None) -> str:
    return collapse_spaces("".join(el.itertext())) if el is not None else ""


def _child(el: Element, name: str) -> Element | None:
    return next((c for c in el if _tag(c) == name), None)


def _find(el: Element, name: str) -> Element | None:
    return next((c for c in el.iter() if _tag(c) == name), None)


def _all(el: Element, name: str) -> Iterator[Element]:
    return (c for c in el.iter() if _tag(c) == name)


def parse_xml(data: bytes, path: str) -> Element:
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=False)
    except DefusedXmlException as exc:
        raise InputError(
            f"{path}: refused: the XML declares entities or external references "
            f"({type(exc).__name__}); citelink never expands them"
        ) from None
    except SafeET.ParseError as exc:
        raise InputError(f"{path}: is not well-formed XML ({exc})") from None
    if _tag(root) != "article":
        raise InputError(f"{path}: the XML root is <{_tag(root)}>, not a JATS <article>")
    return root


# -- references ---------------------------------------------------------------------------


def _authors(citation: Element) -> tuple[tuple[Author, ...], bool]:
    group = next(
        (
            g
            for g in _all(citation, "person-group")
            if g.get("person-group-type", "author") == "author"
        ),
        None,
    )
    scope = group if group is not None else citation
    authors: list[Author] = []
    for el in scope.iter():
        tag = _tag(el)
        if tag in ("name", "string-name"):
            surname = _text(_child(el, "surname")) or _text(el)
            given = _text(_child(el, "given-names"))
            if surname:
                authors.append(Author(surname, given))
        elif tag == "collab" and _text(el):
            authors.append(Author(_text(el)))
        if group is None and tag in ("article-title", "source"):
            break
    return tuple(authors), _find(scope, "etal") is not None


def reference_of(ref: Element, n: int, line: int) -> Reference:
    citation = next((c for c in ref.iter() if _tag(c) in _CITATIONS), ref)
    raw = _text(citation)
    authors, et_al = _authors(citation)
    structured = any(_find(citation, t) is not None for t in ("source", "article-title", "year"))
    base = parse_entry(raw, n, line=line) if raw else Reference(n=n, raw="", line=line)
    if not structured:
        return base
    year_text = _text(_find(citation, "year"))
    year_m = re.search(r"(?:1[5-9]|20)\d\d", year_text)
    fpage = ascii_dashes(_text(_find(citation, "fpage"))).replace(" ", "")
    lpage = ascii_dashes(_text(_find(citation, "lpage"))).replace(" ", "")
    pages = (
        f"{fpage}-{lpage}" if fpage and lpage else fpage or _text(_find(citation, "elocation-id"))
    )
    ids = {p.get("pub-id-type"): _text(p) for p in _all(citation, "pub-id")}
    kind = _TYPES.get((citation.get("publication-type") or "").lower(), base.type)
    title = _text(_find(citation, "article-title")) or _text(_find(citation, "chapter-title"))
    source = _text(_find(citation, "source"))
    if kind in ("book", "report", "thesis") and not title:
        title, source = source, ""
    return replace(
        base,
        authors=authors or base.authors,
        et_al=et_al or base.et_al,
        title=(title.rstrip(".") or base.title),
        journal=(source or None) if kind in ("article", "conference", "misc") else base.journal,
        booktitle=source or base.booktitle if kind == "chapter" else base.booktitle,
        publisher=_text(_find(citation, "publisher-name")) or base.publisher,
        place=_text(_find(citation, "publisher-loc")) or base.place,
        year=int(year_m.group()) if year_m else base.year,
        volume=ascii_dashes(_text(_find(citation, "volume"))).replace(" ", "") or None,
        issue=_text(_find(citation, "issue")) or None,
        pages=pages or None,
        doi=ids.get("doi") or base.doi,
        pmid=ids.get("pmid") or base.pmid,
        type=kind,
    )


# -- body text with tagged citations ------------------------------------------------------


@dataclass
class _Rendered:
    text: str
    spans: list[tuple[int, int, tuple[int, ...]]]  # tagged xref spans and their refs


def _render(el: Element, positions: dict[str, int], out: _Rendered, brackets: bool) -> None:
    """Append ``el``'s text to ``out``; each bibr xref becomes a tagged span."""
    if el.text:
        out.text += el.text
    for child in el:
        tag = _tag(child)
        if tag in _SKIP_INLINE:
            pass
        elif tag == "xref" and child.get("ref-type") == "bibr":
            printed = _text(child)
            refs = tuple(positions[r] for r in (child.get("rid") or "").split() if r in positions)
            if brackets and printed.isdigit():
                printed = f"[{printed}]"  # a table cell: keep the number readable as cited
            start = len(out.text)
            out.text += printed
            if refs:
                out.spans.append((start, len(out.text), refs))
        else:
            _render(child, positions, out, brackets)
        if child.tail:
            out.text += child.tail


_BETWEEN_LIST = re.compile(r"\s*[,;，；]?\s*")  # also nothing: <xref>3</xref><xref/>
_BETWEEN_RANGE = re.compile(r"\s*[-–—‒]\s*")


def _tagged_markers(r: _Rendered) -> tuple[str, list[Marker]]:
    """Tagged xrefs as markers: runs joined by commas or semicolons are one citation, a
    dash between two is a range, and brackets or parentheses around a run belong to it."""
    text = r.text
    # Normalise whitespace while keeping span offsets valid: collapse runs one by one.
    markers: list[Marker] = []
    groups: list[list[tuple[int, int, tuple[int, ...]]]] = []
    for span in sorted(r.spans):
        if groups:
            prev = groups[-1][-1]
            gap = text[prev[1] : span[0]]
            if _BETWEEN_LIST.fullmatch(gap) or _BETWEEN_RANGE.fullmatch(gap):
                groups[-1].append(span)
                continue
        groups.append([span])
    for group in groups:
        start, end = group[0][0], group[-1][1]
        refs: list[int] = []
        for k, (a, _b, numbers) in enumerate(group):
            if k and _BETWEEN_RANGE.fullmatch(text[group[k - 1][1] : a]) and refs:
                refs.extend(expand(f"{refs[-1]}-{numbers[0]}"))
            refs.extend(numbers)
        before, after = text[:start].rstrip(), text[end:].lstrip()
        if before[-1:] in "([（" and after[:1] in ")]）":
            start = len(before) - 1
            end = len(text) - len(after) + 1
        markers.append(Marker(text[start:end], tuple(dict.fromkeys(refs)), start, end))
    return text, markers


def _p_lines(data: bytes) -> list[int]:
    """Line of every ``<p>`` in document order (ElementTree keeps no line numbers)."""
    text = data.decode("utf-8", "replace")
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<p(?=[\s>/])", text)]


def _sections(root: Element) -> Iterator[tuple[str | None, Element, int]]:
    """(section label, sec or abstract element, depth) in document order."""
    for abstract in _all(root, "abstract"):
        if abstract.get("abstract-type") in (None, "", "summary"):
            yield "Abstract", abstract, 0
            break

    def walk(el: Element, top: str | None, depth: int) -> Iterator[tuple[str | None, Element, int]]:
        for child in el:
            if _tag(child) == "sec":
                label = " ".join(
                    filter(None, (_text(_child(child, "label")), _text(_child(child, "title"))))
                )
                yield (top or label or None), child, depth
                yield from walk(child, top or label, depth + 1)

    body = _find(root, "body")
    if body is not None:
        yield None, body, -1
        yield from walk(body, None, 0)


def _paragraphs_of(sec: Element) -> Iterator[Element]:
    """The ``<p>`` of a section in document order, in lists and boxes too, but not those
    of its subsections (read on their own), figures or tables."""
    for child in sec:
        tag = _tag(child)
        if tag == "p":
            yield child
        elif tag == "fig":  # a figure's caption is text that cites, as in a .txt article
            caption = _child(child, "caption")
            if caption is not None:
                yield from _paragraphs_of(caption)
        elif tag not in ("sec", "table-wrap", "ref-list", "title", "label"):
            yield from _paragraphs_of(child)


def _table(wrap: Element, positions: dict[str, int]) -> Table | None:
    label = _text(_child(wrap, "label"))
    number = re.search(r"\d+", label)
    table = _find(wrap, "table")
    if number is None or table is None:
        return None

    def cells(tr: Element) -> tuple[str, ...]:
        out = []
        for cell in tr:
            if _tag(cell) in ("td", "th"):
                rendered = _Rendered("", [])
                _render(cell, positions, rendered, brackets=True)
                out.append(render_cell(rendered.text))
        return tuple(out)

    thead = _find(table, "thead")
    in_head = {id(tr) for tr in _all(thead, "tr")} if thead is not None else set()
    tbody_rows = [tr for tr in _all(table, "tr") if id(tr) not in in_head]
    header_rows = [cells(tr) for tr in _all(thead, "tr")] if thead is not None else []
    if not header_rows and tbody_rows:
        header_rows, tbody_rows = [cells(tbody_rows[0])], tbody_rows[1:]
    width = max([len(h) for h in header_rows] + [len(cells(tr)) for tr in tbody_rows] + [1])
    header = [""] * width
    for row in header_rows:
        for i, cell in enumerate(row[:width]):
            header[i] = collapse_spaces(f"{header[i]} {cell}")
    rows = tuple(
        TableRow(index=k + 1, line=0, cells=tuple((list(cells(tr)) + [""] * width)[:width]))
        for k, tr in enumerate(tbody_rows)
    )
    caption = collapse_spaces(f"{label} {_text(_child(wrap, 'caption'))}")
    return Table(
        number=int(number.group()),
        line=0,
        caption=caption,
        header=tuple(header),
        rows=rows,
        ref_column=None,
    )


def parse_jats(data: bytes, path: str) -> Article:
    root = parse_xml(data, path)
    lines = _p_lines(data)
    p_index = {id(p): i for i, p in enumerate(_all(root, "p"))}
    ref_els = [r for r in _all(root, "ref")]
    if not ref_els:
        raise InputError(f"{path}: the JATS file has no <ref-list> entries")
    positions = {r.get("id", ""): n for n, r in enumerate(ref_els, start=1)}
    ref_lines = _element_lines(data, r"<ref(?=[\s>])", len(ref_els))
    references = tuple(reference_of(r, n, ref_lines[n - 1]) for n, r in enumerate(ref_els, start=1))
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    tagged: list[list[Marker]] = []
    for label, sec, depth in _sections(root):
        heading = _text(_child(sec, "title"))
        if depth >= 0 and heading:
            sections.append(Section(_text(_child(sec, "label")) or None, heading, 0))
        for p in _paragraphs_of(sec):
            rendered = _Rendered("", [])
            _render(p, positions, rendered, brackets=False)
            text, markers = _tagged_markers(rendered)
            if not text.strip():
                continue
            para = Paragraph(section=label)
            para.text = text
            line = lines[p_index[id(p)]] if p_index.get(id(p), len(lines)) < len(lines) else 0
            para.starts = [(0, line)]
            paragraphs.append(para)
            tagged.append(markers)
    tables = [t for t in (_table(w, positions) for w in _all(root, "table-wrap")) if t]
    group = _find(root, "title-group")
    article_title = _text(_find(group if group is not None else root, "article-title")) or None
    return assemble(
        path,
        references,
        (),
        sections,
        paragraphs,
        tables,
        title=article_title,
        table_numbers={t.number for t in tables},
        tagged=tagged,
    )


def _element_lines(data: bytes, pattern: str, count: int) -> list[int]:
    text = data.decode("utf-8", "replace")
    found = [text.count("\n", 0, m.start()) + 1 for m in re.finditer(pattern, text)]
    return (found + [0] * count)[:count]
