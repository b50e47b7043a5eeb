from __future__ import annotations

from citelink.model import Article, Table
from citelink.parse.citestyle import CitationStyle, MarkerReader
from citelink.parse.tables import find_tables, link_rows, render_cell

from .conftest import DATA


def linked(lines: list[str], max_ref: int | None = None) -> list[Table]:
    """Tables read from ``lines`` and linked as in a bracket-citing article."""
    cites = MarkerReader(CitationStyle(), ()).cell_refs
    return [link_rows(b.table, cites, max_ref) for b in find_tables(lines)]


def test_render_cell_makes_latex_plain() -> None:
    assert render_cell("$5 \\times 10^5/kg$") == "5×10^5/kg"
    assert render_cell("$(4.10 \\sim 26.82) \\times 10^6/kg$") == "(4.10~26.82)×10^6/kg"
    assert render_cell("(3.4±3.8)×10 ⁸") == "(3.4±3.8)×10^8"


def test_bundled_tables(bundled: Article) -> None:
    tables = {t.number: t for t in bundled.tables}
    assert sorted(tables) == [1, 2, 3, 4]
    assert [[r.refs for r in t.rows] for t in bundled.tables] == [
        [(15,), (16,), (17,), (20,), (21,), (33,), (34,), (35,), (41,)],
        [(18,), (19,), (40,), (42,)],
        [(22,), (23,), (24,), (25,), (26,), (31,), (32,), (36,), (37,), (38,), (39,)],
        [(27,), (28,), (29,), (30,), (43,)],
    ]
    t1 = tables[1]
    assert t1.caption.startswith("表 1 MSCs")
    assert t1.caption_en is not None and t1.caption_en.startswith("Table 1 Clinical study")
    assert t1.header == ("肝病种类", "细胞数量", "输注途径", "随访时间", "治疗效果", "参考文献")
    assert t1.ref_column == 5
    assert tables[3].note == "注: / 无数据"


def test_row_broken_over_lines_is_one_row(bundled: Article) -> None:
    t4 = next(t for t in bundled.tables if t.number == 4)
    row = t4.rows[1]
    assert row.refs == (28,)
    assert row.cells[0].startswith("肝衰竭(乙型肝炎、丙型肝炎、")
    assert row.cells[0].endswith("药物性肝损伤及 Wilson 病)")
    assert t4.row_mapping(row)["随访时间"] == "4个月"
    assert t4.row_mapping(row)["细胞数量"] == "(4.10~26.82)×10^6/kg"


def test_row_completed_below_takes_the_reference_below(vancouver: Article) -> None:
    t1 = vancouver.tables[0]
    assert [r.refs for r in t1.rows] == [(3,), (8,), (10,)]
    assert t1.row_mapping(t1.rows[2]) == {
        "Disease": "Crigler-Najjar syndrome",
        "Patients": "2",
        "Route": "Splenic",
        "Outcome": "Bilirubin fell by half",
        "Ref.": "[10]",
    }


def test_pipe_table_and_ref_column_found_by_content() -> None:
    lines = [
        "Table 2 Results",
        "| Group | n | Source |",
        "|---|---|---|",
        "| A | 10 | [1, 2] |",
        "| B | 12 | [3] |",
        "",
        "Next paragraph.",
    ]
    (block,) = find_tables(lines)
    (table,) = linked(lines)
    assert table.number == 2 and table.header == ("Group", "n", "Source")
    assert table.ref_column == 2
    assert [r.refs for r in table.rows] == [(1, 2), (3,)]
    assert 6 not in block.lines


def test_caption_without_table_is_not_a_table() -> None:
    assert find_tables(["Table 1 shows the main results.", "", "Then text follows."]) == []


def test_reference_column_by_header_variants_and_by_markers() -> None:
    lines = [
        "Table 3 Studies",
        "Study\tn\tReference(s)",
        "Smith\t10\t4, 6",
        "",
        "Table 4 Trials",
        "Trial\tArm",
        "Smith et al. [5]\tA",
        "Jones et al. [7, 8]\tB",
    ]
    first, second = linked(lines)
    assert first.ref_column == 2 and [r.refs for r in first.rows] == [(4, 6)]
    assert second.ref_column == 0 and [r.refs for r in second.rows] == [(5,), (7, 8)]
    assert second.row_mapping(second.rows[0]) == {"Trial": "Smith et al. [5]", "Arm": "A"}


def test_data_columns_are_never_reference_columns() -> None:
    lines = [
        "Table 1 Characteristics",
        "Characteristic\tn\tAge\t%",
        "Men\t12\t54\t40",
        "Women\t18\t51\t60",
        "",
        "Table 2 Counts",
        "Site\tCases",
        "A\t3",
        "B\t4",
        "C\t9",
    ]
    first, second = linked(lines, max_ref=40)
    assert first.ref_column is None and all(r.refs == () for r in first.rows)
    # A column of plain small numbers with no reference header is data, not citations.
    assert second.ref_column is None and all(r.refs == () for r in second.rows)


def test_numbers_beyond_the_list_are_data_and_citations_in_any_cell_count() -> None:
    lines = [
        "Table 1 Studies",
        "Study\tSite\tRef.",
        "Cisse (2006) [20]\tNiakhar\t20",
        "Kweku\tHohoe\t512",
        "",
        "Table 2 Columns are studies",
        "\tCisse (2006) [20]\tKweku (2008) [22]",
        "Location\tSenegal\tGhana",
    ]
    first, second = linked(lines, max_ref=30)
    assert [r.refs for r in first.rows] == [(20,), ()]
    assert first.rows[0].cell_refs == ((20,), (), (20,))
    assert second.header_refs == ((), (20,), (22,))
    assert [r.refs for r in second.rows] == [()]


# -- kinds from tests/data/wild2 -----------------------------------------------------------

_WILEY = (DATA / "tables" / "wiley-legend.txt").read_text(encoding="utf-8")


def test_a_numbered_legend_under_a_table_resolves_note_marks() -> None:
    from citelink.parse.article import parse_article

    article = parse_article(_WILEY)
    (table,) = article.tables
    assert [r.cells[0] for r in table.rows] == ["wMel", "Ae. albopictus2", "wAu"]
    # the row continued by a rowspan is a row of its own, with its own marks only
    assert [r.refs for r in table.rows] == [(2, 4, 1, 3), (4, 3), ()]
    # the legend's citations are claims, and so is the caption's
    claims = {s.text[:12]: s.refs for s in article.claims}
    assert claims["1Hoffmann (1"] == (1, 2, 3, 4)
    assert claims["Stable Wolba"] == (1,)


def test_note_marks_without_a_legend_are_data() -> None:
    lines = [
        "Table 2. Counts",
        "Strain\tCI\tMT",
        "wMel\tHigh12\tPartial4",
    ]
    (table,) = linked(lines, max_ref=20)
    assert table.rows[0].refs == ()


_QUADRO = (DATA / "tables" / "abnt-quadro.txt").read_text(encoding="utf-8")


def test_rows_that_name_a_study_are_linked_to_it() -> None:
    from citelink.parse.article import parse_article

    article = parse_article(_QUADRO)
    (table,) = article.tables
    assert table.number == 1 and table.caption.startswith("Quadro 1.")
    assert [r.refs for r in table.rows] == [(1,), (2,), (3,)]


def test_a_line_of_units_under_the_header_is_not_row_1() -> None:
    lines = [
        "Table 3. Soil attributes",
        "Treatment\tpH\tP\tK\tCOT",
        "\t(H2O)\t(mg/dm³)\t(cmolc/dm³)\t(%)",
        "Control\t4.1\t2.3\t0.12\t1.8",
    ]
    (table,) = linked(lines)
    assert [r.cells[0] for r in table.rows] == ["Control"]
    assert table.header[2] == "P (mg/dm^3)"


def test_a_row_naming_a_study_by_year_and_author_cells() -> None:
    from citelink.model import Author, Reference

    refs = [
        Reference(
            n=1,
            raw="Denslow, J. S. 1980. Gap partitioning.",
            authors=(Author("Denslow"),),
            year=1980,
            number_printed=False,
        ),
        Reference(
            n=2,
            raw="Brokaw, N. 1985. Treefalls.",
            authors=(Author("Brokaw"),),
            year=1985,
            number_printed=False,
        ),
    ]
    cites = MarkerReader(CitationStyle(author_year=True), refs).cell_refs
    lines = [
        "Table 1. Studies of treefall gaps",
        "Year\tAuthor\tSite",
        "1980\tDenslow\tCosta Rica",
        "1985\tBrokaw\tPanama",
        "1990\tSmith\tBrazil",
        "1985\tPanama\tBrokaw site",
    ]
    (block,) = find_tables(lines)
    table = link_rows(block.table, cites, 2)
    assert [r.refs for r in table.rows] == [(1,), (2,), (), ()]


def test_note_marks_are_digits_after_a_word_never_inside_a_token() -> None:
    from citelink.parse.tables import cell_notes

    assert cell_notes("Partial*,1,2 none3") == (1, 2, 3)
    assert cell_notes("High†,21,22,24") == (21, 22, 24)
    assert cell_notes("Ae. albopictus16") == (16,)
    assert cell_notes("CD34") == () and cell_notes("H2O") == ()


def test_hostile_unit_lines_are_read_quickly() -> None:
    from citelink.parse.tables import _UNIT_CELL

    # a unit pattern that could cut one word many ways would never return on these
    for cell in ("a" * 60 + "!", "(a/b" * 40 + "!", "ab  " * 60 + "!", "a   b" * 40 + "!"):
        assert _UNIT_CELL.fullmatch(cell) is None


def test_a_cell_wrapped_onto_a_line_of_its_own_stays_in_its_row() -> None:
    lines = [
        "Table 4 Results",
        "Disease\tCells\tRoute\tResult",
        "Cirrhosis\t5x10^9\tvein\tALB up [1]",
        "Liver failure (hepatitis B, hepatitis C,\t4x10^6\tartery\tALB up [2]",
        "drug-induced injury)",
        "End-stage disease\t8x10^8\tartery\tTBIL down [3]",
    ]
    (block,) = find_tables(lines)
    assert [r.cells[0] for r in block.table.rows] == [
        "Cirrhosis",
        "Liver failure (hepatitis B, hepatitis C, drug-induced injury)",
        "End-stage disease",
    ]
    assert block.lines == frozenset(range(6))


def test_a_caption_wrapped_over_lines_still_heads_its_table() -> None:
    """A PDF wraps a long caption: the lines up to the one that ends its sentence belong
    to it; a line starting with "Table 2" in running text, with no table under its
    sentence, heads nothing."""
    lines = [
        "Table 5. Effect of IPTc on mean haemoglobin concentrations in intervention and",
        "control arms at the end of the intervention period.",
        "",
        "Study\tSite\tNo. children\tMean Hb (g/dL)",
        "Kweku (2008) [22]\tHohoe\t550\t9.2 (6.6–11.8)",
        "Dicko (2008) [21]\tKambila\t55\t32.1 (31.2–33.0)",
        "",
        "Table 2 sets out what the trials measured, and how",
        "their arms differed in what the children were given",
        "before the season.",
    ]
    blocks = find_tables(lines)
    assert len(blocks) == 1
    table = blocks[0].table
    assert table.number == 5 and table.caption.endswith("end of the intervention period.")
    assert [row.cells[0] for row in table.rows] == ["Kweku (2008) [22]", "Dicko (2008) [21]"]
    assert sorted(blocks[0].lines) == [0, 3, 4, 5]  # caption, header, rows: line 1 stays text


def test_a_table_as_a_pdf_prints_it_wrapped_caption_and_legend() -> None:
    """The Wiley table of wiley-legend.txt as its PDF text reads: the caption wrapped
    and without a final stop, a blank line before the rows, the legend wrapped over
    lines, the other notes after it."""
    from citelink.parse.article import parse_article

    pdf = _WILEY.replace(
        "Table 1. Stable Wolbachia infections in native and transinfected hosts (Fry et al. "
        "2004)\n",
        "Table 1. Stable Wolbachia infections in native and transinfected\n"
        "hosts (Fry et al. 2004)\n\n",
    ).replace(
        "2Reynolds and Hoffmann (2002); 3Fry",
        "2Reynolds and\nHoffmann (2002); 3Fry",
    )
    article = parse_article(pdf)
    (table,) = article.tables
    assert table.caption.endswith("hosts (Fry et al. 2004)")
    assert [r.refs for r in table.rows] == [(2, 4, 1, 3), (4, 3), ()]


def test_a_pdf_header_over_several_columns() -> None:
    """A PDF drops a header's leading empty cells: a heading spanning the columns is a
    line of its own and the line under it has fewer cells than the rows; the header is
    the line with a cell per column, and the rows keep their first cells."""
    lines = [
        "Table 1. Substrate specificity of recombinant Lip-HSL proteins.",
        "",
        "Substrate chain length/specific activities (U/mg)",
        "pNP esters\tVinyl esters\tTAG",
        "Protein\tBest\tUp to\tBest\tUp to\tBest\tUp to",
        "LipC [18]\tC4/0.12\tC10/0.02\tn.d\tn.d\tn.d\tn.d",
        "LipF\tC4/0.18\tC10/0.02\tn.d\tn.d\tn.d\tn.d",
    ]
    (table,) = linked(lines, max_ref=20)
    assert table.header == ("Protein", "Best", "Up to", "Best", "Up to", "Best", "Up to")
    assert [(r.cells[0], r.refs) for r in table.rows] == [("LipC [18]", (18,)), ("LipF", ())]
    # a first row of data under a short header stays a row
    lines = ["Table 2. Counts", "Strain\tCases", "wMel\t12\t3", "wAu\t4\t5"]
    (table,) = linked(lines, max_ref=20)
    assert table.header == ("Strain", "Cases")
    assert [r.cells[0].split()[0] for r in table.rows] == ["wMel", "wAu"]


def test_a_column_of_reference_lists_under_any_header_cites() -> None:
    lines = [
        "Table 1 Specimens",
        "Designation\tParts\tDescription",
        "Darwinius masillae (holotype)\tComplete skeleton\tThis study",
        "Darwinius masillae\tTwo fragments\t(1, 24)",
        "Europolemur koenigswaldi\tPartial skeleton\t(10, 15, 16)",
        "Europolemur koenigswaldi\tMandible\t(38)",
        "Europolemur kelleri\tArm\t(17, 84, 85, 86)",
        "",
        "Table 2 Soil",
        "Depth (cm)\tpH\tAl",
        "0-5\t3,89\t9,53",
        "5-10\t3,93\t10,02",
        "10-20\t3,84\t9,40",
    ]
    first, second = linked(lines, max_ref=90)
    assert first.ref_column == 2
    assert [r.refs for r in first.rows] == [(), (1, 24), (10, 15, 16), (38,), (17, 84, 85, 86)]
    # decimal commas are no lists of entries
    assert second.ref_column is None and all(r.refs == () for r in second.rows)


def test_a_pdf_row_label_above_its_cells_and_quotes_under_them() -> None:
    # As a PDF prints a table whose study names span the row above each study's cells:
    # the label line lost its empty cells, and so did a quote under "Results".
    lines = [
        "Table 1. Experimental testing of protocols.",
        "Setting\tStandard\tAlternative\tResults",
        "Cummings et al., 1996 [27]",
        "Erie County, NY: 157 retailers.\tEnter store.\tReport no funds.\tNo difference.",
        '"The youths were successful in 45.5% of the first third of their attempts" (p. 323).',
        "Lying had little effect on results.",
        "",
        "DiFranza, Savageau, and Bouchard, 2001 [8]",
        "Eight communities, MA: 160 retailers.\tNo ID.\tSmokers.\tOdds 5.7 times greater.",
        "",
        "The experimental studies differ in design, and a paragraph of the article follows the",
        "table here, as long as paragraphs are: it is no part of the table, whose rows ended",
        "above, however many lines it runs over before the next table's caption.",
        "Table 2. Recommendations.",
        "Recommendation\tEvidence",
        "Vary the product\tStrong",
    ]
    first, second = linked(lines, max_ref=30)
    assert [(r.refs, r.cells[0][:12]) for r in first.rows] == [
        ((27,), "Cummings et "),
        ((), "Erie County,"),
        ((8,), "DiFranza, Sa"),
        ((), "Eight commun"),
    ]
    assert "Lying had little effect" in first.rows[1].cells[3]
    assert 10 not in {i for b in find_tables(lines) for i in b.lines}  # the paragraph
    assert [r.cells[0] for r in second.rows] == ["Vary the product"]


def test_a_line_that_cites_is_no_row_label_unless_a_row_follows() -> None:
    lines = [
        "Table 1. Trials.",
        "Trial\tN",
        "Alpha\t12",
        "",
        "As Cummings et al. found [27], the trials were small.",
        "",
        "Methods",
    ]
    (table,) = linked(lines, max_ref=30)
    assert [r.cells for r in table.rows] == [("Alpha", "12")]
