"""NER speed: tokens per second of feature extraction + CRF tagging, against the tokenization pass.

The same sentences of real news are tokenized (the floor of this benchmark, measured in the same run)
and then tagged sentence by sentence by the shipped model on one core.

Usage: python benchmarks/bench_ner.py --data ../shared/data/news/politics.jsonl [--articles 500]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from common import best_of, write_result
from rasid.document import Document
from rasid.ner.model import NerTagger
from rasid.readers import read_documents
from rasid.text.sentences import split_sentences
from rasid.text.tokenize import Tokenizer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=500)
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_ner: error: {args.data}: no such file", file=sys.stderr)
        return 3
    docs = [d for d in read_documents([str(args.data)]) if isinstance(d, Document)][: args.articles]
    tokenizer = Tokenizer()
    tagger = NerTagger.default()

    def tokenize_pass() -> list[list]:
        out = []
        for doc in docs:
            tokens = list(tokenizer(doc.text))
            starts = [t.start for t in tokens]
            for sent in split_sentences(doc.text):
                out.append([t for t, s in zip(tokens, starts, strict=True) if sent.start <= s < sent.end])
        return out

    tokenize_s, sentences = best_of(3, tokenize_pass)
    tokens = sum(len(s) for s in sentences)
    tag_s, _ = best_of(3, lambda: [tagger.tag(s) for s in sentences])
    result = {
        "data": str(args.data),
        "articles": len(docs),
        "sentences": len(sentences),
        "tokens": tokens,
        "tokenize_and_split": {"seconds": round(tokenize_s, 4), "tokens_per_s": round(tokens / tokenize_s)},
        "ner_tagging": {"seconds": round(tag_s, 4), "tokens_per_s": round(tokens / tag_s)},
        "ner_time_relative_to_tokenization": round(tag_s / tokenize_s, 2),
    }
    path = write_result("ner", result)
    print(json.dumps(result, indent=2))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
