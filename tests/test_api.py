"""The HTTP API (`rasid.api`) with FastAPI's TestClient, on a store built from examples/."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

import warnings

with warnings.catch_warnings():  # starlette's notice about httpx vs httpx2, at import
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from rasid.api import create_app
from tests.conftest import ROOT

TOKEN = "s3cret-token"


@pytest.fixture(scope="session")
def db(tmp_path_factory):
    from rasid.store import Store
    from rasid.store.ingest import ingest

    path = tmp_path_factory.mktemp("api") / "api.db"
    with Store.open(path) as store:
        result = ingest(store, [str(ROOT / "examples")], workers=1, date="2023-09-14")
    assert result.added == 5 and result.failed == 0
    return path


@pytest.fixture(scope="session")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture
def writer(tmp_path, db):
    """An app that may ingest, on a copy of the store (the session store stays as built)."""
    import shutil

    copy = tmp_path / "w.db"
    shutil.copy(db, copy)
    with TestClient(create_app(copy, allow_ingest=True, token=TOKEN, max_bytes=20_000)) as c:
        yield c


def test_health(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok" and body["documents"] == 5 and body["events"] > 0 and body["ingest"] is False


def test_openapi_lists_typed_endpoints(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/health", "/api/analyze", "/api/events", "/api/documents/{doc_id}", "/api/actors",
                 "/api/stats/dyads", "/api/stats/timeline", "/api/search"):
        assert path in paths, path
    assert "/api/documents" not in paths  # ingest is off by default
    ok = paths["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/EventPage"}
    assert {"dyad", "actor", "cameo", "quad", "since", "cursor"} <= {p["name"] for p in paths["/api/events"]["get"]
                                                                      ["parameters"]}


def test_events_and_filters(client):
    everything = client.get("/api/events", params={"limit": 1000}).json()
    assert everything["next"] is None
    events = everything["events"]
    assert len(events) == client.get("/api/health").json()["events"]
    days = [e["day"] or "" for e in events]
    assert days == sorted(days)
    first = events[0]
    assert {"event_id", "document_id", "day", "cameo", "source", "trigger", "evidence"} <= first.keys()

    rus_prk = client.get("/api/events", params={"dyad": "RUS-PRK", "both": True}).json()["events"]
    assert rus_prk
    for e in rus_prk:
        pair = {e["source"]["code"][:3], (e["target"] or {}).get("code", "")[:3]}
        assert pair == {"RUS", "PRK"}
    one_way = client.get("/api/events", params={"dyad": "RUS-PRK"}).json()["events"]
    assert all(e["source"]["code"].startswith("RUS") for e in one_way) and len(one_way) <= len(rus_prk)

    consult = client.get("/api/events", params={"cameo": "04"}).json()["events"]
    assert consult and all(e["cameo"].startswith("04") for e in consult)
    quads = client.get("/api/events", params=[("quad", 1), ("quad", 4)]).json()["events"]
    assert quads and {e["quad_class"] for e in quads} <= {1, 4}
    since = client.get("/api/events", params={"since": "2018-05-01"}).json()["events"]
    assert since and all(e["day"] >= "2018-05-01" for e in since)
    assert client.get("/api/events", params={"until": "1990-01-01"}).json()["events"] == []
    neg = client.get("/api/events", params={"negated": False}).json()["events"]
    assert all(not e["negated"] for e in neg)
    actor = client.get("/api/events", params={"actor": "PRK", "root": "4"}).json()["events"]
    assert all(e["root"] == "04" for e in actor)
    text = client.get("/api/events", params={"text": "بوتين"}).json()["events"]
    assert text and all(e["document_id"] == "kim-putin-vostochny" for e in text)


@pytest.mark.parametrize("params, word", [({"dyad": "RUSPRK"}, "dyad"), ({"root": "123"}, "root"),
                                          ({"actor": "R"}, "actor code"), ({"quad": 7}, "quad"),
                                          ({"since": "yesterday"}, "since"), ({"cursor": "nonsense"}, "cursor")])
def test_bad_filters_are_4xx_with_a_message(client, params, word):
    r = client.get("/api/events", params=params)
    assert r.status_code in (400, 422)
    assert word in r.json()["detail"]


def test_paging_two_pages_no_overlap(client):
    total = client.get("/api/health").json()["events"]
    assert total >= 4
    size = total // 2
    first = client.get("/api/events", params={"limit": size}).json()
    assert len(first["events"]) == size and first["next"]
    second = client.get("/api/events", params={"limit": size, "cursor": first["next"]}).json()
    ids1 = [e["event_id"] for e in first["events"]]
    ids2 = [e["event_id"] for e in second["events"]]
    assert not set(ids1) & set(ids2)
    rest = ids2
    cursor = second["next"]
    while cursor:
        page = client.get("/api/events", params={"limit": size, "cursor": cursor}).json()
        rest += [e["event_id"] for e in page["events"]]
        cursor = page["next"]
    everything = [e["event_id"] for e in client.get("/api/events", params={"limit": 1000}).json()["events"]]
    assert ids1 + rest == everything


def test_document_and_404(client):
    r = client.get("/api/documents/kim-putin-vostochny")
    assert r.status_code == 200
    doc = r.json()
    assert doc["schema"] == "rasid.document/1" and doc["id"] == "kim-putin-vostochny"
    assert doc["tokens"] and doc["entities"] and doc["events"]
    assert any(e["cameo"] == "042" for e in doc["events"])
    r = client.get("/api/documents/no-such-document")
    assert r.status_code == 404 and "no-such-document" in r.json()["detail"]


def test_actors_prefix_in_english_and_arabic(client):
    english = client.get("/api/actors", params={"q": "put"}).json()
    assert any(a["name"] == "Vladimir Putin" for a in english)
    putin = next(a for a in english if a["name"] == "Vladimir Putin")
    assert putin["code"].startswith("RUS") and putin["mentions"] > 0 and putin["arabic"]
    by_surname = client.get("/api/actors", params={"q": "Jong"}).json()
    assert any("Kim Jong" in (a["name"] or "") for a in by_surname)
    arabic = client.get("/api/actors", params={"q": "بوت"}).json()
    assert any(a["name"] == "Vladimir Putin" for a in arabic)
    assert client.get("/api/actors", params={"q": "zzzz%"}).json() == []
    assert client.get("/api/actors").status_code == 422


def test_stats(client):
    dyads = client.get("/api/stats/dyads").json()
    assert dyads and {"source", "target", "events", "q1", "q4", "goldstein"} <= dyads[0].keys()
    counts = [d["events"] for d in dyads]
    assert counts == sorted(counts, reverse=True)
    filtered = client.get("/api/stats/dyads", params={"actor": "PRK"}).json()
    assert filtered and all("PRK" in (d["source"][:3], d["target"][:3]) for d in filtered)

    line = client.get("/api/stats/timeline", params={"dyad": "RUS-PRK", "both": True}).json()
    assert line["dyad"] == "RUS-PRK" and line["by"] == "month" and line["periods"]
    assert sum(p["events"] for p in line["periods"]) == len(
        client.get("/api/events", params={"dyad": "RUS-PRK", "both": True, "limit": 1000}).json()["events"])
    assert client.get("/api/stats/timeline", params={"dyad": "RUSPRK"}).status_code == 400
    assert client.get("/api/stats/timeline").status_code == 422
    assert client.get("/api/stats/timeline", params={"dyad": "RUS-PRK", "by": "decade"}).status_code == 422


def test_search(client):
    hits = client.get("/api/search", params={"q": "كوريا الشمالية"}).json()
    assert hits
    hit = hits[0]
    assert hit["document_id"] and hit["highlights"]
    start, end = hit["highlights"][0]
    assert hit["text"][start:end]
    r = client.get("/api/search", params={"q": "..."})
    assert r.status_code == 400 and "nothing to search" in r.json()["detail"]


def test_analyze_plain_text_and_json(client):
    text = (ROOT / "examples" / "kim-putin-vostochny.txt").read_text(encoding="utf-8")
    r = client.post("/api/analyze", content=text.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["schema"] == "rasid.document/1" and doc["warnings"] == []
    assert any(e["cameo"] == "042" for e in doc["events"])
    r = client.post("/api/analyze", json={"text": "التقى بوتين كيم جونغ أون.", "date": "2023-09-13", "title": "t"})
    assert r.status_code == 200
    assert r.json()["date"] == "2023-09-13" and r.json()["title"] == "t"


def test_analyze_bad_input(client):
    empty = client.post("/api/analyze", content=b"  \n", headers={"content-type": "text/plain"})
    assert empty.status_code == 400 and "empty" in empty.json()["detail"]
    latin1 = client.post("/api/analyze", content="café".encode("latin-1"), headers={"content-type": "text/plain"})
    assert latin1.status_code == 400 and "UTF-8" in latin1.json()["detail"]
    no_text = client.post("/api/analyze", json={"title": "x"})
    assert no_text.status_code == 400 and "text" in no_text.json()["detail"]
    bad_json = client.post("/api/analyze", content=b"{", headers={"content-type": "application/json"})
    assert bad_json.status_code == 400 and "JSON" in bad_json.json()["detail"]
    bad_date = client.post("/api/analyze", json={"text": "نص", "date": "soon"})
    assert bad_date.status_code == 400 and "date" in bad_date.json()["detail"]
    english = client.post("/api/analyze", content=b"Putin met Kim.", headers={"content-type": "text/plain"})
    assert english.status_code == 200 and any("Arabic" in w for w in english.json()["warnings"])


def test_size_limit(db):
    with TestClient(create_app(db, max_bytes=100)) as small:
        r = small.post("/api/analyze", content=("ب" * 200).encode(), headers={"content-type": "text/plain"})
        assert r.status_code == 413 and "100" in r.json()["detail"]
        assert small.post("/api/analyze", content="بوتين".encode(), headers={"content-type": "text/plain"}
                          ).status_code == 200


def test_ingest_is_off_by_default(client):
    r = client.post("/api/documents", json={"text": "نص"}, headers={"authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (404, 405)


def test_ingest_needs_a_token():
    with pytest.raises(ValueError, match="token"):
        create_app(ROOT / "nowhere.db", allow_ingest=True)


def test_ingest_token_checks(writer):
    article = {"id": "api-1", "text": "استقبل الرئيس الروسي فلاديمير بوتين الزعيم الكوري الشمالي كيم جونغ أون.",
               "date": "2023-09-13"}
    missing = writer.post("/api/documents", json=article)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    wrong = writer.post("/api/documents", json=article, headers={"authorization": "Bearer nope"})
    assert wrong.status_code == 403
    basic = writer.post("/api/documents", json=article, headers={"authorization": f"Basic {TOKEN}"})
    assert basic.status_code == 403
    assert writer.get("/api/documents/api-1").status_code == 404

    auth = {"authorization": f"Bearer {TOKEN}"}
    right = writer.post("/api/documents", json=article, headers=auth)
    assert right.status_code == 201, right.text
    assert right.json()["id"] == "api-1" and right.json()["added"] is True
    stored = writer.get("/api/documents/api-1").json()
    assert stored["date"] == "2023-09-13" and len(stored["events"]) == right.json()["events"]
    assert writer.get("/api/health").json()["documents"] == 6
    again = writer.post("/api/documents", json=article, headers=auth)
    assert again.status_code == 200 and again.json()["added"] is False
    big = writer.post("/api/documents", json={"text": "ب" * 30_000}, headers=auth)
    assert big.status_code == 413


def test_missing_store_fails_at_start(tmp_path):
    from rasid.store import StoreError

    with pytest.raises(StoreError, match="no such database"):
        create_app(tmp_path / "missing.db")


def test_paging_over_events_without_a_day(tmp_path):
    """Events of an undated article have no day; the cursor still walks every event once."""
    from rasid.store import Store
    from rasid.store.ingest import ingest

    path = tmp_path / "undated.db"
    with Store.open(path) as store:
        ingest(store, [str(ROOT / "examples" / "kim-putin-vostochny.txt")], workers=1)
    with TestClient(create_app(path)) as c:
        everything = [e["event_id"] for e in c.get("/api/events", params={"limit": 1000}).json()["events"]]
        assert len(everything) > 3
        seen, cursor = [], None
        while True:
            page = c.get("/api/events", params={"limit": 3, **({"cursor": cursor} if cursor else {})}).json()
            seen += [e["event_id"] for e in page["events"]]
            cursor = page["next"]
            if not cursor:
                break
        assert seen == everything


def test_concurrent_reads(client):
    """Requests served from several threads at once, each on its own read-only connection."""
    from concurrent.futures import ThreadPoolExecutor

    def get(i):
        r = client.get("/api/events", params={"dyad": "RUS-PRK", "both": True, "limit": 1 + i % 5})
        return r.status_code if r.status_code == 200 else r.text

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(get, range(40))) == {200}
