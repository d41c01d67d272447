"""Does a sentence report a specific, actual PROTEST or ASSAULT event, or only mention one (background
clauses, relative clauses, opinion, history, hypotheticals)? Linguistic features of the trigger's clause
and a small logistic model per PLOVER type, trained by `rasid.events.train_filter` on the OEDA records."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rasid.datafiles import builtin, read_tsv
from rasid.document import Token
from rasid.errors import DataFileError
from rasid.events.dates import time_words
from rasid.text.normalize import normalize
from rasid.text.tokenize import definite_key, has_proclitic, is_definite

MODEL_COLUMNS = ("plover", "feature", "weight")
WORD_COLUMNS = ("class", "word", "note")
THRESHOLD = "threshold"
NEAR = 4  # words before the trigger that govern it (كان، قد، سوف، إذا ...)
CLAUSE = 8  # words before the trigger searched for a connective of its clause
LONG_SENTENCE = 40
YEAR = re.compile(r"^(1[89]|20)\d\d$")
_DIGITS = re.compile(r"\d")
SUBORDINATORS = frozenset({"relative", "background", "temporal", "concessive", "conditional"})
PUNCT_BREAKS = {".", "?", "!", ";", ":", "؟", "؛", ","}
NEAR_PAST_DAYS = 30  # "last <unit>" up to a month back is recent news, not history
RECENT = frozenset({"recent"})


@lru_cache(maxsize=1)
def specificity_words() -> dict[str, frozenset[str]]:
    """Class → normalised words, from data/events/specificity_words.tsv."""
    out: dict[str, set[str]] = defaultdict(set)
    for _, row in read_tsv(builtin("events", "specificity_words.tsv"), WORD_COLUMNS):
        out[row["class"]].add(normalize(row["word"]))
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _word_classes() -> dict[str, frozenset[str]]:
    """Normalised word → the classes it belongs to."""
    index: dict[str, set[str]] = defaultdict(set)
    for name, members in specificity_words().items():
        for w in members:
            index[w].add(name)
    return {w: frozenset(c) for w, c in index.items()}


@lru_cache(maxsize=1)
def _near_past() -> frozenset[str]:
    """Months, weekdays and time units up to a month (الأسبوع، الشهر), as `time_words` keys them."""
    words = time_words()
    near = [key for kind in ("month", "weekday") for key in words.get(kind, {})]
    near += [key for key, days in words.get("unit", {}).items() if days <= NEAR_PAST_DAYS]
    return frozenset(key[0] for key in near if len(key) == 1)  # not الثاني of كانون الثاني alone


@dataclass
class SentenceView:
    """What the features read from one sentence, computed once for all of its triggers."""

    toks: list[Token]
    stems: list[str]
    places: bool  # a place name after a place preposition (في بيشاور، وسط المدينة)
    flags: dict[str, bool] = field(default_factory=dict)
    classes: list[frozenset[str]] = field(default_factory=list)  # the word classes of each token

    @classmethod
    def build(cls, toks: list[Token], stems: list[str], places: bool) -> SentenceView:
        """Classify each word once."""
        words = specificity_words()
        frozen = _word_classes()
        empty: frozenset[str] = frozenset()
        classes = [frozen.get(s, frozen.get(t.norm, empty)) for t, s in zip(toks, stems, strict=True)]
        near = _near_past()
        for k in range(1, len(toks)):  # فبراير الماضي، الأسبوع الماضي: recent; العام الماضي stays history
            if "last" in classes[k] and definite_key(toks[k - 1]) in near:
                classes[k] = RECENT
        seen = set().union(*classes) if classes else set()
        flags = {name: name in seen for name in words}
        flags["year"] = any(YEAR.match(t.norm) for t in toks)
        flags["digits"] = any(t.kind == "number" or _DIGITS.search(t.norm) for t in toks)
        return cls(toks, stems, places, flags, classes)


def features(view: SentenceView, t: int, pos: str, root: str, negated: bool, speech_before: bool,
             inferred: bool, has_target: bool, vso: bool = False) -> dict[str, float]:
    """The linguistic features of the trigger at token t."""
    toks, classes = view.toks, view.classes
    definite = is_definite(toks[t])
    prep = has_proclitic(toks[t], "ب", "ل") or (
        t > 0 and "place_prep" in classes[t - 1])
    start = t
    while start > 0 and t - start < CLAUSE and not (toks[start - 1].kind == "punct"
                                                    and toks[start - 1].norm in PUNCT_BREAKS):
        start -= 1
    near = set().union(*classes[max(0, t - NEAR):t]) if t else set()
    clause = set().union(*classes[start:t]) if t > start else set()
    after = set().union(*classes[t + 1:t + 1 + NEAR]) if t + 1 < len(toks) else set()
    present = pos == "verb" and toks[t].stem[:1] in ("ي", "ت", "ن")
    first = all(tok.kind != "word" for tok in toks[:t])  # the sentence opens with the trigger (ورشق المحتجون)
    opened = sum(tok.norm == "«" for tok in toks[:t]) > sum(tok.norm == "»" for tok in toks[:t])
    f = {
        "bias": 1.0,
        "noun": float(pos == "noun"),
        "present": float(present),
        "past": float(pos == "verb" and not present),
        "initial_past": float(pos == "verb" and not present and first),
        "vso": float(vso),
        "attribution": float(view.flags.get("attribution", False)),
        "definite": float(definite),
        "prep": float(prep),
        "relative_near": float("relative" in near),
        "relative_clause": float("relative" in clause),
        "concessive": float("concessive" in clause),
        "background": float("background" in near),
        "result": float("result" in near),
        "future": float("future" in near),
        "modal": float("modal" in near),
        "qad": float("qad" in near),
        "conditional": float("conditional" in clause),
        "appeal": float("appeal" in clause),
        "pluperfect": float("pluperfect" in near),
        "opinion": float(view.flags.get("opinion", False)),
        "speech_before": float(speech_before),
        "negated": float(negated),
        "recent": float(view.flags.get("recent", False)),
        "history": float(view.flags.get("history", False)),
        "year": float(view.flags["year"]),
        "casualty": float(view.flags.get("casualty", False)),
        "casualty_after": float("casualty" in after or "number" in after),
        "number": float(view.flags.get("number", False) or view.flags["digits"]),
        "question": float(view.flags.get("question", False)),
        "generic": float("generic" in set().union(*classes[max(0, t - 2):t]) if t else False),
        "place": float(view.places),
        "quoted": float(opened),
        "early": float(t < len(toks) / 3),
        "long": float(len(toks) > LONG_SENTENCE),
        "legal": float(view.flags.get("legal", False)),
        "temporal": float("temporal" in clause),
        "attempt": float("attempt" in near),
        "crowd": float(view.flags.get("crowd", False)),
        "hurt": float(view.flags.get("hurt", False)),
        "inferred_source": float(inferred),
        "target": float(has_target),
        "carried_out": float(pos == "noun" and "carried_out" in near),
        f"root_{root[:2]}": 1.0,

        "subordinate": float(bool(clause & SUBORDINATORS)),
    }
    return f


@dataclass
class SpecificityModel:
    """A logistic model per PLOVER type and the probability below which an event is dropped."""

    weights: dict[str, dict[str, float]]
    thresholds: dict[str, float]

    @classmethod
    def load(cls, path: Path | None = None) -> SpecificityModel:
        """The model file (default: the package's data/events/specific_model.tsv)."""
        source = path or builtin("events", "specific_model.tsv")
        weights: dict[str, dict[str, float]] = defaultdict(dict)
        thresholds: dict[str, float] = {}
        for line, row in read_tsv(source, MODEL_COLUMNS):
            try:
                value = float(row["weight"])
            except ValueError:
                raise DataFileError(f"{getattr(source, 'name', source)}:{line}: weight must be a number") from None
            if row["feature"] == THRESHOLD:
                thresholds[row["plover"]] = value
            else:
                weights[row["plover"]][row["feature"]] = value
        return cls(dict(weights), thresholds)

    def probability(self, plover: str, feats: dict[str, float]) -> float:
        """P(the event is a specific, actual one)."""
        w = self.weights.get(plover)
        if not w:
            return 1.0
        z = sum(w.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, plover: str, feats: dict[str, float]) -> bool:
        """Whether the event passes the type's threshold (types without a model always pass)."""
        if plover not in self.weights:
            return True
        return self.probability(plover, feats) >= self.thresholds.get(plover, 0.5)

    def write(self, path: Path) -> None:
        """Write the model as a reviewable TSV (sorted, fixed precision: reproducible byte for byte)."""
        lines = ["\t".join(MODEL_COLUMNS)]
        for plover in sorted(self.weights):
            lines.append(f"{plover}\t{THRESHOLD}\t{self.thresholds.get(plover, 0.5):.4f}")
            for name in sorted(self.weights[plover]):
                lines.append(f"{plover}\t{name}\t{self.weights[plover][name]:.4f}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
