"""Files people have: JATS XML and plain text give the same article; hostile or
unsupported files get one line and exit 2."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from citelink import load_article
from citelink.model import Article

from .conftest import DATA
from .test_cli import run
from .wild import WILD, score_folder

ARTICLES = sorted(p.name for p in WILD.iterdir() if p.is_dir())


def _fields(article: Article) -> list[tuple[object, ...]]:
    return [
        (
            r.authors[0].family.casefold() if r.authors else None,
            r.year,
            r.volume,
            (r.pages or "").split("-")[0] or None,
        )
        for r in article.references
    ]


def _links(article: Article) -> Counter[tuple[int, ...]]:
    return Counter(tuple(sorted(m.refs)) for s in article.claims for m in s.markers if m.refs)


@pytest.mark.parametrize("name", ARTICLES)
def test_jats_and_text_give_the_same_references_and_links(name: str) -> None:
    text = load_article(WILD / name / "article.txt")
    jats = load_article(WILD / name / "source.nxml")
    assert len(jats.references) == len(text.references)
    same = sum(a == b for a, b in zip(_fields(text), _fields(jats), strict=True))
    assert same >= 0.95 * len(text.references)
    a, b = _links(text), _links(jats)
    shared = sum((a & b).values())
    assert shared >= 0.95 * min(sum(a.values()), sum(b.values()))


@pytest.mark.parametrize("name", ARTICLES)
def test_jats_scores_at_least_as_well_as_text(name: str) -> None:
    text, _ = score_folder(WILD / name, "article.txt")
    jats, _ = score_folder(WILD / name, "source.nxml")
    assert jats.fields >= text.fields - 0.01
    assert jats.citations >= text.citations - 0.03
    assert jats.rows_false == 0 and jats.rows >= text.rows


def test_jats_takes_tagged_dois_and_pmids() -> None:
    article = load_article(WILD / "kim2013-pone-mtdna-telomere" / "source.nxml")
    assert sum(1 for r in article.references if r.doi) >= 40
    assert article.title and "telomere" in article.title.lower()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE article [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<article><body><p>&c;</p></body><back><ref-list><ref id="r1">
<mixed-citation>x</mixed-citation></ref></ref-list></back></article>
"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE article [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<article><body><p>&secret;</p></body></article>
"""


@pytest.mark.parametrize("content", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_hostile_xml_is_refused_with_one_line_and_no_output(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "hostile.xml"
    path.write_bytes(content)
    out = tmp_path / "out.bib"
    code, stdout, err = run("bib", str(path), "-o", str(out))
    assert code == 2 and stdout == "" and err.count("\n") == 1
    assert "refused" in err and "Traceback" not in err and "root:" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00rest of a docx", "Word or other office document"),
        (b"<!DOCTYPE html><html><body><p>Hi</p></body></html>", "HTML or XML"),
        (b"<?xml version='1.0'?><book><p>x</p></book>", "HTML or XML"),
    ],
)
def test_unsupported_kinds_name_the_supported_ones(
    tmp_path: Path, content: bytes, what: str
) -> None:
    path = tmp_path / "paper.txt"  # the extension does not decide
    path.write_bytes(content)
    code, _, err = run("refs", str(path))
    assert code == 2 and what in err and "plain text (UTF-8), JATS XML or PDF" in err


def test_kind_comes_from_content_not_extension(tmp_path: Path) -> None:
    renamed = tmp_path / "article.pdf.txt"
    renamed.write_bytes((WILD / "liu2013-pone-gfr-ann" / "source.nxml").read_bytes())
    assert len(load_article(renamed).references) == 36
    plain = tmp_path / "article.xml"
    plain.write_bytes((DATA / "vancouver.txt").read_bytes())
    assert load_article(plain).references


# -- JATS kinds from tests/data/wild2 (SciELO, Springer, Europe PMC), in small fixtures ----


def _jats(body: str, refs: str, back: str = "", extra: str = "") -> Article:
    from citelink.inputs.jats import parse_jats

    xml = (
        '<article xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:mml="http://www.w3.org/1998/Math/MathML"><front><article-meta><title-group>'
        "<article-title>T</article-title></title-group></article-meta></front>"
        f"<body>{body}</body><back>{back}<ref-list>{refs}</ref-list></back>{extra}</article>"
    )
    return parse_jats(xml.encode(), "test.xml")


_ALEXANDRE = (
    '<ref id="B3"><mixed-citation>ALEXANDRE, N.Z. (1999) Diagnóstico ambiental da Região '
    "carbonífera de Santa Catarina. <italic>Revista Tecnologia e Ambiente</italic>, v. 5, n. 2, "
    'p. 35-50.</mixed-citation><element-citation publication-type="journal">'
    '<person-group person-group-type="author"><name><surname>ALEXANDRE</surname>'
    "<given-names>N.Z.</given-names></name></person-group><year>1999</year>"
    "<article-title>Diagnóstico ambiental</article-title><source>Revista Tecnologia e Ambiente"
    "</source><volume>5</volume><issue>2</issue><fpage>35</fpage><lpage>50</lpage>"
    "</element-citation></ref>"
)


def test_jats_tagged_citation_after_the_printed_one_gives_the_fields() -> None:
    article = _jats(
        "<p>Text (<xref ref-type='bibr' rid='B3'>ALEXANDRE, 1999</xref>).</p>", _ALEXANDRE
    )
    (ref,) = article.references
    assert (ref.authors[0].family, ref.year, ref.volume, ref.pages) == (
        "ALEXANDRE",
        1999,
        "5",
        "35-50",
    )
    assert ref.raw.startswith("ALEXANDRE, N.Z. (1999) Diagnóstico")


def test_jats_names_suffixes_page_ranges_and_split_author_groups() -> None:
    refs = (
        '<ref id="B1"><element-citation publication-type="journal"><person-group '
        'person-group-type="author"><name><surname>FURTINI</surname><suffix>NETO</suffix>'
        "<given-names>A.E.</given-names></name></person-group><year>2001</year>"
        "<source>Fertilidade do solo</source><page-range>252-260</page-range>"
        "</element-citation></ref>"
        '<ref id="B2"><element-citation publication-type="journal"><person-group '
        'person-group-type="author"><string-name>CAMPOS, J</string-name></person-group>'
        "<year>2015</year><source>Ámbito</source></element-citation></ref>"
        '<ref id="B3"><element-citation publication-type="journal"><person-group '
        'person-group-type="author"><name><surname>Mainous</surname><given-names>AG</given-names>'
        "<suffix>3rd</suffix></name></person-group><person-group person-group-type='author'>"
        "<name><surname>Diaz</surname><given-names>VA</given-names></name></person-group>"
        "<year>2009</year><source>Ann Fam Med</source></element-citation></ref>"
    )
    r1, r2, r3 = _jats("<p>x</p>", refs).references
    assert (r1.authors[0].family, r1.pages) == ("FURTINI NETO", "252-260")
    assert (r2.authors[0].family, r2.authors[0].given) == ("CAMPOS", "J")
    assert [a.family for a in r3.authors] == ["Mainous", "Diaz"]


def test_jats_pmid_is_not_glued_onto_the_doi() -> None:
    refs = (
        '<ref id="B1"><mixed-citation publication-type="journal"><person-group><name>'
        "<surname>Ainouche</surname><given-names>ML</given-names></name></person-group> "
        "(<year>2004a</year>)<article-title> Hybridization in Spartina.</article-title>"
        "<source>New Phytologist </source><volume>161</volume>: <fpage>165</fpage>-"
        '<lpage>172</lpage> doi: <ext-link ext-link-type="uri" '
        'xlink:href="http://dx.doi.org/10.1046/j.1469-8137.2003.00926.x">'
        '10.1046/j.1469-8137.2003.00926.x</ext-link><pub-id pub-id-type="pmid">12345678</pub-id>'
        "</mixed-citation></ref>"
    )
    (ref,) = _jats("<p>x</p>", refs).references
    assert ref.doi == "10.1046/j.1469-8137.2003.00926.x" and ref.pmid == "12345678"


def test_jats_notes_appendices_and_captions_are_text_that_cites() -> None:
    refs = _ALEXANDRE.replace('id="B3"', 'id="CR15"')
    body = (
        "<sec><title>Intro</title><p>Body.</p><table-wrap id='T1'><label>Table 1</label>"
        "<caption><p>Couplings in the twelve models [<xref ref-type='bibr' rid='CR15'>1</xref>]"
        "</p></caption><table><tr><td>M1</td></tr></table></table-wrap></sec>"
    )
    back = (
        "<app-group><app><title>A Details</title><sec><p>As shown in "
        "[<xref ref-type='bibr' rid='CR15'>1</xref>], the models <inline-formula><alternatives>"
        "<mml:math><mml:mi>ψ</mml:mi></mml:math><tex-math>\\documentclass{minimal}</tex-math>"
        "</alternatives></inline-formula> differ.</p></sec></app></app-group>"
        "<fn-group><fn><label>1</label><p>As acknowledged by "
        "<xref ref-type='bibr' rid='CR15'>ALEXANDRE (1999)</xref>, debt grew.</p></fn></fn-group>"
    )
    article = _jats(body, refs, back)
    texts = {s.text: s.refs for s in article.claims}
    assert texts["Couplings in the twelve models [1]"] == (1,)
    assert texts["As shown in [1], the models ψ differ."] == (1,)
    assert texts["As acknowledged by ALEXANDRE (1999), debt grew."] == (1,)
    assert not any("documentclass" in s.text for s in article.sentences)


def test_jats_author_year_cells_and_a_numbered_legend_link_rows() -> None:
    refs = "".join(
        f'<ref id="b{n}"><element-citation publication-type="journal"><person-group>'
        f"<name><surname>{name}</surname></name></person-group><year>{year}</year>"
        f"<source>J</source></element-citation></ref>"
        for n, name, year in ((1, "Brait", 2006), (2, "Hoffmann", 1988), (3, "Reynolds", 2002))
    )
    body = (
        "<p>x</p><table-wrap id='T1'><label>Quadro 1</label><caption><p>Q</p></caption><table>"
        "<thead><tr><th>AUTOR(ES)</th><th>PRESSUPOSTOS</th></tr></thead><tbody>"
        "<tr><td><xref ref-type='bibr' rid='b1'>Brait, 2006</xref></td><td>campos</td></tr>"
        "</tbody></table></table-wrap>"
        "<table-wrap id='T2'><label>Table 1</label><caption><p>Strains</p></caption><table>"
        "<thead><tr><th>Strain</th><th>CI</th></tr></thead><tbody>"
        "<tr><td>wMel</td><td>Partial<sup>*,1,2</sup></td></tr>"
        "<tr><td>wAu</td><td>None</td></tr></tbody></table><table-wrap-foot><fn><p>"
        "<sup>1</sup>Hoffmann (<xref rid='b2' ref-type='bibr'>1988</xref>); <sup>2</sup>Reynolds "
        "(<xref rid='b3' ref-type='bibr'>2002</xref>).</p></fn><fn><p>* High for one day old "
        "males</p></fn></table-wrap-foot></table-wrap>"
    )
    extra = (
        '<sub-article article-type="translation"><body><table-wrap><label>Table 1</label>'
        "<table><tr><td>translated</td></tr></table></table-wrap></body></sub-article>"
    )
    article = _jats(body, refs, extra=extra)
    tables = {t.caption.split()[0]: t for t in article.tables}
    assert [r.refs for r in tables["Quadro"].rows] == [(1,)]
    assert [r.refs for r in tables["Table"].rows] == [(2, 3), ()]
    assert tables["Table"].rows[0].cells == ("wMel", "Partial*,1,2")
    # the legend's citations are claims of their own
    assert any(s.refs == (2, 3) and s.text.startswith("1Hoffmann") for s in article.claims)


def test_jats_iop_formulas_are_read_as_their_text() -> None:
    refs = _ALEXANDRE.replace('id="B3"', 'id="nj1"')
    body = (
        "<p>Assuming the minimal <inline-formula><?CDATA $\\Lambda$?><?MML <mml:math>"
        "<mml:mi>&Lgr;</mml:mi></mml:math>?></inline-formula> CDM model, one gets "
        "<inline-formula><?MML <mml:math><mml:msub><mml:mi>M</mml:mi><mml:mi>&ngr;</mml:mi>"
        "</mml:msub></mml:math>?></inline-formula> &lt; 0.66 eV [<xref ref-type='bibr' "
        "rid='nj1'>1</xref>].</p>"
    )
    (claim,) = _jats(body, refs).claims
    assert claim.text == "Assuming the minimal Λ CDM model, one gets Mν < 0.66 eV [1]."


def test_jats_a_table_repeated_in_the_second_language_keeps_the_original() -> None:
    refs = _ALEXANDRE
    body = "".join(
        f"<table-wrap id='T{k}'><label>{label} 2</label><caption><p>{caption}</p></caption>"
        f"<table><tr><th>Solo</th></tr><tr><td>{cell}</td></tr></table></table-wrap>"
        for k, (label, caption, cell) in enumerate(
            (("Tabela", "Atributos do solo", "Argiloso"), ("Table", "Soil attributes", "Clay"))
        )
    )
    (table,) = _jats("<p>x</p>" + body, refs).tables
    assert (table.number, table.rows[0].cells) == (2, ("Argiloso",))
    assert table.caption.startswith("Tabela 2") and table.caption_en == "Table 2 Soil attributes"


def test_jats_unlabelled_tables_are_numbered_by_position_when_none_has_a_label() -> None:
    table = (
        "<table-wrap><caption><p>Models</p></caption>"
        "<table><tr><td>M1</td></tr></table></table-wrap>"
    )
    assert [t.number for t in _jats("<p>x</p>" + table * 2, _ALEXANDRE).tables] == [1, 2]
    labelled = table.replace("<caption>", "<label>Table 1</label><caption>")
    assert [t.number for t in _jats("<p>x</p>" + table + labelled, _ALEXANDRE).tables] == [1]


def test_jats_a_mathml_root_keeps_its_sign() -> None:
    body = (
        "<p>This leads to <inline-formula><alternatives><mml:math><mml:mi>f</mml:mi>"
        "<mml:mo>=</mml:mo><mml:msqrt><mml:mi>N</mml:mi></mml:msqrt></mml:math><tex-math>\\sqrt{N}</tex-math>"
        "</alternatives></inline-formula> [<xref ref-type='bibr' rid='B3'>1</xref>].</p>"
    )
    (claim,) = _jats(body, _ALEXANDRE).claims
    assert claim.text == "This leads to f=√N [1]."


def test_jats_a_note_marked_by_a_symbol_is_read_with_its_mark() -> None:
    body = (
        "<p>x</p><table-wrap id='T1'><label>Table 1</label><table><tr><td>a</td></tr></table>"
        "<table-wrap-foot><fn><label>†</label><p>increases with higher Octomom copy numbers "
        "(Chrostek and Teixeira <xref rid='B3' ref-type='bibr'>2015</xref>);</p></fn>"
        "<fn><label>(2)</label><p>Another note.</p></fn></table-wrap-foot></table-wrap>"
    )
    texts = [s.text for s in _jats(body, _ALEXANDRE).sentences]
    assert "† increases with higher Octomom copy numbers (Chrostek and Teixeira 2015);" in texts
    assert "Another note." in texts


def test_jats_xref_printed_as_a_range_but_pointing_at_its_first_entry_names_the_range() -> None:
    refs = "".join(
        f'<ref id="b{i}"><label>{i}</label><mixed-citation>Author{i} A. Title {i}. '
        f"J Med. 2001;{i}:1-2.</mixed-citation></ref>"
        for i in range(1, 6)
    )
    body = (
        '<sec><title>Intro</title><p>Many studies agree [<xref ref-type="bibr" rid="b1">1–3</xref>]'
        ' and one more [<xref ref-type="bibr" rid="b4">4</xref>].</p></sec>'
    )
    article = _jats(body, refs)
    assert [(m.refs) for s in article.claims for m in s.markers] == [(1, 2, 3), (4,)]


def test_jats_footnote_marks_are_not_read_as_citations() -> None:
    refs = "".join(
        f'<ref id="b{i}"><mixed-citation>AUTHOR{i}, A. Title {i}. São Paulo: Ed, 200{i}.'
        "</mixed-citation></ref>"
        for i in range(1, 9)
    )
    body = "<sec><title>Intro</title>" + "".join(
        f"<p>Sentence {i} on the history of the colony"
        f'<sup><xref ref-type="fn" rid="fn{i}">{i}</xref></sup> goes on.</p>'
        for i in range(1, 8)
    ) + "</sec>"
    back = "<fn-group>" + "".join(
        f'<fn id="fn{i}"><label>{i}</label><p>Note {i}.</p></fn>' for i in range(1, 8)
    ) + "</fn-group>"
    article = _jats(body, refs, back=back)
    assert [m.printed for s in article.sentences for m in s.markers] == []
