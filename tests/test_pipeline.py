"""The component pipeline: order checks, replacement, and a custom component."""

from dataclasses import dataclass

import pytest

import rasid
from rasid.document import Document
from rasid.pipeline import Pipeline, PipelineError, SentencizerComponent


def test_default_pipeline_fills_its_layers():
    doc = rasid.analyze("زار كيم روسيا. وعاد إلى بيونغ يانغ.")
    assert len(doc.sentences) == 2 and len(doc.tokens) == 9


def test_components_run_alone():
    doc = Pipeline([SentencizerComponent()])(Document(id="x", text="جملة أولى. جملة ثانية."))
    assert len(doc.sentences) == 2 and doc.tokens == []


@dataclass
class NeedsEntities:
    name: str = "needs-entities"
    requires: tuple[str, ...] = ("entities",)
    assigns: tuple[str, ...] = ()

    def __call__(self, doc):
        return doc


@dataclass
class ReturnsNothing:
    name: str = "broken"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, doc):
        return None


def test_missing_requirement_is_refused_at_construction():
    with pytest.raises(PipelineError, match="needs entities"):
        Pipeline([SentencizerComponent(), NeedsEntities()])


def test_component_must_return_a_document():
    with pytest.raises(PipelineError, match="returned NoneType"):
        Pipeline([ReturnsNothing()])(Document(id="x", text="نص"))


def test_unknown_component_name():
    with pytest.raises(PipelineError, match="unknown component"):
        Pipeline.from_names(["tokenizer", "parser"])


def test_custom_pipeline_via_analyze():
    doc = rasid.analyze("نص قصير.", pipeline=Pipeline.from_names(["sentencizer"]))
    assert doc.tokens == [] and len(doc.sentences) == 1
