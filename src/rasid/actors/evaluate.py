"""Actor scoring against gold articles: recall of gold codes and person names, precision of codes.

CAMEO actor codes are hierarchical (PSE → PSEREB → PSEREBHMS) and annotators stop at different depths,
so codes are compared along the hierarchy: a gold code is found when an emitted code equals it or
refines it (PSEREBHMS finds PSEREB; PSE does not), and an emitted code is correct when it equals,
refines or generalises a gold code of the same article (IRNGOV for طهران is correct where the gold
lists IRN). Person names are compared on their consonant skeleton, case and transliteration aside."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rasid.document import Document
from rasid.gold import GoldDoc
from rasid.scoring import f1, ratio


@dataclass
class ActorScore:
    """Summed counts over documents, and per-document rows for the report."""

    codes: int = 0
    codes_found: int = 0
    names: int = 0
    names_found: int = 0
    emitted: int = 0
    emitted_correct: int = 0
    rows: list[tuple[str, float, float]] = field(default_factory=list)  # id, recall, precision

    def add(self, gold: GoldDoc, doc: Document) -> None:
        """Score one analysed document against its gold."""
        gold_codes = {a["code"] for a in gold.actors if a.get("code")}
        gold_names = {_name(a["name"]) for a in gold.actors if a.get("type") == "PER" and a.get("name")}
        actors = [e.actor for e in doc.entities if e.actor]
        codes = {a["code"] for a in actors}
        names = {_name(a["name"]) for a in actors if a.get("name")}
        codes_found = sum(any(c.startswith(g) for c in codes) for g in gold_codes)
        correct = sum(any(c.startswith(g) or g.startswith(c) for g in gold_codes) for c in codes)
        found = codes_found + len(gold_names & names)
        self.codes += len(gold_codes)
        self.codes_found += codes_found
        self.names += len(gold_names)
        self.names_found += len(gold_names & names)
        self.emitted += len(codes)
        self.emitted_correct += correct
        total = len(gold_codes) + len(gold_names)
        self.rows.append((gold.id, found / total if total else 1.0, correct / len(codes) if codes else 1.0))

    @property
    def recall(self) -> float:
        """Share of gold codes and gold person names found among the resolved actors."""
        total = self.codes + self.names
        return ratio(self.codes_found + self.names_found, total)

    @property
    def precision(self) -> float:
        """Share of the emitted codes (one per code per document) that the gold lists."""
        return ratio(self.emitted_correct, self.emitted)

    @property
    def f1(self) -> float:
        """Harmonic mean of recall and precision."""
        return f1(self.precision, self.recall)


def _name(name: str) -> str:
    """A person name as compared: its consonant skeleton, so that transliteration variants match
    (Sergei/Sergey Lavrov, Abd Rabbuh/Abdrabbuh Mansur Hadi, Kim Jong-un/Kim Jong Un)."""
    return re.sub(r"[^a-z]|[aeiouy]", "", name.lower())
