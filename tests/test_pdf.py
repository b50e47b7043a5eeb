"""PDF input: made here with reportlab as journals print (two columns, superscript
markers, running header, page numbers, hyphenation), then read back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from citelink import load_article
from citelink.inputs.layout import Line, dehyphenate
from citelink.inputs.pdf import pdf_text
from citelink.model import Article
from citelink.parse.article import parse_article

from .conftest import DATA
from .pdfmaker import HEADER, article_pdf
from .test_cli import run


def _without_tables(text: str) -> str:
    return re.sub(r"\nTable \d[^\n]*\n(?:[^\n]*\t[^\n]*\n)+", "\n", text)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Article, Article, str]:
    source = _without_tables((DATA / "vancouver.txt").read_text(encoding="utf-8"))
    # Long enough to run over two columns and two pages.
    source = source.replace(
        "\n\n2. Clinical studies", "\n\n" + _filler() + "\n\n2. Clinical studies"
    )
    pdf = article_pdf(source, tmp_path_factory.mktemp("pdf") / "paper.pdf")
    text, _ = pdf_text(pdf.read_bytes(), str(pdf))
    return load_article(pdf), parse_article(source), text


def _filler() -> str:
    sentence = (
        "Hepatocyte transplantation remains experimental, and its acute-on-chronic indications "
        "need multicentre confirmation with standardised cryopreservation protocols."
    )
    return " ".join([sentence] * 40)


def _refs(article: Article) -> list[tuple[object, ...]]:
    return [
        (r.authors[0].family if r.authors else None, r.year, r.volume, r.pages)
        for r in article.references
    ]


def _links(article: Article) -> list[tuple[str, tuple[int, ...]]]:
    def bare(text: str) -> str:
        text = re.sub(r"\s+", " ", re.sub(r"\^?\[[\d,\- ]+\]", "", text))
        return re.sub(r" ([,.;:])", r"\1", text).strip()[:40]

    return sorted((bare(s.text), m.refs) for s in article.claims for m in s.markers)


def test_pdf_and_text_give_the_same_references_and_links(
    pair: tuple[Article, Article, str],
) -> None:
    from_pdf, from_text, _ = pair
    assert len(from_pdf.references) == len(from_text.references) == 11
    assert _refs(from_pdf) == _refs(from_text)
    assert _links(from_pdf) == _links(from_text)


def test_superscripts_headers_page_numbers_and_hyphens(pair: tuple[Article, Article, str]) -> None:
    _, _, text = pair
    assert "^[1]" in text and "^[6,7]" in text
    bare = re.sub(r"\^\[[^\]]*\]", "", text.split("\nReferences\n")[0])
    assert not re.search(r"[a-z]\d{1,2}\b", bare)  # no digits glued to words
    assert HEADER not in text
    assert not any(re.fullmatch(r"\s*\d+\s*", line) for line in text.split("\n"))
    # Every long word the PDF split at a line end is whole again; real hyphens stay.
    assert "multicentre" in text and "cryopreservation" in text and "standardised" in text
    assert "acute-on-chronic" in text
    assert not re.search(r"[a-z]- [a-z]", text)


def _dehyphenate(texts: list[str]) -> list[str]:
    lines = [Line(t, 1, 0.0, 10.0 * i, 100.0, 10.0 * i + 8, 8.0) for i, t in enumerate(texts)]
    return [ln.text for ln in dehyphenate(lines)]


def test_dehyphenation_keeps_real_hyphens() -> None:
    assert _dehyphenate(["the liver regene-", "ration was fast"]) == [
        "the liver regeneration",
        "was fast",
    ]
    assert _dehyphenate(["in acute-on-", "chronic failure"]) == ["in acute-on-chronic", "failure"]
    assert _dehyphenate(["see Fig-", "Ure 2"]) == ["see Fig-", "Ure 2"]
    # The document prints "long-term" elsewhere and never "longterm": the hyphen stays.
    assert _dehyphenate(["a long-term study of long-", "term outcomes"]) == [
        "a long-term study of long-term",
        "outcomes",
    ]
    # A soft hyphen always joins.
    assert _dehyphenate(["a long\u00ad", "term study"]) == ["a longterm", "study"]


def test_scanned_pdf_without_text_is_a_clear_error(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    canvas = Canvas(str(scan), pagesize=A4)
    canvas.rect(50, 50, 400, 600, fill=1)  # an image-like page: no text at all
    canvas.save()
    out = tmp_path / "scan.bib"
    code, stdout, err = run("bib", str(scan), "-o", str(out))
    assert code == 2 and stdout == "" and err.count("\n") == 1
    assert "no text layer" in err and not out.exists()


def test_malformed_pdf_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer <<>>\n")
    out = tmp_path / "bad.html"
    code, stdout, err = run("report", str(bad), "--offline", "-o", str(out))
    assert code == 2 and stdout == "" and err.count("\n") == 1
    assert "PDF" in err and "Traceback" not in err and not out.exists()


def test_findings_in_a_pdf_name_their_page(tmp_path: Path) -> None:
    import json

    source = _without_tables((DATA / "vancouver.txt").read_text(encoding="utf-8"))
    pdf = article_pdf(source, tmp_path / "paper.pdf")
    code, out, err = run("lint", str(pdf), "--json")
    assert code == 0, err
    findings = json.loads(out)["findings"]
    assert findings and all(
        f["location"]["page"] in (1, 2) for f in findings if "line" in f["location"]
    )
    # ... and where on it: a box inside the page (A4 portrait, points from the top left).
    boxes = [f["location"]["box"] for f in findings if "line" in f["location"]]
    assert boxes and all(
        0 <= x0 < x1 <= 596 and 0 <= top < bottom <= 842 for x0, top, x1, bottom in boxes
    )
    code, out, _ = run("lint", str(pdf), "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    assert all("page" in r["properties"] for r in results)
    assert all(len(r["properties"]["box"]) == 4 for r in results)
    assert all("(page " in r["message"]["text"] for r in results)


def test_a_table_in_a_pdf_is_read_as_a_table(tmp_path: Path) -> None:
    # Table 1 of the fixture is wider than a column; Table 2 fits one, as most do.
    source = re.sub(
        r"\nTable 1 [^\n]*\n(?:[^\n]*\t[^\n]*\n)+",
        "\n",
        (DATA / "vancouver.txt").read_text(encoding="utf-8"),
    )
    from_pdf = load_article(article_pdf(source, tmp_path / "tables.pdf"))
    from_text = parse_article(source)
    assert (
        [(t.number, t.header, [r.refs for r in t.rows]) for t in from_pdf.tables]
        == [(t.number, t.header, [r.refs for r in t.rows]) for t in from_text.tables]
        == [(2, ("Disease", "Cells", "Ref."), [(6,), (7,)])]
    )


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    canvas = Canvas(str(locked), pagesize=A4, encrypt="secret")
    canvas.drawString(72, 720, "References")
    canvas.save()
    code, stdout, err = run("refs", str(locked), "--json")
    assert code == 2 and stdout == "" and err.count("\n") == 1
    assert "encrypted" in err and "Traceback" not in err


def test_truncated_pdf_is_a_clear_error(tmp_path: Path) -> None:
    source = _without_tables((DATA / "vancouver.txt").read_text(encoding="utf-8"))
    whole = article_pdf(source, tmp_path / "whole.pdf").read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(whole[: len(whole) // 2])
    code, stdout, err = run("refs", str(cut), "--json")
    assert code == 2 and stdout == "" and err.count("\n") == 1
    assert "truncated" in err and "Traceback" not in err


def test_bundled_chinese_article_as_pdf_gives_the_same_references_and_links(
    tmp_path: Path,
) -> None:
    """The bundled article (Chinese, 43 numbered references, four tables) set in a CJK font
    with superscript markers: the PDF gives the references and citation links of its text.
    Its widest table runs off the rendered page, so tables are compared row by row only
    where the PDF has them."""
    bundled = Path(__file__).resolve().parents[1] / "refs" / "article.txt"
    source = bundled.read_text(encoding="utf-8")
    from_pdf = load_article(article_pdf(source, tmp_path / "bundled.pdf", columns=1, cjk=True))
    from_text = parse_article(source)
    assert len(from_pdf.references) == len(from_text.references) == 43
    assert _refs(from_pdf) == _refs(from_text)
    pdf_links = sorted(m.refs for s in from_pdf.claims for m in s.markers)
    text_links = sorted(m.refs for s in from_text.claims for m in s.markers)
    assert pdf_links == text_links and len(pdf_links) >= 20
    assert [(t.number, t.header) for t in from_pdf.tables] == [
        (t.number, t.header) for t in from_text.tables
    ]
    for pdf_table, text_table in zip(from_pdf.tables, from_text.tables, strict=True):
        text_rows = [r.refs for r in text_table.rows]
        pdf_rows = [r.refs for r in pdf_table.rows]
        assert pdf_rows == text_rows[: len(pdf_rows)] and pdf_rows


def _bare_pdf(content: bytes) -> bytes:
    """A one-page PDF around a content stream, its font Helvetica without a Unicode map."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )


_LINES = [
    b"Introduction",
    b"Interior methods work (Ye, 1987).",
    b"",
    b"\x05\x06 References",
    b"Ye Y (1987). Interior algorithms. Thesis, Stanford University.",
]


@pytest.mark.parametrize(
    "setting",
    [
        b"BT /F1 10 Tf 72 800 Td 14 TL %s ET",
        # a Word export: type of 0.1 pt under a transform that scales it by 100
        b"q 100 0 0 100 0 0 cm BT /F1 0.1 Tf 0.72 8 Td 0.14 TL %s ET Q",
    ],
)
def test_glyphs_without_characters_and_sizes_scaled_away(tmp_path: Path, setting: bytes) -> None:
    """A font without a Unicode map gives control codes for its glyphs (a section number
    before "References"): they are no characters. A type size PDFium reads as a fraction
    of a point is no size to divide by."""
    shown = b" ".join(b"(" + line + b") Tj T*" for line in _LINES)
    path = tmp_path / "a.pdf"
    path.write_bytes(_bare_pdf(setting % shown))
    article = load_article(path)
    assert [r.authors[0].family for r in article.references] == ["Ye"]
    assert [m.refs for s in article.claims for m in s.markers] == [(1,)]


def test_two_columns_under_a_table_run_off_the_page_are_read_as_columns(tmp_path: Path) -> None:
    """A table wider than the page spans a two-column page at its top, its last columns
    set beyond the page's edge; the two columns of text under it are still found on the
    page (its gutter is looked for between the page's edges, not the text's), so each
    sentence keeps its citation."""
    long = "a cell of a study's description that runs on for many words " * 3
    sentences = [
        f"Study {k} compared a protocol of kind {k} with the standard one [{k}]."
        for k in range(1, 7)
    ]
    text = "\n\n".join(
        [
            "Results",
            "\n".join(
                ["Table 1. Experimental studies.", "Setting\tStandard\tAlternative\tResults"]
                + [f"Place {k} [{k}]\t{long}\t{long}\t{long}" for k in range(1, 4)]
            ),
            *[" ".join(sentences * 2) for _ in range(5)],
            "References",
            "\n".join(
                f"{k}. Author{chr(64 + k)} A, Other B. A study of protocols, part {k}. "
                f"J Test. 201{k};{k}:1{k}-2{k}."
                for k in range(1, 7)
            ),
        ]
    )
    article = load_article(article_pdf(text, tmp_path / "span.pdf", columns=2))
    assert len(article.references) == 6
    cited = {
        (m.refs, s.text[:12])
        for s in article.claims
        for m in s.markers
        if s.text.startswith("Study")
    }
    assert cited == {((k,), f"Study {k} comp") for k in range(1, 7)}
    (table,) = article.tables
    assert [r.refs for r in table.rows] == [(1,), (2,), (3,)]
