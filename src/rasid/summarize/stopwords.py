"""The Arabic stopword list (`data/summarize/stopwords.tsv`): function words, reporting verbs, time and
number words, compared with a token's normalised stem (its clitics and article removed)."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError
from rasid.text.normalize import normalize
from rasid.text.tokenize import tokenize

STOPWORDS_FILE = "stopwords.tsv"


def load_stopwords(path: Traversable | Path | None = None) -> frozenset[str]:
    """The stopwords of a `word<TAB>kind` file, each as its normalised form and as its normalised stem
    (`الذي` → الذي; `اليوم` → اليوم and يوم), so that they match `Token.stem` and `Token.norm`."""
    if path is None:
        return _default_stopwords()
    words: set[str] = set()
    name = getattr(path, "name", str(path))
    for line, row in read_tsv(path, ("word", "kind")):
        word = row["word"].strip()
        tokens = [t for t in tokenize(word) if t.kind == "word"]
        if not word or len(tokens) != 1 or tokens[0].text != word:
            raise DataFileError(f"{name}:{line}: {row['word']!r} is not one Arabic word")
        words.add(normalize(word))
        words.add(tokens[0].stem)
    return frozenset(words)


@lru_cache(maxsize=1)
def _default_stopwords() -> frozenset[str]:
    return load_stopwords(builtin("summarize", STOPWORDS_FILE))
