"""Consistency findings over an Article: table pointers that miss, named authors that are
not the cited reference's first author, references never cited, citations of numbers that
do not exist, and duplicated entries.

Decisions only (pure over the model); wording of each finding lives here, rendering does not.

Codes (stable): table-pointer, unknown-table, author-mismatch, uncited, unknown-ref,
duplicate-ref, row-no-ref, unmatched-citation, ambiguous-citation, misprinted-citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from citelink.collector import without_cycle_sweeps
from citelink.graph.links import Citations, citation_index
from citelink.model import (
    Article,
    Finding,
    Location,
    Marker,
    Reference,
    Sentence,
    Severity,
    TablePointer,
)
from citelink.parse.text import fold_name, has_cjk, name_variants

_NAME = (
    r"(?:(?:van|von|de|da|del|der|di|du|le|la|el|al)\s+)*"
    r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*"
)
_NAMED_CITATION = re.compile(
    rf"(?P<name>{_NAME})(?:\s+(?:and|&)\s+(?P<second>{_NAME}))?"
    r"\s*(?P<etal>等人?|et\s*al\.?|and (?:colleagues|co-?workers)|团队|课题组)?"
    r"\s*(?:[(（]\s*\d{4}\s*[)）])?\s*$"
)
_WORD_START = re.compile(r"(?<![\w'’\-])[^\W\d_]")
_HAN_NAMED = re.compile(r"(?P<run>[\u3400-\u9fff]{2,8}?)\s*(?:等人?|团队|课题组)?\s*$")
_NOT_NAMES = frozenset(
    "the this these those our their his her its in on of and or for with from by as at to "
    "some many several other others previous recent earlier later such all both each".split()
)


def _fmt_refs(numbers: Iterable[int]) -> str:
    return ", ".join(f"[{n}]" for n in numbers)


def _fmt_tables(numbers: Iterable[int]) -> str:
    nums = sorted(set(numbers))
    if not nums:
        return "no table"
    word = "Table" if len(nums) == 1 else "Tables"
    return f"{word} {', '.join(str(n) for n in nums)}"


def _sentence_location(sentence: Sentence) -> Location:
    return Location(
        line=sentence.line, section=sentence.section, sentence=sentence.text, claim=sentence.id
    )


def _pointer_scopes(sentence: Sentence) -> Iterator[tuple[TablePointer, tuple[Marker, ...]]]:
    """Each table pointer with the markers it speaks for: those since the previous pointer,
    or, when there are none, those up to the next pointer."""
    pointers = sentence.pointers
    for k, pointer in enumerate(pointers):
        lo = pointers[k - 1].end if k else 0
        before = tuple(m for m in sentence.markers if lo <= m.start < pointer.start)
        if before:
            yield pointer, before
            continue
        hi = pointers[k + 1].start if k + 1 < len(pointers) else len(sentence.text) + 1
        yield pointer, tuple(m for m in sentence.markers if pointer.end <= m.start < hi)


def check_table_pointers(article: Article, index: dict[int, Citations]) -> list[Finding]:
    findings: list[Finding] = []
    read = {t.number for t in article.tables}
    existing = read | set(article.table_numbers)
    for sentence in article.claims:
        for pointer, markers in _pointer_scopes(sentence):
            named = set(pointer.tables)
            missing = sorted(named - existing)
            if missing:
                findings.append(
                    Finding(
                        "unknown-table",
                        Severity.ERROR,
                        f"'{pointer.printed}' points at {_fmt_tables(missing)}, "
                        f"but the article has {_fmt_tables(existing)}",
                        (),
                        _sentence_location(sentence),
                    )
                )
            if named & (existing - read):
                continue  # a named table's body was not read: where its refs are is unknown
            refs = sorted({n for m in markers for n in m.refs})
            elsewhere: dict[int, tuple[int, ...]] = {}
            nowhere: list[int] = []
            for n in refs:
                tables = index[n].tables if n in index else ()
                if not tables:
                    nowhere.append(n)
                elif not named & set(tables):
                    elsewhere[n] = tables
            if elsewhere:
                by_place: dict[tuple[int, ...], list[int]] = {}
                for n, tables in elsewhere.items():
                    by_place.setdefault(tables, []).append(n)
                where = "; ".join(
                    f"{_fmt_refs(ns)} {'is' if len(ns) == 1 else 'are'} in {_fmt_tables(t)}"
                    for t, ns in by_place.items()
                )
                findings.append(
                    Finding(
                        "table-pointer",
                        Severity.ERROR,
                        f"'{pointer.printed}' points at {_fmt_tables(named)}, but {where}",
                        tuple(sorted(elsewhere)),
                        _sentence_location(sentence),
                    )
                )
            if nowhere and existing:
                findings.append(
                    Finding(
                        "table-pointer",
                        Severity.WARNING,
                        f"'{pointer.printed}' points at {_fmt_tables(named)}, but "
                        f"{_fmt_refs(nowhere)} {'is' if len(nowhere) == 1 else 'are'} in no table",
                        tuple(nowhere),
                        _sentence_location(sentence),
                    )
                )
    return findings


def _is_surname(word: str) -> bool:
    bare = word.split()[-1]
    if bare.lower() in _NOT_NAMES or not bare[0].isupper():
        return False
    # Acronyms and gene names (MSCs, TGF-β, IL-10) are not surnames.
    return sum(c.isupper() for c in bare) <= 1 + bare.count("-") and len(bare) >= 2


def _author_matches(name: str, ref: Reference) -> bool:
    """Whether ``name`` is how the article would write the first author of ``ref``."""
    if not ref.authors:
        return False
    first = ref.authors[0]
    if has_cjk(name):
        return name in (first.family + first.given, first.family)
    return bool(name_variants(name) & name_variants(first.family))


def _surname(ref: Reference) -> str:
    """The first author as an in-text citation writes it (a Han name in full)."""
    first = ref.authors[0]
    return first.family + first.given if has_cjk(first.family) else first.family


def _named_author(text: str, end: int, han_names: set[str]) -> tuple[str, int, bool] | None:
    """The author named right before ``text[end]`` (a marker): (name, where it starts,
    certain). A Latin surname is certain with ``et al``/``等``/a second name; a bare
    surname, or a Han name (which cannot be told from ordinary text), counts only if it is
    a listed first author."""
    # Only the words right before the marker can name its author: search a short tail, so
    # the cost does not grow with the sentence (nor is the text before it copied).
    offset = max(0, end - 80)
    tail = text[offset:end]
    m = None
    # Leftmost match that runs to the end, tried only where a word starts (as ``search``
    # would find it, without trying every character).
    for start in [w.start() for w in _WORD_START.finditer(tail)][-8:]:
        m = _NAMED_CITATION.match(tail, start)
        if m:
            break
    if m and _is_surname(m.group("name")):
        return m.group("name"), offset + m.start(), bool(m.group("etal") or m.group("second"))
    han = _HAN_NAMED.search(tail)
    if han:
        run = han.group("run")
        for size in (4, 3, 2):
            if len(run) >= size and run[-size:] in han_names:
                return run[-size:], offset + han.start("run") + len(run) - size, False
    return None


class _FirstAuthors:
    """The entries ``_author_matches`` accepts for a name, by lookup instead of a scan of
    the list for every named citation (which grows with markers times entries)."""

    def __init__(self, references: tuple[Reference, ...]) -> None:
        self.references = references
        self.by_variant: dict[str, list[int]] = {}
        self.by_han: dict[str, list[int]] = {}
        for k, ref in enumerate(references):
            if not ref.authors:
                continue
            first = ref.authors[0]
            for variant in name_variants(first.family):
                self.by_variant.setdefault(variant, []).append(k)
            for key in dict.fromkeys((first.family + first.given, first.family)):
                self.by_han.setdefault(key, []).append(k)

    def named(self, name: str) -> list[Reference]:
        """Candidates in list order (a superset: callers still check ``_author_matches``)."""
        if has_cjk(name):
            found = set(self.by_han.get(name, ()))
        else:
            found = {k for v in name_variants(name) for k in self.by_variant.get(v, ())}
        return [self.references[k] for k in sorted(found)]


def _two_names_for_many(named: str, marker: Marker) -> bool:
    """ "Kambila and Kati [12], [13], [21]": two names cannot be the authors of several
    papers at once; they are places or things, not a named citation."""
    return bool(re.search(r"\s(?:and|&)\s", named)) and len(marker.refs) > 1


def check_named_authors(article: Article) -> list[Finding]:
    """``Petersen 等^[1]`` / ``Smith et al. [3]``: the name must be the cited first author."""
    findings: list[Finding] = []
    refs = {r.n: r for r in article.references}
    han_names = {
        a.family + a.given for r in article.references for a in r.authors[:1] if has_cjk(a.family)
    }
    by_name: _FirstAuthors | None = None
    for sentence in article.claims:
        for marker in sentence.markers:
            named = _named_author(sentence.text, marker.start, han_names)
            if named is None:
                continue
            name, start, certain = named
            if marker.problems or _two_names_for_many(sentence.text[start : marker.start], marker):
                continue
            cited = [refs[n] for n in marker.refs if n in refs and refs[n].authors]
            if not cited or any(_author_matches(name, r) for r in cited):
                continue
            if by_name is None:
                by_name = _FirstAuthors(article.references)
            others = [
                r.n
                for r in by_name.named(name)
                if r.n not in marker.refs and _author_matches(name, r)
            ]
            if not (certain or others):
                continue
            firsts = " and ".join(f"of [{r.n}] is {_surname(r)}" for r in cited)
            hint = f"; {name} is the first author of {_fmt_refs(others)}" if others else ""
            findings.append(
                Finding(
                    "author-mismatch",
                    Severity.ERROR if others else Severity.WARNING,
                    f"'{sentence.text[start : marker.end].strip()}' names {name}, "
                    f"but the first author {firsts}{hint}",
                    tuple(marker.refs),
                    _sentence_location(sentence),
                )
            )
    return findings


def check_uncited(article: Article, index: dict[int, Citations]) -> list[Finding]:
    findings: list[Finding] = []
    for ref in article.references:
        cites = index[ref.n]
        if cites.claims:
            continue
        where = Location(line=ref.line, reference=ref.n)
        if cites.rows:
            rows = ", ".join(f"Table {rc.table.number} row {rc.row.index}" for rc in cites.rows)
            findings.append(
                Finding(
                    "uncited",
                    Severity.INFO,
                    f"[{ref.n}] is cited only in a table ({rows}), never in the body text",
                    (ref.n,),
                    where,
                )
            )
        else:
            findings.append(
                Finding(
                    "uncited",
                    Severity.WARNING,
                    f"[{ref.n}] is never cited in the body text or a table",
                    (ref.n,),
                    where,
                )
            )
    return findings


def check_unknown_refs(article: Article) -> list[Finding]:
    known = {r.n for r in article.references}
    findings: list[Finding] = []
    for sentence in article.claims:
        for marker in sentence.markers:
            missing = [n for n in marker.refs if n not in known]
            if missing:
                findings.append(
                    Finding(
                        "unknown-ref",
                        Severity.ERROR,
                        f"'{marker.printed}' cites {_fmt_refs(missing)}, which the reference "
                        f"list does not have (it has {len(known)} entries)",
                        tuple(missing),
                        _sentence_location(sentence),
                    )
                )
    for table in article.tables:
        for row in table.rows:
            missing = [n for n in row.refs if n not in known]
            location = Location(line=row.line, table=table.number, row=row.index)
            if missing:
                findings.append(
                    Finding(
                        "unknown-ref",
                        Severity.ERROR,
                        f"Table {table.number} row {row.index} cites {_fmt_refs(missing)}, "
                        "which the reference list does not have",
                        tuple(missing),
                        location,
                    )
                )
            elif table.ref_column is not None and not row.refs and row.cells[0].strip():
                findings.append(
                    Finding(
                        "row-no-ref",
                        Severity.INFO,
                        f"Table {table.number} row {row.index} has no reference in its "
                        f"'{table.header[table.ref_column]}' column",
                        (),
                        location,
                    )
                )
    return findings


def _title_key(ref: Reference) -> str | None:
    if not ref.title:
        return None
    key = fold_name(ref.title) if ref.title.isascii() else re.sub(r"\W", "", ref.title.casefold())
    return key if len(key) >= 15 else None


def _first_page(ref: Reference) -> str | None:
    return ref.pages.split("-")[0] if ref.pages else None


def same_work(a: Reference, b: Reference) -> str | None:
    """Why two entries are the same work, or None."""
    if a.doi and b.doi:
        return "the same DOI" if a.doi.casefold() == b.doi.casefold() else None
    ta, tb = _title_key(a), _title_key(b)
    if ta and ta == tb:
        return "the same title"
    fa, fb = a.first_author, b.first_author
    if (
        fa
        and fb
        and fold_name(fa.family) == fold_name(fb.family)
        and a.year == b.year
        and a.year is not None
        and a.volume
        and a.volume == b.volume
        and _first_page(a)
        and _first_page(a) == _first_page(b)
    ):
        return "the same first author, year, volume and first page"
    return None


def _work_keys(ref: Reference) -> list[tuple[str, ...]]:
    """What two entries of the same work share: a DOI, a title, or a full locator."""
    keys: list[tuple[str, ...]] = []
    if ref.doi:
        keys.append(("doi", ref.doi.casefold()))
    if title := _title_key(ref):
        keys.append(("title", title))
    first = ref.first_author
    page = _first_page(ref)
    if first and ref.year is not None and ref.volume and page:
        keys.append(("locator", fold_name(first.family), str(ref.year), ref.volume, page))
    return keys


def check_duplicates(article: Article) -> list[Finding]:
    """Entries that are the same work. Candidates come from shared keys (linear, not every
    pair); each repeat is reported against the first entry it repeats."""
    first_with: dict[tuple[str, ...], Reference] = {}
    pairs: dict[tuple[int, int], tuple[Reference, Reference]] = {}
    for index, ref in enumerate(article.references):
        for key in _work_keys(ref):
            earlier = first_with.setdefault(key, ref)
            if earlier is not ref:
                pairs.setdefault((id(earlier), index), (earlier, ref))
    findings: list[Finding] = []
    reported: set[int] = set()
    for a, b in pairs.values():
        why = same_work(a, b)
        if why and id(b) not in reported:
            reported.add(id(b))
            findings.append(
                Finding(
                    "duplicate-ref",
                    Severity.WARNING,
                    f"[{a.n}] and [{b.n}] look like the same work ({why})",
                    (a.n, b.n),
                    Location(line=b.line, reference=b.n),
                )
            )
    return findings


def check_citation_items(article: Article) -> list[Finding]:
    """Author-year citations that name no entry of the list, or several, quoted as printed."""
    findings: list[Finding] = []
    for sentence in article.claims:
        for marker in sentence.markers:
            for problem in marker.problems:
                ambiguous = "matches entries" in problem
                misprinted = " is read as " in problem
                code = "ambiguous-citation" if ambiguous else "unmatched-citation"
                findings.append(
                    Finding(
                        "misprinted-citation" if misprinted else code,
                        Severity.WARNING,
                        f"{problem} (in '{marker.printed}')",
                        tuple(marker.refs),
                        _sentence_location(sentence),
                    )
                )
    return findings


@without_cycle_sweeps
def lint(article: Article) -> list[Finding]:
    """All findings, in the order they occur in the article."""
    index = citation_index(article)
    findings = [
        *check_table_pointers(article, index),
        *check_named_authors(article),
        *check_citation_items(article),
        *check_unknown_refs(article),
        *check_uncited(article, index),
        *check_duplicates(article),
    ]
    return sorted(findings, key=lambda f: (f.location.line or 0, f.code))


def exceeds(findings: Iterable[Finding], level: Severity) -> bool:
    """Whether any finding is at ``level`` or worse (for ``--fail-on``)."""
    return any(f.severity.rank >= level.rank for f in findings)
