"""The API's response models (pydantic): what each endpoint returns, as published in /api/openapi.json.

The nested objects follow `rasid.document/1` (`docs/schema.md`); they allow extra keys so that a field added
to the document schema reaches clients before the models list it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Span(_Open):
    start: int | None = None
    end: int | None = None
    text: str | None = None


class ActorMention(Span):
    """An actor (code, country, sector, English name, Wikidata id) and where the text mentions it."""

    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    id: str | None = None
    inferred: bool | None = None


class Location(Span):
    country: str | None = None


class Reporter(Span):
    code: str | None = None


class Event(_Open):
    """An event as in `rasid.document/1`."""

    cameo: str
    name: str | None = None
    root: str
    quad_class: int
    goldstein: float | None = None
    plover: str | None = None
    plover_mode: str | None = None
    source: ActorMention | None = None
    target: ActorMention | None = None
    sentence: int
    trigger: Span
    evidence: Span
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    negated: bool = False
    reported_by: Reporter | None = None
    confidence: float
    rule: str


class StoredEvent(Event):
    """A stored event: its stable id, its document and the day it is counted on, then the event."""

    event_id: str
    document_id: str
    day: str | None = None


class EventPage(BaseModel):
    """One page of events in date order; pass `next` as `cursor` for the following page (null: the last)."""

    events: list[StoredEvent]
    next: str | None = None


class Sentence(_Open):
    start: int
    end: int
    text: str
    kind: str


class Entity(_Open):
    start: int
    end: int
    text: str
    label: str
    score: float
    actor: dict[str, Any] | None = None


class Quote(_Open):
    start: int
    end: int
    text: str
    kind: str
    speaker: ActorMention | None = None


class Document(_Open):
    """A whole `rasid.document/1` document: text, metadata and every layer."""

    schema_: str = Field(alias="schema")
    id: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    url: str | None = None
    text: str
    warnings: list[str] = []
    sentences: list[Sentence] = []
    tokens: list[dict[str, Any]] = []
    entities: list[Entity] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    summary: list[Any] = []

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Health(BaseModel):
    status: str
    version: str
    schema_version: int
    documents: int
    events: int
    ingest: bool


class Actor(BaseModel):
    """A stored actor, with the Arabic forms the texts use for it (commonest first) and its mentions."""

    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    wikidata: str | None = None
    arabic: list[str] = []
    mentions: int


class Counts(BaseModel):
    """Event count, count per QuadClass, mean Goldstein."""

    events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein: float | None = None


class Dyad(Counts):
    source: str
    target: str


class Period(Counts):
    """Events in one period (a month by default): count, per QuadClass, mean Goldstein."""

    period: str


class Timeline(BaseModel):
    dyad: str
    both: bool
    by: str
    periods: list[Period]


class Hit(BaseModel):
    """A sentence that matches a search, with the matching spans (relative to it) and its events."""

    document_id: str
    title: str | None = None
    date: str | None = None
    sentence: int
    start: int
    end: int
    text: str
    highlights: list[tuple[int, int]]
    events: list[Event]


class Ingested(BaseModel):
    """The result of POST /api/documents: whether the document was new, and what it added."""

    id: str
    added: bool
    events: int


class Error(BaseModel):
    detail: str
