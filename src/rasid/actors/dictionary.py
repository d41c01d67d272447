"""The actor dictionary: countries, organisations, roles and people with dated role spells, read from
the TSV files in `rasid/data/actors/` (and a user's file), keyed by normalised token forms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from pathlib import Path

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError
from rasid.text.normalize import normalize
from rasid.text.tokenize import ARTICLE, Tokenizer, definite_key

COUNTRY_KINDS = {"name", "nisba", "capital", "seat", "region"}
ORG_KINDS = {"igo", "region", "group", "media"}
ROLE_KINDS = {"title", "body"}
USER_TYPES = {"PER", "ORG", "GPE", "LOC"}
_CODE = re.compile(r"^[A-Z]{3}(?:[A-Z]{3}){0,3}$")
_ARABIC = re.compile("[\u0621-\u064a]")


def bare_key(key: str) -> str:
    """A match key without its article (roles match in construct state: وزير خارجية روسيا)."""
    return key[len(ARTICLE):] if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1 else key


@dataclass(frozen=True)
class Spell:
    """A dated role: the CAMEO code a person holds from `start` to `end` (ISO dates, None = open)."""

    code: str
    start: str | None
    end: str | None
    role: str

    def holds_on(self, day: str) -> bool:
        """Whether the spell covers the given ISO date."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass
class Person:
    """A person of the dictionary: English name, Wikidata id and dated role spells."""

    slug: str
    name: str
    wikidata: str | None
    spells: list[Spell] = field(default_factory=list)

    def code_on(self, day: str | None) -> str | None:
        """The person's code on a date: the spell that holds then, else the nearest one before it."""
        if not self.spells:
            return None
        ordered = sorted(self.spells, key=lambda s: s.start or "")
        if day is None:
            open_spells = [s for s in ordered if s.end is None]
            return (open_spells or ordered)[-1].code
        holding = [s for s in ordered if s.holds_on(day)]
        if holding:
            return holding[-1].code
        before = [s for s in ordered if (s.start or "") <= day]
        return (before or ordered)[-1 if before else 0].code


@dataclass(frozen=True)
class Entry:
    """One dictionary form: what kind of actor it names and its code (persons resolve by date)."""

    kind: str  # country kinds, "igo", "org-region", "group", "title", "body", "person", or a user type
    code: str | None
    name: str
    wikidata: str | None = None
    person: str | None = None  # slug, for persons
    sector: str | None = None  # for roles
    ambiguous: bool = False
    requires: str | None = None  # for context names: the country the article must also name


@dataclass
class ActorDictionary:
    """Forms (tuples of match keys) → entries, plus the people and the countries' English names."""

    forms: dict[tuple[str, ...], Entry] = field(default_factory=dict)
    roles: dict[tuple[str, ...], Entry] = field(default_factory=dict)  # keyed by bare keys
    people: dict[str, Person] = field(default_factory=dict)
    countries: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # code → (name, wikidata)
    not_before: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # form → words that unmake it
    cues: dict[str, set[str]] = field(default_factory=dict)  # cue class → normalised words
    subnational: set[str] = field(default_factory=set)  # CAMEO sub-national codes of region rows (PSEGZA)
    homographs: dict[tuple[str, ...], str] = field(default_factory=dict)  # form → the country it names instead
    # where the article is about that country (عمان: Amman, Jordan's capital, not Oman)
    longest: int = 1
    _firsts: tuple | None = field(default=None, repr=False)

    @classmethod
    def default(cls, tokenizer: Tokenizer | None = None) -> ActorDictionary:
        """The dictionary shipped in the package."""
        return cls.from_dir(Path(str(builtin("actors"))), tokenizer)

    @classmethod
    def from_dir(cls, folder: Path, tokenizer: Tokenizer | None = None) -> ActorDictionary:
        """Read every dictionary file of a folder laid out like `rasid/data/actors/`."""
        tokenizer = tokenizer or Tokenizer()
        d = cls()
        ambiguous = {normalize(row["arabic"]) for _, row in read_tsv(folder / "ambiguous.tsv", ("arabic", "reason"))}
        for line, row in read_tsv(folder / "countries.tsv", ("code", "name_en", "iso2", "wikidata")):
            _check_code(row["code"], folder / "countries.tsv", line)
            d.countries[row["code"]] = (row["name_en"], row["wikidata"] or None)
        path = folder / "country_names.tsv"
        for line, row in read_tsv(path, ("code", "arabic", "kind")):
            subnational = row["kind"] == "region" and len(row["code"]) == 6 and row["code"][:3] in d.countries
            if row["kind"] not in COUNTRY_KINDS or not (row["code"] in d.countries or subnational):
                raise DataFileError(f"{path.name}:{line}: unknown kind {row['kind']!r} or code {row['code']!r}")
            _check_code(row["code"], path, line)
            if subnational:  # PSEGZA: a CAMEO sub-national code, country prefix + region
                d.subnational.add(row["code"])
            name, wikidata = d.countries[row["code"][:3]]
            code = row["code"] + "GOV" if row["kind"] in ("capital", "seat") else row["code"]
            d._add(tokenizer, row["arabic"], Entry(row["kind"], code, name, wikidata if row["kind"] == "name" else None,
                                                   ambiguous=normalize(row["arabic"]) in ambiguous), path, line)
        path = folder / "organizations.tsv"
        for line, row in read_tsv(path, ("code", "name_en", "wikidata", "arabic", "kind")):
            if row["kind"] not in ORG_KINDS:
                raise DataFileError(f"{path.name}:{line}: unknown kind {row['kind']!r}")
            _check_code(row["code"], path, line)
            kind = "org-region" if row["kind"] == "region" else row["kind"]
            d._add(tokenizer, row["arabic"], Entry(kind, row["code"], row["name_en"], row["wikidata"] or None,
                                                   ambiguous=normalize(row["arabic"]) in ambiguous), path, line,
                   latin=kind == "media")  # news outlets are often written in Latin letters: CNN, BBC
        path = folder / "roles.tsv"
        for line, row in read_tsv(path, ("sector", "arabic", "kind")):
            if row["kind"] not in ROLE_KINDS or not re.fullmatch(r"[A-Z]{3}", row["sector"]):
                raise DataFileError(f"{path.name}:{line}: bad kind {row['kind']!r} or sector {row['sector']!r}")
            keys = tuple(bare_key(k) for k in _keys(tokenizer, row["arabic"], path, line))
            entry = Entry(row["kind"], None, row["arabic"], sector=row["sector"],
                          ambiguous=normalize(row["arabic"]) in ambiguous)
            d.roles.setdefault(keys, entry)
            d.longest = max(d.longest, len(keys))
        d._read_context(tokenizer, folder)
        for path in sorted(folder.glob("people*.tsv")):
            d._read_people(tokenizer, path)
        for path in sorted(folder.glob("spells*.tsv")):
            d._read_spells(path)
        d._add_indefinite_nisbas(ambiguous)
        return d

    def _add_indefinite_nisbas(self, ambiguous: set[str] | frozenset[str] = frozenset()) -> None:
        """A nisba or group form with the article also matches without it when every word has a nisba ending
        (`nisba_ending` cues): حوثيون، مسؤولون كوريون جنوبيون; a one-word masculine nisba also in the indefinite
        accusative (`accusative_ending`: 61 فلسطينيا). Ambiguous forms, and accusatives listed as `ambiguous`
        (قمريا "lunar", نيجريا a misspelt Nigeria), are left alone."""
        endings = tuple(self.cues.get("nisba_ending", ()))
        accusative = sorted(self.cues.get("accusative_ending", ()))
        singular = tuple(e for e in endings if len(e) == 1)  # ي: the masculine singular nisba (فلسطيني)
        for keys, entry in list(self.forms.items()):
            if endings and entry.kind in ("nisba", "group") and not entry.ambiguous and all(
                    k.startswith(ARTICLE) for k in keys):
                bare = tuple(k[len(ARTICLE):] for k in keys)
                if all(b.endswith(endings) for b in bare):
                    self.forms.setdefault(bare, entry)
                if entry.kind == "nisba" and len(bare) == 1 and bare[0].endswith(singular):
                    for form in (bare[0] + ending for ending in accusative):
                        if form not in ambiguous:
                            self.forms.setdefault((form,), entry)

    def firsts(self) -> tuple[dict[str, frozenset[int]], dict[str, frozenset[int]]]:
        """The first keys of every form and of every role, each with the lengths of the forms (roles) it starts: a
        match can only start at one of them, and only be one of those lengths."""
        if self._firsts is None or self._firsts[2] != (len(self.forms), len(self.roles)):
            self._firsts = (_lengths_by_first(self.forms), _lengths_by_first(self.roles),
                            (len(self.forms), len(self.roles)))
        return self._firsts[0], self._firsts[1]

    def add_user_file(self, path: Path, tokenizer: Tokenizer | None = None) -> int:
        """Add or override forms from a user file: `arabic code name_en type [wikidata start end]`."""
        tokenizer = tokenizer or Tokenizer()
        count = 0
        for line, row in read_tsv(path, ("arabic", "code", "name_en", "type")):
            if row["type"] not in USER_TYPES:
                raise DataFileError(f"{path.name}:{line}: type must be one of {', '.join(sorted(USER_TYPES))}")
            _check_code(row["code"], path, line)
            start, end = row.get("start") or None, row.get("end") or None
            for value in (start, end):
                if value:
                    _check_date(value, path, line)
            keys = _keys(tokenizer, row["arabic"], path, line)
            if row["type"] == "PER":
                slug = "user:" + row["name_en"].lower().replace(" ", "-")
                person = self.people.setdefault(slug, Person(slug, row["name_en"], row.get("wikidata") or None))
                person.spells.append(Spell(row["code"], start, end, "user"))
                entry = Entry("person", None, row["name_en"], row.get("wikidata") or None, person=slug)
            else:
                entry = Entry("user-" + row["type"], row["code"], row["name_en"], row.get("wikidata") or None)
            self.forms[keys] = entry  # a user's row overrides a built-in one
            self.longest = max(self.longest, len(keys))
            count += 1
        return count

    def _add(self, tokenizer: Tokenizer, arabic: str, entry: Entry, path: Path, line: int, latin: bool = False) -> None:
        keys = _keys(tokenizer, arabic, path, line, latin)
        self.forms.setdefault(keys, entry)
        self.longest = max(self.longest, len(keys))

    def _read_context(self, tokenizer: Tokenizer, folder: Path) -> None:
        """Context names, forms that are no actor (alone or before a word), and cue words."""
        path = folder / "context_names.tsv"
        if path.exists():
            groups = {e.code: e.name for e in self.forms.values() if e.kind == "group"}
            for line, row in read_tsv(path, ("code", "arabic", "requires")):
                if row["code"] not in self.countries and row["code"] not in groups:
                    raise DataFileError(f"{path.name}:{line}: unknown country or group code {row['code']!r}")
                if row["requires"] not in self.countries:
                    raise DataFileError(f"{path.name}:{line}: unknown country code {row['requires']!r}")
                name = self.countries[row["code"]][0] if row["code"] in self.countries else groups[row["code"]]
                self._add(tokenizer, row["arabic"], Entry("context", row["code"], name, requires=row["requires"]),
                          path, line)
        path = folder / "not_actors.tsv"
        if path.exists():
            for line, row in read_tsv(path, ("arabic", "next", "reason")):
                keys = _keys(tokenizer, row["arabic"], path, line)
                if row["next"]:
                    self.not_before.setdefault(tuple(bare_key(k) for k in keys), set()).add(normalize(row["next"]))
                else:
                    self.forms[keys] = Entry("none", None, row["arabic"])
                    self.longest = max(self.longest, len(keys))
        path = folder / "cues.tsv"
        if path.exists():
            for _, row in read_tsv(path, ("class", "arabic", "note")):
                self.cues.setdefault(row["class"], set()).add(normalize(row["arabic"]))
        path = folder / "homographs.tsv"
        if path.exists():
            for line, row in read_tsv(path, ("arabic", "country", "note")):
                if row["country"] not in self.countries:
                    raise DataFileError(f"{path.name}:{line}: unknown country code {row['country']!r}")
                self.homographs[_keys(tokenizer, row["arabic"], path, line)] = row["country"]

    def _read_people(self, tokenizer: Tokenizer, path: Path) -> None:
        for line, row in read_tsv(path, ("person", "name_en", "wikidata", "arabic")):
            slug = row["person"]
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
                raise DataFileError(f"{path.name}:{line}: person slug {slug!r} must be lowercase ASCII with hyphens")
            self.people.setdefault(slug, Person(slug, row["name_en"], row["wikidata"] or None))
            self._add(tokenizer, row["arabic"], Entry("person", None, row["name_en"], row["wikidata"] or None,
                                                      person=slug), path, line)

    def _read_spells(self, path: Path) -> None:
        for line, row in read_tsv(path, ("person", "code", "start", "end", "role", "source")):
            person = self.people.get(row["person"])
            if person is None:
                raise DataFileError(f"{path.name}:{line}: unknown person {row['person']!r}")
            _check_code(row["code"], path, line)
            for value in (row["start"], row["end"]):
                if value:
                    _check_date(value, path, line)
            if row["start"] and row["end"] and row["end"] < row["start"]:
                raise DataFileError(f"{path.name}:{line}: the spell ends before it starts")
            person.spells.append(Spell(row["code"], row["start"] or None, row["end"] or None, row["role"]))


def _lengths_by_first(forms: dict[tuple[str, ...], Entry]) -> dict[str, frozenset[int]]:
    """The first key of every form, with the lengths of the forms it starts."""
    out: dict[str, set[int]] = {}
    for keys in forms:
        out.setdefault(keys[0], set()).add(len(keys))
    return {first: frozenset(lengths) for first, lengths in out.items()}


def _keys(tokenizer: Tokenizer, arabic: str, path: Path, line: int, latin: bool = False) -> tuple[str, ...]:
    if not (_ARABIC.search(arabic) or (latin and re.fullmatch(r"[A-Za-z][A-Za-z0-9 .&-]*", arabic))):
        raise DataFileError(f"{Path(path).name}:{line}: {arabic!r} has no Arabic letters")
    keys = tuple(definite_key(t) for t in tokenizer(arabic) if t.kind != "punct")
    if not keys:
        raise DataFileError(f"{Path(path).name}:{line}: empty form")
    return keys


def _check_code(code: str, path: Path, line: int) -> None:
    if not _CODE.fullmatch(code):
        raise DataFileError(f"{Path(path).name}:{line}: {code!r} is not a CAMEO actor code (3-12 capital letters)")


def _check_date(value: str, path: Path, line: int) -> None:
    try:
        Date.fromisoformat(value)
    except ValueError:
        raise DataFileError(f"{Path(path).name}:{line}: {value!r} is not a date (YYYY-MM-DD)") from None
