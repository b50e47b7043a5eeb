"""Features version 3: the hand-written rules' reading of a reference, as tagger features."""

from __future__ import annotations

from citelink.model import Author, Reference
from citelink.parse.tagger import (
    Example,
    build_lexicon,
    features_version,
    rule_spans,
    token_features,
    tokenize,
)

APA = (
    "Smith, J., & Lee, K. (2010). A study of things. Journal of Testing, 12(3), 45-67. "
    "https://doi.org/10.1000/xyz12"
)


def spans(raw: str) -> dict[str, str]:
    toks = tokenize(raw)
    return {label: raw[toks[a].start : toks[b].end] for a, b, label in rule_spans(toks)}


def test_the_rules_fields_are_found_back_among_the_tokens() -> None:
    assert spans(APA) == {
        "author": "Smith, J., & Lee, K",
        "date": "2010",
        "title": "A study of things",
        "container": "Journal of Testing",
        "volume": "12",
        "issue": "3",
        "pages": "45-67",
        "doi": "10.1000/xyz12",
    }
    # Vancouver: the same fields in another order and dress.
    got = spans("Smith J, Lee K. A study of things. J Test. 2010;12(3):45-67.")
    assert got["author"] == "Smith J, Lee K" and got["container"] == "J Test"
    assert (got["date"], got["volume"], got["issue"], got["pages"]) == ("2010", "12", "3", "45-67")


def test_numbers_are_looked_for_after_the_journal() -> None:
    # "12" is printed in the title too; the volume is the one after the journal.
    raw = "Roe A. The 12 rules. Nature. 2001;12:5-9."
    toks = tokenize(raw)

    def reader(text: str) -> Reference:
        assert text == raw  # the string is rebuilt from the tokens
        return Reference(n=1, raw=text, authors=(Author(family="Roe", given="A"),),
                         title="The 12 rules", journal="Nature", year=2001, volume="12",
                         pages="5-9")

    got = {label: (a, b) for a, b, label in rule_spans(toks, reader)}
    texts = [t.text for t in toks]
    assert got["volume"] == (texts.index("2001") + 2,) * 2
    assert got["author"] == (0, 1)  # "Roe A": the given name beside the family name
    assert toks[got["title"][0]].text == "The" and toks[got["title"][1]].text == "rules"


def test_version_3_features_name_the_rule_field_of_each_token() -> None:
    ex = Example("Dolgov A D 2002", ((0, 10, "author"), (11, 15, "date")))
    lexicon = build_lexicon([ex], min_count=1, version=3)
    assert features_version(lexicon) == 3
    toks = tokenize(APA)
    feats = dict(zip([t.text for t in toks], token_features(toks, lexicon), strict=True))
    first = token_features(toks, lexicon)
    title_start = [t.text for t in toks].index("A")
    assert {"r=title", "rB=title", "r-1=none"} <= set(first[title_start])
    assert "rE=container" in feats["Testing"] and "r+1=none" in feats["Testing"]
    assert "r=date" in feats["2010"] and "r=pages" in feats["67"]
    assert "r=none" in first[[t.text for t in toks].index("(")]
    # Versions 1 and 2 have no rule features.
    for version in (1, 2):
        old = build_lexicon([ex], min_count=1, version=version)
        vtoks = tokenize(APA, version)
        assert not any(f.startswith("r=") for fs in token_features(vtoks, old) for f in fs)
