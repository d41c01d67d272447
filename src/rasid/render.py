"""The terminal view of analysed documents (`--format table`)."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from rasid.document import Document

_PREVIEW = 160


def render_document(doc: Document, console: Console) -> None:
    """Print a document's metadata and its sentences as rich tables."""
    head = f"[bold]{doc.id}[/bold]"
    if doc.date:
        head += f" · {doc.date}"
    if doc.source:
        head += f" · {doc.source}"
    console.rule(head)
    if doc.title:
        console.print(f"[bold]{doc.title}[/bold]")
    for warning in doc.warnings:
        console.print(f"[yellow]warning:[/yellow] {warning}")
    table = Table("#", "kind", "sentence", show_lines=False, expand=True)
    for i, sent in enumerate(doc.sentences):
        text = sent.text if len(sent.text) <= _PREVIEW else sent.text[:_PREVIEW] + "…"
        style = "dim" if sent.kind != "body" else ""
        table.add_row(str(i), sent.kind, text, style=style)
    console.print(table)
    if doc.entities:
        console.print(_entity_table(doc))
    if doc.events:
        console.print(_event_table(doc))
    from rasid.summarize.view import render_summary

    render_summary(doc, console)
    console.print(f"{len(doc.sentences)} sentences, {len(doc.tokens)} tokens, {len(doc.entities)} entities, "
                  f"{len(doc.events)} events, {len(doc.quotes)} quotes")


def _entity_table(doc: Document) -> Table:
    """One row per distinct mention: its text, type, actor code and English name, and how often it occurs."""
    counts: Counter[tuple[str, str, str, str]] = Counter()
    for e in doc.entities:
        code = e.actor["code"] if e.actor else ""
        name = (e.actor.get("name") or "") if e.actor else ""
        counts[(e.text, e.label, code, name)] += 1
    table = Table("mention", "type", "actor", "name", "×", title="entities and actors")
    for (text, label, code, name), n in counts.most_common():
        table.add_row(text, label, code, name, str(n))
    return table


def _side(actor: dict | None) -> str:
    if not actor:
        return "—"
    return f"{actor.get('name') or actor['text']} ({actor['code']})"


def _event_table(doc: Document) -> Table:
    """Events as "Kim Jong Un (PRKGOV) → Russia (RUS) · 042 Make a visit · 2023-09 · evidence"."""
    table = Table("event", "date", "evidence", title="events", expand=True)
    for e in doc.events:
        head = f"{_side(e.source)} → {_side(e.target)} · {e.cameo} {e.name}"
        if e.negated:
            head = "[dim]not: " + head + "[/dim]"
        evidence = e.evidence["text"] if len(e.evidence["text"]) <= _PREVIEW else e.evidence["text"][:_PREVIEW] + "…"
        table.add_row(head, e.date or "", evidence)
    return table
