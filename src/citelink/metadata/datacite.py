"""DataCite over its REST API (JSON:API): ``/dois/{doi}`` for a DOI DataCite registered
(arXiv's ``10.48550``, Zenodo's ``10.5281``, Dryad, figshare ...), ``/dois?query=...`` for
a printed reference. An unknown DOI is a 404 with a JSON ``errors`` body."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from citelink.metadata.http import HttpCache, PoliteClient, Stats
from citelink.metadata.records import work_from_datacite
from citelink.metadata.remote import answer, search_words
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


class DataCiteSource:
    """A ``Source`` over DataCite."""

    name = "datacite"

    def __init__(
        self,
        cache: HttpCache,
        *,
        base_url: str = DEFAULT_URL,
        offline: bool = False,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        intervals: Mapping[str, float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = PoliteClient(
            self.name,
            base_url,
            cache,
            offline=offline,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            intervals=dict(intervals if intervals is not None else INTERVALS),
            sleep=sleep,
            option="--datacite-url",
        )

    @property
    def stats(self) -> Stats:
        return self.http.stats

    def close(self) -> None:
        self.http.close()

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
