"""The embedded local index: work records of every source (Crossref, PubMed, OpenAlex,
DataCite) in SQLite with an FTS5 full-text table, so a reference can be checked with no
network at all, and the Retraction Watch rows.

It is filled from files of any source's shape (``load_items``): the JSON Lines snapshots
under ``refs/``, single API answers, and Crossref's public data file (gzipped JSON files,
each ``{"items": [work, ...]}``); ``add_watch`` loads the Retraction Watch CSV.
``IndexSource(index, kind)`` puts one source's records behind the ``Source`` interface.

A Crossref record is keyed by its DOI (``records.doi``); another source's by
``<source>:<id>`` (``pubmed:27339398``, ``openalex:W2109415576``, ``datacite:10.5281/x``),
with every identifier it carries in ``ids``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO, cast

from citelink.errors import InputError, UsageError
from citelink.metadata import retraction
from citelink.metadata.records import items as source_items
from citelink.metadata.records import to_work
from citelink.metadata.result import Notice, Origin
from citelink.metadata.similarity import words
from citelink.metadata.sources import Answer, State
from citelink.metadata.storage import INDEX_ID, Access, mark_file, prepare, read_only_uri
from citelink.metadata.work import Work, normalize_doi, work_from_json
from citelink.model import Reference

SCHEMA = """
CREATE TABLE IF NOT EXISTS records (id INTEGER PRIMARY KEY, doi TEXT UNIQUE NOT NULL,
                                    json TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, authors, journal, tokenize = 'unicode61 remove_diacritics 2');
CREATE TABLE IF NOT EXISTS updates (target TEXT NOT NULL, notice TEXT NOT NULL,
                                    PRIMARY KEY (target, notice));
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ids (kind TEXT NOT NULL, type TEXT NOT NULL, value TEXT NOT NULL,
                                key TEXT NOT NULL, PRIMARY KEY (kind, type, value, key))
                                WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS watch (record TEXT PRIMARY KEY, doi TEXT, pmid TEXT,
                                  json TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS watch_doi ON watch (doi);
CREATE INDEX IF NOT EXISTS watch_pmid ON watch (pmid);
"""
SCHEMA_VERSION = "2"  # 2: title-word document frequencies in ``terms``
QUERY_TERMS = 6  # the rarest title words carry the search; common ones only cost time
MAX_LINE = 4 * 1024 * 1024  # one work record is a few kB; a longer line is not a record
MAX_DOCUMENT = 1 << 30
BUSY_WAIT = 120.0  # seconds a writer waits for another process filling the same index
_STOP = frozenset("the and of in for with on by from to a an at as or is are its".split())


def _open(path: Path) -> BinaryIO:
    with path.open("rb") as probe:
        gz = probe.read(2) == b"\x1f\x8b"
    if gz:
        return cast(BinaryIO, gzip.GzipFile(path, "rb"))
    return path.open("rb")


def _items(doc: Any) -> Iterator[Mapping[str, Any]]:
    """Work records in any Crossref shape: a work, a list, ``{"items": [...]}``, or an API
    answer ``{"message": work}`` / ``{"message": {"items": [...]}}``."""
    if isinstance(doc, list):
        for item in doc:
            yield from _items(item)
    elif isinstance(doc, Mapping):
        if isinstance(doc.get("items"), list):
            yield from _items(doc["items"])
        elif isinstance(doc.get("message"), Mapping | list):
            yield from _items(doc["message"])
        elif isinstance(doc.get("DOI"), str):
            yield doc


def record_key(kind: str, work: Work) -> str:
    """The ``records.doi`` key: the DOI for Crossref, ``<source>:<id>`` for the others."""
    if kind == "crossref":
        return work.doi
    if kind == "pubmed":
        return f"pubmed:{work.pmid}"
    if kind == "openalex":
        return f"openalex:{work.openalex}"
    return f"{kind}:{work.doi}"


def load_items(path: Path) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """(source, record) for every work record in a file of any source's shape."""
    return load_records(path, source_items)


def load_records(path: Path, reader: Callable[[Any], Iterator[Any]] = _items) -> Iterator[Any]:
    """Work records from a JSON or JSON Lines file, gzipped or not. Raises ``InputError``
    for a file that is not Crossref JSON."""
    if not path.is_file():
        raise InputError(f"{path}: no such file; give a Crossref JSON, JSON Lines or .gz file")
    try:
        with _open(path) as handle:
            first = handle.readline(MAX_LINE)
            try:
                doc = json.loads(first) if first.strip() else None
            except ValueError:
                doc = None
            if doc is None or first.lstrip().startswith(b"["):
                # One JSON document (pretty-printed, or an array): read it whole.
                text = first + handle.read(MAX_DOCUMENT)
                if handle.read(1):
                    raise InputError(f"{path}: a single JSON document over 1 GiB; use JSON Lines")
                yield from reader(json.loads(text))
                return
            yield from reader(doc)  # JSON Lines: one record (or answer) per line
            for number, line in enumerate(iter(lambda: handle.readline(MAX_LINE), b""), 2):
                if len(line) >= MAX_LINE and not line.endswith(b"\n"):
                    raise InputError(f"{path}: line {number} is too long to be a work record")
                if line.strip():
                    yield from reader(json.loads(line))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"{path}: cannot be read ({exc})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{path}: is not Crossref JSON ({str(exc)[:80]})") from None


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _fts_terms(text: str, limit: int) -> list[str]:
    seen: list[str] = []
    for word in words(text):
        if len(word) > 2 and word not in _STOP and word not in seen and not word.isdigit():
            seen.append(word)
    return seen[:limit]


class LocalIndex:
    """Crossref records in one SQLite file. Not shared across threads.

    Several processes may open and fill it at once: every write is one ``BEGIN IMMEDIATE``
    transaction that looks again at what is there before it writes, so two first runs do
    not load the snapshot twice (the second waits, then finds it loaded). A read-only
    index (a read-only file system, an unwritable directory) is read and never written; an
    unwritable location with no index builds one in memory for the run."""

    def __init__(
        self, path: Path, warn: Callable[[str], None] = lambda message: None, keep: bool = False
    ) -> None:
        """``keep``: the caller adds records that must be kept (``index add``); an index that
        cannot be written is then a ``UsageError`` at once."""
        self.path = Path(path)
        self._warn = warn
        self.access = prepare(self.path, "local index", INDEX_ID, ("records", "meta"), warn)
        if keep and self.access is not Access.WRITE:
            why = "is read-only" if self.access is Access.READ else "cannot be written there"
            raise UsageError(f"{self.path}: the local index {why}; nothing was added")
        self._count: int | None = None
        self.con = self._connect()

    @property
    def persistent(self) -> bool:
        """Whether records added now are kept in the file (not read-only, not in memory)."""
        return self.access is Access.WRITE

    def _connect(self) -> sqlite3.Connection:
        if self.access is Access.WRITE:
            try:
                con = sqlite3.connect(self.path, timeout=BUSY_WAIT, isolation_level=None)
                self._init_schema(con)
                return con
            except sqlite3.Error as exc:
                self.access = Access.READ if self.path.is_file() else Access.NONE
                self._warn(f"local index {self.path} cannot be written ({exc}); read only")
        if self.access is Access.READ:
            immutable = not os.access(self.path.parent, os.W_OK)
            try:
                con = sqlite3.connect(
                    read_only_uri(self.path, immutable), uri=True, isolation_level=None
                )
                version = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if version and version[0] == SCHEMA_VERSION:
                    self._warn(f"local index {self.path} is read-only: read, never written")
                    return con
                con.close()
                why = "was made by an older citelink"
            except sqlite3.Error as exc:
                why = f"cannot be read ({exc})"
            self._warn(f"local index {self.path} {why} and is read-only; using one in memory")
            self.access = Access.NONE
        elif self.access is Access.NONE and not self.path.is_file():
            self._warn(
                f"local index {self.path} cannot be created (unwritable location); "
                "using one in memory for this run"
            )
        con = sqlite3.connect(":memory:", isolation_level=None)
        self._init_schema(con)
        return con

    def _init_schema(self, con: sqlite3.Connection) -> None:
        con.executescript("BEGIN IMMEDIATE;" + SCHEMA)
        try:
            mark_file(con, INDEX_ID)
            row = con.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if not row or row[0] != SCHEMA_VERSION:
                if con.execute("SELECT count(*) FROM records").fetchone()[0]:
                    self._warn(
                        f"local index {self.path} was made by an older citelink; emptied it "
                        "(the bundled snapshot is loaded again; add your own files again)"
                    )
                    for table in ("records", "fts", "updates", "terms", "meta"):
                        con.execute(f"DELETE FROM {table}")
                con.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> LocalIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def count(self) -> int:
        row = self.con.execute("SELECT count(*) FROM records").fetchone()
        return int(row[0])

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._writing():
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @contextmanager
    def _writing(self, keep: bool = False) -> Iterator[None]:
        """One write transaction, taken before anything is read for it (``IMMEDIATE``), so
        what it decides from is what it writes over. ``keep``: the caller needs the
        records kept in the file (``index add``), not only in this run's memory."""
        if self.access is Access.READ or (keep and self.access is not Access.WRITE):
            why = "is read-only" if self.access is Access.READ else "cannot be written there"
            raise UsageError(f"{self.path}: the local index {why}; nothing was added")
        try:
            self.con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise UsageError(f"{self.path}: cannot write the local index ({exc})") from None
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self._count = None

    def add(self, records: Iterable[Any], batch: int = 5000) -> int:
        """Add or replace records (by DOI) in one transaction; returns how many."""
        with self._writing(keep=True):
            return self._add(records, batch)

    def _add(self, records: Iterable[Any], batch: int) -> int:
        """``records``: Crossref records, or (source, record) pairs of any source."""
        added = 0
        df: Counter[str] = Counter()
        cur = self.con.cursor()
        for item in records:
            kind, record = item if isinstance(item, tuple) else ("crossref", item)
            work = to_work(kind, record)
            if work is None:
                continue
            key = record_key(kind, work)
            row = cur.execute("SELECT id FROM records WHERE doi = ?", (key,)).fetchone()
            text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            if row:
                rid = row[0]
                cur.execute("UPDATE records SET json = ? WHERE id = ?", (text, rid))
                cur.execute("DELETE FROM fts WHERE rowid = ?", (rid,))
            else:
                cur.execute("INSERT INTO records (doi, json) VALUES (?, ?)", (key, text))
                rid = cur.lastrowid
            if row is None:  # a new record: its title words count once more
                df.update(set(_fts_terms(work.title or "", 64)))
            authors = " ".join(a.family for a in work.authors)
            journal = " ".join(filter(None, (work.journal, work.journal_short)))
            cur.execute(
                "INSERT INTO fts (rowid, title, authors, journal) VALUES (?, ?, ?, ?)",
                (rid, work.title or "", authors, journal),
            )
            cur.executemany(
                "INSERT OR IGNORE INTO updates VALUES (?, ?)",
                [(u.doi, work.doi) for u in work.update_to],
            )
            cur.executemany(
                "INSERT OR IGNORE INTO ids VALUES (?, ?, ?, ?)",
                [(kind, name, value, key) for name, value in work.ids().items()],
            )
            added += 1
            if added % batch == 0:
                self._flush_terms(df)
        self._flush_terms(df)
        return added

    def _flush_terms(self, df: Counter[str]) -> None:
        self.con.executemany(
            "INSERT INTO terms VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            df.items(),
        )
        df.clear()

    def record(self, doi: str) -> Mapping[str, Any] | None:
        row = self.con.execute(
            "SELECT json FROM records WHERE doi = ?", (normalize_doi(doi),)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def search(self, ref: Reference, rows: int, kind: str = "crossref") -> list[Mapping[str, Any]]:
        """Records ranked by BM25 over title words, first author and journal, from the
        cheapest query that finds anything: the first author's records sharing a rare
        title word (a short posting list, fast on a million records); then records holding
        the three rarest title words; then any of the four rarest (misspelled authors,
        damaged titles)."""
        terms = self._rarest(_fts_terms(ref.title or ref.raw, 16), QUERY_TERMS)
        if not terms:
            return []

        def any_of(words: list[str]) -> str:
            return "title:(" + " OR ".join(f'"{t}"' for t in words) + ")"

        queries = [
            "title:(" + " AND ".join(f'"{t}"' for t in terms[:2]) + ")",
            any_of(terms[:3]),
        ]
        if ref.authors and (family := " ".join(_fts_terms(ref.authors[0].family, 2))):
            queries.insert(0, f'authors:"{family}" AND {any_of(terms[:4])}')
        for query in queries:
            result = self.con.execute(
                "SELECT records.json FROM fts JOIN records ON records.id = fts.rowid "
                "WHERE fts MATCH ? AND records.doi LIKE ? "
                "ORDER BY bm25(fts, 4.0, 1.0, 1.0) LIMIT ?",
                (query, "10.%" if kind == "crossref" else f"{kind}:%", rows),
            ).fetchall()
            if result:
                return [json.loads(r[0]) for r in result]
        return []

    def _rarest(self, terms: list[str], keep: int) -> list[str]:
        """The ``keep`` terms in the fewest records; terms the index lacks are dropped
        (they cannot match), and so are terms in more than a twentieth of the records
        when rarer ones remain (they only cost time)."""
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        counts = dict(
            self.con.execute(f"SELECT term, df FROM terms WHERE term IN ({marks})", terms)
        )
        present = sorted((t for t in terms if t in counts), key=lambda t: counts[t])
        if not present:
            return terms[:keep]
        common = max(50, self.count_cached() // 20)
        rare = [t for t in present if counts[t] <= common]
        return (rare or present)[:keep]

    def count_cached(self) -> int:
        if self._count is None:
            self._count = self.count()
        return self._count

    def notices(self, doi: str) -> list[Mapping[str, Any]]:
        result = self.con.execute(
            "SELECT records.json FROM updates JOIN records ON records.doi = updates.notice "
            "WHERE updates.target = ?",
            (normalize_doi(doi),),
        ).fetchall()
        return [json.loads(r[0]) for r in result]

    def by_id(self, kind: str, id_type: str, value: str) -> list[Mapping[str, Any]]:
        """``kind``'s records carrying an identifier (``doi``, ``pmid``, ...)."""
        try:
            result = self.con.execute(
                "SELECT records.json FROM ids JOIN records ON records.doi = ids.key "
                "WHERE ids.kind = ? AND ids.type = ? AND ids.value = ?",
                (kind, id_type, value),
            ).fetchall()
        except sqlite3.OperationalError:  # a read-only index from before ``ids``
            return []
        return [json.loads(r[0]) for r in result]

    def add_watch(self, rows: Iterable[retraction.WatchRow]) -> int:
        """Add or replace Retraction Watch rows (by record id); returns how many."""
        added = 0
        with self._writing():
            for row in rows:
                self.con.execute(
                    "INSERT OR REPLACE INTO watch VALUES (?, ?, ?, ?)",
                    (
                        row.record,
                        row.original_doi or None,
                        row.original_pmid or None,
                        json.dumps(vars(row), ensure_ascii=False),
                    ),
                )
                added += 1
        return added

    def watch_notices(self, doi: str | None, pmid: str | None) -> list[Notice]:
        """The Retraction Watch notices on the work with this DOI or PMID."""
        try:
            result = self.con.execute(
                "SELECT json FROM watch WHERE doi = ? OR pmid = ? ORDER BY record",
                (normalize_doi(doi) if doi else None, pmid),
            ).fetchall()
        except sqlite3.OperationalError:
            return []
        return [retraction.notice(retraction.WatchRow(**json.loads(r[0]))) for r in result]

    def ensure_file(self, path: Path) -> int:
        """Load ``path`` once: again only when its content changes. Returns records added
        (0 when another process loaded it first, or when the index is read-only)."""
        key = f"file:{path.resolve()}"
        digest = file_digest(path)
        if self.meta(key) == digest:
            return 0
        if self.access is Access.READ:
            self._warn(f"local index {self.path} is read-only and does not hold {path.name}")
            return 0
        with self._writing():
            if self.meta(key) == digest:  # another process loaded it while this one waited
                return 0
            added = self._add(load_items(path), 5000)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, digest))
        return added


class IndexSource:
    """One source's records in the local index as a ``Source`` (``name`` is that source).
    A record it holds is a definitive answer; one it lacks is not (the index is partial)."""

    def __init__(self, index: LocalIndex, kind: str = "crossref") -> None:
        self.index = index
        self.name = kind

    def _works(self, records: Iterable[Mapping[str, Any]]) -> tuple[Work, ...]:
        return tuple(w for w in (to_work(self.name, r) for r in records) if w)

    def work(self, doi: str) -> Answer:
        if self.name == "crossref":
            record = self.index.record(doi)
            works = self._works([record] if record else [])
        else:
            works = self._works(self.index.by_id(self.name, "doi", normalize_doi(doi)))
        if not works:
            return Answer(State.OK, Origin.INDEX, reason=f"DOI {doi} is not in the local index")
        return Answer(State.OK, Origin.INDEX, works[:1])

    def pmid(self, pmid: str) -> Answer:
        works = self._works(self.index.by_id(self.name, "pmid", pmid))
        return Answer(State.OK, Origin.INDEX, works[:1])

    def search(self, ref: Reference, rows: int) -> Answer:
        return Answer(State.OK, Origin.INDEX, self._works(self.index.search(ref, rows, self.name)))

    def updates(self, doi: str) -> Answer:
        if self.name != "crossref":
            return Answer(State.OK, Origin.INDEX)
        works = tuple(w for w in map(work_from_json, self.index.notices(doi)) if w)
        return Answer(State.OK, Origin.INDEX, works)
