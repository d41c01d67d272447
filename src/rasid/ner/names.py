"""Names learnt from the training data: every tagged span whose words are mostly tagged that way.

The CRF sees them as gazetteer-like features (`n=B-PER` ...). While training, each part of the data
gets the names of the other parts only (jackknifing), so that the feature is as reliable in training as
on new text; the shipped model's names come from all of its training data and are written next to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

from rasid.datafiles import read_tsv
from rasid.errors import DataFileError
from rasid.ner.clusters import token_key
from rasid.ner.corpus import AlignedSentence
from rasid.ner.evaluate import chunks
from rasid.ner.features import GAZETTEER_LABELS, Gazetteer

MIN_NAME_SHARE = 0.5  # a span is a name when at least this share of its occurrences is tagged as one
FOLDS = 5


def learn_names(sentences: Sequence[AlignedSentence], min_share: float = MIN_NAME_SHARE) -> Gazetteer:
    """The gazetteer of tagged spans (as token keys) that are tagged in at least `min_share` of occurrences."""
    tagged: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    keyed = [[token_key(t) for t in sent.tokens] for sent in sentences]
    for sent, keys in zip(sentences, keyed, strict=True):
        for label, start, end in sorted(chunks(sent.tags), key=lambda c: c[1]):
            tagged[tuple(keys[start:end])][label] += 1
    gaz = Gazetteer()
    if not tagged:
        return gaz
    firsts = {key[0] for key in tagged}
    longest = max(len(key) for key in tagged)
    seen: Counter = Counter()
    for keys in keyed:
        for i, k in enumerate(keys):
            if k in firsts:
                for n in range(1, min(longest, len(keys) - i) + 1):
                    span = tuple(keys[i:i + n])
                    if span in tagged:
                        seen[span] += 1
    for span, labels in sorted(tagged.items(), key=lambda item: (-sum(item[1].values()), item[0])):
        total = sum(labels.values())
        if total >= min_share * max(seen[span], total):
            gaz.add(labels.most_common(1)[0][0], span)
    return gaz


def jackknife(sentences: Sequence[AlignedSentence], folds: int = FOLDS) -> list[Gazetteer]:
    """For each sentence, the names learnt from the other folds (contiguous blocks) of the data."""
    size = max(1, -(-len(sentences) // folds))
    out: list[Gazetteer] = []
    for start in range(0, len(sentences), size):
        others = [*sentences[:start], *sentences[start + size:]]
        gaz = learn_names(others)
        out.extend(gaz for _ in sentences[start:start + size])
    return out


def names_path(model: Path | str) -> Path:
    """Where a model's names are kept: next to it, `model.crfsuite` → `model.names.tsv`."""
    return Path(model).with_suffix(".names.tsv")


def write_names(gaz: Gazetteer, path: Path) -> None:
    """Write `label<TAB>keys` rows (the span's token keys separated by spaces)."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("label\tkeys\n")
        for keys, label in gaz.entries.items():
            if not any(" " in k or "\t" in k or not k for k in keys):
                fh.write(f"{label}\t{' '.join(keys)}\n")


def read_names(path: Path) -> Gazetteer:
    """Read a names file written by `write_names`; an absent file gives no names."""
    gaz = Gazetteer()
    if not path.is_file():
        return gaz
    for line, row in read_tsv(path, ("label", "keys")):
        if row["label"] not in GAZETTEER_LABELS:
            raise DataFileError(f"{path.name}:{line}: unknown label {row['label']!r}")
        gaz.add(row["label"], tuple(row["keys"].split(" ")))
    return gaz
