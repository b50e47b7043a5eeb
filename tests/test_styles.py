"""Citation styles read only when an article uses them: author-year, flattened
superscripts and parenthesised numbers, each with the look-alikes that must not be read."""

from __future__ import annotations

import pytest

from citelink.graph.lint import lint
from citelink.model import Article

from .conftest import DATA, load

STYLES = DATA / "styles"


def _cites(article: Article) -> list[tuple[str, tuple[int, ...]]]:
    return [(m.printed, m.refs) for s in article.claims for m in s.markers]


def test_author_year_list_is_parsed_and_numbered_by_position() -> None:
    article = load(STYLES / "authoryear.txt")
    refs = article.references
    assert len(refs) == 11 and [r.n for r in refs] == list(range(1, 12))
    assert [r.authors[0].family for r in refs[:2]] == ["Cisse", "Dicko"]
    assert refs[0].et_al and refs[0].authors[4].family == "Bâ"
    assert (refs[5].year, refs[5].volume, refs[5].pages) == (1999, "15", "100-104")
    assert refs[9].authors[0].family == "World Health Organization"
    assert not any("no printed number" in w for w in article.warnings)


def test_author_year_citations_link_to_exactly_their_entries() -> None:
    cites = dict(_cites(load(STYLES / "authoryear.txt")))
    assert cites["(Cisse et al., 2006; Dicko and Sagara 2008)"] == (1, 2)
    assert cites["Smith (1999a)"] == (6,) and cites["Smith (1999b)"] == (7,)
    assert cites["(Smith 2003, 2005)"] == (8, 9)
    assert cites["Zhang 等 (2019)"] == (11,) and cites["(Zhang 等, 2019)"] == (11,)
    assert cites["(World Health Organization, 2012)"] == (10,)
    assert cites["Konaté et al. (2011)"] == (5,)
    assert cites["(Brown et al., 2010)"] == () and cites["(Jones 2001)"] == ()


def test_unmatched_and_ambiguous_author_year_citations_are_reported_as_printed() -> None:
    findings = lint(load(STYLES / "authoryear.txt"))
    by_code = {f.code: f.message for f in findings if "citation" in f.code}
    assert "'Brown et al., 2010' matches no entry" in by_code["unmatched-citation"]
    assert "'Jones 2001' matches entries [3], [4]" in by_code["ambiguous-citation"]
    assert not [f for f in findings if f.code in ("author-mismatch", "unknown-ref")]


def test_flattened_superscripts_are_read_and_numbers_in_text_are_not() -> None:
    article = load(STYLES / "flattened.txt")
    assert _cites(article) == [
        ("1,2", (1, 2)),
        ("3-5", (3, 4, 5)),
        ("6", (6,)),
        ("7", (7,)),
        ("8", (8,)),
        ("8", (8,)),  # after "(MDRD1)", whose 1 is part of the name
        # after an accented word, a short name the article also prints alone, an acronym
        # printed alone elsewhere ("GFR7" beside "GFR"), and an abbreviation's full stop;
        # never "CD34" or "COVID19" (recurring strings), nor "Fig.2"
        ("3", (3,)),
        ("4,5", (4, 5)),
        ("6", (6,)),
        ("7", (7,)),
        ("8", (8,)),
        # after a percentage, and the number of "Ref." / "Refs"
        ("1", (1,)),
        ("2", (2,)),
        ("3,4", (3, 4)),
    ]


def test_flattened_superscripts_in_table_rows_that_name_studies() -> None:
    table = load(STYLES / "flattened.txt").tables[0]
    rows = {r.cells[0]: r.refs for r in table.rows}
    # "Sesay (2011)2" starts a row though it fills few cells; a short row's last cell sits
    # under the reference column
    assert rows == {
        "Cisse (2006)1": (1,),
        "Sesay (2011)2": (2,),
        "Kweku": (3, 4),
        "Dicko": (5,),
    }


def test_parenthesised_citations_and_their_look_alikes() -> None:
    assert _cites(load(STYLES / "parenthesised.txt")) == [
        ("(1)", (1,)),
        ("(2)", (2,)),
        ("(3, 4)", (3, 4)),
        ("(2–4)", (2, 3, 4)),
    ]


def test_parenthesised_citations_with_locators() -> None:
    article = _numbered(
        "Intro (1, 2). A CT image (1: fig. 4) and the skeleton (3: 50, 62-65, fig. 2.20) "
        "and the teeth (4, pl. LII: 9) and a lineage (e.g., 5, 6). At (12:30) a ratio (1:2) "
        "and codes (2: the second) were noted."
    )
    assert _cites(article)[1:] == [
        ("(1: fig. 4)", (1,)),
        ("(3: 50, 62-65, fig. 2.20)", (3,)),
        ("(4, pl. LII: 9)", (4,)),
        ("(e.g., 5, 6)", (5, 6)),
    ]


def test_bracketed_articles_are_not_read_as_other_styles(bundled: Article) -> None:
    # The bundled article cites ^[n]: nothing in it is read as (n) or flattened digits.
    printed = [m.printed for s in bundled.claims for m in s.markers]
    assert printed and all(p.lstrip("^").startswith(("[", "［")) for p in printed)


def _numbered(body: str, n: int = 6, table: str = "") -> Article:
    from citelink.parse.article import parse_article

    entries = "".join(
        f"{i}. {name} AB, Other CD. Study number {i}. J Med. 2001;{i}:1-2.\n"
        for i, name in enumerate(["Reisine", "Locker", "Slade", "Allen", "John", "Shen"][:n], 1)
    )
    return parse_article(f"Title\n\nIntroduction\n{body}\n\n{table}References\n{entries}")


def test_scale_codes_in_brackets_are_not_citations() -> None:
    """Parenthesised numbers coding a scale count up from (0), or from (1) over works all
    cited before; a list cited for the first time in the same shape stays citations."""
    body = (
        "Quality of life matters (1). It was measured (2). Others agree (3, 4). "
        "The first studies were in Germany (5), Sweden (6) and Italy (1).\n"
        "Answers ranged from never (0), hardly ever (1), occasionally (2) to often (3). "
        "Replies were none (1), a little (2), somewhat (3) and much (4). "
        "Slade (3) agrees."
    )
    cites = _cites(_numbered(body))
    assert cites == [
        ("(1)", (1,)),
        ("(2)", (2,)),
        ("(3, 4)", (3, 4)),
        ("(5)", (5,)),
        ("(6)", (6,)),
        ("(1)", (1,)),
        ("(3)", (3,)),
    ]
    first = "Germany (1), Sweden (2), Italy (3) and Spain (4) agree (5, 6)."
    assert [r for _, r in _cites(_numbered(first))] == [(1,), (2,), (3,), (4,), (5, 6)]


def test_a_table_label_before_a_bracketed_number_cites_only_when_it_names_the_work() -> None:
    """ "Handicap (6)" counts questions; "Shen (6)" names ref 6's author; "LipC (6)" is
    cited so in the body as well."""
    table = (
        "Table 1. Scores per domain\n"
        "Domain\tScore\n"
        "Functional limitation (5)\t1.2\n"
        "Handicap (6)\t0.4\n\n"
        "Table 2. Enzymes\n"
        "Enzyme\tActivity\n"
        "Shen (6)\t12\n"
        "LipC (5)\t7\n\n"
    )
    body = (
        "Quality of life matters (1). It was measured (2, 3). Others agree (4). "
        "For LipC (5), see (6)."
    )
    tables = {
        t.number: {r.cells[0]: r.refs for r in t.rows} for t in _numbered(body, table=table).tables
    }
    assert tables[1] == {"Functional limitation (5)": (), "Handicap (6)": ()}
    assert tables[2] == {"Shen (6)": (6,), "LipC (5)": (5,)}


def test_flattened_lists_stop_at_the_next_count_and_markers_on_years_are_read() -> None:
    from citelink.parse.markers import find_flattened_markers

    text = "one to the lipases16,17,19,20, 7 to the cutinase and 4 to lipases44,45 and more."
    assert [m.refs for m in find_flattened_markers(text, 50)] == [(16, 17, 19, 20), (44, 45)]
    text = 'Apart from reports in 19698 and in 200930, the question "how often?"28. was asked.'
    assert [m.refs for m in find_flattened_markers(text, 50)] == [(8,), (30,), (28,)]
    # a year alone, or a number too large for the list, is no marker
    assert find_flattened_markers("It began in 2009. In 1999 it ended in 19999 cases.", 50) == ()
    # after "e.g.", as after "etc."
    text = "The picture is very simple (see e.g.8,10) and accurate, as said before."
    assert [m.refs for m in find_flattened_markers(text, 50)] == [(8, 10)]
    # after an acronym closing a sentence, and after an acronym's plural
    text = "A statement on CSP.1 In brief, it is like NS-LBBP.2-4 The links are URIs5 and DOIs6."
    assert [m.refs for m in find_flattened_markers(text, 50)] == [(1,), (2, 3, 4), (5,), (6,)]
    assert find_flattened_markers("in the U.S.2 population, see Fig.2 In the NHS.2 cases", 50) == ()
    # after a product's name in two capitalised parts and a double-barrelled name; never
    # after a formula's or a protein's ("MgCl2", "RecA2")
    text = "Using OpenURL8 and WorldCat9, as Murray-Rust1 said; MgCl2 and RecA2 were added."
    assert [m.refs for m in find_flattened_markers(text, 50)] == [(8,), (9,), (1,)]
    # after a word's comma, inside a sentence that goes on; never after a number's
    text = "It was found superior,3 albeit in fewer patients; in 2001,19 patients were seen."
    assert [m.refs for m in find_flattened_markers(text, 50)] == [(3,)]


def test_a_bracketed_number_after_of_or_and_is_an_enumeration_only_when_it_counts() -> None:
    body = (
        "Quality of life matters (1). It was measured (2, 3). "
        "We refer the reader to section 5.1 of (4) for details, and to (6) for the rest. "
        "The aims were: (1) to test and (2) to compare. The authors of (5) find more."
    )
    assert _cites(_numbered(body)) == [
        ("(1)", (1,)),
        ("(2, 3)", (2, 3)),
        ("(4)", (4,)),
        ("(6)", (6,)),
        ("(5)", (5,)),
    ]


def test_a_bracket_or_two_among_flattened_superscripts_leaves_them_read() -> None:
    body = (
        "Lysis timing varies between cells1,2. The noise was measured before3. "
        "A coefficient of variation is used for different units [4, pp. 57-59]. "
        "Other phages behave alike5 and differ6."
    )
    assert _cites(_numbered(body)) == [
        ("1,2", (1, 2)),
        ("3", (3,)),
        ("[4, pp. 57-59]", (4,)),
        ("5", (5,)),
        ("6", (6,)),
    ]


def test_display_equation_numbers_and_indices_are_no_parenthesised_citations() -> None:
    body = (
        "A remarkable paper (1) proposed it. The action is S=∫ddxε(x)+H∫ddxσ(x),(1)where ε is "
        "the energy and E=-J∑σiσj.(2)Let us define it (2). The modes read "
        "γ1=∑j[u↑(1)(xj)c↑(xj)] as before (3). Others followed.(4) And more (5, 6)."
    )
    assert _cites(_numbered(body)) == [
        ("(1)", (1,)),
        ("(2)", (2,)),
        ("(3)", (3,)),
        ("(4)", (4,)),
        ("(5, 6)", (5, 6)),
    ]


def test_brackets_that_cite_nothing_in_order_leave_the_article_to_its_parentheses() -> None:
    # quantum codes' parameters "[7,1,3]" are no citations of a list cited "(n)"
    from citelink.parse.article import parse_article

    entries = "".join(
        f"{i}. Author{chr(64 + i)} AB. Study number {i}. J Phys. 2001;{i}:1-2.\n"
        for i in range(1, 41)
    )
    body = (
        "Holographic codes were proposed (1) and extended (2, 3). The Steane code [7,1,3] and "
        "the codes [4,2,2] and [16,4,4] protect it (4). Later work (5) and (6-8) agrees, "
        "and so do (9) and (10-12)."
    )
    article = parse_article(f"Title\n\nIntroduction\n{body}\n\nReferences\n{entries}")
    assert _cites(article) == [
        ("(1)", (1,)),
        ("(2, 3)", (2, 3)),
        ("(4)", (4,)),
        ("(5)", (5,)),
        ("(6-8)", (6, 7, 8)),
        ("(9)", (9,)),
        ("(10-12)", (10, 11, 12)),
    ]


@pytest.mark.parametrize(
    ("marks", "labels"),
    [
        ("({})", ["Reisine et al., 1996 (1)", "Locker and Slade, 1999 (2)"]),
        ("{}", ["Reisine et al., 19961", "Locker and Slade, 19992"]),
    ],
)
def test_a_row_naming_a_study_with_its_citation_after_the_year_starts_a_row(
    marks: str, labels: list[str]
) -> None:
    cite = marks.format
    body = (
        f"Protocols were tested{' ' if marks.startswith('(') else ''}{cite(1)}. "
        f"Others found more{' ' if marks.startswith('(') else ''}{cite(2)}. "
        f"And so on{' ' if marks.startswith('(') else ''}{cite('3,4')}, "
        f"and later{' ' if marks.startswith('(') else ''}{cite(5)}."
    )
    table = (
        "Table 1. Studies\n"
        "Setting\tProtocol\tResults\n"
        f"{labels[0]}\t\t\n"
        "Erie County, NY: varied payment\tStandard\tNo difference\n"
        f"{labels[1]}\t\t\n"
        "Worcester, MA: varied product\tStandard\tNo difference\n\n"
    )
    rows = {r.cells[0]: r.refs for r in _numbered(body, table=table).tables[0].rows}
    assert rows[labels[0]] == (1,) and rows[labels[1]] == (2,)


def test_counts_after_names_equations_and_exponents_are_no_citations() -> None:
    from citelink.parse.markers import find_flattened_markers

    body = (
        "Studies agree (1). Others differ (2). Primates were counted (3): Lemuridae (5), "
        "Lepilemuridae (4), Indriidae (4), and Cebidae (4). Equation (6) is new (4). The "
        "MDRD equation (5) is used (6)."
    )
    assert _cites(_numbered(body)) == [
        ("(1)", (1,)), ("(2)", (2,)), ("(3)", (3,)), ("(4)", (4,)), ("(5)", (5,)), ("(6)", (6,))
    ]
    text = "the power is (x+x2+2x1)2, and PR≃AR(aa1)4. In (2+1)33-35 dimensions."
    assert [m.printed for m in find_flattened_markers(text, 40)] == ["33-35"]
