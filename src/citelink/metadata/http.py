"""HTTP for every metadata source: one requests-cache SQLite file, one polite client per
source.

How a source uses it (Crossref, PubMed, OpenAlex, DataCite ...)::

    from citelink.metadata.http import HttpCache, PoliteClient, State, Via

    cache = HttpCache(settings.cache, warn)              # one per run, shared by all sources
    client = PoliteClient(
        "openalex", "https://api.openalex.org", cache,
        offline=settings.offline, timeout=settings.timeout, retries=settings.retries,
        intervals={"work": 0.1, "search": 0.2},          # seconds between live requests
        params={"mailto": mailto},                        # sent, never part of the cache key
    )
    outcome = client.get_json("/works/doi:10.1/x", kind="work")   # or an absolute URL
    if outcome.state is State.OK and outcome.body is not None: ...  # parsed JSON
    elif outcome.state is State.OK: ...                  # 404: the source has no such thing
    elif outcome.state is State.MISS: ...                # offline and not in the cache
    else: ...                                            # ERROR: ``outcome.reason`` says why
    # outcome.via is Via.LIVE or Via.CACHE; outcome.status is the HTTP status (or None)
    client.stats.as_dict()                               # {"live", "cached", "retries"}

What every client does, so a source does not have to:

- **Cache.** Every 200 JSON answer and every 404 is stored in the shared SQLite file
  (``responses`` table of requests-cache) and never expires; a truncated or mistyped body
  is never stored. Identity parameters (``mailto``, ``email``, ``tool``, ``api_key``,
  ``User-Agent``) are not part of the cache key.
- **Offline** (``offline=True``): ``only_if_cached``; no request is ever sent. Not in the
  cache is ``MISS``.
- **Politeness.** At least ``intervals[kind]`` seconds between live requests of one kind;
  ``x-rate-limit-*`` headers can only slow it down. In a batch of N worker processes each
  waits N times as long (``CITELINK_RATE_SHARE``), so together they keep the policy.
- **Retries** for 429, 5xx, timeouts, refused connections and unusable bodies, with
  exponential backoff (``backoff * 2**attempt``) or the server's ``Retry-After`` (capped at
  60 s). Other 4xx answers are not retried.
- **Circuit breaker**, one per client: after ``BREAKER_AFTER`` consecutive questions that
  failed (5xx, timeouts, refused, unusable answers; a 429 is not a failure), or that many
  consecutive attempts that could not connect (two that timed out), the client stops asking
  for the rest of the run: every further question is an ``ERROR`` at once, with the
  reason. After a failed question, the next is asked once, without retries.
- **A read-only or unwritable cache** (``HttpCache.access``): read, never written, with one
  warning; nothing to read and nothing writable: an in-memory cache for this run.

``PoliteClient.call(kind, send)`` is the same machinery around a third-party client that
sends through ``requests`` itself (habanero for Crossref): ``send`` runs with
requests-cache patched into ``requests``, and the outcome is read from the HTTP exchange.
``validate_base_url`` checks a base-URL option up front (a ``UsageError``: one line, exit 2).
"""

from __future__ import annotations

import email.utils
import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
import requests_cache
from requests_cache.backends.base import BaseCache
from requests_cache.backends.sqlite import SQLiteCache, SQLiteDict

from citelink import __version__
from citelink.metadata.sources import State
from citelink.metadata.storage import CACHE_ID, Access, mark_file, prepare, read_only_uri
from citelink.metadata.urls import validate_base_url

__all__ = [
    "BREAKER_AFTER",
    "HttpCache",
    "Outcome",
    "PoliteClient",
    "State",
    "Stats",
    "Via",
    "retry_after",
    "validate_base_url",
]

IDENTITY_PARAMETERS = ("mailto", "email", "tool", "api_key", "User-Agent", "X-USER-AGENT")
# requests-cache's ignored_parameters replaces its defaults: keep them, add the identity.
IGNORED_PARAMETERS = (*requests_cache.DEFAULT_IGNORED_PARAMS, *IDENTITY_PARAMETERS)
MAX_RETRY_AFTER = 60.0
BREAKER_AFTER = 3
USER_AGENT = f"citelink/{__version__}"
# Processes of one batch asking the same sources at once (``citelink.batch``): each keeps
# intervals this many times longer, so together they stay within each source's policy.
SHARE_ENV = "CITELINK_RATE_SHARE"


def _rate_share() -> int:
    try:
        return max(1, int(os.environ.get(SHARE_ENV, "1")))
    except ValueError:
        return 1
CACHE_TABLES = ("responses", "redirects")


class Via(StrEnum):
    LIVE = "live"
    CACHE = "cache"


@dataclass(frozen=True)
class Outcome:
    state: State
    via: Via
    body: Any = None
    status: int | None = None
    reason: str = ""


@dataclass
class Stats:
    live: int = 0
    cached: int = 0
    retries: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"live": self.live, "cached": self.cached, "retries": self.retries}


class _ReadOnlyDict(SQLiteDict):
    """A requests-cache table opened read-only: nothing is created or written."""

    def __init__(self, db_path: Path, table_name: str, immutable: bool, **kwargs: Any) -> None:
        self._uri = read_only_uri(db_path, immutable)
        super().__init__(db_path, table_name=table_name, **kwargs)
        self.db_path = self._uri
        self.connection_kwargs["uri"] = True

    def init_db(self) -> None:
        self.close()  # type: ignore[no-untyped-call]


class _ReadOnlyCache(SQLiteCache):
    def __init__(self, db_path: Path, immutable: bool) -> None:
        BaseCache.__init__(self, cache_name=str(db_path))
        self.responses = _ReadOnlyDict(db_path, "responses", immutable)
        self.redirects = _ReadOnlyDict(
            db_path, "redirects", immutable, lock=self.responses._lock, serializer=None
        )


class HttpCache:
    """The one HTTP cache file of a run, shared by every source's client.

    ``access`` says what may be done with it (``storage.prepare``): a directory or a file
    citelink did not write is refused (``UsageError``) before anything is opened."""

    def __init__(self, path: Path, warn: Callable[[str], None] = lambda message: None) -> None:
        self.path = Path(path)
        self._warn = warn
        self._told = False
        self.access = prepare(self.path, "HTTP cache", CACHE_ID, CACHE_TABLES, self._said)
        self._backend: BaseCache | None = None
        self._at_start: int | None = None

    def _said(self, message: str) -> None:
        self._told = True
        self._warn(message)

    @property
    def writable(self) -> bool:
        return self.access is Access.WRITE

    @property
    def readable(self) -> bool:
        """Whether it could hold an answer (offline, an absent cache answers nothing)."""
        return self.access is not Access.NONE and self.path.is_file()

    def backend(self) -> BaseCache:
        """The requests-cache backend, opened once for the whole run."""
        if self._backend is None:
            if self.access is Access.WRITE:
                try:
                    sqlite = SQLiteCache(str(self.path))
                    with sqlite.responses.connection(commit=True) as con:
                        mark_file(con, CACHE_ID)
                    self._backend = sqlite
                except (sqlite3.Error, OSError) as exc:
                    self._degrade(f"cannot be written ({exc})")
            if self._backend is None and self.access is Access.READ:
                immutable = not self.path.parent.exists() or not _dir_writable(self.path)
                self._backend = _ReadOnlyCache(self.path, immutable)
                self._tell("is read-only: read, never written, this run")
            if self._backend is None:
                self._backend = BaseCache()  # in memory, for this run only
                if self.access is Access.NONE:
                    self._tell("cannot be used or created: nothing is kept after this run")
            self._at_start = self._answers()
        return self._backend

    def _degrade(self, why: str) -> None:
        self.access = Access.READ if self.path.is_file() else Access.NONE
        self._tell(why)

    def _tell(self, message: str) -> None:
        if not self._told:
            self._told = True
            self._warn(f"HTTP cache {self.path} {message}")

    def keep(self, response: requests.Response) -> bool:
        """requests-cache's filter: store 404s and well-formed JSON, and only when the file
        may be written."""
        if self.access is not Access.WRITE:
            # A cached answer is kept (requests-cache deletes what the filter refuses).
            return bool(getattr(response, "from_cache", False))
        return _cacheable(response)

    def _answers(self) -> int:
        try:
            return len(self.backend().responses)
        except (sqlite3.Error, OSError):
            return 0

    def added(self) -> int:
        """Answers this run stored so far (for "interrupted; the cache keeps N answers")."""
        if self._backend is None or self._at_start is None:
            return 0
        return max(0, self._answers() - self._at_start)

    def close(self) -> None:
        if self._backend is not None:
            if isinstance(self._backend, SQLiteCache):
                self._backend.close()  # type: ignore[no-untyped-call]
            self._backend = None


def _dir_writable(path: Path) -> bool:
    return os.access(path.parent, os.W_OK)


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
    """A ``CachedSession`` that applies the client's timeout (habanero 1.2 sets none) and
    remembers the response, so the caller can read status, headers and ``from_cache``."""

    def request(  # type: ignore[override]  # the parents' keyword lists pass through kwargs
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        exchange = _exchange()
        kwargs.setdefault("timeout", exchange.timeout)
        response = super().request(method, url, *args, **kwargs)
        exchange.response = response
        return response


_CONNECTION_FAILURES = ("cannot connect", "timed out")


@dataclass
class _Breaker:
    failed_questions: int = 0
    unreachable_attempts: float = 0
    last: str = ""
    open_reason: str = ""
    history: list[str] = field(default_factory=list)


class PoliteClient:
    """One source's HTTP client: base URL, rate limits, retries and circuit breaker of its
    own, over the run's shared ``HttpCache``."""

    def __init__(
        self,
        name: str,
        base_url: str,
        cache: HttpCache,
        *,
        offline: bool = False,
        timeout: float = 10.0,
        retries: int = 3,
        backoff: float = 0.5,
        intervals: Mapping[str, float] | float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
        headers: Mapping[str, str] | None = None,
        params: Mapping[str, str | None] | None = None,
        option: str = "--api-url",
    ) -> None:
        self.name = name
        self.base_url = validate_base_url(base_url, option)
        self.cache = cache
        self.offline = offline
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        share = _rate_share()
        self.policy: dict[str, float] = {
            kind: seconds * share
            for kind, seconds in (
                intervals.items() if isinstance(intervals, Mapping) else [("default", intervals)]
            )
        }
        self.sleep = sleep
        self.headers = {"User-Agent": USER_AGENT, **(headers or {})}
        self.params = {k: v for k, v in (params or {}).items() if v}
        self.stats = Stats()
        self._interval = dict(self.policy)
        self._last_live: dict[str, float] = {}
        self._breaker = _Breaker()
        self._session: RecordingSession | None = None

    # -- public ---------------------------------------------------------------------------

    @property
    def broken(self) -> str:
        """Why the breaker is open (empty while it is closed)."""
        return self._breaker.open_reason

    def url(self, path_or_url: str) -> str:
        if urlsplit(path_or_url).scheme:
            return path_or_url
        return urljoin(self.base_url + "/", path_or_url.lstrip("/"))

    def get_json(
        self,
        path_or_url: str,
        params: Mapping[str, Any] | None = None,
        *,
        kind: str = "default",
    ) -> Outcome:
        """GET a JSON document (relative to the base URL, or absolute)."""
        url = self.url(path_or_url)
        query = {**self.params, **(params or {})}

        def send() -> Any:
            return self._cached_session().get(url, params=query, headers=self.headers)

        return self._call(kind, send, patch=False)

    def call(self, kind: str, send: Callable[[], Any]) -> Outcome:
        """Run a third-party client's request (``send``) through this client's machinery:
        requests-cache is patched into ``requests`` while it runs."""
        return self._call(kind, send, patch=True)

    def close(self) -> None:
        self._session = None

    # -- machinery ------------------------------------------------------------------------

    def _cached_session(self) -> RecordingSession:
        if self._session is None:
            self._session = RecordingSession(
                backend=self.cache.backend(),
                expire_after=requests_cache.NEVER_EXPIRE,
                allowable_codes=(200, 404),
                ignored_parameters=IGNORED_PARAMETERS,
                filter_fn=self.cache.keep,
                only_if_cached=self.offline,
            )
        return self._session

    def _call(self, kind: str, send: Callable[[], Any], *, patch: bool) -> Outcome:
        breaker = self._breaker
        if breaker.open_reason:
            return Outcome(State.ERROR, Via.LIVE, reason=breaker.open_reason)
        retries = 0 if self.offline or breaker.failed_questions else self.retries
        last_reason = ""
        for attempt in range(retries + 1):
            self._wait_turn(kind)
            outcome, wait = self._attempt(kind, send, patch)
            if outcome.reason in _CONNECTION_FAILURES:
                # A timeout costs the whole timeout: two in a row are enough to stop.
                breaker.unreachable_attempts += 1 if outcome.reason == "cannot connect" else 1.5
                if breaker.unreachable_attempts >= BREAKER_AFTER:
                    return self._trip(outcome)
            elif outcome.status is not None:
                breaker.unreachable_attempts = 0
            if wait is None:
                return self._settle(outcome)
            last_reason = outcome.reason
            if attempt == retries:
                break
            self.stats.retries += 1
            self.sleep(wait if wait > 0 else self.backoff * 2**attempt)
        failed = Outcome(
            State.ERROR,
            outcome.via,
            status=outcome.status,
            reason=f"{last_reason} (gave up after {retries + 1} attempts)"
            if retries
            else last_reason,
        )
        if outcome.status == 429:  # the server is up and asks us to slow down: no breaker
            return failed
        breaker.failed_questions += 1
        breaker.last = last_reason
        if breaker.failed_questions >= BREAKER_AFTER:
            return self._trip(failed)
        return failed

    def _settle(self, outcome: Outcome) -> Outcome:
        """A final answer that needed no retry: success closes the breaker's count."""
        if outcome.state is not State.ERROR:
            self._breaker.failed_questions = 0
            self._breaker.unreachable_attempts = 0
        return outcome

    def _trip(self, outcome: Outcome) -> Outcome:
        breaker = self._breaker
        why = outcome.reason.split(" (gave up")[0]
        host = urlsplit(self.base_url).netloc
        if why == "cannot connect":
            what = f"{host} is unreachable (cannot connect)"
        elif why == "timed out":
            what = f"{host} does not answer in time (timed out)"
        else:
            what = f"{host} keeps failing ({why})"
        breaker.open_reason = f"{what}; {self.name} not asked again this run"
        return Outcome(State.ERROR, outcome.via, status=outcome.status, reason=outcome.reason)

    def _wait_turn(self, kind: str) -> None:
        last = self._last_live.get(kind)
        if last is not None:
            delay = last + self._interval.get(kind, self._interval.get("default", 0.0))
            delay -= time.monotonic()
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
            floor = self.policy.get(kind, self.policy.get("default", 0.0))
            self._interval[kind] = max(floor, interval / limit)

    def _attempt(
        self, kind: str, send: Callable[[], Any], patch: bool
    ) -> tuple[Outcome, float | None]:
        """One request. Returns the outcome and, when it is worth trying again, how long to
        wait first (0: the caller's backoff)."""
        exchange = _exchange()
        exchange.response, exchange.timeout = None, self.timeout
        error: BaseException | None = None
        body: Any = None
        try:
            if patch:
                with requests_cache.enabled(
                    backend=self.cache.backend(),
                    autoclose=False,
                    session_factory=RecordingSession,
                    expire_after=requests_cache.NEVER_EXPIRE,
                    allowable_codes=(200, 404),
                    ignored_parameters=IGNORED_PARAMETERS,
                    filter_fn=self.cache.keep,
                    only_if_cached=self.offline,
                ):
                    body = send()
            else:
                body = send()
        except Exception as exc:  # clients wrap HTTP failures in several ways
            error = exc
        response = exchange.response
        if response is None:
            return self._no_response(kind, error)
        return self._interpret(kind, response, body, error)

    def _interpret(
        self, kind: str, response: requests.Response, body: Any, error: BaseException | None
    ) -> tuple[Outcome, float | None]:
        status = response.status_code
        if status == 504 and self.offline:
            return Outcome(State.MISS, Via.CACHE, reason="not in the HTTP cache"), None
        via = Via.CACHE if getattr(response, "from_cache", False) else Via.LIVE
        if via is Via.LIVE:
            self.stats.live += 1
            self._last_live[kind] = time.monotonic()
            self._learn_limits(kind, response.headers)
        else:
            self.stats.cached += 1
        if status == 404:
            return Outcome(State.OK, via, None, status), None
        if status == 429:
            wait = retry_after(response.headers.get("Retry-After"))
            return Outcome(State.ERROR, via, status=status, reason="rate limited (429)"), (
                wait or 0.0
            )
        if status >= 500:
            return Outcome(State.ERROR, via, status=status, reason=f"server error ({status})"), 0.0
        if status >= 400:
            reason = f"request refused ({status})"
            return Outcome(State.ERROR, via, status=status, reason=reason), None
        if isinstance(body, requests.Response):
            try:
                body = json.loads(body.content)
            except ValueError as exc:
                body, error = None, exc
        if error is not None or not isinstance(body, dict | list):
            ctype = response.headers.get("Content-Type", "?")
            why = "not JSON" if "json" not in ctype else "malformed JSON"
            reason = f"unusable answer ({why}, {ctype})"
            return Outcome(State.ERROR, via, status=status, reason=reason), 0.0
        return Outcome(State.OK, via, body, status), None

    def _no_response(self, kind: str, error: BaseException | None) -> tuple[Outcome, float | None]:
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
        for e in chain:
            if isinstance(e, sqlite3.Error):
                reason = f"HTTP cache unusable: {e}"
                return Outcome(State.ERROR, Via.CACHE, reason=reason[:200]), None
        if any(isinstance(e, requests.Timeout) for e in chain):
            self._last_live[kind] = time.monotonic()
            return Outcome(State.ERROR, Via.LIVE, reason="timed out"), 0.0
        if any(isinstance(e, requests.ConnectionError) for e in chain):
            self._last_live[kind] = time.monotonic()
            return Outcome(State.ERROR, Via.LIVE, reason="cannot connect"), 0.0
        text = str(chain[0]) if chain else "no response"
        return Outcome(State.ERROR, Via.LIVE, reason=f"request failed: {text}"[:200]), 0.0
