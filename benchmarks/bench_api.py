"""API load: `GET /api/events?dyad=...` against `rasid serve` on loopback, from a bounded pool of client
threads; requests per second and latency percentiles. The server runs in a subprocess (uvicorn).

Usage: python benchmarks/bench_api.py --db /tmp/n.db [--requests 3000] [--clients 8]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import write_result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"bench_api: error: the server at {url} did not start")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--dyad", default="RUS-PRK")
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    if not args.db.is_file():
        print(f"bench_api: error: {args.db}: no such store (build it with rasid ingest)", file=sys.stderr)
        return 3
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "rasid", "serve", "--db", str(args.db), "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/api/events?dyad={args.dyad}&both=true"
    try:
        wait_up(f"{base}/api/health")
        urllib.request.urlopen(url).read()  # warm up

        def one(_: int) -> float:
            start = time.perf_counter()
            with urllib.request.urlopen(url, timeout=10) as response:
                response.read()
            return time.perf_counter() - start

        start = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            latencies = sorted(pool.map(one, range(args.requests)))
        seconds = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=10)
    quantiles = statistics.quantiles(latencies, n=100)
    result = {
        "db": str(args.db),
        "url": url.replace(base, ""),
        "requests": args.requests,
        "clients": args.clients,
        "seconds": round(seconds, 3),
        "requests_per_s": round(args.requests / seconds),
        "latency_ms": {"p50": round(1000 * quantiles[49], 2), "p90": round(1000 * quantiles[89], 2),
                       "p99": round(1000 * quantiles[98], 2), "max": round(1000 * latencies[-1], 2)},
    }
    path = write_result("api", result)
    print(json.dumps(result, indent=2))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
