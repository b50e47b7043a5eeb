"""Cross-corpus stacking: features from an auxiliary CRF's reading of a reference
(``tagger.aux_features``; ``benchmarks/bench_tagger.py --aux anystyle``)."""

from __future__ import annotations

import sys
from pathlib import Path

from citelink.parse.tagger import (
    Example,
    aux_features,
    labels_of,
    state_marginals,
    token_features,
    tokenize,
)

from .tinycrf import WORDS, tiny_tagger

ROOT = Path(__file__).resolve().parent.parent


def xseq(words: list[str]) -> list[list[str]]:
    return [[f"w={w.lower()}", "cap" if w[:1].isupper() else "low",
             "num" if w.isdigit() else "dot" if w == "." else "word"] for w in words]


def test_aux_features_are_the_other_crfs_reading(tmp_path: Path) -> None:
    tagger = tiny_tagger(tmp_path / "aux.crfsuite", xseq)
    words = WORDS
    x = xseq(words)
    labels = labels_of(tagger.tag(x))
    assert labels == ["author", "author", "other", "title", "title", "title", "title",
                      "other", "date"]
    got = aux_features(tagger, x)
    assert len(got) == len(words)
    for t, feats in enumerate(got):
        assert f"ax={labels[t]}" in feats
        # one confidence bucket, named with the label
        sure = [f for f in feats if f.startswith("axp=")]
        assert len(sure) == 1 and sure[0].endswith("|" + labels[t])
        assert sure[0].split("=")[1].split("|")[0] in {"lo", "mid", "hi", "top"}
    # "A" (token 3) opens the title: its neighbours, bigrams and the field's start
    a = set(got[3])
    assert {"ax-2=author", "ax-1=other", "ax+1=title", "ax+2=title",
            "ax-1|ax=other|title", "ax|ax+1=title|title", "axB=title"} <= a
    assert not any(f.startswith("axE=") for f in a)
    assert "axE=title" in got[6] and "axB=title" not in got[6]
    # the one-token date both starts and ends there; beyond the string: BOS/EOS
    assert {"axB=date", "axE=date", "ax+1=EOS", "ax+2=EOS", "ax|ax+1=date|EOS"} <= set(got[8])
    assert {"ax-1=BOS", "ax-2=BOS", "ax-1|ax=BOS|author"} <= set(got[0])
    # punctuation between fields is no field's start or end
    assert not any(f.startswith(("axB=", "axE=")) for f in got[2])
    assert aux_features(tagger, []) == []
    # another prefix keeps two auxiliary readings apart
    assert "zz=title" in aux_features(tagger, x, prefix="zz")[3]
    # runner-up labels: those with enough marginal probability, never the token's own
    assert not any(f.startswith("axa=") for feats in got for f in feats)
    known = tagger.labels()
    margins = state_marginals(tagger, x, known)
    for cut in (1e-9, 0.001):
        alt = aux_features(tagger, x, alternatives=cut)
        seen = 0
        for t, feats in enumerate(alt):
            mass: dict[str, float] = {}
            for state, p in zip(known, margins[t], strict=True):
                lab = state.partition(">")[0]
                mass[lab] = mass.get(lab, 0.0) + p
            want = {f"axa={lab}" for lab, p in mass.items() if p >= cut and lab != labels[t]}
            assert {f for f in feats if f.startswith("axa=")} == want
            assert feats[: len(got[t])] == got[t]
            seen += len(want)
        if cut < 1e-6:
            assert seen  # the tiny model is not sure of every token's every label


ANYSTYLE = """<?xml version="1.0" encoding="UTF-8"?>
<dataset>
  <sequence>
    <author>Bergk, V. &amp; Martin, M.</author>
    <title>Information deficits in quillwort meadows.</title>
    <journal>European Journal of Clinical Pharmacology</journal>
    <date>2005,</date>
    <volume>36,</volume>
    <pages>327–335.</pages>
  </sequence>
  <sequence>
    <author>Levey AS, Coresh J.</author>
    <title>Quillwort kidney disease.</title>
    <journal>Lancet.</journal>
    <volume>2012;379:</volume>
    <pages>165-80.</pages>
  </sequence>
</dataset>"""

GROBID = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><back><listBibl>
<bibl><author>Hess KR, Zhang W</author>. <title level="a">Zebrafishology of data</title>.
 <title level="j">Trends Biotechnol</title> <date>2001</date>; <biblScope
 unit="volume">19</biblScope>: <biblScope unit="page">463-8</biblScope>.</bibl>
<bibl><author>Dolgov A D</author> <date>2002</date> <title level="m">Zebrafishology</title>
 (<pubPlace>Berlin</pubPlace>: <publisher>Springer</publisher>)</bibl>
</listBibl></back></text></TEI>"""


def test_the_aux_model_never_sees_grobid_data(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_tagger
    import pycrfsuite
    import train_tagger

    corpora = tmp_path / "corpora"
    (corpora / "anystyle-parser").mkdir(parents=True)
    for name in ("core.xml", "good.xml", "ugly.xml", "gold.xml", "bad.xml"):
        (corpora / "anystyle-parser" / name).write_text(ANYSTYLE, encoding="utf-8")
    (corpora / "grobid-citation" / "corpus").mkdir(parents=True)
    (corpora / "grobid-citation" / "corpus" / "a.xml").write_text(GROBID, encoding="utf-8")
    assert len(train_tagger.grobid_examples(corpora)) == 2  # the GROBID file is there to see

    model = bench_tagger.aux_model(iterations=20, c1=0.0, corpora=corpora,
                                  cache=tmp_path / "cache")
    assert model.parent == tmp_path / "cache" and model.exists()
    # trained once: a second call takes the cached file
    stamp = model.stat().st_mtime_ns
    assert bench_tagger.aux_model(iterations=20, c1=0.0, corpora=corpora,
                                  cache=tmp_path / "cache") == model
    assert model.stat().st_mtime_ns == stamp
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    attrs = " ".join(attr for attr, _ in tagger.info().state_features)
    assert "quillwort" in attrs  # AnyStyle's words are in it
    assert "zebrafishology" not in attrs and "biotechnol" not in attrs  # GROBID's are not

    # A GROBID reference gets the auxiliary reading as features of each of its tokens.
    lexicon = train_tagger.lexicon(corpora, version=2)
    ex = train_tagger.grobid_examples(corpora)[0]
    main = token_features(tokenize(ex.raw, 2), lexicon)
    before = [list(f) for f in main]
    bench_tagger.with_aux(model, [ex, Example("", ())], [main, []], lexicon)
    want = aux_features(tagger, token_features(tokenize(ex.raw, 2), lexicon))
    assert len(main) == len(want)
    for old, new, more in zip(before, main, want, strict=True):
        assert new == old + more
        assert any(f.startswith("ax=") for f in new)
