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
