"""Event scoring, exactly the rule of data/gold/README.md: (source country, target country or None, CAMEO
root) triples; a required gold event is found when one of its accepted triples is predicted; a predicted
triple is correct when some gold event (required or not) accepts it. Negated events are not events."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasid.document import Document, Event
from rasid.gold import GoldDoc
from rasid.scoring import f1, ratio

Triple = tuple[str, str | None, str]


def triples(events: list[Event]) -> set[Triple]:
    """The unique (source[:3], target[:3] or None, root) triples of the non-negated events."""
    return {(e.source["code"][:3], e.target["code"][:3] if e.target else None, e.cameo[:2])
            for e in events if not e.negated}


def accepted(gold: GoldDoc) -> list[tuple[bool, set[Triple]]]:
    """For each gold event: whether it is required, and the triples that it accepts."""
    return [(g.required, {(g.source[:3], g.target[:3] if g.target else None, str(c)[:2]) for c in g.cameo})
            for g in gold.events]


@dataclass
class EventScore:
    """Summed counts over documents, with per-document rows."""

    required: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    rows: list[tuple[str, float, float, float]] = field(default_factory=list)

    def add(self, gold: GoldDoc, doc: Document) -> None:
        """Score one document."""
        predicted = triples(doc.events)
        golds = accepted(gold)
        required = [acc for req, acc in golds if req]
        found = sum(1 for acc in required if acc & predicted)
        correct = sum(1 for p in predicted if any(p in acc for _, acc in golds))
        self.required += len(required)
        self.found += found
        self.predicted += len(predicted)
        self.correct += correct
        p, r = ratio(correct, len(predicted)), ratio(found, len(required))
        self.rows.append((gold.id, p, r, f1(p, r)))

    @property
    def precision(self) -> float:
        """Correct predicted triples / predicted triples."""
        return ratio(self.correct, self.predicted)

    @property
    def recall(self) -> float:
        """Found required events / required events."""
        return ratio(self.found, self.required)

    @property
    def f1(self) -> float:
        """Harmonic mean of the summed precision and recall."""
        return f1(self.precision, self.recall)
