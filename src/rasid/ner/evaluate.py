"""Entity-level scoring of BIO sequences (CoNLL/conlleval chunk rules, as seqeval's default mode)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasid.scoring import f1, ratio


def chunks(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """The (type, start, end) entity chunks of a BIO sequence; an I- after O or another type starts one."""
    out = set()
    kind, start = None, 0
    for i, tag in enumerate([*tags, "O"]):
        if tag == "O":  # the common case, quickly: it only ends a chunk
            if kind is not None:
                out.add((kind, start, i))
                kind = None
            continue
        prefix, _, label = tag.partition("-")
        ends = kind is not None and (prefix in ("O", "B") or label != kind)
        if ends:
            out.add((kind, start, i))
            kind = None
        if prefix in ("B", "I") and kind is None:
            kind, start = label, i
    return out


@dataclass
class NerScore:
    """Counts of true positives, predicted and gold entities, per type."""

    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, gold_tags: Sequence[str], pred_tags: Sequence[str]) -> None:
        """Score one sentence."""
        g, p = chunks(gold_tags), chunks(pred_tags)
        for kind, *_ in g:
            self.gold[kind] += 1
        for kind, *_ in p:
            self.pred[kind] += 1
        for kind, *_ in g & p:
            self.tp[kind] += 1

    def prf(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 for one type, or micro-averaged over all when `kind` is None."""
        tp = self.tp[kind] if kind else sum(self.tp.values())
        pred = self.pred[kind] if kind else sum(self.pred.values())
        gold = self.gold[kind] if kind else sum(self.gold.values())
        p, r = ratio(tp, pred), ratio(tp, gold)
        return p, r, f1(p, r)

    @property
    def types(self) -> list[str]:
        """Every entity type seen in gold or predictions."""
        return sorted(set(self.gold) | set(self.pred))
