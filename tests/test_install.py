"""An installed citelink (issue 16, case 5): ``pip install .`` into a fresh virtualenv, then
``citelink check --offline`` from an empty directory checks the bundled article against the
bundled snapshot, exactly as in the repository.

SLOW: about a minute (a virtualenv, a build and the dependencies from the package index).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import BUNDLED, ROOT
from .test_cli import run

_NOT_SOURCE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "cache",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".*_cache",
    ".hypothesis",
    "*.report.html",
)


def test_pip_install_then_check_offline_from_an_empty_directory(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=_NOT_SOURCE)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CITELINK_", "PYTHON", "XDG_"))}
    env["HOME"] = str(home)
    done = subprocess.run(
        [str(venv / "bin" / "citelink"), "check", "--offline", "--json"],
        cwd=empty,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    installed = json.loads(done.stdout)
    assert installed["article"].endswith("citelink/data/article.txt")
    assert str(venv) in installed["article"]  # the installed copy, not this checkout's
    # Outputs go to the current directory; the cache to the user's cache directory.
    assert sorted(p.name for p in empty.iterdir()) == ["article.bib"]
    assert (home / ".cache" / "citelink" / "index.sqlite").is_file()
    # As many references verified as in the repository.
    code, out, err = run(
        "check", str(BUNDLED), "--offline", "--json", "--bib", str(tmp_path / "repo.bib")
    )
    assert code == 0, err
    here = json.loads(out)
    assert installed["summary"] == here["summary"]
    assert installed["summary"]["verified"] >= 20
    strip = [(r["n"], r["status"], r["doi"]) for r in here["references"]]
    assert [(r["n"], r["status"], r["doi"]) for r in installed["references"]] == strip
