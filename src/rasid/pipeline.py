"""The analysis pipeline: small components, each a callable Document -> Document with a declared contract."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from rasid.document import Document
from rasid.errors import RasidError
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import Tokenizer


class PipelineError(RasidError):
    """A pipeline whose components are missing, misordered or misbehaving."""


class Component(Protocol):
    """A pipeline stage: it reads the layers in `requires` and fills the layers in `assigns`."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


@dataclass
class TokenizerComponent:
    """Fill `doc.tokens` with clitic-segmented tokens."""

    tokenizer: Tokenizer
    name: str = "tokenizer"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("tokens",)

    def __call__(self, doc: Document) -> Document:
        doc.tokens = self.tokenizer(doc.text)
        return doc


@dataclass
class SentencizerComponent:
    """Fill `doc.sentences`, flagging headings and verbatim repeated lines."""

    name: str = "sentencizer"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        doc.sentences = split_sentences(doc.text)
        return doc


# Every built-in component by its stable name; each factory builds it with its default resources.
def _ner() -> Component:
    from rasid.ner.component import EntityRecognizer
    from rasid.ner.model import NerTagger

    return EntityRecognizer(NerTagger.default())


def _actors() -> Component:
    from rasid.actors.dictionary import ActorDictionary
    from rasid.actors.resolver import ActorResolver

    return ActorResolver(ActorDictionary.default())


def _events() -> Component:
    from rasid.events.coder import EventCoder

    return EventCoder.default()


def _quotes() -> Component:
    from rasid.events.quotes import QuoteFinder

    return QuoteFinder.default()


def _summary() -> Component:
    from rasid.summarize import Summarizer

    return Summarizer()


FACTORIES: dict[str, Callable[[], Component]] = {
    "tokenizer": lambda: TokenizerComponent(Tokenizer()),
    "sentencizer": SentencizerComponent,
    "ner": _ner,
    "actors": _actors,
    "events": _events,
    "quotes": _quotes,
    "summary": _summary,
}
DEFAULT_COMPONENTS = ("tokenizer", "sentencizer", "ner", "actors", "events", "quotes", "summary")


class Pipeline:
    """An ordered list of components, checked at construction: each requirement is met by an earlier one."""

    def __init__(self, components: Sequence[Component]) -> None:
        filled: set[str] = set()
        for comp in components:
            missing = [layer for layer in comp.requires if layer not in filled]
            if missing:
                raise PipelineError(f"component {comp.name!r} needs {', '.join(missing)} from an earlier component")
            filled.update(comp.assigns)
        self.components = list(components)

    @classmethod
    def from_names(cls, names: Sequence[str]) -> Pipeline:
        """A pipeline of built-in components by name."""
        unknown = [n for n in names if n not in FACTORIES]
        if unknown:
            raise PipelineError(f"unknown component(s) {', '.join(unknown)}; known: {', '.join(FACTORIES)}")
        return cls([FACTORIES[n]() for n in names])

    @property
    def names(self) -> list[str]:
        """The component names, in order."""
        return [c.name for c in self.components]

    def __call__(self, doc: Document) -> Document:
        for comp in self.components:
            out = comp(doc)
            if not isinstance(out, Document):
                raise PipelineError(f"component {comp.name!r} returned {type(out).__name__}, not a Document")
            doc = out
        return doc


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process."""
    return Pipeline.from_names(DEFAULT_COMPONENTS)


def pipeline_with_actors(actors_file: Path) -> Pipeline:
    """The default pipeline whose actor dictionary also holds a user's file (rows override built-in ones)."""
    from rasid.actors.dictionary import ActorDictionary
    from rasid.actors.resolver import ActorResolver

    dictionary = ActorDictionary.default()
    dictionary.add_user_file(actors_file)
    return Pipeline([ActorResolver(dictionary) if c.name == "actors" else c for c in default_pipeline().components])
