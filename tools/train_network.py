"""Train the reference tagger's two networks (BiLSTM-CRF) on GROBID's whole corpus and write
them into the package as NumPy arrays.

Runs in a virtualenv with torch (never a citelink dependency; inference is NumPy):

    python3 -m venv /tmp/nnvenv && /tmp/nnvenv/bin/pip install -q torch numpy -e .
    /tmp/nnvenv/bin/python tools/train_network.py --net a    # ~15 min a network, one core
    /tmp/nnvenv/bin/python tools/train_network.py --net b

The recipe is ``benchmarks/bench_neural.py``'s, cross-validated there (settings ``a`` and
``b``, epochs capped at 7 and 9, early stopping on 5% of the corpus held out), trained here on
all ten folds. Writes ``src/citelink/parse/models/reference-network-<net>.npz``.
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tools"))

import bench_neural  # noqa: E402
import bench_tagger  # noqa: E402
import train_tagger  # noqa: E402

from citelink.parse.tagger import (  # noqa: E402
    bag_name,
    network_name,
    token_features,
    tokenize,
)

MODELS = ROOT / "src" / "citelink" / "parse" / "models"
SETTINGS = {
    "a": ["--epochs", "7"],
    "b": ["--epochs", "9", "--feat-drop", "0.5", "--lr-sparse", "1e-3", "--seed", "2"],
}


# AnyStyle's files the networks also learn from: not gold.xml, which benchmarks/bench_reader.py
# holds out (the CRF learns from it too; the benchmark swaps in a CRF without it).
ANYSTYLE = ("core.xml", "good.xml", "ugly.xml")


def corpus(anystyle: bool) -> tuple[list[dict[str, Any]], list[str]]:
    """GROBID's references (and AnyStyle's) as bench_neural reads them, and the feature
    strings by id."""
    lexicon = train_tagger.lexicon(version=2)
    table: dict[str, int] = {}
    refs = []
    examples = train_tagger.grobid_examples()
    if anystyle:
        examples += train_tagger.anystyle_examples(ANYSTYLE)
    for ex in examples:
        r = bench_neural.reference_data(ex, lexicon, table)
        if r is not None:
            refs.append(r)
    return refs, list(table)


def export(m: Any, vocab: Any, names: list[str], args: argparse.Namespace) -> dict[str, Any]:
    """The network as plain arrays: vocabularies as string arrays, weights as float32."""
    np: Any = importlib.import_module("numpy")
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in m.state_dict().items()}
    trans, start, end = (t.detach().numpy().astype(np.float32)
                         for t in bench_neural.transitions(m))
    rows = np.flatnonzero(vocab.feat_map[: len(names)])
    order = vocab.feat_map[rows]
    feats = np.empty(vocab.nfeats - 1, dtype=object)
    feats[order - 1] = [names[i] for i in rows]
    words = sorted(vocab.words, key=vocab.words.__getitem__)
    chars = sorted(vocab.chars, key=vocab.chars.__getitem__)
    out = {
        "states": np.array(bench_neural.STATES),
        "words": np.array(words), "chars": np.array(chars), "feats": np.array(list(feats)),
        "word": sd["word.weight"], "char": sd["char.weight"],
        "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
        "bag": sd["bag.weight"][1:],   # row 0 (the unknown feature) is never summed
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "trans": trans, "start": start, "end": end,
        "feat_dim": np.array(args.feat_dim), "max_chars": np.array(bench_neural.MAX_CHARS),
    }
    for d, suffix in (("f", ""), ("b", "_reverse")):
        for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            out[f"lstm_{k}_{d}"] = sd[f"lstm.{k}_l0{suffix}"]
    return out


def package(raw: dict[str, Any]) -> dict[str, Any]:
    """``export``'s arrays as the package keeps them (``citelink.parse.network``): strings
    packed into UTF-8 byte arrays, the feature bag as int8 with one scale per column (a
    quarter of its float32 size), word vectors as float16."""
    np: Any = importlib.import_module("numpy")
    from citelink.parse.network import pack_strings

    out = dict(raw)
    for key in ("states", "words", "chars", "feats"):
        out[key] = pack_strings([str(s) for s in raw[key]])
    bag = raw["bag"].astype(np.float32)
    scale = np.abs(bag).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    out["bag"] = np.round(bag / scale).astype(np.int8)
    out["bag_scale"] = scale.astype(np.float32)
    out["word"] = raw["word"].astype(np.float16)
    return out


def write_packaged(arrays: dict[str, Any], final: Path) -> None:
    """``package``'s arrays: the feature bag as its own uncompressed ``.npy`` (memory-mapped
    when read: only the rows an entry names are read), the rest as a compressed ``.npz``."""
    np: Any = importlib.import_module("numpy")
    rest = dict(arrays)
    bag = rest.pop("bag")
    bag_path = final.parent / bag_name(final.name)
    tmp = bag_path.with_suffix(".tmp.npy")
    np.save(tmp, bag, allow_pickle=False)
    tmp.replace(bag_path)
    write(rest, final)


def write(arrays: dict[str, Any], final: Path) -> None:
    np: Any = importlib.import_module("numpy")
    tmp = final.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(final)


# Strings whose torch emissions are recorded beside the tests (``--record``): the package's
# NumPy inference must give the same (tests/test_network.py).
CHECK_STRINGS = (
    "Z. Chacko, H.-S. Goh, and R. Harnik, Phys. Rev. Lett. 96, 231802 (2006).",
    "Dolgov A D 2002 Phys. Rep. 370 333",
    "SILVA, J. M.; RESCK, D. V. S.; SHARMA, R. D. (2002) Título. Revista 6(2): 1-20.",
    "[12] 王晓明, 李华. 深度学习在图像识别中的应用[J]. 计算机学报, 2019, 42(3): 512-520.",
    "Smith, J. and Jones, K. (2004). A very long title. In: Brown, L. (ed.), Proceedings. "
    "London: Academic Press, pp. 10-20. doi:10.1000/xyz123",
)
CHECKS = ROOT / "tests" / "data" / "tagger"


def torch_module(raw: dict[str, Any], net: str) -> tuple[Any, Any]:
    """The torch network of ``raw`` (``export``'s arrays) and its settings."""
    import types

    np: Any = importlib.import_module("numpy")
    torch: Any = importlib.import_module("torch")
    args = _bench_args(SETTINGS[net])
    vocab = types.SimpleNamespace(
        words={str(w): k + 2 for k, w in enumerate(raw["words"])},
        chars={str(c): k + 2 for k, c in enumerate(raw["chars"])},
        nfeats=len(raw["feats"]) + 1)
    m = bench_neural.build(vocab, args)  # type: ignore[arg-type]
    sd = m.state_dict()
    bag = np.concatenate([np.zeros((1, raw["bag"].shape[1]), np.float32), raw["bag"]])
    named = {"word.weight": raw["word"], "char.weight": raw["char"], "conv.weight": raw["conv_w"],
             "conv.bias": raw["conv_b"], "bag.weight": bag, "out.weight": raw["out_w"],
             "out.bias": raw["out_b"]}
    for d, suffix in (("f", ""), ("b", "_reverse")):
        for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            named[f"lstm.{k}_l0{suffix}"] = raw[f"lstm_{k}_{d}"]
    for name, arr in named.items():
        sd[name] = torch.from_numpy(np.asarray(arr, dtype=np.float32))
    m.load_state_dict(sd)
    m.eval()
    return m, args


def record(raw: dict[str, Any], net: str) -> None:
    """Torch's emissions of ``CHECK_STRINGS`` under ``raw``, for the tests."""
    import json

    np: Any = importlib.import_module("numpy")
    torch: Any = importlib.import_module("torch")
    m, args = torch_module(raw, net)
    feats = {str(f): k + 1 for k, f in enumerate(raw["feats"])}
    words = {str(w): k + 2 for k, w in enumerate(raw["words"])}
    chars = {str(c): k + 2 for k, c in enumerate(raw["chars"])}
    lexicon = train_tagger.lexicon(version=2)
    cases = []
    for text in CHECK_STRINGS:
        tokens = tokenize(text, 2)
        xseq = token_features(tokens, lexicon)
        texts = [t.text for t in tokens]
        known = [[feats[a] for a in f if a in feats] for f in xseq]
        per = [len(k) for k in known]
        mc = bench_neural.MAX_CHARS
        x = {
            "words": torch.tensor([[words.get(t.lower(), 1) for t in texts]]),
            "chars": torch.tensor([[[chars.get(ch, 1) for ch in t[:mc]] + [0] * (mc - len(t[:mc]))
                                    for t in texts]]),
            "mask": torch.ones(1, len(texts), dtype=torch.bool),
            "feats": torch.tensor([i for k in known for i in k], dtype=torch.int64),
            "offsets": torch.tensor(np.concatenate([[0], np.cumsum(per)[:-1]]),
                                    dtype=torch.int64),
        }
        with torch.no_grad():
            emit = bench_neural.emissions(m, x, args, train=False)[0].numpy()
        path = bench_neural.viterbi(emit, raw["trans"], raw["start"], raw["end"])
        cases.append({"text": text, "emissions": np.round(emit, 4).tolist(),
                      "path": [bench_neural.STATES[k] for k in path]})
    CHECKS.mkdir(parents=True, exist_ok=True)
    out = CHECKS / f"network-{net}-torch.json"
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(cases, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--net", choices=sorted(SETTINGS), required=True)
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--log", type=Path, default=None)
    ap.add_argument("--grobid-only", action="store_true",
                    help="learn from GROBID's corpus only, as the cross-validation does")
    ap.add_argument("--pack", type=Path, default=None, metavar="RAW",
                    help="only pack a raw network (float32 arrays) into the package's form")
    ours = ap.parse_args(argv)
    if ours.pack:
        np_: Any = importlib.import_module("numpy")
        with np_.load(ours.pack, allow_pickle=False) as z:
            raw = {k: z[k] for k in z.files}
        write_packaged(package(raw), ours.out / network_name(ours.net))
        record(raw, ours.net)
        return 0
    net_args = _bench_args(SETTINGS[ours.net])
    torch: Any = importlib.import_module("torch")
    torch.set_num_threads(1)
    torch.manual_seed(net_args.seed)
    logf = ours.log.open("a", encoding="utf-8") if ours.log else None

    def log(msg: str) -> None:
        line = f"[{time.strftime('%H:%M:%S')}] net {ours.net}: {msg}"
        print(line, file=sys.stderr, flush=True)
        if logf:
            logf.write(line + "\n")
            logf.flush()

    refs, names = corpus(not ours.grobid_only)
    training = list(refs)
    random.Random(1000 + bench_tagger.FOLDS).shuffle(training)
    ndev = len(training) // 20
    log(f"{len(refs)} references, {len(names)} feature strings, settings {vars(net_args)}")
    m = bench_neural.train(training[ndev:], training[:ndev], net_args, log)
    arrays = export(m, m.vocab, names, net_args)
    ours.out.mkdir(parents=True, exist_ok=True)
    final = ours.out / network_name(ours.net)
    write(arrays, final.with_suffix(".raw.npz"))
    write_packaged(package(arrays), final)
    record(arrays, ours.net)
    log(f"wrote {final} ({final.stat().st_size / 1e6:.1f} MB)")
    return 0


def _bench_args(extra: list[str]) -> argparse.Namespace:
    """bench_neural's argument defaults with ``extra`` applied."""
    captured: dict[str, argparse.Namespace] = {}

    def grab(args: argparse.Namespace) -> None:
        captured["args"] = args

    real_run = bench_neural.run
    bench_neural.run = grab
    try:
        bench_neural.main(extra)
    finally:
        bench_neural.run = real_run
    return captured["args"]


if __name__ == "__main__":
    raise SystemExit(main())
