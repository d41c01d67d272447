"""The event store: one SQLite file, its versioned schema and forward migrations, and the `Store` class.

Every write goes through `Store.write`, one transaction per batch of whole documents (WAL mode), so a
process killed at any moment leaves a database that opens and holds only complete documents. The library
never prints: every SQLite failure is translated here, once, into a one-line `StoreError`.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasid.errors import RasidError

APPLICATION_ID = 0x52534944  # "RSID" in the SQLite header: marks a file as a Rasid store
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 60.0


class StoreError(RasidError):
    """A store that cannot be opened, read or written (not a database, newer schema, disk full, locked...)."""

    exit_code = 7


class QueryError(StoreError):
    """A search or filter the store cannot run (bad FTS query, bad code): a usage error."""

    exit_code = 2


@dataclass(frozen=True)
class Migration:
    """One forward step of the schema: a name (recorded in `migrations`) and its SQL statements."""

    name: str
    statements: tuple[str, ...]


_V1 = (
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)""",
    """CREATE TABLE documents (
        doc INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        id TEXT NOT NULL,
        title TEXT, date TEXT, source TEXT, url TEXT,
        text TEXT NOT NULL,
        warnings TEXT NOT NULL,
        summary TEXT NOT NULL,
        n_sentences INTEGER NOT NULL, n_tokens INTEGER NOT NULL, n_entities INTEGER NOT NULL,
        n_events INTEGER NOT NULL, n_quotes INTEGER NOT NULL,
        rasid_version TEXT NOT NULL,
        ingested_at TEXT NOT NULL)""",
    "CREATE INDEX documents_id ON documents(id)",
    "CREATE INDEX documents_date ON documents(date)",
    """CREATE TABLE sentences (
        sentence INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(doc),
        idx INTEGER NOT NULL,
        span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,
        kind TEXT NOT NULL,
        UNIQUE (doc, idx))""",
    "CREATE VIRTUAL TABLE sentence_fts USING fts5(terms, content='', tokenize='unicode61')",
    """CREATE TABLE actors (
        actor INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        code TEXT NOT NULL, country TEXT, sector TEXT, name TEXT, wikidata TEXT)""",
    "CREATE INDEX actors_code ON actors(code)",
    """CREATE TABLE entities (
        entity INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(doc),
        span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,
        label TEXT NOT NULL, score REAL NOT NULL,
        actor INTEGER REFERENCES actors(actor), actor_code TEXT, inferred INTEGER)""",
    "CREATE INDEX entities_doc ON entities(doc)",
    "CREATE INDEX entities_actor_code ON entities(actor_code)",
    """CREATE TABLE events (
        event INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL UNIQUE,
        doc INTEGER NOT NULL REFERENCES documents(doc),
        sentence INTEGER NOT NULL,
        lead INTEGER NOT NULL,
        cameo TEXT NOT NULL, name TEXT, root TEXT NOT NULL, quad_class INTEGER NOT NULL, goldstein REAL,
        plover TEXT, plover_mode TEXT,
        source_actor INTEGER REFERENCES actors(actor), source_code TEXT, source_inferred INTEGER,
        source_start INTEGER, source_end INTEGER, source_text TEXT,
        target_actor INTEGER REFERENCES actors(actor), target_code TEXT, target_inferred INTEGER,
        target_start INTEGER, target_end INTEGER, target_text TEXT,
        trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL, trigger_text TEXT NOT NULL,
        evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, evidence_text TEXT NOT NULL,
        date TEXT, date_precision TEXT, day TEXT,
        location_start INTEGER, location_end INTEGER, location_text TEXT, location_country TEXT,
        negated INTEGER NOT NULL,
        reporter_start INTEGER, reporter_end INTEGER, reporter_text TEXT, reporter_code TEXT,
        confidence REAL NOT NULL, rule TEXT NOT NULL)""",
    "CREATE INDEX events_doc ON events(doc, sentence)",
    "CREATE INDEX events_dyad ON events(source_code, target_code, day, quad_class, goldstein)",
    "CREATE INDEX events_target ON events(target_code, source_code, day)",
    "CREATE INDEX events_cameo ON events(cameo, day)",
    "CREATE INDEX events_root ON events(root, day)",
    "CREATE INDEX events_quad ON events(quad_class, day)",
    "CREATE INDEX events_day ON events(day)",
    """CREATE TABLE quotes (
        quote INTEGER PRIMARY KEY,
        doc INTEGER NOT NULL REFERENCES documents(doc),
        span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL, kind TEXT NOT NULL,
        speaker_actor INTEGER REFERENCES actors(actor), speaker_code TEXT, speaker_inferred INTEGER,
        speaker_start INTEGER, speaker_end INTEGER, speaker_text TEXT)""",
    "CREATE INDEX quotes_doc ON quotes(doc)",
    "CREATE INDEX quotes_speaker ON quotes(speaker_code)",
)

# The schema, step by step; never edit a released step, append a new one. The version is their count.
MIGRATIONS: tuple[Migration, ...] = (Migration("0001_initial", _V1),)


def schema_version() -> int:
    """The schema version this code writes: the number of migrations."""
    return len(MIGRATIONS)


@contextmanager
def sqlite_errors(path: Path | str, doing: str) -> Iterator[None]:
    """Translate sqlite3 errors raised inside the block into one-line StoreErrors."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(describe(exc, path, doing)) from None


def describe(exc: sqlite3.Error, path: Path | str, doing: str) -> str:
    """A one-line explanation of a SQLite failure, with what to do about it."""
    msg = str(exc)
    low = msg.lower()
    if "disk is full" in low or "disk i/o error" in low:
        return (f"{path}: no space left (or write error) while {doing}; the unfinished batch was rolled back, "
                "the database holds only whole documents: free some space and run the command again")
    if "readonly" in low or "read-only" in low:
        return f"{path}: cannot write here (read-only file or directory) while {doing}"
    if "unable to open" in low:
        return f"{path}: cannot open the database file (missing directory or no permission) while {doing}"
    if "locked" in low or "busy" in low:
        return (f"{path}: the database stayed locked by another process for {BUSY_TIMEOUT_S:g} s while {doing}; "
                "try again when the other ingest has finished")
    if "not a database" in low or "malformed" in low or "encrypted" in low:
        return f"{path}: not a Rasid store, or a damaged one ({msg})"
    return f"{path}: database error while {doing}: {msg}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store:
    """A Rasid event store: open it with `Store.open(path)` (created if missing) or `Store.open(path, write=False)`.

    It is a context manager; `write` adds whole documents in one transaction, the `rasid.store.query` and
    `rasid.store.export` functions read it.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, writable: bool,
                 busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.conn, self.path, self.writable, self.busy_timeout = conn, path, writable, busy_timeout
        conn.row_factory = sqlite3.Row
        self._actors: dict[str, int] = {}

    # ----- opening -----

    @classmethod
    def open(cls, path: str | Path, *, write: bool = True, busy_timeout: float = BUSY_TIMEOUT_S) -> Store:
        """Open (with `write`, create) the store at `path`, checking it is a Rasid store of a known version.

        Raises:
            StoreError: not a database, another program's database, a newer schema, an unwritable location.
        """
        path = Path(path)
        _check_file(path, write)
        if write:
            with sqlite_errors(path, "opening"):
                conn = sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
        else:
            conn = _connect_read_only(path, busy_timeout)
        store = cls(conn, path, write, busy_timeout)
        try:
            store._prepare()
        except BaseException:
            conn.close()
            raise
        return store

    def _prepare(self) -> None:
        def check() -> int:
            version = self._checked_version()
            if self.writable:
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
            return version

        # Two processes opening a new store at once can deadlock on the switch to WAL, and SQLite then answers
        # "locked" at once instead of waiting: _patiently waits.
        version = self._patiently("opening", check)
        if version < schema_version():
            if not self.writable:
                raise StoreError(f"{self.path}: schema version {version} needs migrating to {schema_version()}; "
                                 "run an ingest on it (or open it where it can be written)")
            self.migrate()

    def _checked_version(self) -> int:
        conn = self.conn
        conn.execute("BEGIN")  # one snapshot: another process may be creating the schema right now
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
        if app_id != APPLICATION_ID:
            if app_id == 0 and not tables:
                if not self.writable:
                    raise StoreError(f"{self.path}: an empty database, not a Rasid store (fill it with rasid ingest)")
                return 0
            shown = ", ".join(tables[:5]) + (" ..." if len(tables) > 5 else "")
            raise StoreError(f"{self.path}: a database of another program (application id {app_id:#x}, "
                             f"tables: {shown or 'none'}), not a Rasid store; Rasid leaves it alone")
        if version > schema_version():
            raise StoreError(f"{self.path}: schema version {version} is newer than this Rasid knows "
                             f"({schema_version()}); upgrade Rasid to use this store")
        return version

    def migrate(self, migrations: Sequence[Migration] | None = None) -> list[str]:
        """Apply the migrations the file has not had yet, each in its own transaction; return their names."""
        steps = MIGRATIONS if migrations is None else tuple(migrations)
        from rasid import __version__

        applied = []
        with sqlite_errors(self.path, "migrating the schema"):
            for number, step in enumerate(steps, start=1):
                with self.transaction():
                    if self.conn.execute("PRAGMA user_version").fetchone()[0] >= number:
                        continue  # another process got there first
                    if number == 1:
                        self.conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL, "
                                          "rasid_version TEXT NOT NULL)")
                        self.conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    for statement in step.statements:
                        self.conn.execute(statement)
                    self.conn.execute("INSERT INTO migrations VALUES (?, ?, ?)", (step.name, _now(), __version__))
                    self.conn.execute(f"PRAGMA user_version={number}")
                    if number == 1:
                        self.conn.execute("INSERT INTO meta VALUES ('created_at', ?), ('created_by', ?)",
                                          (_now(), f"rasid {__version__}"))
                applied.append(step.name)
        return applied

    # ----- transactions and writes -----

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception (the writer lock is taken up front)."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException:
            self._actors.clear()  # ids handed out inside the rolled-back transaction are gone
            if self.conn.in_transaction:
                with suppress(sqlite3.Error):  # SQLite may have rolled back already (disk full, I/O error)
                    self.conn.execute("ROLLBACK")
            raise

    def has(self, key: str) -> bool:
        """Whether a document with this identity is stored."""
        return self._patiently("reading", lambda: self.conn.execute(
            "SELECT 1 FROM documents WHERE key = ?", (key,)).fetchone() is not None)

    def write(self, batch: Sequence[Any]) -> tuple[int, int, int]:
        """Store a batch of `rasid.store.rows.DocRows` in one transaction; return (documents added, documents
        already stored, events added).

        A document whose identity is already stored is skipped whole (another ingest may have added it).
        """
        return self._patiently("writing a batch", lambda: self._write(batch))

    def _patiently(self, doing: str, fn: Any) -> Any:
        """Run fn, again while another process holds the database for up to `busy_timeout` seconds in all.

        SQLite's own wait covers most cases; this one covers those where it answers "locked" at once (another
        process opening or closing the store at that moment). A failed write transaction is rolled back whole,
        so trying it again is safe.
        """
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                return fn()
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise StoreError(describe(exc, self.path, doing)) from None
                time.sleep(0.05)
            except sqlite3.Error as exc:
                raise StoreError(describe(exc, self.path, doing)) from None

    def _write(self, batch: Sequence[Any]) -> tuple[int, int, int]:
        added = existing = events = 0
        with self.transaction() as conn:
            for rows in batch:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO documents (key, id, title, date, source, url, text, warnings, summary, "
                    "n_sentences, n_tokens, n_entities, n_events, n_quotes, rasid_version, ingested_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*rows.document, _now()))
                if cur.rowcount == 0:
                    existing += 1
                    continue
                self._insert_children(conn, cur.lastrowid, rows)
                added += 1
                events += len(rows.events)
        return added, existing, events

    def _insert_children(self, conn: sqlite3.Connection, doc: int, rows: Any) -> None:
        conn.executemany("INSERT INTO sentences (doc, idx, span_start, span_end, kind) VALUES (?, ?, ?, ?, ?)",
                         [(doc, *s[:4]) for s in rows.sentences])
        conn.executemany("INSERT INTO sentence_fts (rowid, terms) SELECT sentence, ? FROM sentences "
                         "WHERE doc = ? AND idx = ?", [(s[4], doc, s[0]) for s in rows.sentences if s[4]])
        actor = self._actor_id
        conn.executemany("INSERT INTO entities (doc, span_start, span_end, text, label, score, actor, actor_code, "
                         "inferred) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [(doc, *e[:5], actor(e[5]), *e[6:]) for e in rows.entities])
        conn.executemany(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                         f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})",
                         [_event_values(doc, e, actor) for e in rows.events])
        conn.executemany("INSERT INTO quotes (doc, span_start, span_end, text, kind, speaker_actor, speaker_code, "
                         "speaker_inferred, speaker_start, speaker_end, speaker_text) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         [(doc, *q[:4], actor(q[4]), *q[5:]) for q in rows.quotes])

    def _actor_id(self, actor: tuple | None) -> int | None:
        """The row of an actor (key, code, country, sector, name, wikidata), added when new."""
        if actor is None:
            return None
        key = actor[0]
        found = self._actors.get(key)
        if found is None:
            self.conn.execute("INSERT OR IGNORE INTO actors (key, code, country, sector, name, wikidata) "
                              "VALUES (?, ?, ?, ?, ?, ?)", actor)
            found = self.conn.execute("SELECT actor FROM actors WHERE key = ?", (key,)).fetchone()[0]
            self._actors[key] = found
        return found

    # ----- reading -----

    def execute(self, sql: str, params: Sequence[Any] = (), doing: str = "reading") -> sqlite3.Cursor:
        """Run one SQL statement, translating SQLite failures into StoreError."""
        with sqlite_errors(self.path, doing):
            return self.conn.execute(sql, params)

    def counts(self) -> dict[str, int]:
        """Rows per table: documents, sentences, entities, actors, events, quotes."""
        tables = ("documents", "sentences", "entities", "actors", "events", "quotes")
        return {t: self.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def version(self) -> int:
        """The schema version of the file."""
        return self.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Close the connection (the last writer's close checkpoints the WAL into the file)."""
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


EVENT_COLUMNS = (
    "event_id", "doc", "sentence", "lead", "cameo", "name", "root", "quad_class", "goldstein", "plover",
    "plover_mode", "source_actor", "source_code", "source_inferred", "source_start", "source_end", "source_text",
    "target_actor", "target_code", "target_inferred", "target_start", "target_end", "target_text",
    "trigger_start", "trigger_end", "trigger_text", "evidence_start", "evidence_end", "evidence_text",
    "date", "date_precision", "day", "location_start", "location_end", "location_text", "location_country",
    "negated", "reporter_start", "reporter_end", "reporter_text", "reporter_code", "confidence", "rule",
)


def _event_values(doc: int, event: tuple, actor: Any) -> tuple:
    # event rows hold the source and target actor tuples at positions 10 and 16 (see rows.event_row)
    return (event[0], doc, *event[1:10], actor(event[10]), *event[11:16], actor(event[16]), *event[17:])


def _check_file(path: Path, write: bool) -> None:
    """Refuse, before SQLite touches it, a path that is not a store or cannot be written when it must be."""
    if path.is_dir():
        raise StoreError(f"{path}: is a directory; give a database file (e.g. {path / 'rasid.db'})")
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror}") from None
        if head and head != SQLITE_HEADER:
            raise StoreError(f"{path}: not a SQLite database, so not a Rasid store")
        if not head and not write:
            raise StoreError(f"{path}: an empty file, not a Rasid store (fill it with rasid ingest)")
    elif not write:
        raise StoreError(f"{path}: no such database (create one with: rasid ingest ARTICLES --db {path})")
    elif not path.parent.exists():
        raise StoreError(f"{path}: cannot create the database: directory {path.parent} does not exist")
    if write and not (os.access(path.parent, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))):
        raise StoreError(f"{path}: read-only location (the file or its directory cannot be written); "
                         "give --db a writable place")


def _connect_read_only(path: Path, busy_timeout: float) -> sqlite3.Connection:
    """A connection for reading. Where the store can be written it is an ordinary one (the last connection to
    close then folds the WAL back into the file and removes it); elsewhere a read-only one, or an immutable
    one in a read-only directory where SQLite cannot make the WAL index."""
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        with sqlite_errors(path, "opening"):
            return sqlite3.connect(path, timeout=busy_timeout, isolation_level=None)
    uri = path.resolve().as_uri()
    with sqlite_errors(path, "opening"):
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=busy_timeout, isolation_level=None)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError as exc:
            conn.close()
            if "unable to open" not in str(exc) and "readonly" not in str(exc):
                raise
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=busy_timeout, isolation_level=None)
