"""`rasid eval summary`: ROUGE of Rasid's summaries and of the Lead, random and oracle baselines against
reference summaries, on normalised clitic-segmented tokens and on plain `\\w+` tokens, in one run."""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasid.document import Document
from rasid.errors import InputError
from rasid.pipeline import Pipeline
from rasid.summarize.rouge import METRICS, NormTokens, plain_tokens, rouge, segment_units
from rasid.summarize.summarizer import Summarizer

TOKENIZATIONS = ("norm", "plain")


@dataclass
class Record:
    """One article with its reference summaries."""

    id: str
    text: str
    title: str | None
    date: str | None
    references: list[str]


def read_records(path: Path, source: str | None = None) -> tuple[list[Record], int]:
    """Articles with references from a JSON Lines file (`.jsonl` or `.jsonl.gz`): `text` and `summaries`
    (a list) or `abstract` (a string). A reference that is a verbatim part of the text (a copied lead) is
    not a summary and is dropped; records left without one, or of another `source` than asked, are
    skipped and counted. Raises InputError for a missing or malformed file."""
    if not path.is_file():
        raise InputError(f"{path}: {'a directory, not a file' if path.is_dir() else 'no such file'}")
    records: list[Record] = []
    skipped = 0
    for line, data in _json_lines(path):
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(f"{path}:{line}: a record needs a non-empty 'text' string")
        if source is not None and data.get("source") != source:
            continue
        refs = data.get("summaries")
        if refs is None:
            refs = [data["abstract"]] if isinstance(data.get("abstract"), str) else []
        if not isinstance(refs, list) or not all(isinstance(r, str) for r in refs):
            raise InputError(f"{path}:{line}: 'summaries' must be a list of strings")
        refs = [r for r in refs if r.strip() and r.strip() not in text]
        if not refs:
            skipped += 1
            continue
        records.append(Record(str(data.get("id", f"{path.name}:{line}")), text, data.get("title"),
                              data.get("date"), refs))
    if not records:
        raise InputError(f"{path}: no record with a reference summary" + (f" from source {source!r}" if source
                                                                            else ""))
    return records, skipped


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            for line, raw in enumerate(fh, start=1):
                if not raw.strip():
                    continue
                try:
                    data = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{line}: not JSON ({exc.msg})") from None
                if not isinstance(data, dict):
                    raise InputError(f"{path}:{line}: a record must be a JSON object")
                yield line, data
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise InputError(f"{path}: cannot read ({exc})") from None


@dataclass
class Evaluation:
    """Mean ROUGE F1 per tokenization, system and metric, with counts and timings."""

    sentences: int
    articles: int = 0
    skipped: int = 0
    pipeline_seconds: float = 0.0
    summarizer_seconds: float = 0.0
    sums: dict[tuple[str, str, str], float] = field(default_factory=dict)

    def add(self, tokens: str, system: str, scores: dict[str, Any]) -> None:
        """Add one article's scores of one system."""
        for metric in METRICS:
            key = (tokens, system, metric)
            self.sums[key] = self.sums.get(key, 0.0) + scores[metric].f1

    def mean(self, tokens: str, system: str, metric: str) -> float:
        """The mean F1 (0-1) over the articles."""
        return self.sums.get((tokens, system, metric), 0.0) / max(1, self.articles)

    @property
    def systems(self) -> list[str]:
        """The systems in the order they were added."""
        return list(dict.fromkeys(system for _, system, _ in self.sums))


def evaluate_summaries(records: list[Record], pipeline: Pipeline, summarizer: Summarizer, sentences: int = 3,
                       seed: int = 13, progress: Callable[[int], None] | None = None) -> Evaluation:
    """Analyse each article, summarise it in 1 and `sentences` sentences and score those, Lead-1, Lead-N,
    random-1, random-N and the best single sentence (oracle-1) against the references."""
    rng = random.Random(seed)
    norm = NormTokens()
    result = Evaluation(sentences=sentences)
    for n, rec in enumerate(records, start=1):
        start = time.perf_counter()
        doc = pipeline(Document(id=rec.id, text=rec.text, title=rec.title, date=rec.date))
        middle = time.perf_counter()
        views = summarizer.score(doc)
        picks = {k: sorted(v.index for _, v in summarizer.select(views, k)) for k in (1, sentences)}
        result.summarizer_seconds += time.perf_counter() - middle
        result.pipeline_seconds += middle - start
        body = [i for i, s in enumerate(doc.sentences) if s.kind == "body"]
        systems = {
            "summary-1": picks[1], f"summary-{sentences}": picks[sentences],
            "lead-1": body[:1], f"lead-{sentences}": body[:sentences],
            "random-1": sorted(rng.sample(body, min(1, len(body)))),
            f"random-{sentences}": sorted(rng.sample(body, min(sentences, len(body)))),
        }
        units = {"norm": _sentence_norm_tokens(doc), "plain": [plain_tokens(s.text) for s in doc.sentences]}
        refs: dict[str, list[list[str]]] = {"norm": [norm(r) for r in rec.references],
                                            "plain": [plain_tokens(r) for r in rec.references]}
        for tokens in TOKENIZATIONS:
            for system, picked in systems.items():
                result.add(tokens, system, rouge([t for i in picked for t in units[tokens][i]], refs[tokens]))
            result.add(tokens, "oracle-1", _oracle(body, units[tokens], refs[tokens]))
        result.articles += 1
        if progress:
            progress(n)
    return result


def _sentence_norm_tokens(doc: Document) -> list[list[str]]:
    """Each sentence's normalised clitic segments, from the document's own tokens."""
    out: list[list[str]] = [[] for _ in doc.sentences]
    tokens = doc.tokens
    k = 0
    for i, sent in enumerate(doc.sentences):
        while k < len(tokens) and tokens[k].start < sent.start:
            k += 1
        j = k
        while j < len(tokens) and tokens[j].end <= sent.end:
            t = tokens[j]
            out[i].extend(segment_units(t.kind, t.norm, t._rel))
            j += 1
    return out


def _oracle(body: list[int], units: list[list[str]], refs: list[list[str]]) -> dict[str, Any]:
    """The scores of the body sentence with the best ROUGE-2 F1 (an upper bound for one sentence)."""
    best = None
    for i in body:
        scores = rouge(units[i], refs)
        if best is None or scores["rouge-2"].f1 > best["rouge-2"].f1:
            best = scores
    return best or rouge([], refs)


def report_lines(result: Evaluation, data: str, fast: bool) -> list[str]:
    """The printed report; the last line is `rouge-2 0.NN` of the one-sentence summary on normalised tokens."""
    share = result.summarizer_seconds / result.pipeline_seconds if result.pipeline_seconds else 0.0
    lines = [f"articles {result.articles} from {data} (skipped {result.skipped} without a reference summary); "
             f"pipeline {'tokenizer+sentencizer (--fast)' if fast else 'full'}",
             "ROUGE F1 x100; norm = normalised clitic-segmented tokens, plain = \\w+ tokens as written",
             f"{'tokens':7}{'system':12}{'R1':>7}{'R2':>7}{'RL':>7}"]
    for tokens in TOKENIZATIONS:
        for system in result.systems:
            r1, r2, rl = (100 * result.mean(tokens, system, m) for m in METRICS)
            lines.append(f"{tokens:7}{system:12}{r1:7.1f}{r2:7.1f}{rl:7.1f}")
    lines.append(f"summarizer time {result.summarizer_seconds:.2f} s, {100 * share:.1f}% of the pipeline's "
                 f"{result.pipeline_seconds:.2f} s")
    lines.append(f"rouge-2 {result.mean('norm', 'summary-1', 'rouge-2'):.2f}")
    return lines

