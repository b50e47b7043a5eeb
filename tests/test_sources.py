"""Four sources, one verdict per reference: Crossref, PubMed, OpenAlex and DataCite clients
for real (HTTP -> the shared requests-cache session) against local servers that speak
their APIs (tests/crossref_server.py, tests/source_servers.py). Nothing here mocks a client.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from citelink.metadata.check import check_references
from citelink.metadata.crossref import CrossrefSource
from citelink.metadata.datacite import DataCiteSource
from citelink.metadata.http import HttpCache
from citelink.metadata.index import IndexSource, LocalIndex
from citelink.metadata.openalex import OpenAlexSource
from citelink.metadata.pubmed import PubMedSource
from citelink.metadata.result import CheckReport, Status
from citelink.metadata.sources import Source
from citelink.model import Article

from .conftest import load
from .crossref_server import Fault
from .sources_world import ARTICLE, EXPECTED, World, world

FAST = {"work": 0.0, "search": 0.0}


@pytest.fixture
def servers() -> Iterator[World]:
    yield from world()


@pytest.fixture(scope="module")
def article() -> Article:
    return load(ARTICLE)


@dataclass
class Run:
    servers: World
    report: CheckReport
    params: list[dict[str, list[str]]]
    openalex_log: list[str]


@pytest.fixture(scope="module")
def shared(article: Article, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    """One run over the four servers, read by the tests that only look at its verdicts."""
    for servers in world():
        report = check(servers, tmp_path_factory.mktemp("shared") / "c.sqlite", article)
        yield Run(servers, report, list(servers.pubmed.params_seen), list(servers.openalex.log))


def sources(w: World, cache: HttpCache, *, offline: bool = False) -> list[Source]:
    t, r, b = 2.0, 1, 0.01
    return [
        CrossrefSource(
            cache,
            api_url=w.crossref.url,
            intervals=FAST,
            offline=offline,
            timeout=t,
            retries=r,
            backoff=b,
        ),
        PubMedSource(
            cache,
            base_url=w.pubmed.url,
            email="t@example.org",
            intervals=FAST,
            offline=offline,
            timeout=t,
            retries=r,
            backoff=b,
        ),
        OpenAlexSource(
            cache,
            base_url=w.openalex.url,
            mailto="t@example.org",
            intervals=FAST,
            offline=offline,
            timeout=t,
            retries=r,
            backoff=b,
        ),
        DataCiteSource(
            cache,
            base_url=w.datacite.url,
            intervals=FAST,
            offline=offline,
            timeout=t,
            retries=r,
            backoff=b,
        ),
    ]


def check(w: World, cache_path: Path, article: Article, **kw: bool) -> CheckReport:
    cache = HttpCache(cache_path)
    try:
        return check_references(article.references, sources(w, cache, **kw))
    finally:
        cache.close()


def test_every_reference_gets_its_verdict_and_every_identifier(shared: Run) -> None:
    report = shared.report
    for n, (status, ids, said) in EXPECTED.items():
        c = report.get(n)
        assert c is not None
        assert c.status.value == status, (n, c.message)
        assert c.ids == ids, n  # every identifier from every source; never a wrong one
        for source, what in said.items():
            assert c.sources[source] == what, (n, source, c.sources)
        assert c.found_by == (
            None if c.work is None else ("identifier" if n in (4, 6) else "search")
        )


def test_the_invented_reference_names_the_sources_asked_and_its_nearest_records(
    shared: Run,
) -> None:
    invented = shared.report.get(8)
    assert invented is not None and invented.status is Status.NOT_FOUND_ANYWHERE
    assert "crossref, openalex, pubmed, datacite" in invented.message
    assert invented.candidates and all(c.score < 1 for c in invented.candidates)


def test_wrong_year_volume_or_first_author_is_a_discrepancy_never_not_found(
    shared: Run,
) -> None:
    report = shared.report
    fields = {
        c.n: {d.field for d in c.discrepancies if d.severity.rank > 0}
        for c in report.checks
        if c.n in (9, 10, 11)
    }
    assert all(report.get(n).status is Status.DISCREPANCIES for n in fields)  # type: ignore[union-attr]
    assert "year" in fields[9] and "volume" in fields[10] and "author" in fields[11]


def test_look_alike_preprint_is_not_taken_for_the_journal_article(shared: Run) -> None:
    bran = shared.report.get(7)
    assert bran is not None and bran.work is not None
    assert bran.work.doi == "10.1038/s42256-024-00832-8"  # not 10.48550/arxiv.2304.05376


def test_notices_name_who_reported_them(shared: Run) -> None:
    wakefield = shared.report.get(12)
    assert wakefield is not None
    assert [(n.kind, n.source, n.doi) for n in wakefield.notices] == [
        ("retraction", "crossref", "10.1016/s0140-6736(10)60175-4")
    ]


def test_identity_parameters_are_sent(shared: Run) -> None:
    seen = shared.params[0]
    assert seen["tool"] == ["citelink"] and seen["email"] == ["t@example.org"]
    assert any("mailto=t%40example.org" in line for line in shared.openalex_log)


def test_a_second_run_makes_zero_requests_and_offline_replays_it(
    servers: World, tmp_path: Path, article: Article
) -> None:
    cache = tmp_path / "c.sqlite"
    first = check(servers, cache, article)
    made = servers.requests()
    assert made > 0
    second = check(servers, cache, article)
    third = check(servers, cache, article, offline=True)
    assert servers.requests() == made
    for a, b, c in zip(first.checks, second.checks, third.checks, strict=True):
        assert (a.status, a.ids, a.sources) == (b.status, b.ids, b.sources)
        assert (a.status, a.ids) == (c.status, c.ids)


@pytest.mark.parametrize("status", [429, 503])
def test_a_storm_from_one_source_leaves_the_others_intact(
    servers: World, tmp_path: Path, article: Article, status: int
) -> None:
    calm = check(servers, tmp_path / "calm.sqlite", article)
    servers.pubmed.fail(Fault("", status=status, headers={"Retry-After": "0"}, times=None))
    storm = check(servers, tmp_path / "storm.sqlite", article)
    for before, after in zip(calm.checks, storm.checks, strict=True):
        only_pubmed = before.sources.get("pubmed") == "found" and not any(
            v == "found" for k, v in before.sources.items() if k != "pubmed"
        )
        pubmed_could_know = before.work is None and before.sources.get("pubmed") == "none"
        if only_pubmed or pubmed_could_know:
            assert after.status is Status.UNVERIFIABLE, after.n
            assert "pubmed" in after.message
        else:
            assert after.status is before.status, after.n
            assert (
                after.ids == {k: v for k, v in before.ids.items() if k not in ("pmid", "pmcid")}
                or after.ids == before.ids
            )
        if before.sources.get("pubmed") not in ("not-asked",):
            assert after.sources["pubmed"].startswith("error: "), after.n


def test_sources_left_out_make_not_found_not_not_found_anywhere(
    servers: World, tmp_path: Path, article: Article
) -> None:
    cache = HttpCache(tmp_path / "c.sqlite")
    only = [s for s in sources(servers, cache) if s.name == "crossref"]
    report = check_references(article.references, only)
    cache.close()
    invented = report.get(8)
    assert invented is not None and invented.status is Status.NOT_FOUND
    assert "not asked: openalex, pubmed, datacite" in invented.message
    assert len(servers.pubmed.log) == 0


def test_offline_the_index_answers_for_every_source(tmp_path: Path, article: Article) -> None:
    from .sources_world import crossref_records, datacite_records, openalex_records, pubmed_records

    with LocalIndex(tmp_path / "index.sqlite") as index:
        index.add([("crossref", r) for r in crossref_records()])
        index.add([("pubmed", r) for r in pubmed_records()])
        index.add([("openalex", r) for r in openalex_records()])
        index.add([("datacite", r) for r in datacite_records()])
        layers: list[Source] = [
            IndexSource(index, k) for k in ("crossref", "pubmed", "openalex", "datacite")
        ]
        report = check_references(article.references, layers)
    for n, (status, ids, _) in EXPECTED.items():
        c = report.get(n)
        assert c is not None
        if status == "not-found-anywhere":  # the index is partial: it cannot say so
            assert c.status is Status.NOT_FOUND and "local index" in c.message
            continue
        assert c.status.value == status, (n, c.message)
        assert c.ids == ids, n


def test_cli_chooses_sources_and_their_urls(servers: World, tmp_path: Path) -> None:
    from .test_cli import run

    args = [
        "check",
        str(ARTICLE),
        "--api-url",
        servers.crossref.url,
        "--datacite-url",
        servers.datacite.url,
        "--mailto",
        "t@example.org",
        "--cache",
        str(tmp_path / "c" / "crossref.sqlite"),
        "--bib",
        str(tmp_path / "x.bib"),
        "--json",
    ]
    code, out, err = run(*args, "--sources", "crossref,datacite")
    assert code == 0, err
    assert servers.pubmed.log == [] and servers.openalex.log == []
    refs = {r["n"]: r for r in json.loads(out)["references"]}
    assert refs[5]["status"] == "verified" and refs[5]["found_in"] == "datacite"
    assert refs[8]["status"] == "not-found" and "not asked: openalex, pubmed" in refs[8]["message"]
    assert refs[8]["sources"] == {
        "crossref": "none",
        "openalex": "not-asked",
        "pubmed": "not-asked",
        "datacite": "none",
    }
    code, _, err = run(*args, "--sources", "crossref,scholar")
    assert code == 2 and "unknown source scholar" in err and err.count("\n") == 1
    code, _, err = run(*args, "--pubmed-url", "not a url")
    assert code == 2 and "--pubmed-url" in err


def test_pubmed_politeness_follows_the_api_key(servers: World, tmp_path: Path) -> None:
    from citelink.metadata import pubmed

    assert pubmed.ncbi_intervals(None) == {"work": 1 / 3, "search": 1 / 3}
    assert pubmed.ncbi_intervals("key") == {"work": 0.1, "search": 0.1}
    cache = HttpCache(tmp_path / "c.sqlite")
    keyed = PubMedSource(cache, base_url=servers.pubmed.url, api_key="secret", intervals=FAST)
    assert keyed.pmid("27339398").works[0].pmid == "27339398"
    assert servers.pubmed.params_seen[-1]["api_key"] == ["secret"]
    before = len(servers.pubmed.log)
    other = PubMedSource(cache, base_url=servers.pubmed.url, api_key="another", intervals=FAST)
    assert other.pmid("27339398").works  # the same question with another key: from the cache
    assert len(servers.pubmed.log) == before
    cache.close()
