"""Plain text as PDF extraction leaves it: page furniture at page edges, labels on lines of
their own."""

from __future__ import annotations

from citelink import parse_article
from citelink.parse.columns import read_columns
from citelink.parse.furniture import strip_page_furniture

from .conftest import DATA

FOOT = "Cad. Saúde Colet., 2023; 31(3):e31030043 | https://doi.org/10.1590/1414-462X2023"
PAGES = [
    "Diabetes na gestação\n\nIntroduction\nDiabetes is common in pregnancy [1].\n\n" + FOOT,
    "\f2\n\nIt is screened for at the first visit [2].\n\n" + FOOT,
    "\f3\n\nREFERÊNCIAS\n1.\n\nAmerican Diabetes Association. Standards of medical care in"
    " diabetes. Diabetes Care. 2016;39(1):1-111.\n\n2.\n\nReece EA, Moore T. The diagnostic"
    " criteria for gestational diabetes. Am J Obstet\n" + FOOT,
    "\f4\nGynecol. 2013;208(4):255-9.\n\n3.\n\nDode MA, Santos I. Fatores de risco. Cad Saude"
    " Publica. 2009;25(5):1141-52.\n" + FOOT.replace("e31030043", "e31030044"),
]
TEXT = "\n".join(PAGES)


def test_running_feet_and_page_numbers_are_blanked_and_lines_keep_their_numbers() -> None:
    out = strip_page_furniture(TEXT)
    assert out.count("\n") == TEXT.count("\n")
    assert "Cad. Saúde Colet." not in out and "\f2" not in out and "\f4\n" not in out
    assert "Diabetes is common in pregnancy [1]." in out
    assert strip_page_furniture("no pages\nhere") == "no pages\nhere"


def test_a_list_whose_labels_stand_alone_reads_across_the_page_break() -> None:
    article = parse_article(TEXT)
    refs = article.references
    assert [r.n for r in refs] == [1, 2, 3]
    assert [r.authors[0].family for r in refs] == ["American Diabetes Association", "Reece", "Dode"]
    assert (refs[1].year, refs[1].volume, refs[1].pages) == (2013, "208", "255-9")
    assert not article.warnings
    assert [m.refs for s in article.claims for m in s.markers] == [(1,), (2,)]


def test_years_alone_on_a_line_are_not_labels() -> None:
    lines = [
        "References",
        "SMITH, J. A long title of a report on wages in China. Rev. Econ., v. 62, p. 555-589,",
        "2020.",
        "SERRANO, F. A acumulação e o gasto improdutivo. Petrópolis: Vozes, 2001.",
        "2001.",
        "SOUZA, R. A China de Mao a Xi Jinping. Salvador: EDUFBA, 2023.",
    ]
    article = parse_article("\n".join(["Intro", "Text (SMITH, 2020).", "", *lines]))
    assert [r.authors[0].family for r in article.references] == ["SMITH", "SERRANO", "SOUZA"]


# Two columns side by side, as `pdftotext -layout` gives a page of Veterinary World 2016
# (tests/data/pdftext, CC BY 4.0).
LAYOUT = (DATA / "styles" / "two-columns.txt").read_text(encoding="utf-8")


def test_side_by_side_columns_are_read_one_after_the_other() -> None:
    lines = read_columns(LAYOUT.rstrip("\n")).split("\n")
    assert lines[0] == "Indonesia. The analysis of the plant identities was"
    assert lines[5] == "Ethanolic extract of O. sanctum"
    assert lines[6] == "The powdered material of O. sanctum Linn. leafs"
    right = lines.index("Germany) for 24 h. Cells were fixed with 4% parafor-")
    assert right == 9 and lines[right + 6] == "FITC-labeled rabbit-antimouse IgG (Dako) or FITC-"
    # one column with its labels in a margin is no two columns
    margin = "\n".join(f"{n}.      Author{n} A. Title {n}. J Med. 2001;{n}:1-9." for n in range(12))
    assert read_columns(margin) == margin
