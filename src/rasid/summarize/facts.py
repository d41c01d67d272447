"""Key facts of an analysed article: its top actors, its main dyad with that dyad's events, and keywords.

`key_facts(doc)` reads only the document's layers (tokens, sentences, entities, events), so it works on a
document read back from JSON as well as on a fresh one; it is what `--format table` shows under the summary.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasid.document import Document, Token, is_implied
from rasid.summarize.stopwords import load_stopwords
from rasid.text.segment import Segmenter
from rasid.text.tokenize import ARTICLE, tokenize

TOP_ACTORS = 5
KEYWORDS = 10
MIN_STEM = 3  # a keyword stem has at least three letters
MAX_WORDS = 3  # keywords of up to three words (كيم جونغ أون)
PHRASE_MIN = 2  # a keyword of several words must occur at least twice
TITLE_BONUS = 2.0  # a stem of the title counts three times
LEAD_BONUS = 2.0  # and so does one of the first body sentence (both: five times)
ABSORB = 0.75  # a word shows as its phrase when the phrase holds this share of the word's occurrences
RARITY_EXPONENT = 0.5  # rarity counts as its square root: news summaries use common words too


def key_facts(doc: Document, actors: int = TOP_ACTORS, keywords: int = KEYWORDS) -> dict[str, Any]:
    """The article's key facts as JSON-ready data (see docs/summaries.md):

    `actors`: the most mentioned actors `{code, name, mentions}`; `dyad`: the source-target pair (either
    direction) with the most events, `{actors: [code, code], names, events: [indexes into doc.events],
    cameo: [codes]}` or None; `keywords`: `{text, stem, count, score}`, best first.
    """
    return {"actors": top_actors(doc, actors), "dyad": main_dyad(doc), "keywords": KeywordExtractor.default()(
        doc, keywords)}


def top_actors(doc: Document, n: int = TOP_ACTORS) -> list[dict[str, Any]]:
    """The `n` actors with the most mentions (ties: the one mentioned first)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    first: dict[str, int] = {}
    for e in doc.entities:
        code = (e.actor or {}).get("code")
        if not code:
            continue
        counts[code] += 1
        names.setdefault(code, e.actor.get("name") or e.text)
        first.setdefault(code, e.start)
    ranked = sorted(counts, key=lambda c: (-counts[c], first[c]))[:n]
    return [{"code": c, "name": names[c], "mentions": counts[c]} for c in ranked]


def main_dyad(doc: Document) -> dict[str, Any] | None:
    """The pair of actors (unordered) that the most non-negated events link, with those events."""
    events: dict[tuple[str, str], list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for k, e in enumerate(doc.events):
        if e.negated or not e.target or is_implied(e.target) or is_implied(e.source):
            continue  # an implied side (a domestic target, an unnamed attacker) links no one
        a, b = e.source.get("code"), e.target.get("code")
        if not a or not b or a == b:
            continue
        names.setdefault(a, e.source.get("name") or e.source.get("text", a))
        names.setdefault(b, e.target.get("name") or e.target.get("text", b))
        events[(a, b) if a < b else (b, a)].append(k)
    if not events:
        return None
    pair = min(events, key=lambda p: (-len(events[p]), events[p][0]))
    # Order the pair as its first event does (source first).
    first = doc.events[events[pair][0]]
    ordered = [first.source["code"], first.target["code"]]
    cameo = list(dict.fromkeys(doc.events[k].cameo for k in events[pair]))
    return {"actors": ordered, "names": [names[c] for c in ordered], "events": events[pair], "cameo": cameo}


@dataclass
class KeywordExtractor:
    """Keywords: a content stem's count in the article, multiplied by a bonus when the title or the first body
    sentence has it, times the square root of its rarity in news (the log inverse of its frequency in the
    segmenter's news vocabulary). Runs of two or three content words that recur are candidates too; a word
    that mostly occurs inside one of them shows as that phrase (`كوريا الشمالية`, not `كوريا`), and no word
    appears in two keywords. Ties go to the one the article mentions first."""

    stopwords: frozenset[str]
    background: dict[str, int]
    total: int = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(self.background.values()) or 1

    @classmethod
    def default(cls) -> KeywordExtractor:
        """The extractor with the package's stopword list and news vocabulary."""
        return _default_extractor()

    def rarity(self, stem: str) -> float:
        """log(total / count) of the stem as a bare or definite word in the background vocabulary."""
        count = self.background.get(stem, 0) + self.background.get("ال" + stem, 0)
        return math.log(self.total / (count + 1))

    def __call__(self, doc: Document, n: int = KEYWORDS) -> list[dict[str, Any]]:
        """The `n` best keywords of the article."""
        counts, surface, lead = self._count(doc)
        title = self._title_stems(doc)
        rarity = {s: self.rarity(s) ** RARITY_EXPONENT for gram in counts if len(gram) == 1 for s in gram}
        scored = []
        for order, (gram, count) in enumerate(counts.items()):
            if len(gram) > 1 and count < PHRASE_MIN:
                continue
            bonus = 1 + TITLE_BONUS * any(s in title for s in gram) + LEAD_BONUS * any(s in lead for s in gram)
            scored.append((count * bonus * sum(rarity[s] for s in gram) / len(gram), order, gram))
        scored.sort(key=lambda s: (-s[0], s[1]))
        phrase_of: dict[str, tuple[str, ...]] = {}  # a word -> the phrase that holds most of its occurrences
        for _, _, gram in (x for x in scored if len(x[2]) > 1):
            for s in gram:
                best = phrase_of.get(s)
                if counts[gram] >= ABSORB * counts[(s,)] and (best is None or counts[gram] > counts[best]):
                    phrase_of[s] = gram
        out: list[dict[str, Any]] = []
        covered: set[str] = set()
        for score, _, gram in scored:
            if len(gram) == 1 and gram[0] in phrase_of:
                gram = phrase_of[gram[0]]
            if covered.intersection(gram):
                continue  # a word of it is already in a better keyword
            covered.update(gram)
            out.append({"text": surface[gram][0], "stem": " ".join(gram), "count": counts[gram],
                        "score": round(score, 2)})
            if len(out) == n:
                break
        return out

    def _count(self, doc: Document) -> tuple[Counter[tuple[str, ...]], dict[tuple[str, ...], tuple[str, bool]],
                                             set[str]]:
        """Counts of every run of one to MAX_WORDS content stems inside a sentence (duplicates left out), the
        text shown for each (the first occurrence without a pronoun clitic, else the first), and the stems
        of the first body sentence."""
        counts: Counter[tuple[str, ...]] = Counter()
        surface: dict[tuple[str, ...], tuple[str, bool]] = {}
        lead: set[str] = set()
        seen_body = False
        tokens = list(doc.tokens)
        k = 0
        for sent in doc.sentences:
            while k < len(tokens) and tokens[k].start < sent.start:
                k += 1
            if sent.kind == "duplicate":
                continue
            first_body = sent.kind == "body" and not seen_body
            seen_body = seen_body or sent.kind == "body"
            run: list[tuple[str, int, bool]] = []  # (stem, display start, has a pronoun clitic)
            while k < len(tokens) and tokens[k].end <= sent.end:
                stem, start, end, clitic = self._stem(tokens[k])
                k += 1
                if stem is None:
                    run = []
                    continue
                if first_body:
                    lead.add(stem)
                run = [*run[-(MAX_WORDS - 1):], (stem, start, clitic)]
                for j in range(len(run)):
                    gram = tuple(r[0] for r in run[j:])
                    counts[gram] += 1
                    clean = not any(r[2] for r in run[j:])
                    if gram not in surface or (clean and not surface[gram][1]):
                        surface[gram] = (doc.text[run[j][1]:end], clean)
        return counts, surface, lead

    def _stem(self, token: Token) -> tuple[str | None, int, int, bool]:
        """A content token's stem, the span shown for it (the word without its conjunction and preposition
        clitics, the article kept: `وبالحكومة` → الحكومة) and whether it has a pronoun clitic; (None, 0, 0,
        False) for anything else."""
        if token.kind == "latin":
            stem, start, clitic = token.norm.lower(), token.start, False
        elif token.kind == "word":
            stem, start, clitic = token.stem, token.start, False
            article = None
            for a, _, norm, role in token._rel:
                if role == "proclitic":
                    article = token.start + a if norm == ARTICLE else None
                elif role == "stem":
                    start = article if article is not None else token.start + a
                else:
                    clitic = True
        else:
            return None, 0, 0, False
        if len(stem) < MIN_STEM or stem in self.stopwords:
            return None, 0, 0, False
        return stem, start, token.end, clitic

    def _title_stems(self, doc: Document) -> set[str]:
        title = doc.title
        if not title and doc.sentences and doc.sentences[0].kind == "heading":
            title = doc.sentences[0].text
        return {t.stem for t in tokenize(title or "") if t.kind == "word"}


@lru_cache(maxsize=1)
def _default_extractor() -> KeywordExtractor:
    return KeywordExtractor(load_stopwords(), Segmenter.default().vocab)


