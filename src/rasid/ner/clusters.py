"""Word clusters for the NER features, learnt from raw news: PPMI context vectors → SVD → k-means.

Each frequent stem gets a cluster id at several granularities (coarse to fine), so that rare names
share features with frequent ones that appear in the same contexts (like Brown clusters).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from rasid.datafiles import read_tsv
from rasid.document import Document, Token

SIZES = (64, 256, 1024)


def token_key(token: Token) -> str:
    """The form a token is clustered by: its normalised stem, or a placeholder for non-words."""
    if token.kind == "word":
        return token.stem
    if token.kind == "number":
        return "<num>"
    if token.kind == "punct":
        return token.norm
    return f"<{token.kind}>"


def build_clusters(docs: Iterable[Document], tokenizer, min_count: int = 5, contexts: int = 2000,
                   dims: int = 100, seed: int = 13) -> dict[str, tuple[int, ...]]:
    """Cluster ids (one per size in SIZES) for every stem seen at least `min_count` times."""
    import numpy as np

    sequences = [[token_key(t) for t in tokenizer(doc.text)] for doc in docs]
    counts = Counter(k for seq in sequences for k in seq)
    vocab = [w for w, n in counts.most_common() if n >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    context_index = {w: i for i, w in enumerate(vocab[:contexts])}
    offsets = (-2, -1, 1, 2)
    matrix = np.zeros((len(vocab), len(offsets) * contexts), dtype=np.float32)
    for seq in sequences:
        ids = [index.get(k, -1) for k in seq]
        cids = [context_index.get(k, -1) for k in seq]
        for slot, off in enumerate(offsets):
            base = slot * contexts
            for i in range(max(0, -off), min(len(seq), len(seq) - off)):
                w, c = ids[i], cids[i + off]
                if w >= 0 and c >= 0:
                    matrix[w, base + c] += 1.0
    vectors = _ppmi_svd(matrix, dims, np.random.default_rng(seed))
    return {w: tuple(int(c) for c in row)
            for w, row in zip(vocab, np.stack([_kmeans(vectors, k, seed) for k in SIZES], axis=1), strict=True)}


def _ppmi_svd(matrix, dims: int, rng):
    import numpy as np

    total = matrix.sum()
    row = matrix.sum(axis=1, keepdims=True)
    col = matrix.sum(axis=0, keepdims=True) ** 0.75  # context smoothing
    col = col / col.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(matrix * total / (row @ np.maximum(col, 1e-9)))
    ppmi = np.nan_to_num(np.maximum(pmi, 0.0), nan=0.0, posinf=0.0, neginf=0.0).astype(np.float32)
    omega = rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32)
    q, _ = np.linalg.qr(ppmi @ omega)
    for _ in range(2):  # power iterations sharpen the top of the spectrum
        q, _ = np.linalg.qr(ppmi @ (ppmi.T @ q))
    u, s, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vectors = (q @ u[:, :dims]) * np.sqrt(s[:dims])
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def _kmeans(vectors, k: int, seed: int, iterations: int = 25):
    """Spherical k-means; returns each row's cluster id."""
    import numpy as np

    rng = np.random.default_rng(seed + k)
    k = min(k, len(vectors))
    centres = vectors[rng.choice(len(vectors), size=k, replace=False)]
    labels = np.zeros(len(vectors), dtype=np.int64)
    for _ in range(iterations):
        labels = np.argmax(vectors @ centres.T, axis=1)
        for c in range(k):
            members = vectors[labels == c]
            if len(members):
                centre = members.sum(axis=0)
                centres[c] = centre / max(float(np.linalg.norm(centre)), 1e-9)
    return labels


def write_clusters(clusters: dict[str, tuple[int, ...]], path: Path) -> None:
    """Write `stem<TAB>c64<TAB>c256<TAB>c1024`."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("stem\t" + "\t".join(f"c{k}" for k in SIZES) + "\n")
        for stem, ids in clusters.items():
            if "\t" not in stem and stem.strip():
                fh.write(stem + "\t" + "\t".join(map(str, ids)) + "\n")


def load_clusters(path) -> dict[str, tuple[str, ...]]:
    """Read a clusters file: stem → cluster ids as strings."""
    columns = ("stem", *(f"c{k}" for k in SIZES))
    return {row["stem"]: tuple(row[c] for c in columns[1:]) for _, row in read_tsv(path, columns)}
