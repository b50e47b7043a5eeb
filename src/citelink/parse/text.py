"""Text normalisation shared by every parser: dashes, full-width forms, superscripts,
whitespace, CJK-aware line joining and accent folding.

Pure string functions; nothing here knows what a reference or a table is.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(f"[{DASHES}]")
SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_MAP = str.maketrans(SUPERSCRIPT_DIGITS + "⁺⁻⁽⁾", "0123456789+-()")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
# Punctuation that NFKC leaves alone but that plays the role of ASCII punctuation in
# reference lists and markers.
_CJK_PUNCT = str.maketrans({"。": ".", "、": ",", "【": "[", "】": "]", "〔": "[", "〕": "]"})


def is_cjk(ch: str) -> bool:
    """True for Han characters and CJK punctuation (no spaces are written around them)."""
    if not ch:
        return False
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x3000 <= cp <= 0x303F
        or 0xFF00 <= cp <= 0xFFEF
        or 0xF900 <= cp <= 0xFAFF
        or 0x20000 <= cp <= 0x2FA1F
    )


_HAN = re.compile("[\u3400-\u9fff]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a Han character (a regex: this runs on every title compared)."""
    return _HAN.search(text) is not None


# Words whose full stop does not end a sentence (or a title in a reference entry).
_ABBREVIATION = re.compile(
    r"\b(?:et al|e\.g|i\.e|cf|ca|vs|Figs?|Eqs?|Nos?|Dr|Mr|Mrs|Ms|Prof|approx|Refs?|Tab|Vol"
    r"|pp?|St|Jr|Inc|Ltd|Co|U\.S|Suppl|sp|spp)$"
)


# A middle initial after a given name, or in a run of initials: "Mikhail M. Bakhtin",
# "J. R. R. Tolkien" (not "vitamin D." or "2A.").
_INITIAL = re.compile(r"(?:\b[A-Z][a-z]+\s|\b[A-Z]\.\s?)[A-Z]$")


def ends_with_abbreviation(text: str) -> bool:
    """Whether ``text`` (up to a full stop) ends with an abbreviation such as ``et al``."""
    return bool(_ABBREVIATION.search(text))


def ends_with_initial(text: str) -> bool:
    """Whether ``text`` (up to a full stop) ends with a name's initial (in running text;
    a reference entry's title may well end on one)."""
    return bool(_INITIAL.search(text))


def collapse_spaces(text: str) -> str:
    return _SPACES_RE.sub(" ", text).strip()


def ascii_dashes(text: str) -> str:
    return _DASH_RE.sub("-", text)


def fold_width(text: str) -> str:
    """Full-width and compatibility forms to their plain equivalents (NFKC) plus the CJK
    punctuation NFKC keeps; superscript digits become plain digits, so use this only where
    superscripts carry no meaning (reference entries, marker contents)."""
    return unicodedata.normalize("NFKC", text).translate(_CJK_PUNCT)


# Spacing accents as PDF extraction leaves them ("Scha¨fer", "Miklo´si") and their
# combining forms.
_SPACING_MARKS = {
    "\u00a8": "\u0308",  # diaeresis
    "\u00b4": "\u0301",  # acute
    "\u02c6": "\u0302",  # circumflex
    "\u02dc": "\u0303",  # tilde
    "\u00b8": "\u0327",  # cedilla
    "\u02c7": "\u030c",  # caron
    "\u02da": "\u030a",  # ring
    "\u02d8": "\u0306",  # breve
    "\u02dd": "\u030b",  # double acute
    "\u00af": "\u0304",  # macron
    "\u02db": "\u0328",  # ogonek
    "\u02d9": "\u0307",  # dot above
}
_SPACING_RE = re.compile(f"[{''.join(_SPACING_MARKS)}]")
_BEFORE_PUNCT = re.compile(r"(?<=\w)\s+([.,;])(?=\s|$)")
# A hyphenated initial set apart from its first half: "Dujardin J -P", "Chou M. -Y.".
_SPACED_HYPHEN_INITIAL = re.compile(r"(?<![\w.-])([A-Z]\.?) -([A-Z])(?![\w])")
# An empty name between commas, BibTeX's trace of an empty author ("Shalizi CR, , Newman"),
# in a list and in a citation.
EMPTY_NAME = re.compile(r",(?:\s*,)+(?=\s)")


# Particles of family names ("van", "de", "della"), in lower case.
NAME_PARTICLES = frozenset("da de del della der di do dos du la le van von den ter ten".split())
# An elided particle, written onto the name it belongs to: "d’Orey", "l'Hôpital" (a regex).
ELIDED_PARTICLE = r"[dl]['’]"
_DOTLESS = str.maketrans({"\u0131": "i", "\u0237": "j"})
# TeX's \'{\i}: a dotless i under an accent is an i ("Melı́cio" -> "Melício")
_DOTLESS_ACCENTED = re.compile("[\u0131\u0237](?=[\u0300-\u036f])")


def accented(letter: str, mark: str) -> str:
    """A letter (its first character) with a combining mark, NFC; a dotless i or j takes
    the accent as an i or j does (TeX's \\'\\i)."""
    return unicodedata.normalize("NFC", letter[:1].translate(_DOTLESS) + mark + letter[1:])


def _composes(letter: str, mark: str) -> str | None:
    if not letter.isalpha():
        return None
    composed = accented(letter, mark)
    return composed if len(composed) == 1 else None


def compose_diacritics(text: str, keep_soft_hyphens: bool = False) -> str:
    """Accents to NFC, including spacing accents set after their letter (``Scha¨fer`` ->
    ``Schäfer``, ``Miklo´si`` -> ``Miklósi``) or, where no letter precedes, before it
    (``´Alvarez`` -> ``Álvarez``); soft hyphens dropped unless kept (a whole text's, where
    one at a line's end joins the word)."""
    if not keep_soft_hyphens:
        text = text.replace("\u00ad", "")
    if not text.isascii():
        text = _DOTLESS_ACCENTED.sub(lambda m: m.group().translate(_DOTLESS), text)
    if _SPACING_RE.search(text) is None:
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        mark = _SPACING_MARKS.get(ch)
        if mark is not None:
            after = _composes(out[-1], mark) if out else None
            if after is not None:
                out[-1] = after
                i += 1
                continue
            nxt = text[i + 1] if i + 1 < len(text) else ""
            before = _composes(nxt, mark) if nxt else None
            if before is not None:
                out.append(before)
                i += 2
                continue
        out.append(ch)
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


_APOSTROPHE_LIKE = re.compile(r"(?<=[^\W\d_])[′ʼ`](?=[^\W\d_])")


@lru_cache(maxsize=8192)
def normalize_entry(text: str) -> str:
    """A reference entry ready for field parsing: accents composed, plain punctuation,
    ASCII hyphens, no ``*emphasis*`` and single spaces."""
    text = ascii_dashes(fold_width(compose_diacritics(text)))
    text = text.replace("*", "").replace("\u200b", "")
    # A prime or modifier letter printed for a name's apostrophe: "O′Dwyer", "OʼBrien".
    text = _APOSTROPHE_LIKE.sub("’", text)
    # A space left before punctuation ("impostura . Buenos Aires", "Ámbito.com , 31 mayo").
    text = EMPTY_NAME.sub(",", _BEFORE_PUNCT.sub(r"\1", text))
    return collapse_spaces(_SPACED_HYPHEN_INITIAL.sub(r"\1-\2", text))


def plain_superscripts(text: str) -> str:
    """``³⁻⁵`` -> ``3-5``."""
    return text.translate(_SUPER_MAP)


def superscripts_to_caret(text: str) -> str:
    """``10 ⁷`` / ``10⁵ /kg`` -> ``10^7`` / ``10^5/kg``: keeps the exponent readable after
    the superscript is gone."""

    def repl(m: re.Match[str]) -> str:
        return "^" + plain_superscripts(m.group(1))

    text = re.sub(rf"\s?([{SUPERSCRIPT_DIGITS}⁻]+)", repl, text)
    return re.sub(r"(\^\d+)\s+/", r"\1/", text)


def line_joint(left: str, right: str) -> str:
    """What joins two non-empty fragments broken by extraction, by the characters at the
    break: nothing at a CJK boundary or after a line-final hyphen or slash, a space
    otherwise."""
    if is_cjk(left[-1]) or is_cjk(right[0]) or left[-1] in "-/":
        return ""
    return " "


def join_lines(left: str, right: str) -> str:
    """Join two fragments of one sentence or entry broken by extraction (``line_joint``)."""
    left, right = left.rstrip(), right.lstrip()
    if not left:
        return right
    if not right:
        return left
    return left + line_joint(left, right) + right


@lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """A surname for comparison: accents dropped, case folded, only letters kept
    (Körbling == Korbling, El-Ansary == El Ansary)."""
    return re.sub(r"[^a-z]", "", anyascii(name).casefold())


@lru_cache(maxsize=4096)
def name_variants(name: str) -> frozenset[str]:
    """Folded spellings a printed surname may take (German umlaut transcriptions, the
    last word of a particle name: ``da Silva`` -> ``silva``)."""
    base = fold_name(name)
    out = {base}
    for a, b in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        out.add(base.replace(a, b))
    words = [w for w in re.split(r"[\s\-']+", name) if w]
    if len(words) > 1:
        out.add(fold_name(words[-1]))
        out.add(fold_name("".join(words)))
    out.discard("")
    return frozenset(out)


def ascii_slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (citation keys); CJK is transliterated."""
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())
