"""Full-text search: what the FTS5 index holds for a sentence, how a user's query becomes an FTS5 query, and
where the hits lie in the original sentence.

A sentence is indexed as the normalised stems of its tokens, one term per token (clitics and the article
removed, diacritics, alef forms and ta marbuta folded), and a query goes through the same tokenizer, so
"كوريا الشمالية" finds "وكوريا الشماليّة" and "حكومة" finds "حكومتها".
"""

from __future__ import annotations

import re
import sqlite3
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rasid.document import Sentence, Token

_TA = "ت"
_TA_MARBUTA_NORM = "ه"  # ة normalises to ه
_QUERY_PART = re.compile(r'"([^"]*)"?|(\S+)')


def index_term(token: Token) -> str | None:
    """The term a token is indexed and searched by: its normalised stem, lower-cased; None for punctuation.

    A stem written with ت before a pronoun (حكومت+ها) is indexed as its ta marbuta form (حكومه), like حكومة.
    """
    if token.kind == "punct":
        return None
    stem = token.stem
    if token.kind == "word" and stem.endswith(_TA) and not token.norm.endswith(stem):
        stem = stem[:-1] + _TA_MARBUTA_NORM
    return stem.lower() or None


def sentence_terms(sentences: Sequence[Sentence], tokens: Sequence[Token]) -> list[str]:
    """The FTS text of each sentence (empty for verbatim duplicates, which are not indexed)."""
    starts = [t.start for t in tokens]
    out = []
    for s in sentences:
        if s.kind == "duplicate":
            out.append("")
            continue
        i = bisect_left(starts, s.start)
        terms = []
        while i < len(tokens) and tokens[i].end <= s.end:
            term = index_term(tokens[i])
            if term:
                terms.append(term)
            i += 1
        out.append(" ".join(terms))
    return out


@dataclass
class ParsedQuery:
    """A user query: the FTS5 expression and the terms (and prefixes) to highlight."""

    fts: str
    terms: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)

    def matches(self, term: str) -> bool:
        """Whether an indexed term is one of the query's."""
        return term in self.terms or any(term.startswith(p) for p in self.prefixes)


def parse_query(text: str, tokenizer: Any = None) -> ParsedQuery:
    """Turn a query into FTS5: words must all occur (any order), "quoted words" as a phrase, a trailing *
    makes a prefix (حكوم*), and OR between two parts accepts either.

    Raises:
        QueryError: a query with no searchable word.
    """
    from rasid.store.db import QueryError
    from rasid.text.tokenize import Tokenizer

    tokenizer = tokenizer or Tokenizer()
    parsed = ParsedQuery("")
    parts: list[str] = []
    for m in _QUERY_PART.finditer(text):
        phrase, word = m.group(1), m.group(2)
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        raw = phrase if phrase is not None else word
        prefix = raw.rstrip().endswith("*")
        terms = [t for t in (index_term(tok) for tok in tokenizer(raw.rstrip().rstrip("*"))) if t]
        if not terms:
            continue
        parsed.terms.update(terms[:-1] if prefix else terms)
        if prefix:
            parsed.prefixes.append(terms[-1])
        quoted = '"' + " ".join(t.replace('"', '""') for t in terms) + '"'
        parts.append(quoted + (" *" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise QueryError(f"nothing to search for in {text!r} (give at least one word)")
    parsed.fts = " ".join(parts)
    return parsed


def highlights(text: str, query: ParsedQuery, tokenizer: Any = None) -> list[tuple[int, int]]:
    """The spans of `text` (a sentence) whose tokens match the query, adjacent ones merged."""
    from rasid.text.tokenize import Tokenizer

    spans: list[tuple[int, int]] = []
    for tok in (tokenizer or Tokenizer())(text):
        term = index_term(tok)
        if not term or not query.matches(term):
            continue
        if spans and not text[spans[-1][1]:tok.start].strip():
            spans[-1] = (spans[-1][0], tok.end)
        else:
            spans.append((tok.start, tok.end))
    return spans


@dataclass
class Hit:
    """A matching sentence: where it is, its text, the highlighted spans (relative to it) and its events."""

    document_id: str
    title: str | None
    date: str | None
    sentence: int
    start: int
    end: int
    text: str
    highlights: list[tuple[int, int]]
    events: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The hit's JSON form."""
        return {"document_id": self.document_id, "title": self.title, "date": self.date, "sentence": self.sentence,
                "start": self.start, "end": self.end, "text": self.text,
                "highlights": [list(h) for h in self.highlights], "events": self.events}


def search(store: Any, query: str, *, limit: int = 20, since: str | None = None, until: str | None = None) -> list[Hit]:
    """The sentences of the store that match `query`, best first (BM25), with their events."""
    from rasid.store.db import QueryError, StoreError, describe
    from rasid.store.rows import EVENT_SELECT, event_dict
    from rasid.text.tokenize import Tokenizer

    tokenizer = Tokenizer()
    parsed = parse_query(query, tokenizer)
    where, params = ["sentence_fts MATCH ?"], [parsed.fts]
    if since:
        where.append("d.date >= ?")
        params.append(since)
    if until:
        where.append("d.date <= ?")
        params.append(until)
    sql = ("SELECT s.doc, s.idx, s.span_start, s.span_end, d.id, d.title, d.date, "
           "substr(d.text, s.span_start + 1, s.span_end - s.span_start) AS text "
           "FROM sentence_fts JOIN sentences s ON s.sentence = sentence_fts.rowid JOIN documents d ON d.doc = s.doc "
           f"WHERE {' AND '.join(where)} ORDER BY sentence_fts.rank LIMIT ?")
    try:
        rows = store.conn.execute(sql, [*params, limit]).fetchall()
    except sqlite3.Error as exc:
        if "fts5" in str(exc):
            raise QueryError(f"cannot search for {query!r}: {exc}") from None
        raise StoreError(describe(exc, store.path, "searching")) from None
    hits = []
    for r in rows:
        events = [{"event_id": e["event_id"], **event_dict(e)} for e in store.execute(
            EVENT_SELECT + " WHERE e.doc = ? AND e.sentence = ? ORDER BY e.event", (r["doc"], r["idx"]))]
        hits.append(Hit(r["id"], r["title"], r["date"], r["idx"], r["span_start"], r["span_end"], r["text"],
                        highlights(r["text"], parsed, tokenizer), events))
    return hits
