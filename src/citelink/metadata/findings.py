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
            code = "doi-mismatch" if d.field in ("doi", "pmid") else "discrepancy"
            registered = f"'{d.registered}'" if d.registered else "nothing"
            message = f"[{check.n}] {d.field}: printed '{d.printed}', registered {registered}"
            out.append(Finding(code, d.severity, f"{message} ({d.message})", (check.n,), loc))
        what = check.doi or (check.work.key if check.work else "the work")
        for notice in check.notices:
            link = f" (https://doi.org/{notice.doi})" if notice.doi else ""
            out.append(
                Finding(
                    notice.kind if notice.kind != "reinstatement" else "correction",
                    notice.severity,
                    f"[{check.n}] {what} has a "
                    f"{notice.kind} notice, reported by {notice.source}: {notice.label}{link}",
                    (check.n,),
                    loc,
                )
            )
        if check.status is Status.NOT_FOUND:
            severity = (
                Severity.INFO if check.source in (Origin.INDEX, Origin.NONE) else Severity.WARNING
            )
            message = f"[{check.n}] {check.message}"
            out.append(Finding("not-found", severity, message, (check.n,), loc))
        elif check.status is Status.NOT_FOUND_ANYWHERE:
            message = f"[{check.n}] {check.message}"
            out.append(Finding("not-found-anywhere", Severity.WARNING, message, (check.n,), loc))
        elif check.status is Status.UNVERIFIABLE:
            out.append(
                Finding(
                    "unverifiable", Severity.INFO, f"[{check.n}] {check.message}", (check.n,), loc
                )
            )
    return out
