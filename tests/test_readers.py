"""Readers: formats, encodings, metadata and every kind of bad input."""

import gzip
import io
import json

import pytest

from rasid.document import Document
from rasid.errors import InputError
from rasid.readers import ReadFailure, decode, read_documents

ARTICLE = "زار زعيم كوريا الشمالية روسيا خلال اليومين الماضيين.\nوقال شويغو إن موسكو تدرس إجراء تدريبات."


def read(*paths, **kw):
    items = list(read_documents([str(p) for p in paths], **kw))
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, ReadFailure)]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
     ("cp1256", b"")],
)
def test_encodings(tmp_path, encoding, prefix):
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + ARTICLE.encode(encoding))
    (doc,), failures = read(path)
    assert not failures
    assert doc.text == ARTICLE
    assert doc.id == "a"


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    docs, (failure,) = read(path)
    assert not docs
    assert "binary" in failure.reason


def test_undecidable_encoding():
    noise = bytes([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xc0, 0xff, 0xfe, 0xa0, 0x85] * 20)
    with pytest.raises(InputError, match="encoding"):
        decode(noise, "x.txt")


def test_empty_file(tmp_path):
    (tmp_path / "e.txt").write_text("  \n", encoding="utf-8")
    _docs, (failure,) = read(tmp_path / "e.txt")
    assert failure.reason == "empty file"


def test_missing_path_and_empty_directory(tmp_path):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    docs, failures = read(tmp_path / "missing.txt", tmp_path)
    assert not docs
    assert "no such file" in failures[0].reason
    assert "no articles in this directory" in failures[1].reason


def test_jsonl_bad_lines_are_named_and_the_rest_read(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": ARTICLE, "date": "2018-04-14", "title": "عنوان", "source": "BBC"}),
        "{not json",
        json.dumps({"id": "no-text", "title": "x"}),
        "",
        json.dumps({"text": ARTICLE, "date": "14/04/2018"}),
        json.dumps(["a list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, failures = read(path)
    assert [d.id for d in docs] == ["ok1", "batch:5"]
    assert docs[0].date == "2018-04-14" and docs[0].title == "عنوان" and docs[0].source == "BBC"
    assert docs[1].date is None and "unreadable date" in docs[1].warnings[0]
    assert [f.where for f in failures] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert "not JSON" in failures[0].reason
    assert "no 'text'" in failures[1].reason


def test_jsonl_gz_and_directory_recursion(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    with gzip.open(sub / "x.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "gz1", "text": ARTICLE}) + "\n")
    (tmp_path / "a" / "y.txt").write_text(ARTICLE, encoding="utf-8")
    docs, failures = read(tmp_path)
    assert not failures
    assert sorted(d.id for d in docs) == ["gz1", "y"]


def test_html_main_text_title_and_date(tmp_path):
    body = "".join(f"<p>{ARTICLE} فقرة رقم {i}.</p>" for i in range(6))
    html = ("<html><head><title>زيارة كيم إلى روسيا</title>"
            '<meta property="article:published_time" content="2023-09-14T10:00:00Z"></head>'
            f"<body><nav>الرئيسية | أخبار</nav><article>{body}</article><footer>حقوق النشر</footer></body></html>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    (doc,), failures = read(tmp_path / "page.html")
    assert not failures
    assert "تدريبات" in doc.text and "حقوق النشر" not in doc.text
    assert doc.title == "زيارة كيم إلى روسيا"
    assert doc.date == "2023-09-14"


def test_stdin_text_and_jsonl():
    (doc,), _ = read("-", stdin=io.BytesIO(ARTICLE.encode("utf-8")))
    assert doc.id == "stdin" and doc.text == ARTICLE
    docs, _ = read("-", stdin=io.BytesIO((json.dumps({"id": "s1", "text": ARTICLE}) + "\n").encode()))
    assert [d.id for d in docs] == ["s1"]


def test_no_arabic_is_a_warning(tmp_path):
    (tmp_path / "en.txt").write_text("Kim Jong Un visited Russia.", encoding="utf-8")
    (doc,), failures = read(tmp_path / "en.txt")
    assert not failures
    assert "no Arabic" in doc.warnings[0]


def test_size_limit_is_an_option(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes((ARTICLE + "\n").encode("utf-8") * 20_000)  # about 2.6 MB
    docs, (failure,) = read(path, max_bytes=1_000_000)
    assert "over the 1 MB limit" in failure.reason
    docs, failures = read(path, max_bytes=5_000_000)
    assert len(docs) == 1 and not failures


def test_jsonl_line_over_the_limit_is_skipped_without_loading(tmp_path):
    path = tmp_path / "lines.jsonl"
    big = json.dumps({"id": "big", "text": "ا" * 3000})
    small = json.dumps({"id": "small", "text": ARTICLE})
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    docs, (failure,) = read(path, max_bytes=1000)
    assert [d.id for d in docs] == ["small"]
    assert failure.where.endswith(":1") and "longer than" in failure.reason


def test_date_option_fills_missing_dates_only(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n"
                    + json.dumps({"id": "b", "text": ARTICLE, "date": "2018-01-02"}) + "\n", encoding="utf-8")
    docs, _ = read(path, date="2023-09-14")
    assert [d.date for d in docs] == ["2023-09-14", "2018-01-02"]
