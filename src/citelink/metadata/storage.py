"""SQLite files citelink keeps (the HTTP cache, the local index): opened only when sound.

A corrupt, truncated or locked file is moved aside (``NAME.broken-<time>``, never deleted)
with a warning, and a fresh one takes its place; citelink never crashes on it and never
answers from it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path


def probe(path: Path) -> str | None:
    """Why the SQLite file at ``path`` cannot be used, or ``None`` if it can (or is absent)."""
    if not path.exists():
        return None
    if path.is_dir():
        return "is a directory"
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.5)
        try:
            row = con.execute("PRAGMA quick_check").fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    if not row or row[0] != "ok":
        return f"integrity check failed ({row[0] if row else 'no answer'})"
    return None


def sqlite_or_fresh(path: Path, what: str, warn: Callable[[str], None]) -> None:
    """Make sure ``path`` is a usable SQLite file or absent; move a broken one aside."""
    problem = probe(path)
    if problem is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    aside = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    path.rename(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + suffix))
    warn(f"{what} {path} was unusable ({problem}); kept it as {aside.name} and started a fresh one")
