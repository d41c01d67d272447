"""Batch runs on Apache Spark (issue 9): the Spark job in local[2] against the single-process path.

These tests need PySpark and Java 17. Without Java they are skipped, unless RASID_REQUIRE_SPARK=1 (set by
`.ci/run`, which installs Java), where a missing Spark is a failure.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from rasid.cli import main
from rasid.store import Store
from rasid.store.export import TABLES, export
from rasid.store.ingest import ingest, ingest_parquet
from rasid.store.query import Filters

ARTICLES = Path(__file__).resolve().parent / "data" / "spark" / "news-300.jsonl.gz"
BROKEN = {"line 101": "record has no 'text'", "line 201": "not JSON"}


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed"
    if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
        return "Java 17 is not installed (.ci/run installs it)"
    return None


if (missing := _spark_missing()) is not None:
    if os.environ.get("RASID_REQUIRE_SPARK") == "1":
        raise RuntimeError(f"RASID_REQUIRE_SPARK=1 but {missing}")
    pytest.skip(missing, allow_module_level=True)


def read_dataset(path: Path) -> list[dict]:
    """Every row of a Parquet dataset partitioned by Month (hive layout)."""
    import pyarrow.dataset as ds

    return ds.dataset(path, format="parquet", partitioning="hive").to_table().to_pylist()


def by_document(rows: list[dict], drop: tuple[str, ...] = ("Month", "DATEADDED")) -> dict[str, list[tuple]]:
    """Rows grouped by DocumentID, each as a sorted list of comparable tuples."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for row in rows:
        out[row["DocumentID"]].append(tuple(sorted((k, v) for k, v in row.items() if k not in drop)))
    return {k: sorted(v, key=repr) for k, v in out.items()}


@pytest.fixture(scope="module")
def spark_out(tmp_path_factory) -> Path:
    """The Spark job run once over the 300 test articles (two of them broken), in local[2]."""
    out = tmp_path_factory.mktemp("spark") / "out"
    status = main(["spark", str(ARTICLES), str(out), "--master", "local[2]", "--partitions", "4"])
    assert status == 4  # two records failed, the others were written
    return out


@pytest.fixture(scope="module")
def single_store(tmp_path_factory) -> Path:
    """The same articles through the single-process path: `rasid ingest --workers 1`."""
    path = tmp_path_factory.mktemp("single") / "news.db"
    with Store.open(path) as store:
        result = ingest(store, [str(ARTICLES)], workers=1)
    assert (result.added, result.failed) == (298, 2)
    return path


def test_spark_output_equals_single_process_document_by_document(spark_out, single_store, tmp_path):
    with Store.open(single_store, write=False) as store:
        for table in TABLES:
            export(store, str(tmp_path / f"{table}.parquet"), "parquet", Filters(), table=table)
    import pyarrow.parquet as pq

    for table, columns in TABLES.items():
        spark_rows = read_dataset(spark_out / table)
        assert spark_rows, table
        assert set(spark_rows[0]) == {c.name for c in columns} | {"Month"}
        single = by_document(pq.read_table(tmp_path / f"{table}.parquet").to_pylist())
        spark = by_document(spark_rows)
        if table == "documents":
            assert len(spark) == 298
        assert spark.keys() == single.keys(), table
        for doc_id in single:
            assert spark[doc_id] == single[doc_id], f"{table}: {doc_id} differs"


def test_partitions_are_publication_months(spark_out):
    months = sorted(p.name for p in (spark_out / "events").iterdir() if p.is_dir())
    assert "Month=2018-06" in months and "Month=2016-08" in months
    for row in read_dataset(spark_out / "documents"):
        assert row["Month"] == row["Date"][:7]
    for row in read_dataset(spark_out / "events"):
        assert row["Month"] == row["DocumentDate"][:7] and row["EventCode"].startswith(row["EventRootCode"])


def test_failed_records_are_rows_of_errors_with_their_reason(spark_out):
    errors = read_dataset(spark_out / "errors")
    assert len(errors) == 2
    reasons = sorted(e["Reason"] for e in errors)
    assert reasons[0].startswith("not JSON") and reasons[1].startswith("record has no 'text'")
    assert all(e["Source"].endswith("news-300.jsonl.gz") for e in errors)


def test_ingest_from_parquet_equals_ingesting_the_articles(spark_out, single_store, tmp_path):
    path = tmp_path / "from-spark.db"
    with Store.open(path) as store:
        result = ingest_parquet(store, str(spark_out))
        assert (result.added, result.failed) == (298, 0)
        assert ingest_parquet(store, str(spark_out)).existing == 298  # idempotent
    query = "SELECT key FROM documents UNION ALL SELECT event_id FROM events ORDER BY 1"
    with Store.open(path, write=False) as a, Store.open(single_store, write=False) as b:
        assert a.counts() == b.counts()
        assert [r[0] for r in a.execute(query)] == [r[0] for r in b.execute(query)]
    assert main(["search", "كوريا", "--db", str(path), "--format", "json"]) == 0


def test_rerun_overwrites_the_same_partitions_and_reads_parquet_input(spark_out, tmp_path):
    # the job's own documents/ dataset is Parquet with a text column: a small rerun reads it back
    few = tmp_path / "few.jsonl"
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        lines = [line for line in fh if '"date": "2018-02' in line][:5]
    few.write_text("".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    for _ in range(2):
        assert main(["spark", str(few), str(out), "--master", "local[2]"]) == 0
    rows = read_dataset(out / "documents")
    assert sorted(r["DocumentID"] for r in rows) == sorted(json.loads(x)["id"] for x in lines)  # no duplicates
    as_input = tmp_path / "input.parquet"
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{**json.loads(x), "date": json.loads(x)["date"]} for x in lines]),
                   as_input)
    again = tmp_path / "again"
    assert main(["spark", str(as_input), str(again), "--master", "local[2]"]) == 0
    assert by_document(read_dataset(again / "events")) == by_document(read_dataset(out / "events"))


def test_a_callers_session_serves_several_jobs_each_with_its_own_actors(tmp_path):
    from rasid import spark

    few = tmp_path / "few.jsonl"
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        few.write_text("".join(line for line in fh if "واشنطن" in line and '"date": "2018-02' in line),
                       encoding="utf-8")
    user = tmp_path / "mine.tsv"
    user.write_text("arabic\tcode\tname_en\ttype\twikidata\tstart\tend\n"
                    "واشنطن\tUSAMED\tWashington (a test name)\tORG\t\t\t\n", encoding="utf-8")
    session = spark.session("local[2]")
    try:
        spark.run(str(few), str(tmp_path / "plain"), master="local[2]")
        spark.run(str(few), str(tmp_path / "mine"), master="local[2]", actors=str(user))
        assert spark._active_session() is session  # the caller's session is left running
    finally:
        session.stop()

    def codes(out: str) -> set[str]:
        return {r["ActorCode"] for r in read_dataset(tmp_path / out / "entities") if r["Text"] == "واشنطن"}

    assert "USAMED" not in codes("plain") and codes("mine") == {"USAMED"}  # workers rebuilt their pipeline


@pytest.mark.parametrize(("args", "status", "message"), [
    (["spark", "/no/such/input.jsonl", "OUT"], 3, "no such file or directory"),
    (["ingest", "--from-parquet", "HERE", "--db", "DB"], 3, "not a rasid spark output"),
    (["ingest", "x.jsonl", "--from-parquet", "HERE", "--db", "DB"], 2, "not both"),
])
def test_bad_inputs_get_one_line_and_a_status(args, status, message, tmp_path, capsys):
    args = [str(tmp_path / "out") if a == "OUT" else str(tmp_path) if a == "HERE" else
            str(tmp_path / "s.db") if a == "DB" else a for a in args]
    assert main(args) == status
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_parquet_input_without_text_column_is_refused(tmp_path, capsys):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"id": ["a"], "body": ["نص"]}), tmp_path / "x.parquet")
    assert main(["spark", str(tmp_path / "x.parquet"), str(tmp_path / "out"), "--master", "local[1]"]) == 3
    assert "needs a 'text' column" in capsys.readouterr().err


def test_the_module_is_a_spark_submit_entry_point(tmp_path):
    import subprocess
    import sys

    few = tmp_path / "few.jsonl"
    with gzip.open(ARTICLES, "rt", encoding="utf-8") as fh:
        few.write_text("".join(fh.readline() for _ in range(3)), encoding="utf-8")
    submit = Path(sys.executable).parent / "spark-submit"
    import rasid.spark

    env = {**os.environ, "PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable}
    done = subprocess.run([str(submit), "--master", "local[1]", rasid.spark.__file__, str(few), str(tmp_path / "out")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "wrote 3 documents" in done.stdout + done.stderr  # spark-submit merges the driver's stderr into stdout
    assert len(read_dataset(tmp_path / "out" / "documents")) == 3
