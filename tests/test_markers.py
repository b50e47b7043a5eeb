from __future__ import annotations

import pytest

from citelink.parse.markers import expand, find_markers, find_table_pointers


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        ("8-9", (8, 9)),
        ("23, 37", (23, 37)),
        ("23-24, 38-39", (23, 24, 38, 39)),
        ("16–19", (16, 17, 18, 19)),
        ("5～6", (5, 6)),
        ("5~7", (5, 6, 7)),
        ("2，5、7", (2, 5, 7)),
        ("3, 3, 4", (3, 4)),
    ],
)
def test_expand(text: str, refs: tuple[int, ...]) -> None:
    assert expand(text) == refs


@pytest.mark.parametrize(
    ("text", "printed", "refs"),
    [
        ("Petersen 等^[1] 在", "^[1]", (1,)),
        ("发展进程^[22-26]（见表 3）", "^[22-26]", (22, 23, 24, 25, 26)),
        ("改善^[24, 28, 30, 33] (见表 1~2, 4)", "^[24, 28, 30, 33]", (24, 28, 30, 33)),
        ("as shown [3,5-7].", "[3,5-7]", (3, 5, 6, 7)),
        ("全角［12］标记", "［12］", (12,)),
        ("reported before.¹² Next", "¹²", (12,)),
        ("in mice³⁻⁵ and", "³⁻⁵", (3, 4, 5)),
        ("as in [1]–[3] before", "[1]–[3]", (1, 2, 3)),
        ("of evolution^[1]–^[5]. Although", "^[1]–^[5]", (1, 2, 3, 4, 5)),  # as a PDF sets it
        ("见［1－3］", "［1－3］", (1, 2, 3)),
        ("after 3 days at 4 °C^[33], possibly", "^[33]", (33,)),  # a unit's letter, a caret
        # a locator after the numbers, a hint before them (IEEE, mathematics, PLOS)
        ("as proved in [12, p. 5].", "[12, p. 5]", (12,)),
        ("see [3, Ch. 2] and", "[3, Ch. 2]", (3,)),
        ("by [4, Theorem 2.1], the", "[4, Theorem 2.1]", (4,)),
        ("shown [1, 2, pp. 3-5] and", "[1, 2, pp. 3-5]", (1, 2)),
        ("in plate A [1: fig. 4] is", "[1: fig. 4]", (1,)),
        ("the skeleton [22: 50, 62–65, fig. 2.20] of", "[22: 50, 62–65, fig. 2.20]", (22,)),
        ("teeth [23, pl. LII: 9] and", "[23, pl. LII: 9]", (23,)),
        ("as conceived [e.g., 17] the", "[e.g., 17]", (17,)),
        ("as argued [see 8] before", "[see 8]", (8,)),
    ],
)
def test_find_markers(text: str, printed: str, refs: tuple[int, ...]) -> None:
    (marker,) = find_markers(text, max_ref=43)
    assert (marker.printed, marker.refs) == (printed, refs)
    assert text[marker.start : marker.end] == printed


@pytest.mark.parametrize(
    "text",
    [
        "an area of 5 m² was used",
        "3.2×10⁷ cells",
        "CD34⁺ cells",
        "x² + y²",
        "the year [2021] text",
        "[作者单位] 100039",
        "t[28] = 2.1, and F[1,12] = 3.4",  # degrees of freedom
        "a vector [12, North] and [3, red]",  # a comma, then no locator's word
        "by the [[7,1,3]] Steane code and a [[4,2,2]] code",  # a quantum code's parameters
    ],
)
def test_not_markers(text: str) -> None:
    assert find_markers(text, max_ref=43) == ()


def test_superscript_beyond_the_list_is_not_a_marker() -> None:
    assert find_markers("shown before.⁹⁹ Next", max_ref=43) == ()


@pytest.mark.parametrize(
    ("text", "tables"),
    [
        ("临床研究（见表 1）。", (1,)),
        ("病死率^[16-19]（见表 1～2）。", (1, 2)),
        ("明显下降^[24] (见表 1~2, 4)。", (1, 2, 4)),
        ("如表1所示", (1,)),
        ("as summarised (see Table 2).", (2,)),
        ("in Tables 1 and 3 we list", (1, 3)),
        ("(Tables 1-3)", (1, 2, 3)),
        ("^[5]（见表 1 和表 2）", (1, 2)),
        ("in Table 1 and Table 3 we", (1, 3)),
        ("Tables 1, 2 and 4 list", (1, 2, 4)),
        ("In Table 1, 2 patients died", (1,)),
        ("见表 1, 2 例患者", (1,)),
    ],
)
def test_table_pointers(text: str, tables: tuple[int, ...]) -> None:
    (pointer,) = find_table_pointers(text)
    assert pointer.tables == tables


@pytest.mark.parametrize(
    "text", ["表达明显上调", "代表性的研究", "Table S1 lists", "a suitable method"]
)
def test_not_table_pointers(text: str) -> None:
    assert find_table_pointers(text) == ()


def test_markers_broken_over_lines_are_one_marker() -> None:
    from citelink.parse.article import parse_article

    entries = "".join(f"[{i}] Smith J. Study {i}. J Med. 2001;{i}:1-2.\n" for i in range(1, 116))
    text = (
        "Title\n\nIntroduction\nSeveral studies agree [112,113,114]. As noted in Ref. [9], the "
        "effect is large [1,\n2]. Others [3–\n5] disagree.\n\n"
        "References\n" + entries
    )
    claims = parse_article(text).claims
    assert [[m.refs for m in s.markers] for s in claims] == [
        [(112, 113, 114)],
        [(9,), (1, 2)],
        [(3, 4, 5)],
    ]
    # Superscripts broken over lines, in an article that cites with superscripts.
    text = (
        "Title\n\nIntroduction\nSeveral studies agree.¹ Others disagree.²⁻⁴ As liver "
        "function¹²,\n¹³ shows.\n\nReferences\n" + entries
    )
    claims = parse_article(text).claims
    assert [[m.refs for m in s.markers] for s in claims][-1] == [(12, 13)]


def test_superscripts_are_footnotes_where_the_article_cites_with_brackets() -> None:
    """A PDF of a bracket-citing article (IOP, APS) sets footnote marks and exponents as
    superscripts: they become ``^[n]`` in its text, and are no citations there."""
    from citelink.parse.article import parse_article

    body = (
        "Introduction\n\n"
        "Oscillation experiments measure masses [1]. Later work agrees [2] and so does [3].\n"
        "The absolute scale is unknown^[2] and cosmology helps [1, 3].\n\n"
        "References\n\n"
        "[1] Dolgov A D 2002 Phys. Rep. 370 333\n"
        "[2] Lesgourgues J and Pastor S 2006 Phys. Rep. 429 307\n"
        "[3] Hannestad S 2010 Prog. Part. Nucl. Phys. 65 185\n"
    )
    printed = [m.printed for s in parse_article(body).claims for m in s.markers]
    assert printed == ["[1]", "[2]", "[3]", "[1, 3]"]
    # Where superscripts are the article's way of citing, they are read.
    sup = body.replace(" [1]. Later", "^[1]. Later").replace(" [1, 3].", "^[1,3].")
    sup = sup.replace(" [2] and so does [3]", "^[2] and so does^[3]")
    printed = [m.printed for s in parse_article(sup).claims for m in s.markers]
    assert "^[2]" in printed and "^[1,3]" in printed
