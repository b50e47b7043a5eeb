"""JSON documents for every command: plain dicts with a stable shape, ready for
``json.dumps``. The shapes are the public interface other tools read."""

from __future__ import annotations

from typing import Any

from citelink.graph.links import Citations, Hit, citation_index
from citelink.metadata.result import CheckReport, Notice, RefCheck
from citelink.model import (
    Article,
    Author,
    Finding,
    Marker,
    Reference,
    Sentence,
    Table,
    TablePointer,
    TableRow,
)
from citelink.render.bibtex import keys_by_number


def author(a: Author) -> dict[str, str]:
    return {"family": a.family, "given": a.given}


def reference(ref: Reference) -> dict[str, Any]:
    return {
        "n": ref.n,
        "authors": [author(a) for a in ref.authors],
        "et_al": ref.et_al,
        "title": ref.title,
        "journal": ref.journal,
        "year": ref.year,
        "volume": ref.volume,
        "issue": ref.issue,
        "pages": ref.pages,
        "doi": ref.doi,
        "pmid": ref.pmid,
        "type": ref.type,
        "raw": ref.raw,
        "booktitle": ref.booktitle,
        "editors": [author(a) for a in ref.editors],
        "publisher": ref.publisher,
        "place": ref.place,
        "edition": ref.edition,
        "url": ref.url,
        "number_printed": ref.number_printed,
        "line": ref.line,
    }


def references_doc(article: Article) -> dict[str, Any]:
    return {
        "article": article.path,
        "references": [reference(r) for r in article.references],
        "warnings": list(article.warnings),
    }


def marker(m: Marker) -> dict[str, Any]:
    return {"printed": m.printed, "refs": list(m.refs)}


def pointer(p: TablePointer) -> dict[str, Any]:
    return {"printed": p.printed, "tables": list(p.tables)}


def claim(s: Sentence) -> dict[str, Any]:
    return {
        "id": s.id,
        "section": s.section,
        "paragraph": s.paragraph,
        "line": s.line,
        "sentence": s.text,
        "markers": [marker(m) for m in s.markers],
        "refs": list(s.refs),
        "table_pointers": [pointer(p) for p in s.pointers],
    }


def row(table: Table, r: TableRow) -> dict[str, Any]:
    return {
        "table": table.number,
        "row": r.index,
        "line": r.line,
        "cells": table.row_mapping(r),
        "refs": list(r.refs),
        "ref_printed": r.cells[table.ref_column] if table.ref_column is not None else None,
    }


def table(t: Table) -> dict[str, Any]:
    return {
        "number": t.number,
        "line": t.line,
        "caption": t.caption,
        "caption_en": t.caption_en,
        "header": list(t.header),
        "ref_column": t.header[t.ref_column] if t.ref_column is not None else None,
        "note": t.note,
        "rows": [row(t, r) for r in t.rows],
    }


def _brief(ref: Reference | None, key: str | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    first = ref.authors[0].family if ref.authors else None
    return {"key": key, "first_author": first, "year": ref.year, "title": ref.title}


def citations(c: Citations, key: str | None) -> dict[str, Any]:
    return {
        "n": c.n,
        "reference": _brief(c.reference, key),
        "claims": [
            {
                "id": cc.sentence.id,
                "section": cc.sentence.section,
                "line": cc.sentence.line,
                "sentence": cc.sentence.text,
                "marker": cc.marker.printed,
            }
            for cc in c.claims
        ],
        "rows": [row(rc.table, rc.row) for rc in c.rows],
    }


def claims_doc(article: Article, cites: list[Citations]) -> dict[str, Any]:
    keys = keys_by_number(article.references)
    return {"article": article.path, "references": [citations(c, keys.get(c.n)) for c in cites]}


def hit(h: Hit) -> dict[str, Any]:
    if h.kind == "claim" and h.sentence is not None:
        return {"kind": "claim", **claim(h.sentence)}
    assert h.table is not None and h.row is not None
    return {"kind": "row", **row(h.table, h.row), "caption": h.table.caption}


def find_doc(article: Article, query: str, hits: list[Hit]) -> dict[str, Any]:
    refs = sorted({n for h in hits for n in h.refs})
    return {
        "article": article.path,
        "query": query,
        "hits": [hit(h) for h in hits],
        "refs": refs,
    }


def links_doc(article: Article) -> dict[str, Any]:
    keys = keys_by_number(article.references)
    index = citation_index(article)
    return {
        "article": article.path,
        "sections": [
            {"number": s.number, "title": s.title, "line": s.line} for s in article.sections
        ],
        "references": [
            {
                "n": c.n,
                **(_brief(c.reference, keys.get(c.n)) or {"key": None}),
                "claims": sorted({cc.sentence.id for cc in c.claims}),
                "rows": [{"table": rc.table.number, "row": rc.row.index} for rc in c.rows],
            }
            for c in index.values()
        ],
        "claims": [claim(s) for s in article.claims],
        "tables": [table(t) for t in article.tables],
    }


def finding(f: Finding) -> dict[str, Any]:
    location = {k: v for k, v in vars(f.location).items() if v is not None}
    return {
        "code": f.code,
        "severity": f.severity.value,
        "message": f.message,
        "refs": list(f.refs),
        "location": location,
    }


def lint_doc(article: Article, findings: list[Finding]) -> dict[str, Any]:
    summary = {level: 0 for level in ("error", "warning", "info")}
    docs = []
    for f in findings:
        summary[f.severity.value] += 1
        doc = finding(f)
        if (page := article.page_of(f.location.line)) is not None:
            doc["location"]["page"] = page
            if (box := article.box_of(f.location.line)) is not None:
                doc["location"]["box"] = list(box)
        docs.append(doc)
    return {"article": article.path, "findings": docs, "summary": summary}


def ref_check(c: RefCheck) -> dict[str, Any]:
    return {
        "n": c.n,
        "status": c.status.value,
        "doi": c.doi,
        "found_by": c.found_by,
        "ids": dict(c.ids),
        "found_in": c.found_in,
        "sources": dict(c.sources),
        "score": c.score,
        "source": c.source.value,
        "message": c.message,
        "discrepancies": [
            {
                "field": d.field,
                "printed": d.printed,
                "registered": d.registered,
                "severity": d.severity.value,
                "message": d.message,
            }
            for d in c.discrepancies
        ],
        "notices": [notice(n) for n in c.notices],
        "candidates": [
            {
                "source": k.source,
                "score": k.score,
                "title": k.title,
                "ids": dict(k.ids),
                "why": k.why,
            }
            for k in c.candidates
        ],
    }


def notice(n: Notice) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "kind": n.kind,
        "doi": n.doi or None,
        "label": n.label,
        "severity": n.severity.value,
        "source": n.source,
        "origin": n.origin.value,
    }
    for name in ("record", "date", "reason"):
        if getattr(n, name):
            doc[name] = getattr(n, name)
    return doc


def check_doc(article: Article, report: CheckReport, findings: list[Finding]) -> dict[str, Any]:
    """``check --json``: one entry per reference, the summary, and every finding (lint and
    check) with its severity counts."""
    doc = lint_doc(article, findings)
    return {
        "article": article.path,
        "references": [ref_check(c) for c in report.checks],
        "summary": {
            **report.summary(),
            "findings": doc["summary"],
            "requests": dict(report.requests),
        },
        "findings": doc["findings"],
    }
