"""Synthetic articles of any size in the styles citelink reads, for scale benchmarks.

``article(n_refs, style)`` returns the text of an article with ``n_refs`` references, about
three citation markers per reference spread over paragraphs and sections, and two tables
whose rows cite references. Styles: ``gbt`` (Chinese GB/T 7714 list, ``^[n]`` markers),
``vancouver`` (English, ``[n]``), ``authoryear`` (English, ``(Surname et al., Year)``).
Deterministic for a given size and style. ``runon(n_lines)``: one entry under a
"References" heading, then prose that never opens another (a manual read as a list).
"""

from __future__ import annotations

import random

SURNAMES = (
    "Smith Jones Brown Garcia Miller Davis Wilson Taylor Anderson Thomas Moore Martin Lee "
    "Walker Hall Allen Young King Wright Scott Green Baker Adams Nelson Hill Campbell "
    "Mitchell Roberts Carter Phillips Evans Turner Torres Parker Collins Edwards Stewart"
).split()
HAN = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"  # common surnames
WORDS = (
    "stem cell therapy liver cirrhosis failure outcome trial randomized cohort hepatic "
    "regeneration transplantation marrow mesenchymal immune response model patients safety"
).split()
JOURNALS = ("J Hepatol", "Hepatology", "Gastroenterology", "Stem Cells", "Liver Int", "Cell")


def _letters(i: int) -> str:
    """1 -> "a", 27 -> "ab": a lower-case suffix that keeps surnames unique and name-like."""
    out = ""
    while i:
        i, rem = divmod(i - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def _entry(i: int, rng: random.Random, style: str) -> tuple[str, str, int]:
    """(entry text without label, first surname, year)."""
    year = 1990 + rng.randrange(35)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(6, 12))).capitalize()
    journal = rng.choice(JOURNALS)
    vol, page = rng.randrange(1, 200), rng.randrange(1, 3000)
    if style == "gbt":
        name = rng.choice(HAN) + rng.choice(HAN) + rng.choice(HAN)
        return (
            f"{name}, {rng.choice(HAN)}{rng.choice(HAN)}, 等. {title}[J]. {journal}, {year}, "
            f"{vol}({rng.randrange(1, 12)}): {page}-{page + 9}.",
            name[0],
            year,
        )
    surname = rng.choice(SURNAMES) + _letters(i)  # unique per entry: citations resolve
    if style == "authoryear":
        return (
            f"{surname} A, {rng.choice(SURNAMES)} B, {rng.choice(SURNAMES)} C ({year}) {title}. "
            f"{journal} {vol}: {page}-{page + 9}.",
            surname,
            year,
        )
    return (
        f"{surname} AB, {rng.choice(SURNAMES)} C, {rng.choice(SURNAMES)} D, et al. {title}. "
        f"{journal}. {year};{vol}({rng.randrange(1, 12)}):{page}-{page + 9}.",
        surname,
        year,
    )


def article(n_refs: int, style: str = "vancouver", seed: int = 1) -> str:
    rng = random.Random(seed * 7919 + n_refs)
    entries = [_entry(i, rng, style) for i in range(1, n_refs + 1)]

    def cite(numbers: list[int]) -> str:
        if style == "gbt":
            return "^[" + ",".join(map(str, numbers)) + "]"
        if style == "authoryear":
            parts = [f"{entries[n - 1][1]} et al., {entries[n - 1][2]}" for n in numbers]
            return "(" + "; ".join(parts) + ")"
        return "[" + ", ".join(map(str, numbers)) + "]"

    stop = "。" if style == "gbt" else "."
    lines = ["Synthetic article for scale benchmarks", ""]
    cited = 0
    section = 0
    markers = 0
    # First mentions in order (numeric styles are read in reference order), then two more
    # mentions of random references per reference.
    while markers < 3 * n_refs:
        section += 1
        lines += [f"{section} Section {section}", ""]
        for _ in range(20):
            sentences = []
            for _ in range(5):
                if cited < n_refs:
                    numbers = list(range(cited + 1, min(n_refs, cited + 2) + 1))
                    cited = numbers[-1]
                else:
                    numbers = sorted(rng.sample(range(1, n_refs + 1), min(2, n_refs)))
                words = " ".join(rng.choice(WORDS) for _ in range(12))
                sentences.append(f"{words.capitalize()} {cite(numbers)}{stop}")
                markers += 1
            lines += [" ".join(sentences), ""]
            if markers >= 3 * n_refs:
                break
    for t in (1, 2):
        lines += [f"Table {t} Studies", "Study\tPatients\tOutcome\tRef."]
        for r in range(min(20, n_refs)):
            n = rng.randrange(1, n_refs + 1)
            lines.append(f"Study {r}\t{rng.randrange(10, 500)}\timproved\t{cite([n])}")
        lines.append("")
    lines += ["参考文献" if style == "gbt" else "References"]
    for i, (text, _, _) in enumerate(entries, start=1):
        lines.append(text if style == "authoryear" else f"[{i}] {text}")
    return "\n".join(lines) + "\n"


def runon(n_lines: int) -> str:
    """An article whose one entry runs on for ``n_lines`` lines of capitalised prose."""
    lines = ["Introduction", "", "Text (Smith, 2001).", "", "References", ""]
    lines.append("Smith, J. (2001). A title. Journal of Things, 3, 4-5.")
    lines += [f"The Manual Goes On With Section {k} Options and Examples" for k in range(n_lines)]
    return "\n".join(lines) + "\n"
