"""The trained reference-field tagger on real references of several styles; its corpus readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from citelink.parse.tagger import (
    FEATURES,
    FEATURES_KEY,
    LABELS,
    Example,
    Tagged,
    build_lexicon,
    features_version,
    labels_of,
    read_anystyle,
    read_grobid,
    states,
    tag,
    tag_many,
    token_features,
    token_labels,
    tokenize,
)


def fields(t: Tagged) -> dict[str, str]:
    """First span of each label."""
    out: dict[str, str] = {}
    for s in t.spans:
        out.setdefault(s.label, s.text)
    return out


def test_vancouver() -> None:
    t = tag(
        "Sharma M, Rao PN, Sasikala M, et al. Autologous mobilized peripheral blood CD34(+) "
        "cell infusion in non-viral decompensated liver cirrhosis. World J Gastroenterol "
        "2015;21:7264-72."
    )
    f = fields(t)
    assert f["author"].startswith("Sharma M, Rao PN")
    assert f["title"].startswith("Autologous mobilized")
    assert f["container"] == "World J Gastroenterol"
    assert (f["date"], f["volume"], f["pages"]) == ("2015", "21", "7264-72")


def test_apa() -> None:
    f = fields(tag(
        "Hammett, D. (2012). Requiring respect: Searching for non-racialism in post-apartheid "
        "South Africa. Politikon, 39(1), 71-88. https://doi.org/10.1080/02589346.2012.656910"
    ))
    assert f["author"] == "Hammett, D."
    assert f["date"] == "2012"
    assert f["title"].startswith("Requiring respect")
    assert f["container"] == "Politikon"
    assert (f["volume"], f["issue"], f["pages"]) == ("39", "1", "71-88")
    # The DOI, printed as a doi.org link, is one field (a link or a DOI).
    assert any("10.1080/02589346.2012.656910" in f.get(k, "") for k in ("doi", "url"))


def test_abnt_capitals() -> None:
    f = fields(tag("BRETÓN, A. Antología del humor negro. Barcelona: Anagrama, 2005."))
    assert f["author"] == "BRETÓN, A."
    assert f["title"] == "Antología del humor negro"
    assert (f["location"], f["publisher"], f["date"]) == ("Barcelona", "Anagrama", "2005")


def test_iop_physics() -> None:
    f = fields(tag("Dolgov A D 2002 Phys. Rep. 370 333"))
    assert f["author"] == "Dolgov A D"
    assert f["date"] == "2002"
    assert f["container"] == "Phys. Rep."
    assert f["volume"] == "370"
    assert f["pages"] == "333"


def test_springer_physics() -> None:
    f = fields(tag("Z. Chacko, H.-S. Goh, and R. Harnik, Phys. Rev. Lett. 96, 231802 (2006)."))
    assert f["author"] == "Z. Chacko, H.-S. Goh, and R. Harnik"
    assert f["container"] == "Phys. Rev. Lett."
    assert (f["volume"], f["pages"], f["date"]) == ("96", "231802", "2006")


def test_ieee_pages_are_not_a_year() -> None:
    f = fields(tag(
        "R. Penrose, “A generalized inverse for matrices,” IEEE Trans. Inf. Theory, "
        "vol. 39, no. 7, pp. 1930–1939, 1989."
    ))
    assert f["title"] == "A generalized inverse for matrices"
    assert f["container"] == "IEEE Trans. Inf. Theory"
    assert (f["volume"], f["issue"], f["pages"], f["date"]) == ("39", "7", "1930–1939", "1989")


def test_chinese_gbt() -> None:
    t = tag("[12] 王晓明, 李华. 深度学习在图像识别中的应用[J]. 计算机学报, 2019, 42(3): 512-520.")
    f = fields(t)
    # GROBID's corpus, which the networks learn from, has no citation-number label: the
    # number is punctuation to them, and never part of a field (the rules strip it).
    assert (t.spans[0].text, t.spans[0].label) == ("[12]", "other")
    assert f["author"] == "王晓明, 李华"
    assert f["title"] == "深度学习在图像识别中的应用"
    assert f["container"].endswith("计算机学报")
    assert (f["date"], f["volume"], f["issue"], f["pages"]) == ("2019", "42", "3", "512-520")


@pytest.mark.parametrize(
    "raw",
    [
        "Aguiar, O.T., Pastore, J.A. 2001. Title. Journal 6(2): 1-20.",
        "  SILVA, J. M.;  RESCK, D. V. S.  (2002)  ",
        "",
        "!!!",
        "Hořava P., Phys. Rev. D 79, 084008 (2009).",
    ],
)
def test_spans_are_consistent_with_raw(raw: str) -> None:
    t = tag(raw)
    assert t.raw == raw
    prev_end = 0
    for s in t.spans:
        assert s.label in LABELS
        assert raw[s.start : s.end] == s.text
        assert s.start >= prev_end and s.text == s.text.strip() and s.text
        prev_end = s.end
    # Every non-space character lies in one span.
    covered = {k for s in t.spans for k in range(s.start, s.end)}
    assert all(k in covered for k, ch in enumerate(raw) if not ch.isspace())
    # Neighbouring spans have different labels (maximal runs).
    assert all(a.label != b.label for a, b in zip(t.spans, t.spans[1:], strict=False))


def test_first_all_and_tag_many() -> None:
    raws = ["Dolgov A D 2002 Phys. Rep. 370 333", "Hořava P., Phys. Rev. D 79, 084008 (2009)."]
    many = tag_many(raws)
    assert [m.raw for m in many] == raws
    assert many[0] == tag(raws[0])
    first = many[0].first("date")
    assert first is not None and first.text == "2002"
    assert many[0].first("editor") is None
    assert many[0].all("date") == (first,)


def test_tokenize_keeps_offsets_and_splits_han() -> None:
    raw = "王晓明, H.-S. Goh 1930–1939"
    toks = tokenize(raw)
    assert [t.text for t in toks] == [
        "王", "晓", "明", ",", "H", ".", "-", "S", ".", "Goh", "1930", "–", "1939"
    ]
    assert all(raw[t.start : t.end] == t.text for t in toks)


def test_read_grobid_tei_excerpt() -> None:
    xml = """<?xml version="1.0"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><back><listBibl>
<bibl><author>Hess KR, Zhang W</author>. <title level="a">Microarrays: handling the deluge
 of data</title>. <title level="j">Trends Biotechnol</title> <date>2001</date>; <biblScope
 unit="volume">19</biblScope>: <biblScope unit="page">463-8</biblScope>.</bibl>
<bibl><author>Dolgov A D</author> <date>2002</date> <title level="m">Neutrinos</title>
 (<pubPlace>Berlin</pubPlace>: <publisher>Springer</publisher>)
 <idno type="arXiv">hep-ph/0202122</idno></bibl>
</listBibl></back></text></TEI>"""
    a, b = read_grobid(xml)
    assert a.raw == (
        "Hess KR, Zhang W. Microarrays: handling the deluge of data. Trends Biotechnol 2001; "
        "19: 463-8."
    )
    got = [(a.raw[s:e], lab) for s, e, lab in a.fields]
    assert got == [
        ("Hess KR, Zhang W", "author"),
        ("Microarrays: handling the deluge of data", "title"),
        ("Trends Biotechnol", "container"),
        ("2001", "date"),
        ("19", "volume"),
        ("463-8", "pages"),
    ]
    got_b = {lab: b.raw[s:e] for s, e, lab in b.fields}
    # A monograph title with no article title is the work's title.
    assert got_b["title"] == "Neutrinos"
    assert (got_b["location"], got_b["publisher"]) == ("Berlin", "Springer")
    assert got_b["identifier"] == "hep-ph/0202122"


def test_read_anystyle_excerpt_trims_to_grobid_convention() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<dataset>
  <sequence>
    <citation-number>33</citation-number>
    <author>Bergk, V., Haefeli, W. E. &amp; Martin- Facklam, M.</author>
    <title>Information deficits in the summary of product characteristics.</title>
    <journal>European Journal of Clinical Pharmacology</journal>
    <date>2005,</date>
    <volume>vol.36, no. 9,</volume>
    <pages>pp. 327–335.</pages>
  </sequence>
  <sequence>
    <author>Levey AS, Coresh J.</author>
    <title>Chronic kidney disease.</title>
    <journal>Lancet.</journal>
    <volume>2012;379(3):</volume>
    <pages>165-80.</pages>
  </sequence>
</dataset>"""
    ex, vancouver = read_anystyle(xml)
    # Vancouver's "2012;379(3):" labelled as a volume: year, volume and issue apart.
    got_v = [(vancouver.raw[s:e], lab) for s, e, lab in vancouver.fields]
    assert got_v[-4:] == [("2012", "date"), ("379", "volume"), ("3", "issue"), ("165-80", "pages")]
    assert ex.raw.startswith("33 Bergk, V.,")
    got = [(ex.raw[s:e], lab) for s, e, lab in ex.fields]
    assert got == [
        ("33", "citation-number"),
        ("Bergk, V., Haefeli, W. E. & Martin- Facklam, M.", "author"),
        ("Information deficits in the summary of product characteristics", "title"),
        ("European Journal of Clinical Pharmacology", "container"),
        ("2005", "date"),
        ("36", "volume"),
        ("9", "issue"),
        ("327–335", "pages"),
    ]


def test_token_labels_follow_fields() -> None:
    ex = Example("Dolgov A D 2002", ((0, 10, "author"), (11, 15, "date")))
    toks = tokenize(ex.raw)
    assert token_labels(ex, toks) == ["author", "author", "author", "date"]


def test_tokenize_cuts_glued_fields() -> None:
    # Journal and volume, volume and issue, place and year printed without a space.
    assert [t.text for t in tokenize("Phys. Rev.D53 N5")] == [
        "Phys", ".", "Rev", ".", "D", "53", "N", "5"
    ]
    assert [t.text for t in tokenize("McGraw-HillNew York 2013a")] == [
        "Mc", "Graw", "-", "Hill", "New", "York", "2013", "a"
    ]
    # Version 1 (the shipped model's) keeps letters and digits together.
    assert [t.text for t in tokenize("Phys. Rev.D53", 1)] == ["Phys", ".", "Rev", ".", "D53"]


def test_the_lexicon_names_its_features_version() -> None:
    ex = Example("Dolgov A D 2002", ((0, 10, "author"), (11, 15, "date")))
    assert features_version(build_lexicon([ex], min_count=1)) == FEATURES
    old = build_lexicon([ex], min_count=1, version=1)
    assert features_version(old) == 1 and FEATURES_KEY not in old
    toks = tokenize(ex.raw, 1)
    # Version 1's features are the plain ones of the shipped model (no prefixes of one letter).
    assert not any(f.startswith("p1=") for f in token_features(toks, old)[0])
    assert "p1=D" in token_features(tokenize(ex.raw), build_lexicon([ex], min_count=1))[0]


def test_states_remember_the_field_before_the_punctuation() -> None:
    labels = ["other", "author", "author", "other", "title", "other", "other", "container"]
    got = states(labels)
    assert got == [
        "other>BOS", "author>B", "author", "other>author", "title>B", "other>title",
        "other>title", "container>B",
    ]
    assert labels_of(got) == labels


def test_lexicon_names_of_several_words_mark_their_tokens() -> None:
    ex = Example(
        "Hess KR. Data. Phys. Rev. Lett. 2001; Oxford: Taylor & Francis.",
        ((0, 7, "author"), (9, 13, "title"), (15, 31, "container"), (32, 36, "date"),
         (38, 44, "location"), (46, 62, "publisher")),
    )
    lexicon = build_lexicon([ex], min_count=1)
    assert lexicon["phys rev lett"] == "container"
    assert lexicon["taylor francis"] == "publisher"
    assert "oxford" not in {k for k in lexicon if " " in k}  # one word: the word list's
    raw = "A. Smith, Title, Phys. Rev. Lett. 5 (2001)"
    toks = tokenize(raw)
    feats = token_features(toks, lexicon)
    inside = [t.text for t, f in zip(toks, feats, strict=True) if "ph=container" in f]
    assert inside == ["Phys", ".", "Rev", ".", "Lett"]
    assert "phA=container" in feats[[t.text for t in toks].index("5") - 1]
    # A name's words do not run across a comma.
    toks = tokenize("Phys, Rev. Lett.")
    assert not any("ph=container" in f for f in token_features(toks, lexicon))

def test_missing_model_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from citelink.parse import tagger

    monkeypatch.setattr(tagger, "_models_dir", lambda: tmp_path)
    monkeypatch.setattr(tagger, "_loaded", {})
    with pytest.raises(tagger.TaggerModelError, match="reference tagger model"):
        tagger.tag("Dolgov A D 2002 Phys. Rep. 370 333")


def test_a_lone_surrogate_is_tagged_not_a_crash() -> None:
    """Text from a damaged PDF or a lenient decoder may hold half of a character beyond
    the BMP; CRFsuite cannot encode it, so it reads as U+FFFD and the offsets hold."""
    raw = "Smith J. A model of \ud835 heat. J Chem Phys. 2001;3:4-5."
    tagged = tag(raw)
    labels = {s.label: s.text for s in tagged.spans}
    assert labels["author"] == "Smith J." and labels["date"] == "2001"
    assert all(raw[s.start : s.end] == s.text for s in tagged.spans)
    assert "\ufffd" in [t.text for t in tokenize(raw)]
