"""The HTTP API over a Rasid store: `create_app(db_path)` builds the FastAPI application.

Reads open the store read-only, one connection per thread (SQLite connections cannot be shared between
threads); the one writer (`POST /api/documents`, only with `allow_ingest`) takes a lock. Every error is a JSON
object `{"detail": "one line"}`: 400 for a bad filter or query, 404 for a missing document, 413 for a body over
the size limit, 503 when the store cannot be read.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import json
import re
import sqlite3
import threading
from collections.abc import Callable
from datetime import date as Date
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import Field

from rasid.api import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S, models
from rasid.errors import InputError, RasidError
from rasid.store.db import QueryError, Store, StoreError, describe

MAX_PAGE = 1000
STATIC = Path(__file__).parent / "static"
_ARABIC = re.compile("[\u0600-\u06ff]")
_LIKE_ESCAPE = str.maketrans({"\\": "\\\\", "%": "\\%", "_": "\\_"})


class PayloadTooLarge(RasidError):
    """A request body over the size limit."""


def create_app(db_path: str | Path, allow_ingest: bool = False, token: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = DEFAULT_TIMEOUT_S) -> FastAPI:
    """The API over the store at `db_path`.

    Args:
        allow_ingest: serve `POST /api/documents` (it then needs `token`).
        token: the bearer token writers must send; required with `allow_ingest`.
        max_bytes: the largest request body accepted (413 beyond).
        timeout: seconds an analysis may take (504 beyond).
    Raises:
        StoreError: the store cannot be opened (checked once, at start).
        ValueError: `allow_ingest` without a token.
    """
    db_path = Path(db_path)
    if allow_ingest and not token:
        raise ValueError("ingest needs a token (--token or $RASID_TOKEN)")
    with Store.open(db_path, write=False):  # fail at start, not on the first request
        pass
    state = _State(db_path, token)

    app = FastAPI(title="Rasid", summary="Arabic news as CAMEO event data: events, documents, actors and stats.",
                  openapi_url="/api/openapi.json", docs_url="/api/docs", redoc_url=None,
                  responses={400: {"model": models.Error}, 503: {"model": models.Error}})
    app.state.rasid = state
    _errors(app)

    filt = Depends(_filters)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        """The dashboard (static files under /static)."""
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/health", response_model=models.Health)
    def health() -> dict[str, Any]:
        """Whether the store can be read, and what it holds."""
        store = state.store()
        from rasid import __version__

        counts = store.execute("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)").fetchone()
        return {"status": "ok", "version": __version__, "schema_version": store.version(),
                "documents": counts[0], "events": counts[1], "ingest": allow_ingest}

    @app.post("/api/analyze", response_model=models.Document, response_model_by_alias=True,
              responses={413: {"model": models.Error}, 504: {"model": models.Error}},
              openapi_extra={"requestBody": {"required": True, "content": {
                  "text/plain": {"schema": {"type": "string"}},
                  "application/json": {"schema": _ARTICLE_SCHEMA}}}})
    async def analyze(request: Request) -> dict[str, Any]:
        """Analyse an article (text/plain, or JSON `{text, date, title}`) and return the document JSON.

        Nothing is stored. A text without Arabic is analysed anyway, with a warning in `warnings`.
        """
        fields = _article(await _body(request, max_bytes), request.headers.get("content-type", ""))
        doc = await _in_time(state.analyse, fields, timeout)
        return doc.to_dict()

    @app.get("/api/events", response_model=models.EventPage)
    def events(filters: Any = filt, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
               cursor: Annotated[str | None, Query(description="`next` of the previous page")] = None,
               ) -> dict[str, Any]:
        """Events that match the filters of `rasid query`, in date order, a page at a time."""
        store = state.store()
        from rasid.store.rows import EVENT_SELECT, event_dict

        where, params = filters.where()
        if cursor:
            day, event = _decode_cursor(cursor)
            where += " AND (coalesce(e.day, ''), e.event) > (?, ?)"
            params += [day, event]
        rows = _rows(store, EVENT_SELECT + f" WHERE {where} ORDER BY e.day, e.event LIMIT ?", [*params, limit + 1])
        more = len(rows) > limit
        rows = rows[:limit]
        out = [{"event_id": r["event_id"], "document_id": r["document_id"], "day": r["day"], **event_dict(r)}
               for r in rows]
        last = rows[-1] if rows and more else None
        return {"events": out, "next": _encode_cursor(last["day"] or "", last["event"]) if last else None}

    @app.get("/api/documents/{doc_id}", response_model=models.Document, response_model_by_alias=True,
             responses={404: {"model": models.Error}})
    def document(doc_id: str) -> dict[str, Any]:
        """A stored document with every layer (tokens recomputed), by its `id`."""
        store = state.store()
        from rasid.store.rows import load_document

        row = store.execute("SELECT doc FROM documents WHERE id = ? ORDER BY doc LIMIT 1", (doc_id,)).fetchone()
        if row is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return load_document(store.conn, row[0]).to_dict()

    @app.get("/api/actors", response_model=list[models.Actor])
    def actors(q: Annotated[str, Query(min_length=1, max_length=200, description="start of an English name, "
                                                                                   "a code, or an Arabic form")],
               limit: Annotated[int, Query(ge=1, le=100)] = 20) -> list[dict[str, Any]]:
        """Stored actors whose English name (any word of it), code or Arabic mention starts with `q`."""
        store = state.store()
        return _actors(store, q.strip(), limit)

    @app.get("/api/stats/dyads", response_model=list[models.Dyad])
    def dyads(filters: Any = filt, limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> list[dict[str, Any]]:
        """The most frequent dyads (source, target) among matching events, with QuadClass counts and Goldstein."""
        store = state.store()
        from rasid.store.query import top

        return top(store, filters, "dyads", limit)

    @app.get("/api/stats/timeline", response_model=models.Timeline)
    def timeline(dyad: Annotated[str, Query(description="SOURCE-TARGET, e.g. RUS-PRK")],
                 both: Annotated[bool, Query(description="count both directions")] = False,
                 by: Annotated[str, Query(pattern="^(day|week|month|year)$")] = "month") -> dict[str, Any]:
        """Events of a dyad per period: counts per QuadClass and mean Goldstein."""
        store = state.store()
        from rasid.store.query import Filters, by_period

        filters = Filters.make(dyads=[dyad], both=both)
        pair = "-".join(filters.dyads[0])
        return {"dyad": pair, "both": both, "by": by, "periods": by_period(store, filters, by)}

    @app.get("/api/search", response_model=list[models.Hit])
    def search(q: Annotated[str, Query(min_length=1, max_length=1000)],
               limit: Annotated[int, Query(ge=1, le=200)] = 20,
               since: Annotated[Date | None, Query()] = None, until: Annotated[Date | None, Query()] = None,
               ) -> list[dict[str, Any]]:
        """Sentences matching a full-text query (as `rasid search`), best first, with their events."""
        store = state.store()
        from rasid.store.search import search as run_search

        hits = run_search(store, q, limit=limit, since=since and since.isoformat(),
                          until=until and until.isoformat())
        return [h.to_dict() for h in hits]

    if allow_ingest:
        @app.post("/api/documents", response_model=models.Ingested, status_code=201,
                  responses={200: {"model": models.Ingested, "description": "already stored"},
                             401: {"model": models.Error}, 403: {"model": models.Error},
                             413: {"model": models.Error}},
                  openapi_extra={"requestBody": {"required": True, "content": {
                      "application/json": {"schema": _ARTICLE_SCHEMA}}}})
        async def ingest(request: Request, authorization: Annotated[str | None, Header()] = None) -> Any:
            """Analyse and store one article (JSON `{id, text, date, title, source, url}`), with a bearer token.

            201 when stored, 200 when a document with that identity was stored already.
            """
            state.check_token(authorization)
            fields = _article(await _body(request, max_bytes), "application/json")
            result = await _in_time(state.ingest, fields, timeout)
            return JSONResponse(result, status_code=201 if result["added"] else 200)

    return app


_ARTICLE_SCHEMA = {"type": "object", "required": ["text"], "properties": {
    "text": {"type": "string"}, "date": {"type": "string", "format": "date"}, "title": {"type": "string"},
    "id": {"type": "string"}, "source": {"type": "string"}, "url": {"type": "string"}}}


class _State:
    """What the requests share: the store's path, one read connection per thread, the writer's lock."""

    def __init__(self, db_path: Path, token: str | None) -> None:
        self.db_path, self.token = db_path, token
        self.local = threading.local()
        self.write_lock = threading.Lock()
        self.analysis_lock = threading.Lock()  # the pipeline's caches are not known to be thread-safe

    def store(self) -> Store:
        """The calling thread's read-only store. Call it in the endpoint itself: FastAPI runs a sync dependency
        and the endpoint in different threads."""
        store = getattr(self.local, "store", None)
        if store is None:
            store = Store.open(self.db_path, write=False)
            store.conn.execute("PRAGMA query_only = ON")  # this connection never writes, whatever the file allows
            self.local.store = store
        return store

    def check_token(self, authorization: str | None) -> None:
        if not authorization:
            raise HTTPException(401, "this endpoint needs 'Authorization: Bearer <token>'",
                                headers={"WWW-Authenticate": "Bearer"})
        scheme, _, given = authorization.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), (self.token or "").encode()):
            raise HTTPException(403, "wrong token")

    def analyse(self, fields: dict[str, Any]) -> Any:
        from rasid import analyze
        from rasid.document import Document

        doc = Document(id=fields.get("id") or "doc", text=fields["text"], date=fields.get("date"),
                       title=fields.get("title"), source=fields.get("source"), url=fields.get("url"))
        if not _ARABIC.search(doc.text):
            doc.warnings.append("no Arabic text found; analysed anyway")
        with self.analysis_lock:
            return analyze(doc)

    def ingest(self, fields: dict[str, Any]) -> dict[str, Any]:
        from rasid.store.rows import doc_rows, id_key, text_key

        key = id_key(fields["id"]) if fields.get("id") else text_key(fields["text"])
        doc = self.analyse(fields)
        if not fields.get("id"):
            doc.id = key.split(":", 1)[1][:16]
        rows = doc_rows(doc, key)
        with self.write_lock, Store.open(self.db_path) as store:
            added, _, events = store.write([rows])
        return {"id": doc.id, "added": bool(added), "events": events}


def _errors(app: FastAPI) -> None:
    """Every error as `{"detail": "one line"}`."""

    def one_line(status: int):
        async def handler(_request: Request, exc: Exception) -> JSONResponse:
            return JSONResponse({"detail": str(exc)}, status_code=status)

        return handler

    # QueryError is a StoreError; the most specific handler wins.
    for error, status in ((QueryError, 400), (PayloadTooLarge, 413), (InputError, 400), (StoreError, 503)):
        app.add_exception_handler(error, one_line(status))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        parts = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path", "header"))
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return JSONResponse({"detail": "; ".join(parts) or "invalid request"}, status_code=422)


def _filters(actor: Annotated[list[str], Query(description="actor code as source or target (RUS matches RUSGOV)")] = [],  # noqa: B006
             source: Annotated[list[str], Query()] = [],  # noqa: B006
             target: Annotated[list[str], Query()] = [],  # noqa: B006
             dyad: Annotated[list[str], Query(description="SOURCE-TARGET, e.g. RUS-PRK")] = [],  # noqa: B006
             both: Annotated[bool, Query(description="a dyad in either direction")] = False,
             cameo: Annotated[list[str], Query(description="CAMEO code (04 matches 042)")] = [],  # noqa: B006
             root: Annotated[list[str], Query(description="CAMEO root, 01-20")] = [],  # noqa: B006
             quad: Annotated[list[Annotated[int, Field(ge=1, le=4)]], Query(description="QuadClass 1-4")] = [],  # noqa: B006
             since: Annotated[Date | None, Query(description="first day, inclusive")] = None,
             until: Annotated[Date | None, Query(description="last day, inclusive")] = None,
             text: Annotated[str | None, Query(description="words the event's sentence must contain")] = None,
             negated: Annotated[bool | None, Query(description="only (true) or no (false) negated events")] = None,
             ) -> Any:
    """The filters of `rasid query`, from query parameters (repeat one to accept any of several values)."""
    from rasid.store.query import Filters

    return Filters.make(actors=actor, sources=source, targets=target, dyads=dyad, both=both, cameo=cameo,
                        roots=root, quads=tuple(quad), since=since and since.isoformat(),
                        until=until and until.isoformat(), text=text or None, negated=negated)


def _rows(store: Store, sql: str, params: list[Any]) -> list[Any]:
    try:
        return store.conn.execute(sql, params).fetchall()
    except sqlite3.Error as exc:
        if "fts5" in str(exc):
            raise QueryError(f"bad text query: {exc}") from None
        raise StoreError(describe(exc, store.path, "querying")) from None


def _encode_cursor(day: str, event: int) -> str:
    return base64.urlsafe_b64encode(json.dumps([day, event]).encode()).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[str, int]:
    try:
        day, event = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(day, str) and isinstance(event, int):
            return day, event
    except (binascii.Error, ValueError, TypeError):
        pass
    raise QueryError("bad cursor: pass the `next` value of the previous page unchanged")


def _actors(store: Store, q: str, limit: int) -> list[dict[str, Any]]:
    prefix = q.translate(_LIKE_ESCAPE) + "%"
    arabic = bool(_ARABIC.search(q))
    if arabic:  # the mention as written, or after the article / a one-letter clitic (وبوتين, والرئيس)
        match = ("SELECT DISTINCT actor FROM entities WHERE actor IS NOT NULL AND (text LIKE ?1 ESCAPE '\\' "
                 "OR text LIKE 'و' || ?1 ESCAPE '\\' OR text LIKE 'ال' || ?1 ESCAPE '\\')")
    else:
        match = ("SELECT actor FROM actors WHERE name LIKE ?1 ESCAPE '\\' OR name LIKE '% ' || ?1 ESCAPE '\\' "
                 "OR code LIKE ?1 ESCAPE '\\'")
    sql = ("SELECT a.actor, a.code, a.country, a.sector, a.name, a.wikidata, "
           "(SELECT count(*) FROM entities en WHERE en.actor_code = a.code AND en.actor = a.actor) AS mentions "
           f"FROM actors a WHERE a.actor IN ({match}) ORDER BY mentions DESC, a.name, a.code LIMIT ?2")
    rows = _rows(store, sql, [prefix, limit])
    out = []
    for r in rows:
        forms = store.execute("SELECT text, count(*) AS n FROM entities WHERE actor_code = ? AND actor = ? "
                              "GROUP BY text ORDER BY n DESC, text LIMIT 5", (r["code"], r["actor"])).fetchall()
        out.append({"code": r["code"], "country": r["country"], "sector": r["sector"], "name": r["name"],
                    "wikidata": r["wikidata"], "arabic": [f["text"] for f in forms], "mentions": r["mentions"]})
    return out


async def _body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused (413) once it passes `max_bytes`, whatever Content-Length claims."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise PayloadTooLarge(f"the body is {int(declared)} bytes, over the limit of {max_bytes}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise PayloadTooLarge(f"the body is over the limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _article(body: bytes, content_type: str) -> dict[str, Any]:
    """The article fields of a body: JSON `{text, date, title, ...}`, or the whole body as text."""
    try:
        raw = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"the body is not UTF-8 (byte {exc.start}); send UTF-8 text") from None
    if "json" in content_type.lower():
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise InputError(f"the body is not valid JSON: {exc}") from None
        if not isinstance(data, dict) or not isinstance(data.get("text"), str):
            raise InputError('a JSON body is an object with a "text" string: {"text": "...", "date": "YYYY-MM-DD"}')
        for key in ("id", "date", "title", "source", "url"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise InputError(f'"{key}" must be a string')
        fields = {k: data.get(k) for k in ("text", "id", "date", "title", "source", "url")}
    else:
        fields = {"text": raw}
    if not fields["text"].strip():
        raise InputError("the text is empty")
    if fields.get("date"):
        from rasid.readers import check_date

        fields["date"] = check_date(fields["date"])
    return fields


async def _in_time(fn: Callable[[dict[str, Any]], Any], fields: dict[str, Any], timeout: float) -> Any:
    """Run fn in a thread, answering 504 after `timeout` seconds (the thread finishes in the background)."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(fn, fields), timeout)
    except TimeoutError:
        raise HTTPException(504, f"the analysis took over {timeout:g} s") from None

