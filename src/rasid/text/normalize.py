"""Normalisation for matching: a table-driven character map, never applied to the stored text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError

CHARMAP_FILE = "charmap.tsv"
# Presentation forms (ﻻ, ﺍ ...) and other compatibility characters are folded by NFKC first.
_COMPAT = re.compile("[\ufb50-\ufdff\ufe70-\ufeff\uff00-\uffef]")


def _codepoints(cell: str, where: str) -> list[int]:
    """Parse `U+XXXX` or a range `U+XXXX-U+YYYY` into code points."""
    try:
        parts = [int(p.strip()[2:], 16) for p in cell.split("-")]
    except ValueError:
        raise DataFileError(f"{where}: bad code point {cell!r}") from None
    if len(parts) == 1:
        return parts
    if len(parts) != 2 or parts[0] > parts[1]:
        raise DataFileError(f"{where}: bad range {cell!r}")
    return list(range(parts[0], parts[1] + 1))


@lru_cache(maxsize=1)
def load_charmap() -> dict[int, str | None]:
    """The built-in character map as a `str.translate` table (rule → deletions and substitutions)."""
    table: dict[int, str | None] = {}
    for line, row in read_tsv(builtin("text", CHARMAP_FILE), ("rule", "source", "target")):
        where = f"{CHARMAP_FILE}:{line}"
        sources = _codepoints(row["source"], where)
        if not row["target"]:
            table.update(dict.fromkeys(sources))
            continue
        targets = _codepoints(row["target"], where)
        if len(targets) not in (1, len(sources)):
            raise DataFileError(f"{where}: {len(sources)} sources but {len(targets)} targets")
        for i, cp in enumerate(sources):
            table[cp] = chr(targets[i if len(targets) > 1 else 0])
    return table


def normalize(text: str) -> str:
    """Fold text for matching: no diacritics or tatweel, one alef, ya for alef maqsura, ASCII digits..."""
    if _COMPAT.search(text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(load_charmap())


def removed_chars() -> frozenset[str]:
    """The characters normalisation deletes (diacritics, tatweel, controls)."""
    return frozenset(chr(cp) for cp, target in load_charmap().items() if target is None)
