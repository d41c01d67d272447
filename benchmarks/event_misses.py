"""Why required gold events are missed: counts by cause, and with --show the sentences (open sets only).

    python benchmarks/event_misses.py --gold tests/data/gold-d --show
    python benchmarks/event_misses.py --gold tests/data/gold-e        # measure-only sets: counts, never --show

Each missed required event is put in one class, from the events Rasid emits in the sentence that holds the
event's evidence:
  nothing/no-trigger     no event and no trigger of any pattern in the sentence
  nothing/other-trigger  no event; triggers exist, none of a root the gold accepts
  nothing/root-trigger   no event although a trigger of an accepted root is there (source, filter, background)
  other-root             events, none of an accepted root
  same-root/<src>/<tgt>  an event of an accepted root with the wrong source and/or target country
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

import rasid
from rasid.events.coder import EventCoder


def classify(coder: EventCoder, doc: rasid.Document, event: dict, text: str) -> tuple[str, int | None]:
    """The class of one missed gold event and the index of its evidence sentence."""
    evidence = event.get("evidence") or ""
    pos = text.find(evidence[:40]) if evidence else -1
    index = next((i for i, s in enumerate(doc.sentences) if s.start <= pos < s.end), None)
    if index is None:
        return "no-evidence", None
    roots = {str(c)[:2] for c in event["cameo"]}
    ours = [e for e in doc.events if e.sentence == index]
    if not ours:
        sent = doc.sentences[index]
        toks = [t for t in doc.tokens if sent.start <= t.start < sent.end]
        stems = [t.stem for t in toks]
        found = [coder._pattern(stems, k, t, [], toks)[0] for k, t in enumerate(toks)]
        codes = {p.cameo[:2] for p in found if p}
        return ("nothing/root-trigger" if codes & roots else "nothing/other-trigger" if codes
                else "nothing/no-trigger"), index
    same = [e for e in ours if e.root in roots]
    if not same:
        return "other-root", index
    e = same[0]
    source = "src-ok" if e.source["code"][:3] == event["source"] else "src-wrong"
    target = "tgt-ok" if (e.target["code"][:3] if e.target else None) == event["target"] else "tgt-wrong"
    return f"same-root/{source}/{target}", index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, action="append", help="a gold folder (repeatable)")
    parser.add_argument("--show", action="store_true", help="print each miss with its sentence")
    args = parser.parse_args()
    coder = EventCoder.default()
    counts: Counter[str] = Counter()
    for folder in args.gold:
        for path in sorted(folder.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            text = (path.parent / gold["text_file"]).read_text(encoding="utf-8")
            doc = rasid.analyze(text, date=gold.get("date"))
            emitted = {(e.source["code"][:3], e.target["code"][:3] if e.target else None, e.root) for e in doc.events}
            for event in gold["events"]:
                accepted = {(event["source"], event["target"], str(c)[:2]) for c in event["cameo"]}
                if not event.get("required", True) or accepted & emitted:
                    continue
                label, index = classify(coder, doc, event, text)
                counts[label] += 1
                if args.show:
                    sent = doc.sentences[index] if index is not None else None
                    print(f"{gold['id']}  {label}  gold {event['source']}->{event['target']} {event['cameo']}")
                    if sent is not None:
                        print("   ", doc.text[sent.start:sent.end][:240].replace("\n", " "))
    print(f"missed required events: {sum(counts.values())}")
    for label, n in counts.most_common():
        print(f"  {label:32} {n}")


if __name__ == "__main__":
    main()
