"""Ingest: read articles, analyse them in worker processes, and store them from one writer in batches.

The parent process reads the inputs, skips documents already stored, hands the rest to a pool of workers
(each builds the pipeline once) and is the single writer: analysed documents are committed in batches, one
transaction per batch, so an interrupted ingest keeps whole documents and a rerun completes it.
"""

from __future__ import annotations

import gzip
import multiprocessing
import os
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from rasid.document import Document
from rasid.errors import InputError, RasidError
from rasid.readers import DEFAULT_MAX_BYTES, EXTENSIONS, ReadFailure, read_documents
from rasid.store.db import Store
from rasid.store.rows import DocRows, doc_rows, id_key, text_key

DEFAULT_BATCH = 64
FLUSH_SECONDS = 2.0  # commit at least this often, so a slow corpus still shows progress on disk


@dataclass
class IngestResult:
    """What an ingest did: documents added, already stored, failed (each reported), and events added."""

    added: int = 0
    existing: int = 0
    failed: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def processed(self) -> int:
        """Every document read, whatever became of it."""
        return self.added + self.existing + self.failed


@dataclass(frozen=True)
class Article:
    """A document read from the input, with where it came from and its identity in the store."""

    key: str
    where: str
    doc: Document


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def read_articles(paths: Iterable[str], *, date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  stdin: BinaryIO | None = None) -> Iterator[Article | ReadFailure]:
    """The articles of files, directories, JSONL(.gz), HTML and stdin ("-"), with their identities.

    A document's identity is the `id` of its JSONL record when it has one, else a hash of its normalised text
    (file names and line numbers are not identities: two folders may hold a `1.txt`).
    """
    for raw in paths:
        files: list[str] = [raw]
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.name.lower().endswith(EXTENSIONS))
            files = found or [raw]  # an empty directory: the reader reports it
        for file in files:
            default_id = _default_id_pattern(file)
            for item in read_documents([file], date=date, max_bytes=max_bytes, stdin=stdin):
                if isinstance(item, ReadFailure):
                    yield item
                    continue
                given = default_id is not None and not default_id.fullmatch(item.id)
                key = id_key(item.id) if given else text_key(item.text)
                yield Article(key, "<stdin>" if file == "-" else file, item)


def _default_id_pattern(file: str) -> re.Pattern[str] | None:
    """The ids the reader makes up for records without one, for a JSONL file or stdin; None for other files."""
    name = Path(file).name
    lower = name.lower()
    if file == "-":
        return re.compile(r"stdin(:\d+)?")
    for ext in (".jsonl.gz", ".jsonl"):
        if lower.endswith(ext):
            return re.compile(re.escape(name[: -len(ext)]) + r":\d+")
    return None


def count_articles(paths: Sequence[str]) -> int | None:
    """How many articles the inputs hold (for a progress bar's ETA); None when stdin makes it unknowable."""
    total = 0
    for raw in paths:
        if raw == "-":
            return None
        path = Path(raw)
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for f in files:
            name = f.name.lower()
            if not name.endswith(EXTENSIONS):
                total += 0 if path.is_dir() else 1
            elif name.endswith((".jsonl", ".jsonl.gz")):
                total += _count_lines(f)
            else:
                total += 1
    return total


def _count_lines(path: Path) -> int:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:
            return sum(1 for line in fh if line.strip())
    except (OSError, EOFError):
        return 0


# ----- analysis, in a worker process or in this one -----

_WORKER: dict[str, Any] = {}  # the pipeline of a worker process, set once by _init_worker


def build_pipeline(actors: str | None) -> Any:
    """The default pipeline, or the one with a user actor dictionary."""
    from rasid.pipeline import default_pipeline, pipeline_with_actors

    return pipeline_with_actors(Path(actors)) if actors else default_pipeline()


def analyse(pipeline: Any, article: Article) -> DocRows | ReadFailure:
    """Analyse one article and flatten it into rows; a failure is returned, not raised."""
    import rasid

    try:
        return doc_rows(rasid.analyze(article.doc, pipeline=pipeline), article.key)
    except Exception as exc:  # one bad document must not stop a corpus
        return ReadFailure(f"{article.where}: document {article.doc.id}", f"analysis failed: "
                                                                          f"{type(exc).__name__}: {exc}")


def _init_worker(actors: str | None, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stores what is done
    _WORKER["pipeline"] = build_pipeline(actors)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    """Exit when the parent dies (kill -9 included), instead of waiting forever for work."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def _work(article: Article) -> DocRows | ReadFailure:
    return analyse(_WORKER["pipeline"], article)


# ----- the writer -----


class _Writer:
    """Collects analysed documents and commits them in batches."""

    def __init__(self, store: Store, batch_size: int, result: IngestResult,
                 on_failure: Callable[[ReadFailure], None], on_progress: Callable[[int], None]) -> None:
        self.store, self.batch_size, self.result = store, batch_size, result
        self.on_failure, self.on_progress = on_failure, on_progress
        self.batch: list[DocRows] = []
        self.last = time.monotonic()

    def add(self, item: DocRows | ReadFailure) -> None:
        if isinstance(item, ReadFailure):
            self.result.failed += 1
            self.on_failure(item)
        else:
            self.batch.append(item)
        self.on_progress(1)
        if len(self.batch) >= self.batch_size or (self.batch and time.monotonic() - self.last >= FLUSH_SECONDS):
            self.flush()

    def flush(self) -> None:
        if self.batch:
            added, existing, events = self.store.write(self.batch)
            self.result.added += added
            self.result.existing += existing
            self.result.events += events
            self.batch = []
        self.last = time.monotonic()


def ingest(store: Store, paths: Sequence[str], *, workers: int = 1, batch_size: int = DEFAULT_BATCH,
           date: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, actors: str | None = None,
           on_failure: Callable[[ReadFailure], None] | None = None,
           on_progress: Callable[[int], None] | None = None, stdin: BinaryIO | None = None) -> IngestResult:
    """Analyse and store the articles of `paths`; documents already stored are skipped without analysis.

    Args:
        workers: analysis processes; 1 analyses in this process.
        batch_size: documents per transaction (a batch is also committed after FLUSH_SECONDS).
        on_failure: called with each input or document that failed (the others go on).
        on_progress: called with 1 for each document read (stored, skipped or failed).
    Raises:
        StoreError: the store cannot be written (disk full, read-only, locked for too long).
    """
    started = time.perf_counter()
    result = IngestResult()
    writer = _Writer(store, batch_size, result, on_failure or (lambda f: None), on_progress or (lambda n: None))
    source = _new_articles(store, read_articles(paths, date=date, max_bytes=max_bytes, stdin=stdin), writer)
    try:
        if workers <= 1:
            pipeline = None
            for article in source:
                pipeline = pipeline or build_pipeline(actors)  # not built when everything is stored already
                writer.add(analyse(pipeline, article))
        else:
            _ingest_parallel(source, writer, workers, actors)
    except KeyboardInterrupt:
        writer.flush()  # keep what is analysed; a rerun does the rest
        raise
    writer.flush()
    result.seconds = time.perf_counter() - started
    return result


def ingest_parquet(store: Store, directory: str, *, batch_size: int = DEFAULT_BATCH,
                   on_failure: Callable[[ReadFailure], None] | None = None,
                   on_progress: Callable[[int], None] | None = None) -> IngestResult:
    """Store the documents a `rasid spark` job analysed (its `documents/` dataset), without analysing them again.

    Raises:
        InputError: `directory` holds no `documents/` Parquet dataset.
        StoreError: the store cannot be written.
    """
    from rasid.text.tokenize import Tokenizer

    started = time.perf_counter()
    result = IngestResult()
    writer = _Writer(store, batch_size, result, on_failure or (lambda f: None), on_progress or (lambda n: None))
    tokenizer = Tokenizer()
    try:
        for article in _new_articles(store, _parquet_documents(directory), writer):
            article.doc.tokens = tokenizer(article.doc.text)  # not in the dataset: the tokenizer is deterministic
            writer.add(doc_rows(article.doc, article.key))
    except KeyboardInterrupt:
        writer.flush()
        raise
    writer.flush()
    result.seconds = time.perf_counter() - started
    return result


def _parquet_documents(directory: str) -> Iterator[Article | ReadFailure]:
    """The analysed documents of a `rasid spark` output, with their store identities."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    from rasid.spark import document_key

    where = Path(directory) / "documents"
    if not where.is_dir():
        raise InputError(f"{directory}: not a rasid spark output (it has no documents/ folder)")
    try:
        dataset = ds.dataset(where, format="parquet", partitioning="hive")
        batches = dataset.to_batches(columns=["DocumentID", "Document"])
        for batch in batches:
            for doc_id, raw in zip(*(batch.column(i).to_pylist() for i in range(2)), strict=True):
                try:
                    doc = Document.from_json(raw or "")
                except (InputError, KeyError, TypeError) as exc:
                    yield ReadFailure(f"{where}: document {doc_id}", f"not a rasid.document/1 JSON ({exc})")
                    continue
                yield Article(document_key(doc.id), str(where), doc)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(f"{where}: cannot read the Parquet dataset: {exc}") from None


def _new_articles(store: Store, items: Iterable[Article | ReadFailure], writer: _Writer) -> Iterator[Article]:
    """The articles not stored yet; stored ones are counted, failures reported."""
    for item in items:
        if isinstance(item, ReadFailure):
            writer.add(item)
        elif store.has(item.key):
            writer.result.existing += 1
            writer.on_progress(1)
        else:
            yield item


def _ingest_parallel(source: Iterable[Article], writer: _Writer, workers: int, actors: str | None) -> None:
    context = multiprocessing.get_context("spawn")  # no fork of a process holding a SQLite connection
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(actors, os.getpid()))
    pending: set[Future] = set()
    try:
        for article in source:
            pending.add(pool.submit(_work, article))
            if len(pending) >= 4 * workers:
                pending = _collect(pending, writer)
        while pending:
            pending = _collect(pending, writer)
    except BrokenProcessPool:
        writer.flush()
        raise RasidError("an analysis worker process died (out of memory?); the documents analysed so far are "
                         "stored: run the same ingest again to continue") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(pending: set[Future], writer: _Writer) -> set[Future]:
    done, rest = wait(pending, return_when=FIRST_COMPLETED)
    for future in done:
        writer.add(future.result())
    return rest
