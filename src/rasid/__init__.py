"""Rasid: Arabic news to structured, evidence-linked political event data."""

from __future__ import annotations

from rasid.document import Document
from rasid.pipeline import Pipeline, default_pipeline

__version__ = "0.1.0"
__all__ = ["Document", "Pipeline", "__version__", "analyze"]


def analyze(
    text: str | Document, *, date: str | None = None, doc_id: str = "doc", pipeline: Pipeline | None = None
) -> Document:
    """Analyse an article (text or Document) with the default pipeline, or the one given."""
    doc = text if isinstance(text, Document) else Document(id=doc_id, text=text)
    if date and not doc.date:
        doc.date = date
    return (pipeline or default_pipeline())(doc)
