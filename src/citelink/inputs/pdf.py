"""PDF input: not read yet (see the README); a clear error rather than a wrong answer."""

from __future__ import annotations

from citelink.errors import InputError
from citelink.model import Article


def parse_pdf(data: bytes, path: str) -> Article:
    raise InputError(f"{path}: PDF input is not supported yet; give plain text or JATS XML")
