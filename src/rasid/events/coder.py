"""The event coder (a pipeline component after the actors): triggers from the pattern dictionary, source
and target from the clause (VSO and SVO order, the genitive of a verbal noun, prepositions, بين X و Y,
coordination, the speaker of reported speech), negation, dates, places and the news agency cited."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasid.document import Document, Entity, Event, Token, token_span
from rasid.events.dates import resolve
from rasid.events.ontology import lookup
from rasid.events.patterns import Pattern, PatternDictionary, load_function_words

SOURCE_AFTER = 2  # a VSO subject stands right after its verb (an adverb may come between)
SOURCE_BEFORE = 10  # an SVO subject within this many tokens before it
NOUN_SOURCE_BEFORE = 8  # the agent of an indefinite verbal noun: شنت الطائرات الإسرائيلية غارات
PATIENT_GENITIVE_ROOTS = {"15", "16", "17", "18", "19", "20"}  # the genitive of these nouns is the target
NOUN_AFTER_VERB = 3  # a verbal noun this close after an event verb is its complement
TARGET_WINDOW = 12
DIRECT_OBJECT_GAP = 2  # a direct object stands within this many words after the verb and its subject
CONTEXT_WINDOW = 15
CLAUSE_BREAKS = {".", "?", "!", ";", ":", "؟", "؛"}
SYMMETRIC_ROOTS = {"04", "06", "19"}  # consult, cooperate, fight
SYMMETRIC_CODES = {"030", "036", "046", "050", "057"}  # intend to cooperate, negotiate, sign an agreement
MEDIA = "MED"


@dataclass
class ActorSpan:
    """An entity with an actor, located by token index in its sentence."""

    i: int
    j: int
    entity: Entity
    code: str = field(init=False)

    def __post_init__(self) -> None:
        self.code = self.entity.actor["code"]

    def as_dict(self) -> dict:
        """The actor of an event side, with the mention's span."""
        e = self.entity
        return {**e.actor, "start": e.start, "end": e.end, "text": e.text}


@dataclass
class EventCoder:
    """Fill `doc.events` with CAMEO/PLOVER events from each sentence."""

    patterns: PatternDictionary
    words: dict[str, set[str]]
    name: str = "events"
    requires: tuple[str, ...] = ("tokens", "sentences", "entities")
    assigns: tuple[str, ...] = ("events",)

    @classmethod
    def default(cls) -> EventCoder:
        """The coder with the package's pattern dictionary."""
        return cls(PatternDictionary.default(), load_function_words())

    def __call__(self, doc: Document) -> Document:
        actors = sorted((e for e in doc.entities if e.actor), key=lambda e: e.start)
        events: list[Event] = []
        for index, sent, toks in doc.sentence_tokens():
            spans = _actor_spans(toks, [e for e in actors if sent.start <= e.start and e.end <= sent.end])
            events.extend(self._sentence(doc, index, toks, spans))
        doc.events = events
        return doc

    def _sentence(self, doc: Document, index: int, toks: list[Token], actors: list[ActorSpan]) -> list[Event]:
        if not actors or toks[-1].norm == "?":  # a question reports no event
            return []
        stems = [t.stem for t in toks]
        context = _context_forms(toks, stems)
        reporter = self._reporter(toks, stems, actors)
        sources_pool = [a for a in actors if a is not reporter]
        speaker = self._speaker(toks, stems, sources_pool)
        when = resolve(toks, doc.date)
        place = _location(toks, stems, actors)
        inside = {k for a in actors for k in range(a.i, a.j)}
        out: dict[tuple, Event] = {}
        verb_at = -10
        for t, token in enumerate(toks):
            if token.kind != "word" or t in inside:
                continue
            pattern, pos = self._pattern(stems, t, token, context)
            if pattern is None:
                continue
            if pattern.cameo == "010" and stems[t] in self.words.get("speech", ()):
                continue  # قال X إن ...: the statement is coded through what it reports
            if pos == "noun" and t - verb_at <= NOUN_AFTER_VERB:
                continue  # تدرس إجراء تدريبات: the noun is the verb's complement, not an event of its own
            if pos == "verb":
                verb_at = t
            if self._background(toks, stems, t, pos):
                continue
            negated = self._negated(stems, t, pos)
            sources, after = self._sources(toks, sources_pool, t, pos, speaker, pattern.cameo[:2])
            if not sources:
                continue
            targets = self._targets(toks, stems, sources_pool, t, sources, after)
            symmetric = len(sources) > 1 and _symmetric(pattern.cameo)
            if not targets and not symmetric:  # no object: the nearest actor of another country in the sentence
                others = [a for a in sources_pool if a not in sources and a.code[:3] != sources[0].code[:3]]
                if others:
                    targets = [min(others, key=lambda a: abs(a.i - t))]
            pairs = [(s, tg) for s in sources for tg in (targets or [None])]
            if symmetric and not targets:  # التقى X و Y: each met the other
                pairs = [(s, o) for s in sources for o in sources if o is not s]
            for source, target in pairs:
                if target is not None and _same_actor(source.code, target.code):
                    continue
                event = self._event(doc, index, toks, t, pattern, source, target, negated, when, place, reporter)
                key = (source.code, target.code if target else None, pattern.cameo, negated)
                if key not in out or out[key].confidence < event.confidence:
                    out[key] = event
        return list(out.values())

    def _pattern(self, stems: list[str], t: int, token: Token | None = None,
                 context: list[tuple[str, ...]] | None = None) -> tuple[Pattern | None, str]:
        stem = stems[t]
        candidates = self.patterns.triggers.get(stem)
        with_pronoun = token is not None and bool(token._rel) and token._rel[-1][3] == "enclitic"
        if not candidates and with_pronoun and stem.endswith("ت"):
            candidates = self.patterns.triggers.get(stem[:-1] + "ه")  # زيارت+ه is زيارة with a pronoun
        if not candidates and t > 0 and stems[t - 1] == "لم":
            candidates = self.patterns.jussive.get(stem)  # لم يزر
        if not candidates:
            return None, ""
        context = context if context is not None else [(s,) for s in stems]
        window = {w for forms in context[max(0, t - CONTEXT_WINDOW):t + CONTEXT_WINDOW + 1] for w in forms}
        usable = [p for p in candidates if not p.context or p.context & window]
        if not usable:
            return None, ""
        best = max(usable, key=lambda p: p.specificity)
        return best, best.pos

    def _background(self, toks: list[Token], stems: list[str], t: int, pos: str) -> bool:
        """A hypothetical (لو، إذا، ربما، يمكن before the trigger), or a definite verbal noun inside a
        prepositional phrase (بالهجوم، من التفجير): the sentence talks about an event, it does not report one."""
        if any(s in self.words.get("hypothetical", ()) and s != "قد" for s in stems[max(0, t - 3):t]):
            return True
        if pos == "noun" and _is_definite(toks[t]):
            has_prep = any(role == "proclitic" and norm in ("ب", "ل") for _, _, norm, role in toks[t]._rel)
            return has_prep or (t > 0 and stems[t - 1] in self.words.get("preposition", ()))
        return False

    def _negated(self, stems: list[str], t: int, pos: str) -> bool:
        span = stems[max(0, t - 2):t] if pos == "verb" else stems[max(0, t - 1):t]
        return any(s in self.words.get("negator", ()) for s in span)

    def _sources(self, toks: list[Token], actors: list[ActorSpan], t: int, pos: str,
                 speaker: tuple[int, list[ActorSpan]] | None, root: str = "") -> tuple[list[ActorSpan], bool]:
        """The source group and whether it stands after the trigger (VSO, genitive) or before it (SVO).

        A verb takes the actor right before it when they touch (إن كيم زار), else the one right after it
        (زار كيم روسيا), else the nearest one before it in the clause, else the speaker of reported speech.
        A verbal noun takes its genitive (زيارة كيم); an indefinite one may take a near actor before it
        (شنت الطائرات الإسرائيلية غارات); a definite one with no genitive refers back to an event already told.
        """
        breaks = self.words.get("clause_break", set())
        subjects = [a for a in actors if not self._prepositional(toks, a)]  # a subject is never after a preposition
        before = [a for a in subjects if a.j <= t and not _break_between(toks, a.j, t, breaks)]
        after = [a for a in subjects if t < a.i <= t + SOURCE_AFTER and not _break_between(toks, t, a.i)]
        if pos == "noun" and root in PATIENT_GENITIVE_ROOTS:  # مقتل الجنود, اعتقال الصحفي: the genitive is hit
            near = [a for a in before if t - a.j < NOUN_SOURCE_BEFORE]
            return (_group_ending(toks, actors, near[-1]), False) if near else ([], False)
        if pos == "noun":
            if toks[t]._rel and toks[t]._rel[-1][3] == "enclitic":  # إشادته: the pronoun is the genitive
                if before:
                    return _group_ending(toks, actors, before[-1]), False
                return (speaker[1], False) if speaker and speaker[0] < t else ([], False)
            if after:
                return _coordinated(toks, actors, after[0]), True
            near = [a for a in before if t - a.j < NOUN_SOURCE_BEFORE]
            if near and not _is_definite(toks[t]):
                return _group_ending(toks, actors, near[-1]), False
            return [], False
        if before and t - before[-1].j == 0:
            return _group_ending(toks, actors, before[-1]), False
        if after:
            return _coordinated(toks, actors, after[0]), True
        near = [a for a in before if t - a.j < SOURCE_BEFORE]
        if near:
            return _group_ending(toks, actors, near[-1]), False
        if speaker and speaker[0] < t:
            return speaker[1], False
        return [], False

    def _targets(self, toks: list[Token], stems: list[str], actors: list[ActorSpan], t: int,
                 sources: list[ActorSpan], after: bool) -> list[ActorSpan]:
        begin = max([s.j for s in sources] + [t + 1]) if after else t + 1
        window = [a for a in actors if begin <= a.i < begin + TARGET_WINDOW and a not in sources
                  and not _break_between(toks, begin, a.i) and not (a.i > 0 and stems[a.i - 1] == "في")
                  and not any(_same_actor(s.code, a.code) for s in sources)]
        if not window:
            return []
        symmetric = [k for k in range(t + 1, min(t + 4, len(stems))) if stems[k] in self.words.get("symmetric", ())]
        if symmetric:
            return _coordinated(toks, actors, window[0])
        direct = [a for a in window if a.i - begin <= DIRECT_OBJECT_GAP and not self._prepositional(toks, a)]
        if direct:  # دعا المسماري قطر إلى ...: the object right after the verb and its subject
            return _coordinated(toks, actors, direct[0])
        marked = [a for a in window if self._has_target_prep(toks, stems, a)]
        return _coordinated(toks, actors, (marked or window)[0])

    def _prepositional(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether an actor stands in a prepositional phrase (بتونس, إلى روسيا, مع وزير الدفاع)."""
        first = toks[a.i]
        if any(role == "proclitic" and norm in ("ب", "ل", "ك") for _, _, norm, role in first._rel):
            return True
        return a.i > 0 and toks[a.i - 1].stem in self.words.get("preposition", ())

    def _has_target_prep(self, toks: list[Token], stems: list[str], a: ActorSpan) -> bool:
        first = toks[a.i]
        if any(role == "proclitic" and norm in ("ل", "ب") for _, _, norm, role in first._rel):
            return True
        return a.i > 0 and stems[a.i - 1] in self.words.get("target_prep", ())

    def _reporter(self, toks: list[Token], stems: list[str], actors: list[ActorSpan]) -> ActorSpan | None:
        """The news agency a sentence cites (وبحسب وكالة ..., نقلت وكالة ...)."""
        for k, stem in enumerate(stems):
            if stem in self.words.get("attribution", ()):
                for a in actors:
                    if k < a.i <= k + 3 and (a.entity.actor.get("sector") == MEDIA or a.code.endswith(MEDIA)):
                        return a
        return None

    def _speaker(self, toks: list[Token], stems: list[str],
                 actors: list[ActorSpan]) -> tuple[int, list[ActorSpan]] | None:
        """(Where reported speech begins, its speaker) for قال X إن ... / X قال: ..."""
        for k, stem in enumerate(stems):
            if stem in self.words.get("speech", ()):
                after = [a for a in actors if k < a.i <= k + SOURCE_AFTER]
                before = [a for a in actors if a.j <= k and k - a.j < 3]
                chosen = after[0] if after else (before[-1] if before else None)
                if chosen:
                    return max(k, chosen.j), _coordinated(toks, actors, chosen)
        return None

    def _event(self, doc: Document, index: int, toks: list[Token], t: int, pattern: Pattern, source: ActorSpan,
               target: ActorSpan | None, negated: bool, when, place, reporter: ActorSpan | None) -> Event:
        info = lookup(pattern.cameo)
        trigger = toks[t]
        ends = [trigger.end, source.entity.end] + ([target.entity.end] if target else [])
        begins = [trigger.start, source.entity.start] + ([target.entity.start] if target else [])
        start, end = min(begins), max(ends)
        adjacency = 1.0 if abs(source.i - t) <= 2 or abs(t - source.j) <= 1 else 0.6
        confidence = 0.35 + 0.25 * adjacency + (0.1 if pattern.context else 0.0) + (0.1 if target else 0.0)
        confidence += 0.15 * min(source.entity.score, target.entity.score if target else 1.0)
        return Event(
            cameo=pattern.cameo, name=info.name, root=info.root, quad_class=info.quad_class,
            goldstein=info.goldstein, plover=info.plover, plover_mode=info.plover_mode,
            source=source.as_dict(), target=target.as_dict() if target else None, sentence=index,
            trigger={"start": trigger.start, "end": trigger.end, "text": trigger.text},
            evidence={"start": start, "end": end, "text": doc.text[start:end]},
            date=when.date if when else doc.date,
            date_precision=when.precision if when else ("day" if doc.date else None),
            location=place, negated=negated,
            reported_by=({"start": reporter.entity.start, "end": reporter.entity.end, "text": reporter.entity.text,
                          "code": reporter.code} if reporter else None),
            confidence=min(confidence, 0.95), rule=pattern.source,
        )


def _actor_spans(toks: list[Token], entities: list[Entity]) -> list[ActorSpan]:
    """Actor entities as token spans; a title and the name it introduces are one actor
    (الرئيس الروسي فلاديمير بوتين)."""
    starts = [t.start for t in toks]
    out: list[ActorSpan] = []
    for e in entities:
        i, j = token_span(starts, e.start, e.end)
        if i >= j:
            continue
        if out and out[-1].j == i and out[-1].code[:3] == e.actor["code"][:3] and e.label == "PER":
            out[-1] = ActorSpan(out[-1].i, j, e)  # the name's own (dated) code wins
            continue
        out.append(ActorSpan(i, j, e))
    return out


def _context_forms(toks: list[Token], stems: list[str]) -> list[tuple[str, ...]]:
    """The forms a word offers as context: its stem, without an accusative alef (انتهاكا), and with its
    ta marbuta restored before a pronoun (مسؤوليت+ه → مسووليه)."""
    out = []
    for token, stem in zip(toks, stems, strict=True):
        forms = [stem]
        if stem.endswith("ا") and len(stem) > 3:
            forms.append(stem[:-1])
        if stem.endswith("ت") and token._rel and token._rel[-1][3] == "enclitic":
            forms.append(stem[:-1] + "ه")
        out.append(tuple(forms))
    return out


def _symmetric(cameo: str) -> bool:
    """Events both sides do to each other: meetings, agreements, cooperation, clashes (بين X و Y)."""
    return cameo[:2] in SYMMETRIC_ROOTS or cameo in SYMMETRIC_CODES


def _same_actor(a: str, b: str) -> bool:
    """A country and its own government, or two mentions of one body, are not a source-target pair;
    different bodies of one country are (IRQOPP → IRQGOV)."""
    return a == b or (a[:3] == b[:3] and (len(a) == 3 or len(b) == 3 or a[3:6] == b[3:6]))


def _is_definite(token: Token) -> bool:
    return any(role == "proclitic" and norm == "ال" for _, _, norm, role in token._rel)


def _group_ending(toks: list[Token], actors: list[ActorSpan], last: ActorSpan) -> list[ActorSpan]:
    """The coordinated group an actor closes (كوريا الجنوبية والولايات المتحدة → both)."""
    for a in actors:
        group = _coordinated(toks, actors, a)
        if last in group:
            return group[: group.index(last) + 1]
    return [last]


def _break_between(toks: list[Token], a: int, b: int, words: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a clause boundary (. ؛ : or a word such as حيث) lies between token a and token b."""
    return any((toks[k].kind == "punct" and toks[k].norm in CLAUSE_BREAKS) or toks[k].stem in words
               for k in range(min(a, b), max(a, b)))


def _coordinated(toks: list[Token], actors: list[ActorSpan], first: ActorSpan) -> list[ActorSpan]:
    """An actor and those joined to it by و or a comma (كوريا الجنوبية والولايات المتحدة)."""
    group = [first]
    for a in actors:
        if a.i <= group[-1].i:
            continue
        gap = toks[group[-1].j:a.i]
        starts_with_and = any(role == "proclitic" and norm == "و" for _, _, norm, role in toks[a.i]._rel[:1])
        if (not gap and starts_with_and) or (len(gap) == 1 and gap[0].norm in (",", "و")):
            group.append(a)
        else:
            break
    return group


def _location(toks: list[Token], stems: list[str], actors: list[ActorSpan]) -> dict | None:
    """The first place named after في in the sentence, with its country when it is known."""
    for a in actors:
        label = a.entity.label
        if label in ("LOC", "GPE") and a.i > 0 and stems[a.i - 1] == "في":
            e = a.entity
            return {"start": e.start, "end": e.end, "text": e.text, "country": e.actor.get("country")}
    return None
