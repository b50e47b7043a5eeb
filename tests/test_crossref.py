"""The Crossref path for real: habanero -> HTTP -> requests-cache, against a local server
that speaks the Crossref REST API (tests/crossref_server.py). Nothing here mocks habanero."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from citelink.metadata.check import check_references
from citelink.metadata.crossref import CrossrefSource
from citelink.metadata.index import IndexSource, LocalIndex
from citelink.metadata.result import CheckReport, Origin, Status
from citelink.metadata.sources import Source
from citelink.model import Article, Severity

from .conftest import DATA, SNAPSHOT, load
from .crossref_server import CrossrefServer, Fault

ARTICLE = DATA / "checked.txt"


@pytest.fixture(scope="module")
def article() -> Article:
    return load(ARTICLE)


class Sleeps:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def source(
    server: CrossrefServer | str, cache: Path, *, offline: bool = False, **kw: object
) -> CrossrefSource:
    url = server if isinstance(server, str) else server.url
    options: dict[str, object] = {
        "intervals": {"work": 0.0, "search": 0.0},
        "backoff": 0.01,
        "timeout": 2.0,
        **kw,
    }
    return CrossrefSource(cache, api_url=url, offline=offline, **options)  # type: ignore[arg-type]


def run(sources: list[Source], article: Article) -> CheckReport:
    return check_references(article.references, sources)


def test_good_match_no_match_and_printed_dois(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    report = run([source(crossref, tmp_path / "c.sqlite")], article)
    by_n = {c.n: c for c in report.checks}
    assert by_n[1].status is Status.VERIFIED
    assert by_n[1].doi == "10.1126/science.284.5417.1168"
    assert by_n[1].source is Origin.CROSSREF
    # "Gastroenterol Hepatol" is another journal than J Gastroenterol Hepatol: an error.
    assert by_n[2].status is Status.DISCREPANCIES and by_n[2].doi == "10.1111/jgh.14081"
    journal = [d for d in by_n[2].discrepancies if d.field == "journal"]
    assert journal and journal[0].severity is Severity.ERROR
    assert journal[0].printed == "Gastroenterol Hepatol"
    # Printed DOI resolved directly.
    assert by_n[3].doi == "10.1038/35018642" and by_n[3].status is Status.VERIFIED
    # A work nobody registered.
    assert by_n[4].status is Status.NOT_FOUND and by_n[4].doi is None
    assert by_n[4].source is Origin.CROSSREF
    # A DOI that does not resolve (404): an error, and the work is still found by search.
    assert by_n[6].doi == "10.1053/j.gastro.2005.10.050"
    doi = [d for d in by_n[6].discrepancies if d.field == "doi"]
    assert doi and doi[0].severity is Severity.ERROR and "not registered" in doi[0].message
    assert any("/works/10.9999/not.registered" in line for line in crossref.log)


def test_retraction_found_through_filter_updates(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    report = run([source(crossref, tmp_path / "c.sqlite")], article)
    wakefield = report.get(5)
    assert wakefield is not None and wakefield.doi == "10.1016/s0140-6736(97)11096-0"
    assert [(n.kind, n.doi, n.severity) for n in wakefield.notices] == [
        ("retraction", "10.1016/s0140-6736(10)60175-4", Severity.ERROR)
    ]
    assert any("filter=updates" in line for line in crossref.log)
    # The notice itself, whose title repeats the work's, is never taken for the work.
    assert all(c.doi != "10.1016/s0140-6736(10)60175-4" for c in report.checks)


def test_second_run_makes_zero_requests_and_survives_a_dead_server(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    cache = tmp_path / "c.sqlite"
    first = run([source(crossref, cache)], article)
    requests_made = len(crossref.log)
    assert requests_made > 0
    second_source = source(crossref, cache)
    second = run([second_source], article)
    assert len(crossref.log) == requests_made  # zero new requests
    assert second_source.stats.live == 0 and second_source.stats.cached > 0
    url = crossref.url
    crossref.stop()  # the answer must now come from the SQLite file itself
    third = run([source(url, cache, retries=0)], article)
    for a, b, c in zip(first.checks, second.checks, third.checks, strict=True):
        assert (a.status, a.doi) == (b.status, b.doi) == (c.status, c.doi)
        assert b.source in (Origin.CACHE, Origin.NONE) and c.source == b.source
        assert [n.doi for n in a.notices] == [n.doi for n in c.notices]
    assert sqlite3.connect(cache).execute("SELECT count(*) FROM responses").fetchone()[0] > 0


def test_offline_replay_makes_no_request_and_misses_are_misses(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    cache = tmp_path / "c.sqlite"
    online = run([source(crossref, cache)], article)
    before = len(crossref.log)
    offline = run([source(crossref, cache, offline=True)], article)
    assert len(crossref.log) == before
    assert [(c.status, c.doi) for c in offline.checks] == [(c.status, c.doi) for c in online.checks]
    # An empty cache offline: nothing is known, nothing is sent; "not found" only in the
    # sense the verdicts give it (a source that could know was not asked), never anywhere.
    empty = run([source(crossref, tmp_path / "empty.sqlite", offline=True)], article)
    assert len(crossref.log) == before
    assert {c.status for c in empty.checks if c.work is None} == {Status.NOT_FOUND}
    assert all(c.sources["crossref"] == "not-asked" for c in empty.checks)


def test_cache_keys_ignore_mailto_and_user_agent(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    cache = tmp_path / "c.sqlite"
    run([source(crossref, cache, mailto="a@example.org")], article)
    assert "citelink/" in crossref.headers_seen[0]["User-Agent"]
    assert "mailto:a@example.org" in crossref.headers_seen[0]["User-Agent"]
    before = len(crossref.log)
    run([source(crossref, cache, mailto="b@example.org")], article)
    assert len(crossref.log) == before


def test_429_honours_retry_after(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    crossref.fail(Fault("/works", status=429, headers={"Retry-After": "3"}, times=2))
    sleeps = Sleeps()
    src = source(crossref, tmp_path / "c.sqlite", sleep=sleeps)
    report = run([src], article)
    assert report.get(1) is not None and report.get(1).status is Status.VERIFIED  # type: ignore[union-attr]
    assert sleeps.calls.count(3.0) == 2
    assert src.stats.retries == 2


def test_500_then_success(crossref: CrossrefServer, tmp_path: Path, article: Article) -> None:
    crossref.fail(Fault("/works", status=500, times=2))
    sleeps = Sleeps()
    report = run([source(crossref, tmp_path / "c.sqlite", sleep=sleeps)], article)
    assert report.get(1).status is Status.VERIFIED  # type: ignore[union-attr]
    backoff = [c for c in sleeps.calls if c in (0.01, 0.02, 0.04)]
    assert backoff == [0.01, 0.02]  # exponential backoff, then success


def test_persistent_5xx_and_timeouts_leave_unchecked_with_a_reason(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    crossref.fail(Fault("query.bibliographic=Petersen", status=503, times=None))
    crossref.fail(Fault("query.bibliographic=Fang", delay=1.0, times=None))
    src = source(crossref, tmp_path / "c.sqlite", timeout=0.3, retries=1)
    report = run([src], article)
    petersen, fang, alison = report.get(1), report.get(2), report.get(3)
    assert petersen is not None and petersen.status is Status.UNCHECKED
    assert "server error (503)" in petersen.message and "2 attempts" in petersen.message
    assert fang is not None and fang.status is Status.UNCHECKED and "timed out" in fang.message
    assert alison is not None and alison.status is Status.VERIFIED  # the run went on


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (
            Fault("Petersen", body=b'{"status": "ok", "message": {"items": [', times=None),
            "malformed JSON",
        ),
        (Fault("Petersen", content_type="text/html", times=None), "not JSON"),
    ],
)
def test_broken_bodies_are_unchecked_and_never_cached(
    crossref: CrossrefServer, tmp_path: Path, article: Article, fault: Fault, reason: str
) -> None:
    cache = tmp_path / "c.sqlite"
    crossref.fail(fault)
    report = run([source(crossref, cache, retries=1)], article)
    first = report.get(1)
    assert first is not None and first.status is Status.UNCHECKED and reason in first.message
    crossref.faults.clear()
    again = run([source(crossref, cache)], article).get(1)
    assert again is not None and again.status is Status.VERIFIED
    assert again.source is Origin.CROSSREF  # the broken body was not cached


def test_validation_failure_is_not_retried(tmp_path: Path) -> None:
    server = CrossrefServer().start()
    try:
        src = source(server, tmp_path / "c.sqlite")
        # habanero passes rows through; the server refuses a non-integer, as Crossref does.
        outcome = src._call("search", lambda: src._client.works(query="x", limit="things"))
        assert outcome.reason == "request refused (400)"
        assert len(server.log) == 1
    finally:
        server.stop()


def test_connection_refused_is_unchecked_and_the_index_still_answers(
    tmp_path: Path, article: Article
) -> None:
    sleeps = Sleeps()
    dead = source("http://127.0.0.1:9", tmp_path / "c.sqlite", sleep=sleeps)
    with LocalIndex(tmp_path / "index.sqlite") as index:
        index.ensure_file(SNAPSHOT)
        report = run([dead, IndexSource(index)], article)
    petersen, quixote = report.get(1), report.get(4)
    assert petersen is not None and petersen.status is Status.VERIFIED
    assert petersen.source is Origin.INDEX
    # The index does not hold every work: with Crossref down, "not there" is unverifiable.
    assert quixote is not None and quixote.status is Status.UNCHECKED
    assert "unreachable" in quixote.message or "cannot connect" in quixote.message
    assert len(sleeps.calls) <= 3  # it stops trying a server that is not there


def test_announced_rate_limit_slows_requests_down(
    crossref: CrossrefServer, tmp_path: Path, article: Article
) -> None:
    crossref.rate_headers.update({"x-rate-limit-limit": "2", "x-rate-limit-interval": "1s"})
    sleeps = Sleeps()
    run([source(crossref, tmp_path / "c.sqlite", sleep=sleeps)], article)
    assert sleeps.calls and max(sleeps.calls) <= 0.5 and max(sleeps.calls) > 0.3
