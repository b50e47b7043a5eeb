"""Load an Article from plain text: sections, paragraphs, sentences, claims, tables and the
reference list.

Repairs what PDF extraction does to body text: a paragraph broken by a page break (even
with a footnote such as ``[作者单位] ...`` dropped into the middle of it) is joined again;
tables are cut out before paragraphs are read. Pure: takes a string, returns data.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from citelink.collector import without_cycle_sweeps
from citelink.model import Article, Marker, Reference, Section, Sentence, Table
from citelink.parse import citestyle
from citelink.parse.columns import read_columns
from citelink.parse.furniture import strip_page_furniture
from citelink.parse.markers import find_markers, find_table_pointers
from citelink.parse.references import parse_reference_list
from citelink.parse.tables import (
    FIGURE_CAPTION,
    TABLE_CAPTION,
    TABLE_WORD,
    find_tables,
    link_rows,
)
from citelink.parse.text import (
    collapse_spaces,
    compose_diacritics,
    ends_with_abbreviation,
    ends_with_initial,
    is_cjk,
    join_lines,
)

_NUMBERED_HEADING = re.compile(
    r"^(?P<num>(?:\d{1,2})(?:\.\d{1,2}){0,3})\.?\s+(?P<title>\S.*)$"
    r"|^(?P<cnum>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?P<ctitle>\S.*)$"
)
_NAMED_HEADINGS = frozenset(
    {
        "abstract",
        "background",
        "introduction",
        "methods",
        "materials and methods",
        "patients and methods",
        "results",
        "discussion",
        "conclusion",
        "conclusions",
        "summary",
        "acknowledgements",
        "acknowledgments",
        "引言",
        "前言",
        "结语",
        "结论",
        "讨论",
        "方法",
        "结果",
        "小结",
    }
)
# Front-matter labels such as [摘要], 【关键词】, [Abstract]; a citation marker is not one.
_LABELLED = re.compile(r"^\s*[\[【](?P<label>(?=[^\]】]*[^\W\d_])[^\]】]{1,16})[\]】]\s*")
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:\d{1,4}|-\s*\d{1,4}\s*-|第\s*\d{1,4}\s*页|Page\s+\d{1,4}(?:\s+of\s+\d{1,4})?)\s*$",
    re.I,
)
_TERMINAL = "。！？.!?…:："
_CLOSERS = "”’\"'）)】]」』"


@dataclass
class Paragraph:
    """Text with the source line of each piece, so sentences can say where they are."""

    section: str | None
    text: str = ""
    starts: list[tuple[int, int]] = field(default_factory=list)  # (offset, line)

    def add(self, piece: str, line: int) -> None:
        joined = join_lines(self.text, piece)
        self.starts.append((len(joined) - len(piece.strip()), line))
        self.text = joined

    def line_at(self, offset: int) -> int:
        line = self.starts[0][1] if self.starts else 0
        for start, ln in self.starts:
            if start <= offset:
                line = ln
        return line

    def line_finder(self) -> Callable[[int], int]:
        """``line_at`` for many offsets: the pieces' offsets are read once (a paragraph of
        thousands of lines costs a lookup per sentence, not a scan)."""
        offsets = [start for start, _ in self.starts]
        if not offsets or not all(a <= b for a, b in pairwise(offsets)):
            return self.line_at
        lines = [ln for _, ln in self.starts]

        def find(offset: int) -> int:
            return lines[max(bisect_right(offsets, offset) - 1, 0)]

        return find


def heading_of(line: str) -> Section | None:
    """The section a line opens, if it is a heading."""
    text = collapse_spaces(line)
    if not text or len(text) > 100 or "\t" in line or find_markers(text):
        return None
    m = _NUMBERED_HEADING.match(text)
    if m:
        number = m.group("num") or m.group("cnum")
        title = m.group("title") or m.group("ctitle")
        if m.group("num") and int(number.split(".")[0]) > 30:
            return None
        limit = 40 if any(is_cjk(c) for c in title) else 90
        if len(title) > limit or title[-1] in _TERMINAL or title[-1] in ",，;；":
            return None
        if not (title[0].isupper() or is_cjk(title[0])):
            return None
        return Section(number, title, 0)
    if text.rstrip(":：").lower() in _NAMED_HEADINGS:
        return Section(None, text.rstrip(":："), 0)
    return None


_SENTENCE_STARTERS = (
    "It|The|We|In|As|To|This|These|Those|Our|Here|Although|Since|When|While|Using|Because|"
    "After|Before|Previous|Previously|Recent|Recently|A|An|Several|Many|Most|However|For|"
    "Given|Having|Unlike|Both|Each|All|There|To|Among|During|Of|One|Two|Despite|Following"
)
_RUN_IN = re.compile(
    rf"^(?P<title>[A-Z0-9][^.;:!?。]{{8,140}}?)\s+(?=(?:{_SENTENCE_STARTERS})\s+[a-z])"
)


def run_in_heading(text: str) -> int | None:
    """Where a run-in subheading ends: ``Effect of allelic variation in holin sequence It
    has long been known ...`` -> after "sequence". A capitalised sentence opener in the
    middle of an unpunctuated run of words marks the join; the run must be short (at most
    14 words) and carry no citation or comma-separated clause."""
    m = _RUN_IN.match(text)
    if m is None:
        return None
    title = m.group("title")
    words = title.split()
    if not 2 <= len(words) <= 14 or "," in title or find_markers(title):
        return None
    return m.end()


_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or but as than that which who is are was "
    "were be been".split()
)


def _caption_line(line: str) -> bool:
    """A table or figure caption (``Table 2 ...``, ``图 1 ...``)."""
    return bool(TABLE_CAPTION.match(line) or FIGURE_CAPTION.match(line))


def _subheading(block: list[str]) -> bool:
    """An unnumbered subheading on a line of its own: short, capitalised, no final
    punctuation, no citation, not a caption; when a paragraph follows in the same block,
    much shorter than its next line, which opens a sentence (a wrapped paragraph line
    runs to the margin instead)."""
    first = block[0].strip()
    words = first.split()
    if not (
        1 <= len(words) <= 14
        and len(first) <= (40 if any(is_cjk(c) for c in first) else 120)
        and (first[0].isupper() or is_cjk(first[0]))
        and first[-1] not in _TERMINAL + ",;，；"
        and words[-1].lower() not in _FUNCTION_WORDS
        and not find_markers(first)
        and not _caption_line(first)
        and not _PAGE_FURNITURE.match(first)
    ):
        return False
    if len(block) == 1:
        return True
    second = block[1].strip()
    return (
        bool(second)
        and (second[0].isupper() or is_cjk(second[0]))
        and len(first) < 0.6 * len(second)
    )


def _opens_paragraph(blocks: list[tuple[int, list[str]]], index: int) -> bool:
    """Whether the next block of text (past page furniture and captions) starts a new
    sentence, as the text under a subheading does; a lower-case start continues a
    paragraph broken by a page."""
    for _, block in blocks[index:]:
        line = block[0].strip()
        if _PAGE_FURNITURE.match(line) or _caption_line(line) or _LABELLED.match(line):
            continue
        return bool(line) and (line[0].isupper() or is_cjk(line[0]) or line[0].isdigit())
    return False


def _ends_open(text: str) -> bool:
    """True when a paragraph stops mid-sentence (its end was moved by a page break)."""
    stripped = text.rstrip()
    for marker in reversed(find_markers(stripped)):
        if marker.end == len(stripped):
            stripped = stripped[: marker.start].rstrip()
    stripped = stripped.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] not in _TERMINAL


def _blocks(lines: list[str], skip: frozenset[int]) -> list[tuple[int, list[str]]]:
    """Runs of consecutive non-blank lines outside tables, with the 0-based first index."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for i, line in enumerate(lines):
        if i in skip or not line.strip():
            if current:
                blocks.append((start, current))
                current = []
            continue
        if not current:
            start = i
        current.append(line)
    if current:
        blocks.append((start, current))
    return blocks


def _paragraphs(lines: list[str], skip: frozenset[int]) -> tuple[list[Section], list[Paragraph]]:
    blocks = _blocks(lines, skip)
    has_headings = any(heading_of(b[0]) for _, b in blocks)
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    section: str | None = None
    open_para: Paragraph | None = None
    for index, (start, block) in enumerate(blocks):
        heading = heading_of(block[0])
        if heading is not None:
            sec = Section(heading.number, heading.title, start + 1)
            sections.append(sec)
            section = sec.label
            open_para = None
            block = block[1:]
            start += 1
            if not block:
                continue
        if _PAGE_FURNITURE.match(" ".join(block)):
            continue
        label = _LABELLED.match(block[0])
        if label or _caption_line(block[0]):
            # Dropped into the text by page layout: its own paragraph, and the paragraph it
            # interrupted stays open.
            para = Paragraph(section=label.group("label").strip() if label else section)
            block = [block[0][label.end() :], *block[1:]] if label else block
            for k, line in enumerate(block):
                para.add(line.strip(), start + k + 1)
            paragraphs.append(para)
            continue
        in_body = bool(sections) or not has_headings
        if (
            open_para is None
            and in_body
            and sections
            and len(block) == 1  # a heading with its paragraph is read below, whole
            and _subheading(block)
            and _opens_paragraph(blocks, index + 1)
        ):
            sections.append(Section(None, block[0].strip(), start + 1))
            continue
        if open_para is not None and in_body:
            para = open_para
        else:
            para = Paragraph(section=section)
            paragraphs.append(para)
            if in_body and sections and len(block) > 1 and _subheading(block):
                sections.append(Section(None, block[0].strip(), start + 1))
                block, start = block[1:], start + 1
            cut = run_in_heading(block[0]) if in_body and sections else None
            if cut is not None:
                sections.append(Section(None, block[0][:cut].strip(), start + 1))
                block = [block[0][cut:], *block[1:]]
        for k, line in enumerate(block):
            para.add(line.strip(), start + k + 1)
        open_para = para if in_body and _ends_open(para.text) else None
    return sections, paragraphs


def _opens_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or is_cjk(ch) or ch in '[(“"'


def _after_stop(text: str, pos: int, marker_ends: dict[int, int]) -> int:
    """Past the closing brackets and the citation marker that follow a full stop."""
    while pos < len(text) and text[pos] in _CLOSERS:
        pos += 1
    return marker_ends.get(pos, pos)


_NON_SPACE = re.compile(r"\S")
# Longer than any abbreviation ``ends_with_abbreviation`` knows (``approx``) plus the
# character before it that its word boundary looks at.
_ABBREVIATION_WINDOW = 12


def _sentence_spans(text: str, markers: tuple[Marker, ...]) -> list[tuple[int, int]]:
    """Sentence boundaries: Chinese 。！？ always; . ! ? when a new sentence follows, not
    after et al., e.g., Fig., an initial or inside a decimal. Markers and closing brackets
    right after the stop stay with the sentence they close."""
    marker_ends = {m.start: m.end for m in markers}
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        end: int | None = None
        if ch in "。！？":
            end = i + 1
        elif ch in ".!?":
            j = _after_stop(text, i + 1, marker_ends)
            # the next non-space character, found without copying the rest of the paragraph
            nxt = _NON_SPACE.search(text, j)
            follows = j == n or (
                j < n
                and (text[j].isspace() or is_cjk(text[j]))
                and (nxt is None or _opens_sentence(nxt.group()))
            )
            # An abbreviation is a short word: the last few characters decide (a sentence
            # full of decimals or "et al." is not re-read from its start at every stop).
            before = text[max(start, i - _ABBREVIATION_WINDOW) : i]
            abbreviation = ch == "." and (
                ends_with_abbreviation(before) or ends_with_initial(before)
            )
            if follows and not abbreviation:
                end = j
        if end is None:
            i += 1
            continue
        end = _after_stop(text, end, marker_ends)
        spans.append((start, end))
        start = end
        i = end
    if start < n:
        spans.append((start, n))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def article_title(lines: list[str], first_section: int | None) -> str | None:
    """The first line of front matter, when it reads as a title (short, unlabelled)."""
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if first_section is not None and number >= first_section:
            return None
        if not line:
            continue
        if line.startswith(("[", "【", "(")) or len(line) > 200 or line[-1] in "。.;；:：":
            return None
        return line.lstrip("#").strip() or None
    return None


_CAPTION_ONLY = re.compile(
    rf"^\s*(?!表){TABLE_WORD}\s*(\d{{1,2}})\s*[.:|]\s*\S|^\s*表\s*(\d{{1,2}})(?:\s|$)"
)


def captioned_tables(lines: list[str]) -> set[int]:
    """Numbers of the tables captioned on a line of their own (``Table 2.`` / ``表 2``)."""
    found = set()
    for line in lines:
        m = _CAPTION_ONLY.match(line)
        if m and len(line) <= 300:
            found.add(int(m.group(1) or m.group(2)))
    return found


@without_cycle_sweeps
def parse_article(text: str, path: str = "<text>") -> Article:
    """Parse an article's plain text. Raises ``NoReferencesError`` when it has no
    reference list."""
    # accents as pdftotext writes them (a letter and a combining mark, TeX's dotless i)
    # are one letter, in the body as in the list, so names match their entries
    composed = compose_diacritics(text, keep_soft_hyphens=True)
    lines = strip_page_furniture(read_columns(composed)).split("\n")
    ref_list = parse_reference_list(lines)
    body = lines[: ref_list.heading_line - 1]
    blocks = find_tables(body)
    # A table's caption is text too: a citation in it belongs to the caption.
    captions = {b.table.line - 1 for b in blocks}
    skip = frozenset(i for b in blocks for i in b.lines if i not in captions)
    sections, paragraphs = _paragraphs(body, skip)
    return assemble(
        path,
        ref_list.references,
        ref_list.warnings,
        sections,
        paragraphs,
        [b.table for b in sorted(blocks, key=lambda b: b.table.line)],
        title=article_title(body, sections[0].line if sections else None),
        table_numbers={b.table.number for b in blocks} | captioned_tables(body),
    )


def _marker_slicer(markers: tuple[Marker, ...]) -> Callable[[int, int], Sequence[Marker]]:
    """``(a, b)`` -> the markers that start in ``[a, b)``, in their order. Markers come
    sorted by start, so each sentence takes its slice by bisection instead of scanning all
    of its paragraph's markers (which grows with the square of a paragraph's length)."""
    starts = [m.start for m in markers]
    if not all(x <= y for x, y in pairwise(starts)):
        return lambda a, b: [m for m in markers if a <= m.start < b]
    return lambda a, b: markers[bisect_left(starts, a) : bisect_left(starts, b)]


def _with_tagged(tagged: Sequence[Marker], found: Sequence[Marker]) -> tuple[Marker, ...]:
    """Markers the source tagged, plus those the text rules found elsewhere."""
    out = list(tagged)
    for marker in found:
        if not any(m.start < marker.end and marker.start < m.end for m in tagged):
            out.append(marker)
    return tuple(sorted(out, key=lambda m: m.start))


_NOTE_OPENS = re.compile(r"\^\[(\d{1,3})\]\s")


def _footnote_homes(texts: Sequence[str], reach: int = 8) -> dict[int, int]:
    """Footnotes a PDF's layout set apart as blocks of their own (``^[5] Except for ...``)
    belong to the paragraph that holds their mark (``... here^[5].``), as JATS nests a
    ``<fn>`` in its ``<p>``: {footnote paragraph: that paragraph}, both counted from 1, the
    mark looked for in the ``reach`` paragraphs before the note."""
    homes: dict[int, int] = {}
    for i, text in enumerate(texts):
        opens = _NOTE_OPENS.match(text)
        if opens is None:
            continue
        mark = f"^[{opens.group(1)}]"
        for j in range(i - 1, max(i - reach, 0) - 1, -1):
            if _NOTE_OPENS.match(texts[j]):
                continue  # another note
            if texts[j].find(mark, 1) > 0:
                homes[i + 1] = j + 1
                break
    return homes


@without_cycle_sweeps
def assemble(
    path: str,
    references: Sequence[Reference],
    warnings: Sequence[str],
    sections: Sequence[Section],
    paragraphs: Sequence[Paragraph],
    tables: Sequence[Table],
    *,
    title: str | None,
    table_numbers: set[int],
    tagged: Sequence[Sequence[Marker]] | None = None,
) -> Article:
    """The Article from its parts, whatever the input format: reads the citation style,
    the markers of every paragraph (``tagged[i]``: markers the source itself tagged in
    paragraph ``i``, kept as they are), sentences, claims and table links."""
    style = citestyle.detect([p.text for p in paragraphs], references)
    max_ref = max((r.n for r in references), default=None)
    read_markers = citestyle.MarkerReader(style, references, [p.text for p in paragraphs])
    if style.author_year:  # an author-year list has no numbers to lose
        warnings = tuple(w for w in warnings if "no printed number" not in w)
    sentences: list[Sentence] = []
    home = _footnote_homes([p.text for p in paragraphs])
    for p_idx, para in enumerate(paragraphs, start=1):
        # Markers are read once per paragraph, where a superscript's context is complete.
        markers = read_markers(para.text)
        if tagged is not None:
            markers = _with_tagged(tagged[p_idx - 1], markers)
        line_at = para.line_finder()
        starting_within = _marker_slicer(markers)
        for a, b in _sentence_spans(para.text, markers):
            raw = para.text[a:b]
            start = a + len(raw) - len(raw.lstrip())
            sentence = raw.strip()
            sentences.append(
                Sentence(
                    id=len(sentences) + 1,
                    section=para.section,
                    paragraph=home.get(p_idx, p_idx),
                    line=line_at(start),
                    text=sentence,
                    markers=tuple(
                        replace(m, start=m.start - start, end=m.end - start)
                        for m in starting_within(a, b)
                    ),
                    pointers=find_table_pointers(sentence),
                )
            )
    return Article(
        path=path,
        references=tuple(references),
        sections=tuple(sections),
        sentences=tuple(sentences),
        tables=tuple(link_rows(t, read_markers.cell_refs, max_ref) for t in tables),
        warnings=tuple(warnings),
        title=title,
        table_numbers=tuple(sorted(table_numbers | {t.number for t in tables})),
    )
