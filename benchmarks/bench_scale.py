"""Parse + link + lint at 100 to 100,000 references, and the ratio that shows linear cost.

Each size runs in a fresh process (so its peak memory is its own) on a synthetic article
(``synth.py``) with about three citation markers per reference and two citing tables;
style ``runon`` is one entry followed by n lines of prose (a manual's text read as the
list: each line is asked whether it opens an entry).
Prints CPU time (what the process itself spent: on a shared, loaded machine wall time
mostly measures the neighbours), wall time, references per second and peak RSS; every
ratio is taken on CPU time within this one run. Fails (exit 1) when 10x the references
costs more than 12x the time. Every style runs up to 100,000 references (``--quick``: up
to 10,000). Run: ``python benchmarks/bench_scale.py [--quick]``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = (100, 1_000, 10_000, 100_000)
STYLES = ("vancouver", "gbt", "authoryear", "runon")  # runon: n is lines of one entry


def _child(n: int, style: str) -> None:
    sys.path.insert(0, str(HERE))
    from synth import article, runon

    from citelink.graph.links import citation_index
    from citelink.graph.lint import lint
    from citelink.parse.article import parse_article

    text = runon(n) if style == "runon" else article(n, style)
    start, cpu_start = time.perf_counter(), time.process_time()
    parsed = parse_article(text)
    citation_index(parsed)
    lint(parsed)
    seconds = time.process_time() - cpu_start
    wall = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    linked = sum(len(s.markers) for s in parsed.claims)
    print(
        json.dumps(
            {
                "n": n,
                "style": style,
                "seconds": seconds,
                "wall": wall,
                "peak_mb": peak_kb / 1024,
                "refs": len(parsed.references),
                "markers": linked,
                "bytes": len(text.encode()),
            }
        )
    )


def run(n: int, style: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(n), style],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        _child(int(argv[1]), argv[2])
        return 0
    sizes = SIZES[:3] if "--quick" in argv else SIZES
    columns = ("style", "references", "article MB", "markers", "CPU s", "wall s", "references/s")
    print("| " + " | ".join(columns) + " | peak MB | CPU time ratio vs 10x fewer |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    ok = True
    for style in STYLES:
        previous: float | None = None
        for n in sizes:
            r = run(n, style)
            ratio = r["seconds"] / previous if previous else None
            if ratio is not None and n >= 10_000 and ratio > 12:
                ok = False
            print(
                f"| {style} | {n:,} | {r['bytes'] / 1e6:.1f} | {int(r['markers']):,} "
                f"| {r['seconds']:.2f} | {r['wall']:.2f} | {n / r['seconds']:,.0f} "
                f"| {r['peak_mb']:.0f} "
                f"| {f'{ratio:.1f}x' if ratio else '-'} |"
            )
            previous = r["seconds"]
    print("\nlinear (10x references <= 12x CPU time from 1,000 up):", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
