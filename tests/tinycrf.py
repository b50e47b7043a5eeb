"""A CRF trained in a second on three labelled references, for tests of what is built on
a trained model (decoding, marginals, stacking features)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from citelink.parse.tagger import states, train_sequences

# (words, labels) of three short references
DATA = [
    (["Smith", "J", ".", "A", "study", "of", "x", ".", "2001"],
     ["author", "author", "other", "title", "title", "title", "title", "other", "date"]),
    (["Brown", "K", ".", "On", "birds", ".", "1999"],
     ["author", "author", "other", "title", "title", "other", "date"]),
    (["Lee", "M", ".", "Fish", "and", "ponds", ".", "2010"],
     ["author", "author", "other", "title", "title", "title", "other", "date"]),
]
# a reference none of them is
WORDS = ["Green", "P", ".", "A", "study", "of", "birds", ".", "2005"]


def tiny_tagger(model: Path, xseq: Callable[[list[str]], list[list[str]]]) -> Any:
    """A pycrfsuite tagger of a CRF trained on ``DATA`` with features ``xseq``, saved at
    ``model``."""
    import pycrfsuite

    train_sequences(((xseq(w), states(y)) for w, y in DATA), model, max_iterations=50,
                    c1=0.0, c2=0.01)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger
