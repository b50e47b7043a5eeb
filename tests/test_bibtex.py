from __future__ import annotations

import bibtexparser
import pytest
from pybtex.database import parse_string as pybtex_parse

from citelink.model import Article, Author, Reference
from citelink.render.bibtex import (
    base_key,
    bibtex_pages,
    citation_keys,
    format_name,
    keys_by_number,
    to_bibtex,
)


@pytest.mark.parametrize(
    ("printed", "bib"),
    [
        ("1168-1170", "1168--1170"),
        ("1168-70", "1168--1170"),
        ("S112-S120", "S112--S120"),
        ("S85-92", "S85--S92"),
        ("e1-e5", "e1--e5"),
        ("88", "88"),
    ],
)
def test_pages(printed: str, bib: str) -> None:
    assert bibtex_pages(printed) == bib


def test_names() -> None:
    assert format_name(Author("Petersen", "BE")) == "Petersen, B. E."
    assert format_name(Author("da Silva", "LF")) == "da Silva, L. F."
    assert format_name(Author("PETERSEN", "B E")) == "PETERSEN, B. E."
    assert format_name(Author("WANG", "Fu-sheng")) == "WANG, Fu-sheng"
    assert format_name(Author("王", "福生")) == "王福生"
    assert format_name(Author("World Health Organization")) == "{World Health Organization}"


def test_keys_are_author_year_word() -> None:
    ref = Reference(
        n=1,
        raw="",
        authors=(Author("El-Ansary", "M"),),
        year=2012,
        title="Phase II Trial: undifferentiated versus differentiated",
    )
    assert base_key(ref) == "elansary2012phase"
    han = Reference(n=2, raw="", authors=(Author("王", "福生"),), year=2015, title="干细胞治疗")
    assert base_key(han) == "wang2015ganxi"
    assert base_key(Reference(n=9, raw="")) == "ref9"


def test_clashing_keys_get_letters_in_reference_order() -> None:
    refs = [
        Reference(
            n=n,
            raw="",
            authors=(Author("Fox", "IJ"),),
            year=2004,
            title="Hepatocyte transplantation",
        )
        for n in (5, 10)
    ] + [Reference(n=11, raw="", authors=(Author("Fox", "IJ"),), year=2005, title="Other")]
    assert citation_keys(refs) == ["fox2004hepatocytea", "fox2004hepatocyteb", "fox2005other"]


def test_a_number_printed_twice_still_gives_distinct_keys() -> None:
    refs = [Reference(n=1, raw="", authors=(Author("Doe", "J"),), year=2001, title="Same")] * 3
    assert citation_keys(refs) == ["doe2001samea", "doe2001sameb", "doe2001samec"]
    assert keys_by_number(refs) == {1: "doe2001samea"}
    assert len(bibtexparser.parse_string(to_bibtex(refs)).entries) == 3


def test_bundled_bib_loads_back_in_two_parsers(bundled: Article) -> None:
    text = to_bibtex(bundled.references, bundled.path)
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert len(library.entries) == 43
    numbers = sorted(int(e["citelink-number"]) for e in library.entries)
    assert numbers == list(range(1, 44))
    petersen = library.entries[0]
    assert petersen.key == "petersen1999bone"
    assert petersen["author"] == "Petersen, B. E. and Bowen, W. C. and Patrene, K. D. and others"
    assert petersen["pages"] == "1168--1170"
    assert petersen["citelink-raw"] == bundled.references[0].raw

    pybtex_db = pybtex_parse(text, "bibtex")
    assert len(pybtex_db.entries) == 43
    entry = pybtex_db.entries["alison2000hepatocytes"]
    assert entry.fields["doi"] == "10.1038/35018642"
    assert str(entry.persons["author"][0]) == "Alison, M. R."
    assert entry.fields["number"] == "6793"


def test_keys_are_stable_and_unique(bundled: Article) -> None:
    first = citation_keys(bundled.references)
    again = citation_keys(bundled.references)
    assert first == again
    assert len(set(first)) == 43
    assert all(k.isascii() and k == k.lower() for k in first)


def test_acronyms_are_protected_and_specials_escaped() -> None:
    ref = Reference(
        n=1,
        raw="raw {unbalanced",
        authors=(Author("Doe", "J"),),
        year=2001,
        title="HBV & CD34 cells in 50% of Th17 cases",
        journal="J A&B",
        type="article",
    )
    text = to_bibtex([ref])
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry["title"] == "{HBV} \\& {CD34} cells in 50\\% of {Th17} cases"
    assert entry["journal"] == "J A\\&B"
    assert entry["citelink-raw"] == "raw (unbalanced"
    assert pybtex_parse(text, "bibtex").entries["doe2001hbv"].fields["journal"] == "J A\\&B"


def test_other_entry_types(vancouver: Article) -> None:
    library = bibtexparser.parse_string(to_bibtex(vancouver.references))
    types = {int(e["citelink-number"]): e.entry_type for e in library.entries}
    assert types[7] == "incollection" and types[9] == "book" and types[1] == "article"
    chapter = next(e for e in library.entries if e["citelink-number"] == "7")
    assert chapter["booktitle"] == "The genetic basis of human cancer"
    assert chapter["editor"] == "Vogelstein, B. and Kinzler, K. W."
