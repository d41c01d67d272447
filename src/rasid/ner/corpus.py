"""CoNLL-style NER corpora (ANERcorp, AQMAR): reading them and aligning their tokens with Rasid's."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rasid.document import Token
from rasid.errors import InputError
from rasid.text.tokenize import Tokenizer

LABELS = ("PER", "ORG", "LOC", "MISC")
# Corpus tags to Rasid's: ANERcorp writes PERS, AQMAR has MIS0-3 and a few typos.
_TYPE_MAP = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
_WORDLIKE = frozenset({"word", "latin", "number", "other", "hashtag", "mention", "url"})


@dataclass
class GoldSentence:
    """One sentence of a corpus: its tokens (as written there) and their BIO tags."""

    words: list[str]
    tags: list[str]


def normalise_tag(tag: str) -> str:
    """A corpus tag as Rasid's BIO tag (B-PER ...), or O for anything unknown."""
    tag = tag.strip().strip("`")
    if tag in ("O", "OO", "") or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    kind = kind.strip("-").upper()
    if prefix not in ("B", "I"):
        return "O"
    if kind.startswith("MIS"):
        kind = "MISC"
    kind = _TYPE_MAP.get(kind)
    return f"{prefix}-{kind}" if kind else "O"


def read_conll(path: Path) -> Iterator[GoldSentence]:
    """Sentences of a `TOKEN TAG` file with blank lines between sentences."""
    words: list[str] = []
    tags: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None
    for line in lines:
        line = line.replace("\u200f", "").strip()
        if not line:
            if words:
                yield GoldSentence(words, tags)
                words, tags = [], []
            continue
        parts = line.split()
        if len(parts) < 2:
            continue  # an empty token
        words.append(parts[0])
        tags.append(normalise_tag(parts[-1]))
    if words:
        yield GoldSentence(words, tags)


def main_token(tokens: list[Token]) -> int:
    """The index of the token that carries a corpus word's tag: its first word-like token."""
    for i, token in enumerate(tokens):
        if token.kind in _WORDLIKE:
            return i
    return 0


@dataclass
class AlignedSentence:
    """A corpus sentence as Rasid tokens, with the tag of each and where each corpus word went."""

    tokens: list[Token]
    tags: list[str]
    heads: list[int]  # for each corpus word, the index of its main Rasid token


def align(sentence: GoldSentence, tokenizer: Tokenizer) -> AlignedSentence:
    """Tokenize each corpus word with Rasid; its tag goes to its main token, the rest are O."""
    text = " ".join(sentence.words)
    tokens: list[Token] = []
    tags: list[str] = []
    heads: list[int] = []
    pos = 0
    for word, tag in zip(sentence.words, sentence.tags, strict=True):
        sub = list(tokenizer(word, offset=pos)) or []
        head = main_token(sub)
        heads.append(len(tokens) + head if sub else max(len(tokens) - 1, 0))
        for i, token in enumerate(sub):
            tokens.append(token)
            tags.append(tag if i == head else "O")
        pos += len(word) + 1
    assert all(text[t.start:t.end] == t.text for t in tokens)
    return AlignedSentence(tokens, tags, heads)
