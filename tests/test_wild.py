"""Real articles in the styles citelink meets in the wild (tests/data/wild, with keys
written from each article's own JATS tagging): reference fields, citation links and
table-row links must stay at least as good as measured, and tables never gain false links.

The floors are the scores reached on 2026-11-28 (README, "Articles in the wild"); a change
that lowers one fails here. ``python -m tests.wild -v`` lists every miss.
"""

from __future__ import annotations

import pytest

from .wild import WILD, score_folder

# article: (reference fields, citations linked, table rows linked)
FLOORS = {
    "cao2016-pone-p16-vulvar": (0.99, 1.0, 1.0),
    "dutt2004-pbio-rom1": (0.99, 0.99, 1.0),
    "hughes2015-elife-lenslipids": (1.0, 1.0, 1.0),
    "kim2013-pone-mtdna-telomere": (1.0, 0.97, 1.0),
    "liu2013-pone-gfr-ann": (1.0, 1.0, 1.0),
    "wilson2011-pone-iptc": (1.0, 1.0, 1.0),
}


def test_every_article_in_the_folder_has_a_floor() -> None:
    assert sorted(p.name for p in WILD.iterdir() if p.is_dir()) == sorted(FLOORS)


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_hold(name: str) -> None:
    score, misses = score_folder(WILD / name)
    fields, citations, rows = FLOORS[name]
    assert score.fields >= fields, misses[:10]
    assert score.citations >= citations, misses[:10]
    assert score.rows >= rows, misses[:10]
    assert score.rows_false == 0, misses[:10]
    # Few false citations: markers the key does not have.
    assert score.citations_false <= max(5, score.citations_total // 20), misses[:10]


def test_overall_scores() -> None:
    totals = [score_folder(WILD / name)[0] for name in FLOORS]
    fields = sum(s.fields_right for s in totals) / sum(s.fields_total for s in totals)
    cites = sum(s.citations_right for s in totals) / sum(s.citations_total for s in totals)
    assert fields >= 0.99 and cites >= 0.98
