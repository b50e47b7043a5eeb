"""SARIF 2.1.0 from ``lint`` and ``check``: valid against the OASIS schema, and every
result points at the line (and column) of its claim, reference entry or table row."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from .conftest import BUNDLED, DATA
from .test_cli import run

SCHEMA = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))


def _sarif(*args: str) -> dict[str, Any]:
    code, out, err = run(*args, "--format", "sarif")
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    return doc


def _where(result: dict[str, Any]) -> tuple[int, int]:
    region = result["locations"][0]["physicalLocation"]["region"]
    return region["startLine"], region["startColumn"]


def _lines_of(result: dict[str, Any], lines: list[str]) -> str:
    region = result["locations"][0]["physicalLocation"]["region"]
    end = region.get("endLine", region["startLine"])
    return "\n".join(lines[region["startLine"] - 1 : end])


def test_lint_sarif_is_valid_and_points_at_the_claims() -> None:
    doc = _sarif("lint", str(BUNDLED))
    run_ = doc["runs"][0]
    lines = BUNDLED.read_text("utf-8").split("\n")
    results = run_["results"]
    pointers = [r for r in results if r["ruleId"] == "table-pointer"]
    assert [_where(r)[0] for r in pointers] == [57, 59, 61, 63, 65, 67]
    assert all(r["level"] == "error" for r in pointers)
    for r in pointers:
        line, column = _where(r)
        # The region is the claim: it starts where the claim starts and holds the pointer
        # the message quotes (a claim can run over a page break onto a later line).
        pointer = r["message"]["text"].split("'")[1]
        assert pointer in _lines_of(r, lines)
        assert column == 1 or lines[line - 1][column - 2] in "。.;；) "
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert all(rules[r["ruleId"]]["help"]["text"] for r in results)
    assert all(
        results[i]["ruleIndex"] == list(rules).index(r["ruleId"]) for i, r in enumerate(results)
    )
    assert (
        run_["artifacts"][0]["location"]["uri"]
        == results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    )


def test_check_sarif_points_at_reference_entries(tmp_path: Path) -> None:
    doc = _sarif("check", str(BUNDLED), "--offline", "--bib", str(tmp_path / "a.bib"))
    lines = BUNDLED.read_text("utf-8").split("\n")
    results = doc["runs"][0]["results"]
    journal = [
        r for r in results if r["ruleId"] == "discrepancy" and r["properties"]["references"] == [6]
    ]
    assert journal and journal[0]["level"] == "error"
    # The verdict and what each source said travel in the properties.
    props = journal[0]["properties"]
    assert props["status"] == "discrepancies" and props["foundIn"] == "crossref"
    assert props["sources"]["crossref"] == "found" and props["ids"]["doi"] == "10.1111/jgh.14081"
    not_found = [r for r in results if r["ruleId"] == "not-found"]
    assert not_found and all(r["properties"]["status"] == "not-found" for r in not_found)
    assert "not-found-anywhere" in {
        rule["id"] for rule in doc["runs"][0]["tool"]["driver"]["rules"]
    }
    verdicts = doc["runs"][0]["properties"]["references"]  # every reference, results or not
    assert len(verdicts) == 43
    suk = next(v for v in verdicts if v["n"] == 34)
    assert suk["status"] == "verified" and suk["foundIn"] == "pubmed"
    assert suk["ids"] == {"pmid": "27339398"} and suk["sources"]["pubmed"] == "found"
    line, column = _where(journal[0])
    assert lines[line - 1][column - 1 :].startswith("Fang X")
    for r in results:
        if r["ruleId"] in ("discrepancy", "not-found"):
            n = r["properties"]["references"][0]
            line, column = _where(r)
            entry = lines[line - 1]
            # Lines 1-12 of this list lost their numbers; the others print [n].
            assert f"[{n}]" in entry or n <= 12, (n, entry)
            assert column > 1


def test_levels_map_severities() -> None:
    doc = _sarif("lint", str(DATA / "vancouver.txt"))
    levels = {r["level"] for r in doc["runs"][0]["results"]}
    assert levels <= {"error", "warning", "note"} and "note" in levels
