"""Scoring the segmenter against a hand-segmented gold sample (`doc_id<TAB>word<TAB>segments`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rasid.datafiles import read_tsv
from rasid.text.segment import Segmenter


@dataclass
class SegmentationScore:
    """Word-level exact-match accuracy, with the words that were wrong."""

    words: int = 0
    correct: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (word, gold, predicted)

    @property
    def accuracy(self) -> float:
        """Share of words whose segmentation is exactly right."""
        return self.correct / self.words if self.words else 0.0


def score_segmentation(gold: Path, segmenter: Segmenter | None = None) -> SegmentationScore:
    """Compare the segmenter with every row of a gold file."""
    segmenter = segmenter or Segmenter.default()
    score = SegmentationScore()
    for _, row in read_tsv(gold, ("doc_id", "word", "segments")):
        word = row["word"]
        _, rel = segmenter.segment(word)
        predicted = "+".join(word[a:b] for a, b, _, _ in rel) if rel else word
        score.words += 1
        if predicted == row["segments"]:
            score.correct += 1
        else:
            score.errors.append((word, row["segments"], predicted))
    return score
