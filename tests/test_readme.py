"""The README's set-up commands are the ones CI and users run; keep them in step."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from .conftest import ROOT


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_main_job_and_test_commands() -> None:
    main_job, tests = _readme_commands()
    assert "citelink check refs/article.txt" in main_job
    assert main_job.startswith("python3 -m venv .venv")
    assert tests.startswith("python3 -m venv .venv") and "pytest" in tests


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, tests = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in ci


def _font_stack() -> list[str]:
    css = (ROOT / "src" / "citelink" / "render" / "report.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    stack = re.search(r"font-family:([^;]+);", css)
    assert stack is not None
    return [f.strip().strip('"') for f in stack.group(1).split(",")]


def test_the_report_names_a_chinese_font_of_every_platform() -> None:
    stack = _font_stack()
    assert stack[-1] == "sans-serif"
    for platform in (
        {"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"},
        {"PingFang SC", "Hiragino Sans GB"},
        {"Microsoft YaHei", "SimSun"},
    ):
        assert platform & set(stack), platform


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no browser here to render with")
def test_where_the_browser_runs_a_chinese_font_of_the_stack_is_installed() -> None:
    listed = subprocess.run(
        ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
    ).stdout
    installed = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    assert installed & set(_font_stack()), "install fonts-wqy-zenhei (see .ci/run)"
