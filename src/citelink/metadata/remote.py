"""What the HTTP sources share beyond ``http``: one polite client per source over the run's
cache (``RemoteSource``), turning an HTTP ``Outcome`` into an ``Answer`` named for its source
(live) or the cache, and the search words of a reference. Crossref, spoken through habanero,
has its own client class."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from citelink.metadata.http import HttpCache, Outcome, PoliteClient, Stats, Via
from citelink.metadata.result import Origin
from citelink.metadata.similarity import words
from citelink.metadata.sources import Answer, State
from citelink.metadata.work import Work
from citelink.model import Reference


def answer(outcome: Outcome, live: Origin, works: Callable[[Any], Iterable[Work | None]]) -> Answer:
    """``works`` reads the body; a 404 (body ``None``) is a definitive "no such record"."""
    origin = Origin.CACHE if outcome.via is Via.CACHE else live
    if outcome.state is not State.OK:
        return Answer(outcome.state, origin, reason=outcome.reason)
    if outcome.body is None:
        return Answer(State.OK, origin, reason="no such record")
    try:
        found = tuple(w for w in works(outcome.body) if w is not None)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        return Answer(State.ERROR, origin, reason=f"unusable answer ({type(exc).__name__})")
    return Answer(State.OK, origin, found)


def search_words(ref: Reference, limit: int = 24) -> str:
    """The printed title's words (or the raw entry's, without title), for full-text search."""
    text = ref.title or ref.raw
    for extra in (ref.doi, ref.url):
        if extra:
            text = text.replace(extra, " ")
    return " ".join(words(text)[:limit])


class RemoteSource:
    """A source over one HTTP API: its name, the option that sets its base URL, its polite
    intervals (seconds between requests of each kind) and the identity parameters it sends
    with every request (never part of the cache key)."""

    name: str
    option: ClassVar[str]
    intervals: ClassVar[Mapping[str, float]]

    def __init__(
        self,
        cache: HttpCache,
        *,
        base_url: str,
        offline: bool = False,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        intervals: Mapping[str, float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        params: Mapping[str, str | None] | None = None,
    ) -> None:
        self.http = PoliteClient(
            self.name,
            base_url,
            cache,
            offline=offline,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
            intervals=dict(intervals if intervals is not None else type(self).intervals),
            sleep=sleep,
            params=params,
            option=self.option,
        )

    @property
    def stats(self) -> Stats:
        return self.http.stats

    def close(self) -> None:
        self.http.close()
