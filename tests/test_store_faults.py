"""The event store under bad input and faults (issue 6): not a store, another program's database, a newer
schema, a read-only location, a full disk, two ingests at once, and kill -9 in the middle of an ingest."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from rasid.cli import cli, main
from rasid.store import Store, StoreError, schema_version
from rasid.store import db as store_db
from rasid.store.commands import register
from rasid.store.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DOCS = 120  # generated articles: enough for an ingest to last a few seconds

register(cli)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    """A JSONL corpus of DOCS short articles: the example news with a numbered sentence added to each."""
    bases = [json.loads(line) for line in (EXAMPLES / "news.jsonl").read_text(encoding="utf-8").splitlines()]
    path = tmp_path_factory.mktemp("corpus") / "gen.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(DOCS):
            base = bases[i % len(bases)]
            text = base["text"][:1500] + f"\nوقال المتحدث إن الاجتماع رقم {i} عقد في الرياض."
            fh.write(json.dumps({**base, "id": f"gen-{i:03d}", "text": text}, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="session")
def reference(corpus, tmp_path_factory) -> dict:
    """What an uninterrupted ingest of the corpus stores."""
    path = tmp_path_factory.mktemp("ref") / "ref.db"
    with Store.open(path) as s:
        assert ingest(s, [str(corpus)], workers=1).added == DOCS
    return snapshot(path)


def snapshot(path: Path) -> dict:
    """Row counts, event ids, and the checks that the file is sound and holds only whole documents."""
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table, column in (("sentences", "n_sentences"), ("entities", "n_entities"), ("events", "n_events"),
                          ("quotes", "n_quotes")):
        partial = conn.execute(f"SELECT count(*) FROM documents d WHERE {column} != "
                               f"(SELECT count(*) FROM {table} t WHERE t.doc = d.doc)").fetchone()[0]
        assert partial == 0, f"documents with missing {table}"
    orphans = conn.execute("SELECT count(*) FROM sentence_fts WHERE rowid NOT IN (SELECT sentence FROM sentences)")
    assert orphans.fetchone()[0] == 0
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("documents", "sentences", "sentence_fts", "entities", "events", "quotes", "actors")}
    out["event_ids"] = sorted(r[0] for r in conn.execute("SELECT event_id FROM events"))
    conn.close()
    return out


def rasid_cmd(*args: str) -> list[str]:
    """`rasid ARGS` in a fresh interpreter (python -m rasid.store registers the store commands)."""
    return [sys.executable, "-m", "rasid.store", *args]


def rerun_completes(corpus: Path, db: Path, reference: dict) -> subprocess.CompletedProcess:
    """Ingest the corpus again into an interrupted store: it succeeds and ends equal to the uninterrupted one."""
    rerun = subprocess.run(rasid_cmd("ingest", str(corpus), "--db", str(db), "--workers", "1"), capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(db) == reference
    return rerun


def run_one_line_error(argv: list[str], capsys) -> tuple[int, str]:
    status = main(argv)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("rasid: error:"), err
    return status, err


# ----- files that are not (our) stores -----


def test_a_file_that_is_not_a_database_is_left_alone(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes\n", encoding="utf-8")
    for argv in (["ingest", str(EXAMPLES), "--db", str(path), "--workers", "1"], ["stats", "--db", str(path)]):
        status, err = run_one_line_error(argv, capsys)
        assert status == 7 and "not a SQLite database" in err
    assert path.read_text(encoding="utf-8") == "these are my notes\n"
    assert run_one_line_error(["query", "--db", str(tmp_path)], capsys)[1].count("is a directory") == 1


def test_another_programs_database_is_left_alone(tmp_path, capsys):
    path = tmp_path / "app.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (name TEXT)")
    conn.execute("INSERT INTO users VALUES ('x')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for argv in (["ingest", str(EXAMPLES), "--db", str(path), "--workers", "1"], ["query", "--db", str(path)]):
        status, err = run_one_line_error(argv, capsys)
        assert status == 7 and "another program" in err and "users" in err
    assert path.read_bytes() == before


def test_a_newer_schema_is_refused(tmp_path, capsys):
    path = tmp_path / "new.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    for argv in (["ingest", str(EXAMPLES), "--db", str(path), "--workers", "1"], ["stats", "--db", str(path)]):
        status, err = run_one_line_error(argv, capsys)
        assert status == 7 and "newer than this Rasid knows" in err


def test_forward_migrations_run_once_in_order(tmp_path, monkeypatch):
    path = tmp_path / "m.db"
    with Store.open(path) as s:
        ingest(s, [str(EXAMPLES / "news.jsonl")], workers=1)
    step = store_db.Migration("0002_note", ("ALTER TABLE documents ADD COLUMN note TEXT",
                                            "UPDATE documents SET note = 'migrated'"))
    monkeypatch.setattr(store_db, "MIGRATIONS", (*store_db.MIGRATIONS, step))
    with pytest.raises(StoreError, match="needs migrating"):  # reading needs the migration, which needs writing
        Store.open(path, write=False)
    with Store.open(path) as s:
        assert s.version() == 2
        assert [r[0] for r in s.execute("SELECT name FROM migrations ORDER BY name")] == ["0001_initial", "0002_note"]
        assert {r[0] for r in s.execute("SELECT note FROM documents")} == {"migrated"}
        assert s.counts()["documents"] == 4
    with Store.open(path) as s:  # nothing left to apply
        assert s.migrate() == []
    monkeypatch.undo()
    with pytest.raises(StoreError, match="newer"):
        Store.open(path)


# ----- where it cannot be written -----


@pytest.fixture
def readonly_dir(tmp_path, store_copy_source):
    """A read-only directory holding a store: chmod for a normal user; root ignores modes, so a read-only tmpfs."""
    target = tmp_path / "ro"
    target.mkdir()
    shutil.copy(store_copy_source, target / "s.db")
    if os.geteuid() != 0:
        (target / "s.db").chmod(0o444)
        target.chmod(0o555)
        yield target
        target.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(target)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("running as root and cannot mount a read-only tmpfs")
    try:
        shutil.copy(store_copy_source, target / "s.db")
        subprocess.run(["mount", "-o", "remount,ro", str(target)], check=True, capture_output=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], capture_output=True)


@pytest.fixture(scope="session")
def store_copy_source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("src") / "s.db"
    with Store.open(path) as s:
        ingest(s, [str(EXAMPLES / "news.jsonl")], workers=1)
    return path


def test_a_read_only_location(readonly_dir, capsys):
    for db in (readonly_dir / "new.db", readonly_dir / "s.db"):
        status, err = run_one_line_error(["ingest", str(EXAMPLES), "--db", str(db), "--workers", "1"], capsys)
        assert status == 7 and "read-only location" in err
    assert not (readonly_dir / "new.db").exists()
    assert main(["stats", "--db", str(readonly_dir / "s.db"), "--format", "json"]) == 0  # reading works
    assert json.loads(capsys.readouterr().out)["documents"] == 4


def test_a_missing_directory(tmp_path, capsys):
    status, err = run_one_line_error(["ingest", str(EXAMPLES), "--db", str(tmp_path / "no" / "s.db")], capsys)
    assert status == 7 and "does not exist" in err


# ----- a full disk -----


def _ingest_with_file_limit(corpus: Path, db: Path, limit: int) -> subprocess.CompletedProcess:
    """An ingest in a process that cannot write files over `limit` bytes (as on a full disk)."""
    code = ("import resource, runpy, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
            f"resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
            f"sys.argv = ['rasid', 'ingest', {str(corpus)!r}, '--db', {str(db)!r}, '--workers', '1', "
            "'--batch-size', '4']; runpy.run_module('rasid.store', run_name='__main__')")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)


def test_a_full_disk_keeps_whole_documents_and_a_rerun_completes(corpus, reference, tmp_path):
    db = tmp_path / "full.db"
    done = _ingest_with_file_limit(corpus, db, 400_000)
    assert done.returncode == 7, done.stderr
    assert done.stderr.startswith("rasid: error:") and "no space left" in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    partial = snapshot(db)
    assert 0 < partial["documents"] < DOCS
    rerun_completes(corpus, db, reference)


def test_a_full_tmpfs(corpus, reference, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        done = subprocess.run(rasid_cmd("ingest", str(corpus), "--db", str(mnt / "s.db"), "--workers", "1",
                                        "--batch-size", "4"), capture_output=True, text=True, timeout=300)
        assert done.returncode == 7 and "no space left" in done.stderr, done.stderr
        shutil.copy(mnt / "s.db", tmp_path / "s.db")  # the file on the full disk is sound and holds whole docs
        if (mnt / "s.db-wal").exists():
            shutil.copy(mnt / "s.db-wal", tmp_path / "s.db-wal")
        assert 0 < snapshot(tmp_path / "s.db")["documents"] < DOCS
    finally:
        subprocess.run(["umount", str(mnt)], capture_output=True)


# ----- concurrency and crashes -----


def test_two_ingests_at_once_both_succeed(corpus, reference, tmp_path):
    db = tmp_path / "two.db"
    cmd = rasid_cmd("ingest", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", "4")
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    added = [int(out.split(" new")[0]) for out, _ in outs]
    assert sum(added) == DOCS
    assert snapshot(db) == reference


def test_processes_creating_one_store_at_once_all_succeed(tmp_path):
    code = "import sys; from rasid.store import Store; Store.open(sys.argv[1]).close()"
    for round_ in range(3):  # racy by nature: a few rounds of four
        db = tmp_path / f"race{round_}.db"
        procs = [subprocess.Popen([sys.executable, "-c", code, str(db)], stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0] * 4, errors
        with Store.open(db, write=False) as s:
            assert s.version() == schema_version()
            assert [r[0] for r in s.execute("SELECT name FROM migrations")] == ["0001_initial"]


def test_kill_9_mid_ingest_then_rerun_completes(corpus, reference, tmp_path):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(rasid_cmd("ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "2"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        stored = _wait_for_documents(db, proc, at_least=6)
        assert proc.poll() is None, "the ingest ended before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # its worker processes, whatever happened
    assert proc.returncode == -signal.SIGKILL and stored < DOCS
    partial = snapshot(db)  # opens, is sound, holds whole documents
    assert 0 < partial["documents"] < DOCS
    assert set(partial["event_ids"]) <= set(reference["event_ids"])
    rerun = rerun_completes(corpus, db, reference)
    assert rerun.stdout.startswith(f"{DOCS - partial['documents']} new, {partial['documents']} already stored")


def _wait_for_documents(db: Path, proc: subprocess.Popen, at_least: int, timeout: float = 120) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                conn.close()
                if n >= at_least:
                    return n
            except sqlite3.Error:
                pass  # not created yet
        time.sleep(0.01)
    raise AssertionError(f"no {at_least} documents stored in time: {proc.stderr.read() if proc.stderr else ''}")


def test_ctrl_c_stores_what_is_analysed_then_a_rerun_completes(corpus, reference, tmp_path):
    db = tmp_path / "interrupted.db"
    proc = subprocess.Popen(rasid_cmd("ingest", str(corpus), "--db", str(db), "--workers", "2", "--batch-size", "2"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        _wait_for_documents(db, proc, at_least=4)
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C on a terminal does: the whole process group
        _, err = proc.communicate(timeout=60)
    finally:
        with suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130 and err.strip() == "rasid: error: interrupted", err  # click adds a newline first
    partial = snapshot(db)
    assert 0 < partial["documents"] < DOCS
    rerun_completes(corpus, db, reference)
