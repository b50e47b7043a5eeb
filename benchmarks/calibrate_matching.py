"""Calibrate and measure the matcher on the snapshot plus synthetic perturbations of it.

For every snapshot record with a title, it prints a Vancouver reference for it, then
damages that reference the ways real reference lists are damaged (a misspelled surname, a
dropped or changed title word, a wrong year, volume or page, an abbreviated journal, an
abbreviated page range, missing fields). Each printed string goes through citelink's own
entry parser and then the real retrieval + matching path (local FTS5 index, top 5).

- positives: the record is in the index; the right answer is its DOI.
- negatives: the same printed reference with its own record removed from the index, so
  only look-alikes remain; any DOI returned is a wrong DOI.

Prints precision / recall per perturbation and overall (markdown), the numbers in
docs/matching.md. Run: ``python benchmarks/calibrate_matching.py``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from citelink.metadata.check import check_reference
from citelink.metadata.index import IndexSource, LocalIndex
from citelink.parse.references import parse_entry

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "refs" / "crossref-snapshot" / "works.jsonl"

Record = dict[str, Any]


def vancouver(r: Record) -> str:
    """The record as a printed Vancouver entry. A thin record (no authors or no year, as
    the snapshot has) is printed with a placeholder author or year: a real printed
    reference has both, and the record's side stays unknown."""
    authors = r.get("author") or [{"family": "Anonymous", "given": "A"}]
    names = []
    for a in authors[:6]:
        initials = "".join(p[0] for p in str(a.get("given", "")).replace("-", " ").split() if p)
        names.append(f"{a.get('family', '')} {initials}".strip())
    who = ", ".join(names) + (", et al" if len(authors) > 6 else "")
    year = ((r.get("issued") or {}).get("date-parts") or [[None]])[0][0] or 2017
    journal = (r.get("short-container-title") or r.get("container-title") or [""])[0]
    vol, issue, page = r.get("volume"), r.get("issue"), r.get("page")
    source = f"{journal}. {year or ''}"
    if vol:
        source += f";{vol}" + (f"({issue})" if issue else "")
    if page:
        source += f":{page}"
    title = r["title"][0].rstrip(".")
    return (f"{who}. " if who else "") + f"{title}. {source}."


def _with(r: Record, **changes: Any) -> Record:
    return {**r, **changes}


def _typo(word: str) -> str:
    return word[:2] + word[3] + word[2] + word[4:] if len(word) > 4 else word + "e"


def perturbations(r: Record, rng: random.Random) -> dict[str, Record]:
    out: dict[str, Record] = {"exact": r}
    title = r["title"][0]
    words = title.split()
    if r.get("author"):
        first = dict(r["author"][0])
        first["family"] = _typo(str(first.get("family", "")))
        out["author typo"] = _with(r, author=[first, *r["author"][1:]])
    if len(words) > 4:
        i = rng.randrange(1, len(words) - 1)
        out["title word dropped"] = _with(r, title=[" ".join(words[:i] + words[i + 1 :])])
        out["title word changed"] = _with(
            r, title=[" ".join([*words[:i], "novel", *words[i + 1 :]])]
        )
    year = ((r.get("issued") or {}).get("date-parts") or [[None]])[0][0]
    if year:
        out["year wrong"] = _with(r, issued={"date-parts": [[year + 2]]})
    if r.get("volume", "").isdigit():
        out["volume wrong"] = _with(r, volume=str(int(r["volume"]) + 3))
    page = str(r.get("page") or "")
    if "-" in page:
        a, b = page.split("-", 1)
        if len(a) == len(b) and a.isdigit() and b.isdigit():
            out["page range abbreviated"] = _with(r, page=f"{a}-{b[-2:]}")
        out["first page wrong"] = _with(r, page=f"{int(a) + 10 if a.isdigit() else 1}-{b}")
    out["no volume or pages"] = {k: v for k, v in r.items() if k not in ("volume", "page", "issue")}
    out["full journal title"] = _with(r, **{"short-container-title": r.get("container-title")})
    return out


def main() -> int:
    rng = random.Random(7)
    records = [json.loads(line) for line in SNAPSHOT.read_text("utf-8").splitlines() if line]
    records = [r for r in records if r.get("title")]
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    negatives_wrong: Counter[str] = Counter()
    negatives: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        full = LocalIndex(Path(tmp) / "full.sqlite")
        full.add(records)
        source = IndexSource(full)
        for r in records:
            without = LocalIndex(Path(tmp) / "without.sqlite")
            without.con.execute("DELETE FROM records")
            without.con.execute("DELETE FROM fts")
            without.add(x for x in records if x is not r)
            for kind, variant in perturbations(r, rng).items():
                ref = parse_entry(vancouver(variant), 1)
                got = check_reference(ref, [source]).doi
                expected = r["DOI"].lower()
                if got == expected:
                    right[kind] += 1
                elif got is None:
                    missed[kind] += 1
                else:
                    wrong[kind] += 1
                negatives[kind] += 1
                if check_reference(ref, [IndexSource(without)]).doi is not None:
                    negatives_wrong[kind] += 1
            without.close()
            # Another paper of the same group in the same journal and year: same authors,
            # other title, volume, issue and pages.
            other = rng.choice([x for x in records if x is not r])
            locator = {k: other.get(k) for k in ("title", "volume", "issue", "page")}
            chimera = parse_entry(vancouver(_with(r, **locator)), 1)
            negatives["same authors, other title"] += 1
            if check_reference(chimera, [source]).doi == r["DOI"].lower():
                negatives_wrong["same authors, other title"] += 1
        full.close()
    kinds = list(negatives)
    print("| damage | positives | right | wrong DOI | missed | look-alike only: wrong DOI |")
    print("| --- | --- | --- | --- | --- | --- |")
    for kind in kinds:
        n = right[kind] + wrong[kind] + missed[kind]
        if not n:
            print(f"| {kind} | - | - | - | - | {negatives_wrong[kind]} / {negatives[kind]} |")
            continue
        print(
            f"| {kind} | {n} | {right[kind]} | {wrong[kind]} | {missed[kind]} "
            f"| {negatives_wrong[kind]} / {negatives[kind]} |"
        )
    tp, fp, fn = sum(right.values()), sum(wrong.values()), sum(missed.values())
    fp_neg = sum(negatives_wrong.values())
    precision = tp / (tp + fp + fp_neg) if tp + fp + fp_neg else 1.0
    recall = tp / (tp + fp + fn) if tp + fp + fn else 0.0
    print(
        f"\nprecision {precision:.3f} (wrong DOIs: {fp} among positives, {fp_neg} among "
        f"{sum(negatives.values())} look-alike-only cases); recall {recall:.3f} "
        f"({tp}/{tp + fp + fn})"
    )
    return 0 if fp + fp_neg == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
