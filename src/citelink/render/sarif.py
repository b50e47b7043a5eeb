"""Findings as a SARIF 2.1.0 log, so CI code-scanning tools show them on the article's lines.

Each finding is a result with its code as ``ruleId``, its severity as ``level`` (error /
warning / note), its message, and a physical location: the article file, the line, and the
column where the claim, reference entry or table row starts on that line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from citelink import __version__
from citelink.metadata.result import CheckReport
from citelink.model import Article, Finding, Severity

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# code -> (short description, help text)
RULES: dict[str, tuple[str, str]] = {
    "table-pointer": (
        "A claim points at the wrong table",
        "The claim says 'see Table X' but the references it cites are in other tables (or "
        "in none). Point at the table that holds them.",
    ),
    "unknown-table": (
        "A pointer names a table the article does not have",
        "Fix the table number or add the table.",
    ),
    "author-mismatch": (
        "A named author is not the cited reference's first author",
        "'Smith et al. [3]' where Smith is not the first author of [3]: the name or the "
        "number is wrong.",
    ),
    "uncited": (
        "A reference is never cited in the text",
        "Cite it where it supports a claim, or drop it from the list.",
    ),
    "unknown-ref": (
        "A citation names a reference the list does not have",
        "Fix the number or add the missing entry.",
    ),
    "duplicate-ref": (
        "Two entries are the same work",
        "Merge them and renumber the citations.",
    ),
    "row-no-ref": ("A table row cites no reference", "Add the source of the row's data."),
    "doi-mismatch": (
        "The printed DOI is not the work's DOI",
        "The DOI is not registered, or is registered to another work: readers following it "
        "land elsewhere. Use the DOI of the cited work.",
    ),
    "discrepancy": (
        "A printed field differs from the registered record",
        "Journal, year, volume or first page (error), authors, title words, issue or last "
        "page (warning), typography (note). Correct the entry from the record.",
    ),
    "retraction": (
        "The cited work has been retracted or withdrawn",
        "Check whether the claim still stands without it; cite the retraction if it does.",
    ),
    "expression-of-concern": (
        "The cited work carries an expression of concern",
        "Weigh the claim accordingly and say so.",
    ),
    "correction": (
        "The cited work has a correction",
        "Check that the cited result is the corrected one.",
    ),
    "not-found": (
        "No record found, but not every source was asked",
        "A source that could hold the work was not asked (offline, or left out of "
        "--sources); run again online with every source before concluding anything.",
    ),
    "not-found-anywhere": (
        "No source holds the reference",
        "Every source answered and none holds a close record (the nearest candidates are "
        "named): the work may not exist (an invented reference) or be cited beyond "
        "recognition. Check it by hand.",
    ),
    "unverifiable": (
        "The reference could not be checked",
        "A metadata source failed (the reason is given); run again later.",
    ),
}


def _find(lines: Sequence[str], start: int, text: str, last: bool) -> tuple[int, int] | None:
    """(line, column) of the start of ``text``'s head (or the end of its tail, with
    ``last``), searching from line ``start`` over the next lines a paragraph may span."""
    for size in (24, 12, 6):
        probe = (text[-size:] if last else text[:size]).strip()
        if not probe:
            continue
        for line in range(start, min(start + 40, len(lines) + 1)):
            col = lines[line - 1].find(probe)
            if col >= 0:
                return line, col + 1 + (len(probe) if last else 0)
    return None


def _region(lines: Sequence[str], line: int | None, text: str | None) -> dict[str, int]:
    """The claim or entry as a region: where it starts and, when it runs over several
    lines (PDF text, joined paragraphs), where it ends."""
    if not line:
        return {"startLine": 1}
    region = {"startLine": line}
    if not text or line > len(lines):
        return region
    head = _find(lines, line, text, last=False)
    if head is None or head[0] != line:
        return region
    region["startColumn"] = head[1]
    tail = _find(lines, line, text, last=True)
    if tail is not None and (tail[0], tail[1]) > (line, head[1]):
        region["endLine"], region["endColumn"] = tail
    return region


def _located_text(article: Article, finding: Finding) -> str | None:
    loc = finding.location
    if loc.sentence:
        return loc.sentence
    if loc.reference is not None and loc.table is None:
        ref = article.reference(loc.reference)
        return ref.raw if ref else None
    return None


def sarif_log(
    article: Article,
    findings: Sequence[Finding],
    source_lines: Sequence[str],
    uri: str,
    report: CheckReport | None = None,
) -> dict[str, Any]:
    """``report``: the metadata check, whose verdict (status, what each source said, the
    identifiers found) goes into the properties of every result on a reference."""
    codes = sorted({f.code for f in findings} | set(RULES))
    index = {code: i for i, code in enumerate(codes)}
    rules = []
    for code in codes:
        short, help_text = RULES.get(code, (code, code))
        rules.append(
            {
                "id": code,
                "name": "".join(part.capitalize() for part in code.split("-")),
                "shortDescription": {"text": short},
                "help": {"text": help_text},
            }
        )
    results = []
    for f in findings:
        loc = f.location
        region = _region(source_lines, loc.line, _located_text(article, f))
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": LEVELS[f.severity],
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region,
                    }
                }
            ],
        }
        properties: dict[str, Any] = {}
        if f.refs:
            properties["references"] = list(f.refs)
        check = report.get(loc.reference) if report and loc.reference is not None else None
        if check is not None:
            properties["status"] = check.status.value
            properties["sources"] = dict(check.sources)
            if check.ids:
                properties["ids"] = dict(check.ids)
            if check.found_in:
                properties["foundIn"] = check.found_in
        if (page := article.page_of(loc.line)) is not None:
            properties["page"] = page  # a PDF: the page the claim or entry is printed on
            if (box := article.box_of(loc.line)) is not None:
                properties["box"] = list(box)  # and where: x0, top, x1, bottom in points
            result["message"]["text"] += f" (page {page})"
        if properties:
            result["properties"] = properties
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citelink",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/citelink/",
                        "rules": rules,
                    }
                },
                "artifacts": [{"location": {"uri": uri}, "mimeType": "text/plain"}],
                "columnKind": "unicodeCodePoints",
                "results": results,
                **({"properties": _verdicts(report)} if report is not None else {}),
            }
        ],
    }


def _verdicts(report: CheckReport) -> dict[str, Any]:
    """Every reference's verdict, what each source said and the identifiers found, in the
    run's property bag (a verified reference has no result to carry them)."""
    return {
        "references": [
            {
                "n": c.n,
                "status": c.status.value,
                "foundBy": c.found_by,
                "foundIn": c.found_in,
                "ids": dict(c.ids),
                "sources": dict(c.sources),
            }
            for c in report.checks
        ]
    }


def artifact_uri(path: str) -> str:
    """The article as SARIF wants it: a relative POSIX path when under the working
    directory, else a file:// URI."""
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.resolve().as_uri()
