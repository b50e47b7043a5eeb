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
    ],
)
def test_reference_headings(heading: str) -> None:
    assert is_reference_heading(heading)


@pytest.mark.parametrize("line", ["Referenced works are below.", "1. Introduction", "Methods"])
def test_not_reference_headings(line: str) -> None:
    assert not is_reference_heading(line)


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


def test_list_ends_at_received_date_and_appendix() -> None:
    lines = [
        "参考文献",
        "[1] 王福生, 施明. 干细胞[J]. 中华肝脏病杂志, 2015, 23(1): 1-5.",
        "（收稿日期：2020-10-12）",
        "(本文编辑：张三)",
    ]
    (ref,) = parse_reference_list(lines).references
    assert ref.raw.endswith("1-5.")
    english = ["References", "1. Doe J. A title. J Biol. 2001;1:1-2.", "", "Appendix", "More."]
    assert len(parse_reference_list(english).references) == 1
