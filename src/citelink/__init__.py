"""citelink: check an article's numbered references, export them as BibTeX, link them to
the claims and table rows that cite them, and lint the article's consistency.

``load_article`` reads a file; ``parse_article`` takes text. Everything else works on the
returned ``Article``: ``links.citations_of``, ``links.find``, ``lint.lint``,
``bibtex.to_bibtex``.
"""

from __future__ import annotations

from pathlib import Path

from citelink.errors import CitelinkError
from citelink.files import decode_text, read_bytes
from citelink.inputs.kind import Kind, kind_of
from citelink.model import Article
from citelink.parse.article import parse_article

__version__ = "0.1.0"


def load_article(path: str | Path) -> Article:
    """Read and parse an article file (plain text, JATS XML or PDF, told apart by content);
    raises ``CitelinkError`` for unusable input."""
    path = Path(path)
    data = read_bytes(path)
    kind = kind_of(data, path)
    if kind is Kind.JATS:
        from citelink.inputs.jats import parse_jats

        return parse_jats(data, str(path))
    if kind is Kind.PDF:
        from citelink.inputs.pdf import parse_pdf

        return parse_pdf(data, str(path))
    return parse_article(decode_text(data, path), str(path))


__all__ = ["Article", "CitelinkError", "__version__", "load_article", "parse_article"]
