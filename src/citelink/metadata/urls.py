"""Base-URL options (``--api-url`` and every other source's URL), checked up front: a URL
that cannot be asked is bad input (one line, exit 2), not something to retry for minutes.
Kept apart from ``http`` so checking a URL never imports the HTTP stack."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from citelink.errors import UsageError

DEFAULT_API_URL = "https://api.crossref.org"
DEFAULT_CACHE = Path("cache") / "crossref.sqlite"
SOURCES = ("crossref", "pubmed", "openalex", "datacite")
DEFAULT_URLS = {
    "crossref": DEFAULT_API_URL,
    "pubmed": "https://eutils.ncbi.nlm.nih.gov/entrez/eutils",
    "openalex": "https://api.openalex.org",
    "datacite": "https://api.datacite.org",
}


def validate_base_url(url: str, option: str = "--api-url") -> str:
    """``url`` without its trailing slash, or a ``UsageError`` saying what is wrong."""
    text = url.strip()
    parts = urlsplit(text)
    blank = any(c.isspace() for c in text)
    if parts.scheme not in ("http", "https") or not parts.hostname or blank:
        raise UsageError(
            f"{option} {url!r} is not an http(s) URL; give a base URL such as "
            "https://api.crossref.org"
        )
    try:
        parts.port  # noqa: B018  # raises on a port that is not a number
    except ValueError:
        raise UsageError(f"{option} {url!r} has a bad port number") from None
    return text.rstrip("/")
