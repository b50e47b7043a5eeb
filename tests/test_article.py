from __future__ import annotations

from collections import Counter

from citelink.model import Article
from citelink.parse.article import heading_of, parse_article

# How many body claims cite each reference in refs/article.txt, counted by hand from the
# markers as printed (^[23-24, 38-39] cites 23, 24, 38 and 39, and so on).
CLAIMS_PER_REF = {n: 1 for n in range(1, 43)} | {
    15: 2,
    23: 3,
    24: 3,
    28: 2,
    30: 2,
    33: 2,
    37: 2,
    40: 2,
}


def test_sections(bundled: Article) -> None:
    assert [s.label for s in bundled.sections] == [
        "1 干细胞治疗肝病概述",
        "2 干细胞治疗肝病的证据和机制",
        "3 干细胞治疗肝病的临床研究",
        "4 结语",
    ]


def test_every_cited_reference_has_exactly_its_claims(bundled: Article) -> None:
    counts = Counter(n for claim in bundled.claims for n in claim.refs)
    assert dict(counts) == CLAIMS_PER_REF
    assert len(bundled.claims) == 26


def test_paragraph_broken_by_a_page_break_and_footnote_is_rejoined(bundled: Article) -> None:
    (claim,) = [c for c in bundled.claims if c.refs == (5,)]
    assert claim.text.startswith("而之后的动物实验也表明")
    assert claim.text.endswith("能提高动物的生存率^[5]。")
    assert "作者单位" not in claim.text
    assert claim.section == "2 干细胞治疗肝病的证据和机制"


def test_claim_markers_and_pointers_as_printed(bundled: Article) -> None:
    (claim,) = [c for c in bundled.claims if c.refs == (24, 28, 30, 33)]
    assert [m.printed for m in claim.markers] == ["^[24, 28, 30, 33]"]
    assert [(p.printed, p.tables) for p in claim.pointers] == [("(见表 1~2, 4)", (1, 2, 4))]
    assert claim.line == 67


def test_front_matter_labels_are_not_sections(bundled: Article) -> None:
    abstract = [s for s in bundled.sentences if s.section == "摘要"]
    assert abstract and abstract[0].text.startswith("近年来")


def test_english_sentences_do_not_split_at_abbreviations(vancouver: Article) -> None:
    (claim,) = [c for c in vancouver.claims if c.refs == (2,)]
    assert claim.text == (
        "Smith et al. [2] showed that infused hepatocytes engraft in the rat liver, e.g. in the "
        "periportal zone, at a rate of 3.5% per week."
    )
    assert claim.section == "1 Introduction"


def test_english_sections_and_pointers(vancouver: Article) -> None:
    assert [s.title for s in vancouver.sections] == ["Abstract", "Introduction", "Clinical studies"]
    (claim,) = [c for c in vancouver.claims if c.refs == (6, 7)]
    assert [p.tables for p in claim.pointers] == [(2,)]


def test_marker_after_the_full_stop_belongs_to_its_sentence() -> None:
    text = (
        "1. Introduction\nCells engraft in the liver.[1] They also divide.² Later work "
        "disagreed [1].\n\nReferences\n1. Doe J. A title. J Biol. 2001;1:1-2.\n"
        "2. Roe R. B title. J Med. 2002;2:3-4.\n"
    )
    article = parse_article(text)
    assert [(c.text, c.refs) for c in article.claims] == [
        ("Cells engraft in the liver.[1]", (1,)),
        ("They also divide.²", (2,)),
        ("Later work disagreed [1].", (1,)),
    ]


def test_headings() -> None:
    assert heading_of("2 干细胞治疗肝病的证据和机制") is not None
    assert heading_of("2.1 Patients") is not None
    assert heading_of("三、结论") is not None
    assert heading_of("1999 年 Petersen 等^[1] 在鼠肝内发现") is None
    assert heading_of("1 例患者发生 1 型肝肝肾综合征。") is None
    assert heading_of("12 months later the patients improved.") is None


def test_superscript_markers_and_upper_case_headings() -> None:
    from .conftest import DATA, load

    article = load(DATA / "superscript.txt")
    assert [s.title for s in article.sections] == ["ABSTRACT", "INTRODUCTION", "DISCUSSION"]
    assert [(c.refs, [m.printed for m in c.markers]) for c in article.claims] == [
        ((1,), ["¹"]),
        ((2, 3, 4, 5, 6), ["²⁻⁴", "⁵,⁶"]),
        ((3, 6), ["⁶", "³"]),
    ]
    (discussion,) = [s for s in article.sentences if "10⁶/kg" in s.text]
    assert discussion.markers == ()  # exponents and units are not markers
    (table,) = article.tables
    assert [r.refs for r in table.rows] == [(6,), (3, 4)]


def test_single_letters_end_sentences_and_markers_open_paragraphs() -> None:
    text = (
        "1 Intro\nPatients had hepatitis B. Three were cured [1].\n\n"
        "[2] reported the opposite in 2001.\n\n"
        "References\n1. Doe J. A title. J Biol. 2001;1:1-2.\n2. Roe R. B. J Med. 2002;2:3-4.\n"
    )
    article = parse_article(text)
    assert [s.text for s in article.sentences] == [
        "Patients had hepatitis B.",
        "Three were cured [1].",
        "[2] reported the opposite in 2001.",
    ]
    assert article.sentences[2].section == "1 Intro"


def test_figure_captions_and_page_numbers_do_not_break_a_paragraph() -> None:
    text = (
        "1 Intro\nStem cells were given to the\n\n12\n\nFigure 1 Study design.\n\n"
        "patients in both arms [1].\n\n"
        "References\n1. Doe J. A title. J Biol. 2001;1:1-2.\n"
    )
    article = parse_article(text)
    assert [s.text for s in article.sentences] == [
        "Stem cells were given to the patients in both arms [1].",
        "Figure 1 Study design.",
    ]


def test_a_footnote_set_apart_belongs_to_the_paragraph_holding_its_mark() -> None:
    text = (
        "1. Introduction\n\n"
        "Probes of large scale structure were less constraining than those here^[5]. "
        "They are cheap [1].\n\n"
        "^[5] Except for a recent measurement of the matter power spectrum [2].\n\n"
        "The next paragraph stands alone [1].\n\n"
        "References\n\n"
        "1. Smith J. A paper. Nature. 2001;1:1-2.\n"
        "2. Jones K. Another paper. Science. 2002;2:3-4.\n"
    )
    article = parse_article(text, "notes.txt")
    paragraph = {s.text[:12]: s.paragraph for s in article.sentences}
    assert paragraph["^[5] Except "] == paragraph["Probes of la"]
    assert paragraph["The next par"] != paragraph["Probes of la"]
    note = next(s for s in article.claims if s.text.startswith("^[5]"))
    assert note.refs == (2,)


def test_a_subheading_set_on_the_line_above_its_paragraph_keeps_the_paragraph() -> None:
    text = (
        "Introduction\n\n"
        "Growth slowed for many reasons (Smith, 2001).\n\n"
        "Towards a new pattern of economic development\n"
        "Although these issues signal a complex situation and lower growth trajectory, they\n"
        "could hardly justify a stagnationist forecast, as pointed out by Jones (2002).\n\n"
        "From our point of view, the main difference is elsewhere.\n\n"
        "References\n\n"
        "SMITH, J. A paper. Journal, v. 1, p. 1-2, 2001.\n"
        "JONES, K. Another paper. Journal, v. 2, p. 3-4, 2002.\n"
    )
    article = parse_article(text, "heading.txt")
    assert "Towards a new pattern of economic development" in [s.label for s in article.sections]
    assert [s.refs for s in article.claims] == [(1,), (2,)]


def test_a_middle_initial_ends_no_sentence() -> None:
    text = (
        "1 Introduction\n\n"
        "The works of Mikhail M. Bakhtin shaped the field [1]. J. R. R. Tolkien did not [2].\n\n"
        "References\n\n"
        "1. Smith J. A paper. Nature. 2001;1:1-2.\n"
        "2. Jones K. Another paper. Science. 2002;2:3-4.\n"
    )
    article = parse_article(text, "initials.txt")
    assert [s.refs for s in article.claims] == [(1,), (2,)]
