"""Keyed articles rendered again by their own renderer in styles their publishers did not
use (``benchmarks/bench_restyled.py`` scores all 240 renderings): a few that stand for each
kind must keep the level reached, each with the key the renderer wrote for it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citelink import load_article

from .wild import FOLDERS, articles, restyle, score

# (article, reference format, marker style): (fields, citations) at least; table rows
# are all right in every one of them.
FLOORS = {
    # flattened superscripts in text and in table rows that name studies ("Cisse (2006)20")
    ("wilson2011-pone-iptc", "vancouver", "flattened-superscript"): (1.0, 1.0),
    ("wilson2011-pone-iptc", "vancouver", "parenthesised"): (1.0, 1.0),
    ("kim2013-pone-mtdna-telomere", "apa", "parenthesised"): (1.0, 0.95),
    ("cacciapaglia2018-epjc-pseudoscalars", "gbt7714", "flattened-superscript"): (0.97, 0.93),
    # IOP with titles and no punctuation ("2012 Chronic kidney disease Lancet 379 165")
    ("liu2013-pone-gfr-ann", "iop", "as-printed"): (0.96, 1.0),
    ("kariithi2013-insects-hytrosavirus", "iop", "flattened-superscript"): (0.95, 0.93),
    # author-year articles under other lists: bodies before their date, Wiley names
    ("medeiros2024-ecosoc-china", "ay-name-year", "as-printed"): (0.99, 0.91),
    ("saarela2012-phytokeys-spartina", "eco", "as-printed"): (0.96, 0.93),
    ("polato2023-bak-feminicidio", "epjc", "as-printed"): (0.89, 0.74),
}


def _folder(name: str) -> Path:
    return next(p for root in FOLDERS for p in articles(root) if p.name == name)


@pytest.mark.parametrize(("name", "fmt", "markers"), sorted(FLOORS))
def test_restyled_article_keeps_its_level(
    name: str, fmt: str, markers: str, tmp_path: Path
) -> None:
    assert restyle(_folder(name), fmt, markers, tmp_path)
    key = json.loads((tmp_path / "key.json").read_text(encoding="utf-8"))
    result, misses = score(load_article(tmp_path / "article.txt"), key, by_number=True)
    fields, citations = FLOORS[(name, fmt, markers)]
    assert result.fields >= fields - 1e-9, misses[:5]
    assert result.citations >= citations - 1e-9, misses[:5]
    assert result.rows_right == result.rows_total and result.rows_false == 0
