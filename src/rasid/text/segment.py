"""Clitic segmentation: split an Arabic word into proclitics, stem and enclitics, with exact offsets.

Candidates come from the clitic inventory (`data/text/clitics.tsv`); each is scored by how often its
stem occurs as a word of its own in a news vocabulary (`data/text/vocab.tsv`, built by `rasid train
vocab`) plus a weight per clitic. A lexicon (`data/text/segment_lexicon.tsv`) fixes the segmentation
of words that only look like clitic + stem, and lists the short words that may stand as a stem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources.abc import Traversable
from pathlib import Path

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError
from rasid.text.normalize import normalize, removed_chars

# A segment relative to its word: (start, end, normalised text, role).
RelSegment = tuple[int, int, str, str]
MIN_STEM = 3  # a stem shorter than this must be listed in the lexicon as a short stem
MIN_ARTICLE_STEM = 2
_REMOVED = removed_chars()


def strip_marks(word: str) -> str:
    """The word without the characters normalisation deletes (diacritics, tatweel), hamza kept."""
    return "".join(ch for ch in word if ch not in _REMOVED)


@dataclass(frozen=True, slots=True)
class Clitic:
    """One clitic of the inventory: its written form, slot, score weight and what may follow it."""

    form: str
    slot: str
    weight: float
    auto: bool
    next: str


class Segmenter:
    """Segment Arabic words into clitics and stem; results are cached per surface form."""

    def __init__(
        self,
        clitics: list[Clitic],
        vocab: dict[str, int],
        fixed: dict[str, tuple[str, ...]],
        short_stems: frozenset[str],
        cache_size: int = 200_000,
    ) -> None:
        self.vocab = vocab
        self.fixed = fixed
        self.short_stems = short_stems
        self._by_slot = {slot: [c for c in clitics if c.slot == slot and c.auto] for slot in
                         ("conj", "prep", "future", "article", "enclitic")}
        self._enclitic_forms = frozenset(c.form for c in clitics if c.slot == "enclitic")
        self._cache: dict[str, tuple[str, tuple[RelSegment, ...]]] = {}
        self._cache_size = cache_size

    @classmethod
    def default(cls) -> Segmenter:
        """The segmenter built from the data files shipped in the package."""
        return _default_segmenter()

    @classmethod
    def from_files(cls, clitics: Traversable | Path, vocab: Traversable | Path,
                   lexicon: Traversable | Path) -> Segmenter:
        """Build a segmenter from a clitic inventory, a vocabulary and a lexicon file."""
        fixed, short = load_lexicon(lexicon)
        return cls(load_clitics(clitics), load_vocab(vocab), fixed, short)

    def segment(self, word: str) -> tuple[str, tuple[RelSegment, ...]]:
        """The word's normalised form and its segments (empty when it is a single segment)."""
        hit = self._cache.get(word)
        if hit is None:
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            hit = self._cache[word] = self._analyse(word)
        return hit

    def _analyse(self, word: str) -> tuple[str, tuple[RelSegment, ...]]:
        norm = normalize(word)
        base = [i for i, ch in enumerate(word) if ch not in _REMOVED]
        light = "".join(word[i] for i in base)
        if len(light) != len(norm) or len(norm) < 2:
            return norm, ()
        parts = self.split(light, norm)
        if len(parts) < 2:
            return norm, ()
        cuts = [0]
        for _, piece in parts:
            cuts.append(cuts[-1] + len(piece))
        starts = [0] + [base[k] for k in cuts[1:-1]] + [len(word)]
        return norm, tuple(
            (starts[j], starts[j + 1], norm[cuts[j]:cuts[j + 1]], role) for j, (role, _) in enumerate(parts)
        )

    def split(self, light: str, norm: str) -> list[tuple[str, str]]:
        """Best (role, piece) split of a word given without diacritics (`light`) and normalised (`norm`)."""
        fixed = self._fixed(light, norm)
        if fixed:
            return _roles(fixed, self._enclitic_forms)
        best_score, best = math.log1p(self.vocab.get(norm, 0)), [("stem", norm)]
        for score, parts in self._candidates(light, norm):
            if score > best_score or (score == best_score and len(parts) < len(best)):
                best_score, best = score, parts
        return best

    def _candidates(self, light: str, norm: str):
        for conj in [None, *self._by_slot["conj"]]:
            p1 = len(conj.form) if conj else 0
            if conj:
                if not light.startswith(conj.form) or len(norm) - p1 < 2:
                    continue
                rest = norm[p1:]
                fixed = self._fixed(light[p1:], rest)
                if fixed:
                    yield (conj.weight + math.log1p(self.vocab.get(rest, 0)) + 5.0,
                           [("proclitic", conj.form), *_roles(fixed, self._enclitic_forms)])
                    continue
            for prep in [None, *self._by_slot["prep"], *self._by_slot["future"]]:
                p2 = p1 + (len(prep.form) if prep else 0)
                if prep and (not light.startswith(prep.form, p1) or not _may_follow(prep, light, p2)):
                    continue
                yield from self._with_article(light, norm, [c for c in (conj, prep) if c], p2)

    def _with_article(self, light: str, norm: str, pre: list[Clitic], pos: int):
        articles: list[tuple[Clitic | None, int]] = [(None, 0)]
        for art in self._by_slot["article"]:
            if pre and pre[-1].form == "ل" and pre[-1].slot == "prep" and light.startswith("ل", pos):
                articles.append((art, 1))  # ل + ال is written لل: ل+ل+حكومة
                articles.append((art, 0))  # ... and لل before a stem in ل: ل+لجنة, nothing left of ال
            elif light.startswith(art.form, pos) and (not pre or pre[-1].slot != "future"):
                articles.append((art, len(art.form)))
        for art, width in articles:
            p3 = pos + width
            encs: list[Clitic | None] = [None] if art else [None, *self._by_slot["enclitic"]]
            for enc in encs:
                end = len(norm) - (len(enc.form) if enc else 0)
                if enc and not light.endswith(enc.form):
                    continue
                stem = norm[p3:end]
                if not pre and not art and not enc:
                    continue
                if not self._stem_ok(light[p3:end], art is not None):
                    continue
                if not art and light.startswith("ال", p3) and light[p3:end] not in self.fixed:
                    continue  # بالحكومة is ب+ال+حكومة, never ب+الحكومة
                weight = sum(c.weight for c in pre) + (art.weight if art else 0) + (enc.weight if enc else 0)
                if art:
                    freq = max(self._stem_freq(stem), self.vocab.get(norm, 0))
                else:
                    freq = self._stem_freq(stem, light[p3:end] if enc else "")
                    if freq < 1:
                        continue  # a stem never seen as a word of its own
                parts = _proclitics(norm, pre, art and width, pos)
                parts.append(("stem", stem))
                if enc:
                    parts.append(("enclitic", norm[end:]))
                yield weight + math.log1p(freq), parts

    def _fixed(self, light: str, norm: str) -> tuple[str, ...] | None:
        """The lexicon's segmentation: by the exact spelling first (كأن), else by the normalised one."""
        pieces = self.fixed.get(light) or self.fixed.get(_loose(light, norm))
        if pieces and len(light) == len(norm):
            return tuple(norm[a:b] for a, b in _cuts(pieces))
        return None

    def _stem_ok(self, light_stem: str, after_article: bool) -> bool:
        if after_article:
            return len(light_stem) >= MIN_ARTICLE_STEM
        return len(light_stem) >= MIN_STEM or light_stem in self.short_stems

    def _stem_freq(self, stem: str, before_enclitic: str = "") -> int:
        """How often the stem occurs as a word, bare or with the article; `before_enclitic` is its
        spelling before a pronoun, where ة is written ت (حكومت+ها) and a final hamza sits on a seat
        (احتوائ+ها)."""
        forms = [stem]
        if before_enclitic.endswith("ت"):
            forms.append(stem[:-1] + "ه")
        elif before_enclitic.endswith(("ئ", "ؤ")):
            forms.append(stem[:-1] + "ء")
        return max(self.vocab.get(f, 0) + self.vocab.get("ال" + f, 0) for f in forms)


def _loose(light: str, norm: str) -> str:
    """A lookup key that forgives alef, hamza and ya spellings but keeps ta marbuta (آلية is not إليه)."""
    if len(light) != len(norm):
        return norm
    return "".join("ة" if c == "ة" else n for c, n in zip(light, norm, strict=True))


def _cuts(pieces: tuple[str, ...]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for piece in pieces:
        spans.append((at, at + len(piece)))
        at += len(piece)
    return spans


def _may_follow(clitic: Clitic, light: str, pos: int) -> bool:
    """Whether the text at `pos` may follow the clitic (its `next` column: allowed beginnings)."""
    return not clitic.next or any(light.startswith(b, pos) for b in clitic.next.split())


def _proclitics(norm: str, pre: list[Clitic], article_width: int, pos: int) -> list[tuple[str, str]]:
    """The proclitic pieces of a candidate: the clitics in `pre`, then the article at `pos`."""
    parts, at = [], 0
    for c in pre:
        parts.append(("proclitic", norm[at:at + len(c.form)]))
        at += len(c.form)
    if article_width:
        parts.append(("proclitic", norm[pos:pos + article_width]))
    return parts


def _roles(pieces: tuple[str, ...], enclitics: frozenset[str]) -> list[tuple[str, str]]:
    """Roles for a lexicon split: trailing enclitics, the host before them, proclitics before it."""
    n_enc = 0
    while n_enc < len(pieces) - 1 and pieces[len(pieces) - 1 - n_enc] in enclitics:
        n_enc += 1
    stem_at = len(pieces) - 1 - n_enc
    return [("stem" if i == stem_at else "enclitic" if i > stem_at else "proclitic", p) for i, p in enumerate(pieces)]


def load_clitics(path: Traversable | Path) -> list[Clitic]:
    """Read the clitic inventory."""
    out = []
    for line, row in read_tsv(path, ("form", "slot", "role", "weight", "auto", "next")):
        if row["slot"] not in {"conj", "prep", "future", "article", "enclitic"} or row["auto"] not in {"yes", "no"}:
            raise DataFileError(f"{path.name}:{line}: bad slot {row['slot']!r} or auto {row['auto']!r}")
        try:
            weight = float(row["weight"])
        except ValueError:
            raise DataFileError(f"{path.name}:{line}: weight {row['weight']!r} is not a number") from None
        out.append(Clitic(normalize(row["form"]), row["slot"], weight, row["auto"] == "yes", row["next"]))
    return out


def load_vocab(path: Traversable | Path) -> dict[str, int]:
    """Read a `word<TAB>count` vocabulary of normalised words."""
    vocab = {}
    for line, row in read_tsv(path, ("word", "count")):
        if not row["count"].isdigit():
            raise DataFileError(f"{path.name}:{line}: count {row['count']!r} is not a number")
        vocab[row["word"]] = int(row["count"])
    return vocab


def load_lexicon(path: Traversable | Path) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Read the segmentation lexicon: fixed segmentations and short stems."""
    fixed: dict[str, tuple[str, ...]] = {}
    short: set[str] = set()
    for line, row in read_tsv(path, ("word", "segments", "kind")):
        word = strip_marks(row["word"])
        pieces = tuple(strip_marks(p) for p in row["segments"].split("+"))
        if "".join(pieces) != word or not all(pieces):
            raise DataFileError(f"{path.name}:{line}: segments {row['segments']!r} do not spell {row['word']!r}")
        if row["kind"] == "fixed":
            fixed[word] = pieces
            fixed.setdefault(_loose(word, normalize(word)), pieces)  # first listed wins a clash: كان, كأن
        elif row["kind"] == "stem" and len(pieces) == 1:
            short.add(strip_marks(row["word"]))  # short stems keep their hamza: أن is a stem, ان (in كان) is not
        else:
            raise DataFileError(f"{path.name}:{line}: kind must be 'fixed' or 'stem' (a single word)")
    return fixed, frozenset(short)


@lru_cache(maxsize=1)
def _default_segmenter() -> Segmenter:
    return Segmenter.from_files(
        builtin("text", "clitics.tsv"), builtin("text", "vocab.tsv"), builtin("text", "segment_lexicon.tsv")
    )
