"""The summary and key facts in the terminal view (`rasid analyze --format table`)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from rasid.document import Document
from rasid.summarize.facts import key_facts


def render_summary(doc: Document, console: Console) -> None:
    """Print the summary sentences (article order) with the events each carries, then the key facts."""
    if doc.summary:
        table = Table("#", "summary", "events", title="summary", expand=True)
        for item in doc.summary:
            events = ", ".join(_event(doc, k) for k in item.get("events", ()) if k < len(doc.events))
            table.add_row(str(item["sentence"]), item["text"], events)
        console.print(table)
    facts = key_facts(doc)
    if facts["actors"]:
        console.print("[bold]top actors:[/bold] " + " · ".join(
            f"{a['name']} ({a['code']}) ×{a['mentions']}" for a in facts["actors"]))
    dyad = facts["dyad"]
    if dyad:
        (a, b), (name_a, name_b) = dyad["actors"], dyad["names"]
        console.print(f"[bold]main dyad:[/bold] {name_a} ({a}) ↔ {name_b} ({b}): {len(dyad['events'])} events, "
                      f"CAMEO {', '.join(dyad['cameo'])}")
    if facts["keywords"]:
        console.print("[bold]keywords:[/bold] " + " · ".join(k["text"] for k in facts["keywords"]))


def _event(doc: Document, k: int) -> str:
    """`PRKGOV → RUS 042 Make a visit`."""
    e = doc.events[k]
    target = f" → {e.target['code']}" if e.target else ""
    return f"{'not: ' if e.negated else ''}{e.source['code']}{target} {e.cameo} {e.name}"
