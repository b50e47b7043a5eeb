"""Robustness under faults: interrupted runs, locked caches, 429 storms and 5xx bursts,
and input too large to be an article."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citelink.errors import InputError
from citelink.files import MAX_ARTICLE_BYTES, write_atomic
from citelink.metadata.check import check_references
from citelink.metadata.http import HttpCache, PoliteClient, State, Via
from citelink.metadata.result import Status

from .conftest import BUNDLED, DATA, ROOT, SNAPSHOT, load, read_jsonl
from .crossref_server import CrossrefServer, Fault
from .test_cli import run
from .test_crossref import Sleeps, source


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.bib"
    target.write_text("old complete content\n", encoding="utf-8")

    class Interrupted(KeyboardInterrupt):
        pass

    real_fdopen = os.fdopen

    def fdopen(fd: int, *args: object, **kwargs: object) -> object:
        handle = real_fdopen(fd, *args, **kwargs)  # type: ignore[call-overload]

        def write(text: str) -> int:
            handle.__class__.write(handle, text[: len(text) // 2])
            raise Interrupted

        handle.write = write
        return handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(Interrupted):
        write_atomic(target, "new content " * 10_000)
    assert target.read_text(encoding="utf-8") == "old complete content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.bib"]


def test_sigterm_during_a_run_changes_no_output(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import article

    big = tmp_path / "big.txt"
    big.write_text(article(15_000), encoding="utf-8")
    out = tmp_path / "big.bib"
    out.write_text("previous .bib\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from citelink.cli import main; main()",
            "bib",
            str(big),
            "-o",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    time.sleep(2.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "previous .bib\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.bib", "big.txt"]


def test_a_locked_cache_is_left_alone_and_the_run_goes_on(tmp_path: Path) -> None:
    cache = tmp_path / "crossref.sqlite"
    holder = sqlite3.connect(cache, timeout=0.1)
    holder.execute("CREATE TABLE responses (key TEXT PRIMARY KEY, value BLOB, expires INTEGER)")
    holder.commit()
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code, out, err = run(
            "check",
            str(DATA / "checked.txt"),
            "--offline",
            "--cache",
            str(cache),
            "--bib",
            str(tmp_path / "x.bib"),
            "--json",
        )
    finally:
        holder.rollback()
        holder.close()
    assert code == 0, err
    # Locked is not broken: another process holds it; the run does without it.
    assert err.count("\n") == 1 and "HTTP cache" in err and "locked" in err
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["crossref.sqlite", "index.sqlite", "x.bib"]
    assert json.loads(out)["references"][0]["status"] == "verified"  # the index answered


def test_a_429_storm_finishes_with_unchecked_references_and_bounded_requests(
    crossref: CrossrefServer, tmp_path: Path
) -> None:
    crossref.fail(
        Fault("query.bibliographic", status=429, headers={"Retry-After": "0"}, times=None)
    )
    article = load(DATA / "checked.txt")
    src = source(crossref, tmp_path / "c.sqlite", retries=2, sleep=Sleeps())
    report = check_references(article.references, [src])
    by_n = {c.n: c for c in report.checks}
    # Searches all failed; the reference with a resolvable printed DOI is still verified.
    assert by_n[3].status is Status.VERIFIED
    assert {by_n[n].status for n in (1, 2, 4, 5)} == {Status.UNCHECKED}
    assert all("rate limited (429)" in by_n[n].message for n in (1, 2, 4, 5))
    searches = [line for line in crossref.log if "query.bibliographic" in line]
    assert len(searches) == 3 * 5  # (1 + 2 retries) per searched reference, no more


def test_a_5xx_burst_is_ridden_out(crossref: CrossrefServer, tmp_path: Path) -> None:
    crossref.fail(Fault("/works", status=503, times=5))
    article = load(DATA / "checked.txt")
    src = source(crossref, tmp_path / "c.sqlite", retries=6, sleep=Sleeps())
    report = check_references(article.references, [src])
    assert report.get(1).status is Status.VERIFIED  # type: ignore[union-attr]
    assert src.stats.retries == 5


def test_input_too_large_to_be_an_article_is_refused_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: nothing needs to be written
    assert huge.stat().st_size > MAX_ARTICLE_BYTES
    code, out, err = run("check", str(huge), "--offline", "--bib", str(tmp_path / "h.bib"))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "more than the 32 MB citelink reads" in err
    assert not (tmp_path / "h.bib").exists()
    with pytest.raises(InputError):
        load_path = __import__("citelink").load_article
        load_path(huge)


def test_bundled_article_is_well_under_the_limit() -> None:
    assert BUNDLED.stat().st_size < MAX_ARTICLE_BYTES / 100


# -- read-only and unwritable cache locations (issue 16, case 2) ----------------------------
# Tests run as root, so file modes stop nothing: an unwritable location is a path under a
# regular file (ENOTDIR even for root), and a read-only cache sits on a read-only mount.


def _statuses(out: str) -> list[tuple[int, str, str | None]]:
    return [(r["n"], r["status"], r["doi"]) for r in json.loads(out)["references"]]


def _check(
    crossref: CrossrefServer, cache: Path, bib: Path, *extra: str
) -> tuple[int, str, str]:
    """``check --json`` of tests/data/checked.txt against the Crossref test server alone."""
    return run(
        "check",
        str(DATA / "checked.txt"),
        *extra,
        "--sources",
        "crossref",
        "--mailto",
        "tests@example.org",
        "--api-url",
        crossref.url,
        "--cache",
        str(cache),
        "--json",
        "--bib",
        str(bib),
    )


def test_an_unwritable_cache_location_still_checks(
    crossref: CrossrefServer, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n", encoding="utf-8")
    cache = blocker / "cache" / "crossref.sqlite"
    article = str(DATA / "checked.txt")
    normal = run(
        "check",
        article,
        "--offline",
        "--json",
        "--bib",
        str(tmp_path / "n.bib"),
        "--cache",
        str(tmp_path / "ok" / "crossref.sqlite"),
    )
    assert normal[0] == 0, normal[2]
    code, out, err = run(
        "check",
        article,
        "--offline",
        "--json",
        "--cache",
        str(cache),
        "--bib",
        str(tmp_path / "x.bib"),
    )
    assert code == 0, err
    assert "Traceback" not in err and "local index" in err and "in memory" in err
    assert _statuses(out) == _statuses(normal[1])  # the snapshot, loaded in memory
    # Online: it asks the server, warns once, and keeps nothing.
    code, out, err = _check(crossref, cache, tmp_path / "y.bib")
    assert code == 0, err
    assert err.count("HTTP cache") == 1 and "nothing is kept" in err
    assert json.loads(out)["summary"]["requests"]["live"] > 0
    assert blocker.read_text(encoding="utf-8") == "not a directory\n"
    # ``index add`` must write: one line, exit 2.
    code, out, err = run(
        "index", "add", str(DATA / "crossref-api" / "notices.jsonl"), "--cache", str(cache)
    )
    assert code == 2 and err.startswith("citelink: error: ") and err.count("\n") == 1, err


@pytest.fixture
def mount(tmp_path: Path) -> Iterator[Path]:
    """A tmpfs of our own, to be remounted read-only."""
    where = tmp_path / "mnt"
    where.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if made.returncode != 0:
        reason = f"cannot mount a tmpfs here: {made.stderr.decode().strip()}"
        if os.environ.get("CI") == "true":  # CI runs as root: the test must run there
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_valid_cache_on_a_read_only_mount_is_read_never_written(
    crossref: CrossrefServer, tmp_path: Path, mount: Path
) -> None:
    cache = mount / "crossref.sqlite"
    code, online, err = _check(crossref, cache, tmp_path / "a.bib")
    assert code == 0, err
    code, writable_offline, err = _check(crossref, cache, tmp_path / "b.bib", "--offline")
    assert code == 0, err
    before = {p.name: p.stat().st_mtime_ns for p in mount.iterdir()}
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
    with pytest.raises(OSError):
        (mount / "probe").write_text("x")  # really read-only, even for root
    requests_before = len(crossref.log)
    code, out, err = _check(crossref, cache, tmp_path / "b.bib", "--offline")
    assert code == 0, err
    assert "Traceback" not in err and "read-only" in err
    doc = json.loads(out)
    assert doc["summary"]["requests"]["retries"] == 0
    assert doc["summary"]["requests"]["cached"] > 0
    assert _statuses(out) == _statuses(writable_offline)
    # Online against the read-only cache: answers from it, nothing written, no error.
    code, out, err = _check(crossref, cache, tmp_path / "c.bib")
    assert code == 0, err
    assert _statuses(out) == _statuses(online)
    assert len(crossref.log) == requests_before  # every answer was in the cache
    # ``index add`` must write: one line, exit 2, nothing touched.
    code, _, err = run("index", "add", str(SNAPSHOT), "--cache", str(cache))
    assert code == 2 and err.count("\n") == 1 and "read-only; nothing was added" in err, err
    assert {p.name: p.stat().st_mtime_ns for p in mount.iterdir()} == before


# -- failing servers and bad base URLs (issue 16, case 3) ------------------------------------

SOURCE_URLS = ("CITELINK_PUBMED_URL", "CITELINK_OPENALEX_URL", "CITELINK_DATACITE_URL")


@pytest.mark.parametrize("url", ["not a url", "ftp://example.org", "http://", "http://x:port"])
@pytest.mark.parametrize(
    "option", ["--api-url", "--pubmed-url", "--openalex-url", "--datacite-url"]
)
def test_a_base_url_that_is_not_one_is_refused_at_once(
    tmp_path: Path, option: str, url: str
) -> None:
    started = time.monotonic()
    code, out, err = run(
        "check", str(DATA / "checked.txt"), option, url, "--bib", str(tmp_path / "x.bib")
    )
    assert code == 2 and out == ""
    assert err.startswith(f"citelink: error: {option} ") and err.count("\n") == 1, err
    assert not (tmp_path / "x.bib").exists()
    assert time.monotonic() - started < 10  # refused, not retried


def test_an_always_500_server_costs_a_few_requests_per_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every source's base URL points at a server that answers 500 to everything: each
    source's breaker opens after a few failed questions, and the rest of the bundled
    article is answered at once (unverifiable, with the reason; never "unreachable")."""
    server = CrossrefServer().start()
    server.fail(Fault("/", status=500, times=None))
    try:
        for name in SOURCE_URLS:
            monkeypatch.setenv(name, server.url)
        code, out, err = run(
            "check",
            str(BUNDLED),
            "--api-url",
            server.url,
            "--cache",
            str(tmp_path / "c.sqlite"),
            "--bib",
            str(tmp_path / "x.bib"),
            "--json",
        )
    finally:
        server.stop()
    assert code == 0, err
    doc = json.loads(out)
    sources = 1 + len(SOURCE_URLS)
    # Per source: the first failed question with its retries (4), then two single tries.
    assert len(server.log) <= sources * 6
    assert doc["summary"]["requests"]["live"] == len(server.log)
    refs = doc["references"]
    assert len(refs) == 43
    unchecked = [r for r in refs if r["status"] not in ("verified", "discrepancies")]
    assert unchecked and all("500" in r["message"] for r in unchecked)
    assert any("not asked again this run" in r["message"] for r in unchecked)
    assert not any("unreachable" in r["message"] for r in refs)


def test_ctrl_c_says_what_the_cache_kept(tmp_path: Path) -> None:
    server = CrossrefServer(read_jsonl(SNAPSHOT)).start()
    server.fail(Fault("/", delay=0.2, times=None))
    cache = tmp_path / "c.sqlite"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        **{name: server.url for name in SOURCE_URLS},
    }
    try:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from citelink.cli import main; main()",
                "check",
                str(BUNDLED),
                "--api-url",
                server.url,
                "--cache",
                str(cache),
                "--bib",
                str(tmp_path / "a.bib"),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        deadline = time.monotonic() + 30
        while len(server.log) < 3 and time.monotonic() < deadline:
            time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        server.stop()
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    line = err.strip().splitlines()[-1]
    kept = re.search(r"interrupted; the cache keeps the (\d+) answers? so far", line)
    assert kept and int(kept.group(1)) >= 1, err
    stored = sqlite3.connect(cache).execute("SELECT count(*) FROM responses").fetchone()[0]
    assert stored == int(kept.group(1))
    assert not (tmp_path / "a.bib").exists()


# -- the shared HTTP client every source uses ------------------------------------------------


def _client(server: CrossrefServer, cache: Path, **kw: object) -> PoliteClient:
    options: dict[str, object] = {"timeout": 2.0, "backoff": 0.01, "sleep": Sleeps(), **kw}
    return PoliteClient("test", server.url, HttpCache(cache), **options)  # type: ignore[arg-type]


def test_get_json_live_then_cached_then_offline(crossref: CrossrefServer, tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite"
    doi = "10.1126/science.284.5417.1168"
    live = _client(crossref, cache).get_json(f"/works/{doi}", {"mailto": "a@example.org"})
    assert live.state is State.OK and live.via is Via.LIVE and live.status == 200
    assert live.body["message"]["DOI"].lower() == doi
    again = _client(crossref, cache).get_json(  # an absolute URL, another address
        f"{crossref.url}/works/{doi}", {"mailto": "b@example.org"}
    )
    assert again.via is Via.CACHE and again.body == live.body  # mailto's value is not keyed
    missing = _client(crossref, cache).get_json("/works/10.9999/none")
    assert missing.state is State.OK and missing.body is None and missing.status == 404
    before = len(crossref.log)
    offline = _client(crossref, cache, offline=True)
    assert offline.get_json(f"/works/{doi}").via is Via.CACHE
    assert offline.get_json("/works/10.9999/other").state is State.MISS
    assert len(crossref.log) == before  # offline never sends


@pytest.mark.parametrize(
    ("fault", "reason", "most"),
    [
        (Fault("/", status=503, times=None), "keeps failing (server error (503))", 6),
        (Fault("/", delay=1.0, times=None), "does not answer in time", 2),
    ],
)
def test_the_breaker_opens_after_a_few_failures_of_any_kind(
    crossref: CrossrefServer, tmp_path: Path, fault: Fault, reason: str, most: int
) -> None:
    crossref.fail(fault)
    client = _client(crossref, tmp_path / "c.sqlite", timeout=0.3)
    outcomes = [client.get_json(f"/works/10.1/{i}") for i in range(10)]
    assert {o.state for o in outcomes} == {State.ERROR}
    assert len(crossref.log) <= most
    assert reason in client.broken and "not asked again this run" in client.broken
    assert outcomes[-1].reason == client.broken
    assert "unreachable" not in client.broken


def test_batch_workers_share_a_source_s_rate_limit(
    crossref: CrossrefServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = _client(crossref, tmp_path / "c.sqlite", intervals={"work": 0.1, "search": 0.5})
    monkeypatch.setenv("CITELINK_RATE_SHARE", "2")  # what citelink.batch sets in 2 workers
    shared = _client(crossref, tmp_path / "c.sqlite", intervals={"work": 0.1, "search": 0.5})
    assert shared.policy == {k: 2 * v for k, v in alone.policy.items()}
    sleeps: list[float] = shared.sleep.calls  # type: ignore[attr-defined]
    for i in range(3):
        shared.get_json(f"/works/10.1/{i}", kind="work")
    assert len(sleeps) == 2 and all(0.1 < s <= 0.2 for s in sleeps)
