"""Field-level F1 of the reference tagger, the way GROBID reports its citation model.

    nice python benchmarks/bench_tagger.py                 # 10-fold CV on GROBID's corpus
    nice python benchmarks/bench_tagger.py --held-out      # also AnyStyle gold.xml and
                                                           # GROBID's evaluation/ sets
    python benchmarks/bench_tagger.py --speed-only         # ms per reference, shipped model
    python benchmarks/bench_tagger.py --articles           # fields read from the tagger's
                                                           # spans vs the rules, on the keyed
                                                           # articles (tests/data/wild*)
    nice python benchmarks/bench_tagger.py --folds 2 --save DIR   # keep the fold models,
    python benchmarks/bench_tagger.py --folds 2 --members 2:DIR 3:DIR2 --combine weights
                                                           # ... and evaluate them together
    python benchmarks/bench_tagger.py --edges [--edges-models DIR --features 2 --folds 2]
                                                           # the gold's edge consistency
    nice python benchmarks/bench_tagger.py --features 2 --aux anystyle --folds 2
                                                           # + a CRF trained once on AnyStyle's
                                                           # files (cache/), its reading as
                                                           # features (cross-corpus stacking)

Cross-validation: GROBID's ``corpus/`` references are shuffled with a fixed seed and cut into
10 folds; each fold is tagged by a CRF trained on the other nine (GROBID data only, like
GROBID's own figure). A predicted field counts only if its whole token span and its label equal
a gold field (GROBID's "field-level" measure); micro-averaged over all labels but ``other``.

Held out: one CRF trained on all of GROBID's ``corpus/`` and AnyStyle's core/good/ugly tags
AnyStyle's ``gold.xml`` and GROBID's two ``evaluation/`` files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import train_tagger

from citelink.parse.tagger import (
    FEATURES,
    Example,
    Token,
    aux_features,
    build_lexicon,
    crf_weights,
    decode,
    features_version,
    labels_of,
    read_grobid,
    sequences,
    state_marginals,
    state_scores,
    token_features,
    token_labels,
    tokenize,
    train_sequences,
)

ROOT = Path(__file__).resolve().parent.parent
FOLDS = 10
SEED = 13

Counts = dict[str, Counter[str]]


def fields(
    labels: Sequence[str], words: Sequence[bool] | None = None
) -> set[tuple[int, int, str]]:
    """Maximal runs of one label but ``other`` as (first token, last token, label). With
    ``words`` (is each token a word or number?), punctuation at a field's edges is left out."""
    out: set[tuple[int, int, str]] = set()
    i = 0
    while i < len(labels):
        j = i
        while j + 1 < len(labels) and labels[j + 1] == labels[i]:
            j += 1
        a, b = i, j
        if words is not None:
            while a <= b and not words[a]:
                a += 1
            while b >= a and not words[b]:
                b -= 1
        if labels[i] != "other" and a <= b:
            out.add((a, b, labels[i]))
        i = j + 1
    return out


Fields = set[tuple[int, int, str]]


def _count(counts: Counts, gold: Fields, pred: Fields) -> None:
    for _, _, lab in gold:
        counts["gold"][lab] += 1
    for _, _, lab in pred:
        counts["pred"][lab] += 1
    for _, _, lab in gold & pred:
        counts["tp"][lab] += 1


def evaluate(
    model: Path, examples: Sequence[Example], lexicon: dict[str, str],
    xseqs: Sequence[list[list[str]]] | None = None,
) -> tuple[Counts, Counts]:
    """Field counts, strict and with punctuation at field edges ignored (``xseqs``: each
    example's features, when built beforehand)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    strict: Counts = {"tp": Counter(), "pred": Counter(), "gold": Counter()}
    loose: Counts = {"tp": Counter(), "pred": Counter(), "gold": Counter()}
    for k, ex in enumerate(examples):
        tokens = tokenize(ex.raw, features_version(lexicon))
        if not tokens:
            continue
        gold_labels = token_labels(ex, tokens)
        xseq = xseqs[k] if xseqs is not None else token_features(tokens, lexicon)
        pred_labels = labels_of(tagger.tag(xseq))
        _count(strict, fields(gold_labels), fields(pred_labels))
        words = [any(ch.isalnum() for ch in t.text) for t in tokens]
        _count(loose, fields(gold_labels, words), fields(pred_labels, words))
    return strict, loose


def run_fold(
    k: int, train_set: list[Example], test_set: list[Example], lexicon: dict[str, str],
    iterations: int, c1: float, c2: float, save: Path | None = None, jackknife: int = 0,
    stack: int = 0, algorithm: str = "lbfgs", params: dict[str, float | int | str] | None = None,
    bag: int = 0, aux: Path | None = None, alternatives: float = 0.0,
) -> tuple[Counts, Counts]:
    if bag:
        # A bootstrap sample of the training folds (for bagged ensembles).
        pick = random.Random(bag * 1000 + k)
        train_set = [pick.choice(train_set) for _ in train_set]
    parts: list[tuple[list[Example], dict[str, str]]] = [(train_set, lexicon)]
    if jackknife:
        # Word lists also from GROBID's training folds, jackknifed: each training reference
        # has its features looked up in lists built without its part (as the test fold's
        # are in lists built without it), so no reference finds its own words there.
        version = features_version(lexicon)
        base = train_tagger.anystyle_examples(train_tagger.ANYSTYLE_LEXICON)
        parts = []
        for j in range(jackknife):
            rest = [ex for i, ex in enumerate(train_set) if i % jackknife != j]
            parts.append((train_set[j::jackknife], build_lexicon(base + rest, version=version)))
        lexicon = build_lexicon(base + train_set, version=version)
    with tempfile.TemporaryDirectory() as tmp:
        model = (save or Path(tmp)) / f"fold{k}.crfsuite"
        if not stack and aux is None:
            seqs = (seq for part, lex in parts for seq in sequences(part, lex))
            train_sequences(seqs, model, max_iterations=iterations, c1=c1, c2=c2,
                            min_freq=train_tagger.MIN_FREQ, algorithm=algorithm,
                            params=params)
            counts, loose = evaluate(model, test_set, lexicon)
        else:
            train_seqs = [seq for part, lex in parts for seq in sequences(part, lex)]
            version = features_version(lexicon)
            test_xs = [token_features(tokenize(ex.raw, version), lexicon) for ex in test_set]
            if aux is not None:
                tagged = [ex for part, _ in parts for ex in part if tokenize(ex.raw, version)]
                with_aux(aux, tagged, [x for x, _ in train_seqs], alternatives=alternatives)
                with_aux(aux, test_set, test_xs, alternatives=alternatives)
            if stack:
                stacked(train_seqs, test_xs, Path(tmp), stack, c1, c2)
            train_sequences(train_seqs, model, max_iterations=iterations, c1=c1, c2=c2,
                            min_freq=train_tagger.MIN_FREQ, algorithm=algorithm,
                            params=params)
            counts, loose = evaluate(model, test_set, lexicon, test_xs)
    print(f"fold {k}: F1 {f1(counts)[0]:.4f} (edge punctuation ignored: {f1(loose)[0]:.4f})",
          file=sys.stderr, flush=True)
    print(table(f"fold {k}", counts), file=sys.stderr, flush=True)
    return counts, loose


def _first_pass(model: Path, xseqs: Sequence[list[list[str]]]) -> None:
    """Add to each token's features the first-pass CRF's state for it and its neighbours,
    where its field starts or ends, and how sure the first pass is of it."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    for xseq in xseqs:
        if not xseq:
            continue
        got = tagger.tag(xseq)
        sure = [tagger.marginal(y, t) for t, y in enumerate(got)]
        labels = labels_of(got)
        n = len(got)
        extra = []
        for t in range(n):
            feats = ["fp=" + got[t], "fpp=" + ("hi" if sure[t] >= 0.9 else
                                              "mid" if sure[t] >= 0.6 else "lo") + labels[t]]
            for off in (-2, -1, 1, 2):
                j = t + off
                feats.append(f"fp{off}=" + (labels[j] if 0 <= j < n else "EDGE"))
            prev = labels[t - 1] if t else "BOS"
            nxt = labels[t + 1] if t + 1 < n else "EOS"
            feats.append(f"fp-1|fp={prev}|{labels[t]}")
            feats.append(f"fp|fp+1={labels[t]}|{nxt}")
            extra.append(feats)
        for feats, more in zip(xseq, extra, strict=True):
            feats += more


def stacked(
    train_seqs: list[tuple[list[list[str]], list[str]]], test_xs: list[list[list[str]]],
    tmp: Path, iterations: int, c1: float, c2: float,
) -> None:
    """Two-pass stacking, leak-free: the training references' first-pass features come from
    CRFs trained on the other half of the training set (2-fold jackknife), the test fold's
    from a CRF trained on the whole training set; all with ``iterations`` iterations.
    The features are added in place."""
    halves = [train_seqs[0::2], train_seqs[1::2]]
    models = []
    for h, half in enumerate(halves):
        models.append(tmp / f"first{h}.crfsuite")
        train_sequences(half, models[-1], max_iterations=iterations, c1=c1, c2=c2,
                        min_freq=train_tagger.MIN_FREQ)
    whole = tmp / "first.crfsuite"
    train_sequences(train_seqs, whole, max_iterations=iterations, c1=c1, c2=c2,
                    min_freq=train_tagger.MIN_FREQ)
    _first_pass(models[1], [x for x, _ in halves[0]])
    _first_pass(models[0], [x for x, _ in halves[1]])
    _first_pass(whole, test_xs)


AUX_CACHE = ROOT / "cache"


def aux_model(name: str = "anystyle", iterations: int = 100, c1: float = train_tagger.C1,
              c2: float = train_tagger.C2, corpora: Path = train_tagger.CORPORA,
              cache: Path = AUX_CACHE) -> Path:
    """The auxiliary CRF of ``--aux anystyle``: features version 2, trained once on
    AnyStyle's files (``train_tagger.ANYSTYLE_TRAIN``: core, good, ugly, gold; never GROBID's
    data, so leak-free for every GROBID fold) with AnyStyle's word lists, and kept in
    ``cache``."""
    if name != "anystyle":
        raise ValueError(f"unknown auxiliary model {name!r}")
    path = cache / f"aux-anystyle-v2-{iterations}.crfsuite"
    if not path.exists():
        cache.mkdir(exist_ok=True)
        t0 = time.monotonic()
        lexicon = train_tagger.lexicon(corpora, version=2)
        examples = train_tagger.anystyle_examples(train_tagger.ANYSTYLE_TRAIN, corpora)
        tmp = path.with_suffix(".tmp")
        train_sequences(sequences(examples, lexicon), tmp, max_iterations=iterations, c1=c1,
                        c2=c2, min_freq=train_tagger.MIN_FREQ)
        tmp.replace(path)
        print(f"auxiliary model {path.name}: {len(examples)} AnyStyle references, "
              f"{time.monotonic() - t0:.0f} s", file=sys.stderr, flush=True)
    return path


def with_aux(model: Path, examples: Sequence[Example], xseqs: Sequence[list[list[str]]],
             lexicon: dict[str, str] | None = None, alternatives: float = 0.0) -> None:
    """Add to each token's features the auxiliary CRF's reading of its reference
    (``tagger.aux_features``; the auxiliary CRF has features version 2 over AnyStyle's word
    lists, whatever the main CRF's version; ``lexicon``: other lists; ``alternatives``: its
    runner-up labels too). ``xseqs``: the features of ``examples``, one for one; changed
    in place."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    lexicon = lexicon if lexicon is not None else _aux_lexicon()
    for ex, xseq in zip(examples, xseqs, strict=True):
        toks = tokenize(ex.raw, 2)
        reading = aux_features(tagger, token_features(toks, lexicon),
                               alternatives=alternatives)
        for feats, more in zip(xseq, reading, strict=True):
            feats += more


_AUX_LEXICON: dict[str, str] = {}


def _aux_lexicon() -> dict[str, str]:
    if not _AUX_LEXICON:
        _AUX_LEXICON.update(train_tagger.lexicon(version=2))
    return _AUX_LEXICON


def _all_states() -> list[str]:
    """Every CRF state of features versions 2 and 3 (``states``), in a fixed order."""
    from citelink.parse.tagger import LABELS

    fields_ = [lab for lab in LABELS if lab != "other"]
    return ([f"{lab}>B" for lab in fields_] + list(fields_)
            + ["other>BOS"] + [f"other>{lab}" for lab in fields_])


def evaluate_ensemble(
    members: Sequence[tuple[Path, dict[str, str]]], examples: Sequence[Example],
    combine: str = "marginals",
) -> tuple[Counts, Counts]:
    """Field counts of an ensemble: each member (a model and the word lists its features
    were built with; features versions 2 and 3 share their tokens) gives each token's state
    marginals, these are averaged, and the best path the state grammar allows through
    their logarithms is taken (``decode``). ``combine="weights"``: the members' potentials
    and transition weights are averaged instead (one log-linear model, Viterbi)."""
    import math

    import pycrfsuite

    all_states = _all_states()
    taggers = []
    for model, lexicon in members:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        taggers.append((tagger, lexicon))
    if combine == "weights":
        weights = [crf_weights(tagger, all_states) for tagger, _ in taggers]
        size = len(all_states)
        moves = [[sum(w[1][a][b] for w in weights) / len(weights) for b in range(size)]
                 for a in range(size)]
    strict: Counts = {"tp": Counter(), "pred": Counter(), "gold": Counter()}
    loose: Counts = {"tp": Counter(), "pred": Counter(), "gold": Counter()}
    for ex in examples:
        tokens = tokenize(ex.raw, 2)
        if not tokens:
            continue
        gold_labels = token_labels(ex, tokens)
        total = [[0.0] * len(all_states) for _ in tokens]
        for m, (tagger, lexicon) in enumerate(taggers):
            xseq = token_features(tokens, lexicon)
            got = (state_scores(weights[m][0], xseq, size) if combine == "weights"
                   else state_marginals(tagger, xseq, all_states))
            for row, add in zip(total, got, strict=True):
                for s, p in enumerate(add):
                    row[s] += p
        if combine == "weights":
            scores = [[v / len(taggers) for v in row] for row in total]
            pred_labels = labels_of(decode(all_states, scores, moves))
        else:
            scores = [[math.log(p / len(taggers)) if p > 0 else -1e9 for p in row]
                      for row in total]
            pred_labels = labels_of(decode(all_states, scores))
        _count(strict, fields(gold_labels), fields(pred_labels))
        words = [any(ch.isalnum() for ch in t.text) for t in tokens]
        _count(loose, fields(gold_labels, words), fields(pred_labels, words))
    return strict, loose


def ensemble(args: argparse.Namespace, folds: list[list[Example]]) -> None:
    """``--members``: evaluate saved fold models (``VERSION[j]:FOLDER`` with
    ``foldK.crfsuite`` inside; ``j``: word lists also from the training folds) together."""
    base = {v: train_tagger.lexicon(version=v) for v in (2, 3)}
    parts = []
    for k in range(args.start, args.start + args.folds):
        members = []
        for spec in args.members:
            version, _, folder = spec.partition(":")
            lexicon = base[int(version.rstrip("j"))]
            if version.endswith("j"):
                train_set = [ex for j, f in enumerate(folds) if j != k for ex in f]
                anystyle = train_tagger.anystyle_examples(train_tagger.ANYSTYLE_LEXICON)
                lexicon = build_lexicon(anystyle + train_set, version=int(version[:-1]))
            members.append((Path(folder) / f"fold{k}.crfsuite", lexicon))
        strict, loose = evaluate_ensemble(members, folds[k], args.combine)
        print(f"fold {k}: ensemble of {len(members)} ({args.combine}): F1 {f1(strict)[0]:.4f} "
              f"(edge punctuation ignored: {f1(loose)[0]:.4f})", flush=True)
        print(table(f"fold {k}", strict), file=sys.stderr, flush=True)
        parts.append((strict, loose))
    print(table("ensemble", merge([p[0] for p in parts])))
    print(f"(punctuation at field edges ignored: {f1(merge([p[1] for p in parts]))[0]:.4f})")


Edge = tuple[str, ...]


def _edge_shape(text: str) -> str:
    out: list[str] = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:4]


def edge_decisions(
    tokens: Sequence[Token], labels: Sequence[str]
) -> list[tuple[tuple[int, int, str], Edge, int, Edge, int]]:
    """For each field (its words' span and label): the context of its end (label, last
    word's shape, punctuation after it, next word's shape) and how many of those punctuation
    tokens are inside the field; the same for its start."""
    words = [any(ch.isalnum() for ch in t.text) for t in tokens]
    n = len(tokens)
    out: list[tuple[tuple[int, int, str], Edge, int, Edge, int]] = []
    for i, j, label in sorted(_runs(labels)):
        a, b = i, j
        while a <= b and not words[a]:
            a += 1
        while b >= a and not words[b]:
            b -= 1
        if label == "other" or a > b:
            continue
        q = b + 1
        while q < n and not words[q]:
            q += 1
        end = ("E", label, _edge_shape(tokens[b].text),
               "".join(t.text for t in tokens[b + 1:q])[:3],
               _edge_shape(tokens[q].text) if q < n else "EOS")
        q = a - 1
        while q >= 0 and not words[q]:
            q -= 1
        start = ("S", label, _edge_shape(tokens[a].text),
                 "".join(t.text for t in tokens[q + 1:a])[-3:],
                 _edge_shape(tokens[q].text) if q >= 0 else "BOS")
        out.append(((a, b, label), end, j - b, start, a - i))
    return out


def _runs(labels: Sequence[str]) -> set[tuple[int, int, str]]:
    out = set()
    i = 0
    while i < len(labels):
        j = i
        while j + 1 < len(labels) and labels[j + 1] == labels[i]:
            j += 1
        out.add((i, j, labels[i]))
        i = j + 1
    return out


def edges(args: argparse.Namespace, order: list[int]) -> None:
    """``--edges``: how consistent GROBID's gold is at field edges given the local context
    (``edge_decisions``), and, with ``--edges-models``, which of a saved fold model's
    strict-only errors (words right, edge punctuation wrong) are where the gold takes the
    minority choice for its context in the other nine folds."""
    import pycrfsuite

    files: list[str] = []
    examples: list[Example] = []
    for path in sorted((train_tagger.CORPORA / "grobid-citation" / "corpus").glob("*.xml")):
        got = read_grobid(path.read_text(encoding="utf-8"))
        examples += got
        files += [path.name] * len(got)
    fold_of = {i: k % FOLDS for k, i in enumerate(order)}
    tokens = [tokenize(ex.raw, 2) for ex in examples]
    gold = [edge_decisions(t, token_labels(ex, t)) for ex, t in zip(examples, tokens, strict=True)]
    per_fold: list[dict[Edge, Counter[int]]] = [{} for _ in range(FOLDS)]
    in_file: dict[tuple[str, Edge], Counter[int]] = {}
    for k, ds in enumerate(gold):
        for _, end, e, start, s in ds:
            for key, dec in ((end, e), (start, s)):
                per_fold[fold_of[k]].setdefault(key, Counter())[dec] += 1
                in_file.setdefault((files[k], key), Counter())[dec] += 1

    def majority(fold: int, key: Edge) -> int | None:
        c: Counter[int] = Counter()
        for g in range(FOLDS):
            if g != fold:
                c.update(per_fold[g].get(key, Counter()))
        return c.most_common(1)[0][0] if c else None

    total = minority = 0
    for k, ds in enumerate(gold):
        for _, end, e, start, s in ds:
            total += 1
            minority += any(in_file[(files[k], key)][dec] < max(in_file[(files[k], key)].values())
                            for key, dec in ((end, e), (start, s)))
    print(f"{minority} of {total} gold fields ({minority / total:.4f}) have an edge that is the "
          "minority choice for its context within its own file")
    overall: dict[Edge, Counter[int]] = {}
    for counts in per_fold:
        for key, c in counts.items():
            overall.setdefault(key, Counter()).update(c)
    mixed = sorted(overall.items(), key=lambda kv: max(kv[1].values()) - sum(kv[1].values()))
    print("contexts labelled both ways most often (punctuation tokens inside: count):")
    for key, c in mixed[:8]:
        print(f"  {key}: {dict(c)}")
    if not args.edges_models:
        return
    lexicon = train_tagger.lexicon(version=args.features)
    for fold in range(args.start, args.start + args.folds):
        tagger = pycrfsuite.Tagger()
        tagger.open(str(args.edges_models / f"fold{fold}.crfsuite"))
        tp = npred = ngold = 0
        kinds: Counter[str] = Counter()
        for k in range(len(examples)):
            if fold_of[k] != fold or not tokens[k]:
                continue
            pred = labels_of(tagger.tag(token_features(tokens[k], lexicon)))
            mine = {f: (e, s) for f, _, e, _, s in edge_decisions(tokens[k], pred)}
            npred += len(mine)
            ngold += len(gold[k])
            for f, end, e, start, s in gold[k]:
                if f not in mine:
                    continue
                if mine[f] == (e, s):
                    tp += 1
                    continue
                wrong = [(key, dec) for key, dec, got in ((end, e, mine[f][0]),
                                                          (start, s, mine[f][1])) if dec != got]
                if all(majority(fold, key) == dec for key, dec in wrong):
                    kinds["gold = majority"] += 1
                elif any(len(in_file[(files[k], key)]) > 1 for key, _ in wrong):
                    kinds["gold = minority, file labels the context both ways"] += 1
                else:
                    kinds["gold = minority"] += 1
        size = npred + ngold
        print(f"fold {fold}: strict F1 {2 * tp / size:.4f}; strict-only errors "
              f"{sum(kinds.values())}: {dict(kinds)}; every one where the gold is the majority "
              f"fixed: {2 * (tp + kinds['gold = majority']) / size:.4f}; every edge right: "
              f"{2 * (tp + sum(kinds.values())) / size:.4f}")


def f1(counts: Counts, label: str | None = None) -> tuple[float, float, float]:
    def total(kind: str) -> int:
        c = counts[kind]
        return c[label] if label else sum(c.values())

    tp, pred, gold = total("tp"), total("pred"), total("gold")
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def merge(parts: Sequence[Counts]) -> Counts:
    out: Counts = {"tp": Counter(), "pred": Counter(), "gold": Counter()}
    for part in parts:
        for kind in out:
            out[kind].update(part[kind])
    return out


def table(title: str, counts: Counts) -> str:
    lines = [title, "", "| field | precision | recall | F1 | support |", "|---|---|---|---|---|"]
    for label, support in counts["gold"].most_common():
        f, p, r = f1(counts, label)
        lines.append(f"| {label} | {p:.4f} | {r:.4f} | {f:.4f} | {support} |")
    f, p, r = f1(counts)
    lines.append(f"| **micro average** | {p:.4f} | {r:.4f} | **{f:.4f}** | "
                 f"{sum(counts['gold'].values())} |")
    return "\n".join(lines)


def speed() -> str:
    """CPU time (``time.process_time``: the shared machine's load does not count) of tagging
    the bundled article's reference entries, and of 1,000 AnyStyle references."""
    from citelink.parse.tagger import tag

    text = (ROOT / "refs" / "article.txt").read_text(encoding="utf-8")
    tail = text[text.rfind("【参考文献】"):]
    entries = [line.lstrip("- ").strip() for line in tail.splitlines()[1:] if line.strip()]
    t0 = time.process_time()
    tag(entries[0])
    load = time.process_time() - t0
    samples = []
    for _ in range(20):
        t0 = time.process_time()
        for entry in entries:
            tag(entry)
        samples.append(time.process_time() - t0)
    best, median = min(samples), statistics.median(samples)
    tokens = sum(len(tokenize(e)) for e in entries) / len(entries)
    out = [
        f"model load: {load * 1000:.0f} ms CPU (once per process)",
        f"bundled article: {len(entries)} entries ({tokens:.0f} tokens each on average), "
        f"median {median * 1000:.1f} ms CPU (best {best * 1000:.1f} ms) = "
        f"{median * 1000 / len(entries):.2f} ms/reference",
    ]
    refs = [ex.raw for ex in train_tagger.anystyle_examples(("gold.xml",))]
    for size in (100, 1000):
        t0 = time.process_time()
        for raw in refs[:size]:
            tag(raw)
        per = (time.process_time() - t0) / size * 1000
        out.append(f"AnyStyle gold.xml, first {size} references: {per:.2f} ms/reference CPU")
    return "\n".join(out)


def cross_validate(
    args: argparse.Namespace, folds: list[list[Example]], extra: list[Example],
    lexicon: dict[str, str], total: int, t0: float,
) -> None:
    aux = aux_model(args.aux) if args.aux else None
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        futures = [
            pool.submit(
                run_fold, k, [ex for j, f in enumerate(folds) if j != k for ex in f] + extra,
                folds[k],
                lexicon, args.iterations, args.c1, args.c2, args.save, args.jackknife,
                args.stack, args.algorithm, dict(args.param), args.bag, aux,
                args.aux_alternatives,
            )
            for k in range(args.start, args.start + args.folds)
        ]
        results = [fut.result() for fut in futures]
    also = f", each fold also trained on {len(extra)} AnyStyle references" if extra else ""
    print(f"\n{args.folds}-fold cross-validation, {total} GROBID references{also}, "
          f"{args.iterations} L-BFGS iterations, {time.monotonic() - t0:.0f} s\n")
    print(table("GROBID corpus/, cross-validated", merge([r[0] for r in results])))
    print()
    print(table("The same, punctuation at field edges ignored", merge([r[1] for r in results])))


_INITIALS = re.compile(r"^(?:[A-Z]\.?-?)+$|^[A-Z]{1,3}$")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


def tagger_fields(raw: str) -> dict[str, str | None]:
    """The five key fields read from the tagger's spans of one entry, with the plainest
    rules: the author span's first name without its initials, the date's year, the volume,
    the first page of the pages, a DOI anywhere in a doi or url span."""
    from citelink.metadata.work import normalize_doi
    from citelink.parse.tagger import tag

    t = tag(raw)
    out: dict[str, str | None] = dict.fromkeys(
        ("first_author_family", "year", "volume", "first_page", "doi")
    )
    names = t.first("author") or t.first("editor")
    if names:
        words = re.split(r"[,;]| and | & ", names.text)[0].split()
        while len(words) > 1 and _INITIALS.match(words[-1]):
            words.pop()
        while len(words) > 1 and _INITIALS.match(words[0]):
            words.pop(0)
        out["first_author_family"] = " ".join(words).strip(".") or None
    for span in t.all("date"):
        m = re.search(r"\d{4}", span.text)
        if m:
            out["year"] = m.group()
            break
    volume = t.first("volume")
    if volume:
        out["volume"] = volume.text.strip(" .,:;()")
    pages = t.first("pages")
    if pages:
        m = re.match(r"\s*([A-Za-z]*\d+[A-Za-z]*)", pages.text)
        out["first_page"] = m.group(1) if m else None
    for span in t.all("doi") + t.all("url"):
        m = _DOI.search(span.text)
        if m:
            out["doi"] = normalize_doi(m.group().rstrip(".,;"))
            break
    return out


def bench_articles() -> str:
    """Per keyed article: share of key fields right as the rules read them (the parser's
    references) and as read from the tagger's spans of the same entries."""
    sys.path.insert(0, str(ROOT))
    from tests.wild import FIELDS, FOLDERS, _ours, _same

    from citelink import load_article

    lines = ["| article | refs | rules | tagger spans |", "|---|---|---|---|"]
    totals = [0, 0, 0]
    for folder in FOLDERS:
        for case in sorted(p for p in folder.iterdir() if (p / "key.json").exists()):
            key = json.loads((case / "key.json").read_text(encoding="utf-8"))
            article = load_article(case / "article.txt")
            rules = tagger = total = 0
            for entry in key["references"]:
                n = entry["n"]
                ours = _ours(article, n)
                raw = article.references[n - 1].raw if n - 1 < len(article.references) else ""
                theirs = tagger_fields(raw)
                for field in FIELDS:
                    total += 1
                    rules += _same(field, ours[field], entry[field])
                    tagger += _same(field, theirs[field], entry[field])
            lines.append(f"| {case.name} | {len(key['references'])} | {rules / total:.1%} | "
                         f"{tagger / total:.1%} |")
            totals = [totals[0] + rules, totals[1] + tagger, totals[2] + total]
    lines.append(f"| all | | {totals[0] / totals[2]:.1%} | {totals[1] / totals[2]:.1%} |")
    return "\n".join(lines)


def _param(text: str) -> tuple[str, float | int | str]:
    key, _, value = text.partition("=")
    for kind in (int, float):
        try:
            return key, kind(value)
        except ValueError:
            pass
    return key, value


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--features", type=int, choices=(1, 2, 3), default=FEATURES,
                    help="tokens/features version to cross-validate (default: the latest)")
    ap.add_argument("--iterations", type=int, default=None,
                    help="L-BFGS iterations (default: 150 for version 1, 100 for 2 and 3)")
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--folds", type=int, default=FOLDS, help="folds to run (of 10)")
    ap.add_argument("--start", type=int, default=0, help="first fold to run")
    ap.add_argument("--c1", type=float, default=train_tagger.C1)
    ap.add_argument("--c2", type=float, default=train_tagger.C2)
    ap.add_argument("--save", type=Path, default=None,
                    help="keep each fold's model in this folder (fold0.crfsuite, ...)")
    ap.add_argument("--jackknife", type=int, default=0, metavar="J",
                    help="word lists also from GROBID's training folds, in J jackknifed parts")
    ap.add_argument("--stack", type=int, default=0, metavar="N",
                    help="two-pass stacking, the first pass trained with N iterations")
    ap.add_argument("--algorithm", default="lbfgs",
                    choices=("lbfgs", "l2sgd", "ap", "pa", "arow"), help="CRFsuite's trainer")
    ap.add_argument("--param", type=_param, action="append", default=[], metavar="KEY=VALUE",
                    help="another CRFsuite training parameter (repeatable)")
    ap.add_argument("--bag", type=int, default=0, metavar="SEED",
                    help="train each fold on a bootstrap sample of its training folds")
    ap.add_argument("--aux", choices=("anystyle",), default=None,
                    help="cross-corpus stacking: features from a CRF trained once on "
                         "AnyStyle's files (cached in cache/)")
    ap.add_argument("--aux-alternatives", type=float, default=0.0, metavar="P",
                    help="--aux: also the auxiliary CRF's other labels of marginal >= P")
    ap.add_argument("--members", nargs="+", default=None, metavar="VERSION[j]:FOLDER",
                    help="evaluate saved fold models together (averaged marginals)")
    ap.add_argument("--combine", choices=("marginals", "weights"), default="marginals",
                    help="--members: average marginals, or potentials and transitions")
    ap.add_argument("--edges", action="store_true",
                    help="how consistent the gold is at field edges (no training)")
    ap.add_argument("--edges-models", type=Path, default=None, metavar="FOLDER",
                    help="--edges: also classify these saved fold models' edge errors")
    ap.add_argument("--held-out", action="store_true")
    ap.add_argument("--with-anystyle", action="store_true",
                    help="train each fold on AnyStyle's references too (as the shipped model)")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--articles", action="store_true")
    args = ap.parse_args(argv)
    if args.articles:
        print(bench_articles())
        return 0
    if args.speed_only:
        print(speed())
        return 0
    lexicon = train_tagger.lexicon(version=args.features)
    args.iterations = args.iterations or train_tagger.ITERATIONS[args.features]
    grobid = train_tagger.grobid_examples()
    order = list(range(len(grobid)))
    random.Random(SEED).shuffle(order)
    folds = [[grobid[i] for i in order[k::FOLDS]] for k in range(FOLDS)]
    extra = (
        train_tagger.anystyle_examples(train_tagger.ANYSTYLE_TRAIN) if args.with_anystyle else []
    )
    t0 = time.monotonic()
    if args.members:
        ensemble(args, folds)
        return 0
    if args.edges:
        edges(args, order)
        return 0
    if args.folds:
        cross_validate(args, folds, extra, lexicon, len(grobid), t0)
    if args.held_out:
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / "held-out.crfsuite"
            held = grobid + train_tagger.anystyle_examples(("core.xml", "good.xml", "ugly.xml"))
            train_sequences(sequences(held, lexicon), model, max_iterations=args.iterations,
                            c1=args.c1, c2=args.c2, min_freq=train_tagger.MIN_FREQ)
            sets = {"AnyStyle gold.xml": train_tagger.anystyle_examples(("gold.xml",))}
            sets.update(train_tagger.grobid_evaluation())
            for name, examples in sets.items():
                print()
                strict, loose = evaluate(model, examples, lexicon)
                print(table(f"{name} ({len(examples)} references), held out", strict))
                print(f"(punctuation at field edges ignored: micro F1 {f1(loose)[0]:.4f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
