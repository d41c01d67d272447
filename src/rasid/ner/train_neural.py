"""Training the neural tagger (`rasid.ner.neural`) with PyTorch, deterministically given a seed, and writing
its weights and vocabularies to one `.npz` file. PyTorch is needed only here (`pip install torch==2.13.0`)."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasid.errors import ModelError
from rasid.ner.clusters import token_key
from rasid.ner.corpus import AlignedSentence
from rasid.ner.features import FeatureExtractor
from rasid.ner.neural import FIELDS, MAX_CHARS, TAGS, Encoder, clitics

EPOCHS = 15  # chosen on the dev fold (the last 10% of ANERcorp train): F1 levels off after about 12
BATCH = 32
LEARNING_RATE = 2e-3
DIMS = {"word": 64, "c64": 8, "c256": 16, "c1024": 24, "gazetteer": 8, "trigger": 4, "clitics": 8, "kind": 4}
CHAR_DIMS, CHAR_FILTERS, HIDDEN = 24, 64, 128
DROPOUT, WORD_DROPOUT = 0.5, 0.1  # WORD_DROPOUT: share of training words read as unknown
MIN_WORD_COUNT = 2


def build_vocabs(sentences: Sequence[AlignedSentence], extractor: FeatureExtractor) -> dict[str, list[str]]:
    """The id of every string a field can take: index 0 is padding, 1 unknown."""
    words = Counter(token_key(t) for s in sentences for t in s.tokens)
    base = ["<pad>", "<unk>"]
    clusters = [sorted({c[k] for c in extractor.clusters.values()}) for k in range(3)]
    tokens = [t for s in sentences for t in s.tokens]
    return {
        "word": base + sorted(w for w, n in words.items() if n >= MIN_WORD_COUNT),
        "c64": base + clusters[0], "c256": base + clusters[1], "c1024": base + clusters[2],
        "gazetteer": base + list(TAGS),
        "trigger": base + sorted(set(extractor.triggers.values())),
        "clitics": base + sorted({clitics(t) for t in tokens}),
        "kind": base + sorted({t.kind for t in tokens}),
        "char": base + sorted({c for t in tokens for c in t.norm}),
    }


def train_neural(sentences: Sequence[AlignedSentence], extractor: FeatureExtractor, out: Path,
                 epochs: int = EPOCHS, seed: int = 13) -> None:
    """Train on aligned sentences and write `out` (.npz). The same data and seed give the same file."""
    net, vocabs = fit(sentences, extractor, epochs, seed)
    export(net, vocabs, out)


def fit(sentences: Sequence[AlignedSentence], extractor: FeatureExtractor, epochs: int = EPOCHS,
        seed: int = 13) -> tuple[Any, dict[str, list[str]]]:
    """The trained PyTorch network and its vocabularies."""
    try:
        import torch
    except ImportError:
        raise ModelError("training the neural NER tagger needs PyTorch: pip install torch==2.13.0") from None

    torch.manual_seed(seed)
    torch.set_num_threads(1)  # one thread: the same sums in the same order, so the same weights
    rng = random.Random(seed)
    vocabs = build_vocabs(sentences, extractor)
    encoder = Encoder(vocabs, extractor)
    index = {t: i for i, t in enumerate(TAGS)}
    data = [(*encoder.encode(s.tokens), [index[t] for t in s.tags]) for s in sentences if s.tokens]
    net = _network(torch, vocabs)
    optimiser = torch.optim.Adam(net.parameters(), lr=LEARNING_RATE)
    order = list(range(len(data)))
    for _ in range(epochs):
        net.train()
        rng.shuffle(order)
        for start in range(0, len(order), BATCH):
            ids, letters, labels, lengths = _batch(torch, [data[i] for i in order[start:start + BATCH]])
            optimiser.zero_grad()
            logits = net(ids, letters, lengths)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(TAGS)), labels.reshape(-1),
                                                     ignore_index=-100)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            optimiser.step()
    net.eval()
    return net, vocabs


def export(net: Any, vocabs: dict[str, list[str]], out: Path) -> None:
    """Write the network's weights (float16) and vocabularies to one .npz file."""
    import numpy as np

    arrays: dict[str, Any] = {f"vocab_{k}": np.array(v) for k, v in vocabs.items()}
    for name, emb in zip(FIELDS, net.fields, strict=True):
        arrays[f"emb.{name}"] = emb.weight.detach().numpy()
    arrays["emb.char"] = net.chars.weight.detach().numpy()
    arrays["conv.weight"], arrays["conv.bias"] = net.conv.weight.detach().numpy(), net.conv.bias.detach().numpy()
    for direction, suffix in (("fw", ""), ("bw", "_reverse")):
        for part, name in (("w_ih", "weight_ih"), ("w_hh", "weight_hh"), ("b_ih", "bias_ih"), ("b_hh", "bias_hh")):
            arrays[f"lstm.{direction}.{part}"] = getattr(net.lstm, f"{name}_l0{suffix}").detach().numpy()
    arrays["out.weight"], arrays["out.bias"] = net.out.weight.detach().numpy(), net.out.bias.detach().numpy()
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as fh:  # not np.savez's own file handling: a fixed name order and no timestamps
        np.savez_compressed(fh, **{k: arrays[k].astype(np.float16) if arrays[k].dtype.kind == "f" else arrays[k]
                                   for k in sorted(arrays)})


def _network(torch: Any, vocabs: dict[str, list[str]]) -> Any:
    nn = torch.nn

    class Tagger(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.fields = nn.ModuleList([nn.Embedding(len(vocabs[f]), DIMS[f]) for f in FIELDS])
            self.chars = nn.Embedding(len(vocabs["char"]), CHAR_DIMS)
            self.conv = nn.Conv1d(CHAR_DIMS, CHAR_FILTERS, 3, padding=1)
            self.drop = nn.Dropout(DROPOUT)
            self.lstm = nn.LSTM(sum(DIMS.values()) + CHAR_FILTERS, HIDDEN, batch_first=True, bidirectional=True)
            self.out = nn.Linear(2 * HIDDEN, len(TAGS))

        def forward(self, ids: Any, letters: Any, lengths: Any) -> Any:
            size, longest, _ = ids.shape
            chars = self.chars(letters.view(size * longest, MAX_CHARS)).transpose(1, 2)
            chars = torch.relu(self.conv(chars)).max(dim=2).values.view(size, longest, -1)
            words = ids[:, :, 0]
            if self.training:
                words = torch.where(torch.rand(words.shape) < WORD_DROPOUT, torch.ones_like(words), words)
            parts = [emb(words if k == 0 else ids[:, :, k]) for k, emb in enumerate(self.fields)]
            x = self.drop(torch.cat([*parts, chars], dim=-1))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
            hidden, _ = self.lstm(packed)
            hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=longest)
            return self.out(self.drop(hidden))

    return Tagger()


def _batch(torch: Any, items: list[tuple[list[list[int]], list[list[int]], list[int]]]) -> tuple[Any, ...]:
    longest = max(len(labels) for _, _, labels in items)
    ids = torch.zeros((len(items), longest, len(FIELDS)), dtype=torch.long)
    letters = torch.zeros((len(items), longest, MAX_CHARS), dtype=torch.long)
    labels = torch.full((len(items), longest), -100, dtype=torch.long)
    for b, (rows, chars, tags) in enumerate(items):
        n = len(tags)
        ids[b, :n], letters[b, :n], labels[b, :n] = torch.tensor(rows), torch.tensor(chars), torch.tensor(tags)
    return ids, letters, labels, torch.tensor([len(t) for _, _, t in items])
