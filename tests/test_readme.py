"""The README's set-up commands are the ones CI and users run; keep them in step."""

from __future__ import annotations

import re

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
