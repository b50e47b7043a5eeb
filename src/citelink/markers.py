"""In-text pointers: citation markers (``^[8-9]``, ``[23, 37]``, superscript ``¹²``) and
table pointers (``（见表 1～2, 4）``, ``see Table 3``), each expanded to the numbers it names.

Grammar only: nothing here knows which references or tables exist, except the optional
upper bound that decides whether a run of superscript digits is clearly a marker.
"""

from __future__ import annotations

import re

from citelink.model import Marker, TablePointer
from citelink.text import SUPERSCRIPT_DIGITS, fold_width, is_cjk, plain_superscripts

MAX_RANGE = 200
_NUM = r"\d{1,3}"
_DASH = r"[-‐‑‒–—−~～－]"
_SEP = r"[,，、;；]"
_LIST = rf"{_NUM}(?:\s*{_DASH}\s*{_NUM})?(?:\s*{_SEP}\s*{_NUM}(?:\s*{_DASH}\s*{_NUM})?)*"
_BRACKET = re.compile(
    rf"(?P<caret>\^\s*)?[\[［【]\s*(?P<list>{_LIST})\s*[\]］】]"
    # IEEE ranges written as two markers: [1]–[3]
    rf"(?:\s*{_DASH}\s*[\[［]\s*(?P<upto>{_NUM})\s*[\]］])?"
)
_SUPER = f"[{SUPERSCRIPT_DIGITS}]+"
_SUPERSCRIPT = re.compile(rf"{_SUPER}(?:\s?[,⁻‐–-]\s?{_SUPER})*")
# A superscript after one of these is an exponent or a unit (m², 10⁷, x³), not a marker.
_UNIT_BEFORE = re.compile(r"(?:\b(?:[cmkµμn]?m|[mk]?g|s|ms|h|x|y|n|r|cm|mm|km|ml|kg|mg)|\d|\^)$")

# Inside parentheses a table list may use commas: （见表 1~2, 4）. Outside them a comma
# ends the pointer (``Table 1, 2 patients``); ranges and words still join numbers.
_TABLE_NUMS = r"\d{1,2}(?:\s*(?:[-–—~～、,，&]|and|to|和|及|与|至)\s*\d{1,2})*"
_BARE_NUMS = r"\d{1,2}(?:\s*(?:[-–—~～、&]|and|to|和|及|与|至)\s*\d{1,2})*(?![\d.]\d)"
_CN_POINTER = re.compile(
    rf"[(（]\s*(?:详见|参见|见)?\s*表\s*(?P<a>{_TABLE_NUMS})\s*[)）]"
    rf"|(?:(?<=[见如由据从和及与、,，\s])|^)表\s*(?P<b>{_BARE_NUMS})"
)
_EN_POINTER = re.compile(
    rf"\(\s*(?:see\s+)?(?:Tables?|Tab\.)\s*(?P<a>{_TABLE_NUMS})\s*\)"
    rf"|\bTables\s*(?P<c>{_TABLE_NUMS})\b"
    rf"|\b(?:Table|Tab\.)\s*(?P<b>{_BARE_NUMS})\b",
    re.I,
)


def expand(numbers: str) -> tuple[int, ...]:
    """``23-24, 38-39`` -> (23, 24, 38, 39); ranges may use any dash or tilde. Order of
    first appearance is kept, repeats dropped."""
    text = fold_width(numbers)
    out: list[int] = []
    for part in re.split(r"\s*(?:[,;、]|\band\b|&|和|及|与)\s*", text):
        bounds = [int(x) for x in re.findall(r"\d+", part)]
        if not bounds:
            continue
        if len(bounds) >= 2 and re.search(rf"{_DASH}|\bto\b|至", part):
            lo, hi = bounds[0], bounds[-1]
            span = range(lo, hi + 1) if lo <= hi and hi - lo <= MAX_RANGE else (lo, hi)
            out.extend(span)
        else:
            out.extend(bounds)
    return tuple(dict.fromkeys(out))


def _superscript_is_marker(text: str, start: int, end: int, max_ref: int | None) -> bool:
    before = text[:start]
    prev = before[-1:] if before else ""
    nxt = text[end : end + 1]
    if not prev or prev.isspace() or _UNIT_BEFORE.search(before):
        return False
    if not (prev.isalpha() or prev in '.,;:)]"”’' or is_cjk(prev)):
        return False
    if nxt and (nxt.isalnum() and not is_cjk(nxt)):
        return False
    refs = expand(plain_superscripts(text[start:end]))
    return bool(refs) and (max_ref is None or max(refs) <= max_ref)


def find_markers(text: str, max_ref: int | None = None) -> tuple[Marker, ...]:
    """Every citation marker in ``text``, in order. Superscript digits count only where
    they are clearly markers: after a word or closing punctuation, not after a digit or a
    unit, and (given ``max_ref``) naming only existing reference numbers."""
    found: list[Marker] = []
    for m in _BRACKET.finditer(text):
        numbers = m.group("list") + (f"-{m.group('upto')}" if m.group("upto") else "")
        refs = expand(numbers)
        if refs:
            found.append(Marker(m.group(), refs, m.start(), m.end()))
    for m in _SUPERSCRIPT.finditer(text):
        if _superscript_is_marker(text, m.start(), m.end(), max_ref):
            found.append(
                Marker(m.group(), expand(plain_superscripts(m.group())), m.start(), m.end())
            )
    return tuple(sorted(found, key=lambda mk: mk.start))


_JOINER = re.compile(r"\s*(?:和|及|与|或|、|,|，|and|or|&)?\s*", re.I)


def find_table_pointers(text: str) -> tuple[TablePointer, ...]:
    """Every pointer to a numbered table in ``text`` (Chinese 表 n or English Table n);
    ``表 1 和表 2`` / ``Table 1 and Table 3`` is one pointer naming both."""
    found: list[TablePointer] = []
    for pattern in (_CN_POINTER, _EN_POINTER):
        for m in pattern.finditer(text):
            nums = next(g for g in m.groups() if g)
            tables = expand(nums)
            if tables:
                found.append(TablePointer(m.group().strip(), tables, m.start(), m.end()))
    merged: list[TablePointer] = []
    for pointer in sorted(found, key=lambda p: p.start):
        prev = merged[-1] if merged else None
        if prev is not None and _JOINER.fullmatch(text[prev.end : pointer.start]):
            merged[-1] = TablePointer(
                text[prev.start : pointer.end],
                tuple(dict.fromkeys(prev.tables + pointer.tables)),
                prev.start,
                pointer.end,
            )
        else:
            merged.append(pointer)
    return tuple(merged)
