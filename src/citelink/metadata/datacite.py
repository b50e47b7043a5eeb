"""DataCite over its REST API (JSON:API): ``/dois/{doi}`` for a DOI DataCite registered
(arXiv's ``10.48550``, Zenodo's ``10.5281``, Dryad, figshare ...), ``/dois?query=...`` for
a printed reference. An unknown DOI is a 404 with a JSON ``errors`` body."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from citelink.metadata.records import work_from_datacite
from citelink.metadata.remote import RemoteSource, answer, search_words
from citelink.metadata.result import Origin
from citelink.metadata.sources import Answer, State
from citelink.metadata.work import Work, normalize_doi
from citelink.model import Reference

DEFAULT_URL = "https://api.datacite.org"
INTERVALS = {"work": 0.1, "search": 0.2}


def _one(body: Any) -> list[Work | None]:
    data = body.get("data") if isinstance(body, Mapping) else None
    if not isinstance(data, Mapping):
        raise ValueError("no data")
    return [work_from_datacite(data)]


def _many(body: Any) -> list[Work | None]:
    data = body.get("data") if isinstance(body, Mapping) else None
    if not isinstance(data, list):
        raise ValueError("no data list")
    return [work_from_datacite(d) for d in data if isinstance(d, Mapping)]


class DataCiteSource(RemoteSource):
    """A ``Source`` over DataCite."""

    name = "datacite"
    option = "--datacite-url"
    intervals = INTERVALS

    def work(self, doi: str) -> Answer:
        path = "dois/" + quote(normalize_doi(doi), safe="/")
        return answer(self.http.get_json(path, kind="work"), Origin.DATACITE, _one)

    def search(self, ref: Reference, rows: int) -> Answer:
        text = search_words(ref)
        if not text:
            return Answer(State.OK, Origin.DATACITE)
        outcome = self.http.get_json("dois", {"query": text, "page[size]": rows}, kind="search")
        return answer(outcome, Origin.DATACITE, _many)

    def updates(self, doi: str) -> Answer:
        return Answer(State.OK, Origin.DATACITE)
