"""citelink: check an article's numbered references, export them as BibTeX, link them to
the claims and table rows that cite them, and lint the article's consistency.

``load_article`` reads a file; ``parse_article`` takes text. Everything else works on the
returned ``Article``: ``links.citations_of``, ``links.find``, ``lint.lint``,
``bibtex.to_bibtex``.
"""

from __future__ import annotations

from pathlib import Path

from citelink.article import parse_article
from citelink.errors import CitelinkError
from citelink.files import read_article
from citelink.model import Article

__version__ = "0.1.0"


def load_article(path: str | Path) -> Article:
    """Read and parse an article file; raises ``CitelinkError`` for unusable input."""
    return parse_article(read_article(Path(path)), str(path))


__all__ = ["Article", "CitelinkError", "__version__", "load_article", "parse_article"]
