"""Pieces shared by the command modules (`rasid.cli`, `rasid.store.commands`)."""

from __future__ import annotations

import click

from rasid.errors import InputError
from rasid.readers import check_date


def date_callback(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """Check a `--date`/`--since`/`--until` option: an ISO date, else a usage error."""
    if value is None:
        return None
    try:
        return check_date(value)
    except InputError as exc:
        raise click.BadParameter(str(exc)) from None
