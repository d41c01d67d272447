"""Summarizer speed: the time the summary component adds, as a share of the pipeline before it (the full
pipeline, and the tokenizer+sentencizer one), and the time of key facts, each measured in the same run.
`summary_added_time` times the component alone on the analysed documents (exact: the full pipeline has
built every token already); the end-to-end ratios compare whole runs and carry the machine's noise.

Usage: python benchmarks/bench_summary.py --data ../shared/data/news/politics.jsonl [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import rasid
from common import best_of, write_result
from rasid.document import Document
from rasid.pipeline import DEFAULT_COMPONENTS, Pipeline
from rasid.readers import read_documents
from rasid.summarize import Summarizer, key_facts

PIPELINES = {"full": list(DEFAULT_COMPONENTS), "tokenize_split": ["tokenizer", "sentencizer"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_summary: error: {args.data}: no such file", file=sys.stderr)
        return 3
    docs = [d for d in read_documents([str(args.data)]) if isinstance(d, Document)][: args.articles]
    summarizer = Summarizer()
    results: dict[str, dict] = {}
    for name, components in PIPELINES.items():
        base = Pipeline.from_names([c for c in components if c != "summary"])
        # Without NER and events the summary still runs: it reads no entity or event with the default weights.
        component = summarizer if name == "full" else replace(summarizer, requires=("tokens", "sentences"))
        with_summary = Pipeline([*base.components, component])
        rasid.analyze(docs[0].text, pipeline=with_summary)  # load models outside the timing

        def run(pipeline: Pipeline) -> list[Document]:
            return [pipeline(Document(id=d.id, text=d.text, title=d.title, date=d.date)) for d in docs]

        seconds = both_seconds = float("inf")
        for _ in range(args.runs):  # interleaved, so that a busy moment of the machine hits both alike
            step, analysed = best_of(1, lambda base=base: run(base))
            seconds = min(seconds, step)
            step, _ = best_of(1, lambda with_summary=with_summary: run(with_summary))
            both_seconds = min(both_seconds, step)
        row = {"pipeline_seconds": round(seconds, 3), "with_summary_seconds": round(both_seconds, 3),
               "end_to_end_added_time": round(both_seconds / seconds - 1, 4)}
        if name == "full":  # the NER built every Token already, so the component alone can be timed exactly
            summary_seconds, _ = best_of(args.runs, lambda analysed=analysed: [summarizer(d) for d in analysed])
            row["summary_seconds"] = round(summary_seconds, 3)
            row["summary_added_time"] = round(summary_seconds / seconds, 4)
        results[name] = row
    full_docs = [rasid.analyze(Document(id=d.id, text=d.text, title=d.title, date=d.date)) for d in docs]
    start = time.perf_counter()
    for doc in full_docs:
        key_facts(doc)
    facts_seconds = time.perf_counter() - start
    payload = {
        "data": str(args.data),
        "articles": len(docs),
        "sentences": sum(len(d.sentences) for d in full_docs),
        "pipelines": results,
        "summary_added_time": results["full"]["summary_added_time"],
        "summary_added_time_end_to_end": results["full"]["end_to_end_added_time"],
        "key_facts_ms_per_article": round(1000 * facts_seconds / len(docs), 2),
        "key_facts_share_of_full_pipeline": round(facts_seconds / results["full"]["pipeline_seconds"], 4),
    }
    path = write_result("summary", payload)
    print(json.dumps(payload, indent=2))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
