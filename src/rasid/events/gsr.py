"""Scoring sentence-level PROTEST and ASSAULT detection on the OEDA Arabic gold records (arabic_event_gsr):
label "yes" is positive, "easy no" and "difficult no" negative, "ambiguous" skipped; a sentence is detected
as type T when Rasid emits a non-negated event whose PLOVER type is T."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rasid.document import Document
from rasid.errors import InputError
from rasid.scoring import f1, ratio

FILES = {"PROTEST": "protest_gsr.csv", "ASSAULT": "assault_gsr.csv"}
POSITIVE = {"yes"}
NEGATIVE = {"easy no", "difficult no"}


@dataclass
class DetectionScore:
    """Confusion counts for one event type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1(self.precision, self.recall)


def read_gsr(folder: Path, kind: str) -> list[tuple[str, bool]]:
    """(sentence, is positive) pairs of one type, ambiguous rows left out."""
    return [(text, positive) for _, text, positive in read_gsr_rows(folder, kind)]


def read_gsr_rows(folder: Path, kind: str) -> list[tuple[str, str, bool]]:
    """(record id, sentence, is positive) of one type, ambiguous rows left out."""
    path = folder / FILES[kind]
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if rows and not {"label", "text"} <= set(rows[0]):
        raise InputError(f"{path}: expected columns label and text")
    return [(r.get("id", ""), r["text"], r["label"] in POSITIVE) for r in rows if r["label"] in POSITIVE | NEGATIVE]


def score_gsr(folder: Path, analyze: Callable[[str], Document], limit: int | None = None) -> dict[str, DetectionScore]:
    """Detection scores per type."""
    scores = {}
    for kind in FILES:
        score = DetectionScore()
        for text, positive in read_gsr(folder, kind)[:limit]:
            doc = analyze(text)
            detected = any(e.plover == kind and not e.negated for e in doc.events)
            if detected and positive:
                score.tp += 1
            elif detected:
                score.fp += 1
            elif positive:
                score.fn += 1
            else:
                score.tn += 1
        scores[kind] = score
    return scores


@dataclass
class Agreement:
    """How often Rasid's source and target codes agree with UniversalPetrarch's gold (country, role) pairs,
    counted over the sentences where the gold gives that part and Rasid coded an event."""

    sentences: int = 0
    coded: int = 0
    counts: dict[str, list[int]] = field(default_factory=dict)  # part → [agree, gold has it]

    def add(self, part: str, agree: bool) -> None:
        """Count one comparison."""
        pair = self.counts.setdefault(part, [0, 0])
        pair[0] += int(agree)
        pair[1] += 1


def _pair(code: str) -> tuple[str | None, str | None]:
    parts = [*(None if p == "None" else p for p in (code or "").split()), None, None]
    return parts[0], parts[1]


def _role(code: str) -> str:
    return code[3:6] if code[:3].isalpha() and len(code) >= 6 else code[:3]


def up_agreement(xml_path: Path, analyze: Callable[[str], Document]) -> Agreement:
    """Compare with the `<EventCoding sourcecode targetcode>` of UniversalPetrarch's Arabic validation file."""
    try:
        raw = xml_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{xml_path}: not a readable validation file ({exc})") from None
    blocks = re.findall(r"<Sentence\b.*?</Sentence>", raw, flags=re.S)  # the held-out split leaves no root
    if not blocks:
        raise InputError(f"{xml_path}: no <Sentence> records")
    agreement = Agreement()
    for block in blocks:
        try:
            sent = ET.fromstring(block)
        except ET.ParseError:
            continue
        text = (sent.findtext("Text") or "").strip()
        codings = [c.attrib for c in sent.iter("EventCoding")]
        if not text or not codings:
            continue
        agreement.sentences += 1
        events = [e for e in analyze(text).events if not e.negated]
        if not events:
            continue
        agreement.coded += 1
        (sc, sr), (tc, tr) = _pair(codings[0].get("sourcecode", "")), _pair(codings[0].get("targetcode", ""))
        sources = [e.source["code"] for e in events]
        targets = [e.target["code"] for e in events if e.target]
        for part, gold, ours, pick in (("source country", sc, sources, lambda c: c[:3]),
                                       ("source role", sr, sources, _role),
                                       ("target country", tc, targets, lambda c: c[:3]),
                                       ("target role", tr, targets, _role)):
            if gold:
                agreement.add(part, any(pick(c) == gold for c in ours))
    return agreement
