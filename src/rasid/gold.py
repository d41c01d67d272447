"""Gold annotations of real articles (`data/gold` format): reading them with their texts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rasid.errors import InputError


@dataclass
class GoldEvent:
    """A gold event: source and target codes, every defensible CAMEO code, and whether it is required."""

    id: str
    source: str
    target: str | None
    cameo: list[str]
    required: bool = True


@dataclass
class GoldDoc:
    """One annotated article."""

    id: str
    text: str
    date: str | None
    actors: list[dict] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)


def load_gold(folder: Path, texts: Path | None = None) -> list[GoldDoc]:
    """Every `*.json` gold file of a folder (not recursive), with the text it points to.

    The text is `text_file` relative to the JSON file, or `<id>.txt` in `texts` when given.
    """
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(f"{folder}: no gold *.json files")
    docs = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            text_path = (texts / f"{data['id']}.txt") if texts else (path.parent / data["text_file"])
            text = text_path.read_text(encoding="utf-8")
            events = [GoldEvent(e.get("id", ""), e["source"], e.get("target"), [str(c) for c in e["cameo"]],
                                bool(e.get("required", True))) for e in data.get("events", [])]
        except (OSError, KeyError, TypeError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}: not a usable gold file ({type(exc).__name__}: {exc})") from None
        docs.append(GoldDoc(data["id"], text, data.get("date"), data.get("actors", []), events))
    return docs
