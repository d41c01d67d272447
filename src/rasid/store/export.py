"""Export: a GDELT-2.0-like event table (CSV, JSON Lines, Parquet) and the full document JSON.

The event table keeps GDELT 2.0's column names where the meaning is the same, so tools written for GDELT
read it; the columns GDELT has no equivalent for (the Arabic evidence, PLOVER, negation, confidence...)
follow. `docs/store.md` documents every column and its GDELT field.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from rasid.document import Document
from rasid.store.db import EVENT_COLUMNS, QueryError, Store, StoreError
from rasid.store.query import Filters, event_rows
from rasid.store.rows import document_events, load_document

FORMATS = ("csv", "jsonl", "parquet")
PARQUET_BATCH = 5000


@dataclass(frozen=True)
class Column:
    """One column of the event table: name, Arrow type, how to compute it from a row, and its GDELT field."""

    name: str
    type: str  # "string", "int32", "int64", "float64", "bool"
    get: Callable[[Any], Any]
    gdelt: str  # the GDELT 2.0 field it corresponds to, or "" for none


def _int_day(row: Any, width: int) -> int | None:
    day = row["day"]
    return int(day[:width].replace("-", "")) if day else None


def _fraction(row: Any) -> float | None:
    day = row["day"]
    if not day:
        return None
    year, month, dom = int(day[:4]), int(day[5:7]), int(day[8:10])
    return round(year + (month * 30 + dom) / 365, 4)  # GDELT's formula


def _added(row: Any) -> int | None:
    stamp = row["ingested_at"]
    return int("".join(ch for ch in stamp[:19] if ch.isdigit())) if stamp else None


def _actor_columns(n: int, side: str) -> list[Column]:
    return [
        Column(f"Actor{n}Code", "string", lambda r: r[f"{side}_code"], f"Actor{n}Code"),
        Column(f"Actor{n}Name", "string", lambda r: r[f"{side}_name"], f"Actor{n}Name"),
        Column(f"Actor{n}CountryCode", "string", lambda r: r[f"{side}_country"], f"Actor{n}CountryCode"),
        Column(f"Actor{n}Type1Code", "string", lambda r: r[f"{side}_sector"], f"Actor{n}Type1Code"),
        Column(f"Actor{n}WikidataID", "string", lambda r: r[f"{side}_wikidata"], ""),
        Column(f"Actor{n}Text", "string", lambda r: r[f"{side}_text"], ""),
        Column(f"Actor{n}Inferred", "bool", lambda r: _bool(r[f"{side}_inferred"]), ""),
    ]


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


EVENT_TABLE: tuple[Column, ...] = (
    Column("GlobalEventID", "string", lambda r: r["event_id"], "GlobalEventID"),
    Column("Day", "int32", lambda r: _int_day(r, 10), "Day"),
    Column("MonthYear", "int32", lambda r: _int_day(r, 7), "MonthYear"),
    Column("Year", "int32", lambda r: _int_day(r, 4), "Year"),
    Column("FractionDate", "float64", _fraction, "FractionDate"),
    Column("DatePrecision", "string", lambda r: r["date_precision"], ""),
    *_actor_columns(1, "source"),
    *_actor_columns(2, "target"),
    Column("IsRootEvent", "int32", lambda r: r["lead"], "IsRootEvent"),
    Column("EventCode", "string", lambda r: r["cameo"], "EventCode"),
    Column("EventBaseCode", "string", lambda r: r["cameo"][:3], "EventBaseCode"),
    Column("EventRootCode", "string", lambda r: r["root"], "EventRootCode"),
    Column("EventName", "string", lambda r: r["name"], ""),
    Column("QuadClass", "int32", lambda r: r["quad_class"], "QuadClass"),
    Column("GoldsteinScale", "float64", lambda r: r["goldstein"], "GoldsteinScale"),
    Column("NumMentions", "int32", lambda r: 1, "NumMentions"),
    Column("NumSources", "int32", lambda r: 1, "NumSources"),
    Column("NumArticles", "int32", lambda r: 1, "NumArticles"),
    Column("ActionGeo_FullName", "string", lambda r: r["location_text"], "ActionGeo_FullName"),
    Column("ActionGeo_CountryCode", "string", lambda r: r["location_country"], "ActionGeo_CountryCode"),
    Column("PloverEvent", "string", lambda r: r["plover"], ""),
    Column("PloverMode", "string", lambda r: r["plover_mode"], ""),
    Column("Negated", "bool", lambda r: bool(r["negated"]), ""),
    Column("ReportedByCode", "string", lambda r: r["reporter_code"], ""),
    Column("Confidence", "float64", lambda r: r["confidence"], ""),
    Column("Rule", "string", lambda r: r["rule"], ""),
    Column("TriggerText", "string", lambda r: r["trigger_text"], ""),
    Column("EvidenceText", "string", lambda r: r["evidence_text"], ""),
    Column("EvidenceStart", "int32", lambda r: r["evidence_start"], ""),
    Column("EvidenceEnd", "int32", lambda r: r["evidence_end"], ""),
    Column("SentenceIndex", "int32", lambda r: r["sentence"], ""),
    Column("DocumentID", "string", lambda r: r["document_id"], ""),
    Column("DocumentDate", "string", lambda r: r["document_date"], ""),
    Column("SourceName", "string", lambda r: r["outlet"], ""),
    Column("DATEADDED", "int64", _added, "DATEADDED"),
    Column("SOURCEURL", "string", lambda r: r["url"], "SOURCEURL"),
)

DOCUMENT_TABLE: tuple[Column, ...] = (
    Column("DocumentID", "string", lambda d: d.id, ""),
    Column("Date", "string", lambda d: d.date, ""),
    Column("Title", "string", lambda d: d.title, ""),
    Column("SourceName", "string", lambda d: d.source, ""),
    Column("SOURCEURL", "string", lambda d: d.url, ""),
    Column("Events", "int32", lambda d: len(d.events), ""),
    Column("Text", "string", lambda d: d.text, ""),
    Column("Document", "string", lambda d: d.to_json(tokens=False), ""),  # tokens are recomputed from the text
)


def _party_columns(prefix: str, get: Callable[[Any], dict[str, Any] | None]) -> list[Column]:
    """The coded actor of an entity or a quote's speaker (null columns when none)."""
    def field(key: str) -> Callable[[Any], Any]:
        return lambda r: (get(r) or {}).get(key)

    return [
        Column(f"{prefix}Code", "string", field("code"), ""),
        Column(f"{prefix}Name", "string", field("name"), ""),
        Column(f"{prefix}CountryCode", "string", field("country"), ""),
        Column(f"{prefix}Type1Code", "string", field("sector"), ""),
        Column(f"{prefix}WikidataID", "string", field("id"), ""),
        Column(f"{prefix}Inferred", "bool", lambda r: _bool((get(r) or {}).get("inferred")), ""),
    ]


# rows of the entity and quote tables are (document, entity) and (document, quote) pairs
_SPAN: tuple[Column, ...] = (
    Column("DocumentID", "string", lambda r: r[0].id, ""),
    Column("Start", "int32", lambda r: r[1].start, ""),
    Column("End", "int32", lambda r: r[1].end, ""),
    Column("Text", "string", lambda r: r[1].text, ""),
)

ENTITY_TABLE: tuple[Column, ...] = (
    *_SPAN,
    Column("Label", "string", lambda r: r[1].label, ""),
    Column("Score", "float64", lambda r: round(r[1].score, 3), ""),
    *_party_columns("Actor", lambda r: r[1].actor),
)

QUOTE_TABLE: tuple[Column, ...] = (
    *_SPAN,
    Column("Kind", "string", lambda r: r[1].kind, ""),
    *_party_columns("Speaker", lambda r: r[1].speaker),
    Column("SpeakerText", "string", lambda r: (r[1].speaker or {}).get("text"), ""),
    Column("SpeakerStart", "int32", lambda r: (r[1].speaker or {}).get("start"), ""),
    Column("SpeakerEnd", "int32", lambda r: (r[1].speaker or {}).get("end"), ""),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENT_TABLE, "entities": ENTITY_TABLE, "events": EVENT_TABLE, "quotes": QUOTE_TABLE}


def document_tables(doc: Document, key: str, added: str) -> dict[str, list[dict[str, Any]]]:
    """The rows an analysed document adds to each table of `TABLES`, computed without a store.

    `key` is the document's store identity (its event ids derive from it) and `added` the time stamp of
    `DATEADDED`; the rows equal those `rasid export` writes once the document is stored.
    """
    names = [c for c in EVENT_COLUMNS if c != "doc"]
    events = []
    for values in document_events(doc, key):
        row = dict(zip(names, values, strict=True))
        for side in ("source", "target"):
            actor = row[f"{side}_actor"]  # (key, code, country, sector, name, wikidata), as the actors table
            for i, column in enumerate(("country", "sector", "name", "wikidata"), start=2):
                row[f"{side}_{column}"] = actor[i] if actor else None
        row.update(document_id=doc.id, document_date=doc.date, outlet=doc.source, url=doc.url, ingested_at=added)
        events.append(row)
    return {
        "documents": [_table_row(DOCUMENT_TABLE, doc)],
        "entities": [_table_row(ENTITY_TABLE, (doc, e)) for e in doc.entities],
        "events": [_table_row(EVENT_TABLE, r) for r in events],
        "quotes": [_table_row(QUOTE_TABLE, (doc, q)) for q in doc.quotes],
    }


def _table_row(columns: Iterable[Column], row: Any) -> dict[str, Any]:
    return {c.name: c.get(row) for c in columns}


def event_table(store: Store, filters: Filters, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The matching events as rows of the GDELT-like table (column name → value)."""
    for row in event_rows(store, filters, limit):
        yield {c.name: c.get(row) for c in EVENT_TABLE}


def documents(store: Store, filters: Filters) -> Iterator[Any]:
    """The stored documents (all layers) that hold a matching event; every document when nothing is filtered."""
    from rasid.text.tokenize import Tokenizer

    where, params = filters.where()
    if where == "1":
        sql, params = "SELECT doc FROM documents ORDER BY doc", []
    else:
        sql = f"SELECT DISTINCT e.doc FROM events e WHERE {where} ORDER BY e.doc"
    tokenizer = Tokenizer()
    for (doc,) in store.execute(sql, params).fetchall():
        yield load_document(store.conn, doc, tokenizer)


def export(store: Store, out: str, fmt: str, filters: Filters, *, table: str = "events",
           limit: int | None = None) -> int:
    """Write the event table (or the documents, with `table="documents"`) to `out` ("-": stdout) as csv,
    jsonl or parquet; return the number of rows. A file is written whole or not at all.

    Raises:
        QueryError: an unknown format, or parquet to stdout.
        StoreError: the output cannot be written.
    """
    if fmt not in FORMATS:
        raise QueryError(f"--format is one of {', '.join(FORMATS)}, not {fmt!r}")
    if fmt == "parquet" and out == "-":
        raise QueryError("Parquet cannot go to stdout: give a file name")
    if table not in TABLES:
        raise QueryError(f"--table is one of {', '.join(TABLES)}, not {table!r}")
    columns = TABLES[table]
    if table == "events":
        rows = event_table(store, filters, limit)
    elif table == "documents" and fmt == "jsonl":  # the documents themselves, one rasid.document/1 object a line
        with _output(out, binary=False) as fh:
            n = 0
            for doc in documents(store, filters):
                fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
                n += 1
            return n
    elif table == "documents":
        rows = (_table_row(columns, d) for d in documents(store, filters))
    else:  # entities or quotes of the documents
        rows = (_table_row(columns, (d, item)) for d in documents(store, filters) for item in getattr(d, table))
    with _output(out, binary=fmt == "parquet") as fh:
        return _WRITERS[fmt](fh, columns, rows)


def _write_csv(fh: IO[str], columns: Iterable[Column], rows: Iterable[dict[str, Any]]) -> int:
    names = [c.name for c in columns]
    writer = csv.writer(fh)
    writer.writerow(names)
    n = 0
    for row in rows:
        writer.writerow(["" if row[k] is None else row[k] for k in names])
        n += 1
    return n


def _write_jsonl(fh: IO[str], columns: Iterable[Column], rows: Iterable[dict[str, Any]]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def arrow_schema(columns: Iterable[Column]) -> Any:
    """The pyarrow schema of a table."""
    import pyarrow as pa

    types = {"string": pa.string(), "int32": pa.int32(), "int64": pa.int64(), "float64": pa.float64(),
             "bool": pa.bool_()}
    return pa.schema([(c.name, types[c.type]) for c in columns])


def _write_parquet(fh: IO[bytes], columns: Iterable[Column], rows: Iterable[dict[str, Any]]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("Parquet export needs pyarrow (pip install pyarrow)") from None
    columns = list(columns)
    schema = arrow_schema(columns)
    n = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or not n:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


_WRITERS: dict[str, Callable[..., int]] = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}


@contextmanager
def _output(out: str, binary: bool) -> Iterator[Any]:
    """stdout, or a temporary file renamed to `out` once complete (removed on failure)."""
    if out == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        sys.stdout.flush()
        return
    path = Path(out)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as fh:
            yield fh
        os.replace(tmp, path)
    except OSError as exc:
        raise StoreError(f"{out}: cannot write the export: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
