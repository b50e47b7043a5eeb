from __future__ import annotations

from citelink.parse.text import (
    ascii_slug,
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
