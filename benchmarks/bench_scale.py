"""How cost grows with the work: wall time, work time and peak memory of four ways to process 500, 1,000,
2,000 and 5,000 real articles, each run in a fresh process tree.

(a) tokenize: the tokenization floor (tokenizer + sentence splitter) in one process;
(b) pipeline: the full default pipeline (`rasid analyze`'s) in one process;
(c) ingest: `rasid ingest --workers 2` into a new store;
(d) spark: `rasid spark --master local[2]`.

The articles are the first N of the corpus in one seeded random order. "work" excludes start-up (interpreter,
models, the Spark session and its workers' models, loaded by a warm-up job on eight one-word articles; for
(c) the start of the worker processes is work): it is the time from the first article to the last. "wall"
includes everything. Writes benchmarks/results/scale.json and scale.png (time per article against corpus size).

Usage: python benchmarks/bench_scale.py --data ../shared/data/news [--sizes 500 1000 2000 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import RESULTS, write_result

MODES = ("tokenize", "pipeline", "ingest", "spark")
BIN = Path(sys.executable).parent


# ----- one measured run (a child process) -----


def run_mode(mode: str, data: Path, work: Path) -> dict:
    """Process `data` one way; return start-up and work seconds (printed as JSON by the child)."""
    started = time.perf_counter()
    if mode in ("tokenize", "pipeline"):
        import rasid
        from rasid.document import Document
        from rasid.pipeline import Pipeline, default_pipeline
        from rasid.readers import read_documents

        pipeline = Pipeline.from_names(["tokenizer", "sentencizer"]) if mode == "tokenize" else default_pipeline()
        rasid.analyze("تجربة.", pipeline=pipeline)  # load the models
        setup = time.perf_counter() - started
        sentences = 0
        for doc in read_documents([str(data)]):
            if isinstance(doc, Document):
                sentences += len(rasid.analyze(doc, pipeline=pipeline).sentences)
        return {"setup_s": setup, "work_s": time.perf_counter() - started - setup, "sentences": sentences}
    if mode == "ingest":
        from rasid.store import Store
        from rasid.store.ingest import ingest

        with Store.open(work / "bench.db") as store:
            setup = time.perf_counter() - started
            result = ingest(store, [str(data)], workers=2)  # worker start-up is part of the work here
        return {"setup_s": setup, "work_s": time.perf_counter() - started - setup, "added": result.added}
    if mode == "spark":
        from rasid import spark

        session = spark.session("local[2]")  # started here, so `run` uses it and leaves it running
        warm = work / "warm-up.jsonl"  # the workers load their models on it, as (b) does on one sentence
        warm.write_text("".join(json.dumps({"id": f"w{i}", "text": "تجربة."}) + "\n" for i in range(8)), "utf-8")
        spark.run(str(warm), str(work / "warm-up"), master="local[2]")
        setup = time.perf_counter() - started
        result = spark.run(str(data), str(work / "out"), master="local[2]")
        work_s = time.perf_counter() - started - setup
        session.stop()
        return {"setup_s": setup, "work_s": work_s, "added": result.rows["documents"]}
    raise ValueError(mode)


# ----- the parent: subsets, fresh processes, memory -----


def tree_rss(pid: int) -> tuple[int, dict[str, int]]:
    """Resident memory (bytes) of a process and all its descendants, in total and by program name."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
            fields = stat[stat.rindex(")") + 2:].split()
            child = int(entry)
            children.setdefault(int(fields[1]), []).append(child)
            names[child] = stat[stat.index("(") + 1: stat.rindex(")")]
            rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    total, by_name, stack = 0, {}, [pid]
    while stack:
        p = stack.pop()
        total += rss.get(p, 0)
        name = "java" if names.get(p, "").startswith("java") else "python"
        by_name[name] = by_name.get(name, 0) + rss.get(p, 0)
        stack.extend(children.get(p, []))
    return total, by_name


def measure(mode: str, data: Path) -> dict:
    """Run one mode in a child process; wall time, its JSON report and the peak memory of its process tree."""
    with tempfile.TemporaryDirectory(prefix="rasid-scale-") as work:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, __file__, "--child", mode, str(data), work],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        peak, peak_by = 0, {}
        done = threading.Event()

        def poll() -> None:
            nonlocal peak, peak_by
            while not done.is_set():
                total, by = tree_rss(child.pid)
                if total > peak:
                    peak, peak_by = total, by
                time.sleep(0.2)

        watcher = threading.Thread(target=poll, daemon=True)
        watcher.start()
        out, _ = child.communicate()
        wall = time.perf_counter() - started
        done.set()
        watcher.join()
        if child.returncode not in (0, 4):
            raise RuntimeError(f"{mode} on {data} exited {child.returncode}")
        report = json.loads(out.strip().splitlines()[-1])
    return {"wall_s": round(wall, 2), "setup_s": round(report.pop("setup_s"), 2),
            "work_s": round(report.pop("work_s"), 2), "peak_rss_mb": round(peak / 2**20),
            "peak_rss_by_program_mb": {k: round(v / 2**20) for k, v in peak_by.items()}, **report}


def subsets(data: Path, sizes: list[int], work: Path) -> dict[int, Path]:
    """The first N articles of the corpus in one seeded random order, for each N, as JSONL files: every size
    draws from the same mix of sections and lengths, and each holds the smaller ones."""
    lines: list[str] = []
    for path in sorted(data.glob("*.jsonl")) if data.is_dir() else [data]:
        with open(path, encoding="utf-8") as fh:
            lines.extend(line for line in fh if line.strip())
    random.Random(0).shuffle(lines)
    if len(lines) < max(sizes):
        raise SystemExit(f"bench_scale: error: {data} has {len(lines)} articles, fewer than {max(sizes)}")
    out = {}
    for n in sizes:
        out[n] = work / f"news-{n}.jsonl"
        out[n].write_text("".join(lines[:n]), encoding="utf-8")
    return out


def summarise(results: dict) -> dict:
    """Per mode: how far work cost per article strays over the sizes (the largest deviation from its mean, the
    issue's "flat within ±20%", and max/min), the marginal cost between consecutive sizes, and a least-squares
    line work = fixed + per_article × n (a superlinear step shows as rising marginals)."""
    out: dict = {"work_cost_max_deviation_from_mean": {}, "work_cost_max_over_min": {},
                 "marginal_ms_per_article": {}, "linear_fit": {}}
    for mode, rows in results.items():
        sizes = sorted(int(n) for n in rows)
        work = [rows[str(n)]["work_s"] for n in sizes]
        costs = [rows[str(n)]["work_ms_per_article"] for n in sizes]
        mean = sum(costs) / len(costs)
        out["work_cost_max_deviation_from_mean"][mode] = round(max(abs(c / mean - 1) for c in costs), 3)
        out["work_cost_max_over_min"][mode] = round(max(costs) / min(costs), 3)
        out["marginal_ms_per_article"][mode] = {
            f"{a}-{b}": round(1000 * (wb - wa) / (b - a), 2)
            for a, b, wa, wb in zip(sizes, sizes[1:], work, work[1:], strict=False)}
        mean_n, mean_w = sum(sizes) / len(sizes), sum(work) / len(work)
        slope = (sum((n - mean_n) * (w - mean_w) for n, w in zip(sizes, work, strict=True))
                 / sum((n - mean_n) ** 2 for n in sizes))
        out["linear_fit"][mode] = {"fixed_s": round(mean_w - slope * mean_n, 2),
                                   "ms_per_article": round(1000 * slope, 2)}
    return out


def plot(results: dict, path: Path) -> None:
    """Milliseconds of work per article against corpus size, one line per mode."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    for mode in MODES:
        sizes = sorted(int(n) for n in results[mode])
        ax.plot(sizes, [results[mode][str(n)]["work_ms_per_article"] for n in sizes], marker="o", label=mode)
        ax.plot(sizes, [results[mode][str(n)]["wall_ms_per_article"] for n in sizes], linestyle=":",
                color=ax.lines[-1].get_color())
    ax.set_xscale("log")
    ax.set_xticks(sizes, [str(n) for n in sizes])
    ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    ax.set_yscale("log")
    ax.set_xlabel("articles")
    ax.set_ylabel("ms per article (solid: work; dotted: wall)")
    ax.set_title("Rasid: cost per article as the corpus grows (2 cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> int:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        print(json.dumps(run_mode(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="A JSONL file or a directory of them.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 5000])
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    args = parser.parse_args()
    if not args.data.exists():
        print(f"bench_scale: error: {args.data}: no such file or directory", file=sys.stderr)
        return 3
    results: dict[str, dict[str, dict]] = {m: {} for m in args.modes}
    with tempfile.TemporaryDirectory(prefix="rasid-scale-") as work:
        files = subsets(args.data, args.sizes, Path(work))
        for n in args.sizes:
            for mode in args.modes:
                row = measure(mode, files[n])
                row["work_ms_per_article"] = round(1000 * row["work_s"] / n, 3)
                row["wall_ms_per_article"] = round(1000 * row["wall_s"] / n, 3)
                results[mode][str(n)] = row
                print(f"{mode:9} {n:5} articles: wall {row['wall_s']:7.2f} s, work {row['work_s']:7.2f} s "
                      f"({row['work_ms_per_article']:.2f} ms/article), peak {row['peak_rss_mb']} MB", flush=True)
    payload: dict = {"data": str(args.data), "sizes": args.sizes, "cpus": os.cpu_count(), "modes": results,
                     **summarise(results)}
    if "pipeline" in results and "spark" in results:
        big = str(max(args.sizes))
        one, spark = results["pipeline"][big], results["spark"][big]
        payload["spark_speedup_work"] = round(one["work_s"] / spark["work_s"], 3)
        payload["spark_speedup_wall"] = round(one["wall_s"] / spark["wall_s"], 3)
    if "pipeline" in results and "ingest" in results:
        big = str(max(args.sizes))
        payload["ingest_speedup_wall"] = round(results["pipeline"][big]["wall_s"] / results["ingest"][big]["wall_s"], 3)
    path = write_result("scale", payload)
    if set(MODES) <= set(results):
        plot(results, RESULTS / "scale.png")
    print(json.dumps({k: v for k, v in payload.items() if k != "modes"}, indent=1))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
