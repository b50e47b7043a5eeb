"""Score a parsed article against a key (tests/data/wild*/*/key.json): reference fields,
citation links and table-row links. Used by test_wild.py and printed by
``python -m tests.wild [--jats] [-v]`` for the README's table.

A key citation is a run of the source's xrefs (one marker as printed) with the set of
references it names; author-year keys also list its ``items`` (each name-year and its entry).
A citation is right when one of our markers in the same sentence names exactly that set."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from citelink import load_article
from citelink.metadata.work import normalize_doi
from citelink.model import Article
from citelink.parse.references import parse_reference_list
from citelink.parse.text import ascii_dashes, fold_name

DATA = Path(__file__).resolve().parent / "data"
WILD = DATA / "wild"
WILD2 = DATA / "wild2"
WILD3 = DATA / "wild3"  # a held-out check made in this project (its README)
WILD4 = DATA / "wild4"  # a second held-out check (its README)
FOLDERS = (WILD, WILD2, WILD3, WILD4)
FIELDS = ("first_author_family", "year", "volume", "first_page", "doi")


@dataclass(frozen=True)
class Score:
    fields_right: int
    fields_total: int
    citations_right: int
    citations_total: int
    citations_false: int
    rows_right: int
    rows_total: int
    rows_false: int

    @property
    def fields(self) -> float:
        return self.fields_right / self.fields_total if self.fields_total else 1.0

    @property
    def citations(self) -> float:
        return self.citations_right / self.citations_total if self.citations_total else 1.0

    @property
    def rows(self) -> float:
        return self.rows_right / self.rows_total if self.rows_total else 1.0


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _cell(text: str) -> str:
    """A first cell, to find its row: a PDF prints a cell's citation as a superscript
    ("Cisse (2006)^[20]") where the text has "Cisse (2006) [20]"."""
    return re.sub(r"\s*\^\s*", " ", _norm(text)).strip()


def _loose(text: str) -> str:
    """For finding a sentence: no bullets, brackets or superscript carets (a JATS list item
    has no "• ", its xref may print [8] where the text printed (8), and a PDF's superscript
    reads ^[8])."""
    return re.sub(r"\s+", " ", re.sub(r"[•\[\]()^]", "", _norm(text))).strip()


def _first_page(pages: str | None) -> str | None:
    if not pages:
        return None
    m = re.match(r"\s*([A-Za-z]*\d+(?:[a-z]{1,3}\d+|[A-Za-z]*))", pages)
    return m.group(1) if m else pages.split("-")[0].strip()


def _ours(article: Article, n: int, by_number: bool = False) -> dict[str, str | None]:
    """Our reading of the key's entry ``n``: the n-th entry of our list, or (``by_number``)
    the entry numbered ``n``."""
    refs = article.references
    ref = article.reference(n) if by_number else (refs[n - 1] if n - 1 < len(refs) else None)
    if ref is None:
        return dict.fromkeys(FIELDS)
    first = ref.authors[0] if ref.authors else None
    return {
        "first_author_family": first.family if first else None,
        "year": str(ref.year) if ref.year else None,
        "volume": ref.volume,
        "first_page": _first_page(ref.pages),
        "doi": normalize_doi(ref.doi) if ref.doi else None,
    }


def _same(field: str, ours: str | None, key: Any) -> bool:
    if key is None or key == "":
        return ours is None
    if ours is None:
        return False
    if field == "first_author_family":
        return fold_name(ours) == fold_name(str(key))
    if field == "doi":
        return ours == normalize_doi(str(key))
    return _norm(ascii_dashes(ours)) == _norm(ascii_dashes(str(key)))


def _holds(parts: list[str], where: int, head: str) -> bool:
    """Whether part ``where`` of a marker's text (0: its sentence, 1: its paragraph; a
    table row has only its row) holds ``head``."""
    return where < len(parts) and head in parts[where]


def score(
    article: Article, key: dict[str, Any], tagged_dois: bool = False, by_number: bool = False
) -> tuple[Score, list[str]]:
    """``tagged_dois``: the source tags DOIs the printed list lacks (JATS ``pub-id``); a
    DOI the key leaves empty is then not held against it. ``by_number``: key entries are
    matched with ours by printed number, not position (a list with an empty entry)."""
    misses: list[str] = []
    right = total = 0
    for entry in key["references"]:
        ours = _ours(article, entry["n"], by_number)
        for field in FIELDS:
            total += 1
            extra_doi = tagged_dois and field == "doi" and not entry[field]
            if extra_doi or _same(field, ours[field], entry[field]):
                right += 1
            else:
                misses.append(
                    f"ref {entry['n']} {field}: ours {ours[field]!r} key {entry[field]!r}"
                )
    # Citations: a key citation is right when a marker in the sentence that starts the
    # same way names exactly its references.
    # A key's "sentence" is sometimes the paragraph (its XML split sentences otherwise):
    # a citation matches in its sentence or in the paragraph that holds it.
    paragraphs: dict[int, str] = {}
    for s in article.sentences:
        paragraphs[s.paragraph] = paragraphs.get(s.paragraph, "") + " " + s.text
    ours_cites: list[tuple[str, frozenset[int], str]] = [
        (_loose(s.text) + " \x00 " + _loose(paragraphs[s.paragraph]), frozenset(m.refs), m.printed)
        for s in article.claims
        for m in s.markers
    ]
    # Citations in tables: each citing cell of the header and of every row, with the
    # row's text as its "sentence".
    for t in article.tables:
        rows = [(" ".join(t.header), t.header_refs)] + [
            (" ".join(r.cells), r.cell_refs) for r in t.rows
        ]
        for text, per_cell in rows:
            for refs in per_cell:
                if refs:
                    ours_cites.append((_loose(text), frozenset(refs), ""))
    used: set[int] = set()
    c_right = 0
    # Spaces do not tell sentences apart: a PDF sets "Mν < 0.23" and "ΛCDM" where the
    # XML's text has "Mν<0.23" and "Λ CDM", and a superscript marker "results^[16] have"
    # where the text prints "results [16] have".
    # A citation is looked for in its own sentence first, then in its paragraph, so a key
    # citation whose sentence we split otherwise does not take a marker another one needs.
    bare = [text.replace(" ", "").split("\x00") for text, _, _ in ours_cites]
    found: dict[int, int] = {}
    for where in (0, 1):
        for k, cite in enumerate(key["citations"]):
            if k in found:
                continue
            head = _loose(cite["sentence_start"])[:25].replace(" ", "")
            want = frozenset(cite["refs"])
            hit = next(
                (
                    i
                    for i, (_, refs, _) in enumerate(ours_cites)
                    if i not in used and refs == want and _holds(bare[i], where, head)
                ),
                None,
            )
            if hit is not None:
                used.add(hit)
                found[k] = hit
    for k, cite in enumerate(key["citations"]):
        if k in found:
            c_right += 1
        else:
            start = _loose(cite["sentence_start"])[:40]
            misses.append(f"citation {cite['marker']!r} {sorted(cite['refs'])} in '{start[:30]}'")
    false_cites = len(ours_cites) - len(used)
    for i, (text, cited, printed) in enumerate(ours_cites):
        if i not in used:
            misses.append(f"false citation {printed!r} {sorted(cited)} in '{text[:40]}'")
    # Table rows: by table number and first cell.
    r_right = r_total = r_false = 0
    tables = {t.number: t for t in article.tables}
    for kt in key.get("tables", []):
        table = tables.get(kt["n"])
        seen: dict[str, int] = {}  # first cells met so far: the k-th repeat is the k-th row
        anchor, offset = -1, 0  # our index of the last named row, key rows since it
        for krow in kt["rows"]:
            wanted: list[int] = sorted(krow["refs"])
            row = None
            offset += 1
            if table is not None and krow["first_cell"].strip():
                first = _cell(krow["first_cell"])
                repeat = seen.get(first, 0)
                seen[first] = repeat + 1
                cells = [_cell(r.cells[0]) if r.cells else "" for r in table.rows]
                same = [i for i, c in enumerate(cells) if c == first] or [
                    i for i, c in enumerate(cells) if c.startswith(first[:20])
                ]
                if repeat < len(same):
                    anchor, offset = same[repeat], 0
                    row = table.rows[anchor]
            elif table is not None and anchor + offset < len(table.rows):
                # A row of a group (empty first cell): the same distance below the last
                # named row, if ours kept it as a row of its own.
                candidate = table.rows[anchor + offset]
                if not (candidate.cells and candidate.cells[0].strip()):
                    row = candidate
            got = sorted(row.refs) if row is not None else []
            if wanted:
                r_total += 1
                if got == wanted:
                    r_right += 1
                else:
                    misses.append(
                        f"table {kt['n']} row {krow['first_cell'][:25]!r}: {got} != {wanted}"
                    )
            elif got:
                r_false += 1
                misses.append(f"table {kt['n']} row {krow['first_cell'][:25]!r}: false {got}")
    return (
        Score(right, total, c_right, len(key["citations"]), false_cites, r_right, r_total, r_false),
        misses,
    )


def score_folder(folder: Path, source: str = "article.txt") -> tuple[Score, list[str]]:
    """Score the article in ``folder`` read from ``source`` (its text, or its JATS XML)."""
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    return score(load_article(folder / source), key, tagged_dois=source.endswith(".nxml"))


def rewrapped_alignment(folder: Path, width: int) -> tuple[int, int]:
    """The article's reference list re-wrapped at ``width`` columns, as a PDF sets it:
    how many entries keep their key's first author at their position (boundaries), of how
    many. A wrapped list has no line per entry, so this scores entry boundaries alone."""
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    lines = (folder / "article.txt").read_text(encoding="utf-8").split("\n")
    heading = max(i for i, line in enumerate(lines) if line.strip() == "References")
    wrapped = lines[: heading + 1]
    for line in lines[heading + 1 :]:
        wrapped += textwrap.wrap(line, width, break_long_words=False) if line.strip() else [""]
    refs = parse_reference_list(wrapped).references
    right = 0
    for entry in key["references"]:
        n, family = entry["n"], entry["first_author_family"]
        ours = refs[n - 1].authors[0].family if n <= len(refs) and refs[n - 1].authors else None
        right += fold_name(ours or "") == fold_name(family or "")
    return right, len(key["references"])


RENDERER = Path(__file__).parent / "data" / "wild2" / "tools" / "render2.py"


def author_year(folder: Path) -> bool:
    """Whether a keyed article cites author-year (its key's citations name their items)."""
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    return any("items" in c for c in key["citations"])


def restyle(folder: Path, fmt: str, markers: str, out: Path) -> bool:
    """Render a keyed article from its JATS again, by the renderer that made its key, in
    reference format ``fmt`` and marker style ``markers``: ``out`` gets article.txt and
    key.json. False when the renderer fails."""
    style = "author-year" if author_year(folder) else "numeric"
    args = [sys.executable, str(RENDERER), str(folder / "source.nxml"), "--style", style]
    args += ["--ref-format", fmt, "--markers", markers, "--out", str(out)]
    meta = folder / "meta.json"
    for extra in ([["--meta", str(meta)]] if meta.exists() else []) + [[]]:
        done = subprocess.run(args + extra, capture_output=True, text=True, check=False)
        if done.returncode == 0 and (out / "key.json").exists():
            return True  # a hand fix that names a printed value may not fit another format
    return False


def articles(root: Path) -> list[Path]:
    """The article folders under ``root`` (each has a key.json)."""
    return sorted(p for p in root.iterdir() if (p / "key.json").is_file())


def total(scores: list[Score]) -> Score:
    return Score(*(sum(getattr(s, f) for s in scores) for f in Score.__dataclass_fields__))


def _row(name: str, s: Score) -> str:
    return (
        f"| {name} | {s.fields:.1%} ({s.fields_right}/{s.fields_total}) "
        f"| {s.citations:.1%} ({s.citations_right}/{s.citations_total}) | {s.citations_false} "
        f"| {s.rows_right}/{s.rows_total} | {s.rows_false} |"
    )


def main() -> None:
    source = "source.nxml" if "--jats" in sys.argv else "article.txt"
    names = [a for a in sys.argv[1:] if not a.startswith("-")]
    columns = ("article", "reference fields", "citations linked", "false citations")
    print("| " + " | ".join(columns) + " | table rows | false rows |")
    print("| --- | --- | --- | --- | --- | --- |")
    every: list[Score] = []
    for root in FOLDERS:
        scores: list[Score] = []
        for folder in articles(root):
            if names and not any(n in folder.name for n in names):
                continue
            s, misses = score_folder(folder, source)
            scores.append(s)
            print(_row(folder.name, s))
            if {"-v", "-vv"} & set(sys.argv):
                for m in misses[: 400 if "-vv" in sys.argv else 40]:
                    print("   ", m)
        if scores:
            print(_row(f"**{root.name} total**", total(scores)))
        every += scores
    if len(every) > 1:
        print(_row("**all**", total(every)))


if __name__ == "__main__":
    main()
