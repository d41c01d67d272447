"""The `rasid` command: a thin layer over the library; every error becomes one line and an exit status."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console

import rasid
from rasid import errors
from rasid.cliutils import date_callback
from rasid.document import Document
from rasid.readers import DEFAULT_MAX_BYTES, ReadFailure, read_documents

EXIT_HELP = f"""
\b
Exit status:
  {errors.EXIT_OK}  success
  {errors.EXIT_INTERNAL}  internal error (a bug: please report it)
  {errors.EXIT_USAGE}  bad command line (unknown option, bad --date ...)
  {errors.EXIT_INPUT}  no input could be read (missing path, empty file, undecidable encoding ...)
  {errors.EXIT_PARTIAL}  some inputs failed (each is named on stderr), the others were processed
  {errors.EXIT_DATA}  bad data file (dictionary or table): file, line and problem are named
  {errors.EXIT_MODEL}  a model is missing or unreadable
  7  store error (not a Rasid database, newer schema, read-only, disk full, database busy)
  8  Spark error (PySpark or Java missing, the master unreachable, the job failed)
"""


@click.group(epilog=EXIT_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(rasid.__version__, prog_name="rasid")
def cli() -> None:
    """Rasid: Arabic news to structured, evidence-linked political event data."""


def _actors_option(fn):
    return click.option("--actors", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
                        help="A user actor dictionary (TSV: arabic, code, name_en, type[, wikidata, start, end]) "
                             "whose rows add to or override the built-in ones.")(fn)


def _pipeline(actors: Path | None) -> rasid.Pipeline:
    from rasid.pipeline import default_pipeline, pipeline_with_actors

    return pipeline_with_actors(actors) if actors else default_pipeline()


@cli.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1, required=True)
@click.option("--date", callback=date_callback, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "table"]), default="json",
              show_default=True, help="json: one document or an array; jsonl: one per line; table: terminal view.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 1e6, show_default=True,
              help="Largest text/HTML file (and JSONL line) to read, in MB.")
@_actors_option
@click.option("--summary-sentences", type=click.IntRange(min=0), default=3, show_default=True,
              help="Sentences in each article's summary (0: none).")
def analyze(paths: tuple[str, ...], date: str | None, fmt: str, max_size: float, actors: Path | None,
            summary_sentences: int) -> int:
    """Analyse articles: .txt, .html, .jsonl, .jsonl.gz files, directories, or - for stdin.

    Example: rasid analyze examples/ --format table
    """
    from rasid.summarize import with_budget

    pipeline = with_budget(_pipeline(actors), summary_sentences)
    writer = _WRITERS[fmt](sys.stdout)
    done = failed = 0
    for item in read_documents(paths, date=date, max_bytes=int(max_size * 1e6)):
        if isinstance(item, ReadFailure):
            _error(str(item))
            failed += 1
            continue
        for warning in item.warnings:
            click.echo(f"rasid: warning: {item.id}: {warning}", err=True)
        writer.write(rasid.analyze(item, pipeline=pipeline))
        done += 1
    writer.close()
    return _status(done, failed)


@cli.group()
def train() -> None:
    """Build the models and resources that ship in the package."""


@train.command("vocab")
@click.option("--data", required=True, type=click.Path(exists=True), help="Articles to count (directory, JSONL...).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write it (default: the package's data/text/vocab.tsv).")
@click.option("--min-count", type=click.IntRange(min=1), default=2, show_default=True)
def train_vocab(data: str, out: Path | None, min_count: int) -> int:
    """Count the words of a news corpus for the clitic segmenter."""
    from rasid.datafiles import builtin
    from rasid.text.vocab import count_words, write_vocab

    docs = (d for d in read_documents([data]) if isinstance(d, Document))
    target = out or Path(str(builtin("text", "vocab.tsv")))
    rows = write_vocab(count_words(docs), target, min_count)
    click.echo(f"wrote {rows} words to {target}")
    return errors.EXIT_OK


@train.command("ner")
@click.option("--data", "data", required=True, multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CoNLL-style TOKEN TAG files with blank lines between sentences (repeatable).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the package's data/ner/model.crfsuite).")
@click.option("--max-sentences", type=click.IntRange(min=1), default=None, help="Train on the first N sentences only.")
@click.option("--seed", type=int, default=13, show_default=True,
              help="Recorded for reproducibility; training is deterministic (L-BFGS, file order).")
def train_ner_cmd(data: tuple[Path, ...], out: Path | None, max_sentences: int | None, seed: int) -> int:
    """Train the named-entity CRF (also run by `make models`).

    Example: rasid train ner --data ../shared/data/anercorp/train.txt
    """
    from rasid.datafiles import builtin
    from rasid.ner.train import train_ner

    target = out or Path(str(builtin("ner", "model.crfsuite")))
    count = train_ner(list(data), target, max_sentences)
    click.echo(f"trained on {count} sentences (seed {seed}); wrote {target}")
    return errors.EXIT_OK


@train.command("events-filter")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The dev half of arabic_event_gsr (protest_gsr.csv, assault_gsr.csv).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model (default: the package's data/events/specific_model.tsv).")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--repeats", type=click.IntRange(min=1), default=5, show_default=True)
@click.option("--threshold", type=float, default=None,
              help="Probability below which a PROTEST/ASSAULT event is dropped (default: the shipped cuts, "
                   "ASSAULT 0.22 and PROTEST 0.2; a negative value: the F1-best cut on the data).")
def train_events_filter(data: Path, out: Path | None, folds: int, repeats: int, threshold: float | None) -> int:
    """Train the "reports a specific, actual event" filter; prints its grouped cross-validation (deterministic).

    Example: rasid train events-filter --data ../shared/data/arabic_event_gsr
    """
    from rasid.datafiles import builtin
    from rasid.events.train_filter import DEFAULT_CUT, Cut, train_filter

    cut: Cut = DEFAULT_CUT if threshold is None else (threshold if threshold >= 0 else None)
    target = out or Path(str(builtin("events", "specific_model.tsv")))
    for line in train_filter(data, target, folds, repeats, cut):
        click.echo(line)
    return errors.EXIT_OK


@train.command("clusters")
@click.option("--data", required=True, type=click.Path(exists=True), help="Raw news to learn word clusters from.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write them (default: the package's data/ner/clusters.tsv).")
def train_clusters(data: str, out: Path | None) -> int:
    """Learn the word clusters the NER uses as features (PPMI + SVD + k-means)."""
    from rasid.datafiles import builtin
    from rasid.ner.clusters import build_clusters, write_clusters
    from rasid.text.tokenize import Tokenizer

    docs = [d for d in read_documents([data]) if isinstance(d, Document)]
    target = out or Path(str(builtin("ner", "clusters.tsv")))
    clusters = build_clusters(docs, Tokenizer())
    write_clusters(clusters, target)
    click.echo(f"wrote {len(clusters)} stems to {target}")
    return errors.EXIT_OK


@train.command("gazetteer")
@click.option("--anergazet", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="The ANERgazet folder.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write it (default: the package's data/ner/gazetteer.tsv).")
def train_gazetteer(anergazet: Path, out: Path | None) -> int:
    """Build the NER gazetteer from ANERgazet and the package's actor dictionary."""
    from rasid.datafiles import builtin
    from rasid.ner.resources import gazetteer_rows, write_gazetteer

    rows = gazetteer_rows(anergazet, Path(str(builtin("actors"))))
    target = out or Path(str(builtin("ner", "gazetteer.tsv")))
    write_gazetteer(rows, target)
    click.echo(f"wrote {len(rows)} names to {target}")
    return errors.EXIT_OK


@cli.group("eval")
def evaluate() -> None:
    """Score Rasid against gold data."""


@evaluate.command("segment")
@click.option("--gold", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Hand-segmented words: doc_id, word, segments (joined by +).")
@click.option("--errors", "show_errors", is_flag=True, help="List the words segmented wrongly.")
def eval_segment(gold: Path, show_errors: bool) -> int:
    """Word-level accuracy of the clitic segmenter; the last line is `accuracy NN.N`."""
    from rasid.text.evaluate import score_segmentation

    score = score_segmentation(gold)
    if show_errors:
        for word, want, got in score.errors:
            click.echo(f"{word}\tgold {want}\tgot {got}")
    click.echo(f"words {score.words}, correct {score.correct}")
    click.echo(f"accuracy {100 * score.accuracy:.1f}")
    return errors.EXIT_OK


@evaluate.command("ner")
@click.option("--data", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A CoNLL-style TOKEN TAG file (e.g. ANERcorp test.txt).")
@click.option("--model", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="A model file (default: the shipped one).")
@click.option("--max-sentences", type=click.IntRange(min=1), default=None)
def eval_ner(data: Path, model: Path | None, max_sentences: int | None) -> int:
    """Strict entity-level precision, recall and F1 per type and micro; the last line is `F1 NN.N`."""
    from rasid.ner.features import FeatureExtractor
    from rasid.ner.model import NerTagger
    from rasid.ner.train import evaluate_ner

    tagger = NerTagger(model, FeatureExtractor.default()) if model else NerTagger.default()
    result = evaluate_ner(data, tagger, max_sentences)
    score = result.score
    click.echo(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for kind in score.types:
        p, r, f = score.prf(kind)
        click.echo(f"{kind:6} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f} {score.gold[kind]:6d}")
    p, r, f = score.prf()
    click.echo(f"{'micro':6} {100 * p:6.1f} {100 * r:6.1f} {100 * f:6.1f} {sum(score.gold.values()):6d}")
    click.echo(f"tokens/s {result.tokens_per_second:.0f} ({result.tokens} tokens)")
    click.echo(f"F1 {100 * f:.1f}")
    return errors.EXIT_OK


def _gold_options(fn):
    fn = click.option("--texts", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
                      help="Folder of <id>.txt texts (default: each file's text_file).")(fn)
    return click.option("--gold", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
                        help="Folder of gold *.json files (data/gold format).")(fn)


@evaluate.command("actors")
@_gold_options
@_actors_option
def eval_actors(gold: Path, texts: Path | None, actors: Path | None) -> int:
    """Recall of gold actor codes and person names, precision of emitted codes; last line `actor-F1 0.NN`."""
    from rasid.actors.evaluate import ActorScore
    from rasid.gold import load_gold

    pipeline = _pipeline(actors)
    score = ActorScore()
    for g in load_gold(gold, texts):
        score.add(g, rasid.analyze(rasid.Document(id=g.id, text=g.text, date=g.date), pipeline=pipeline))
    for doc_id, recall, precision in score.rows:
        click.echo(f"{doc_id}\trecall {recall:.2f}\tprecision {precision:.2f}")
    click.echo(f"codes {score.codes_found}/{score.codes}, person names {score.names_found}/{score.names}, "
               f"emitted codes correct {score.emitted_correct}/{score.emitted}")
    click.echo(f"recall {score.recall:.3f} precision {score.precision:.3f}")
    click.echo(f"actor-F1 {score.f1:.2f}")
    return errors.EXIT_OK


@evaluate.command("events")
@_gold_options
@_actors_option
@click.option("--verbose", is_flag=True, help="Also list each document's predicted and missed triples.")
def eval_events(gold: Path, texts: Path | None, actors: Path | None, verbose: bool) -> int:
    """Event precision, recall and F1 per document and in total (data/gold rule); last line `event-F1 0.NN`."""
    from rasid.events.evaluate import EventScore, accepted, triples
    from rasid.gold import load_gold

    pipeline = _pipeline(actors)
    score = EventScore()
    for g in load_gold(gold, texts):
        doc = rasid.analyze(rasid.Document(id=g.id, text=g.text, date=g.date), pipeline=pipeline)
        score.add(g, doc)
        doc_id, p, r, f = score.rows[-1]
        click.echo(f"{doc_id}\tP {p:.2f}\tR {r:.2f}\tF1 {f:.2f}")
        if verbose:
            golds = accepted(g)
            for t in sorted(triples(doc.events), key=str):
                mark = "ok " if any(t in acc for _, acc in golds) else "XX "
                click.echo(f"    {mark}{t}")
            for (req, acc), ev in zip(golds, g.events, strict=True):
                if req and not acc & triples(doc.events):
                    click.echo(f"    missed {ev.source}->{ev.target} {ev.cameo}")
    click.echo(f"required {score.required}, found {score.found}; predicted {score.predicted}, correct {score.correct}")
    click.echo(f"precision {score.precision:.3f} recall {score.recall:.3f}")
    click.echo(f"event-F1 {score.f1:.2f}")
    return errors.EXIT_OK


@evaluate.command("gsr")
@click.option("--data", required=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="The arabic_event_gsr folder (protest_gsr.csv, assault_gsr.csv).")
@click.option("--petrarch", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Also report agreement with UniversalPetrarch's validation XML (source/target codes).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score the first N sentences of each file.")
def eval_gsr(data: Path, petrarch: Path | None, limit: int | None) -> int:
    """PROTEST and ASSAULT sentence detection on the OEDA Arabic gold; last line `gsr-F1 0.NN` (mean of two F1)."""
    from rasid.events.gsr import score_gsr, up_agreement

    pipeline = _pipeline(None)

    def run(text: str) -> rasid.Document:
        return rasid.analyze(text, pipeline=pipeline)

    scores = score_gsr(data, run, limit)
    for kind, s in scores.items():
        click.echo(f"{kind:8} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} "
                   f"(tp {s.tp}, fp {s.fp}, fn {s.fn}, tn {s.tn})")
    if petrarch:
        agreement = up_agreement(petrarch, run)
        click.echo(f"UniversalPetrarch sentences {agreement.sentences}, coded by Rasid {agreement.coded}")
        for part, (agree, total) in agreement.counts.items():
            click.echo(f"  {part}: {agree}/{total} = {agree / total:.2f}")
    mean = sum(s.f1 for s in scores.values()) / len(scores)
    click.echo(f"gsr-F1 {mean:.2f}")
    return errors.EXIT_OK


def _register_subcommands() -> None:
    from rasid.api.commands import serve
    from rasid.spark import command as spark
    from rasid.store.commands import register
    from rasid.summarize.commands import summary as eval_summary

    evaluate.add_command(eval_summary)
    register(cli)
    cli.add_command(serve)
    cli.add_command(spark)


_register_subcommands()


class _JsonWriter:
    """One document as a JSON object, several as a JSON array, streamed."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.first, self.count = out, None, 0

    def write(self, doc: Document) -> None:
        text = doc.to_json(indent=2)
        self.count += 1
        if self.count == 1:
            self.first = text
            return
        if self.count == 2:
            self.out.write("[\n" + self.first)
            self.first = None
        self.out.write(",\n" + text)

    def close(self) -> None:
        if self.count == 1:
            self.out.write(self.first + "\n")
        elif self.count > 1:
            self.out.write("\n]\n")


class _JsonlWriter:
    """One document per line."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, doc: Document) -> None:
        self.out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.out.flush()


class _TableWriter:
    """The rich terminal view."""

    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out)

    def write(self, doc: Document) -> None:
        from rasid.render import render_document

        render_document(doc, self.console)

    def close(self) -> None:
        pass


_WRITERS = {"json": _JsonWriter, "jsonl": _JsonlWriter, "table": _TableWriter}


def _error(message: str) -> None:
    click.echo(f"rasid: error: {message}", err=True)


def _status(done: int, failed: int) -> int:
    if failed and not done:
        return errors.EXIT_INPUT
    return errors.EXIT_PARTIAL if failed else errors.EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of raising."""
    try:
        status = cli.main(args=list(argv) if argv is not None else None, prog_name="rasid", standalone_mode=False)
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx else "rasid"
        _error(f"{exc.format_message()} (see '{where} --help')")
        return exc.exit_code
    except click.ClickException as exc:
        _error(exc.format_message())
        return exc.exit_code
    except click.exceptions.Abort:
        _error("interrupted")
        return 130
    except errors.RasidError as exc:
        _error(str(exc))
        return exc.exit_code
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (rasid ... | head): not an error
        return errors.EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback
        _error(f"internal error: {type(exc).__name__}: {exc}")
        return errors.EXIT_INTERNAL
    return status if isinstance(status, int) else errors.EXIT_OK
