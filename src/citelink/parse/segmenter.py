"""Where entries begin in an unnumbered reference list: a CRF over lines.

``entry_starts(lines)`` says, for each line of a reference list as printed (one entry may wrap
over several lines), whether it begins a new entry. The model is a linear-chain CRF over the
lines with features of each line and its neighbours: how it opens (shape of its first tokens,
a number, a capitalised surname and initials, a lower-case word), how the previous line ends
(full stop, comma, hyphen, a page number, a DOI), line lengths relative to the longest line of
the list (a wrapped line fills the width; an entry's last line usually does not) and
indentation relative to the list's least-indented line.

It is trained by ``tools/train_tagger.py`` on the reference strings of the tagger's corpora
(GROBID's citation corpus, Apache-2.0; AnyStyle's parser data, BSD-2-Clause): consecutive
references of one source joined into lists and wrapped at varied widths, some with hanging
indents, some one entry per line. The model ships in ``citelink/parse/models/``.
"""

from __future__ import annotations

import random
import re
import textwrap
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from citelink.parse.tagger import TaggerModelError, _models_dir

MODEL_NAME = "entry-segmenter.crfsuite"

_lock = threading.Lock()
_loaded: dict[str, Any] = {}

_FIRST = re.compile(r"\S+")
_NUMBERED = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)]\s|\(\d{1,4}\))")
_SURNAME_INITIALS = re.compile(
    r"^\s*(?:[A-Z][\w'’-]+|[A-Z][A-Z'’-]+)(?:\s+(?:[A-Z][\w'’-]+|[a-z]{1,3}))?,?\s+"
    r"(?:[A-Z]\.?\s?-?){1,3}[.,;]"
)
_SURNAME_COMMA = re.compile(r"^\s*[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s[\wÀ-ÿ'’-]+)?,\s")
_CAPS_SURNAME = re.compile(r"^\s*[A-ZÀ-Ý][A-ZÀ-Ý'’-]{1,}(?:\s[A-ZÀ-Ý'’-]{2,})?,")
_YEAR = re.compile(r"\b(1[6-9]\d\d|20[0-4]\d)[a-z]?\b")
_DOI_URL = re.compile(r"(?:doi\.org/|doi:|https?://|www\.)\S*$", re.I)
_TOKENS = re.compile(r"[^\W_]+|\S")
# How a line can end inside a list of names or just after the names.
_ENDS_INITIAL = re.compile(r"(?:^|[\s.,;-])[A-Z]\.$")
_ENDS_YEAR = re.compile(r"\(?(?:1[6-9]|20)\d\d[a-z]?\)?[.,:]?$")
_ENDS_JOINER = re.compile(r"(?:\s(?:and|&|et|e|y|und|in|In:?)|,|;)$")


def _kind(tok: str) -> str:
    if tok.isdigit():
        return "d" if len(tok) < 4 else "dddd"
    if tok.isalpha():
        if tok.isupper():
            return "C" if len(tok) == 1 else "CC"
        if tok[0].isupper():
            return "Cx"
        return "x" if tok.isascii() else "u"
    if tok.isalnum():
        return "a"
    return tok[0]


def _bucket(ratio: float) -> str:
    return str(min(10, int(ratio * 10)))


def line_features(lines: Sequence[str]) -> list[list[str]]:
    """Features of each line of one list."""
    n = len(lines)
    if n == 0:
        return []
    widths = [len(line.rstrip()) for line in lines]
    longest = max(widths) or 1
    indents = [len(line) - len(line.lstrip()) for line in lines if line.strip()]
    least = min(indents) if indents else 0
    own: list[list[str]] = []
    ends: list[str] = []
    for line, width in zip(lines, widths, strict=True):
        text = line.strip()
        toks = _TOKENS.findall(text)[:3]
        kinds = [_kind(t) for t in toks]
        f = [
            "len=" + _bucket(width / longest),
            "indent=" + str(min(4, len(line) - len(line.lstrip()) - least)),
            "k0=" + (kinds[0] if kinds else "EMPTY"),
            "k01=" + "|".join(kinds[:2]),
            "k012=" + "|".join(kinds),
            "w0=" + (toks[0].lower() if toks else ""),
        ]
        if _NUMBERED.match(line):
            f.append("numbered")
        if _SURNAME_INITIALS.match(line):
            f.append("surname-initials")
        if _SURNAME_COMMA.match(line):
            f.append("surname-comma")
        if _CAPS_SURNAME.match(line):
            f.append("caps-surname")
        if text[:1].islower():
            f.append("lower-start")
        if _YEAR.search(text):
            f.append("year")
        y = _YEAR.search(text[:40])
        if y:
            f.append("year-early")
        own.append(f)
        last = text[-1:] if text else ""
        end = "EMPTY" if not last else (
            "doi" if _DOI_URL.search(text) else
            "initial" if _ENDS_INITIAL.search(text) else
            "year" if _ENDS_YEAR.search(text) else
            "joiner" if _ENDS_JOINER.search(text) else
            "digit" if last.isdigit() else
            "alpha" if last.isalpha() else last
        )
        ends.append(end)
    out: list[list[str]] = []
    for i in range(n):
        f = list(own[i])
        if i == 0:
            f.append("first")
            f.append("prev-end=BOS")
        else:
            f.append("prev-end=" + ends[i - 1])
            f.append("prev-len=" + _bucket(widths[i - 1] / longest))
            f.append("prev-end|k0=" + ends[i - 1] + "|" + own[i][2][3:])
            f.append("prev-len|k01=" + _bucket(widths[i - 1] / longest) + "|" + own[i][3][4:])
        f.append("end=" + ends[i])
        if i + 1 < n:
            f.extend("next-" + x for x in own[i + 1][2:4])
            if "lower-start" in own[i + 1]:
                f.append("next-lower-start")
        else:
            f.append("last")
        out.append(f)
    return out


def _model() -> Any:
    with _lock:
        if "tagger" not in _loaded:
            path = _models_dir() / MODEL_NAME
            try:
                import pycrfsuite

                tagger = pycrfsuite.Tagger()
                tagger.open(str(path))
            except (ImportError, OSError, ValueError) as exc:
                raise TaggerModelError(
                    f"cannot load the entry segmenter model {path}: {exc} "
                    "(reinstall citelink with python-crfsuite, or run tools/train_tagger.py)"
                ) from exc
            _loaded["tagger"] = tagger
        return _loaded["tagger"]


def entry_starts(lines: Sequence[str]) -> list[bool]:
    """For each line of a reference list: does it begin a new entry? Blank lines never do."""
    if not lines:
        return []
    tagger = _model()
    with _lock:
        labels = tagger.tag(line_features(lines))
    return [lab == "B" and bool(line.strip()) for lab, line in zip(labels, lines, strict=True)]


# --------------------------------------------------------------------------- training data


def synthetic_lists(
    groups: Sequence[Sequence[str]], seed: int = 7, size: tuple[int, int] = (8, 40)
) -> list[tuple[list[str], list[str]]]:
    """Reference lists made from groups of reference strings (each group one source, so one
    style): cut into lists, each wrapped at one width (or not at all), some with hanging
    indents. Returns (lines, labels ``B``/``I``) pairs; deterministic for a seed."""
    rng = random.Random(seed)
    out: list[tuple[list[str], list[str]]] = []
    for group in groups:
        i = 0
        while i < len(group):
            k = rng.randint(*size)
            refs = group[i : i + k]
            i += k
            if len(refs) < 2:
                continue
            mode = rng.random()
            width = rng.randint(45, 130)
            hang = rng.choice((2, 3, 4)) if rng.random() < 0.25 else 0
            lines: list[str] = []
            labels: list[str] = []
            for ref in refs:
                if mode < 0.15:
                    wrapped = [ref]
                else:
                    wrapped = textwrap.wrap(ref, width=width, break_on_hyphens=False) or [ref]
                for j, line in enumerate(wrapped):
                    lines.append((" " * hang if j and hang else "") + line)
                    labels.append("B" if j == 0 else "I")
            out.append((lines, labels))
    return out


def train(
    lists: Sequence[tuple[list[str], list[str]]], model_path: Path, *, max_iterations: int = 100
) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for lines, labels in lists:
        trainer.append(line_features(lines), labels)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": max_iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(model_path))
