"""Regenerate docs/report.png: the report on the bundled article, in Debian's chromium.

Run: ``python tools/screenshot.py`` (needs chromium, playwright and, for the Chinese text,
a CJK font such as Debian's fonts-noto-cjk).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.test_report import CHROMIUM_FLAGS as FLAGS  # noqa: E402  (one list of flags)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "report.html"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "citelink.cli",
                "report",
                str(ROOT / "refs" / "article.txt"),
                "--offline",
                "-o",
                str(page_file),
                "--cache",
                str(Path(tmp) / "c.sqlite"),
            ],
            check=True,
        )
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            page = browser.new_page(viewport={"width": 1200, "height": 1500})
            page.goto(page_file.as_uri())
            page.wait_for_timeout(500)
            page.screenshot(path=str(ROOT / "docs" / "report.png"))
            page.goto(page_file.as_uri() + "#ref-6")
            page.locator("#ref-6 details summary").click()
            page.wait_for_timeout(300)
            page.screenshot(path=str(ROOT / "docs" / "report-reference.png"))
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
