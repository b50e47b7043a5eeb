"""How long citelink takes to parse the bundled article in-process.

Targets: parsing the reference list well under 50 ms (issue 2), and parse and link of the
whole article under 50 ms (issue 13). Prints the median and best of repeated runs for the
reference list alone, the whole article model, parse + link (the model and its citation
index) and lint, and exits 1 if a median misses its target.
Run: ``python benchmarks/bench_parse.py``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from citelink.graph.links import citation_index
from citelink.graph.lint import lint
from citelink.parse.article import parse_article
from citelink.parse.references import parse_reference_list

ARTICLE = Path(__file__).resolve().parents[1] / "refs" / "article.txt"
TARGET_MS = 50.0
RUNS = 50


def measure(fn: Callable[[], object]) -> tuple[float, float]:
    fn()  # warm the regex caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times)


def main() -> int:
    text = ARTICLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    refs_median, refs_best = measure(lambda: parse_reference_list(lines))
    article_median, article_best = measure(lambda: parse_article(text))
    linked_median, linked_best = measure(lambda: citation_index(parse_article(text)))
    article = parse_article(text)
    lint_median, lint_best = measure(lambda: lint(article))
    print(f"article: {ARTICLE.name}, {len(article.references)} references, {RUNS} runs each")
    print(f"reference list : median {refs_median:6.2f} ms  best {refs_best:6.2f} ms")
    print(f"whole article  : median {article_median:6.2f} ms  best {article_best:6.2f} ms")
    print(f"parse + link   : median {linked_median:6.2f} ms  best {linked_best:6.2f} ms")
    print(f"lint           : median {lint_median:6.2f} ms  best {lint_best:6.2f} ms")
    ok = True
    for what, median in (("reference list", refs_median), ("parse + link", linked_median)):
        met = median < TARGET_MS
        ok = ok and met
        print(f"target: {what} < {TARGET_MS:.0f} ms ... {'met' if met else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
