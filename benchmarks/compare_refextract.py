"""citelink side by side with refextract (INSPIRE's reference extractor) on the bundled
article's list and on a synthetic 1,000-entry Vancouver list whose fields are known.

refextract is GPL and not a citelink dependency; install it in the same environment to run
this (``pip install refextract``). Reports, for both tools, the time to parse each list
(a ratio taken in this one run) and field accuracy on the synthetic list: first author,
year, journal, volume and first page. Run: ``python benchmarks/compare_refextract.py``.

``--pdfs PYTHON`` instead runs both tools on the ten real publisher PDFs of
tests/data/pdfs, each as a user would (a new process per PDF: ``citelink refs --json`` and
refextract's ``extract_references_from_file`` in the interpreter PYTHON, which needs
refextract and poppler's ``pdftotext``), through the scorer copied there, and reports time
and field accuracy against the keys. refextract rewrites the PDF it reads (it truncates
whatever follows ``%%EOF``), so both tools run on temporary copies. Target: citelink at
least 5x faster in the same run.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from synth import _entry  # noqa: E402

from citelink.parse.references import parse_reference_list  # noqa: E402

ARTICLE = HERE.parent / "refs" / "article.txt"
FIELDS = ("author", "year", "journal", "volume", "page")


def synthetic(n: int) -> tuple[list[str], list[dict[str, str]]]:
    rng = random.Random(11)
    lines, truth = [], []
    for i in range(1, n + 1):
        text, surname, year = _entry(i, rng, "vancouver")
        m = re.search(r"\. ([A-Z][A-Za-z ]+)\. (\d{4});(\d+)\(\d+\):(\d+)-", text)
        assert m is not None
        lines.append(f"{i}. {text}")
        truth.append(
            {
                "author": surname,
                "year": str(year),
                "journal": m.group(1),
                "volume": m.group(3),
                "page": m.group(4),
            }
        )
    return ["References", *lines], truth


def ours(lines: list[str]) -> list[dict[str, str]]:
    refs = parse_reference_list(lines).references
    return [
        {
            "author": r.authors[0].family if r.authors else "",
            "year": str(r.year or ""),
            "journal": r.journal or "",
            "volume": r.volume or "",
            "page": (r.pages or "").split("-")[0],
        }
        for r in refs
    ]


def theirs(lines: list[str]) -> list[dict[str, str]]:
    """refextract's entries, merged per printed number (it often splits one entry in two),
    in list order."""
    from refextract import extract_references_from_string

    found: list[dict[str, Any]] = extract_references_from_string("\n".join(lines))

    def first(value: Any) -> str:
        return str(value[0]) if isinstance(value, list) and value else str(value or "")

    merged: dict[str, dict[str, str]] = {}
    for r in found:
        key = first(r.get("linemarker")) or str(len(merged) + 1)
        fields = {
            "author": first(r.get("author")).split(",")[0].split()[0] if r.get("author") else "",
            "year": first(r.get("year")),
            "journal": first(r.get("journal_title")),
            "volume": first(r.get("journal_volume")),
            "page": first(r.get("journal_page")).split("-")[0],
        }
        entry = merged.setdefault(key, dict.fromkeys(FIELDS, ""))
        for f, v in fields.items():
            entry[f] = entry[f] or v
    return list(merged.values())


def accuracy(got: list[dict[str, str]], truth: list[dict[str, str]]) -> dict[str, float]:
    out = {}
    for f in FIELDS:
        right = sum(
            1
            for g, t in zip(got, truth, strict=False)
            if g[f].replace(".", "").strip().lower() == t[f].lower()
        )
        out[f] = right / len(truth)
    return out


def pdfs(python: str) -> int:
    import json
    import shutil
    import subprocess
    import tempfile

    exe = Path(sys.executable).with_name("citelink")
    with tempfile.TemporaryDirectory() as tmp:
        # refextract truncates its input PDF in place (whatever follows %%EOF): it only
        # ever sees copies.
        folder = Path(tmp) / "pdfs"
        shutil.copytree(HERE.parent / "tests" / "data" / "pdfs", folder)
        details = Path(tmp) / "details.json"
        subprocess.run(
            [sys.executable, str(folder / "score.py"), str(exe), "--refextract", python,
             "--details", str(details)],
            capture_output=True, text=True, check=False,
        )
        found = json.loads(details.read_text(encoding="utf-8"))
    print("| article | citelink s | refextract s | ratio | citelink fields | refextract fields |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    totals = {"citelink": [0.0, 0, 0], "refextract": [0.0, 0, 0]}
    for name, tools in sorted(found.items()):
        cells = []
        for tool in ("citelink", "refextract"):
            result = tools[tool]
            score = result.get("score") or {}
            totals[tool][0] += result["time"]
            totals[tool][1] += score.get("right", 0)
            totals[tool][2] += score.get("total", 0)
            cells.append((result["time"], score.get("accuracy", 0.0)))
        (ct, ca), (rt, ra) = cells
        print(f"| {name} | {ct:.2f} | {rt:.2f} | {rt / ct:.1f}x | {ca:.1%} | {ra:.1%} |")
    (ct, cr, cn), (rt, rr, rn) = totals["citelink"], totals["refextract"]
    ratio = rt / ct
    print(
        f"| all ten | {ct:.1f} | {rt:.1f} | {ratio:.1f}x | {cr / max(cn, 1):.1%} "
        f"| {rr / max(rn, 1):.1%} |"
    )
    print(f"citelink {ratio:.1f}x faster (target >= 5x): {'met' if ratio >= 5 else 'MISSED'}")
    return 0 if ratio >= 5 else 1


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "--pdfs":
        return pdfs(sys.argv[2])
    try:
        import refextract  # noqa: F401
    except ImportError:
        print("refextract is not installed; see this script's docstring")
        return 0
    lines = ARTICLE.read_text(encoding="utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines) if "参考文献" in line and len(line) < 12)
    bundled = lines[heading:]
    synth_lines, truth = synthetic(1000)
    print("| list | tool | entries | seconds | ratio | author | year | journal | volume | page |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, data in (("bundled (43)", bundled), ("synthetic (1,000)", synth_lines)):
        times = {}
        results = {}
        for tool, fn in (("citelink", ours), ("refextract", theirs)):
            start = time.perf_counter()
            results[tool] = fn(data)
            times[tool] = time.perf_counter() - start
        for tool in ("citelink", "refextract"):
            acc = accuracy(results[tool], truth) if name.startswith("synthetic") else {}
            cells = " | ".join(f"{acc[f]:.1%}" if acc else "-" for f in FIELDS)
            ratio = times[tool] / times["citelink"]
            print(
                f"| {name} | {tool} | {len(results[tool])} | {times[tool]:.2f} "
                f"| {ratio:.0f}x | {cells} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
