"""CRF features for a sentence of Rasid tokens: the token, its clitics and stem, affixes, shape,
word clusters, trigger words, gazetteer matches, and a ±2 window of the same."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rasid.datafiles import builtin, read_tsv
from rasid.document import Token
from rasid.errors import DataFileError
from rasid.ner.clusters import SIZES, load_clusters, token_key
from rasid.text.normalize import normalize
from rasid.text.tokenize import Tokenizer

GAZETTEER_LABELS = ("PER", "ORG", "LOC", "MISC")
_NO_CLUSTER = ("?",) * len(SIZES)
OFFSETS = (-2, -1, 1, 2)
PADS = tuple(f"{off}:pad" for off in OFFSETS)
NAME_OFFSETS = (-1, 1)
MAX_GAZETTEER_WORDS = 6
MAX_CACHED_TYPES = 200_000
# What a token type contributes wherever it occurs: its key, its own features, and per offset in OFFSETS the
# features it gives the token at that distance.
TypeFeatures = tuple[str, list[str], tuple[list[str], ...]]


@dataclass
class Gazetteer:
    """Names by label, matched on sequences of normalised stems (longest match first)."""

    entries: dict[tuple[str, ...], str] = field(default_factory=dict)
    longest: int = 1

    firsts: set[str] = field(default_factory=set)
    lengths: dict[str, list[int]] = field(default_factory=dict)  # first stem -> its names' lengths, longest first

    def add(self, label: str, stems: tuple[str, ...]) -> None:
        """Add one name (as stems); a name listed under two labels keeps the first."""
        if stems and len(stems) <= MAX_GAZETTEER_WORDS:
            self.entries.setdefault(stems, label)
            self.firsts.add(stems[0])
            self.longest = max(self.longest, len(stems))
            lengths = self.lengths.setdefault(stems[0], [])
            if len(stems) not in lengths:
                lengths.append(len(stems))
                lengths.sort(reverse=True)

    def tag(self, stems: Sequence[str]) -> list[str]:
        """BIO gazetteer tags for a sentence of stems ("O" where nothing matches)."""
        out = ["O"] * len(stems)
        lengths = self.lengths
        starts = [i for i, stem in enumerate(stems) if stem in lengths]
        n_stems = len(stems)
        end = 0  # the first position not yet covered by a match
        for i in starts:
            if i < end:
                continue
            for n in lengths[stems[i]]:  # only the lengths of names that start so, longest first
                if n > n_stems - i:
                    continue
                label = self.entries.get(tuple(stems[i:i + n]))
                if label:
                    out[i] = f"B-{label}"
                    for j in range(i + 1, i + n):
                        out[j] = f"I-{label}"
                    end = i + n
                    break
        return out

    @classmethod
    def from_file(cls, path, tokenizer: Tokenizer) -> Gazetteer:
        """Read `label<TAB>name<TAB>source` rows; names are tokenized and stemmed like the text."""
        gaz = cls()
        for line, row in read_tsv(path, ("label", "name", "source")):
            if row["label"] not in GAZETTEER_LABELS:
                raise DataFileError(f"{getattr(path, 'name', path)}:{line}: unknown label {row['label']!r}")
            gaz.add(row["label"], tuple(token_key(t) for t in tokenizer(row["name"])))
        return gaz


def load_triggers(path) -> dict[str, str]:
    """Trigger words (normalised) → the entity label they announce."""
    out = {}
    for line, row in read_tsv(path, ("label", "word", "note")):
        if row["label"] not in GAZETTEER_LABELS:
            raise DataFileError(f"{getattr(path, 'name', path)}:{line}: unknown label {row['label']!r}")
        out[normalize(row["word"])] = row["label"]
    return out


class FeatureExtractor:
    """Turns a sentence of tokens into one list of string features per token."""

    def __init__(self, clusters: dict[str, tuple[str, ...]], gazetteer: Gazetteer, triggers: dict[str, str]):
        self.clusters = clusters
        self.gazetteer = gazetteer
        self.triggers = triggers
        self.names = Gazetteer()  # names learnt from the training data (see `rasid.ner.names`)
        self._local: dict[tuple[str, str], TypeFeatures] = {}

    @classmethod
    def default(cls, tokenizer: Tokenizer | None = None) -> FeatureExtractor:
        """The extractor built from the package's data files."""
        tokenizer = tokenizer or Tokenizer()
        return cls(load_clusters(builtin("ner", "clusters.tsv")),
                   Gazetteer.from_file(builtin("ner", "gazetteer.tsv"), tokenizer),
                   load_triggers(builtin("ner", "triggers.tsv")))

    @classmethod
    def from_dir(cls, folder: Path, tokenizer: Tokenizer | None = None) -> FeatureExtractor:
        """An extractor from a folder holding clusters.tsv, gazetteer.tsv and triggers.tsv."""
        tokenizer = tokenizer or Tokenizer()
        return cls(load_clusters(folder / "clusters.tsv"), Gazetteer.from_file(folder / "gazetteer.tsv", tokenizer),
                   load_triggers(folder / "triggers.tsv"))

    def sentence(self, tokens: Sequence[Token]) -> list[list[str]]:
        """Features for every token of a sentence (what the CRF is trained on)."""
        local = [self.token_features(t) for t in tokens]
        keys = [entry[0] for entry in local]
        gaz = self.gazetteer.tag(keys)
        names = self.names.tag(keys)
        n = len(tokens)
        out = []
        for i in range(n):
            feats = list(local[i][1])
            if gaz[i] != "O":
                feats.append("g=" + gaz[i])
            if names[i] != "O":
                feats.append("n=" + names[i])
            for off in NAME_OFFSETS:
                if 0 <= i + off < n and names[i + off] != "O":
                    feats.append(f"{off}n={names[i + off]}")
            for k, off in enumerate(OFFSETS):
                j = i + off
                if 0 <= j < n:
                    feats.extend(local[j][2][k])
                    if gaz[j] != "O":
                        feats.append(f"{off}g={gaz[j]}")
                else:
                    feats.append(PADS[k])
            if i > 0:
                feats.append(f"bi={keys[i - 1]}|{keys[i]}")
            if i + 1 < n:
                feats.append(f"bi+={keys[i]}|{keys[i + 1]}")
            out.append(feats)
        return out

    def token_features(self, token: Token) -> TypeFeatures:
        """(key, own features, what it gives each neighbour offset), cached by surface form and kind."""
        hit = self._local.get((token.text, token.kind))
        if hit is None:
            if len(self._local) > MAX_CACHED_TYPES:
                self._local.clear()
            hit = self._local[(token.text, token.kind)] = self.compute_features(token)
        return hit

    def compute_features(self, token: Token) -> TypeFeatures:
        """What `token_features` caches: the context-free features of a token type."""
        stem = token_key(token)
        segs = token._rel
        pre = "+".join(s[2] for s in segs if s[3] == "proclitic")
        enc = "+".join(s[2] for s in segs if s[3] == "enclitic")
        clusters = self.clusters.get(stem, _NO_CLUSTER)
        trigger = self.triggers.get(stem) or self.triggers.get(token.norm)
        own = ["b", f"w={token.norm}", f"s={stem}", f"k={token.kind}", f"pre={pre}", f"enc={enc}",
               f"len={min(len(stem), 8)}"]
        own += [f"c{i}={c}" for i, c in enumerate(clusters)]
        if token.kind == "word":
            own += [f"p{k}={stem[:k]}" for k in (1, 2, 3)] + [f"x{k}={stem[-k:]}" for k in (1, 2, 3, 4)]
        elif token.kind == "latin":
            own.append("cap" if token.text[:1].isupper() else "low")
        if trigger:
            own.append(f"t={trigger}")
        near = [f":s={stem}", f":c1={clusters[1]}", f":c2={clusters[2]}", f":pre={pre}", f":k={token.kind}"]
        if trigger:
            near.append(f":t={trigger}")
        return stem, own, tuple([f"{off}{f}" for f in near] for off in OFFSETS)
