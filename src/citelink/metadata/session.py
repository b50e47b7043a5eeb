"""Where metadata comes from for one run: settings in, an ordered list of sources out.

Online: Crossref through the HTTP cache, then the local index. Offline: the HTTP cache
only (no request at all), then the local index. The index is filled from the bundled
snapshot on first use (and again only when that file changes).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from citelink.metadata.check import check_references
from citelink.metadata.index import IndexSource, LocalIndex
from citelink.metadata.result import CheckReport, RefCheck
from citelink.metadata.sources import Source
from citelink.model import Reference

DEFAULT_API_URL = "https://api.crossref.org"
DEFAULT_CACHE = Path("cache") / "crossref.sqlite"
SNAPSHOT = Path("refs") / "crossref-snapshot" / "works.jsonl"


def default_snapshot() -> Path | None:
    """The bundled snapshot, from the working directory or from a source checkout."""
    for candidate in (SNAPSHOT, Path(__file__).resolve().parents[3] / SNAPSHOT):
        if candidate.is_file():
            return candidate
    return None


@dataclass(frozen=True)
class Settings:
    api_url: str = DEFAULT_API_URL
    cache: Path = DEFAULT_CACHE
    mailto: str | None = None
    offline: bool = False
    index: Path | None = None  # default: index.sqlite beside the cache
    snapshot: Path | None = None  # default: the bundled snapshot, if found
    timeout: float = 10.0
    retries: int = 3

    @property
    def index_path(self) -> Path:
        return self.index or self.cache.with_name("index.sqlite")


@contextmanager
def open_index(settings: Settings, warn: Callable[[str], None]) -> Iterator[LocalIndex]:
    index = LocalIndex(settings.index_path, warn)
    try:
        snapshot = settings.snapshot or default_snapshot()
        if snapshot is not None:
            index.ensure_file(snapshot)
        yield index
    finally:
        index.close()


@contextmanager
def open_sources(
    settings: Settings, warn: Callable[[str], None] = lambda message: None
) -> Iterator[tuple[dict[str, int], list[Source]]]:
    """The sources in the order they are asked, and the HTTP request counters (summed over
    every source that has ``stats``).

    All HTTP sources share one ``HttpCache`` (``citelink.metadata.http``). Offline with no
    usable HTTP cache file there is nothing the cache could answer: Crossref is left out
    (and habanero and requests-cache are never imported)."""
    counters: dict[str, int] = {"live": 0, "cached": 0, "retries": 0}
    sources: list[Source] = []
    http_cache = None
    try:
        if not (settings.offline and not settings.cache.exists()):
            # The HTTP stack, imported on demand.
            from citelink.metadata.crossref import CrossrefSource
            from citelink.metadata.http import HttpCache

            http_cache = HttpCache(settings.cache, warn)
            if not (settings.offline and not http_cache.readable):
                sources.append(
                    CrossrefSource(
                        http_cache,
                        api_url=settings.api_url,
                        mailto=settings.mailto,
                        offline=settings.offline,
                        timeout=settings.timeout,
                        retries=settings.retries,
                        warn=warn,
                    )
                )
        with open_index(settings, warn) as index:
            sources.append(IndexSource(index))
            yield counters, sources
    finally:
        for source in sources:
            stats = getattr(source, "stats", None)
            if stats is not None:
                for key, value in stats.as_dict().items():
                    counters[key] = counters.get(key, 0) + value
            close = getattr(source, "close", None)
            if callable(close):
                close()
        if http_cache is not None:
            http_cache.close()


def check_article(
    refs: Sequence[Reference],
    settings: Settings,
    warn: Callable[[str], None] = lambda message: None,
    progress: Callable[[RefCheck], None] = lambda check: None,
) -> CheckReport:
    """Check every reference against the configured sources; the report counts the HTTP
    requests made (``live``) and answered from the cache (``cached``)."""
    with open_sources(settings, warn) as (counters, sources):
        report = check_references(refs, sources, progress)
    return dataclasses.replace(report, requests=counters)
