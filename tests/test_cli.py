from __future__ import annotations

import fnmatch
import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
from typer.testing import CliRunner

from citelink.cli import app

from .conftest import BUNDLED, DATA, ROOT

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_refs_json_shape() -> None:
    code, out, err = run("refs", str(BUNDLED), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["article"] == str(BUNDLED)
    assert len(doc["references"]) == 43
    first = doc["references"][0]
    assert first["n"] == 1
    assert first["authors"][0] == {"family": "Petersen", "given": "BE"}
    assert first["et_al"] is True
    assert first["journal"] == "Science" and first["year"] == 1999
    assert (first["volume"], first["issue"], first["pages"]) == ("284", "5417", "1168-1170")
    assert first["doi"] is None and first["type"] == "article"
    assert first["raw"].startswith("Petersen BE, Bowen WC")
    assert "no printed number" in err


def test_refs_table_on_terminal() -> None:
    code, out, _ = run("refs", str(DATA / "vancouver.txt"))
    assert code == 0
    assert "11 references" in out and "Bernal" in out


def test_default_article_is_the_bundled_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, _ = run("refs", "--json")
    assert code == 0 and json.loads(out)["article"] == "refs/article.txt"


def test_bib_to_stdout_and_to_file(tmp_path: Path) -> None:
    code, out, _ = run("bib", str(DATA / "vancouver.txt"))
    assert code == 0
    assert len(bibtexparser.parse_string(out).entries) == 11
    target = tmp_path / "out.bib"
    code, _, err = run("bib", str(BUNDLED), "-o", str(target))
    assert code == 0 and "wrote 43 entries" in err
    assert len(bibtexparser.parse_string(target.read_text(encoding="utf-8")).entries) == 43
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.bib"]


def test_claims_json() -> None:
    code, out, _ = run("claims", "17", "43", str(BUNDLED), "--json")
    assert code == 0
    refs = json.loads(out)["references"]
    assert [r["n"] for r in refs] == [17, 43]
    assert refs[0]["reference"]["first_author"] == "Lin"
    assert [c["marker"] for c in refs[0]["claims"]] == ["^[16-19]"]
    assert refs[0]["claims"][0]["section"] == "3 干细胞治疗肝病的临床研究"
    assert refs[0]["rows"][0]["table"] == 1 and refs[0]["rows"][0]["row"] == 3
    assert refs[0]["rows"][0]["cells"]["随访时间"] == "24 周"
    assert refs[1]["claims"] == [] and refs[1]["rows"][0]["table"] == 4


def test_claims_ranges_and_terminal_output() -> None:
    code, out, _ = run("claims", "31-32", str(BUNDLED))
    assert code == 0
    assert "[31] Han et al. 2008" in out and "[32] Cai et al. 2015" in out
    assert "Table 3 row 6" in out


def test_claims_of_a_missing_reference_is_a_usage_error() -> None:
    code, out, err = run("claims", "99", str(BUNDLED))
    assert code == 2 and out == ""
    assert err.strip() == f"citelink: error: no reference 99 in {BUNDLED} (it has 43 references)"


def test_find_json() -> None:
    code, out, _ = run("find", "MELD", str(BUNDLED), "--json")
    assert code == 0
    doc = json.loads(out)
    kinds = [h["kind"] for h in doc["hits"]]
    assert kinds.count("claim") == 3 and kinds.count("row") == 12
    assert doc["refs"] == [15, 16, 18, 19, 20, 21, 22, 23, 24, 28, 30, 33, 38, 39, 40]


def test_links_json_graph() -> None:
    code, out, _ = run("links", str(BUNDLED))
    assert code == 0
    doc = json.loads(out)
    assert len(doc["claims"]) == 26 and len(doc["tables"]) == 4
    by_n = {r["n"]: r for r in doc["references"]}
    assert by_n[43]["claims"] == [] and by_n[43]["rows"] == [{"table": 4, "row": 5}]
    assert by_n[1]["key"] == "petersen1999bone"
    assert doc["tables"][0]["ref_column"] == "参考文献"


def test_lint_json_and_fail_on() -> None:
    code, out, _ = run("lint", str(BUNDLED), "--json")
    assert code == 0
    doc = json.loads(out)
    first = doc["findings"][0]
    assert first["code"] == "table-pointer" and first["severity"] == "error"
    assert first["refs"] == [31, 32]
    assert first["location"]["line"] == 57 and "sentence" in first["location"]
    assert doc["summary"] == {"error": 6, "warning": 0, "info": 1}
    assert run("lint", str(BUNDLED), "--fail-on", "error")[0] == 1
    assert run("lint", str(DATA / "bracketed.txt"), "--fail-on", "info")[0] == 1


def test_lint_fail_on_passes_when_clean(tmp_path: Path) -> None:
    clean = tmp_path / "clean.txt"
    clean.write_text(
        "1 Intro\nA fact [1].\n\nReferences\n1. Doe J. A title. J Biol. 2001;1:1-2.\n",
        encoding="utf-8",
    )
    code, out, _ = run("lint", str(clean), "--fail-on", "info")
    assert code == 0 and "no findings" in out


def test_check_writes_bib_beside_the_article(tmp_path: Path) -> None:
    article = tmp_path / "paper.txt"
    article.write_text(BUNDLED.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("check", str(article), "--offline")
    assert code == 0
    assert "43 references (12 numbers recovered), 26 claims, 4 tables" in out
    assert len(bibtexparser.parse_string((tmp_path / "paper.bib").read_text("utf-8")).entries) == 43


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("DIR", "is a directory"),
        (b"", "file is empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("非UTF-8".encode("gbk"), "not valid UTF-8"),
        (b"Just a paragraph.\n", "no reference list found"),
    ],
)
@pytest.mark.parametrize("command", ["refs", "bib", "lint", "links", "check", "find"])
def test_bad_input_one_line_exit_2_no_output(
    tmp_path: Path, content: bytes | str | None, message: str, command: str
) -> None:
    path = tmp_path / "article.txt"
    if content == "DIR":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    before = set(tmp_path.iterdir())
    extra = ["-o", str(tmp_path / "out.bib")] if command == "bib" else []
    query = ["MELD"] if command == "find" else []
    code, out, err = run(command, *query, str(path), *extra)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("citelink: error: ") and message in err
    assert "Traceback" not in err
    assert set(tmp_path.iterdir()) == before


def test_console_script_reports_errors_without_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from citelink.cli import main; main()",
            "refs",
            str(tmp_path / "x"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert proc.returncode == 2
    assert (
        proc.stderr.strip()
        == f"citelink: error: {tmp_path / 'x'}: no such file; give the path of an article"
    )


def test_library_entry_point() -> None:
    import citelink

    article = citelink.load_article(BUNDLED)
    assert len(article.references) == 43
    with pytest.raises(citelink.CitelinkError, match="no such file"):
        citelink.load_article(BUNDLED.with_name("missing.txt"))


def test_output_path_that_is_a_directory_is_a_clear_error(tmp_path: Path) -> None:
    code, out, err = run("bib", str(BUNDLED), "-o", str(tmp_path))
    assert code == 2 and out == ""
    assert err == f"citelink: error: {tmp_path}: is a directory; give a file name to write to\n"
    assert list(tmp_path.iterdir()) == []


def test_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    target = tmp_path / "out.bib"
    code, _, err = run("bib", str(BUNDLED), "-o", str(target))
    assert code == 2 and "No space left on device" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("arg", ["5-", "x1", "3,,4"])
def test_claims_rejects_malformed_numbers(arg: str) -> None:
    code, out, err = run("claims", arg, str(BUNDLED))
    assert code == 2 and out == ""
    assert err.startswith("citelink: error: ") and err.count("\n") == 1


# -- smaller faults a user meets (issue 16, case 6) -----------------------------------------


def test_claims_blames_the_word_that_is_not_a_number() -> None:
    code, out, err = run("claims", "abc", str(BUNDLED))
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "'abc' is not a reference number" in err and str(BUNDLED) not in err
    code, _, err = run("claims", "abc")
    assert code == 2 and "'abc' is not a reference number" in err
    code, _, err = run("claims", "3", str(BUNDLED.with_name("missing.txt")))
    assert code == 2 and "missing.txt: no such file" in err  # one word: the article


@pytest.mark.parametrize("command", ["lint", "check"])
def test_json_and_another_format_conflict(command: str, tmp_path: Path) -> None:
    extra = ["--offline", "--bib", str(tmp_path / "x.bib")] if command == "check" else []
    code, out, err = run(command, str(DATA / "checked.txt"), "--json", "--format", "sarif", *extra)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "--json and --format sarif conflict" in err
    assert not (tmp_path / "x.bib").exists()
    assert run(command, str(DATA / "checked.txt"), "--json", "--format", "json", *extra)[0] == 0


@pytest.mark.parametrize("content", ["[]\n", '{"message": {"items": []}}\n', '{"title": "x"}\n'])
def test_index_add_of_a_file_without_records_is_an_error(tmp_path: Path, content: str) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(content, encoding="utf-8")
    code, _out, err = run("index", "add", str(empty), "--cache", str(tmp_path / "c.sqlite"))
    assert code == 2 and err.startswith("citelink: error: ") and err.count("\n") == 1
    assert "holds no work records" in err and str(empty) in err


def test_index_add_says_1_record(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    record = json.loads(
        (ROOT / "refs" / "crossref-snapshot" / "works.jsonl").read_text("utf-8").splitlines()[0]
    )
    one.write_text(json.dumps(record), encoding="utf-8")
    code, out, err = run("index", "add", str(one), "--cache", str(tmp_path / "c.sqlite"))
    assert code == 0, err
    assert f"{one}: 1 record\n" in out and "1 records" not in out


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    return result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["refs"],
        ["bib"],
        ["claims"],
        ["find"],
        ["links"],
        ["lint"],
        ["check"],
        ["report"],
        ["index", "add"],
        [],
    ],
)
def test_help_is_plain(command: list[str]) -> None:
    text = _help(*command)
    assert "<bool>" not in text and "``" not in text and "{args}" not in text
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    assert "{" not in usage, usage
    assert "--help" in text


def test_help_paragraphs_are_not_broken_mid_sentence() -> None:
    # The docstrings wrap in the source; on a wide terminal each paragraph is one line.
    assert "write the .bib beside the article, lint, and check every reference" in _help("check")
    assert "(--enrich: completed from matched records" in _help("bib")


def test_links_has_no_flag_that_does_nothing() -> None:
    assert "--json" not in _help("links")
    code, out, _ = run("links", str(DATA / "checked.txt"))
    assert code == 0 and json.loads(out)["references"]


def test_report_without_output_goes_beside_the_article_and_is_ignored_by_git(
    tmp_path: Path,
) -> None:
    article = tmp_path / "paper.txt"
    article.write_text((DATA / "checked.txt").read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = run("report", str(article), "--offline")
    assert code == 0, err
    assert (tmp_path / "paper.report.html").is_file()
    assert f"wrote {tmp_path / 'paper.report.html'}" in err
    patterns = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    for name in ("article.report.html", "paper.report.html", "report.html"):
        assert any(fnmatch.fnmatch(name, p.lstrip("/")) for p in patterns), name


def test_a_large_bib_prints_no_library_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """bibtexparser warns about deep copies from 10,000 blocks on (a 50,000-entry list took
    over a minute to show it); its threshold is lowered here so a small list shows it too."""
    import bibtexparser.entrypoint

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synth import article

    monkeypatch.setattr(bibtexparser.entrypoint, "LARGE_LIBRARY_WARNING_THRESHOLD", 50)
    big = tmp_path / "big.txt"
    big.write_text(article(200), encoding="utf-8")
    code, out, err = run("bib", str(big))
    assert code == 0
    assert len(bibtexparser.parse_string(out).entries) == 200
    assert "deep-copies" not in err and not [r for r in caplog.records if "deep" in r.message]


def test_no_article_named_outside_the_checkout_writes_to_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracked = ROOT / "refs" / "article.bib"
    before = (tracked.stat().st_mtime_ns, tracked.read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, err = run("check", "--offline", "--json")
    assert code == 0, err
    doc = json.loads(out)
    assert Path(doc["article"]).name == "article.txt" and len(doc["references"]) == 43
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.bib", "cache"]
    assert (tracked.stat().st_mtime_ns, tracked.read_bytes()) == before


def test_the_command_asks_numpy_for_one_blas_thread_before_importing_it() -> None:
    """The tagger's matrices are small: a second BLAS thread doubles its CPU time. The
    command sets the thread count before NumPy is imported (a user's own setting wins)."""
    import subprocess

    code = ("import os, sys, citelink.cli; "
            "print('numpy' in sys.modules, os.environ['OPENBLAS_NUM_THREADS'])")
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out == ["False", "1"]
    env["OPENBLAS_NUM_THREADS"] = "2"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split()
    assert out == ["False", "2"]
