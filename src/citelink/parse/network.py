"""The reference tagger's models as NumPy arrays: a linear-chain CRF and BiLSTM-CRF networks,
read together as one log-linear model (version 2's tokens, features and states).

Inference only, on NumPy: the networks are trained with torch by ``tools/train_network.py``
(never a citelink dependency) and the CRF with CRFsuite by ``tools/train_tagger.py``; both
write plain arrays here. The ensemble is ``benchmarks/bench_neural.py``'s ``loglin``, the one
cross-validated there: half the CRF's log potentials and transition weights, half the mean of
the networks' emissions and transitions, decoded under the state grammar
(``tagger.state_follows``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]

# Forbidden moves and starts (the state grammar), as in training.
NEG = -1e4
# The CRF's share of the log-linear ensemble; the networks share the rest equally.
CRF_WEIGHT = 0.5


def _strings(blob: npt.NDArray[np.uint8]) -> list[str]:
    """Strings stored as one newline-separated UTF-8 byte array (``pack_strings``)."""
    text = blob.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def pack_strings(items: Sequence[str]) -> npt.NDArray[np.uint8]:
    """``items`` (no newlines) as one UTF-8 byte array, for ``np.savez``."""
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def _sum_rows(matrix: npt.NDArray[Any], rows: Sequence[Sequence[int]], width: int) -> Array:
    """For each token, the sum of ``matrix``'s rows it names (zeros for none), in one gather."""
    counts = np.array([len(r) for r in rows], dtype=np.int64)
    out = np.zeros((len(rows), width), dtype=np.float32)
    if not counts.any():
        return out
    flat = np.fromiter((k for r in rows for k in r), dtype=np.int64, count=int(counts.sum()))
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    some = counts > 0
    out[some] = np.add.reduceat(matrix[flat].astype(np.float32), starts[some], axis=0)
    return out


def _load(path: Path) -> dict[str, Any]:
    """An ``.npz`` of plain arrays: no pickles (``allow_pickle=False``)."""
    with np.load(path, allow_pickle=False) as z:
        return {k: z[k] for k in z.files}


@dataclass(frozen=True)
class Crf:
    """A linear-chain CRF's weights: per attribute string, its weight for each state
    (sparse rows), and the transition weights between states."""

    states: tuple[str, ...]
    attrs: Mapping[str, int]
    weights: Array  # attributes x states
    moves: Array

    def potentials(self, xseq: Sequence[Sequence[str]]) -> Array:
        """Each token's summed attribute weights per state (tokens x states)."""
        get = self.attrs.get
        rows = [[r for r in map(get, feats) if r is not None] for feats in xseq]
        return _sum_rows(self.weights, rows, len(self.states))


def crf_arrays(attrs: Mapping[str, Sequence[float]], moves: Sequence[Sequence[float]],
               states: Sequence[str]) -> dict[str, Any]:
    """A CRF's weights (``tagger.crf_weights``) as the arrays ``read_crf`` reads."""
    names = sorted(attrs)
    indptr = [0]
    cols: list[int] = []
    weights: list[float] = []
    for name in names:
        for k, w in enumerate(attrs[name]):
            if w:
                cols.append(k)
                weights.append(w)
        indptr.append(len(cols))
    return {
        "states": pack_strings(states), "attrs": pack_strings(names),
        "indptr": np.array(indptr, dtype=np.int64), "cols": np.array(cols, dtype=np.int64),
        "weights": np.array(weights, dtype=np.float32),
        "moves": np.array(moves, dtype=np.float32),
    }


def read_crf(path: Path) -> Crf:
    z = _load(path)
    states = tuple(_strings(z["states"]))
    attrs = _strings(z["attrs"])
    indptr = z["indptr"].astype(np.int64)
    if len(indptr) != len(attrs) + 1:
        raise ValueError("the CRF's attributes and weights disagree")
    weights = np.zeros((len(attrs), len(states)), dtype=np.float32)
    weights[np.repeat(np.arange(len(attrs)), np.diff(indptr)), z["cols"]] = z["weights"]
    return Crf(states=states, attrs={a: k for k, a in enumerate(attrs)}, weights=weights,
               moves=z["moves"].astype(np.float32))


def _sigmoid(x: Array) -> Array:
    out: Array = 0.5 * (1.0 + np.tanh(0.5 * x))
    return out


@dataclass(frozen=True)
class Network:
    """A BiLSTM-CRF over version 2's tokens: a word embedding, a character CNN and the
    token's CRF feature strings summed in a bag feed one bidirectional LSTM layer; a linear
    layer and the bag's own per-state scores give each token's emissions."""

    states: tuple[str, ...]
    words: Mapping[str, int]
    chars: Mapping[str, int]
    feats: Mapping[str, int]
    word: Array
    char: Array
    conv_w: Array
    conv_b: Array
    bag: Array
    bag_scale: Array
    lstm: tuple[tuple[Array, Array, Array], tuple[Array, Array, Array]]
    out_w: Array
    out_b: Array
    trans: Array
    start: Array
    end: Array
    feat_dim: int
    max_chars: int

    def _chars(self, texts: Sequence[str]) -> Array:
        ids = np.zeros((len(texts), self.max_chars), dtype=np.int64)
        for t, text in enumerate(texts):
            for c, ch in enumerate(text[: self.max_chars]):
                ids[t, c] = self.chars.get(ch, 1)
        x = self.char[ids]  # tokens x positions x dims; id 0 pads with zeros
        width = self.conv_w.shape[2]
        pad = width // 2
        xp = np.pad(x, ((0, 0), (pad, pad), (0, 0)))
        windows = np.concatenate([xp[:, k : k + self.max_chars] for k in range(width)], axis=2)
        kernel = self.conv_w.transpose(2, 1, 0).reshape(-1, self.conv_w.shape[0])
        conv = windows @ kernel + self.conv_b  # (tokens, positions, width x dims) @ kernel
        out: Array = np.maximum(conv, 0.0).max(axis=1)
        return out

    def rows(self, xseq: Sequence[Sequence[str]]) -> list[list[int]]:
        """Each token's feature strings as rows of the bag (unknown ones dropped)."""
        get = self.feats.get
        return [[r for r in map(get, feats) if r is not None] for feats in xseq]

    def _bag(self, rows: Sequence[Sequence[int]]) -> Array:
        scaled: Array = _sum_rows(self.bag, rows, self.bag.shape[1]) * self.bag_scale
        return scaled

    def inputs(self, texts: Sequence[str], xseq: Sequence[Sequence[str]],
               rows: Sequence[Sequence[int]] | None = None) -> tuple[Array, Array]:
        """The LSTM's input of each token, and the bag's per-state scores (``rows``: the
        features' rows, when another network with the same vocabulary looked them up)."""
        words = self.word[[self.words.get(t.lower(), 1) for t in texts]]
        bag = self._bag(self.rows(xseq) if rows is None else rows)
        x = np.concatenate([words, self._chars(texts), bag[:, : self.feat_dim]], axis=1)
        return x, bag[:, self.feat_dim :]

    def outputs(self, h: Array, linear: Array) -> Array:
        """Emissions from the LSTM's states (forward and backward, concatenated)."""
        out: Array = h @ self.out_w.T + self.out_b + linear
        return out

    def emissions(self, texts: Sequence[str], xseq: Sequence[Sequence[str]]) -> Array:
        """Each token's score for each state (tokens x states)."""
        x, linear = self.inputs(texts, xseq)
        return self.outputs(bilstm([self], [[x]])[0][0], linear)


def bilstm(nets: Sequence[Network], xs: Sequence[Sequence[Array]]) -> list[list[Array]]:
    """Each network's bidirectional LSTM states over each sequence (``xs[k][j]``: network
    ``k``'s inputs for sequence ``j``). All directions of all networks over all sequences
    step together, one matrix product a token position: each sequence is padded at its end,
    and its backward directions run over it reversed, so padding always comes last."""
    seqs = len(xs[0])
    lengths = [len(x) for x in xs[0]]
    width = max(lengths)
    pre, w_hh = [], []
    for net, per_seq in zip(nets, xs, strict=True):
        for direction, (w_ih, hh, bias) in enumerate(net.lstm):
            block = np.zeros((seqs, width, w_ih.shape[0]), dtype=np.float32)
            for j, x in enumerate(per_seq):
                g = x @ w_ih.T + bias
                block[j, : len(x)] = g[::-1] if direction else g
            pre.append(block)
            w_hh.append(hh.T)
    gates = np.stack(pre)  # directions x sequences x positions x 4H
    weights = np.stack(w_hh)  # directions x H x 4H
    d, size = len(pre), weights.shape[1]
    h = np.zeros((d, seqs, size), dtype=np.float32)
    c = np.zeros((d, seqs, size), dtype=np.float32)
    out = np.zeros((d, seqs, width, size), dtype=np.float32)
    for t in range(width):
        g = gates[:, :, t] + np.matmul(h, weights)
        gate = _sigmoid(g)  # input, forget, (candidate), output: torch's order
        c = gate[..., size : 2 * size] * c + gate[..., :size] * np.tanh(g[..., 2 * size : 3 * size])
        h = gate[..., 3 * size :] * np.tanh(c)
        out[:, :, t] = h
    return [
        [np.concatenate([out[2 * k, j, :n], out[2 * k + 1, j, :n][::-1]], axis=1)
         for j, n in enumerate(lengths)]
        for k in range(len(nets))
    ]


def read_network(path: Path, bag: Path,
                 shared: dict[tuple[bytes, int], Mapping[str, int]] | None = None) -> Network:
    """A network's arrays (``path``), and its feature bag (``bag``, an int8 ``.npy``),
    memory-mapped: of its 30 MB only the rows an entry's features name are ever read.
    ``shared`` keeps the vocabularies read so far: networks trained on the same data have
    the same ones, and a second copy of 250,000 strings is 0.1 s and tens of MB for
    nothing."""
    z = _load(path)
    rows = np.load(bag, mmap_mode="r", allow_pickle=False)
    known = {} if shared is None else shared

    def index(key: str, first: int) -> Mapping[str, int]:
        blob = z[key]
        digest = (hashlib.sha256(blob.tobytes()).digest(), first)
        if digest not in known:
            known[digest] = {s: k + first for k, s in enumerate(_strings(blob))}
        return known[digest]

    def direction(d: str) -> tuple[Array, Array, Array]:
        return (z[f"lstm_weight_ih_{d}"], z[f"lstm_weight_hh_{d}"],
                z[f"lstm_bias_ih_{d}"] + z[f"lstm_bias_hh_{d}"])

    return Network(
        # words and characters: 0 pads, 1 is unknown; feature strings are rows of the bag
        states=tuple(_strings(z["states"])), words=index("words", 2), chars=index("chars", 2),
        feats=index("feats", 0),
        word=z["word"].astype(np.float32), char=z["char"].astype(np.float32),
        conv_w=z["conv_w"], conv_b=z["conv_b"], bag=rows, bag_scale=z["bag_scale"],
        lstm=(direction("f"), direction("b")), out_w=z["out_w"], out_b=z["out_b"],
        trans=z["trans"], start=z["start"], end=z["end"],
        feat_dim=int(z["feat_dim"]), max_chars=int(z["max_chars"]),
    )


@dataclass(frozen=True)
class Ensemble:
    """A CRF and networks over the same states, read as one log-linear chain."""

    crf: Crf
    networks: tuple[Network, ...]
    follows: Array  # 0 where the grammar allows a move, NEG where not
    first: Array  # 0 where a state may start a reference, NEG where not

    @property
    def states(self) -> tuple[str, ...]:
        return self.crf.states

    def chain(self, texts: Sequence[str], xseq: Sequence[Sequence[str]]
              ) -> tuple[Array, Array, Array, Array]:
        """Per-token scores, moves, first-state and last-state scores of the combined chain."""
        return self.chains([(texts, xseq)])[0]

    def chains(self, seqs: Sequence[tuple[Sequence[str], Sequence[Sequence[str]]]]
               ) -> list[tuple[Array, Array, Array, Array]]:
        """``chain`` of several token sequences (``(texts, features)``, none empty), their
        networks run as one batch."""
        if not seqs:
            return []
        w = CRF_WEIGHT
        size = len(self.networks)
        looked: dict[int, list[list[list[int]]]] = {}  # vocabulary -> rows, per sequence
        for n in self.networks:
            if id(n.feats) not in looked:
                looked[id(n.feats)] = [n.rows(xseq) for _, xseq in seqs]
        got = [[n.inputs(texts, xseq, looked[id(n.feats)][j])
                for j, (texts, xseq) in enumerate(seqs)] for n in self.networks]
        states: list[list[Array]] = [[np.zeros(0, dtype=np.float32)] * len(seqs)
                                     for _ in self.networks]
        for batch in _batches([len(texts) for texts, _ in seqs]):
            done = bilstm(self.networks, [[per[j][0] for j in batch] for per in got])
            for k, per in enumerate(done):
                for j, h in zip(batch, per, strict=True):
                    states[k][j] = h
        trans = sum((n.trans for n in self.networks), np.zeros_like(self.follows)) / size
        start = sum((n.start for n in self.networks), np.zeros_like(self.first)) / size
        end = sum((n.end for n in self.networks), np.zeros_like(self.first)) / size
        moves = (w * self.crf.moves + (1 - w) * trans + self.follows).astype(np.float32)
        first = ((1 - w) * start + self.first).astype(np.float32)
        last = ((1 - w) * end).astype(np.float32)
        out = []
        for j, (texts, xseq) in enumerate(seqs):
            emit = sum((n.outputs(states[k][j], got[k][j][1])
                        for k, n in enumerate(self.networks)),
                       np.zeros((len(texts), len(self.states)), dtype=np.float32)) / size
            scores = (w * self.crf.potentials(xseq) + (1 - w) * emit).astype(np.float32)
            out.append((scores, moves, first, last))
        return out


def _batches(lengths: Sequence[int], most: int = 32, slack: float = 1.25) -> list[list[int]]:
    """Sequences grouped by length for ``bilstm``: a batch pads to its longest, so a batch
    holds sequences within ``slack`` of its shortest's length (a run-on entry of 800
    tokens is not run beside 30 of 40), at most ``most`` of them."""
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    out: list[list[int]] = []
    for j in order:
        if out and len(out[-1]) < most and lengths[j] <= slack * max(1, lengths[out[-1][0]]):
            out[-1].append(j)
        else:
            out.append([j])
    return out


def viterbi(scores: Array, moves: Array, first: Array, last: Array) -> list[int]:
    """The best state path through ``scores`` (tokens x states) and ``moves``."""
    best = scores[0].astype(np.float64) + first
    back = []
    cols = np.arange(scores.shape[1])
    for t in range(1, len(scores)):
        cand = best[:, None] + moves
        arg = cand.argmax(axis=0)
        best = cand[arg, cols] + scores[t]
        back.append(arg)
    s = int((best + last).argmax())
    path = [s]
    for arg in reversed(back):
        s = int(arg[s])
        path.append(s)
    return path[::-1]


def marginals(scores: Array, moves: Array, first: Array, last: Array
              ) -> npt.NDArray[np.float64]:
    """Each token's probability of each state under the chain (forward-backward, in
    probability space with each step rescaled: the scale cancels in each token's row)."""
    sc = scores.astype(np.float64)
    mv = moves.astype(np.float64)
    step = np.exp(mv - mv.max())
    emit = np.exp(sc - sc.max(axis=1, keepdims=True))
    n = len(sc)
    alpha = np.zeros_like(sc)
    beta = np.ones_like(sc)
    a = np.exp(first - first.max()) * emit[0]
    alpha[0] = a / a.sum()
    for t in range(1, n):
        a = (alpha[t - 1] @ step) * emit[t]
        alpha[t] = a / a.sum()
    b = np.exp(last - last.max())
    beta[n - 1] = b / b.sum()
    for t in range(n - 2, -1, -1):
        b = step @ (emit[t + 1] * beta[t + 1])
        beta[t] = b / b.sum()
    joint = alpha * beta
    out: npt.NDArray[np.float64] = joint / joint.sum(axis=1, keepdims=True)
    return out


def grammar(states: Sequence[str], state_follows: Callable[[str | None, str], bool]
            ) -> tuple[Array, Array]:
    """The state grammar (``tagger.state_follows``) as additive masks: moves, first states."""
    follows = np.array([[0.0 if state_follows(a, b) else NEG for b in states] for a in states],
                       dtype=np.float32)
    first = np.array([0.0 if state_follows(None, s) else NEG for s in states], dtype=np.float32)
    return follows, first
