"""NER speed: tokens per second of feature extraction + CRF tagging, against the tokenization pass.

The same sentences of real news are tokenized (the floor of this benchmark, measured in the same run)
and then tagged by the shipped model on one core: sentence by sentence with crfsuite's own tagger (the
reference the fast path must equal; with marginals, what the pipeline component did before), sentence by
sentence with the numpy scorer (`ner_tagging`), and a document's sentences at a time (what the pipeline
component does now, marginals included).

Usage: python benchmarks/bench_ner.py --data ../shared/data/news/politics.jsonl [--articles 500]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from common import best_of, write_result
from rasid.datafiles import builtin
from rasid.document import Document
from rasid.ner.features import FeatureExtractor
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
    load_start = time.perf_counter()
    tagger = NerTagger.default()
    load_s = time.perf_counter() - load_start
    reference = NerTagger(str(builtin("ner", "model.crfsuite")), FeatureExtractor.default(), fast=False)

    def tokenize_pass() -> list[list[list]]:
        out = []
        for doc in docs:
            tokens = list(tokenizer(doc.text))
            starts = [t.start for t in tokens]
            out.append([[t for t, s in zip(tokens, starts, strict=True) if sent.start <= s < sent.end]
                        for sent in split_sentences(doc.text)])
        return out

    tokenize_s, by_doc = best_of(3, tokenize_pass)
    sentences = [s for doc in by_doc for s in doc]
    tokens = sum(len(s) for s in sentences)
    reference_s, reference_tags = best_of(3, lambda: [reference.tag(s) for s in sentences])
    reference_marg_s, _ = best_of(3, lambda: [reference.marginals(s, reference.tag(s)) for s in sentences if s])
    tag_s, tags = best_of(3, lambda: [tagger.tag(s) for s in sentences])
    many_s, _ = best_of(3, lambda: [tagger.tag_many(d, with_marginals=True) for d in by_doc])
    result = {
        "data": str(args.data),
        "articles": len(docs),
        "sentences": len(sentences),
        "tokens": tokens,
        "model_load_seconds": round(load_s, 3),
        "tokenize_and_split": {"seconds": round(tokenize_s, 4), "tokens_per_s": round(tokens / tokenize_s)},
        "ner_crfsuite_per_sentence": {"seconds": round(reference_s, 4), "tokens_per_s": round(tokens / reference_s)},
        "ner_crfsuite_per_sentence_with_marginals": {"seconds": round(reference_marg_s, 4),
                                                     "tokens_per_s": round(tokens / reference_marg_s)},
        "ner_tagging": {"seconds": round(tag_s, 4), "tokens_per_s": round(tokens / tag_s)},
        "ner_per_document_with_marginals": {"seconds": round(many_s, 4), "tokens_per_s": round(tokens / many_s)},
        "same_tags_as_crfsuite": tags == reference_tags,
        "ner_time_relative_to_tokenization": round(tag_s / tokenize_s, 2),
    }
    path = write_result("ner", result)
    print(json.dumps(result, indent=2))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
