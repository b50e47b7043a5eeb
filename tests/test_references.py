from __future__ import annotations

import pytest

from citelink.errors import NoReferencesError
from citelink.model import Article, Author
from citelink.parse.references import (
    find_reference_section,
    is_reference_heading,
    parse_entry,
    parse_reference_list,
)

# (n, first author family, year, volume, issue, pages) as printed in refs/article.txt,
# transcribed by hand for the entries that exercise a particular kind of damage.
BUNDLED_KEY = [
    (1, "Petersen", 1999, "284", "5417", "1168-1170"),  # lost [n]
    (3, "Alison", 2000, "406", "6793", "257"),  # single page, inline DOI
    (4, "Korbling", 2002, "346", "10", "738-746"),
    (12, "Taniguchi", 2006, "130", "2", "521-531"),  # split over two lines, en-dash
    (13, "Lou", 2017, "49", "6", None),  # no pages, DOI
    (18, "Zhang", 2012, "27", "Suppl 2", "S112-S120"),  # supplement
    (21, "El-Ansary", 2012, "8", "3", "972-981"),
    (30, "Lyra", 2010, "22", "1", "33-42"),
    (32, "Cai", 2015, "21", None, "1381-1386"),  # no issue
    (33, "Kharazia", 2009, "21", "10", "1199-1205"),
    (37, "Lanthier", 2017, "8", "1", "88"),  # article number
    (42, "Wang", 2013, "28", "Suppl 1", "S85-S92"),
    (43, "Mohamadnejad", 2013, "33", "10", "1490-1496"),
]

def _openings(lines: list[str]) -> list[tuple[str, int | None]]:
    """Each entry read from the lines: its first author's family name and its year."""
    return [(r.authors[0].family, r.year) for r in parse_reference_list(lines).references]



def test_bundled_article_has_43_references_numbered_in_order(bundled: Article) -> None:
    assert [r.n for r in bundled.references] == list(range(1, 44))
    assert all(r.type == "article" for r in bundled.references)
    assert all(r.authors and r.year and r.volume and r.journal for r in bundled.references)


@pytest.mark.parametrize(("n", "family", "year", "volume", "issue", "pages"), BUNDLED_KEY)
def test_bundled_fields_as_printed(
    bundled: Article,
    n: int,
    family: str,
    year: int,
    volume: str,
    issue: str | None,
    pages: str | None,
) -> None:
    ref = bundled.reference(n)
    assert ref is not None
    assert ref.authors[0].family == family
    assert (ref.year, ref.volume, ref.issue, ref.pages) == (year, volume, issue, pages)


def test_lost_numbers_are_recovered_and_reported(bundled: Article) -> None:
    printed = [r.n for r in bundled.references if r.number_printed]
    assert printed == list(range(13, 44))
    assert bundled.warnings == ("references 1–12 have no printed number; numbered by position",)


def test_split_entry_is_one_entry_with_raw_joined(bundled: Article) -> None:
    ref = bundled.reference(12)
    assert ref is not None
    assert ref.title == (
        "Endothelial progenitor cell transplantation improves the survival following liver "
        "injury in mice"
    )
    assert ref.journal == "Gastroenterology"
    assert ref.raw.startswith("Taniguchi E, Kin M, Torimura T, et al. Endothelial progenitor cell ")
    assert "*Gastroenterology*" in ref.raw  # raw is as printed


def test_dois_only_where_printed(bundled: Article) -> None:
    dois = {r.n: r.doi for r in bundled.references if r.doi}
    assert dois == {
        3: "10.1038/35018642",
        13: "10.1038/emm.2017.63",
        14: "10.1186/s13287-017-0524-3",
        37: "10.1186/s13287-017-0541-2",
    }


def test_vancouver_list_numbered_with_points(vancouver: Article) -> None:
    assert [r.n for r in vancouver.references] == list(range(1, 12))
    assert vancouver.warnings == ()
    first = vancouver.references[0]
    assert first.authors == (Author("Bernal", "W"), Author("Wendon", "J"))
    assert (first.title, first.journal, first.year) == ("Acute liver failure", "N Engl J Med", 2013)
    assert (first.volume, first.issue, first.pages) == ("369", "26", "2525-34")
    assert first.doi == "10.1056/NEJMra1208937"
    fox = vancouver.reference(5)
    assert fox is not None and (fox.volume, fox.issue, fox.pages) == ("4", "Suppl 6", "7-13")
    brown = vancouver.reference(6)
    assert brown is not None and brown.pages == "e1-e5"


def test_wrapped_year_line_is_not_a_label(vancouver: Article) -> None:
    chapter = vancouver.reference(7)
    assert chapter is not None
    assert chapter.type == "chapter"
    assert chapter.booktitle == "The genetic basis of human cancer"
    assert chapter.editors == (Author("Vogelstein", "B"), Author("Kinzler", "KW"))
    assert (chapter.place, chapter.publisher, chapter.year, chapter.pages) == (
        "New York",
        "McGraw-Hill",
        2002,
        "93-113",
    )


def test_book_entry(vancouver: Article) -> None:
    book = vancouver.reference(9)
    assert book is not None
    assert (book.type, book.title, book.edition) == ("book", "Medical microbiology", "4th ed.")
    assert (book.place, book.publisher, book.year) == ("St. Louis", "Mosby", 2002)


def test_bracketed_multiline_gbt_entries(bracketed: Article) -> None:
    refs = {r.n: r for r in bracketed.references}
    assert sorted(refs) == list(range(1, 8))
    assert refs[1].authors == (Author("王", "福生"), Author("施", "明"))
    assert (refs[1].journal, refs[1].volume, refs[1].issue, refs[1].pages) == (
        "中华肝脏病杂志",
        "23",
        "1",
        "1-5",
    )
    assert refs[3].title == "Liver from bone marrow in humans"
    assert (refs[3].volume, refs[3].issue, refs[3].pages) == ("32", "1", "11-16")
    assert refs[4].et_al and refs[4].issue == "Suppl 2" and refs[4].pages == "S45-S48"
    assert refs[4].doi == "10.3760/cma.j.issn.0376-2491.2012.02.001"
    assert refs[5].type == "chapter" and refs[5].booktitle == "植物科学进展"
    assert refs[5].editors == (Author("李", "承森"),)
    assert (refs[5].place, refs[5].publisher, refs[5].pages) == (
        "北京",
        "高等教育出版社",
        "146-163",
    )
    assert refs[6].title is not None and refs[6].title.endswith("gene expression patterns?")
    assert refs[7].type == "book" and refs[7].publisher == "中华书局"


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "REFERENCES",
        "【参考文献】",
        "参考文献：",
        "7 References",
        "VII. REFERENCES",
        "Literature Cited",
        "## Bibliography",
        "References and Notes",
        "參考文獻",
        "Källförteckning",
        "Použitá literatura",
    ],
)
def test_reference_headings(heading: str) -> None:
    assert is_reference_heading(heading)


@pytest.mark.parametrize("line", ["Referenced works are below.", "1. Introduction", "Methods"])
def test_not_reference_headings(line: str) -> None:
    assert not is_reference_heading(line)


def test_a_heading_misprinted_by_a_letter_is_found_when_no_other_is() -> None:
    entries = ["1. Upadhyay VB. Effect of factors. Malays Appl Biol. 2004;33:13-18."]
    assert find_reference_section(["Body text.", "REFFERENCES", *entries]) == 1
    assert find_reference_section(["Body.", "Refernces", *entries]) == 1
    # a heading printed right wins; words a letter away from one are no headings
    assert find_reference_section(["Referneces", "x", "References", *entries]) == 2
    assert not is_reference_heading("REFFERENCES")
    for word in ("Preferences", "Inferences", "referencing"):
        assert find_reference_section(["Body.", word, *entries]) != 1


def test_last_heading_with_entries_wins() -> None:
    lines = [
        "Contents",
        "References",
        "1 Intro",
        "Text.",
        "References",
        "1. Doe J. T. X. 2001;1:1.",
    ]
    assert find_reference_section(lines) == 4


@pytest.mark.parametrize(
    "entry",
    [
        "1) Doe J, Roe R. A title. J Biol. 2001;12(3):45-50.",
        "(1) Doe J, Roe R. A title. J Biol. 2001;12(3):45-50.",
        "1 Doe J, Roe R. A title. J Biol. 2001;12(3):45-50.",
        "- [1] Doe J, Roe R. A title [J]. J Biol, 2001, 12(3): 45-50.",
        "［1］Doe J, Roe R. A title [J]. J Biol, 2001, 12(3): 45-50.",
    ],
)
def test_label_styles(entry: str) -> None:
    refs = parse_reference_list(["References", entry, entry.replace("1", "2", 1)]).references
    assert [r.n for r in refs] == [1, 2]
    assert refs[0].authors[0] == Author("Doe", "J")
    assert (refs[0].year, refs[0].volume, refs[0].issue, refs[0].pages) == (
        2001,
        "12",
        "3",
        "45-50",
    )


def test_unlabelled_entries_are_split_by_shape() -> None:
    lines = [
        "References",
        "Doe J, Roe R. First title that wraps",
        "onto a second line. J Biol. 2001;12(3):45-50.",
        "Poe E. Second title. Am J Med. 2003;5:1-2.",
    ]
    result = parse_reference_list(lines)
    assert [r.authors[0].family for r in result.references] == ["Doe", "Poe"]
    assert result.references[0].title == "First title that wraps onto a second line"
    assert result.warnings == ("references 1–2 have no printed number; numbered by position",)


def test_sequence_gaps_are_reported() -> None:
    lines = ["References", "[1] Doe J. A. J B. 2001;1:1.", "[3] Roe R. B. J C. 2002;2:2."]
    assert parse_reference_list(lines).warnings == ("reference list jumps from 1 to 3 (line 3)",)


def test_no_reference_section_is_an_error() -> None:
    with pytest.raises(NoReferencesError, match="no reference list found"):
        parse_reference_list(["Just a paragraph.", "Another."])


def test_heading_without_entries_is_an_error() -> None:
    with pytest.raises(NoReferencesError, match="has no entries"):
        parse_reference_list(["Text.", "References", "", "  "])


def test_strange_entry_keeps_raw_text() -> None:
    ref = parse_entry("see the supplementary material online", 4)
    assert ref.raw == "see the supplementary material online"
    assert ref.n == 4 and ref.authors == () and ref.year is None


def test_harvard_entry_is_not_mangled() -> None:
    ref = parse_entry(
        "Smith, J. A., & Jones, B. (2010). Liver regeneration. Journal of Hepatology, "
        "52(3), 345-356.",
        1,
    )
    assert ref.authors == (Author("Smith", "J. A."), Author("Jones", "B."))
    assert (ref.year, ref.title, ref.journal) == (
        2010,
        "Liver regeneration",
        "Journal of Hepatology",
    )
    assert (ref.volume, ref.issue, ref.pages) == ("52", "3", "345-356")


def test_ieee_entry() -> None:
    ref = parse_entry(
        'A. Smith, B. Jones, and C. Brown, "Liver regeneration after hepatectomy," '
        "J. Hepatol., vol. 52, no. 3, pp. 345–356, 2010, doi: 10.1016/j.jhep.2010.01.001.",
        1,
    )
    assert [a.family for a in ref.authors] == ["Smith", "Jones", "Brown"]
    assert ref.title == "Liver regeneration after hepatectomy"
    assert (ref.journal, ref.year, ref.volume, ref.issue, ref.pages) == (
        "J. Hepatol",
        2010,
        "52",
        "3",
        "345-356",
    )
    assert ref.doi == "10.1016/j.jhep.2010.01.001"


def test_web_entry_keeps_url() -> None:
    ref = parse_entry(
        "国家卫生健康委员会. 干细胞临床研究管理办法[EB/OL]. (2015-07-20)[2021-03-04]. "
        "http://www.nhc.gov.cn/example.shtml.",
        2,
    )
    assert ref.type == "web" and ref.year == 2015
    assert ref.url == "http://www.nhc.gov.cn/example.shtml"
    assert ref.title == "干细胞临床研究管理办法"
    assert ref.authors == (Author("国家卫生健康委员会"),)


def test_gbt_2015_upper_case_names_with_spaced_initials() -> None:
    ref = parse_entry(
        "PETERSEN B E, BOWEN W C, PATRENE K D, et al. Bone marrow as a potential source of "
        "hepatic oval cells[J]. Science, 1999, 284(5417): 1168-1170.",
        1,
    )
    assert ref.authors[:2] == (Author("PETERSEN", "B E"), Author("BOWEN", "W C"))
    assert ref.et_al and ref.title == "Bone marrow as a potential source of hepatic oval cells"


def test_nlm_internet_and_cited_notes_are_dropped() -> None:
    ref = parse_entry(
        "Petersen BE, Bowen WC. Bone marrow. Science [Internet]. 1999 [cited 2020 Jan 1];"
        "284(5417):1168-70. Available from: https://example.org/a",
        1,
    )
    assert (ref.journal, ref.year, ref.volume, ref.issue, ref.pages) == (
        "Science",
        1999,
        "284",
        "5417",
        "1168-70",
    )
    assert ref.url == "https://example.org/a"


@pytest.mark.parametrize(
    ("lines", "ending"),
    [
        (  # the received date and the editor of a Chinese journal
            ["参考文献", "[1] 王福生, 施明. 干细胞[J]. 中华肝脏病杂志, 2015, 23(1): 1-5.",
             "（收稿日期：2020-10-12）", "(本文编辑：张三)"],
            "1-5.",
        ),
        (  # the authors' addresses (JSS)
            ["References",
             "Hartigan PM (1985). “Computation of the Dip Statistic to Test for Unimodality.”",
             "Applied Statistics, 34, 320–325.", "Affiliation:", "Martin Mächler",
             "Seminar für Statistik, HG G 16, ETH Zurich, 8092 Zurich, Switzerland"],
            "34, 320–325.",
        ),
        (  # a copyright line (MDPI)
            ["References",
             "1. Mitchell, W.J. E-Topia; MIT Press: Cambridge, MA, USA, 2000; pp. 118–155.",
             "© 2014 by the authors; licensee MDPI, Basel, Switzerland. This article is an open",
             "access article distributed under the terms of the Creative Commons licence."],
            "pp. 118–155.",
        ),
        (["References", "1. Doe J. A title. J Biol. 2001;1:1-2.", "", "Appendix", "More."],
         "2001;1:1-2."),
    ],
)
def test_what_journals_print_after_the_list_ends_it(lines: list[str], ending: str) -> None:
    (ref,) = parse_reference_list(lines).references
    assert ref.raw.endswith(ending)


# Entry openings and fields in styles met in the wild (issue 13): each case is an entry as
# a real list prints it, with (first author family, year, volume, pages) as printed.
STYLE_CASES = [
    # physics, given names first, no title
    (
        "Z. Chacko, H.-S. Goh, and R. Harnik, Phys. Rev. Lett. 96, 231802 (2006).",
        "Chacko",
        2006,
        "96",
        "231802",
    ),
    ("Hořava P., Phys. Rev. D 79, 084008 (2009).", "Hořava", 2009, "79", "084008"),
    (
        "S. P. Mikheyev and A. Yu. Smirnov, Sov. J. Nucl. Phys. 42, 913 (1985).",
        "Mikheyev",
        1985,
        "42",
        "913",
    ),
    (
        "G. Ferretti, D. Karateev, Fermionic UV completions. JHEP 03, 077 (2014).",
        "Ferretti",
        2014,
        "03",
        "077",
    ),
    # IOP: the date after the names, no title
    ("Dolgov A D 2002 Phys. Rep. 370 333", "Dolgov", 2002, "370", "333"),
    # IOP with titles and no punctuation between title, journal and numbers
    ("Levey A S and Coresh J 2012 Kidney disease Lancet 379 165", "Levey", 2012, "379", "165"),
    (
        "Collins A J, Foley R N et al 2012 United States Renal Data System 2011 Annual Data "
        "Report: Atlas of end-stage renal disease Am J Kidney Dis 59 e1",
        "Collins",
        2012,
        "59",
        "e1",
    ),
    (
        "Robinson A S 2005 Genetic basis of the sterile insect technique Sterile Insect "
        "Technique. Principles and Practice p 95 (Dordrecht: Springer)",  # IOP chapter
        "Robinson",
        2005,
        None,
        "95",
    ),
    (
        "Gooding R H and Krafsur E S 2005 Tsetse genetics: Contributions to biology Annu. Rev. "
        "Entomol. 50 101",
        "Gooding",
        2005,
        "50",
        "101",
    ),
    (
        "Wei Y H and Ma Y S 1998 Oxidative damage to mitochondrial DNA Ann N Y Acad Sci 854 155 . "
        "doi:10.1111/j.1749-6632.1998.tb09899.x. PubMed:",
        "Wei",
        1998,
        "854",
        "155",
    ),
    (
        "Beringer J et al (Particle Data Group) 2012 Phys. Rev. D 86 010001",
        "Beringer",
        2012,
        "86",
        "010001",
    ),
    # IEEE: the year is not in the pages
    (
        "A. Author, “Title,” IEEE Trans. X, vol. 39, no. 7, pp. 1930–1939, 1989.",
        "Author",
        1989,
        "39",
        "1930-1939",
    ),
    # ABNT in capitals, labelled numbers
    (
        "ALBUQUERQUE, J.A.; ALMEIDA, J.A. (2011) Atividades agrícolas. Tópicos em Ciência do "
        "Solo, Viçosa, v. 7, p. 367-403.",
        "ALBUQUERQUE",
        2011,
        "7",
        "367-403",
    ),
    (
        "SILVA, J. M.; RESCK, D. V. S.; SHARMA, R. D. (2002) Título. Revista, v. 3, n. 2, p. 5-9.",
        "SILVA",
        2002,
        "3",
        "5-9",
    ),
    (
        "BRETÓN, A. Antología del humor negro. Barcelona: Anagrama, 2005.",
        "BRETÓN",
        2005,
        None,
        None,
    ),
    (
        "DIAS, Maria Odila da Silva. A interiorização da metrópole. São Paulo: Alameda. 2005.",
        "DIAS",
        2005,
        None,
        None,
    ),
    (
        "FURTINI NETO, A.E.; VALE, F.R.D. (2001) Fertilidade do solo. Lavras: UFLA. 252 p.",
        "FURTINI NETO",
        2001,
        None,
        None,
    ),  # a page count is no volume
    # capitalised Harvard
    (
        "ABD-ALLA, H.A., 2009 [viewed 29 April 2021]. Title of it. Journal 4: 5-6.",
        "ABD-ALLA",
        2009,
        "4",
        "5-6",
    ),
    (
        "SALIM, B., JONES, K. and SUGIMOTO, C., 2011a. Title of it. Journal 3: 4-5.",
        "SALIM",
        2011,
        "3",
        "4-5",
    ),
    # botanical, Wiley, Pensoft
    ("Aguiar, O.T., Pastore, J.A. 2001. Title. Journal 6(2): 1-20.", "Aguiar", 2001, "6", "1-20"),
    (
        "Boyle, L., S. L. O'Neill, and T. L. Karr 1993. Interspecific transfer. Science "
        "260:1796–1799.",
        "Boyle",
        1993,
        "260",
        "1796-1799",
    ),
    (
        "Ainouche ML, Baumel A (2004a) Hybridization. New Phytologist 161: 165-172 doi: "
        "10.1046/j.1469-8137.2003.00926.x",
        "Ainouche",
        2004,
        "161",
        "165-172",
    ),
    # names
    (
        "Agrelos, C. da S. T.; Kassar, M. de. C. M. (2011) Título. Revista, v. 3, p. 5-9.",
        "Agrelos",
        2011,
        "3",
        "5-9",
    ),
    ("Ames, M. C. F. D. C. (2019) Título. Revista, v. 3, p. 5-9.", "Ames", 2019, "3", "5-9"),
    ("Eslam Panah B, Smith J (2012) Title. Journal 3: 4-5.", "Eslam Panah", 2012, "3", "4-5"),
    ("de Vries GJ (2008) Title. Journal 3: 4-5.", "de Vries", 2008, "3", "4-5"),
    ("Kumar, S. and Jones, K. 2001. Title. Journal 3: 4-5.", "Kumar", 2001, "3", "4-5"),
    (
        "VAN DIJK, T. Principles. Discourse e Society, v. 4, n.2, p. 249-283,1993.",
        "VAN DIJK",
        1993,
        "4",
        "249-283",
    ),
    (
        "Scha¨fer, J., and Miklo´si, A´. 2009. Title here. Journal 3: 4-5.",
        "Schäfer",
        2009,
        "3",
        "4-5",
    ),
    # corporate authors keep their heading
    (
        "BLS – US Bureau of Labor Statistics. The employment situation. Washington, D.C.: "
        "Bureau of Labor Statistics, Dec. 2023. Available at: https://www.bls.gov/x.pdf. "
        "Last access: Jan. 14, 2024.",
        "BLS - US Bureau of Labor Statistics",
        2023,
        None,
        None,
    ),
    (
        "WORLD BANK. Global economic prospects. Washington, DC: World Bank, Jun. 2023a.",
        "WORLD BANK",
        2023,
        None,
        None,
    ),
    # Nature style, with and without pages; article numbers; volume ranges
    (
        "Kumar, J. et al. Epigenetic activation. PLoS ONE. 11(2), e0147876 (2016).",
        "Kumar",
        2016,
        "11",
        "e0147876",
    ),
    (
        "Raliya, R. & Tarafdar, C. J. Biosynthesis. Int Nano Lett. 4(93), (2014).",
        "Raliya",
        2014,
        "4",
        None,
    ),
    (
        "Wang, X. et al. Sol-gel process. Materials Science Forum 558–559, 983–986 (2007).",
        "Wang",
        2007,
        "558-559",
        "983-986",
    ),
    (
        "Manke, A. & Wang, L. Mechanisms. BioMed Research International. Article ID 942916 (2013).",
        "Manke",
        2013,
        None,
        "942916",
    ),
    (
        "BFG. 2018. Brazilian Flora 2020: Innovation. Rodriguésia 1513-1527.",
        "BFG",
        2018,
        None,
        "1513-1527",
    ),
    (
        "Ellman, G.L., Andres Jr, V. & Featherstone, R.M. 1961. A new determination. Biochemical "
        "Pharmacology 7: 88-95.",
        "Ellman",
        1961,
        "7",
        "88-95",
    ),
    (
        "Lim, S., Kim, NG. & Kim, H. R. 2019. Evaluation. Food Chemistry 278: 178-184.",
        "Lim",
        2019,
        "278",
        "178-184",
    ),
    # GOST (Cyrillic) and German labels
    (
        "Иванов И. И., Петров П. П. Название статьи // Вестник МГУ. 2010. Т. 5, № 3. С. 10–20.",
        "Иванов",
        2010,
        "5",
        "10-20",
    ),
    ("ИВАНОВ, И. И. Название книги. Москва: Наука, 2005.", "ИВАНОВ", 2005, None, None),
    (
        "Müller, K. (2005). Titel. Zeitschrift für X, 12(3), S. 45–67.",
        "Müller",
        2005,
        "12",
        "45-67",
    ),
    # two-word family names given first, article-number pages, spaced page labels
    (
        "Ferguson, N. M., V. T. Tuan Trung, and J. Popovici 2015. Modeling the impact. Science "
        "Translational Medicine 7:279ra37.",
        "Ferguson",
        2015,
        "7",
        "279ra37",
    ),
    (
        "PARKIN, T.B. (1996) Field tests. In: DORAN, J.W. (orgs.). Methods. Madison: SSSA. "
        "P .231-245.",
        "PARKIN",
        1996,
        None,
        "231-245",
    ),
    # pages after a bracketed imprint
    ("Smith J. Book title (Amsterdam: Academic Press), 65–104.", "Smith", None, None, "65-104"),
]


@pytest.mark.parametrize(("raw", "family", "year", "volume", "pages"), STYLE_CASES)
def test_entry_openings_and_fields_of_many_styles(
    raw: str, family: str, year: int | None, volume: str | None, pages: str | None
) -> None:
    ref = parse_entry(raw, 1)
    assert ref.authors and ref.authors[0].family == family
    assert (ref.year, ref.volume, ref.pages) == (year, volume, pages)


@pytest.mark.parametrize(
    "raw",
    [
        "AEA manifestó su “grave preocupación” por el proyecto de Ley. TN, 13 ago. 2014.",
        "A HORAS de aprobarse en el Congreso, el Presidente vetó ley. Ámbito.com, 31 mayo, 2018.",
        "RELATÓRIO... Relatório do marquês de Lavradio. Revista Trimensal, v.4, p.409-486. 1842.",
        "MACRI: “Ajustar el Estado significa liberar”. Ámbito.com, 19 jul. 2018. Política.",
    ],
)
def test_abnt_entries_led_by_their_title_have_no_author(raw: str) -> None:
    assert parse_entry(raw, 1).authors == ()


def test_year_letter_original_year_and_short_name() -> None:
    ref = parse_entry("SALIM, B. and SUGIMOTO, C., 2011a. Title of it. Journal 3: 4-5.", 1)
    assert (ref.year, ref.year_suffix) == (2011, "a")
    ref = parse_entry(
        "BAKHTIN, M. M. Estética da criação verbal [1951-1953]. Tradução de Paulo Bezerra. "
        "São Paulo: Martins Fontes, 2011/1979.",
        1,
    )
    assert (ref.year, ref.original_year) == (2011, 1979)  # the edition pair, not [1951-1953]
    ref = parse_entry(
        "BAKHTIN, M. M. O problema do texto [1954-1961]. In: BAKHTIN, M. M. Estética. São Paulo:"
        " Martins Fontes, 2011, p.307-336.",
        1,
    )
    assert (ref.year, ref.original_year, ref.pages) == (2011, 1954, "307-336")
    ref = parse_entry(
        "EMPRESA BRASILEIRA DE PESQUISA AGROPECUÁRIA (EMBRAPA). (1997) Manual de métodos. "
        "Rio de Janeiro: Embrapa.",
        1,
    )
    assert ref.short_name == "EMBRAPA" and ref.year == 1997
    assert (
        parse_entry("NBS – National Bureau of Statistics of China. Yearbook. 2013.", 1).short_name
        == "NBS"
    )
    # its bare year after it (IOP, ecology), not a year of the title's
    ref = parse_entry(
        "NBS – National Bureau of Statistics of China 2013. Annual report, 2012. NBS.", 1
    )
    assert ref.authors[0].family == "NBS - National Bureau of Statistics of China"
    assert ref.year == 2013


def test_a_journal_named_access_is_no_access_date() -> None:
    ref = parse_entry(
        "Mei Ching Chen and San Nah Sze. A survey of university course timetabling. "
        "IEEE Access, 9:106515–106539, 2021.",
        1,
    )
    assert (ref.journal, ref.year, ref.volume, ref.pages) == (
        "IEEE Access", 2021, "9", "106515-106539",
    )
    web = parse_entry("Chen, M. C. 2019. Web page. http://x.org/a. Access: 14 January 2024.", 1)
    assert web.year == 2019


def test_access_dates_and_archive_links_are_no_fields() -> None:
    ref = parse_entry(
        "BRASIL. Constituição da República Federativa do Brasil. Brasília, DF: Senado, 1988. "
        "Disponível em: http://www.planalto.gov.br/x.htm. Acesso em: 08 mai. 2020.",
        1,
    )
    assert (ref.year, ref.volume, ref.pages) == (1988, None, None)


def test_unnumbered_list_one_entry_per_line() -> None:
    lines = [
        "Referências",
        "ADAMOVSKY, E. El cambio y la impostura. Buenos Aires: Planeta, 2016.",
        "AEA manifestó su preocupación por el proyecto de Ley. TN, Argentina, 13 ago. 2014.",
        "BRASIL. Decreto nº. 2848, de 07 de dezembro de 1940. Acesso em: 08 mai. 2020.",
        "Clarín, 15/5/18 falta referencia",
        "de Almeida, F., and L. Suesdek 2011. Effects of Wolbachia. Infection 11:2138–2143.",
        "van den Hurk, A. F., and S. Higgs 2012. Impact of Wolbachia. PLoS NTD 6:e1892.",
    ]
    refs = parse_reference_list(lines).references
    assert len(refs) == 6
    assert [r.authors[0].family if r.authors else None for r in refs] == [
        "ADAMOVSKY",
        None,
        "BRASIL",
        "Clarín",
        "de Almeida",
        "van den Hurk",
    ]


def test_an_abbreviated_body_before_its_date() -> None:
    ref = parse_entry(
        "UNCTAD – United Nations Conference for Trade and Development (2023) Trade and "
        "Development Report 2023. New York: United Nations.",
        1,
    )
    assert ref.authors[0].family == "UNCTAD - United Nations Conference for Trade and Development"
    assert (ref.year, ref.short_name) == (2023, "UNCTAD")
    assert ref.title == "Trade and Development Report 2023"


@pytest.mark.parametrize(
    ("raw", "family", "year", "title"),
    [
        (
            "Anonymous 2011 Spartina densiflora Brongn. E-Flora BC.",
            "Anonymous",
            2011,
            "Spartina densiflora Brongn",
        ),
        ("UNESCO 2015. Education for all. Paris: UNESCO.", "UNESCO", 2015, "Education for all"),
        (
            "World Health Organization 2012. Malaria report. Geneva.",
            "World Health Organization",
            2012,
            "Malaria report",
        ),
        (
            "Anonymous no date BC shoreline invasion: Spartina. ID card.",
            "Anonymous",
            None,
            "BC shoreline invasion: Spartina",
        ),
    ],
)
def test_one_name_and_its_bare_date(raw: str, family: str, year: int | None, title: str) -> None:
    ref = parse_entry(raw, 1)
    assert (ref.authors[0].family, ref.year, ref.title) == (family, year, title)


def test_the_edition_year_not_the_original_in_brackets() -> None:
    ref = parse_entry("M.M. BAKHTIN, Problemas da poética de Dostoiévski [1963] (2008).", 1)
    assert (ref.year, ref.original_year, ref.title) == (
        2008,
        1963,
        "Problemas da poética de Dostoiévski [1963]",
    )


def test_labels_without_text_are_no_text_of_the_entry_before() -> None:
    lines = [
        "References",
        "6. Ellwanger U and Rodriguez-Vazquez M 2016 Discovery prospects of a scalar JHEP 02 096",
        "7. ",
        "8. ",
        "9. Barnard J, Gherghetta T and Ray T S 2014 UV descriptions of Higgs models JHEP 02 002",
    ]
    refs = parse_reference_list(lines).references
    assert [(r.n, r.volume, r.pages) for r in refs] == [(6, "02", "096"), (9, "02", "002")]


def test_spaced_list_opens_any_capitalised_entry_after_a_complete_one() -> None:
    # A PDF's list spaced by blank lines, entries led by a one-word author or a body.
    lines = [
        "References",
        "",
        "An SQ, Gu BH, Zhou CF. Spartina invasion in China: implications for invasive species",
        "management and future research. Weed Research. 2007;47:183-191.",
        "",
        "Anonymous. BC shoreline invasion: Spartina. ID card. http://cmnbc.ca/files/atlas.pdf",
        "[accessed 16 January 2012].",
        "",
        "Anonymous 2011. Spartina densiflora Brongn. E-Flora BC. Vancouver.",
        "",
        "Ducks Unlimited Canada. British Columbia Spartina eradication program. 2011.",
        "",
        "Anttila C, King R. Reciprocal hybrid formation of Spartina in San Francisco Bay.",
        "Molecular Ecology. 2000;9:765-770.",
        "",
        # an entry a column break cut ("... renewal in humans"), then two names after a blank
        "Bergmann O, Bhardwaj R D and Frisen J 2009 Evidence for cardiomyocyte renewal in humans",
        "",
        "Bhardwaj R D, Curtis M A and Frisen J 2006 Neocortical neurogenesis in humans",
        "Proc. Natl Acad. Sci. USA 103 12564",
    ]
    refs = parse_reference_list(lines).references
    firsts = [r.raw.split(" ")[0] for r in refs]
    assert firsts == ["An", "Anonymous.", "Anonymous", "Ducks", "Anttila", "Bergmann", "Bhardwaj"]


def test_spaced_list_opens_entries_after_blank_lines() -> None:
    # A PDF's list spaced by blank lines: a capitalised line right after an undated one
    # ("... por un tema torrentoso." / "ELOHI, n.9. ...") continues it.
    lines = [
        "Referências",
        "",
        "SILVA, Maria Beatriz Nizza da. Cultura letrada e cultura oral no Rio de Janeiro",
        "dos vice-reis. São Paulo: Editora Unesp. 2013.",
        "",
        "VENTURA, Antoine. Viajeros y naturalistas (s. XV-XIX, Europa-América) o cómo viajar sin",
        "precauciones por un tema torrentoso.",
        "ELOHI, n.9. Disponível em: <http://doi.org/10.4000/elohi.981>. Acesso em: 19 jan. 2019.",
        "2016.",
        "",
        "WEHLING, Arno. O fomentismo português no final do século XVIII. Revista do Instituto",
        "Histórico e Geográfico Brasileiro, v.316, p.170-278. 1977.",
        "",
        "PITA, João Rui. Farmácia, medicina e saúde pública em Portugal. Coimbra: Minerva. 1996.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.authors[0].family for r in refs] == ["SILVA", "VENTURA", "WEHLING", "PITA"]
    assert (refs[1].year, refs[1].doi) == (2016, "10.4000/elohi.981")


def test_one_entry_per_line_list_of_undated_items() -> None:
    # Newspapers and web pages without a year, Vancouver-style names: every line ends as
    # an entry ends, so every line is an entry (a list wrapped at a margin does not).
    lines = [
        "References",
        "ADAMOVSKY E. El cambio y la impostura. Buenos Aires: Planeta; 2016.",
        "AEA. AEA manifestó su preocupación por el proyecto. In: TN, Argentina. 2014.",
        "A HORAS. A HORAS de aprobarse en el Congreso, el Presidente vetó la ley. Ámbito.com.",
        "ALEMAN J. Horizontes neoliberales en la subjetividad. Madrid: Grama; 2016.",
        "Ámbito Financiero. Ámbito Financiero.",
        "CAMANARO C. Ámbito. com.",
        "CAMPOS J. Se encara mal el tema precios. In: El cronista. Argentina.",
        "Clarín. Clarín.",
        "GOÑI U. La Argentina de Macri. The Guardian.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.raw.split(".")[0] for r in refs] == [
        "ADAMOVSKY E",
        "AEA",
        "A HORAS",
        "ALEMAN J",
        "Ámbito Financiero",
        "CAMANARO C",
        "CAMPOS J",
        "Clarín",
        "GOÑI U",
    ]


def test_wrapped_list_keeps_continuations_and_opens_on_names() -> None:
    lines = [
        "References",
        "Smith, J. A., and K. Jones 2011. A title that runs on over the",
        "margin of the page. Proc. Natl. Acad. Sci.",
        "U.S.A. 108, 5116–5121.",
        "de Vries GJ (2008) Another title. Journal 3: 4-5.",
        "BRETÓN, A. Antología del humor negro. Barcelona:",
        "Anagrama, 2005.",
        "SILVA, J. M. Título do livro. São Paulo: Editora, 2003.",
        "WORLD BANK. Global economic prospects. Washington, DC: World Bank, 2023.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.authors[0].family for r in refs] == [
        "Smith",
        "de Vries",
        "BRETÓN",
        "SILVA",
        "WORLD BANK",  # headings in capitals open entries in lists with authors in capitals
    ]
    assert refs[0].year == 2011 and refs[2].year == 2005


@pytest.mark.parametrize(
    "heading",
    [
        "REFERÊNCIAS",
        "Referências bibliográficas",
        "Referencias bibliográficas",
        "Bibliografía",
        "Literatura citada",
        "Literaturverzeichnis",
        "Références",
        "参考資料",
        "文献",
        "Список литературы",
        "Литература",
        "Kaynaklar",
        "5. REFERENCES",
    ],
)
def test_reference_headings_in_many_languages(heading: str) -> None:
    assert is_reference_heading(heading)


def test_numbered_list_without_heading_is_found_by_its_shape() -> None:
    lines = [
        "A title",
        "1. Introduction",
        "Body text citing [1] and [2, 3].",
        "2. Methods",
        "More body text.",
        "[1] A. Smith, Phys. Rev. D 79, 084008 (2009).",
        "[2] B. Jones and C. Lee, Phys. Rev. Lett. 96, 231802 (2006).",
        "[3] D. Wu, Nucl. Phys. B 716, 30 (2012).",
    ]
    found = parse_reference_list(lines)
    assert found.heading_line == 6  # the body ends before the first entry
    assert [(r.n, r.authors[0].family, r.year) for r in found.references] == [
        (1, "Smith", 2009),
        (2, "Jones", 2006),
        (3, "Wu", 2012),
    ]
    with pytest.raises(NoReferencesError):
        parse_reference_list(lines[:5])  # numbered sections are no reference list


def test_numbered_list_goes_on_after_a_section_set_beside_it() -> None:
    lines = [
        "References",
        "1. Stein LD, Korbel JO. Data analysis. Nature 2015; 523: 149–151.",
        "2. Consortium GTEx. The genotype-tissue expression (GTEx)",
        "project. Nat Genet 2013; 45: 580–585, doi: 10.1038/ng.",
        "2653.",
        "Acknowledgments",
        "We thank the Foundation for support.",
        "3. Uhlen M, Fagerberg L. Tissue-based map. Science 2015; 347: 1260419.",
        "Appendix",
        "A table of things.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.n for r in refs] == [1, 2, 3]
    assert refs[1].doi == "10.1038/ng.2653"
    assert refs[2].raw.endswith("1260419.")


def test_wrapped_botanical_list_with_group_author_and_lost_spaces() -> None:
    lines = [
        "Literatura citada",
        "Bukar,A., Mukhtar, M. & HASSAN,A. 2009. Phytochemical",
        "screening of leaf extracts. Bayero Journal of Pure and",
        "Applied Sciences 1: 139-142.",
        "Clinical and Laboratory Standards Institute. 2008.",
        "Reference Method for Broth Dilution Antifungal",
        "Susceptibility Testing. Second ed.",
        "Clinical and Laboratory Standards Institute, Wayne, PA.",
        "Doughari, J.H., El-mahmood, A.M. & Tyoyina, I.",
        "2008. Antimicrobial activity of leaf extracts. African Journal 2: 67-72.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.authors[0].family for r in refs] == [
        "Bukar",
        "Clinical and Laboratory Standards Institute",
        "Doughari",
    ]
    assert (refs[0].year, refs[0].volume, refs[0].pages) == (2009, "1", "139-142")


def test_wrapped_lines_that_are_no_entries() -> None:
    lines = [
        "References",
        "1. Smith J, Jones K. A title about SEER data. J Clin Oncol.",
        "2003;21:1-9.",
        "2. Baldo L, Hotopp JCD, et al. Multilocus typing. Lancet",
        "BMJ. 2003;327:557-560.",
        "3. Ferretti G, Karateev D. Fermionic UV completions.",
        "JHEP 06, 142 (2014). https://doi.org/10.1007/JHEP06(2014)142",
        "DOI:10.1371/journal.pone.0054970.",
        "4. Baldo, L., J. C. D. Hotopp, R. R. Choudhury, C.",
        "Hayashi et al. 2006. Multilocus sequence typing. Applied Microbiology 72:7098-7110.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.n for r in refs] == [1, 2, 3, 4]
    assert refs[3].authors[-1].family == "Hayashi"


def test_months_in_portuguese_and_hyphenated_initials() -> None:
    ref = parse_entry(
        "Reece EA, Moore T. The diagnostic criteria. Am J Obstet Gynecol. 2013 abr;208(4):255-9.",
        1,
    )
    assert (ref.year, ref.volume, ref.pages) == (2013, "208", "255-9")
    ref = parse_entry("Hopmans T-EJP, van Houten CB, et al. Increased risk. Lancet 2015;1:2-3.", 1)
    assert ref.authors[0] == Author("Hopmans", "T-EJP")


def test_page_furniture_inside_entries_is_no_field() -> None:
    ref = parse_entry(
        "Smith J, Jones K. Title of it. J Clin 2010;3:4-5. PLOS ONE | DOI:10.1371/journal.pone."
        "0115884 December 2014 © 2014 by the authors. Publisher Full Text | PubMed Abstract",
        1,
    )
    assert (ref.doi, ref.year, ref.volume, ref.pages) == (None, 2010, "3", "4-5")
    footer = "PLOS ONE | 10.1371/journal.pone.0115884"
    lines = ["References"] + [
        f"{n}. Author{chr(64 + n)} A. Title {n}. J Clin 2010;{n}:1-2. doi: 10.1371/journal.pone"
        f".0115884" + (f" {footer}" if n == 4 else "")
        for n in range(1, 5)
    ]
    refs = parse_reference_list(lines).references
    assert [r.doi for r in refs] == [None] * 4  # the article's own DOI in every entry


def test_unnumbered_list_without_heading_at_the_end() -> None:
    lines = [
        "A paper",
        "Body text (Smith 2001) and more (Jones and Lee 2003).",
        "Smith J (2001) A title. Journal 3: 4-5.",
        "Jones A, Lee B (2003) Another title. Journal 5: 6-7.",
        "Kim C (2004) Third title. Journal 6: 1-2.",
        "Wu D (2005) Fourth title. Journal 7: 3-4.",
        "Zhao E (2006) Fifth title. Journal 8: 5-6.",
    ]
    found = parse_reference_list(lines)
    assert found.heading_line == 3
    assert [r.authors[0].family for r in found.references] == [
        "Smith",
        "Jones",
        "Kim",
        "Wu",
        "Zhao",
    ]
    with pytest.raises(NoReferencesError):
        parse_reference_list(lines[:6])  # four entries are too few to tell from a body


def test_apa_entry_without_author_is_led_by_its_title() -> None:
    ref = parse_entry("Guidelines for the management of asthma. (2019). Retrieved from x.", 1)
    assert (ref.authors, ref.year, ref.title) == (
        (),
        2019,
        "Guidelines for the management of asthma",
    )
    group = parse_entry("National Institute of Health (2012) Report title. Bethesda: NIH.", 1)
    assert group.authors == (Author("National Institute of Health"),)


@pytest.mark.parametrize(
    "after",
    [
        "How to cite this article: Kumar, A., Mishra, P. (2016), Higher efficiency of ISSR",
        "Editora Associada: Catarina Carvalho Nievola",
        "EDITOR RESPONSÁVEL PELA AVALIAÇÃO Carolina Troncoso Baltar",
        "Submissão: 14/10/2020",
        "Academic Editor: Jane Roe",
    ],
)
def test_back_matter_after_the_list_is_no_entry(after: str) -> None:
    """What a journal prints under its list on the last page (publisher PDFs: Wiley's "How
    to cite", SciELO's editor and submission lines) ends the list."""
    lines = [
        "References",
        "Smith, J. (2001). A title. Journal, 3, 4-5.",
        "Zurawski, G., & Clegg, M. T. (1987). Evolution of genes. Annual Review, 38, 391-418.",
        after,
        "Aceite: 03/12/2021",
    ]
    found = parse_reference_list(lines)
    assert [r.authors[0].family for r in found.references] == ["Smith", "Zurawski"]


@pytest.mark.parametrize(
    ("raw", "year", "volume", "issue", "pages", "journal"),
    [
        # CS and physics: volume(issue):pages, then the year last.
        (
            "Rudi Cilibrasi and Paul MB Vitanyi. Clustering by compression. TIT, "
            "51(4):1523-1545, 2005.",
            2005,
            "51",
            "4",
            "1523-1545",
            "TIT",
        ),
        (
            "Brandon Carter. Global structure of the Kerr family of gravitational fields. "
            "Physical Review, 174(5):1559, 1968.",
            1968,
            "174",
            "5",
            "1559",
            "Physical Review",
        ),
        (
            "Jiang, X., Rowitch, D. H., and Sucov, H. M. Fate of the mammalian cardiac neural "
            "crest. Development 127: 1607, 2000.",
            2000,
            "127",
            None,
            "1607",
            "Development",
        ),
    ],
)
def test_year_after_the_pages_is_the_year_and_pages_are_no_year(
    raw: str, year: int, volume: str, issue: str | None, pages: str, journal: str
) -> None:
    ref = parse_entry(raw, 1)
    assert (ref.year, ref.volume, ref.issue, ref.pages, ref.journal) == (
        year,
        volume,
        issue,
        pages,
        journal,
    )


@pytest.mark.parametrize(
    "raw",
    [
        # An ordinal and a day of the month are no volume.
        "Abrahamson, N. A. and Al Atik, L. (2010). Scenario spectra for design ground motions. "
        "In 9th US National and 10th Canadian Conference on Earthquake Engineering, Toronto.",
        "Normile, Dennis. (2016). Five years after the meltdown, is it safe to live near "
        "Fukushima? Science Magazine 2 March",
        "HE, L. China's economy will be hobbled for years by the real estate crisis. CNN, "
        "Oct. 6, 2023. Available at: https://edition.cnn.com/2023/10/06/economy/x.html.",
        "Ueda, Toshihide. (2016). Communities displaced by disaster deprived of rights to "
        "vote. Asahi Shinbun 31 December.",
    ],
)
def test_ordinals_and_dates_are_no_volume(raw: str) -> None:
    ref = parse_entry(raw, 1)
    assert ref.volume is None
    assert ref.year in (2010, 2016, 2023)


@pytest.mark.parametrize(
    ("raw", "volume", "issue", "pages", "journal"),
    [
        (
            "Fischel, Daniel L. \u201cPlanning for Book Reprints,\u201d Journal of Scholarly "
            "Publishing 19, 4 (July 1988): 195-201.",
            "19",
            "4",
            "195-201",
            "Journal of Scholarly Publishing",
        ),
        (
            "Worthen, Samuel Copp. \u2018Poe and the Beautiful Cigar Girl\u2019. American "
            "Literature 20, no. 3 (November 1948): 305-312.",
            "20",
            "3",
            "305-312",
            "American Literature",
        ),
        (
            "M. Reiman, and B. Simon. An interpolation approximation for queueing systems. "
            "Operations Research 36, 3 (1988), 454-469.",
            "36",
            "3",
            "454-469",
            "Operations Research",
        ),
        (  # MLA, no issue; a Roman volume
            "Simon, Herbert A. and Allen Newell. \"Heuristic Problem-Solving.\" Operations "
            "Research, VI (1958), pp. 1-10.",
            "VI",
            None,
            "1-10",
            "Operations Research",
        ),
        (  # SIAM: the journal after the title's last comma
            "J.-S. Pang and S. A. Gabriel, NE/SQP: A robust algorithm for the nonlinear "
            "complementarity problem, Math. Programming, 60 (1993), pp. 295-337.",
            "60",
            None,
            "295-337",
            "Math. Programming",
        ),
        (
            "J. Smith and K. Jones, On a title, with a comma, of the paper, Numerische "
            "Mathematik, 12 (1975), pp. 1-20.",
            "12",
            None,
            "1-20",
            "Numerische Mathematik",
        ),
        (  # ACS: the issue after a comma
            "Fischer, J. E.; Dai, H.; Smalley, R. E., Metallic resistivity in crystalline ropes "
            "of single-wall carbon nanotubes. Physical Review B 1997, 55, (8), R4921-R4924.",
            "55",
            "8",
            "R4921-R4924",
            "Physical Review B",
        ),
        (  # one page after the issue and a space
            "Harper NG, Neptune RR. Selective laser sintered versus carbon fiber ankle-foot "
            "orthoses. Journal of biomechanical engineering. 2014 136(9) 091001.",
            "136",
            "9",
            "091001",
            "Journal of biomechanical engineering",
        ),
    ],
)
def test_chicago_volume_issue_date_then_pages(
    raw: str, volume: str, issue: str | None, pages: str, journal: str
) -> None:
    ref = parse_entry(raw, 1)
    assert (ref.volume, ref.issue, ref.pages, ref.journal) == (volume, issue, pages, journal)


def test_spaced_list_entry_after_an_entry_that_looks_cut() -> None:
    """A PDF list that sets entries apart with blank lines: an entry that opens after a blank
    line (or with a surname in capitals) starts there even when the entry before stops
    without its full stop; initials running on to the next line do not start one."""
    lines = [
        "ADAMOVSKY, E. El cambio y la impostura. Buenos Aires: Planeta,",
        "2016.",
        "",
        "Clarín, 15/5/18 falta referencia",
        "",
        "Clarín, 14/5/18 falta referencia",
        "DELLATORRE, R. La Asociación Empresaria Argentina y las medidas. Página 12,",
        "Argentina, 3 sep. 2017. Economia.",
        "",
        "MARHOLD, K. International Code of Botanical Nomenclature. Regnum Vegetabile",
        "146. A.R.G.",
        "Gantner Verlag KG.",
        "",
        "MOBBERLEY, D. G. Taxonomy and distribution of the genus Spartina. Iowa State",
        "College Journal of Science 30: 471-574, 1956.",
        "",
        "NOVAK, M. Title of a work. Lisboa: Editora, 1999.",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.raw.split(",")[0].split(".")[0] for r in refs] == [
        "ADAMOVSKY",
        "Clarín",
        "Clarín",
        "DELLATORRE",
        "MARHOLD",
        "MOBBERLEY",
        "NOVAK",
    ]


def test_numbered_list_line_without_label_where_numbering_does_not_skip() -> None:
    """A wrapped line that could open an entry ("TeV, Tech. Rep. ...") between entries 27
    and 28 is part of 27: a number lost would leave a gap."""
    lines = [
        "27. CMS Collaboration, Search for low mass vector resonances decaying into quark-",
        "antiquark pairs in proton-proton collisions at √s= 13",
        "TeV, Tech. Rep. CMS-EXO-17-001-003, CERN, Geneva, Sep, (2017)",
        "28. S. Knapen, T. Lin, H.K. Lou, T. Melia, Searching for axionlike particles. Phys.",
        "Rev. Lett. 118, 171801 (2017).",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.n for r in refs] == [27, 28]
    assert refs[0].raw.endswith("(2017)")


@pytest.mark.parametrize(
    ("raw", "volume", "pages", "journal"),
    [
        # Pages after a full stop, after a space alone, or after "pages".
        (
            "Bickmore, Lee & Nancy C. Kula. 2013. Ternary spreading and the OCP in Copperbelt "
            "Bemba. Studies in African Linguistics 42. 101-132.",
            "42",
            "101-132",
            "Studies in African Linguistics",
        ),
        (
            "Grosz, B. J., and Sidner, C. L. 1986. Attention, intention, and the structure of "
            "discourse. Computational Linguistics 12(3) 175-204",
            "12",
            "175-204",
            "Computational Linguistics",
        ),
        (
            "Jared Wunsch and Maciej Zworski. Resolvent estimates for normally hyperbolic "
            "trapped sets. In Annales Henri Poincare, volume 12, pages 1349-1385. 2011.",
            "12",
            "1349-1385",
            "Annales Henri Poincare",
        ),
    ],
)
def test_pages_printed_without_a_colon(raw: str, volume: str, pages: str, journal: str) -> None:
    ref = parse_entry(raw, 1)
    assert (ref.volume, ref.pages, ref.journal) == (volume, pages, journal)


def test_a_rule_for_the_same_authors_opens_an_entry_with_their_names() -> None:
    lines = [
        "References",
        "Latour, Bruno. 1987. Science in Action. Cambridge, MA: Harvard University Press.",
        "———. 1993. We Have Never Been Modern. Cambridge, MA: Harvard University Press.",
        "Strum, Shirley. 1986. Human social origins. Journal of Social and Biological "
        "Structures 9: 169-187.",
    ]
    assert _openings(lines) == [
        ("Latour", 1987),
        ("Latour", 1993),
        ("Strum", 1986),
    ]
    ditto = parse_reference_list(lines).references[1]
    assert ditto.raw.startswith("———. 1993.") and ditto.title == "We Have Never Been Modern"


@pytest.mark.parametrize(
    ("raw", "volume", "issue", "pages", "year"),
    [
        # MLA: volume.issue (year): pages
        (
            "Stokke, Andreas. \u201cLying and Asserting.\u201d Journal of Philosophy 110.1 "
            "(2013): 33-60.",
            "110",
            "1",
            "33-60",
            2013,
        ),
        # volume(issue), then the date last
        (
            "A. Romanow and S. Floyd. The Dynamics of TCP Traffic over ATM Networks. IEEE "
            "Journal on Selected Areas in Communication, 13(4), May 1995.",
            "13",
            "4",
            None,
            1995,
        ),
    ],
)
def test_volume_and_issue_before_the_date(
    raw: str, volume: str, issue: str, pages: str | None, year: int
) -> None:
    ref = parse_entry(raw, 1)
    assert (ref.volume, ref.issue, ref.pages, ref.year) == (volume, issue, pages, year)


@pytest.mark.parametrize(
    ("raw", "family"),
    [
        ("IDEA, 2015 falta referencia", "IDEA"),
        ("THE GUARDIAN, 2015. El Salvador gang violence pushes murder rate.", "THE GUARDIAN"),
    ],
)
def test_a_name_then_its_year_is_the_author(raw: str, family: str) -> None:
    ref = parse_entry(raw, 1)
    assert ref.authors[0].family == family and ref.year == 2015


@pytest.mark.parametrize(
    "heading",
    ["Daftar Pustaka", "Källor", "Irodalom", "Tài liệu tham khảo", "المراجع", "ΒΙΒΛΙΟΓΡΑΦΙΑ"],
)
def test_reference_headings_in_more_languages(heading: str) -> None:
    assert is_reference_heading(heading)


@pytest.mark.parametrize(
    "raw",
    [
        "Santoso A, Budi B, dkk. Judul artikel. Jurnal Kesehatan. 2012;5(2):10-15.",
        "Иванов И.И., Петров П.П. и др. Название статьи // Журнал. 2010. Т. 5. С. 10-15.",
        "García A, López B, y cols. Título del artículo. Rev Esp. 2010;5:10-5.",
    ],
)
def test_et_al_in_reference_lists_of_other_languages(raw: str) -> None:
    ref = parse_entry(raw, 1)
    assert len(ref.authors) == 2 and ref.et_al and ref.year in (2010, 2012)


@pytest.mark.parametrize(
    ("raw", "editor", "booktitle"),
    [
        (
            "López A. Título del capítulo. En: García B, editor. Libro de texto. Madrid: "
            "Editorial; 2010. p. 10-20.",
            "García",
            "Libro de texto",
        ),
        (
            "Silva A. Título do capítulo. In: Souza B, organizador. Livro. São Paulo: Editora; "
            "2010. p. 10-20.",
            "Souza",
            "Livro",
        ),
        (
            "Dupont A. Titre du chapitre. Dans : Martin B, éditeur. Livre. Paris : Éditions ; "
            "2010. p. 10-20.",
            "Martin",
            "Livre",
        ),
    ],
)
def test_chapters_in_other_languages(raw: str, editor: str, booktitle: str) -> None:
    ref = parse_entry(raw, 1)
    assert ref.type == "chapter" and ref.pages == "10-20"
    assert ref.editors[0].family == editor and ref.booktitle == booktitle


def test_abnt_journal_before_the_volume_label() -> None:
    ref = parse_entry(
        "CINTRA, M. A. M.; PINTO, E. C. China em transformação: transição e estratégias de "
        "desenvolvimento. Revista de Economia Política, v. 37, n. 2, p. 381-400, 2017.",
        1,
    )
    assert ref.journal == "Revista de Economia Política"
    assert (ref.volume, ref.pages, ref.year) == ("37", "381-400", 2017)
    # A book's place and publisher are no journal.
    book = parse_entry("SILVA, J. Livro. São Paulo: Editora, 2001. v. 2, 300 p.", 1)
    assert book.journal is None


def test_spaced_list_line_without_a_blank_is_a_tail_unless_it_opens_like_an_entry() -> None:
    """A PDF list spaced by blank lines whose entries mostly fit on one line: a line with no
    blank before it is the wrapped tail of its entry ("La Nacion.", "Report 2023. New
    York", "Martins Fontes, São Paulo." after a chapter's pages), unless it opens like an
    entry with names or a date of its own, or follows an entry ending on its year; after a
    blank a corporate heading opens one ("UNCTAD – ..."); undated entries ("(n.d.)") end
    like dated ones."""
    lines = [
        "ALONSO, J. (2017a). Los empresarios debimos hablar más fuerte. In Ámbito.com.",
        "",
        "ALONSO, J. (2017b). No teníamos ningún futuro. In Entrevista a Carlos Manzoni.",
        "La Nacion.",
        "",
        "BRAVO, R. (n.d.). La Asociación Empresaria Argentina y las medidas. Página 12.",
        "",
        "El Cronista (n.d.). El Cronista.",
        "",
        "El Cronista (n.d.). El Cronista.",
        "",
        "MENDES, F. (2018). Disputa por la hegemonía. Realidad. Last access: Jan. 14, 2024.",
        "",
        "UNCTAD – United Nations Conference for Trade and Development. Trade and Development",
        "Report 2023. New York: United Nations, 2023.",
        "",
        "VIEIRA, D. (2017). Entre autocriticas y la pesada herencia. El Cronista.",
        "",
        "Viana, M. (2011). O problema do texto. In Estética da criação verbal, pp. 307–336.",
        "Martins Fontes, São Paulo.",
        "",
        "Vilmorin, J. (1807). Flora Gallica, seu enumeratio plantarum, 742 pp. 1807.",
        "Vogel, C. Corrected chromosome numbers for Spartina",
        "townsendii. Nature 199: 929. 1963.",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.raw[:12] for r in refs] == [
        "ALONSO, J. (",
        "ALONSO, J. (",
        "BRAVO, R. (n",
        "El Cronista ",
        "El Cronista ",
        "MENDES, F. (",
        "UNCTAD – Uni",
        "VIEIRA, D. (",
        "Viana, M. (2",
        "Vilmorin, J.",
        "Vogel, C. Co",
    ]
    assert refs[1].raw.endswith("Carlos Manzoni. La Nacion.")
    assert refs[8].raw.endswith("pp. 307–336. Martins Fontes, São Paulo.")


def test_an_original_year_in_brackets_on_a_wrapped_line_is_no_label() -> None:
    """``[1963]`` opening a wrapped line (an edition's original year) is no ``[n]`` label in
    an unnumbered list."""
    lines = [
        "BAKHTIN, M. M. (2008). Problemas da poética de Dostoiévski",
        "[1963]. Forense Universitária.",
        "BAKHTIN, M. (2014). Freudismo: um esboço crítico [1927]. Perspectiva.",
        "BRAIT, B. (2006). Analise e teoria do discurso. Contexto.",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert refs[0].raw == (
        "BAKHTIN, M. M. (2008). Problemas da poética de Dostoiévski [1963]. Forense Universitária."
    )
    assert [r.n for r in refs] == [1, 2, 3] and not any(r.number_printed for r in refs)


def test_two_column_list_of_long_entries_spaced_by_blanks() -> None:
    """In two columns an entry takes four or five lines, so blank lines are fewer than a
    quarter of the list's lines; the list is still spaced when nearly every line after a
    blank opens an entry, and a corporate heading after a blank opens its own."""
    entry = [
        "{name} W, AUER C, KRUNER T, PREZOTTO M. Influência",
        "de lodo de esgoto e de acículas de pinus na formação da",
        "ectomicorrizas em mudas de Pinus caribaea var. hondurensis pelos",
        "fungos Pisolithus tinctorius e Thelephora terrestris. IPEF.",
        "{year};34:41-46.",
    ]
    lines: list[str] = []
    for k, name in enumerate(("BETTIOL", "CALDEIRA", "DIAS", "FARIAS", "GOMES", "LIMA")):
        if k == 3:
            lines += ["BRASIL. Ministério do Meio Ambiente. Resolução CONAMA",
                      "nº 001, de 23 de janeiro de 1986. Brasília, 1986.", ""]
        lines += [line.format(name=name, year=1980 + k) for line in entry] + [""]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.raw.split()[0] for r in refs] == [
        "BETTIOL", "CALDEIRA", "DIAS", "BRASIL.", "FARIAS", "GOMES", "LIMA"
    ]


def test_one_entry_a_line_without_full_stops() -> None:
    """IOP's unpunctuated entries, one a line (text from XML or HTML): no line stops at a
    margin and most open as entries do, so each line is an entry, though few end on a
    full stop or hold a year at their end (newspapers, titles first)."""
    lines = [
        "ADAMOVSKY E 2016 El cambio y la impostura (Buenos Aires: Planeta)",
        "AEA 2014 AEA manifestó su “grave preocupación” por el proyecto de Ley de Abastecimiento"
        " TN, Argentina Política",
        "ALEMAN J 2016 Horizontes neoliberales (Madrid: Grama)",
        "ALONSO L E 1998 La mirada cualitativa en sociología (Caracas: Editorial Fundamentos)",
        "ANGENOT M 2010 El discurso social: los límites históricos de lo pensable y lo decible"
        " (Buenos Aires: Siglo XXI)",
        "BAJTIN M 1989 El problema de los géneros discursivos (México: Siglo XXI)",
        "CAMANARO C 2017 Con este acuerdo no existe la flexibilización laboral",
        "CAMPOS J 2015 Se encara mal el tema precios: las empresas no provocan la inflación El"
        " cronista (Argentina)",
        "CAMPOS J 2017a Los empresarios debimos hablar más fuerte",
        "CAMPOS J 2017b No teníamos ningún futuro de desarrollo con el régimen populista anterior"
        " Entrevista cedida a Carlos Manzoni (La Nacion)",
        "IVES P 2009 Language and hegemony in Gramsci (Londres: Pluto Press)",
        "VERÓN E 1987 La palabra adversativa",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.authors[0].family for r in refs] == [
        "ADAMOVSKY", "AEA", "ALEMAN", "ALONSO", "ANGENOT", "BAJTIN", "CAMANARO", "CAMPOS",
        "CAMPOS", "CAMPOS", "IVES", "VERÓN",
    ]


def test_spaced_list_of_long_entries_some_opening_as_no_author_list_does() -> None:
    """A GB/T list in two columns: entries of five lines, each after a blank line, a
    quarter of them opening with what reads as no author (four initials, a title in
    capitals). The blanks still set the entries apart."""
    entry = [
        "{name}. Homens de ciência no Brasil: impérios coloniais e",
        "circulação de informações e de saberes entre a metrópole e as",
        "colônias americanas no final do século das luzes[J]. História,",
        "Ciências, Saúde – Manguinhos, com notas e comentários dos",
        "editores, {year}, 11: 109-129.",
    ]
    names = [
        "KURY L", "DIAS MODS", "MARQUES VRB", "PATACA EM", "RELATÓRIO..", "PITA JR",
        "RAMINELLI R", "SERRANO AFA", "VENTURA A", "WEHLING A", "FONSECA MRFD", "FILGUEIRAS CA",
        "PAIVA MHD", "MORAIS F", "ARAÚJO AC", "DOMINGUES Â", "CARVALHO JF",
    ]
    lines: list[str] = []
    for k, name in enumerate(names):
        lines += [line.format(name=name, year=1990 + k) for line in entry] + [""]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.year for r in refs] == list(range(1990, 1990 + len(names)))


@pytest.mark.parametrize(
    ("entry", "family", "year"),
    [
        # Vancouver corporate authors without a date (Annals of Oncology, 2012)
        ("National Cancer Intelligence Network. Routes to diagnosis—NCIN data briefing.",
         "National Cancer Intelligence Network", None),
        ("Royal College of General Practitioners. National Audit of Cancer Diagnosis in "
         "Primary Care.", "Royal College of General Practitioners", None),
        # Springer physics: the organisation, a comma, the title, the date (EPJC)
        ("National Center for Biotechnology Information, GenBank Overview (2008).",
         "National Center for Biotechnology Information", 2008),
        # IOP: an organisation of several words and its bare date
        ("Office of the Deputy Prime Minister 2004 The English Indices of Deprivation 2004: "
         "Summary (revised) http://www.communities.gov.uk/documents/131206.pdf 4 September "
         "2012, date last accessed", "Office of the Deputy Prime Minister", 2004),
        # a web page's title is no author; its access date is not its year
        ("National Cancer Intelligence Network Routes to diagnosis http://www.ncin.org.uk/"
         "routes.aspx 4 September 2012, date last accessed", None, None),
        ("Invertebrate Virus Subcommittee, Hytrosavirus Study Group. Available online: "
         "http://www.ictvonline.org/x.asp (accessed on 19 June 2013)", None, None),
        ("World Health Organization. Global tuberculosis report [Internet]. Geneva: WHO; "
         "2013 [cited 2019 Mar 5]. Available from: http://www.who.int/tb.",
         "World Health Organization", 2013),
        # PLOS: an organisation and its date after a semicolon
        ("Instituto Nacional de Metereologia - INAM; 2010. Available: http://www.inam.gov.mz",
         "Instituto Nacional de Metereologia - INAM", 2010),
        ("Serviços Provinciais de Pecuária da Zambézia - SPPZ. Arrolamento de espécies "
         "pecuárias; 2009.", "Serviços Provinciais de Pecuária da Zambézia - SPPZ", 2009),
    ],
)
def test_corporate_authors_and_access_dates(
    entry: str, family: str | None, year: int | None
) -> None:
    ref = parse_entry(entry, 1)
    assert (ref.authors[0].family if ref.authors else None, ref.year) == (family, year)


def test_a_prime_printed_for_an_apostrophe_keeps_the_author_list() -> None:
    ref = parse_entry(
        "Renehan AG, Zwahlen M, Minder C, O′Dwyer ST, Shalet SM, Egger M. Insulin-like growth "
        "factor (IGF)-I and cancer risk. Lancet. 2004;363:1346-53.",
        1,
    )
    assert [a.family for a in ref.authors] == [
        "Renehan", "Zwahlen", "Minder", "O’Dwyer", "Shalet", "Egger"
    ]
    assert (ref.year, ref.volume, ref.pages) == (2004, "363", "1346-53")


def test_iop_journal_closed_by_a_place_in_brackets() -> None:
    ref = parse_entry(
        "Cuthbertson S A, Goyder E C and Poole J 2009 Inequalities in breast cancer stage at "
        "diagnosis J Public Health (Oxf). 31 398",
        1,
    )
    assert (ref.year, ref.volume, ref.pages) == (2009, "31", "398")
    ref = parse_entry("Hamilton W and Peters T J 2009 Risk of ovarian cancer BMJ 339 b2998 :", 1)
    assert (ref.volume, ref.pages) == ("339", "b2998")


def test_chapter_pages_after_the_date() -> None:
    ref = parse_entry(
        "Swanepoel R, Coetzer JAW. Rift Valley fever. In: Coetzer JAW, Tustin RC, eds. "
        "Infectious diseases of livestock. Southern Africa: Oxford University Press; 2004. "
        "pp 1037–1070.",
        1,
    )
    assert (ref.year, ref.pages) == (2004, "1037-1070")


def test_a_number_before_a_word_in_lower_case_is_no_label() -> None:
    """A PDF wraps "(BTEB 1)" so that "1) in the ..." opens a line of an unnumbered list."""
    refs = parse_reference_list(
        [
            "References",
            "Ankley, G.T.; Villeneuve, D.L. The fathead minnow in aquatic toxicology. "
            "Aquat Toxicol 2006, 78, 91–102.",
            "Bagamasbad, P.; Denver, R.J. A role for basic transcription element-binding "
            "protein 1 (BTEB",
            "1) in the autoinduction of thyroid hormone receptor β. J Biol Chem 2008, 283, "
            "2275–2285.",
            "Birnbaum, L.S.; Staskal, D.F. Brominated flame retardants: cause for concern? "
            "Environ Health Perspect 2004, 112, 9–17.",
        ]
    ).references
    assert [(r.n, r.authors[0].family, r.year) for r in refs] == [
        (1, "Ankley", 2006),
        (2, "Bagamasbad", 2008),
        (3, "Birnbaum", 2004),
    ]


def test_three_initials_after_a_surname_in_capitals() -> None:
    ref = parse_entry(
        "WILDNER LDP, DADALTO GG. Adubos verdes de inverno para o Oeste catarinense. "
        "Agropecuária Catarinense. 1992;5:36-40.",
        1,
    )
    assert [(a.family, a.given) for a in ref.authors] == [("WILDNER", "LDP"), ("DADALTO", "GG")]
    # a second word with vowels is a word of the name
    assert parse_entry("WORLD BANK. World development report. 2010.", 2).authors[0].family == (
        "WORLD BANK"
    )


@pytest.mark.parametrize(
    ("raw", "title", "publisher", "place", "pages"),
    [
        (
            "Todorov, T. The Fear of Barbarians; University Of Chicago Press: Chicago, IL, USA, "
            "2010; pp. 56–59.",
            "The Fear of Barbarians",
            "University Of Chicago Press",
            "Chicago, IL, USA",
            "56-59",
        ),
        (
            "Sáinz Peña, R.M. Smart Cities: A First Step Towards the Internet of Things; "
            "Fundación Telefónica: Ariel, Barcelona, Spain, 2011; p. 13.",
            "Smart Cities: A First Step Towards the Internet of Things",
            "Fundación Telefónica",
            "Ariel, Barcelona, Spain",
            "13",
        ),
        # Vancouver's "Place: Publisher; Year" keeps its order
        (
            "Smith J. Book title. 2nd ed. New York: McGraw-Hill; 2002. p. 93-113.",
            "Book title",
            "McGraw-Hill",
            "New York",
            "93-113",
        ),
    ],
)
def test_books_with_their_imprint_after_a_semicolon(
    raw: str, title: str, publisher: str, place: str, pages: str
) -> None:
    """MDPI and ACS print a book as ``Title; Publisher: City, Country, Year; pp.``."""
    ref = parse_entry(raw, 1)
    assert (ref.type, ref.title, ref.publisher, ref.place, ref.pages) == (
        "book", title, publisher, place, pages,
    )


def test_family_names_joined_by_e_or_y_are_one() -> None:
    ref = parse_entry(
        "Hancke, G.P.; de Carvalho e Silva, B.; Hancke, G.P., Jr. The Role of Advanced Sensing "
        "in Smart Cities. Sensors 2013, 13, 393–425.",
        1,
    )
    assert [a.family for a in ref.authors] == ["Hancke", "de Carvalho e Silva", "Hancke"]
    assert (ref.title, ref.journal) == ("The Role of Advanced Sensing in Smart Cities", "Sensors")


def test_a_block_of_labels_set_apart_numbers_the_entries_after_it() -> None:
    """pdftotext sets a column of labels apart from their entries: "4." ... "6." then
    the three entries; the first is 4 and the others follow it."""
    lines = [
        "References",
        "1. Quandt F, Hummel FC. The influence of stimulation. Exp Stroke Med. 2014;6:9.",
        "",
        "2.",
        "",
        "3.",
        "4.",
        "",
        "Sampson P, Freeman C, Coote S. Using stimulation to improve arm movement.",
        "J Rehabil Med. 2015;47:120-9.",
        "Hughes AM, Burridge JH. Upper limb rehabilitation. Neurorehabil Neural Repair.",
        "2014;28:46-55.",
        "Popovic MR, Keller T. Surface stimulation of the hand. Sci Rep. 2013;3:1-8.",
    ]
    refs = parse_reference_list(lines)
    assert [(r.n, r.authors[0].family) for r in refs.references] == [
        (1, "Quandt"), (2, "Sampson"), (3, "Hughes"), (4, "Popovic"),
    ]
    assert not any("jumps" in w for w in refs.warnings)


def test_an_issue_run_over_to_a_line_is_no_label() -> None:
    lines = [
        "References",
        "Rhydian Lewis. A survey of metaheuristic-based techniques. OR Spectrum, 30",
        "(1):167–190, 2008.",
        "M. Lindahl, M. Sørensen, and T.R. Stidsen. A fix-and-optimize matheuristic. Journal of",
        "Heuristics, 24(4):645–665, 2018.",
    ]
    refs = parse_reference_list(lines).references
    assert [(r.authors[0].family, r.year, r.pages) for r in refs] == [
        ("Lewis", 2008, "167-190"), ("Lindahl", 2018, "645-665"),
    ]


def test_plain_style_entries_wrapped_without_indents_are_told_apart() -> None:
    """natbib's plainnat as pdftotext writes it: no indent, no blank line, each entry
    opening with given names first (one name, two joined by "and", or a list running on)."""
    lines = [
        "References",
        "Salwani Abdullah and Hamza Turabieh. On the use of multi neighbourhood structures",
        "within a memetic approach. Information Sciences, 191:146–168, 2012.",
        "Babak Akbarzadeh and Broos Maenhout. A decomposition-based heuristic procedure for the",
        "medical student scheduling problem. European Journal of Operational Research, 288(1):",
        "63–79, 2021.",
        "Olivia Rossi-Doria, Michael Sampels, Mauro Birattari, Marco Chiarandini, Marco Dorigo,",
        "Luca M. Gambardella, and Thomas Stützle. A comparison of metaheuristics. In Practice",
        "and Theory of Automated Timetabling IV, pages 329–351, 2003.",
        "Rhydian Lewis. A survey of techniques for timetabling. OR Spectrum, 30(1):167–190, 2008.",
    ]
    assert _openings(lines) == [
        ("Abdullah", 2012), ("Akbarzadeh", 2021), ("Rossi-Doria", 2003), ("Lewis", 2008),
    ]


def test_a_compound_family_name_before_a_particle_stays_whole() -> None:
    ref = parse_entry(
        "P. Jansen van Vuren, A.C. Potgieter, J.T. Paweska, A.A. Van Dijk, Preparation of a "
        "recombinant Rift Valley fever virus N protein. J Virol Methods 140, 106 (2007).",
        1,
    )
    assert ref.authors[0].family == "Jansen van Vuren"


def test_a_float_or_appendix_after_the_list_ends_it() -> None:
    lines = [
        "References",
        "Lassen, S. R., & Sailor, W. (2006). The relationship of support to achievement.",
        "Psychology in the Schools, 43(6), 701–712.",
        "Shotton, M. A. (1989). Computer addiction? A study of computer dependency. Taylor &",
        "Francis.",
        "Table 1",
        "Sample Basic Table",
        "Gnat per gram 13.65",
        "Appendix A",
        "Instrument",
    ]
    assert _openings(lines) == [("Lassen", 2006), ("Shotton", 1989)]


@pytest.mark.parametrize(
    "heading", ["A. Modularization examples", "A\tNotation", "B.2. Data sources", "A. R code"]
)
def test_an_appendix_by_its_letter_after_a_blank_ends_the_list(heading: str) -> None:
    """JSS and LaTeX appendices set after an author-year list: their numbered steps
    ("1 Convert a formula ...") are no entries, and the list stays unnumbered."""
    lines = [
        "References",
        "",
        "Laird NM, Ware JH (1982). “Random-Effects Models for Longitudinal Data.” Biometrics,",
        "38(4), 963–974.",
        "",
        "Wood S, Scheipl F (2014). gamm4: Generalized Additive Mixed Models. R package.",
        "",
        heading,
        "",
        "1 Convert a gamm4 formula into an lme4 formula.",
        "2 Parse this formula using lFormula.",
    ]
    refs = parse_reference_list(lines).references
    assert [(r.authors[0].family, r.year, r.number_printed) for r in refs] == [
        ("Laird", 1982, False), ("Wood", 2014, False),
    ]


@pytest.mark.parametrize(
    "line", ["A. Smith and B. Jones", "A. Magnusson and others", "S. Typhimurium infection in"]
)
def test_wrapped_names_or_titles_are_no_appendix_heading(line: str) -> None:
    lines = [
        "References",
        "Koenker R, Bassett G (1982). Robust tests for heteroscedasticity based on",
        line,
        "regression quantiles. Econometrica, 50, 43–61.",
        "Laird NM, Ware JH (1982). Random-effects models. Biometrics, 38, 963–974.",
    ]
    refs = parse_reference_list(lines).references
    assert [r.authors[0].family for r in refs] == ["Koenker", "Laird"]


def test_a_one_line_entry_of_one_given_first_author_is_no_journal_tail() -> None:
    lines = [
        "References",
        "M. Kocherginsky, X. He, and Y. Mu. Practical confidence intervals for regression "
        "quantiles. J. of Comp. and Graphical Stat., 2004. forthcoming.",
        "R. Koenker. Quantile Regression. Cambridge U. Press, 2005.",
        "R. Koenker and G. Bassett. Robust tests for heteroscedasticity based on regression "
        "quantiles. Econometrica, 50:43–61, 1982.",
    ]
    assert _openings(lines) == [
        ("Kocherginsky", 2004), ("Koenker", 2005), ("Koenker", 1982),
    ]


def test_an_elided_particle_is_part_of_the_family_name() -> None:
    lines = [
        "References",
        "R. Koenker and V. d’Orey. Computing regression quantiles. Applied Statistics, 36: "
        "383–393, 1987.",
        "d’Orey, V. and Smith, J. (1999). A title. Journal of Things 3, 4-5.",
    ]
    refs = parse_reference_list(lines).references
    assert [[a.family for a in r.authors] for r in refs] == [
        ["Koenker", "d’Orey"], ["d’Orey", "Smith"],
    ]


def test_a_footnote_and_a_version_number_inside_an_unnumbered_list() -> None:
    """A PDF's page ends with a footnote inside the list, and an entry's version number
    ("1.13.") wraps to a line of its own: neither is an entry, nor a numbered one."""
    lines = [
        "References",
        "",
        "Fox, J. and Sá Carvalho, M. (2012). The RcmdrPlugin.survival package. Journal of",
        "Statistical Software, 49(7):1–32.",
        "",
        "^[27]The R Commander will run under RStudio, in which case by default R Commander",
        "output goes to the R console within RStudio.",
        "",
        "Moore, D. S. (2000). The Basic Practice of Statistics. Freeman, New York.",
        "",
        "Xie, Y. (2016). knitr: A general-purpose package for dynamic report generation in R.",
        "R package version",
        "1.13.",
    ]
    refs = parse_reference_list(lines).references
    assert [(r.authors[0].family, r.number_printed) for r in refs] == [
        ("Fox", False), ("Moore", False), ("Xie", False),
    ]
    assert refs[0].raw.endswith("49(7):1–32.")
    assert refs[2].raw.endswith("version 1.13.")


def test_chicago_author_date_openings_with_initials_and_names_given_first() -> None:
    """Chicago author-date: the first name inverted ("Dobrow, Robert P. 2016."), the next
    given first ("Ching, Wai-Ki, Michael K Ng, and Eric S Fung. 2008."); each opens an
    entry even with no blank line or indent before it."""
    lines = [
        "References",
        "Alexander Kreinin, Marina Sidelnikova. 2001. “Regularization Algorithms for Transition",
        "Matrices.” Algo Research Quarterly 4 (1/2): 23–40.",
        "Ching, Wai-Ki, Michael K Ng, and Eric S Fung. 2008. “Higher-Order Multivariate Markov",
        "Chains.” Linear Algebra and Its Applications 428 (2): 492–507.",
        "Dobrow, Robert P. 2016. Introduction to Stochastic Processes with R. John Wiley & Sons.",
        "Gallager, Robert G. 2013. Stochastic Processes: Theory for Applications. Cambridge",
        "University Press.",
    ]
    assert _openings(lines) == [
        ("Kreinin", 2001), ("Ching", 2008), ("Dobrow", 2016), ("Gallager", 2013),
    ]
    pinyin = parse_entry("Liu Xun, Wu Xiaoming, Li Lingshan, Lou Tanqi. Application of radial "
                         "basis functions. ICCASM. 2010;15:332-5.", 25)
    assert [a.family for a in pinyin.authors][:2] == ["Liu", "Wu"]


@pytest.mark.parametrize(
    ("entry", "pmid", "volume", "pages"),
    [
        # PLOS prints "PubMed: id" after the pages; IOP leaves no full stop before it.
        ("Wong A and Cortopassi G 2002 Reproducible quantitative PCR of mitochondrial DNA "
         "Methods Mol Biol 197 129 . PubMed: 12013791.", "12013791", "197", "129"),
        ("Smith J, Doe A. A title here. N Engl J Med. 2001;344(3):12-19. PMID: 11136953.",
         "11136953", "344", "12-19"),
        ("Doe A. Title. Lancet. 1999;354:1-5. PubMed PMID: 10437853; PubMed Central PMCID: "
         "PMC123.", "10437853", "354", "1-5"),
        # Frontiers' link line names PubMed but prints no id.
        ("Doe A. Title. Lancet. 1999;354:1-5. PubMed Abstract | Google Scholar", None, "354",
         "1-5"),
    ],
)
def test_a_printed_pubmed_id_is_read_and_is_no_volume(
    entry: str, pmid: str | None, volume: str, pages: str
) -> None:
    ref = parse_entry(entry, 1)
    assert (ref.pmid, ref.volume, ref.pages) == (pmid, volume, pages)


def test_a_hyphenated_initial_set_apart_stays_one_initial() -> None:
    ref = parse_entry(
        "Chou M -Y, Haymer D S, Feng H -Y, Mau R F L and Hsu J -C 2010 Potential for "
        "insecticide resistance Entomol. Exp. Appl. 134 296",
        1,
    )
    assert [(a.family, a.given) for a in ref.authors][:3] == [
        ("Chou", "M-Y"), ("Haymer", "D S"), ("Feng", "H-Y")
    ]
    assert (ref.year, ref.volume, ref.pages) == (2010, "134", "296")


@pytest.mark.parametrize(
    ("entry", "pages"),
    [
        ("Terzian C, Pelisson A and Bucheton A 2009 When Drosophila Meets Retrovirology: The "
         "Gypsy Case Transposons and the Dynamic Genome p 95 (London: Springer)", "95"),
        ("Dujardin J-P and Schofield C J 2004 Triatominae: Systematics, morphology and "
         "population biology The Trypanosomiases pp 181-204 (Wallingford: CABI Publishing)",
         "181-204"),
        ("Olandunmade M A and Feldmann U 1990 Eradication of Glossina palpalis by the sterile "
         "insect technique Proceedings of the final research co-ordination meeting p 5",
         "5"),
    ],
)
def test_iop_pages_after_an_unpunctuated_book_title(entry: str, pages: str) -> None:
    assert parse_entry(entry, 1).pages == pages


@pytest.mark.parametrize(
    ("entry", "family", "year", "volume", "pages"),
    [
        # PubMed's journal names: a hyphen, a place and year of first publication in brackets.
        ("T. Tada, T. Watanabe, S. Kazama et al., Reduced p16 expression correlates with "
         "lymphatic invasion. Hepato-gastroenterology 50, 1756 (2003).", "Tada", 2003, "50",
         "1756"),
        ("S. de Sanjose, L. Alemany et al., Worldwide human papillomavirus genotype "
         "attribution. European journal of cancer (Oxford, England: 1990) 49, 3450 (2013).",
         "de Sanjose", 2013, "49", "3450"),
        # A title opening in lower case after a name list ended by a comma.
        ("J.W. Rocco, D. Sidransky, p16(MTS-1/CDKN2/INK4a) in cancer progression. "
         "Experimental cell research 264, 42 (2001).", "Rocco", 2001, "264", "42"),
        # An organisation's acronym, a comma, the title.
        ("WHO, Outbreaks of Rift Valley fever in Kenya, Somalia and United Republic of "
         "Tanzania. Weekly epidemiological news 20, 169 (2007).", "WHO", 2007, "20", "169"),
    ],
)
def test_springer_physics_entries_of_other_fields(
    entry: str, family: str, year: int, volume: str, pages: str
) -> None:
    ref = parse_entry(entry, 1)
    assert (ref.authors[0].family if ref.authors else None, ref.year, ref.volume, ref.pages) == (
        family, year, volume, pages
    )


@pytest.mark.parametrize(
    ("entry", "family", "year", "journal", "volume", "pages"),
    [
        # old APS lists: the volume glued to the journal's name
        ("A. A. Starobinsky, JETP Lett.30, 682 (1979); V. A. Rubakov, Phys. Lett. B115, 189 "
         "(1982).", "Starobinsky", 1979, "JETP Lett.", "30", "682"),
        ("B. Czech and M. Van Raamsdonk, The Gravity Dual of a Density Matrix, Classical "
         "Quantum Gravity29, 155009 (2012).", "Czech", 2012, "Classical Quantum Gravity", "29",
         "155009"),
        ("L. P. Grishchuk, Zh. Éksp. Teor. Fiz.67, 825 (1974).", "Grishchuk", 1974,
         "Zh. Éksp. Teor. Fiz.", "67", "825"),
        # a series letter glued to the volume: a journal of its own (Physical Review A) ...
        ("C. Bény and A. Kempf, Quantum Error Correction of Observables, Phys. Rev. A76, "
         "042303 (2007).", "Bény", 2007, "Phys. Rev. A", "76", "042303"),
        # ... or part of the volume as printed ("Phys. Lett. 98B" likewise)
        ("A. A. Belavin and A. M. Polyakov, Infinite conformal symmetry, Nucl. Phys. B241, 333 "
         "(1984).", "Belavin", 1984, "Nucl. Phys.", "B241", "333"),
    ],
)
def test_physics_volumes_glued_to_what_precedes_them(
    entry: str, family: str, year: int, journal: str, volume: str, pages: str
) -> None:
    ref = parse_entry(entry, 1, learned=False)
    assert (ref.authors[0].family, ref.year, ref.journal, ref.volume, ref.pages) == (
        family, year, journal, volume, pages
    )


def test_an_organisation_opening_with_an_initialism() -> None:
    ref = parse_entry(
        "U.S. General Accounting Office. Synar Amendment Implementation: Quality of state data "
        "could be improved. Washington, DC: Author; 2001.",
        1,
    )
    assert (ref.authors[0].family, ref.year) == ("U.S. General Accounting Office", 2001)
    assert ref.title is not None and ref.title.startswith("Synar Amendment")


def test_a_conference_id_glued_to_its_year_is_no_volume() -> None:
    ref = parse_entry(
        "J. de Blas, M. Ciuchini, and L. Silvestrini, Proc. Sci., ICHEP2016 (2017) 690 "
        "[arXiv:1611.05354].",
        1,
        learned=False,
    )
    assert (ref.year, ref.volume, ref.pages) == (2017, None, "690")


def test_a_line_closing_a_bracket_or_naming_a_publisher_goes_on_with_its_entry() -> None:
    """Lines of a two-column PDF's list that open like entries but go on the one before: a
    line closing the bracket the entry opened (a translated title), a publisher and its
    city ("UBC Press, Vancouver, BC." reads like "Press" and "Vancouver BC"), and a short
    "NBS, Beijing." in a list of names in capitals."""
    lines = [
        "LAODONGQUSHI. 年平均工时达到历史新高 [Average working hours reach a record in 2022.",
        "Why are we so busy?]. Laodongqushi. 2022.",
        "",
        "LI H, et al. The end of cheap Chinese labor. J Econ Perspect. 2012;26(4):57-74.",
        "",
        "NBS – National Bureau of Statistics of China. National data.",
        "NBS, Beijing.",
        "",
        "Qian, H., and K. Klinka 1998. Plants of British Columbia: Scientific names of lichens.",
        "UBC Press, Vancouver, BC.",
        "",
        "Ranwell, D. 1967. World resources of Spartina. Journal of Applied Ecology 4:239-256.",
        "",
        "RIBEIRO, A. Title of a work. Editora, 2009.",
        "",
        "SOUZA, B. Another work. Editora, 2011.",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.raw[:10] for r in refs] == [
        "LAODONGQUS", "LI H, et a", "NBS – Nati", "Qian, H., ", "Ranwell, D", "RIBEIRO, A",
        "SOUZA, B. ",
    ]


@pytest.mark.parametrize(
    ("raw", "family", "year", "journal", "volume", "pages"),
    [
        ("Springel V., 2005, MNRAS, 364, 1105", "Springel", 2005, "MNRAS", "364", "1105"),
        ("Kauffmann G., et al., 2003, MNRAS, 341, 33", "Kauffmann", 2003, "MNRAS", "341", "33"),
        ("Bertin, E. & Arnouts, S. 1996, A&AS, 117, 393", "Bertin", 1996, "A&AS", "117", "393"),
        ("Smith, J., Jones, K., & Lee, M. 2004, ApJ, 600, L100", "Smith", 2004, "ApJ", "600",
         "L100"),
        ("Planck Collaboration et al., 2016, A&A, 594, A13", "Planck Collaboration", 2016,
         "A&A", "594", "A13"),
        # RSC (chemistry): the journal, then its year
        ("J. Smith and K. Jones, J. Am. Chem. Soc., 2004, 126, 100.", "Smith", 2004,
         "J. Am. Chem. Soc.", "126", "100"),
        ("A. B. Smith, C. D. Jones and E. Brown, Chem. Sci., 2015, 6, 1234-1240.", "Smith",
         2015, "Chem. Sci.", "6", "1234-1240"),
        ("J. Smith, Nature, 2004, 430, 100.", "Smith", 2004, "Nature", "430", "100"),
        # AIP: "J. Chem." after the last name is the journal's, no name
        ("J. Smith and K. Jones, J. Chem. Phys. 120, 100 (2004).", "Smith", 2004,
         "J. Chem. Phys.", "120", "100"),
    ],
)
def test_astronomy_entries_without_titles(
    raw: str, family: str, year: int, journal: str, volume: str, pages: str
) -> None:
    """MNRAS, A&A, ApJ: names, the year, the journal's abbreviation, volume and page; RSC:
    names, the journal, its year, volume and page."""
    ref = parse_entry(raw, 1, learned=False)
    assert (ref.authors[0].family, ref.year, ref.journal, ref.volume, ref.pages) == (
        family, year, journal, volume, pages
    )
    assert ref.title is None


def test_an_elided_name_list_and_a_roman_chapter_at_a_line_end() -> None:
    """APA 7 elides names with "…" and puts the last name on the next line: the entry goes
    on; "Chapter I." ends an entry as a page would, it is no initial running on."""
    lines = [
        "Chen, S. Y., Dai, T. X., Chang, Y. T., Wang, S. S., Ou, S. L., Chuang, W. L., …",
        "Ku, H. M. (2013). Genetic diversity among Ocimum species based on",
        "ISSR, RAPD and SRAP markers. Australian Journal of Crop Science, 7,",
        "1463–1471.",
        "Glisky, El. (2007) Changes in cognitive function in human",
        "aging. In Riddle DR, editor. Brain Aging: Models, Methods,",
        "and Mechanism. Boca Raton (FL): CRC Press/Taylor &",
        "Francis. Chapter I.",
        "Prince, M. and Jackson, J. (2009) World Alzheimer Report",
        "2009. Alzheimer’s Disease International, London. p1-96.",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.raw[:8] for r in refs] == ["Chen, S.", "Glisky, ", "Prince, "]
    assert refs[0].year == 2013 and refs[2].year == 2009


@pytest.mark.parametrize(
    ("raw", "doi"),
    [
        ("Lee A. Title. Diabetes Res Clin Pract. 2014;105(3):322-6. "
         "http://dx.doi.org/10.1016/j. diabres.2014.06.001. PMid:25037441.",
         "10.1016/j.diabres.2014.06.001"),
        ("Uhlen M. Title. Mol Cell Proteomics 2014; 13: 397-406, doi: 10.1074/mcp.M113. "
         "035600.", "10.1074/mcp.M113.035600"),
        ("Lee A. Title. J Things. 2013. doi:10.1038/ng.2653. Available at: http://x.org",
         "10.1038/ng.2653"),
    ],
)
def test_a_doi_broken_after_its_full_stop_before_more_of_the_entry(raw: str, doi: str) -> None:
    """Text extracted without its line ends breaks a DOI after a full stop with a space
    (``10.1016/j. diabres.2014.06.001``); the fragment after it (a digit first, or a dot
    inside) is the DOI's, a word is not."""
    assert parse_entry(raw, 1).doi == doi


def test_a_title_in_guillemets() -> None:
    ref = parse_entry(
        "Tolaminejad, B., et K. Dehghani. «Microstructural Characterization of AA1070.» "
        "Journal of Things 12 (2012): 1-2.",
        1,
        learned=False,
    )
    assert ref.title == "Microstructural Characterization of AA1070"
    assert (ref.journal, ref.year, ref.volume) == ("Journal of Things", 2012, "12")
    assert ref.pages == "1-2"


def test_a_stray_word_set_apart_after_a_complete_entry_is_no_entry() -> None:
    """pdftotext sets a justified line one word per line and may move a word ("at:") past
    the link that followed it, between blank lines: the next entry still opens."""
    lines = [
        "NBS – National Bureau of Statistics of China. Annual report on rural",
        "migrant",
        "workers.",
        "Available",
        "https://www.gov.cn/xinwen/2015-04/29/content_2854930.htm. Last access: Jan. 14, 2024.",
        "",
        "at:",
        "",
        "NBS – National Bureau of Statistics of China. Annual report 2016. Beijing: NBS, 2017.",
        "OLIVEIRA, P. Title of a work. Editora, 2011.",
    ]
    refs = parse_reference_list(["References", *lines]).references
    assert [r.raw[:12] for r in refs] == ["NBS – Nation", "NBS – Nation", "OLIVEIRA, P."]


def test_a_one_letter_name_opening_a_group_author_is_no_title_first_entry() -> None:
    # ABNT's title-first entries open with an article ("A HORAS de ...", "O ESTADO ..."); the
    # "R" of "R Core Team" is a group author's first word.
    ref = parse_entry(
        "R Core Team (2020). R: A language and environment for statistical computing. "
        "R Foundation for Statistical Computing, Vienna, Austria.",
        1,
        learned=False,
    )
    assert (ref.authors[0].family, ref.year) == ("R Core Team", 2020)
    assert parse_entry("A HORAS de aprobarse en el Congreso. Ámbito, 2018.", 1).authors == ()


@pytest.mark.parametrize(
    "raw",
    [
        "Smith J, Jones K. Title of preprint. bioRxiv 2020.01.01.123456 [Preprint]. 2020.",
        "Smith J, Jones K. Title of preprint. medRxiv 2020.05.12.20099999; "
        "doi: https://doi.org/10.1101/2020.05.12.20099999",
    ],
)
def test_a_preprint_id_opening_with_its_date_is_no_volume(raw: str) -> None:
    ref = parse_entry(raw, 1)
    assert (ref.year, ref.volume) == (2020, None)


def test_german_volume_and_issue_labels() -> None:
    ref = parse_entry(
        "Müller, H. (2004): Titel der Arbeit. Zeitschrift für Dinge, Jg. 12, H. 3, S. 100–110.", 1
    )
    assert (ref.year, ref.volume, ref.pages, ref.journal) == (
        2004, "12", "100-110", "Zeitschrift für Dinge"
    )
