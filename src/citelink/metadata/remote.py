"""What the HTTP sources share beyond ``http``: turning an HTTP ``Outcome`` into an
``Answer`` named for its source (live) or the cache, and the search words of a reference."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from citelink.metadata.http import Outcome, Via
from citelink.metadata.result import Origin
from citelink.metadata.similarity import words
from citelink.metadata.sources import Answer, State
from citelink.metadata.work import Work
from citelink.model import Reference


def answer(outcome: Outcome, live: Origin, works: Callable[[Any], Iterable[Work | None]]) -> Answer:
    """``works`` reads the body; a 404 (body ``None``) is a definitive "no such record"."""
    origin = Origin.CACHE if outcome.via is Via.CACHE else live
    if outcome.state is not State.OK:
        return Answer(outcome.state, origin, reason=outcome.reason)
    if outcome.body is None:
        return Answer(State.OK, origin, reason="no such record")
    try:
        found = tuple(w for w in works(outcome.body) if w is not None)
    except (AttributeError, TypeError, ValueError, KeyError) as exc:
        return Answer(State.ERROR, origin, reason=f"unusable answer ({type(exc).__name__})")
    return Answer(State.OK, origin, found)


def search_words(ref: Reference, limit: int = 24) -> str:
    """The printed title's words (or the raw entry's, without title), for full-text search."""
    text = ref.title or ref.raw
    for extra in (ref.doi, ref.url):
        if extra:
            text = text.replace(extra, " ")
    return " ".join(words(text)[:limit])
