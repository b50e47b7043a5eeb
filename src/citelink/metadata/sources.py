"""The interface between the checker and wherever metadata lives.

A ``Source`` answers three questions: the record for a DOI, candidate records for a printed
reference, and the notices that update a DOI. Each answer says whether it is definitive
(``OK``: the source looked and this is what it has, possibly nothing), a ``MISS`` (the
source cannot say: not in the HTTP cache) or an ``ERROR`` (it failed; ``reason`` says how).
Crossref, PubMed, OpenAlex and DataCite over HTTP implement it, and so does the embedded
SQLite index for each of them (``name`` is the database a source speaks for); a server
engine such as OpenSearch would be one more, without touching the matcher. PubMed, OpenAlex
and the index also answer ``pmid(PMID)`` (``PmidSource``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from citelink.metadata.result import Origin
from citelink.metadata.work import Work
from citelink.model import Reference


class State(StrEnum):
    OK = "ok"
    MISS = "miss"
    ERROR = "error"


@dataclass(frozen=True)
class Answer:
    state: State
    origin: Origin
    works: tuple[Work, ...] = ()
    reason: str = ""


class Source(Protocol):
    """What the checker needs from a metadata source."""

    name: str

    def work(self, doi: str) -> Answer: ...

    def search(self, ref: Reference, rows: int) -> Answer: ...

    def updates(self, doi: str) -> Answer: ...


class PmidSource(Protocol):
    """A source that also resolves a PubMed id (PubMed, OpenAlex, the local index)."""

    def pmid(self, pmid: str) -> Answer: ...


def by_pmid(pmid: str) -> Callable[[Source], Answer]:
    """The question "which record has this PMID?" for sources that can answer it."""

    def ask(source: Source) -> Answer:
        method = getattr(source, "pmid", None)
        if not callable(method):
            return Answer(State.MISS, Origin.NONE, reason=f"{source.name} has no PMID look-up")
        answer: Answer = method(pmid)
        return answer

    return ask


def bibliographic_query(ref: Reference) -> str:
    """The printed reference as one search string (Crossref's ``query.bibliographic``):
    the entry as printed, without its DOI or URL, which would only add noise."""
    text = ref.raw
    for extra in (ref.doi, ref.url):
        if extra:
            text = text.replace(extra, " ")
    return " ".join(text.replace("*", " ").split())[:1000]
