"""Decoding under the CRF state grammar (ensembles average several models' marginals)."""

from __future__ import annotations

import math
from pathlib import Path

from citelink.parse.tagger import (
    crf_weights,
    decode,
    labels_of,
    state_follows,
    state_marginals,
    state_scores,
    states,
    train_sequences,
)

from .tinycrf import WORDS, tiny_tagger

STATES = [
    "author>B", "author", "title>B", "title", "date>B", "date",
    "other>BOS", "other>author", "other>title", "other>date",
]


def legal(path: list[str]) -> bool:
    return all(state_follows(path[t - 1] if t else None, s) for t, s in enumerate(path))


def test_the_states_of_any_labelling_follow_the_grammar() -> None:
    labelling = ["other", "author", "author", "other", "other", "date", "title", "title",
                 "other", "author", "other"]
    path = states(labelling)
    assert legal(path)
    assert labels_of(path) == labelling
    # and the grammar is not vacuous
    assert not state_follows(None, "title")
    assert not state_follows("author", "title")
    assert not state_follows("title", "title>B")
    assert not state_follows("title", "other>author")
    assert not state_follows("other>title", "other>author")
    assert state_follows("other>title", "author>B")


def test_decode_repairs_an_illegal_argmax() -> None:
    # Per token the best states would be: title (a continuation first), other>author after a
    # title, then title: illegal; the best legal path is returned.
    want = [["title", "title>B"], ["other>author", "other>title"], ["title", "author>B"]]
    scores = []
    for first, second in want:
        row = [math.log(0.01)] * len(STATES)
        row[STATES.index(first)] = math.log(0.6)
        row[STATES.index(second)] = math.log(0.3)
        scores.append(row)
    path = decode(STATES, scores)
    assert legal(path)
    assert path == ["title>B", "other>title", "author>B"]
    # a legal argmax is kept as it is
    easy = [[0.0 if s == best else -5.0 for s in STATES]
            for best in ("author>B", "author", "other>author", "date>B")]
    assert decode(STATES, easy) == ["author>B", "author", "other>author", "date>B"]
    assert decode(STATES, []) == []


def test_marginals_of_a_trained_crf_decode_to_its_labels(tmp_path: Path) -> None:
    def xseq(words: list[str]) -> list[list[str]]:
        return [[f"w={w.lower()}", "cap" if w[:1].isupper() else "low"] for w in words]

    tagger = tiny_tagger(tmp_path / "tiny.crfsuite", xseq)
    words = WORDS
    margins = state_marginals(tagger, xseq(words), [*STATES, "editor>B"])
    assert all(abs(sum(row) - 1.0) < 1e-6 for row in margins)
    assert all(row[-1] == 0.0 for row in margins)  # a state the model does not know
    scores = [[math.log(p) if p > 0 else -1e9 for p in row] for row in margins]
    path = decode([*STATES, "editor>B"], scores)
    assert legal(path)
    assert labels_of(path) == ["author", "author", "other", "title", "title", "title",
                               "title", "other", "date"]
    assert labels_of(path) == labels_of(tagger.tag(xseq(words)))


def test_decoding_a_crfs_own_weights_is_its_viterbi(tmp_path: Path) -> None:
    import pycrfsuite

    def xseq(words: list[str]) -> list[list[str]]:
        return [[f"w={w.lower()}", "cap" if w[:1].isupper() else "low",
                 "dot" if w == "." else "word"] for w in words]

    data = [
        (["Smith", "J", ".", "A", "study", ".", "2001"],
         ["author", "author", "other", "title", "title", "other", "date"]),
        (["Brown", "K", ".", "On", "birds", ".", "1999", "."],
         ["author", "author", "other", "title", "title", "other", "date", "other"]),
        (["Lee", "M", ".", "Ponds", ".", "2010"],
         ["author", "author", "other", "title", "other", "date"]),
    ]
    model = tmp_path / "tiny.crfsuite"
    train_sequences(((xseq(w), states(y)) for w, y in data), model, max_iterations=50,
                    c1=0.0, c2=0.01)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    attrs, moves = crf_weights(tagger, STATES)
    assert attrs and any(any(row) for row in moves)
    compared = 0
    for words in (["Green", "P", ".", "A", "study", "of", "birds", ".", "2005"],
                  ["Ponds", ".", "Lee", "M", ".", "1999"],
                  ["Green", "P", ".", "Birds", ".", "2005"]):
        x = xseq(words)
        ours = decode(STATES, state_scores(attrs, x, len(STATES)), moves)
        assert legal(ours)
        want = tagger.tag(x)
        # CRFsuite's Viterbi may leave the grammar (``other>title`` after a date); where it
        # does not, the two paths are the same.
        if legal(want):
            assert ours == want
            compared += 1
    assert compared
    # two copies of one model average to the same model
    twice = [[(a + a) / 2 for a in row] for row in moves]
    x = xseq(["Green", "P", ".", "Birds", ".", "2005"])
    assert decode(STATES, state_scores(attrs, x, len(STATES)), twice) == tagger.tag(x)
