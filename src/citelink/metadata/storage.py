"""SQLite files citelink keeps (the HTTP cache, the local index): what may be done with them.

``prepare`` looks at the path before anything opens it and answers how it may be used:

- ``WRITE``: absent (and its directory can be made) or a sound citelink file that can be
  written.
- ``READ``: a sound citelink file on a read-only file system or in a directory citelink
  cannot write (a shared snapshot, a container image, CI): read, never written.
- ``NONE``: nothing usable there and nothing can be made (an unwritable location), or the
  file is held locked by another process: the run goes on without it (the caller says so).

Something that is not a file citelink wrote (a directory, another program's file or
database, a damaged SQLite file without citelink's mark) is refused with a ``UsageError``
and never touched. Only a file citelink recognises as its own (its SQLite
``application_id``, or its tables) that is corrupt is moved aside (``NAME.broken-<time>``,
never deleted) with a warning, and a fresh one takes its place.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Collection
from enum import Enum
from pathlib import Path
from urllib.parse import quote

from citelink.errors import UsageError

# SQLite's header field ``application_id`` (offset 68): "CTLC" (HTTP cache), "CTLI" (index).
CACHE_ID = 0x43544C43
INDEX_ID = 0x43544C49
LOCK_WAIT = 3.0  # seconds to wait for another process's lock before doing without the file
_HEADER = b"SQLite format 3\x00"


class Access(Enum):
    WRITE = "write"
    READ = "read"
    NONE = "none"


def writable(path: Path) -> bool:
    """Whether citelink could create or change the file at ``path`` (making its directory).

    ``os.access`` sees a read-only mount even for root; a path under a regular file fails
    at ``mkdir`` (ENOTDIR)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    if not os.access(path.parent, os.W_OK):
        return False
    return not path.exists() or os.access(path, os.W_OK)


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """An SQLite URI that opens ``path`` for reading only; ``immutable`` where nothing can
    write it (a read-only file system), so SQLite takes no lock and needs no journal."""
    return f"file:{quote(str(path.resolve()))}?mode=ro" + ("&immutable=1" if immutable else "")


def _application_id(path: Path) -> int | None:
    try:
        with path.open("rb") as handle:
            header = handle.read(72)
    except OSError:
        return None
    if len(header) < 72 or not header.startswith(_HEADER):
        return None
    return int.from_bytes(header[68:72], "big")


def _is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == _HEADER
    except OSError:
        return False


def _inspect(path: Path, tables: Collection[str]) -> tuple[str | None, str | None]:
    """(why it is not ours, why it is unusable); both ``None``: sound and ours. An
    unusable reason starting with "locked" means another process holds it."""
    try:
        con = sqlite3.connect(read_only_uri(path), uri=True, timeout=LOCK_WAIT)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if names and not (set(tables) & names):
                return "a SQLite database of another program", None
            row = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return None, f"locked by another process ({exc})"
        return None, str(exc)
    except sqlite3.Error as exc:
        return None, str(exc)
    if not row or row[0] != "ok":
        return None, f"integrity check failed ({row[0] if row else 'no answer'})"
    return None, None


def prepare(
    path: Path,
    what: str,
    mark: int,
    tables: Collection[str],
    warn: Callable[[str], None],
) -> Access:
    """How the SQLite file at ``path`` may be used this run (see the module docstring).

    ``mark`` is citelink's ``application_id`` for this kind of file and ``tables`` the
    tables it holds (files from before the mark are recognised by them)."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(
            f"{path}: is a directory, not a file; citelink leaves it alone: "
            f"name a file for the {what}"
        )
    if path.exists() and not path.is_file():
        raise UsageError(f"{path}: is not a regular file; name a file for the {what}")
    can_write = writable(path)
    try:
        empty = path.stat().st_size == 0
    except OSError:  # absent, or under something that is not a directory
        empty = True
    if empty:
        return Access.WRITE if can_write else Access.NONE
    if not _is_sqlite(path):
        raise UsageError(
            f"{path}: is not a file citelink wrote (not SQLite); citelink leaves it alone: "
            f"move it, or name another file for the {what}"
        )
    ours = _application_id(path) == mark
    foreign, problem = _inspect(path, tables)
    if foreign and not ours:
        raise UsageError(
            f"{path}: is {foreign}, not citelink's {what}; citelink leaves it alone: "
            "name another file"
        )
    if problem is None:
        return Access.WRITE if can_write else Access.READ
    if problem.startswith("locked"):
        warn(f"{what} {path} is {problem}; this run does without it")
        return Access.NONE
    if not ours:
        raise UsageError(
            f"{path}: is a damaged SQLite file citelink does not recognise as its {what} "
            f"({problem}); citelink leaves it alone: move it, or name another file"
        )
    if not can_write:
        warn(f"{what} {path} is unusable ({problem}) and read-only; this run does without it")
        return Access.NONE
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.rename(aside)
    except FileNotFoundError:  # another citelink process set it aside first
        return Access.WRITE
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        with contextlib.suppress(FileNotFoundError):
            extra.rename(aside.with_name(aside.name + suffix))
    warn(f"{what} {path} was unusable ({problem}); kept it as {aside.name} and started a fresh one")
    return Access.WRITE


def mark_file(con: sqlite3.Connection, mark: int) -> None:
    """Put citelink's ``application_id`` in a file it writes (so it is recognised later)."""
    if con.execute("PRAGMA application_id").fetchone()[0] != mark:
        con.execute(f"PRAGMA application_id = {int(mark)}")
