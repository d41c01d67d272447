"""The extractive summarizer (a pipeline component after the events): it scores each body sentence by its
position, its centrality (TextRank over normalised stem vectors), its overlap with the title, and the events
and actors it carries, then picks the best ones greedily, skipping any that repeats one already chosen
(maximal marginal relevance), and returns them in article order."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from rasid.document import Document, Sentence, Token
from rasid.pipeline import Pipeline
from rasid.summarize.stopwords import load_stopwords
from rasid.text.tokenize import Tokenizer

CONTENT_KINDS = ("word", "latin", "number")
MIN_WORDS = 5  # a body "sentence" of fewer words (a byline, "اقرأ أيضا") is never chosen
DAMPING = 0.85
MAX_ITERATIONS = 50
TOLERANCE = 1e-4  # stop the power iteration when the ranks move less than this in total (L1)


@dataclass(frozen=True)
class Weights:
    """How much each feature counts; each feature is scaled to 0-1 within the article.

    The defaults were chosen on a development set (BBC Arabic articles of `shared/data/news` with their
    editors' standfirsts) and then scored once on the 1,000-article test set; see docs/summaries.md.
    """

    first: float = 1.0  # the first eligible sentence (the news lead)
    lead: float = 0.2  # 1 / (1 + rank)^lead_decay, rank among the eligible sentences
    lead_decay: float = 2.0
    centrality: float = 0.2  # TextRank score over the maximum in the article
    title: float = 0.2  # cosine with the title's stems
    events: float = 0.0  # weight of the event types (dyad, CAMEO root) the sentence codes; measured, no gain
    actors: float = 0.0  # frequency of the actors the sentence names; measured, no gain
    brevity: float = 0.3  # 1 - log(words) / log(words of the longest sentence): shorter sentences first
    redundancy: float = 0.3  # MMR: subtracted times the highest cosine with a sentence already chosen
    max_similarity: float = 0.6  # a sentence this similar (cosine) to a chosen one is never chosen


@dataclass
class SentenceView:
    """One candidate sentence: its index, content stems and features."""

    index: int
    sentence: Sentence
    stems: Counter[str]
    words: int
    rank: int = 0
    norm: float = 0.0
    features: dict[str, float] = field(default_factory=dict)
    score: float = 0.0


@dataclass
class Summarizer:
    """Fill `doc.summary` with the top sentences in article order (see docs/summaries.md for the format).

    The budget is `sentences`, or `ratio` of the eligible sentences (at least one) when a ratio is given.
    """

    sentences: int = 3
    ratio: float | None = None
    weights: Weights = field(default_factory=Weights)
    stopwords: frozenset[str] = field(default_factory=load_stopwords, repr=False)
    tokenizer: Tokenizer = field(default_factory=Tokenizer, repr=False)  # for a title that is not in the text
    name: str = "summary"
    requires: tuple[str, ...] = ("tokens", "sentences", "entities", "events")
    assigns: tuple[str, ...] = ("summary",)

    def __call__(self, doc: Document) -> Document:
        doc.summary = self.summarize(doc)
        return doc

    def budget(self, eligible: int) -> int:
        """How many sentences a summary of an article with `eligible` candidates holds."""
        if self.ratio is not None:
            return min(eligible, max(1, round(self.ratio * eligible)))
        return min(eligible, self.sentences)

    def summarize(self, doc: Document, budget: int | None = None) -> list[dict[str, Any]]:
        """The summary items of `doc`, best-first choice returned in article order."""
        views = self.score(doc)
        chosen = self.select(views, self.budget(len(views)) if budget is None else budget)
        by_sentence: dict[int, list[int]] = {}
        for k, event in enumerate(doc.events):
            by_sentence.setdefault(event.sentence, []).append(k)
        out = []
        for rank, view in chosen:
            s = view.sentence
            out.append({"sentence": view.index, "start": s.start, "end": s.end, "text": s.text, "rank": rank,
                        "score": round(view.score, 3), "events": by_sentence.get(view.index, [])})
        return sorted(out, key=lambda item: item["sentence"])

    def score(self, doc: Document) -> list[SentenceView]:
        """Every eligible sentence with its features and weighted score."""
        views = self.candidates(doc)
        if not views:
            return views
        w = self.weights
        centrality = textrank(views) if w.centrality else [0.0] * len(views)
        title = self._title_vector(doc)
        events = _event_shares(doc, views) if w.events else {}
        actors = _actor_shares(doc, views) if w.actors else {}
        longest = max(math.log1p(v.words) for v in views)
        for v, cent in zip(views, centrality, strict=True):
            f = v.features
            f["first"] = 1.0 if v.rank == 0 else 0.0
            f["lead"] = 1.0 / (1 + v.rank) ** w.lead_decay
            f["centrality"] = cent
            f["title"] = cosine(v.stems, v.norm, *title) if title[1] else 0.0
            f["events"] = events.get(v.index, 0.0)
            f["actors"] = actors.get(v.index, 0.0)
            f["brevity"] = 1.0 - math.log1p(v.words) / longest
            v.score = (w.first * f["first"] + w.lead * f["lead"] + w.centrality * f["centrality"] + w.title * f["title"]
                       + w.events * f["events"] + w.actors * f["actors"] + w.brevity * f["brevity"])
        return views

    def candidates(self, doc: Document, min_words: int = MIN_WORDS) -> list[SentenceView]:
        """The body sentences of at least `min_words` words (any body sentence when none is that long), with
        their content-stem vectors (one pass over the tokens, which lie in text order like the sentences)."""
        tokens: Sequence[Token] = list(doc.tokens)
        stop = self.stopwords
        views = []
        k, count = 0, len(tokens)
        for index, sent in enumerate(doc.sentences):
            while k < count and tokens[k].start < sent.start:
                k += 1
            if sent.kind != "body":
                continue
            stems: Counter[str] = Counter()
            words = 0
            while k < count:
                token = tokens[k]
                if token.start >= sent.end:
                    break
                k += 1
                kind = token.kind
                if kind == "word":
                    stem = _stem(token)
                elif kind in CONTENT_KINDS:
                    stem = token.norm.lower()
                else:
                    continue
                words += 1
                if len(stem) > 1 and stem not in stop:
                    stems[stem] += 1
            if words >= min_words:
                views.append(SentenceView(index, sent, stems, words, rank=len(views), norm=_norm(stems)))
        if not views and min_words > 1:
            return self.candidates(doc, 1)
        return views

    def select(self, views: list[SentenceView], budget: int) -> list[tuple[int, SentenceView]]:
        """Greedy maximal-marginal-relevance choice of `budget` sentences, as (rank, view) pairs."""
        w = self.weights
        chosen: list[SentenceView] = []
        pool = list(views)
        while pool and len(chosen) < budget:
            best, best_value = None, -math.inf
            for v in pool:
                overlap = max((cosine(v.stems, v.norm, c.stems, c.norm) for c in chosen), default=0.0)
                if overlap > w.max_similarity:
                    continue
                value = v.score - w.redundancy * overlap
                if value > best_value:
                    best, best_value = v, value
            if best is None:
                break
            chosen.append(best)
            pool.remove(best)
        return list(enumerate(chosen, start=1))

    def _title_vector(self, doc: Document) -> tuple[Counter[str], float]:
        """The stems of the title: `doc.title`, else a heading that opens the text."""
        title = doc.title
        if not title:
            first = doc.sentences[0] if doc.sentences else None
            title = first.text if first is not None and first.kind == "heading" else None
        if not title:
            return Counter(), 0.0
        stems = Counter(_stem(t) if t.kind == "word" else t.norm.lower() for t in self.tokenizer(title)
                        if t.kind in CONTENT_KINDS)
        stems = Counter({s: n for s, n in stems.items() if s not in self.stopwords and len(s) > 1})
        return stems, _norm(stems)


def _norm(vec: Counter[str]) -> float:
    return math.sqrt(sum(n * n for n in vec.values()))


def cosine(a: Counter[str], norm_a: float, b: Counter[str], norm_b: float) -> float:
    """The cosine of two count vectors whose Euclidean norms are given."""
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(n * b[s] for s, n in a.items() if s in b) / (norm_a * norm_b)


def textrank(views: list[SentenceView]) -> list[float]:
    """TextRank/LexRank centrality: PageRank over the cosine-similarity graph of the sentences, scaled to
    a maximum of 1. Pairs are found through an inverted index, so sentences with no stem in common cost nothing."""
    n = len(views)
    if n == 1:
        return [1.0]
    postings: dict[str, list[int]] = {}
    for i, v in enumerate(views):
        for stem in v.stems:
            postings.setdefault(stem, []).append(i)
    dots: list[dict[int, float]] = [{} for _ in range(n)]
    for stem, where in postings.items():
        if len(where) < 2:
            continue
        for a_pos, i in enumerate(where):
            ci = views[i].stems[stem]
            row = dots[i]
            for j in where[a_pos + 1:]:
                row[j] = row.get(j, 0.0) + ci * views[j].stems[stem]
    edges: list[dict[int, float]] = [{} for _ in range(n)]
    for i, row in enumerate(dots):
        for j, dot in row.items():
            sim = dot / (views[i].norm * views[j].norm)
            edges[i][j] = edges[j][i] = sim
    # Each sentence passes its rank to its neighbours in proportion to the similarities (out-links).
    links = []
    for e in edges:
        total = sum(e.values())
        links.append([(j, sim / total) for j, sim in e.items()] if total else [])
    dangling = [i for i in range(n) if not links[i]]
    rank = [1.0 / n] * n
    for _ in range(MAX_ITERATIONS):
        base = (1 - DAMPING) / n + DAMPING * sum(rank[i] for i in dangling) / n
        new = [base] * n
        for i, out in enumerate(links):
            r = DAMPING * rank[i]
            for j, share in out:
                new[j] += r * share
        change = sum(abs(a - b) for a, b in zip(new, rank, strict=True))
        rank = new
        if change < TOLERANCE:
            break
    top = max(rank)
    return [r / top for r in rank]


def _stem(token: Token) -> str:
    """The token's normalised stem (Token.stem without the property call)."""
    for _, _, norm, role in token._rel:
        if role == "stem":
            return norm
    return token.norm


def _event_shares(doc: Document, views: list[SentenceView]) -> dict[int, float]:
    """Per sentence: the weight of the event types it codes, each type (dyad and CAMEO root) weighted by
    how many sentences of the article code it, over the article's most repeated type."""
    kinds: dict[int, set[tuple]] = {}
    for e in doc.events:
        if e.negated:
            continue
        key = (e.source.get("code"), (e.target or {}).get("code"), e.cameo[:2])
        kinds.setdefault(e.sentence, set()).add(key)
    support = Counter(k for ks in kinds.values() for k in ks)
    if not support:
        return {}
    top = sum(sorted(support.values(), reverse=True)[:3])
    return {v.index: min(1.0, sum(support[k] for k in kinds.get(v.index, ())) / top) for v in views}


def _actor_shares(doc: Document, views: list[SentenceView]) -> dict[int, float]:
    """Per sentence: the frequency in the article of the distinct actors it names, over the top three's."""
    codes = [(e.start, e.actor["code"]) for e in doc.entities if e.actor and e.actor.get("code")]
    freq = Counter(code for _, code in codes)
    if not freq:
        return {}
    top = sum(n for _, n in freq.most_common(3))
    out: dict[int, float] = {}
    starts = sorted(codes)
    keys = [s for s, _ in starts]
    for v in views:
        s = v.sentence
        named = {code for _, code in starts[bisect_left(keys, s.start):bisect_left(keys, s.end)]}
        out[v.index] = min(1.0, sum(freq[c] for c in named) / top)
    return out


def with_budget(pipeline: Pipeline, sentences: int | None = None, ratio: float | None = None) -> Pipeline:
    """The pipeline with its summary component set to `sentences` (0: none) or `ratio`, added at the end
    when it has none; the other components are shared, not rebuilt."""
    kept = [c for c in pipeline.components if c.name != "summary"]
    if sentences == 0:
        return Pipeline(kept)
    old = next((c for c in pipeline.components if isinstance(c, Summarizer)), None)
    base = old or Summarizer()
    comp = replace(base, sentences=base.sentences if sentences is None else sentences,
                   ratio=ratio if ratio is not None else (base.ratio if sentences is None else None))
    return Pipeline([*kept, comp])
