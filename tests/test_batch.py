"""Many articles at once (issue 14): ``refs``, ``check`` and ``report`` take several files of
any kind, run them in worker processes, give each its own output, and a bad file its own
one-line error while the others go on."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from citelink.batch import Job, exit_code

from .conftest import DATA, ROOT
from .pdfmaker import article_pdf
from .test_cli import run


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """A text article, the same article as PDF, another text article and a bad file."""
    text = tmp_path / "checked.txt"
    shutil.copy(DATA / "checked.txt", text)
    (tmp_path / "pdfs").mkdir()
    pdf = article_pdf(text.read_text(encoding="utf-8"), tmp_path / "pdfs" / "checked.pdf")
    other = tmp_path / "vancouver.txt"
    shutil.copy(DATA / "vancouver.txt", other)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a PDF")
    return [text, pdf, bad, other]


def _args(paths: list[Path]) -> list[str]:
    return [str(p) for p in paths]


def test_check_many_gives_one_json_object_per_article_and_exit_2(
    inputs: list[Path], tmp_path: Path
) -> None:
    code, out, err = run("check", *_args(inputs), "--offline", "--json")
    assert code == 2  # one input failed
    docs = json.loads(out)
    assert [d["article"] for d in docs] == _args(inputs)  # in the order named
    text, pdf, bad, other = docs
    assert "error" in bad and "references" not in bad
    errors = [line for line in err.splitlines() if line.startswith("citelink: error: ")]
    assert len(errors) == 1 and str(inputs[2]) in errors[0]
    # Each good article is checked exactly as a single run checks it.
    for doc, path in ((text, inputs[0]), (other, inputs[3])):
        code1, out1, _ = run("check", str(path), "--offline", "--json")
        assert code1 == 0
        single = json.loads(out1)
        strip = [(r["n"], r["status"], r["doi"]) for r in single["references"]]
        assert [(r["n"], r["status"], r["doi"]) for r in doc["references"]] == strip
    # The PDF gives the text's references.
    assert [r["doi"] for r in pdf["references"]] == [r["doi"] for r in text["references"]]
    # The .bib goes beside each article; none for the bad one.
    assert (tmp_path / "checked.bib").is_file() and (tmp_path / "pdfs" / "checked.bib").is_file()
    assert (tmp_path / "vancouver.bib").is_file() and not (tmp_path / "bad.bib").exists()


def test_refs_many_tables_under_a_header_each(inputs: list[Path]) -> None:
    good = [inputs[0], inputs[3]]
    code, out, err = run("refs", *_args(good))
    assert code == 0, err
    assert out.count("==> ") == 2
    assert out.index(f"==> {good[0]} <==") < out.index(f"==> {good[1]} <==")
    assert "11 references" in out  # vancouver's table, as a single run prints it


def test_report_many_into_a_directory(inputs: list[Path], tmp_path: Path) -> None:
    out_dir = tmp_path / "reports"
    out_dir.mkdir()
    good = [inputs[0], inputs[3]]
    code, _, err = run("report", *_args(good), "--offline", "-o", str(out_dir))
    assert code == 0, err
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "checked.report.html",
        "vancouver.report.html",
    ]
    code, _, err = run("report", *_args(good), "--offline", "-o", str(tmp_path / "one.html"))
    assert code == 2 and "names a directory" in err


def test_one_bib_path_for_many_articles_is_refused(inputs: list[Path], tmp_path: Path) -> None:
    code, out, err = run("check", *_args(inputs[:2]), "--offline", "--bib", str(tmp_path / "x"))
    assert code == 2 and out == "" and err.count("\n") == 1 and "--bib" in err


def test_exit_code_says_whether_any_failed() -> None:
    assert exit_code([Job("a", 0, "", ""), Job("b", 0, "", "")]) == 0
    assert exit_code([Job("a", 1, "", ""), Job("b", 0, "", "")]) == 1
    assert exit_code([Job("a", 1, "", ""), Job("b", 2, "", "")]) == 2


def test_run_all_reports_progress_keeps_order_and_names_each_article(inputs: list[Path]) -> None:
    from citelink.batch import run_all
    from citelink.cli import refs

    seen: list[str] = []
    paths = [inputs[3], inputs[0], inputs[2]]
    jobs = [(str(p), {"ctx": None, "articles": [p], "as_json_": True}) for p in paths]
    done = run_all(refs, jobs, lambda job: seen.append(job.path))
    assert sorted(seen) == sorted(str(p) for p in paths)  # once each, as they finish
    assert [job.path for job in done] == [str(p) for p in paths]  # results in order given
    assert [job.code for job in done] == [0, 0, 2]
    assert json.loads(done[0].out)["article"] == str(paths[0])
    for job in done:  # every error or warning line says which article it is about
        for line in job.err.splitlines():
            assert job.path in line, line


def test_ctrl_c_stops_the_batch_and_its_workers(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import article

    paths = []
    for i in range(4):
        path = tmp_path / f"big{i}.txt"
        path.write_text(article(8000), encoding="utf-8")  # several seconds each
        paths.append(str(path))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from citelink.cli import main; main()", "refs", *paths, "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    # Interrupt once the workers run (on a loaded machine the imports alone may take
    # seconds, and an interrupt during them is not what this test is about).
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (children.exists() and children.read_text().split()):
        time.sleep(0.1)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "citelink: interrupted; no output file was changed"
    assert "Traceback" not in err and out == ""
    time.sleep(0.5)
    left = [
        p for p in Path("/proc").glob("[0-9]*/cmdline") if _reads(p) and str(tmp_path) in _reads(p)
    ]
    assert left == []  # no worker outlives the batch


def _reads(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return ""
