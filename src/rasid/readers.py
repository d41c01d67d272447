"""Readers: turn files, directories, JSONL(.gz), HTML and stdin into Documents.

Every problem with one input is yielded as a `ReadFailure` (naming the file and line) so that the
other inputs are still read; only the caller decides how to report them.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import BinaryIO

from charset_normalizer import from_bytes

from rasid.document import Document
from rasid.errors import InputError

EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz")
DEFAULT_MAX_BYTES = 20_000_000
# Legacy encodings accepted when charset-normalizer settles on them: the ones Arabic sites use.
ARABIC_ENCODINGS = {"cp1256", "iso8859_6", "cp864", "cp720", "mac_arabic"}
_ARABIC = re.compile("[\u0600-\u06ff]")
_TITLE_MAX_WORDS = 25


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read: where (file or file:line) and why."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


def read_documents(
    paths: Iterable[str], *, date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | ReadFailure]:
    """Yield a Document per article in `paths` ("-" is stdin), or a ReadFailure per unreadable one."""
    if date is not None:
        date = check_date(date)
    for raw in paths:
        if raw == "-":
            source = stdin or sys.stdin.buffer
            yield from _with_date(_read_stdin(source, max_bytes), date)
            continue
        path = Path(raw)
        if not path.exists():
            yield ReadFailure(raw, "no such file or directory")
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(EXTENSIONS))
            if not files:
                yield ReadFailure(raw, f"no articles in this directory (looked for {', '.join(EXTENSIONS)})")
            for file in files:
                yield from _with_date(read_file(file, max_bytes), date)
        else:
            yield from _with_date(read_file(path, max_bytes), date)


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | ReadFailure]:
    """Read one file by its extension (anything else is read as plain text)."""
    name = path.name.lower()
    try:
        if name.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rb") as fh:
                yield from read_jsonl(fh, str(path), _stem(path), max_bytes)
            return
        size = path.stat().st_size
        if size > max_bytes:
            yield ReadFailure(str(path), f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit "
                                         "(raise it with --max-size, or split it into JSONL)")
            return
        text = decode(path.read_bytes(), str(path))
        if name.endswith((".html", ".htm")):
            yield from_html(text, _stem(path), str(path))
        else:
            yield from_text(text, _stem(path))
    except InputError as exc:
        yield ReadFailure(str(path), str(exc).removeprefix(f"{path}: "))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield ReadFailure(str(path), f"cannot read: {getattr(exc, 'strerror', None) or exc}")


def read_jsonl(fh: BinaryIO, where: str, stem: str, max_bytes: int) -> Iterator[Document | ReadFailure]:
    """Read JSON Lines records with `text` (required), `id`, `date`, `title`, `source`, `url`."""
    for lineno, line in enumerate(_bounded_lines(fh, max_bytes), start=1):
        if line is None:
            yield ReadFailure(f"{where}:{lineno}", f"line longer than the {max_bytes / 1e6:g} MB limit")
            continue
        if not line.strip():
            continue
        try:
            yield from_record(json.loads(line.decode("utf-8-sig" if lineno == 1 else "utf-8")), f"{stem}:{lineno}")
        except UnicodeDecodeError:
            yield ReadFailure(f"{where}:{lineno}", "not UTF-8 (JSONL must be UTF-8)")
        except json.JSONDecodeError as exc:
            yield ReadFailure(f"{where}:{lineno}", f"not JSON ({exc.msg} at column {exc.colno})")
        except InputError as exc:
            yield ReadFailure(f"{where}:{lineno}", str(exc))


def from_record(record: object, default_id: str) -> Document:
    """A Document from one JSON record."""
    if not isinstance(record, dict):
        raise InputError("a JSONL record must be a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no 'text' (a non-empty string is required)")
    fields = {}
    for key in ("title", "source", "url", "date"):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"field {key!r} must be a string")
        fields[key] = value
    doc_id = record.get("id", default_id)
    if not isinstance(doc_id, (str, int)):
        raise InputError("field 'id' must be a string or a number")
    doc = Document(id=str(doc_id), text=text, **{k: v for k, v in fields.items() if k != "date"})
    if fields["date"]:
        try:
            doc.date = check_date(fields["date"][:10])
        except InputError:
            doc.warnings.append(f"unreadable date {fields['date']!r} ignored")
    return _with_warnings(doc)


def from_text(text: str, doc_id: str) -> Document:
    """A Document from plain text; a short first line without final punctuation is its title."""
    first = text.strip().split("\n", 1)[0].strip()
    title = first if first and len(first.split()) <= _TITLE_MAX_WORDS and first[-1] not in ".!?؟" else None
    return _with_warnings(Document(id=doc_id, text=text, title=title))


def from_html(html: str, doc_id: str, where: str) -> Document:
    """A Document from an HTML page: main text through trafilatura, title and date from its metadata."""
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    extracted = trafilatura.bare_extraction(html, with_metadata=True)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise InputError(f"{where}: no article text found in the HTML page")
    doc = Document(id=doc_id, text=text, title=getattr(extracted, "title", None) or None,
                   url=getattr(extracted, "url", None) or None, source=getattr(extracted, "sitename", None) or None)
    page_date = getattr(extracted, "date", None)
    if page_date:
        try:
            doc.date = check_date(str(page_date)[:10])
        except InputError:
            doc.warnings.append(f"unreadable page date {page_date!r} ignored")
    return _with_warnings(doc)


def decode(data: bytes, where: str) -> str:
    """Decode a file: UTF-8 (with or without BOM), UTF-16 with BOM, or a detected Arabic legacy encoding."""
    if not data.strip():
        raise InputError(f"{where}: empty file")
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", where)
    if b"\x00" in data:
        raise InputError(f"{where}: binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.encoding not in ARABIC_ENCODINGS:
        guess = f" (best guess {best.encoding})" if best is not None else ""
        raise InputError(f"{where}: cannot decide the text encoding{guess}; "
                         "use UTF-8, UTF-16 with a BOM, or windows-1256")
    return str(best)


def check_date(value: str) -> str:
    """Return an ISO date YYYY-MM-DD unchanged, or raise InputError."""
    try:
        return Date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise InputError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _strict(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: invalid {encoding} at byte {exc.start}") from None


def _read_stdin(fh: BinaryIO, max_bytes: int) -> Iterator[Document | ReadFailure]:
    head = fh.read(max_bytes + 1)
    if len(head) > max_bytes:
        yield ReadFailure("<stdin>", f"input over the {max_bytes / 1e6:g} MB limit; send JSONL from a file instead")
        return
    if head.lstrip()[:1] == b"{":
        import io

        yield from read_jsonl(io.BytesIO(head), "<stdin>", "stdin", max_bytes)
        return
    try:
        yield from_text(decode(head, "<stdin>"), "stdin")
    except InputError as exc:
        yield ReadFailure("<stdin>", str(exc).removeprefix("<stdin>: "))


def _bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary stream; None for a line longer than `max_bytes` (skipped without loading it)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = fh.readline(max_bytes + 1)
            yield None
            continue
        yield line


def _with_date(items: Iterable[Document | ReadFailure], date: str | None) -> Iterator[Document | ReadFailure]:
    for item in items:
        if date and isinstance(item, Document) and not item.date:
            item.date = date
        yield item


def _with_warnings(doc: Document) -> Document:
    if not _ARABIC.search(doc.text):
        doc.warnings.append("no Arabic text found; analysed anyway")
    return doc


def _stem(path: Path) -> str:
    name = path.name
    for ext in (".jsonl.gz", *EXTENSIONS):
        if name.lower().endswith(ext):
            return name[: -len(ext)]
    return path.stem
