"""Identifiers printed in a reference, filled into one the parser did not make (a
``Reference`` built by other code): its PMID (``parse.references.printed_pmid``). Pure."""

from __future__ import annotations

import dataclasses

from citelink.model import Reference
from citelink.parse.references import printed_pmid


def with_printed_ids(ref: Reference) -> Reference:
    """``ref`` with its printed PMID filled in when it has none."""
    if ref.pmid:
        return ref
    pmid = printed_pmid(ref.raw)
    return dataclasses.replace(ref, pmid=pmid) if pmid else ref
