"""Rules first, the trained tagger where the rules show they failed.

The rule parser (``references.parse_entry``) reads the styles it was written for exactly; the
CRF tagger (``tagger.py``) reads any style, but less exactly, and guesses fields an entry does
not print. So an entry goes to the tagger only when the rules' reading of it shows a red flag
(no author and no title, no year, ...), and the tagger's field is taken only where the rules
left that field empty and the tagger is sure of it: the least marginal probability of the
span's tokens is at least ``THRESHOLD`` (chosen on held-out labelled strings, see
``benchmarks/bench_reader.py``). What the rules read is never overwritten: printed numbers,
DOIs, URLs and names stay the rules' own. The tagger's spans are read with the same rules for
names, years and pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from citelink.model import Author, Reference
from citelink.parse.authors import split_author_block
from citelink.parse.text import NAME_PARTICLES

if TYPE_CHECKING:
    from citelink.parse.tagger import Tagged

# Least marginal probability of a span's tokens for its field to be taken (held-out tuned).
THRESHOLD = 0.5

_YEAR = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d)(?![\d])")
_VOLUME = re.compile(r"^[A-Za-z]{0,3}\.?\s*(\d{1,5}[A-Za-z]?)$|^([IVXLC]{1,6})$")
_PAGES = re.compile(
    r"^(?:pp?\.?\s*)?([A-Za-z]{0,2}\d{1,7}[A-Za-z]?)(?:\s*[-\u2010-\u2015\u2212]+\s*([A-Za-z]{0,2}\d{1,7}[A-Za-z]?))?$"
)
_PAGE_COUNT = re.compile(r"\d+\s*(?:pp?\b|pages|p[áa]ginas|pgs?\b|S\.|Seiten|с\.)", re.I)
_ISSUE_LABEL = re.compile(r"(?:(?<![\w.])(?:[Nn][or]?|[Nn]um|[Nn]º)\.?|№)\s*$")
# A month's name or abbreviation, in the languages the styles print (a regex alternation).
_MONTH = (
    r"(?:jan|feb|f[ée]v|mar|m[äa]r|apr|avr|abr|may|mai|jun|juin|jul|juil|aug|ago|ao[ûu]t|"
    r"sep|set|oct|okt|out|nov|dec|d[ée]c|dez|dic|ene)[a-zéû]*"
)
_AFTER_MONTH = re.compile(rf"(?i)\b{_MONTH}\.?,?\s*$")
_BEFORE_MONTH = re.compile(rf"(?i)\s*{_MONTH}\b")
_INITIALS = re.compile(r"^(?:[A-Z]\.?-?)+$|^[A-Z]{1,3}$")
_EDGE = " \t.,;:()[]\"'“”‘’«»"


@dataclass(frozen=True)
class Reading:
    """The six fields as read from the tagger's spans, each with the tagger's confidence."""

    authors: tuple[tuple[Author, ...], float] | None = None
    year: tuple[int, float] | None = None
    volume: tuple[str, float] | None = None
    pages: tuple[str, float] | None = None
    title: tuple[str, float] | None = None
    journal: tuple[str, float] | None = None




def _names(text: str) -> tuple[Author, ...]:
    """The author list of an author span, by the rules for names; failing them, the first
    name's surname: the words before its comma (``Patrick, Sue Carol``), the words left when
    initials are dropped (``Dolgov A D``, ``J. Smith``), or the last word and its particles
    (``Kelvin Xu``, ``Ludwig van Beethoven``)."""
    text = text.strip(" ,;:")
    block = split_author_block(text if text.endswith(".") else text + ".")
    if block is not None and block.authors and not block.rest.strip(" .,;"):
        return block.authors
    inverted = re.match(
        r"^([^\W\d_][\w'’.-]*(?:\s+[\w'’.-]+){0,2}),\s*([^,;]*?)\s*(?:[,;&]|\band\b|$)", text
    )
    given = ""
    if inverted and not _INITIALS.match(inverted.group(1)):
        family, given = inverted.group(1), inverted.group(2)
    else:
        words = re.split(r"[,;&]|\band\b|\bet\b|\bund\b|\by\b", text)[0].split()
        initials: list[str] = []
        while len(words) > 1 and _INITIALS.match(words[-1]):
            initials.insert(0, words.pop())
        while len(words) > 1 and _INITIALS.match(words[0]):
            initials.append(words.pop(0))
        if not initials and len(words) > 1:
            k = len(words) - 1
            while k > 0 and words[k - 1].lower() in NAME_PARTICLES:
                k -= 1
            initials, words = words[:k], words[k:]
        family, given = " ".join(words), " ".join(initials)
    family = family.strip(_EDGE)
    if not family or not any(ch.isalpha() for ch in family):
        return ()
    return (Author(family=family, given=given.strip(" ,;")),)


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_GROUP = re.compile(
    r"(?i)collab|consorti|group|team|committee|council|association|society|organi[sz]ation|"
    r"institut|project|network|working|office|agency|ministr|department|university|"
    r"foundation|bureau|center|centre"
)


def _personal(authors: tuple[Author, ...]) -> bool:
    """A person's name as the rules for names read it: a surname of one to three words
    (letters only) and a given name or initials; not a group, a title or a place."""
    if not authors:
        return False
    first = authors[0]
    if _GROUP.search(first.family + " " + first.given):
        return False
    words = first.family.split()
    return (
        bool(first.given)
        and 1 <= len(words) <= 3
        and all(_WORD.fullmatch(w) for w in words)
        and not any(ch.isdigit() for ch in first.family)
        and first.family[:1].isupper()
    )


_ACCESS_WORD = (
    r"(?:acess|access|consult|viewed|retrieved|abgerufen|zugriff|visitad|cited|visited|"
    r"downloaded|accedido)"
)
_ACCESS = re.compile(rf"(?i){_ACCESS_WORD}")


# ... nor one followed by the word: "4 September 2012, date last accessed".
_ACCESSED_AFTER = re.compile(
    r"[^\w]{0,3}(?:\w+[^\w]{1,3}){0,2}?\(?(?:date\s+)?(?:last\s+)?(?:accessed|visited|viewed)",
    re.I,
)


def reading(tagged: Tagged, sure: tuple[float, ...]) -> Reading:
    """The tagger's spans read into fields: the first span of each label that reads as one."""
    by_label: dict[str, list[tuple[str, float]]] = {}
    for span, p in zip(tagged.spans, sure, strict=True):
        by_label.setdefault(span.label, []).append((span.text, p))
    out = Reading()
    for text, p in (by_label.get("author") or by_label.get("editor") or [])[:1]:
        names = _names(text)
        if _personal(names):
            out = replace(out, authors=(names, p))
            break
    for span, p in zip(tagged.spans, sure, strict=True):
        if span.label != "date":
            continue
        m = _YEAR.search(span.text)
        if (
            m is None
            or _ACCESS.search(tagged.raw, max(0, span.start - 25), span.start + m.start())
            or _ACCESSED_AFTER.match(tagged.raw, span.start + m.end())
        ):
            continue  # an access date is not the date of the work
        out = replace(out, year=(int(m.group(1)), p))
        break
    for span, p in [(s, q) for s, q in zip(tagged.spans, sure, strict=True)
                    if s.label == "volume"][:1]:
        if _AFTER_MONTH.search(tagged.raw, max(0, span.start - 12), span.start):
            continue  # the day of a date ("Oct. 13, 2023"), not a volume
        if _NUMERIC_DATE.match(tagged.raw, span.start) or _BEFORE_MONTH.match(
            tagged.raw, span.end
        ):
            continue  # the day or month of "31/8/2017", the day of "2 March"
        if _DOTTED_CODE.search(tagged.raw, max(0, span.start - 30), span.start):
            continue  # the end of an archive's call number ("BR RJANRIO RD.0.DAG.41")
        before = tagged.raw[max(0, span.start - 6) : span.start]
        if _ISSUE_LABEL.search(before + re.split(r"\d", span.text, maxsplit=1)[0]):
            continue  # "n. 19", its label inside the span or just before it: an issue
        if m := _VOLUME.match(span.text.strip(_EDGE)):
            out = replace(out, volume=(m.group(1) or m.group(2), p))
    for span, p in [(s, q) for s, q in zip(tagged.spans, sure, strict=True)
                    if s.label == "pages"][:1]:
        if _PAGE_COUNT.match(tagged.raw, span.start) or _YEAR.fullmatch(span.text.strip(_EDGE)):
            continue  # a book's page count ("612 pp.") or a year, not its pages
        if _AFTER_MONTH.search(tagged.raw, max(0, span.start - 12), span.start):
            continue
        if m := _PAGES.match(span.text.strip(_EDGE)):
            pages = f"{m.group(1)}-{m.group(2)}" if m.group(2) else m.group(1)
            out = replace(out, pages=(pages, p))
    titles = [(t.strip(_EDGE), p) for t, p in by_label.get("title", [])[:1]]
    journals = [(t.strip(_EDGE), p) for t, p in by_label.get("container", [])[:1]]
    if titles and _wordy(titles[0][0]):
        out = replace(out, title=titles[0])
    if journals and _wordy(journals[0][0]):
        out = replace(out, journal=journals[0])
    return out


_DOTTED_CODE = re.compile(r"(?<![\w.])(?:[A-Z0-9]+\.){2,}$")
_NUMERIC_DATE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:1[5-9]|20)\d\d(?!\d)")
_RUN_ON = re.compile(r"[,;&]|\s(?:and|und|et|e|y)\s")


def _wordy(value: str) -> bool:
    return len(value) >= 2 and any(ch.isalpha() for ch in value)


_FULL_GIVEN = re.compile(r"[A-Z][a-z]{2,}")
_BOOK_PAGES = re.compile(r"(?<![\w.])(?:p|pp|S|s|pág|págs)\.?\s?\d")


def red_flags(ref: Reference) -> frozenset[str]:
    """What the rules' reading of an entry lacks that nearly every entry prints."""
    flags = set()
    if not ref.authors:
        flags.add("author")
    elif _RUN_ON.search(ref.authors[0].family) or not ref.authors[0].family.strip():
        flags.add("names")  # "Patrick, Sue Carol", "Nilsback and Andrew Zisserman"
    elif not (ref.journal or ref.booktitle) and _FULL_GIVEN.match(ref.authors[0].given):
        # Full given names ("Nichols, Bill."): a humanities style (Chicago, MLA) whose
        # containers, chapters and pages the rules read least well.
        flags.add("container")
    elif (ref.volume or (ref.pages and not _BOOK_PAGES.search(ref.raw))) and not (
        ref.journal or ref.booktitle or ref.publisher
    ):
        # Numbers of no source: the title ran on over the journal ("Title, Journal, 84,
        # No. 1, 119-127."), or the journal was read as the title (not a book's "p 52").
        flags.add("container")
    if ref.year is None:
        flags.add("year")
    if not ref.title and not ref.journal and not ref.booktitle:
        flags.add("title")
    if not (ref.journal or ref.booktitle or ref.publisher or ref.volume or ref.pages or ref.url
            or ref.doi):
        flags.add("source")  # no journal, book, publisher, numbers or link: the source unread
    if ref.volume is None and _unread_number(ref):
        flags.add("numbers")  # "Artificial Intelligence, 28(1) 71-87, 1986" left unread
    return frozenset(flags)


_NUMBER = re.compile(r"(?<![\w./-])\d{1,5}(?![\w/])")
# "Last access: Jan. 14, 2024", "Accessed on 5 March 2024": the phrase and its date.
_ACCESS_DATE = re.compile(
    rf"(?i)(?:last\s+)?{_ACCESS_WORD}\w*(?:\s+(?:on|em|el|am|le|in))?\s*:?[^;]{{0,30}}"
)


def _unread_number(ref: Reference) -> bool:
    """A number printed outside the title, the year, the DOI and URL, that no field holds."""
    text = ref.raw
    for part in (ref.doi, ref.url, ref.title):
        if part:
            text = text.replace(part, " ")
    held = {str(ref.year)} if ref.year else set()
    for part in (ref.pages, ref.issue):
        if part:
            held.update(re.findall(r"\d+", part))
    # An access date ("Last access: Jan. 14, 2024") and the day of a date ("Oct. 3, 2022",
    # "3 March") are no volume the rules missed.
    text = _ACCESS_DATE.sub(" ", text)
    for m in _NUMBER.finditer(text):
        if (
            m.group() not in held
            and not _PAGE_COUNT.match(text, m.start())
            and not _AFTER_MONTH.search(text, max(0, m.start() - 12), m.start())
            and not _BEFORE_MONTH.match(text, m.end())
        ):
            return True
    return False


def complete(ref: Reference, text: str, threshold: float | None = None) -> Reference:
    """``ref`` (the rules' reading of the normalised entry ``text``) with the fields it left
    empty taken from the tagger, when the rules show a red flag and the tagger is sure."""
    return complete_many([(ref, text)], threshold)[0]


def complete_many(
    entries: Sequence[tuple[Reference, str]], threshold: float | None = None
) -> list[Reference]:
    """``complete`` over an article's entries: those with a red flag are tagged as one
    batch."""
    todo = [k for k, (ref, text) in enumerate(entries) if red_flags(ref) and text.strip()]
    out = [ref for ref, _ in entries]
    if not todo:
        return out
    # Imported here: most lists never need the tagger, and a run need not load it.
    from citelink.parse.tagger import TaggerModelError, tag_many_with_confidence

    try:
        tagged = tag_many_with_confidence([entries[k][1] for k in todo])
    except TaggerModelError:
        return out
    for k, (got, sure) in zip(todo, tagged, strict=True):
        out[k] = merge(out[k], reading(got, sure), THRESHOLD if threshold is None else threshold)
    return out


def merge(ref: Reference, read: Reading, threshold: float = THRESHOLD) -> Reference:
    """The rules' fields, and the tagger's where the rules have none (or names run into
    each other) and it is sure."""
    flags = red_flags(ref)
    if flags == {"numbers"} and not (
        read.volume
        and read.volume[1] >= threshold
        and (ref.pages or (read.pages and read.pages[1] >= threshold))
    ):
        return ref  # unread numbers alone: only a journal's volume and pages are taken
    changes: dict[str, object] = {}
    names = not ref.authors or "names" in flags
    if names and read.authors and read.authors[1] >= threshold:
        changes["authors"] = read.authors[0]
    if ref.year is None and read.year and read.year[1] >= threshold:
        changes["year"] = read.year[0]
    # A volume is a journal's (the rules' or the tagger's): without one, a number the tagger
    # calls a volume is a series' ("Boletim Técnico, 6") or a publisher's ("Editora 34").
    journal = ref.journal or (read.journal and read.journal[1] >= threshold)
    if (
        ref.volume is None
        and journal
        and read.volume
        and read.volume[1] >= threshold
        and read.volume[0] not in re.findall(r"\w+", ref.pages or "")  # "p 351": a page
    ):
        changes["volume"] = read.volume[0]
    year = changes.get("year", ref.year)
    if (
        ref.pages is None
        and read.pages
        and read.pages[1] >= threshold
        and not read.pages[0].startswith(f"{year}-")  # dates "1780-1811", no pages
    ):
        changes["pages"] = read.pages[0]
    # The rules missed the names or ran them together: their split of the entry is off, and
    # so is their title (it holds the names) when the tagger read the names.
    # ... or read them, but in a style whose titles and containers they read least well.
    run_on = "authors" in changes or "container" in flags
    if (not ref.title or run_on) and read.title and read.title[1] >= threshold:
        changes["title"] = read.title[0]
    if (
        (run_on or (not ref.journal and not ref.booktitle))
        and read.journal
        and read.journal[1] >= threshold
    ):
        changes["journal"] = read.journal[0]
    return replace(ref, **changes) if changes else ref  # type: ignore[arg-type]
