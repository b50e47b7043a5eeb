"""The report as one self-contained HTML page: no script, no external resource (a Content
Security Policy forbids any), CSS inline, figures as inline SVG.

It answers three questions: are the references real and right (summary, reference list
with status, DOI and discrepancies), which claims rest on which references (the article's
text with every marker linked, each reference's claims and rows), and what is wrong in the
article (findings, highlighted next to their claims). Semantic HTML, readable and
navigable by keyboard without JavaScript (links, ``<details>``), prints cleanly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from difflib import SequenceMatcher
from html import escape
from importlib import resources

from citelink import __version__
from citelink.graph.links import Citations, citation_index
from citelink.metadata.result import CheckReport, Discrepancy, RefCheck, Status
from citelink.metadata.work import normalize_doi
from citelink.model import Article, Finding, Sentence, Severity, Table
from citelink.parse.text import SUPERSCRIPT_DIGITS, has_cjk, plain_superscripts
from citelink.render import figures

CSS = resources.files("citelink.render").joinpath("report.css").read_text(encoding="utf-8")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_SEVERITY_WORD = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _finding_anchor(f: Finding) -> str | None:
    loc = f.location
    if loc.claim is not None:
        return f"#claim-{loc.claim}"
    if loc.table is not None and loc.row is not None:
        return f"#table-{loc.table}-row-{loc.row}"
    if loc.table is not None:
        return f"#table-{loc.table}"
    if loc.reference is not None:
        return f"#ref-{loc.reference}"
    return None


def _where(f: Finding, article: Article) -> str:
    loc = f.location
    if loc.table is not None:
        text = f"Table {loc.table}" + (f" row {loc.row}" if loc.row is not None else "")
    elif loc.reference is not None and loc.claim is None:
        text = f"reference [{loc.reference}]"
    elif loc.claim is not None:
        text = f"claim {loc.claim}" + (f", {loc.section}" if loc.section else "")
    else:
        text = loc.section or ""
    if (page := article.page_of(loc.line)) is not None:
        box = article.box_of(loc.line)
        at = f"page {page}" + (f", {box[1]:.0f} pt down" if box else "")
        text = f"{at}: {text}" if text else at
    elif loc.line:
        text = f"line {loc.line}: {text}" if text else f"line {loc.line}"
    anchor = _finding_anchor(f)
    return f'<a href="{anchor}">{_e(text)}</a>' if anchor else _e(text)


def _diff(printed: str, registered: str) -> tuple[str, str]:
    """Both strings with the words that differ marked."""
    a, b = printed.split(), registered.split()
    out_a: list[str] = []
    out_b: list[str] = []
    matcher = SequenceMatcher(None, [w.casefold() for w in a], [w.casefold() for w in b])
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        left, right = " ".join(a[i1:i2]), " ".join(b[j1:j2])
        if op == "equal":
            out_a.append(_e(left))
            out_b.append(_e(right))
            continue
        if left:
            out_a.append(f"<mark>{_e(left)}</mark>")
        if right:
            out_b.append(f'<mark class="reg">{_e(right)}</mark>')
    return " ".join(out_a), " ".join(out_b)


def _discrepancies(items: Sequence[Discrepancy]) -> str:
    if not items:
        return ""
    rows = []
    for d in items:
        printed, registered = _diff(d.printed, d.registered)
        sev = _SEVERITY_WORD[d.severity]
        rows.append(
            f'<tr><th scope="row">{_e(d.field)}</th><td>{printed}</td><td>{registered}</td>'
            f'<td class="sev-{sev}">{sev}: {_e(d.message)}</td></tr>'
        )
    return (
        '<table class="diff"><caption>Printed vs registered</caption><thead><tr>'
        '<th scope="col">field</th><th scope="col">printed</th><th scope="col">registered</th>'
        '<th scope="col">what it means</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )


def _claim_excerpt(sentence: Sentence, limit: int = 140) -> str:
    text = sentence.text
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _reference_item(
    n: int, article: Article, check: RefCheck | None, cites: Citations | None
) -> str:
    ref = article.reference(n)
    assert ref is not None
    head = [f'<span class="n">[{n}]</span>']
    if check is not None:
        head.append(
            f'<span class="badge {check.status.value}">{check.status.value}</span>'
            f' <span class="muted">source: {_e(_check_source(check))}</span>'
        )
        if check.doi:
            head.append(f'<a href="https://doi.org/{_e(check.doi)}">doi:{_e(check.doi)}</a>')
        for key, value in check.ids.items():
            if key != "doi":
                head.append(f'<span class="muted">{_e(key)}:{_e(value)}</span>')
    if ref.doi and (check is None or check.doi != normalize_doi(ref.doi)):
        head.append(
            f'<a href="https://doi.org/{_e(ref.doi)}">doi:{_e(ref.doi)}</a>'
            + (' <span class="muted">(as printed; not confirmed)</span>' if check else "")
        )
    raw = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", _e(ref.raw))
    body = [f'<div class="ref-head">{" ".join(head)}</div>', f'<p class="raw">{raw}</p>']
    if check is not None:
        if check.work is None:
            body.append(f'<p class="muted">{_e(check.message)}</p>')
        body.append(_source_list(check))
        body.append(_discrepancies(check.discrepancies))
        for notice in check.notices:
            sev = _SEVERITY_WORD[notice.severity]
            label = _e(notice.label)
            if notice.doi:
                label = f'<a href="https://doi.org/{_e(notice.doi)}">{label}</a>'
            body.append(
                f'<p class="notice sev-{sev}"><strong>{_e(notice.kind)}</strong> '
                f'<span class="muted">(reported by {_e(notice.source)})</span>: {label}</p>'
            )
        if check.candidates:
            nearest = "".join(
                f'<li>{_e(k.title or "?")} <span class="muted">({_e(k.source)}, score '
                f"{k.score:.2f}{_e(_ids_text(k.ids))})</span></li>"
                for k in check.candidates
            )
            body.append(
                f'<p class="muted">nearest candidates:</p><ul class="nearest">{nearest}</ul>'
            )
    claims = cites.claims if cites else ()
    rows = cites.rows if cites else ()
    seen: set[int] = set()
    items = []
    for cc in claims:
        if cc.sentence.id in seen:
            continue
        seen.add(cc.sentence.id)
        section = f"{cc.sentence.section}: " if cc.sentence.section else ""
        items.append(
            f'<li><a href="#claim-{cc.sentence.id}">{_e(section)}{_e(_claim_excerpt(cc.sentence))}'
            f"</a></li>"
        )
    for rc in rows:
        items.append(
            f'<li><a href="#table-{rc.table.number}-row-{rc.row.index}">Table {rc.table.number} '
            f"row {rc.row.index}</a></li>"
        )
    count = f"{len(seen)} claim{'s' if len(seen) != 1 else ''}, {len(rows)} table row" + (
        "s" if len(rows) != 1 else ""
    )
    if items:
        body.append(
            f'<details class="cited-by"><summary>Cited by {count}</summary><ul>'
            + "".join(items)
            + "</ul></details>"
        )
    else:
        body.append('<p class="sev-warning">Not cited anywhere in the article.</p>')
    status = f" status-{check.status.value}" if check else ""
    return f'<li id="ref-{n}" class="ref{status}">' + "".join(body) + "</li>"


def _linked_numbers(printed: str, refs: Iterable[int], known: set[int]) -> str:
    """A marker or reference cell as printed, each printed number (superscripts too) a link
    to its entry."""
    wanted = set(refs) & known
    out = []
    for part in re.split(f"([0-9{SUPERSCRIPT_DIGITS}]+)", printed):
        number = plain_superscripts(part)
        if number.isdigit() and int(number) in wanted:
            out.append(f'<a href="#ref-{int(number)}">{_e(part)}</a>')
        else:
            out.append(_e(part))
    return "".join(out)


def _sentence(s: Sentence, notes: Sequence[Finding], known: set[int]) -> str:
    pieces: list[str] = []
    pos = 0
    for m in sorted(s.markers, key=lambda m: m.start):
        pieces.append(_e(s.text[pos : m.start]))
        label = ", ".join(str(n) for n in m.refs)
        printed_numbers = {int(d) for d in re.findall(r"\d+", plain_superscripts(m.printed))}
        inside = [n for n in m.refs if n not in printed_numbers and n in known]
        # A range prints only its ends; the numbers inside it get links of their own.
        also = (
            '<span class="also">('
            + ", ".join(f'<a href="#ref-{n}">{n}</a>' for n in inside)
            + ")</span>"
            if inside
            else ""
        )
        pieces.append(
            f'<span class="marker" aria-label="references {label}">'
            f"{_linked_numbers(m.printed, m.refs, known)}{also}</span>"
        )
        pos = m.end
    pieces.append(_e(s.text[pos:]))
    text = "".join(pieces)
    if not s.is_claim:
        return text
    classes = ["claim"]
    if notes:
        worst = max(notes, key=lambda f: f.severity.rank).severity
        classes.append(f"finding-{_SEVERITY_WORD[worst]}")
    out = f'<span class="{" ".join(classes)}" id="claim-{s.id}">{text}</span>'
    for f in notes:
        sev = _SEVERITY_WORD[f.severity]
        out += f'<span class="note sev-{sev}" role="note">{sev}: {_e(f.message)}</span>'
    return out


def _body(article: Article, by_claim: dict[int, list[Finding]], known: set[int]) -> str:
    out: list[str] = []
    section: str | None = None
    paragraph: int | None = None
    for s in article.sentences:
        if s.section != section:
            if paragraph is not None:
                out.append("</p>")
                paragraph = None
            section = s.section
            if section:
                out.append(f"<h3>{_e(section)}</h3>")
        if s.paragraph != paragraph:
            if paragraph is not None:
                out.append("</p>")
            out.append("<p>")
            paragraph = s.paragraph
        out.append(_sentence(s, by_claim.get(s.id, []), known) + " ")
    if paragraph is not None:
        out.append("</p>")
    return "".join(out)


def _table(t: Table, known: set[int]) -> str:
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in t.header)
    rows = []
    for row in t.rows:
        cells = []
        for i in range(len(t.header)):
            cell = row.cells[i] if i < len(row.cells) else ""
            content = _linked_numbers(cell, row.refs, known) if i == t.ref_column else _e(cell)
            cells.append(f"<td>{content}</td>")
        rows.append(f'<tr id="table-{t.number}-row-{row.index}">{"".join(cells)}</tr>')
    caption = t.caption + (f" / {t.caption_en}" if t.caption_en else "")
    return (
        f'<table id="table-{t.number}"><caption>{_e(caption)}</caption><thead><tr>{head}</tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
        + (f'<p class="muted">{_e(t.note)}</p>' if t.note else "")
    )


def _check_source(check: RefCheck) -> str:
    """The source whose record the verdict rests on, and where its answer came from."""
    if check.found_in and check.found_in != check.source.value:
        return f"{check.found_in} ({check.source.value})"
    return check.source.value


def _ids_text(ids: dict[str, str]) -> str:
    return "".join(f", {key}:{value}" for key, value in ids.items())


def _source_list(check: RefCheck) -> str:
    """What each source said about the reference (found, none, error: ..., not-asked)."""
    if not check.sources:
        return ""
    items = "".join(
        f'<li><span class="src-name">{_e(name)}</span> '
        f'<span class="said said-{_e(said.split(":")[0])}">{_e(said)}</span></li>'
        for name, said in check.sources.items()
    )
    return f'<ul class="sources" aria-label="what each source said">{items}</ul>'


def _summary(report: CheckReport | None, findings: Sequence[Finding]) -> str:
    items = []
    if report is not None:
        summary = report.summary()
        for status in Status:
            sources: dict[str, int] = {}
            for c in report.checks:
                if c.status is status:
                    where = _check_source(c)
                    sources[where] = sources.get(where, 0) + 1
            where = ", ".join(f"{k} {v}" for k, v in sorted(sources.items())) or "—"
            items.append(
                f'<li><span class="badge {status.value}">{status.value}</span>'
                f"<strong>{summary[status.value]}</strong>"
                f'<span class="muted">source: {_e(where)}</span></li>'
            )
    severities = {sev: sum(f.severity is sev for f in findings) for sev in Severity}
    for sev, k in sorted(severities.items(), key=lambda kv: -kv[0].rank):
        word = _SEVERITY_WORD[sev]
        items.append(
            f'<li><span class="sev-{word}">{word}</span><strong>{k}</strong>'
            f'<span class="muted">findings</span></li>'
        )
    requests = ""
    if report is not None:
        r = report.requests
        requests = (
            f'<p class="muted">HTTP requests this run: {r.get("live", 0)} live, '
            f"{r.get('cached', 0)} from the cache. Statuses say where each answer came from: "
            "crossref (live), cache, or index (local index / offline snapshot).</p>"
        )
    return f'<ul class="stats">{"".join(items)}</ul>{requests}'


def _findings_table(findings: Sequence[Finding], article: Article) -> str:
    if not findings:
        return "<p>No findings.</p>"
    ordered = sorted(findings, key=lambda f: (-f.severity.rank, f.location.line or 0))
    rows = "".join(
        f'<tr><td class="sev-{_SEVERITY_WORD[f.severity]}">{_SEVERITY_WORD[f.severity]}</td>'
        f"<td><code>{_e(f.code)}</code></td><td>{_where(f, article)}</td>"
        f"<td>{_e(f.message)}</td></tr>"
        for f in ordered
    )
    return (
        '<table class="findings"><thead><tr><th scope="col">severity</th><th scope="col">code'
        '</th><th scope="col">where</th><th scope="col">message</th></tr></thead><tbody>'
        + rows
        + "</tbody></table>"
    )


def report_html(
    article: Article,
    findings: Sequence[Finding],
    report: CheckReport | None = None,
    generated: date | None = None,
) -> str:
    index = citation_index(article)
    known = {r.n for r in article.references}
    by_claim: dict[int, list[Finding]] = {}
    for f in findings:
        if f.location.claim is not None:
            by_claim.setdefault(f.location.claim, []).append(f)
    title = article.title or article.path
    lang = "zh" if has_cjk(title) else "en"
    refs = "".join(
        _reference_item(r.n, article, report.get(r.n) if report else None, index.get(r.n))
        for r in article.references
    )
    figs = [
        (
            "Citation map: which parts of the article rest on which references",
            figures.citation_map(article, index),
        ),
        (
            "Age of the evidence: cited references by publication year",
            figures.year_histogram(article),
        ),
    ]
    if report is not None:
        figs.append(("Check status of the references", figures.status_chart(report)))
    figure_html = "".join(
        f"<figure>{svg}<figcaption>{_e(caption)}</figcaption></figure>" for caption, svg in figs
    )
    tables = "".join(_table(t, known) for t in article.tables) or "<p>No tables.</p>"
    day = (generated or date.today()).isoformat()
    nav = "".join(
        f'<li><a href="#{anchor}">{label}</a></li>'
        for anchor, label in (
            ("summary", "Summary"),
            ("figures", "Figures"),
            ("findings", "Findings"),
            ("references", "References"),
            ("text", "Article text"),
            ("tables", "Tables"),
        )
    )
    sections = "\n".join(
        f'<section id="{anchor}" aria-labelledby="h-{anchor}">'
        f'<h2 id="h-{anchor}">{label}</h2>{content}</section>'
        for anchor, label, content in (
            ("summary", "Summary", _summary(report, findings)),
            ("figures", "Figures", figure_html),
            ("findings", "Findings", _findings_table(findings, article)),
            ("references", "References", f'<ol class="refs">{refs}</ol>'),
            ("text", "Article text", _body(article, by_claim, known)),
            ("tables", "Tables", tables),
        )
    )
    facts = (
        f"{_e(article.path)} · {len(article.references)} references, "
        f"{len(article.claims)} claims, {len(article.tables)} tables · "
        f"citelink {__version__}, {day}"
    )
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>citelink report: {_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>{_e(title)}</h1>
<p class="muted">{facts}</p>
<nav aria-label="Report sections"><ul>{nav}</ul></nav>
</header>
<main id="main">
{sections}
</main>
<footer><p class="muted">Made by citelink {__version__}. Markers link to references; each
reference lists the claims and table rows that cite it.</p></footer>
</body>
</html>
"""
