"""Pure comparisons of bibliographic strings: titles, journal names, surnames, pages.

Each function answers one question about two strings, both as printed by people; the
matcher (``match``) and the discrepancy report (``compare``) share them.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz

from citelink.parse.text import has_cjk, name_variants

_STOP = frozenset(
    "a an and the of for in on at to de des du la le les el der die das und fur et y e "
    "da do dos di del".split()
)


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Lower-case ASCII words (accents dropped, Han transliterated, ``&`` is ``and``)."""
    text = unicodedata.normalize("NFKC", text).replace("&", " and ")
    return tuple(re.findall(r"[a-z0-9]+", anyascii(text).lower()))


def title_similarity(printed: str | None, registered: str | None) -> float | None:
    """0..1; ``None`` when either title is missing or they are in different scripts
    (a Chinese printed title against an English record says nothing either way)."""
    if not printed or not registered or has_cjk(printed) != has_cjk(registered):
        return None
    a, b = words(printed), words(registered)
    if not a or not b:
        return None
    if a == b:
        return 1.0
    seq = fuzz.ratio(" ".join(a), " ".join(b)) / 100  # Indel (LCS) similarity, in C
    common = sum(min(a.count(w), b.count(w)) for w in set(a))
    dice = 2 * common / (len(a) + len(b))
    return round(max(seq, dice), 4)


def same_surname(printed: str, registered: str) -> bool:
    return bool(name_variants(printed) & name_variants(registered))


def surname_closeness(printed: str, registered: str) -> float:
    a, b = min(name_variants(printed)), min(name_variants(registered))
    return float(fuzz.ratio(a, b)) / 100


class JournalAgreement(StrEnum):
    SAME = "same"
    TRUNCATED = "truncated"  # printed names only the start of the registered title
    DIFFERENT = "different"


def _content_words(name: str) -> list[str]:
    return [w for w in words(name) if w not in _STOP]


def _abbreviates(short: str, full: str) -> bool:
    """``gastroenterol`` abbreviates ``gastroenterology``; ``natl`` abbreviates ``national``:
    same first letter, and the short form's letters appear in order."""
    if short == full:
        return True
    if not short or not full or short[0] != full[0] or len(short) > len(full):
        return False
    it = iter(full)
    return all(ch in it for ch in short)


def _covers(short: list[str], full: list[str]) -> int | None:
    """How many words of ``full`` the words of ``short`` abbreviate, word by word from the
    start; ``None`` when they do not line up (a missing leading ``J`` names another
    journal: "Gastroenterol Hepatol" is not "J Gastroenterol Hepatol")."""
    if not short or len(short) > len(full):
        return None
    for s, f in zip(short, full, strict=False):
        if not _abbreviates(s, f):
            return None
    return len(short)


def journal_agreement(
    printed: str | None, full: str | None, short: str | None
) -> JournalAgreement | None:
    """Whether a printed journal name names the registered journal (full or short title)."""
    if not printed or not (full or short):
        return None
    p = _content_words(printed)
    if not p:
        return None
    truncated = False
    for name in (short, full):
        if not name:
            continue
        r = _content_words(name)
        if p == r:
            return JournalAgreement.SAME
        for a, b in ((p, r), (r, p)):
            covered = _covers(a, b)
            if covered is None:
                continue
            if covered == len(b):
                return JournalAgreement.SAME
            if a is p:
                truncated = True
    return JournalAgreement.TRUNCATED if truncated else JournalAgreement.DIFFERENT


def _page_number(token: str) -> str:
    """``S112`` -> ``112``, ``e32498`` -> ``32498``, ``512.e1`` -> ``512``."""
    token = token.strip().split(".")[0]
    m = re.search(r"\d+", token)
    return m.group(0) if m else token.lower()


def page_range(pages: str | None) -> tuple[str, str | None] | None:
    """(first page, last page) as bare numbers, abbreviated ranges expanded
    (``1168-70`` -> ``1168``, ``1170``)."""
    if not pages or not pages.strip():
        return None
    parts = re.split(r"\s*[-\u2010-\u2015]+\s*", pages.strip(), maxsplit=1)
    first = _page_number(parts[0])
    if len(parts) == 1 or not parts[1]:
        return first, None
    last = _page_number(parts[1])
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def normalize_issue(issue: str | None) -> str | None:
    """``Suppl 2`` / ``Suppl. 2`` / ``S2`` / ``suppl_2`` -> ``s2``; ``(1)`` -> ``1``."""
    if not issue:
        return None
    text = issue.lower()
    text = re.sub(r"supp?l?e?m?e?n?t?\.?[\s_]*|\bs(?=\d)", "s", text)
    return re.sub(r"[^a-z0-9]", "", text) or None
