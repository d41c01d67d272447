"""Event coding on real news constructions: VSO, SVO, verbal nouns, reported speech, coordination,
negation, symmetric meetings, relative dates; the event fields; the dictionaries; the evaluations."""

import json
from pathlib import Path

import pytest

import rasid
from rasid.cli import main
from rasid.errors import DataFileError
from rasid.events.dates import resolve
from rasid.events.ontology import cameo_table, lookup
from rasid.events.patterns import PatternDictionary, jussive_forms, past_forms, present_forms
from rasid.text.tokenize import tokenize

DATE = "2023-09-14"


def events(text: str, date: str = DATE) -> list[tuple[str, str | None, str, bool]]:
    doc = rasid.analyze(text, date=date)
    return [(e.source["code"][:3], e.target["code"][:3] if e.target else None, e.cameo, e.negated)
            for e in doc.events]


def test_vso_verb_subject_object():
    found = events("زار وزير الخارجية الروسي سيرغي لافروف دمشق أمس.")
    assert ("RUS", "SYR", "042", False) in found


def test_svo_after_a_complementizer():
    found = events("وقالت وكالة الأنباء المركزية لكوريا الشمالية إن كيم جونغ أون زار الأسطول الروسي.")
    assert ("PRK", "RUS", "042", False) in found


def test_nominalised_event_takes_its_genitive():
    found = events("أثارت زيارة زعيم كوريا الشمالية لروسيا عاصفة من ردود الأفعال.")
    assert ("PRK", "RUS", "042", False) in found


def test_reported_speech_codes_the_embedded_clause():
    found = events("وقال شويغو لوسائل إعلام روسية إن موسكو تدرس إجراء تدريبات عسكرية مشتركة مع كوريا الشمالية.")
    assert ("RUS", "PRK", "0312", False) in found


def test_coordinated_sources_and_targets_expand():
    found = events("واعتبرت كوريا الجنوبية والولايات المتحدة إن التعاون العسكري بين كوريا الشمالية وروسيا "
                   "يعد انتهاكا لعقوبات الأمم المتحدة.")
    for source in ("KOR", "USA"):
        for target in ("PRK", "RUS"):
            assert (source, target, "112", False) in found


def test_symmetric_meeting_goes_both_ways():
    found = events("التقى الرئيس الروسي فلاديمير بوتين وزعيم كوريا الشمالية كيم جونغ أون في قاعدة فوستوتشني.")
    assert ("RUS", "PRK", "040", False) in found
    assert ("PRK", "RUS", "040", False) in found


def test_negated_visit_is_marked_and_not_scored():
    doc = rasid.analyze("لم يزر الرئيس الأمريكي موسكو خلال جولته.", date=DATE)
    visits = [e for e in doc.events if e.cameo == "042"]
    assert visits and all(e.negated for e in visits)
    from rasid.events.evaluate import triples

    assert not any(t[2] == "04" for t in triples(doc.events))


def test_event_fields(sample_doc):
    e = next(e for e in sample_doc.events if e.cameo == "0312")
    assert (e.source["code"], e.target["code"]) == ("RUSGOV", "PRK")
    assert e.root == "03" and e.quad_class == 1 and e.goldstein == pytest.approx(5.2)
    assert e.plover == "AGREE"
    text = sample_doc.text
    for part in (e.trigger, e.evidence, e.source, e.target):
        assert text[part["start"]:part["end"]] == part["text"]
    assert "تدرس" in e.evidence["text"] and 0 < e.confidence <= 1
    assert sample_doc.sentences[e.sentence].start <= e.trigger["start"]


def test_dates_of_the_sample(sample_doc):
    july = [e for e in sample_doc.events if e.source["code"] == "RUSMIL" and e.cameo == "042"]
    assert july and july[0].date == "2023-07" and july[0].date_precision == "month"


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("قال أمس إن", "2023-09-13", "day"),
        ("زار روسيا خلال اليومين الماضيين", "2023-09-13", "day"),
        ("في يوليو الماضي", "2023-07", "month"),
        ("في وقت سابق من هذا الشهر", "2023-09", "month"),
        ("الأسبوع المقبل", "2023-09-21", "day"),
        ("يوم الجمعة الماضي", "2023-09-08", "day"),
        ("في 14 أيلول 2022", "2022-09-14", "day"),
        ("العام الماضي", "2022", "year"),
        ("منذ ثلاثة أيام", "2023-09-11", "day"),
        ("في 5 رمضان 1445 هـ", "2024-03-15", "day"),
    ],
)
def test_relative_dates(text, date, precision):
    found = resolve(list(tokenize(text)), DATE)
    assert found is not None and (found.date, found.precision) == (date, precision)


def test_quadclass_is_gdelts_convention():
    table = cameo_table()
    assert {table[r].quad_class for r in ("01", "02", "03", "04", "05")} == {1}
    assert {table[r].quad_class for r in ("06", "07", "08", "09")} == {2}
    assert {table[r].quad_class for r in ("10", "11", "12", "13", "14")} == {3}
    assert {table[r].quad_class for r in ("15", "16", "17", "18", "19", "20")} == {4}
    assert lookup("042").plover == "CONSULT" and lookup("195").plover == "ASSAULT"


def test_inflections():
    assert {"زارت", "زاروا", "زارا"} <= past_forms("زار")
    assert {"التقت", "التقوا"} <= past_forms("التقي")
    assert {"تزور", "يزورون", "نزور"} <= present_forms("يزور")
    assert {"يلتقون", "تلتقي"} <= present_forms("يلتقي")
    assert "يعد" not in present_forms("يعيد") and "يعد" in jussive_forms("يعيد")  # only after لم


def test_pattern_files_cover_every_root():
    d = PatternDictionary.default()
    roots = {p.cameo[:2] for patterns in d.triggers.values() for p in patterns}
    assert roots >= {f"{r:02d}" for r in range(1, 21)} - {"01", "02"} or len(roots) >= 10


def test_bad_pattern_row_names_file_and_line(tmp_path):
    bad = tmp_path / "patterns-bad.tsv"
    bad.write_text("cameo\tpast\tpresent\tnouns\tcontext\tnote\n999\tزار\t\t\t\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"patterns-bad.tsv:2: unknown CAMEO code"):
        PatternDictionary().read(bad)


def test_quotes_have_speakers(sample_doc):
    speakers = {q.speaker["code"] for q in sample_doc.quotes if q.speaker}
    assert {"RUSGOV", "RUSMIL"} <= speakers
    for q in sample_doc.quotes:
        assert sample_doc.text[q.start:q.end] == q.text


def test_eval_events_on_dev_like_gold(capsys):
    gold = Path(__file__).parent / "data" / "gold"
    assert main(["eval", "events", "--gold", str(gold)]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("event-F1 ")


def test_eval_bad_inputs(tmp_path, capsys):
    assert main(["eval", "events", "--gold", str(tmp_path)]) == 3
    assert "no gold" in capsys.readouterr().err
    (tmp_path / "x.json").write_text(json.dumps({"id": "x", "text_file": "missing.txt"}), encoding="utf-8")
    assert main(["eval", "events", "--gold", str(tmp_path)]) == 3
    assert "not a usable gold file" in capsys.readouterr().err


def test_eval_gsr_bad_folder(tmp_path, capsys):
    assert main(["eval", "gsr", "--data", str(tmp_path)]) == 3
    assert "protest_gsr.csv" in capsys.readouterr().err
