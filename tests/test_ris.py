"""RIS export (EndNote, Mendeley, Zotero), written by rispy and read back by rispy."""

from __future__ import annotations

import dataclasses

import rispy

from citelink.metadata.session import Settings, check_article
from citelink.model import Article
from citelink.render import ris


def test_rispy_loads_every_reference_of_the_bundled_article(bundled: Article) -> None:
    text = ris.to_ris(bundled.references)
    entries = rispy.loads(text)
    assert len(entries) == len(bundled.references) == 43
    for ref, entry in zip(bundled.references, entries, strict=True):
        assert entry["id"] == f"citelink-{ref.n}"
        assert entry["type_of_reference"] == "JOUR"
        assert entry.get("primary_title") == ref.title
        assert entry.get("year") == str(ref.year)
        assert [a.split(",")[0] for a in entry.get("authors", [])] == [
            a.family for a in ref.authors
        ]
    first = entries[0]
    assert first["start_page"] == "1168" and first["end_page"] == "1170"
    assert first["authors"][0] == "Petersen, B. E."


def test_a_newline_or_tag_in_a_field_cannot_forge_a_record(bundled: Article) -> None:
    hostile = dataclasses.replace(bundled.references[0], title="Evil\nER  - \nTY  - BOOK")
    entries = rispy.loads(ris.to_ris([hostile]))
    assert len(entries) == 1 and entries[0]["primary_title"].startswith("Evil ER")


def test_identifiers_from_the_check_are_exported(bundled: Article) -> None:
    report = check_article(bundled.references, Settings(offline=True))
    entries = rispy.loads(ris.to_ris(bundled.references, report))
    by_id = {e["id"]: e for e in entries}
    assert by_id["citelink-1"]["doi"] == "10.1126/science.284.5417.1168"
    assert by_id["citelink-34"]["accession_number"] == "PMID:27339398"
