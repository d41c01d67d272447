"""Tokenizer: words, numbers, punctuation, Latin words, URLs and hashtags, with clitic segments."""

from __future__ import annotations

import re
from itertools import accumulate

from rasid.document import ARTICLE, ChunkToken, Token, TokenList, token_keys
from rasid.text.normalize import normalize
from rasid.text.segment import Segmenter

_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06d5\u06fa-\u06fc\ufb50-\ufdff\ufe70-\ufefc"
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_LATIN = "A-Za-z\u00c0-\u024f"

TOKEN_RE = re.compile(
    rf"""
    (?P<word>[{_LETTERS}][{_LETTERS}{_MARKS}]*)
  | (?P<number>\d+(?:[.,\u066b\u066c]\d+)*)
  | (?P<url>(?:https?://|www\.)[^\s«»"“”<>()]*[^\s«»"“”<>().,;:!?؟،])
  | (?P<hashtag>\#(?:[\w{_MARKS}])+)
  | (?P<mention>@[A-Za-z0-9_]+)
  | (?P<latin>[{_LATIN}0-9]*[{_LATIN}][{_LATIN}0-9]*(?:[-'’][{_LATIN}0-9]+)*)
  | (?P<other>[^\W\d_]+)
  | (?P<punct>\.{{2,}}|\S)
    """,
    re.VERBOSE,
)
_KINDS = (None, "word", "number", "url", "hashtag", "mention", "latin", "other", "punct")


_SPACE_SPLIT = re.compile(r"(\s+)")


class Tokenizer:
    """Split text into tokens with character offsets; Arabic words carry their clitic segments.

    Text is cut at whitespace first; each distinct chunk ("روسيا." or "«هذا") is tokenized once and
    cached, so a corpus costs one regex pass per new chunk and a dictionary lookup per repeated one.
    """

    def __init__(self, segmenter: Segmenter | None = None, cache_size: int = 300_000) -> None:
        self.segmenter = segmenter or Segmenter.default()
        self._chunks: dict[str, tuple[ChunkToken, ...]] = {}  # chunk -> its tokens, offsets relative
        self._cache_size = cache_size

    def __call__(self, text: str, offset: int = 0) -> TokenList:
        """Tokens of `text`; offsets are shifted by `offset` (for a slice of a larger text)."""
        parts = _SPACE_SPLIT.split(text)
        starts = list(accumulate(map(len, parts), initial=offset))
        get, analyse = self._chunks.get, self._analyse
        return TokenList(list(zip(starts[0::2], [get(c) or analyse(c) for c in parts[0::2]], strict=False)))

    def _analyse(self, chunk: str) -> tuple[ChunkToken, ...]:
        if len(self._chunks) >= self._cache_size:
            self._chunks.clear()
        out = []
        for m in TOKEN_RE.finditer(chunk):
            start, end = m.span()
            surface = chunk[start:end]
            kind = _KINDS[m.lastindex]
            if kind == "word":
                norm, rel = self.segmenter.segment(surface)
            else:
                norm, rel = normalize(surface), ()
            out.append((start, end, surface, norm, kind, rel, *token_keys(norm, kind, rel)))
        analysed = self._chunks[chunk] = tuple(out)
        return analysed


def tokenize(text: str) -> TokenList:
    """Tokens of `text` with the default segmenter."""
    return Tokenizer()(text)


CONJUNCTIONS = ("و", "ف")  # the proclitic conjunctions (وقال، فقتل)
COMMAS = frozenset({",", "،"})


def unsplit_conjunction(token: Token) -> bool:
    """Whether a word may still carry a conjunction the segmenter left on it (وسلوفينيا, a name too rare in the news
    vocabulary to be split; واعتصم): a long unsplit word that starts with و or ف."""
    return token.kind == "word" and not token._rel and token.norm[:1] in CONJUNCTIONS and len(token.norm) > 4


def has_pronoun(token: Token) -> bool:
    """Whether a word ends in a pronoun clitic (تمتلكها، إشادته)."""
    return bool(token._rel) and token._rel[-1][3] == "enclitic"


def has_proclitic(token: Token, *norms: str) -> bool:
    """Whether a word carries one of these proclitics (ب، ل، و ...)."""
    return any(role == "proclitic" and norm in norms for _, _, norm, role in token._rel)


def has_enclitic(token: Token, *norms: str) -> bool:
    """Whether a word carries one of these pronoun clitics (طائراتنا: نا)."""
    return any(role == "enclitic" and norm in norms for _, _, norm, role in token._rel)


def is_definite(token: Token) -> bool:
    """Whether a word has the article, also assimilated after ل (للحكومة: ل + (ا)ل)."""
    pro = [norm for _, _, norm, role in token._rel if role == "proclitic"]
    return bool(pro) and (pro[-1] == ARTICLE or pro[-2:] == ["ل", "ل"])


def definite_key(token: Token) -> str:
    """A token as dictionaries match it: its normalised stem, with the article if it has one
    (وبالعراق → العراق, للحكومة → الحكومه, لروسيا → روسيا); non-words give their normalised form."""
    return token.key
