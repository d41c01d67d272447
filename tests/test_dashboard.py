"""The dashboard at `/`, end to end in headless Chromium (Playwright for Python) over a real uvicorn server.

Skipped when Playwright or /usr/bin/chromium is missing (`apt-get install chromium`; no `playwright install`).
Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from rasid.api import create_app
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need playwright (pip install playwright)")
uvicorn = pytest.importorskip("uvicorn", reason="browser tests need uvicorn")
expect, sync_playwright = sync_api.expect, sync_api.sync_playwright

ARTIFACTS = ROOT / "tests" / "artifacts"
SAMPLE_ID = "kim-putin-vostochny"
XSS = ('<script>window.__xss=1</script> <img src=x onerror="window.__xss=1"> '
       "زار الرئيس الروسي فلاديمير بوتين بيونغ يانغ <b onmouseover=\"window.__xss=1\">والتقى</b> كيم جونغ أون.")
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """A uvicorn server on a free loopback port over a store built from examples/ plus one hostile article."""
    from rasid.store import Store
    from rasid.store.ingest import ingest

    tmp = tmp_path_factory.mktemp("dashboard")
    articles = tmp / "articles"
    shutil.copytree(ROOT / "examples", articles)
    hostile = {"id": "xss-article", "title": '<img src=x onerror="window.__xss=1">', "date": "2023-09-14",
               "source": "<script>window.__xss=1</script>", "text": XSS + "\n\n" + XSS}
    (articles / "xss.jsonl").write_text(json.dumps(hostile, ensure_ascii=False) + "\n", encoding="utf-8")
    db = tmp / "dash.db"
    with Store.open(db) as store:
        result = ingest(store, [str(articles)], workers=1, date="2023-09-14")
    assert result.failed == 0 and result.added >= 6

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ar")
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    yield pg
    context.close()


def test_article_view_highlights_actors_and_lists_events(page, base_url):
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    link = page.locator(f'#events-table a.doc-link[href="#/article/{SAMPLE_ID}"]').first
    link.click()
    text = page.locator("#article-text")
    expect(text).to_be_visible()
    for arabic, code in (("بوتين", "RUSGOV"), ("كيم", "PRKGOV"), ("شويغو", "RUSMIL")):
        span = text.locator(f'span.ent[data-actor="{code}"]', has_text=arabic).first
        expect(span).to_be_visible()
        assert "ent-PER" in span.get_attribute("class")
    assert text.locator("span.trigger").count() > 0
    assert "ltr" not in (text.evaluate("e => getComputedStyle(e).direction"))
    event_042 = page.locator('#article-events li.event[data-cameo="042"]').first
    expect(event_042).to_contain_text("Make a visit")
    expect(page.locator("#article-events")).to_contain_text("Sergei Shoigu")
    expect(page.locator("#article-quotes li.quote").first).to_be_visible()
    event_042.click()
    expect(text.locator("span.evidence").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "article.png"), full_page=True)
    assert not page.errors


def test_events_table_filters_by_dyad(page, base_url):
    page.goto(base_url + "/#/events")
    rows = page.locator("#events-table tbody tr")
    expect(rows.first).to_be_visible()
    total = rows.count()
    page.fill('#event-filters input[name="dyad"]', "RUS-PRK")
    page.click('#event-filters button[type="submit"]')
    expect(page.locator("#events-status")).to_contain_text("events")
    page.wait_for_function(f"document.querySelectorAll('#events-table tbody tr').length < {total}")
    filtered = rows.count()
    assert 0 < filtered < total
    for i in range(filtered):
        cells = rows.nth(i).locator("td")
        assert "(RUS" in cells.nth(1).inner_text() and "(PRK" in cells.nth(3).inner_text()
    page.screenshot(path=str(ARTIFACTS / "events.png"), full_page=True)
    rows.first.locator("a.doc-link").click()
    expect(page.locator("#article-text span.ent").first).to_be_visible()
    assert not page.errors


def test_dyad_view_draws_timeline_and_network(page, base_url):
    page.goto(base_url + "/#/dyad/RUS-PRK")
    canvas = page.locator("#timeline canvas")
    expect(canvas).to_be_visible()
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('#timeline canvas'))")
    chart = page.evaluate("""() => {
        const c = Chart.getChart(document.querySelector('#timeline canvas'));
        return {version: Chart.version, labels: c.data.labels,
                datasets: c.data.datasets.map((d) => ({type: d.type, axis: d.yAxisID, data: d.data})),
                width: c.width, height: c.height};
    }""")
    assert chart["version"].startswith("4.")
    assert chart["labels"] and chart["width"] > 0 and chart["height"] > 0
    types = [d["type"] for d in chart["datasets"]]
    assert types == ["bar"] * 4 + ["line"]
    assert {d["axis"] for d in chart["datasets"][:4]} == {"events"} and chart["datasets"][4]["axis"] == "goldstein"
    assert all(len(d["data"]) == len(chart["labels"]) for d in chart["datasets"])
    assert sum(n for d in chart["datasets"][:4] for n in d["data"]) > 0
    assert any(g is not None and -10 <= g <= 10 for g in chart["datasets"][4]["data"])
    expect(page.locator("#network svg")).to_be_visible()  # a vertical edge has an empty box, so measure lengths
    lengths = page.evaluate(
        "() => [...document.querySelectorAll('#network svg line.edge')].map((l) => l.getTotalLength())")
    assert lengths and all(n > 0 for n in lengths)
    assert page.locator("#network g.node").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "dyad.png"), full_page=True)
    assert not page.errors


def test_untrusted_text_never_runs(page, base_url):
    # A stored article with markup in its text and title.
    page.goto(base_url + "/#/article/xss-article")
    text = page.locator("#article-text")
    expect(text).to_contain_text("<script>window.__xss=1</script>")
    expect(page.locator("#article-title")).to_contain_text("<img")
    assert page.locator("#view-article img, #view-article script, #article-text b, #article-title *").count() == 0
    text.locator("span", has_text="والتقى").first.hover()
    # The same text through the analyze box.
    page.goto(base_url + "/#/analyze")
    page.fill("#analyze-form textarea", XSS)
    page.fill('#analyze-form input[name="title"]', '<img src=x onerror="window.__xss=1">')
    page.click("#analyze-form button[type=submit]")
    expect(page.locator("#view-article")).to_be_visible()
    expect(text).to_contain_text('onerror="window.__xss=1"')
    expect(text.locator('span.ent[data-actor="RUSGOV"]').first).to_be_visible()
    page.wait_for_timeout(300)
    assert page.locator("#view-article img, #view-article script").count() == 0
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.screenshot(path=str(ARTIFACTS / "xss.png"), full_page=True)
    assert not page.errors
