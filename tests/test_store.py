"""The event store (issue 6): ingest, identity, search, query, aggregation, export, and the commands."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

import rasid
from rasid.cli import cli, main
from rasid.document import Document
from rasid.readers import read_documents
from rasid.store import QueryError, Store, schema_version
from rasid.store.commands import register
from rasid.store.export import DOCUMENT_TABLE, ENTITY_TABLE, EVENT_TABLE, QUOTE_TABLE, export
from rasid.store.ingest import ingest, read_articles
from rasid.store.query import Filters, by_period, events, summary, top
from rasid.store.rows import doc_rows, load_document, text_key
from rasid.store.search import parse_query, search

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

register(cli)  # what rasid.cli does once the commands are registered there; idempotent


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """The example articles ingested once (in this process)."""
    path = tmp_path_factory.mktemp("store") / "examples.db"
    with Store.open(path) as store:
        result = ingest(store, [str(EXAMPLES)], workers=1)
    assert (result.added, result.existing, result.failed) == (5, 0, 0)
    return path


@pytest.fixture(scope="session")
def example_docs() -> dict[str, Document]:
    """The example articles analysed directly, by id."""
    return {d.id: rasid.analyze(d) for d in read_documents([str(EXAMPLES)]) if isinstance(d, Document)}


@pytest.fixture
def store(store_path):
    with Store.open(store_path, write=False) as s:
        yield s


def all_events(store: Store) -> list[dict]:
    return list(events(store, Filters()))


# ----- storage -----


def test_document_round_trips_through_the_tables(sample_doc, tmp_path):
    with Store.open(tmp_path / "r.db") as s:
        assert s.write([doc_rows(sample_doc, "id:kim")]) == (1, 0, len(sample_doc.events))
        doc = s.execute("SELECT doc FROM documents").fetchone()[0]
        assert load_document(s.conn, doc).to_dict() == sample_doc.to_dict()


def test_ingest_stores_every_layer(store, example_docs):
    counts = store.counts()
    assert counts["documents"] == 5
    assert counts["events"] == sum(len(d.events) for d in example_docs.values())
    assert counts["entities"] == sum(len(d.entities) for d in example_docs.values())
    assert counts["quotes"] == sum(len(d.quotes) for d in example_docs.values())
    assert counts["sentences"] == sum(len(d.sentences) for d in example_docs.values())
    assert store.version() == schema_version()
    assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_stored_documents_equal_the_analysis(store, example_docs):
    stored = {d.id: d for d in (load_document(store.conn, r[0]) for r in store.execute("SELECT doc FROM documents"))}
    assert stored.keys() == example_docs.keys()
    for doc_id, doc in example_docs.items():
        assert stored[doc_id].to_dict() == doc.to_dict()


def test_ingesting_again_adds_nothing(tmp_path, store_path):
    db = tmp_path / "twice.db"
    with Store.open(db) as s:
        first = ingest(s, [str(EXAMPLES)], workers=1)
        ids = {r[0] for r in s.execute("SELECT event_id FROM events")}
        again = ingest(s, [str(EXAMPLES)], workers=1)
        assert (first.added, again.added, again.existing, again.events) == (5, 0, 5, 0)
        assert {r[0] for r in s.execute("SELECT event_id FROM events")} == ids
    with Store.open(store_path, write=False) as ref:
        assert {r[0] for r in ref.execute("SELECT event_id FROM events")} == ids  # event ids are stable


def test_identity_is_the_id_else_the_normalised_text(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("زار بوتين بيونغ يانغ.", encoding="utf-8")
    (tmp_path / "b" / "y.txt").write_text("زار بوتينُ بيونغ يانغ.\n", encoding="utf-8")  # same text, a diacritic
    (tmp_path / "b" / "x.txt").write_text("زار كيم موسكو.", encoding="utf-8")  # same name, other text
    rows = [{"id": "n1", "text": "زار كيم موسكو."}, {"text": "استقبل بوتين كيم."}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    keys = [a.key for a in read_articles([str(tmp_path)])]  # a/x.txt, b/x.txt, b/y.txt, c.jsonl (2)
    assert keys[0] == keys[2] == text_key("زار بوتين بيونغ يانغ.")
    assert keys[1] == text_key("زار كيم موسكو.")
    assert keys[3:] == ["id:n1", text_key("استقبل بوتين كيم.")]
    with Store.open(tmp_path / "id.db") as s:
        result = ingest(s, [str(tmp_path)], workers=1)
        assert (result.added, result.existing) == (4, 1)
        assert ingest(s, [str(tmp_path / "c.jsonl")], workers=1).existing == 2


def test_parallel_ingest_equals_serial(tmp_path, store_path):
    with Store.open(tmp_path / "par.db") as s:
        result = ingest(s, [str(EXAMPLES)], workers=2, batch_size=2)
        assert (result.added, result.failed) == (5, 0)
        ids = {r[0] for r in s.execute("SELECT event_id FROM events")}
    with Store.open(store_path, write=False) as ref:
        assert {r[0] for r in ref.execute("SELECT event_id FROM events")} == ids


def test_failed_documents_are_reported_and_the_rest_stored(tmp_path, monkeypatch):
    lines = [json.dumps({"id": "ok1", "text": "زار بوتين بيونغ يانغ."}, ensure_ascii=False), "not json",
             json.dumps({"id": "boom", "text": "استقبل بوتين كيم."}, ensure_ascii=False),
             json.dumps({"id": "ok2", "text": "زار كيم موسكو."}, ensure_ascii=False)]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(lines), encoding="utf-8")
    analyze = rasid.analyze

    def fragile(doc, **kw):
        if doc.id == "boom":
            raise RuntimeError("a bug")
        return analyze(doc, **kw)

    monkeypatch.setattr(rasid, "analyze", fragile)
    failures = []
    with Store.open(tmp_path / "f.db") as s:
        result = ingest(s, [str(data)], workers=1, on_failure=failures.append)
        assert (result.added, result.failed) == (2, 2)
        assert sorted(r[0] for r in s.execute("SELECT id FROM documents")) == ["ok1", "ok2"]
    assert [f.where for f in failures] == [f"{data}:2", f"{data}: document boom"]
    assert "RuntimeError: a bug" in failures[1].reason


# ----- search -----


def test_search_ignores_clitics_diacritics_and_spelling(store):
    hits = search(store, "كوريا الشمالية")
    texts = [h.text for h in hits]
    assert any("وكوريا الشمالية" in t for t in texts)
    hit = next(h for h in hits if "وكوريا الشمالية" in h.text)
    assert any(hit.text[a:b] == "وكوريا الشمالية" for a, b in hit.highlights)
    assert [h.text for h in search(store, "كُورِيا الشّمالِيّة")] == texts  # diacritics
    assert any("لروسيا" in h.text for h in search(store, "روسيا", limit=100))  # a preposition clitic
    assert [h.text for h in search(store, "كوريا الشماليه")] == texts  # ta marbuta as ha


def test_search_finds_ta_marbuta_before_a_pronoun(tmp_path):
    (tmp_path / "t.txt").write_text("قالت الوزيرة إن حكومتها سترسل مساعدات إلى أوكرانيا.", encoding="utf-8")
    with Store.open(tmp_path / "t.db") as s:
        ingest(s, [str(tmp_path / "t.txt")], workers=1)
        hit = search(s, "الحكومة")[0]
        assert [hit.text[a:b] for a, b in hit.highlights] == ["حكومتها"]
        assert len(search(s, "اوكرانيا")) == 1  # alef forms
        assert len(search(s, "حكوم*")) == 1
        assert search(s, "طهران") == []


def test_search_hits_carry_their_events(store):
    hits = search(store, '"زيارة زعيم"')
    assert hits and hits[0].events and hits[0].events[0]["cameo"] == "042"


def test_query_syntax():
    assert parse_query("كوريا الشمالية").fts == '"كوريا" "شماليه"'
    assert parse_query('"كوريا الشمالية"').fts == '"كوريا شماليه"'
    assert parse_query("بوتين OR كيم").fts == '"بوتين" OR "كيم"'
    assert parse_query("OR حكوم*").fts == '"حكوم" *'
    with pytest.raises(QueryError):
        parse_query("، .")


# ----- query and stats -----


def test_filters_match_code_prefixes_and_directions(store):
    evs = all_events(store)

    def codes(e):
        return (e["source"] or {}).get("code") or "", (e["target"] or {}).get("code") or ""

    def pick(**kw):
        return {e["event_id"] for e in events(store, Filters.make(**kw))}

    assert pick(dyads=["RUS-PRK"]) == {e["event_id"] for e in evs if codes(e)[0].startswith("RUS")
                                       and codes(e)[1].startswith("PRK")}
    both = {e["event_id"] for e in evs if {codes(e)[0][:3], codes(e)[1][:3]} == {"RUS", "PRK"}}
    assert pick(dyads=["rus-prk"], both=True) == both and len(both) > 3
    assert pick(actors=["PRKGOV"]) == {e["event_id"] for e in evs if "PRKGOV" in codes(e)}
    assert pick(cameo=["04"]) == {e["event_id"] for e in evs if e["cameo"].startswith("04")}
    assert pick(roots=["4"]) == pick(cameo=["04"])
    assert pick(quads=(4,)) == {e["event_id"] for e in evs if e["quad_class"] == 4}
    assert pick(since="2018-03-01", until="2018-05-31") == {e["event_id"] for e in evs
                                                             if e["day"] and "2018-03-01" <= e["day"] <= "2018-05-31"}
    assert pick(negated=False) == {e["event_id"] for e in evs if not e["negated"]}
    visits = pick(text="زيارة")
    sentence = ("SELECT substr(d.text, s.span_start + 1, s.span_end - s.span_start) FROM sentences s "
                "JOIN documents d ON d.doc = s.doc WHERE d.id = ? AND s.idx = ?")
    assert visits and visits <= {e["event_id"] for e in evs if "زيار" in store.execute(
        sentence, (e["document_id"], e["sentence"])).fetchone()[0]}
    for bad in ({"dyads": ["RUS"]}, {"actors": ["RU"]}, {"cameo": ["x4"]}, {"roots": ["123"]}):
        with pytest.raises(QueryError):
            Filters.make(**bad)


def test_stats_per_period_and_top_lists(store):
    evs = [e for e in all_events(store) if e["day"]]
    months = by_period(store, Filters(), "month")
    assert sum(r["events"] for r in months) == len(evs)
    for r in months:
        inside = [e for e in evs if e["day"].startswith(r["period"])]
        assert r["events"] == len(inside) == r["q1"] + r["q2"] + r["q3"] + r["q4"]
        assert r["goldstein"] == pytest.approx(sum(e["goldstein"] for e in inside) / len(inside), abs=0.01)
    weeks = by_period(store, Filters(), "week")
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d", r["period"]) for r in weeks)
    import datetime

    assert all(datetime.date.fromisoformat(r["period"]).weekday() == 0 for r in weeks)  # weeks start on Monday
    from collections import Counter

    evs = all_events(store)
    dyad_counts = Counter((e["source"]["code"], e["target"]["code"]) for e in evs
                          if e["target"] and e["target"].get("code") and e["source"].get("code"))
    dyads = top(store, Filters(), "dyads", 5)
    assert [((r["source"], r["target"]), r["events"]) for r in dyads] == sorted(
        dyad_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    actor_counts = Counter(c for e in evs for c in ((e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
                           if c)
    actors = top(store, Filters(), "actors", 3)
    ranked = sorted(actor_counts.items(), key=lambda kv: (-kv[1], kv[0]))
    assert [(r["code"], r["events"]) for r in actors] == ranked[:3]
    assert all(r["events"] == r["as_source"] + r["as_target"] for r in actors)
    prk = top(store, Filters.make(actors=["PRKGOV"]), "actors", 20)
    assert "Kim" in next(r for r in prk if r["code"] == "PRKGOV")["names"]
    code_counts = Counter(e["cameo"] for e in evs)
    assert top(store, Filters(), "codes", 1)[0]["events"] == max(code_counts.values())
    info = summary(store)
    assert info["documents"] == 5 and info["schema_version"] == schema_version()


# ----- export -----


def test_export_event_table_in_three_formats(store, tmp_path):
    import pyarrow.parquet as pq

    n = len(all_events(store))
    names = [c.name for c in EVENT_TABLE]
    assert export(store, str(tmp_path / "e.csv"), "csv", Filters()) == n
    with open(tmp_path / "e.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == names and len(rows) == n
    assert export(store, str(tmp_path / "e.jsonl"), "jsonl", Filters.make(dyads=["PRK-RUS"])) == len(
        list(events(store, Filters.make(dyads=["PRK-RUS"]))))
    assert export(store, str(tmp_path / "e.parquet"), "parquet", Filters()) == n
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.names == names and table.num_rows == n
    row = next(r for r in table.to_pylist() if r["Actor1Code"] == "PRKGOV" and r["EventCode"] == "042")
    assert row["EventRootCode"] == "04" and row["EventBaseCode"] == "042" and row["QuadClass"] == 1
    assert row["NumArticles"] == 1 and row["DocumentID"] == "kim-putin-vostochny"
    assert not list((tmp_path).glob(".*.tmp"))


def test_export_documents_as_full_json(store, tmp_path, example_docs):
    assert export(store, str(tmp_path / "d.jsonl"), "jsonl", Filters(), table="documents") == 5
    for line in (tmp_path / "d.jsonl").read_text(encoding="utf-8").splitlines():
        doc = Document.from_json(line)
        assert doc.to_dict() == example_docs[doc.id].to_dict()
    assert export(store, str(tmp_path / "d.parquet"), "parquet", Filters.make(actors=["PRK"]), table="documents") == 1


def test_export_entities_and_quotes_with_their_actors(store, tmp_path, example_docs):
    import pyarrow.parquet as pq

    n = export(store, str(tmp_path / "ent.parquet"), "parquet", Filters(), table="entities")
    assert n == sum(len(d.entities) for d in example_docs.values())
    rows = pq.read_table(tmp_path / "ent.parquet").to_pylist()
    putin = [r for r in rows if r["DocumentID"] == "kim-putin-vostochny" and r["ActorName"] == "Vladimir Putin"]
    assert putin and all("بوتين" in r["Text"] and (r["Label"], r["ActorCode"]) == ("PER", "RUSGOV") for r in putin)
    assert export(store, str(tmp_path / "q.jsonl"), "jsonl", Filters.make(actors=["PRK"]), table="quotes") == len(
        example_docs["kim-putin-vostochny"].quotes)
    quotes = [json.loads(x) for x in (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(q["SpeakerCode"] == "PRKGOV" and q["Kind"] == "direct" for q in quotes)  # Kim's own words


def test_docs_describe_every_column_and_table():
    text = (ROOT / "docs" / "store.md").read_text(encoding="utf-8")
    for column in (*EVENT_TABLE, *ENTITY_TABLE, *QUOTE_TABLE, *DOCUMENT_TABLE):
        assert f"`{column.name}`" in text, column.name
    for table in ("documents", "sentences", "sentence_fts", "actors", "entities", "events", "quotes", "migrations",
                  "meta"):
        assert f"`{table}`" in text, table


# ----- the commands, through rasid.cli.main -----


def test_commands(store_path, tmp_path, capsys):
    db = ["--db", str(store_path)]
    assert main(["query", *db, "--dyad", "RUS-PRK", "--both", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out and all({"event_id", "document_id", "cameo", "source"} <= e.keys() for e in out)
    assert main(["query", *db, "--format", "csv", "--limit", "2"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [c.name for c in EVENT_TABLE] and len(rows) == 3
    assert main(["stats", *db, "--dyad", "PRK-RUS", "--by", "month", "--format", "json"]) == 0
    json.loads(capsys.readouterr().out)
    assert main(["stats", *db, "--top", "dyads", "--format", "table"]) == 0
    assert "PRKGOV" in capsys.readouterr().out
    assert main(["search", "كوريا الشمالية", *db, "--format", "table"]) == 0
    assert "[[وكوريا الشمالية]]" in capsys.readouterr().out
    assert main(["export", str(tmp_path / "x.parquet"), *db, "--actor", "PRK"]) == 0
    assert "wrote" in capsys.readouterr().out


def test_command_errors_are_one_line(store_path, tmp_path, capsys):
    cases = [
        (["query", "--db", str(store_path), "--dyad", "RUSPRK"], 2, "SOURCE-TARGET"),
        (["stats", "--db", str(tmp_path / "none.db")], 7, "no such database"),
        (["search", "،", "--db", str(store_path)], 2, "nothing to search"),
        (["export", str(tmp_path / "x.xlsx"), "--db", str(store_path)], 2, "cannot tell the format"),
        (["stats", "--db", str(store_path), "--by", "month", "--top", "codes"], 2, "not both"),
    ]
    for argv, status, message in cases:
        assert main(argv) == status, argv
        err = capsys.readouterr().err
        assert err.startswith("rasid: error:") and message in err and err.count("\n") == 1, err


def test_ingest_command_reports_counts_and_failures(tmp_path, capsys):
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": "زار كيم موسكو."}, ensure_ascii=False) + "\n{bad\n",
                    encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert main(["ingest", str(data), "--db", db, "--workers", "1"]) == 4
    captured = capsys.readouterr()
    assert captured.out.startswith("1 new, 0 already stored, 1 failed")
    assert f"rasid: error: {data}:2: not JSON" in captured.err
    assert main(["ingest", str(data), "--db", db, "--workers", "1"]) == 4
    assert capsys.readouterr().out.startswith("0 new, 1 already stored, 1 failed")
    assert main(["ingest", str(tmp_path / "missing.txt"), "--db", db]) == 3
