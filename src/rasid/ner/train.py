"""`rasid train ner` and `rasid eval ner`: training the shipped CRF and scoring it on a corpus."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rasid.errors import InputError
from rasid.ner.corpus import AlignedSentence, align, read_conll
from rasid.ner.evaluate import NerScore
from rasid.ner.features import FeatureExtractor
from rasid.ner.model import IN_DOMAIN, NerTagger, score_corpus, train_crf
from rasid.ner.names import jackknife, learn_names, names_path, write_names
from rasid.text.tokenize import Tokenizer

FINAL_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200}


def train_ner(data: list[Path], out: Path, max_sentences: int | None = None, params: dict | None = None) -> int:
    """Train on CoNLL files (sentences in file order, the first `max_sentences` only); returns the count.

    Training is deterministic: the same data and parameters give the same model file. The names learnt
    from the data are written next to the model (`model.names.tsv`, see `rasid.ner.names`).
    """
    tokenizer = Tokenizer()
    sentences = [s for path in data for s in read_conll(path)]
    if max_sentences is not None:
        sentences = sentences[:max_sentences]
    if not sentences:
        raise InputError(f"no training sentences in {', '.join(map(str, data))}")
    aligned = [align(s, tokenizer) for s in sentences]
    train_aligned(aligned, [], out, {**FINAL_PARAMS, **(params or {})}, tokenizer)
    return len(sentences)


def train_aligned(aligned: list[AlignedSentence], others: list[tuple[str, AlignedSentence]], out: Path,
                  params: dict, tokenizer: Tokenizer | None = None) -> None:
    """Train on in-domain aligned sentences plus (domain, sentence) pairs from other corpora.

    Sentences of other corpora are featurised with their domain as well (`model.augment`); AQMAR added
    so scored the same as without it on the dev folds, so the shipped model has none.
    """
    names = learn_names(aligned)
    train_crf([*aligned, *(s for _, s in others)], FeatureExtractor.default(tokenizer), out, params,
              names=[*jackknife(aligned), *(names for _ in others)],
              domains=[IN_DOMAIN] * len(aligned) + [d for d, _ in others] if others else None)
    write_names(names, names_path(out))


@dataclass
class NerEvaluation:
    """Scores and speed of one evaluation run."""

    score: NerScore
    tokens: int
    seconds: float

    @property
    def tokens_per_second(self) -> float:
        """Rasid tokens tagged per second (features + CRF)."""
        return self.tokens / self.seconds if self.seconds else 0.0


def evaluate_ner(data: Path, tagger: NerTagger | None = None, max_sentences: int | None = None) -> NerEvaluation:
    """Tag a CoNLL file and score it at its own token level (strict entity spans)."""
    tagger = tagger or NerTagger.default()
    sentences = list(read_conll(data))[:max_sentences]
    if not sentences:
        raise InputError(f"{data}: no sentences")
    aligned = [align(s, Tokenizer()) for s in sentences]
    start = time.perf_counter()
    score = score_corpus(tagger, aligned, [s.tags for s in sentences])
    seconds = time.perf_counter() - start
    return NerEvaluation(score, sum(len(a.tokens) for a in aligned), seconds)
