"""CSL-JSON export: what Zotero, Pandoc and citeproc read. citeproc-py renders it."""

from __future__ import annotations

import json

from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from citelink.metadata.session import Settings, check_article
from citelink.model import Article
from citelink.render import csl


def _render(items: list[dict[str, object]]) -> list[str]:
    source = CiteProcJSON(json.loads(json.dumps(items)))  # through JSON, as a file would be
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(str(item["id"]))]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_the_bundled_article_renders_in_citeproc(bundled: Article) -> None:
    items = csl.csl_items(bundled.references)
    assert len(items) == 43 and len({i["id"] for i in items}) == 43
    rendered = _render(items)
    assert len(rendered) == 43
    petersen = next(r for r in rendered if r.startswith("Petersen"))
    assert "Petersen, B.E., Bowen, W.C." in petersen and "(1999)" in petersen
    assert "Science, 284(5417), pp. 1168–1170" in petersen
    # Every reference's title and year reach the rendered text.
    for ref in bundled.references:
        assert any(ref.title and ref.title[:30] in r for r in rendered), ref.n


def test_items_carry_the_identifiers_the_check_found(bundled: Article) -> None:
    report = check_article(bundled.references, Settings(offline=True))
    items = {i["citation-number"]: i for i in csl.csl_items(bundled.references, report)}
    assert items[1]["DOI"] == "10.1126/science.284.5417.1168"
    assert items[34]["PMID"] == "27339398"  # found in the bundled PubMed records
    assert items[34]["note"] == "citelink: verified in pubmed"
    assert items[3]["type"] == "article-journal" and items[3]["issued"] == {"date-parts": [[2000]]}
