"""Real articles in the styles citelink meets in the wild (tests/data/wild, wild2 and
wild3, with keys written from each article's own JATS tagging): reference
fields, citation links and table-row links must stay at least as good as measured, and
tables never gain false links.

Floors per article are the scores reached (text and JATS); a change that lowers one fails
here. ``python -m tests.wild [--jats] -v`` lists every miss. The overall thresholds are
issue 13's targets where they are reached, else the level reached (see OVERALL).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .wild import FOLDERS, Score, articles, rewrapped_alignment, score_folder, total

# article: (reference fields, citations linked, table rows linked), text then JATS
FLOORS: dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]] = {
    # 0.97: its hand key leaves a volume glued to a series letter empty as ambiguous
    # ("Phys. Lett. B716"), where publishers' JATS keeps it ("B241") and we read it so.
    "cacciapaglia2018-epjc-pseudoscalars": ((0.97, 1.0, 1.0), (0.97, 0.98, 1.0)),
    "cantamutto2019-mediacoes-cambiemos": ((0.98, 1.0, 1.0), (0.98, 0.98, 1.0)),
    # JATS 0.98: ref 28's key is empty (its JATS has no tagging) where the entry prints
    # "Hao S. ... University.2004."; the tagger reads the year the rules refuse after a "."
    "cao2016-pone-p16-vulvar": ((0.99, 1.0, 1.0), (0.98, 1.0, 1.0)),
    "dutt2004-pbio-rom1": ((0.99, 0.99, 1.0), (1.0, 1.0, 1.0)),
    "hoffmann2015-evolappl-wolbachia": ((1.0, 0.67, 1.0), (1.0, 1.0, 1.0)),
    "hughes2015-elife-lenslipids": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "kariithi2013-insects-hytrosavirus": ((1.0, 1.0, 1.0), (0.99, 1.0, 1.0)),
    "kim2013-pone-mtdna-telomere": ((1.0, 0.97, 1.0), (1.0, 1.0, 1.0)),
    "kitamura2020-esa-biossolido": ((1.0, 1.0, 1.0), (0.99, 1.0, 1.0)),
    "lesgourgues2014-njp-neutrino": ((0.95, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "liu2013-pone-gfr-ann": ((1.0, 1.0, 1.0), (0.99, 1.0, 1.0)),
    "medeiros2024-ecosoc-china": ((0.96, 0.96, 1.0), (0.99, 1.0, 1.0)),
    "polato2023-bak-feminicidio": ((0.98, 0.85, 1.0), (0.98, 0.98, 1.0)),
    "saarela2012-phytokeys-spartina": ((0.96, 0.94, 1.0), (0.99, 0.99, 1.0)),
    "santos2020-hcsm-cochonilha": ((0.96, 1.0, 1.0), (0.96, 1.0, 1.0)),
    "wilson2011-pone-iptc": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    # the third set (tests/data/wild3, held out until read once)
    "delorme2012-pone-mmppox": ((0.99, 1.0, 1.0), (0.98, 1.0, 1.0)),
    "dennehy2011-bmcmicro-lysis": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "fafetine2013-pntd-riftvalley": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "lema2008-ehp-pbde": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "tenaillon2007-pone-complexity": ((0.99, 1.0, 1.0), (0.99, 1.0, 1.0)),
    "vandermeulen2008-bmcoral-ohip": ((0.99, 1.0, 1.0), (1.0, 1.0, 1.0)),
    # the fourth set (tests/data/wild4, held out until read once). APS keys take JHEP's
    # and JCAP's year for the volume ("J. High Energy Phys. 01 (2006) 126": 2006) where the
    # text's reading keeps the number printed before it, as the PDF keys do (contino 0.88);
    # giovannini's entries hold several works; lee's and pastawski's keys are empty where
    # the JATS left entries untagged.
    "caselle2020-prd-ising": ((0.97, 1.0, 1.0), (0.96, 1.0, 1.0)),
    "contino2017-prd-twinhiggs": ((0.88, 1.0, 1.0), (0.97, 1.0, 1.0)),
    "franzen2009-pone-darwinius": ((0.97, 0.99, 1.0), (0.96, 0.98, 1.0)),
    "giovannini2015-prd-gravitons": ((0.95, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "holzl2023-prresearch-tweezers": ((1.0, 1.0, 1.0), (0.99, 1.0, 1.0)),
    "hull2008-pcbi-digitallibrary": ((0.97, 1.0, 1.0), (0.99, 1.0, 1.0)),
    "ioannidis2005-pmed-falsefindings": ((1.0, 1.0, 1.0), (1.0, 1.0, 1.0)),
    "lee2016-pone-tobacco-retail": ((0.94, 1.0, 1.0), (0.94, 1.0, 1.0)),
    "liu2014-prx-majorana": ((0.97, 0.97, 1.0), (0.97, 0.94, 1.0)),
    "niazi2025-jicrm-pacing": ((1.0, 0.87, 1.0), (1.0, 1.0, 1.0)),
    "pastawski2017-prx-holographic": ((0.93, 1.0, 1.0), (0.99, 1.0, 1.0)),
}
SOURCES = ("article.txt", "source.nxml")
FIRST_SET = {p.name for p in articles(FOLDERS[0])}
# Overall (fields, citations, rows) over all 33 articles, per source, at the level reached.
# Issue 13's target is (0.98, 0.95, 0.95) with zero false table links: all reach it (text
# citations 0.952 with the fourth set; 0.934 without it, where a Wiley key counts each
# year-only xref of a group as a citation of its own: docs/decisions.md).
OVERALL = {"article.txt": (0.98, 0.95, 0.99), "source.nxml": (0.99, 0.99, 0.99)}


def _folder(name: str) -> Path:
    return next(p for root in FOLDERS for p in articles(root) if p.name == name)


def test_every_article_in_the_folders_has_a_floor() -> None:
    assert sorted(p.name for root in FOLDERS for p in articles(root)) == sorted(FLOORS)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_scores_hold(name: str, source: str) -> None:
    score, misses = score_folder(_folder(name), source)
    fields, citations, rows = FLOORS[name][SOURCES.index(source)]
    assert score.fields >= fields, misses[:10]
    assert score.citations >= citations, misses[:10]
    assert score.rows >= rows, misses[:10]
    assert score.rows_false == 0, misses[:10]
    if name in FIRST_SET:
        # Few false citations: markers the key does not have.
        assert score.citations_false <= max(5, score.citations_total // 20), misses[:10]


def test_first_set_fields_stay_above_99_5_percent() -> None:
    scores: list[Score] = [score_folder(p)[0] for p in articles(FOLDERS[0])]
    whole = total(scores)
    assert whole.fields >= 0.995 and whole.citations >= 0.98


@pytest.mark.parametrize("source", SOURCES)
def test_overall_scores(source: str) -> None:
    whole = total([score_folder(p, source)[0] for root in FOLDERS for p in articles(root)])
    fields, citations, rows = OVERALL[source]
    assert whole.fields >= fields
    assert whole.citations >= citations
    assert whole.rows >= rows
    assert whole.rows_false == 0


@pytest.mark.parametrize(("width", "floor"), [(95, 0.96), (60, 0.96)])
def test_rewrapped_lists_keep_their_entry_boundaries(width: int, floor: float) -> None:
    """Every list re-wrapped as a PDF column sets it: entries still start where they did."""
    pairs = [rewrapped_alignment(p, width) for root in FOLDERS for p in articles(root)]
    right, total_entries = sum(r for r, _ in pairs), sum(t for _, t in pairs)
    assert right / total_entries >= floor, pairs
