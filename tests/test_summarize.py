"""Summaries and key facts: ROUGE on hand-checked examples, the summarizer component's contract and choices,
the sample article against its own "الخلاصة" section, key facts, the stopword file and `rasid eval summary`."""

import itertools
import json
import re

import pytest

import rasid
from rasid.cli import evaluate as eval_group
from rasid.cli import main
from rasid.document import Document
from rasid.errors import DataFileError, InputError
from rasid.pipeline import Pipeline, default_pipeline
from rasid.summarize import Summarizer, Weights, key_facts, with_budget
from rasid.summarize.commands import summary as summary_command
from rasid.summarize.evaluate import read_records
from rasid.summarize.rouge import NormTokens, lcs_length, plain_tokens, rouge, rouge_l, rouge_n
from rasid.summarize.stopwords import load_stopwords
from rasid.summarize.view import render_summary

LIGHT = Pipeline.from_names(["tokenizer", "sentencizer"])
CONCLUSION = "الخلاصة"


def w(text: str) -> list[str]:
    return text.split()


def light(text: str, title: str | None = None) -> Document:
    return LIGHT(Document(id="t", text=text, title=title))


# --- ROUGE, checked by hand -------------------------------------------------------------------------------


def test_rouge_1_counts_clipped_unigram_overlap():
    s = rouge_n(w("a b c d"), w("a b e"), 1)
    assert (s.precision, s.recall) == (2 / 4, 2 / 3)
    assert s.f1 == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    clipped = rouge_n(w("the the the"), w("the cat"), 1)  # "the" matches once: the reference has one
    assert (clipped.precision, clipped.recall) == (1 / 3, 1 / 2) and clipped.f1 == pytest.approx(0.4)


def test_rouge_2_counts_bigrams():
    s = rouge_n(w("a b c d"), w("a b e"), 2)  # {ab bc cd} vs {ab be}
    assert (s.precision, s.recall) == (1 / 3, 1 / 2) and s.f1 == pytest.approx(0.4)
    assert rouge_n(["a"], ["a"], 2).f1 == 0.0  # no bigram at all


def test_rouge_l_is_lin_2004_example():
    # Lin (2004), section 3.1: reference "police killed the gunman".
    ref = w("police killed the gunman")
    assert rouge_l(w("police kill the gunman"), ref).f1 == pytest.approx(3 / 4)
    assert rouge_l(w("the gunman kill police"), ref).f1 == pytest.approx(2 / 4)
    assert lcs_length(w("a b c d e"), w("a c e f")) == 3
    s = rouge_l(w("a b c d e"), w("a c e f"))
    assert (s.precision, s.recall) == (3 / 5, 3 / 4)


def test_rouge_takes_the_best_reference_and_handles_empty_input():
    scores = rouge(w("a b"), [w("x y"), w("a b")])
    assert scores["rouge-1"].f1 == 1.0 and scores["rouge-2"].f1 == 1.0 and scores["rouge-l"].f1 == 1.0
    assert rouge([], [w("a")])["rouge-1"].f1 == 0.0
    assert rouge(["a"], [])["rouge-l"].f1 == 0.0


def test_normalised_segmented_tokens_match_across_clitics_and_spelling():
    norm = NormTokens()
    cand, ref = "وقال الرئيس.", "قال رئيس"
    assert plain_tokens(cand) == ["وقال", "الرئيس"] and rouge_n(plain_tokens(cand), plain_tokens(ref), 1).f1 == 0
    assert norm(cand) == ["و", "قال", "ال", "رييس"]  # punctuation dropped, ئ → ي
    s = rouge_n(norm(cand), norm(ref), 1)
    assert (s.precision, s.recall) == (2 / 4, 2 / 2)
    assert norm("إلى مدرسةٍ") == norm("الى مدرسه")  # hamza, ta marbuta and tashkeel folded


# --- the component ----------------------------------------------------------------------------------------

ARTICLE = """زيارة نادرة

وصل الرئيس الروسي فلاديمير بوتين إلى بكين اليوم في زيارة رسمية تستغرق يومين لبحث التعاون الاقتصادي.
صورة من الأرشيف
صورة من الأرشيف

وقال الكرملين إن الرئيس الروسي سيبحث مع نظيره الصيني ملفات التجارة والطاقة والأمن الإقليمي.
ويلتقي بوتين خلال الزيارة رجال أعمال صينيين في العاصمة بكين لبحث مشاريع الطاقة المشتركة.
وقال الكرملين إن الرئيس الروسي سيبحث مع نظيره الصيني ملفات التجارة والطاقة والأمن الإقليمي أيضا.
وكانت العلاقات التجارية بين البلدين قد نمت بسرعة خلال السنوات الماضية رغم العقوبات الغربية.
"""


def test_component_contract_and_json_round_trip():
    comp = Summarizer()
    assert comp.name == "summary" and comp.assigns == ("summary",)
    assert comp.requires == ("tokens", "sentences", "entities", "events")
    pipeline = Pipeline([*(c for c in default_pipeline().components if c.name != "summary"), comp])
    doc = rasid.analyze(ARTICLE, pipeline=pipeline, date="2024-05-16")
    assert 1 <= len(doc.summary) <= 3
    back = Document.from_json(doc.to_json())
    assert back.summary == doc.summary
    for item in doc.summary:
        assert set(item) == {"sentence", "start", "end", "text", "rank", "score", "events"}
        assert doc.text[item["start"]:item["end"]] == item["text"]
        assert doc.sentences[item["sentence"]].text == item["text"]
        assert all(doc.events[k].sentence == item["sentence"] for k in item["events"])
    coded = {e.sentence for e in doc.events}
    assert any(item["events"] for item in doc.summary if item["sentence"] in coded)


def test_headings_captions_and_duplicates_are_never_chosen():
    doc = Summarizer(sentences=20)(light(ARTICLE))
    kinds = [doc.sentences[i["sentence"]].kind for i in doc.summary]
    assert kinds and set(kinds) == {"body"}
    assert all("الأرشيف" not in i["text"] and i["text"] != "زيارة نادرة" for i in doc.summary)


def test_order_budget_ratio_and_novelty():
    doc = light(ARTICLE)
    items = Summarizer(sentences=3).summarize(doc)
    assert [i["sentence"] for i in items] == sorted(i["sentence"] for i in items)
    assert sorted(i["rank"] for i in items) == [1, 2, 3]
    assert items[0]["text"].startswith("وصل الرئيس")  # the lead
    assert len(Summarizer(sentences=1).summarize(doc)) == 1
    assert len(Summarizer(ratio=0.5).summarize(doc)) == 2  # half of the 4-5 body sentences
    # The Kremlin sentence appears twice (once with أيضا): never both in one summary.
    chosen = Summarizer(sentences=4).summarize(doc)
    assert sum("وقال الكرملين" in i["text"] for i in chosen) == 1


def test_title_and_centrality_move_the_choice_off_the_lead():
    text = ("أعلنت الحكومة اليوم موعد العطلة الرسمية المقبلة للموظفين في الوزارات.\n"
            "وقالت وزارة الصحة إن حملة التطعيم ضد الحصبة تبدأ الأسبوع المقبل في المدارس.\n"
            "وتشمل حملة التطعيم ضد الحصبة جميع الأطفال دون الخامسة في المدارس والمراكز الصحية.\n"
            "وتأتي حملة التطعيم بعد ارتفاع إصابات الحصبة في المدارس خلال الشتاء.\n")
    plain = Summarizer(weights=Weights(centrality=0, title=0, brevity=0)).summarize(light(text), budget=2)
    assert [i["sentence"] for i in plain] == [0, 1]
    steered = Summarizer(weights=Weights(first=0, lead=0, centrality=1, title=1)).summarize(
        light(text, title="حملة تطعيم ضد الحصبة في المدارس"), budget=1)
    assert "الحصبة" in steered[0]["text"]


def test_no_body_sentence_gives_an_empty_summary():
    assert Summarizer()(light("عنوان فقط")).summary == []
    assert Summarizer()(light("")).summary == []
    assert len(Summarizer()(light("قصيرة جدا.")).summary) == 1  # shorter than MIN_WORDS, but the only one


def test_with_budget_sets_adds_and_removes_the_component():
    base = default_pipeline()
    others = [c for c in base.components if c.name != "summary"]  # whether or not the default has one
    two = with_budget(base, 2)
    assert two.names == [*(c.name for c in others), "summary"] and two.components[-1].sentences == 2
    assert two.components[:-1] == others  # shared, not rebuilt
    assert with_budget(two, 5).components[-1].sentences == 5
    ratio = with_budget(two, ratio=0.3).components[-1]
    assert ratio.ratio == 0.3 and ratio.budget(10) == 3
    assert "summary" not in with_budget(two, 0).names


def test_table_view_shows_summary_and_key_facts(sample_text):
    from rich.console import Console

    doc = rasid.analyze(sample_text, pipeline=with_budget(default_pipeline(), 2), date="2023-09-14")
    console = Console(record=True, width=160)
    render_summary(doc, console)
    out = console.export_text()
    assert "summary" in out and "top actors:" in out and "main dyad:" in out and "keywords:" in out
    assert "كوريا الشمالية" in out and "042" in out


# --- the sample article against its own conclusion -------------------------------------------------------


@pytest.fixture(scope="module")
def before_conclusion(sample_text):
    cut = sample_text.index(CONCLUSION)
    doc = rasid.analyze(Document(id="kim", text=sample_text[:cut], date="2023-09-14"))
    return doc, sample_text[cut + len(CONCLUSION):]


@pytest.mark.parametrize("tokenize", [plain_tokens, NormTokens()], ids=["plain", "norm"])
def test_sample_summary_beats_lead_3_and_nears_the_oracle(before_conclusion, tokenize):
    doc, reference = before_conclusion
    ref = tokenize(reference)

    def r1(indexes):
        return rouge_n([t for i in sorted(indexes) for t in tokenize(doc.sentences[i].text)], ref, 1).f1

    body = [i for i, s in enumerate(doc.sentences) if s.kind == "body"]
    ours = r1([item["sentence"] for item in Summarizer(sentences=3)(doc).summary])
    lead = r1(body[:3])
    oracle = max(r1(c) for c in itertools.combinations(body, 3))
    assert len(doc.summary) == 3
    assert ours > lead
    assert ours >= 0.85 * oracle, (ours, oracle)


# --- key facts -------------------------------------------------------------------------------------------


def test_key_facts_of_the_sample(sample_doc):
    facts = key_facts(sample_doc)
    assert json.loads(json.dumps(facts, ensure_ascii=False)) == facts
    codes = [a["code"] for a in facts["actors"]]
    assert codes and codes[0].startswith("PRK") and any(c.startswith("RUS") for c in codes)
    counts = [a["mentions"] for a in facts["actors"]]
    assert counts == sorted(counts, reverse=True)
    dyad = facts["dyad"]
    assert {c[:3] for c in dyad["actors"]} == {"PRK", "RUS"}
    assert dyad["events"] and all({sample_doc.events[k].source["code"], sample_doc.events[k].target["code"]}
                                  == set(dyad["actors"]) for k in dyad["events"])
    words = [k["text"] for k in facts["keywords"]]
    assert len(words) == 10 and "كوريا الشمالية" in words and "روسيا" in words
    assert all(w in sample_doc.text for w in words)
    stems = [s for k in facts["keywords"] for s in k["stem"].split()]
    assert len(stems) == len(set(stems))  # no word in two keywords
    assert not set(stems) & load_stopwords()


def test_key_facts_without_actors_or_events():
    facts = key_facts(light("ارتفعت أسعار الذهب اليوم في الأسواق العالمية. وقال تجار إن أسعار الذهب سترتفع."))
    assert facts["actors"] == [] and facts["dyad"] is None
    assert facts["keywords"][0]["text"] == "أسعار الذهب"


def test_stopword_file(tmp_path):
    words = load_stopwords()
    assert {"في", "علي", "الذي", "قال", "يوم", "ان"} <= words
    bad = tmp_path / "stop.tsv"
    bad.write_text("word\tkind\nفي المدينة\tphrase\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"stop\.tsv:2"):
        load_stopwords(bad)
    bad.write_text("term\tkind\nفي\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="header"):
        load_stopwords(bad)


# --- rasid eval summary ----------------------------------------------------------------------------------


@pytest.fixture()
def eval_cli():
    if "summary" not in eval_group.commands:
        eval_group.add_command(summary_command)
    return main


def _write(path, records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_read_records_skips_copied_leads_and_filters_sources(tmp_path):
    path = _write(tmp_path / "refs.jsonl", [
        {"id": "a", "text": ARTICLE, "summaries": ["بوتين يزور بكين لبحث التعاون الاقتصادي"]},
        {"id": "b", "text": ARTICLE, "abstract": "وصل الرئيس الروسي فلاديمير بوتين إلى بكين", "source": "X"},
        {"id": "c", "text": ARTICLE, "abstract": "زيارة بوتين إلى الصين", "source": "BBC Arabic"},
    ])
    records, skipped = read_records(path)
    assert [r.id for r in records] == ["a", "c"] and skipped == 1  # b's abstract is a copy of its lead
    records, _ = read_records(path, source="BBC Arabic")
    assert [r.id for r in records] == ["c"]
    with pytest.raises(InputError, match="no record"):
        read_records(path, source="nobody")


def test_eval_summary_reports_every_system(tmp_path, capsys, eval_cli):
    path = _write(tmp_path / "refs.jsonl", [
        {"id": str(i), "title": "بوتين في بكين", "text": ARTICLE, "summaries": ["بوتين يصل إلى بكين في زيارة رسمية"]}
        for i in range(3)])
    status = eval_cli(["eval", "summary", "--data", str(path), "--fast"])
    out, err = capsys.readouterr()
    assert status == 0, err
    lines = out.strip().splitlines()
    for system in ("summary-1", "summary-3", "lead-1", "lead-3", "random-1", "random-3", "oracle-1"):
        assert any(re.match(rf"norm\s+{system}\s", line) for line in lines)
        assert any(re.match(rf"plain\s+{system}\s", line) for line in lines)
    assert re.fullmatch(r"rouge-2 [01]\.\d\d", lines[-1])


@pytest.mark.parametrize("content", [None, "{not json\n", '{"id": "x"}\n', '{"text": "نص", "summaries": "s"}\n'])
def test_eval_summary_bad_data_is_one_line_and_status_3(tmp_path, capsys, eval_cli, content):
    path = tmp_path / "bad.jsonl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    status = eval_cli(["eval", "summary", "--data", str(path)])
    _, err = capsys.readouterr()
    assert status == 3
    assert err.startswith("rasid: error: ") and err.count("\n") == 1 and "Traceback" not in err
