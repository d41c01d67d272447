"""A character-aware neural tagger that votes with the CRF: per token, embeddings of its stem, word clusters,
gazetteer match, trigger word, clitics and kind, plus a convolution over its letters, read by a
bidirectional LSTM into a probability for each BIO tag.

Inference is plain numpy (no deep-learning library at run time); `rasid.ner.train_neural` trains it with
PyTorch and writes the weights and vocabularies to one `.npz` file next to the CRF model.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasid.document import Token
from rasid.errors import ModelError
from rasid.ner.clusters import token_key
from rasid.ner.features import FeatureExtractor

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
FIELDS = ("word", "c64", "c256", "c1024", "gazetteer", "trigger", "clitics", "kind")  # one id per token each
MAX_CHARS = 16  # letters of a token's normalised form read by the convolution
BATCH = 32  # sentences run together (sorted by length, so little padding)
MAX_CACHED_TYPES = 100_000  # token types whose input vectors are kept (about 1 kB each)
PAD, UNK = 0, 1


def neural_path(model: Path | str) -> Path:
    """Where the neural tagger of a CRF model file lives (model.crfsuite → model.neural.npz)."""
    path = Path(model)
    return path.with_name(path.stem + ".neural.npz")


def clitics(token: Token) -> str:
    """The token's proclitics and enclitics as one string (و+ال|ه)."""
    segs = token._rel
    return ("+".join(s[2] for s in segs if s[3] == "proclitic") + "|"
            + "+".join(s[2] for s in segs if s[3] == "enclitic"))


class Encoder:
    """Turns tokens into the integer ids the network reads (the same in training and tagging)."""

    def __init__(self, vocabs: dict[str, list[str]], extractor: FeatureExtractor) -> None:
        self.vocabs = vocabs
        self.index = {name: {s: i for i, s in enumerate(items)} for name, items in vocabs.items()}
        self.extractor = extractor

    def _id(self, name: str, value: str | None) -> int:
        return PAD if value is None else self.index[name].get(value, UNK)

    def token(self, token: Token) -> tuple[list[int], list[int]]:
        """The ids of FIELDS that depend on the token alone (the gazetteer's is PAD), and its letter ids."""
        key = token_key(token)
        clusters = self.extractor.clusters.get(key, ("?", "?", "?"))
        trigger = self.extractor.triggers.get(key) or self.extractor.triggers.get(token.norm)
        row = [self._id("word", key), self._id("c64", clusters[0]), self._id("c256", clusters[1]),
               self._id("c1024", clusters[2]), PAD, self._id("trigger", trigger),
               self._id("clitics", clitics(token)), self._id("kind", token.kind)]
        ids = [self._id("char", c) for c in token.norm[:MAX_CHARS]]
        return row, ids + [PAD] * (MAX_CHARS - len(ids))

    def gazetteer(self, tokens: Sequence[Token]) -> list[int]:
        """The gazetteer field's id of each token (its BIO match in the sentence)."""
        return [self._id("gazetteer", tag) for tag in self.extractor.gazetteer.tag([token_key(t) for t in tokens])]

    def encode(self, tokens: Sequence[Token]) -> tuple[list[list[int]], list[list[int]]]:
        """Per token: the ids of FIELDS, and MAX_CHARS letter ids (PAD after the word's end)."""
        rows, letters = [], []
        for token, gaz in zip(tokens, self.gazetteer(tokens), strict=True):
            row, chars = self.token(token)
            row[FIELDS.index("gazetteer")] = gaz
            rows.append(row)
            letters.append(chars)
        return rows, letters


class NeuralTagger:
    """The trained network, run with numpy: sentences of tokens in, tag probabilities (in TAGS order) out.

    What a token contributes on its own (its embeddings and letter convolution) is cached by token type;
    sentences are run in batches of similar length.
    """

    def __init__(self, path: Path | str, extractor: FeatureExtractor) -> None:
        import numpy as np

        self.np = np
        try:
            with np.load(path, allow_pickle=False) as data:
                arrays = {k: data[k] for k in data.files}
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the neural NER model {path}: {exc}") from None
        vocabs = {k[len("vocab_"):]: [str(s) for s in v] for k, v in arrays.items() if k.startswith("vocab_")}
        self.encoder = Encoder(vocabs, extractor)
        self.w = w = {k: v.astype(np.float32) for k, v in arrays.items() if not k.startswith("vocab_")}
        self._conv = w["conv.weight"].transpose(2, 1, 0).reshape(-1, w["conv.weight"].shape[0])
        self._w_ih = np.concatenate([w["lstm.fw.w_ih"], w["lstm.bw.w_ih"]]).T  # both directions at once
        self._bias = np.concatenate([w["lstm.fw.b_ih"] + w["lstm.fw.b_hh"], w["lstm.bw.b_ih"] + w["lstm.bw.b_hh"]])
        self._gaz = FIELDS.index("gazetteer")
        self._types: dict[tuple[str, str], Any] = {}

    def probabilities(self, sentences: Sequence[Sequence[Token]]) -> list[Any]:
        """A (tokens × TAGS) probability matrix for each sentence (none may be empty)."""
        order = sorted(range(len(sentences)), key=lambda b: len(sentences[b]))
        out: list[Any] = [None] * len(sentences)
        for start in range(0, len(order), BATCH):
            chunk = order[start:start + BATCH]
            for b, probs in zip(chunk, self._batch([sentences[b] for b in chunk]), strict=True):
                out[b] = probs
        return out

    def _batch(self, sentences: list[Sequence[Token]]) -> list[Any]:
        np, w = self.np, self.w
        lengths = np.array([len(s) for s in sentences])
        tokens = [t for s in sentences for t in s]
        x = np.concatenate([self._local(tokens), w["emb.gazetteer"][
            [g for s in sentences for g in self.encoder.gazetteer(s)]]], axis=1)
        inputs = x[:, self._order] @ self._w_ih + self._bias  # (tokens, 2 · 4 · hidden), real tokens only
        gates = inputs.shape[1] // 2
        size, longest = len(sentences), int(lengths.max())
        fw = np.zeros((size, longest, gates), dtype=np.float32)
        bw = np.zeros((size, longest, gates), dtype=np.float32)
        at = 0
        for b, n in enumerate(lengths.tolist()):
            fw[b, :n] = inputs[at:at + n, :gates]
            bw[b, :n] = inputs[at:at + n, gates:][::-1]
            at += n
        forward = self._lstm(fw, lengths, "fw")
        backward = self._lstm(bw, lengths, "bw")
        hidden = np.concatenate([np.concatenate([forward[b, :n], backward[b, :n][::-1]], axis=1)
                                 for b, n in enumerate(lengths.tolist())])
        logits = hidden @ w["out.weight"].T + w["out.bias"]
        logits -= logits.max(axis=1, keepdims=True)
        probs = np.exp(logits)
        probs /= probs.sum(axis=1, keepdims=True)
        return np.split(probs, np.cumsum(lengths)[:-1])

    @property
    def _order(self) -> Any:
        """Columns of [token-only fields, gazetteer] in the network's input order (FIELDS, then letters)."""
        if not hasattr(self, "_columns"):
            dims = [self.w[f"emb.{f}"].shape[1] for f in FIELDS]
            local = sum(dims) - dims[self._gaz] + self.w["conv.bias"].shape[0]
            before = sum(dims[:self._gaz])
            gaz = list(range(local, local + dims[self._gaz]))
            self._columns = self.np.array(list(range(before)) + gaz + list(range(before, local)))
        return self._columns

    def _local(self, tokens: list[Token]) -> Any:
        """Per token, its type's cached vector: the embeddings of FIELDS but the gazetteer, then the letters'."""
        np, w, cache = self.np, self.w, self._types
        missing = list({(t.text, t.kind): t for t in tokens if (t.text, t.kind) not in cache}.items())
        if missing:
            if len(cache) > MAX_CACHED_TYPES:
                cache.clear()
            encoded = [self.encoder.token(t) for _, t in missing]
            ids = np.array([row for row, _ in encoded])
            parts = [w[f"emb.{f}"][ids[:, k]] for k, f in enumerate(FIELDS) if k != self._gaz]
            parts.append(self._letters(np.array([chars for _, chars in encoded])))
            for (key, _), vector in zip(missing, np.concatenate(parts, axis=1), strict=True):
                cache[key] = vector
        return np.stack([cache[(t.text, t.kind)] for t in tokens])

    def _letters(self, letters: Any) -> Any:
        """Max-pooled convolution (width 3, zero-padded) over each token's letter embeddings."""
        np, w = self.np, self.w
        n_chars = letters.shape[1]
        emb = w["emb.char"][letters]  # (tokens, letters, dims)
        padded = np.pad(emb, ((0, 0), (1, 1), (0, 0)))
        windows = np.concatenate([padded[:, k:k + n_chars] for k in range(3)], axis=-1)  # (tokens, letters, 3·dims)
        return np.maximum(windows @ self._conv + w["conv.bias"], 0.0).max(axis=1)

    def _lstm(self, inputs: Any, lengths: Any, direction: str) -> Any:
        """One direction of the LSTM (PyTorch's gate order i, f, g, o) over projected inputs; a sentence's
        state stops at its end."""
        np = self.np
        w_hh = self.w[f"lstm.{direction}.w_hh"].T.copy()
        size, longest, _ = inputs.shape
        hidden = w_hh.shape[0]
        h = np.zeros((size, hidden), dtype=np.float32)
        c = np.zeros((size, hidden), dtype=np.float32)
        out = np.zeros((size, longest, hidden), dtype=np.float32)
        for t in range(longest):
            gates = inputs[:, t] + h @ w_hh
            act = _sigmoid(np, gates)  # i, f and o; g is the tanh of its own quarter
            c_new = act[:, hidden:2 * hidden] * c + act[:, :hidden] * np.tanh(gates[:, 2 * hidden:3 * hidden])
            h_new = act[:, 3 * hidden:] * np.tanh(c_new)
            if t >= lengths.min():  # some sentences have ended: keep their last state
                live = (t < lengths)[:, None]
                h_new, c_new = np.where(live, h_new, h), np.where(live, c_new, c)
            h, c = h_new, c_new
            out[:, t] = h
        return out


def _sigmoid(np: Any, x: Any) -> Any:
    return 0.5 * (np.tanh(0.5 * x) + 1.0)
