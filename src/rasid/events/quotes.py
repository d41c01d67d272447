"""Quotations and their speakers: «...» and "..." (direct), and قال/أكد/أشار X إن ... (indirect)."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from rasid.document import Document, Quote, Token
from rasid.events.coder import ActorSpan, _actor_spans, _coordinated, _within
from rasid.events.patterns import load_function_words

_DIRECT = re.compile(r"«([^«»\n]{2,})»|“([^“”\n]{2,})”|\"([^\"\n]{2,})\"")
COMPLEMENTIZERS = {"ان"}  # إن / أن after a speech verb, normalised
SPEAKER_WINDOW = 4


@dataclass
class QuoteFinder:
    """Fill `doc.quotes`, each with its speaker's actor when one is named."""

    words: dict[str, set[str]]
    name: str = "quotes"
    requires: tuple[str, ...] = ("tokens", "sentences", "entities")
    assigns: tuple[str, ...] = ("quotes",)

    @classmethod
    def default(cls) -> QuoteFinder:
        """The finder with the package's speech verbs."""
        return cls(load_function_words())

    def __call__(self, doc: Document) -> Document:
        actors = sorted((e for e in doc.entities if e.actor), key=lambda e: e.start)
        starts = [e.start for e in actors]
        quotes: list[Quote] = []
        for _, sent, toks in doc.sentence_tokens():
            spans = _actor_spans(toks, _within(actors, starts, sent.start, sent.end))
            stems = [t.stem for t in toks]
            quotes.extend(self._direct(doc, sent.start, sent.end, toks, stems, spans))
            quotes.extend(self._indirect(doc, toks, stems, spans, quotes))
        doc.quotes = sorted(quotes, key=lambda q: q.start)
        return doc

    def _direct(self, doc: Document, start: int, end: int, toks: list[Token], stems: list[str],
                spans: list[ActorSpan]) -> list[Quote]:
        out = []
        for m in _DIRECT.finditer(doc.text, start, end):
            group = next(g for g in (1, 2, 3) if m.group(g) is not None)
            a, b = m.start(group), m.end(group)
            k = bisect_left(toks, m.start(), key=lambda t: t.start)
            out.append(Quote(a, b, doc.text[a:b], "direct", self._speaker(toks, stems, spans, k)))
        return out

    def _indirect(self, doc: Document, toks: list[Token], stems: list[str], spans: list[ActorSpan],
                  found: list[Quote]) -> list[Quote]:
        out = []
        speech = self.words.get("speech", set())
        for k, stem in enumerate(stems):
            if stem not in speech:
                continue
            for c in range(k + 1, min(k + 1 + SPEAKER_WINDOW + 4, len(toks))):
                if stems[c] in COMPLEMENTIZERS and c + 1 < len(toks):
                    a, b = toks[c + 1].start, toks[-1].end
                    if not any(q.start - 1 <= b and a <= q.end + 1 for q in found):  # not over a direct quote
                        out.append(Quote(a, b, doc.text[a:b], "indirect", self._speaker(toks, stems, spans, c)))
                    break
        return out

    def _speaker(self, toks: list[Token], stems: list[str], spans: list[ActorSpan], k: int) -> dict | None:
        """The actor of the nearest speech verb before token k: its subject after it, else before it."""
        speech = self.words.get("speech", set())
        verbs = [v for v in range(max(0, k - 12), k) if stems[v] in speech]
        if verbs:
            v = verbs[-1]
            after = [s for s in spans if v < s.i <= v + SPEAKER_WINDOW and s.i < k]
            before = [s for s in spans if s.j <= v]
            people = [s for s in before if s.entity.label == "PER"]
            near = [s for s in before if v - s.j < 3]
            # the subject after the verb; else the one just before it; else the last person named before it
            chosen = after[0] if after else (near[-1] if near else (people or before or [None])[-1])
            if chosen:
                return _coordinated(toks, spans, chosen)[0].as_dict()
        following = [s for s in spans if s.i >= k]
        for s in following[:1]:  # "..." قال X
            if any(stems[v] in speech for v in range(max(0, s.i - 3), s.i)):
                return s.as_dict()
        return None
