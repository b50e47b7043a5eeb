"""Reference reader: the rule parser, the tagger alone, and the hybrid, on held-out strings.

    nice python benchmarks/bench_reader.py [--model PATH]

Held out: AnyStyle's ``gold.xml`` (1,669 hand-labelled references in many styles the rules
were not written for). The shipped tagger learned from gold.xml, so this benchmark tags with a
CRF trained exactly as shipped but without it (GROBID ``corpus/`` + AnyStyle core/good/ugly,
as ``bench_tagger.py --held-out``); it is trained into ``--model`` (about 10-20 minutes) when
that file does not exist, and reused afterwards.

Per field (first author's family name, year, volume, first page, title, container), the
share of references where the reading equals the gold one; a field the reference does not
print is right only when left empty (a guess there is wrong). Gold names, years and pages
are read from the gold spans with the same rules as the predictions.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import train_tagger  # noqa: E402

from citelink.model import Reference  # noqa: E402
from citelink.parse import fields as hybrid  # noqa: E402
from citelink.parse import network  # noqa: E402
from citelink.parse import tagger as tagger_module  # noqa: E402
from citelink.parse.references import parse_entry  # noqa: E402
from citelink.parse.tagger import (  # noqa: E402
    Example,
    sequences,
    tag_with_confidence,
    train_sequences,
)
from citelink.parse.text import ascii_dashes, fold_name  # noqa: E402

FIELDS = ("author", "year", "volume", "first page", "title", "container")
DEFAULT_MODEL = Path("/tmp/citelink-bench/held-out-no-gold-v2.crfsuite")
THRESHOLDS = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)

Row = dict[str, str | None]


def _first_page(pages: str | None) -> str | None:
    if not pages:
        return None
    m = re.match(r"\s*([A-Za-z]*\d+[A-Za-z]*)", ascii_dashes(pages))
    return m.group(1) if m else None


def _text(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"[\W_]+", "", value.casefold()) or None


def row(ref: Reference) -> Row:
    first = ref.authors[0].family if ref.authors else None
    return {
        "author": fold_name(first) or None if first else None,
        "year": str(ref.year) if ref.year else None,
        "volume": ref.volume.strip().casefold() if ref.volume else None,
        "first page": _first_page(ref.pages),
        "title": _text(ref.title),
        "container": _text(ref.journal or ref.booktitle),
    }


def _strip_number(ex: Example) -> Example:
    """The entry without its printed citation number (the parser gets entries without it)."""
    lead = [f for f in ex.fields if f[2] == "citation-number" and f[0] <= 2]
    if not lead:
        return ex
    cut = lead[0][1]
    while cut < len(ex.raw) and ex.raw[cut] in " .)]:":
        cut += 1
    fields = tuple((s - cut, e - cut, lab) for s, e, lab in ex.fields if s >= cut)
    return Example(ex.raw[cut:], fields)


def gold_row(ex: Example) -> Row:
    spans: dict[str, str] = {}
    for s, e, lab in ex.fields:
        spans.setdefault(lab, ex.raw[s:e])
    ref = Reference(n=1, raw=ex.raw)
    names = spans.get("author") or spans.get("editor")
    if names:
        authors = hybrid._names(names)
        ref = Reference(n=1, raw=ex.raw, authors=authors)
    out = row(ref)
    year = hybrid._YEAR.search(spans.get("date", ""))
    out["year"] = year.group(1) if year else None
    volume = spans.get("volume")
    out["volume"] = volume.strip(" .,;:()").casefold() if volume else None
    out["first page"] = _first_page(spans.get("pages"))
    out["title"] = _text(spans.get("title"))
    out["container"] = _text(spans.get("container"))
    return out


def tagger_alone(read: hybrid.Reading) -> Reference:
    return hybrid.merge(Reference(n=1, raw=""), read, threshold=0.0)


def _fill_all(ref: Reference, read: hybrid.Reading) -> Reference:
    """The naive combination: every field the rules left empty from the tagger."""
    return replace(
        ref,
        authors=ref.authors or (read.authors[0] if read.authors else ()),
        year=ref.year or (read.year[0] if read.year else None),
        volume=ref.volume or (read.volume[0] if read.volume else None),
        pages=ref.pages or (read.pages[0] if read.pages else None),
        title=ref.title or (read.title[0] if read.title else None),
        journal=ref.journal or ref.booktitle or (read.journal[0] if read.journal else None),
    )


def _hybrid(threshold: float, ref: Reference, read: hybrid.Reading) -> Reference:
    return hybrid.merge(ref, read, threshold) if hybrid.red_flags(ref) else ref


def score(gold: Sequence[Row], pred: Sequence[Row]) -> dict[str, float]:
    out = {}
    for f in FIELDS:
        right = sum(g[f] == p[f] for g, p in zip(gold, pred, strict=True))
        out[f] = right / len(gold)
    out["all"] = sum(out[f] for f in FIELDS) / len(FIELDS)
    return out


def ensure_model(path: Path) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"training the held-out model into {path} ...", file=sys.stderr)
    examples = train_tagger.grobid_examples() + train_tagger.anystyle_examples(
        ("core.xml", "good.xml", "ugly.xml")
    )
    tmp = path.with_suffix(".tmp")
    train_sequences(sequences(examples, train_tagger.lexicon()), tmp,
                    max_iterations=train_tagger.MAX_ITERATIONS, c1=train_tagger.C1,
                    c2=train_tagger.C2, min_freq=train_tagger.MIN_FREQ)
    tmp.replace(path)


def use_model(path: Path) -> None:
    """Make ``tagger.tag`` read with the CRF at ``path`` (the held-out one) in place of the
    shipped one. The networks stay: they learned from GROBID's corpus only, never gold.xml."""
    import dataclasses
    import tempfile

    tagger_module._model()
    with tempfile.TemporaryDirectory() as tmp:
        arrays = Path(tmp) / "crf.npz"
        train_tagger.write_crf(path, arrays)
        crf = network.read_crf(arrays)
    ensemble = tagger_module._loaded["ensemble"]
    tagger_module._loaded["ensemble"] = dataclasses.replace(ensemble, crf=crf)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    args = ap.parse_args(argv)
    ensure_model(args.model)
    use_model(args.model)
    examples = [_strip_number(ex) for ex in train_tagger.anystyle_examples(("gold.xml",))]
    gold = [gold_row(ex) for ex in examples]
    t0 = time.process_time()
    rules = [parse_entry(ex.raw, 1, learned=False) for ex in examples]
    t_rules = time.process_time() - t0
    t0 = time.process_time()
    reads = [hybrid.reading(*tag_with_confidence(ex.raw)) for ex in examples]
    t_tag = time.process_time() - t0
    t0 = time.process_time()
    for ex in examples:
        parse_entry(ex.raw, 1)
    t_hybrid = time.process_time() - t0
    policies: list[tuple[str, Callable[[Reference, hybrid.Reading], Reference]]] = [
        ("rules (parse_entry)", lambda ref, read: ref),
        ("tagger alone", lambda ref, read: tagger_alone(read)),
        ("rules, then tagger fills every empty field",
         lambda ref, read: _fill_all(ref, read)),
    ]
    for t in THRESHOLDS:
        shipped = " (shipped)" if t == hybrid.THRESHOLD else ""
        policies.append((f"hybrid, p >= {t}{shipped}", partial(_hybrid, t)))
    flagged = sum(bool(hybrid.red_flags(ref)) for ref in rules)
    lines = [
        f"AnyStyle gold.xml, {len(examples)} references held out from the tagger "
        f"({flagged} ({flagged / len(examples):.0%}) with a red flag in the rules' reading)",
        "",
        "| reader | " + " | ".join(FIELDS) + " | mean |",
        "|---" * (len(FIELDS) + 2) + "|",
    ]
    for name, policy in policies:
        pred = [row(policy(ref, read)) for ref, read in zip(rules, reads, strict=True)]
        s = score(gold, pred)
        lines.append(f"| {name} | " + " | ".join(f"{s[f]:.1%}" for f in FIELDS)
                     + f" | {s['all']:.1%} |")
    lines.append("")
    per = 1000 / len(examples)
    lines.append(f"CPU per reference: rules {per * t_rules:.2f} ms, tagger with marginals "
                 f"{per * t_tag:.2f} ms, hybrid (parse_entry) {per * t_hybrid:.2f} ms")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
