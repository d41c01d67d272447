"""Reading the project's TSV data files: built-in ones shipped in the package, or a user's own."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from rasid.errors import DataFileError


def builtin(*parts: str) -> Traversable:
    """A file shipped under `rasid/data/`."""
    return resources.files("rasid").joinpath("data", *parts)


def read_tsv(path: Traversable | Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) of a tab-separated file whose header must start with `columns`."""
    name = getattr(path, "name", str(path))
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"{name}: cannot open ({exc.strerror or exc})") from None
    with fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header[: len(columns)]) != columns:
            expected = " ".join(columns)
            raise DataFileError(f"{name}:1: header must start with the columns {expected}, got {header!r}")
        for line, cells in enumerate(reader, start=2):
            if not cells or not any(cells):
                continue
            if len(cells) != len(header):
                raise DataFileError(f"{name}:{line}: expected {len(header)} columns, got {len(cells)}")
            yield line, dict(zip(header, cells, strict=True))
