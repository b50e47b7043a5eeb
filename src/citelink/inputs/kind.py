"""What kind of file an article is, from its first bytes (not its name)."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from citelink.errors import InputError

SUPPORTED = "plain text (UTF-8), JATS XML or PDF"


class Kind(StrEnum):
    TEXT = "text"
    JATS = "jats"
    PDF = "pdf"


def sniff(head: bytes) -> Kind | None:
    """The kind of a file from its first kilobytes; None when it is a kind citelink does
    not read (Word, HTML, other XML, images)."""
    if head.startswith(b"%PDF-"):
        return Kind.PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return None  # .docx / .odt (zip) or legacy .doc
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<"):
        lowered = text[:4096].lower()
        if re.search(rb"<article[\s>]", lowered):
            return Kind.JATS
        return None  # HTML or another XML
    return Kind.TEXT


def kind_of(data: bytes, path: Path) -> Kind:
    """The kind of the file whose bytes are ``data``; a clear error for unsupported ones."""
    kind = sniff(data[:8192])
    if kind is None:
        what = (
            "an HTML or XML file that is not JATS"
            if data.lstrip(b"\xef\xbb\xbf").lstrip().startswith(b"<")
            else "a Word or other office document"
        )
        raise InputError(f"{path}: {what} is not supported yet; give {SUPPORTED}")
    return kind
