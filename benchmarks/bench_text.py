"""Text pipeline speed: read + normalise + tokenize (with clitics) + split sentences, against str.split().

Both passes read the same JSONL file from disk and parse it; the floor then calls str.split() on each
text, Rasid runs its reader, tokenizer and sentence splitter. Speeds are whitespace tokens per second
for both (the same denominator), so their ratio is the ratio of the times. The main figure keeps the
tokens in the document's compact form (what a pipeline stage receives); a second figure also builds a
Python Token object for every token; a third starts with an empty tokenizer cache.

Usage: python benchmarks/bench_text.py --data ../shared/data/news/politics.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from common import best_of, write_result
from rasid.document import Document
from rasid.readers import read_documents
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import Tokenizer


def floor_pass(path: Path) -> int:
    """Read, parse and str.split() every article: the speed floor."""
    words = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            words += len(json.loads(line)["text"].split())
    return words


def rasid_pass(path: Path, tokenizer: Tokenizer, build_tokens: bool = False) -> tuple[int, int]:
    """Read with Rasid's reader, tokenize with clitic segmentation, split sentences.

    Tokens stay in their compact per-chunk form unless `build_tokens` asks for every Token object.
    """
    tokens = sentences = 0
    for doc in read_documents([str(path)]):
        if not isinstance(doc, Document):
            continue
        token_list = tokenizer(doc.text)
        tokens += len(list(token_list)) if build_tokens else len(token_list)
        sentences += len(split_sentences(doc.text))
    return tokens, sentences


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="a JSONL file of articles")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_text: error: {args.data}: no such file", file=sys.stderr)
        return 3
    tokenizer = Tokenizer()
    floor_s, words = best_of(args.runs, lambda: floor_pass(args.data))
    cold_s, _ = best_of(1, lambda: rasid_pass(args.data, Tokenizer()))
    rasid_s, (tokens, sentences) = best_of(args.runs, lambda: rasid_pass(args.data, tokenizer))
    objects_s, _ = best_of(args.runs, lambda: rasid_pass(args.data, tokenizer, build_tokens=True))

    def speed(seconds: float) -> dict[str, float]:
        return {"seconds": round(seconds, 4), "tokens_per_s": round(words / seconds)}

    result = {
        "data": str(args.data),
        "articles": sum(1 for _ in args.data.open(encoding="utf-8")),
        "whitespace_tokens": words,
        "rasid_tokens": tokens,
        "sentences": sentences,
        "floor_str_split": speed(floor_s),
        "rasid_text_pipeline": speed(rasid_s),
        "rasid_text_pipeline_cold_cache": speed(cold_s),
        "rasid_text_pipeline_with_token_objects": speed(objects_s),
        "ratio_to_floor": round(floor_s / rasid_s, 3),
        "ratio_to_floor_cold_cache": round(floor_s / cold_s, 3),
        "ratio_to_floor_with_token_objects": round(floor_s / objects_s, 3),
    }
    path = write_result("text", result)
    print(json.dumps(result, indent=2))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
