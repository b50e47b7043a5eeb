"""JATS XML (NLM archiving and publishing tag sets, 1.x and NLM 3.0) into an Article.

Takes what the publisher tagged: ``<ref-list>`` entries from ``element-citation`` /
``mixed-citation`` (fields, DOIs, PMIDs), ``<xref ref-type="bibr">`` citations with their
paragraph and section, and tables with the citations in their cells. A citation printed
but not tagged is still found by the text rules. Parsed with defusedxml: entity
declarations and external references are refused, so a hostile file can read neither the
disk nor the network, nor expand itself (billion laughs).
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape as xml_escape

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from citelink.errors import InputError
from citelink.model import Article, Author, Marker, Reference, Section, Table, TableRow
from citelink.parse.article import Paragraph, assemble
from citelink.parse.markers import expand
from citelink.parse.references import parse_entry
from citelink.parse.tables import legend_items, render_cell
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
# Markup that is not read as text: TeX beside its MathML, images.
_SKIP_INLINE |= {"tex-math", "inline-graphic", "graphic"}


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


# Lusophone generational names are part of the name as cited ("FURTINI NETO et al.");
# Jr., 3rd, III are not.
_NAME_SUFFIX = re.compile(r"^(?:net[oa]|filh[oa]|sobrinh[oa]|j[uú]nior)$", re.I)


def _string_name(el: Element) -> Author | None:
    """A ``<string-name>`` with no ``<surname>``: "CAMPOS, J" or "G. Ferretti"."""
    text = _text(el).strip(" ,.;")
    if not text:
        return None
    if "," in text:
        family, given = (p.strip() for p in text.split(",", 1))
        return Author(family, given)
    words = text.split()
    initials = [w for w in words[:-1] if re.fullmatch(r"(?:[A-Z][a-z]?\.?-?)+", w)]
    if len(words) > 1 and len(initials) == len(words) - 1:
        return Author(words[-1], " ".join(words[:-1]))
    return Author(text)


def _name(el: Element) -> Author | None:
    surname = _text(_child(el, "surname"))
    if not surname:
        if _tag(el) == "string-name":
            return _string_name(el)
        return Author(_text(el)) if _text(el) else None
    suffix = _text(_child(el, "suffix"))
    if _NAME_SUFFIX.match(suffix):
        surname = f"{surname} {suffix}"  # a generational name cited with it: FURTINI NETO
    return Author(surname, _text(_child(el, "given-names")))


def _authors(citation: Element) -> tuple[tuple[Author, ...], bool]:
    groups = [
        g
        for g in _all(citation, "person-group")
        if g.get("person-group-type", "author") == "author"
    ]
    authors: list[Author] = []
    if groups:
        # Some converters split one author list over several groups: read them all.
        for group in groups:
            authors += [a for el in group.iter() if (a := _person_or_collab(el)) is not None]
        return tuple(authors), any(_find(g, "etal") is not None for g in groups)
    for el in citation.iter():
        if _tag(el) in ("article-title", "source"):
            break
        author = _person_or_collab(el)
        if author is not None:
            authors.append(author)
    return tuple(authors), _find(citation, "etal") is not None


def _person_or_collab(el: Element) -> Author | None:
    """The author an element of a name list stands for: a person or a group."""
    tag = _tag(el)
    if tag in ("name", "string-name"):
        return _name(el)
    if tag == "collab" and _text(el):
        return Author(_text(el))
    return None


_SPACED = {"pub-id", "ext-link", "uri", "comment", "date-in-citation"}


def _raw(el: Element) -> str:
    """An entry's printed text; identifiers and links kept apart from what precedes them
    (a PMID tagged after a DOI is not part of the DOI)."""
    parts: list[str] = []

    def walk(node: Element) -> None:
        spaced = _tag(node) in _SPACED
        if spaced:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if spaced:
            parts.append(" ")

    walk(el)
    return collapse_spaces("".join(parts))


_ARTICLES = frozenset("A O AS OS LA LAS LOS EL LE LES THE DIE DER DAS UN UNA UM UMA".split())


def _title_first(author: Author, raw: str) -> bool:
    """Whether a tagged collab is really the first word of a title, as ABNT prints an
    authorless entry ("AEA manifestó su ...", "A HORAS de aprobarse ...", "LOS MINISTROS
    Nicolás Dujovne ..."): the entry opens with one word in capitals (two after an
    article) and the title goes on in ordinary case."""
    if author.given or not raw.startswith(author.family.split()[0]):
        return False
    words = raw.split()
    k = 2 if len(words) > 2 and words[0] in _ARTICLES and words[1].isupper() else 1
    if len(words) <= k or not all(w.isupper() and w.isalpha() for w in words[:k]):
        return False
    following = words[k]
    return following[:1].isalpha() and not following.isupper()


def _citation_elements(ref: Element) -> tuple[Element, Element]:
    """(printed, tagged): the entry as printed (``mixed-citation``) and the one whose fields
    are tagged (``element-citation``), whichever order they come in; the same element when
    the entry has only one."""
    found = [c for c in ref.iter() if _tag(c) in _CITATIONS]
    if not found:
        return ref, ref
    printed = next((c for c in found if _tag(c) == "mixed-citation"), found[0])
    tagged = next((c for c in found if _tag(c) == "element-citation"), printed)
    return printed, tagged


def _pages(citation: Element) -> str:
    fpage = ascii_dashes(_text(_find(citation, "fpage"))).replace(" ", "")
    lpage = ascii_dashes(_text(_find(citation, "lpage"))).replace(" ", "")
    if fpage:
        return f"{fpage}-{lpage}" if lpage and lpage != fpage else fpage
    page_range = ascii_dashes(_text(_find(citation, "page-range"))).replace(" ", "")
    if page_range:
        return page_range.split(",")[0]
    return _text(_find(citation, "elocation-id"))


def reference_of(ref: Element, n: int, line: int) -> Reference:
    printed, citation = _citation_elements(ref)
    raw = _raw(printed)
    authors, et_al = _authors(citation)
    structured = any(_find(citation, t) is not None for t in ("source", "article-title", "year"))
    base = parse_entry(raw, n, line=line) if raw else Reference(n=n, raw="", line=line)
    if not structured:
        return base
    year_text = _text(_find(citation, "year"))
    year_m = re.search(r"(?:1[5-9]|20)\d\d", year_text)
    pages = _pages(citation)
    ids = {p.get("pub-id-type"): _text(p) for p in _all(citation, "pub-id")}
    for p in _all(printed, "pub-id"):
        ids.setdefault(p.get("pub-id-type"), _text(p))
    kind = _TYPES.get((citation.get("publication-type") or "").lower(), base.type)
    title = _text(_find(citation, "article-title")) or _text(_find(citation, "chapter-title"))
    source = _text(_find(citation, "source"))
    if kind in ("book", "report", "thesis") and not title:
        title, source = source, ""
    doi = ids.get("doi")
    volume = ascii_dashes(_text(_find(citation, "volume"))).replace(" ", "")
    if not re.search(r"\d|^[IVXLC]+$", volume):
        volume = ""  # an encoding stray ("Â") or a word, not a volume
    series = re.fullmatch(r"([A-Z])(\d+)", volume)
    if series and source and not source.endswith(series.group(1)):
        # "Phys. Rev." with volume "D94": the series letter belongs to the journal
        source, volume = f"{source} {series.group(1)}", series.group(2)
    if authors and _title_first(authors[0], raw) and _find(citation, "collab") is not None:
        authors = authors[1:]  # ABNT leads an authorless entry with its title's first word
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
        volume=volume or None,
        issue=_text(_find(citation, "issue")) or None,
        pages=pages or None,
        doi=doi.strip() if doi else base.doi,
        pmid=ids.get("pmid") or base.pmid,
        type=kind,
    )


# -- body text with tagged citations ------------------------------------------------------


@dataclass
class _Rendered:
    text: str
    spans: list[tuple[int, int, tuple[int, ...]]]  # tagged xref spans and their refs


_PRINTED_RANGE = re.compile(r"\s*(\d{1,4})\s*[-–—‒]\s*(\d{1,4})\s*")


def _render(el: Element, positions: dict[str, int], out: _Rendered, brackets: bool) -> None:
    """Append ``el``'s text to ``out``; each bibr xref becomes a tagged span."""
    if el.text:
        out.text += el.text
    for child in el:
        tag = _tag(child)
        if tag in _SKIP_INLINE:
            pass
        elif tag == "xref" and child.get("ref-type") == "fn":
            pass  # a footnote's mark: as a plain digit it would read as a citation (a table
            # note's mark stays: a legend may resolve it)
        elif tag == "label":  # a note's mark, apart from its text
            _render(child, positions, out, brackets)
            out.text += " "
        elif tag == "msqrt":  # a root sign, as printed (MathML draws it)
            out.text += "√"
            _render(child, positions, out, brackets)
        elif tag == "xref" and child.get("ref-type") == "bibr":
            printed = _text(child)
            refs = tuple(positions[r] for r in (child.get("rid") or "").split() if r in positions)
            span = _PRINTED_RANGE.fullmatch(printed)
            if span and refs == (int(span.group(1)),):
                # one xref printed "1–3" and pointing at its first entry (older PLOS): the
                # range as printed, within the list
                last = min(int(span.group(2)), max(positions.values(), default=0))
                refs = tuple(range(refs[0], last + 1)) if last > refs[0] else refs
            if brackets and printed.isdigit() and not out.text.rstrip().endswith(("[", "(")):
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


def _collapsed(r: _Rendered) -> _Rendered:
    """The text with every run of whitespace (the XML's indentation) one space and none at
    either end, its spans moved with it."""
    out: list[str] = []
    where = [0] * (len(r.text) + 1)  # old offset -> new offset
    for i, ch in enumerate(r.text):
        where[i] = len(out)
        if not ch.isspace():
            out.append(ch)
        elif out and out[-1] != " ":
            out.append(" ")
    where[len(r.text)] = len(out)
    if out and out[-1] == " ":
        out.pop()
    size = len(out)
    spans = [(min(where[a], size), min(where[b], size), refs) for a, b, refs in r.spans]
    return _Rendered("".join(out), spans)


def _tagged_markers(r: _Rendered) -> tuple[str, list[Marker]]:
    """Tagged xrefs as markers: runs joined by commas or semicolons are one citation, a
    dash between two is a range, and brackets or parentheses around a run belong to it."""
    r = _collapsed(r)
    text = r.text
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


def _in_sub_article(root: Element) -> set[int]:
    """Ids of every element inside a ``<sub-article>`` (a translation or a reply): its
    tables and paragraphs repeat or answer the article's and are not read as its own."""
    inside: set[int] = set()
    for sub in _all(root, "sub-article"):
        inside.update(id(el) for el in sub.iter())
    return inside


_BACK_LABELS = {"app-group": "Appendix", "fn-group": "Notes", "ack": "Acknowledgements"}


def _sections(root: Element) -> Iterator[tuple[str | None, Element, int]]:
    """(section label, element, depth) in document order: the abstract, the body and its
    sections, then the back matter that is text (appendices, notes, acknowledgements)."""
    for abstract in _all(root, "abstract"):
        if abstract.get("abstract-type") in (None, "", "summary"):
            yield "Abstract", abstract, 0
            break

    def walk(el: Element, top: str | None, depth: int) -> Iterator[tuple[str | None, Element, int]]:
        for child in el:
            if _tag(child) in ("sec", "app"):
                label = " ".join(
                    filter(None, (_text(_child(child, "label")), _text(_child(child, "title"))))
                )
                yield (top or label or None), child, depth
                yield from walk(child, top or label, depth + 1)
            elif _tag(child) in ("app-group", "fn-group", "ack", "notes", "glossary"):
                named = _text(_child(child, "title")) or _BACK_LABELS.get(_tag(child))
                yield named, child, depth
                yield from walk(child, named, depth + 1)

    body = _child(root, "body")
    if body is not None:
        yield None, body, -1
        yield from walk(body, None, 0)
    back = _child(root, "back")
    if back is not None:
        yield from walk(back, None, 0)
    floats = _child(root, "floats-group")
    if floats is not None:
        yield None, floats, -1


def _float_paragraphs(el: Element) -> Iterator[Element]:
    """The text of a figure or table: its caption (a citation there belongs to the
    caption) and, for a table, its footnotes (a legend that cites)."""
    caption = _child(el, "caption")
    if caption is not None:
        inner = [c for c in caption if _tag(c) in ("p", "title")]
        yield from (inner if inner else [caption])
    for foot in (c for c in el if _tag(c) == "table-wrap-foot"):
        yield from _paragraphs_of(foot)


_NOT_TEXT = frozenset(
    "sec app app-group fn-group ref-list title label caption table alternatives tex-math "
    "graphic media sub-article".split()
)


def _symbol_label(fn: Element) -> bool:
    """A note marked by a symbol (``†``, ``*``); a number ("(20)", "1") is not read as
    text, where it could pass for a citation."""
    label = _text(_child(fn, "label"))
    return bool(label) and not re.search(r"\w", label)


def _one_paragraph(el: Element) -> bool:
    return [_tag(c) for c in el if _tag(c) != "label"] == ["p"]


def _paragraphs_of(sec: Element, top: bool = True) -> Iterator[Element]:
    """The ``<p>`` of a section in document order, in lists, boxes and footnotes too,
    captions of its figures and tables, but not those of its subsections (read on their
    own) or its tables' cells. A section inside a box is read with the box."""
    for child in sec:
        tag = _tag(child)
        if tag == "p":
            yield child
            for inner in child.iter():  # floats anchored inside a paragraph
                if inner is not child and _tag(inner) in ("fig", "table-wrap"):
                    yield from _float_paragraphs(inner)
        elif tag in ("fig", "table-wrap"):
            yield from _float_paragraphs(child)
        elif tag == "fn" and _symbol_label(child) and _one_paragraph(child):
            yield child  # a note read with its mark, as printed: "† increases with ..."
        elif (tag in ("sec", "app") and not top) or tag not in _NOT_TEXT:
            yield from _paragraphs_of(child, top=False)


def _spans_in(r: _Rendered, start: int, end: int) -> tuple[int, ...]:
    return tuple(dict.fromkeys(n for a, _b, refs in r.spans if start <= a < end for n in refs))


def _legend(wrap: Element, positions: dict[str, int]) -> tuple[str, dict[int, tuple[int, ...]]]:
    """The table's footnotes as text, and its numbered legend's items -> the references
    tagged in each ("<sup>1</sup>Hoffmann (<xref>1988</xref>); <sup>2</sup>...")."""
    rendered = _Rendered("", [])
    for foot in (c for c in wrap if _tag(c) == "table-wrap-foot"):
        for p in _paragraphs_of(foot):
            if rendered.text:
                rendered.text += "\n"
            _render(p, positions, rendered, brackets=False)
    legend = {}
    for number, start, end in legend_items(rendered.text):
        refs = _spans_in(rendered, start, end)
        if refs:
            legend[number] = refs
    return re.sub(r"\s+", " ", rendered.text).strip(), legend


def _table_number(wrap: Element) -> int | None:
    """The number in its label: "Tabela 2", "Quadro 2" -> 2; a supplement's "Table S1": none."""
    number = re.search(r"(?<![A-Za-z])\d+", _text(_child(wrap, "label")))
    return int(number.group()) if number else None


def _table(wrap: Element, positions: dict[str, int], unlabelled: int) -> Table | None:
    """The table of a ``table-wrap``; ``unlabelled`` is its number when its label has none
    (0: not read)."""
    label = _text(_child(wrap, "label"))
    number = _table_number(wrap)
    table = _find(wrap, "table")
    if table is None or (number is None and not unlabelled):
        return None
    note, legend = _legend(wrap, positions)

    def cells(tr: Element) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
        texts: list[str] = []
        refs: list[tuple[int, ...]] = []
        for cell in tr:
            if _tag(cell) in ("td", "th"):
                rendered = _Rendered("", [])
                _render(cell, positions, rendered, brackets=True)
                text = render_cell(re.sub(r"\s+", " ", rendered.text))
                tagged = _spans_in(rendered, 0, len(rendered.text))
                texts.append(text)
                refs.append(tuple(dict.fromkeys(tagged)))
        return tuple(texts), tuple(refs)

    thead = _find(table, "thead")
    in_head = {id(tr) for tr in _all(thead, "tr")} if thead is not None else set()
    tbody_rows = [cells(tr) for tr in _all(table, "tr") if id(tr) not in in_head]
    header_rows = [cells(tr) for tr in _all(thead, "tr")] if thead is not None else []
    if not header_rows and tbody_rows:
        header_rows, tbody_rows = [tbody_rows[0]], tbody_rows[1:]
    width = max([len(h) for h, _ in header_rows] + [len(c) for c, _ in tbody_rows] + [1])
    header = [""] * width
    header_refs: list[tuple[int, ...]] = [()] * width
    for row, row_refs in header_rows:
        for i, cell in enumerate(row[:width]):
            header[i] = collapse_spaces(f"{header[i]} {cell}")
            header_refs[i] = header_refs[i] + row_refs[i]
    rows = tuple(
        TableRow(
            index=k + 1,
            line=0,
            cells=tuple((list(texts) + [""] * width)[:width]),
            cell_refs=tuple((list(refs) + [()] * width)[:width]) if any(refs) else (),
        )
        for k, (texts, refs) in enumerate(tbody_rows)
    )
    caption = collapse_spaces(f"{label} {_text(_child(wrap, 'caption'))}")
    return Table(
        number=number if number is not None else unlabelled,
        line=0,
        caption=caption,
        header=tuple(header),
        rows=rows,
        ref_column=None,
        note=note or None,
        header_refs=tuple(header_refs) if any(header_refs) else (),
        legend=tuple(sorted(legend.items())),
    )


# ISO 8879 Greek entity names (ISOgrk1) that IOP's MathML processing instructions use.
_ISO_GREEK = dict(
    zip(
        "agr bgr ggr dgr egr zgr eegr thgr igr kgr lgr mgr ngr xgr ogr pgr rgr sgr sfgr tgr "
        "ugr phgr khgr psgr ohgr Agr Bgr Ggr Dgr Egr Zgr EEgr THgr Igr Kgr Lgr Mgr Ngr Xgr "
        "Ogr Pgr Rgr Sgr Tgr Ugr PHgr KHgr PSgr OHgr".split(),
        "αβγδεζηθικλμνξοπρσςτυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ",
        strict=True,
    )
)
_MML_PI = re.compile(rb"<\?MML (.*?)\?>", re.S)
_MML_TOKEN = re.compile(
    r"<mml:(?:mi|mn|mo|mtext|ms)\b[^>]*>(.*?)</mml:(?:mi|mn|mo|mtext|ms)>", re.S
)


def _entity(m: re.Match[str]) -> str:
    name = m.group(1)
    return _ISO_GREEK.get(name) or html.entities.html5.get(name + ";", "")


def _formula_text(m: re.Match[bytes]) -> bytes:
    """IOP's ``<?MML <mml:math>...</mml:math>?>``: the text of its tokens, as a PDF's text
    layer gives a formula (``Λ``, ``Mν``); its TeX twin (``<?CDATA ...?>``) is dropped."""
    tokens = _MML_TOKEN.findall(m.group(1).decode("utf-8", "replace"))
    text = "".join(re.sub(r"&([A-Za-z0-9]+);", _entity, t).strip() for t in tokens)
    return xml_escape(text).encode()


def _formulas_as_text(data: bytes) -> bytes:
    if b"<?MML" not in data:
        return data
    data = re.sub(rb"<\?CDATA .*?\?>", b"", data, flags=re.S)
    return _MML_PI.sub(_formula_text, data)


def parse_jats(data: bytes, path: str) -> Article:
    data = _formulas_as_text(data)
    root = parse_xml(data, path)
    lines = _p_lines(data)
    p_index = {id(p): i for i, p in enumerate(_all(root, "p"))}
    translated = _in_sub_article(root)
    ref_els = [r for r in _all(root, "ref") if id(r) not in translated]
    ref_els = ref_els or list(_all(root, "ref"))
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
    wraps = [w for w in _all(root, "table-wrap") if id(w) not in translated]
    # Unlabelled tables are numbered by position when no table has a label; beside labelled
    # ones they are left out (a box's table before Table 1 is no Table 1).
    labelled = any(_table_number(w) is not None for w in wraps)
    read = (_table(w, positions, 0 if labelled else k) for k, w in enumerate(wraps, start=1))
    tables: list[Table] = []
    for table in (t for t in read if t):
        first = next((t for t in tables if t.number == table.number), None)
        if first is not None and first.caption_en is None and len(first.rows) == len(table.rows):
            # the same table in the article's second language ("Tabela 2" / "Table 2"):
            # its caption is the original's second caption, never a replacement
            tables[tables.index(first)] = replace(first, caption_en=table.caption)
        else:
            tables.append(table)
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
