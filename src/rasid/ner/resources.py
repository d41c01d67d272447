"""Building the NER's shipped resources (gazetteer, clusters) from the shared data."""

from __future__ import annotations

import re
from pathlib import Path

from rasid.datafiles import read_tsv

_ARABIC = re.compile("[\u0621-\u064a]")
ANERGAZET = {"AlignedLocGazetteer": "LOC", "AlignedOrgGazetteer": "ORG", "AlignedPersGazetteer": "PER"}


def gazetteer_rows(anergazet: Path | None, actors: Path | None) -> list[tuple[str, str, str]]:
    """(label, name, source) rows from ANERgazet and from the actor dictionary's names."""
    rows: list[tuple[str, str, str]] = []
    if anergazet is not None:
        for folder, label in ANERGAZET.items():
            path = anergazet / folder / "data"
            for line in path.read_text(encoding="utf-8").splitlines():
                name = line.strip()
                if _ARABIC.search(name) and "\t" not in name:
                    rows.append((label, name, "ANERgazet"))
    if actors is not None:
        for _, row in read_tsv(actors / "country_names.tsv", ("code", "arabic", "kind")):
            if row["kind"] in ("name", "capital", "region", "seat"):
                rows.append(("LOC", row["arabic"], "actors/country_names"))
        for _, row in read_tsv(actors / "organizations.tsv", ("code", "name_en", "wikidata", "arabic", "kind")):
            rows.append(("LOC" if row["kind"] == "region" else "ORG", row["arabic"], "actors/organizations"))
    seen, out = set(), []
    for row in rows:
        if row[:2] not in seen:
            seen.add(row[:2])
            out.append(row)
    return out


def write_gazetteer(rows: list[tuple[str, str, str]], path: Path) -> None:
    """Write `label<TAB>name<TAB>source` rows."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write("label\tname\tsource\n")
        fh.writelines(f"{label}\t{name}\t{source}\n" for label, name, source in rows)
