"""``citelink bib --suggest``: entries corrected from the matched records, with the diff."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import rispy

from .conftest import BUNDLED
from .test_cli import run


def test_suggest_corrects_what_differs_and_shows_the_diff(tmp_path: Path) -> None:
    out = tmp_path / "s.bib"
    code, _, err = run("bib", str(BUNDLED), "--suggest", "--offline", "-o", str(out))
    assert code == 0, err
    library = bibtexparser.parse_string(out.read_text(encoding="utf-8"))
    assert len(library.entries) == 43 and not library.failed_blocks
    by_n = {e.fields_dict["citelink-number"].value: e for e in library.entries}
    # [6] printed another journal: the record's journal replaces it.
    fang = by_n["6"].fields_dict
    assert fang["journal"].value == "J Gastroenterol Hepatol"
    assert "journal" in fang["citelink-corrected"].value
    # [3] printed a misspelled author and changed title words.
    alison = by_n["3"].fields_dict
    assert alison["title"].value == "Hepatocytes from non-hepatic adult stem cells"
    assert "Jeffery" in alison["author"].value
    # [34] is PubMed's record: its PMID is added, nothing else changes.
    assert by_n["34"].fields_dict["pmid"].value == "27339398"
    assert by_n["34"].fields_dict["citelink-source"].value == "index pubmed pmid:27339398"
    # Unmatched entries stay as printed.
    assert "citelink-corrected" not in by_n["2"].fields_dict
    # The diff on stderr: from the printed .bib to the suggested one.
    assert "--- " in err and "+++ " in err
    assert "-  journal = {Gastroenterol Hepatol}," in err
    assert "+  journal = {J Gastroenterol Hepatol}," in err


def test_suggest_in_other_formats_and_exclusive_with_enrich(tmp_path: Path) -> None:
    code, out, err = run("bib", str(BUNDLED), "--suggest", "--offline", "--format", "csl")
    assert code == 0, err
    items = {i["citation-number"]: i for i in json.loads(out.split("\n---", 1)[0])}
    assert items[6]["container-title"] == "J Gastroenterol Hepatol"
    code, out, err = run("bib", str(BUNDLED), "--offline", "--format", "ris", "--enrich")
    assert code == 0, err
    assert len(rispy.loads(out)) == 43
    code, _, err = run("bib", str(BUNDLED), "--suggest", "--enrich", "--offline")
    assert code == 2 and "exclude each other" in err and err.count("\n") == 1
