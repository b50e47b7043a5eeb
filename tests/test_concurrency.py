"""Several citelink processes sharing one fresh cache directory (issue 16, case 1): the first
runs build the local index together, and every one of them succeeds with the same answers."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import BUNDLED, ROOT, SNAPSHOT, read_jsonl

PROCESSES = 4
TRIALS = 3


def _start(cache: Path, out: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "CITELINK_CACHE": str(cache)}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from citelink.cli import main; main()",
            "check",
            str(BUNDLED),
            "--offline",
            "--json",
            "--bib",
            str(out),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


@pytest.mark.parametrize("trial", range(TRIALS))
def test_parallel_first_runs_on_a_fresh_cache_all_succeed(tmp_path: Path, trial: int) -> None:
    cache = tmp_path / "fresh" / "crossref.sqlite"  # the directory does not exist yet
    procs = [_start(cache, tmp_path / f"{i}.bib") for i in range(PROCESSES)]
    results = [p.communicate(timeout=120) for p in procs]
    answers = []
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err and "error" not in err
        doc = json.loads(out)
        answers.append([(r["n"], r["status"], r["doi"]) for r in doc["references"]])
    assert all(a == answers[0] for a in answers)
    assert sum(1 for _n, status, _doi in answers[0] if status == "verified") > 20
    # The snapshot was loaded once: one row per record, whoever loaded it.
    con = sqlite3.connect(cache.with_name("index.sqlite"))
    try:
        dois = {str(r["DOI"]).lower() for r in read_jsonl(SNAPSHOT)}
        count = con.execute("SELECT count(*) FROM records WHERE doi LIKE '10.%'").fetchone()[0]
        assert count == len(dois)
    finally:
        con.close()
