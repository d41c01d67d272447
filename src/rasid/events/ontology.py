"""The CAMEO event ontology (names, Goldstein scores, QuadClass) and its PLOVER mapping, from package data."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its name, Goldstein score, QuadClass and PLOVER type and mode."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    root: str
    plover: str | None
    plover_mode: str | None


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code (GDELT's QuadClass convention: roots 01-05 → 1, 06-09 → 2, 10-14 → 3, 15-20 → 4)."""
    plover: dict[str, tuple[str, str | None]] = {}
    for _, row in read_tsv(builtin("events", "plover_cameo_map.tsv"),
                           ("cameo_code", "plover_event", "plover_mode", "plover_context")):
        plover.setdefault(row["cameo_code"], (row["plover_event"], row["plover_mode"] or None))
    table = {}
    path = builtin("events", "event_codes.tsv")
    for line, row in read_tsv(path, ("code", "name", "goldstein", "quadclass", "quadclass_alt", "root")):
        try:
            goldstein, quad = float(row["goldstein"]), int(row["quadclass"])
        except ValueError:
            raise DataFileError(f"{path.name}:{line}: bad goldstein or quadclass") from None
        code = row["code"]
        mapped = plover.get(code) or plover.get(code[:3]) or plover.get(code[:2]) or (None, None)
        table[code] = CameoCode(code, row["name"], goldstein, quad, row["root"], mapped[0], mapped[1])
    return table


def lookup(code: str) -> CameoCode:
    """The entry of a CAMEO code; raises DataFileError for an unknown one."""
    entry = cameo_table().get(code)
    if entry is None:
        raise DataFileError(f"unknown CAMEO code {code!r}")
    return entry
