"""Author lists as printed in reference entries: Vancouver/NLM (``Petersen BE``), GB/T 7714
(``王福生``, ``WANG Fu-sheng``), Harvard-like (``Smith, J. A.``) and given-first (``J. Smith``),
with ``et al`` / ``等``.

Owns the grammar of a name list and nothing after it; works on text already passed
through ``text.normalize_entry``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citelink.model import Author
from citelink.parse.text import ELIDED_PARTICLE

# Capitals of the Latin scripts, and with Cyrillic (GOST lists: "Иванов И. И."); initials
# run together without points ("Åberg Å") are Latin.
_LATIN_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_UP = _LATIN_UP + "А-ЯЁ"
_PARTICLE = (
    r"(?:(?:van|von|der|den|de|da|das|do|dos|du|del|della|dei|di|la|le|los|las|ter|ten|bin|ibn"
    r"|al|el|Van|Von|Der|Den|De|Da|Dos|Du|Del|Della|Di|La|Le|Los|Las)\s+)"
)
# (an elided particle is part of the word: "d’Orey", "l'Hôpital"; "D'Alembert" needs none)
_WORD = (
    rf"(?:{ELIDED_PARTICLE})?[{_UP}][^\W\d_]*(?:['’][^\W\d_]+)*"
    rf"(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*"
)
# (two names joined by "e" or "y" are one: "de Carvalho e Silva", "Ortega y Gasset")
_FAMILY = rf"{_PARTICLE}*{_WORD}(?:\s+(?:[ey]\s+)?{_PARTICLE}*{_WORD})??"
# BE, B.E., B. E., J-P, and GB/T 7714-2015's spaced "B E".
_INITIALS = (
    rf"(?:(?:[{_UP}]\.\s?-?){{1,4}}|[A-Z]-[A-Z]{{1,3}}(?!\w)"
    rf"|[{_LATIN_UP}](?:[-\s]?[{_LATIN_UP}](?!\w)|[{_LATIN_UP}]){{0,3}}(?!\w))"
)
# Initials with a lower-case letter, as some lists print them: "List Th", "Ender PhB", "Bâ eH".
_MIXED_INITIALS = r"(?:[a-z]-?[A-Z]{1,2}|[A-Z]{1,2}[a-z][A-Z]{0,2})(?![\w-])"
_SUFFIX = r"(?:,?\s+(?:Jr|Sr|II|III|IV|2nd|3rd|[2-4](?=\.))\.?)?"
# The end of a name: punctuation, "and", a bracket, et al, or the year that follows the
# list in author-year styles without brackets ("Kittayapong 2008.", "Dolgov A D 2002").
_END = (
    r"(?=\s*(?:[,;.:]|$|\s(?:and|&|e|y|und|et)\s|\(|et\s*al\b|等)"
    r"|\s+(?:1[5-9]|20)\d\d[a-z]?(?:[\s.,:;\[]|$))"
)
# After initials that end with their point, a space may end the name ("BRETÓN, A. Title").
_END_DOT = rf"(?:{_END}|(?<=\.)(?=\s))"
_CAPS = rf"[{_UP}][{_UP}'’-]+"
_LOWER_PARTICLE = r"(?:da|de|do|dos|das|del|della|di|du|van|von|der|den|e|y)"
# Initials of a Harvard name; particles and a final initial without its point are kept in
# the given names ("Agrelos, C. da S. T.", "Kassar, M. de. C. M.", "ALMEIDA, G.J.F;").
_HARVARD_GIVEN = (
    rf"(?:(?:[{_UP}]\.\s?-?|[A-Z][a-z]\.\s?|(?<=\s){_LOWER_PARTICLE}\.?\s)*[{_UP}]\.\s?-?"
    rf"(?:[{_UP}]\.\s?-?|[A-Z][a-z]\.\s?|{_LOWER_PARTICLE}\.?\s(?=[A-Z]))*(?:[A-Z](?![\w.]))?"
    rf"|[A-Z]{{2,3}}\."  # "Kim, NG." (initials run together before their point)
    rf"|[A-Z]{{1,2}}(?=\s*(?:[,;]|\(|\s(?:and|&)\s)))"  # "Kumar, S, Jones, K (2001)"
)


# A month after a comma is a date, not given names: "Laodongqushi, Oct. 3, 2022".
_MONTH_WORD = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Fall|Spring|Summer|Winter)[a-z]*\b"
)


_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|in|un|ia|ie|iu"
    r"|ua|uo|ue|ui|ve|er|a|o|e|i|u|v)"
)
_PINYIN_SURNAME = (
    r"(?:Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Luo|Gao"
    r"|Zheng|Liang|Xie|Song|Tang|Deng|Han|Feng|Cao|Peng|Zeng|Xiao|Tian|Dong|Pan|Yuan|Cai"
    r"|Jiang|Yu|Du|Ye|Cheng|Wei|Su|Lv|Lu|Ding|Ren|Lou|Yao|Shen|Zhong|Cui|Tan|Fan|Liao|Shi"
    r"|Jin|Jia|Xia|Fu|Fang|Zou|Xiong|Bai|Meng|Qin|Qiu|Hou|Yin|Xue|Yan|Duan|Lei|Long|Tao"
    r"|Mao|Hao|Gu|Gong|Shao|Wan|Qian|Dai|Mo|Kong|Xiang|Chang|Niu|Ge|Geng|Ling|Bao|Kang"
    r"|Wen|Yi|Zhan|Lai|Lan|Qi|Ji|Ning|Zhai|Ou|Shu|Xing|Hua|Chu|Rao|Qu|Ruan|Hong|Zhuang)"
)

_ITEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Vancouver / NLM: family name, then initials without points: "Petersen BE".
    ("vancouver", re.compile(rf"(?P<family>{_FAMILY})\s+(?P<given>{_INITIALS}){_SUFFIX}{_END}")),
    (
        "vancouver",
        re.compile(rf"(?P<family>{_FAMILY})\s+(?P<given>{_MIXED_INITIALS}){_SUFFIX}{_END}"),
    ),
    # GB/T pinyin with upper-case family name: "WANG Fu-sheng".
    (
        "pinyin",
        re.compile(
            r"(?P<family>[A-Z]{2,}(?:-[A-Z]+)?)\s+(?P<given>[A-Z][a-z]+(?:-[a-z]+)?)" + _END
        ),
    ),
    # Harvard / APA: "Smith, J. A." (points required, to tell it from two Vancouver names).
    (
        "harvard",
        re.compile(rf"(?P<family>{_FAMILY}),\s*(?P<given>{_HARVARD_GIVEN}){_SUFFIX}{_END_DOT}"),
    ),
    # ABNT with full given names: "CAMANARO, Cecilia.", "FONSECA, Maria Rachel Fróes da.",
    # "FILGUEIRAS, Carlos A.L." (the family name in capitals tells it from a title).
    (
        "harvard",
        re.compile(
            rf"(?P<family>{_CAPS}(?:\s+(?:{_CAPS}|DE|DA|DOS|DAS|DO|DEL|E|Y))*),\s+"
            rf"(?P<given>(?:{_WORD}|(?:[A-Z]\.)+)(?:\s+(?:{_WORD}|(?:[A-Z]\.\s?)+|{_LOWER_PARTICLE}))*)"
            rf"{_SUFFIX}{_END_DOT}"
        ),
    ),
    # Chicago / MLA bibliographies, full given names: "Nichols, Bill.", "Cohen, William A.
    # (2005)", "Flajolet, Philippe; Sedgewick, Robert (1995)", "Bickmore, Lee & ...".
    (
        "harvard",
        re.compile(
            rf"(?P<family>{_FAMILY}),\s+(?!{_MONTH_WORD})"
            rf"(?P<given>{_WORD}(?:\s+(?:{_WORD}|[{_UP}]\.|{_LOWER_PARTICLE}(?=\s)))*?)"
            rf"{_SUFFIX}(?=(?<!\s[A-Z])\s*[.;]|\s*\(\s*(?:1[5-9]|20)\d\d"
            # Chicago author-date, a middle initial before the year: "Dobrow, Robert P. 2016."
            rf"|(?<=\s[{_UP}]\.)\s+(?:1[5-9]|20)\d\d[a-z]?\."
            # ... and the next names given first, with an initial ("Ching, Wai-Ki, Michael
            # K Ng, and Eric"; not pinyin's "Liu Xun, Wu Xiaoming, Li Lingshan")
            rf"|,\s+{_WORD}(?:\s+[{_UP}]\.?)+\s+{_WORD}(?:,\s|,?\s+(?:and|&)\s)"
            rf"|,?\s+(?:and|&)\s+{_WORD}\.?\s+[{_UP}])"  # not "Infection, Genetics and Evolution"
        ),
    ),
    # Given names first: "J. A. Smith".
    # (A family name has two letters at least: "U.S.A." is no name.)
    (
        "given-first",
        re.compile(
            rf"(?P<given>[{_UP}]\.\s?-?(?:[{_UP}][a-z]?\.\s?-?){{0,3}})\s*"
            rf"(?P<family>{_PARTICLE}*(?=\w[\w'’]){_WORD}(?:\s{_WORD})??){_END}"
        ),
    ),
    # Chinese names in full pinyin: "Liu Xun", "Wu Xiaoming" (a common surname, then a
    # given name made of pinyin syllables).
    (
        "pinyin",
        re.compile(
            rf"(?P<family>{_PINYIN_SURNAME})\s+(?P<given>(?i:{_SYLLABLE})(?:{_SYLLABLE}){{0,2}})"
            + _END
        ),
    ),
    # The last of dotted Vancouver names before the title (GOST "Петров П. П. Название").
    (
        "vancouver",
        re.compile(rf"(?P<family>{_FAMILY})\s+(?P<given>(?:[{_UP}]\.\s?){{1,3}}[{_UP}]\.)(?=\s)"),
    ),
    # Han names: "王福生"; a trailing 等 is et al, not part of the name.
    ("cjk", re.compile(r"(?P<cjk>[\u3400-\u9fff][\u3400-\u9fff·]{1,3}?)(?=等|\s*[,;.:(]|$)")),
)
_ET_AL = re.compile(
    r"\s*(?:et\s*al\b|等人?|and others\b|e\s+cols?\b|y\s+cols?\b|u\.\s?a\.|и\s+др\b|dkk\b"
    r"|ve\s+ark\b|m\.\s?fl\.|i\s+in\b)"
)
# (APA 7 prints "…" between the first nineteen names and the last.)
# "and" in the languages lists are printed in: "García, J. y López, M.", "Silva, J. e
# Santos, M.", "Müller, H. und Schmidt, K." (lower case: a title opens with a capital)
_AND = r"(?:and|&|(?:y|e|et|und|och|og|en|és|ve|и)(?!\s+(?:al\b|cols?\b|др\b|ark\b)))"
_SEP = re.compile(
    rf"\s*(?:,?\s*(?:…|\.\.\.)\s*|,\s*{_AND}\s+|;\s*|,(?!\s*[\"“])\s*|\s+{_AND}\s+)"
)
_TERM = re.compile(
    r"\s*(?:\((?i:coords?|orgs?|eds?|comps?|editors?)\.?\)\s*[.:]?\s*"
    r"|(?:(?<=\.)|(?<=\.\s))\s*\((?![^)]*\d)[^()]{2,40}\)\.?\s*|[.:]\s*|,\s*(?=[\"“])"
    r"|(?=\(\s*\d{4})|(?=\s*\((?:n\.\s?d|s\.\s?d|no date|sin fecha|in press|o\.\s?J)\.?\))"
    r"|,?\s*(?=\(?(?:1[5-9]|20)\d\d[a-z]?(?:[\s.,:;\[]|$)))"
)
# Two-character family names among Han surnames; every other Han name of two or three
# characters has a one-character family name.
_COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 独孤 南宫 "
    "西门 百里 呼延 澹台 公冶 宗政 濮阳 淳于 单于 太叔 申屠 钟离 闻人 赫连 万俟".split()
)


@dataclass(frozen=True)
class AuthorBlock:
    authors: tuple[Author, ...]
    et_al: bool
    rest: str


def _plausible(kind: str, m: re.Match[str]) -> bool:
    """Initials run together after a family name in capitals are a word: "WORLD BANK",
    "VAN DIJK" (a Vancouver name has at most two or three initials, "SMITH JA")."""
    if kind != "vancouver":
        return True
    given = m.group("given")
    if given in ("Jr", "Sr"):
        return False  # a suffix: "Andres Jr, V."
    # Inside a list (after the first name) a run of three or four is initials: "FRANCO N,
    # ACOSTA PEREIRA R, COSTA-HÜBES TCD (2019)".
    run = 3 if m.start() == 0 else 5
    if len(given) == 3 and not re.search(r"[AEIOUYÁÉÍÓÚÂÊÔÃÕÀÜ]", given):
        return True  # three initials, not a word: "WILDNER LDP, DADALTO GG"
    return not (len(given) >= run and given.isalpha() and m.group("family").isupper())


def _author(kind: str, m: re.Match[str]) -> Author:
    if kind == "cjk":
        name = m.group("cjk")
        # four characters: two and two (a Japanese name, 山田太郎; a Han name of four
        # characters has a compound family name)
        cut = 2 if (name[:2] in _COMPOUND_SURNAMES and len(name) > 2) or len(name) == 4 else 1
        return Author(family=name[:cut], given=name[cut:])
    given = re.sub(r"\s+", " ", m.group("given")).strip()
    family = re.sub(r"\s+", " ", m.group("family")).strip()
    return Author(family=family, given=given)


def match_author(text: str, pos: int = 0) -> tuple[Author, int] | None:
    """The author name that starts at ``pos``, and where it ends."""
    for kind, pattern in _ITEMS:
        m = pattern.match(text, pos)
        if m and _plausible(kind, m):
            return _author(kind, m), m.end()
    return None


def _group_author(text: str, pos: int) -> tuple[Author, int] | None:
    """A group or institution named as the last author, up to the date or the full stop."""
    m = re.compile(r"[A-Z][^.,;()\[\]]{3,100}?(?:\s*\([A-Z][\w.]*\))?(?=\s*\(\s*\d{4}|\.\s)").match(
        text, pos
    )
    if m is None:
        return None
    return Author(family=m.group().strip()), m.end()


_FULL_GIVEN_FIRST = re.compile(
    rf"(?P<given>{_WORD}(?:\s+[{_UP}]\.(?:\s?[{_UP}]\.)*|\s+{_WORD})??)\s+(?P<family>(?=\w\w){_FAMILY})"
    rf"(?=\s*[.,;(]|\s+(?:and|&)\s)"
)
_LOWER_NAME = re.compile(rf"(?P<family>[a-z][\w'’-]+),\s*(?P<given>{_HARVARD_GIVEN})(?=\s*[;,])")


# A journal, its year, volume and page (RSC) after the names.
_RSC_SOURCE = re.compile(r"[^,]{2,60},\s*(?:1[5-9]|20)\d\d,\s*\d")
# ... or a physics journal, volume, page and year (AIP, APS): "J. Chem. Phys. 120, 100 (2004)"
_PHYSICS_SOURCE = re.compile(
    r"[A-Z][\w.&\s-]{1,60}?\s[A-Z]?\d{1,5}[A-Z]?,\s*[A-Z]?\d+\s*\((?:1[5-9]|20)\d\d\)"
)


def _ends_list(rest: str) -> bool:
    """What may follow a name list after a comma: a year, a journal and its year (RSC), or
    a title (a word and more words; not a lone capitalised word that could be a name the
    patterns missed)."""
    if re.match(r"\(?(?:1[5-9]|20)\d\d", rest) or _RSC_SOURCE.match(rest):
        return True
    return bool(re.match(r"[^\W\d_][^\s,;]*\s+[\w\"“(]", rest)) and not re.match(
        rf"{_WORD},\s", rest
    )


# BibTeX's plain style (CS, mathematics): given names first, in full, then a full stop:
# "Andras Vasy.", "Alon Y. Levy, Divesh Srivastava, and Thomas Kirk.". A word that names an
# organisation ("World Bank.", "Gene Ontology Consortium.") makes it no person.
# Given names: up to three words, then initials ("Marcone Jamilson Freitas", "Nasser R.",
# "Dennis S"), or initials, then up to two words ("J. P.", "K. Brad", "J. Ian"); after
# initials a word before a particle is the family name's ("P. Jansen van Vuren").
_GIVEN_WORD = rf"\s+{_WORD}(?!\s+{_PARTICLE})"
_PLAIN_GIVEN = (
    rf"(?:{_WORD}(?:\s+{_WORD}){{0,2}}?(?:\s+[{_UP}]\.(?:\s?[{_UP}]\.)*)?"
    rf"|[{_UP}]\.(?:\s?-?[{_UP}]\.)*(?:{_GIVEN_WORD}){{0,2}}?)"
)
# A family name opens with a capital and a small letter ("Sørensen", "Hêche",
# "O’Sullivan", not "JF"); after initials alone, with three letters or more (not the
# "Yu." of "A. Yu. Smirnov").
_FAMILY_START = rf"[{_UP}](?:[^\W\d_{_UP}]|['’][{_UP}])"
_PLAIN_NAME = (
    rf"(?:{_WORD}(?:\s+{_WORD}){{0,2}}?(?:\s+[{_UP}]\.(?:\s?[{_UP}]\.)*)?\s+{_PARTICLE}*"
    rf"(?={_FAMILY_START}){_WORD}"
    rf"|[{_UP}]\.(?:\s?-?[{_UP}]\.)*(?:{_GIVEN_WORD}){{0,2}}?\s+{_PARTICLE}*"
    rf"(?={_FAMILY_START}[^\W\d_]){_WORD})"
)
_PLAIN_LIST = re.compile(
    rf"(?P<names>{_PLAIN_NAME}(?:,\s+{_PLAIN_NAME})*(?:,?\s+and\s+{_PLAIN_NAME})?)"
    r"(?:\s+\((?:[Ee]ds?|[Ee]ditors?)\.?\))?"  # ACM's "Jacques Cohen (Ed.). 1996."
    r"\.(?:\s+(?=[\w\"“‘'«])|$)"
)
# Three plain names or more opening a line, the list going on after it.
_PLAIN_OPENING = re.compile(
    rf"{_PLAIN_NAME},\s+{_PLAIN_NAME},\s+(?:and\s+)?{_PLAIN_NAME}(?:,|\s+and\s)"
)
_PLAIN_ONE = re.compile(
    rf"(?P<given>{_PLAIN_GIVEN})\s+"
    rf"(?P<family>{_PARTICLE}*{_WORD})$"
)
_ORGANISATION = re.compile(
    r"\b(?:Bank|Organi[sz]ation|Institut\w*|Ministry|Ministério|Association|Society|Council"
    r"|Agency|Department|Office|Commission|Committee|Foundation|Group|University|Universidad\w*"
    r"|Center|Centre|Service|Programme|Program|Union|Nations|Fund|Board|Survey|Bureau|Consortium"
    r"|Network|Federation|Academy|Company|Corporation|Press|Report|Health|National|World"
    r"|International|Research|Government|State|States|Statistics|Census|Library|Collaboration"
    r"|Team|Project|Working|Task|Force|Panel|Systems?|Inc|Ltd|The|Internacional|Nacional"
    r"|Federa\w+|Sociedad\w*|Societ\w+|Gesellschaft|Asociaci\w+|Associa\w+|Instituto"
    r"|Secretar\w+|Conselho|Consejo|Fundaç\w+|Fundaci\w+|Minist\w+|Comit\w+|Comiss\w+"
    r"|College|Initiative|Registr(?:y|ies)|Trust|Alliance|Partnership|Authority|Hospital"
    r"|Laboratory|Laboratories|Servi[cç]os?|Servicios?)\b"
)


def corporate_heading(text: str) -> bool:
    """Whether a list entry's first segment is an organisation's name: a word naming one,
    every longer word capitalised, at most twelve words ("National Cancer Intelligence
    Network", "Royal College of General Practitioners")."""
    words = text.split()
    return (
        0 < len(words) <= 12
        and _ORGANISATION.search(text) is not None
        and all(w[:1].isupper() or len(w) <= 3 or not w[:1].isalpha() for w in words)
    )


_PINYIN_FIRST = re.compile(rf"{_PINYIN_SURNAME}\s+(?i:{_SYLLABLE}){{1,3}}\b")


def _plain_list(text: str) -> AuthorBlock | None:
    """An entry that opens with plain-style names (see ``_PLAIN_LIST``)."""
    m = _PLAIN_LIST.match(text)
    if m is None or _ORGANISATION.search(m.group("names")) or _PINYIN_FIRST.match(text):
        return None  # an organisation; Chinese names, family first ("Liu Xun, Wu Xiaoming")
    authors = []
    items = re.split(r",?\s+and\s+|,\s+", m.group("names"))
    if len(items) == 1 and re.search(rf"\s{_PARTICLE}", items[0]):
        return None  # one name with a particle inside: an organisation more often
    for item in items:
        one = _PLAIN_ONE.match(item.strip())
        if one is None or re.match(rf"(?=[{_UP}]*[AEIOUY])[{_UP}]{{2,}}\b", item.strip()):
            # GB/T puts the family name first, in capitals: "YU Ying-ying" ("JF Hêche":
            # initials, no vowel)
            return None
        if re.fullmatch(r"[^\W\d_][^\W\d_aeiouyáéíóúàèìòùâêîôûäëïöüåæøœ]", one.group("family"),
                        re.I) and one.group("family") != "Ng":
            return None  # Vancouver initials of a name with a particle: "Koenigswald Wv."
        authors.append(_author("given-first", one))
    return AuthorBlock(tuple(authors), False, text[m.end() :].strip())


_COLLABORATION_AFTER = re.compile(r"\.?\s*\((?:the\s+)?[^()]{1,40}\b[Cc]ollaborations?\)")


def split_author_block(text: str) -> AuthorBlock | None:
    """Split ``Authors. Rest`` into the author list and the rest of the entry, or None when
    the entry does not open with a name list."""
    if plain := _plain_list(text):
        return plain
    authors: list[Author] = []
    et_al = False
    pos = 0
    while True:
        m = _ET_AL.match(text, pos)
        if m and (authors or m.group().strip().startswith("等")):
            et_al = True
            pos = m.end()
            if collaboration := _COLLABORATION_AFTER.match(text, pos):
                pos = collaboration.end()
            term = _TERM.match(text, pos)
            end = term.end() if term else pos
            return AuthorBlock(tuple(authors), et_al, text[end:].strip())
        found = match_author(text, pos)
        after_and = bool(authors) and re.search(rf"(?:&|\b{_AND})\s*$", text[:pos]) is not None
        given_first = _FULL_GIVEN_FIRST.match(text, pos) if after_and else None
        if given_first and (found is None or found[1] < given_first.end()):
            # The last of a Chicago list: "Kahn, Herman and Anthony J. Wiener.",
            # "Bickmore, Lee & Nancy C. Kula." (not "Anthony J" and a title "Wiener").
            found = _author("given-first", given_first), given_first.end()
        if found is None and after_and:
            found = _group_author(text, pos)  # "Riddle, D. L., & National Center for ..."
        if found is None and authors and (lower := _LOWER_NAME.match(text, pos)):
            # A name that lost its capital in print, inside a list: "...; bd-Alla, A.; ..."
            found = Author(lower.group("family"), lower.group("given").strip()), lower.end()
        if found is None:
            return None
        if authors and re.match(r"\.?\d", text[found[1] : found[1] + 2]):
            # No name runs into a number: a physics source after the names ("A. A.
            # Starobinsky, JETP Lett.30, 682 (1979)").
            return AuthorBlock(tuple(authors), et_al, text[pos:].strip())
        author, pos = found
        authors.append(author)
        if collaboration := _COLLABORATION_AFTER.match(text, pos):
            pos = collaboration.end()  # "L. Adamczyk (STAR Collaboration), Title"
        if _ET_AL.match(text, pos):
            continue
        sep = _SEP.match(text, pos)
        if (
            sep
            and after_and
            and len(authors) >= 2
            and sep.group().strip() == ","
            and (_RSC_SOURCE.match(text, sep.end()) or _PHYSICS_SOURCE.match(text, sep.end()))
        ):
            # The last name after "and", then the journal and its year (RSC): "J. Smith
            # and K. Jones, J. Am. Chem. Soc., 2004, 126, 100." ("J. Am." is no name), or
            # a physics journal (AIP): "... and K. Jones, J. Chem. Phys. 120, 100 (2004)."
            return AuthorBlock(tuple(authors), et_al, text[sep.end() :].strip())
        if sep:
            if (
                "," in sep.group()
                and not re.search(r"\b(?:and|&)\s*$", sep.group())
                and not _ET_AL.match(text, sep.end())
                and match_author(text, sep.end()) is None
            ):
                # The list ends at a comma: "J. Tao, Search for ..." (physics),
                # "SUGIMOTO, C., 2011a." (the year after a comma).
                rest = text[sep.end() :].strip()
                if _ends_list(rest):
                    return AuthorBlock(tuple(authors), et_al, rest)
            pos = sep.end()
            continue
        term = _TERM.match(text, pos)
        if term is not None:
            return AuthorBlock(tuple(authors), et_al, text[term.end() :].strip())
        if text[pos - 1] == "." or pos == len(text):
            return AuthorBlock(tuple(authors), et_al, text[pos:].strip())
        return None


def opens_with_author(text: str) -> bool:
    """True when ``text`` starts like an entry: a name followed by another name, ``et al``
    or the end of the author list. Used to tell a new entry from a wrapped line."""
    if text[:1].islower() and not re.match(rf"(?:{_PARTICLE}+|{ELIDED_PARTICLE})[{_UP}]", text):
        return False  # a wrapped line, unless a particle opens the name ("de Vries GJ")
    if _plain_list(text) is not None or _PLAIN_OPENING.match(text):
        return True  # "Babak Akbarzadeh and Broos Maenhout. A ...", "Olivia Rossi-Doria,
        # Michael Sampels, Mauro Birattari, Marco ..." (a plain style's list running on)
    found = match_author(text)
    if found is None:
        return False
    author, pos = found
    rest = text[pos:]
    return (
        bool(re.match(r"\s*(?:[,;.]|\s(?:and|&)\s|等|\(?\s*(?:1[5-9]|20)\d\d[a-z]?\b)", rest))
        or not rest.strip()
        # a lone inverted name whose dotted initials end the list: "Dawidowicz, E.A. Dynamics"
        or (
            text[len(author.family) : len(author.family) + 2] == ", "
            and author.given.endswith(".")
            and bool(re.match(rf"\s[{_UP}]", rest))
        )
    )


# What follows editors' names, in the languages of the lists read: "editors", "eds.",
# "organizador", "coords.", "éditeurs", "red.", "Hrsg.", "主编".
EDITOR_WORDS = (
    r"editors?|eds?\.?|主编|编|organizador(?:es|as?)?|orgs?\.?|coords?\.?|coordinador(?:es)?"
    r"|editor(?:es|as?)|[ée]diteurs?|[ée]ds\.?|red\.?|Hrsg\.?|Hg\.?"
)


def parse_name_list(text: str) -> tuple[tuple[Author, ...], bool]:
    """Names of editors and the like: ``Vogelstein B, Kinzler KW, editors``."""
    text = re.sub(rf"[,.]?\s*\(?(?:{EDITOR_WORDS})\)?\s*\.?\s*$", "", text.strip(), flags=re.I)
    block = split_author_block(text.rstrip(".") + ".")
    if block is None:
        return (), False
    return block.authors, block.et_al
