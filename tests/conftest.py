"""Shared fixtures: the bundled article and the small hand-written articles in tests/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from citelink.article import parse_article
from citelink.model import Article

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
BUNDLED = ROOT / "refs" / "article.txt"


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
