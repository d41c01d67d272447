"""The document model and its JSON form."""

import json

import pytest

import rasid
from rasid.document import SCHEMA, Document
from rasid.errors import InputError

LAYERS = ("sentences", "tokens", "entities", "events", "quotes", "summary")


def test_json_has_schema_and_every_layer(sample_doc):
    data = json.loads(sample_doc.to_json())
    assert data["schema"] == SCHEMA
    for key in ("id", "text", "date", "title", "source", "url", *LAYERS):
        assert key in data
    assert data["date"] == "2023-09-14"
    assert isinstance(data["entities"], list)


def test_round_trip(sample_doc):
    again = Document.from_json(sample_doc.to_json())
    assert again.to_dict() == sample_doc.to_dict()


def test_every_span_matches_the_text(sample_doc):
    text = sample_doc.text
    for span in [*sample_doc.sentences, *sample_doc.tokens]:
        assert text[span.start:span.end] == span.text
    for token in sample_doc.tokens:
        for seg in token.segments:
            assert text[seg.start:seg.end] == seg.text


def test_from_dict_rejects_a_bad_span(sample_doc):
    data = sample_doc.to_dict()
    data["tokens"][0]["end"] += 1
    with pytest.raises(InputError, match="does not match"):
        Document.from_dict(data)


def test_only_an_implied_side_may_lack_its_span(sample_doc):
    # an event side with no span is allowed only as an implied actor (the domestic target, the unnamed attacker);
    # a trigger or evidence without one, or a span key missing, is a one-line InputError, never a TypeError or
    # KeyError
    data = sample_doc.to_dict()
    assert data["events"]
    event = data["events"][0]
    event["target"] = {**event["source"], "start": None, "end": None, "text": None, "inferred": True}
    assert Document.from_dict(data).events[0].target["start"] is None
    implied = json.loads(json.dumps(data))
    implied["events"][0]["source"] = {**event["source"], "start": None, "end": None, "text": None, "inferred": True}
    assert Document.from_dict(implied).events[0].source["text"] is None
    for part in ("trigger", "evidence"):
        bad = json.loads(json.dumps(data))
        bad["events"][0][part] = {**bad["events"][0][part], "start": None, "end": None, "text": None}
        with pytest.raises(InputError, match="does not match"):
            Document.from_dict(bad)
    bad = json.loads(json.dumps(data))
    del bad["events"][0]["source"]["start"]
    with pytest.raises(InputError, match="does not match"):
        Document.from_dict(bad)
    bad["events"][0]["source"] = {"code": "PRK"}  # no span keys at all, and not marked inferred: no implied actor
    with pytest.raises(InputError, match="does not match"):
        Document.from_dict(bad)


def test_from_json_rejects_other_schemas():
    with pytest.raises(InputError, match=r"not a rasid\.document/1"):
        Document.from_json('{"schema": "other/2", "id": "x", "text": "y"}')
    with pytest.raises(InputError, match="not JSON"):
        Document.from_json("{broken")


def test_analyze_keeps_metadata():
    doc = rasid.analyze("زار كيم روسيا.", doc_id="a1", date="2023-09-14")
    assert (doc.id, doc.date) == ("a1", "2023-09-14")
    assert [t.text for t in doc.tokens] == ["زار", "كيم", "روسيا", "."]
