"""Offline matching throughput against the local index at 10,000 to 1,000,000 records.

Builds a fresh SQLite FTS5 index from synthetic Crossref-format work records (titles from
a Zipf-distributed vocabulary, surnames from a few thousand, journals, volumes, pages) plus
the real snapshot, then checks printed references against it: half are records of the
index printed with damage (a word dropped, an abbreviated page range), half are works the
index does not hold. Reports the index's build time and size on disk, references matched
per second, and right / wrong / missed among the printed records.
Run: ``python benchmarks/bench_index.py [SIZE ...]`` (default 10000 100000 1000000).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from citelink.metadata.check import check_reference
from citelink.metadata.index import IndexSource, LocalIndex, load_records
from citelink.parse.references import parse_entry

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "refs" / "crossref-snapshot" / "works.jsonl"
CHECKED = 500


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randrange(4, 11))))
    return sorted(words)


def records(n: int, seed: int = 5) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    weights = [1 / (i + 1) for i in range(len(vocab))]  # Zipf: a few words are everywhere
    surnames = [w.capitalize() for w in _vocabulary(random.Random(seed + 1), 4000)]
    journals = [" ".join(rng.choice(vocab).capitalize() for _ in range(3)) for _ in range(800)]
    for i in range(n):
        title = " ".join(rng.choices(vocab, weights, k=rng.randrange(6, 14))).capitalize()
        journal = rng.choice(journals)
        first = rng.randrange(1, 3000)
        yield {
            "DOI": f"10.5555/synth.{i}",
            "type": "journal-article",
            "title": [title],
            "author": [
                {"family": rng.choice(surnames), "given": "A", "sequence": "first"},
                {"family": rng.choice(surnames), "given": "B", "sequence": "additional"},
            ],
            "container-title": [journal],
            "volume": str(rng.randrange(1, 200)),
            "issue": str(rng.randrange(1, 12)),
            "page": f"{first}-{first + rng.randrange(3, 20)}",
            "issued": {"date-parts": [[rng.randrange(1950, 2026)]]},
        }


def printed(record: dict[str, Any], damage: bool) -> str:
    authors = ", ".join(f"{a['family']} {a['given']}" for a in record.get("author", []))
    title = record["title"][0]
    if damage:
        words = title.split()
        title = " ".join(words[:2] + words[3:]) if len(words) > 4 else title
    year = record["issued"]["date-parts"][0][0]
    page = record["page"]
    if damage and "-" in page:
        a, b = page.split("-")
        page = f"{a}-{b[-2:]}" if len(b) == len(a) else page
    return (
        f"{authors}. {title}. {record['container-title'][0]}. {year};"
        f"{record['volume']}({record['issue']}):{page}."
    )


def bench(n: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "index.sqlite"
        start = time.perf_counter()
        with LocalIndex(path) as index:
            index.add(records(n))
            index.add(load_records(SNAPSHOT))
            index.con.execute("INSERT INTO fts(fts) VALUES ('optimize')")
            index.con.commit()
        build = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        rng = random.Random(n)
        inside = [r for r in records(n) if rng.random() < 2 * CHECKED / n][: CHECKED // 2]
        outside = list(records(CHECKED // 2, seed=99))  # other works: not in the index
        for r in outside:
            r["DOI"] = "10.5555/absent." + r["DOI"].split(".")[-1]
        cases = [(printed(r, True), r["DOI"], True) for r in inside]
        cases += [(printed(r, False), r["DOI"], False) for r in outside]
        refs = [(parse_entry(text, i + 1), doi, held) for i, (text, doi, held) in enumerate(cases)]
        right = wrong = missed = 0
        with LocalIndex(path) as index:
            source = IndexSource(index)
            start = time.perf_counter()
            for ref, doi, held in refs:
                got = check_reference(ref, [source]).doi
                if held:
                    right += got == doi.lower()
                    missed += got is None
                    wrong += got is not None and got != doi.lower()
                else:
                    wrong += got is not None
            seconds = time.perf_counter() - start
    return {
        "records": n,
        "build_s": build,
        "size_mb": size_mb,
        "refs_per_s": len(refs) / seconds,
        "right": right,
        "wrong": wrong,
        "missed": missed,
        "checked": len(refs),
    }


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [10_000, 100_000, 1_000_000]
    print("| records | build s | index MB | references/s | right | wrong DOI | missed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n in sizes:
        r = bench(n)
        print(
            f"| {n:,} | {r['build_s']:.1f} | {r['size_mb']:.0f} | {r['refs_per_s']:,.0f} "
            f"| {r['right']:.0f}/{r['checked'] / 2:.0f} | {r['wrong']:.0f} | {r['missed']:.0f} |"
        )
        print(json.dumps(r), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
