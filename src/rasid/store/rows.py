"""Between documents and table rows: `doc_rows` flattens an analysed Document (in a worker process), and
`load_document` / `event_dict` rebuild the `rasid.document/1` JSON from the rows.

Every layer of the document is stored in a table except the tokens, which are recomputed from the text on
export (the tokenizer is deterministic); a round-trip test checks `load_document(doc_rows(d)) == d`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from typing import Any, NamedTuple

from rasid.document import Document, Entity, Event, Quote, Sentence
from rasid.store.search import sentence_terms

_SEP = "\x1f"


class DocRows(NamedTuple):
    """One document ready for `Store.write`: plain tuples, cheap to send between processes."""

    key: str
    document: tuple  # documents columns from key to rasid_version
    sentences: list[tuple]  # (idx, start, end, kind, fts terms)
    entities: list[tuple]  # (start, end, text, label, score, actor, actor_code, inferred)
    events: list[tuple]  # see event_row
    quotes: list[tuple]  # (start, end, text, kind, speaker actor, code, inferred, start, end, text)


def text_key(text: str) -> str:
    """The identity of a document without an id: a hash of its normalised, whitespace-collapsed text."""
    from rasid.text.normalize import normalize

    folded = " ".join(normalize(text).split())
    return "text:" + hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


def id_key(doc_id: str) -> str:
    """The identity of a document that came with an id."""
    return "id:" + doc_id


def doc_rows(doc: Document, key: str) -> DocRows:
    """Flatten an analysed document into the rows of every table."""
    from rasid import __version__

    tokens = list(doc.tokens)
    terms = sentence_terms(doc.sentences, tokens)
    sentences = [(i, s.start, s.end, s.kind, terms[i]) for i, s in enumerate(doc.sentences)]
    entities = [(e.start, e.end, e.text, e.label, round(e.score, 3), actor_row(e.actor),
                 (e.actor or {}).get("code"), _flag((e.actor or {}).get("inferred"))) for e in doc.entities]
    events = document_events(doc, key)
    quotes = [(q.start, q.end, q.text, q.kind, *_side(q.speaker)) for q in doc.quotes]
    document = (key, doc.id, doc.title, doc.date, doc.source, doc.url, doc.text,
                json.dumps(list(doc.warnings), ensure_ascii=False),
                json.dumps([_plain(x) for x in doc.summary], ensure_ascii=False),
                len(doc.sentences), len(tokens), len(entities), len(events), len(quotes), __version__)
    return DocRows(key, document, sentences, entities, events, quotes)


def document_events(doc: Document, key: str) -> list[tuple]:
    """The events rows of a document (stable ids from its key), in `db.EVENT_COLUMNS` order without `doc`."""
    lead_end = _lead_end(doc)
    rows, seen = [], set()
    for event in doc.events:
        event_id = _event_id(key, event)
        n = 1
        while event_id in seen:  # the same trigger coded twice alike: keep both, with distinct ids
            n += 1
            event_id = _event_id(key, event, n)
        seen.add(event_id)
        in_lead = event.sentence < len(doc.sentences) and doc.sentences[event.sentence].start < lead_end
        rows.append(event_row(event_id, event, in_lead, doc.date))
    return rows


def event_row(event_id: str, e: Event, lead: bool, doc_date: str | None) -> tuple:
    """The events row (without the document) in `db.EVENT_COLUMNS` order."""
    loc, rep = e.location or {}, e.reported_by or {}
    return (
        event_id, e.sentence, int(lead), e.cameo, e.name, e.root, e.quad_class, e.goldstein, e.plover, e.plover_mode,
        *_side(e.source), *_side(e.target),
        e.trigger["start"], e.trigger["end"], e.trigger["text"],
        e.evidence["start"], e.evidence["end"], e.evidence["text"],
        e.date, e.date_precision, effective_day(e.date, doc_date),
        loc.get("start"), loc.get("end"), loc.get("text"), loc.get("country"),
        int(e.negated), rep.get("start"), rep.get("end"), rep.get("text"), rep.get("code"),
        round(e.confidence, 2), e.rule,
    )


def effective_day(date: str | None, doc_date: str | None) -> str | None:
    """The day an event is counted on: its date, a month or year padded to its first day, else the article's."""
    if date and len(date) == 10:
        return date
    if date and len(date) == 7:  # YYYY-MM
        return date + "-01"
    if date and len(date) == 4:  # YYYY
        return date + "-01-01"
    return doc_date


def actor_row(actor: dict[str, Any] | None) -> tuple | None:
    """An actors row (key, code, country, sector, name, wikidata), or None for no coded actor."""
    if not actor or not actor.get("code"):
        return None
    values = (actor["code"], actor.get("country"), actor.get("sector"), actor.get("name"), actor.get("id"))
    return (_SEP.join("" if v is None else str(v) for v in values), *values)


def _side(side: dict[str, Any] | None) -> tuple:
    """(actor row, code, inferred, start, end, text) of an event side or a speaker."""
    if side is None:
        return (None,) * 6
    return (actor_row(side), side.get("code"), _flag(side.get("inferred")), side.get("start"), side.get("end"),
            side.get("text"))


def _event_id(key: str, e: Event, n: int = 1) -> str:
    target = (e.target or {}).get("code") or ""
    raw = _SEP.join((key, str(e.sentence), str(e.trigger["start"]), e.cameo, e.source.get("code") or "", target))
    if n > 1:
        raw += f"{_SEP}{n}"
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


def _lead_end(doc: Document) -> int:
    """Where the lead ends: the end of the paragraph of the first body sentence (GDELT's IsRootEvent)."""
    for s in doc.sentences:
        if s.kind == "body":
            end = doc.text.find("\n", s.start)
            return len(doc.text) if end < 0 else end
    return len(doc.text)


def _flag(value: Any) -> int | None:
    return None if value is None else int(bool(value))


def _plain(value: Any) -> Any:
    return value.to_dict() if hasattr(value, "to_dict") else value


# ----- rows back to JSON -----

EVENT_SELECT = """
SELECT e.*, d.id AS document_id, d.date AS document_date, d.source AS outlet, d.url AS url,
       d.ingested_at AS ingested_at,
       sa.country AS source_country, sa.sector AS source_sector, sa.name AS source_name, sa.wikidata AS source_wikidata,
       ta.country AS target_country, ta.sector AS target_sector, ta.name AS target_name, ta.wikidata AS target_wikidata
FROM events e
JOIN documents d ON d.doc = e.doc
LEFT JOIN actors sa ON sa.actor = e.source_actor
LEFT JOIN actors ta ON ta.actor = e.target_actor
"""


def event_dict(row: sqlite3.Row) -> dict[str, Any]:
    """An events row (from EVENT_SELECT) as the event's JSON form (`Event.to_dict`)."""
    return {
        "cameo": row["cameo"], "name": row["name"], "root": row["root"], "quad_class": row["quad_class"],
        "goldstein": row["goldstein"], "plover": row["plover"], "plover_mode": row["plover_mode"],
        "source": _side_dict(row, "source"), "target": _side_dict(row, "target"), "sentence": row["sentence"],
        "trigger": _span(row, "trigger"), "evidence": _span(row, "evidence"),
        "date": row["date"], "date_precision": row["date_precision"],
        "location": None if row["location_start"] is None else {
            **_span(row, "location"), "country": row["location_country"]},
        "negated": bool(row["negated"]),
        "reported_by": None if row["reporter_start"] is None else {**_span(row, "reporter"),
                                                                   "code": row["reporter_code"]},
        "confidence": row["confidence"], "rule": row["rule"],
    }


def _side_dict(row: sqlite3.Row, side: str) -> dict[str, Any] | None:
    if row[f"{side}_start"] is None and row[f"{side}_code"] is None:
        return None
    out: dict[str, Any] = {}
    if row[f"{side}_code"] is not None:
        out = {"code": row[f"{side}_code"], "country": row[f"{side}_country"], "sector": row[f"{side}_sector"],
               "name": row[f"{side}_name"], "id": row[f"{side}_wikidata"],
               "inferred": _bool(row[f"{side}_inferred"])}
    return {**out, **_span(row, side)}


def _span(row: sqlite3.Row, prefix: str) -> dict[str, Any]:
    return {"start": row[f"{prefix}_start"], "end": row[f"{prefix}_end"], "text": row[f"{prefix}_text"]}


def _bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def load_document(conn: sqlite3.Connection, doc: int, tokenizer: Any = None) -> Document:
    """Rebuild a stored document (`documents.doc` = doc) with every layer; tokens are recomputed.

    `conn` must return sqlite3.Row rows (a Store's connection does).
    """
    from rasid.text.tokenize import Tokenizer

    d = conn.execute("SELECT * FROM documents WHERE doc = ?", (doc,)).fetchone()
    out = Document(id=d["id"], text=d["text"], date=d["date"], title=d["title"], source=d["source"], url=d["url"],
                   warnings=json.loads(d["warnings"]))
    out.sentences = [Sentence(r["span_start"], r["span_end"], d["text"][r["span_start"]:r["span_end"]], r["kind"])
                     for r in conn.execute("SELECT * FROM sentences WHERE doc = ? ORDER BY idx", (doc,))]
    out.tokens = (tokenizer or Tokenizer())(d["text"])
    out.entities = [
        Entity(r["span_start"], r["span_end"], r["text"], r["label"], r["score"],
               None if r["actor_code"] is None else {"code": r["actor_code"], "country": r["country"],
                                                     "sector": r["sector"], "name": r["name"], "id": r["wikidata"],
                                                     "inferred": _bool(r["inferred"])})
        for r in conn.execute("SELECT e.*, a.country, a.sector, a.name, a.wikidata FROM entities e "
                              "LEFT JOIN actors a ON a.actor = e.actor WHERE e.doc = ? ORDER BY e.entity", (doc,))]
    out.events = [Event(**event_dict(r))
                  for r in conn.execute(EVENT_SELECT + " WHERE e.doc = ? ORDER BY e.event", (doc,))]
    out.quotes = [
        Quote(r["span_start"], r["span_end"], r["text"], r["kind"], _speaker(r))
        for r in conn.execute("SELECT q.*, a.country, a.sector, a.name, a.wikidata FROM quotes q "
                              "LEFT JOIN actors a ON a.actor = q.speaker_actor WHERE q.doc = ? ORDER BY q.quote",
                              (doc,))]
    out.summary = json.loads(d["summary"])
    return out


def _speaker(r: sqlite3.Row) -> dict[str, Any] | None:
    if r["speaker_start"] is None and r["speaker_code"] is None:
        return None
    out: dict[str, Any] = {}
    if r["speaker_code"] is not None:
        out = {"code": r["speaker_code"], "country": r["country"], "sector": r["sector"], "name": r["name"],
               "id": r["wikidata"], "inferred": _bool(r["speaker_inferred"])}
    return {**out, "start": r["speaker_start"], "end": r["speaker_end"], "text": r["speaker_text"]}
