"""Property: on any input, every span of the analysis is exactly its slice of the original text."""

from hypothesis import given, settings
from hypothesis import strategies as st

import rasid
from rasid.readers import read_documents

ALPHABET = st.sampled_from(
    list("ابتثجحخدذرسشصضطظعغفقكلمنهويىةءأإآؤئ") + list("\u064b\u064e\u0650\u0651\u0652\u0670\u0640")
    + list("٠١٢٣٤٥٦٧٨٩0123456789.,،؛؟!?«»\"“”()-_#@:/") + [" ", " ", "\n", "\n\n", "\u200c", "\u200f"]
    + list("abcXYZ") + ["\ufefb", "ـ", "..."]
)


def assert_spans(doc):
    text = doc.text
    for span in [*doc.sentences, *doc.tokens]:
        assert text[span.start:span.end] == span.text
        assert span.start < span.end
    for token in doc.tokens:
        if token.segments:
            assert "".join(s.text for s in token.segments) == token.text
            for seg in token.segments:
                assert text[seg.start:seg.end] == seg.text


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=200).map("".join))
def test_random_text(text):
    doc = rasid.analyze(text)
    assert doc.text == text
    assert_spans(doc)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, 4), st.integers(0, 400), st.integers(1, 600))
def test_slices_of_real_articles(which, start, length):
    from tests.conftest import EXAMPLE_JSONL, SAMPLE

    docs = [d for d in read_documents([str(SAMPLE), str(EXAMPLE_JSONL)]) if hasattr(d, "text")]
    text = docs[which % len(docs)].text[start:start + length]
    assert_spans(rasid.analyze(text))
