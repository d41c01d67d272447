"""Every shipped data file parses, has its header, and holds what its loader promises."""

import pytest

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError
from rasid.text.normalize import load_charmap
from rasid.text.segment import load_clitics, load_lexicon, load_vocab, strip_marks


def test_charmap_rules():
    table = load_charmap()
    rules = {row["rule"] for _, row in read_tsv(builtin("text", "charmap.tsv"), ("rule", "source", "target"))}
    assert {"diacritics", "tatweel", "alef", "alef_maqsura", "ta_marbuta", "hamza_seat", "digits",
            "punctuation", "controls"} <= rules
    assert table[ord("أ")] == "ا" and table[ord("\u064e")] is None


def test_clitic_inventory():
    clitics = load_clitics(builtin("text", "clitics.tsv"))
    slots = {c.slot for c in clitics}
    assert slots == {"conj", "prep", "future", "article", "enclitic"}
    assert {c.form for c in clitics if c.slot == "enclitic"} >= {"ه", "ها", "هم", "هما", "هن", "كم", "نا", "ي", "ني"}


def test_lexicon_entries_spell_their_words():
    fixed, short = load_lexicon(builtin("text", "segment_lexicon.tsv"))
    assert "".join(fixed["لها"]) == "لها" and fixed["لها"] == ("ل", "ها")
    assert fixed["وزير"] == ("وزير",)
    assert "أن" in short and "ان" not in short  # كان must not read as ك+ان


def test_vocabulary():
    vocab = load_vocab(builtin("text", "vocab.tsv"))
    assert len(vocab) > 10_000
    assert vocab["في"] > vocab["حكومه"] > 0
    assert all(strip_marks(w) == w for w in list(vocab)[:1000])


def test_bad_rows_are_named(tmp_path):
    bad = tmp_path / "lex.tsv"
    bad.write_text("word\tsegments\tkind\nلها\tل+هم\tfixed\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lex.tsv:2: segments"):
        load_lexicon(bad)
    bad.write_text("wrong\theader\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lex.tsv:1: header"):
        load_lexicon(bad)
    bad.write_text("word\tsegments\tkind\nلها\tل+ها\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"lex.tsv:2: expected 3 columns"):
        load_lexicon(bad)


def test_the_ner_gazetteer_holds_the_actor_dictionarys_names_as_they_are_now():
    # `rasid train gazetteer` builds these rows from the actor files; a stale gazetteer makes `make models`
    # give another NER input than the shipped one
    from pathlib import Path

    from rasid.ner.resources import gazetteer_rows

    actors = Path(str(builtin("actors")))
    expected = {(label, name) for label, name, _ in gazetteer_rows(None, actors)}
    rows = [row for _, row in read_tsv(builtin("ner", "gazetteer.tsv"), ("label", "name", "source"))]
    from_actors = {(row["label"], row["name"]) for row in rows if row["source"].startswith("actors/")}
    assert from_actors <= expected  # no name the actor files no longer hold
    assert expected <= {(row["label"], row["name"]) for row in rows}  # every name they hold (ANERgazet may have it)
