"""Training the specificity filter (rasid.events.specific) on the dev half of the OEDA Arabic records
(`protest_gsr.csv`, `assault_gsr.csv`): an L2 logistic regression per PLOVER type, fitted by Newton's method
in plain Python (deterministic), its threshold chosen for sentence-level F1, and a k-fold cross-validation
with folds grouped by source document, so that no article is split between folds.

    python -m rasid.events.train_filter --data ../shared/data/arabic_event_gsr [--out FILE] [--folds 5]
"""

from __future__ import annotations

import argparse
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from rasid.document import is_implied
from rasid.events.gsr import FILES, DetectionScore, read_gsr_rows
from rasid.events.specific import SpecificityModel

L2 = 3.0  # the penalty on every weight but the bias
ITERATIONS = 25
# The shipped cuts drop only clear non-reports. The F1-best cut on these records (about 0.4) also drops background
# events that article-level coding keeps (بعد الاشتباكات الأخيرة); these were chosen on one half of our gold
# articles (set A) as the highest cuts that do not lower their event F1, and checked on the other half (set B);
# chosen again in session 9 (was ASSAULT 0.2, PROTEST 0.15; ASSAULT 0.25 and PROTEST 0.25 each lower A or B).
DEFAULT_CUT = {"ASSAULT": 0.22, "PROTEST": 0.2}
Cut = dict[str, float] | float | None
_SENTENCE_SUFFIX = re.compile(r"[-_]\d+$")


@dataclass
class Example:
    """One gold sentence of one type: its document, label and the features of its candidate events (named ones to
    train and score on, implied ones to score only)."""

    kind: str
    group: str
    positive: bool
    candidates: list[dict[str, float]]
    # scored, never trained on: events with an implied actor (انفجرت سيارة مفخخة، اندلعت مظاهرات) have no agent's
    # clause to learn from, and trained on, they taught the model to weigh a named attacker's clause less
    untrained: list[dict[str, float]] = field(default_factory=list)

    @property
    def scored(self) -> list[dict[str, float]]:
        """Every candidate the model judges."""
        return self.candidates + self.untrained


def document_of(record_id: str) -> str:
    """The source document of a record id (AAW_ARB_20071026.0026-2 → AAW_ARB_20071026.0026)."""
    return _SENTENCE_SUFFIX.sub("", record_id)


def collect(folder: Path, limit: int | None = None) -> list[Example]:
    """Run the pipeline without the filter over the records and keep each sentence's candidates."""
    import rasid
    from rasid.events.coder import EventCoder
    from rasid.pipeline import Pipeline, default_pipeline

    base = default_pipeline()
    coder = EventCoder.default()
    coder.specific = None
    coder.record = []
    pipeline = Pipeline([coder if c.name == "events" else c for c in base.components
                         if c.name not in ("quotes", "summary")])
    out = []
    for kind in FILES:
        for record_id, text, positive in read_gsr_rows(folder, kind)[:limit]:
            coder.record.clear()
            rasid.analyze(text, pipeline=pipeline)
            # one row per distinct candidate (a trigger with several actor pairs counts once), named or implied
            feats: list[dict[str, float]] = []
            implied: list[dict[str, float]] = []
            for e, f in coder.record:
                group = implied if is_implied(e.source) else feats
                if e.plover == kind and not e.negated and f not in group:
                    group.append(f)
            out.append(Example(kind, document_of(record_id), positive, feats, implied))
    return out


def fit_logistic(rows: list[dict[str, float]], labels: list[bool], names: list[str]) -> dict[str, float]:
    """L2-penalised logistic regression by Newton's method (no randomness: the same data, the same weights)."""
    n = len(names)
    index = {name: k for k, name in enumerate(names)}
    xs = [[(index[k], v) for k, v in r.items() if k in index and v] for r in rows]
    w = [0.0] * n
    penalty = [0.0 if name == "bias" else L2 for name in names]  # the per-type biases are penalised too
    for _ in range(ITERATIONS):
        grad = [penalty[k] * w[k] for k in range(n)]
        hess = [[0.0] * n for _ in range(n)]
        for k in range(n):
            hess[k][k] = penalty[k] + 1e-6
        for x, y in zip(xs, labels, strict=True):
            z = sum(w[k] * v for k, v in x)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            g, h = p - float(y), p * (1.0 - p)
            for a, va in x:
                grad[a] += g * va
                row = hess[a]
                for b, vb in x:
                    row[b] += h * va * vb
        step = _solve(hess, grad)
        w = [wk - sk for wk, sk in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-8:
            break
    return {name: w[k] for k, name in enumerate(names)}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Solve a x = b by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [[*row, b[k]] for k, row in enumerate(a)]
    for c in range(n):
        pivot = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[pivot] = m[pivot], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            if f:
                for k in range(c, n + 1):
                    m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def _scores(examples: list[Example], model: SpecificityModel, kind: str) -> list[tuple[float, bool]]:
    """(the best candidate's probability, or -1 without one; the label) for each sentence."""
    return [(max((model.probability(kind, f) for f in e.scored), default=-1.0), e.positive) for e in examples]


def best_threshold(scored: list[tuple[float, bool]]) -> float:
    """The probability cut that maximises sentence-level F1 (ties: the lowest cut)."""
    positives = sum(y for _, y in scored)
    best, cut = -1.0, 0.5
    for c in sorted({s for s, _ in scored if s >= 0}):
        tp = sum(1 for s, y in scored if s >= c and y)
        fp = sum(1 for s, y in scored if s >= c and not y)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
        if f1 > best:
            best, cut = f1, c
    return cut


def train(examples: list[Example], cut: Cut = None) -> SpecificityModel:
    """One model for all types, each feature also with a copy per type (multi-task: what makes a mention
    specific is mostly shared, clause, tense, time, place; the copies, shrunk by the same penalty, learn what
    differs); each type then gets its summed weights and its own threshold."""
    kinds = sorted({e.kind for e in examples})
    rows = [{**f, **{f"{e.kind}:{k}": v for k, v in f.items()}} for e in examples for f in e.candidates]
    labels = [e.positive for e in examples for _ in e.candidates]
    names = sorted({k for r in rows for k in r})
    joint = fit_logistic(rows, labels, names)
    weights, thresholds = {}, {}
    for kind in kinds:
        prefix = f"{kind}:"
        w = {k: v for k, v in joint.items() if ":" not in k}
        for k, v in joint.items():
            if k.startswith(prefix):
                w[k[len(prefix):]] = w.get(k[len(prefix):], 0.0) + v
        weights[kind] = w
        model = SpecificityModel({kind: w}, {})
        fixed = cut.get(kind) if isinstance(cut, dict) else cut
        thresholds[kind] = fixed if fixed is not None else best_threshold(
            _scores([e for e in examples if e.kind == kind], model, kind))
    return SpecificityModel(weights, thresholds)


def detect(examples: list[Example], model: SpecificityModel | None) -> dict[str, DetectionScore]:
    """Sentence detection counts: a sentence is detected when one of its candidates passes the model."""
    out: dict[str, DetectionScore] = {}
    for e in examples:
        s = out.setdefault(e.kind, DetectionScore())
        hit = any(model is None or model.keeps(e.kind, f) for f in e.scored)
        if hit and e.positive:
            s.tp += 1
        elif hit:
            s.fp += 1
        elif e.positive:
            s.fn += 1
        else:
            s.tn += 1
    return out


def cross_validate(examples: list[Example], folds: int = 5, repeat: int = 0,
                   cut: Cut = None) -> dict[str, DetectionScore]:
    """Pooled out-of-fold detection counts. Documents are dealt to folds in the order of a hash of their id
    (salted by `repeat`), so that every run agrees and no document is split between folds."""
    groups = sorted({e.group for e in examples}, key=lambda g: hashlib.sha1(f"{repeat}:{g}".encode()).hexdigest())
    fold_of = {g: k % folds for k, g in enumerate(groups)}
    total: dict[str, DetectionScore] = {}
    for k in range(folds):
        model = train([e for e in examples if fold_of[e.group] != k], cut)
        for kind, s in detect([e for e in examples if fold_of[e.group] == k], model).items():
            t = total.setdefault(kind, DetectionScore())
            t.tp, t.fp, t.fn, t.tn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn, t.tn + s.tn
    return total


def repeated_cv(examples: list[Example], folds: int = 5, repeats: int = 5,
                cut: Cut = None) -> dict[str, DetectionScore]:
    """The counts of `repeats` cross-validations with different fold assignments, summed (F1 from the sums)."""
    total: dict[str, DetectionScore] = {}
    for r in range(repeats):
        for kind, s in cross_validate(examples, folds, r, cut).items():
            t = total.setdefault(kind, DetectionScore())
            t.tp, t.fp, t.fn, t.tn = t.tp + s.tp, t.fp + s.fp, t.fn + s.fn, t.tn + s.tn
    return total


def report(scores: dict[str, DetectionScore]) -> list[str]:
    """Lines of P/R/F1 per type and the mean F1."""
    lines = [f"{kind:8} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} (tp {s.tp}, fp {s.fp}, fn {s.fn})"
             for kind, s in sorted(scores.items())]
    lines.append(f"mean F1 {sum(s.f1 for s in scores.values()) / max(len(scores), 1):.3f}")
    return lines


def train_filter(folder: Path, out: Path, folds: int = 5, repeats: int = 5,
                 cut: Cut = DEFAULT_CUT) -> list[str]:
    """Collect, cross-validate, train on everything and write the model; returns the report lines."""
    examples = collect(folder)
    lines = ["without the filter:", *report(detect(examples, None))]
    cv = f"{folds}-fold cross-validation grouped by document, {repeats} fold assignments pooled"
    lines += [f"{cv}, F1-best threshold per type:", *report(repeated_cv(examples, folds, repeats))]
    if cut is not None:
        lines += [f"{cv}, threshold {cut}:", *report(repeated_cv(examples, folds, repeats, cut))]
    model = train(examples, cut)
    model.write(out)
    lines.append(f"trained on {len(examples)} sentences; wrote {out}")
    return lines


def main() -> None:
    """Command line: python -m rasid.events.train_filter --data DIR [--out FILE] [--folds K]."""
    from rasid.datafiles import builtin

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=None,
                        help="the probability below which an event is dropped, for both types (default: the "
                             "shipped cuts; negative: the F1-best cut on the data)")
    args = parser.parse_args()
    out = args.out or Path(str(builtin("events", "specific_model.tsv")))
    cut: Cut = DEFAULT_CUT if args.threshold is None else (args.threshold if args.threshold >= 0 else None)
    for line in train_filter(args.data, out, args.folds, args.repeats, cut):
        print(line)


if __name__ == "__main__":
    main()
