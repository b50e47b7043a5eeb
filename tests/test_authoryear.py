"""Author-year citations in other languages and forms, each quoted from a real article of
tests/data/wild2 (ABNT, botanical, Harvard, Wiley ecology), resolved against small lists of
its own entries."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citelink.graph.lint import lint
from citelink.model import Author, Reference
from citelink.parse.article import parse_article
from citelink.parse.authoryear import AuthorYearIndex, find_citations
from citelink.parse.references import parse_reference_list


def ref(
    n: int,
    *families: str,
    year: int | None,
    raw: str = "",
    suffix: str | None = None,
    et_al: bool = False,
) -> Reference:
    authors = tuple(Author(f, "A") for f in families)
    return Reference(
        n=n,
        raw=raw or f"{', '.join(families)} ({year}{suffix or ''}) Title. Journal 1: 1-2.",
        authors=authors,
        year=year,
        year_suffix=suffix,
        et_al=et_al,
        number_printed=False,
    )


LIST = AuthorYearIndex(
    [
        ref(1, "SILVA", "RESCK", "SHARMA", year=2002),
        ref(2, "LEMAINSKI", "DA SILVA", year=2006),
        ref(3, "BAKHTIN", year=1988),
        ref(4, "BAKHTIN", year=2008),
        ref(5, "GLUCKSMANN", year=1982),
        ref(6, "Daehler", "Strong", year=1997),
        ref(7, "Ayres", "Garcia-Rossi", "Davis", year=1999),
        ref(8, "Ayres", "Smith", "Zaremba", year=2003),
        ref(9, "Leite", year=2007),
        ref(10, "Chaves", year=2013),
        ref(11, "Hitchcock", year=1935),
        ref(12, "Kharpal", year=2023),
        ref(13, "FURTINI NETO", "VALE", "RESENDE", year=2001),
        ref(14, "Prochnow", "Alcarde", "Chien", year=2004),
        ref(15, "Hoffmann", "Montgomery", "Popovici", year=2011),
        ref(16, "Ainouche", "Baumel", year=2004, suffix="a"),
        ref(17, "Ainouche", "Baumel", year=2004, suffix="b"),
        ref(18, "EMPRESA BRASILEIRA DE PESQUISA AGROPECUÁRIA (EMBRAPA)", year=1997),
        ref(19, "NBS – National Bureau of Statistics of China", year=2013),
        ref(20, "SAFFIOTI", year=2015),
        ref(
            21,
            year=2014,
            raw="AEA manifestó su “grave preocupación” por el proyecto de Ley. Clarín, 2014.",
        ),
        ref(22, year=1812, raw="RELATÓRIO do marquês de Lavradio. Rio de Janeiro, 1812."),
        ref(23, "Anonymous", year=None, raw="Anonymous (no date) Spartina. Web page."),
        ref(24, "Zhang", "Li", year=2019),
        ref(25, "Instituto Nacional de Estudos e Pesquisas Educacionais", year=2024, suffix="a"),
        ref(26, "Cawley", "Martin", "Johnson", year=2000),
        ref(27, "Jones", year=2001, raw="Jones, A. (2001). A first study."),
        ref(28, "Jones", year=2001, raw="Jones, B. (2001). A second study."),
        ref(29, "Müller", "Schmidt", year=2001),
        ref(30, "García", "López", year=2005),
        ref(31, "Dupont", "Martin", year=1999),
        ref(32, "Souza", "Lima", "Reis", year=2010),
        ref(33, "de Vries", year=2012),
        ref(34, "王", "李", "赵", year=2018),
        ref(35, "Иванов", "Петров", "Сидоров", year=2010),
        ref(36, "INSTITUTO NACIONAL DE ESTUDOS E PESQUISAS EDUCACIONAIS", year=2023),
    ]
)


def cites(text: str) -> list[tuple[str, tuple[int, ...]]]:
    return [(m.printed, m.refs) for m in find_citations(text, LIST)]


@pytest.mark.parametrize(
    ("text", "printed", "refs"),
    [
        # ABNT: semicolons between authors and between works
        ("solo (SILVA; RESCK; SHARMA, 2002).", "(SILVA; RESCK; SHARMA, 2002)", (1,)),
        (
            "no Brasil (SILVA; RESCK; SHARMA, 2002; LEMAINSKI; DA SILVA, 2006).",
            "(SILVA; RESCK; SHARMA, 2002; LEMAINSKI; DA SILVA, 2006)",
            (1, 2),
        ),
        # original years and locators
        ("(BAKHTIN, 1988 [1975], 2008 [1963])", "(BAKHTIN, 1988 [1975], 2008 [1963])", (3, 4)),
        ("(GLUCKSMANN, 1982, p. 97)", "(GLUCKSMANN, 1982, p. 97)", (5,)),
        ("(Kharpal, 2023, n.p.)", "(Kharpal, 2023, n.p.)", (12,)),
        # botanical: no comma before the year, commas between works
        (
            "(Daehler and Strong 1997, Ayres et al. 1999, 2003)",
            "(Daehler and Strong 1997, Ayres et al. 1999, 2003)",
            (6, 7, 8),
        ),
        ("confirmed (Leite 2007).", "(Leite 2007)", (9,)),
        ("Hitchcock 1935:492, for the type.", "Hitchcock 1935:492", (11,)),
        # narrative forms and connectors in other languages
        ("Segundo Chaves (2013, p. 50), o", "Chaves (2013, p. 50)", (10,)),
        ("conforme Prochnow, Alcarde e Chien (2004).", "Prochnow, Alcarde e Chien (2004)", (14,)),
        ("as Hoffmann et al. (2011) showed", "Hoffmann et al. (2011)", (15,)),
        ("(FURTINI NETO et al., 2001)", "(FURTINI NETO et al., 2001)", (13,)),
        ("(Ainouche et al. 2004a, 2004b)", "(Ainouche et al. 2004a, 2004b)", (16, 17)),
        ("Zhang 等 (2019) 报告", "Zhang 等 (2019)", (24,)),
        # corporate authors by their short names, authorless entries by title words
        ("conforme Embrapa (1997).", "Embrapa (1997)", (18,)),
        ("NBS (2013) reports", "NBS (2013)", (19,)),
        ("(Inep, 2024a)", "(Inep, 2024a)", (25,)),
        ("(INEP, 2023)", "(INEP, 2023)", (36,)),
        ("un comunicado ( AEA…, 2014 ).", "( AEA…, 2014 )", (21,)),
        ("(Relatório..., 1812)", "(Relatório..., 1812)", (22,)),
        ("(e.g., Anonymous no date)", "(e.g., Anonymous no date)", (23,)),
    ],
)
def test_forms(text: str, printed: str, refs: tuple[int, ...]) -> None:
    assert cites(text) == [(printed, refs)]


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("(Müller und Schmidt 2001)", (29,)),
        ("(García y López, 2005)", (30,)),
        ("(Dupont et Martin, 1999)", (31,)),
        ("(Dupont & Martin, 1999)", (31,)),
        ("(Souza e col., 2010)", (32,)),
        ("(SOUZA; LIMA; REIS, 2010)", (32,)),
        ("como mostram de Vries (2012)", (33,)),
        ("(De Vries, 2012)", (33,)),
        ("Leite's (2007) study", (9,)),
        ("as Hoffmann et al.'s (2011) data show", (15,)),
        ("(Ainouche et al. 2004a,b)", (16, 17)),
        ("Ainouche et al. (2004a, b)", (16, 17)),
        ("研究表明（王等，2018）。", (34,)),
        ("王等（2018）指出", (34,)),
        ("(Иванов и др., 2010)", (35,)),
        ("(Dupont et Martin, 1999 ; Souza et coll., 2010)", (31, 32)),
    ],
)
def test_connectors_of_other_languages(text: str, refs: tuple[int, ...]) -> None:
    assert [r for _, r in cites(text)] == [refs]


def test_case_and_accents_do_not_matter() -> None:
    assert cites("(Silva; Resck; Sharma, 2002)")[0][1] == (1,)
    assert cites("(FÜRTINI NETO et al., 2001)")[0][1] == (13,)


def test_narrative_citations_joined_by_a_comma_are_one() -> None:
    assert cites("see Leite (2007), Chaves (2013) for this") == [
        ("Leite (2007), Chaves (2013)", (9, 10))
    ]


def test_words_or_a_locator_between_works_end_a_citation() -> None:
    text = "(e.g., Leite 2007; Chaves 2013 onwards; see Hitchcock 1935)"
    assert [r for _, r in cites(text)] == [(9, 10), (11,)]
    text = "(Leite, 2007; Kharpal, 2023, p.23-50; Chaves, 2013)"
    assert [r for _, r in cites(text)] == [(9, 12), (10,)]


def test_a_work_missing_from_the_list_stands_alone_and_is_reported() -> None:
    markers = find_citations("(e.g., Leite 2007, Howard et al. 1989, Chaves 2013)", LIST)
    assert [m.refs for m in markers] == [(9,), (), (10,)]
    assert markers[1].problems == ("'Howard et al. 1989' matches no entry",)


def test_ambiguity_is_reported_not_guessed() -> None:
    (marker,) = find_citations("(Jones 2001)", LIST)
    assert marker.refs == ()
    assert marker.problems == ("'Jones 2001' matches entries [27], [28]",)


def test_a_known_author_under_another_year_is_not_linked() -> None:
    (marker,) = find_citations("(Chaves, 2015)", LIST)
    assert marker.refs == () and "matches no entry" in marker.problems[0]


def test_a_misspelt_name_is_linked_with_a_note() -> None:
    (marker,) = find_citations("(SAFIOTTI, 2015)", LIST)
    assert marker.refs == (20,)
    assert marker.problems == ("'SAFIOTTI, 2015' is read as [20]: a misspelt name",)


def test_life_dates_and_prose_are_not_citations() -> None:
    assert cites("o doutor José Henriques Ferreira (1740-1780) ajudou") == []
    assert cites("Em 1772, o doutor chegou. In 2003, the trial ended (n = 12).") == []


def test_place_names_before_the_names_are_skipped() -> None:
    assert cites("(Tasmania, Victoria, Leite 2007)")[0][1] == (9,)


def test_misprinted_citation_is_a_lint_finding() -> None:
    text = (
        "Introduction\nViolence is structural (SAFIOTTI, 2015). Later work agreed "
        "(SAFFIOTI, 2015).\n\nReferências\n"
        "SAFFIOTI, H. Gênero, patriarcado, violência. São Paulo: Fundação Perseu Abramo, 2015.\n"
        "LOURO, G. L. Gênero, história e educação. Educação & Realidade, v. 20, n. 2, 1995.\n"
    )
    findings = [f for f in lint(parse_article(text)) if f.code == "misprinted-citation"]
    assert len(findings) == 1 and "SAFIOTTI" in findings[0].message


def test_hostile_runs_of_name_words_are_read_quickly() -> None:
    # Each of these made the name patterns backtrack exponentially before particles were
    # made lower-case only; they now return at once (no timing asserted: a regression hangs).
    for words in ("De", "de A", "Van der", "A."):
        text = "(" + " ".join([words] * 60) + " x 2003)"
        assert find_citations(text, LIST) == ()


def test_sources_cited_by_name_and_date() -> None:
    index = AuthorYearIndex(
        [
            ref(1, "El Cronista", year=None, raw="El Cronista, 24/5/17 falta referencia"),
            ref(2, "El Cronista", year=None, raw="El Cronista, 13/5/16 falta referencia"),
            ref(3, year=None, raw="IDEA, 2015 falta referencia"),
        ]
    )
    found = find_citations("desde el campo ( El Cronista, 24/5/17 ) y (IDEA, 2015).", index)
    assert [m.refs for m in found] == [(1,), (3,)]
    assert find_citations("(El Cronista, 1/1/19)", index) == ()


def test_title_words_match_whole_words_only() -> None:
    index = AuthorYearIndex(
        [
            ref(1, year=2003, raw="INSTITUTO Nacional de Estudos. Censo escolar. Brasília, 2003."),
            ref(2, year=1812, raw="RELATÓRIO do marquês de Lavradio. Rio de Janeiro, 1812."),
        ]
    )
    assert find_citations("In 2003, the census (In 2003) changed.", index) == ()
    assert [m.refs for m in find_citations("(INSTITUTO, 2003; Relat..., 1812)", index)] == [(1, 2)]


def test_a_place_before_a_name_is_not_a_corporate_author() -> None:
    index = AuthorYearIndex(
        [
            ref(1, "Environment Canada", year=2010),
            ref(2, "Williams", year=2004),
        ]
    )
    text = "fertile pollen [Canada, British Columbia, Williams 2004-3 (CAN)]"
    assert [m.refs for m in find_citations(text, index)] == [(2,)]
    assert [m.refs for m in find_citations("(Environment Canada, 2010)", index)] == [(1,)]


def test_the_name_as_printed_comes_before_its_last_word() -> None:
    index = AuthorYearIndex(
        [
            ref(1, "ACOSTA-PEREIRA", "RODRIGUES", year=2010),
            ref(2, "ACOSTA PEREIRA", "OLIVEIRA", year=2020),
        ]
    )
    text = "Para Acosta-Pereira e Oliveira (2020, p.247), o conteúdo"
    assert [(m.printed, m.refs) for m in find_citations(text, index)] == [
        ("Acosta-Pereira e Oliveira (2020, p.247)", (2,))
    ]


def test_the_original_year_tells_two_works_of_one_year_apart() -> None:
    works = AuthorYearIndex(
        [
            replace(ref(1, "BAKHTIN", year=2011), original_year=1979),
            replace(ref(2, "BAKHTIN", year=2011), original_year=1954),
        ]
    )
    (marker,) = find_citations("Como diz (BAKHTIN, 2011 [1954-1961], 2011 [1979]).", works)
    assert marker.refs == (2, 1)
    (plain,) = find_citations("Como diz (BAKHTIN, 2011).", works)
    assert plain.refs == ()  # printed without it, either could be meant


def test_a_year_with_two_digits_swapped_is_read_and_reported() -> None:
    works = AuthorYearIndex(
        [
            ref(1, "Marchant", year=1963),
            ref(2, "Marchant", year=1968, suffix="a"),
            ref(3, "Marchant", year=1968, suffix="b"),
        ]
    )
    markers = find_citations("All are polyploids (e.g., Marchant 1963, 1986b).", works)
    assert [n for m in markers for n in m.refs] == [1, 3]
    assert any("swapped" in p for m in markers for p in m.problems)
    # Another year of a known author is never guessed.
    assert not [n for m in find_citations("As shown (Marchant 1971).", works) for n in m.refs]


def test_narrative_citations_with_given_names_are_one_citation() -> None:
    works = AuthorYearIndex(
        [
            ref(1, "BAKHTIN", year=1988),
            ref(2, "MEDVIÉDEV", year=2019),
            ref(3, "VOLÓCHINOV", year=2013),
        ]
    )
    text = (
        "Três autores do Círculo: Mikhail M. Bakhtin (1988), Valentin N. Volóchinov (2013) "
        "e Pavel N. Medviédev (2019)."
    )
    assert [m.refs for m in find_citations(text, works)] == [(1, 3), (2,)]


@pytest.mark.parametrize(
    "text",
    [
        "Bu çalışma (Yilmaz ve ark., 2010) gösterdi.",
        "Penelitian ini (Yilmaz dkk., 2010) menunjukkan.",
        "Yilmaz dkk. (2010) menunjukkan.",
        "Como mostró Yilmaz y cols. (2010) en su trabajo.",
    ],
)
def test_et_al_in_more_languages(text: str) -> None:
    works = AuthorYearIndex([ref(1, "Yilmaz", "Demir", "Kaya", year=2010)])
    assert [m.refs for m in find_citations(text, works)] == [(1,)]


def test_co_workers_and_an_organisation_printed_with_its_title() -> None:
    """EHP 2008 as Springer physics prints its list: "Schriks and co-workers (2007)" is
    Schriks et al.; "(National Center for Biotechnology Information 2008)" names the
    entry "National Center for Biotechnology Information, GenBank Overview (2008)."."""
    text = (
        "Title\n\nIntroduction\n"
        "Yet Schriks and co-workers (2007) found a hydroxylated form. Sequences were taken "
        "from GenBank (National Center for Biotechnology Information 2008).\n\n"
        "References\n"
        "National Center for Biotechnology Information, GenBank Overview (2008).\n"
        "M. Schriks, J.M. Roessig, A.J. Murk, Thyroid hormone receptor isoform selectivity. "
        "Environ Toxicol Chem 26, 2545 (2007).\n"
    )
    article = parse_article(text)
    assert article.references[0].authors[0].family == (
        "National Center for Biotechnology Information"
    )
    cites = [(m.printed, m.refs) for s in article.claims for m in s.markers]
    assert cites == [
        ("Schriks and co-workers (2007)", (2,)),
        ("(National Center for Biotechnology Information 2008)", (1,)),
    ]


def test_a_generational_suffix_the_entry_prints_apart() -> None:
    """A cited name with a suffix ("FURTINI NETO et al., 2001") for an entry whose
    surname is printed without it (NLM prints "Furtini AE Neto"; some lists drop it)."""
    index = AuthorYearIndex([ref(1, "FURTINI", "VALE", year=2001), ref(2, "NETO", year=2001)])
    cites = [m.refs for m in find_citations("solo (FURTINI NETO et al., 2001).", index)]
    assert cites == [(1,)]
    # the suffix alone still names its own entry
    assert [m.refs for m in find_citations("visto (NETO, 2001).", index)] == [(2,)]


def test_natbib_square_brackets_narrative_and_parenthetical() -> None:
    """natbib with square brackets (CS and OR preprints): ``Lewis and Paechter [2007]``,
    ``Lewis et al. [2007, §3]``, ``[see Müller and Murray, 2010]``; a year in brackets
    after a year is still an original year, no citation."""
    works = AuthorYearIndex(
        [
            ref(1, "Lewis", "Paechter", year=2007),
            ref(2, "Lewis", "Paechter", "McCollum", year=2007),
            ref(3, "Müller", "Murray", year=2010),
            ref(4, "Johnson", year=2002),
            ref(5, "BAKHTIN", year=1988),
        ]
    )

    def got(text: str) -> list[tuple[str, tuple[int, ...]]]:
        return [(m.printed, m.refs) for m in find_citations(text, works)]

    assert got("introduced by Lewis and Paechter [2007] with") == [
        ("Lewis and Paechter [2007]", (1,))
    ]
    assert got("found in the work by Lewis et al. [2007, §3].") == [
        ("Lewis et al. [2007, §3]", (2,))
    ]
    assert got("called by Johnson [2002] a horse race.") == [("Johnson [2002]", (4,))]
    assert got("sectioning [see Müller and Murray, 2010] and") == [
        ("[see Müller and Murray, 2010]", (3,))
    ]
    assert got("Johnson [2002], Lewis and Paechter [2007] agree") == [
        ("Johnson [2002], Lewis and Paechter [2007]", (4, 1))
    ]
    assert got("(BAKHTIN, 1988 [1975])") == [("(BAKHTIN, 1988 [1975])", (5,))]


def test_an_unmatched_narrative_citation_is_reported_by_its_names_alone() -> None:
    (marker,) = find_citations("proposed by Di Gaspero and Schaerf (2003) again", LIST)
    assert marker.refs == ()
    assert marker.problems == ("'Di Gaspero and Schaerf (2003' matches no entry",)


def test_names_with_combining_accents_in_the_text_match_their_entries() -> None:
    """pdftotext writes "Mu\u0308ller" (a letter and a combining mark) and TeX's
    "Melı\u0301cio" (a dotless i): read as "Müller" and "Melício" in the body too."""
    text = (
        "Title\n\nIntroduction\n\nSectioning was solved [Mu\u0308ller and Murray, 2010] and "
        "exams by Leite and Melı\u0301cio [2019].\n\nReferences\n\n"
        "Tomáš Müller and Keith Murray. Comprehensive approach to student sectioning. Annals "
        "of Operations Research, 181(1):249–269, 2010.\n"
        "Nuno Leite and Fernando Melício. A fast threshold acceptance algorithm. Journal of "
        "Scheduling, 22(3):323–363, 2019.\n"
    )
    article = parse_article(text)
    assert [m.refs for s in article.sentences for m in s.markers] == [(1,), (2,)]


def test_letters_a_list_does_not_print_follow_its_order() -> None:
    """abntex2 cites "Araujo (2015b)" but prints no letters in its list: the letters are
    the author's entries of that year in the order the list prints them. When the list
    does print letters, only they count."""
    works = AuthorYearIndex(
        [ref(1, "ARAUJO", year=2012), ref(2, "ARAUJO", year=2015), ref(3, "ARAUJO", year=2015),
         ref(4, "ARAUJO", year=2015)]
    )
    markers = find_citations("Consulte Araujo (2015b) e (ARAUJO, 2015a; ARAUJO, 2015c).", works)
    assert [m.refs for m in markers] == [(3,), (2, 4)]
    assert find_citations("Veja (ARAUJO, 2015d).", works)[0].refs == ()
    (lettered,) = find_citations("(Ainouche et al. 2004b)", LIST)
    assert lettered.refs == (17,)


def test_a_family_name_with_a_capital_particle_is_cited_without_it() -> None:
    """ACM prints "Matthew Van Gundy" in the list and cites "[Gundy et al. 2007]"."""
    works = AuthorYearIndex([ref(1, "Van Gundy", "Balzarotti", "Vigna", year=2007),
                             ref(2, "Environment Canada", year=2007)])
    assert [m.refs for m in find_citations("worms [Gundy et al. 2007].", works)] == [(1,)]
    assert [m.refs for m in find_citations("[Van Gundy et al. 2007]", works)] == [(1,)]
    # a place in a corporate name is still no citation of it
    assert not [n for m in find_citations("(Canada 2007)", works) for n in m.refs]


def test_a_family_name_with_an_elided_particle_is_cited() -> None:
    works = AuthorYearIndex([ref(1, "Koenker", "d’Orey", year=1987), ref(2, "d’Orey", year=1999)])
    text = "as shown (Koenker and d’Orey 1987). Later, d’Orey (1999) and (d’Orey, 1999) agree."
    assert [m.refs for m in find_citations(text, works)] == [(1,), (2,), (2,)]


def test_a_formula_before_a_narrative_citation_ends_the_search_for_its_names() -> None:
    """"the test T(x) of Zeileis (2008)": a bracket after an initial-like capital once sent
    the search for the names before "(2008)" round for ever."""
    works = AuthorYearIndex([ref(1, "Hothorn", year=2006), ref(2, "Zeileis", year=2008)])
    for text in ("the test T(x) of Zeileis (2008)", "the function ctree(Y ~ X) of Zeileis (2008)"):
        assert [m.refs for m in find_citations(text, works)] == [(2,)]


def test_an_empty_name_between_commas_is_skipped() -> None:
    """BibTeX prints an empty author as ", ," in the list and in the citation."""
    (entry,) = parse_reference_list(
        ["References", "Clauset A, Shalizi CR, , Newman MEJ (2009). “Power-Law Distributions "
         "in Empirical Data.” SIAM Review, 51(4), 661–703."]
    ).references
    assert [a.family for a in entry.authors] == ["Clauset", "Shalizi", "Newman"]
    works = AuthorYearIndex([entry, ref(2, "Newman", year=2005)])
    text = "(see Clauset, Shalizi, , and Newman (2009)) and (Clauset, Shalizi, , Newman 2009)."
    assert [m.refs for m in find_citations(text, works)] == [(1,), (1,)]


def test_works_of_the_same_first_authors_and_year_are_told_apart_by_the_next_name() -> None:
    """APA cites every name the first time ("Hayward, Firsching, and Brown (1999)") or
    as many as tell two works apart ("Bradley, Soo, et al., 1994")."""
    works = AuthorYearIndex([
        ref(1, "Hayward", "Firsching", "Brown", year=1999),
        ref(2, "Hayward", "Firsching", "Smigel", year=1999),
        ref(3, "Bradley", "Ramirez", "Soo", year=1994),
        ref(4, "Bradley", "Soo", "Ramirez", "Brown", year=1994),
    ])
    text = (
        "Hayward, Firsching, and Brown (1999) and (Hayward, Firsching, & Smigel, 1999) differ "
        "from (Bradley, Soo, et al., 1994), but not (Hayward et al., 1999)."
    )
    assert [m.refs for m in find_citations(text, works)] == [(1,), (2,), (4,), ()]


_BIBLIOGRAPHY = "\n".join(
    f"{name}, {given}. Title of a book {k}. City: Press, {1990 + k}."
    for k, (name, given) in enumerate(
        [("Adorno", "Theodor"), ("Amlen", "Deb"), ("Angle", "Paul"), ("Ashbrook", "James"),
         ("Auden", "Wystan"), ("Babb", "Florence"), ("Barnes", "Julian"), ("Cook", "Mary"),
         ("Davis", "Lydia"), ("Eliot", "George")]
    )
)


def test_an_unnumbered_alphabetical_bibliography_takes_no_numbers_as_citations() -> None:
    """Chicago notes: the raised numbers are the notes; the bibliography is no list of
    entries by position (note 5 is not its fifth entry). A numbered list whose numbers
    were lost runs in citation order, and its raised numbers still cite it."""
    text = (
        "Title\n\nIntroduction\n\nAs argued at length,^[1] the point stands.^[5] So it goes "
        "(Babb, 1995).\n\nBibliography\n\n" + _BIBLIOGRAPHY + "\n"
    )
    article = parse_article(text)
    assert [m.refs for s in article.sentences for m in s.markers] == [(6,)]
    lines = _BIBLIOGRAPHY.split("\n")
    lost = "\n".join(lines[k] for k in (5, 2, 8, 0, 9, 3, 7, 1, 6, 4))  # in citation order
    numbered = parse_article(text.replace(_BIBLIOGRAPHY, lost).replace(" (Babb, 1995)", ""))
    assert [m.refs for s in numbered.sentences for m in s.markers] == [(1,), (5,)]
