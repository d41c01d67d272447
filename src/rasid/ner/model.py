"""Training the CRF and tagging with it; BIO repair; scoring on a corpus at its own token level."""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

from rasid.datafiles import builtin
from rasid.document import Token
from rasid.errors import ModelError
from rasid.ner.clusters import token_key
from rasid.ner.corpus import AlignedSentence
from rasid.ner.evaluate import NerScore, chunks
from rasid.ner.features import (
    GAZETTEER_LABELS,
    NAME_OFFSETS,
    OFFSETS,
    PADS,
    FeatureExtractor,
    Gazetteer,
)
from rasid.ner.names import names_path, read_names

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200}
IN_DOMAIN = "N"  # news: the domain the model tags
MAX_SCORED_TYPES = 50_000  # token types whose score vectors are kept (about 0.5 kB each)
DOMAIN_MARK = "|"
PAD_WIDTH = max(abs(off) for off in OFFSETS)  # positions read beyond each end of a sentence


class NerTagger:
    """A trained CRF with its feature extractor: tokens in, BIO tags out.

    With numpy installed the CRF's weights are read once and sentences are scored by composing cached
    per-token-type score vectors (exactly the features `FeatureExtractor.sentence` gives the CRF) and
    decoded by Viterbi, many sentences at a time; without numpy, crfsuite's own tagger does the work.
    The model's learnt names (`<model>.names.tsv`) are set on the extractor it is given.
    """

    def __init__(self, model_path: Path | str, extractor: FeatureExtractor, fast: bool = True) -> None:
        import pycrfsuite

        self.extractor = extractor
        extractor.names = read_names(names_path(model_path))
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(model_path))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the NER model {model_path}: {exc}") from None
        try:
            labels, transitions, state = _read_model(model_path)
        except ValueError:  # a layout this reader does not know: crfsuite's own tagger does all the work
            labels, transitions, state, fast = [], [], [], False
        self._augmented = any(_domain(attr) == IN_DOMAIN for attr, _, _ in state)
        self._scorer = _Scorer.create(labels, transitions, state, extractor) if fast else None
        self._last: object = None

    @classmethod
    def default(cls) -> NerTagger:
        """The model and resources shipped in the package."""
        return cls(str(builtin("ner", "model.crfsuite")), FeatureExtractor.default())

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """BIO tags (B-PER, I-ORG, O ...) for one sentence of tokens."""
        if not tokens:
            return []
        if self._scorer is not None:
            self._last = scores = self._scorer.emissions(tokens)
            raw = self._scorer.viterbi([scores])[0]
        else:
            feats = self.extractor.sentence(tokens)
            raw = self._tagger.tag(augment(feats, IN_DOMAIN) if self._augmented else feats)
        return known_names(tokens, split_coordination(tokens, repair_bio(raw)), self.extractor.names)

    def marginals(self, tokens: Sequence[Token], tags: Sequence[str]) -> list[float]:
        """The probability of each tag of the last `tag` call's sentence (same tokens)."""
        if self._scorer is not None:
            return self._scorer.marginals([self._last], [tags])[0]
        return [self._tagger.marginal(tag, i) for i, tag in enumerate(tags)]

    def tag_many(self, sentences: Sequence[Sequence[Token]],
                 with_marginals: bool = False) -> tuple[list[list[str]], list[list[float]]]:
        """Tags for many sentences at once (faster than one by one), and each tag's probability if asked."""
        if self._scorer is None:
            tags = [self.tag(s) for s in sentences]
            probs = [self.marginals(s, t) if with_marginals and s else [] for s, t in zip(sentences, tags, strict=True)]
            return tags, probs
        scores = [self._scorer.emissions(s) if s else None for s in sentences]
        live = [i for i, s in enumerate(sentences) if s]
        tags: list[list[str]] = [[] for _ in sentences]
        for i, raw in zip(live, self._scorer.viterbi([scores[i] for i in live]), strict=True):
            tags[i] = known_names(sentences[i], split_coordination(sentences[i], repair_bio(raw)), self.extractor.names)
        probs: list[list[float]] = [[] for _ in sentences]
        if with_marginals:
            for i, p in zip(live, self._scorer.marginals([scores[i] for i in live], [tags[i] for i in live]),
                            strict=True):
                probs[i] = p
        return tags, probs


def _add_matches(scores: Any, tags: Sequence[str], own: dict, near: dict, offsets: Sequence[int]) -> None:
    """Add the weights of gazetteer or learnt-name BIO matches to a token's scores and its neighbours'."""
    n = len(scores)
    for j, g in enumerate(tags):
        if g != "O":
            scores[j] += own[g]
            weights = near[g]
            for k, off in enumerate(offsets):
                if 0 <= j - off < n:
                    scores[j - off] += weights[k]


def _domain(attr: str) -> str:
    """The domain of a domain-prefixed feature (`N|w=...` → N), or "" for a plain one (never starts so)."""
    return attr[0] if attr[1:2] == DOMAIN_MARK and attr[:1].isupper() else ""


def _read_model(path: Path | str) -> tuple[list[str], list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    """The labels (in id order), transitions and state features of a crfsuite CRF1d model file, read
    from its binary layout (header, label and attribute CQDBs, then 20-byte features: type, source,
    target, float64 weight); raises ValueError if the file is not laid out so."""
    data = Path(path).read_bytes()
    try:
        (magic, _, kind, _, _, n_labels, n_attrs, off_features, off_labels, off_attrs, _, _) = struct.unpack_from(
            "<4sI4sIIIIIIIII", data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError("not a crfsuite CRF1d model")
        labels = _cqdb_strings(data, off_labels, n_labels)
        attrs = _cqdb_strings(data, off_attrs, n_attrs)
        chunk, _, count = struct.unpack_from("<4sII", data, off_features)
        if chunk != b"FEAT":
            raise ValueError("no feature chunk")
        transitions: list[tuple[str, str, float]] = []
        state: list[tuple[str, str, float]] = []
        features = data[off_features + 12:off_features + 12 + 20 * count]
        for kind_id, src, dst, weight in struct.iter_unpack("<IIId", features):
            if kind_id == 0:
                state.append((attrs[src], labels[dst], weight))
            else:
                transitions.append((labels[src], labels[dst], weight))
    except (struct.error, IndexError, UnicodeDecodeError) as exc:
        raise ValueError(f"unreadable crfsuite model: {exc}") from None
    return labels, transitions, state


def _cqdb_strings(data: bytes, offset: int, count: int) -> list[str]:
    """The strings with ids 0..count-1 of the CQDB (constant quark database) at `offset`."""
    chunk, _, _, _, _, backward = struct.unpack_from("<4sIIIII", data, offset)
    if chunk != b"CQDB":
        raise ValueError("no CQDB chunk")
    out = []
    for i in range(count):
        (record,) = struct.unpack_from("<I", data, offset + backward + 4 * i)
        ident, size = struct.unpack_from("<II", data, offset + record)
        if ident != i:
            raise ValueError("CQDB ids out of order")
        start = offset + record + 8
        out.append(data[start:start + size - 1].decode("utf-8"))
    return out


class _Scorer:
    """The CRF's weights as numpy arrays: emission scores per token type, cached, and exact decoding."""

    def __init__(self, np, labels: list[str], weights: dict[str, object], transitions,
                 extractor: FeatureExtractor) -> None:
        self.np = np
        self.labels = labels
        self.label_index = {label: i for i, label in enumerate(labels)}
        self.weights = weights
        self.transitions = transitions
        self.exp_transitions = np.exp(transitions)
        self.extractor = extractor
        self.zero = np.zeros(len(labels))
        self.pads = np.stack([self._sum([pad]) for pad in PADS])
        self.gaz_own = {f"{p}-{label}": self._sum([f"g={p}-{label}"]) for p in "BI" for label in GAZETTEER_LABELS}
        self.gaz_near = {f"{p}-{label}": [self._sum([f"{off}g={p}-{label}"]) for off in OFFSETS]
                         for p in "BI" for label in GAZETTEER_LABELS}
        self.names_own = {f"{p}-{label}": self._sum([f"n={p}-{label}"]) for p in "BI" for label in GAZETTEER_LABELS}
        self.names_near = {f"{p}-{label}": [self._sum([f"{off}n={p}-{label}"]) for off in NAME_OFFSETS]
                           for p in "BI" for label in GAZETTEER_LABELS}
        # Stem bigram weights by (left key, right key): every split of a known `bi=a|b` at a "|" is listed,
        # so a pair is found exactly when its joined string is a known feature.
        self.bigrams: dict[tuple[str, str], object] = {}
        self.bigrams_next: dict[tuple[str, str], object] = {}
        for attr, w in weights.items():
            for prefix, table in (("bi=", self.bigrams), ("bi+=", self.bigrams_next)):
                if attr.startswith(prefix):
                    pair = attr[len(prefix):]
                    for p, ch in enumerate(pair):
                        if ch == "|":
                            table[(pair[:p], pair[p + 1:])] = w
        # Token types' score vectors, one row of shape (1 + offsets, labels) each: own, then given to each offset.
        # Row 0 stands for the positions beyond a sentence's ends: it gives each offset its pad feature's weights.
        self._rows = np.zeros((1024, 1 + len(OFFSETS), len(labels)))
        self._rows[0, 1:] = self.pads
        self._types: dict[tuple[str, str], tuple[str, int]] = {}  # (text, kind) -> (key, row)

    @classmethod
    def create(cls, labels: list[str], transitions: list[tuple[str, str, float]],
               state: list[tuple[str, str, float]], extractor: FeatureExtractor) -> _Scorer | None:
        """A scorer for a CRF's labels, transitions and state features, or None without numpy.

        A feature given with the in-domain prefix adds its weight to the plain feature's; other domains'
        features are left out (they never fire on the text being tagged).
        """
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - numpy is optional
            return None
        index = {label: i for i, label in enumerate(labels)}
        attrs: dict[str, int] = {}
        rows, cols, values = [], [], []
        for attr, label, w in state:
            domain = _domain(attr)
            if domain:
                if domain != IN_DOMAIN:
                    continue
                attr = attr[len(domain) + len(DOMAIN_MARK):]
            rows.append(attrs.setdefault(attr, len(attrs)))
            cols.append(index[label])
            values.append(w)
        matrix = np.zeros((len(attrs), len(labels)))
        np.add.at(matrix, (rows, cols), values)
        weights = dict(zip(attrs, matrix, strict=True))
        trans = np.zeros((len(labels), len(labels)))
        for src, dst, w in transitions:
            trans[index[src], index[dst]] = w
        transitions = trans
        return cls(np, labels, weights, transitions, extractor)

    def _sum(self, features: Sequence[str]):
        """The summed weight vector of some features (unknown ones weigh nothing)."""
        out = self.zero.copy()
        for f in features:
            w = self.weights.get(f)
            if w is not None:
                out += w
        return out

    def _type(self, token: Token) -> tuple[str, int]:
        """(key, row of `_rows` holding its scores) of a token type, scored on first sight."""
        hit = self._types.get((token.text, token.kind))
        if hit is None:
            key, own, near = self.extractor.compute_features(token)
            row = len(self._types) + 1
            if row == len(self._rows):
                self._rows = self.np.concatenate([self._rows, self.np.zeros_like(self._rows)])
            self._rows[row] = self.np.stack([self._sum(own), *(self._sum(f) for f in near)])
            hit = self._types[(token.text, token.kind)] = (key, row)
        return hit

    def emissions(self, tokens: Sequence[Token]):
        """The (tokens, labels) matrix of state scores: the same sums crfsuite makes."""
        cache = self._types
        if len(cache) > MAX_SCORED_TYPES:  # only between sentences: rows in use are never reused
            cache.clear()
        types = [cache.get((t.text, t.kind)) or self._type(t) for t in tokens]
        keys = [k for k, _ in types]
        pad = PAD_WIDTH
        n = len(tokens)
        table = self._rows[[0] * pad + [row for _, row in types] + [0] * pad]  # padded with row 0 at both ends
        scores = table[pad:pad + n, 0].copy()
        for k, off in enumerate(OFFSETS):
            scores += table[pad + off:pad + off + n, 1 + k]
        _add_matches(scores, self.extractor.gazetteer.tag(keys), self.gaz_own, self.gaz_near, OFFSETS)
        _add_matches(scores, self.extractor.names.tag(keys), self.names_own, self.names_near, NAME_OFFSETS)
        bigrams, bigrams_next = self.bigrams, self.bigrams_next
        for i, pair in enumerate(pairwise(keys), start=1):
            w = bigrams.get(pair)
            if w is not None:
                scores[i] += w
            w = bigrams_next.get(pair)
            if w is not None:
                scores[i - 1] += w
        return scores

    def _padded(self, scores: Sequence[object]):
        """Sentences' scores as one (sentences, longest, labels) array, and their lengths."""
        np = self.np
        lengths = np.array([len(s) for s in scores])
        batch = np.zeros((len(scores), int(lengths.max()), len(self.labels)))
        for b, s in enumerate(scores):
            batch[b, :len(s)] = s
        return batch, lengths

    def viterbi(self, scores: Sequence[object]) -> list[list[str]]:
        """The best label sequence of each sentence (all decoded together)."""
        if not scores:
            return []
        np = self.np
        batch, lengths = self._padded(scores)
        size, longest, n_labels = batch.shape
        back = np.zeros((longest, size, n_labels), dtype=np.intp)
        best = np.empty((longest, size, n_labels))
        best[0] = batch[:, 0]
        trans = self.transitions
        cand = np.empty((size, n_labels, n_labels))  # (sentences, from, to)
        top = np.empty((size, n_labels))
        for t in range(1, longest):
            np.add(best[t - 1][:, :, None], trans, out=cand)
            cand.argmax(axis=1, out=back[t])
            cand.max(axis=1, out=top)
            np.add(top, batch[:, t], out=best[t])
        ends = lengths - 1
        last = best[ends, np.arange(size)].argmax(axis=1)
        labels = self.labels
        steps = back.tolist()
        out = []
        for b, (end, j) in enumerate(zip(ends.tolist(), last.tolist(), strict=True)):
            path = [j]
            for t in range(end, 0, -1):
                j = steps[t][b][j]
                path.append(j)
            out.append([labels[j] for j in reversed(path)])
        return out

    def marginals(self, scores: Sequence[object], tags: Sequence[Sequence[str]]) -> list[list[float]]:
        """P(tag at i | sentence) for each position, by forward-backward on scaled potentials."""
        if not scores:
            return []
        np = self.np
        batch, lengths = self._padded(scores)
        longest = batch.shape[1]
        emit = np.exp(batch - batch.max(axis=2, keepdims=True))
        trans = self.exp_transitions
        alpha = np.empty_like(emit)
        beta = np.ones_like(emit)
        alpha[:, 0] = emit[:, 0] / emit[:, 0].sum(axis=1, keepdims=True)
        total = np.empty((len(scores), 1))
        for t in range(1, longest):
            a = alpha[:, t - 1] @ trans
            a *= emit[:, t]
            np.divide(a, a.sum(axis=1, keepdims=True, out=total), out=alpha[:, t])
        inside = np.arange(longest) < (lengths - 1)[:, None]  # (sentences, positions): not a sentence's last
        for t in range(longest - 2, -1, -1):
            b = emit[:, t + 1] * beta[:, t + 1]
            b = b @ trans.T
            b /= b.sum(axis=1, keepdims=True, out=total)
            np.copyto(beta[:, t], b, where=inside[:, t, None])
        post = alpha * beta
        post /= post.sum(axis=2, keepdims=True)
        index = self.label_index
        rows = [b for b, sent in enumerate(tags) for _ in sent]
        cols = [i for sent in tags for i in range(len(sent))]
        picked = post[rows, cols, [index.get(tag, 0) for sent in tags for tag in sent]].tolist()
        out = []
        at = 0
        for sent in tags:
            out.append([p if tag in index else 0.0 for p, tag in zip(picked[at:at + len(sent)], sent, strict=True)])
            at += len(sent)
        return out


def train_crf(sentences: Iterable[AlignedSentence], extractor: FeatureExtractor, out: Path,
              params: dict | None = None, names: Sequence[Gazetteer] | None = None,
              domains: Sequence[str] | None = None) -> None:
    """Train a CRF on aligned sentences and write it to `out` (deterministic for the same input).

    `names`, when given, is the names gazetteer each sentence is featurised with (see `rasid.ner.names`).
    `domains`, when given, is each sentence's domain: every feature is then also given with the domain as
    prefix (`IN_DOMAIN` for the corpus the model is for), so that out-of-domain data can teach the shared
    weights without pulling the in-domain ones (Daumé's feature augmentation).
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    kept = extractor.names
    try:
        for k, sent in enumerate(sentences):
            if names is not None:
                extractor.names = names[k]
            if sent.tokens:
                feats = extractor.sentence(sent.tokens)
                if domains is not None:
                    feats = augment(feats, domains[k])
                trainer.append(feats, sent.tags)
    finally:
        extractor.names = kept
    trainer.set_params({**DEFAULT_PARAMS, **(params or {}), "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def augment(feats: list[list[str]], domain: str) -> list[list[str]]:
    """Each token's features, then the same with the domain prefix (one capital letter)."""
    if not (len(domain) == 1 and domain.isupper()):
        raise ValueError(f"a domain is one capital letter, not {domain!r}")
    prefix = domain + DOMAIN_MARK
    return [f + [prefix + x for x in f] for f in feats]


def known_names(tokens: Sequence[Token], tags: list[str], names: Gazetteer) -> list[str]:
    """Give an entity that is exactly a name learnt from the training data that name's label there
    (الكرملين, tagged ORG in every training sentence, stays ORG after وقال)."""
    out = tags
    for label, i, j in chunks(tags):
        want = names.entries.get(tuple(token_key(t) for t in tokens[i:j]))
        if want and want != label:
            if out is tags:
                out = list(tags)
            out[i:j] = [f"B-{want}"] + [f"I-{want}"] * (j - i - 1)
    return out


def split_coordination(tokens: Sequence[Token], tags: list[str]) -> list[str]:
    """Cut an entity before a word that starts with the conjunction و: كيم وشويغو is two names."""
    out = list(tags)
    for i in range(1, len(tokens)):
        segs = tokens[i]._rel
        if out[i].startswith("I-") and segs and segs[0][3] == "proclitic" and segs[0][2] == "و":
            out[i] = "B-" + out[i][2:]
    return out


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Make a tag sequence valid BIO: an I- that does not continue its type becomes B-."""
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def score_corpus(tagger: NerTagger, sentences: Iterable[AlignedSentence], gold: Iterable[list[str]],
                 batch: int = 64) -> NerScore:
    """Tag aligned sentences and score them at the corpus's own word level (each word's main token)."""
    score = NerScore()
    sentences, gold = list(sentences), list(gold)
    if len(sentences) != len(gold):
        raise ValueError("score_corpus: as many gold tag lists as sentences are needed")
    for start in range(0, len(sentences), batch):
        part = sentences[start:start + batch]
        all_tags, _ = tagger.tag_many([s.tokens for s in part])
        for sent, tags, gold_tags in zip(part, all_tags, gold[start:start + batch], strict=True):
            score.add(gold_tags, repair_bio([tags[h] if tags else "O" for h in sent.heads]))
    return score
