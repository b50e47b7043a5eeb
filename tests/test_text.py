from __future__ import annotations

from citelink.parse.text import (
    ascii_slug,
    compose_diacritics,
    fold_name,
    join_lines,
    name_variants,
    normalize_entry,
    superscripts_to_caret,
)


def test_normalize_entry_plain_punctuation_and_hyphens() -> None:
    raw = "*Hepatology*，2000，32（1）：11–16．"
    assert normalize_entry(raw) == "Hepatology,2000,32(1):11-16."


def test_superscripts_become_carets() -> None:
    assert superscripts_to_caret("3.2×10 ⁷") == "3.2×10^7"
    assert superscripts_to_caret("(3~5)×10 ⁵ /kg") == "(3~5)×10^5/kg"


def test_join_lines_is_cjk_aware() -> None:
    assert join_lines("能提高动物", "的生存率") == "能提高动物的生存率"
    assert join_lines("(umbilical cord-derived", "MSCs, UC-MSCs)") == (
        "(umbilical cord-derived MSCs, UC-MSCs)"
    )
    assert join_lines("bone marrow-", "derived") == "bone marrow-derived"


def test_name_folding_tolerates_accents_and_transcriptions() -> None:
    assert fold_name("Körbling") == fold_name("Korbling") == "korbling"
    assert "korbling" in name_variants("Koerbling")
    assert "silva" in name_variants("da Silva")
    assert fold_name("El-Ansary") == fold_name("El Ansary")


def test_ascii_slug_transliterates_han() -> None:
    assert ascii_slug("王") == "wang"
    assert ascii_slug("Hellström") == "hellstrom"


def test_spacing_accents_compose_with_their_letter() -> None:
    assert compose_diacritics("Scha¨fer") == "Schäfer"
    assert compose_diacritics("Miklo´si, A´.") == "Miklósi, Á."
    assert compose_diacritics("Franc¸ois") == "François"
    assert compose_diacritics("´Alvarez") == "Álvarez"  # no letter before: the next one
    assert compose_diacritics("Mu\u0308ller") == "Müller"  # combining marks: NFC
    assert compose_diacritics("hyphen\u00adated") == "hyphenated"
    assert compose_diacritics("price ´ alone") == "price ´ alone"  # nothing to compose with
    assert normalize_entry("Scha¨fer ﬁsh  cell . Next") == "Schäfer fish cell. Next"
