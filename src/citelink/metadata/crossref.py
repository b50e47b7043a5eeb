"""Crossref over HTTP: habanero builds the requests, requests-cache stores every response in
SQLite, and this module adds what neither does: timeouts, polite rate limiting, retries with
backoff and ``Retry-After``, and knowing whether an answer was live or from the cache.

habanero 1.2.x sends through ``requests.get``; requests-cache's patcher swaps in a
``CachedSession`` subclass for the duration of each call (see ``docs/decisions.md`` for why
not habanero 2.x, whose httpx2 transport requests-cache cannot see). The subclass records
the last response (status, headers, ``from_cache``), so the outcome is read from the HTTP
exchange itself, however habanero chose to wrap it in an exception.
"""

from __future__ import annotations

import email.utils
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import requests_cache
from habanero import Crossref
from requests_cache.backends.sqlite import SQLiteCache

from citelink import __version__
from citelink.metadata.result import Origin
from citelink.metadata.sources import Answer, State, bibliographic_query
from citelink.metadata.storage import sqlite_or_fresh
from citelink.metadata.work import normalize_doi, work_from_json
from citelink.model import Reference

# requests-cache's ignored_parameters replaces its defaults: keep them, add the identity.
IGNORED_PARAMETERS = (
    *requests_cache.DEFAULT_IGNORED_PARAMS,
    "mailto",
    "User-Agent",
    "X-USER-AGENT",
)
# Polite-pool policy since December 2025: 10/s for single-DOI look-ups, 3/s for searches.
# Announced limits (x-rate-limit-*) can only make these slower, never faster.
POLITE_INTERVALS = {"work": 0.1, "search": 1 / 3}
PUBLIC_INTERVALS = {"work": 0.2, "search": 1.0}
MAX_RETRY_AFTER = 60.0
# Consecutive attempts that could not connect at all before the server is taken to be
# unreachable for the rest of the run (each reference then says so at once).
UNREACHABLE_AFTER = 3


@dataclass
class _Exchange:
    """The last HTTP response seen on this thread (``None``: no response at all)."""

    response: requests.Response | None = None
    timeout: float = 10.0


_local = threading.local()


def _exchange() -> _Exchange:
    if not hasattr(_local, "exchange"):
        _local.exchange = _Exchange()
    exchange: _Exchange = _local.exchange
    return exchange


class RecordingSession(requests_cache.CachedSession):
    """A ``CachedSession`` that applies citelink's timeout (habanero 1.2 sets none) and
    remembers the response, so the caller can read status, headers and ``from_cache``."""

    def request(  # type: ignore[override]  # the parents' keyword lists pass through kwargs
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        exchange = _exchange()
        kwargs.setdefault("timeout", exchange.timeout)
        response = super().request(method, url, *args, **kwargs)
        exchange.response = response
        return response


def _cacheable(response: requests.Response) -> bool:
    """Store 404s and well-formed JSON only: a truncated or mistyped body is never cached,
    so it cannot become tomorrow's answer."""
    if response.status_code == 404:
        return True
    if "json" not in response.headers.get("Content-Type", ""):
        return False
    try:
        json.loads(response.content)
    except ValueError:
        return False
    return True


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), MAX_RETRY_AFTER))


@dataclass
class Stats:
    live: int = 0
    cached: int = 0
    retries: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"live": self.live, "cached": self.cached, "retries": self.retries}


@dataclass
class _Outcome:
    state: State
    origin: Origin
    body: Any = None
    reason: str = ""


class CrossrefSource:
    """A ``Source`` over the Crossref REST API (or any server that speaks it)."""

    name = "crossref"

    def __init__(
        self,
        cache_path: Path,
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
        self.cache_path = Path(cache_path)
        self.api_url = api_url.rstrip("/")
        self.offline = offline
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.policy = dict(intervals or (POLITE_INTERVALS if mailto else PUBLIC_INTERVALS))
        self.sleep = sleep
        self.stats = Stats()
        self._interval = dict(self.policy)
        self._last_live: dict[str, float] = {}
        self._refused = 0
        self._client = Crossref(
            base_url=self.api_url, mailto=mailto, ua_string=f"citelink/{__version__}"
        )
        sqlite_or_fresh(self.cache_path, "HTTP cache", warn)
        self._backend: SQLiteCache | None = None

    def _cache(self) -> SQLiteCache:
        """One SQLite backend for the whole run: every request's session shares it, so the
        file is opened once, not once per request."""
        if self._backend is None:
            self._backend = SQLiteCache(str(self.cache_path))
        return self._backend

    def close(self) -> None:
        if self._backend is not None:
            self._backend.close()  # type: ignore[no-untyped-call]
            self._backend = None

    # -- the three questions -------------------------------------------------------------

    def work(self, doi: str) -> Answer:
        outcome = self._call("work", lambda: self._client.works(ids=[doi]))
        if outcome.state is not State.OK:
            return Answer(outcome.state, outcome.origin, reason=outcome.reason)
        if outcome.body is None:  # 404: no such DOI here
            return Answer(State.OK, outcome.origin, reason=f"DOI {doi} is not registered")
        work = work_from_json(_message(outcome.body))
        return Answer(State.OK, outcome.origin, (work,) if work else ())

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

    def _work_list(self, outcome: _Outcome) -> Answer:
        if outcome.state is not State.OK:
            return Answer(outcome.state, outcome.origin, reason=outcome.reason)
        items = _message(outcome.body).get("items") if outcome.body is not None else None
        if not isinstance(items, list):
            return Answer(State.ERROR, outcome.origin, reason="the answer holds no work list")
        works = tuple(w for w in (work_from_json(i) for i in items if isinstance(i, Mapping)) if w)
        return Answer(State.OK, outcome.origin, works)

    def _wait_turn(self, kind: str) -> None:
        last = self._last_live.get(kind)
        if last is not None:
            delay = last + self._interval[kind] - time.monotonic()
            if delay > 0:
                self.sleep(delay)

    def _learn_limits(self, kind: str, headers: Mapping[str, str]) -> None:
        """Slow down to what the server announces (``x-rate-limit-limit`` per
        ``x-rate-limit-interval``); never speed up past the policy."""
        try:
            limit = int(headers.get("x-rate-limit-limit", "0"))
            interval = float(headers.get("x-rate-limit-interval", "1s").rstrip("s") or 1)
        except ValueError:
            return
        if limit > 0:
            self._interval[kind] = max(self.policy[kind], interval / limit)

    def _call(self, kind: str, send: Callable[[], Any]) -> _Outcome:
        last_reason = ""
        for attempt in range(self.retries + 1):
            if self._refused >= UNREACHABLE_AFTER:
                return _Outcome(
                    State.ERROR, Origin.CROSSREF, reason=f"{self.api_url} is unreachable"
                )
            self._wait_turn(kind)
            outcome, wait = self._attempt(kind, send)
            self._refused = self._refused + 1 if outcome.reason == "cannot connect" else 0
            if wait is None:
                return outcome
            last_reason = outcome.reason
            if attempt == self.retries:
                break
            self.stats.retries += 1
            self.sleep(wait if wait > 0 else self.backoff * 2**attempt)
        return _Outcome(
            State.ERROR,
            Origin.CROSSREF,
            reason=f"{last_reason} (gave up after {self.retries + 1} attempts)",
        )

    def _attempt(self, kind: str, send: Callable[[], Any]) -> tuple[_Outcome, float | None]:
        """One request. Returns the outcome and, when it is worth trying again, how long to
        wait first (0: the caller's backoff)."""
        exchange = _exchange()
        exchange.response, exchange.timeout = None, self.timeout
        error: BaseException | None = None
        body: Any = None
        with requests_cache.enabled(
            backend=self._cache(),
            autoclose=False,
            session_factory=RecordingSession,
            expire_after=requests_cache.NEVER_EXPIRE,
            allowable_codes=(200, 404),
            ignored_parameters=IGNORED_PARAMETERS,
            filter_fn=_cacheable,
            only_if_cached=self.offline,
        ):
            try:
                body = send()
            except Exception as exc:  # habanero wraps HTTP failures in several ways
                error = exc
        response = exchange.response
        if response is None:
            return self._no_response(kind, error)
        status = response.status_code
        if status == 504 and self.offline:
            return _Outcome(State.MISS, Origin.CACHE, reason="not in the HTTP cache"), None
        origin = Origin.CACHE if getattr(response, "from_cache", False) else Origin.CROSSREF
        if origin is Origin.CROSSREF:
            self.stats.live += 1
            self._last_live[kind] = time.monotonic()
            self._learn_limits(kind, response.headers)
        else:
            self.stats.cached += 1
        if status == 404:
            return _Outcome(State.OK, origin, None), None
        if status == 429:
            wait = retry_after(response.headers.get("Retry-After"))
            return _Outcome(State.ERROR, origin, reason="rate limited (429)"), wait or 0.0
        if status >= 500:
            return _Outcome(State.ERROR, origin, reason=f"server error ({status})"), 0.0
        if status >= 400:
            return _Outcome(State.ERROR, origin, reason=f"request refused ({status})"), None
        if error is not None or not isinstance(body, dict):
            ctype = response.headers.get("Content-Type", "?")
            why = "not JSON" if "json" not in ctype else "malformed JSON"
            return _Outcome(State.ERROR, origin, reason=f"unusable answer ({why}, {ctype})"), 0.0
        return _Outcome(State.OK, origin, body), None

    def _no_response(self, kind: str, error: BaseException | None) -> tuple[_Outcome, float | None]:
        if isinstance(error, sqlite3.Error):
            return _Outcome(State.ERROR, Origin.CACHE, reason=f"HTTP cache unusable: {error}"), None
        chain: list[BaseException] = []
        while error is not None and error not in chain:
            chain.append(error)
            error = (
                error.__cause__
                or error.__context__
                or (
                    error.args[0]
                    if error.args and isinstance(error.args[0], BaseException)
                    else None
                )
            )
        if any(isinstance(e, requests.Timeout) for e in chain):
            self._last_live[kind] = time.monotonic()
            return _Outcome(State.ERROR, Origin.CROSSREF, reason="timed out"), 0.0
        if any(isinstance(e, requests.ConnectionError) for e in chain):
            self._last_live[kind] = time.monotonic()
            return _Outcome(State.ERROR, Origin.CROSSREF, reason="cannot connect"), 0.0
        text = str(chain[0]) if chain else "no response"
        return _Outcome(State.ERROR, Origin.CROSSREF, reason=f"request failed: {text}"[:200]), 0.0


def _message(body: Any) -> Mapping[str, Any]:
    message = body.get("message") if isinstance(body, Mapping) else None
    return message if isinstance(message, Mapping) else {}
