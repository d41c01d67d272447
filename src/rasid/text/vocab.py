"""The word-frequency vocabulary the segmenter scores stems with, built from a news corpus."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rasid.document import Document
from rasid.text.normalize import normalize
from rasid.text.tokenize import TOKEN_RE

_WORD = "word"


def count_words(docs: Iterable[Document]) -> Counter[str]:
    """Frequencies of the normalised Arabic words of `docs`."""
    counts: Counter[str] = Counter()
    for doc in docs:
        counts.update(m.group() for m in TOKEN_RE.finditer(doc.text) if m.lastgroup == _WORD)
    folded: Counter[str] = Counter()
    for word, n in counts.items():
        folded[normalize(word)] += n
    return folded


def write_vocab(counts: Counter[str], path: Path, min_count: int = 2) -> int:
    """Write `word<TAB>count` rows (most frequent first) for words seen at least `min_count` times."""
    rows = sorted(((w, n) for w, n in counts.items() if n >= min_count and re.fullmatch(r"\S+", w)),
                  key=lambda r: (-r[1], r[0]))
    with path.open("w", encoding="utf-8") as fh:
        fh.write("word\tcount\n")
        fh.writelines(f"{w}\t{n}\n" for w, n in rows)
    return len(rows)
