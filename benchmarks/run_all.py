"""Run every benchmark and write benchmarks/RESULTS.md with the machine and the command.

Run: ``python benchmarks/run_all.py`` (the bench extra installed: ``pip install -e
'.[bench]'``; refextract, if wanted, in the same environment). Takes several minutes: the
100,000-reference article, the 1,000,000-record index and the CRF training of the tagger's
cross-validation dominate (about an hour in all on 2 cores).
"""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = (
    ("Parse the bundled article in-process", ["bench_parse.py"]),
    ("`citelink check --offline` end to end, process start included", ["bench_cli.py"]),
    ("Parse + link + lint at scale", ["bench_scale.py"]),
    ("Matching against the local index", ["bench_index.py"]),
    ("Matcher calibration on the snapshot", ["calibrate_matching.py"]),
    ("citelink vs Crossref's matcher on one local server", ["compare_matching.py"]),
    ("citelink vs refextract", ["compare_refextract.py"]),
    ("PDF text extraction", ["bench_pdf.py"]),
    # The two below train CRFs (about 15 and 40 minutes on 2 cores).
    ("Reference reader: rules, tagger, hybrid", ["bench_reader.py"]),
    ("Reference tagger, 10-fold cross-validation", ["bench_tagger.py", "--jobs", "2",
                                                   "--iterations", "60"]),
)


def main() -> int:
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    out = [
        "# Benchmark results",
        "",
        f"Command: `python benchmarks/run_all.py`, {when}.",
        f"Machine: {machine}, {platform.platform()}. Absolute times on a shared machine are "
        "noise; compare ratios taken within one run.",
        "",
    ]
    status = 0
    for title, args in STEPS:
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, str(HERE / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            check=False,
        )
        took = time.perf_counter() - start
        out += [f"## {title}", "", f"`{args[0]}` ({took:.0f} s, exit {proc.returncode})", ""]
        text = proc.stdout.strip() or proc.stderr.strip()[-2000:]
        out += [
            "```" if not text.startswith("|") else "",
            text,
            "```" if not text.startswith("|") else "",
            "",
        ]
        status |= proc.returncode
        print(f"{title}: exit {proc.returncode} in {took:.0f} s", file=sys.stderr)
    (HERE / "RESULTS.md").write_text("\n".join(out) + "\n", encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
