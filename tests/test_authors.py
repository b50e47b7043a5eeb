from __future__ import annotations

import pytest

from citelink.model import Author
from citelink.parse.authors import opens_with_author, parse_name_list, split_author_block


@pytest.mark.parametrize(
    ("text", "names", "et_al", "rest"),
    [
        (
            "Petersen BE, Bowen WC, Patrene KD, et al. Bone marrow [J]. Science",
            [("Petersen", "BE"), ("Bowen", "WC"), ("Patrene", "KD")],
            True,
            "Bone marrow [J]. Science",
        ),
        (
            "Phinney DG, Prockop DJ. Concise review",
            [("Phinney", "DG"), ("Prockop", "DJ")],
            False,
            "Concise review",
        ),
        (
            "Lyra AC, da Silva LF, et al. Infusion",
            [("Lyra", "AC"), ("da Silva", "LF")],
            True,
            "Infusion",
        ),
        (
            "Kharazia P, Hellström PM. Improvement",
            [("Kharazia", "P"), ("Hellström", "PM")],
            False,
            "Improvement",
        ),
        (
            "El-Ansary M, Abdel-Aziz I, et al. Phase II",
            [("El-Ansary", "M"), ("Abdel-Aziz", "I")],
            True,
            "Phase II",
        ),
        (
            "王福生, 施明, 欧阳小明, 等. 干细胞[J]",
            [("王", "福生"), ("施", "明"), ("欧阳", "小明")],
            True,
            "干细胞[J]",
        ),
        ("王福生等. 干细胞", [("王", "福生")], True, "干细胞"),
        (
            "YU Ying-ying, WANG Fu-sheng. Clinical",
            [("YU", "Ying-ying"), ("WANG", "Fu-sheng")],
            False,
            "Clinical",
        ),
        (
            "Smith, J. A., & Jones, B. (2010). Title",
            [("Smith", "J. A."), ("Jones", "B.")],
            False,
            "(2010). Title",
        ),
        (
            "J. A. Smith, B. Jones. Title here.",
            [("Smith", "J. A."), ("Jones", "B.")],
            False,
            "Title here.",
        ),
    ],
)
def test_split_author_block(
    text: str, names: list[tuple[str, str]], et_al: bool, rest: str
) -> None:
    block = split_author_block(text)
    assert block is not None
    assert block.authors == tuple(Author(f, g) for f, g in names)
    assert block.et_al is et_al
    assert block.rest == rest


@pytest.mark.parametrize(
    "text",
    ["transplantation improves the survival", "Liver Int, 2014, 34(1):33-41.", "2002. p. 93-113."],
)
def test_wrapped_lines_do_not_open_an_entry(text: str) -> None:
    assert not opens_with_author(text)
    assert split_author_block(text) is None


def test_editor_list() -> None:
    editors, et_al = parse_name_list("Vogelstein B, Kinzler KW, editors.")
    assert editors == (Author("Vogelstein", "B"), Author("Kinzler", "KW"))
    assert not et_al
