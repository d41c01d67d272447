"""The segmenter against the hand-segmented gold sample from real news (tests/data/segmentation)."""

from pathlib import Path

from rasid.text.evaluate import score_segmentation

GOLD = Path(__file__).parent / "data" / "segmentation"


def test_accuracy_on_held_out_sample():
    score = score_segmentation(GOLD / "test.tsv")
    assert score.words >= 300
    assert score.accuracy >= 0.97, score.errors


def test_accuracy_on_dev_sample():
    score = score_segmentation(GOLD / "dev.tsv")
    assert score.words >= 300
    assert score.accuracy >= 0.97, score.errors
