"""Whatever the text, parsing returns data or a CitelinkError; it never crashes."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from citelink.errors import NoReferencesError
from citelink.graph.lint import lint
from citelink.parse.article import parse_article
from citelink.parse.markers import find_markers, find_table_pointers
from citelink.parse.references import parse_entry
from citelink.render.bibtex import to_bibtex

# Characters that matter to the parsers, mixed with anything.
PIECES = st.sampled_from(
    [
        "Smith J",
        "王福生",
        ", ",
        ". ",
        "et al",
        "等",
        "[J]",
        "[M]",
        "//",
        "In: ",
        "2019",
        ";",
        "12(3)",
        ":",
        "45-67",
        "–",
        "（",
        "）",
        "：",
        "，",
        "。",
        "*",
        "doi: 10.1000/x.1",
        "Suppl 2",
        "[",
        "]",
        "^[",
        "1-3",
        "¹²",
        "\t",
        "\n",
        "表 1",
        "Table 2",
        "(见表 1~2)",
        "$",
        "\\times",
        "References\n",
        "参考文献\n",
        "- ",
        "1. ",
        "[4] ",
        " ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_parse_entry_never_raises(text: str) -> None:
    ref = parse_entry(text, 1)
    assert ref.n == 1
    if ref.pages:
        assert "–" not in ref.pages


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_markers_are_ordered_disjoint_spans_of_the_text(text: str) -> None:
    markers = find_markers(text, max_ref=50)
    for marker in markers:
        assert text[marker.start : marker.end] == marker.printed
        assert marker.refs and len(set(marker.refs)) == len(marker.refs)
    for a, b in itertools.pairwise(markers):
        assert a.end <= b.start
    for pointer in find_table_pointers(text):
        assert pointer.tables and text[pointer.start : pointer.end] == pointer.printed


@settings(max_examples=200, deadline=None)
@given(TEXT, TEXT)
def test_whole_pipeline_never_crashes(body: str, refs: str) -> None:
    text = (
        f"1 Intro\n{body}\n\nReferences\n{refs}\n[1] Doe J. A title [J]. J Biol, 2001, 1(1): 1-2.\n"
    )
    try:
        article = parse_article(text)
    except NoReferencesError:
        return
    lint(article)
    assert "@" in to_bibtex(article.references)


# -- BibTeX round trip ---------------------------------------------------------------------

SPECIAL = st.text(
    alphabet=st.sampled_from([*list("{}%&$#_\\~^\"'` aZ9-.,:;"), "é", "王", "ß", "α", "ø"]),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip())


@settings(max_examples=200, deadline=None)
@given(SPECIAL, SPECIAL, SPECIAL)
def test_bibtex_round_trip_keeps_entries_and_special_characters(
    title: str, family: str, journal: str
) -> None:
    import bibtexparser

    from citelink.model import Author, Reference
    from citelink.render.bibtex import from_tex

    refs = [
        Reference(
            n=1,
            raw="raw one",
            authors=(Author(family.strip(), "J"),),
            title=title,
            journal=journal,
            year=2001,
            type="article",
        ),
        Reference(
            n=2,
            raw="raw two",
            authors=(Author("Doe", "J"),),
            title="Plain",
            year=2002,
            type="article",
        ),
    ]
    library = bibtexparser.parse_string(to_bibtex(refs))
    assert not library.failed_blocks
    assert len(library.entries) == 2
    first = library.entries[0].fields_dict
    assert from_tex(first["title"].value) == title
    assert from_tex(first["journal"].value) == journal
    assert from_tex(first["author"].value).startswith(family.strip())
