"""ROUGE-N and ROUGE-L (Lin 2004), written out: clipped n-gram overlap and the longest common subsequence.

Scores are precision, recall and F1 (beta = 1) of a candidate token list against one reference token
list; with several references the best F1 is kept (as XL-Sum and `rouge-score` do for one reference).
ROUGE-L is the sentence-level LCS over the whole token sequence (`rouge-score`'s `rougeL`, not the
summary-level `rougeLsum`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rasid.scoring import f1, ratio
from rasid.text.tokenize import Tokenizer

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 of one comparison."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, hits: int, candidate: int, reference: int) -> Score:
        """The score of `hits` matching units out of `candidate` produced and `reference` expected."""
        p, r = ratio(hits, candidate), ratio(hits, reference)
        return cls(p, r, f1(p, r))


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """The multiset of the n-grams of `tokens`."""
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: Sequence[str], reference: Sequence[str], n: int) -> Score:
    """ROUGE-N: n-gram overlap, each reference n-gram matched at most as often as it occurs in both."""
    cand, ref = ngrams(candidate, n), ngrams(reference, n)
    hits = sum((cand & ref).values())
    return Score.from_counts(hits, sum(cand.values()), sum(ref.values()))


def lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest common subsequence of two token lists (dynamic programming, O(len a · len b))."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return 0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: Sequence[str], reference: Sequence[str]) -> Score:
    """ROUGE-L: the longest common subsequence over the candidate's and the reference's lengths."""
    return Score.from_counts(lcs_length(candidate, reference), len(candidate), len(reference))


METRICS = ("rouge-1", "rouge-2", "rouge-l")


def rouge(candidate: Sequence[str], references: Sequence[Sequence[str]]) -> dict[str, Score]:
    """ROUGE-1, ROUGE-2 and ROUGE-L of a candidate against the best-matching reference for each metric."""
    out: dict[str, Score] = {}
    for ref in references:
        for metric, score in (("rouge-1", rouge_n(candidate, ref, 1)), ("rouge-2", rouge_n(candidate, ref, 2)),
                              ("rouge-l", rouge_l(candidate, ref))):
            if metric not in out or score.f1 > out[metric].f1:
                out[metric] = score
    return out or {m: Score(0.0, 0.0, 0.0) for m in METRICS}


def plain_tokens(text: str) -> list[str]:
    """Plain tokens: the `\\w+` runs of the text, unchanged (no normalisation, no stemming)."""
    return _WORD.findall(text)


class NormTokens:
    """Normalised, clitic-segmented tokens: every Rasid word token is replaced by the normalised text of its
    clitic segments (`وبالحكومة` → و ب ال حكومه), other tokens by their normalised form (Latin lowercased);
    punctuation is dropped. Built on Rasid's tokenizer, so it follows `docs/schema.md`'s segmentation."""

    def __init__(self, tokenizer: Tokenizer | None = None) -> None:
        self.tokenizer = tokenizer or Tokenizer()

    def __call__(self, text: str) -> list[str]:
        """The normalised segments of `text`."""
        out: list[str] = []
        for token in self.tokenizer(text):
            out.extend(segment_units(token.kind, token.norm, token._rel))
        return out


def segment_units(kind: str, norm: str, rel: tuple) -> list[str]:
    """The ROUGE units of one token: its segments' normalised forms, or its own; none for punctuation."""
    if kind == "punct":
        return []
    if rel:
        return [seg_norm for _, _, seg_norm, _ in rel]
    return [norm.lower()] if kind == "latin" else [norm]

