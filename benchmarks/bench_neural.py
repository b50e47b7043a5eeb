"""A neural reference tagger (BiLSTM-CRF), alone and with version 2's CRF: an experiment.

Not a project dependency: torch lives in its own virtualenv, made once with

    python3 -m venv /work/wt/nnvenv
    /work/wt/nnvenv/bin/pip install -q torch==2.13.0 numpy
    /work/wt/nnvenv/bin/pip install -q -e .

and the benchmark runs there, one fold per process, one thread each (the runs of RESULTS.md,
2026-12-02; settings `a` are the defaults, `b` more feature dropout and a slower sparse rate):

    nice /work/wt/nnvenv/bin/python benchmarks/bench_neural.py --fold 0 --crf /tmp/t4/v2 \
        --out /tmp/nn/a --epochs 7         # a: trains, tags fold 0, scores the variants
    nice /work/wt/nnvenv/bin/python benchmarks/bench_neural.py --fold 0 --crf /tmp/t4/v2 \
        --out /tmp/nn/b --feat-drop 0.5 --lr-sparse 1e-3 --seed 2      # b
    nice /work/wt/nnvenv/bin/python benchmarks/bench_neural.py --fold 0 --crf /tmp/t4/v2 \
        --out /tmp/nn/ab --score-only --with /tmp/nn/b
                                       # scores /tmp/nn/ab/fold0-net.pkl (a symlink to a's)
                                       # again, with b's network in the ensembles too
    /work/wt/nnvenv/bin/python benchmarks/bench_neural.py --summary --out /tmp/nn/a
                                       # micro F1 and per-field tables over the folds scored

``--crf DIR`` holds version 2's fold models (``foldK.crfsuite``, from ``bench_tagger.py
--features 2 --save DIR``). Everything else is bench_tagger's: GROBID's ``corpus/``, the same
seed and 10 folds, version 2's tokens, its CRF features (word lists from AnyStyle's files only)
and states, and its ``fields`` scoring (strict: a field counts only if its whole token span and
label equal a gold field; micro F1 over every label but ``other``).

The network, per token: a word embedding (lower case, vocabulary of the training folds' words
seen twice, from scratch), a character CNN over the token as printed, and the token's
version-2 CRF feature strings (those seen twice in the training folds) summed in an
EmbeddingBag; a BiLSTM over these; a CRF output layer over version 2's states whose
transitions the state grammar (``tagger.state_follows``) restricts. The same EmbeddingBag also
gives each state a linear score per feature, added to the BiLSTM's (a linear CRF inside the
network; ``--no-linear`` drops it). Adam (sparse for the bags), early stopping on 5% of the
training folds (never the test fold).

Variants scored on the test fold: the network alone (Viterbi); version 2's CRF alone
(CRFsuite's Viterbi: must reproduce bench_tagger's fold figure); both, by averaged state
marginals (``avg``), summed log marginals (``geo``), and by adding the two CRFs' log
potentials and transition weights, halved (``loglin``): each decoded under the state grammar.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pickle
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_tagger
import train_tagger

from citelink.parse.tagger import (
    Example,
    crf_weights,
    labels_of,
    state_follows,
    state_marginals,
    state_scores,
    states,
    token_features,
    token_labels,
    tokenize,
)

STATES = bench_tagger._all_states()
S = len(STATES)
INDEX = {s: k for k, s in enumerate(STATES)}
MAX_CHARS = 16
NEG = -1e4

Data = dict[str, Any]


def reference_data(ex: Example, lexicon: dict[str, str], table: dict[str, int]) -> Data | None:
    """One reference as the network reads it (None without tokens): its example, token
    texts, gold states, and its CRF features as ids into ``table`` (which grows), flat, with
    how many per token."""
    np: Any = importlib.import_module("numpy")
    tokens = tokenize(ex.raw, 2)
    if not tokens:
        return None
    xseq = token_features(tokens, lexicon)
    ids = [table.setdefault(a, len(table)) for feats in xseq for a in feats]
    return {
        "example": ex,
        "texts": [t.text for t in tokens],
        "states": [INDEX[s] for s in states(token_labels(ex, tokens))],
        "feats": np.array(ids, dtype=np.int64),
        "nfeat": np.array([len(feats) for feats in xseq], dtype=np.int64),
    }


def load(cache: Path) -> tuple[list[Data], list[int]]:
    """Every GROBID reference with tokens (version 2): its example, token texts, gold
    states, and its CRF features as ids into one global table (``feats``: flat ids,
    ``nfeat``: how many per token); and each reference's fold (bench_tagger's split)."""
    path = cache / "grobid-v2.pkl"
    if path.exists():
        with path.open("rb") as f:
            got: tuple[list[Data], list[int]] = pickle.load(f)
            return got
    lexicon = train_tagger.lexicon(version=2)
    grobid = train_tagger.grobid_examples()
    order = list(range(len(grobid)))
    random.Random(bench_tagger.SEED).shuffle(order)
    fold_of = {i: k % bench_tagger.FOLDS for k, i in enumerate(order)}
    table: dict[str, int] = {}
    refs: list[Data] = []
    folds: list[int] = []
    for i, ex in enumerate(grobid):
        r = reference_data(ex, lexicon, table)
        if r is not None:
            refs.append(r)
            folds.append(fold_of[i])
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump((refs, folds), f)
    tmp.replace(path)
    return refs, folds


def grammar() -> tuple[list[list[bool]], list[bool]]:
    """Which state may follow which, and which may start a reference."""
    follows = [[state_follows(a, b) for b in STATES] for a in STATES]
    return follows, [state_follows(None, s) for s in STATES]


class Vocab:
    """The training folds' words (lower case, seen twice), characters and CRF features
    (seen twice): id 0 pads, 1 is unknown (features: unknown ones are dropped)."""

    def __init__(self, refs: Sequence[Data]) -> None:
        np: Any = importlib.import_module("numpy")
        words: Counter[str] = Counter()
        chars: Counter[str] = Counter()
        for r in refs:
            for t in r["texts"]:
                words[t.lower()] += 1
                chars.update(t[:MAX_CHARS])
        self.words = {w: k + 2 for k, w in enumerate(w for w, c in words.items() if c >= 2)}
        self.chars = {ch: k + 2 for k, ch in enumerate(chars)}
        top = max(int(r["feats"].max()) for r in refs if len(r["feats"])) + 1
        counts = np.bincount(np.concatenate([r["feats"] for r in refs]), minlength=top + 1)
        keep = counts >= 2
        self.feat_map = np.zeros(top + 1, dtype=np.int64)
        self.feat_map[keep] = np.arange(1, int(keep.sum()) + 1)
        self.nfeats = int(keep.sum()) + 1
        self.top = top
        self.memo: dict[int, tuple[Any, Any]] = {}

    def feats(self, r: Data) -> tuple[Any, Any]:
        """A reference's known feature ids (flat) and how many per token."""
        got = self.memo.get(id(r))
        if got is None:
            got = self.memo[id(r)] = self._feats(r)
        return got

    def _feats(self, r: Data) -> tuple[Any, Any]:
        np: Any = importlib.import_module("numpy")
        ids = r["feats"]
        mapped = np.where(ids <= self.top, self.feat_map[np.minimum(ids, self.top)], 0)
        token = np.repeat(np.arange(len(r["nfeat"])), r["nfeat"])
        known = mapped > 0
        return mapped[known], np.bincount(token[known], minlength=len(r["nfeat"]))


def build(vocab: Vocab, args: argparse.Namespace) -> Any:
    """The network's modules (a ModuleDict, no subclass) and the grammar's masks."""
    torch: Any = importlib.import_module("torch")
    nn = torch.nn
    wd, cd, cf, fd = args.word_dim, 30, args.char_filters, args.feat_dim
    m = nn.ModuleDict({
        "word": nn.Embedding(len(vocab.words) + 2, wd, padding_idx=0),
        "char": nn.Embedding(len(vocab.chars) + 2, cd, padding_idx=0),
        "conv": nn.Conv1d(cd, cf, 3, padding=1),
        "bag": nn.EmbeddingBag(vocab.nfeats, fd + S, mode="sum", sparse=True),
        "lstm": nn.LSTM(wd + cf + fd, args.hidden, num_layers=args.layers, bidirectional=True,
                        batch_first=True, dropout=args.dropout if args.layers > 1 else 0.0),
        "out": nn.Linear(2 * args.hidden, S),
    })
    with torch.no_grad():
        m["bag"].weight.normal_(0.0, 0.05)
        m["bag"].weight[:, fd:] = 0.0
        m["word"].weight.normal_(0.0, 0.1)
    m.trans = nn.Parameter(torch.zeros(S, S))
    m.start = nn.Parameter(torch.zeros(S))
    m.end = nn.Parameter(torch.zeros(S))
    follows, starts = grammar()
    m.register_buffer("trans_mask", torch.tensor(
        [[0.0 if ok else NEG for ok in row] for row in follows]))
    m.register_buffer("start_mask", torch.tensor([0.0 if ok else NEG for ok in starts]))
    return m


def batch(refs: Sequence[Data], vocab: Vocab, feat_drop: float = 0.0,
          rng: Any = None) -> dict[str, Any]:
    """Padded tensors of a few references."""
    torch: Any = importlib.import_module("torch")
    np: Any = importlib.import_module("numpy")
    n = max(len(r["texts"]) for r in refs)
    b = len(refs)
    words = np.zeros((b, n), dtype=np.int64)
    chars = np.zeros((b, n, MAX_CHARS), dtype=np.int64)
    mask = np.zeros((b, n), dtype=bool)
    tags = np.zeros((b, n), dtype=np.int64)
    flat = []
    counts = np.zeros(b * n, dtype=np.int64)
    for i, r in enumerate(refs):
        m = len(r["texts"])
        mask[i, :m] = True
        tags[i, :m] = r["states"]
        for t, text in enumerate(r["texts"]):
            words[i, t] = vocab.words.get(text.lower(), 1)
            for c, ch in enumerate(text[:MAX_CHARS]):
                chars[i, t, c] = vocab.chars.get(ch, 1)
        ids, per = vocab.feats(r)
        if feat_drop and rng is not None:
            keep = rng.random(len(ids)) >= feat_drop
            token = np.repeat(np.arange(m), per)
            ids = ids[keep]
            per = np.bincount(token[keep], minlength=m)
        flat.append(ids)
        counts[i * n: i * n + m] = per
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    return {
        "words": torch.from_numpy(words), "chars": torch.from_numpy(chars),
        "mask": torch.from_numpy(mask), "tags": torch.from_numpy(tags),
        "feats": torch.from_numpy(np.concatenate(flat)),
        "offsets": torch.from_numpy(offsets),
    }


def emissions(m: Any, x: dict[str, Any], args: argparse.Namespace, train: bool) -> Any:
    """Each token's score for each state: the BiLSTM's, plus the features' linear scores."""
    torch: Any = importlib.import_module("torch")
    f = torch.nn.functional
    b, n = x["words"].shape
    drop = args.dropout if train else 0.0
    words = m["word"](x["words"])
    ch = m["char"](x["chars"].view(b * n, MAX_CHARS)).transpose(1, 2)
    chars = torch.relu(m["conv"](ch)).max(dim=2).values.view(b, n, -1)
    bag = m["bag"](x["feats"], x["offsets"]).view(b, n, -1)
    fd = args.feat_dim
    inp = f.dropout(torch.cat([words, chars, bag[:, :, :fd]], dim=2), drop, train)
    lengths = x["mask"].sum(1)
    packed = torch.nn.utils.rnn.pack_padded_sequence(inp, lengths, batch_first=True,
                                                     enforce_sorted=False)
    out, _ = m["lstm"](packed)
    out, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=n)
    scores = m["out"](f.dropout(out, drop, train))
    if args.linear:
        scores = scores + bag[:, :, fd:]
    return scores


def transitions(m: Any) -> tuple[Any, Any, Any]:
    return m.trans + m.trans_mask, m.start + m.start_mask, m.end


def forward_alphas(m: Any, emit: Any, mask: Any) -> tuple[Any, list[Any]]:
    """log Z of each sequence, and the forward log scores at each step."""
    torch: Any = importlib.import_module("torch")
    trans, start, end = transitions(m)
    alpha = start + emit[:, 0]
    alphas = [alpha]
    for t in range(1, emit.shape[1]):
        nxt = torch.logsumexp(alpha.unsqueeze(2) + trans.unsqueeze(0), dim=1) + emit[:, t]
        alpha = torch.where(mask[:, t : t + 1], nxt, alpha)
        alphas.append(alpha)
    return torch.logsumexp(alpha + end, dim=1), alphas


def nll(m: Any, emit: Any, x: dict[str, Any]) -> Any:
    trans, start, end = transitions(m)
    mask, tags = x["mask"], x["tags"]
    log_z, _ = forward_alphas(m, emit, mask)
    gold = emit.gather(2, tags.unsqueeze(2)).squeeze(2)
    score = start[tags[:, 0]] + (gold * mask).sum(1)
    steps = trans[tags[:, :-1], tags[:, 1:]] * mask[:, 1:]
    score = score + steps.sum(1)
    last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
    score = score + end[last]
    return (log_z - score).sum() / tags.shape[0]


def log_marginals(m: Any, emit: Any, mask: Any) -> Any:
    """log P(state at token t) under the network's CRF, (batch, tokens, states)."""
    torch: Any = importlib.import_module("torch")
    trans, _, end = transitions(m)
    log_z, alphas = forward_alphas(m, emit, mask)
    n = emit.shape[1]
    beta = end.expand(emit.shape[0], S)
    betas = [beta]
    for t in range(n - 2, -1, -1):
        nxt = torch.logsumexp(trans.unsqueeze(0) + (emit[:, t + 1] + beta).unsqueeze(1), dim=2)
        beta = torch.where(mask[:, t + 1 : t + 2], nxt, end.expand_as(nxt))
        betas.append(beta)
    betas.reverse()
    return torch.stack([a + b for a, b in zip(alphas, betas, strict=True)], dim=1) \
        - log_z[:, None, None]


def viterbi(scores: Sequence[Sequence[float]], moves: Sequence[Sequence[float]],
            first: Sequence[float], last: Sequence[float]) -> list[int]:
    """The best state path (numpy) through ``scores`` (tokens x states) plus ``moves``
    between states, ``first`` at the first token, ``last`` at the last; forbidden moves and
    starts carry ``NEG``."""
    np: Any = importlib.import_module("numpy")
    sc = np.asarray(scores, dtype=np.float64)
    mv = np.asarray(moves, dtype=np.float64)
    best = sc[0] + np.asarray(first)
    back = []
    for t in range(1, len(sc)):
        cand = best[:, None] + mv
        arg = cand.argmax(0)
        best = cand[arg, np.arange(S)] + sc[t]
        back.append(arg)
    s = int((best + np.asarray(last)).argmax())
    path = [s]
    for arg in reversed(back):
        s = int(arg[s])
        path.append(s)
    return path[::-1]


def score_path(counts: tuple[bench_tagger.Counts, bench_tagger.Counts], gold: Sequence[int],
               pred: Sequence[int], texts: Sequence[str]) -> None:
    gold_labels = labels_of([STATES[k] for k in gold])
    pred_labels = labels_of([STATES[k] for k in pred])
    bench_tagger._count(counts[0], bench_tagger.fields(gold_labels),
                        bench_tagger.fields(pred_labels))
    words = [any(ch.isalnum() for ch in t) for t in texts]
    bench_tagger._count(counts[1], bench_tagger.fields(gold_labels, words),
                        bench_tagger.fields(pred_labels, words))


def empty() -> tuple[bench_tagger.Counts, bench_tagger.Counts]:
    return tuple({"tp": Counter(), "pred": Counter(), "gold": Counter()}  # type: ignore[return-value]
                 for _ in range(2))


def predict(m: Any, refs: Sequence[Data], vocab: Vocab, args: argparse.Namespace,
            marginals: bool) -> list[dict[str, Any]]:
    """The network's emissions (and log marginals) of each reference, as numpy arrays."""
    torch: Any = importlib.import_module("torch")
    m.eval()
    out: list[dict[str, Any]] = [{} for _ in refs]
    order = sorted(range(len(refs)), key=lambda i: len(refs[i]["texts"]))
    with torch.no_grad():
        for k in range(0, len(order), 64):
            idx = order[k : k + 64]
            x = batch([refs[i] for i in idx], vocab)
            emit = emissions(m, x, args, train=False)
            marg = log_marginals(m, emit, x["mask"]) if marginals else None
            for j, i in enumerate(idx):
                n = len(refs[i]["texts"])
                out[i]["emit"] = emit[j, :n].numpy()
                if marg is not None:
                    out[i]["marg"] = marg[j, :n].numpy()
    m.train()
    return out


def net_paths(m: Any, got: Sequence[dict[str, Any]]) -> list[list[int]]:
    trans, start, end = (t.detach().numpy() for t in transitions(m))
    return [viterbi(g["emit"], trans, start, end) for g in got]


def micro(counts: bench_tagger.Counts) -> float:
    return bench_tagger.f1(counts)[0]


def train(refs: list[Data], dev: list[Data], args: argparse.Namespace, log: Any) -> Any:
    torch: Any = importlib.import_module("torch")
    vocab = Vocab(refs)
    m = build(vocab, args)
    sparse = [m["bag"].weight]
    dense = [p for p in m.parameters() if p is not m["bag"].weight]
    opt = torch.optim.Adam(dense, lr=args.lr)
    opt_sparse = torch.optim.SparseAdam(sparse, lr=args.lr_sparse)
    rng = random.Random(args.seed)
    np_rng = importlib.import_module("numpy").random.default_rng(args.seed)
    order = sorted(range(len(refs)), key=lambda i: len(refs[i]["texts"]))
    batches = [order[k : k + args.batch] for k in range(0, len(order), args.batch)]
    best, best_state, stale = -1.0, None, 0
    t0 = time.monotonic()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(batches)
        total = 0.0
        for idx in batches:
            x = batch([refs[i] for i in idx], vocab, args.feat_drop, np_rng)
            emit = emissions(m, x, args, train=True)
            loss = nll(m, emit, x)
            opt.zero_grad()
            opt_sparse.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(dense, 5.0)
            opt.step()
            opt_sparse.step()
            total += loss.item() * len(idx)
        got = predict(m, dev, vocab, args, marginals=False)
        counts = empty()
        for r, path in zip(dev, net_paths(m, got), strict=True):
            score_path(counts, r["states"], path, r["texts"])
        f = micro(counts[0])
        log(f"epoch {epoch}: loss {total / len(refs):.3f}, dev F1 {f:.4f} "
            f"({time.monotonic() - t0:.0f} s)")
        if f > best:
            best, stale = f, 0
            best_state = {k: v.detach().clone() for k, v in m.state_dict().items()}
        else:
            stale += 1
            if stale >= args.patience:
                break
        if args.minutes and time.monotonic() - t0 > args.minutes * 60:
            log("time limit")
            break
    m.load_state_dict(best_state)
    m.vocab = vocab
    return m


def crf_reading(model: Path, examples: Sequence[Example]) -> list[dict[str, Any]]:
    """Version 2's CRF on each reference: CRFsuite's Viterbi path, state marginals, and its
    log potentials per state (``state_scores``); and its transition weights."""
    np: Any = importlib.import_module("numpy")
    pycrfsuite: Any = importlib.import_module("pycrfsuite")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    attrs, moves = crf_weights(tagger, STATES)
    lexicon = train_tagger.lexicon(version=2)
    out = []
    for ex in examples:
        xseq = token_features(tokenize(ex.raw, 2), lexicon)
        out.append({
            "path": [INDEX[s] for s in tagger.tag(xseq)],
            "marg": np.array(state_marginals(tagger, xseq, STATES)),
            "pot": np.array(state_scores(attrs, xseq, S)),
            "moves": np.array(moves),
        })
    return out


def score_variants(fold: int, refs: Sequence[Data], nets: Sequence[tuple[Any, dict[str, Any]]],
                   crf_dir: Path | None, out: Path) -> dict[str, Any]:
    """Strict and edge-insensitive counts of each variant on the test fold. ``nets``: this
    run's network (first) and those of other runs (``--with``), each its per-reference
    outputs and its transition, start and end weights."""
    np: Any = importlib.import_module("numpy")
    follows, starts = grammar()
    mask = np.array([[0.0 if ok else NEG for ok in row] for row in follows])
    first = np.array([0.0 if ok else NEG for ok in starts])
    zero = np.zeros(S)
    variants: dict[str, tuple[bench_tagger.Counts, bench_tagger.Counts]] = {}

    def add(name: str, r: Data, path: list[int]) -> None:
        score_path(variants.setdefault(name, empty()), r["states"], path, r["texts"])

    crf = crf_reading(crf_dir / f"fold{fold}.crfsuite", [r["example"] for r in refs]) \
        if crf_dir else None
    size = len(nets)
    nt = {key: sum(n[1][key] for n in nets) / size for key in ("trans", "start", "end")}
    for k, r in enumerate(refs):
        g = nets[0][0][k]
        emit = sum(n[0][k]["emit"] for n in nets) / size
        add("net", r, viterbi(g["emit"], nets[0][1]["trans"], nets[0][1]["start"],
                              nets[0][1]["end"]))
        add("net, max marginals", r, viterbi(g["marg"], mask, first, zero))
        if size > 1:
            add(f"{size} nets, potentials averaged", r,
                viterbi(emit, nt["trans"], nt["start"], nt["end"]))
        if crf is None:
            continue
        c = crf[k]
        add("CRF v2 (CRFsuite Viterbi)", r, c["path"])
        p_crf = np.maximum(c["marg"], 1e-12)
        p_net = np.exp(g["marg"])
        add("avg: averaged marginals", r, viterbi(np.log((p_crf + p_net) / 2), mask, first, zero))
        add("geo: summed log marginals", r, viterbi(np.log(p_crf) + g["marg"], mask, first, zero))
        for w in (0.5, 0.3, 0.7):
            t = nets[0][1]
            moves = w * c["moves"] + (1 - w) * t["trans"] + mask
            add(f"loglin: {w} CRF + {1 - w:.1f} net potentials", r,
                viterbi(w * c["pot"] + (1 - w) * g["emit"], moves, (1 - w) * t["start"] + first,
                        (1 - w) * t["end"]))
        if size > 1:
            for w in (0.5, 1 / (size + 1)):
                moves = w * c["moves"] + (1 - w) * nt["trans"] + mask
                add(f"loglin: {w:.2f} CRF + {1 - w:.2f} mean of {size} nets", r,
                    viterbi(w * c["pot"] + (1 - w) * emit, moves, (1 - w) * nt["start"] + first,
                            (1 - w) * nt["end"]))
    result = {name: {"strict": v[0], "loose": v[1]} for name, v in variants.items()}
    tmp = out / f"fold{fold}-scores.tmp"
    with tmp.open("wb") as f:
        pickle.dump(result, f)
    tmp.replace(out / f"fold{fold}-scores.pkl")
    return result


def run(args: argparse.Namespace) -> None:
    torch: Any = importlib.import_module("torch")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    logf = (out / f"fold{args.fold}.log").open("a", encoding="utf-8")

    def log(msg: str) -> None:
        line = f"[{time.strftime('%H:%M:%S')}] fold {args.fold}: {msg}"
        print(line, file=sys.stderr, flush=True)
        logf.write(line + "\n")
        logf.flush()

    refs, folds = load(Path(args.cache))
    test = [r for r, k in zip(refs, folds, strict=True) if k == args.fold]
    saved = out / f"fold{args.fold}-net.pkl"
    if args.score_only:
        with saved.open("rb") as f:
            net, nt = pickle.load(f)
    else:
        log(f"settings {json.dumps({k: str(v) for k, v in vars(args).items()})}")
        training = [r for r, k in zip(refs, folds, strict=True) if k != args.fold]
        pick = random.Random(1000 + args.fold)
        pick.shuffle(training)
        ndev = len(training) // 20
        t0 = time.monotonic()
        m = train(training[ndev:], training[:ndev], args, log)
        net = predict(m, test, m.vocab, args, marginals=True)
        nt = {k: v.detach().numpy() for k, v in zip(("trans", "start", "end"), transitions(m),
                                                   strict=True)}
        log(f"trained and tagged in {time.monotonic() - t0:.0f} s")
        tmp = saved.with_suffix(".tmp")
        with tmp.open("wb") as w:
            pickle.dump((net, nt), w)
        tmp.replace(saved)
    nets = [(net, nt)]
    for other in args.with_:
        with (other / f"fold{args.fold}-net.pkl").open("rb") as f:
            nets.append(pickle.load(f))
    result = score_variants(args.fold, test, nets, args.crf, out)
    for name, v in result.items():
        log(f"{name}: strict F1 {micro(v['strict']):.4f} "
            f"(edges ignored {micro(v['loose']):.4f})")


def summary(out: Path) -> None:
    """Per variant, micro F1 over the folds scored so far, and each variant's table."""
    per: dict[str, list[Any]] = {}
    done = []
    for path in sorted(out.glob("fold*-scores.pkl")):
        done.append(path.name.split("-")[0])
        with path.open("rb") as f:
            for name, v in pickle.load(f).items():
                per.setdefault(name, []).append(v)
    print(f"folds: {', '.join(done)}")
    for name, vs in per.items():
        strict = bench_tagger.merge([v["strict"] for v in vs])
        loose = bench_tagger.merge([v["loose"] for v in vs])
        print(f"{name}: strict {micro(strict):.4f} (edges ignored {micro(loose):.4f}); per fold "
              + " ".join(f"{micro(v['strict']):.4f}" for v in vs))
    for name, vs in per.items():
        print()
        print(bench_tagger.table(name, bench_tagger.merge([v["strict"] for v in vs])))
        loose = bench_tagger.merge([v["loose"] for v in vs])
        print("edges ignored: " + ", ".join(
            f"{lab} {bench_tagger.f1(loose, lab)[0]:.4f}" for lab, _ in
            loose["gold"].most_common()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--fold", type=int, default=0)
    ap.add_argument("--crf", type=Path, default=None, metavar="DIR",
                    help="version 2's fold models (foldK.crfsuite) for the ensembles")
    ap.add_argument("--out", type=Path, default=Path("/tmp/nn"))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/nn"))
    ap.add_argument("--score-only", action="store_true")
    ap.add_argument("--with", dest="with_", type=Path, nargs="+", default=[], metavar="DIR",
                    help="other runs' folders: their networks join this one's in the ensembles")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=4)
    ap.add_argument("--minutes", type=float, default=0.0, help="stop training after this")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--lr-sparse", type=float, default=2e-3)
    ap.add_argument("--word-dim", type=int, default=100)
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--feat-dim", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--dropout", type=float, default=0.5)
    ap.add_argument("--feat-drop", type=float, default=0.2,
                    help="drop each CRF feature of a training token with this probability")
    ap.add_argument("--no-linear", dest="linear", action="store_false",
                    help="no per-feature linear state scores beside the BiLSTM's")
    args = ap.parse_args(argv)
    if args.summary:
        summary(args.out)
        return 0
    run(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
