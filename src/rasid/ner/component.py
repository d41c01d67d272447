"""The NER pipeline component: tags each sentence, builds entity spans, and makes them consistent
across the document (a name tagged PER once is PER throughout)."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from rasid.document import Document, Entity, Token
from rasid.ner.clusters import token_key
from rasid.ner.evaluate import chunks
from rasid.ner.model import NerTagger

ARTICLE = "ال"
MIN_PROPAGATED_STEM = 3  # single-token names shorter than this are not propagated
MIN_PROPAGATED_SCORE = 0.8  # only confident names are copied to their untagged repeats


@dataclass
class EntityRecognizer:
    """Fill `doc.entities` with PER, ORG, LOC and MISC spans."""

    tagger: NerTagger
    name: str = "ner"
    requires: tuple[str, ...] = ("tokens", "sentences")
    assigns: tuple[str, ...] = ("entities",)

    def __call__(self, doc: Document) -> Document:
        found: list[tuple[list[Token], str, float]] = []
        sentences = [sent_tokens for _, _, sent_tokens in doc.sentence_tokens()]
        all_tags, all_probs = self.tagger.tag_many(sentences, with_marginals=True)
        for sent_tokens, tags, probs in zip(sentences, all_tags, all_probs, strict=True):
            for label, i, j in sorted(chunks(tags), key=lambda c: c[1]):
                found.append((sent_tokens[i:j], label, sum(probs[i:j]) / (j - i)))
        found = consistent(found, sentences)
        doc.entities = sorted((span(doc.text, toks, label, score) for toks, label, score in found),
                              key=lambda e: (e.start, e.end))
        return doc


def consistent(found: list[tuple[list[Token], str, float]], sentences: list[list[Token]]):
    """One label per name (its majority), and every untagged repeat of a tagged name tagged too."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    scores: dict[tuple[str, ...], float] = {}
    for toks, label, score in found:
        key = tuple(token_key(t) for t in toks)
        votes[key][label] += 1
        scores[key] = max(scores.get(key, 0.0), score)
    label_of = {key: counts.most_common(1)[0][0] for key, counts in votes.items()}
    out = [(toks, label_of[tuple(token_key(t) for t in toks)], score) for toks, _, score in found]
    tagged = {id(t) for toks, _, _ in found for t in toks}
    wanted = {key: label for key, label in label_of.items()
              if not (len(key) == 1 and len(key[0]) < MIN_PROPAGATED_STEM) and scores[key] >= MIN_PROPAGATED_SCORE}
    for sent in sentences:
        keys = [token_key(t) for t in sent]
        where: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(keys):
            where[k].append(i)
        for key, label in wanted.items():
            n = len(key)
            for i in where.get(key[0], ()):
                if tuple(keys[i:i + n]) == key and not any(id(t) in tagged for t in sent[i:i + n]):
                    out.append((sent[i:i + n], label, scores[key] * 0.9))
                    tagged.update(id(t) for t in sent[i:i + n])
    return out


def span(text: str, toks: list[Token], label: str, score: float) -> Entity:
    """The entity's span: from its first token's stem (or article) to its last token's end."""
    start = toks[0].start
    for seg in toks[0].segments:
        if seg.role != "proclitic" or seg.norm == ARTICLE:
            start = seg.start
            break
    return Entity(start, toks[-1].end, text[start:toks[-1].end], label, score)
