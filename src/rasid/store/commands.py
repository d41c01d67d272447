"""The store's commands: `rasid ingest`, `search`, `query`, `stats` and `export`.

Each is a thin layer over `rasid.store`: open the store, call one library function, print. Register them on
the main group with `register(cli)`; errors (`StoreError`, exit status 7) reach `rasid.cli.main`, which prints
them as one line.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from rasid import errors
from rasid.cliutils import date_callback
from rasid.readers import DEFAULT_MAX_BYTES, ReadFailure
from rasid.store.db import Store, StoreError

DB_HELP = "The store: a SQLite file (default rasid.db here, or $RASID_DB)."
EXIT_HELP = f"""
\b
Exit status:
  {errors.EXIT_OK}  success
  {errors.EXIT_INTERNAL}  internal error (a bug: please report it)
  {errors.EXIT_USAGE}  bad command line, filter or search query
  {errors.EXIT_INPUT}  no input could be read (ingest)
  {errors.EXIT_PARTIAL}  some inputs failed, each named on stderr; the others were stored (ingest)
  {StoreError.exit_code}  the store cannot be used: not a Rasid store, newer schema, read-only, disk full, locked
"""


def _db_option(fn):
    return click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default="rasid.db",
                        envvar="RASID_DB", show_default=True, help=DB_HELP)(fn)


def _filter_options(fn):
    """The event filters shared by query, stats and export."""
    options = [
        click.option("--actor", "actors", multiple=True, help="Actor code as source or target (RUS also matches "
                                                              "RUSGOV); repeat for either of several."),
        click.option("--source", "sources", multiple=True, help="Source actor code."),
        click.option("--target", "targets", multiple=True, help="Target actor code."),
        click.option("--dyad", "dyads", multiple=True, help="SOURCE-TARGET, e.g. RUS-PRK."),
        click.option("--both", is_flag=True, help="A --dyad in either direction."),
        click.option("--cameo", multiple=True, help="CAMEO code (04 also matches 042, 0421)."),
        click.option("--root", "roots", multiple=True, help="CAMEO root, 01-20."),
        click.option("--quad", "quads", multiple=True, type=click.IntRange(1, 4),
                     help="QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
                          "4 material conflict."),
        click.option("--since", callback=date_callback, help="First day (YYYY-MM-DD), inclusive."),
        click.option("--until", callback=date_callback, help="Last day (YYYY-MM-DD), inclusive."),
        click.option("--text", help="Words the event's sentence must contain (as in rasid search)."),
        click.option("--negated/--no-negated", default=None,
                     help="Only negated events / no negated events (default: all)."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _filters(options: dict[str, Any]) -> Any:
    from rasid.store.query import Filters

    keys = ("actors", "sources", "targets", "dyads", "both", "cameo", "roots", "quads", "since", "until", "text",
            "negated")
    values = {k: options.pop(k) for k in keys}
    values["quads"] = tuple(values["quads"])
    return Filters.make(**values)


def _default_format() -> str:
    return "table" if sys.stdout.isatty() else "json"


# ----- ingest -----


@click.command(epilog=EXIT_HELP)
@click.argument("paths", nargs=-1)
@_db_option
@click.option("--from-parquet", "parquet", type=click.Path(exists=True, file_okay=False), default=None,
              help="Store the documents of a `rasid spark` output directory (already analysed) instead of PATHS.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Analysis processes (default: the number of CPUs); 1 analyses in this process.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Documents per transaction.")
@click.option("--date", callback=date_callback, help="Publication date (YYYY-MM-DD) for inputs that have none.")
@click.option("--max-size", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 1e6, show_default=True,
              help="Largest text/HTML file (and JSONL line) to read, in MB.")
@click.option("--actors", type=click.Path(exists=True, dir_okay=False), default=None,
              help="A user actor dictionary (TSV) whose rows add to or override the built-in ones.")
def ingest(paths: tuple[str, ...], db: Path, parquet: str | None, workers: int | None, batch_size: int,
           date: str | None, max_size: float, actors: str | None) -> int:
    """Analyse articles and add them to the store; what is already stored is skipped.

    Reads .txt, .html, .jsonl, .jsonl.gz files, directories, or - for stdin. Safe to interrupt (even kill -9):
    the store keeps whole documents, and running the same command again completes it.

    Example: rasid ingest ../shared/data/news --db news.db
    """
    from rasid.store.ingest import count_articles, default_workers, ingest_parquet
    from rasid.store.ingest import ingest as run_ingest

    if bool(paths) == bool(parquet):
        raise click.UsageError("give PATHS to analyse, or --from-parquet DIR, not both" if paths else
                               "give PATHS to analyse (or --from-parquet DIR)")

    console = Console(stderr=True)
    show = console.is_terminal
    with Store.open(db) as store:
        total = (None if parquet else count_articles(paths)) if show else None
        progress, task = _progress(console, total) if show else (None, None)

        def failed(failure: ReadFailure) -> None:
            line = f"rasid: error: {failure}"
            if progress is not None:
                progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            else:
                click.echo(line, err=True)

        def advance(n: int) -> None:
            if progress is not None:
                progress.advance(task, n)

        if progress is not None:
            progress.start()
        try:
            if parquet:
                result = ingest_parquet(store, parquet, batch_size=batch_size, on_failure=failed, on_progress=advance)
            else:
                result = run_ingest(store, paths, workers=workers or default_workers(), batch_size=batch_size,
                                    date=date, max_bytes=int(max_size * 1e6), actors=actors, on_failure=failed,
                                    on_progress=advance)
        finally:
            if progress is not None:
                progress.stop()
    rate = result.processed / result.seconds if result.seconds else 0.0
    click.echo(f"{result.added} new, {result.existing} already stored, {result.failed} failed; "
               f"{result.events} events added; {result.seconds:.1f} s ({rate:.1f} articles/s) -> {db}")
    if result.failed:
        return errors.EXIT_INPUT if not result.added and not result.existing else errors.EXIT_PARTIAL
    return errors.EXIT_OK


def _progress(console: Console, total: int | None) -> tuple[Any, Any]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn

    class Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} articles/s" if speed else "- articles/s")

    progress = Progress(TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), Rate(), TimeRemainingColumn(),
                        console=console, transient=True)
    return progress, progress.add_task("ingest", total=total)


# ----- search -----


@click.command(epilog=EXIT_HELP)
@click.argument("query")
@_db_option
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--since", callback=date_callback, help="Articles from this date (YYYY-MM-DD).")
@click.option("--until", callback=date_callback, help="Articles up to this date (YYYY-MM-DD).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default=None,
              help="table (default on a terminal; hits marked [[ ]] when piped), json, or jsonl (default otherwise).")
def search(query: str, db: Path, limit: int, since: str | None, until: str | None, fmt: str | None) -> int:
    """Find sentences in Arabic, whatever their diacritics, alef forms, ta marbuta or clitics, with their events.

    Words must all occur; "quoted words" are a phrase; a trailing * is a prefix; OR accepts either side.

    Example: rasid search "كوريا الشمالية" --db news.db
    """
    from rasid.store.search import search as run_search

    with Store.open(db, write=False) as store:
        hits = run_search(store, query, limit=limit, since=since, until=until)
    fmt = fmt or ("table" if sys.stdout.isatty() else "jsonl")
    if fmt != "table":
        _write_json((h.to_dict() for h in hits), fmt == "jsonl")
        return errors.EXIT_OK
    console = Console()
    for h in hits:
        console.print(Text(f"{h.document_id} · {h.date or '-'} · sentence {h.sentence}", style="dim"))
        console.print(_highlighted(h.text, h.highlights, console.is_terminal))
        for e in h.events:
            console.print(Text(f"    {_event_line(e)}", style="cyan"))
    if not hits:
        click.echo("no match", err=True)
    return errors.EXIT_OK


def _highlighted(text: str, spans: list[tuple[int, int]], styled: bool) -> Text:
    out, pos = Text(), 0
    for start, end in spans:
        out.append(text[pos:start])
        out.append(text[start:end], style="bold reverse") if styled else out.append(f"[[{text[start:end]}]]")
        pos = end
    out.append(text[pos:])
    return out


def _event_line(e: dict[str, Any]) -> str:
    target = (e["target"] or {}).get("code") or "-"
    neg = " (negated)" if e["negated"] else ""
    return f"{e['cameo']} {e['name']}: {e['source'].get('code') or '-'} -> {target}{neg} «{e['trigger']['text']}»"


# ----- query -----


@click.command(epilog=EXIT_HELP)
@_db_option
@_filter_options
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for every event.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default=None,
              help="table (default on a terminal), json (default otherwise), jsonl, or csv (the export columns).")
def query(db: Path, limit: int, fmt: str | None, **options: Any) -> int:
    """List stored events that match filters, in date order.

    Example: rasid query --dyad RUS-PRK --both --since 2023-09-01 --db news.db
    """
    from rasid.store.export import EVENT_TABLE, event_table
    from rasid.store.query import events

    filters = _filters(options)
    fmt = fmt or _default_format()
    with Store.open(db, write=False) as store:
        if fmt == "csv":
            writer = csv.writer(sys.stdout)
            writer.writerow([c.name for c in EVENT_TABLE])
            for row in event_table(store, filters, limit or None):
                writer.writerow(["" if v is None else v for v in row.values()])
        elif fmt in ("json", "jsonl"):
            _write_json(events(store, filters, limit or None), fmt == "jsonl")
        else:
            table = Table("day", "source", "event", "target", "Q", "G", "evidence", "document")
            for e in events(store, filters, limit or None):
                table.add_row(e["day"] or "-", e["source"].get("code") or "-", f"{e['cameo']} {e['name']}",
                              (e["target"] or {}).get("code") or "-", str(e["quad_class"]), f"{e['goldstein']:g}",
                              e["evidence"]["text"], e["document_id"])
            Console().print(table)
    return errors.EXIT_OK


# ----- stats -----


@click.command(epilog=EXIT_HELP)
@_db_option
@_filter_options
@click.option("--by", "period", type=click.Choice(["day", "week", "month", "year"]), default=None,
              help="Events per period: counts per QuadClass and mean Goldstein.")
@click.option("--top", type=click.Choice(["actors", "dyads", "codes", "roots"]), default=None,
              help="The most frequent actors, dyads, CAMEO codes or roots.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True, help="Rows of --top.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default=None,
              help="table (default on a terminal), json (default otherwise) or csv.")
def stats(db: Path, period: str | None, top: str | None, limit: int, fmt: str | None, **options: Any) -> int:
    """Aggregate stored events: per period (--by), top lists (--top), or, with neither, what the store holds.

    Example: rasid stats --dyad RUS-PRK --both --by month --db news.db
    """
    from rasid.store import query as q

    if period and top:
        raise click.UsageError("give --by or --top, not both")
    filters = _filters(options)
    fmt = fmt or _default_format()
    with Store.open(db, write=False) as store:
        if period:
            rows = q.by_period(store, filters, period)
        elif top:
            rows = q.top(store, filters, top, limit)
        else:
            rows = [q.summary(store)]
    if fmt == "json":
        click.echo(json.dumps(rows if (period or top) else rows[0], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        if rows:
            writer.writerow(rows[0].keys())
            writer.writerows([["" if v is None else v for v in r.values()] for r in rows])
    elif period or top:
        table = Table(*(rows[0].keys() if rows else ["no events"]))
        for r in rows:
            table.add_row(*("-" if v is None else str(v) for v in r.values()))
        Console().print(table)
    else:
        table = Table("", "")
        for k, v in rows[0].items():
            table.add_row(k, "-" if v is None else str(v))
        Console().print(table)
    return errors.EXIT_OK


# ----- export -----


@click.command(epilog=EXIT_HELP)
@click.argument("out")
@_db_option
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default=None,
              help="Default: from OUT's extension (.csv, .jsonl, .parquet).")
@click.option("--table", type=click.Choice(["events", "documents", "entities", "quotes"]), default="events",
              show_default=True,
              help="events: the GDELT-like event table; documents: the full document JSON (with jsonl, one "
                   "rasid.document/1 object a line); entities, quotes: those of the matching documents.")
def export(out: str, db: Path, fmt: str | None, table: str, **options: Any) -> int:
    """Export events (a GDELT-2.0-like table, see docs/store.md), documents, entities or quotes to OUT (- for stdout).

    Example: rasid export events.parquet --dyad RUS-PRK --both --db news.db
    """
    from rasid.store.export import export as run_export

    filters = _filters(options)
    if fmt is None:
        suffix = Path(out).suffix.lower().lstrip(".")
        if suffix not in ("csv", "jsonl", "parquet"):
            raise click.UsageError(f"cannot tell the format of {out!r}: give --format csv|jsonl|parquet")
        fmt = suffix
    with Store.open(db, write=False) as store:
        n = run_export(store, out, fmt, filters, table=table)
    click.echo(f"wrote {n} {table} to {out}", err=out == "-")
    return errors.EXIT_OK


def _write_json(items: Iterable[dict[str, Any]], lines: bool) -> None:
    """JSON Lines, or a JSON array streamed item by item."""
    out = sys.stdout
    if lines:
        for item in items:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
        return
    first = True
    out.write("[")
    for item in items:
        out.write(("\n" if first else ",\n") + json.dumps(item, ensure_ascii=False))
        first = False
    out.write("\n]\n" if not first else "]\n")


COMMANDS = (ingest, search, query, stats, export)


def register(group: click.Group) -> None:
    """Add the store commands to a click group (the `rasid` command)."""
    for command in COMMANDS:
        group.add_command(command)
