"""File I/O at the edge: read an article as UTF-8 text with clear errors, write outputs
atomically (temp file in the same directory, then rename) so a failed run never leaves a
half-written file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from citelink.errors import InputError

# An article, even a long review with its list, is a few MB of text; a 100,000-entry
# bibliography is about 25 MB. Larger input is refused before it is read, so memory stays
# bounded (measured: about 15x the text size at peak while parsing).
MAX_ARTICLE_BYTES = 32 * 1024 * 1024

# The bundled data ships inside the package (``citelink/data``); a checkout's ``refs/``
# links to the same files, so a command run in the checkout names them ``refs/...``.
DEFAULT_ARTICLE = Path("refs") / "article.txt"
DATA = Path(__file__).resolve().parent / "data"


def bundled(name: str) -> Path | None:
    """A bundled file (``article.txt``, ``crossref-snapshot/works.jsonl`` ...): the
    checkout's ``refs/NAME`` when run in a checkout, else the installed package's copy."""
    for candidate in (Path("refs") / name, DATA / name):
        if candidate.is_file():
            return candidate
    return None


def default_article() -> Path:
    return bundled("article.txt") or DATA / "article.txt"


def output_dir(named: bool, article: Path) -> Path:
    """Where outputs that go "beside the article" go: beside it when the user named it or
    it is the checkout's ``refs/article.txt``; the current directory for the installed
    package's bundled copy (never into the package, never into a checkout from outside)."""
    if named or article == DEFAULT_ARTICLE:
        return article.parent
    return Path()


def default_cache() -> Path:
    """The HTTP cache's default: ``cache/`` in a checkout (run from its root), else the
    user's cache directory (``$XDG_CACHE_HOME/citelink``, ``~/.cache/citelink``)."""
    if DEFAULT_ARTICLE.is_file() and Path("cache").is_dir():
        return Path("cache") / "crossref.sqlite"
    root = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(root) / "citelink" / "crossref.sqlite"


def read_bytes(path: Path, what: str = "article") -> bytes:
    """The file's bytes; every way it can be unreadable is an ``InputError``, and a file
    over the size limit is refused before it is read."""
    if not path.exists():
        raise InputError(f"{path}: no such file; give the path of an {what}")
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give the path of an {what} file")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if size > MAX_ARTICLE_BYTES:
        raise InputError(
            f"{path}: {size / 1e6:.0f} MB is more than the {MAX_ARTICLE_BYTES // 2**20} MB "
            "citelink reads; split it into articles"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(f"{path}: file is empty; give an article with a reference list")
    return data


def decode_text(data: bytes, path: Path) -> str:
    """Plain text from bytes: UTF-8 (BOM allowed), one kind of line end."""
    if b"\x00" in data:
        raise InputError(
            f"{path}: looks like a binary file (or UTF-16); convert it to UTF-8 plain text first"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: is not valid UTF-8 (byte {exc.start}); convert it to UTF-8 plain text first"
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that readers see the old file or the new one, never
    a partial one."""
    path = Path(path)
    directory = path.parent
    if path.is_dir():
        raise InputError(f"{path}: is a directory; give a file name to write to")
    if not directory.is_dir():
        raise InputError(f"{path}: directory {directory} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"{path}: cannot write here ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, _FILE_MODE)  # mkstemp's 0600 would hide a shared report from others
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
