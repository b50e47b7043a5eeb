"""Retrain the reference-field tagger from ``training/corpora/`` and write it into the package.

    python tools/train_tagger.py    # the shipped models (15-30 minutes on a shared 2-core machine)

Deterministic: the corpora are read in sorted file order and CRFsuite's L-BFGS training has no
randomness. Writes the CRF's weights as arrays (``reference-tagger-crf.npz``, read with NumPy
by ``citelink.parse.network``) and ``reference-tagger-lexicon.txt`` into
``src/citelink/parse/models/``; CRFsuite's own model file is kept beside the corpora
(``training/reference-tagger.crfsuite``), not in the package. The networks the CRF is read
with are trained by ``tools/train_network.py``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from citelink.parse.network import crf_arrays
from citelink.parse.tagger import (
    CRF_NAME,
    LEXICON_NAME,
    MODEL_NAME,
    STATES,
    Example,
    build_lexicon,
    crf_weights,
    read_anystyle,
    read_grobid,
    sequences,
    train_sequences,
    write_lexicon,
)

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "training" / "corpora"
MODELS = ROOT / "src" / "citelink" / "parse" / "models"

# AnyStyle files the model learns from; bad.xml (deliberately broken strings) is left out.
ANYSTYLE_TRAIN = ("core.xml", "good.xml", "ugly.xml", "gold.xml")
# The lexicon comes from AnyStyle's training files only (not gold.xml, not GROBID), so the
# cross-validation on GROBID's corpus and the check on gold.xml do not see their own words.
ANYSTYLE_LEXICON = ("core.xml", "good.xml", "ugly.xml", "bad.xml")
# The shipped model's features version (version 2: the one the networks of
# tools/train_network.py read too); iterations per version.
SHIPPED_FEATURES = 2
ITERATIONS = {1: 150, 2: 100, 3: 100}
MAX_ITERATIONS = ITERATIONS[SHIPPED_FEATURES]
C1 = 0.5
C2 = 0.01
MIN_FREQ = 2


def grobid_examples(corpora: Path = CORPORA) -> list[Example]:
    out: list[Example] = []
    for path in sorted((corpora / "grobid-citation" / "corpus").glob("*.xml")):
        out.extend(read_grobid(path.read_text(encoding="utf-8")))
    return out


def grobid_evaluation(corpora: Path = CORPORA) -> dict[str, list[Example]]:
    return {
        path.name: read_grobid(path.read_text(encoding="utf-8"))
        for path in sorted((corpora / "grobid-citation" / "evaluation").glob("*.xml"))
    }


def anystyle_examples(names: tuple[str, ...], corpora: Path = CORPORA) -> list[Example]:
    out: list[Example] = []
    for name in names:
        out.extend(read_anystyle((corpora / "anystyle-parser" / name).read_text(encoding="utf-8")))
    return out


def lexicon(corpora: Path = CORPORA, version: int = SHIPPED_FEATURES) -> dict[str, str]:
    return build_lexicon(anystyle_examples(ANYSTYLE_LEXICON, corpora), version=version)


def write_crf(model: Path, out: Path) -> None:
    """A CRFsuite model's weights over the tagger's states, as ``network.read_crf`` reads
    them (written to a temporary file, then renamed)."""
    import numpy as np
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    attrs, moves = crf_weights(tagger, STATES)
    tmp = out.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **crf_arrays(attrs, moves, STATES))
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, choices=(1, 2, 3), default=SHIPPED_FEATURES,
                        help="tokens/features version (default: the shipped model's)")
    parser.add_argument("--max-iterations", type=int, default=None,
                        help="L-BFGS iterations (default: 150 for version 1, 100 for 2 and 3)")
    parser.add_argument("--c1", type=float, default=C1, help="L1 weight (prunes features)")
    parser.add_argument("--min-freq", type=int, default=MIN_FREQ)
    parser.add_argument("--out", type=Path, default=MODELS, help="folder to write the model to")
    parser.add_argument("--crfsuite", type=Path, default=ROOT / "training" / MODEL_NAME,
                        help="where CRFsuite's own model file goes")
    parser.add_argument("--convert", action="store_true",
                        help="only write the arrays of the CRFsuite model at --crfsuite")
    args = parser.parse_args(argv)
    if args.convert:
        write_crf(args.crfsuite, args.out / CRF_NAME)
        return 0
    t0 = time.monotonic()
    lex = lexicon(version=args.features)
    iterations = args.max_iterations or ITERATIONS[args.features]
    examples = grobid_examples() + anystyle_examples(ANYSTYLE_TRAIN)
    print(f"{len(examples)} references, lexicon of {len(lex)} words", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    tmp_model = args.crfsuite.with_suffix(".tmp")
    train_sequences(sequences(examples, lex), tmp_model, max_iterations=iterations, c1=args.c1,
                    c2=C2, min_freq=args.min_freq)
    tmp_model.replace(args.crfsuite)
    write_crf(args.crfsuite, args.out / CRF_NAME)
    tmp_lex = args.out / (LEXICON_NAME + ".tmp")
    tmp_lex.write_text(write_lexicon(lex), encoding="utf-8")
    tmp_lex.replace(args.out / LEXICON_NAME)
    size = (args.out / CRF_NAME).stat().st_size
    print(f"wrote {args.out / CRF_NAME} ({size / 1e6:.1f} MB) in {time.monotonic() - t0:.0f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
