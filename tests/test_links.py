from __future__ import annotations

from citelink.graph.links import citation_index, citations_of, find
from citelink.model import Article


def test_citations_of_a_reference(bundled: Article) -> None:
    (c17,) = citations_of(bundled, [17])
    assert [cc.marker.printed for cc in c17.claims] == ["^[16-19]"]
    assert [(rc.table.number, rc.row.index) for rc in c17.rows] == [(1, 3)]
    assert c17.tables == (1,)


def test_every_table_row_is_linked_to_its_references(bundled: Article) -> None:
    index = citation_index(bundled)
    for table in bundled.tables:
        for row in table.rows:
            assert row.refs
            for n in row.refs:
                assert any(rc.row is row for rc in index[n].rows)


def test_reference_only_in_a_table(bundled: Article) -> None:
    (c43,) = citations_of(bundled, [43])
    assert c43.claims == ()
    assert [(rc.table.number, rc.row.index) for rc in c43.rows] == [(4, 5)]


def test_find_meld_returns_claims_and_rows_with_their_references(bundled: Article) -> None:
    hits = find(bundled, "meld")
    claims = [h for h in hits if h.kind == "claim"]
    rows = [h for h in hits if h.kind == "row"]
    assert [h.refs for h in claims] == [(20, 21), (23, 24, 38, 39), (24, 28, 30, 33)]
    assert sorted(n for h in rows for n in h.refs) == [
        15,
        16,
        18,
        19,
        20,
        21,
        22,
        24,
        33,
        38,
        39,
        40,
    ]
    assert all("MELD" in h.text for h in hits)


def test_find_chinese_substring(bundled: Article) -> None:
    hits = find(bundled, "外泌体")
    assert [h.refs for h in hits] == [(13,)]


def test_find_is_width_insensitive(vancouver: Article) -> None:
    assert [h.refs for h in find(vancouver, "ＭＥＬＤ")] == [(8,), (8,)]


def test_find_nothing(vancouver: Article) -> None:
    assert find(vancouver, "no such phrase") == []
