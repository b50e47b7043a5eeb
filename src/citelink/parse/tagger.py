"""A trained reference-field tagger: a linear-chain CRF over the tokens of one printed reference.

``tag(raw)`` splits a reference string into tokens (keeping their character offsets), computes
features of each token and its neighbours, and labels every token with the field it belongs to.
The model is a log-linear ensemble (``network.py``, inference on NumPy) of a linear-chain CRF
(trained with CRFsuite) and two BiLSTM-CRF networks (trained with torch), all learned from two
hand-labelled corpora:

- GROBID's citation corpus (Apache-2.0): TEI ``<bibl>`` elements;
- AnyStyle's parser data (BSD-2-Clause): ``<sequence>`` elements of labelled segments.

The models ship in ``citelink/parse/models/`` with both licences and a README;
``tools/train_tagger.py`` (the CRF) and ``tools/train_network.py`` (the networks) retrain them
from ``training/corpora/``.

One label set, mapped from both corpora:

================  ===============================================  ===============================
label             GROBID TEI                                       AnyStyle
================  ===============================================  ===============================
author            ``<author>``, ``<orgName type="collaboration">``  author
editor            ``<editor>``                                     editor, translator, director,
                                                                   producer
title             ``<title level="a">``; ``level="m"`` when the     title
                  entry has no ``level="a"`` title
container         ``<title level="j">``; ``level="m"`` beside a     journal, container-title
                  ``level="a"`` title (the book of a chapter)
collection        ``<title level="s">``                            collection-title
date              ``<date>``                                       date
volume            ``<biblScope unit/type="vol(ume)">``              volume (an issue printed in it
                                                                   is split off: ``36(3)``)
issue             ``<biblScope unit/type="issue">``                 (from volume, see above)
pages             ``<biblScope unit/type="page(s)/pp">``            pages
publisher         ``<publisher>``, ``<orgName>`` (institution)      publisher
location          ``<pubPlace>``                                   location
edition           (none)                                           edition
doi               ``<idno type="DOI">``                            doi
url               ``<ptr>``                                        url
identifier        other ``<idno>`` (arXiv, PMID, PMC, ISBN,        identifier
                  ISSN, report numbers)
citation-number   (none)                                           citation-number
genre             ``<note type="report">``                         genre
note              ``<note>``, ``<biblScope type="chapter">``        note, medium, other labels
other             text between fields (punctuation), ``<lb/>``     see below
================  ===============================================  ===============================

GROBID leaves printed punctuation and words such as ``pp.``, ``vol.`` and ``In:`` outside its
fields; AnyStyle keeps them inside. AnyStyle segments are trimmed to GROBID's convention when
read (leading/trailing punctuation, brackets, quotes and those words become ``other``), so
both corpora teach one convention. A token takes the label of the field its first character
lies in.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET

from citelink.parse import network

LABELS: tuple[str, ...] = (
    "author",
    "editor",
    "title",
    "container",
    "collection",
    "date",
    "volume",
    "issue",
    "pages",
    "publisher",
    "location",
    "edition",
    "doi",
    "url",
    "identifier",
    "citation-number",
    "genre",
    "note",
    "other",
)

# Every CRF state of features versions 2 and 3 (``states``), in the models' fixed order.
STATES: tuple[str, ...] = (
    tuple(f"{lab}>B" for lab in LABELS if lab != "other")
    + tuple(lab for lab in LABELS if lab != "other")
    + ("other>BOS",)
    + tuple(f"other>{lab}" for lab in LABELS if lab != "other")
)

MODEL_NAME = "reference-tagger.crfsuite"  # CRFsuite's file, written by training only
CRF_NAME = "reference-tagger-crf.npz"
LEXICON_NAME = "reference-tagger-lexicon.txt"
NETWORKS = ("a", "b")


def network_name(net: str) -> str:
    """The file of one of the tagger's networks (``tools/train_network.py``)."""
    return f"reference-network-{net}.npz"


def bag_name(network_file: str) -> str:
    """The file of a network's feature bag, beside it (``network.read_network``)."""
    return network_file.removesuffix(".npz") + "-bag.npy"


# Tokens, features and CRF states come in versions; a model is trained and used with one. The
# lexicon written beside a model names its version in a line ``#features<TAB>N`` (none: 1).
# 1: the CRF shipped 2026-12-01 to 12-02; 2: 2026-12-02 (see docs/decisions.md), the one the
# shipped CRF and networks read since the eleventh pass; 3: version 2 and the hand-written
# rules' reading of the string (``rule_spans``), measured, not shipped.
FEATURES_KEY = "#features"
FEATURES = 3


def features_version(lexicon: Mapping[str, str]) -> int:
    """The version of tokens and features a lexicon (and the model beside it) was built for."""
    return int(lexicon.get(FEATURES_KEY, "1"))


@dataclass(frozen=True)
class Span:
    """A maximal run of tokens with one label; ``raw[start:end] == text``."""

    label: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Tagged:
    """A reference string and its labelled spans, in order."""

    raw: str
    spans: tuple[Span, ...]

    def first(self, label: str) -> Span | None:
        return next((s for s in self.spans if s.label == label), None)

    def all(self, label: str) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.label == label)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Example:
    """A labelled reference: its string and its gold fields as ``(start, end, label)``."""

    raw: str
    fields: tuple[tuple[int, int, str], ...]


# --------------------------------------------------------------------------- tokens

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
# One token: a Han/kana character, a run of letters, a run of digits, or one other character.
_TOKEN = re.compile(rf"[{_CJK}]|[^\W\d_{_CJK}]+|\d+|\S")
# Version 1: a run of letters and digits together.
_TOKEN_V1 = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+|\S")


_SURROGATE = re.compile("[\ud800-\udfff]")


def tokenize(raw: str, version: int = FEATURES) -> list[Token]:
    """Tokens of ``raw`` with their offsets: Han and kana characters one by one, runs of
    letters (cut before a capital that follows a small letter) and runs of digits, and each
    other non-space character alone. Fields are often printed glued together
    (``Phys. Rev.D53``, ``JHEP01``, ``North-Holland1990``, ``McGraw-HillNew York``).
    Version 1 keeps letters and digits in one run, uncut. A lone surrogate (no character;
    CRFsuite cannot encode it) reads as U+FFFD, offsets unchanged."""
    raw = _SURROGATE.sub("\ufffd", raw)
    if version == 1:
        return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_V1.finditer(raw)]
    out: list[Token] = []
    for m in _TOKEN.finditer(raw):
        text, start = m.group(), m.start()
        cut = 0
        if len(text) > 2 and text[0].isalpha():
            for k in range(1, len(text)):
                if text[k].isupper() and text[k - 1].islower():
                    out.append(Token(text[cut:k], start + cut, start + k))
                    cut = k
        out.append(Token(text[cut:], start + cut, m.end()))
    return out


# --------------------------------------------------------------------------- features

_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre
    décembre decembre janv févr fevr avr juil sept déc
    januar februar märz maerz april juni juli oktober dezember jän mär okt dez
    enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre ene abr ago dic
    janeiro fevereiro março marco maio junho julho setembro outubro novembro dezembro fev out
    gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre gen mag giu lug ott
    spring summer autumn fall winter""".split()
)
_YEAR = re.compile(r"^(1[5-9]\d\d|20[0-4]\d)[a-z]?$")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_DASHES = frozenset("-‐‑‒–—―−")
_OPEN = frozenset("([{（【［")
_CLOSE = frozenset(")]}）】］")
_QUOTES_OPEN = frozenset("“‘«„「『")
_QUOTES_CLOSE = frozenset("”’»」』")
def _shape(text: str) -> str:
    long = []
    for ch in text:
        if ch.isupper():
            long.append("X")
        elif ch.isalpha():
            long.append("x")
        elif ch.isdigit():
            long.append("d")
        else:
            long.append(ch)
    return "".join(long)


def _short(shape: str) -> str:
    out: list[str] = []
    for ch in shape:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _bucket(n: int) -> str:
    if n < 4:
        return str(n)
    if n < 8:
        return "4-7"
    if n < 16:
        return "8-15"
    if n < 32:
        return "16-31"
    return "32+"


_Base = tuple[str, str, str, list[str], tuple[list[str], ...]]
_WINDOW = 4
_OFFSETS = tuple(range(-_WINDOW, _WINDOW + 1))


def _kind(tok: str, low: str, lexicon: Mapping[str, str], feats: list[str]) -> tuple[str, str]:
    """A token's kind (``han``, ``CAPS``, ``Cap``, ``low``, ``num``, ``alnum``, ``dash``...)
    and its word-list hit; the features they give (month, word list, digits, year) are
    appended to ``feats``. Shared by both feature versions."""
    hit = ""
    first = tok[0]
    if first.isalpha():
        if _HAN.match(first):
            kind = "han"
        elif _KANA.match(first):
            kind = "kana"
        elif _HANGUL.match(first):
            kind = "hangul"
        elif tok.isupper():
            kind = "CAPS" if len(tok) > 1 else "C"
        elif first.isupper():
            kind = "Cap"
        else:
            kind = "low"
        if low in _MONTHS:
            feats.append("month")
        hit = lexicon.get(low, "")
        if hit:
            feats.append("lx=" + hit)
    elif first.isdigit():
        if tok.isdigit():
            kind = "num"
            feats.append("nd=" + str(min(len(tok), 6)))
            if _YEAR.match(tok):
                feats.append("year")
        elif _YEAR.match(tok):
            kind = "num"
            feats.append("year")
        else:
            kind = "alnum"
    elif first in _DASHES:
        kind = "dash"
    elif first in _OPEN:
        kind = "open"
    elif first in _CLOSE:
        kind = "close"
    elif first in _QUOTES_OPEN or first in _QUOTES_CLOSE or first in "\"'":
        kind = "quote"
    else:
        kind = "p" + first
    return kind, hit


def _base(tok: str, lexicon: Mapping[str, str]) -> _Base:
    """(lower-case word, short shape, kind, token-only features, the features it gives the
    token ``off`` places away, by ``off + _WINDOW``) of one token."""
    low = tok.lower()
    shape = _shape(tok)
    short = _short(shape)
    feats = ["w=" + low, "sh=" + short, "p1=" + tok[:1], "s1=" + low[-1:]]
    if len(tok) > 1:
        feats += ["p2=" + tok[:2], "s2=" + low[-2:]]
        if len(tok) > 2:
            feats += ["p3=" + tok[:3], "s3=" + low[-3:]]
            if len(tok) > 3:
                feats += ["p4=" + tok[:4], "s4=" + low[-4:]]
    kind, hit = _kind(tok, low, lexicon, feats)
    feats.append("k=" + kind)
    nb: list[list[str]] = []
    for off in _OFFSETS:
        if off == 0:
            nb.append([])
        elif abs(off) == 1:
            near = [f"{off}w={low}", f"{off}sh={short}", f"{off}k={kind}"]
            if hit:
                near.append(f"{off}lx={hit}")
            nb.append(near)
        elif abs(off) == 2:
            nb.append([f"{off}w={low}", f"{off}k={kind}"])
        else:
            nb.append([f"{off}w={low}"])
    return low, short, kind, feats, tuple(nb)


_PHRASE_LABELS = frozenset({"container", "collection", "publisher", "location"})
_PHRASE_WORDS = 12
# Punctuation a multi-word name may hold ("J. Phys.", "Taylor & Francis").
_PHRASE_GLUE = frozenset(".&'’-‐")


def _phrase_keys(text: str) -> list[str]:
    """The pieces of a name between commas, semicolons, colons and brackets that have two or
    more words, all of letters: their words in lower case, joined by one space."""
    keys: list[str] = []
    words: list[str] = []
    for t in [*tokenize(text), Token(",", 0, 0)]:
        if t.text[0].isalpha():
            words.append(t.text.lower())
        elif t.text[0].isdigit():
            words.append("")
        elif t.text not in _PHRASE_GLUE:
            if 1 < len(words) <= _PHRASE_WORDS and all(words):
                keys.append(" ".join(words))
            words = []
    return keys


class _Lexicon:
    """A lexicon's multi-word entries (journal, publisher, place names) for span matching:
    the phrases by their words joined with one space, and every proper word-prefix of them."""

    def __init__(self, lexicon: Mapping[str, str]) -> None:
        self.phrases = {k: v for k, v in lexicon.items() if " " in k}
        self.prefixes: set[str] = set()
        for key in self.phrases:
            words = key.split(" ")
            for m in range(1, len(words)):
                self.prefixes.add(" ".join(words[:m]))


def _phrase_marks(
    tokens: Sequence[Token], lows: Sequence[str], index: _Lexicon
) -> list[list[str]]:
    """Features of tokens inside (and just around) the longest multi-word lexicon match
    starting at each word, left to right; punctuation between the words is inside."""
    n = len(tokens)
    marks: list[list[str]] = [[] for _ in range(n)]
    if not index.phrases:
        return marks
    words = [i for i, t in enumerate(tokens) if t.text[0].isalnum()]
    # The words' pieces: a piece ends at punctuation that a name does not hold.
    piece = []
    p = 0
    for t in tokens:
        if not t.text[0].isalnum() and t.text not in _PHRASE_GLUE:
            p += 1
        piece.append(p)
    k = 0
    while k < len(words):
        key = lows[words[k]]
        best = -1
        label = ""
        m = k
        while True:
            hit = index.phrases.get(key)
            if hit:
                best, label = m, hit
            if (m + 1 >= len(words) or key not in index.prefixes
                    or piece[words[m + 1]] != piece[words[k]]):
                break
            m += 1
            key = key + " " + lows[words[m]]
        if best < 0:
            k += 1
            continue
        a, b = words[k], words[best]
        for i in range(a, b + 1):
            marks[i].append("ph=" + label)
        marks[a].append("phB=" + label)
        marks[b].append("phE=" + label)
        if a > 0:
            marks[a - 1].append("phP=" + label)
        if b + 1 < n:
            marks[b + 1].append("phA=" + label)
        k = best + 1
    return marks


# Features of a token alone, by token text, for the last lexicon used (tokens repeat a lot).
_BASE_CACHE: dict[int, tuple[Mapping[str, str], dict[str, _Base], _Lexicon]] = {}
_POS = [f"pos={k}" for k in range(10)]
_IDX = [f"idx={_bucket(k)}" for k in range(33)]
_DEPTH = ["depth=0", "depth=1", "depth=2"]
_YEARS = ["years=0", "years=1", "years=2"]
_AHEAD = ["ahead=0", "ahead=1", "ahead=2"]
_PERIODS = [f"periods={k}" for k in range(6)]
_LEFT = [f"left={k}" for k in range(4)]
_COMMAS = [f"commas={_bucket(k)}" for k in range(33)]
_ENDERS = frozenset(",.:;?!\"") | _CLOSE | _QUOTES_CLOSE
_OPENERS = _OPEN | _QUOTES_OPEN
# Words after which a reference's fields change ("In" a book, "eds.", "pp."), as printed
# (lower case) and capitalised.
_SEEN = {
    "ed": "eds", "eds": "eds", "editor": "eds", "editors": "eds", "hrsg": "eds",
    "pp": "pp", "p": "pp", "vol": "vol", "volume": "vol",
    "doi": "doi", "http": "url", "https": "url", "www": "url",
}
_SEEN_CAP = {"in": "in", "dans": "in", "en": "in", "vol": "vol", "volume": "vol",
             "doi": "doi", "eds": "eds", "hrsg": "eds"}


def _cap_share(words: int, caps: int) -> str:
    if words == 0:
        return "na"
    if caps == words:
        return "all"
    if 2 * caps >= words:
        return "most"
    return "few" if caps else "none"


def _runs(
    ends: Sequence[bool], starts: Sequence[bool], counts: Sequence[tuple[int, int, int, int]],
    prefix: str,
) -> list[str]:
    """For each token, a feature of the run of tokens it lies in (runs end after an ``ends``
    token and before a ``starts`` token): its number of words, its share of capitalised long
    words and whether it holds a number."""
    n = len(ends)
    out = [""] * n
    i = 0
    while i < n:
        j = i
        while j + 1 < n and not ends[j] and not starts[j + 1]:
            j += 1
        words = long = caps = digits = 0
        for k in range(i, j + 1):
            w, g, c, d = counts[k]
            words += w
            long += g
            caps += c
            digits += d
        feat = f"{prefix}={_bucket(words)}|{_cap_share(long, caps)}|{min(digits, 1)}"
        for k in range(i, j + 1):
            out[k] = feat
        i = j + 1
    return out


def _range_and_initial(kinds: Sequence[str], lows: Sequence[str], i: int) -> list[str]:
    """Number ranges (pages: ``range-start``, ``range-end``) and initials (``J .``) at
    token ``i``; both feature versions."""
    out: list[str] = []
    n, k = len(kinds), kinds[i]
    if k == "num" or k == "alnum":
        if i + 2 < n and kinds[i + 1] == "dash" and kinds[i + 2] in ("num", "alnum"):
            out.append("range-start")
        if i >= 2 and kinds[i - 1] == "dash" and kinds[i - 2] in ("num", "alnum"):
            out.append("range-end")
    if k == "C" and i + 1 < n and lows[i + 1] == ".":
        out.append("initial")
    return out


def _bases(
    tokens: Sequence[Token],
    lexicon: Mapping[str, str],
    known: dict[str, _Base],
    base: Callable[[str, Mapping[str, str]], _Base],
) -> tuple[list[_Base], list[str], list[str], list[tuple[list[str], ...]]]:
    """Each token's base (``known``: the bases read so far, by token text), and its
    lower-case words, kinds and neighbour features."""
    if len(known) > 200_000:
        known.clear()
    bases = []
    for t in tokens:
        found = known.get(t.text)
        if found is None:
            found = known[t.text] = base(t.text, lexicon)
        bases.append(found)
    return bases, [b[0] for b in bases], [b[2] for b in bases], [b[4] for b in bases]


def _nesting(first: str, depth: int, in_quote: bool) -> tuple[int, bool, bool, bool]:
    """After a token that starts with ``first``: the bracket depth, whether a quotation is
    open, whether one closed here, and whether the token was a bracket or quote at all."""
    if first in _OPEN:
        return depth + 1, in_quote, False, True
    if first in _CLOSE:
        return max(0, depth - 1), in_quote, False, True
    if first in _QUOTES_OPEN:
        return depth, True, False, True
    if first in _QUOTES_CLOSE:
        return depth, False, True, True
    if first == '"':
        return depth, not in_quote, in_quote, True
    return depth, in_quote, False, False


def _edges(tokens: Sequence[Token], i: int) -> list[str]:
    """Token ``i`` first or last in the string, glued to the token before or after."""
    n, tok = len(tokens), tokens[i]
    out = ["BOS"] if i == 0 else []
    if i == n - 1:
        out.append("EOS")
    if i > 0 and tokens[i - 1].end == tok.start:
        out.append("glue-")
    if i + 1 < n and tokens[i + 1].start == tok.end:
        out.append("glue+")
    return out


def _so_far(depth: int, in_quote: bool, years: int, periods: int, commas: int) -> list[str]:
    """The state of the string before a token: brackets open, inside a quotation, years,
    full stops and commas seen (a CRF's attributes are a set: their order is free)."""
    out = [_DEPTH[min(depth, 2)], _YEARS[min(years, 2)], _PERIODS[min(periods, 5)]]
    out.append(_COMMAS[min(commas, 32)])
    if in_quote:
        out.append("inquote")
    return out


def token_features(tokens: Sequence[Token], lexicon: Mapping[str, str]) -> list[list[str]]:
    """CRF features of each token, of the version the lexicon was built for."""
    version = features_version(lexicon)
    if version == 1:
        return _token_features_v1(tokens, lexicon)
    out = _token_features_v2(tokens, lexicon)
    if version >= 3:
        for feats, marks in zip(out, _rule_marks(tokens), strict=True):
            feats += marks
    return out


def _token_features_v2(
    tokens: Sequence[Token], lexicon: Mapping[str, str]
) -> list[list[str]]:
    """Features version 2: its own form, shape, prefixes and suffixes, its neighbours'
    (four each side), lexicon hits (a word's field; a multi-word journal, publisher or place
    name it lies in), the run of words between punctuation and the "sentence" it lies in,
    its position in the string, and what came before and after it (years, brackets, quotes,
    full stops, words such as "In", "eds.", "pp.")."""
    n = len(tokens)
    if n == 0:
        return []
    cache = _BASE_CACHE.get(id(lexicon))
    if cache is None or cache[0] is not lexicon:
        cache = (lexicon, {}, _Lexicon(lexicon))
        _BASE_CACHE.clear()
        _BASE_CACHE[id(lexicon)] = cache
    bases, lows, kinds, nbs = _bases(tokens, lexicon, cache[1], _base)
    phrases = _phrase_marks(tokens, lows, cache[2])
    is_year = ["year" in b[3] for b in bases]
    # Full stops that end a "sentence" (not an initial's or a capitals abbreviation's).
    stops = [
        t.text in "?!" or (t.text == "." and i > 0 and kinds[i - 1] not in ("C", "CAPS", "p."))
        for i, t in enumerate(tokens)
    ]
    counts = [
        (1, 1, 1, 0) if k in ("Cap", "CAPS") and len(t.text) > 3
        else (1, 1, 0, 0) if k == "low" and len(t.text) > 3
        else (1, 0, 0, 0) if t.text[0].isalpha()
        else (0, 0, 0, 1) if k == "num"
        else (0, 0, 0, 0)
        for t, k in zip(tokens, kinds, strict=True)
    ]
    opens = [t.text[0] in _OPENERS for t in tokens]
    chunk = _runs([t.text[0] in _ENDERS for t in tokens], opens, counts, "ch")
    sentence = _runs(stops, [False] * n, counts, "se")
    ahead = [0] * n
    left = [0] * n
    for i in range(n - 2, -1, -1):
        ahead[i] = ahead[i + 1] + is_year[i + 1]
        left[i] = left[i + 1] + stops[i + 1]
    out: list[list[str]] = []
    depth = years = periods = commas = 0
    in_quote = False
    seen: set[str] = set()
    for i, tok in enumerate(tokens):
        feats = [*bases[i][3], _POS[10 * i // n], _IDX[min(i, 32)], chunk[i], sentence[i]]
        feats += phrases[i]
        feats += _edges(tokens, i)
        for off in _OFFSETS:
            j = i + off
            if off and 0 <= j < n:
                feats += nbs[j][off + _WINDOW]
        if i >= 1:
            prev, prev_kind = lows[i - 1], kinds[i - 1]
        else:
            feats.append("-1w=BOS")
            prev = prev_kind = "BOS"
        if i + 1 < n:
            nxt, next_kind = lows[i + 1], kinds[i + 1]
        else:
            feats.append("1w=EOS")
            nxt = next_kind = "EOS"
        low = lows[i]
        feats.append(f"-1w|w={prev}|{low}")
        feats.append(f"w|+1w={low}|{nxt}")
        if i >= 2:
            feats.append(f"-2w|-1w={lows[i - 2]}|{prev}")
        if i + 2 < n:
            feats.append(f"+1w|+2w={nxt}|{lows[i + 2]}")
        feats.append(f"-1k|k|+1k={prev_kind}|{kinds[i]}|{next_kind}")
        k = kinds[i]
        feats += _range_and_initial(kinds, lows, i)
        # State of the string so far, and what is still to come.
        feats += _so_far(depth, in_quote, years, periods, commas)
        feats += [_AHEAD[min(ahead[i], 2)], _LEFT[min(left[i], 3)]]
        feats += ["seen=" + s for s in seen]
        out.append(feats)
        first = tok.text[0]
        depth, in_quote, closed, nested = _nesting(first, depth, in_quote)
        if closed:
            seen.add("quote")
        if not nested and stops[i]:
            periods += 1
        elif not nested and tok.text == ",":
            commas += 1
        if is_year[i] and k == "num":
            years += 1
        mark = _SEEN.get(tok.text) or (_SEEN_CAP.get(low) if first.isupper() else None)
        if mark:
            seen.add(mark)
    return out


# --------------------------------------------------------------------------- features, version 3

# The rule parser's fields, in the order they are looked for in the string, and the label
# each is named by (the tagger's own labels).
_RULE_FIELDS = (
    ("doi", "doi"), ("url", "url"), ("title", "title"), ("journal", "container"),
    ("booktitle", "container"), ("publisher", "publisher"), ("place", "location"),
    ("edition", "edition"),
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _find(words: Sequence[str], value: Sequence[str], start: int = 0) -> int:
    """Where the word sequence ``value`` first occurs in ``words`` at or after ``start``."""
    m = len(value)
    if not m:
        return -1
    first = value[0]
    for k in range(start, len(words) - m + 1):
        if words[k] == first and list(words[k : k + m]) == list(value):
            return k
    return -1


def _rule_text(tokens: Sequence[Token]) -> str:
    """The string the tokens were cut from, spaces for what lay between them (every
    non-space character is in a token)."""
    parts: list[str] = []
    at = 0
    for t in tokens:
        parts.append(" " * (t.start - at))
        parts.append(t.text)
        at = t.end
    return "".join(parts)


def rule_spans(
    tokens: Sequence[Token], reader: Callable[[str], Any] | None = None
) -> list[tuple[int, int, str]]:
    """The fields the hand-written rules read in a reference (``reader``: a string to a
    ``citelink.model.Reference``; default the rule parser alone, without the tagger), found
    back among ``tokens`` as ``(first token, last token, label)``: a field's words, in
    order, wherever they first occur (numbers after the journal or title when they can be)."""
    if reader is None:
        # Imported here: the rule parser's modules import this one's callers.
        from citelink.parse.references import parse_entry

        def reader(raw: str) -> Any:
            return parse_entry(raw, 1, learned=False)

    ref = reader(_rule_text(tokens))
    words: list[str] = []
    where: list[int] = []
    for i, t in enumerate(tokens):
        if t.text[0].isalnum():
            words.append(_fold(t.text))
            where.append(i)
    out: list[tuple[int, int, str]] = []

    def place(value: str | None, label: str, start: int = 0) -> int:
        """Mark ``value``'s words; the word index after them (``start`` if not found)."""
        if not value:
            return start
        seq = [_fold(t.text) for t in tokenize(value) if t.text[0].isalnum()]
        k = _find(words, seq, start)
        if k < 0 and start:
            k = _find(words, seq)
        if k < 0:
            return start
        out.append((where[k], where[k + len(seq) - 1], label))
        return k + len(seq)

    # Authors: from the first author's first name word to the last author's last.
    lo = hi = -1
    cursor = 0
    for author in ref.authors:
        seq = [_fold(t.text) for t in tokenize(author.family) if t.text[0].isalnum()]
        k = _find(words, seq, cursor)
        if k < 0:
            continue
        a, b = k, k + len(seq) - 1
        given = {_fold(t.text) for t in tokenize(author.given or "") if t.text[0].isalnum()}
        while a > 0 and a > cursor and words[a - 1] in given:
            a -= 1
        while b + 1 < len(words) and words[b + 1] in given:
            b += 1
        lo = a if lo < 0 else lo
        hi = b
        cursor = b + 1
    if lo >= 0:
        out.append((where[lo], where[hi], "author"))
    after = 0
    for attr, label in _RULE_FIELDS:
        end = place(getattr(ref, attr), label)
        if label in ("title", "container") and end:
            after = max(after, end)
    if ref.year is not None:
        place(str(ref.year), "date")
    end = place(ref.volume, "volume", after)
    end = place(ref.issue, "issue", end)
    place(ref.pages, "pages", end)
    return out


def _rule_marks(tokens: Sequence[Token]) -> list[list[str]]:
    """Features of each token from the rules' reading of the string: the field it lies in
    (``r=title``, ``r=none``), whether it is the field's first or last token, and the
    fields of the tokens on either side."""
    n = len(tokens)
    inside: list[list[str]] = [[] for _ in range(n)]
    marks: list[list[str]] = [[] for _ in range(n)]
    for a, b, label in rule_spans(tokens):
        for i in range(a, b + 1):
            inside[i].append(label)
        marks[a].append("rB=" + label)
        marks[b].append("rE=" + label)
    named = [here or ["none"] for here in inside]
    for i in range(n):
        marks[i] += ["r=" + lab for lab in named[i]]
        marks[i] += ["r-1=" + lab for lab in (named[i - 1] if i else ["BOS"])]
        marks[i] += ["r+1=" + lab for lab in (named[i + 1] if i + 1 < n else ["EOS"])]
    return marks


def _sure_bucket(p: float) -> str:
    return "lo" if p < 0.5 else "mid" if p < 0.8 else "hi" if p < 0.95 else "top"


def aux_features(tagger: Any, xseq: Sequence[Sequence[str]], prefix: str = "ax",
                 alternatives: float = 0.0) -> list[list[str]]:
    """Features of each token from another CRF's reading of the reference (``tagger``, an
    open ``pycrfsuite.Tagger`` whose features are ``xseq``; e.g. a CRF trained on another
    corpus, cross-corpus stacking): its label for the token (``ax=title``) and for the
    tokens up to two either side (``ax-2=``, ..., ``ax+2=``; ``BOS``/``EOS`` beyond the
    string), its label bigrams (``ax-1|ax=``, ``ax|ax+1=``), whether a field starts or ends
    at the token in its reading (``axB=``, ``axE=``), and its marginal probability of its
    state bucketed (below 0.5, 0.8, 0.95, or above) with its label (``axp=hi|title``).
    ``alternatives`` > 0: also each other label whose marginal probability (summed over its
    states) at the token is at least that (``axa=container``), its runner-up readings."""
    if not xseq:
        return []
    got = tagger.tag(xseq)
    labels = labels_of(got)
    n = len(labels)
    out: list[list[str]] = []
    known = tagger.labels() if alternatives > 0 else []
    for t, lab in enumerate(labels):
        prev = labels[t - 1] if t else "BOS"
        nxt = labels[t + 1] if t + 1 < n else "EOS"
        feats = [f"{prefix}={lab}",
                 f"{prefix}p={_sure_bucket(tagger.marginal(got[t], t))}|{lab}",
                 f"{prefix}-1|{prefix}={prev}|{lab}", f"{prefix}|{prefix}+1={lab}|{nxt}"]
        for off in (-2, -1, 1, 2):
            j = t + off
            feats.append(f"{prefix}{off:+d}=" + (labels[j] if 0 <= j < n else
                                                  "BOS" if j < 0 else "EOS"))
        if lab != "other":
            if prev != lab:
                feats.append(f"{prefix}B={lab}")
            if nxt != lab:
                feats.append(f"{prefix}E={lab}")
        if known:
            mass: dict[str, float] = defaultdict(float)
            for state in known:
                mass[state.partition(">")[0]] += tagger.marginal(state, t)
            feats += [f"{prefix}a={other}" for other, p in sorted(mass.items())
                      if other != lab and p >= alternatives]
        out.append(feats)
    return out


# --------------------------------------------------------------------------- features, version 1

_OFFSETS_V1 = (-3, -2, -1, 0, 1, 2, 3)


def _base_v1(tok: str, lexicon: Mapping[str, str]) -> _Base:
    """(lower-case word, short shape, kind, token-only features, the features it gives the
    token ``off`` places away, by ``off + 3``) of one token."""
    low = tok.lower()
    shape = _shape(tok)
    short = _short(shape)
    feats = ["w=" + low, "sh=" + short]
    if len(tok) > 2:
        feats += ["p3=" + tok[:3], "s3=" + low[-3:]]
        if len(tok) > 3:
            feats += ["p4=" + tok[:4], "s4=" + low[-4:]]
    kind, _ = _kind(tok, low, lexicon, feats)
    feats.append("k=" + kind)
    nb = tuple(
        [] if off == 0
        else [f"{off}w={low}"] if off in (-3, -2, 2, 3)
        else [f"{off}w={low}", f"{off}sh={short}", f"{off}k={kind}"]
        for off in _OFFSETS_V1
    )
    return low, short, kind, feats, nb


_BASE_CACHE_V1: dict[int, tuple[Mapping[str, str], dict[str, _Base]]] = {}


def _token_features_v1(
    tokens: Sequence[Token], lexicon: Mapping[str, str]
) -> list[list[str]]:
    """Features version 1 (the CRF shipped 2026-12-01 to 12-02): a token's own form and shape, its
    neighbours' (three each side), its position in the string and what came before it."""
    n = len(tokens)
    if n == 0:
        return []
    cache = _BASE_CACHE_V1.get(id(lexicon))
    if cache is None or cache[0] is not lexicon:
        cache = (lexicon, {})
        _BASE_CACHE_V1.clear()
        _BASE_CACHE_V1[id(lexicon)] = cache
    bases, lows, kinds, nbs = _bases(tokens, lexicon, cache[1], _base_v1)
    out: list[list[str]] = []
    depth = years = periods = commas = 0
    in_quote = False
    for i, tok in enumerate(tokens):
        feats = [*bases[i][3], _POS[10 * i // n], _IDX[min(i, 32)]]
        feats += _edges(tokens, i)
        if i >= 3:
            feats += nbs[i - 3][0]
        if i >= 2:
            feats += nbs[i - 2][1]
        if i >= 1:
            feats += nbs[i - 1][2]
            prev, prev_kind = lows[i - 1], kinds[i - 1]
        else:
            feats.append("-1w=BOS")
            prev = prev_kind = "BOS"
        if i + 1 < n:
            feats += nbs[i + 1][4]
            nxt, next_kind = lows[i + 1], kinds[i + 1]
        else:
            feats.append("1w=EOS")
            nxt = next_kind = "EOS"
        if i + 2 < n:
            feats += nbs[i + 2][5]
        if i + 3 < n:
            feats += nbs[i + 3][6]
        low = lows[i]
        feats.append(f"-1w|w={prev}|{low}")
        feats.append(f"w|+1w={low}|{nxt}")
        feats.append(f"-1k|k|+1k={prev_kind}|{kinds[i]}|{next_kind}")
        k = kinds[i]
        feats += _range_and_initial(kinds, lows, i)
        # State of the string so far.
        feats += _so_far(depth, in_quote, years, periods, commas)
        out.append(feats)
        depth, in_quote, _, nested = _nesting(tok.text[0], depth, in_quote)
        full_stop = tok.text == "." and i > 0 and len(tokens[i - 1].text) > 1
        if not nested and full_stop and kinds[i - 1] != "CAPS":
            periods += 1
        elif not nested and tok.text == ",":
            commas += 1
        if k == "num" and "year" in bases[i][3]:
            years += 1
    return out


# --------------------------------------------------------------------------- the model

_lock = threading.Lock()
_loaded: dict[str, Any] = {}


class TaggerModelError(RuntimeError):
    """The packaged CRF model (or CRFsuite itself) could not be loaded."""


def _models_dir() -> Path:
    return Path(str(resources.files("citelink.parse").joinpath("models")))


def read_lexicon(text: str) -> dict[str, str]:
    """``word<TAB>label`` lines into a dict."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        word, sep, label = line.partition("\t")
        if sep and word:
            out[word] = label
    return out


def _model() -> tuple[network.Ensemble, dict[str, str]]:
    with _lock:
        if "ensemble" not in _loaded:
            folder = _models_dir()
            path = folder / CRF_NAME
            try:
                crf = network.read_crf(path)
                shared: dict[tuple[bytes, int], Mapping[str, int]] = {}
                nets = tuple(
                    network.read_network(folder / network_name(n),
                                         folder / bag_name(network_name(n)), shared)
                    for n in NETWORKS
                )
                lexicon = read_lexicon((folder / LEXICON_NAME).read_text(encoding="utf-8"))
            except (OSError, ValueError, KeyError) as exc:
                raise TaggerModelError(
                    f"cannot load the reference tagger model {path}: {exc} "
                    "(reinstall citelink, or run tools/train_tagger.py and "
                    "tools/train_network.py)"
                ) from exc
            if any(n.states != crf.states for n in nets):
                raise TaggerModelError(f"the reference tagger models in {folder} disagree "
                                       "on their states (retrain them together)")
            follows, first = network.grammar(crf.states, state_follows)
            _loaded["ensemble"] = network.Ensemble(crf, nets, follows, first)
            _loaded["lexicon"] = lexicon
        return _loaded["ensemble"], _loaded["lexicon"]


_GBT_TYPE = re.compile(r"[\[［](?:[JMCDRSPNZAGK]|EB|DB|CP)(?:/OL)?[\]］]")


def spans_of(raw: str, tokens: Sequence[Token], labels: Sequence[str]) -> tuple[Span, ...]:
    """Maximal runs of one label over the tokens, as spans of ``raw``."""
    spans: list[Span] = []
    i = 0
    n = len(tokens)
    while i < n:
        j = i
        while j + 1 < n and labels[j + 1] == labels[i]:
            j += 1
        start, end = tokens[i].start, tokens[j].end
        spans.append(Span(labels[i], raw[start:end], start, end))
        i = j + 1
    return tuple(spans)


def tag(raw: str) -> Tagged:
    """Label each token of one reference string with its field."""
    return tag_many_with_confidence([raw])[0][0]


def tag_with_confidence(raw: str) -> tuple[Tagged, tuple[float, ...]]:
    """``tag``, and for each span how sure the model is of it: the least marginal
    probability the model gives any of its tokens' labels (summed over the label's states;
    1.0 for GB/T type codes)."""
    return tag_many_with_confidence([raw])[0]


def tag_many_with_confidence(raws: Sequence[str]) -> list[tuple[Tagged, tuple[float, ...]]]:
    """``tag_with_confidence`` of several strings, their networks run as one batch (an
    article's entries: one pass instead of one a string)."""
    ensemble, lexicon = _model()
    version = features_version(lexicon)
    tokens = [tokenize(raw, version) for raw in raws]
    todo = [k for k, toks in enumerate(tokens) if toks]
    chains = ensemble.chains(
        [([t.text for t in tokens[k]], token_features(tokens[k], lexicon)) for k in todo]
    )
    by_label: dict[str, list[int]] = defaultdict(list)
    for k, state in enumerate(ensemble.states):
        by_label[state.partition(">")[0]].append(k)
    out: list[tuple[Tagged, tuple[float, ...]]] = [(Tagged(raw, ()), ()) for raw in raws]
    for k, chain in zip(todo, chains, strict=True):
        out[k] = _confident(raws[k], tokens[k], ensemble.states, chain, by_label)
    return out


def _confident(
    raw: str, tokens: Sequence[Token], states_: Sequence[str],
    chain: tuple[Any, Any, Any, Any], by_label: Mapping[str, list[int]],
) -> tuple[Tagged, tuple[float, ...]]:
    labels = labels_of([states_[k] for k in network.viterbi(*chain)])
    probs = network.marginals(*chain)
    # A label's probability is the sum of its states' (``title>B`` and ``title``).
    margins = [float(probs[k, by_label[label]].sum()) for k, label in enumerate(labels)]
    for m in _GBT_TYPE.finditer(raw):
        # GB/T 7714 document-type codes ([J], [M], [EB/OL]...) are exact: always the genre.
        for k, t in enumerate(tokens):
            if m.start() <= t.start < m.end():
                labels[k], margins[k] = "genre", 1.0
    spans = spans_of(raw, tokens, labels)
    sure: list[float] = []
    k = 0
    for span in spans:
        inside = []
        while k < len(tokens) and tokens[k].start < span.end:
            inside.append(k)
            k += 1
        if span.label == "date":
            # A date is as sure as its numbers: the words a date span runs on into
            # ("2015 falta referencia") are what the model doubts, not the year.
            inside = [j for j in inside if tokens[j].text.isdigit()] or inside
        sure.append(min((margins[j] for j in inside), default=1.0))
    return Tagged(raw, spans), tuple(sure)


def tag_many(raws: Sequence[str]) -> list[Tagged]:
    """``tag`` over many strings, as one batch."""
    return [tagged for tagged, _ in tag_many_with_confidence(raws)]


# --------------------------------------------------------------------------- training data

_SPACE = re.compile(r"\s+")


def _local(tag_name: str) -> str:
    return tag_name.rsplit("}", 1)[-1].lower()


def _grobid_label(el: Any, has_article_title: bool) -> str:
    name = _local(el.tag)
    attrs = {k.rsplit("}", 1)[-1]: (v or "").lower() for k, v in el.attrib.items()}
    kind = attrs.get("level") or attrs.get("unit") or attrs.get("type") or ""
    if name in ("author", "authors"):
        return "author"
    if name == "editor":
        return "editor"
    if name == "title":
        if kind == "j":
            return "container"
        if kind == "s":
            return "collection"
        if kind == "m":
            return "container" if has_article_title else "title"
        return "title"
    if name in ("date", "year", "month"):
        return "date"
    if name == "biblscope":
        if kind.startswith("vol"):
            return "volume"
        if kind == "issue":
            return "issue"
        if kind.startswith("pp") or kind.startswith("page"):
            return "pages"
        return "note"
    if name == "pubplace":
        return "location"
    if name in ("publisher", "publishe"):
        return "publisher"
    if name == "orgname":
        return "author" if kind == "collaboration" else "publisher"
    if name == "idno":
        return "doi" if kind == "doi" else "identifier"
    if name == "ptr":
        return "url"
    if name == "note":
        return "genre" if kind == "report" else "note"
    return "other"


class _Builder:
    """Accumulates a reference string with whitespace collapsed and labelled pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.fields: list[tuple[int, int, str]] = []

    def add(self, text: str, label: str) -> None:
        text = _SPACE.sub(" ", text)
        if not text:
            return
        if text.startswith(" ") and (self.size == 0 or self.parts[-1].endswith(" ")):
            text = text[1:]
        if not text:
            return
        start = self.size
        self.parts.append(text)
        self.size += len(text)
        if label != "other":
            core = text.strip()
            if core:
                lead = len(text) - len(text.lstrip())
                self.fields.append((start + lead, start + lead + len(core), label))

    def example(self) -> Example | None:
        raw = "".join(self.parts)
        stripped = raw.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if lead:
            return None  # add() never starts with a space
        if not stripped:
            return None
        fields = tuple(
            (s, min(e, len(stripped)), lab) for s, e, lab in self.fields if s < len(stripped)
        )
        return Example(stripped, fields)


def read_grobid(xml_text: str) -> list[Example]:
    """The ``<bibl>`` elements of one GROBID citation training file (TEI or ``<citations>``)."""
    root = SafeET.fromstring(xml_text)
    out: list[Example] = []
    for bibl in root.iter():
        if _local(bibl.tag) != "bibl":
            continue
        has_a = any(
            _local(c.tag) == "title" and (c.get("level") or "").lower() == "a" for c in bibl
        )
        b = _Builder()
        b.add(bibl.text or "", "other")
        for child in bibl:
            b.add("".join(child.itertext()), _grobid_label(child, has_a))
            b.add(child.tail or "", "other")
        ex = b.example()
        if ex is not None:
            out.append(ex)
    return out


_ANYSTYLE_LABELS = {
    "author": "author",
    "editor": "editor",
    "translator": "editor",
    "director": "editor",
    "producer": "editor",
    "title": "title",
    "journal": "container",
    "container-title": "container",
    "collection-title": "collection",
    "date": "date",
    "volume": "volume",
    "pages": "pages",
    "publisher": "publisher",
    "location": "location",
    "edition": "edition",
    "doi": "doi",
    "url": "url",
    "identifier": "identifier",
    "citation-number": "citation-number",
    "genre": "genre",
    "note": "note",
    "medium": "note",
}

_LEAD = {
    "volume": re.compile(
        r"(?:vols?\b\.?|v\.|bd\.?|t\.|tome|band|volume|n[°º]|no\.?|nr\.?)\s*", re.I
    ),
    "pages": re.compile(r"(?:pp?\.|pages?|s\.|seiten|стр\.|с\.)\s*", re.I),
    "container": re.compile(r"(?:in\b:?|en\b:?|dans\b:?)\s*", re.I),
    "editor": re.compile(r"(?:\(?eds?\.\)?|edited by|ed\. by|hrsg\.?( v\.)?|hg\.)\s*", re.I),
    "edition": re.compile(r"^$"),
    "doi": re.compile(r"(?:doi\b:?|https?://(?:dx\.)?doi\.org/)\s*", re.I),
    "url": re.compile(r"(?:url\b:?|available (?:at|from)\b:?|retrieved from\b:?)\s*", re.I),
    "identifier": re.compile(r"(?:pmid\b:?|isbn\b:?|issn\b:?)\s*", re.I),
}
_TRAIL = {
    "pages": re.compile(r"\s*(?:pp?|s|pages?)\.?$", re.I),
    "editor": re.compile(r"\s*\(?(?:eds?|hrsg|hg)\.?\)?$", re.I),
}
_STRIP_LEAD = "([{\"'“‘«„「『 ,;:"
_STRIP_TRAIL = ")]}\"'”’»」』 ,;:"
_KEEP_DOT = {"author", "editor", "container", "collection", "publisher", "url", "edition", "note"}
_YEAR_FIRST = re.compile(r"((?:1[5-9]|20)\d\d)[a-z]?\s*[;:,]\s*(?=\d)")
_VOLUME_ISSUE = re.compile(
    r"(\d+[A-Za-z]?)\s*(?:\((\w[^()]*)\)|[,;:]?\s*"
    r"(?:nos?\.?|n[°º.]|nr\.?|núm\.?|num\.?|issue|h\.|heft)\s*(\d[\w/-]*))",
    re.I,
)


def _trim(text: str, label: str) -> list[tuple[int, int, str]]:
    """Relative ``(start, end, label)`` pieces of one AnyStyle segment in GROBID's convention."""
    start, end = 0, len(text)
    for _ in range(3):
        while start < end and text[start] in _STRIP_LEAD:
            start += 1
        lead = _LEAD.get(label)
        if lead:
            m = lead.match(text, start, end)
            if m and m.end() > start:
                start = m.end()
        while start < end and text[end - 1] in _STRIP_TRAIL + ".":
            ch = text[end - 1]
            if ch in ")]}）】" and text.count("(", start, end) + text.count("[", start, end) >= \
                    text.count(")", start, end) + text.count("]", start, end):
                break
            if ch == "." and label in _KEEP_DOT:
                # Keep the full stop of an abbreviation or initial ("J. Phys.", "M.").
                word = re.search(r"(\S+)\.$", text[start:end])
                limit = 2 if label in ("author", "editor") else 6
                if word and (len(word.group(1)) <= limit or "." in word.group(1)):
                    break
            end -= 1
        trail = _TRAIL.get(label)
        if trail:
            m = trail.search(text, start, end)
            if m and m.start() > start:
                end = m.start()
    if start >= end:
        return []
    if label == "volume":
        pieces = []
        y = _YEAR_FIRST.match(text, start, end)
        if y:
            # Vancouver's "2012;379(3)" printed as one volume: the year is the date.
            pieces.append((y.start(1), y.end(1), "date"))
            start = y.end()
        m = _VOLUME_ISSUE.search(text, start, end)
        if m:
            pieces.append((m.start(1), m.end(1), "volume"))
            g = 2 if m.group(2) else 3
            pieces.append((m.start(g), m.end(g), "issue"))
            return pieces
        return [*pieces, (start, end, label)]
    return [(start, end, label)]


def read_anystyle(xml_text: str) -> list[Example]:
    """The ``<sequence>`` elements of one AnyStyle parser data file."""
    root = SafeET.fromstring(xml_text)
    out: list[Example] = []
    for seq in root.iter("sequence"):
        parts: list[str] = []
        fields: list[tuple[int, int, str]] = []
        size = 0
        for seg in seq:
            text = _SPACE.sub(" ", "".join(seg.itertext())).strip()
            if not text:
                continue
            if parts:
                parts.append(" ")
                size += 1
            label = _ANYSTYLE_LABELS.get(_local(seg.tag), "note")
            for s, e, lab in _trim(text, label):
                fields.append((size + s, size + e, lab))
            parts.append(text)
            size += len(text)
        if parts:
            out.append(Example("".join(parts), tuple(fields)))
    return out


def token_labels(example: Example, tokens: Sequence[Token]) -> list[str]:
    """The gold label of each token: the field its first character lies in."""
    chars = ["other"] * len(example.raw)
    for s, e, lab in example.fields:
        for k in range(s, e):
            chars[k] = lab
    return [chars[t.start] for t in tokens]


def build_lexicon(
    examples: Iterable[Example], min_count: int = 3, share: float = 0.75,
    phrase_count: int = 1, version: int = FEATURES,
) -> dict[str, str]:
    """The dictionaries a CRF's features look words up in: words (lower case, letters only,
    2+ characters) seen at least ``min_count`` times and at least ``share`` of the time in
    one of the fields container, publisher, location, author, title, editor or genre; and
    whole journal, series, publisher and place names of two or more words (their words in
    lower case, joined by one space) seen at least ``phrase_count`` times as a whole field,
    at least ``share`` of the time as one label (version 2; version 1 has words only), and
    the version (``FEATURES_KEY``)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    phrases: dict[str, Counter[str]] = defaultdict(Counter)
    for ex in examples:
        tokens = tokenize(ex.raw, version)
        for tok, lab in zip(tokens, token_labels(ex, tokens), strict=True):
            if len(tok.text) > 1 and tok.text.isalpha() and not _HAN.match(tok.text[0]):
                counts[tok.text.lower()][lab] += 1
        for s, e, lab in ex.fields:
            if lab in _PHRASE_LABELS:
                for key in _phrase_keys(ex.raw[s:e]):
                    phrases[key][lab] += 1
    wanted = {"container", "publisher", "location", "author", "title", "editor", "genre"}
    out: dict[str, str] = {}
    for word in sorted(counts):
        c = counts[word]
        total = sum(c.values())
        label, top = c.most_common(1)[0]
        if total >= min_count and top >= share * total and label in wanted:
            out[word] = label
    if version == 1:
        return out
    out[FEATURES_KEY] = str(version)
    for key in sorted(phrases):
        c = phrases[key]
        total = sum(c.values())
        label, top = c.most_common(1)[0]
        if total >= phrase_count and top >= share * total:
            out[key] = label
    return out


def write_lexicon(lexicon: Mapping[str, str]) -> str:
    return "".join(f"{w}\t{lab}\n" for w, lab in sorted(lexicon.items()))


def states(labels: Sequence[str]) -> list[str]:
    """The CRF's states for a label sequence: the first token of a field is told from the
    others (``title>B``), and an ``other`` token (punctuation and words between fields) also
    names the field before it (``other>title``), so that a first-order chain remembers
    across the punctuation which field came last."""
    out: list[str] = []
    last = "BOS"
    prev = ""
    for label in labels:
        if label == "other":
            out.append("other>" + last)
        else:
            out.append(label + ">B" if label != prev else label)
            last = label
        prev = label
    return out


def labels_of(tagged: Sequence[str]) -> list[str]:
    """The labels of a sequence of CRF states (``states`` undone)."""
    return [s.partition(">")[0] for s in tagged]


def state_follows(prev: str | None, cur: str) -> bool:
    """May CRF state ``cur`` follow ``prev`` (``None``: the sequence's start) under the state
    grammar of ``states``? ``FIELD>B`` after any state of another label (or first);
    ``FIELD`` only after ``FIELD>B`` or ``FIELD``; ``other>FIELD`` only after a state of
    ``FIELD`` or ``other>FIELD`` (``other>BOS``: first, or after ``other>BOS``)."""
    label, _, rest = cur.partition(">")
    if prev is None:
        return rest == "B" or cur == "other>BOS"
    before = prev.partition(">")[0]
    if rest == "B":
        return before != label
    if label == "other":
        return prev == cur or (before == rest and before != "other")
    return before == label and label != "other"


def decode(
    states_: Sequence[str], scores: Sequence[Sequence[float]],
    moves: Sequence[Sequence[float]] | None = None,
) -> list[str]:
    """The state path with the highest summed ``scores`` (``scores[t][s]``: token ``t``,
    state ``states_[s]``; e.g. log marginal probabilities averaged over several models),
    plus ``moves[a][b]`` for each step from state ``a`` to ``b`` if given (a CRF's
    transition weights), among the paths the state grammar allows (``state_follows``).
    Empty for no tokens."""
    n, m = len(scores), len(states_)
    if not n:
        return []
    follows = [[state_follows(states_[a], states_[b]) for b in range(m)] for a in range(m)]
    neg = float("-inf")
    best = [scores[0][s] if state_follows(None, states_[s]) else neg for s in range(m)]
    back: list[list[int]] = []
    for t in range(1, n):
        row = scores[t]
        nxt = [neg] * m
        ptr = [0] * m
        for b in range(m):
            top, arg = neg, 0
            for a in range(m):
                here = best[a] + moves[a][b] if moves is not None else best[a]
                if follows[a][b] and here > top:
                    top, arg = here, a
            if top > neg:
                nxt[b], ptr[b] = top + row[b], arg
        best = nxt
        back.append(ptr)
    s = max(range(m), key=best.__getitem__)
    path = [s]
    for ptr in reversed(back):
        s = ptr[s]
        path.append(s)
    return [states_[k] for k in reversed(path)]


def state_marginals(tagger: Any, xseq: Sequence[Sequence[str]], states_: Sequence[str]
                    ) -> list[list[float]]:
    """CRFsuite's marginal probability of each state (``states_``, in that order; 0.0 for a
    state the model does not know) at each token of ``xseq``."""
    known = set(tagger.labels())
    tagger.set(xseq)
    return [[tagger.marginal(s, t) if s in known else 0.0 for s in states_]
            for t in range(len(xseq))]


def crf_weights(
    tagger: Any, states_: Sequence[str]
) -> tuple[dict[str, list[float]], list[list[float]]]:
    """A CRFsuite model's weights: for each attribute its weight for each of ``states_``,
    and the transition weights between ``states_`` (0.0 where the model has none)."""
    info = tagger.info()
    index = {s: k for k, s in enumerate(states_)}
    attrs: dict[str, list[float]] = {}
    for (attr, state), w in info.state_features.items():
        if state in index:
            attrs.setdefault(attr, [0.0] * len(states_))[index[state]] = w
    moves = [[0.0] * len(states_) for _ in states_]
    for (a, b), w in info.transitions.items():
        if a in index and b in index:
            moves[index[a]][index[b]] = w
    return attrs, moves


def state_scores(
    attrs: Mapping[str, Sequence[float]], xseq: Sequence[Sequence[str]], size: int
) -> list[list[float]]:
    """Each token's summed attribute weights per state (``crf_weights``): the CRF's
    unnormalised log potentials, which ``decode`` takes with its transition weights."""
    out = []
    for feats in xseq:
        row = [0.0] * size
        for attr in feats:
            ws = attrs.get(attr)
            if ws is not None:
                for k, w in enumerate(ws):
                    row[k] += w
        out.append(row)
    return out


def sequences(
    examples: Iterable[Example], lexicon: Mapping[str, str]
) -> Iterable[tuple[list[list[str]], list[str]]]:
    """(features, CRF states) of each example, for training (version 1: the labels)."""
    version = features_version(lexicon)
    for ex in examples:
        tokens = tokenize(ex.raw, version)
        if tokens:
            labels = token_labels(ex, tokens)
            yield token_features(tokens, lexicon), labels if version == 1 else states(labels)


def train_sequences(
    seqs: Iterable[tuple[list[list[str]], list[str]]],
    model_path: Path,
    *,
    max_iterations: int = 150,
    c1: float = 0.1,
    c2: float = 0.01,
    min_freq: int = 1,
    algorithm: str = "lbfgs",
    params: Mapping[str, float | int | str] | None = None,
) -> None:
    """Train a CRF (L-BFGS with L1+L2 regularisation; or another of CRFsuite's ``algorithm``
    s, ``l2sgd``, ``ap``, ``pa``, ``arow``, which take no ``c1``) on (features, CRF states)
    sequences (``sequences(examples, lexicon)``, or built with the lexicon of one's choice)
    and write it to ``model_path``. ``params`` are further CRFsuite parameters."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=False)
    for xseq, yseq in seqs:
        trainer.append(xseq, yseq)
    settings: dict[str, float | int | str | bool] = {
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": min_freq,
    }
    if algorithm == "lbfgs":
        settings.update({"c1": c1, "c2": c2})
    elif algorithm == "l2sgd":
        settings["c2"] = c2
    settings.update(params or {})
    trainer.set_params(settings)
    trainer.train(str(model_path))
