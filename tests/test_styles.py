"""Citation styles read only when an article uses them: author-year, flattened
superscripts and parenthesised numbers, each with the look-alikes that must not be read."""

from __future__ import annotations

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


def test_bracketed_articles_are_not_read_as_other_styles(bundled: Article) -> None:
    # The bundled article cites ^[n]: nothing in it is read as (n) or flattened digits.
    printed = [m.printed for s in bundled.claims for m in s.markers]
    assert printed and all(p.lstrip("^").startswith(("[", "［")) for p in printed)
