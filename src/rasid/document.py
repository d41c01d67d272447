"""The document model: the original text, untouched, and every annotation as a character span into it."""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from rasid.errors import InputError

SCHEMA = "rasid.document/1"
SPAN_KEYS = ("start", "end", "text")
ARTICLE = "ال"  # the definite article, as a proclitic segment


@dataclass(slots=True)
class Segment:
    """One clitic segment of a token: a proclitic, the stem, or an enclitic."""

    start: int
    end: int
    text: str
    norm: str
    role: str  # "proclitic" | "stem" | "enclitic"


class Token:
    """A word, number, punctuation mark, URL or hashtag; `segments` is empty when it is one segment.

    Segments are kept as offsets relative to the token (shared between equal words) and built
    into `Segment` objects only when asked for. `stem` and `key` (see `token_keys`) are worked out
    once, when the token is made (the tokenizer passes them in, computed once per word form).
    """

    __slots__ = ("_rel", "end", "key", "kind", "norm", "start", "stem", "text")

    def __init__(self, start: int, end: int, text: str, norm: str, kind: str,
                 rel: tuple[tuple[int, int, str, str], ...] = (), stem: str | None = None,
                 key: str | None = None) -> None:
        self.start, self.end, self.text, self.norm, self.kind, self._rel = start, end, text, norm, kind, rel
        if stem is None or key is None:
            stem, key = token_keys(norm, kind, rel)
        self.stem: str = stem  # the normalised stem: the token without its clitics
        self.key: str = key  # the stem as dictionaries match it: with the article if it has one

    @property
    def segments(self) -> list[Segment]:
        """The clitic segments (proclitics, stem, enclitics) with absolute offsets; empty if unsplit."""
        s, text = self.start, self.text
        return [Segment(s + a, s + b, text[a:b], n, role) for a, b, n, role in self._rel]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Token:
        """A token from its JSON form."""
        start = data["start"]
        rel = tuple((g["start"] - start, g["end"] - start, g["norm"], g["role"]) for g in data.get("segments", []))
        return cls(start, data["end"], data["text"], data["norm"], data["kind"], rel)

    def to_dict(self) -> dict[str, Any]:
        """The token's JSON form; `segments` only when the token is split."""
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "norm": self.norm,
                               "kind": self.kind}
        if self._rel:
            out["segments"] = [asdict(g) for g in self.segments]
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.start, self.end, self.text, self.norm, self.kind, self._rel) == (
            other.start, other.end, other.text, other.norm, other.kind, other._rel)

    def __repr__(self) -> str:
        split = "+".join(g.text for g in self.segments) if self._rel else self.text
        return f"Token({self.start}, {self.end}, {split!r}, {self.kind})"


def token_keys(norm: str, kind: str, rel: tuple[tuple[int, int, str, str], ...]) -> tuple[str, str]:
    """A token's normalised stem (without its clitics) and its key as dictionaries match it: the stem, with the
    article if it has one, also assimilated after ل (وبالعراق → العراق, للحكومة → الحكومه, لروسيا → روسيا); a
    non-word's key is its normalised form."""
    stem = next((n for _, _, n, role in rel if role == "stem"), norm)
    if kind != "word":
        return stem, norm
    pro = [n for _, _, n, role in rel if role == "proclitic"]
    definite = bool(pro) and (pro[-1] == ARTICLE or pro[-2:] == ["ل", "ل"])
    return stem, (ARTICLE + stem if definite else stem)


# A token relative to its whitespace-delimited chunk: (start, end, text, norm, kind, segments, stem, key).
ChunkToken = tuple[int, int, str, str, str, tuple[tuple[int, int, str, str], ...], str, str]


class TokenList(Sequence[Token]):
    """A document's tokens, stored compactly per whitespace chunk; Token objects are built on first use.

    Like spaCy's Doc, which keeps tokens as C structs and makes Token views on access, this keeps the
    tokenizer cheap when a caller needs only some of the tokens, or none.
    """

    __slots__ = ("_chunks", "_items", "_starts")

    def __init__(self, chunks: list[tuple[int, tuple[ChunkToken, ...]]] | None = None,
                 items: list[Token] | None = None) -> None:
        self._chunks = chunks if items is None else None
        self._items = items
        self._starts: list[int] | None = None

    def _built(self) -> list[Token]:
        if self._items is None:
            self._items = [Token(pos + a, pos + b, text, norm, kind, rel, stem, key)
                           for pos, tokens in self._chunks or ()
                           for a, b, text, norm, kind, rel, stem, key in tokens]
            self._chunks = None
        return self._items

    def starts(self) -> list[int]:
        """The tokens' start offsets, in order (worked out once: the list is immutable)."""
        if self._starts is None:
            self._starts = [t.start for t in self._built()]
        return self._starts

    def __len__(self) -> int:
        if self._items is None:
            return sum(len(tokens) for _, tokens in self._chunks or ())
        return len(self._items)

    def __getitem__(self, index):  # type: ignore[override]
        return self._built()[index]

    def __iter__(self) -> Iterator[Token]:
        return iter(self._built())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (TokenList, list)):
            return self._built() == list(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"TokenList({self._built()!r})"


@dataclass(slots=True)
class Sentence:
    """A sentence, heading or caption line; `kind` "duplicate" marks a line repeated verbatim in a row."""

    start: int
    end: int
    text: str
    kind: str = "body"  # "body" | "heading" | "duplicate"


@dataclass(slots=True)
class Entity:
    """A named entity or actor mention: PER, ORG, LOC, GPE or MISC, with a confidence and, once the
    actor stage has run, its actor; the span leaves out a leading conjunction or preposition."""

    start: int
    end: int
    text: str
    label: str
    score: float = 1.0
    actor: dict[str, Any] | None = None  # {code, country, sector, name, id}, set by the actor resolver

    def to_dict(self) -> dict[str, Any]:
        """The entity's JSON form."""
        return {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                "score": round(self.score, 3), "actor": self.actor}


@dataclass(slots=True)
class Event:
    """A coded event: who did what to whom (CAMEO and PLOVER), when, where, and the text that says so."""

    cameo: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover: str | None
    plover_mode: str | None
    source: dict[str, Any]  # the actor, plus the mention's start, end and text
    target: dict[str, Any] | None  # as source; no mention (start, end, text null) for an implied domestic target
    sentence: int  # index into the document's sentences
    trigger: dict[str, Any]  # {start, end, text}
    evidence: dict[str, Any]  # {start, end, text}
    date: str | None = None
    date_precision: str | None = None
    location: dict[str, Any] | None = None  # {start, end, text, country}
    negated: bool = False
    reported_by: dict[str, Any] | None = None  # {start, end, text, code}
    confidence: float = 0.5
    rule: str = ""  # the dictionary row that fired (file:line)

    def to_dict(self) -> dict[str, Any]:
        """The event's JSON form."""
        out = asdict(self)
        out["confidence"] = round(self.confidence, 2)
        return out


@dataclass(slots=True)
class Quote:
    """A quotation (direct «...» or indirect قال إن ...) and its speaker."""

    start: int
    end: int
    text: str
    kind: str  # "direct" | "indirect"
    speaker: dict[str, Any] | None = None  # the speaker's actor plus its mention's start, end, text

    def to_dict(self) -> dict[str, Any]:
        """The quote's JSON form."""
        return asdict(self)


@dataclass(slots=True)
class Document:
    """An article: its original text and metadata, and the annotations each pipeline stage adds."""

    id: str
    text: str
    date: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: Sequence[Token] = field(default_factory=TokenList)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summary: list[Any] = field(default_factory=list)

    def analysis_sentences(self) -> list[Sentence]:
        """The sentences later stages analyse: every sentence but verbatim duplicates."""
        return [s for s in self.sentences if s.kind != "duplicate"]

    def sentence_tokens(self) -> list[tuple[int, Sentence, list[Token]]]:
        """Each sentence later stages analyse, with its index in `sentences` and its tokens."""
        if isinstance(self.tokens, TokenList):
            tokens, starts = self.tokens, self.tokens.starts()
        else:
            tokens = list(self.tokens)
            starts = [t.start for t in tokens]
        return [(k, s, tokens[bisect_left(starts, s.start):bisect_right(starts, s.end - 1)])
                for k, s in enumerate(self.sentences) if s.kind != "duplicate"]

    def to_dict(self, tokens: bool = True) -> dict[str, Any]:
        """The document as plain JSON-ready data (`rasid.document/1`); `tokens=False` leaves the tokens out."""
        out: dict[str, Any] = {"schema": SCHEMA}
        out.update(
            id=self.id, title=self.title, date=self.date, source=self.source, url=self.url,
            text=self.text, warnings=list(self.warnings),
        )
        out["sentences"] = [asdict(s) for s in self.sentences]
        if tokens:
            out["tokens"] = [t.to_dict() for t in self.tokens]
        for key in ("entities", "events", "quotes", "summary"):
            out[key] = [_plain(x) for x in getattr(self, key)]
        return out

    def to_json(self, indent: int | None = None, tokens: bool = True) -> str:
        """The document serialised as `rasid.document/1` JSON."""
        return json.dumps(self.to_dict(tokens), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from `to_dict` output, checking the schema and every span."""
        if data.get("schema") != SCHEMA:
            raise InputError(f"not a {SCHEMA} document (schema={data.get('schema')!r})")
        text = data["text"]
        doc = cls(
            id=data["id"], text=text, date=data.get("date"), title=data.get("title"),
            source=data.get("source"), url=data.get("url"), warnings=list(data.get("warnings", [])),
        )
        doc.sentences = [Sentence(**s) for s in data.get("sentences", [])]
        doc.tokens = TokenList(items=[Token.from_dict(t) for t in data.get("tokens", [])])
        doc.entities = [Entity(**e) for e in data.get("entities", [])]
        doc.events = [Event(**e) for e in data.get("events", [])]
        doc.quotes = [Quote(**q) for q in data.get("quotes", [])]
        doc.summary = list(data.get("summary", []))
        for span in [*doc.sentences, *doc.tokens, *(g for t in doc.tokens for g in t.segments), *doc.entities,
                     *doc.quotes]:
            check_span(text, span.start, span.end, span.text)
        for item in doc.summary:
            if isinstance(item, dict) and {"start", "end", "text"} <= set(item):
                check_span(text, item["start"], item["end"], item["text"])
        for event in doc.events:
            sides = [side for side in (event.source, event.target) if side and not is_implied(side)]
            for part in (event.trigger, event.evidence, *sides, event.location):
                if part:
                    check_span(text, part.get("start"), part.get("end"), part.get("text"))
        return doc

    @classmethod
    def from_json(cls, raw: str) -> Document:
        """Parse `rasid.document/1` JSON."""
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON: {exc}") from None
        return cls.from_dict(data)


def is_implied(side: dict[str, Any]) -> bool:
    """Whether an event side is an implied actor (a target that is the source's own country, an unnamed attacker):
    inferred, with its span keys present and null."""
    return bool(side.get("inferred")) and all(k in side and side[k] is None for k in SPAN_KEYS)


def token_span(starts: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """The [first, last + 1) indexes of the tokens (given by their start offsets) over characters [start, end)."""
    return max(bisect_right(starts, start) - 1, 0), bisect_left(starts, end)


def check_span(text: str, start: int | None, end: int | None, span_text: str | None) -> None:
    """Raise InputError unless `text[start:end] == span_text`."""
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)) or (
            text[start:end] != span_text):
        raise InputError(f"span [{start}, {end}) does not match its text {span_text!r}")


def _plain(value: Any) -> Any:
    if hasattr(value, "to_dict"):
        return value.to_dict()
    return asdict(value) if hasattr(value, "__dataclass_fields__") else value
