"""Check results as lint-style findings (one list for the terminal, JSON, SARIF, HTML)."""

from __future__ import annotations

from collections.abc import Iterable

from citelink.metadata.result import CheckReport, Origin, Status
from citelink.model import Finding, Location, Reference, Severity


def _location(ref: Reference | None, n: int) -> Location:
    return Location(line=ref.line if ref else None, reference=n)


def check_findings(report: CheckReport, refs: Iterable[Reference]) -> list[Finding]:
    by_n = {r.n: r for r in refs}
    out: list[Finding] = []
    for check in report.checks:
        loc = _location(by_n.get(check.n), check.n)
        for d in check.discrepancies:
            code = "doi-mismatch" if d.field == "doi" else "discrepancy"
            registered = f"'{d.registered}'" if d.registered else "nothing"
            message = f"[{check.n}] {d.field}: printed '{d.printed}', registered {registered}"
            out.append(Finding(code, d.severity, f"{message} ({d.message})", (check.n,), loc))
        for notice in check.notices:
            out.append(
                Finding(
                    notice.kind,
                    notice.severity,
                    f"[{check.n}] {check.doi} has a {notice.kind} notice: {notice.label} "
                    f"(https://doi.org/{notice.doi})",
                    (check.n,),
                    loc,
                )
            )
        if check.status is Status.NOT_FOUND:
            severity = Severity.INFO if check.source is Origin.INDEX else Severity.WARNING
            message = f"[{check.n}] {check.message}"
            out.append(Finding("not-found", severity, message, (check.n,), loc))
        elif check.status is Status.UNCHECKED:
            out.append(
                Finding("unchecked", Severity.INFO, f"[{check.n}] {check.message}", (check.n,), loc)
            )
    return out
