"""Sentence splitting rules for news."""

from rasid.text.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_terminators():
    assert texts("زار كيم روسيا. التقى بوتين؟ نعم! وانتهى اللقاء؛ ثم عاد") == [
        "زار كيم روسيا.", "التقى بوتين؟", "نعم!", "وانتهى اللقاء؛", "ثم عاد"]


def test_latin_question_mark():
    assert texts("هل زار روسيا? قال نعم.") == ["هل زار روسيا?", "قال نعم."]


def test_no_split_inside_numbers_or_abbreviations():
    assert texts("ارتفع النمو 3.5 في المئة. وقال د. أحمد إن U.S. تدعم ذلك.") == [
        "ارتفع النمو 3.5 في المئة.", "وقال د. أحمد إن U.S. تدعم ذلك."]


def test_quotation_stays_with_its_sentence():
    text = 'وقال "نعقد الآن اجتماعا. لقد تمكنا من الرؤية" ثم غادر. وأضاف بوتين.'
    assert texts(text) == ['وقال "نعقد الآن اجتماعا. لقد تمكنا من الرؤية" ثم غادر.', "وأضاف بوتين."]


def test_closing_quote_after_terminator_ends_sentence():
    text = "قال بوتين: «هذا هو السبب.» وأضاف أنه سعيد."
    assert texts(text) == ["قال بوتين: «هذا هو السبب.»", "وأضاف أنه سعيد."]


def test_paragraphs_and_headings():
    sents = split_sentences("تدريبات عسكرية مشتركة\n\nوقال شويغو إن موسكو تدرس ذلك.\nالخلاصة\n")
    assert [(s.text, s.kind) for s in sents] == [
        ("تدريبات عسكرية مشتركة", "heading"), ("وقال شويغو إن موسكو تدرس ذلك.", "body"), ("الخلاصة", "heading")]


def test_duplicate_caption_flagged():
    sents = split_sentences("العنوان\n\nبوتين وكيم\nبوتين وكيم\n\nنص الخبر.")
    assert [s.kind for s in sents] == ["heading", "heading", "duplicate", "body"]


def test_ellipsis_is_not_an_end():
    assert texts("الحديدة.. الحوثيون يتحصنون بالمنازل.") == ["الحديدة.. الحوثيون يتحصنون بالمنازل."]


def test_sample_article(sample_doc):
    sents = sample_doc.sentences
    assert 25 <= len(sents) <= 35
    duplicates = [s for s in sents if s.kind == "duplicate"]
    assert [s.text for s in duplicates] == ["بوتين وكيم"]
    assert duplicates[0] not in sample_doc.analysis_sentences()
    assert any(s.text.startswith("وقال شويغو لوسائل إعلام روسية") and s.text.endswith("الشمالية.") for s in sents)
    assert sum(s.kind == "heading" for s in sents) >= 4
