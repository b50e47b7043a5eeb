"""References -> bibtexparser v2 Library -> BibTeX text, with stable citation keys.

Keys are first author + year + first significant title word in lower-case ASCII
(``petersen1999bone``); entries whose keys clash all get ``a``, ``b``, ... in reference order.
Every entry keeps the printed number and the raw entry in ``citelink-number`` and
``citelink-raw``, fields BibTeX styles, biber, Zotero and JabRef pass over.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from bibtexparser.entrypoint import write_string
from bibtexparser.library import Library
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field, ImplicitComment
from bibtexparser.writer import BibtexFormat

from citelink.metadata.enrich import enrich
from citelink.metadata.result import CheckReport
from citelink.metadata.suggest import suggest
from citelink.model import Article, Author, Reference
from citelink.parse.text import ascii_slug, has_cjk

ENTRY_TYPES = {
    "article": "article",
    "newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "web": "online",
}
_STOPWORDS = frozenset(
    "a an the of on in for and or to with from by at as is are be via about into its their "
    "new study studies".split()
)


def _balanced(value: str) -> str:
    depth = 0
    for ch in value:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            break
    return value if depth == 0 else value.replace("{", "(").replace("}", ")")


# Every LaTeX special character as the command that prints it; ``from_tex`` reverses it.
_TEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_TEX_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_TEX_COMMAND = re.compile(
    "|".join(re.escape(v) for v in sorted(_TEX_ESCAPES.values(), key=len, reverse=True))
)
_TEX_REVERSE = {v: k for k, v in _TEX_ESCAPES.items()}


def _tex(value: str) -> str:
    """Text for a field LaTeX will typeset: every special character escaped, so any title
    or name survives BibTeX, LaTeX and a round trip through a .bib parser."""
    return _TEX_SPECIAL.sub(lambda m: _TEX_ESCAPES[m.group()], value)


def from_tex(value: str) -> str:
    """The text ``_tex`` escaped, with case-protecting braces removed (for tests and
    tools that read the .bib back)."""
    out = []
    for m in _TEX_TOKEN.finditer(value):
        token = m.group()
        if token in _TEX_REVERSE:
            out.append(_TEX_REVERSE[token])
        elif token not in "{}":
            out.append(token)
    return "".join(out)


_TEX_TOKEN = re.compile(_TEX_COMMAND.pattern + r"|[{}]|.", re.S)


def _protect_case(title: str) -> str:
    """Brace acronyms and gene names (HBV, CD34, Th17) so styles do not lower-case them."""
    return re.sub(r"\b([A-Za-z]*[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*)\b", r"{\1}", title)


def format_name(author: Author) -> str:
    """``Family, G. N.`` for BibTeX; Vancouver initials get points so styles abbreviate
    them right; Han names stay one unit; a corporate author is braced whole."""
    family, given = _tex(author.family), _tex(author.given)
    if has_cjk(family):
        return family + given
    if not given:
        return f"{{{family}}}" if " " in family else family
    if re.fullmatch(r"[A-Z](?:[-\s]?[A-Z]){0,3}", given):
        given = " ".join(f"{c}." for c in re.findall("[A-Z]", given))
    return f"{family}, {given}"


def format_authors(authors: Sequence[Author], et_al: bool) -> str | None:
    names = [format_name(a) for a in authors]
    if et_al:
        names.append("others")
    return " and ".join(names) if names else None


def bibtex_pages(pages: str) -> str:
    """``1168-70`` -> ``1168--1170``; ``S112-S120`` -> ``S112--S120``."""
    m = re.fullmatch(r"([A-Za-z]*)(\d+)-([A-Za-z]*)(\d+)", pages)
    if not m:
        return pages.replace("-", "--")
    p1, d1, p2, d2 = m.groups()
    if not p2:
        p2 = p1
        if len(d2) < len(d1) and int(d1[: len(d1) - len(d2)] + d2) >= int(d1):
            d2 = d1[: len(d1) - len(d2)] + d2
    return f"{p1}{d1}--{p2}{d2}"


def _title_word(title: str | None) -> str:
    if not title:
        return ""
    han = re.match(r"[\u3400-\u9fff]{1,2}", title)
    if han:
        return ascii_slug(han.group())
    for word in re.findall(r"[^\W_]+", title):
        slug = ascii_slug(word)
        if slug and word.lower() not in _STOPWORDS and not slug.isdigit():
            return slug
    return ""


def base_key(ref: Reference) -> str:
    author = ascii_slug(ref.authors[0].family) if ref.authors else ""
    key = f"{author}{ref.year or ''}{_title_word(ref.title)}"
    return key or f"ref{ref.n}"


def citation_keys(refs: Sequence[Reference]) -> list[str]:
    """One key per entry, in list order; clashing keys all get a, b, c ... in list order.
    (Keyed by position, not number: a damaged list can print a number twice.)"""
    bases = [base_key(ref) for ref in refs]
    counts: dict[str, int] = {}
    for key in bases:
        counts[key] = counts.get(key, 0) + 1
    taken = {k for k, c in counts.items() if c == 1}
    letters: dict[str, int] = {}
    keys: list[str] = []
    for key in bases:
        if counts[key] == 1:
            keys.append(key)
            continue
        candidate = key
        while candidate in taken or candidate == key:
            index = letters.get(key, 0)
            letters[key] = index + 1
            candidate = key + _suffix(index)
        taken.add(candidate)
        keys.append(candidate)
    return keys


def _suffix(index: int) -> str:
    """a, b, ..., z, aa, ab, ... so any number of clashes gets distinct keys."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def keys_by_number(refs: Sequence[Reference]) -> dict[int, str]:
    """Reference number -> key (the first entry, where a number is printed twice)."""
    out: dict[int, str] = {}
    for ref, key in zip(refs, citation_keys(refs), strict=True):
        out.setdefault(ref.n, key)
    return out


def to_entry(ref: Reference, key: str, extra: Sequence[tuple[str, str]] = ()) -> Entry:
    """One entry; ``extra`` fields (``issn``, ``citelink-enriched``, ...) go before the
    ``citelink-*`` bookkeeping fields."""
    values: list[tuple[str, str | None]] = [
        ("author", format_authors(ref.authors, ref.et_al)),
        ("title", _protect_case(_tex(ref.title)) if ref.title else None),
        ("journal", _tex(ref.journal) if ref.journal else None),
        ("booktitle", _protect_case(_tex(ref.booktitle)) if ref.booktitle else None),
        ("editor", format_authors(ref.editors, False)),
        ("edition", ref.edition),
        ("publisher", _tex(ref.publisher) if ref.publisher else None),
        ("address", _tex(ref.place) if ref.place else None),
        ("year", str(ref.year) if ref.year else None),
        ("volume", ref.volume),
        ("number", ref.issue),
        ("pages", bibtex_pages(ref.pages) if ref.pages else None),
        ("doi", ref.doi),
        ("pmid", ref.pmid),
        ("url", ref.url),
        *extra,
        ("citelink-number", str(ref.n)),
        ("citelink-raw", _balanced(ref.raw)),
    ]
    if ref.type == "thesis":
        values = [("school", v) if k == "publisher" else (k, v) for k, v in values]
    fields = [Field(k, v) for k, v in values if v]
    return Entry(ENTRY_TYPES.get(ref.type, "misc"), key, fields)


Extras = Sequence[Sequence[tuple[str, str]]]


def to_library(
    refs: Sequence[Reference],
    source: str | None = None,
    extras: Extras | None = None,
    keys_from: Sequence[Reference] | None = None,
) -> Library:
    """``extras[i]`` holds additional fields for ``refs[i]``; keys come from ``keys_from``
    (the printed references, when ``refs`` were enriched) so they never change with it."""
    library = Library()
    if source:
        library.add(ImplicitComment(f"% BibTeX from the reference list of {source}, by citelink"))
    keys = citation_keys(keys_from or refs)
    library.add(
        [
            to_entry(ref, key, extras[i] if extras else ())
            for i, (ref, key) in enumerate(zip(refs, keys, strict=True))
        ]
    )
    return library


def to_bibtex(
    refs: Sequence[Reference],
    source: str | None = None,
    extras: Extras | None = None,
    keys_from: Sequence[Reference] | None = None,
) -> str:
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    layout.block_separator = "\n"
    # The library is built here for this one write: the middlewares may change it in place
    # (no deep copy of every block, and no warning about one, on a 50,000-entry list).
    text: str = write_string(
        to_library(refs, source, extras, keys_from),
        unparse_stack=default_unparse_stack(allow_inplace_modification=True),
        bibtex_format=layout,
    )
    return text


def enriched_bibtex(article: Article, report: CheckReport) -> str:
    """The article's .bib with every matched reference completed from its record; each
    enriched entry names the fields that came from the record and where it came from."""
    refs: list[Reference] = []
    extras: list[list[tuple[str, str]]] = []
    for ref in article.references:
        check = report.get(ref.n)
        if check is None or check.work is None:
            refs.append(ref)
            extras.append([])
            continue
        done = enrich(ref, check.work)
        refs.append(done.reference)
        extra = [("issn", ", ".join(done.issn))] if done.issn else []
        if done.fields:
            extra += [
                ("citelink-enriched", ", ".join(done.fields)),
                ("citelink-source", f"{check.source.value} {check.work.source} {check.work.key}"),
            ]
        extras.append(extra)
    return to_bibtex(refs, article.path, extras, keys_from=article.references)


def suggested_bibtex(article: Article, report: CheckReport) -> tuple[str, str]:
    """The .bib with every matched reference corrected from its record (``suggest``), and
    a unified diff from the plain .bib to it (what changed, entry by entry)."""
    refs: list[Reference] = []
    extras: list[list[tuple[str, str]]] = []
    for ref in article.references:
        check = report.get(ref.n)
        proposal = suggest(ref, check) if check is not None else None
        if proposal is None or not proposal.changed or check is None or check.work is None:
            refs.append(ref)
            extras.append([])
            continue
        refs.append(proposal.reference)
        extras.append(
            [
                ("citelink-corrected", ", ".join(name for name, _, _ in proposal.changed)),
                ("citelink-source", f"{check.source.value} {check.work.source} {check.work.key}"),
            ]
        )
    plain = to_bibtex(article.references, article.path)
    fixed = to_bibtex(refs, article.path, extras, keys_from=article.references)
    diff = "".join(
        difflib.unified_diff(
            plain.splitlines(keepends=True),
            fixed.splitlines(keepends=True),
            fromfile=f"{article.path} (as printed)",
            tofile=f"{article.path} (suggested)",
        )
    )
    return fixed, diff
