"""Shared fixtures: the sample article ships in examples/, so no test needs ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "kim-putin-vostochny.txt"
EXAMPLE_JSONL = ROOT / "examples" / "news.jsonl"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_doc(sample_text):
    import rasid

    return rasid.analyze(sample_text, doc_id="kim-putin-vostochny", date="2023-09-14")
