from __future__ import annotations

from citelink.graph.lint import exceeds, lint, same_work
from citelink.model import Article, Reference, Severity
from citelink.parse.article import parse_article


def _by_code(article: Article, code: str) -> list[tuple[tuple[int, ...], int | None, str]]:
    return [(f.refs, f.location.line, f.message) for f in lint(article) if f.code == code]


def test_bundled_table_pointers_that_miss(bundled: Article) -> None:
    found = [f for f in lint(bundled) if f.code == "table-pointer"]
    assert [(f.refs, f.location.line, f.severity) for f in found] == [
        ((31, 32), 57, Severity.ERROR),
        ((36,), 59, Severity.ERROR),
        ((23, 24, 38, 39), 61, Severity.ERROR),
        ((40,), 63, Severity.ERROR),
        ((40,), 65, Severity.ERROR),
        ((24,), 67, Severity.ERROR),
    ]
    assert found[0].message == "'（见表 4）' points at Table 4, but [31], [32] are in Table 3"
    assert found[3].message == "'(见表 3)' points at Table 3, but [40] is in Table 2"
    assert found[0].location.section == "3 干细胞治疗肝病的临床研究"
    assert found[0].location.sentence is not None and "^[27-32]" in found[0].location.sentence


def test_bundled_right_names_and_citations_raise_nothing(bundled: Article) -> None:
    codes = {f.code for f in lint(bundled)}
    assert codes == {"table-pointer", "uncited"}
    assert _by_code(bundled, "uncited") == [
        ((43,), 175, "[43] is cited only in a table (Table 4 row 5), never in the body text")
    ]


def test_english_article_findings(vancouver: Article) -> None:
    found = {(f.code, f.severity, f.refs) for f in lint(vancouver)}
    assert found == {
        ("author-mismatch", Severity.WARNING, (4,)),
        ("author-mismatch", Severity.ERROR, (5,)),
        ("table-pointer", Severity.ERROR, (6,)),
        ("table-pointer", Severity.WARNING, (9, 12)),
        ("unknown-ref", Severity.ERROR, (12,)),
        ("unknown-table", Severity.ERROR, ()),
        ("duplicate-ref", Severity.WARNING, (5, 10)),
        ("uncited", Severity.INFO, (10,)),
        ("uncited", Severity.WARNING, (11,)),
    }
    (dhawan,) = [f for f in lint(vancouver) if f.code == "author-mismatch" and f.refs == (5,)]
    assert dhawan.message == (
        "'Dhawan et al. [5]' names Dhawan, but the first author of [5] is Fox; "
        "Dhawan is the first author of [4]"
    )


def test_chinese_pointer_scope(bracketed: Article) -> None:
    (finding,) = [f for f in lint(bracketed) if f.code == "table-pointer"]
    assert finding.refs == (6,)
    assert finding.message == "'（见表 2）' points at Table 2, but [6] is in Table 1"


def test_author_names_tolerate_diacritics_and_case() -> None:
    text = (
        "1 Intro\nKörbling et al. [1] found donor cells. KORBLING et al. [1] agreed. "
        "Da Silva et al. [2] too. The MSCs 等^[2] were used.\n\n"
        "References\n"
        "[1] Korbling M, Katz RL. Hepatocytes [J]. N Engl J Med, 2002, 346(10):738-746.\n"
        "[2] da Silva LF, Lyra AC. Infusion [J]. Liver Int, 2010, 22(1):33-42.\n"
    )
    assert [f for f in lint(parse_article(text)) if f.code == "author-mismatch"] == []


def test_unknown_ref_in_a_table_row() -> None:
    text = (
        "1 Intro\nA claim [1] (Table 1).\n\nTable 1 Data\nGroup\tRef.\nA\t[1]\nB\t[7]\nC\t\n\n"
        "References\n[1] Doe J. A title [J]. J Biol, 2001, 1(1): 1-2.\n"
    )
    found = {(f.code, f.refs, f.location.row) for f in lint(parse_article(text))}
    assert ("unknown-ref", (7,), 2) in found
    assert ("row-no-ref", (), 3) in found


def test_same_work() -> None:
    a = Reference(n=1, raw="", doi="10.1/X", title="One")
    b = Reference(n=2, raw="", doi="10.1/x", title="Two")
    c = Reference(n=3, raw="", title="Liver from bone marrow in humans")
    d = Reference(n=4, raw="", title="Liver from bone marrow in humans.")
    assert same_work(a, b) == "the same DOI"
    assert same_work(c, d) == "the same title"
    assert same_work(a, c) is None


def test_exceeds(bundled: Article) -> None:
    found = lint(bundled)
    assert exceeds(found, Severity.ERROR)
    assert not exceeds([f for f in found if f.severity is Severity.INFO], Severity.WARNING)


def test_han_and_bare_names_count_only_when_they_are_listed_authors() -> None:
    text = (
        "1 引言\n\n王福生等^[1]总结了进展。施明等^[1]也有报道。研究等^[2]表明有效。"
        "张明^[2]发现如此。Smith [1] showed it. Doe [2] agreed. Hepatology [2] too.\n\n"
        "参考文献\n\n"
        "[1] 施明, 王福生. 干细胞[J]. 中华肝脏病杂志, 2015, 23(1): 1-5.\n"
        "[2] 王福生, 施明. 再生[J]. 中华肝脏病杂志, 2016, 24(1): 1-5.\n"
        "[3] Smith J. A title. J Biol. 2001;1:1-2.\n"
    )
    found = [f for f in lint(parse_article(text)) if f.code == "author-mismatch"]
    assert [(f.severity, f.refs, f.message) for f in found] == [
        (
            Severity.ERROR,
            (1,),
            "'王福生等^[1]' names 王福生, but the first author of [1] is 施明; "
            "王福生 is the first author of [2]",
        ),
        (
            Severity.ERROR,
            (1,),
            "'Smith [1]' names Smith, but the first author of [1] is 施明; "
            "Smith is the first author of [3]",
        ),
    ]
