"""The local index: rare title words drive the search, and an index from an older
citelink is emptied and refilled rather than trusted."""

from __future__ import annotations

from pathlib import Path

from citelink.metadata.index import SCHEMA_VERSION, LocalIndex
from citelink.parse.references import parse_entry

from .conftest import SNAPSHOT, read_jsonl


def test_search_finds_a_record_by_its_rare_words_even_with_a_misspelled_author(
    tmp_path: Path,
) -> None:
    with LocalIndex(tmp_path / "i.sqlite") as index:
        index.add(read_jsonl(SNAPSHOT))
        counts = dict(index.con.execute("SELECT term, df FROM terms"))
        assert counts["hepatocytes"] >= 2 and counts["prometheus"] == 1
        ref = parse_entry(
            "Theyse ND. Bone marrow to liver: the blood of Prometheus. "
            "Semin Cell Dev Biol. 2002;13:411-7.",
            1,
        )
        found = [r["DOI"] for r in index.search(ref, 5)]
        assert found[0] == "10.1016/s1084-9521(02)00128-3"


def test_an_index_from_an_older_version_is_emptied_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with LocalIndex(path) as index:
        index.add(read_jsonl(SNAPSHOT)[:3])
        index.set_meta("schema", "1")
    warnings: list[str] = []
    with LocalIndex(path, warnings.append) as index:
        assert index.count() == 0 and index.meta("schema") == SCHEMA_VERSION
    assert warnings and "older citelink" in warnings[0]
