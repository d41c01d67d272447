"""Tokenizer and clitic segmenter on real news words and constructions."""

import pytest

from rasid.text.tokenize import tokenize


def pieces(word: str) -> list[str]:
    (token,) = tokenize(word)
    return [s.text for s in token.segments] or [token.text]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("والحكومة", ["و", "ال", "حكومة"]),
        ("وبالتالي", ["و", "ب", "ال", "تالي"]),
        ("للحكومة", ["ل", "ل", "حكومة"]),
        ("فللمرة", ["ف", "ل", "ل", "مرة"]),
        ("للجنة", ["ل", "لجنة"]),
        ("وسيزور", ["و", "س", "يزور"]),
        ("ستعقد", ["س", "تعقد"]),
        ("كالعادة", ["ك", "ال", "عادة"]),
        ("حكومتها", ["حكومت", "ها"]),
        ("زيارته", ["زيارت", "ه"]),
        ("بلادنا", ["بلاد", "نا"]),
        ("عليهم", ["علي", "هم"]),
        ("لها", ["ل", "ها"]),
        ("لأنه", ["ل", "أن", "ه"]),
        ("وقال", ["و", "قال"]),
        ("بزيارة", ["ب", "زيارة"]),
        ("لروسيا", ["ل", "روسيا"]),
        ("الروسي", ["ال", "روسي"]),
    ],
)
def test_clitics_are_split(word, expected):
    assert pieces(word) == expected


@pytest.mark.parametrize(
    "word",
    ["وزير", "وزارة", "بيان", "كوريا", "لبنان", "فلسطين", "كيم", "ليبيا", "سياسة", "سيارة", "بحث", "كان",
     "التي", "الذي", "إلى", "التقى", "هناك", "ذلك", "وكالة", "فرنسا", "ولاية", "بيونغ", "الله", "وفد"],
)
def test_lookalikes_are_not_cut(word):
    assert pieces(word) == [word]


def test_segments_cover_the_word_with_exact_offsets():
    text = "وقال وزير الخارجية: «سنزور بيونغ يانغ»."
    for token in tokenize(text):
        assert text[token.start:token.end] == token.text
        if token.segments:
            assert token.segments[0].start == token.start
            assert token.segments[-1].end == token.end
            assert "".join(s.text for s in token.segments) == token.text
            for seg in token.segments:
                assert text[seg.start:seg.end] == seg.text


def test_diacritics_stay_with_their_letter():
    (token,) = tokenize("وَالحُكُومَةُ")
    assert [s.text for s in token.segments] == ["وَ", "ال", "حُكُومَةُ"]
    assert token.segments[-1].norm == "حكومه"


def test_token_kinds():
    text = "زار 3 وفود (12,5٪) https://example.com/a?b=1 #اليمن @UN COVID-19 الـ70 ٣٫٥"
    kinds = [(t.text, t.kind) for t in tokenize(text)]
    assert ("3", "number") in kinds
    assert ("12,5", "number") in kinds
    assert ("٣٫٥", "number") in kinds
    assert ("https://example.com/a?b=1", "url") in kinds
    assert ("#اليمن", "hashtag") in kinds
    assert ("@UN", "mention") in kinds
    assert ("COVID-19", "latin") in kinds
    assert ("(", "punct") in kinds
    assert ("الـ", "word") in kinds
    assert ("70", "number") in kinds


def test_norm_of_token():
    (token,) = tokenize("إسرائيلَ")
    assert token.norm == "اسراييل"
    assert token.stem == "اسراييل"


def test_names_in_sample_are_intact(sample_doc):
    words = {t.text for t in sample_doc.tokens}
    assert {"كيم", "روسيا", "بيونغ", "يانغ", "بوتين", "شويغو"} <= words
    stems = {t.stem for t in sample_doc.tokens}
    assert {"كيم", "روسيا", "بيونغ", "يانغ"} <= stems
