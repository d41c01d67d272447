"""The event-trigger dictionary: verbs (past and present), verbal nouns and context words → CAMEO codes,
read from `data/events/patterns*.tsv`, with the regular inflections generated from the base forms."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rasid.datafiles import builtin, read_tsv
from rasid.errors import DataFileError
from rasid.events.ontology import cameo_table
from rasid.text.normalize import normalize

COLUMNS = ("cameo", "past", "present", "nouns", "context", "note")
_ARABIC_CELL = re.compile(r"^[\u0621-\u064a\u064b-\u0652\u0670\u0640 |]*$")


@dataclass(frozen=True)
class Pattern:
    """One dictionary row: a CAMEO code, whether its trigger is a verb or a noun, and its context words."""

    cameo: str
    pos: str  # "verb", "noun", or "participle" (متهما: a verb's active participle, sharing its clause's subject)
    context: frozenset[str]
    source: str  # file:line, for the event's audit trail

    @property
    def specificity(self) -> int:
        """Rows with context words or deeper codes are preferred over bare ones."""
        return (2 if self.context else 0) + len(self.cameo)


def past_forms(past: str) -> set[str]:
    """Normalised inflections of a 3rd person masculine past verb (قال → قالت، قالوا، قالا ...)."""
    forms = {past}
    if past.endswith(("ي", "ا")) and len(past) > 2:  # التقى، دعا: the weak final letter drops or changes
        base = past[:-1]
        forms |= {base + "ت", base + "وا", base + "تا", base + "يا" if past.endswith("ي") else base + "وا"}
    else:
        forms |= {past + "ت", past + "وا", past + "ا", past + "تا"}
        if len(past) > 2:  # a doubled verb (حضّ، ردّ) unfolds before ن: حضضن, so حض+ن is another word (حضن)
            forms.add(past + "ن")
    return forms


def present_forms(present: str) -> set[str]:
    """Normalised inflections of a 3rd person masculine present verb (يزور → تزور، نزور، يزورون ...)."""
    if not present.startswith("ي") or len(present) < 3:
        return {present}
    stem = present[1:]
    forms = {present, "ت" + stem, "ن" + stem, "ا" + stem}
    if present.endswith(("ي", "و")):  # يلتقي، يدعو
        base = stem[:-1]
        forms |= {"ي" + base + "ون", "ت" + base + "ون", "ي" + stem + "ان", "ت" + stem + "ان", "ي" + base + "وا"}
        return forms
    forms |= {present + "ون", present + "ان", "ت" + stem + "ان", "ت" + stem + "ون", present + "وا", "ت" + stem + "ين"}
    return forms


def jussive_forms(present: str) -> set[str]:
    """The short forms a hollow or defective verb takes after لم (يزور → يزر, يلتقي → يلتق): matched only
    after لم, since most of them are also other words (يعد، تعز، نهب)."""
    if not present.startswith("ي") or len(present) < 3:
        return set()
    stem = present[1:]
    if present.endswith(("ي", "و")):
        return {"ي" + stem[:-1], "ت" + stem[:-1]}
    if len(stem) == 3 and stem[1] in "وي":
        short = stem[0] + stem[2]
        return {"ي" + short, "ت" + short, "ن" + short}
    return set()


class PatternDictionary:
    """Normalised trigger forms → the patterns they can start."""

    def __init__(self) -> None:
        self.triggers: dict[str, list[Pattern]] = defaultdict(list)
        self.jussive: dict[str, list[Pattern]] = defaultdict(list)  # forms that count only after لم
        self.present: set[str] = set()  # the imperfective (present/future) forms
        self.masculine: set[str] = set()  # the 3rd person masculine singular forms as written (اتهم، يتهم)
        self.feminine: set[str] = set()  # the forms that may be feminine singular (اتهمت، تتهم)
        self.plural: set[str] = set()  # the plural and dual forms, whose subject is a pronoun (اتهموا، يتهمون، اتفقا)

    @classmethod
    def default(cls) -> PatternDictionary:
        """Every patterns*.tsv file shipped in the package."""
        folder = Path(str(builtin("events")))
        d = cls()
        for path in sorted(folder.glob("patterns*.tsv")):
            d.read(path)
        d.read_participles(folder / "participles.tsv")
        return d

    def starts(self, form: str, pos: str) -> bool:
        """Whether a normalised form starts a pattern as this part of speech ("verb", "noun", "participle")."""
        return any(p.pos == pos for p in self.triggers.get(form, ()))

    def read_participles(self, path: Path) -> None:
        """Let each active participle (متهما) start what its verb (اتهم) starts, as a "participle"."""
        for line, row in read_tsv(path, ("participle", "verb", "note")):
            verbs = list(dict.fromkeys(p for p in self.triggers.get(normalize(row["verb"]), ()) if p.pos == "verb"))
            if not verbs:
                raise DataFileError(f"{path.name}:{line}: {row['verb']!r} starts no verb pattern")
            self.triggers[normalize(row["participle"])].extend(
                Pattern(p.cameo, "participle", p.context, p.source) for p in verbs)

    def read(self, path: Path) -> None:
        """Add the rows of one patterns file (errors name the file and line)."""
        codes = cameo_table()
        for line, row in read_tsv(path, COLUMNS):
            where = f"{path.name}:{line}"
            if row["cameo"] not in codes:
                raise DataFileError(f"{where}: unknown CAMEO code {row['cameo']!r}")
            for column in ("past", "present", "nouns", "context"):
                if not _ARABIC_CELL.match(row[column]):
                    raise DataFileError(f"{where}: column {column} must hold Arabic words separated by |")
            if not (row["past"] or row["present"] or row["nouns"]):
                raise DataFileError(f"{where}: a row needs a past, present or noun form")
            context = frozenset(_words(row["context"]))
            verb = Pattern(row["cameo"], "verb", context, where)
            noun = Pattern(row["cameo"], "noun", context, where)
            for form in _words(row["past"]):
                self.masculine.add(form)
                for f in past_forms(form):
                    self.triggers[f].append(verb)
                    if f.endswith("ت"):
                        self.feminine.add(f)
                    elif f != form and f.endswith("ا"):
                        self.plural.add(f)
            for form in _words(row["present"]):
                self.masculine.add(form)
                for f in present_forms(form):
                    self.triggers[f].append(verb)
                    self.present.add(f)
                    if f.startswith("ت"):
                        self.feminine.add(f)
                    if f.endswith(("ون", "ان", "وا")):
                        self.plural.add(f)
                for f in jussive_forms(form):
                    self.jussive[f].append(verb)
            for form in _words(row["nouns"]):
                self.triggers[form].append(noun)


def _words(cell: str) -> list[str]:
    return [normalize(w.strip()) for w in cell.split("|") if w.strip()]


def load_future_intents() -> dict[str, str]:
    """CAMEO root → the code of the intent a future verb of that root expresses (سيلتقي → 036)."""
    codes = cameo_table()
    out = {}
    for line, row in read_tsv(builtin("events", "future_intent.tsv"), ("root", "cameo", "note")):
        if row["cameo"] not in codes:
            raise DataFileError(f"future_intent.tsv:{line}: unknown CAMEO code {row['cameo']!r}")
        out[row["root"]] = row["cameo"]
    return out


def load_function_words() -> dict[str, set[str]]:
    """Grammatical word classes (negators, target prepositions, speech verbs ...), normalised."""
    out: dict[str, set[str]] = defaultdict(set)
    for _, row in read_tsv(builtin("events", "function_words.tsv"), ("class", "word", "note")):
        out[row["class"]].add(normalize(row["word"]))
    for verbs in ("speech", "doer", "light_verb", "casualty", "transitive_casualty", "envoy_verb", "undergo", "face",
                  "explode", "occur", "protest_verb"):
        out[verbs] = {f for w in out[verbs] for f in (past_forms(w) if not w.startswith("ي") else present_forms(w))}
    return dict(out)
