"""The `rasid eval summary` command (registered under `rasid eval` by rasid.cli)."""

from __future__ import annotations

from pathlib import Path

import click

from rasid import errors


@click.command("summary")
@click.option("--data", required=True, type=click.Path(path_type=Path),
              help="JSON Lines (.jsonl or .jsonl.gz) with `text` and `summaries` (a list) or `abstract`, "
                   "e.g. ../shared/data/ant_bbc_summ/bbc_abstracts.jsonl.")
@click.option("--source", default=None,
              help="Score only records whose `source` is this (e.g. \"BBC Arabic\" in shared/data/news).")
@click.option("--sentences", type=click.IntRange(min=2), default=3, show_default=True,
              help="The length of the longer summary and of its Lead and random baselines.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Score the first N records only.")
@click.option("--seed", type=int, default=13, show_default=True, help="Seed of the random baseline.")
@click.option("--fast", is_flag=True,
              help="Run only the tokenizer and sentencizer: the default weights use no entity or event "
                   "feature, so the ROUGE figures are the same; the timing share is then against that pipeline.")
def summary(data: Path, source: str | None, sentences: int, limit: int | None, seed: int, fast: bool) -> int:
    """ROUGE-1/2/L F1 of 1- and N-sentence summaries, Lead, random and oracle baselines, on normalised
    clitic-segmented and on plain tokens; the last line is `rouge-2 0.NN` (one sentence, normalised tokens).

    Example: rasid eval summary --data ../shared/data/ant_bbc_summ/bbc_abstracts.jsonl
    """
    from rasid.pipeline import Pipeline, default_pipeline
    from rasid.summarize.evaluate import evaluate_summaries, read_records, report_lines
    from rasid.summarize.summarizer import Summarizer

    records, skipped = read_records(data, source)
    records = records[:limit] if limit else records
    pipeline = Pipeline.from_names(["tokenizer", "sentencizer"]) if fast else default_pipeline()
    result = evaluate_summaries(records, pipeline, Summarizer(), sentences=sentences, seed=seed)
    result.skipped = skipped
    for line in report_lines(result, str(data), fast):
        click.echo(line)
    return errors.EXIT_OK
