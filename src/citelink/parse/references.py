"""The reference list: find its heading, split it into entries, parse each entry.

Handles Vancouver/NLM and GB/T 7714 entries with the damage PDF extraction does to them:
lost ``[n]`` labels (recovered by position, with a warning), entries wrapped over several
lines (a new entry is recognised by its own shape, not only by a label), en-dashes,
full-width punctuation and ``*emphasis*``. Never raises on a strange entry: it keeps the
raw text and whatever fields it could read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz.distance import OSA

from citelink.errors import NoReferencesError
from citelink.model import Author, Reference
from citelink.parse.authors import (
    EDITOR_WORDS,
    AuthorBlock,
    corporate_heading,
    match_author,
    opens_with_author,
    parse_name_list,
    split_author_block,
)
from citelink.parse.fields import complete, complete_many, red_flags
from citelink.parse.text import (
    ELIDED_PARTICLE,
    collapse_spaces,
    ends_with_abbreviation,
    fold_width,
    line_joint,
    normalize_entry,
)

REFERENCE_HEADINGS = frozenset(
    {
        # Chinese, Japanese, Korean
        "参考文献",
        "主要参考文献",
        "参考资料",
        "参考資料",
        "参考文獻",
        "參考文獻",
        "參考資料",
        "参考资料与文献",
        "引用文献",
        "引用文獻",
        "参照文献",
        "文献",
        "참고문헌",
        # English
        "references",
        "reference",
        "reference list",
        "references and notes",
        "notes and references",
        "references cited",
        "cited references",
        "bibliography",
        "literature cited",
        "literature",
        "works cited",
        "cited literature",
        # Portuguese, Spanish, Italian, Catalan
        "referências",
        "referências bibliográficas",
        "referencias",
        "referencias bibliográficas",
        "referencias bibliograficas",
        "referencias citadas",
        "bibliografía",
        "bibliografia",
        "bibliografia consultada",
        "bibliografía consultada",
        "literatura citada",
        "literatura consultada",
        "obras citadas",
        "riferimenti bibliografici",
        # French, German, Dutch, Nordic, Slavic, Turkish
        "références",
        "références bibliographiques",
        "bibliographie",
        "literatur",
        "literaturverzeichnis",
        "literaturangaben",
        "quellenverzeichnis",
        "literatuur",
        "referenties",
        "litteratur",
        "referenser",
        "kirjallisuus",
        "lähteet",
        "literatura",
        "piśmiennictwo",
        "bibliografie",
        "список литературы",
        "литература",
        "библиография",
        "список использованной литературы",
        "kaynaklar",
        "kaynakça",
        "källor",
        "källförteckning",
        "litteraturförteckning",
        "referencer",
        "litteraturliste",
        "kilder",
        "viitteet",
        "použitá literatura",
        "literatúra",
        "literatūra",
        "bronnen",
        "irodalom",
        "irodalomjegyzék",
        "fontes e referências",
        "referências e notas",
        # Indonesian, Malay, Vietnamese, Thai, Arabic, Hebrew, Persian, Greek
        "daftar pustaka",
        "daftar rujukan",
        "referensi",
        "rujukan",
        "tài liệu tham khảo",
        "เอกสารอ้างอิง",
        "المراجع",
        "المصادر والمراجع",
        "מקורות",
        "רשימת מקורות",
        "منابع",
        "βιβλιογραφία",
        "βιβλιογραφια",
        "αναφορές",
        "αναφορες",
    }
)
# Headings that close a reference list when they follow it.
_AFTER_HEADINGS = re.compile(
    # ("Table 1", "Figure 2", "Appendix A": floats and appendices set after the list)
    r"^(?:(?:appendix|table|figure)\s+[a-z]?\d{0,2}[a-z]?|appendix|appendices|附录|tables?|"
    r"figures?|figure legends?|supplementary\b.*|"
    r"supporting information|acknowledge?ments?|致谢|author contributions|"
    r"conflicts? of interest|funding|作者贡献.*|利益冲突.*)$"
)
# Lines after the last entry that journals print (received dates, the editor's name).
# What follows a reference list on the last page: submission history, the handling editor,
# "how to cite" boxes, in the languages of the lists read.
_LIST_END = re.compile(
    r"^\s*[(（]?\s*(?:收稿日期|修回日期|本文编辑|责任编辑|Received\b|Accepted\b|"
    r"Manuscript received|Submitted\b|"
    r"(?:How to cite|Cite) this article\b|©\s*(?:Copyright\s*)?(?:19|20)\d\d\b|Copyright\s*©|"
    # the authors' addresses (JSS: "Affiliation: Martin Mächler ...")
    r"(?:Affiliations?|Authors?['’]? address(?:es)?|Address for correspondence|"
    r"Corresponding author)\s*:|"
    r"(?:(?:Academic|Associate|Handling|Section)\s+)?Editor(?:a|ial)?"
    r"(?:\s+(?:Associad[oa]|Responsável|in[- ]chief))?(?:\s+pela\s+avaliação)?\s*:|"
    r"Editora?\s+(?:Associad[oa]|Responsável)\b|"
    r"(?:Submiss(?:ão|ion)|Recebido|Recibido|Aceito|Aceite|Aceptado|Publicado|Reçu|Accepté)"
    r"\s*(?:em\s*|el\s*|le\s*)?[:\d])",
    re.I,
)
_HEADING_DECOR = re.compile(
    r"^[\s【\[(（〔#*]*(?:(?:[0-9]+|[IVXLC]+)(?:[.、．\s]+|$))?|[\s】\])）〕:：*]*$"
)
_BULLET = re.compile(r"^\s*[-•·‧*]\s+")
_LABEL = re.compile(
    r"^\s*(?:\[\s*(?P<a>\d{1,6})\s*\]|［\s*(?P<b>\d{1,6})\s*］|(?P<c>\d{1,6})\s*[.)、．]\s*(?=\S)"
    r"|\((?P<d>\d{1,6})\)(?![:;,.)\d])\s*)"  # not an issue run over: "(1):167-190"
)
_BARE_NUMBER = re.compile(r"^\s*(?P<n>\d{1,3})\s+(?=\S)")
_YEAR = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d)(?![\d])")
_DOI = re.compile(
    r"(?:\.\s*)?(?:\bdoi\s*:?\s*|https?://(?:dx\.)?doi\.org/)?\b(10\.\d{4,9}/[^\s\"<>]+)", re.I
)
_NOISE = (
    re.compile(r"\s*\[(?:Internet|cited[^\]]*|serial online|Article in [^\]]*)\]", re.I),
    re.compile(r"\.?\s*\bPMCID\s*:?\s*PMC\d+", re.I),
    re.compile(r"\.?\s*\[?Epub ahead of print\]?", re.I),
    re.compile(r"\.?\s*\bEpub\s+\d{4}(?:\s+[A-Z][a-z]{2}(?:\s+\d{1,2})?)?", re.I),
)
_TYPE_MARK = re.compile(r"\s*\[\s*(?P<code>[A-Z]{1,2}(?:/OL)?|EB/OL|DB/OL|CP/DK|M/CD)\s*\]")
TYPE_CODES = {
    "J": "article",
    "M": "book",
    "C": "conference",
    "D": "thesis",
    "R": "report",
    "S": "standard",
    "P": "patent",
    "N": "newspaper",
    "G": "book",
    "A": "chapter",
    "EB": "web",
    "DB": "dataset",
    "CP": "software",
    "Z": "misc",
}
_MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Spring|Summer|Autumn|Fall|"
    r"Winter|(?i:jan|fev|mar|abr|mai|jun|jul|ago|set|out|nov|dez|ene|dic|avr|juil|août|déc"
    r"|mär|okt))[a-zéû]*\.?"
)
_DATE_TAIL = re.compile(rf"^\s*{_MONTH}(?:\s+\d{{1,2}})?(?:\s*-\s*{_MONTH}(?:\s+\d{{1,2}})?)?")
# 12, S112, e1003075, 5A, 279ra37, and Genome Biology's RESEARCH0002
_PAGE = r"(?:[A-Za-z]{0,2}\d+(?:[a-z]{2}\d+|[A-Za-z])?|[A-Z]{3,10}\d{4})"
_VOLUME_ISSUE_PAGES = re.compile(
    rf"""^\s*[;,.:]?\s*
    (?:(?:vol\.?|volume)\s*)?
    (?P<volume>[A-Za-z]?\d+(?!\d)[A-Za-z]?(?![A-Za-z])(?:\s*-\s*\d+)?(?!\s*-?\s*{_MONTH}))?
    # the issue after a comma too (ACS: "Phys. Rev. B 1997, 55, (8), R4921-R4924")
    \s*(?:,?\s*\((?P<issue>[^)]{{1,30}})\)|[\s,]*(?P<supp>(?:Suppl|Supplement|Pt|Part|Spec)\.?\s*[A-Za-z0-9]*))?
    (?:(?:\s*[:,]\s*(?:(?:[Pp]p?|pages)\.?\s*)?
       # a range after a full stop or a space alone: "Linguistics 42. 101-132",
       # "Communications of the ACM 38 39-41", "Linguistics 12(3) 175-204"
       |(?<=[\d)])\.?\s+(?=\d+\s*-\s*\d+\s*(?:[.,;]|$))
       # one page after the issue and a space: "2014 136(9) 091001."
       |(?<=\))\s+(?=[A-Za-z]{{0,2}}\d+\s*(?:[.,;]|$))
       |\s*,?\s*pages\s+)
    (?P<pages>{_PAGE}(?:\s*-\s*{_PAGE})?))?
    """,
    re.X,
)
_BOOK_IMPRINT = re.compile(
    r"(?P<place>(?:[A-Z][a-z]{0,3}\.\s)?[^:;,.\[\]]{2,60}?)\s*:\s*(?P<publisher>[^;:\[\]]{2,120}?)\s*[;,]\s*"
    r"(?P<year>(?:1[5-9]|20)\d\d)"
)
# The title of a book then its imprint after a semicolon (MDPI, ACS): no sentence ends in
# the title, the imprint names a publisher, a colon, a place and the year.
_SEMICOLON_BOOK = re.compile(
    r"^(?P<title>(?:[^;.]|\.(?!\s))+?);\s+"
    r"(?P<source>[^;:.]{2,120}:\s*[^;:]{2,80}?,\s*(?:1[5-9]|20)\d\d[a-z]?\s*(?:[;.].*)?)$"
)
# "Publisher: City, Country" (MDPI, ACS) rather than "City: Publisher".
_CITY_COUNTRY = re.compile(
    r"^[^,:;]{2,40}(?:,\s*[^,:;]{2,30}){0,2},\s*(?:USA|UK|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)$"
)
_EDITION = re.compile(r"(?P<ed>\d+(?:st|nd|rd|th)\s+(?:ed|edn|edition)\.?|第\s*\d+\s*版)", re.I)
_EDITORS = re.compile(rf"(?P<eds>.+?(?:,\s*|\s)\(?(?:{EDITOR_WORDS})\)?\.?)\s+(?P<rest>.+)$")
# "In:" before a book's editors and title, in the languages of the lists read.
_IN_BOOK = re.compile(r"^\s*(?:In|Em|En|Dans|W|Im)\s*:\s*")
_SENTENCE_END = re.compile(r"(?<![\s.])([.?!])\s+(?=\S)")


@dataclass
class _Pending:
    number: int | None
    line: int
    parts: list[str] = field(default_factory=list)
    printed: bool = True

    @property
    def text(self) -> str:
        return _joined(self.parts)

    @property
    def recent(self) -> str:
        """The text, or its last lines when it has run on for many (no entry does: prose
        after a heading misread as the list's) -- what is asked of each line, in time
        linear in the list."""
        return _joined(self.parts[-_RECENT_LINES:])


def _joined(parts: list[str]) -> str:
    """Lines joined as ``join_lines`` joins two, in one pass (an entry that runs on for
    thousands of lines costs no more than their length)."""
    pieces: list[str] = []
    for part in filter(None, (p.strip() for p in parts)):
        if pieces:
            pieces.append(line_joint(pieces[-1], part))
        pieces.append(part)
    return "".join(pieces)


_RECENT_LINES = 12


def _heading_key(line: str) -> str:
    key = _HEADING_DECOR.sub("", fold_width(line).strip())
    return collapse_spaces(key).lower()


# An appendix's heading by its letter: "A. Modularization examples", "Appendix B: Proof of
# Lemma 2", "C.1. Data sources" (sentence case, two words at least after a bare letter, so
# "A. Smith" or "A. Smith and B. Jones", an entry's wrapped names, are no heading; without
# its full stop, "A Study of rice yields in" may be a wrapped title).
_LETTERED_HEADING = re.compile(
    r"^\s*(?:Appendix\s+[A-Z](?:\.\d+)*[.:]?\s+[A-Z]\S*(?:\s+\S+){0,8}"
    r"|[A-Z](?:\.\d+)*\.?\t\s*[A-Z][a-z]{2,}(?:\s+\S+){0,8}"  # a section number's tab
    r"|[A-Z](?:(?:\.\d+)+\.?|\.)\s*[A-Z][a-z]*"
    r"(?:[ -](?!(?:and|et|al|und|others)\b)(?:[a-z][a-z-]+|[A-Z]{2,}\b|\d+)){1,7})\s*$"
)


# A footnote as the PDF reader writes it: its raised mark, then its text.
_FOOTNOTE = re.compile(r"^\^\[\d{1,3}\]\s*[^\W\d_]")


def _closes_list(line: str, after_blank: bool) -> bool:
    """Whether the line is a heading that ends the list (a lettered one only after a blank
    line, as headings are set: "S. Typhimurium infection in" may be a wrapped title)."""
    return len(line) <= 60 and bool(
        _AFTER_HEADINGS.match(_heading_key(line))
        or (after_blank and _LETTERED_HEADING.match(line))
    )


# One-word headings long enough that one slip of the typesetter still names them
# ("REFFERENCES", "Referneces"); the first two letters must stand, so "Preferences" or
# "Inferences" are no headings.
_LONG_HEADINGS = tuple(h for h in REFERENCE_HEADINGS if " " not in h and len(h) >= 9)


def is_reference_heading(line: str, misprinted: bool = False) -> bool:
    """Whether the line is a reference list's heading; with ``misprinted``, also one
    misprinted by a letter (looked for only when no heading is printed right)."""
    if len(line) > 60:
        return False
    key = _heading_key(line)
    return key in REFERENCE_HEADINGS or (misprinted and _misprinted_heading(key, line))


def _misprinted_heading(key: str, line: str) -> bool:
    """A one-word heading with one letter added, dropped, changed or two swapped, printed
    as a heading (in capitals or capitalised, alone on its line)."""
    if not (9 <= len(key) <= 16 and key.isalpha()):
        return False
    word = line.strip().rstrip(":：")
    if not (word.isupper() or (word[:1].isupper() and word[1:].islower())):
        return False
    return any(h[:2] == key[:2] and OSA.distance(h, key) <= 1 for h in _LONG_HEADINGS)


def find_reference_section(lines: list[str]) -> int | None:
    """Index of the heading line of the reference list: the last such heading that has
    text after it (a table of contents may name "References" earlier)."""
    candidates = [i for i, line in enumerate(lines) if is_reference_heading(line)] or [
        i for i, line in enumerate(lines) if is_reference_heading(line, misprinted=True)
    ]
    for i in reversed(candidates):
        if any(line.strip() for line in lines[i + 1 :]):
            return i
    return candidates[-1] if candidates else None


def _label(line: str) -> tuple[int | None, str]:
    body = _BULLET.sub("", line)
    m = _LABEL.match(body)
    if m:
        number = next(g for g in m.group("a", "b", "c", "d") if g)
        return int(number), body[m.end() :]
    m = _BARE_NUMBER.match(body)
    if m and opens_with_author(normalize_entry(body[m.end() :])):
        return int(m.group("n")), body[m.end() :]
    return None, body


_PARTICLE_START = (
    r"(?:(?:(?:van|von|der|den|de|da|das|do|dos|du|del|della|di|la|le|ter|ten|dal|dalla)\s+)+"
    rf"|{ELIDED_PARTICLE})[A-Z]"  # "de Vries", "d’Orey"
)
_DATED_GROUP = re.compile(
    r"^(?:[A-Z0-9][^(),;:]{2,120}?"
    r"\s\(\s*(?:(?:1[5-9]|20)\d\d[a-z]?|no date|n\.\s?d\.?|s\.\s?d\.?)\s*\)"
    r"|[A-Z][^():;,]{2,120}?\.\s(?:1[5-9]|20)\d\d[a-z]?\.)"
)


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ"
# ABNT and capitalised Harvard: "BRETÓN, A.", "ACOSTA PEREIRA, R.", "SANTOS, Maria".
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’-]+"
# The same with its initials or given names ended: "DELLATORRE, R.", "CAMANARO, Cecilia."
# (not "PROSAB, RiMa, ABES: Rio de Janeiro", a publisher wrapped to the line's start).
_CAPS_NAME = re.compile(
    rf"^{_CAPS_WORD}(?:\s+{_CAPS_WORD})*,\s*(?:(?:[{_UPPER}]\.\s?-?)+|[{_UPPER}][a-zà-ÿ]+"
    rf"(?:\s+[{_UPPER}][a-zà-ÿ]+)*\.)"
)
_CAPS_SURNAME = re.compile(rf"^{_CAPS_WORD}(?:\s+{_CAPS_WORD})*,\s*[{_UPPER}]")
# A corporate author or a title-first entry led by a word in capitals: "BRASIL. ",
# "WORLD BANK.", "BLS – US Bureau", "RELATÓRIO...", "AEA manifestó ...".
_CAPS_LEAD = re.compile(rf"^(?:[{_UPPER}]\s)?[{_UPPER}][{_UPPER}'’-]{{2,}}(?=[\s.,:;–-]|\.\.\.)")
# A tail of an entry broken over lines: "U.S.A. 108, 5116–5121.", "B 716, 30–61 (2012)".
_TAIL = re.compile(
    r"^(?:(?:[A-Z][A-Za-z]{0,14}\.?,?\s*){0,7}\d+(?:[,:;(]\s*|\s+)[A-Za-z]?\d"
    # a journal or publisher and the year ("PLoS Med. 2011."); longer, it is an entry of
    # its own ("R. Koenker. Quantile Regression. Cambridge U. Press, 2005.")
    r"|(?:[A-Z][A-Za-z]{0,14}\.?,?\s*){0,5}(?:1[5-9]|20)\d\d[a-z]?[.;]?$)"
)


# A line that carries an entry's identifiers or links continues that entry.
_LINK_LINE = re.compile(
    r"^\[?(?:doi|pmid|pmcid|isbn|issn|url|https?:|www\.|available|dispon[ií]vel|retrieved"
    r"|accessed|acesso|cited|citado|epub|arxiv)\b",
    re.I,
)


def _opens_entry(text: str, capitals: bool = True) -> bool:
    """A line that opens an entry: an author list (also after a lower-case particle, "de
    Vries GJ"), a group author with its date (``World Health Organization (2012) ...``),
    a surname or corporate heading in capitals; never the tail of a broken entry or a line
    of identifiers and links (``DOI:10.1371/...``)."""
    if _TAIL.match(text) or _LINK_LINE.match(text) or text[:1].isdigit():
        return False
    return (
        opens_with_author(text)
        or bool(_DATED_GROUP.match(text))
        or bool(_CAPS_SURNAME.match(text))
        or (capitals and bool(_CAPS_LEAD.match(text)))
        or bool(_SOURCE_DATE.match(text))
        or bool(_BARE_DATED_NAME.match(text))  # "Anonymous 2009. Title", "UNESCO 2015."
    )


def _entry_like(line: str) -> bool:
    """A line that could be a whole entry by itself: it opens with a capital (or a
    particle), holds a year or a link, and ends like an entry."""
    norm = normalize_entry(line)
    if len(norm) < 25 or not re.match(r"[^\W\d_]", norm):
        return False
    dated = _YEAR.search(norm) or re.search(r"https?://|\b10\.\d{4,9}/|\b(?:n\.d|s\.d)\b", norm)
    if not dated:
        return False
    return _looks_complete(norm, normalized=True)


def _one_entry_per_line(lines: list[str]) -> bool:
    """Whether the list prints each entry on one line (text rendered from XML, a word
    processor's list): then every line that is not an obvious continuation opens an entry."""
    labelled = [_label(line) for line in lines if line.strip()]
    if len(labelled) < 3 or sum(n is not None for n, _ in labelled) >= 0.3 * len(labelled):
        return False  # a numbered list: its labels open the entries
    bodies = [body.strip() for _, body in labelled]
    widest = max(len(b) for b in bodies)
    cut = sum(len(b) >= 0.85 * widest and not _looks_complete(b) for b in bodies)
    if cut >= 0.3 * len(bodies):
        return False  # many lines stop mid-entry at the margin: a wrapped list
    if sum(_entry_like(b) for b in bodies) >= 0.7 * len(bodies):
        return True
    # Entries without a year (newspapers, web pages, "s.d."): nearly every line ends as an
    # entry ends, which a list wrapped at a margin does only by chance.
    ends = sum(bool(re.search(r"[.)\]]$|https?://\S+$", normalize_entry(b))) for b in bodies)
    if len(bodies) >= 8 and cut <= 0.1 * len(bodies) and ends >= 0.9 * len(bodies):
        return True
    # Entries that end on no full stop (IOP's "... (Buenos Aires: Planeta)", "... Clarin
    # (Argentina)"): no margin -- few lines near the long ones' length, where a wrapped
    # list sets most of its lines there -- and most lines open as entries open.
    lengths = sorted(len(b) for b in bodies)
    long = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(n >= 0.85 * long for n in lengths)
    opening = sum(_opens_entry(normalize_entry(b), capitals=False) for b in bodies)
    return len(bodies) >= 8 and near <= 0.4 * len(bodies) and opening >= 0.7 * len(bodies)


def _continues(previous: str, body: str) -> bool:
    """In a one-entry-per-line list: a line that cannot open an entry (lower case that is
    not a particle, a leading number or punctuation, the tail of a broken entry) or that
    follows a line left open."""
    norm = normalize_entry(body)
    if re.search(r"(?:[-,;:&]|\b(?:and|In))$", normalize_entry(previous)):
        return True
    if _TAIL.match(norm) or _LINK_LINE.match(norm):
        return True
    first = norm[:1]
    if first.islower():
        return not re.match(rf"^{_PARTICLE_START}", norm)
    return not (first.isalpha() or first in "\"“'‘[(")


_NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")  # "15/5/18": a dated item


def _looks_complete(text: str, normalized: bool = False, dated: bool = False) -> bool:
    """Whether an entry could end here: it ends like an entry and has a year (or is long,
    unless ``dated`` asks for the year)."""
    norm = text if normalized else normalize_entry(text)
    if norm and _ENDS_ON_LINK.search(norm):
        return True  # ends with a DOI or URL
    if not norm or norm[-1] not in ".)]0123456789" or re.search(r",\s*\.\.\.$", norm):
        return False  # (APA's elided names run on: "Chuang, W. L., …" / "Ku, H. M. (2013).")
    return bool(_YEAR.search(norm) or _NUMERIC_DATE.search(norm) or _NO_DATE.search(norm)) or (
        not dated and len(norm) > 80
    )


# An entry's last word a DOI or a link.
_ENDS_ON_LINK = re.compile(r"(?:\b10\.\d{4,9}/|https?://)\S+$")

# An entry's date said to be missing or to come: "(n.d.)", "s.d.", "(no date)", "(in press)".
_NO_DATE = re.compile(r"\((?:n\.\s?d|s\.\s?d|no date|sin fecha|in press)\.?\)|[ns]\.\s?d\.", re.I)


def _journal_broken(previous: str, body: str) -> bool:
    """A journal abbreviation broken over two lines ("... tulsi. Int." / "J. Pharm. Life
    Sci., 3(7): 1858-1867."): the next line is no author list."""
    return bool(
        re.search(r"\s[A-Z][a-z]{0,3}\.$", previous.rstrip())
        and re.match(r"^[A-Z][a-z]{0,5}\.\s[A-Z][a-z]", body.strip())
    )


def _plausible_label(line: str, number: int, current: _Pending, body: str) -> bool:
    """A ``2002.`` or ``113.`` at the start of a wrapped line is not a label, nor a number
    before a word in lower case (``1) in the ...``); an ``n.`` label that breaks the
    sequence must at least open like an entry."""
    expected = (current.number or 0) + 1
    if current.number is None and body.strip()[:1].isdigit():
        return False  # a version's end in an unnumbered list: "R package version" / "1.13."
    if 1500 <= number <= 2099 and number != expected:
        return False  # an original year on a wrapped line: "[1963]. Forense Universitária."
    if re.match(r"^\s*(?:[-•·‧*]\s+)?[\[［]", line):
        return True
    if body.strip()[:1].islower() and not opens_with_author(normalize_entry(body)):
        return False  # a wrapped line: "(BTEB" / "1) in the autoinduction of ..."
    if expected < number <= expected + 2 and body.strip()[:1].isupper():
        return True  # the entry before lost its own number ("6. Brasil. Ministério ...")
    return number == expected or opens_with_author(normalize_entry(body))


# A rule or dashes for "the same authors as the entry above": "———.", "--------,", "______."
_DITTO = re.compile(r"^\s*(?:[-–—_‒―]\s*){2,}[.,]?\s*")


_LONE_LABEL = re.compile(r"^\s*(?:\[\s*(\d{1,3})\s*\]|(\d{1,3})\s*[.)]|\((\d{1,3})\))\s*$")


def _lone_number(line: str) -> int | None:
    m = _LONE_LABEL.match(line)
    return int(next(g for g in m.groups() if g)) if m else None


def _join_lone_labels(lines: list[str]) -> list[str]:
    """Labels set on a line of their own, the entry on the next (PDF text whose numbers sit
    in a column of their own: "1." / "" / "American Diabetes Association. ..."): each label
    joins the next non-blank line, whose own line is left blank (line numbers stay); a
    label followed by another label holds no text and is blanked."""
    found = [(i, _lone_number(line)) for i, line in enumerate(lines)]
    lone = [i for i, n in found if n is not None]
    numbers = [n for _, n in found if n is not None]
    # they count only as a numbering: most follow the one before ("1." ... "2." ...)
    if len(lone) < 2 or 2 * sum(b == a + 1 for a, b in pairwise(numbers)) < len(lone):
        return lines
    out = list(lines)
    block: list[int] = []  # a block of labels set apart from their entries (pdftotext)
    for i in lone:
        j = next((k for k in range(i + 1, min(len(out), i + 4)) if out[k].strip()), None)
        if j is None:
            continue
        if _LONE_LABEL.match(out[j]) or _label(out[j])[0] is not None:
            block.append(i)
            out[i] = ""  # an empty entry, or a block of labels set apart: no text of its own
            continue
        # "4." ... "27." then the entries: the first one is 4 (the rest follow by position)
        first = _lone_number(lines[block[0]]) if block else None
        label = lines[block[0]] if first == (_lone_number(lines[i]) or 0) - len(block) else lines[i]
        block = []
        out[i] = f"{label.strip()} {out[j].strip()}"
        out[j] = ""
    return out


def split_entries(lines: list[str], first_line: int = 1) -> tuple[list[_Pending], list[str]]:
    """Group the lines after the heading into entries; ``first_line`` is the 1-based line
    number of ``lines[0]``."""
    entries: list[_Pending] = []
    lines = _join_lone_labels(lines)
    end = next(
        (
            i
            for i, line in enumerate(lines)
            if i and (_LIST_END.match(line) or _closes_list(line, not lines[i - 1].strip()))
        ),
        len(lines),
    )
    per_line = _one_entry_per_line(lines[:end])
    # Corporate and title-first headings in capitals open entries only in lists whose
    # authors are in capitals (ABNT); elsewhere "BMJ. 2003;327" or "SEER cases" wrap.
    nonblank = [normalize_entry(line) for line in lines[:end] if line.strip()]
    capitals = sum(bool(_CAPS_SURNAME.match(line)) for line in nonblank) >= 0.15 * len(nonblank)
    # A list that sets its entries apart with blank lines (a PDF's paragraph spacing): an
    # entry opening after a blank line starts there even when the one before looks cut
    # ("Clarín, 15/5/18 falta referencia" / "Clarín, 14/5/18 ...").
    gaps = sum(1 for a, b in pairwise(lines[:end]) if a.strip() and not b.strip())
    # ... or whose long entries (two columns: four or five lines each) mostly follow a
    # blank: three lines in four after a blank open like an entry (the others open with
    # what reads as no author list: four initials, a title in capitals, "DIAS MODS.")
    after = [b for a, b in pairwise(lines[:end]) if not a.strip() and b.strip()]
    opening = sum(_opens_entry(normalize_entry(_label(b)[1]), capitals) for b in after)
    spaced = len(nonblank) >= 6 and (
        gaps >= 0.25 * len(nonblank)
        or (gaps >= 5 and gaps >= 0.1 * len(nonblank) and opening >= 0.75 * len(after))
    )
    # In a numbered list, the number of the next labelled line after each line: a line
    # without a label opens an entry (its number lost) only where the numbering skips one.
    labels = [_label(line)[0] if line.strip() else None for line in lines]
    next_label: list[int | None] = [None] * (len(lines) + 1)
    for k in range(len(lines) - 1, -1, -1):
        next_label[k] = labels[k] if labels[k] is not None else next_label[k + 1]
    labelled = sum(n is not None for n in labels[:end])
    numbered = labelled >= 2 and labelled >= 0.2 * len(nonblank)
    skip_to = -1
    after_blank = False
    for offset, line in enumerate(lines):
        if not line.strip() or offset < skip_to:
            after_blank = after_blank or not line.strip()
            continue
        blank_before, after_blank = after_blank, False
        if entries and (_LIST_END.match(line) or _closes_list(line, blank_before)):
            resume = _resumes_after(lines, offset, entries[-1])
            if resume is None:
                break
            skip_to = resume  # a section set beside the list (another column): skip it
            continue
        if entries and not numbered and blank_before and _FOOTNOTE.match(line):
            # a page's footnote set among an unnumbered list ("^[27]The R Commander will
            # run ..."), to the next blank line
            skip_to = next((k for k in range(offset, len(lines)) if not lines[k].strip()), offset)
            continue
        number, body = _label(line)
        if not body.strip():
            continue
        current = entries[-1] if entries else None
        if (
            current is not None
            and number is None
            and blank_before
            and re.fullmatch(r"[^\W\d_]{1,10}:", body.strip())
            and _looks_complete(current.recent)
        ):
            continue  # a stray word that extraction set apart ("Available" ... "at:")
        if (
            number is not None
            and current is not None
            and not _plausible_label(line, number, current, body)
        ):
            number, body = None, _BULLET.sub("", line)
        if number is not None or current is None:
            starts = True
        elif _closes_bracket(current.parts, body):
            starts = False  # "... [Average working hours in 2022." / "Why so busy?]. 2022."
        elif _DITTO.match(body) and not numbered:
            starts = True  # "———. 1993. Title": the same authors, a new entry
        elif (
            numbered
            and current.number is not None
            and next_label[offset + 1] == current.number + 1
        ):
            starts = False  # "27. ... at √s= 13" / "TeV, Tech. Rep. ..." / "28. ...": no gap
        elif per_line:
            starts = not _continues(current.parts[-1], body) and (
                not spaced or blank_before or _opens_unspaced(current.parts[-1], body, capitals)
            )
        elif spaced and blank_before and _paragraph_opens(current.recent, body):
            starts = True  # "... 2007. Weed Research 47:183–191." / "" / "Anonymous. Title"
        elif (
            spaced
            and blank_before
            and not _left_open(current.parts[-1])
            and (_names_open(body) or _opens_entry(normalize_entry(body), capitals))
        ):
            starts = True  # a blank and an author list: whatever came before ("Ámbito
            # Financiero." / "" / "ANGENOT M. El discurso social")
        elif spaced and blank_before and _after_blank_opens(current.parts[-1], body):
            starts = True  # "Ámbito Financiero. Ámbito Financiero." / "" / "Clarín. Clarín."
        else:
            starts = (
                (
                    # in a list spaced by blank lines, an entry that opens without one
                    # must follow a dated one ("... por un tema torrentoso." / "ELOHI, n.9."),
                    # unless it opens with a list of names ("Dobson SL, Marsland EJ, ...")
                    _looks_complete(
                        current.recent,
                        dated=spaced and not blank_before and not _names_open(body),
                    )
                    or (
                        not _left_open(current.parts[-1])
                        and (
                            (capitals and bool(_CAPS_NAME.match(body)))
                            or (
                                spaced
                                and blank_before
                                and bool(_YEAR.search(body) or _NUMERIC_DATE.search(body))
                            )
                        )
                    )
                )
                and _opens_entry(normalize_entry(body), capitals)
                # spaced by blank lines, a line with none before opens an entry (a page
                # or column top hides the space) only as _opens_unspaced says, not as an
                # entry's wrapped tail ("... cedida a Carlos Manzoni." / "La Nacion.")
                and (
                    not spaced
                    or blank_before
                    or _opens_unspaced(current.parts[-1], body, capitals)
                )
                and not _journal_broken(current.parts[-1], body)
                and not (
                    re.search(r"(?:^|[\s,])[A-Z]\.$", current.parts[-1].rstrip())
                    # (a Roman number ends an entry: "... Francis. Chapter I.")
                    and not _NUMBERED_PART.search(current.parts[-1].rstrip())
                )
                # "... Regnum Vegetabile 146. A.R.G." / "Gantner Verlag KG.": initials run on
                and not (
                    re.search(r"(?:[A-Z]\.){2,}$", current.parts[-1].rstrip())
                    and not _YEAR.search(body)
                )
            )
        if starts:
            entries.append(
                _Pending(number, first_line + offset, [body.strip()], printed=number is not None)
            )
        else:
            assert current is not None
            current.parts.append(body.strip())
    return entries, _number_entries(entries)


def _closes_bracket(parts: list[str], body: str) -> bool:
    """Whether ``body`` closes a bracket the entry so far (``parts``, its lines) left open:
    the line then goes on with the entry, however it opens."""
    for opener, closer in ("[]", "()"):
        depth = 0
        for part in parts[-3:]:  # an entry's last lines: a bracket spans a line or two
            for ch in part:
                if ch == opener:
                    depth += 1
                elif ch == closer and depth:
                    depth -= 1
        if depth:
            first = next((ch for ch in body if ch in (opener, closer)), None)
            if first == closer:
                return True
    return False


_NUMBERED_PART = re.compile(
    r"\b(?:Chapter|Chap|Part|Vol|Volume|Section|Book|Appendix|Tome|Band|Teil|Cap[ií]tulo)\.?"
    r"\s+[IVXL]\.$"
)


def _opens_unspaced(previous: str, body: str, capitals: bool) -> bool:
    """In a list spaced by blank lines, a line with no blank before it may still open an
    entry (a page or column top hides the space): a surname in capitals in an ABNT list, or
    a line that opens like an entry and has names or a date of its own, or follows an entry
    ending on its year, pages or DOI; else it is the entry's wrapped tail ("... Entrevista
    cedida a Carlos Manzoni." / "La Nacion.")."""
    before = normalize_entry(previous)
    if re.match(r"\s*(?:In|Em|En|Dans|Im)\b\s*:?", body):
        return False  # "In D. A. GARCIA, and A. S. F. SOARES, eds.": a chapter's book
    if (
        capitals
        and _CAPS_NAME.match(body)
        and not _left_open(previous)
        and (len(body.split()) > 2 or _YEAR.search(body))  # not a publisher: "NBS, Beijing."
    ):
        return True  # "Clarín, 14/5/18 falta referencia" / "DELLATORRE, R. La Asociación ..."
    if not (re.search(r"[.)\]\d]$", before) or _ENDS_ON_LINK.search(before)):
        return False  # the entry before is still open: "... Trade and Development" / "Report"
    return _opens_entry(normalize_entry(body), capitals) and (
        _names_open(body)
        # after an entry ending as entries end, on its year, pages or DOI ("... 742 pp.
        # 1807." / "Marchant CJ. Corrected ..."), but not on a chapter's pages, which its
        # publisher follows ("pp. 307–336." / "Martins Fontes"), nor on an original year
        # ("[1927]." / "Perspectiva, São Paulo.")
        or (
            bool(re.search(r"\d[a-z]?[.)]?$", before) or _ENDS_ON_LINK.search(before))
            and (
                not re.search(r"\bpp?\.\s*\d+\s*[-–]\s*\d+\.?$|\]\.?$", before)
                or _initialled(body)  # "... 2016. p. 141-162." / "SCOOT J. Gênero ..."
            )
        )
        or any(p.search(body) for p in (_YEAR, _NUMERIC_DATE, _NO_DATE))
    )


def _after_blank_opens(previous: str, body: str) -> bool:
    """In a list spaced by blank lines (page and column tops show none), the line after a
    blank opens an entry unless the entry before is left open or the line reads as its
    tail: lower case, a number, pages, a year, identifiers or links."""
    norm = normalize_entry(body)
    before = normalize_entry(previous)
    return (
        not _left_open(previous)
        and bool(re.search(r"[.)\]!?”\"]$", before) or _ENDS_ON_LINK.search(before))
        and bool(re.match(rf"[\"“‘'(\[]?[{_UPPER}]|{_PARTICLE_START}", norm))
        and not _TAIL.match(norm)
        and not _LINK_LINE.match(norm)
    )


def _initialled(body: str) -> bool:
    """The line opens with a surname and initials ("SCOOT J.", "Vogel, C.", "Kim SH"), as
    an entry opens, where a publisher's name has words ("Martins Fontes, São Paulo")."""
    found = match_author(normalize_entry(body))
    return found is not None and bool(
        re.fullmatch(r"(?:[A-Z][.\s-]*){1,3}", found[0].given.strip())
    )


def _names_open(body: str) -> bool:
    """The line opens with two names ("Hoffmann AA, Iturbe-Ormaetxe I, ..."), or a name and
    et al."""
    text = normalize_entry(body)
    first = match_author(text)
    if first is None or re.search(r"\b(?:Press|Verlag|Publishers?|Editora|Editorial)\b",
                                  text[: first[1]]):
        return False  # "UBC Press, Vancouver, BC.": a publisher, then its city
    sep = re.match(r"\s*(?:[,;]|\band\b|&)\s*", text[first[1] :])
    rest = text[first[1] + (sep.end() if sep else 0) :]
    if re.match(r"et\s*al\b", rest):
        return True
    return sep is not None and match_author(rest) is not None


def _paragraph_opens(previous: str, body: str) -> bool:
    """In a list spaced by blank lines, a line after a blank opens an entry when the entry
    before is complete and dated and the line starts as an entry may (a capital, a quote,
    a particle), not as a broken entry's tail."""
    norm = normalize_entry(body)
    before = normalize_entry(previous)
    return (
        _looks_complete(before, normalized=True, dated=True)
        # an entry's end: a full stop, a link, pages ("Nature 502 550"); not a date that
        # a column break cut from its title ("Graham RI, Wilson K (2012)" / "" / "Title")
        and bool(re.search(r"(?:[.)\]]|\d\s+[A-Za-z]?\d+|\d\s*[-–]\s*\d+|\S/\S*)$", before))
        and not re.search(r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)$", before)
        and bool(re.match(rf"[\"“‘'(\[]?[{_UPPER}]|{_PARTICLE_START}", norm))
        and not _TAIL.match(norm)
        and not _LINK_LINE.match(norm)
    )


def _left_open(line: str) -> bool:
    """A line that cannot end an entry: it stops on a comma, a dash, "and", "In:"..."""
    text = normalize_entry(line)
    # ... or on a name in capitals, whose rest wraps: "KLAUBERG" / "FILHO, O.", "VIAN" / "JR, O."
    return bool(
        re.search(r"(?:[-,;:&(…]|\.\.\.|\b(?:and|e|y|et|In|in))\s*$", text)
        or re.search(rf"\b[{_UPPER}][{_UPPER}'’-]+$", text)
    )


def _resumes_after(lines: list[str], at: int, last: _Pending) -> int | None:
    """Where a numbered list goes on after a section a two-column page set in the middle
    of it ("10. ... / Acknowledgments / We thank ... / 11. ..."): the line of the next
    number within a few lines, or None when the list has ended."""
    if last.number is None or not last.printed:
        return None
    for ahead in range(at + 1, min(len(lines), at + 25)):
        number, _ = _label(lines[ahead])
        if number == last.number + 1 and re.match(r"^\s*(?:\[\s*\d|\d+\.\s)", lines[ahead]):
            return ahead
    return None


def _span(numbers: list[int]) -> str:
    return f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"


def _number_entries(entries: list[_Pending]) -> list[str]:
    """Give unlabelled entries the number their position implies; report what was guessed
    and any label that breaks the sequence."""
    warnings: list[str] = []
    recovered: list[int] = []
    previous = 0
    for entry in entries:
        if entry.number is None:
            entry.number = previous + 1
            recovered.append(entry.number)
        else:
            if recovered:
                warnings.append(
                    f"references {_span(recovered)} have no printed number; numbered by position"
                )
                recovered = []
            if entry.number != previous + 1:
                warnings.append(
                    f"reference list jumps from {previous} to {entry.number} (line {entry.line})"
                )
        previous = entry.number
    if recovered:
        warnings.append(
            f"references {_span(recovered)} have no printed number; numbered by position"
        )
    return warnings


# The rest of a DOI broken after a full stop, before more of the entry: a fragment that
# starts with a digit or holds a dot ("j. diabres.2014.06.001. PMid:25037441", "M113.
# 035600. Braz J"), never a word ("j. Available at").
_DOI_TAIL = re.compile(r"\.\s((?:\d[\w-]*|[a-z][\w-]*\.[\w-]+)(?:\.[\w-]+)*)(?=\.?(?:\s|$))")


def _take_doi(text: str) -> tuple[str | None, str]:
    m = _DOI.search(text)
    if not m:
        return None, text
    doi = m.group(1).rstrip(".,;")
    broken = (
        re.match(r"\.\s(\d[\w./-]*?)\.?$", text[m.end(1) - 1 :])
        or re.match(_DOI_TAIL, text[m.end(1) - 1 :])
        if m.group(1).endswith(".")
        else None
    )
    if broken:  # a DOI broken over two lines after its full stop: "10.1038/ng. 2653."
        doi = m.group(1) + broken.group(1)
        rest = text[m.start(1) + len(m.group(1)) + 1 + len(broken.group(1)) :].lstrip(".")
        return doi, (text[: m.start()].strip() + ". " + rest.strip()).strip()
    while doi.endswith(")") and doi.count("(") < doi.count(")"):
        doi = doi[:-1]
    while doi.endswith("]") and doi.count("[") < doi.count("]"):
        doi = doi[:-1]
    start = m.start()
    end = m.start(1) + len(doi)
    return doi, (text[:start] + "." + text[end:]).strip()


def _take_url(text: str) -> tuple[str | None, str]:
    m = re.search(
        r"\.?\s*(?:Available (?:from|at)\s*:?\s*|URL\s*:?\s*)?"
        r"(https?://[^\s\]>]+(?:\s[^\s\]>]*\.(?:html?|pdf|php|aspx?)\b[^\s\]>]*)?)",
        text,
    )
    if not m:
        return None, text
    url = m.group(1).rstrip(".,;)")
    return url, (text[: m.start()] + "." + text[m.start(1) + len(url) :]).strip()


# A printed PubMed id: "PMID: 19269917", "PMid:123", "PubMed: 12013791" (PLOS), "[PubMed:
# 123]", "PubMed PMID: 123" (NLM's export); and in a link: "pubmed/123",
# "pubmed.ncbi.nlm.nih.gov/123".
_PMID_LABEL = r"\b(?:PubMed\s+PMID|PMID|PubMed(?:\s+ID)?)\s*:?\s*(?P<id>\d{1,9})\b"
_PMID_PRINTED = re.compile(rf"\.?\s*\[?{_PMID_LABEL}\]?", re.I)
_PMID_ANYWHERE = re.compile(
    rf"{_PMID_LABEL}|(?:\bpubmed(?:\.ncbi\.nlm\.nih\.gov)?/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"(?P<linked>\d{1,9})\b",
    re.I,
)


def printed_pmid(raw: str) -> str | None:
    """The PubMed id printed in an entry, as a label or in a link; None for none (or 0)."""
    match = _PMID_ANYWHERE.search(raw)
    if match is None:
        return None
    number = int(match.group("id") or match.group("linked"))
    return str(number) if number else None


def _take_pmid(text: str) -> tuple[str | None, str]:
    """A labelled PubMed id, and the text without it (never a volume or a page)."""
    m = _PMID_PRINTED.search(text)
    if m is None:
        return None, text
    number = int(m.group("id"))
    return (str(number) if number else None), (text[: m.start()] + "." + text[m.end() :]).strip()


def _strip_noise(text: str) -> str:
    for pattern in _NOISE:
        text = pattern.sub("", text)
    text = re.sub(r"\.(?:\s*\.)+", ".", text)
    return text.strip()


def _split_title(text: str) -> tuple[str, str]:
    """Title and what follows it, for entries without a GB/T type marker."""
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ".?!" and depth == 0:
            m = _SENTENCE_END.match(text, i)
            if m is None:
                continue
            if ch == "." and ends_with_abbreviation(text[:i]):
                continue
            if (
                ch == "."
                and re.search(r"(?:^|\s)[A-Z]$", text[:i])
                and text[m.end() : m.end() + 1].islower()
            ):
                continue  # a genus initial: "C. elegans", "E. coli"
            title = text[: i + 1] if ch in "?!" else text[:i]
            return title.strip(), text[m.end() :].strip()
    return text.strip().rstrip("."), ""


def _clean_title(title: str) -> str | None:
    title = title.strip().strip("\"'“”‘’").strip()
    title = title.rstrip(".").strip()
    return title or None


def _pages(value: str | None) -> str | None:
    return re.sub(r"\s*-\s*", "-", value) if value else None


_IN_PAGES = re.compile(r"(?:\d\)?\s*:|\b[Pp]p?\.|\bpages|\d\s*-)\s*$")
_RANGE_ON = re.compile(r"\s*-\s*\d")
_ENDS_MONTH = re.compile(rf"\b{_MONTH}\s*$")
_JOURNAL_THEN_NUMBERS = re.compile(
    r"(?P<journal>[^\d]+?)(?:[,.]\s*|\s+)(?P<tail>(?:vol(?:ume)?\.?\s*)?[A-Za-z]?\d.*)$"
)


def _source_year(source: str) -> re.Match[str] | None:
    """The publication year in what follows a title: the first year that volume or pages
    follow (not the 1990 of "European journal of cancer (Oxford, England: 1990)")."""
    first = None
    for m in _YEAR.finditer(source):
        if _IN_PAGES.search(source, 0, m.start()) or _RANGE_ON.match(source, m.end()):
            continue  # a page: "51(4):1523-1545, 2005", "Development 127: 1607, 2000"
        first = first or m
        tail = _DATE_TAIL.sub("", re.sub(r"^[a-z](?![a-z])", "", source[m.end() :]))
        found = _VOLUME_ISSUE_PAGES.match(tail)
        if found and (found.group("volume") or found.group("pages")):
            return m
    return first


def _journal_source(source: str, ref: Reference) -> Reference | None:
    """``Journal, 2012, 27(Suppl 2):S112-S120`` or ``Journal. 2012 Mar;27(3):112-20``."""
    year = None if ref.year is not None else _source_year(source)
    if year:
        journal, tail = source[: year.start()].strip(" .,;:("), source[year.end() :]
        parts = _JOURNAL_THEN_NUMBERS.match(journal) if not tail.strip(" .,;)") else None
        numbers = _VOLUME_ISSUE_PAGES.match(parts.group("tail")) if parts else None
        numbered = numbers is not None and bool(numbers.group("pages") or numbers.group("issue"))
        if parts and numbered and not _ENDS_MONTH.search(parts.group("journal")):
            # The year last: "Physical Review, 174(5):1559, 1968." (not "CNN, Oct. 6, 2023")
            journal, tail = parts.group("journal"), parts.group("tail")
    elif ref.year is not None:  # author-year: the year came before the title
        parts = _JOURNAL_THEN_NUMBERS.match(source)
        if parts is None:
            return None
        journal, tail = parts.group("journal"), parts.group("tail")
    else:
        return None
    tail = re.sub(r"^[a-z](?![a-z])", "", tail)  # 2010a
    tail = _DATE_TAIL.sub("", tail)
    m = _VOLUME_ISSUE_PAGES.match(tail)
    volume = issue = pages = None
    if year and (pages_only := re.match(rf"^\s*:\s*({_PAGE}(?:\s*-\s*{_PAGE})?)", tail)):
        pages = _pages(pages_only.group(1))  # GB/T "Journal, 2013: 6-8" (no volume)
    elif m:
        volume, pages = m.group("volume"), _pages(m.group("pages"))
        issue = m.group("issue") or m.group("supp")
        if volume and "-" in volume and not (pages or issue):
            volume, pages = None, _pages(volume)  # "Rodriguésia 1513-1527.": a page range
    if not journal or not (volume or issue or pages):
        return None
    return replace(
        ref,
        type="article",
        journal=collapse_spaces(journal),
        year=int(year.group(1)) if year else ref.year,
        volume=volume.replace(" ", "") if volume else None,
        issue=collapse_spaces(issue) if issue else None,
        pages=pages,
    )


def _ieee_source(source: str, ref: Reference) -> Reference | None:
    """``J. Hepatol., vol. 52, no. 3, pp. 345-356, 2010`` (IEEE and similar)."""
    volume = re.search(r"\bvol\.\s*([\w-]+)", source, re.I)
    if volume is None:
        return None
    number = re.search(r"\b(?:no|issue)\.\s*([\w -]+?)(?=[,.;]|$)", source, re.I)
    pages = re.search(rf"\b(?:[Pp]p?\.|pages)\s*({_PAGE}(?:\s*-\s*{_PAGE})?)", source)
    # The year is not in the volume, number or pages ("pp. 1930-1939, 1989").
    unnumbered = source
    for found in (volume, number, pages):
        if found is not None:
            unnumbered = unnumbered.replace(found.group(0), " ")
    year = _YEAR.search(unnumbered)
    return replace(
        ref,
        type="article",
        journal=source[: volume.start()].strip(" ,.;") or None,
        volume=volume.group(1),
        issue=number.group(1).strip() if number else None,
        pages=_pages(pages.group(1)) if pages else None,
        year=int(year.group(1)) if year else ref.year,
    )


def _book_source(source: str, ref: Reference) -> Reference:
    """``2nd ed. New York: McGraw-Hill; 2002. p. 93-113`` / ``北京: 出版社, 1998: 146-163``."""
    edition = _EDITION.search(source)
    if edition:
        ref = replace(ref, edition=edition.group("ed"))
        source = (source[: edition.start()] + source[edition.end() :]).strip(" .")
    imprint = _BOOK_IMPRINT.search(source)
    rest = ""
    if imprint:
        place = imprint.group("place").strip(" .")
        publisher = imprint.group("publisher").strip(" .")
        if _CITY_COUNTRY.match(publisher) and not _CITY_COUNTRY.match(place):
            place, publisher = publisher, place  # "Verso: London, UK, 1992"
        dated = ref.year or int(imprint.group("year"))
        ref = replace(ref, place=place, publisher=publisher, year=dated)
        rest = source[imprint.end() :]
    elif ref.year is None and (year := _YEAR.search(source)):
        publisher = source[: year.start()].strip(" .,;:") or None
        ref = replace(ref, year=int(year.group(1)), publisher=ref.publisher or publisher)
        rest = source[year.end() :]
    elif ref.year is not None:
        # Author-year: the pages of a chapter end the entry ("Press, St. Louis: 493-494").
        rest = m.group() if (m := re.search(rf":\s*{_PAGE}\s*-\s*{_PAGE}\s*\.?$", source)) else ""
    pages = re.search(rf"(?::|\b[Pp]p?\.|\bpages)\s*({_PAGE}(?:\s*-\s*{_PAGE})?)", rest)
    return replace(ref, pages=_pages(pages.group(1))) if pages else ref


def _chapter_source(container: str, ref: Reference) -> Reference:
    """``Editors, editors. Book title. Place: Publisher; Year. p. x-y`` (after In: or //)."""
    container = _IN_BOOK.sub("", re.sub(r"^\s*//\s*", "", container))
    editors: tuple[Author, ...] = ()
    m = _EDITORS.match(container)
    if m:
        editors, _ = parse_name_list(m.group("eds"))
        container = m.group("rest")
    elif (block := split_author_block(container)) is not None and block.authors:
        editors, container = block.authors, block.rest
    marker = _TYPE_MARK.search(container)
    if marker:
        booktitle, source = container[: marker.start()], container[marker.end() :].lstrip(". ")
    else:
        booktitle, source = _split_title(container)
    chapter = replace(ref, type="chapter", editors=editors, booktitle=_clean_title(booktitle))
    return _book_source(source, chapter)


_CHICAGO_JOURNAL = re.compile(
    rf"(?P<journal>[^\d()]+?),?\s+(?P<volume>\d+|[IVXLC]+)(?:(?:,\s*(?:no\.\s*)?|\.)(?P<issue>\d[\w/-]*))?"
    rf"\s*\((?:[A-Z][a-z]+\.?,?\s+)?(?P<year>(?:1[5-9]|20)\d\d)\)\s*[:,]\s*(?:pp?\.\s*)?"
    rf"(?P<pages>{_PAGE}(?:\s*-\s*{_PAGE})?)\s*\.?\s*$"
)


# SIAM and AMS: "Title, Math. Programming, 60 (1993), pp. 295-337." (the journal is what
# follows the title's last comma, before the volume and the year in brackets).
_SIAM = re.compile(
    rf"^(?P<title>.{{8,}}?),\s+(?P<source>[^,]{{2,80}},\s+(?:\d{{1,5}}|[IVXLC]+)\s+"
    rf"\((?:[A-Z][a-z]+\.?,?\s+)?(?:1[5-9]|20)\d\d\),\s+(?:pp?\.\s*)?{_PAGE}(?:\s*-\s*{_PAGE})?\.?)$"
)


def _chicago_source(source: str, ref: Reference) -> Reference | None:
    """``Journal 19, 4 (July 1988): 195-201`` and ``Operations Research 36, 3 (1988),
    454-469`` (Chicago, ACM), ``Journal 37 (1973): 1-34`` (MLA): volume, issue, the date in
    brackets, then the pages."""
    m = _CHICAGO_JOURNAL.match(source.strip())
    if m is None:
        return None
    return replace(
        ref,
        type="article",
        journal=collapse_spaces(m.group("journal").strip(" .,;:")),
        volume=m.group("volume"),
        issue=m.group("issue"),
        pages=_pages(m.group("pages")),
        year=ref.year or int(m.group("year")),
    )


def _parse_source(source: str, ref: Reference, code: str | None) -> Reference:
    """Fill in what follows the title, guided by the GB/T type code when there is one."""
    kind = TYPE_CODES.get(code.split("/")[0], "misc") if code else None
    if source.startswith("//") or _IN_BOOK.match(source):
        return _chapter_source(source, ref)
    if kind in (None, "article") and (found := _chicago_source(source, ref)):
        return found
    if kind in (None, "article") and (found := _ieee_source(source, ref)):
        return found
    if kind in (None, "article", "newspaper") and (found := _journal_source(source, ref)):
        return replace(found, type=kind or "article")
    year = _YEAR.search(source)
    year_value = int(year.group(1)) if year else ref.year
    if kind == "web":
        return replace(ref, type="web", year=year_value)
    if kind == "article":
        # A journal entry whose volume and pages were lost: keep journal and year.
        journal = source[: year.start()] if year else source
        return replace(ref, type="article", journal=journal.strip(" .,;:") or None, year=year_value)
    book = _book_source(source, ref)
    if kind:
        return replace(book, type=kind)
    return replace(book, type="book") if book.publisher and book.place else book


def _group_then_authors(text: str) -> AuthorBlock | None:
    """A group author followed by personal names: ``Chronic Kidney Disease Prognosis
    Consortium, Matsushita K, van der Velde M, et al.``; the group is one author."""
    m = re.match(r"^([^,.\[\]()]{6,120}?),\s+(?=\S)", text)
    if m is None or not re.search(r"\s", m.group(1)):
        return None
    block = split_author_block(text[m.end() :])
    if block is None or not block.authors:
        return None
    return AuthorBlock((Author(family=m.group(1).strip()), *block.authors), block.et_al, block.rest)


# Page furniture a PDF can leave inside an entry: a running footer with the article's own
# DOI ("PLOS ONE | DOI:10.1371/..."), a copyright line ("© 2014 by the authors"), link
# lines ("Publisher Full Text | PubMed Abstract | Google Scholar").
_FURNITURE = re.compile(
    r"\b[A-Z][A-Za-z .]{1,40}\s\|\s*DOI\s*:?\s*10\.\d{4,9}/\S+"
    r"|©\s*(?:1[5-9]|20)\d\d\b[^.;]{0,80}\.?"
    r"|\bPage \d{1,4} of \d{1,4}\b"
    r"|(?:Publisher Full Text|PubMed Abstract|PubMed Full Text|Google Scholar|CrossRef Full Text"
    r"|Full Text|Abstract)(?:\s*\|\s*(?:Publisher Full Text|PubMed Abstract|PubMed Full Text"
    r"|Google Scholar|CrossRef Full Text|Full Text|Abstract))+"
)
# arXiv identifiers are no volume, page or year: "arXiv:1207.7214", "[hep-ph/0401234]".
_ARXIV = re.compile(
    r"[,.]?\s*\[?\b(?:arXiv\s*:\s*)?(?:\d{4}\.\d{4,5}|(?<=arXiv:)[a-z-]+(?:\.[A-Z]{2})?/\d{7}"
    r"|(?:hep|astro|gr|nucl|quant|cond|math)[a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"
    r"(?:\s*\[[a-z-]+(?:\.[A-Z]{2})?\])?\]?",
    re.I,
)
_ARXIV_HINT = re.compile(r"(?i:arxiv)|\d{4}\.\d{4}|ph/\d|[a-z]/\d{7}")
# Physics and Nature journals: "Phys. Rev. D 94, 025020 (2016)", "JHEP 03, 077 (2014)",
# "Int J Med Microbiol. 305(1), 85-95 (2015)", "Phys. Lett.
# B716 (2012) 1-29", "Phys. Rev. Lett. 113 (2014), no. 17 171801".
# A journal's name: "Phys. Rev. D", "Hepato-gastroenterology", "Zh. Éksp. Teor. Fiz.", and
# PubMed's "European journal of cancer (Oxford, England: 1990)".
_PHYS_JOURNAL = (
    r"(?P<journal>[A-ZÀ-Ý][A-Za-zÀ-ÿ.&' ]{1,60}?(?:-[A-Za-z][A-Za-z.&' ]{1,40}?)?"
    r"(?:\s[A-Z](?=\s)|\s\([A-Z][^()]{2,40}\))?)"
)
# The volume after a space; glued to the name as old APS lists print it ("Astrophys. J.375",
# "JETP Lett.30", "Classical Quantum Gravity29"); or glued to a series letter ("B716",
# "A76"; see _physics_volume) or to an acronym ("JHEP08": month or volume, left unread).
_PHYS_VOLUME = (
    r"(?:\s(?P<volume>\d{1,5}[A-Z]?(?:\s*-\s*\d{1,5})?)|(?<=[a-z.])(?P<glued>\d{1,5})(?=[\s,(])"
    r"|(?P<series>[A-Z]{1,6})(?P<numbered>\d{1,5}))"
)
_PHYS_PAGE = r"(?P<pages>[A-Za-z]?\d{1,7}(?:\s*-\s*[A-Za-z]?\d{1,7})?)"
_PHYS_YEAR = r"\(\s*(?:[A-Z][a-z]{2,8}\.?\s+)?(?P<year>(?:1[5-9]|20)\d\d)\s*\)"
_PHYSICS = (
    re.compile(
        rf"{_PHYS_JOURNAL}{_PHYS_VOLUME}(?:\s?\((?P<issue>[\w\s-]{{1,12}})\))?\s*,\s*"
        rf"{_PHYS_PAGE}\s*{_PHYS_YEAR}"
    ),
    re.compile(
        rf"{_PHYS_JOURNAL}{_PHYS_VOLUME}\s*{_PHYS_YEAR}\s*,?\s*(?:no\.\s*\d+\s*,?\s*)?{_PHYS_PAGE}\b"
    ),
    # Nature style without pages: "Front. Microbiol. 8(626), (2017)", "Journal. 15, (2012)".
    re.compile(
        rf"{_PHYS_JOURNAL}{_PHYS_VOLUME}(?:\s?\((?P<issue>[\w\s-]{{1,12}})\))?\s*,\s*{_PHYS_YEAR}"
    ),
)
# IOP after an author-year date: "Phys. Rep. 370 333" (no title).
_IOP = re.compile(rf"^{_PHYS_JOURNAL}\s(?P<volume>\d{{1,5}})\s+{_PHYS_PAGE}\s*\.?$")


# IOP with titles, unpunctuated after the date: "Chronic kidney disease Lancet 379 165",
# "... in the United States Am J Kidney Dis 59 e1".
_IOP_TAIL = re.compile(
    r"^(?P<head>.*(?:[^\W\d_]|\([^\W\d_][\w ]{0,8}\))\.?)(?:\s+|(?<=[a-z]))(?P<volume>\d{1,5})\s+"
    r"(?P<pages>[A-Za-z]?\d{1,7}(?:\s*-\s*[A-Za-z]?\d{1,7})?)(?:[\s.,;:]|\b(?:PubMed|PMID):?)*$"
)
# The journal closing such a head: its run of capitalised words ("Lancet", "N Engl J Med").
# A place in brackets may close it: "J Public Health (Oxf).", "Chance (N Y).".
_CAPITALISED_RUN = re.compile(
    r"(?:\s|^)((?:[A-Z][\w.&'-]*\s+)*[A-Z][\w.&'-]*(?:\s\([A-Z][\w ]{0,8}\)\.?)?)$"
)


def _iop_titled(m: re.Match[str], draft: Reference) -> Reference:
    head = m.group("head")
    run = _CAPITALISED_RUN.search(head)
    journal = run.group(1) if run else None
    title = head[: run.start(1)].strip() if run else head
    return replace(
        draft,
        type="article",
        title=_clean_title(title) if title else None,
        journal=journal,
        volume=m.group("volume"),
        pages=_pages(m.group("pages")),
    )


def _physics_source(text: str) -> re.Match[str] | None:
    found = None
    for pattern in _PHYSICS:
        for m in pattern.finditer(text):
            if _PAGES_AFTER.match(text, m.end()):
                break  # "Journal 19, 4 (July 1988): 195-201": an issue, then the pages
            if found is None or m.start() < found.start():
                found = m
            break
    return found


_PAGES_AFTER = re.compile(rf"\s*[:,]\s*(?:pp?\.\s*)?{_PAGE}\s*-\s*{_PAGE}")


def _physics_volume(m: re.Match[str]) -> tuple[str, str | None]:
    """A physics source's journal and volume. A series letter glued to the volume belongs
    to the journal where the letter names a journal of its own ("Phys. Rev. A76": Physical
    Review A, volume 76), to the volume elsewhere, as printed ("Nucl. Phys. B241", like
    "Phys. Lett. 98B"); an acronym's number ("JHEP08") is left unread: its month or its
    volume."""
    journal = collapse_spaces(m.group("journal")).strip(" ,")
    series, number = m.group("series"), m.group("numbered")
    if series is None:
        return journal, m.group("volume") or m.group("glued")
    if m.string[m.start("series") - 1].isupper():
        # inside a token: a conference's "ICHEP2016", "LAT2005" (the journal's name is the
        # token's letters)
        token = re.search(r"[A-Z]+$", m.string[: m.start("numbered")])
        return (token.group() if token else journal), None
    if len(series) > 1:
        return journal, None  # "JHEP08": its month or its volume
    if re.search(r"\bRev\.?$", journal):
        return f"{journal} {series}", number
    return journal, series + number


def _physics_fields(m: re.Match[str], text: str, ref: Reference) -> Reference:
    """Fields of a physics entry: the title (if any) is what precedes the journal."""
    title = text[: m.start()].strip(" ,.;")
    journal, volume = _physics_volume(m)
    return replace(
        ref,
        type="article",
        title=_clean_title(title) if title else None,
        journal=journal,
        volume=volume,
        pages=_pages(m.group("pages")) if "pages" in m.groupdict() else None,
        issue=m.groupdict().get("issue"),
        year=int(m.group("year")) if "year" in m.groupdict() else ref.year,
    )


# Where and when a web page was read: no field of the work ("Disponível em: <...>. Acesso
# em: 08 mai. 2020.", "Available at: ... Last access: Jan. 14, 2024.", "[accessed 16 January
# 2012]", "(Archived by WebCite® at ...)").
_ACCESS = (
    re.compile(
        # ("IEEE Access, 9:1065-1069, 2021" and "Open Access" are journals: a bare "access"
        # needs "Last", "on" or a colon)
        r"[.,]?\s*[\[(]?\b(?:Acesso em|Acessado em|Accedido el|Consultado (?:el|em|en)|Acceso\b"
        r"|(?:Last |Date )access(?:ed)?(?: on)?|accessed(?: on)?|access(?: on\b|(?=\s*:))"
        r"|viewed|Retrieved(?: on)?|Zugriff am|consulté le)"
        r"\s*:?\s*[^\])]{0,40}?(?:1[5-9]|20)\d\d(?:-\d\d-\d\d)?[\])]?\.?",
        re.I,
    ),
    # NLM's "[cited 2012 Sep 4]"; Oxford's "4 September 2012, date last accessed".
    re.compile(r"[.,]?\s*\[(?:cited|citado|accessed)\s*:?\s*[^\]]{0,30}\]\.?", re.I),
    re.compile(
        r"[.,]?\s*\(?(?:\d{1,2}\s+[^\W\d_]+\.?|[^\W\d_]+\.?\s+\d{1,2},?)\s+(?:1[5-9]|20)\d\d\)?"
        r",?\s*\(?(?:date\s+)?(?:last\s+)?accessed\)?\.?",
        re.I,
    ),
    re.compile(r"\(\s*Archived by WebCite[^)]*\)", re.I),
    re.compile(r"[.,]?\s*<?\s*https?://[^\s>]+(?:\s[^\s>]*\.(?:html?|pdf|php|aspx?)\S*)?>?"),
    re.compile(
        r"[.,]?\s*(?:Dispon[ií]vel em|Disponible en|Available(?: at| from| in| online)?|Online"
        r"|Verfügbar unter)\s*:?\s*<?\s*(?=$|[.<]|Dispon|Available)",
        re.I,
    ),
)
# A book's page count ("97 p.", "625p.", "57pp."), a series in brackets ("(Boletim
# Técnico, 6)"): never volume or pages.
_PAGE_COUNT = re.compile(r"(?<![\w.:-])\d{1,5}\s?pp?\.?(?=[\s.,;]|$)(?!\s*\d)")
_SERIES = re.compile(r"\(\s*[A-ZÀ-Ý][^()\d]{2,60},\s*(?:n\.?\s*)?\d{1,4}\s*\)")
# ABNT and IEEE labels: "v. 7, n. 2, p. 35-50", "v 2", "vol. 39, no. 7, pp. 1930-1939".
# (GOST: "Т. 5, № 3. С. 10-20".)
_V_LABEL = re.compile(
    r"(?<![\w.])(?:v|vol|Vol|V|Bd|t|Т|Jg|Jhg|Jahrg)\.?\s?(\d{1,5}[A-Za-z]?)\b(?!\s*p\.)"
)
# ... and IOP's unpunctuated "Book Title p 95 (Dordrecht: Springer)", "pp 45-67 (", and
# PLOS's chapter pages last "Press; 2004. pp 1037-1070."
_P_LABEL = re.compile(
    rf"(?<![\w.])(?:(?:p|pp|P|S|С|с)\s?\.\s?|pp?\s(?={_PAGE}(?:\s*-\s*{_PAGE})?\s*(?:\(|\.?$)))"
    rf"({_PAGE})(?:\s*-\s*({_PAGE}))?(?![\w])"
)
_N_LABEL = re.compile(r"(?<![\w.])(?:(?:n|no|No|nr|Nr|n[º°]|№|Heft)\.?|H\.)\s?\d")


_ACCESS_WORDS = re.compile(
    r"acess|acces|viewed|retriev|consult|zugriff|archived|https?:|dispon|available|online|cited"
    r"|verfügbar",
    re.I,
)


def _strip_access(text: str) -> str:
    if _ACCESS_WORDS.search(text) is None:
        return text
    for pattern in _ACCESS:
        text = pattern.sub("", text)
    return text.strip()


def _labelled_numbers(source: str, ref: Reference) -> Reference:
    """Volume and pages printed with their labels win over guesses from position; an entry
    that labels its numbers but prints no volume has none."""
    volume = _V_LABEL.search(source)
    pages = _P_LABEL.search(source)
    if volume is None and pages is None and not _N_LABEL.search(source):
        return ref
    if volume is None:  # "Journal, 27, p. 943-966": the bare number before the labels
        volume = re.search(
            r",\s*(?!(?:1[5-9]|20)\d\d\b)(\d{1,4}[A-Za-z]?)\s*,\s*(?=(?:n|p|pp)\.\s?\d)", source
        )
    issue = r"\s?\(\s*[\w-]{1,8}\s*\)"
    if volume is None and ref.volume and re.search(rf"\b{re.escape(ref.volume)}{issue}", source):
        volume = re.search(rf"\b({re.escape(ref.volume)}){issue}", source)  # "12(3), S. 45-67"
    start = pages.group(1) if pages else None
    span = f"{start}-{pages.group(2)}" if pages and pages.group(2) else start
    year = ref.year
    if year is not None and not re.search(rf"(?<![\d-]){year}(?!\d)", source + " " + ref.raw):
        year = None
    if ref.year is not None and pages is not None and str(ref.year) in (pages.group(0)):
        rest = source.replace(pages.group(0), " ")
        later = _YEAR.search(rest)
        year = int(later.group(1)) if later else None
    journal = ref.journal
    if journal:
        journal = re.sub(r"[,.]?\s*(?:v|vol|n|no|p|pp|Jg|Jahrg)\.?$", "", journal).strip() or None
    elif volume is not None and ref.title and not ref.booktitle:
        # ABNT "Título. Revista Brasileira, v. 12, n. 3, p. 45-67, 2001.": the words before
        # the volume's label are the journal (a book's place and publisher have a colon).
        before = source[: volume.start()].strip(" ,.;")
        if 2 < len(before) <= 150 and ":" not in before and not _YEAR.search(before):
            journal = before
    return replace(
        ref,
        journal=journal,
        volume=volume.group(1) if volume else None,
        pages=span if pages else ref.pages,
        year=year if year is not None else ref.year,
    )


# The date after an author list: "(2004a)", "2008.", "2002 Phys. Rep.", "2009 [viewed 29
# April 2021].", "(Planck Collaboration) 2013", "(2011, March 3)".
_LEADING_YEAR = re.compile(
    r"^(?:\([^()\d]{2,60}\)\s*)?"
    r"(?:\(\s*(?P<y>(?:1[5-9]|20)\d\d)(?P<s>[a-z]?)(?:\s*[,/][^()]{0,30}|\s+[a-z]{3,12})?\s*\)"
    r"|(?P<y2>(?:1[5-9]|20)\d\d)(?P<s2>[a-z]?)(?=[\s.,:;\[]|$))"
    r"[.,:]?\s*(?:\[[^\]]{0,60}\]\s*[.,]?\s*)?"
)

# Astronomy (MNRAS, A&A, ApJ, AJ): no title, the journal's abbreviation, volume and page
# after the year: "Springel V., 2005, MNRAS, 364, 1105", "Planck Collaboration et al.,
# 2016, A&A, 594, A13", "Smith, J. 2004, ApJ, 600, 100".
_ASTRONOMY = re.compile(
    rf"^(?P<journal>[A-Z][A-Za-z&.\s]{{0,40}}?),\s*(?P<volume>\d{{1,5}}[A-Z]?),\s*"
    rf"(?P<pages>{_PAGE}(?:\s*-\s*{_PAGE})?)\s*[.,;]?\s*$"
)


# RSC (chemistry): names, then journal, year, volume and page, no title: "J. Smith and K.
# Jones, J. Am. Chem. Soc., 2004, 126, 100."
_RSC = re.compile(
    rf"^(?P<journal>[A-Z][A-Za-z&.\s]{{0,60}}?),\s*(?P<year>(?:1[5-9]|20)\d\d),\s*"
    rf"(?P<volume>\d{{1,5}}[A-Z]?),\s*(?P<pages>{_PAGE}(?:\s*-\s*{_PAGE})?)\s*[.,;]?\s*$"
)


def _lead_comma(text: str) -> int:
    """Where a leading year starts after the comma that ends an author list (``, 2003,``)."""
    m = re.match(r"\s*,\s*(?=(?:1[5-9]|20)\d\d)", text)
    return m.end() if m else 0


# ABNT entries without an author open with the title's first word (or words) in capitals,
# the rest of the title in ordinary case ("AEA manifestó su ...", "A HORAS de aprobarse",
# "LOS MINISTROS Nicolás ...", "MACRI: “Ajustar ...", "RELATÓRIO... Relatório do ...");
# a corporate author is in capitals up to its full stop or dash ("WORLD BANK.", "BLS – US").
_TITLE_FIRST = re.compile(
    # (a one-letter first word is an article or a conjunction, "A", "O", "E", "Y", "À": not
    # the "R" of "R Core Team (2020)")
    rf"^(?:{_CAPS_WORD}|[AEIOUYÀÁÉÍÓÚ])(?:\s{_CAPS_WORD})*"
    rf"(?:\.\.\.|…|:\s*[\"“]|\s(?=[{_UPPER}]?[a-zà-ÿ]))"
)
_SOURCE_DATE = re.compile(
    r"^([^\W\d][^,.:;()\d]{1,40}?)(?:,\s*[^,.\d]{1,30})?,?\s+\d{1,2}/\d{1,2}/\d{2,4}\b"
)
# A corporate author printed with its abbreviation: "ILO – International Labour Organization."
_ABBREVIATED_BODY = re.compile(
    r"^([A-Z][A-Za-z&]{1,11}\s+-\s+[^.()]{3,100}?)"
    r"(?:\.\s|\s*(?=\(\s*(?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.?|s\.\s?d\.?)\s*\))"
    # ... or its bare year (IOP, ecology): "NBS - National Bureau of Statistics 2013. Title"
    # (a name without the commas, colons and semicolons of a title and its imprint)
    r"|(?<![,;:])\s+(?=(?:1[5-9]|20)\d\d[a-z]?(?:[.,:]|\s)))"
)
_CONNECTORS = frozenset(
    "of and for the a an de da do dos das des du la le el los las van von der den in on at to y"
    " e et und für".split()
)


def _sentence_case(heading: str) -> bool:
    """A heading in sentence case is a title (an APA entry without author), one in title
    case a group ("Guidelines for the management of asthma" / "National Institute of
    Health")."""
    words = re.findall(r"[^\W\d_][\w'’-]*", heading)
    return len(words) >= 3 and any(w[0].islower() and w.lower() not in _CONNECTORS for w in words)


# A group or corporate author before its date: "Centre X (2014)", "San Francisco Estuary
# Invasive Spartina Project. (2012)", "Anonymous (no date)".
# A one-name author (a word, or up to four capitalised words) and its date, unbracketed.
# Springer physics, an organisation's acronym, a comma, then the title: "WHO, Outbreaks of
# Rift Valley fever in Kenya, ... (2007)" (three words or more before the title's end).
_ACRONYM_THEN_TITLE = re.compile(r"^([A-Z]{2,8}),\s+(?=[A-Z][\w'’-]*(?:\s+[^\s.]+){2})")
_BARE_DATED_NAME = re.compile(
    r"^([A-Z][\w&'’-]+(?:\s+(?:(?:of|for|and|&|the|on)\s+)*[A-Z][\w&'’-]+){0,5})\s+"
    r"(?=(?:(?:1[5-9]|20)\d\d[a-z]?|no date|n\.\s?d\.)(?:[.,:]|\s))"
)
_GROUP_ET_AL = re.compile(
    r"^([A-Z][\w&'’-]+(?:\s+(?:of\s+)?[A-Z][\w&'’-]+){0,4})\s+et\s+al\.?,?\s+"
    r"(?=(?:1[5-9]|20)\d\d)"
)
_DATED_AUTHOR = re.compile(
    r"^([^.()\[\]]{2,120}?)\.?\s*"
    r"(?=\(\s*(?:(?:1[5-9]|20)\d\d[a-z]?|n\.\s?d\.?|s\.\s?d\.?|no date)\s*\))"
)
# Pages that end an entry after a comma or colon: "(Amsterdam: Academic Press), 65-104."
_END_PAGES = re.compile(r"(?:\)\s*,|[:,])\s*(\d{1,5})\s*-\s*(\d{1,5})\s*\.?$")
# The year that ends an entry: "Department of International Development: Aylesford, UK, 1999."
# ... or in parentheses after a title without pages (EPJC books): "Title [1963] (2008)."
_LAST_YEAR = re.compile(
    r"(?:[,:]\s*|\s\()((?:1[5-9]|20)\d\d)[a-z]?(?:(?<=\(\d{4})\)|(?<=\(\d{4}[a-z])\))?\s*\.?$"
)
# An article number printed as such: "Article ID 942916", "Article number 123", "Art. no. e12".
_ARTICLE_NUMBER = re.compile(
    r"\b(?:Article\s+(?:ID|No\.?|number)|Art\.\s*(?:ID|No\.?))\s*:?\s*([A-Za-z]?\d+)\b", re.I
)
# IOP's unpunctuated page label where no full stop ends the title before it: "... Genome
# p 95 (London: Springer)", "... Proceedings of the 11th meeting pp 45-67".
_IOP_PAGES = re.compile(
    rf"(?<=\w)\s(?:p|pp)\s({_PAGE})(?:\s*-\s*({_PAGE}))?(?=\s*\([^()]*:[^()]*\)\.?$|\.?$)"
)
_UNDATED = re.compile(r"^\(\s*(?:n\.\s?d|s\.\s?d|no date|sin fecha|o\.\s?J)\.?\s*\)[.,]?\s*", re.I)

# No real entry is longer; a longer one is several entries run together (a list whose
# labels were lost), and only its start is read for fields, so it can never be slow.
MAX_ENTRY_CHARS = 4000


def parse_entry(
    raw: str, n: int, *, number_printed: bool = True, line: int = 0, learned: bool = True
) -> Reference:
    """One reference entry (without its label) into a ``Reference``: read by the rules, then,
    when ``learned`` and the rules show a red flag, completed by the trained tagger where it
    is sure (``fields.complete``)."""
    ref = _parse_rules(raw, n, number_printed=number_printed, line=line)
    if not learned or not red_flags(ref):
        return ref
    return complete(ref, normalize_entry(raw[:MAX_ENTRY_CHARS]))


def _parse_rules(raw: str, n: int, *, number_printed: bool, line: int) -> Reference:
    text = whole = normalize_entry(raw[:MAX_ENTRY_CHARS])
    if "|" in text or "©" in text or "Page " in text:
        text = _FURNITURE.sub(" ", text).strip()
    doi, text = _take_doi(text)
    url, text = _take_url(text)
    pmid, text = _take_pmid(text)
    pmid = pmid or (printed_pmid(url) if url else None)
    if "..." in text:
        text = re.sub(r",\s*\.\.\.\s*(?=[A-Z])", ", ", text)  # APA 7: "Chen, Q., … Zhou"
    if _ARXIV_HINT.search(text):
        text = _ARXIV.sub("", text)
    # a bioRxiv or medRxiv id opens with its date: its year, and no volume
    text = re.sub(r"(?<![\d.])((?:19|20)\d\d)\.\d\d\.\d\d\.\d{5,}\b", r"\1", text)
    text = _strip_noise(_strip_access(text))
    authors: tuple[Author, ...] = ()
    et_al = False
    title_first = _TITLE_FIRST.match(whole) is not None
    block = None if title_first else split_author_block(text)
    if title_first:
        pass  # ABNT: an entry without author opens with its title's first word in capitals
    elif block is not None:
        authors, et_al, text = block.authors, block.et_al, block.rest
    elif body := _ABBREVIATED_BODY.match(text):
        authors = (Author(family=body.group(1).strip()),)
        text = text[body.end() :]
    elif news := _SOURCE_DATE.match(text):
        # A newspaper item cited by its paper and date: "Clarín, 15/5/18 ...".
        authors = (Author(family=news.group(1).strip()),)
    elif (dated := _DATED_AUTHOR.match(text)) and _sentence_case(dated.group(1)):
        # APA without author: the title, then the date ("Guidelines for the management of
        # asthma. (2019). Retrieved ..."); the title is moved after the date.
        text = text[dated.end() :]
        lead_title = dated.group(1).strip(" ,.")
        dated_lead = _LEADING_YEAR.match(text)
        if dated_lead:
            text = text[: dated_lead.end()] + lead_title + ". " + text[dated_lead.end() :]
    elif dated:
        # A group or corporate author before an author-year date: "Centre X (2014) ...".
        group = dated.group(1).strip(" ,")
        head, _, titled = group.partition(", ")
        if titled and corporate_heading(head):
            # Springer physics: "National Center for ..., GenBank Overview (2008)."
            authors = (Author(family=head),)
            text = text[len(head) :].lstrip(" ,")
        else:
            authors = (Author(family=group),)
            text = text[dated.end() :]
    elif (group := _group_then_authors(text)) is not None:
        authors, et_al, text = group.authors, group.et_al, group.rest
    elif acronym := _ACRONYM_THEN_TITLE.match(text):
        authors = (Author(family=acronym.group(1)),)
        text = text[acronym.end() :]
    elif group_et_al := _GROUP_ET_AL.match(text):
        # "Planck Collaboration et al., 2016, A&A, 594, A13"
        authors, et_al = (Author(family=group_et_al.group(1)),), True
        text = text[group_et_al.end() :]
    elif bare := _BARE_DATED_NAME.match(text):
        # One name and its bare date: "Anonymous 2011 Title", "UNESCO 2015. Title".
        authors = (Author(family=bare.group(1)),)
        text = text[bare.end(1) :].lstrip()
    else:
        # (an initialism may open it: "U.S. General Accounting Office.")
        corporate = re.match(r"^((?:(?:[A-Z]\.){2,}\s)?[^.\[\]]{2,120}?)\.\s+(?=\S)", text)
        if (
            corporate
            and not _YEAR.search(corporate.group(1))
            and (
                text.count(". ") >= 2
                or (
                    corporate_heading(corporate.group(1))
                    and len(re.findall(r"[^\W\d_]{3,}", text[corporate.end() :])) >= 2
                )
            )
        ):
            authors = (Author(family=corporate.group(1).strip()),)
            text = text[corporate.end() :]
        elif (
            dated_group := re.match(r"^([^.;\[\]]{2,120}?);\s*(?=(?:1[5-9]|20)\d\d\b)", text)
        ) and corporate_heading(dated_group.group(1)):
            # Vancouver, an organisation and its date: "Instituto Nacional ... - INAM; 2010."
            authors = (Author(family=dated_group.group(1).strip()),)
            text = text[dated_group.end() :]
    year: int | None = None
    year_suffix: str | None = None
    # "Kauffmann G., et al., 2003, MNRAS, 341, 33": the year after the names' comma
    after_names = _lead_comma(text)
    lead = _LEADING_YEAR.match(text[after_names:])
    if lead:
        text = text[after_names:]
        year = int(lead.group("y") or lead.group("y2"))
        year_suffix = lead.group("s") or lead.group("s2") or None
        text = text[lead.end() :]
    elif undated := re.match(
        r"^(?:\(\s*(?:n\.\s?d|s\.\s?d|no date|sin fecha|in press|o\.\s?J)\.?\s*\)[.,]?\s*"
        r"|(?:n\.\s?d\.|s\.\s?d\.|no date)[.,]?\s+)",
        text,
        re.I,
    ):
        text = text[undated.end() :]
    marker = _TYPE_MARK.search(text)
    code: str | None = None
    quoted = re.match(r"^[\"“«]\s*(?P<title>.+?)[,.]?\s*[\"”»]\s*[,.]?\s*(?P<rest>.*)$", text)
    if quoted and not marker:
        title, source = quoted.group("title"), quoted.group("rest")
    elif marker:
        code = marker.group("code")
        title, source = text[: marker.start()], text[marker.end() :].strip()
        source = source if source.startswith("//") else source.lstrip(". ")
    elif " // " in text[:400] and not re.match(r"\s*In\s*:", text):
        # GOST: "Title // Journal. 2010. Т. 5, № 3. С. 10-20." (the container after //)
        title, source = (part.strip() for part in text.split(" // ", 1))
    elif book := _SEMICOLON_BOOK.match(text):
        # MDPI and ACS books: "Title; Publisher: City, Country, 2008; pp. 56–59."
        title, source = book.group("title"), book.group("source")
    elif siam := _SIAM.match(text):
        title, source = siam.group("title"), siam.group("source")
    else:
        title, source = _split_title(text)
    draft = Reference(
        n=n,
        raw=collapse_spaces(raw),
        authors=authors,
        et_al=et_al,
        title=_clean_title(title),
        year=year,
        doi=doi,
        url=url,
        number_printed=number_printed,
        line=line,
        pmid=pmid,
    )
    source = _PAGE_COUNT.sub("", _SERIES.sub("", source))
    # No title, only a journal, volume and page: astronomy's after the year, RSC's with it.
    untitled = _ASTRONOMY.match(text) if lead and not marker else None
    if untitled is None and not lead and not marker and (rsc := _RSC.match(text)):
        untitled, draft = rsc, replace(draft, year=int(rsc.group("year")))
    physics = _physics_source(text) if not marker and untitled is None else None
    iop = _IOP.match(text) if lead and physics is None and untitled is None else None
    if untitled is not None:
        ref = replace(
            draft,
            type="article",
            title=None,
            journal=collapse_spaces(untitled.group("journal")),
            volume=untitled.group("volume"),
            pages=_pages(untitled.group("pages")),
        )
    elif physics is not None:
        ref = _physics_fields(physics, text, draft)
    elif iop is not None:
        journal = collapse_spaces(iop.group("journal"))
        titled = re.search(r"\b[a-z]{3,}\b(?!\.)", journal) and _IOP_TAIL.match(text)
        ref = (
            _iop_titled(titled, draft)
            if titled
            else replace(
                draft,
                type="article",
                title=None,
                journal=journal,
                volume=iop.group("volume"),
                pages=_pages(iop.group("pages")),
            )
        )
    else:
        ref = _parse_source(source, draft, code)
        tail = _IOP_TAIL.match(text) if lead and ref.pages is None else None
        if tail is not None and ref.volume in (None, tail.group("volume")):
            ref = _iop_titled(tail, draft)
    if physics is None and iop is None:
        ref = _labelled_numbers(source, ref)
    if ref.pages is None and ref.volume is None and (label := _IOP_PAGES.search(text)):
        start, end = label.group(1), label.group(2)
        ref = replace(ref, pages=f"{start}-{end}" if end else start)
    if ref.pages is None and (number := _ARTICLE_NUMBER.search(text)):
        ref = replace(ref, pages=number.group(1))
    span = _END_PAGES.search(text) if ref.pages is None else None
    if span and not (_YEAR.fullmatch(span.group(1)) and _YEAR.fullmatch(span.group(2))):
        ref = replace(ref, pages=f"{span.group(1)}-{span.group(2)}")
    if ref.year is None and (last := _LAST_YEAR.search(text)):
        ref = replace(ref, year=int(last.group(1)))  # "...; Publisher: City, UK, 1999."
        if ref.title and (cut := _LAST_YEAR.search(ref.title)) and cut.group().startswith(" ("):
            ref = replace(ref, title=ref.title[: cut.start()].rstrip(" .,") or None)
    if ref.year is None and (found := _YEAR.search(source)):
        ref = replace(ref, year=int(found.group(1)))
    if (
        ref.year is None
        and ref.title
        and (only := re.fullmatch(r"\(?((?:1[5-9]|20)\d\d)[a-z]?\)?", ref.title))
    ):
        ref = replace(ref, year=int(only.group(1)), title=None)  # "Cisse B. 2008."
    if not ref.authors and (named := _NAME_COMMA_YEAR.match(whole)):
        # "IDEA, 2015 falta referencia": a name or acronym, a comma, the year.
        ref = replace(ref, authors=(Author(family=named.group(1)),))
    return _dating(ref, year_suffix, whole)


# A one-word name or a name in capitals, then its year: "IDEA, 2015 ...", "THE GUARDIAN, 2015."
_NAME_COMMA_YEAR = re.compile(
    r"^([A-ZÀ-Ý][\w&.'’-]{1,30}|[A-ZÀ-Ý&.'’-]{2,}(?:\s+[A-ZÀ-Ý&.'’-]{2,}){1,3}),"
    r"\s*(?:1[5-9]|20)\d\d\b"
)


def _dating(ref: Reference, suffix: str | None, raw: str) -> Reference:
    """The year's letter (``2011a``), the original year (``[1975]``, ``2011/1979``) and a
    corporate author's short name (``NBS – National ...``, ``... (EMBRAPA)``); ``raw`` is
    the normalised entry."""
    bracketed = re.search(r"\[\s*((?:1[5-9]|20)\d\d)(?:\s*-\s*\d{2,4})?\s*\]", raw)
    if bracketed and ref.year == int(bracketed.group(1)):
        # "Problemas da poética [1963] (2008)": the bracketed year is the original's; the
        # edition's is the one printed outside brackets
        outside = _YEAR.findall(raw[: bracketed.start()] + " " + raw[bracketed.end() :])
        if outside:
            ref = replace(ref, year=int(outside[-1]))
    if ref.year is not None and suffix is None:
        found = re.search(rf"(?<![\d.]){ref.year}([a-z])(?![a-z])", raw)
        suffix = found.group(1) if found else None
    original = None
    if ref.year is not None:
        # The edition pair "2011/1979" names the original edition; failing that, a year
        # in brackets ("[1975]", "[1954-1961]": its first year).
        printed = re.search(rf"{ref.year}\s*/\s*((?:1[5-9]|20)\d\d)", raw) or re.search(
            r"\[\s*((?:1[5-9]|20)\d\d)(?:\s*-\s*\d{2,4})?\s*\]", raw
        )
        if printed:
            value = int(printed.group(1))
            original = value if value != ref.year else None
    short = None
    first = ref.first_author
    if first is not None and not first.given:
        abbreviation = re.match(r"^([A-Z][A-Za-z&]{1,11})\s+-\s+\S", first.family) or re.search(
            r"\(([A-Z][A-Za-z&]{1,11})\)\s*$", first.family
        )
        short = abbreviation.group(1) if abbreviation else None
    if (suffix, original, short) == (None, None, None):
        return ref
    return replace(ref, year_suffix=suffix, original_year=original, short_name=short)


def find_headless_list(lines: list[str]) -> int | None:
    """Index of the first entry of a reference list printed without a heading (APS
    physics PDFs): the last run of entries numbered from 1 in order, at least three, most
    of them dated, that goes on to the end of the text (unnumbered lines may follow each
    entry, but no numbered line breaks the sequence)."""
    numbered = [
        (i, number)
        for i, line in enumerate(lines)
        if (number := _label(line)[0]) is not None
        and re.match(r"^\s*(?:\[\s*\d+\s*\]|\d+\.\s)", line)
    ]
    for k in range(len(numbered) - 1, -1, -1):
        i, number = numbered[k]
        if number != 1:
            continue
        run = numbered[k:]
        if len(run) < 3 or any(n != j + 1 for j, (_, n) in enumerate(run)):
            continue
        # An entry is its label line and the lines up to the next label.
        bounds = [at for at, _ in run] + [len(lines)]
        dated = sum(
            bool(_YEAR.search(" ".join(lines[a : min(b, a + 4)]))) for a, b in pairwise(bounds)
        )
        if dated >= 0.6 * len(run):
            return i
    return _unnumbered_tail(lines)


def _unnumbered_tail(lines: list[str]) -> int | None:
    """An unnumbered list without heading at the end of the text: the last run of at least
    five lines that each open with a name list and read as a whole dated entry (a body
    paragraph neither opens with names nor ends like an entry)."""
    start = None
    count = 0
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i].strip()
        if not line:
            continue
        norm = normalize_entry(line)
        if _entry_like(line) and (opens_with_author(norm) or _CAPS_SURNAME.match(norm)):
            start, count = i, count + 1
            continue
        break
    return start if count >= 5 else None


def _without_shared_dois(refs: list[Reference]) -> list[Reference]:
    """A DOI printed in three entries or more is the article's own, from a running footer
    (``PLOS ONE | DOI:10.1371/...``) absorbed into entries: no entry's DOI."""
    counts: dict[str, int] = {}
    for ref in refs:
        if ref.doi:
            counts[ref.doi.lower()] = counts.get(ref.doi.lower(), 0) + 1
    shared = {doi for doi, count in counts.items() if count >= 3}
    if not shared:
        return refs
    return [replace(r, doi=None) if r.doi and r.doi.lower() in shared else r for r in refs]


@dataclass(frozen=True)
class ReferenceList:
    # 1-based line of the heading (of the first entry when the list has no heading).
    heading_line: int
    references: tuple[Reference, ...]
    warnings: tuple[str, ...]


def parse_reference_list(lines: list[str]) -> ReferenceList:
    """Find and parse the reference list in an article's lines (0-based list, 1-based
    line numbers in the result). Raises ``NoReferencesError`` when there is none."""
    heading = find_reference_section(lines)
    headless = None
    if heading is None:
        start = headless = find_headless_list(lines)
        if start is None:
            raise NoReferencesError(
                "no reference list found; the entries need a heading line such as "
                "'References' or '参考文献' above them, or numbers ([1], 1.) before them"
            )
        heading = start - 1  # no heading line: the list starts at its first entry
    pending, warnings = split_entries(lines[heading + 1 :], first_line=heading + 2)
    if not pending:
        raise NoReferencesError(
            f"the reference heading on line {heading + 1} has no entries below it; "
            "put the reference list under it"
        )
    # The rules read every entry; those whose reading shows a red flag go to the tagger
    # together (``fields.complete_many``: one batch for the article).
    texts = [_DITTO.sub("", entry.text, count=1) for entry in pending]
    read = complete_many([
        (_parse_rules(text, entry.number or 0, number_printed=entry.printed, line=entry.line),
         normalize_entry(text[:MAX_ENTRY_CHARS]))
        for entry, text in zip(pending, texts, strict=True)
    ])
    refs: list[Reference] = []
    for entry, text, ref in zip(pending, texts, read, strict=True):
        assert entry.number is not None
        if text != entry.text and refs and refs[-1].authors:
            # "———. 2011. Title": the authors of the entry before, as printed above it.
            refs.append(
                replace(ref, raw=entry.text, authors=refs[-1].authors, et_al=refs[-1].et_al)
            )
            continue
        if text != entry.text:  # a ditto with no entry (or no authors) before it
            ref = parse_entry(entry.text, entry.number, number_printed=entry.printed,
                              line=entry.line)
        refs.append(ref)
    refs = _without_shared_dois(refs)
    seen: dict[int, int] = {}
    for ref in refs:
        if ref.n in seen:
            warnings.append(
                f"reference number {ref.n} is used twice (lines {seen[ref.n]}, {ref.line})"
            )
        seen.setdefault(ref.n, ref.line)
    # The body ends before the heading, or before the first entry of a list without one.
    body_end = heading + 1 if headless is None else headless + 1
    return ReferenceList(body_end, tuple(refs), tuple(warnings))


__all__ = [
    "ReferenceList",
    "find_headless_list",
    "find_reference_section",
    "is_reference_heading",
    "parse_entry",
    "parse_reference_list",
]
