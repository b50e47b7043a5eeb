"""Optional comparison with refextract on the bundled article's reference list.

refextract is not a citelink dependency; install it in a separate virtualenv
(``pip install refextract``) together with citelink and run
``python benchmarks/compare_refextract.py``. It reports, for both tools, the time to parse
the list and how many entries came out with a journal and a volume.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from citelink.parse.references import parse_reference_list

ARTICLE = Path(__file__).resolve().parents[1] / "refs" / "article.txt"


def main() -> int:
    try:
        from refextract import extract_references_from_string
    except ImportError:
        print("refextract is not installed; see this script's docstring")
        return 0
    text = ARTICLE.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = time.perf_counter()
    ours = parse_reference_list(lines).references
    ours_s = time.perf_counter() - start
    heading = next(i for i, line in enumerate(lines) if "参考文献" in line and len(line) < 12)
    start = time.perf_counter()
    theirs: list[dict[str, Any]] = extract_references_from_string("\n".join(lines[heading:]))
    theirs_s = time.perf_counter() - start
    print(f"{'tool':<12}{'entries':>8}{'seconds':>10}{'journal':>9}{'volume':>8}")
    print(
        f"{'citelink':<12}{len(ours):>8}{ours_s:>10.3f}"
        f"{sum(1 for r in ours if r.journal):>9}{sum(1 for r in ours if r.volume):>8}"
    )
    print(
        f"{'refextract':<12}{len(theirs):>8}{theirs_s:>10.3f}"
        f"{sum(1 for r in theirs if r.get('journal_title')):>9}"
        f"{sum(1 for r in theirs if r.get('journal_volume')):>8}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
