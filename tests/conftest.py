"""Shared fixtures: the bundled article and the small hand-written articles in tests/data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citelink.model import Article
from citelink.parse.article import parse_article

from .crossref_server import CrossrefServer

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
BUNDLED = ROOT / "refs" / "article.txt"
SNAPSHOT = ROOT / "refs" / "crossref-snapshot" / "works.jsonl"
NOTICES = DATA / "crossref-api" / "notices.jsonl"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(autouse=True)
def _no_real_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every test gets its own HTTP cache, and the default API URL is a closed local port:
    no test can reach a real server or the repository's cache by accident."""
    monkeypatch.setenv("CITELINK_CACHE", str(tmp_path / "cache" / "crossref.sqlite"))
    monkeypatch.setenv("CITELINK_API_URL", "http://127.0.0.1:9")
    for name in ("PUBMED", "OPENALEX", "DATACITE"):  # the other sources: closed too
        monkeypatch.setenv(f"CITELINK_{name}_URL", "http://127.0.0.1:9")
    monkeypatch.delenv("CITELINK_NCBI_API_KEY", raising=False)
    monkeypatch.delenv("CITELINK_SOURCES", raising=False)
    monkeypatch.delenv("CITELINK_MAILTO", raising=False)


@pytest.fixture
def crossref() -> Iterator[CrossrefServer]:
    """A local Crossref API serving the snapshot plus a retraction and its notice."""
    server = CrossrefServer(read_jsonl(SNAPSHOT) + read_jsonl(NOTICES)).start()
    try:
        yield server
    finally:
        server.stop()


def load(path: Path) -> Article:
    return parse_article(path.read_text(encoding="utf-8"), str(path))


@pytest.fixture(scope="session")
def bundled() -> Article:
    return load(BUNDLED)


@pytest.fixture(scope="session")
def vancouver() -> Article:
    return load(DATA / "vancouver.txt")


@pytest.fixture(scope="session")
def bracketed() -> Article:
    return load(DATA / "bracketed.txt")
