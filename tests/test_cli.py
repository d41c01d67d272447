"""The command line: formats, exit statuses and one-line errors, never a traceback."""

import json
import subprocess
import sys

import pytest

import rasid
from rasid.cli import main
from tests.conftest import EXAMPLE_JSONL, SAMPLE

ARTICLE = "وقال شويغو لوسائل إعلام روسية إن موسكو تدرس إجراء تدريبات عسكرية مشتركة مع كوريا الشمالية."


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_version(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0 and rasid.__version__ in out


def test_help_documents_exit_codes(capsys):
    status, out, _ = run(capsys, "analyze", "--help")
    assert status == 0
    assert "Exit status" in out and "some inputs failed" in out


def test_sample_as_json(capsys):
    status, out, err = run(capsys, "analyze", str(SAMPLE), "--format", "json", "--date", "2023-09-14")
    assert status == 0, err
    doc = json.loads(out)
    assert doc["schema"] == "rasid.document/1"
    assert doc["id"] == "kim-putin-vostochny" and doc["date"] == "2023-09-14"
    assert 25 <= len(doc["sentences"]) <= 35
    assert any(s["kind"] == "duplicate" for s in doc["sentences"])
    for span in doc["sentences"] + doc["tokens"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]


def test_several_documents_as_array_and_jsonl(capsys):
    status, out, _ = run(capsys, "analyze", str(SAMPLE), str(EXAMPLE_JSONL), "--format", "json")
    assert status == 0
    docs = json.loads(out)
    assert isinstance(docs, list) and len(docs) == 5
    status, out, _ = run(capsys, "analyze", str(EXAMPLE_JSONL), "--format", "jsonl")
    lines = out.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [d["id"] for d in docs[1:]]


def test_table(capsys):
    status, out, _ = run(capsys, "analyze", str(SAMPLE), "--format", "table")
    assert status == 0
    assert "duplicate" in out and "بوتين وكيم" in out


def test_missing_path(capsys):
    status, _out, err = run(capsys, "analyze", "/no/such/article.txt")
    assert status == 3
    assert err.strip() == "rasid: error: /no/such/article.txt: no such file or directory"


def test_partial_failure(tmp_path, capsys):
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"id": "ok", "text": ARTICLE}) + "\n{oops\n", encoding="utf-8")
    status, out, err = run(capsys, "analyze", str(path), "--format", "jsonl")
    assert status == 4
    assert json.loads(out)["id"] == "ok"
    assert f"{path}:2: not JSON" in err


def test_bad_date_is_a_usage_error(capsys):
    status, _, err = run(capsys, "analyze", str(SAMPLE), "--date", "14/09/2023")
    assert status == 2 and "not a date" in err


def test_no_arabic_warns(tmp_path, capsys):
    (tmp_path / "en.txt").write_text("Nothing in Arabic here.", encoding="utf-8")
    status, out, err = run(capsys, "analyze", str(tmp_path / "en.txt"))
    assert status == 0 and "warning" in err and "no Arabic" in err
    assert json.loads(out)["warnings"]


def test_fifty_megabyte_file_refused_with_a_size_error(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        block = (ARTICLE + "\n").encode("utf-8") * 1000
        while fh.tell() < 50_000_000:
            fh.write(block)
    status, out, err = run(capsys, "analyze", str(path))
    assert status == 3
    assert "over the 20 MB limit" in err and "--max-size" in err
    assert out == ""


@pytest.mark.parametrize(
    "args",
    [["analyze", "/no/such/file"], ["analyze"], ["analyze", "x", "--format", "xml"], ["frobnicate"]],
)
def test_no_traceback_in_a_real_process(args):
    proc = subprocess.run([sys.executable, "-m", "rasid", *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode in (2, 3)
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert proc.stderr.startswith("rasid: error: ")


def test_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    status, out, _ = run(capsys, "analyze", "-", "--format", "jsonl")
    assert status == 0 and json.loads(out)["id"] == "stdin"


def test_eval_segment(capsys):
    from tests.conftest import DATA

    status, out, _ = run(capsys, "eval", "segment", "--gold", str(DATA / "segmentation" / "test.tsv"))
    assert status == 0
    assert out.strip().splitlines()[-1].startswith("accuracy ")


def test_spark_without_java_is_one_line_and_status_8(tmp_path):
    import os
    from pathlib import Path

    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "1", "text": "زار الرئيس موسكو."}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(Path(sys.executable).parent)  # this Python's rasid, and no java
    done = subprocess.run([str(Path(sys.executable).parent / "rasid"), "spark", str(articles), str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 8
    assert done.stderr.strip().splitlines() == [done.stderr.strip()] and "Java 17" in done.stderr


def test_spark_checks_the_actor_dictionary_before_starting(tmp_path, capsys):
    user = tmp_path / "bad.tsv"
    user.write_text("arabic\tcode\tname_en\ttype\nموسكو\tRUS\tMoscow\tTOWN\n", encoding="utf-8")
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps({"id": "1", "text": "زار الرئيس موسكو."}, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    assert main(["spark", str(articles), str(tmp_path / "out"), "--actors", str(user)]) == 5
    err = capsys.readouterr().err
    assert err.startswith("rasid: error: bad.tsv:2:") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()
