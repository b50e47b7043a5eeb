"""PubMed over NCBI E-utilities: ``esearch`` finds PMIDs (by title words, by DOI), and
``esummary`` (JSON) gives each PMID's record; both through the shared HTTP machinery
(``http``: cache, politeness, retries, circuit breaker).

NCBI asks every caller to send ``tool`` and ``email`` and to keep to 3 requests a second,
10 with an ``api_key``; all three are identity, never part of the cache key. A not-found
search is a normal 200 document with an empty ``idlist``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from citelink.metadata.http import HttpCache
from citelink.metadata.records import work_from_pubmed
from citelink.metadata.remote import RemoteSource, answer, search_words
from citelink.metadata.result import Origin
from citelink.metadata.sources import Answer, State
from citelink.metadata.work import Work, normalize_doi, normalize_pmid
from citelink.model import Reference

DEFAULT_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
TOOL = "citelink"


def ncbi_intervals(api_key: str | None) -> dict[str, float]:
    """NCBI's limit: 3 requests/s, 10/s with an API key (one budget for every kind)."""
    gap = 1 / 10 if api_key else 1 / 3
    return {"work": gap, "search": gap}


def _summaries(body: Any, wanted: Iterable[str] | None = None) -> list[Work | None]:
    result = body.get("result") if isinstance(body, Mapping) else None
    if not isinstance(result, Mapping):
        raise ValueError("no result")
    uids = [str(u) for u in result.get("uids") or []]
    order = [u for u in (wanted or uids) if u in uids]
    return [
        work_from_pubmed(result[u]) if isinstance(result.get(u), Mapping) else None for u in order
    ]


def _idlist(body: Any) -> list[str]:
    result = body.get("esearchresult") if isinstance(body, Mapping) else None
    if not isinstance(result, Mapping):
        raise ValueError("no esearchresult")
    return [p for p in (normalize_pmid(i) for i in result.get("idlist") or []) if p]


class PubMedSource(RemoteSource):
    """A ``Source`` over PubMed; it also answers ``pmid(PMID)``."""

    name = "pubmed"
    option = "--pubmed-url"
    intervals = ncbi_intervals(None)

    def __init__(
        self,
        cache: HttpCache,
        *,
        email: str | None = None,
        api_key: str | None = None,
        intervals: Mapping[str, float] | None = None,
        **settings: Any,
    ) -> None:
        super().__init__(
            cache,
            intervals=intervals if intervals is not None else ncbi_intervals(api_key),
            params={"tool": TOOL, "email": email, "api_key": api_key},
            **settings,
        )

    def _summary(self, pmids: list[str]) -> Answer:
        if not pmids:
            return Answer(State.OK, Origin.PUBMED)
        outcome = self.http.get_json(
            "esummary.fcgi",
            {"db": "pubmed", "id": ",".join(pmids), "retmode": "json"},
            kind="work",
        )
        return answer(outcome, Origin.PUBMED, lambda body: _summaries(body, pmids))

    def _esearch(self, term: str, rows: int) -> tuple[Answer, list[str]]:
        outcome = self.http.get_json(
            "esearch.fcgi",
            {"db": "pubmed", "term": term, "retmode": "json", "retmax": rows, "sort": "relevance"},
            kind="search",
        )
        found: list[str] = []

        def read(body: Any) -> list[Work | None]:
            found.extend(_idlist(body))
            return []

        return answer(outcome, Origin.PUBMED, read), found

    def pmid(self, pmid: str) -> Answer:
        return self._summary([pmid])

    def work(self, doi: str) -> Answer:
        """The PubMed record of a DOI (``esearch`` on the article-identifier field, then
        ``esummary``); only a record that carries that very DOI counts."""
        doi = normalize_doi(doi)
        asked, pmids = self._esearch(f'"{doi}"[aid]', 3)
        if asked.state is not State.OK or not pmids:
            return asked
        summary = self._summary(pmids)
        works = tuple(w for w in summary.works if w.doi == doi)
        return Answer(summary.state, summary.origin, works, summary.reason)

    def search(self, ref: Reference, rows: int) -> Answer:
        term = search_words(ref)
        if not ref.title:
            parts = []
            if ref.authors:
                parts.append(f"{ref.authors[0].family}[au]")
            if ref.journal:
                parts.append(f'"{ref.journal}"[ta]')
            if ref.year:
                parts.append(f"{ref.year}[dp]")
            if len(parts) < 2:
                return Answer(State.OK, Origin.PUBMED, reason="too little to search PubMed")
            term = " AND ".join(parts)
        if not term:
            return Answer(State.OK, Origin.PUBMED)
        asked, pmids = self._esearch(term, rows)
        if asked.state is not State.OK:
            return asked
        return self._summary(pmids[:rows])

    def updates(self, doi: str) -> Answer:
        return Answer(State.OK, Origin.PUBMED)  # notices come from Crossref and Retraction Watch
