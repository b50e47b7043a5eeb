"""Identifiers printed in a reference that the parser does not keep as fields: a PMID
(``PMID: 123``, ``PMid:123``, ``pubmed/123``, ``pubmed.ncbi.nlm.nih.gov/123``). Pure."""

from __future__ import annotations

import dataclasses
import re

from citelink.model import Reference

_PMID = re.compile(
    r"(?:\bPMID\s*:?\s*|\bpubmed(?:\.ncbi\.nlm\.nih\.gov)?/|ncbi\.nlm\.nih\.gov/pubmed/)"
    r"(?P<id>\d{1,9})\b",
    re.IGNORECASE,
)


def printed_pmid(raw: str) -> str | None:
    match = _PMID.search(raw)
    if match is None or int(match.group("id")) == 0:
        return None
    return str(int(match.group("id")))


def with_printed_ids(ref: Reference) -> Reference:
    """``ref`` with its printed PMID filled in when the parser left it out."""
    if ref.pmid:
        return ref
    pmid = printed_pmid(ref.raw)
    return dataclasses.replace(ref, pmid=pmid) if pmid else ref
