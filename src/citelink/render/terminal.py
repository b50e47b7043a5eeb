"""Rich renderings for a person at a terminal. Layout only; the data comes ready-made."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from citelink.graph.links import Citations, Hit
from citelink.metadata.result import CheckReport, Status
from citelink.model import Article, Finding, Reference, Severity

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _authors(ref: Reference) -> str:
    if not ref.authors:
        return ""
    first = ref.authors[0].family
    more = len(ref.authors) > 1 or ref.et_al
    return f"{first} et al." if more else first


def _volume(ref: Reference) -> str:
    return f"{ref.volume or ''}({ref.issue})" if ref.issue else ref.volume or ""


def references(console: Console, article: Article) -> None:
    table = RichTable(title=f"{len(article.references)} references in {article.path}")
    for name in ("n", "authors", "year", "vol(issue)", "pages"):
        table.add_column(name, no_wrap=True)
    table.add_column("journal", max_width=28, overflow="fold")
    table.add_column("doi", overflow="fold")
    table.add_column("title", ratio=1, overflow="fold")
    for ref in article.references:
        n = str(ref.n) if ref.number_printed else f"{ref.n}*"
        table.add_row(
            n,
            _authors(ref),
            str(ref.year or ""),
            _volume(ref),
            ref.pages or "",
            ref.journal or ref.booktitle or ref.publisher or "",
            ref.doi or "",
            ref.title or "",
        )
    console.print(table)
    if any(not r.number_printed for r in article.references):
        console.print("* number not printed in the article; recovered from position")
    warnings(console, article)


def warnings(console: Console, article: Article) -> None:
    for warning in article.warnings:
        console.print(Text(f"warning: {warning}", style="yellow"))


def citations(console: Console, cites: list[Citations]) -> None:
    for c in cites:
        ref = c.reference
        head = f"[{c.n}] " + (
            f"{_authors(ref)} {ref.year or ''}. {ref.title or ''}" if ref else "(no such reference)"
        )
        console.print(Text(head, style="bold"))
        if not c.claims:
            console.print(
                "  cited nowhere" if not c.rows else "  no claim in the body text cites it"
            )
        for cc in c.claims:
            where = f"{cc.sentence.section or 'front matter'}, line {cc.sentence.line}"
            console.print(Text(f"  claim ({where}) {cc.marker.printed}: ", style="green"), end="")
            console.print(Text(cc.sentence.text))
        for rc in c.rows:
            cells = "; ".join(f"{k}: {v}" for k, v in rc.table.row_mapping(rc.row).items() if v)
            console.print(
                Text(f"  Table {rc.table.number} row {rc.row.index}: ", style="green"), end=""
            )
            console.print(Text(cells))
        console.print()


def hits(console: Console, query: str, found: list[Hit]) -> None:
    if not found:
        console.print(f"no claim or table row contains '{query}'")
        return
    for h in found:
        refs = ", ".join(f"[{n}]" for n in h.refs) or "no reference"
        if h.sentence is not None:
            label = f"claim, {h.sentence.section or 'front matter'}, line {h.sentence.line}"
        else:
            assert h.table is not None and h.row is not None
            label = f"Table {h.table.number} row {h.row.index}"
        console.print(Text(f"{label} -> {refs}", style="bold"))
        console.print(Text(f"  {h.text}"))
    cited = sorted({n for h in found for n in h.refs})
    console.print(
        f"\n{_count(len(found), 'hit')} resting on {_count(len(cited), 'reference')}: "
        + ", ".join(f"[{n}]" for n in cited)
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def findings(console: Console, found: list[Finding]) -> None:
    if not found:
        console.print("no findings")
        return
    table = RichTable(title=f"{len(found)} findings")
    for name in ("severity", "code", "where", "message"):
        table.add_column(name, overflow="fold")
    for f in found:
        loc = f.location
        if loc.table is not None:
            where = f"Table {loc.table} row {loc.row}"
        elif loc.reference is not None:
            where = f"reference [{loc.reference}]"
        else:
            section = loc.section or ""
            where = section if len(section) <= 18 else section[:17] + "…"
        if loc.line:
            where = f"line {loc.line}" + (f", {where}" if where else "")
        table.add_row(
            Text(f.severity.value, style=_SEVERITY_STYLE[f.severity]), f.code, where, f.message
        )
    console.print(table)


_STATUS_STYLE = {
    Status.VERIFIED: "green",
    Status.DISCREPANCIES: "yellow",
    Status.IDENTIFIER_MISMATCH: "bold red",
    Status.NOT_FOUND_ANYWHERE: "red",
    Status.NOT_FOUND: "dark_orange",
    Status.UNVERIFIABLE: "magenta",
}


_SAID = {"found": "+", "none": "-", "not-asked": "?"}


def _sources(said: dict[str, str]) -> str:
    """``crossref+ pubmed- openalex? datacite!``: found, none, not asked, error."""
    return " ".join(f"{name}{_SAID.get(value, '!')}" for name, value in said.items())


def check_results(console: Console, report: CheckReport) -> None:
    table = RichTable(title=f"Metadata check of {len(report.checks)} references")
    for name in ("n", "status", "found in", "by", "score", "ids"):
        table.add_column(name, no_wrap=name not in ("ids",))
    table.add_column("sources", overflow="fold")
    table.add_column("what differs / why", ratio=1, overflow="fold")
    for c in report.checks:
        notes = [f"{d.field}: {d.message}" for d in c.discrepancies if d.severity.rank > 0]
        notes += [f"{n.kind} ({n.source}): {n.doi or n.label}" for n in c.notices]
        if c.work is None:
            notes.append(c.message)
        found_in = f"{c.found_in} ({c.source.value})" if c.found_in else c.source.value
        table.add_row(
            str(c.n),
            Text(c.status.value, style=_STATUS_STYLE[c.status]),
            found_in,
            c.found_by or "",
            f"{c.score:.2f}" if c.score is not None else "",
            " ".join(f"{k}:{v}" for k, v in c.ids.items()),
            _sources(c.sources),
            "; ".join(notes),
        )
    console.print(table)
    counts = ", ".join(f"{k} {v}" for k, v in report.summary().items())
    requests = report.requests
    console.print(
        f"{counts}; HTTP requests: {requests.get('live', 0)} live, "
        f"{requests.get('cached', 0)} from cache"
    )
    console.print("sources: + found, - none, ? not asked, ! error (see --json for the reason)")
