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
from typing import Any

from citelink.errors import Interrupted, Stopped
from citelink.files import bundled
from citelink.metadata.check import check_references
from citelink.metadata.index import IndexSource, LocalIndex
from citelink.metadata.result import CheckReport, RefCheck
from citelink.metadata.sources import Source
from citelink.metadata.urls import DEFAULT_API_URL, DEFAULT_CACHE, DEFAULT_URLS, SOURCES
from citelink.model import Reference

SNAPSHOT = Path("refs") / "crossref-snapshot" / "works.jsonl"
# Records of other sources bundled beside it (PubMed records the snapshot lacks).
BUNDLED = (Path("refs") / "pubmed-snapshot" / "records.jsonl",)


def _bundled(path: Path) -> Path | None:
    """A bundled file: the checkout's ``refs/...`` or the installed package's copy."""
    return bundled(str(path.relative_to("refs")))


def default_snapshot() -> Path | None:
    """The bundled snapshot, from the working directory or from a source checkout."""
    return _bundled(SNAPSHOT)


def parse_sources(text: str) -> tuple[str, ...]:
    """``--sources crossref,pubmed`` -> ("crossref", "pubmed"); ``UsageError`` for a name
    citelink does not know."""
    from citelink.errors import UsageError

    names = tuple(dict.fromkeys(n.strip().lower() for n in text.split(",") if n.strip()))
    unknown = [n for n in names if n not in SOURCES]
    if unknown or not names:
        raise UsageError(
            f"--sources: unknown source {', '.join(unknown) or '(none given)'}; "
            f"choose from {','.join(SOURCES)}"
        )
    return names


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
    sources: tuple[str, ...] = SOURCES  # which sources are asked
    pubmed_url: str = DEFAULT_URLS["pubmed"]
    openalex_url: str = DEFAULT_URLS["openalex"]
    datacite_url: str = DEFAULT_URLS["datacite"]
    ncbi_api_key: str | None = None

    @property
    def index_path(self) -> Path:
        return self.index or self.cache.with_name("index.sqlite")


@contextmanager
def open_index(
    settings: Settings, warn: Callable[[str], None], keep: bool = False
) -> Iterator[LocalIndex]:
    """The local index, filled from the bundled snapshot. ``keep``: for ``index add``,
    which must write the file (refused at once where it cannot)."""
    index = LocalIndex(settings.index_path, warn, keep)
    try:
        snapshot = settings.snapshot or default_snapshot()
        if snapshot is not None:
            index.ensure_file(snapshot)
        if settings.snapshot is None:
            for path in filter(None, map(_bundled, BUNDLED)):
                index.ensure_file(path)
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
            if "crossref" in settings.sources and not (
                settings.offline and not http_cache.readable
            ):
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
            if not (settings.offline and not http_cache.readable):
                sources.extend(_other_sources(settings, http_cache))
        with open_index(settings, warn) as index:
            sources.extend(IndexSource(index, kind) for kind in settings.sources)
            try:
                yield counters, sources
            except (KeyboardInterrupt, Stopped):
                kept = http_cache.added() if http_cache is not None else 0
                raise Interrupted(kept) from None
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


def _other_sources(settings: Settings, cache: Any) -> list[Source]:
    """PubMed, OpenAlex and DataCite over HTTP, as ``settings.sources`` asks."""
    from citelink.metadata.datacite import DataCiteSource
    from citelink.metadata.openalex import OpenAlexSource
    from citelink.metadata.pubmed import PubMedSource

    common: dict[str, Any] = {
        "offline": settings.offline,
        "timeout": settings.timeout,
        "retries": settings.retries,
    }
    out: list[Source] = []
    if "pubmed" in settings.sources:
        out.append(
            PubMedSource(
                cache,
                base_url=settings.pubmed_url,
                email=settings.mailto,
                api_key=settings.ncbi_api_key,
                **common,
            )
        )
    if "openalex" in settings.sources:
        out.append(
            OpenAlexSource(cache, base_url=settings.openalex_url, mailto=settings.mailto, **common)
        )
    if "datacite" in settings.sources:
        out.append(DataCiteSource(cache, base_url=settings.datacite_url, **common))
    return out


def check_article(
    refs: Sequence[Reference],
    settings: Settings,
    warn: Callable[[str], None] = lambda message: None,
    progress: Callable[[RefCheck], None] = lambda check: None,
) -> CheckReport:
    """Check every reference against the configured sources; the report counts the HTTP
    requests made (``live``) and answered from the cache (``cached``)."""
    with open_sources(settings, warn) as (counters, sources):
        watch = next((s.index for s in sources if isinstance(s, IndexSource)), None)
        report = check_references(refs, sources, progress, watch)
    return dataclasses.replace(report, requests=counters)
