"""OpenAlex over its REST API: ``/works/doi:DOI`` and ``/works/pmid:PMID`` for one work,
``/works?search=...`` for a printed reference; ``mailto`` puts the caller in the polite
pool (identity, not part of the cache key). An unknown id is a 404 with an HTML body.
A work's ``is_retracted`` becomes a notice; its ``ids`` give PMID and PMCID.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from citelink.metadata.http import HttpCache
from citelink.metadata.records import work_from_openalex
from citelink.metadata.remote import RemoteSource, answer, search_words
from citelink.metadata.result import Origin
from citelink.metadata.sources import Answer, State
from citelink.metadata.work import Work, normalize_doi
from citelink.model import Reference

DEFAULT_URL = "https://api.openalex.org"
INTERVALS = {"work": 0.1, "search": 0.2}  # well under OpenAlex's 10/s


def _one(body: Any) -> list[Work | None]:
    if not isinstance(body, Mapping):
        raise ValueError("not a work")
    return [work_from_openalex(body)]


def _results(body: Any) -> list[Work | None]:
    results = body.get("results") if isinstance(body, Mapping) else None
    if not isinstance(results, list):
        raise ValueError("no results")
    return [work_from_openalex(r) for r in results if isinstance(r, Mapping)]


class OpenAlexSource(RemoteSource):
    """A ``Source`` over OpenAlex; it also answers ``pmid(PMID)``."""

    name = "openalex"
    option = "--openalex-url"
    intervals = INTERVALS

    def __init__(self, cache: HttpCache, *, mailto: str | None = None, **settings: Any) -> None:
        super().__init__(cache, params={"mailto": mailto}, **settings)

    def work(self, doi: str) -> Answer:
        path = "works/doi:" + quote(normalize_doi(doi), safe="/")
        return answer(self.http.get_json(path, kind="work"), Origin.OPENALEX, _one)

    def pmid(self, pmid: str) -> Answer:
        path = "works/pmid:" + quote(pmid, safe="")
        return answer(self.http.get_json(path, kind="work"), Origin.OPENALEX, _one)

    def search(self, ref: Reference, rows: int) -> Answer:
        text = search_words(ref)
        if ref.authors:
            text += f" {ref.authors[0].family}"
        if not text.strip():
            return Answer(State.OK, Origin.OPENALEX)
        outcome = self.http.get_json(
            "works", {"search": text.strip(), "per-page": rows}, kind="search"
        )
        return answer(outcome, Origin.OPENALEX, _results)

    def updates(self, doi: str) -> Answer:
        return Answer(State.OK, Origin.OPENALEX)  # is_retracted travels with the work
