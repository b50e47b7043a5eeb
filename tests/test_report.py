"""``citelink report``: one self-contained page, checked as HTML and in a real browser."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import BUNDLED, DATA
from .crossref_server import CrossrefServer
from .test_cli import run

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = Path(CHROMIUM).exists()
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    cache = out.parent / "cache.sqlite"
    code, _, err = run("report", str(BUNDLED), "--offline", "-o", str(out), "--cache", str(cache))
    assert code == 0, err
    return out


def test_page_is_self_contained_and_complete(page_path: Path) -> None:
    text = page_path.read_text(encoding="utf-8")
    parser = _Collect()
    parser.feed(text)
    tags = parser.tags
    # Nothing to load: no script, no external stylesheet, image, font or frame.
    assert not [t for t, _ in tags if t in ("script", "link", "img", "iframe", "object")]
    assert "@import" not in text and "url(" not in text
    assert "default-src 'none'" in text
    # Every reference, with a status badge; DOIs link to doi.org.
    refs = [a for t, a in tags if t == "li" and (a.get("class") or "").startswith("ref")]
    assert len(refs) == 43 and [a["id"] for a in refs][:2] == ["ref-1", "ref-2"]
    statuses = (
        "verified|discrepancies|identifier-mismatch|not-found-anywhere|not-found|unverifiable"
    )
    badges = re.findall(rf'<span class="badge ({statuses})">', text)
    assert len(badges) >= 43
    dois = [a["href"] for t, a in tags if t == "a" and (a.get("href") or "").startswith("http")]
    assert dois and all(h.startswith("https://doi.org/10.") for h in dois)  # type: ignore[union-attr]
    assert 'href="https://doi.org/10.1126/science.284.5417.1168"' in text
    # The six table-pointer errors sit next to their claims.
    notes = re.findall(r'<span class="note sev-error" role="note">error: ([^<]*)</span>', text)
    assert len([n for n in notes if "points at Table" in n]) == 6
    # The figures, inline.
    assert text.count("<svg") == 3
    assert "Citation map" in text and "Age of the evidence" in text and "Check status" in text
    # Every marker number and every reference cell links to an existing entry.
    ids = {a.get("id") for _, a in tags}
    internal = [a["href"] for t, a in tags if t == "a" and (a.get("href") or "").startswith("#")]
    assert all(h[1:] in ids for h in internal)  # type: ignore[index]
    assert any(h == "#ref-17" for h in internal)


def test_every_reference_says_what_each_source_said(page_path: Path) -> None:
    text = page_path.read_text(encoding="utf-8")
    assert text.count('<ul class="sources"') == 43
    suk = text[text.index('<li id="ref-34"') : text.index('<li id="ref-35"')]
    assert "source: pubmed (index)" in suk and "pmid:27339398" in suk
    assert '<span class="src-name">pubmed</span> <span class="said said-found">found</span>' in suk
    theise = text[text.index('<li id="ref-2"') : text.index('<li id="ref-3"')]
    assert '<span class="said said-not-asked">not-asked</span>' in theise


def test_discrepancies_show_printed_and_registered_side_by_side(page_path: Path) -> None:
    text = page_path.read_text(encoding="utf-8")
    item = text[text.index('<li id="ref-6"') : text.index('<li id="ref-7"')]
    assert "<mark>Gastroenterol Hepatol</mark>" in item or "Gastroenterol Hepatol" in item
    assert '<mark class="reg">Journal of' in item
    alison = text[text.index('<li id="ref-3"') : text.index('<li id="ref-4"')]
    assert (
        "<mark>non-hepatopoietic</mark>" in alison
        and '<mark class="reg">non-hepatic adult' in alison
    )


def test_report_shows_retractions_from_a_live_server(
    crossref: CrossrefServer, tmp_path: Path
) -> None:
    out = tmp_path / "r.html"
    code, _, err = run(
        "report",
        str(DATA / "checked.txt"),
        "-o",
        str(out),
        "--api-url",
        crossref.url,
        "--sources",
        "crossref",
    )
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    item = text[text.index('<li id="ref-5"') : text.index('<li id="ref-6"')]
    assert "retraction" in item and "https://doi.org/10.1016/s0140-6736(10)60175-4" in item
    assert "source: crossref" in item


def test_bad_output_path_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "r.html"
    code, _out, err = run("report", str(BUNDLED), "--offline", "-o", str(target))
    assert code == 2 and err.startswith("citelink: error: ") and err.count("\n") == 1
    assert not target.parent.exists()


@pytest.mark.skipif(
    not HAVE_CHROMIUM and os.environ.get("CI") != "true",
    reason="Debian's chromium is not installed (.ci/run installs it)",
)
def test_in_a_real_browser(page_path: Path, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    requests: list[str] = []
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_FLAGS,
            java_script_enabled=False,  # the page must work without it
        )
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        # Keyboard: the first Tab lands on the skip link.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        # Click a citation marker in the text: the reference comes into view.
        marker = page.locator('#text .marker a[href="#ref-17"]').first
        marker.click()
        target = page.locator("#ref-17")
        expect(target).to_be_in_viewport()
        assert page.url.endswith("#ref-17")
        expect(target.locator(".badge")).to_have_text(re.compile("verified|discrepancies"))
        # Expand the claims that cite it, and follow one back to the text.
        cited = target.locator("details.cited-by")
        cited.locator("summary").click()
        expect(cited).to_have_attribute("open", "")
        first_claim = cited.locator('a[href^="#claim-"]').first
        expect(first_claim).to_be_visible()
        claim_id = first_claim.get_attribute("href")
        first_claim.click()
        assert claim_id is not None
        expect(page.locator(claim_id)).to_be_in_viewport()
        page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
        context.close()
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert requests and all(u.startswith("file://") for u in requests), requests
