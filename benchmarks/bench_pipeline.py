"""Full pipeline speed, stage by stage, on real news: sentences per second of each prefix of the pipeline
(tokenize+split → +NER → +actors → +events and quotes), each measured in the same run.

Usage: python benchmarks/bench_pipeline.py --data ../shared/data/news/politics.jsonl [--articles 1000]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import rasid
from common import best_of, write_result
from rasid.document import Document
from rasid.pipeline import Pipeline
from rasid.readers import read_documents

STAGES = {
    "tokenize_split": ["tokenizer", "sentencizer"],
    "ner": ["tokenizer", "sentencizer", "ner"],
    "actors": ["tokenizer", "sentencizer", "ner", "actors"],
    "full": ["tokenizer", "sentencizer", "ner", "actors", "events", "quotes"],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_pipeline: error: {args.data}: no such file", file=sys.stderr)
        return 3
    docs = [d for d in read_documents([str(args.data)]) if isinstance(d, Document)][: args.articles]
    results: dict[str, dict] = {}
    sentences = 0
    for name, components in STAGES.items():
        pipeline = Pipeline.from_names(components)
        rasid.analyze(docs[0].text, pipeline=pipeline)  # load models outside the timing

        def run(pipeline: Pipeline = pipeline) -> int:
            return sum(len(rasid.analyze(Document(id=d.id, text=d.text, date=d.date), pipeline=pipeline).sentences)
                       for d in docs)

        seconds, sentences = best_of(args.runs, run)
        results[name] = {"seconds": round(seconds, 3), "sentences_per_s": round(sentences / seconds)}
    base = results["tokenize_split"]["seconds"]
    payload = {
        "data": str(args.data),
        "articles": len(docs),
        "sentences": sentences,
        "stages": results,
        "full_ratio_to_tokenization": round(base / results["full"]["seconds"], 3),
        "actor_stage_added_time": round(results["actors"]["seconds"] / results["ner"]["seconds"] - 1, 3),
        "event_stages_added_time": round(results["full"]["seconds"] / results["actors"]["seconds"] - 1, 3),
    }
    path = write_result("pipeline", payload)
    print(json.dumps(payload, indent=2))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
