"""Crossref over HTTP: habanero builds the requests; the shared HTTP machinery
(``citelink.metadata.http``: requests-cache SQLite, timeouts, polite rate limits, retries
with backoff and ``Retry-After``, a circuit breaker) sends them and says whether an answer
was live or from the cache.

habanero 1.2.x sends through ``requests.get``; requests-cache's patcher swaps in a
``CachedSession`` subclass for the duration of each call (see ``docs/decisions.md`` for why
not habanero 2.x, whose httpx2 transport requests-cache cannot see). The subclass records
the last response (status, headers, ``from_cache``), so the outcome is read from the HTTP
exchange itself, however habanero chose to wrap it in an exception.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from habanero import Crossref

from citelink import __version__
from citelink.metadata.http import (
    IGNORED_PARAMETERS,
    HttpCache,
    Outcome,
    PoliteClient,
    RecordingSession,
    Stats,
    Via,
    retry_after,
)
from citelink.metadata.result import Origin
from citelink.metadata.sources import Answer, State, bibliographic_query
from citelink.metadata.work import normalize_doi, work_from_json
from citelink.model import Reference

__all__ = [
    "IGNORED_PARAMETERS",
    "POLITE_INTERVALS",
    "PUBLIC_INTERVALS",
    "CrossrefSource",
    "RecordingSession",
    "Stats",
    "retry_after",
]

# Polite-pool policy since December 2025: 10/s for single-DOI look-ups, 3/s for searches.
# Announced limits (x-rate-limit-*) can only make these slower, never faster.
POLITE_INTERVALS = {"work": 0.1, "search": 1 / 3}
PUBLIC_INTERVALS = {"work": 0.2, "search": 1.0}


def _origin(via: Via) -> Origin:
    return Origin.CROSSREF if via is Via.LIVE else Origin.CACHE


class CrossrefSource:
    """A ``Source`` over the Crossref REST API (or any server that speaks it)."""

    name = "crossref"

    def __init__(
        self,
        cache: Path | HttpCache,
        *,
        api_url: str,
        mailto: str | None = None,
        offline: bool = False,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        intervals: Mapping[str, float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        warn: Callable[[str], None] = lambda message: None,
    ) -> None:
        self._own_cache = not isinstance(cache, HttpCache)
        self.cache = cache if isinstance(cache, HttpCache) else HttpCache(Path(cache), warn)
        self.http = PoliteClient(
            self.name,
            api_url,
            self.cache,
            offline=offline,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            intervals=dict(intervals or (POLITE_INTERVALS if mailto else PUBLIC_INTERVALS)),
            sleep=sleep,
        )
        self.api_url = self.http.base_url
        self.offline = offline
        self._client = Crossref(
            base_url=self.api_url, mailto=mailto, ua_string=f"citelink/{__version__}"
        )

    @property
    def stats(self) -> Stats:
        return self.http.stats

    def close(self) -> None:
        self.http.close()
        if self._own_cache:
            self.cache.close()

    # -- the three questions -------------------------------------------------------------

    def work(self, doi: str) -> Answer:
        outcome = self._call("work", lambda: self._client.works(ids=[doi]))
        origin = _origin(outcome.via)
        if outcome.state is not State.OK:
            return Answer(outcome.state, origin, reason=outcome.reason)
        if outcome.body is None:  # 404: no such DOI here
            return Answer(State.OK, origin, reason=f"DOI {doi} is not registered")
        work = work_from_json(_message(outcome.body))
        return Answer(State.OK, origin, (work,) if work else ())

    def search(self, ref: Reference, rows: int) -> Answer:
        query = bibliographic_query(ref)
        outcome = self._call(
            "search", lambda: self._client.works(query_bibliographic=query, limit=rows)
        )
        return self._work_list(outcome)

    def updates(self, doi: str) -> Answer:
        outcome = self._call(
            "search", lambda: self._client.works(filter={"updates": normalize_doi(doi)}, limit=20)
        )
        return self._work_list(outcome)

    # -- HTTP ----------------------------------------------------------------------------

    def _call(self, kind: str, send: Callable[[], Any]) -> Outcome:
        return self.http.call(kind, send)

    def _work_list(self, outcome: Outcome) -> Answer:
        origin = _origin(outcome.via)
        if outcome.state is not State.OK:
            return Answer(outcome.state, origin, reason=outcome.reason)
        items = _message(outcome.body).get("items") if outcome.body is not None else None
        if not isinstance(items, list):
            return Answer(State.ERROR, origin, reason="the answer holds no work list")
        works = tuple(w for w in (work_from_json(i) for i in items if isinstance(i, Mapping)) if w)
        return Answer(State.OK, origin, works)


def _message(body: Any) -> Mapping[str, Any]:
    message = body.get("message") if isinstance(body, Mapping) else None
    return message if isinstance(message, Mapping) else {}
