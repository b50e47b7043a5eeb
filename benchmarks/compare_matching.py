"""citelink's matcher side by side with Crossref's own (crossref-matcher, strategy
SbmvUnstructured), on the same printed references against the same local Crossref server.

Inputs (known truth): every snapshot record printed as a reference and damaged the ways
``calibrate_matching.py`` damages it. Positives run against a server holding the whole
snapshot; look-alike negatives against a server without the record itself. Both matchers
see the same printed string; citelink parses it first (that is part of its method).
crossref-matcher's only HTTP call, which names api.crossref.org, is pointed at the local
server; nothing else of it is changed. The server approximates Crossref's relevance
``score`` (which SbmvUnstructured uses) by query length x share of query words found.

Also runs both on the bundled article's 43 references (no truth here: it reports how many
DOIs each finds and where they disagree).

Needs the bench extra: ``pip install -e '.[bench]'``.
Run: ``python benchmarks/compare_matching.py``.
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from calibrate_matching import SNAPSHOT, perturbations, vancouver  # noqa: E402
from tests.crossref_server import CrossrefServer  # noqa: E402

from citelink import load_article  # noqa: E402
from citelink.metadata.check import check_reference  # noqa: E402
from citelink.metadata.crossref import CrossrefSource  # noqa: E402
from citelink.model import Reference  # noqa: E402
from citelink.parse.references import parse_entry  # noqa: E402

Matcher = Callable[[str, Reference], str | None]


def crossref_matcher(url: str) -> Matcher:
    import crossref_matcher.strategies.reference.sbmv_unstructured.strategy as sbmv

    def call(route: str, params: dict[str, Any]) -> tuple[int, Any]:
        params["mailto"] = "marple@crossref.org"
        result = requests.get(f"{url}/{route}", params, timeout=10)
        return result.status_code, result.json()["message"] if result.ok else result

    sbmv.crossref_rest_api_call = call  # the one line that names api.crossref.org
    strategy = sbmv.SbmvUnstructured()

    def match(printed: str, ref: Reference) -> str | None:
        try:
            found = strategy.match(printed)
        except (KeyError, TypeError, ValueError):  # it expects fields thin records lack
            return None
        if not found:
            return None
        doi = str(found[0]["id"])
        return doi.removeprefix("https://doi.org/").lower()

    return match


def citelink_matcher(url: str, cache: Path) -> Matcher:
    def match(printed: str, ref: Reference) -> str | None:
        source = CrossrefSource(cache, api_url=url, intervals={"work": 0, "search": 0})
        return check_reference(ref, [source]).doi

    return match


def score(
    matcher_for: Callable[[str], Matcher],
    cases: list[tuple[str, str, bool]],
    servers: dict[bool, CrossrefServer],
) -> tuple[Counter[str], float, set[int]]:
    counts: Counter[str] = Counter()
    right: set[int] = set()
    matchers = {k: matcher_for(s.url) for k, s in servers.items()}
    start = time.perf_counter()
    for i, (printed, truth, positive) in enumerate(cases):
        got = matchers[positive](printed, parse_entry(printed, 1))
        if positive and got == truth:
            right.add(i)
        if positive:
            counts["right" if got == truth else "missed" if got is None else "wrong"] += 1
        else:
            counts["wrong (look-alike)" if got is not None else "refused look-alike"] += 1
    return counts, (time.perf_counter() - start) / len(cases), right


def main() -> int:
    records = [json.loads(line) for line in SNAPSHOT.read_text("utf-8").splitlines() if line]
    records = [r for r in records if r.get("title")]
    rng = random.Random(7)
    cases: list[tuple[str, str, bool]] = []
    for r in records:
        for variant in perturbations(r, rng).values():
            cases.append((vancouver(variant), r["DOI"].lower(), True))
    # Negatives: one server per left-out record is costly; leave out every third record
    # from one server and ask only for those.
    left_out = {r["DOI"].lower() for r in records[::3]}
    negatives = [(p, t, False) for p, t, _ in cases if t in left_out]
    full = CrossrefServer(records).start()
    partial = CrossrefServer([r for r in records if r["DOI"].lower() not in left_out]).start()
    servers = {True: full, False: partial}
    for server in servers.values():  # time the matchers, not citelink's politeness
        server.rate_headers["x-rate-limit-limit"] = "100000"
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            factories: list[tuple[str, Callable[[str], Matcher]]] = [
                ("citelink", lambda url: citelink_matcher(url, Path(tmp) / url[-5:])),
                ("crossref-matcher SbmvUnstructured", crossref_matcher),
            ]
            for name, factory in factories:
                counts, per_ref, right = score(factory, cases + negatives, servers)
                rows.append((name, counts, per_ref, right))
            # The bundled article (no truth: agreement only).
            article = load_article(ROOT / "refs" / "article.txt")
            ours = citelink_matcher(full.url, Path(tmp) / "bundled.sqlite")
            theirs = crossref_matcher(full.url)
            found = [(ours(r.raw, r), theirs(r.raw, r)) for r in article.references]
    finally:
        full.stop()
        partial.stop()
    print(f"{len(cases)} damaged real references, {len(negatives)} look-alike-only cases\n")
    print("| matcher | right | wrong DOI | missed | wrong on look-alikes | ms per reference |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, c, per_ref, _ in rows:
        print(
            f"| {name} | {c['right']} | {c['wrong']} | {c['missed']} "
            f"| {c['wrong (look-alike)']} / {len(negatives)} | {per_ref * 1000:.1f} |"
        )
    both = sum(1 for a, b in found if a and b and a == b)
    only_ours = sum(1 for a, b in found if a and not b)
    only_theirs = sum(1 for a, b in found if b and not a)
    differ = sum(1 for a, b in found if a and b and a != b)
    print(
        f"\nBundled article (43 references, server = snapshot): citelink "
        f"{sum(1 for a, _ in found if a)} DOIs, crossref-matcher {sum(1 for _, b in found if b)}; "
        f"same {both}, only citelink {only_ours}, only crossref-matcher {only_theirs}, "
        f"different {differ}"
    )
    ours_c, ours_right, theirs_right = rows[0][1], rows[0][3], rows[1][3]
    print(
        f"References crossref-matcher got right and citelink did not: "
        f"{len(theirs_right - ours_right)}; the reverse: {len(ours_right - theirs_right)}"
    )
    ok = ours_c["wrong"] == 0 and ours_c["wrong (look-alike)"] == 0
    return 0 if ok and not theirs_right - ours_right else 1


if __name__ == "__main__":
    sys.exit(main())
