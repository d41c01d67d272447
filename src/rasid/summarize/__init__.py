"""Summaries and key facts: an extractive summarizer component, key facts (top actors, main dyad, keywords)
and ROUGE evaluation against reference summaries. See docs/summaries.md."""

from __future__ import annotations

from rasid.summarize.facts import key_facts
from rasid.summarize.summarizer import Summarizer, Weights, with_budget

__all__ = ["Summarizer", "Weights", "key_facts", "with_budget"]
