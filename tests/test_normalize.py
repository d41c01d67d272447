"""Each normalisation rule, table-driven; the stored text is never touched."""

import pytest

from rasid.text.normalize import normalize

CASES = {
    "diacritics": [("كَتَبَ", "كتب"), ("مُحَمَّدٌ", "محمد"), ("سلامًا", "سلاما")],
    "superscript alef": [("هٰذا", "هذا"), ("الرحمٰن", "الرحمن")],
    "quranic marks": [("صلى\u0610", "صلي"), ("الله\u06dc", "الله")],
    "tatweel": [("الـ70", "ال70"), ("جـــديد", "جديد")],
    "alef forms": [("أحمد", "احمد"), ("إسرائيل", "اسراييل"), ("آمور", "امور"), ("ٱلله", "الله")],
    "alef maqsura": [("على", "علي"), ("مستشفى", "مستشفي")],
    "ta marbuta": [("كوريا الشمالية", "كوريا الشماليه"), ("حكومة", "حكومه")],
    "hamza seats": [("مؤتمر", "موتمر"), ("رئيس", "رييس"), ("سؤال", "سوال")],
    "digits": [("٢٠٢٣", "2023"), ("۱۹۹۰", "1990"), ("٣٫٥", "3.5")],
    "punctuation": [("نعم، لا؛ لماذا؟", "نعم, لا; لماذا?"), ("«سلام»", '"سلام"'), ("٪٥٠", "%50")],
    "controls": [
        ("كي\u200cم", "كيم"), ("\u200fبوتين\u200e", "بوتين"), ("\u202bروسيا\u202c", "روسيا"), ("\ufeffنص", "نص"),
    ],
    "presentation forms": [("\ufefb", "لا"), ("\ufe8d\ufedf\ufee4\ufee0\ufeda", "الملك")],
}


@pytest.mark.parametrize(("rule", "raw", "expected"), [(r, a, b) for r, pairs in CASES.items() for a, b in pairs])
def test_rule(rule, raw, expected):
    assert normalize(raw) == expected, rule


def test_plain_text_unchanged():
    assert normalize("بوتين زار موسكو") == "بوتين زار موسكو"
    assert normalize("Kim Jong Un 2023") == "Kim Jong Un 2023"


def test_document_text_is_never_normalised(sample_doc, sample_text):
    assert sample_doc.text == sample_text
    assert "أون" in sample_doc.text
