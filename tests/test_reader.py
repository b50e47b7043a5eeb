"""The reference reader: rules first, the trained tagger where the rules show a red flag
(``parse/fields.py``). Strings are real references in styles the rules were not written for
(AnyStyle's gold.xml, BSD-2-Clause, training/corpora/anystyle-parser) and from the articles
in tests/data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from citelink.model import Reference
from citelink.parse import fields
from citelink.parse.references import parse_entry, parse_reference_list
from citelink.parse.tagger import Span, Tagged, tag, tag_with_confidence

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("raw", "family", "year", "title"),
    [
        # Full given names between semicolons: the rules read no author.
        (
            "Arriaga, Rose I.; Fenson, Larry; Cronan, Terry; & Pethick, Stephen J. 1998. Scores "
            "on the MacArthur Communicative Development Inventory of children from low- and "
            "middle-income families. Applied Psycholinguistics 19, 209–223.",
            "Arriaga",
            1998,
            "Scores on the MacArthur Communicative Development Inventory of children from "
            "low- and middle-income families",
        ),
        # Chicago humanities note style: names, title and imprint in brackets, no year read.
        (
            "Lindenberger, Herbert, Georg Trakl (New York, NY: Twayne, 1971).",
            "Lindenberger",
            1971,
            None,
        ),
    ],
)
def test_tagger_reads_what_the_rules_miss(
    raw: str, family: str, year: int, title: str | None
) -> None:
    rules = parse_entry(raw, 1, learned=False)
    assert fields.red_flags(rules)
    assert not rules.authors or rules.authors[0].family != family
    ref = parse_entry(raw, 1)
    assert ref.authors[0].family == family
    assert ref.year == year
    if title is not None:
        assert ref.title == title


def test_numbers_of_no_source_send_the_entry_to_the_tagger() -> None:
    # The title ran on over the journal: pages read, no journal, no volume.
    raw = (
        "Neil Immerman (1989), Expressibility and Parallel Complexity, SIAM J. of Comput 18, "
        "625-638."
    )
    rules = parse_entry(raw, 1, learned=False)
    assert rules.pages == "625-638" and rules.journal is None and rules.volume is None
    assert "container" in fields.red_flags(rules)
    ref = parse_entry(raw, 1)
    assert (ref.volume, ref.pages, ref.journal) == ("18", "625-638", "SIAM J. of Comput")


def test_a_volume_the_rules_read_as_the_page_is_not_taken() -> None:
    # IOP's book chapters: "... Diseases of the Tropics p 52 (Nairobi: ...)".
    rules = Reference(n=1, raw="Opiyo E A 1983 Title Book p 52 (Nairobi: ABS)", pages="52")
    read = fields.Reading(volume=("52", 0.9), title=("Title", 0.9), journal=("Book", 0.9))
    assert fields.merge(rules, read).volume is None
    assert fields.merge(rules, replace(read, volume=("7", 0.9))).volume == "7"


def test_rules_fields_are_kept() -> None:
    # A red flag (no author) leaves what the rules read exactly (year, pages) untouched.
    raw = (
        "Westerhoff, P.; Aiken, G.; Amy, G.; & Debroux, J., 1999. Relationships Between the "
        "Structure of Natural Organic Matter and Its Reactivity Towards Molecular Ozone and "
        "Hydroxyl Radicals. Water Research, 33:10: 2265."
    )
    rules = parse_entry(raw, 1, learned=False)
    ref = parse_entry(raw, 1)
    assert ref.authors[0].family == "Westerhoff"
    for name in ("year", "doi", "url", "volume", "issue"):
        if getattr(rules, name) is not None:
            assert getattr(ref, name) == getattr(rules, name)


def test_group_author_is_not_taken() -> None:
    # The tagger is sure "ATLAS Collaboration" is the author, but it is no person's name.
    raw = (
        "ATLAS Collaboration, G. Aad et al., Observation of a new particle in the search for "
        "the Standard Model Higgs boson with the ATLAS detector at the LHC, Phys. Lett. B716 "
        "(2012) 1–29"
    )
    tagged, _ = tag_with_confidence(raw)
    first = tagged.first("author")
    assert first is not None and first.text == "ATLAS Collaboration"
    assert parse_entry(raw, 1).authors == ()


def test_access_date_is_not_the_year() -> None:
    raw = (
        "BRASIL, Presidência da República. Constituição Federal. Disponível em: "
        "http://www.planalto.gov.br/ccivil_03/_Ato2015-2018/2015/Lei/L13104.htm. "
        "Acesso em: 29 jan. 2020."
    )
    tagged, sure = tag_with_confidence(raw)
    assert any(s.label == "date" and "2020" in s.text for s in tagged.spans)
    assert fields.reading(tagged, sure).year is None
    assert parse_entry(raw, 1).year is None


def test_a_volume_without_a_journal_is_refused() -> None:
    # ABNT book in a series (tests/data/wild2/kitamura2020-esa-biossolido, ref 2): the rules
    # read no source, the tagger calls the series number 6 a volume; with no journal, read by
    # the rules or by the tagger, it is a series' number, refused however sure the tagger is.
    raw = (
        "ALCARDE, J.C. (1992) Corretivos da acidez dos solos: características e interpretações "
        "técnicas. São Paulo: ANDA. (Boletim Técnico, 6)."
    )
    rules = parse_entry(raw, 1, learned=False)
    assert fields.red_flags(rules)
    read = fields.reading(*tag_with_confidence(raw))
    assert read.volume is not None and read.journal is None
    assert rules.volume is None and rules.journal is None
    assert parse_entry(raw, 1).volume is None
    assert fields.merge(rules, read, threshold=0.0).volume is None
    # The same volume beside a journal the tagger is sure of is taken; unsure, it is not.
    sure = replace(read, journal=("Boletim Técnico", 0.9), volume=("6", 0.9))
    assert fields.merge(rules, sure).volume == "6"
    assert fields.merge(rules, replace(sure, volume=("6", 0.4))).volume is None


def test_the_day_of_a_numeric_date_is_no_volume() -> None:
    tagged = Tagged("La Nación 31/8/2017", (
        Span("container", "La Nación", 0, 9), Span("volume", "31", 10, 12),
        Span("other", "/", 12, 13), Span("issue", "8", 13, 14), Span("other", "/", 14, 15),
        Span("date", "2017", 15, 19)))
    read = fields.reading(tagged, (0.99,) * 6)
    assert read.volume is None and read.year == (2017, 0.99)


@pytest.mark.parametrize(("raw", "volume"), [
    ("Arquivo Nacional BR RJANRIO RD.0.DAG.41", None),  # an archive's call number
    ("Revista Brasileira VOL.41", "41"),  # a label, no code
    ("Revista Brasileira 41", "41"),
])
def test_the_end_of_a_dotted_code_is_no_volume(raw: str, volume: str | None) -> None:
    at = raw.rindex("41")
    tagged = Tagged(raw, (Span("container", raw[: at - 1], 0, at - 1),
                          Span("volume", "41", at, at + 2)))
    assert fields.reading(tagged, (0.99, 0.99)).volume == (None if volume is None
                                                             else (volume, 0.99))


def test_confidence_spans_match_tag() -> None:
    raw = "Dolgov A D 2002 Phys. Rep. 370 333"
    tagged, sure = tag_with_confidence(raw)
    assert tagged == tag(raw)
    assert len(sure) == len(tagged.spans)
    assert all(0.0 <= p <= 1.0 for p in sure)


def test_bundled_article_never_calls_the_tagger() -> None:
    # No entry of the bundled article shows a red flag: its references are the rules' own.
    lines = (ROOT / "refs" / "article.txt").read_text(encoding="utf-8").splitlines()
    refs = parse_reference_list(lines).references
    assert len(refs) == 43
    for ref in refs:
        again = parse_entry(
            ref.raw, ref.n, number_printed=ref.number_printed, line=ref.line, learned=False
        )
        assert again == ref
        assert not fields.red_flags(ref)


@pytest.mark.parametrize(("printed", "volume"), [("n. 19", None), ("no. 3", None),
                                                 ("v. 7", "7"), ("vol. 12", "12")])
def test_a_span_labelled_volume_that_prints_an_issue_label_is_no_volume(
    printed: str, volume: str | None
) -> None:
    from citelink.parse.tagger import Span, Tagged

    raw = f"SILVA, J. Título do artigo. Revista, {printed}, p. 35-50, 2001."
    start = raw.index(printed)
    tagged = Tagged(raw, (Span("volume", printed, start, start + len(printed)),))
    read = fields.reading(tagged, (0.9,))
    assert (read.volume[0] if read.volume else None) == volume


def test_a_volume_span_after_an_issue_label_is_no_volume() -> None:
    from citelink.parse.tagger import Span, Tagged

    raw = "SILVA, J. Título do artigo. Letra Magna, n. 19, p.1-18, 2016."
    start = raw.index("19")
    tagged = Tagged(raw, (Span("volume", "19", start, start + 2),))
    assert fields.reading(tagged, (0.9,)).volume is None


@pytest.mark.parametrize("raw", [
    "BLS – US Bureau of Labor Statistics. The employment situation. Washington, D.C.: Bureau of "
    "Labor Statistics, Dec. 2023. Available at: https://www.bls.gov/x.pdf. Last access: Jan. 14, "
    "2024.",
    "Laodongqushi. Working hours. Laodongqushi, Oct. 3, 2022. Available at: "
    "https://www.laodongqushi.com/labor-time/. Accessed on 5 March 2024.",
])
def test_dates_are_no_unread_numbers(raw: str) -> None:
    """An access date and the day of a date send no entry to the tagger: they are no
    volume the rules missed."""
    ref = parse_entry(raw, 1, learned=False)
    assert "numbers" not in fields.red_flags(ref)
    # ... while a number no field holds still does.
    assert "numbers" in fields.red_flags(replace(ref, raw=raw.replace("Dec. 2023", "2023, 17")
                                                 .replace("Oct. 3, 2022", "2022, 17")))
