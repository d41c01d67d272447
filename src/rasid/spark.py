"""Batch analysis on Apache Spark (`docs/spark.md`): the same pipeline as `rasid analyze`, one per Python worker.

`rasid spark INPUT OUTPUT` reads articles (JSON Lines, JSONL.gz or Parquet, on any path Spark reads), analyses
each partition with `mapPartitionsWithIndex`, and writes the Parquet datasets `documents/`, `entities/`,
`events/` and `quotes/` (the columns of `rasid export`, partitioned by `Month`) and `errors/` (one row per
record that failed, with its reason). Each task writes its own Parquet files with pyarrow into a staging
folder; once every task has succeeded the driver moves each staged month into place, replacing that month
(so a rerun overwrites the same partitions, and a failed job leaves the output as it was). The same file runs
under spark-submit: `spark-submit --master URL .../rasid/spark.py INPUT OUTPUT`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import sys
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import click

from rasid.datafiles import builtin
from rasid.document import Document
from rasid.errors import EXIT_OK, EXIT_PARTIAL, InputError, RasidError
from rasid.store.export import TABLES, Column, document_tables

ERRORS = "errors"
UNDATED = "undated"  # the Month of a document without a publication date
INPUT_FORMATS = ("auto", "jsonl", "parquet")
ERROR_TABLE = tuple(Column(name, "string", itemgetter(name), "") for name in ("Source", "DocumentID", "Reason"))
OUTPUTS = {**TABLES, ERRORS: ERROR_TABLE}
FLUSH_DOCUMENTS = 2000  # a task writes its rows every this many documents (one file per table and month)

_WORKER: dict[str, Any] = {}  # the pipeline (and its actors file) of this Python worker, built on first use


class SparkError(RasidError):
    """Spark is missing or the job could not run (no Java, an unreachable master, an unwritable output)."""

    exit_code = 8


@dataclass
class SparkResult:
    """What a job wrote: rows per table, and the months it (over)wrote."""

    rows: dict[str, int] = field(default_factory=dict)
    months: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Records that became rows of `errors/`."""
        return self.rows.get(ERRORS, 0)


# ----- the work of one partition (runs in the Python workers) -----


def analyse_partition(index: int, records: Iterable[tuple[str, Any]], staging: str, added: str,
                      actors: str | None = None) -> Iterator[tuple[str, str, int]]:
    """Analyse the (source, record) pairs of partition `index` (a JSONL line or a Parquet row as a dict), write
    their rows under `staging`/TABLE/Month=M/, and yield (table, month, rows written).

    A record that cannot be read or analysed becomes a row of `errors`; the others go on.
    """
    if _WORKER.get("actors", "") != actors:  # a reused worker keeps its pipeline across jobs of one session
        from rasid.store.ingest import build_pipeline

        _WORKER.update(pipeline=build_pipeline(actors), actors=actors)
    pipeline = _WORKER["pipeline"]
    import rasid

    buffers: dict[tuple[str, str], list[dict[str, Any]]] = {}
    counts: dict[tuple[str, str], int] = {}
    chunk = pending = 0
    for source, record in records:
        doc_id, month = None, UNDATED
        try:
            doc = record_document(record)
            doc_id, month = doc.id, (doc.date or "")[:7] or UNDATED
            tables = document_tables(rasid.analyze(doc, pipeline=pipeline), document_key(doc.id), added)
        except Exception as exc:  # one bad record must not stop the job
            reason = str(exc) if isinstance(exc, InputError) else f"analysis failed: {type(exc).__name__}: {exc}"
            tables = {ERRORS: [{"Source": source, "DocumentID": doc_id, "Reason": reason}]}
        for table, rows in tables.items():
            buffers.setdefault((table, month), []).extend(rows)
        pending += 1
        if pending >= FLUSH_DOCUMENTS:
            _flush(buffers, counts, staging, index, chunk)
            chunk, pending = chunk + 1, 0
    _flush(buffers, counts, staging, index, chunk)
    for (table, month), n in counts.items():
        yield table, month, n


def _flush(buffers: dict[tuple[str, str], list[dict[str, Any]]], counts: dict[tuple[str, str], int],
           staging: str, index: int, chunk: int) -> None:
    """Write the buffered rows as one Parquet file per table and month, and empty the buffers."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from rasid.store.export import arrow_schema

    fs, root = _filesystem(staging)
    for (table, month), rows in buffers.items():
        if not rows:
            continue
        folder = f"{root}/{table}/Month={month}"
        fs.create_dir(folder, recursive=True)
        frame = pa.Table.from_pylist(rows, schema=arrow_schema(OUTPUTS[table]))
        pq.write_table(frame, f"{folder}/part-{index:05d}-{chunk:03d}.parquet", filesystem=fs, compression="zstd")
        counts[(table, month)] = counts.get((table, month), 0) + len(rows)
        rows.clear()


def record_document(record: Any) -> Document:
    """The Document of a JSONL line or a Parquet row; an id-less record is named by its text's hash."""
    from rasid.readers import from_record
    from rasid.store.rows import text_key

    if isinstance(record, str):
        try:
            record = json.loads(record)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if isinstance(record, dict):
        record = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.items()}
        text = record.get("text")
        return from_record(record, text_key(text) if isinstance(text, str) else "")
    return from_record(record, "")


def document_key(doc_id: str) -> str:
    """The store identity of a document of this job (the one `rasid ingest` gives the same record)."""
    from rasid.store.rows import id_key

    return doc_id if doc_id.startswith("text:") else id_key(doc_id)


# ----- the job (runs in the driver) -----


def run(source: str, output: str, *, partitions: int | None = None, master: str | None = None,
        input_format: str = "auto", actors: str | None = None) -> SparkResult:
    """Analyse the articles of `source` on Spark and write the datasets under `output`.

    A session already running (from `session()`) is used and left running; otherwise the job starts one and
    stops it.

    Raises:
        InputError: the input cannot be read or has no `text` column.
        SparkError: Spark or Java is missing, or the job failed.
    """
    if input_format not in INPUT_FORMATS:
        raise InputError(f"--input-format is one of {', '.join(INPUT_FORMATS)}, not {input_format!r}")
    if "://" not in source and not Path(source).exists():
        raise InputError(f"{source}: no such file or directory")
    if actors:  # a bad row is reported here (exit 5), not by every executor
        from rasid.actors.dictionary import ActorDictionary

        ActorDictionary.default().add_user_file(Path(actors))
    owned = _active_session() is None  # a session the caller started is the caller's to stop
    spark = session(master)
    staging = _join(output, f"_staging-{uuid.uuid4().hex}")
    try:
        records = _read(spark, source, input_format)
        cores = spark.sparkContext.defaultParallelism
        if partitions or records.getNumPartitions() < cores:  # one gzip file is one partition: spread it
            records = records.repartition(partitions or 2 * cores)
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        counts = records.mapPartitionsWithIndex(
            lambda index, part: analyse_partition(index, part, staging, added, actors)).collect()
        result = SparkResult({table: 0 for table in OUTPUTS})
        for table, _, n in counts:
            result.rows[table] += n
        result.months = sorted({month for table, month, _ in counts if table == "documents"})
        _commit(staging, output)
        return result
    except RasidError:
        raise
    except Exception as exc:
        raise SparkError(f"the Spark job failed: {_reason(exc)}") from None
    finally:
        _remove(staging)
        if owned:
            spark.stop()


def _commit(staging: str, output: str) -> None:
    """Move each staged table month into the output, replacing the month that was there."""
    from pyarrow import fs as pafs

    fs, root = _filesystem(staging)
    _, out = _filesystem(output)
    for table in OUTPUTS:
        fs.create_dir(f"{out}/{table}", recursive=True)
        staged = fs.get_file_info(pafs.FileSelector(f"{root}/{table}", allow_not_found=True))
        for month in (info for info in staged if info.type == pafs.FileType.Directory):
            target = f"{out}/{table}/{month.base_name}"
            if fs.get_file_info(target).type != pafs.FileType.NotFound:
                fs.delete_dir(target)
            fs.move(month.path, target)


def _remove(folder: str) -> None:
    """Delete a folder if it exists (best effort: the staging area of a finished or failed job)."""
    try:
        fs, root = _filesystem(folder)
        fs.delete_dir(root)
    except OSError:  # FileNotFoundError included: no task wrote anything
        pass


def _filesystem(path: str) -> tuple[Any, str]:
    """The pyarrow filesystem of a local path or URI (s3://, hdfs://, gs://...) and the path within it."""
    from pyarrow import fs as pafs

    if "://" in path and not path.startswith("file://"):
        return pafs.FileSystem.from_uri(path)
    local = path.removeprefix("file://")
    return pafs.LocalFileSystem(), str(Path(local).resolve())


def _session_class() -> Any:
    """PySpark's SparkSession class, or None when PySpark is not installed."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession


def _active_session() -> Any:
    """The SparkSession already running in this process, if any."""
    session_cls = _session_class()
    return session_cls.getActiveSession() if session_cls else None


def session(master: str | None = None) -> Any:
    """The SparkSession of a job: the given master, spark-submit's, or local[*] (created once, then reused)."""
    session_cls = _session_class()
    if session_cls is None:
        raise SparkError("rasid spark needs PySpark: pip install 'rasid[spark]' (and Java 17)")
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        raise SparkError("Spark needs Java 17: install it (Debian: apt-get install openjdk-17-jre-headless) "
                         "or set JAVA_HOME")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this Python, with rasid installed
    os.environ.setdefault("SPARK_CONF_DIR", str(builtin("spark")))  # quiet logging
    if master is None and "PYSPARK_GATEWAY_PORT" not in os.environ:  # not under spark-submit, which has its own
        master = "local[*]"
    builder = session_cls.builder.appName("rasid")
    if master:
        builder = builder.master(master)
    cores = _local_cores(master)
    if cores:  # split a plain JSONL file into one task per core: balanced, no shuffle, and few small files
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # (each task writes one file per table and month)
        builder = (builder.config("spark.sql.files.minPartitionNum", str(cores))
                   .config("spark.sql.files.openCostInBytes", str(16 * 1024)))
    try:
        return (builder.config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.log.level", "ERROR")
                .config("spark.python.worker.reuse", "true")
                .getOrCreate())
    except Exception as exc:
        raise SparkError(f"cannot start Spark: {_reason(exc)}") from None


def _local_cores(master: str | None) -> int | None:
    """The cores of a local[N] / local[*] master, None for a cluster (or spark-submit's unknown master)."""
    found = re.fullmatch(r"local(?:\[(\d+|\*)(?:,\d+)?\])?", master or "")
    if not found:
        return None
    return os.cpu_count() or 1 if found.group(1) in (None, "*") else int(found.group(1))


def _read(spark: Any, source: str, input_format: str) -> Any:
    """An RDD of (source file, record): JSONL lines as text, Parquet rows as dicts."""
    from pyspark.sql.functions import input_file_name

    fmt = _guess_format(source) if input_format == "auto" else input_format
    try:
        if fmt == "parquet":
            frame = spark.read.parquet(source)
            if "text" not in frame.columns:
                raise InputError(f"{source}: Parquet input needs a 'text' column (it has {', '.join(frame.columns)})")
            return frame.withColumn("_source", input_file_name()).rdd.map(
                lambda row: (row["_source"], {k: v for k, v in row.asDict().items() if k != "_source"}))
        frame = spark.read.text(source).select(input_file_name().alias("source"), "value")
        return frame.rdd.filter(lambda row: row[1].strip()).map(lambda row: (row[0], row[1]))
    except RasidError:
        raise
    except Exception as exc:
        raise InputError(f"{source}: cannot read it as {fmt}: {_reason(exc)}") from None


def _guess_format(source: str) -> str:
    """parquet for a .parquet path or a local directory of Parquet files, else JSON Lines."""
    path = Path(source)
    if source.rstrip("/").lower().endswith(".parquet"):
        return "parquet"
    if path.is_dir() and any(p.name.endswith(".parquet") for p in path.rglob("*")):
        return "parquet"
    return "jsonl"


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def _reason(exc: BaseException) -> str:
    """The first meaningful line of a (often multi-line, Java-laden) Spark exception."""
    text = str(exc).strip() or type(exc).__name__
    for line in text.splitlines():
        line = re.sub(r"^\s*(\w+\.)*\w+(Exception|Error):\s*", "", line).strip()
        if line:
            return line[:300]
    return type(exc).__name__


# ----- the command -----


EXIT_HELP = f"""
\b
Exit status:
  {EXIT_OK}  success
  1  internal error (a bug: please report it)
  2  bad command line
  {InputError.exit_code}  the input is missing or unreadable (a Parquet input without a text column)
  5  a bad row in the --actors dictionary (file, line and problem are named)
  {EXIT_PARTIAL}  some records failed: their reasons are rows of OUTPUT/errors; the others were written
  {SparkError.exit_code}  PySpark or Java is missing, the master is unreachable, or the job failed
"""


@click.command(name="spark", epilog=EXIT_HELP)
@click.argument("source", metavar="INPUT")
@click.argument("output")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Repartition the input into N parts (default: as Spark reads it, or twice the cores when "
                   "that gives fewer parts than cores).")
@click.option("--master", default=None, help="Spark master URL (default: spark-submit's, else local[*]).")
@click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
              help="auto: Parquet for *.parquet or a directory of Parquet files, else JSON Lines (.gz too).")
@click.option("--actors", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A user actor dictionary (its path must be readable by every executor).")
def command(source: str, output: str, partitions: int | None, master: str | None, input_format: str,
            actors: str | None) -> int:
    """Analyse articles on Apache Spark into Parquet datasets partitioned by month (docs/spark.md).

    Example: rasid spark ../shared/data/news/politics.jsonl /tmp/out --master 'local[2]'
    """
    result = run(source, output, partitions=partitions, master=master, input_format=input_format, actors=actors)
    counts = ", ".join(f"{result.rows.get(t, 0)} {t}" for t in TABLES)
    click.echo(f"wrote {counts} to {output} ({len(result.months)} months)", err=True)
    if result.failed:
        click.echo(f"rasid: {result.failed} records failed: their reasons are in {_join(output, ERRORS)}", err=True)
        return EXIT_PARTIAL
    return EXIT_OK


if __name__ == "__main__":  # spark-submit .../rasid/spark.py INPUT OUTPUT
    from rasid.cli import main as _main

    sys.exit(_main(["spark", *sys.argv[1:]]))
