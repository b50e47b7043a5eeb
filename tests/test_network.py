"""The tagger's NumPy inference (``citelink.parse.network``): decoding and marginals against
brute force, the CRF's arrays against its weights, the networks against torch's own output."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest

from citelink.parse import network, tagger

CHECKS = Path(__file__).parent / "data" / "tagger"


def _chain(seed: int, n: int = 4, s: int = 3) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=(n, s)).astype(np.float32)
    moves = rng.normal(size=(s, s)).astype(np.float32)
    moves[0, 2] = network.NEG  # a forbidden move, as the grammar makes
    first = np.array([0.0, network.NEG, 0.0], dtype=np.float32)
    last = rng.normal(size=s).astype(np.float32)
    return scores, moves, first, last


def _path_score(path: tuple[int, ...], scores: np.ndarray, moves: np.ndarray,
                first: np.ndarray, last: np.ndarray) -> float:
    total = float(first[path[0]] + last[path[-1]])
    total += sum(float(scores[t, k]) for t, k in enumerate(path))
    total += sum(float(moves[a, b]) for a, b in itertools.pairwise(path))
    return total


@pytest.mark.parametrize("seed", range(6))
def test_viterbi_finds_the_best_path_and_marginals_sum_the_paths(seed: int) -> None:
    scores, moves, first, last = _chain(seed)
    n, s = scores.shape
    paths = list(itertools.product(range(s), repeat=n))
    weights = {p: _path_score(p, scores, moves, first, last) for p in paths}
    best = max(paths, key=weights.__getitem__)
    assert tuple(network.viterbi(scores, moves, first, last)) == best
    z = sum(math.exp(w) for w in weights.values())
    brute = np.zeros((n, s))
    for p, w in weights.items():
        for t, k in enumerate(p):
            brute[t, k] += math.exp(w) / z
    got = network.marginals(scores, moves, first, last)
    assert np.allclose(got, brute, atol=1e-6)
    assert np.allclose(got.sum(axis=1), 1.0)
    assert got[0, 1] < 1e-6  # a state that may not start never does


def test_crf_arrays_give_the_weights_they_were_made_from(tmp_path: Path) -> None:
    states = ("author>B", "author", "other>author")
    attrs = {"w=smith": [1.5, 0.0, -0.25], "cap": [0.0, 2.0, 0.0], "unused": [0.0, 0.0, 0.0]}
    moves = [[0.0, 1.0, 0.5], [0.0, 0.25, 1.0], [0.0, 0.0, 0.0]]
    path = tmp_path / "crf.npz"
    np.savez(path, **network.crf_arrays(attrs, moves, states))
    crf = network.read_crf(path)
    xseq = [["w=smith", "cap", "unseen"], ["cap"], []]
    assert crf.states == states
    assert np.allclose(crf.potentials(xseq), tagger.state_scores(attrs, xseq, len(states)))
    assert np.allclose(crf.moves, moves)


def test_a_model_file_with_pickles_is_refused(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """An ``.npz`` can hold pickled objects, which run code when loaded: never loaded."""
    nets = [tagger.network_name(n) for n in tagger.NETWORKS]
    for name in (tagger.CRF_NAME, tagger.LEXICON_NAME, *nets, *map(tagger.bag_name, nets)):
        (tmp_path / name).write_bytes((tagger._models_dir() / name).read_bytes())
    np.savez(tmp_path / tagger.CRF_NAME, states=np.array([{"x": 1}], dtype=object))
    monkeypatch.setattr(tagger, "_models_dir", lambda: tmp_path)
    monkeypatch.setattr(tagger, "_loaded", {})
    with pytest.raises(tagger.TaggerModelError, match="reference tagger model"):
        tagger.tag("Dolgov A D 2002 Phys. Rep. 370 333")


@pytest.mark.parametrize("net", tagger.NETWORKS)
def test_the_shipped_networks_give_torchs_emissions(net: str) -> None:
    """torch's emissions, recorded when the network was trained (``tools/train_network.py``),
    and NumPy's from the packaged arrays (the feature bag kept as int8) agree, and so do the
    best paths under the network's own transitions."""
    cases = json.loads((CHECKS / f"network-{net}-torch.json").read_text(encoding="utf-8"))
    folder = tagger._models_dir()
    name = tagger.network_name(net)
    model = network.read_network(folder / name, folder / tagger.bag_name(name))
    _, lexicon = tagger._model()
    assert len(cases) >= 5
    for case in cases:
        tokens = tagger.tokenize(case["text"], 2)
        texts = [t.text for t in tokens]
        emit = model.emissions(texts, tagger.token_features(tokens, lexicon))
        assert np.abs(emit - np.array(case["emissions"])).max() < 0.15
        path = network.viterbi(emit, model.trans, model.start, model.end)
        assert [model.states[k] for k in path] == case["path"]


def test_the_models_agree_on_their_states() -> None:
    ensemble, lexicon = tagger._model()
    assert ensemble.states == tagger.STATES
    assert all(n.states == tagger.STATES for n in ensemble.networks)
    assert tagger.features_version(lexicon) == 2
    # Trained on the same data, the networks share their vocabularies: read once.
    a, b = ensemble.networks
    assert a.feats is b.feats and a.words is b.words and len(a.feats) == len(a.bag)


def test_a_batch_of_strings_reads_as_each_string_alone() -> None:
    """Sequences of different lengths run as one padded batch: padding never reaches a
    sequence's states (backward directions run over each sequence reversed)."""
    raws = [
        "Dolgov A D 2002 Phys. Rep. 370 333",
        "",
        "Smith, J. and Jones, K. (2004). A very long title of a book. In: Brown, L. (ed.), "
        "Proceedings of the Meeting. London: Academic Press, pp. 10-20.",
        "Hořava P., Phys. Rev. D 79, 084008 (2009).",
    ]
    batch = tagger.tag_many_with_confidence(raws)
    for raw, (tagged, sure) in zip(raws, batch, strict=True):
        alone, alone_sure = tagger.tag_many_with_confidence([raw])[0]
        assert tagged == alone
        assert np.allclose(sure, alone_sure, atol=1e-5)
    assert batch[1] == (tagger.Tagged("", ()), ())
