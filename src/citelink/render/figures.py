"""Figures for the HTML report as inline SVG, written by hand.

Hand-written rather than matplotlib: three simple charts do not justify numpy and
matplotlib (~60 MB), and matplotlib embeds glyph outlines, so Chinese labels would need a
CJK font on the machine that makes the report; SVG ``<text>`` is drawn by the reader's
browser with its own font fallback. Every figure has a ``<title>``/``<desc>`` and
per-mark ``<title>`` tooltips.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from html import escape

from citelink.graph.links import Citations
from citelink.metadata.result import CheckReport, Status
from citelink.model import Article

FONT = "font-family=\"system-ui, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', sans-serif\""
STATUS_COLOURS = {
    Status.VERIFIED: "#1a7f37",
    Status.DISCREPANCIES: "#b35900",
    Status.IDENTIFIER_MISMATCH: "#a40e26",
    Status.NOT_FOUND_ANYWHERE: "#c62828",
    Status.NOT_FOUND: "#8c6d00",
    Status.UNVERIFIABLE: "#6e40c9",
}


def _svg(width: float, height: float, title: str, desc: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:.0f} '
        f'{height:.0f}" width="{width:.0f}" height="{height:.0f}" {FONT} font-size="12">'
        f"<title>{escape(title)}</title><desc>{escape(desc)}</desc>{body}</svg>"
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def citation_map(article: Article, index: Mapping[int, Citations]) -> str:
    """References (rows) against the article's sections and tables (columns): how often
    each part cites each reference, with each reference's total as a bar on the right."""
    sections: list[str] = []
    for sentence in article.claims:
        label = sentence.section or "(front matter)"
        if label not in sections:
            sections.append(label)
    columns = [*sections, *(f"Table {t.number}" for t in article.tables)]
    refs = [c for c in index.values() if c.reference is not None]
    counts: dict[tuple[int, str], int] = Counter()
    for c in refs:
        for cc in c.claims:
            counts[(c.n, cc.sentence.section or "(front matter)")] += 1
        for rc in c.rows:
            counts[(c.n, f"Table {rc.table.number}")] += 1
    totals = {c.n: len(c.claims) + len(c.rows) for c in refs}
    top = set(sorted(totals, key=lambda n: (-totals[n], n))[:5])
    peak = max(counts.values(), default=1)
    peak_total = max(totals.values(), default=1) or 1
    cell, label_w, head_h, bar_w = 18, 180, 130, 140
    width = label_w + cell * len(columns) + 20 + bar_w + 30
    height = head_h + cell * len(refs) + 10
    parts: list[str] = []
    for j, name in enumerate(columns):
        x = label_w + j * cell + cell / 2
        parts.append(
            f'<text transform="translate({x:.1f},{head_h - 6}) rotate(-55)">'
            f"<title>{escape(name)}</title>{escape(_short(name, 18))}</text>"
        )
    bar_x = label_w + cell * len(columns) + 20
    parts.append(f'<text x="{bar_x}" y="{head_h - 6}" font-weight="bold">times cited</text>')
    for i, c in enumerate(refs):
        y = head_h + i * cell
        ref = c.reference
        assert ref is not None
        who = ref.authors[0].family if ref.authors else ""
        label = f"[{c.n}] {_short(who, 12)} {ref.year or ''}".strip()
        weight = ' font-weight="bold"' if c.n in top and totals[c.n] else ""
        parts.append(
            f'<a href="#ref-{c.n}"><text x="{label_w - 6}" y="{y + 13}" '
            f'text-anchor="end"{weight}>{escape(label)}</text></a>'
        )
        for j, name in enumerate(columns):
            k = counts.get((c.n, name), 0)
            x = label_w + j * cell
            fill = f"rgba(25,90,170,{0.18 + 0.82 * k / peak:.2f})" if k else "#f3f4f6"
            parts.append(
                f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{fill}">'
                f"<title>[{c.n}] in {escape(name)}: {k}</title></rect>"
            )
        total = totals[c.n]
        w = bar_w * total / peak_total
        colour = "#c62828" if total == 0 else "#195aaa"
        parts.append(
            f'<rect x="{bar_x}" y="{y + 2}" width="{max(w, 1):.1f}" height="{cell - 6}" '
            f'fill="{colour}"><title>[{c.n}] cited {total} times</title></rect>'
            f'<text x="{bar_x + max(w, 1) + 4:.1f}" y="{y + 13}">{total}</text>'
        )
    desc = (
        f"{len(refs)} references against {len(sections)} sections and {len(article.tables)} "
        f"tables; darker cells cite the reference more often. Most cited: "
        + ", ".join(f"[{n}] ({totals[n]})" for n in sorted(top, key=lambda n: -totals[n]))
    )
    return _svg(width, height, "Citation map", desc, "".join(parts))


def year_histogram(article: Article) -> str:
    """How old the evidence is: references per publication year."""
    years = Counter(r.year for r in article.references if r.year)
    if not years:
        return _svg(
            300,
            40,
            "Age of the evidence",
            "No years were printed.",
            '<text x="10" y="24">No publication years printed.</text>',
        )
    first, last = min(years), max(years)
    span = list(range(first, last + 1))
    peak = max(years.values())
    bar, gap, plot_h, left, bottom = 18, 4, 160, 34, 40
    width = left + len(span) * (bar + gap) + 10
    height = plot_h + bottom + 10
    parts = []
    for tick in range(0, peak + 1, max(1, peak // 4)):
        y = 10 + plot_h - plot_h * tick / peak
        parts.append(
            f'<line x1="{left - 4}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    for i, year in enumerate(span):
        k = years.get(year, 0)
        h = plot_h * k / peak
        x = left + i * (bar + gap)
        parts.append(
            f'<rect x="{x}" y="{10 + plot_h - h:.1f}" width="{bar}" height="{h:.1f}" '
            f'fill="#195aaa"><title>{year}: {k} reference{"s" if k != 1 else ""}</title></rect>'
        )
        if k or year in (first, last) or year % 5 == 0:
            parts.append(
                f'<text transform="translate({x + bar / 2 + 4},{plot_h + 16}) rotate(-60)" '
                f'text-anchor="end">{year}</text>'
            )
    median = sorted(r.year for r in article.references if r.year)[
        len([r for r in article.references if r.year]) // 2
    ]
    desc = (
        f"{sum(years.values())} references from {first} to {last}; median year {median}; "
        f"most in {max(years, key=lambda y: (years[y], y))}."
    )
    return _svg(width, height, "Age of the evidence", desc, "".join(parts))


def status_chart(report: CheckReport) -> str:
    """One bar per check status, split by the source whose record it rests on (or, with
    no record, where the answer came from)."""
    summary = report.summary()
    total = max(1, len(report.checks))
    by_source: dict[str, Counter[str]] = {s.value: Counter() for s in Status}
    for c in report.checks:
        by_source[c.status.value][c.found_in or c.source.value] += 1
    row, left, bar_w = 30, 120, 360
    height = row * len(Status) + 20
    parts = []
    for i, status in enumerate(Status):
        y = 10 + i * row
        k = summary[status.value]
        w = bar_w * k / total
        sources = ", ".join(f"{s} {n}" for s, n in sorted(by_source[status.value].items()))
        parts.append(
            f'<text x="{left - 8}" y="{y + 16}" text-anchor="end">{status.value}</text>'
            f'<rect x="{left}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row - 10}" '
            f'fill="{STATUS_COLOURS[status]}"><title>{status.value}: {k}'
            f"{' (' + sources + ')' if sources else ''}</title></rect>"
            f'<text x="{left + max(w, 1) + 6:.1f}" y="{y + 16}">{k}'
            f"{' — ' + escape(sources) if sources else ''}</text>"
        )
    desc = "; ".join(f"{s}: {n}" for s, n in summary.items())
    return _svg(left + bar_w + 200, height, "Check status", desc, "".join(parts))
