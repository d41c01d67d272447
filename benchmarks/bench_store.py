"""The event store's cost and speed, measured in one run on real news (issue 6):

1. analysis only: read + analyse every article in this process (the baseline), timing apart what the store
   adds (flattening each analysed document into rows and writing them to a fresh store, in batches);
2. `ingest --workers 1` and `--workers 2` into fresh stores, as ratios to the baseline's articles/s;
3. a second ingest of the same input (adds nothing);
4. database size per 1,000 articles, and query latencies on the full store: the dyad-month aggregation
   (`rasid stats --dyad A-B --both --by month`), a top list, an event listing and a search.

Models and dictionaries are loaded once before timing; each pass then starts with a new pipeline and empty
tokenizer and segmenter caches, as a new process would; the workers of a parallel ingest are new processes
that also load their own models.

Usage: python benchmarks/bench_store.py --data ../shared/data/news [--articles N]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import rasid
from common import write_result
from rasid.document import Document
from rasid.pipeline import default_pipeline
from rasid.readers import read_documents
from rasid.store import Store
from rasid.store.ingest import default_workers, ingest
from rasid.store.query import Filters, by_period, events, top
from rasid.store.rows import doc_rows, id_key
from rasid.store.search import search
from rasid.text.segment import Segmenter


def _inputs(data: Path, articles: int | None, tmp: Path) -> list[str]:
    """The input paths; with --articles, the first N articles copied into one JSONL file."""
    if not articles:
        return [str(data)]
    out = tmp / "subset.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        n = 0
        for doc in read_documents([str(data)]):
            if isinstance(doc, Document) and n < articles:
                fh.write(json.dumps({"id": doc.id, "text": doc.text, "date": doc.date, "title": doc.title,
                                     "source": doc.source, "url": doc.url}, ensure_ascii=False) + "\n")
                n += 1
    return [str(out)]


def _cold() -> None:
    """Start a pass as a new process would, models aside: a new pipeline, empty tokenizer and segmenter caches."""
    default_pipeline.cache_clear()
    Segmenter.default()._cache.clear()  # its per-word memo; the vocabulary stays loaded


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def analysis_pass(paths: list[str], db: Path) -> dict[str, Any]:
    """The baseline (read + analyse, as `rasid analyze` does), timing apart what the store adds: flattening each
    analysed document into rows, and writing them in batches of 64 to a fresh store."""
    _cold()
    wall, cpu = time.perf_counter(), time.process_time()
    pipeline = default_pipeline()
    store_wall = store_cpu = flatten = 0.0
    batch: list[Any] = []
    articles = sentences = 0
    with Store.open(db) as store:
        for item in read_documents(paths):
            if not isinstance(item, Document):
                continue
            doc = rasid.analyze(item, pipeline=pipeline)
            articles += 1
            sentences += len(doc.sentences)
            t0, c0 = time.perf_counter(), time.process_time()
            batch.append(doc_rows(doc, id_key(doc.id)))  # the news corpus's records all have ids
            flatten += time.perf_counter() - t0
            if len(batch) == 64:
                store.write(batch)
                batch = []
            store_wall += time.perf_counter() - t0
            store_cpu += time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        store.write(batch)
    store_wall += time.perf_counter() - t0
    store_cpu += time.process_time() - c0
    wall = time.perf_counter() - wall - store_wall
    cpu = time.process_time() - cpu - store_cpu
    return {"articles": articles, "sentences": sentences, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "articles_per_s": round(articles / wall, 1), "store_seconds": round(store_wall, 2),
            "flatten_seconds": round(flatten, 2), "write_seconds": round(store_wall - flatten, 2),
            "store_cost": round(store_wall / wall, 3), "store_cost_cpu": round(store_cpu / cpu, 3)}


def ingest_pass(paths: list[str], db: Path, workers: int) -> dict[str, Any]:
    """A cold `rasid ingest --workers N` into a fresh store."""
    _cold()
    children = _children_cpu()
    wall, cpu = time.perf_counter(), time.process_time()
    with Store.open(db) as store:
        result = ingest(store, paths, workers=workers)
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu + _children_cpu() - children
    return {"workers": workers, "added": result.added, "failed": result.failed, "events": result.events,
            "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "articles_per_s": round(result.processed / wall, 1)}


def latency(fn: Callable[[], Any], runs: int = 30) -> dict[str, float]:
    """First-call and steady-state (median, p95) latency in milliseconds."""
    start = time.perf_counter()
    fn()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return {"first_ms": round(first * 1000, 2), "median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 2)}


def query_latencies(db: Path) -> dict[str, Any]:
    with Store.open(db, write=False) as store:
        pairs = top(store, Filters(), "dyads", 50)
        countries = next((r["source"][:3], r["target"][:3]) for r in pairs if r["source"][:3] != r["target"][:3])
        dyad = Filters.make(dyads=["-".join(countries)], both=True)
        months = by_period(store, dyad, "month")
        return {
            "dyad": "-".join(countries),
            "dyad_events": sum(r["events"] for r in months),
            "dyad_months": len(months),
            "dyad_month_aggregation": latency(lambda: by_period(store, dyad, "month")),
            "dyad_month_aggregation_rus_prk": latency(
                lambda: by_period(store, Filters.make(dyads=["RUS-PRK"], both=True), "month")),
            "all_events_by_month": latency(lambda: by_period(store, Filters(), "month"), 10),
            "top_dyads": latency(lambda: top(store, Filters(), "dyads", 10), 10),
            "query_actor_100_events": latency(lambda: list(events(store, Filters.make(actors=["USA"]), 100)), 10),
            "search_kuria_shamalia": latency(lambda: search(store, "كوريا الشمالية", limit=20), 10),
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="A folder or JSONL file of articles.")
    parser.add_argument("--articles", type=int, default=None, help="Only the first N articles (default: all).")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="Ingest passes to time.")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"bench_store: error: {args.data}: no such file or directory", file=sys.stderr)
        return 3
    with tempfile.TemporaryDirectory(prefix="bench_store_") as tmp_name:
        tmp = Path(tmp_name)
        paths = _inputs(args.data, args.articles, tmp)
        rasid.analyze("وقال بوتين إن موسكو تدرس إجراء تدريبات عسكرية مشتركة.")  # load models and dictionaries once
        load_before = os.getloadavg()
        baseline = analysis_pass(paths, tmp / "rows.db")
        print(json.dumps({"analysis_only": baseline}), flush=True)
        passes = {}
        for workers in args.workers:
            passes[f"workers_{workers}"] = run = ingest_pass(paths, tmp / f"w{workers}.db", workers)
            run["ratio_to_analysis_only"] = round(run["articles_per_s"] / baseline["articles_per_s"], 3)
            run["ratio_to_ideal"] = round(run["ratio_to_analysis_only"] / workers, 3)
            run["cpu_ratio_to_analysis_only"] = round(baseline["cpu_seconds"] / run["cpu_seconds"], 3)
            print(json.dumps({f"workers_{workers}": run}), flush=True)
        db = tmp / f"w{args.workers[-1]}.db"
        again = ingest_pass(paths, db, args.workers[-1])
        counts = {}
        for name in ["rows", *(f"w{w}" for w in args.workers)]:
            with Store.open(tmp / f"{name}.db", write=False) as store:
                counts[name] = store.counts()
        size = db.stat().st_size
        payload = {
            "data": str(args.data),
            "cpus": default_workers(),
            "load_average_before_after": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
            "articles": baseline["articles"],
            "sentences": baseline["sentences"],
            "analysis_only": baseline,
            "ingest": passes,
            "second_ingest": {"added": again["added"], "seconds": again["seconds"]},
            "same_counts_every_pass": all(c == counts["rows"] for c in counts.values()),
            "counts": counts["rows"],
            "db_bytes": size,
            "db_mb_per_1000_articles": round(size / 1e6 / baseline["articles"] * 1000, 2),
            "queries": query_latencies(db),
        }
    path = write_result("store", payload)
    print(json.dumps(payload, indent=2, ensure_ascii=False))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
