"""Queries over stored events: filters, event listings, aggregation per period and top lists, store summary.

Actor codes and CAMEO codes are hierarchical, so a filter matches a code and every code that extends it:
`RUS` matches RUS, RUSGOV and RUSMIL; `04` matches 04, 042 and 0421. Filters of one kind are alternatives
(either code), filters of different kinds must all hold.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from rasid.store.db import QueryError, Store, StoreError, describe
from rasid.store.rows import EVENT_SELECT, event_dict

_ACTOR_CODE = re.compile(r"[A-Z0-9]{3}(?:[A-Z0-9]{3})*")
_CAMEO_CODE = re.compile(r"\d{2,4}")
PERIODS = {
    "day": "e.day",
    "week": "date(e.day, '-6 days', 'weekday 1')",  # the Monday the week starts on
    "month": "substr(e.day, 1, 7)",
    "year": "substr(e.day, 1, 4)",
}
TOPS = ("actors", "dyads", "codes", "roots")


@dataclass(frozen=True)
class Filters:
    """What events to keep. Codes are checked and upper-cased by `Filters.make`."""

    actors: tuple[str, ...] = ()  # as source or target
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    dyads: tuple[tuple[str, str], ...] = ()  # (source, target)
    both: bool = False  # a dyad in either direction
    cameo: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()
    since: str | None = None
    until: str | None = None
    text: str | None = None  # an FTS query the event's sentence must match
    negated: bool | None = None  # None: all; True: only negated; False: no negated events

    @classmethod
    def make(cls, *, actors: Sequence[str] = (), sources: Sequence[str] = (), targets: Sequence[str] = (),
             dyads: Sequence[str] = (), cameo: Sequence[str] = (), roots: Sequence[str] = (), **rest: Any) -> Filters:
        """Filters from command-line values; raises QueryError for a malformed code or dyad."""
        pairs = []
        for dyad in dyads:
            parts = dyad.upper().split("-")
            if len(parts) != 2:
                raise QueryError(f"a dyad is SOURCE-TARGET (e.g. RUS-PRK), not {dyad!r}")
            pairs.append((_actor(parts[0]), _actor(parts[1])))
        return cls(actors=tuple(_actor(a) for a in actors), sources=tuple(_actor(a) for a in sources),
                   targets=tuple(_actor(a) for a in targets), dyads=tuple(pairs),
                   cameo=tuple(_cameo(c) for c in cameo), roots=tuple(_cameo(r.zfill(2), root=True) for r in roots),
                   **rest)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition on `events e` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []

        def any_of(parts: list[tuple[str, list[Any]]]) -> None:
            if parts:
                clauses.append("(" + " OR ".join(p for p, _ in parts) + ")")
                for _, values in parts:
                    params.extend(values)

        any_of([_or(_prefix("e.source_code", a), _prefix("e.target_code", a)) for a in self.actors])
        any_of([_prefix("e.source_code", a) for a in self.sources])
        any_of([_prefix("e.target_code", a) for a in self.targets])
        dyads = []
        for s, t in self.dyads:
            dyads.append(_and(_prefix("e.source_code", s), _prefix("e.target_code", t)))
            if self.both:
                dyads.append(_and(_prefix("e.source_code", t), _prefix("e.target_code", s)))
        any_of(dyads)
        any_of([_prefix("e.cameo", c) for c in self.cameo])
        any_of([("e.root = ?", [r]) for r in self.roots])
        any_of([("e.quad_class = ?", [q]) for q in self.quads])
        if self.since:
            clauses.append("e.day >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("e.day <= ?")
            params.append(self.until)
        if self.negated is not None:
            clauses.append("e.negated = ?")
            params.append(int(self.negated))
        if self.text:
            from rasid.store.search import parse_query

            clauses.append("(e.doc, e.sentence) IN (SELECT s.doc, s.idx FROM sentences s WHERE s.sentence IN "
                           "(SELECT rowid FROM sentence_fts WHERE sentence_fts MATCH ?))")
            params.append(parse_query(self.text).fts)
        return (" AND ".join(clauses) or "1"), params


def _actor(code: str) -> str:
    code = code.strip().upper()
    if not _ACTOR_CODE.fullmatch(code):
        raise QueryError(f"not an actor code: {code!r} (CAMEO codes are groups of 3 letters: RUS, RUSGOV, IGOUNO)")
    return code


def _cameo(code: str, root: bool = False) -> str:
    code = code.strip()
    if not _CAMEO_CODE.fullmatch(code) or (root and len(code) != 2):
        what = "a CAMEO root is 2 digits (01-20)" if root else "a CAMEO code is 2 to 4 digits (04, 042, 0421)"
        raise QueryError(f"{what}, not {code!r}")
    return code


def _prefix(column: str, code: str) -> tuple[str, list[Any]]:
    """`column` is `code` or extends it, as an index range (codes are ASCII)."""
    return f"({column} >= ? AND {column} < ?)", [code, code[:-1] + chr(ord(code[-1]) + 1)]


def _or(a: tuple[str, list[Any]], b: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
    return f"({a[0]} OR {b[0]})", a[1] + b[1]


def _and(a: tuple[str, list[Any]], b: tuple[str, list[Any]]) -> tuple[str, list[Any]]:
    return f"({a[0]} AND {b[0]})", a[1] + b[1]


def event_rows(store: Store, filters: Filters, limit: int | None = None) -> Iterator[Any]:
    """The joined rows (EVENT_SELECT) of the matching events, in date order."""
    where, params = filters.where()
    sql = EVENT_SELECT + f" WHERE {where} ORDER BY e.day, e.event"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    return _stream(store, sql, params)


def events(store: Store, filters: Filters, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The matching events as JSON objects: `event_id`, `document_id`, `day`, then the event's own fields."""
    for row in event_rows(store, filters, limit):
        yield {"event_id": row["event_id"], "document_id": row["document_id"], "day": row["day"], **event_dict(row)}


def by_period(store: Store, filters: Filters, period: str) -> list[dict[str, Any]]:
    """Per period (day, week, month, year): events, events per QuadClass, and mean Goldstein."""
    if period not in PERIODS:
        raise QueryError(f"a period is one of {', '.join(PERIODS)}, not {period!r}")
    where, params = filters.where()
    sql = (f"SELECT {PERIODS[period]} AS period, count(*) AS events, "
           "sum(e.quad_class = 1) AS q1, sum(e.quad_class = 2) AS q2, sum(e.quad_class = 3) AS q3, "
           "sum(e.quad_class = 4) AS q4, round(avg(e.goldstein), 2) AS goldstein "
           f"FROM events e WHERE {where} AND e.day IS NOT NULL GROUP BY period ORDER BY period")
    return [dict(r) for r in _run(store, sql, params)]


def top(store: Store, filters: Filters, what: str, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent actors (as source or target), dyads, CAMEO codes or roots among matching events."""
    where, params = filters.where()
    if what == "actors":
        sql = (f"SELECT code, count(*) AS events, sum(side = 's') AS as_source, sum(side = 't') AS as_target FROM ("
               f"SELECT e.source_code AS code, 's' AS side FROM events e WHERE {where} AND e.source_code IS NOT NULL "
               f"UNION ALL SELECT e.target_code, 't' FROM events e WHERE {where} AND e.target_code IS NOT NULL) "
               "GROUP BY code ORDER BY events DESC, code LIMIT ?")
        rows = [dict(r) for r in _run(store, sql, [*params, *params, limit])]
        for row in rows:
            row["names"] = _names(store, row["code"])
        return rows
    if what == "dyads":
        sql = ("SELECT e.source_code AS source, e.target_code AS target, count(*) AS events, "
               "sum(e.quad_class = 1) AS q1, sum(e.quad_class = 2) AS q2, sum(e.quad_class = 3) AS q3, "
               "sum(e.quad_class = 4) AS q4, round(avg(e.goldstein), 2) AS goldstein FROM events e "
               f"WHERE {where} AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL "
               "GROUP BY e.source_code, e.target_code ORDER BY events DESC, source, target LIMIT ?")
    elif what == "codes":
        sql = ("SELECT e.cameo AS cameo, min(e.name) AS name, count(*) AS events, round(avg(e.goldstein), 2) "
               f"AS goldstein FROM events e WHERE {where} GROUP BY e.cameo ORDER BY events DESC, cameo LIMIT ?")
    elif what == "roots":
        sql = ("SELECT e.root AS root, count(*) AS events, round(avg(e.goldstein), 2) AS goldstein "
               f"FROM events e WHERE {where} GROUP BY e.root ORDER BY events DESC, root LIMIT ?")
    else:
        raise QueryError(f"--top is one of {', '.join(TOPS)}, not {what!r}")
    return [dict(r) for r in _run(store, sql, [*params, limit])]


def _names(store: Store, code: str, most: int = 3) -> str:
    """The most frequent actor names behind a code (RUSGOV: Vladimir Putin, Sergei Lavrov...)."""
    rows = store.execute("SELECT a.name, count(*) AS n FROM entities en JOIN actors a ON a.actor = en.actor "
                         "WHERE en.actor_code = ? AND a.name IS NOT NULL GROUP BY a.name ORDER BY n DESC, a.name "
                         "LIMIT ?", (code, most)).fetchall()
    return ", ".join(r["name"] for r in rows)


def summary(store: Store) -> dict[str, Any]:
    """What the store holds: rows per table, the date range, schema version and file size."""
    out: dict[str, Any] = {"database": str(store.path), "schema_version": store.version()}
    out.update(store.counts())
    first, last = store.execute("SELECT min(day), max(day) FROM events").fetchone()
    out["first_day"], out["last_day"] = first, last
    meta = dict(store.execute("SELECT key, value FROM meta").fetchall())
    out["created_by"] = meta.get("created_by")
    size = store.execute("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()").fetchone()[0]
    out["bytes"] = size
    return out


def _run(store: Store, sql: str, params: Sequence[Any]) -> list[Any]:
    return list(_stream(store, sql, params))


def _stream(store: Store, sql: str, params: Sequence[Any]) -> Iterator[Any]:
    """The rows of a query, streamed, with SQLite failures translated into StoreError or QueryError."""
    try:
        yield from store.conn.execute(sql, params)
    except sqlite3.Error as exc:
        if "fts5" in str(exc):
            raise QueryError(f"bad --text query: {exc}") from None
        raise StoreError(describe(exc, store.path, "querying")) from None
