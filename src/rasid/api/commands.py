"""`rasid serve`: the HTTP API over a store, with uvicorn. Register it with `cli.add_command(serve)`."""

from __future__ import annotations

from pathlib import Path

import click

from rasid import errors
from rasid.api import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S

TOKEN_ENV = "RASID_TOKEN"


@click.command()
@click.option("--db", type=click.Path(dir_okay=False, path_type=Path), default="rasid.db", envvar="RASID_DB",
              show_default=True, help="The store: a SQLite file (default rasid.db here, or $RASID_DB).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 serves every interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--allow-ingest", is_flag=True, help="Serve POST /api/documents (needs --token).")
@click.option("--token", envvar=TOKEN_ENV, default=None,
              help=f"Bearer token for writing endpoints (or ${TOKEN_ENV}; prefer the variable: a command line "
                   "is visible to other users).")
@click.option("--max-size", "max_bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES, show_default=True,
              help="Largest request body, in bytes (413 beyond).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT_S,
              show_default=True, help="Seconds an analysis may take (504 beyond).")
def serve(db: Path, host: str, port: int, allow_ingest: bool, token: str | None, max_bytes: int,
          timeout: float) -> int:
    """Serve the store over HTTP: the JSON API under /api (schema at /api/openapi.json).

    Example: rasid serve --db news.db --port 8000
    """
    import uvicorn

    from rasid.api.app import create_app

    if allow_ingest and not token:
        raise click.UsageError(f"--allow-ingest needs a token: --token or ${TOKEN_ENV}")
    app = create_app(db, allow_ingest=allow_ingest, token=token, max_bytes=max_bytes, timeout=timeout)
    click.echo(f"rasid: serving {db} on http://{host}:{port}/api (schema: /api/openapi.json)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return errors.EXIT_OK
