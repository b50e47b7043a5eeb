"""The keyed articles restyled: every format and marker style the renderer knows.

    python benchmarks/bench_restyled.py [--out DIR] [NAME_FILTER]

Each article of ``tests/data/wild``, ``wild2``, ``wild3`` and ``wild4`` is rendered from its JATS
(``source.nxml``) by the renderer that made its key (``tests/data/wild2/tools``), once per
reference format and, for numbered articles, per marker style, each with its own key; each
rendering is read as text and scored as ``tests/wild.py`` scores (references by their
number, so an entry the renderer leaves empty shifts nothing). Prints totals per format and
per marker style. About a minute; with ``--pdf 1`` each rendering (markers as printed) is
also set as a one-column PDF by ``tests/pdfmaker.py`` and read as a PDF (about two minutes);
``--pdf 2`` sets two columns, ``--wrap-cells`` lets table cells wrap as journals set them.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import wild  # noqa: E402
from tests.pdfmaker import article_pdf  # noqa: E402

from citelink import load_article  # noqa: E402
from citelink.errors import CitelinkError  # noqa: E402
from citelink.model import Article  # noqa: E402

FORMATS = ("vancouver", "gbt7714", "ay-name-year", "apa", "iop", "epjc", "mdpi", "eco")
MARKERS = ("as-printed", "flattened-superscript", "parenthesised")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("filter", nargs="?", default="")
    parser.add_argument("--out", type=Path, default=None, help="keep the renderings here")
    parser.add_argument("--rows", type=Path, default=None, help="write each rendering's scores")
    parser.add_argument(
        "--pdf",
        type=int,
        default=0,
        metavar="COLUMNS",
        help="also set each rendering (markers as printed) as a PDF of COLUMNS columns "
        "(tests/pdfmaker.py) and read that",
    )
    parser.add_argument(
        "--wrap-cells",
        action="store_true",
        help="with --pdf: table cells wrap within columns that fit the page",
    )
    opts = parser.parse_args()
    data = ROOT / "tests" / "data"
    folders = [
        f
        for root in ("wild", "wild2", "wild3", "wild4")
        for f in wild.articles(data / root)
        if opts.filter in f.name
    ]
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    rows: list[tuple[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = opts.out or Path(tmp)
        for folder in folders:
            marks = ("as-printed",) if wild.author_year(folder) else MARKERS
            for fmt in FORMATS:
                for mk in marks:
                    out = base / f"{folder.name}__{fmt}__{mk}"
                    out.mkdir(parents=True, exist_ok=True)
                    if not wild.restyle(folder, fmt, mk, out):
                        print(f"render failed: {out.name}", file=sys.stderr)
                        continue
                    key = json.loads((out / "key.json").read_text(encoding="utf-8"))
                    source = out / "article.txt"
                    if opts.pdf:
                        if mk != "as-printed":
                            continue
                        source = article_pdf(
                            source.read_text(encoding="utf-8"),
                            out / "article.pdf",
                            columns=opts.pdf,
                            cjk=True,
                            one_per_line=True,
                            wrap_cells=opts.wrap_cells,
                        )
                    try:
                        article = load_article(source)
                    except CitelinkError as err:  # counted as nothing read
                        print(f"{out.name}: {err}", file=sys.stderr)
                        article = Article(path=str(source), references=())
                    score, _ = wild.score(article, key, by_number=True)
                    vals = (
                        score.fields_right,
                        score.fields_total,
                        score.citations_right,
                        score.citations_total,
                        score.rows_right,
                        score.rows_total,
                    )
                    rows.append((out.name, vals))
                    for group in (f"format {fmt}", f"markers {mk}", "all"):
                        totals[group] = [a + b for a, b in zip(totals[group], vals, strict=True)]
    if opts.rows:
        opts.rows.write_text(json.dumps(rows, indent=0), encoding="utf-8")
    print(f"{len(rows)} renderings of {len(folders)} articles")
    print("| renderings | fields | citations | table rows |")
    print("|---|---|---|---|")
    for group in sorted(totals, key=lambda g: (g != "all", g)):
        f, ft, c, ct, r, rt = totals[group]
        print(f"| {group} | {f / ft:.1%} ({f}/{ft}) | {c / max(ct, 1):.1%} ({c}/{ct}) | {r}/{rt} |")


if __name__ == "__main__":
    main()
