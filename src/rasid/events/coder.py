"""The event coder (a pipeline component after the actors): triggers from the pattern dictionary, source
and target from the clause (VSO and SVO order, the genitive of a verbal noun, prepositions, بين X و Y,
coordination, the speaker of reported speech), negation, dates, places and the news agency cited; then,
over the document, a denial answers its accuser and an event with no target takes the one its actor's
earlier event of that kind had."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property, lru_cache

from rasid.actors import MEDIA_SECTOR
from rasid.datafiles import builtin, read_tsv
from rasid.document import Document, Entity, Event, Token, is_implied, token_span
from rasid.events.dates import TimeExpression, period_end, precision_of, resolve, time_words
from rasid.events.ontology import lookup
from rasid.events.patterns import Pattern, PatternDictionary, load_function_words, load_future_intents
from rasid.events.specific import YEAR, SentenceView, SpecificityModel, features, specificity_words
from rasid.text.dateline import dateline_end
from rasid.text.segment import load_clitics
from rasid.text.tokenize import (
    COMMAS,
    CONJUNCTIONS,
    Tokenizer,
    definite_key,
    has_enclitic,
    has_proclitic,
    has_pronoun,
    is_definite,
    unsplit_conjunction,
)

SOURCE_AFTER = 2  # a VSO subject stands right after its verb (an adverb may come between)
MAX_ADVERBIAL_SPAN = 8  # tokens a verb and its subject may have between them when all are adverbials
SOURCE_BEFORE = 10  # an SVO subject within this many tokens before it
NOUN_SOURCE_BEFORE = 8  # the agent of an indefinite verbal noun: شنت الطائرات الإسرائيلية غارات
ARMED_SECTORS = {"MIL", "COP", "SPY"}  # the forces that announce the deaths they caused
NONSTATE_ARMED = {"REB", "UAF", "INS"}  # rebels, unaligned armed forces, insurgents
MILITANT_GROUP = "IMG"  # CAMEO's international militant groups (IMGMUSISI)
VIOLENT_ROOTS = {"18", "19", "20"}  # assault, fight, mass violence: a speaker reports them, and is not their agent
PATIENT_GENITIVE_ROOTS = {"15", "16", "17", "18", "19", "20"}  # the genitive of these nouns is the target
DESTINATION_GENITIVE = {"042"}  # a place in the genitive of these nouns is where one goes: زيارة الإمارات
NOUN_AFTER_VERB = 3  # a verbal noun this close after an event verb is its complement
TARGET_WINDOW = 12
OBLIQUE_MIN = 6  # a plural in -ين has at least this many letters (محتجين); الأمين، حسين are no plurals
AGENT_AFTER = 6  # من قبل X or نفذه X within this many tokens after the act
MIN_NOUN_LETTERS = 3  # a shorter stem is a particle or a clitic left over (في، من، اف), never a noun of its own
UNDERGO_SPAN = 10  # a verb of undergoing this far before the verbal noun it takes (تعرضت السفينة السعودية لهجوم)
DOER_SPAN = 20  # a verb of doing this far before the verbal noun it governs (وجهت X، خلال ...، انتقادا)
INTENT_WINDOW = 3  # a word of intent this close before a verbal noun (عزمه على زيارة) makes it an intent
COMITATIVE_WINDOW = 2  # مع this close after a meeting noun (المحادثات الثنائية مع ترامب)
CASUALTY_GAP = 4  # a casualty verb's victims stand this close after it (أصيب خمسة من عناصر الشرطة)
DIRECT_OBJECT_GAP = 2  # a direct object stands within this many words after the verb and its subject
SPEAKER_TITLE = 4  # a speech verb this close before an actor makes it the speaker (قال مدير المرصد رامي)
QUOTE_MARKS = frozenset('"«»“”')  # quotation marks, as tokens normalise them or not
CONTEXT_WINDOW = 15
RECENT_DAYS = 14  # an act dated further back than this before its article is history, not news
CLAUSE_BREAKS = {".", "?", "!", ";", ":", "؟", "؛"}
SYMMETRIC_ROOTS = {"06", "19"}  # cooperate, fight
MUTUAL_ONLY_BETWEEN = {"19"}  # coordinated subjects fight each other only after بين (not وجهت أمريكا وبريطانيا ضربات)
SYMMETRIC_CODES = {"030", "036", "040", "041", "044", "046", "050", "057"}  # meet, talk, agree (042 is one-way)
RECIPROCAL_CODES = {"040", "041", "044", "046",  # a meeting or talks with someone are that one's too,
                    "060", "061", "062", "063"}  # and so is joint cooperation (تدريبات مشتركة تجريها X مع Y)
PROTEST_ROOT = "14"
LAM_AGENT_ROOTS = {"04"}  # visits and meetings: their indefinite noun takes its agent with ل (زيارة لوزير); after
# other nouns ل marks whom the act is for (تبرعات للرئيس، دعم للحكومة، تنازلات للمعارضة)
STATEMENT_ROOT = "01"  # a statement's outlet after ل is whom it was made to (في تصريح لفرانس24), no target
CIVILIANS = "CVL"
DENY = "016"  # deny responsibility
ACCUSE_ROOT = "11"  # disapprove, criticise, accuse: what a denial answers
ACCUSING_CODES = ("128", "13", "170", "171", "173", "174", "175", "176", "18", "19", "20")  # defying the law,
# threats and force: reporting one accuses (not 172, an administrative sanction such as a dismissal)
SANCTION = "172"  # ... which accuses only when the speaker suffers it
ACCUSE = Pattern("112", "verb", frozenset(), "rule: a speaker reporting another actor's hostile act accuses it")
ASSAULT, PROTEST = "ASSAULT", "PROTEST"
UNATTRIBUTED_CODES = ("180", "181", "183", "185", "186")  # bombings, abductions, assassinations: the violence an
# unnamed attacker does (not beatings and torture, 182, nor human shields, 184: a captor's or a guard's acts)
CAPTOR_CODES = ("1821", "1822", "184")  # rape, torture, human shields: suffered at a captor's hands, not a stranger's
IMPLIED_SECTORS = {ASSAULT: "UAF",  # CAMEO's armed forces aligned with no government: an attack's unnamed maker
                   PROTEST: "OPP"}  # protesters, as the actor dictionary codes المتظاهرون
EXPLOSIVE_AFTER = 3  # the explosive after an explosion verb stands this close to it (انفجرت سيارة مفخخة)
OCCUR_SPAN = 4  # an occurrence verb this close before a protest noun (اندلعت في نواكشوط مظاهرات)
CROWD_SPAN = 4  # the words a counted crowd after a protest verb may take (تظاهر حوالي خمسة آلاف شخص)
FILTERED = {PROTEST, ASSAULT}  # the PLOVER types the specificity model checks
PLACE_LABELS = {"LOC", "GPE", "FAC"}
COOPERATION_ROOTS = {"03", "04", "05", "06", "07", "08"}  # the acts done "between the two countries" with the other
MEDIATE = "045"
IMPERFECT = ("ي", "ت", "ن")  # the prefixes of an imperfect verb after ل (ليخطف، لتزور، لنرفض; the first person's أ
# is left out: لاستضافتها، لإدانته are verbal nouns, whose stems the segmenter leaves looking like perfect verbs)
IMPLIED_DOER_SPAN = 12  # a verb of doing this far after an act names its maker (انفجر أحد الألغام التي زرعتها X)
FOIL_SPAN = 4  # a word of foiling this close before an act (أحبطت القوات الباكستانية إحدى الهجمات) negates it
CLAIM = "015"  # claim responsibility (تبنى الهجوم): the claimant made the attack
CLAIM_SPAN = 4  # the attack a claim names stands this close after its verb and subject (أعلنت الحركة مسؤوليتها عن
# الهجوم)
COERCE_ROOT = "17"  # arrest, dismiss, seize: a pronoun on the noun is its patient (اعتقاله، إقالته)
PARTNER_CODES = ("04", "036")  # a visit or meeting, done or intended, has a partner: with none named, no domestic act


@dataclass
class Victim:
    """An actor a casualty verb at token `verb` reports as hit."""

    verb: int
    span: ActorSpan


@dataclass
class ActorSpan:
    """An entity with an actor, located by token index in its sentence."""

    i: int
    j: int
    entity: Entity
    implied: bool = False  # an actor the sentence implies but does not name: its span is null
    code: str = field(init=False)

    def __post_init__(self) -> None:
        self.code = self.entity.actor["code"]

    def as_dict(self) -> dict:
        """The actor of an event side, with the mention's span (null for an implied actor)."""
        e = self.entity
        if self.implied:
            return {**e.actor, "start": None, "end": None, "text": None}
        return {**e.actor, "start": e.start, "end": e.end, "text": e.text}


@dataclass
class EventCoder:
    """Fill `doc.events` with CAMEO/PLOVER events from each sentence."""

    patterns: PatternDictionary
    words: dict[str, set[str]]
    specific: SpecificityModel | None = None  # drops PROTEST/ASSAULT mentions that report no actual event
    record: list[tuple[Event, dict[str, float]]] | None = None  # (event, features) of each candidate, for training
    intents: dict[str, str] = field(default_factory=load_future_intents)  # root → intent code of a future verb
    name: str = "events"
    requires: tuple[str, ...] = ("tokens", "sentences", "entities")
    assigns: tuple[str, ...] = ("events",)

    @classmethod
    def default(cls) -> EventCoder:
        """The coder with the package's pattern dictionary."""
        return cls(PatternDictionary.default(), load_function_words(), SpecificityModel.load())

    def __call__(self, doc: Document) -> Document:
        entities = sorted(doc.entities, key=lambda e: e.start)
        actors = [e for e in entities if e.actor]
        places = [e for e in entities if e.label in PLACE_LABELS]
        names = [e for e in entities if e.label == "PER" and not e.actor]  # دانا وايت: a name holds no trigger
        actor_starts, place_starts = [e.start for e in actors], [e.start for e in places]
        name_starts = [e.start for e in names]
        events: list[Event] = []
        carried: list[list[ActorSpan]] = [[]]  # the last speaker, for a next sentence that opens with واعتبر أن
        pair, between = self.words.get("pair", ()), self.words.get("symmetric", ())
        paired: set[tuple[int, int]] = set()  # (sentence, offset) of each word for "the two countries"
        home = _home_country(actors)
        for index, sent, toks in doc.sentence_tokens():
            spans = _actor_spans(toks, _within(actors, actor_starts, sent.start, sent.end))
            if not spans:
                if not self._opens_with_speech(toks):
                    carried[0] = []
                if not self._may_report_unnamed_act(toks):
                    continue
            located = _placed(toks, _within(places, place_starts, sent.start, sent.end))
            named = _token_set(toks, _within(names, name_starts, sent.start, sent.end))
            found = self._sentence(doc, index, toks, spans, located, carried, named, home)
            if found:  # بين البلدين: where "the two countries" stand, for events that may need the other of them
                paired.update((index, t.start) for k, t in enumerate(toks) if definite_key(t) in pair and k > 0
                              and toks[k - 1].stem in between)
            events.extend(found)
        events = _pair_targets(_carry_targets(_answer_accusations(events)), actors, paired)
        doc.events = _domestic_targets(events)
        return doc

    def _sentence(self, doc: Document, index: int, toks: list[Token], actors: list[ActorSpan],
                  located: bool = False, carried: list[list[ActorSpan]] | None = None,
                  named: frozenset[int] = frozenset(), home: str | None = None) -> list[Event]:
        dateline = dateline_end(toks)
        posting, envoys = self.words.get("posting", ()), self.words.get("envoy", ())
        posted = {a.j for a in actors if any(x.stem in envoys for x in toks[max(0, a.i - 1):a.j])}  # السفيرة الأمريكية
        actors = [a for a in actors if a.i >= dateline and not (  # دبي، الإمارات (CNN)-- : where it was filed
            a.i > 0 and self._agentless_noun(toks[a.i - 1]) and _adjective_role(toks, a.i - 1, a)) and not (
            toks[a.i - 1].stem in posting and a.i - 1 in posted)]  # لدى الأمم المتحدة: the envoy's posting
        if toks[-1].norm == "?" or not (actors or self._may_report_unnamed_act(toks)):  # a question reports no event
            return []
        stems = [t.stem for t in toks]
        context: list[tuple[str, ...]] = []  # the context forms, built when a pattern first needs them
        reporter = self._reporter(toks, stems, actors)
        sources_pool = [a for a in actors if a is not reporter]
        victims = self._victims(toks, stems, sources_pool)  # قتل جنود أتراك في هجوم: who was hit is no agent
        agents_pool = [a for a in sources_pool if not any(a is v.span for v in victims)
                       and a.entity.label != "LOC"]  # a place that is no state acts on nothing (الغوطة الشرقية)
        speaker = self._speaker(toks, stems, agents_pool)
        if carried is not None:
            if carried[0] and (self._opens_with_speech(toks) or self._opens_without_subject(toks, actors)):
                # وأضاف أن ...، واتهم إيران بـ: the same speaker goes on
                if speaker is None:
                    speaker = (-1, [ActorSpan(-1, -1, a.entity) for a in carried[0]])
            else:  # but وأشار إلى أن التحالف أكد: who the speaker quotes does not take over the next sentence
                carried[0] = speaker[1] if speaker else []
        when: TimeExpression | bool | None = False  # resolved on the first event: most sentences have none
        place = _location(toks, stems, actors)
        inside = {k for a in actors for k in range(a.i, a.j)} | named
        places = {a.j - 1 for a in actors if a.entity.label == "LOC"}  # the last word of each place (no state)
        out: dict[tuple, Event] = {}
        view: SentenceView | None = None
        subject: list[ActorSpan] = []  # the subject of the last verb, shared by verbs conjoined to it
        verb_at, failed = -10, -10  # the last event verb; the last protest or attack verb that found no actor
        for t, token in enumerate(toks):
            if token.kind != "word" or t in inside:
                continue
            pattern, pos = self._pattern(stems, t, token, context, toks)
            if pattern is None:
                continue
            if pattern.cameo == "010" and stems[t] in self.words.get("speech", ()):
                continue  # قال X إن ...: the statement is coded through what it reports
            after_failed = pos == "noun" and 0 < t - failed <= NOUN_AFTER_VERB  # right after a verb with no actor
            released = after_failed and lookup(pattern.cameo).plover in FILTERED
            if pos == "noun" and (t - verb_at <= NOUN_AFTER_VERB or self._complement(toks, stems, inside, verb_at, t)) \
                    and not (stems[verb_at] in self.words.get("casualty", ()) and (
                        self._cause(token) or self._cause(toks[t - 1]))) and not released:  # but قتل خمسة في غارات:
                continue  # the cause; تدرس إجراء تدريبات: the noun is the verb's complement, not an event of its own
                # (but وخرجت مسيرات شعبية: the protest or attack noun of a verb that found no actor is read alone)
            if pos == "noun" and t > 0 and stems[t - 1] in self.words.get("halt", ()):
                continue  # بتجميد التجارب النووية: the tests are what is frozen, not a test
            if pos == "noun" and t + 1 < len(toks) and _bare(toks[t + 1]) in self.words.get("non_physical", ()) and (
                    lookup(pattern.cameo).plover == ASSAULT):
                continue  # تعرضت لهجوم إلكتروني، فيروسي: an attack on computers, not on people or places
            if pos == "noun" and t > 0 and has_proclitic(token, "ب") and self._charge(stems, t - 1, toks):
                continue  # اتهامات بمساعدة التنظيم: what the charge says was done, not an act of its own
            if pos == "verb":
                verb_at = t
            patient = self._undergone(toks, sources_pool, t, pattern.cameo) if pos == "noun" else None
            if self._background(toks, stems, t, pos, pattern.cameo, patient is not None) or (
                    pos == "noun" and _adjective_position(toks, t, inside, places)):
                continue
            act = pattern.cameo  # the act itself decides symmetry: a future visit (036) is still one-way
            if pattern.cameo[:2] in self.intents and (self._future(toks, stems, t) if pos == "verb" else any(
                    s in self.words.get("intent", ()) for s in stems[max(0, t - INTENT_WINDOW):t])):
                pattern = replace(pattern, cameo=self.intents[pattern.cameo[:2]])  # سيلتقي، عزمه زيارة: an intent
            negated = self._negated(toks, t, pos)
            if pos == "participle" and self._adjectival(toks, stems, t):
                continue  # صوتا رافضا، شركات صينية متهمة، 72 متهماً: an adjective or noun, not a حال
            hit = [v for v in victims if v.verb == t]
            if not actors:  # a sentence that names no actor reports at most an attack by someone it does not name
                sources, after = [], False
            elif patient is not None:  # تعرض رجل سوري للضرب: the man suffered it; only a named agent did it
                sources, after = self._agent(toks, agents_pool, t, pos), False
            elif hit:  # قتل جنديان إسرائيليان برصاص مسلحين فلسطينيين: only a named agent is the source
                sources, after = self._agent(toks, agents_pool, max(v.span.j for v in hit) - 1, "noun"), False
                if not sources and speaker and speaker[0] < t and self._pronoun_that(toks, t):
                    sources = speaker[1]  # أعلنت واشنطن أنها قتلت عشرات المسلحين في ضربات: the speaker did it
                touching = [a for a in agents_pool if a.j == t]
                if not sources and touching and all(v.span.i > t for v in hit):
                    sources = _group_ending(toks, agents_pool, touching[-1])  # إن جنوده قتلوا ثلاثة مسلحين
            elif pos == "participle":  # وقال ظريف ...، متهما إسرائيل: the speaker, else the clause's subject
                sources = speaker[1] if speaker and speaker[0] < t else (
                    subject or self._sources(toks, agents_pool, t, pos, speaker, act)[0])
                after = False
            elif pos == "noun" and subject and _purpose(token) and not _break_between(toks, verb_at, t):
                sources, after = subject, False  # تجمع المتظاهرون أمام مقر الحكومة للاحتجاج: the gathering's aim
            elif pos == "noun" and subject and t > 0 and has_proclitic(token, "ب") and _conjoined(toks[t - 1]) and (
                    toks[t - 1].stem in self.words.get("light_verb", ())):  # زار الوزير سوريا وقام بتهنئة الأسد:
                sources, after = subject, False  # the subject of the verb the light verb is joined to
            else:  # a released noun takes no actor from before its failed verb (الباحث الذي شن الهجوم: not the
                pool = [a for a in agents_pool if a.i > failed] if after_failed else agents_pool  # police that
                sources, after = self._sources(toks, pool, t, pos, None if after_failed else speaker, act)  # question
                # him; قتل أثناء استجوابه: not the victim either)
            if pos == "verb" and subject and not (after or _touching(sources, t)) and (
                    _conjoined(token) or (speaker is not None and speaker[0] < t and (sources == speaker[1] or (
                        not sources and act[:2] in VIOLENT_ROOTS and not self._relative_verb(stems, t)
                        and not self._non_actor_subject(toks, agents_pool, t))))):
                sources = subject  # رفضت الميليشيات ... حيث شنت ... وهددت: a verb without a subject shares it
            between = False
            if _symmetric(act) and (not sources or (pos == "noun" and not after and not hit)):
                sides = self._between(toks, stems, agents_pool, t)  # قمة بين مون وكيم
                if sides:  # مقتل ثلاثة فلسطينيين في قتال ... بين الجيش الإسرائيلي وحماس: the two sides fought
                    sources, after, between = sides, True, True
            if sources and pos == "noun" and act[:2] == PROTEST_ROOT and all(
                    a.entity.label == "LOC" or definite_key(toks[a.i]) in _place_names() for a in sources) and (
                    self._occurred(toks, stems, t)):
                sources = []  # شهدت نواكشوط مظاهرات: the place where protests took place, not who protested
            if not sources and pos == "noun" and act[:2] in VIOLENT_ROOTS and patient is None:
                sources = [a for a in agents_pool if a.i == t + 1 and _armed(a) and self._genitive_agent(toks, a)]
            sector = None if sources else self._unattributed(toks, stems, t, pos, pattern, patient)
            if sector is not None and when is False:
                when = resolve(toks, doc.date)
            if sector is not None and self._long_ago(toks, doc.date, when):
                sector = None  # تفجير وقع في شباط 2016 بأنقرة: history is told with its actors, or not guessed
            doer = self._named_doer(toks, agents_pool, t) if sector is not None else []
            if doer:  # انفجر أحد الألغام التي زرعتها ميليشيات الحوثي: the sentence names who set it
                sources, sector = doer, None
            implied = sector is not None
            if implied:  # انفجرت سيارة مفخخة، اندلعت مظاهرات في نواكشوط: an act by someone the sentence does not name
                sources = [self._implied_actor(toks, actors, place, t, sector, home)]
            if not sources:
                if pos == "verb" and lookup(act).plover in FILTERED:  # a protest or attack verb with no actor
                    failed = t
                continue
            if pos == "verb" and not hit and not implied:
                subject = sources
            targets = [] if between else [v.span for v in hit] or patient or self._targets(
                toks, stems, sources_pool, t, sources, after)  # بين X و Y: each other's
            if implied:  # the victims, the genitive or a marked object (قتل تسعة مدنيين في انفجار، تفجير الكنيسة،
                hurt = [v.span for v in victims] if lookup(act).plover == ASSAULT else []
                targets = patient or hurt or [a for a in targets if a.i == t + 1 or has_proclitic(toks[a.i], "ل") or (
                    stems[a.i - 1] in self.words.get("target_prep", ()))]  # هجوم على قافلة): not who claimed or
                # reported it (وتبنت حركة الشباب الهجوم، حسبما ذكرت وزارة الصحة)
            symmetric = len(sources) > 1 and _symmetric(act) and (between or act[:2] not in MUTUAL_ONLY_BETWEEN)
            named_targets = targets  # those the clause names, before any guess
            if not targets and not symmetric and not implied:  # no object: the nearest actor of another country
                others = [a for a in sources_pool if a not in sources and a.code[:3] != sources[0].code[:3]]
                if others:
                    targets = [min(others, key=lambda a: abs(a.i - t))]
            pairs = [(s, tg) for s in sources for tg in (targets or [None])]
            if symmetric and not targets:  # التقى X و Y: each met the other
                pairs = [(s, o) for s in sources for o in sources if o is not s]
            if pattern.cameo in RECIPROCAL_CODES:  # اجتمع X مع Y: Y met X as well (not an intent, a guess or a place)
                pairs += [(tg, s) for s in sources for tg in named_targets if self._partner(toks, tg)]
            for source, target in pairs:
                if target is not None and _same_actor(source.code, target.code):
                    continue
                if act[:2] == PROTEST_ROOT and _sector(source) in ARMED_SECTORS and not (
                        pos == "verb" and stems[t] in self.words.get("protest_verb", ()) and not has_pronoun(token)):
                    continue  # أغلقت الشرطة الطرق، تجمعت الشرطة: the police block and gather, they do not protest
                    # (but تظاهر عشرات من رجال الشرطة للمطالبة بزيادة رواتبهم)
                if when is False:
                    when = resolve(toks, doc.date)
                event = self._event(doc, index, toks, t, pattern, source, target, negated, when, place, reporter)
                if event.plover in FILTERED and (self.specific is not None or self.record is not None):
                    view = view or SentenceView.build(toks, stems, located)
                    feats = features(view, t, pos, pattern.cameo[:3], negated, bool(speaker and speaker[0] < t),
                                     bool(source.entity.actor.get("inferred")), target is not None, after)
                    if self.record is not None:
                        self.record.append((event, feats))
                    if self.specific is not None and not self.specific.keeps(event.plover, feats):
                        continue
                key = (source.code, target.code if target else None, pattern.cameo, negated)
                if key not in out or out[key].confidence < event.confidence:
                    out[key] = event
        out = _claimed(out, doc.text, [e for e in out.values() if self._claims_this_attack(toks, e)])
        if speaker:
            for event in self._accusations(doc, index, toks, stems, sources_pool, speaker, list(out.values()),
                                           place, reporter):
                key = (event.source["code"], event.target["code"], event.cameo, False)
                out.setdefault(key, event)
        return list(out.values())

    def _pattern(self, stems: list[str], t: int, token: Token | None = None,
                 context: list[tuple[str, ...]] | None = None,
                 toks: list[Token] | None = None) -> tuple[Pattern | None, str]:
        """The most specific pattern the word at t starts; an empty `context` list is filled from `toks`."""
        stem = stems[t]
        candidates = self.patterns.triggers.get(stem)
        if stem.endswith("ي") and token is not None and has_pronoun(token) and not candidates:  # لقائه: the hamza
            candidates = self.patterns.triggers.get(stem[:-1] + "ء")  # sits on ي before a pronoun (لقاء)
        if stem.endswith("ت") and token is not None and has_pronoun(token):  # زيارت+ه is زيارة with a pronoun
            nouns = self.patterns.triggers.get(stem[:-1] + "ه", [])
            if not candidates or (_written_as_noun(token) and any(
                    p.cameo[:2] in PATIENT_GENITIVE_ROOTS for p in nouns)):  # إقالته، اعتقاله: no verb (أقالته)
                candidates = nouns or candidates
        if not candidates and t > 0 and stems[t - 1] == "لم":
            candidates = self.patterns.jussive.get(stem)  # لم يزر
        if not candidates and len(stem) > 4 and stem[0] in CONJUNCTIONS:
            candidates = self.patterns.triggers.get(stem[1:])  # واعتصم: a conjunction the segmenter left on
        if not candidates and token is not None and len(token._rel) == 2 and has_proclitic(
                token, CONJUNCTIONS[1]):  # فجرا نفسيهما: a root letter the segmenter took for the ف of فقتل
            candidates = [p for p in self.patterns.triggers.get(token.norm, ()) if p.pos == "verb"]
        if not candidates and stem.endswith("ا") and stem[:-1] in self.words.get("purpose", ()):
            candidates = [p for p in self.patterns.triggers.get(stem[:-1], ()) if p.pos == "noun"]  # احتجاجا
        if candidates and token is not None and (is_definite(token) or has_proclitic(token, "ب")):
            candidates = [p for p in candidates if p.pos == "noun"]  # القاضي is no verb (قاضى), nor is بقصف
        elif candidates and token is not None and has_proclitic(token, "ل") and token.stem[:1] not in IMPERFECT:
            candidates = [p for p in candidates if p.pos == "noun"]  # لخطف جنود: ل takes a noun or an imperfect
            # verb (ليخطف), never a perfect one
        elif candidates and t > 0 and toks is not None and self._act_head(toks[t - 1]):
            candidates = [p for p in candidates if p.pos == "noun"] or candidates  # بقرار طرد دبلوماسييهم: a
            # genitive; but حملة اعتقلت خلالها: a verb with no noun reading opens a relative clause
        if not candidates:
            return None, ""
        if any(p.context for p in candidates):
            if context is None:
                context = [(s,) for s in stems]
            elif not context and toks is not None:  # the caller's lazy list: filled once per sentence
                context.extend(_context_forms(toks, stems))
            window = {w for forms in context[max(0, t - CONTEXT_WINDOW):t + CONTEXT_WINDOW + 1] for w in forms}
            usable = [p for p in candidates if not p.context or p.context & window]
        else:
            usable = candidates
        if not usable:
            return None, ""
        # the most specific reading; among equals, the one more of whose context words are here
        best = max(usable, key=lambda p: (p.specificity, len(p.context & window) if p.context else 0))
        return best, best.pos

    def _act_head(self, tok: Token) -> bool:
        """Whether a word is a noun that heads a construct whose genitive is a verbal noun (قرار، محاولة، حملة, and
        the support nouns قيام، إجراء)."""
        heads = self.words.get("act_head", set()) | self.words.get("support", set())
        return tok.kind == "word" and tok.stem in heads and _construct_head(tok)

    def _background(self, toks: list[Token], stems: list[str], t: int, pos: str, cameo: str = "",
                    undergone: bool = False) -> bool:
        """A hypothetical (لو، إذا، ربما، يمكن before the trigger), or a definite verbal noun inside a
        prepositional phrase (بالهجوم، من التفجير، للتشاور): the sentence talks about an event, it does not report
        one; but a protest is what a gathering for protest does (تجمعوا للاحتجاج على), and what an actor underwent
        happened (تعرضت السفينة للهجوم)."""
        hypothetical = self.words.get("hypothetical", ())
        if any((stems[k] in hypothetical and stems[k] != "قد")
               or (k > 0 and f"{stems[k - 1]} {stems[k]}" in hypothetical) for k in range(max(0, t - 3), t)):
            return True  # لو، يجب أن، في حال
        if any(s in self.words.get("according_to", ()) for s in stems[max(0, t - 3):t]):
            return True  # بحسب بيان أصدرته الوزارة: the source of the report, not an event
        qad = self.words.get("qad", ())
        if pos == "verb" and t > 0 and stems[t - 1] in qad and stems[t] in self.patterns.present:
            return True  # قد يهدد: قد with the imperfective is "may" (with the perfective, قد هدد, it asserts)
        if pos == "noun" and t > 0 and stems[t - 1] in self.words.get("any", ()):
            return True  # نفى أي تورط، لم يجر أي لقاء: "any" names no particular act
        if pos == "noun" and is_definite(toks[t]) and not (cameo[:2] == PROTEST_ROOT and _purpose(toks[t])) and (
                not undergone):  # but تعرضت السفينة للهجوم: an attack suffered
            has_prep = has_proclitic(toks[t], "ب", "ل")
            return has_prep or (t > 0 and stems[t - 1] in self.words.get("preposition", ()))
        return False

    def _future(self, toks: list[Token], stems: list[str], t: int) -> bool:
        """Whether a verb is in the future: the prefix س (سيلتقي) or سوف before it."""
        if has_proclitic(toks[t], "س"):
            return True
        return any(s in self.words.get("future", ()) for s in stems[max(0, t - 2):t])

    def _negated(self, toks: list[Token], t: int, pos: str) -> bool:
        """A negator just before the trigger (لم، لا، عدم، بعدم، بلا; ما only as a word of its own, not the ما
        of كما، بما، مما), or a word of foiling shortly before the act (أحبطت القوات إحدى الهجمات، أحبطت الشرطة خطف
        طائرة)."""
        negators, free = self.words.get("negator", ()), self.words.get("free_negator", ())
        if any(_bare(tok) in negators or (tok.stem in negators and tok.stem not in free)
               for tok in toks[max(0, t - (2 if pos == "verb" else 1)):t]):
            return True
        foil, begin = self.words.get("foil", ()), max(0, t - FOIL_SPAN)  # أحبطت القوات إحدى الهجمات: no attack
        return not _conjoined(toks[t]) and any(tok.stem in foil and not _break_between(toks, k, t)  # but not an
                                               for k, tok in enumerate(toks[begin:t], start=begin))  # act joined to
        # it by و (أحبطت القوات هجوما وقتلت ثلاثة مسلحين: the killing happened)

    def _sources(self, toks: list[Token], actors: list[ActorSpan], t: int, pos: str,
                 speaker: tuple[int, list[ActorSpan]] | None, cameo: str = "") -> tuple[list[ActorSpan], bool]:
        """The source group of a verb or verbal noun and whether it stands after the trigger (VSO, genitive) or
        before it (SVO): an agent named after the act first (من قبل X، هجوم نفذه X), then by part of speech."""
        agent = self._agent(toks, actors, t, pos)
        if agent:  # التدخل العسكري من قبل التحالف، هجوم مسلح نفذه مجهولون: the agent is named after the act
            return agent, False
        if pos == "noun" and self._unnamed_doer(toks, t):
            return [], False  # غارات جوية نفذتها ثلاث دول غربية: its doer is named, though no actor we know
        subjects = [a for a in actors if not self._prepositional(toks, a) and not _tanween_accusative(toks, a)
                    and not self._conjoined_to_prepositional(toks, actors, a)
                    and not self._attributed_to(toks, a)
                    and not (_sector(a) == MEDIA_SECTOR and cameo[:2] in PATIENT_GENITIVE_ROOTS)]
        # the media report force, they do not use it (أعلنت وكالة الأنباء الإيرانية اختطاف عدد من قوات التعبئة)
        # a subject is never after a preposition, nor an accusative (23 دبلوماسياً بريطانياً), nor a report's source
        breaks = self.words.get("clause_break", set())
        before = [a for a in subjects if a.j <= t and not _break_between(toks, a.j, t, breaks)
                  and not (_attribute(toks, actors, a) and not self._armed_subject(toks, a))]
        verb = self._quoting(toks, before[-1], t) if before and cameo[:2] in VIOLENT_ROOTS else None
        if verb is not None:  # قال مدير المرصد رامي عبد الرحمن "قتل القيادي: who quotes an attack did not attack
            before = [b for b in before if b.j <= verb]
        after = [a for a in subjects if t < a.i and self._gap(toks, t, self._nisba_head(toks, actors, a)[0] if (
            pos == "verb") else a.i) < SOURCE_AFTER + 2 * self._partitive(toks, a) and not _break_between(
            toks, t, a.i) and not (pos == "verb" and self._oblique(toks, a))]  # شنت طائرات حربية روسية غارات
        if pos == "noun":
            for a in subjects:
                head, adjectives = self._nisba_head(toks, actors, a)
                if head == t and (adjectives or toks[a.i].stem.endswith("يه") or cameo[:2] not in
                                  PATIENT_GENITIVE_ROOTS):  # قصف جوي إسرائيلي، غارة إسرائيلية (but مقتل إسرائيلي)
                    return _coordinated(toks, actors, a), True  # برعاية روسية وإيرانية وتركية
            return self._noun_sources(toks, actors, t, cameo, before, after, speaker)
        if pos == "participle":  # never the actor after it: that is its object
            near = [a for a in before if t - a.j < SOURCE_BEFORE]
            return (_group_ending(toks, actors, near[-1]), False) if near else ([], False)
        return self._verb_sources(toks, actors, t, before, after, speaker, cameo)

    def _verb_sources(self, toks: list[Token], actors: list[ActorSpan], t: int, before: list[ActorSpan],
                      after: list[ActorSpan], speaker: tuple[int, list[ActorSpan]] | None, cameo: str = ""
                      ) -> tuple[list[ActorSpan], bool]:
        """A verb takes the actor right before it when they touch (إن كيم زار), else the one right after it
        (زار كيم روسيا; not an envoy after a verb of expelling), else the nearest one before it in the clause, else
        the speaker of reported speech (for a violent act only through a pronoun on أن); none when a word that is no
        actor is its subject (دعت العائلة X، إن الغارات قتلت، وثائق تدين قطر)."""
        if self._pronoun_that(toks, t):
            after = []  # أنها دعت سفيرة ...: the pronoun on أن is the subject, what follows the verb its object
        if after and (self._disagrees(toks, t, after[0]) or self._plural_verb(toks[t])):
            after = []  # واتهم روسيا، سيزور فرنسا وإيطاليا: "he accused Russia", what follows is the object;
            # واتهموا روسيا: a verb before its subject is singular, so a plural one has its subject in it
        if after and toks[t].stem in self.words.get("envoy_verb", ()) and toks[after[0].i].stem in self.words.get(
                "envoy", ()):
            after = []  # وطردت السفير الكندي: the envoy is expelled; the subject is the clause's
        if after and self._subject_noun(toks, t, after[0]):
            return [], False  # دعت العائلة الحكومة الفرنسية: the family is the subject, the government the object
        subject_noun = None if has_pronoun(toks[t]) else self._noun_subject_after_that(toks, actors, t)
        if subject_noun is not None and speaker and speaker[0] < t and any(
                has_pronoun(x) for x in toks[subject_noun:t]):
            return speaker[1], False  # أن عمليتها العسكرية تستهدف X: "its operation", the speaker's
        if self._non_actor_subject(toks, actors, t):
            return [], False
        if before and (all(x.norm == '"' for x in toks[before[-1].j:t]) or (  # X "ستقطع: across a quotation mark
                toks[t - 1].stem in self.words.get("qad", ()) and all(
                x.norm in COMMAS or _bare(x) in self._auxiliaries for x in toks[before[-1].j:t - 1]))):
            # إن كيم زار، كان الرئيس، سانتوس، قد حث دوكي، أن الإنتربول كانت قد طالبت السلطات الصينية
            return _group_ending(toks, actors, before[-1]), False
        if t > 0 and toks[t - 1].stem in specificity_words().get("relative", ()) and not has_pronoun(toks[t]):
            # الدول التي طردت دبلوماسيين روس: a relative verb without a resumptive pronoun has the antecedent
            # (before الذي/التي) as its subject (with one, التي تمتلكها السعودية, the subject follows it);
            # when the antecedent is no actor, nothing else in the sentence is
            head = t - 2 if t > 1 and toks[t - 2].norm == "," else t - 1  # بريطانيا، التي أنحت
            antecedent = [a for a in actors if a.j == head]
            return (_group_ending(toks, actors, antecedent[-1]), False) if antecedent else ([], False)
        if after:
            return _coordinated(toks, actors, after[0]), True
        near = [a for a in before if t - a.j < SOURCE_BEFORE and not self._across_that(toks, a.j, t)]
        if near:  # but قال مسؤولون إن 130 فلسطينيا قد قتلوا وأصيب: the speaker is no subject across إن
            return _group_ending(toks, actors, near[-1]), False
        if speaker and speaker[0] < t and (cameo[:2] not in VIOLENT_ROOTS or self._pronoun_that(toks, t)):
            return speaker[1], False  # but قالت بريطانيا إن متسللين ... استهدفت: who reports an attack did not attack
        return [], False

    def _armed_subject(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether a lone nisba after a war machine (`armed_thing`: الطائرات الإسرائيلية) names the subject of a verb
        after it: the machine opens its clause or follows أن/إن (not تسقط الصواريخ الأمريكية وتستهدف: the object of
        an earlier verb)."""
        head = a.i - 1
        if toks[head].stem not in self.words.get("armed_thing", ()):
            return False
        opener = toks[head - 1] if head > 0 else None
        return opener is None or _is_break(opener) or opener.norm in COMMAS or opener.stem in self.words.get(
            "complementizer", ())

    def _quoting(self, toks: list[Token], a: ActorSpan, t: int) -> int | None:
        """The speech verb of which actor a is the speaker, when word t stands inside a quotation opened after it:
        a speech verb shortly before it, with no أن/إن between (قال المتحدث باسم الوزارة أشرف القدرة في بيان
        "استشهد), and no quotation mark of its own (ويذكر أن "تنظيم الدولة" كان قد سيطر: the name is quoted, not
        quoting); None when the quotation speaks in the first person (قصفت طائراتنا) or the speaker is armed (أعلنت
        قيادة الجيش الفرنسي "مقتل أو اعتقال" 20 متطرفا: it tells what it did)."""
        speech, that = self.words.get("speech", ()), self.words.get("complementizer", ())
        marks = [k for k in range(a.j, t) if toks[k].norm in QUOTE_MARKS]
        if len(marks) % 2 == 0 or (a.i > 0 and toks[a.i - 1].norm in QUOTE_MARKS) or _sector(a) in ARMED_SECTORS:
            return None  # t is not inside a quotation opened after the actor; an army tells what it did
        quote = toks[marks[-1] + 1:next((k for k in range(t, len(toks)) if toks[k].norm in QUOTE_MARKS), len(toks))]
        first_person = self.words.get("first_person", ())
        if any(x.stem in first_person or has_enclitic(x, *first_person) for x in quote):
            return None  # قال المتحدث باسم الجيش "قصفت طائراتنا": the speaker's side did it
        for k in range(a.i - 1, max(-1, a.i - 1 - SPEAKER_TITLE), -1):
            if toks[k].stem in that:
                return None
            if toks[k].stem in speech:
                return k
        return None

    def _disagrees(self, toks: list[Token], t: int, a: ActorSpan) -> bool:
        """Whether a masculine singular verb stands right before a feminine actor, which then cannot be its
        subject: a state or city (زار طهران، واتهم روسيا; the masculine states, العراق، لبنان, are listed) or a
        body named by a feminine noun (انتقد الحكومة); as subjects these take a feminine verb (اتهمت روسيا)."""
        stem = toks[t].stem
        if a.i != t + 1 or stem not in self.patterns.masculine or stem in self.patterns.feminine or has_pronoun(
                toks[t]) or self.patterns.starts(stem, "noun"):
            return False  # but قصف قوات النظام (a verbal noun), تلقى/تلقي (also "she throws"): either gender
        head = toks[a.i]
        if a.entity.label == "GPE":  # a state's or capital's name; not a nisba (الروس), a seat (الكرملين) or region
            key = definite_key(head)
            return key in _place_names() and key not in self.words.get("masculine_place", ())
        return a.entity.label == "ORG" and head.stem.endswith(("ه", "ات"))

    def _noun_sources(self, toks: list[Token], actors: list[ActorSpan], t: int, cameo: str,
                      before: list[ActorSpan], after: list[ActorSpan],
                      speaker: tuple[int, list[ActorSpan]] | None) -> tuple[list[ActorSpan], bool]:
        """A verbal noun takes its genitive (زيارة كيم); an indefinite one may take a near actor before it (شنت
        الطائرات الإسرائيلية غارات); the genitive of an attack or arrest is its patient (مقتل الجنود); a definite
        one with no genitive refers back to an event already told."""
        near = [a for a in before if t - a.j < NOUN_SOURCE_BEFORE and not self._event_genitive(toks, a) and (
            has_pronoun(toks[t]) or not self._across_that(toks, a.j, t))]
        # أعلن X أن اثنين أصيبا في هجوم: X is no attacker (but أعلنت X أن غاراتها: its pronoun is X)
        if speaker and toks[t].stem in self.words.get("death_noun", ()):
            own = any(has_pronoun(x) for x in toks[t + 1:t + 4])  # مقتل أحد جنوده: its own soldier
            near = [a for a in near if a not in speaker[1] or (_sector(a) in ARMED_SECTORS and not own)]
            # أعلنت وزارة الصحة مقتل اثنين: it reports the deaths (but أعلن الجيش مقتل 21 مسلحا: the army killed them)
        if cameo[:2] == COERCE_ROOT and has_pronoun(toks[t]) and not (
                t + 1 < len(toks) and has_proclitic(toks[t + 1], "ل")):  # but اعتقالها للرجل: its arrest of him
            return [], False  # قرار إقالته، اعتقاله: the pronoun is who was dismissed or arrested, the doer unnamed
        if cameo[:2] in PATIENT_GENITIVE_ROOTS:
            owner = [a for a in actors if a.i == t + 1 and has_proclitic(toks[a.i], "ل")]
            if owner and not is_definite(toks[t]):  # كمين للمتمردين، هجوم لطالبان: the agent comes with ل
                return _coordinated(toks, actors, owner[0]), True
            return (_group_ending(toks, actors, near[-1]), False) if near else ([], False)  # مقتل الجنود
        owner = self._lam_agent(toks, actors, t, cameo)
        if owner:  # زيارة لوزير الخارجية الروسي إلى دمشق، اتصال هاتفي للرئيس المصري مع: the agent comes with ل
            return owner, True
        if has_pronoun(toks[t]):  # إشادته: the pronoun is the genitive
            if before:
                return _group_ending(toks, actors, before[-1]), False
            return (speaker[1], False) if speaker and speaker[0] < t else ([], False)
        if after and (after[0].i == t + 1 or (after[0].i == t + 3 and self._partitive(toks, after[0]))) and (
                cameo in DESTINATION_GENITIVE) and (
                after[0].entity.label in PLACE_LABELS):  # اختتم رئيس الوزراء الهندي زيارة الإمارات
            return (_group_ending(toks, actors, near[-1]), False) if near else ([], False)
        governing, light = self._doer_subject(toks, actors, t) if not is_definite(toks[t]) else ([], False)
        if light:  # استهل الوزير المشاورات بتهنئة الإمارات: the light verb's subject does it (if named here), the
            return governing, False  # genitive is its object (but شنت القوات هجوما بمساندة X: X supports)
        if after and toks[t].stem in self.patterns.triggers and not (
                is_definite(toks[t]) and not (is_definite(toks[after[0].i]) and _singular_nisba(toks[after[0].i]))):
            return _coordinated(toks, actors, after[0]), True  # احتجاجا (indefinite accusative) has no genitive
            # a definite noun has none either: only its adjective names its agent (الوساطة المصرية), not the actor
            # after it (استهل المشاورات بتهنئة #الإمارات)
        if governing:  # ووجهت الأمم المتحدة، خلال تقريرها ...، انتقادا إلى: the subject of the verb of doing
            return governing, False
        if near and (not is_definite(toks[t]) or _purpose(toks[t])):  # خرج المتظاهرون للاحتجاج: the subject's aim
            return _group_ending(toks, actors, near[-1]), False
        if speaker and speaker[0] < t and _symmetric(cameo) and any(
                tok.stem in self.words.get("comitative", ()) for tok in toks[t + 1:t + 1 + COMITATIVE_WINDOW]):
            return speaker[1], False  # قال بوتين إن المحادثات مع ترامب: the speaker is the other party
        return [], False

    def _lam_agent(self, toks: list[Token], actors: list[ActorSpan], t: int, cameo: str) -> list[ActorSpan]:
        """The agent of an indefinite verbal noun of visiting or meeting (`LAM_AGENT_ROOTS`) that follows it with
        ل, past relational adjectives (زيارة لوزير الخارجية الروسي، اتصال هاتفي للرئيس المصري): a person, not a place
        (زيارة لروسيا: the destination) nor a body (اجتماع لمجلس الأمن حول سوريا: the body meets, with no one)."""
        if cameo[:2] not in LAM_AGENT_ROOTS or is_definite(toks[t]) or has_pronoun(toks[t]):
            return []
        k = t + 1
        while k < len(toks) and k - t <= 2 and _nisba_form(toks[k]):
            k += 1
        owner = [a for a in actors if a.i == k and has_proclitic(toks[k], "ل") and a.entity.label == "PER"]
        return _coordinated(toks, actors, owner[0]) if owner else []

    def _event_genitive(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether a place is the genitive of an event noun before it (بعد قمة سنغافورة): where that event was,
        never the agent of a later one."""
        if a.entity.label not in PLACE_LABELS or a.i == 0:
            return False
        head = toks[a.i - 1]
        return not is_definite(head) and self.patterns.starts(head.stem, "noun")

    def _partner(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether an actor is the other party of a meeting: after مع or بـ, or the verb's direct object, and no
        place (اجتماع لحلف الناتو، انضمت إلى الناتو، ضد التنظيم name no partner)."""
        comitative = self.words.get("comitative", set())
        if any(x.stem in comitative for x in toks[max(0, a.i - 2):a.i]):  # مع نظيره الروسي، مع نظرائهم الفنزويليين
            return True
        if has_proclitic(toks[a.i], "ب"):
            return True
        return not self._prepositional(toks, a) and a.entity.label not in PLACE_LABELS

    def _doer_subject(self, toks: list[Token], actors: list[ActorSpan], t: int) -> tuple[list[ActorSpan], bool]:
        """The subject of a verb of doing that governs an indefinite verbal noun later in its clause (شنت الطائرات
        الإسرائيلية ... غارات، وجهت الأمم المتحدة ... انتقادا), and whether that verb is a light verb with the noun
        after بـ (قام الوزير بتهنئة نظيره، الوزير شكري استهل المشاورات بتهنئة: its subject may stand before it)."""
        doers, breaks = self.words.get("doer", ()), self.words.get("clause_break", set())
        for k in range(t - 1, max(-1, t - DOER_SPAN), -1):
            if _is_break(toks[k], breaks):
                break  # وشنت إسرائيل ضربات، كما واجهت اتهاما: كما opens another clause
            if toks[k].stem in doers and not has_pronoun(toks[k]):
                light = toks[k].stem in self.words.get("light_verb", ()) and has_proclitic(toks[t], "ب")
                before = [a for a in actors if a.j == k and not self._prepositional(toks, a)]
                if light and before and not _conjoined(toks[k]):  # but زار الوزير سوريا وقام بتهنئة الأسد: the
                    return _group_ending(toks, actors, before[-1]), True  # actor before وقام is the last verb's object
                subject = [a for a in actors if a.i == k + 1 or (
                    k + 1 < a.i <= k + 4 and self._nisba_head(toks, actors, a)[0] == k + 1) or (
                    a.i == k + 2 < t and _construct_head(toks[k + 1]) and toks[k + 1].kind == "word"
                    and not toks[k + 1]._rel and not any(b.i <= k + 1 < b.j for b in actors)
                    and not self._prepositional(toks, a))]  # شنت طائرات روسية، شن طيران التحالف
                return (_coordinated(toks, actors, subject[0]), light) if subject else ([], light)
        return [], False

    def _targets(self, toks: list[Token], stems: list[str], actors: list[ActorSpan], t: int,
                 sources: list[ActorSpan], after: bool) -> list[ActorSpan]:
        begin = max([s.j for s in sources] + [t + 1]) if after else t + 1
        absorbed = {s.j for s in sources if _construct_head(toks[s.j - 1]) and not _named_person(s)
                    }  # قوات النظام: the genitive is the source's (a person's name heads no construct: شريف الجيش)
        told = any(p.cameo[:2] == STATEMENT_ROOT for p in self.patterns.triggers.get(stems[t], ()))
        window = [a for a in actors if begin <= a.i < begin + TARGET_WINDOW and a not in sources
                  and not (told and _sector(a) == MEDIA_SECTOR and has_proclitic(toks[a.i], "ل"))  # تصريح لفرانس24
                  and not (a.i in absorbed and any(a.code[:3] == s.code[:3] for s in sources))
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

    def _complement(self, toks: list[Token], stems: list[str], inside: set[int], verb: int, t: int) -> bool:
        """Whether only the verb's actors, prepositions, support nouns and punctuation stand between an event verb
        and a verbal noun (اتهمت قطر السعودية بـ"انتهاك"، حذرت X Y من مغبة القيام بتدريبات): the noun is the
        content of the verb."""
        if verb < 0:
            return False
        light = self.words.get("preposition", set()) | self.words.get("support", set())
        return all(k in inside or toks[k].kind != "word" or stems[k] in light or len(stems[k]) < 2
                   for k in range(verb + 1, t))  # بـ written apart is a one-letter preposition

    def _between(self, toks: list[Token], stems: list[str], actors: list[ActorSpan], t: int) -> list[ActorSpan]:
        """The two sides of a symmetric event named after بين in its clause (عقد قمة بين مون وكيم)."""
        words = self.words.get("symmetric", ())
        for k in range(t + 1, min(t + TARGET_WINDOW, len(stems))):
            if toks[k].kind == "punct" and toks[k].norm in CLAUSE_BREAKS:
                break
            if stems[k] in words:
                first = [a for a in actors if k < a.i <= k + 2]
                group = _coordinated(toks, actors, first[0], self.words.get("group_head", set())) if first else []
                return group if len(group) > 1 else []
        return []

    def _prepositional(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether an actor stands in a prepositional phrase (بتونس, إلى روسيا, مع وزير الدفاع)."""
        first = toks[a.i]
        if has_proclitic(first, "ب", "ل", "ك"):
            return True
        if self._partitive(toks, a):  # عدد من المحتجين، كل من X و Y: the quantity's case is the actor's
            quantity = toks[a.i - 2]
            return has_proclitic(quantity, "ب", "ل", "ك") or (
                a.i > 2 and toks[a.i - 3].stem in self.words.get("preposition", ()))  # إلى كل من إيران وروسيا
        preps = self.words.get("preposition", ())
        if a.i > 0 and toks[a.i - 1].stem in preps and not is_definite(toks[a.i - 1]):  # في الجنوب X: a noun
            return not has_pronoun(toks[a.i - 1])  # وصادقت عليه الأمم المتحدة: عليه has its object already
        # على الأراضي السعودية، بالحدود الإيرانية: the genitive of a prepositional noun
        return a.i > 1 and toks[a.i - 1].kind == "word" and is_definite(toks[a.i - 1]) and (
            toks[a.i - 2].stem in preps or has_proclitic(toks[a.i - 1], "ب", "ل"))

    def _conjoined_to_prepositional(self, toks: list[Token], actors: list[ActorSpan], a: ActorSpan) -> bool:
        """Whether an actor is joined by و or a comma to one in a prepositional phrase (سفراءها في رومانيا والتشيك
        والمجر: the preposition governs the whole list)."""
        return any(g.i < a.i and self._prepositional(toks, g) and a in _coordinated(toks, actors, g)[1:]
                   for g in actors)

    def _agentless_noun(self, tok: Token) -> bool:
        """Whether a word is a verbal noun whose genitive would be its agent (تصريح، زيارة), not its patient (مقتل،
        هجوم): after one, a one-word role is its adjective (تصريح إعلامي "a media statement", no journalist), while
        after a noun of violence it is the victim (مقتل جندي) or the attacker the adjective implies (هجوم انتحاري)."""
        nouns = [p for p in self.patterns.triggers.get(tok.stem, ()) if p.pos == "noun"]
        return bool(nouns) and not any(p.cameo[:2] in PATIENT_GENITIVE_ROOTS for p in nouns)

    def _nisba_head(self, toks: list[Token], actors: list[ActorSpan], a: ActorSpan) -> tuple[int, bool]:
        """(The indefinite noun a lone nisba actor qualifies, whether adjectives stand between them) for طائرات
        حربية روسية، غارة إسرائيلية: the thing is that country's, the country its agent; (a.i, False) when the actor
        is no such adjective. The nisba agrees with its noun: feminine with a feminine or -ات plural noun."""
        tok = toks[a.i]
        if a.j - a.i != 1 or len(a.code) != 3 or a.i == 0 or tok._rel or not _singular_nisba(tok):
            return a.i, False
        inside = {k for b in actors for k in range(b.i, b.j)}
        h = a.i - 1
        while h > 0 and a.i - h <= 2 and not toks[h]._rel and h not in inside and _singular_nisba(toks[h]):
            h -= 1  # the adjectives between: جوي، حربية
        head = toks[h]
        if (head.kind != "word" or h in inside or is_definite(head) or has_pronoun(head) or head.stem.endswith("ا")
                or head.stem in self._function_words or not _agrees(head, tok)):
            return a.i, False  # استقبل وفدا أمريكيا: an accusative noun is the object
        return h, h < a.i - 1

    @cached_property
    def _doers_with_pronoun(self) -> frozenset[str]:
        """Verbs of doing with an object pronoun written as one unsplit word (شنه، نفذها; تبناه: a final ى is
        written ا before the pronoun)."""
        enclitics = [c.form for c in load_clitics(builtin("text", "clitics.tsv")) if c.slot == "enclitic" and c.auto]
        doers = self.words.get("doer", ())
        bases = set(doers) | {d[:-1] + "ا" for d in doers if d.endswith("ي")}  # normalised: ى is ي
        return frozenset(d + e for d in bases for e in enclitics)

    def _doer_pronoun(self, tok: Token) -> bool:
        """Whether a word is a verb of doing with an object pronoun, split (نفذه) or left whole (شنه، شنها)."""
        return (tok.stem in self.words.get("doer", ()) and has_pronoun(tok)) or tok.stem in self._doers_with_pronoun

    def _named_doer(self, toks: list[Token], actors: list[ActorSpan], t: int) -> list[ActorSpan]:
        """The actor a verb of doing with an object pronoun names later in the trigger's clause (الألغام التي زرعتها
        ميليشيات الحوثي، هجوم انتحاري مزدوج في كابول تبناه تنظيم الدولة): who set or claimed what the trigger
        reports."""
        for k in range(t + 1, min(t + IMPLIED_DOER_SPAN, len(toks) - 1)):
            if _is_break(toks[k]):
                return []
            if self._doer_pronoun(toks[k]):
                after = [a for a in actors if a.i == _name_start(toks, k)]
                if after:
                    return _coordinated(toks, actors, after[0])
        return []

    def _agent(self, toks: list[Token], actors: list[ActorSpan], t: int, pos: str) -> list[ActorSpan]:
        """The agent named after an act in its clause: after من قبل, or after a verb of doing (هجوم نفذه مجهولون)."""
        marker = [tuple(w.split()) for w in self.words.get("agent_marker", ())]
        inside = {x for a in actors for x in range(a.i, a.j)}
        for k in range(t + 1, min(t + AGENT_AFTER + 1, len(toks))):
            tok = toks[k]
            if tok.kind == "punct" and tok.norm in CLAUSE_BREAKS:
                return []
            start = [a for a in actors if a.i == _name_start(toks, k)]
            if not start:
                continue
            words = tuple(x.stem for x in toks[max(0, k - 1):k + 1])
            plain = pos == "noun" or all(x in inside for x in range(t + 1, k - 1))  # اعتقل الصحفي من قبل الشرطة
            if plain and not is_definite(tok) and any(words[-len(m):] == m for m in marker):
                return _coordinated(toks, actors, start[0])  # not بالرصاص X: "with bullets", X the object
            at = k - 1 if self._by_it(toks, k) else k  # مداهمات قامت بها قوات الأمن: the verb is before بها
            if pos == "noun" and (at < k or self._doer_pronoun(tok)) and not (
                    at > t + 1 and _genitive_after(toks, t) and not self._same_act(toks[at], toks[t])):
                return _coordinated(toks, actors, start[0])  # هجوم شنه مسلحون: short forms stay unsplit
        return []

    def _by_it(self, toks: list[Token], k: int) -> bool:
        """Whether word k is بـ with a pronoun after a verb of doing with none (قامت بها، قام به): together they are
        a verb of doing with the noun's pronoun, like نفذها."""
        return (k > 0 and toks[k].stem == "ب" and has_pronoun(toks[k]) and toks[k - 1].stem in self.words.get(
            "doer", ()) and not has_pronoun(toks[k - 1]))

    def _undergone(self, toks: list[Token], actors: list[ActorSpan], t: int, cameo: str = "") -> list[ActorSpan] | None:
        """For a verbal noun with ل after a verb of undergoing in its clause (تعرض رجل سوري للضرب، السفينة تعرضت
        لهجوم), or an indefinite one after a verb of facing (واجهت النساء اتهامات), the actors who underwent it: the
        verb's subject after it, else the one right before it; after a passive auxiliary (تم استدعاء السفير), its
        genitive; None when the noun follows no such word."""
        if t > 0 and toks[t - 1].stem in self.words.get("passive", ()) and not (
                _symmetric(cameo) or cameo[:2] == "04" or cameo in DESTINATION_GENITIVE):  # تم استدعاء السفير الكندي
            # (but جرى لقاء عباس مع، تمت زيارة الرئيس: "took place", the genitive did it)
            genitive = [a for a in actors if a.i == t + 1]
            return _coordinated(toks, actors, genitive[0]) if genitive else []
        with_lam = has_proclitic(toks[t], "ل")
        if with_lam:
            verbs = self.words.get("undergo", ())
        elif not toks[t]._rel:
            verbs = self.words.get("face", ())
        else:
            return None
        breaks = self.words.get("clause_break", set())
        for k in range(t - 1, max(-1, t - UNDERGO_SPAN), -1):
            if _is_break(toks[k], breaks):
                return None
            if toks[k].stem in verbs:
                after = [a for a in actors if k < a.i < t]
                before = [a for a in actors if (a.j == k or (a.j == k - 1 and toks[k - 1].norm in COMMAS)) and not (
                    self._attributed_to(toks, a))]  # وبحسب الأمم المتحدة، تعرض 28 مرفقا للقصف: the UN suffered none
                return _coordinated(toks, actors, after[0]) if after else (
                    _group_ending(toks, actors, before[-1]) if before else [])
        return None

    def _may_report_unnamed_act(self, toks: list[Token]) -> bool:
        """Whether a sentence with no actor has a word that may report an attack or protest by someone it does not
        name."""
        return any(tok.stem in self._implied_triggers for tok in toks)

    @cached_property
    def _implied_triggers(self) -> frozenset[str]:
        """The trigger words of the PLOVER ASSAULT and PROTEST patterns."""
        return frozenset(stem for stem, patterns in self.patterns.triggers.items()
                         if any(lookup(p.cameo).plover in IMPLIED_SECTORS for p in patterns))

    def _unattributed(self, toks: list[Token], stems: list[str], t: int, pos: str, pattern: Pattern,
                      patient: list[ActorSpan] | None) -> str | None:
        """The sector of the implied actor of an act no one is named for, or None when the act has none: UAF for an
        attack (`_unattributed_attack`), OPP for a protest that broke out (اندلعت في نواكشوط مظاهرات) or that a
        counted crowd made (تظاهر حوالي خمسة آلاف شخص). The caller vetoes an act dated long before the article
        (`_long_ago`)."""
        cameo = pattern.cameo
        plover = lookup(cameo).plover
        if plover == ASSAULT and self._unattributed_attack(toks, stems, t, pos, pattern, patient):
            return IMPLIED_SECTORS[plover]
        if plover != PROTEST:
            return None
        if pos == "noun":
            happened = self._occurred(toks, stems, t)
        else:
            happened = pos == "verb" and self._counted_crowd(toks, t + 1)
        return IMPLIED_SECTORS[plover] if happened else None

    def _genitive_agent(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether the genitive of a verbal noun is its agent: an object follows it, past its adjectives, after ل or
        على/ضد (هجوم تنظيم الدولة على السويداء، قصف جيش الإسلام للمناطق); without one it is as often what was done to
        (محاصرة الحوثيين، مقتل ضابط من قوات الدرك); a purpose noun's genitive is its object (لاستهداف القوات);
        the adjective of هجوم انتحاري is no genitive at all. The caller asks only of armed actors."""
        if _singular_nisba(toks[a.i]) or has_proclitic(toks[a.i - 1], "ل"):  # لاستهداف القوات: a purpose, whose
            return False  # genitive is its object
        for tok in toks[a.j:]:
            if tok.kind == "word" and (has_proclitic(tok, "ل") or tok.stem in self.words.get("attack_object", ())):
                return True
            if not _nisba_form(tok):  # تفجير متمردين كرديين لعبوة: past the genitive's adjectives only
                return False
        return False

    def _occurred(self, toks: list[Token], stems: list[str], t: int) -> bool:
        """Whether a verb of taking place, neither future nor negated, stands just before the noun at t in its
        clause (اندلعت في نواكشوط مظاهرات; not ستشهد المدينة مظاهرات)."""
        occur = self.words.get("occur", ())
        return any(stems[k] in occur and not _break_between(toks, k, t) and not self._future(toks, stems, k)
                   and not self._negated(toks, k, "verb") for k in range(max(0, t - OCCUR_SPAN), t))

    def _claims_this_attack(self, toks: list[Token], e: Event) -> bool:
        """Whether an event is a named actor's claim of the sentence's own attack: its verb takes the attack as a
        pronoun (تبنته) or as a definite noun close after it (تبنت الحركة الهجوم، أعلنت مسؤوليتها عن التفجير), not
        another attack (تبنت الحركة هجوما آخر في كينيا)."""
        if not e.cameo.startswith(CLAIM) or e.negated or is_implied(e.source):
            return False
        k = next((i for i, tok in enumerate(toks) if tok.start == e.trigger["start"]), None)
        if k is None:
            return False
        after = max([k + 1] + [i + 1 for i, tok in enumerate(toks) if tok.end == e.source["end"]])  # past its subject
        return has_pronoun(toks[k]) or any(is_definite(tok) and tok.stem in self._implied_triggers
                                           for tok in toks[after:after + CLAIM_SPAN])

    def _long_ago(self, toks: list[Token], doc_date: str | None, when: TimeExpression | None) -> bool:
        """Whether a sentence dates what it tells to more than `RECENT_DAYS` before its article: by its time
        expression (في شباط/فبراير 2016، الشهر الماضي in a late article; not one after منذ: what goes on since
        then is news) or a year after a word of time (في عام 2003; not a count: 2000 شخص). `when` is the sentence's
        time expression, resolved against `doc_date`."""
        today = period_end(doc_date) if precision_of(doc_date) == "day" else None
        if today is None:
            return False
        since = self.words.get("since", ())
        at = next((k for k, tok in enumerate(toks) if when and tok.start == when.start), 0)
        ongoing = any(_bare(tok) in since for tok in toks[max(0, at - 1):at + 1])  # منذ ثلاثة أسابيع
        ends = [period_end(when.date)] if when and not ongoing else []
        ends += [period_end(tok.norm) for k, tok in enumerate(toks) if tok.kind == "number" and YEAR.match(tok.norm)
                 and k > 0 and _bare(toks[k - 1]) in self.words.get("year_word", ())]
        return any(end is not None and end < today - timedelta(days=RECENT_DAYS) for end in ends)

    def _counted_crowd(self, toks: list[Token], k: int) -> bool:
        """Whether a crowd with a count stands at k (آلاف المتظاهرين، حوالي خمسة آلاف شخص، نحو مائة متظاهر)."""
        crowd = specificity_words().get("crowd", frozenset())
        approximate = self.words.get("approximate", ())
        counted = False
        for tok in toks[k:k + CROWD_SPAN]:
            if tok.stem in approximate or tok.stem in self.words.get("partitive", ()):
                continue  # نحو، أكثر من
            if tok.kind == "number" or tok.stem in self._numerals or _bare(tok) in self._numerals:
                counted = True  # a count (not كل، بعض: every phone is no crowd)
            elif tok.stem in crowd or _bare(tok) in crowd:
                return True
            else:
                return counted and tok.kind == "word" and not tok._rel
        return False

    def _unattributed_attack(self, toks: list[Token], stems: list[str], t: int, pos: str, pattern: Pattern,
                             patient: list[ActorSpan] | None) -> bool:
        """Whether an assault with no agent named is still an attack someone made: an explosive that went off, its
        name next to the verb (انفجرت سيارة مفخخة; not تفجرت الاحتجاجات ... قنابل الغاز), an attack an actor
        underwent (تعرضت القافلة لهجوم، لقصف; not a captor's act, `CAPTOR_CODES`), or a bombing, abduction or
        assassination (`UNATTRIBUTED_CODES`) whose sentence counts its dead or wounded (قتل خمسة في هجوم انتحاري).
        Battles, shelling and strikes (root 19) have an unknown maker only when undergone (تعرضت المدينة للقصف):
        counted dead alone do not make an army's act a stranger's."""
        cameo = pattern.cameo
        if pos == "verb":  # its subject: after it (VSO), or before it in its clause (SVO)
            begin = next((k + 1 for k in range(t - 1, -1, -1) if _is_break(toks[k])), 0)
            end = min(len(toks), t + EXPLOSIVE_AFTER + 1)
            near = {w for k in range(begin, end) for w in (stems[k], _bare(toks[k]))}
            return stems[t] in self.words.get("explode", ()) and bool(pattern.context & near)
        if pos != "noun":
            return False
        if patient is not None:
            return not cameo.startswith(CAPTOR_CODES)
        outcome, since, deaths = self._outcome_words, self.words.get("since", ()), self.words.get("death_noun", ())
        return cameo.startswith(UNATTRIBUTED_CODES) and any(
            (s in outcome or tok.norm in outcome) and not (s in deaths and k > 0 and stems[k - 1] in since)
            for k, (s, tok) in enumerate(zip(stems, toks, strict=True)))  # منذ مقتل 100 شخص: an earlier attack

    @cached_property
    def _outcome_words(self) -> frozenset[str]:
        """Words that count an attack's dead and wounded (قتل، أصيب، قتلى، أسفر، مقتل)."""
        counts = specificity_words()
        return frozenset(self.words.get("casualty", set()) | self.words.get("death_noun", set())
                         | counts.get("casualty", frozenset())
                         | counts.get("hurt", frozenset()) | counts.get("result", frozenset()))

    def _implied_actor(self, toks: list[Token], actors: list[ActorSpan], place: dict | None, t: int,
                       sector: str, home: str | None) -> ActorSpan:
        """The implied, unnamed actor (UAF attackers, OPP protesters) of the country where the act happened: the
        sentence's place after في, else its nearest state or place name, else the article's home country (وتشهد
        المنطقة احتجاجات)."""
        country = place.get("country") if place else None
        if country is None:
            located = [a for a in actors if a.entity.label in PLACE_LABELS and a.entity.actor.get("country")]
            country = min(located, key=lambda a: abs(a.i - t)).entity.actor["country"] if located else home
        name = _countries().get(country, (country,))[0] if country else None
        actor = {"code": f"{country or ''}{sector}", "country": country, "sector": sector,
                 "name": f"{name} {sector}" if name else sector, "id": None, "inferred": True}
        tok = toks[t]
        return ActorSpan(t, t + 1, Entity(tok.start, tok.end, tok.text, "ORG", 0.5, actor), implied=True)

    def _unnamed_doer(self, toks: list[Token], t: int) -> bool:
        """Whether a verb of doing with the noun's pronoun follows it, past its adjectives only, and a subject that is
        no actor we know follows that verb (غارات جوية نفذتها ثلاث دول غربية): the doer is named, and it is not an
        actor before the noun (but مكالمة أجراها مع نظيره has its doer before it)."""
        preps, adverbs = self.words.get("preposition", ()), self.words.get("adverbial", ())
        for k in range(t + 1, min(t + AGENT_AFTER + 1, len(toks) - 1)):
            tok = toks[k]
            if self._doer_pronoun(tok):
                subject = toks[k + 1]  # a named subject, not an adverb (أجراه أمس مع، أجراه هاتفيا)
                return subject.kind in ("word", "number") and not subject._rel and subject.stem not in preps and (
                    _bare(subject) not in adverbs and definite_key(subject) not in _time_words())
            if tok.kind != "word" or tok._rel or not _singular_nisba(tok):
                return False
        return False

    def _charge(self, stems: list[str], k: int, toks: list[Token]) -> bool:
        """Whether the word at k is a noun of accusation or criticism (اتهامات، انتقادات)."""
        pattern, pos = self._pattern(stems, k, toks[k], [], toks)
        return pattern is not None and pos == "noun" and pattern.cameo[:2] == ACCUSE_ROOT

    def _same_act(self, verb: Token, noun: Token) -> bool:
        """Whether a verb and a verbal noun come from one dictionary row (إطلاق صاروخ أطلقته الميليشيات: who
        launched it)."""
        rows = {p.source for p in self.patterns.triggers.get(noun.stem, ())}
        return any(p.source in rows for p in self.patterns.triggers.get(verb.stem, ()))

    def _oblique(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether an actor opens with a definite -ين plural or dual, a verb's object (ودعا الحوثيين)."""
        token = toks[a.i]
        if a.entity.label in PLACE_LABELS or len(token.stem) < OBLIQUE_MIN or not is_definite(token):  # البحرين
            return False
        if self._partitive(toks, a) or (a.i > 0 and _quantity(toks[a.i - 1], self.words)):
            return False  # عدد من المحتجين، آلاف المتظاهرين: the quantity is the subject
        return any(token.stem.endswith(e) for e in self.words.get("oblique_ending", ()))

    def _opens_with_speech(self, toks: list[Token]) -> bool:
        """Whether a sentence opens with a speech verb and what it reports (واعتبر أنه، وأشار إلى أن، وأضاف: ...)."""
        first = _first_word(toks)
        if first >= 0 and self.patterns.starts(toks[first].stem, "participle"):
            return True  # محملا كذلك بريطانيا المسؤولية: a حال opening the sentence goes on with the last speaker
        if first < 0 or toks[first].stem not in self._speech_openers:
            return False
        that, preps = self.words.get("complementizer", ()), self.words.get("preposition", ())
        after = list(toks[first + 1:first + 3])
        if after and after[0].stem in preps:  # وأشار إلى أن، وشدد على أن
            after = after[1:]
        return bool(after) and (after[0].norm == ":" or after[0].stem in that)

    def _plural_verb(self, tok: Token) -> bool:
        """Whether a verb is plural or dual (اتهموا، يطالبون، اتفقا) and in no reading singular."""
        stem = tok.stem
        return stem in self.patterns.plural and stem not in self.patterns.masculine and (
            stem not in self.patterns.feminine) and not self.patterns.starts(stem, "noun")

    def _opening_subject(self, toks: list[Token], actors: list[ActorSpan], k: int) -> list[ActorSpan]:
        """The subject of the clause a sentence opens with, before word k: the actor right after an opening verb
        (واستدعت وزارة الخارجية الروسية السفير) or the one the sentence opens with (الرئيس الروسي استقبل)."""
        first = _first_word(toks)
        if first < 0:
            return []
        verb = self.patterns.starts(toks[first].stem, "verb") or toks[first].stem in self.words.get("speech", ())
        subject = [a for a in actors if a.j <= k and a.i == (first + 1 if verb else first)][:1]
        if verb and subject and (self._disagrees(toks, first, subject[0]) or self._plural_verb(toks[first])):
            return []  # واتهم إيران ...، وقال: Iran is the object; the speaker goes on from the last sentence
        return subject

    def _opens_without_subject(self, toks: list[Token], actors: list[ActorSpan]) -> bool:
        """Whether a sentence opens with a conjoined verb whose subject is left unsaid, the actor after it being
        its object (واتهم إيران بالضلوع: "and he accused Iran"): it goes on with the last sentence's speaker."""
        first = _first_word(toks)
        if first < 0 or not _conjoined(toks[first]) or not self.patterns.starts(toks[first].stem, "verb"):
            return False
        return any(a.i == first + 1 and self._disagrees(toks, first, a) for a in actors)

    def _partitive(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether an actor follows a quantity and من (عدد من المحتجين، مئات من الطلاب)."""
        partitive = self.words.get("partitive", ())
        return a.i > 1 and toks[a.i - 1].stem in partitive and _quantity(toks[a.i - 2], self.words)

    def _has_target_prep(self, toks: list[Token], stems: list[str], a: ActorSpan) -> bool:
        """Whether a target preposition governs the actor, directly (إلى روسيا) or through the noun it
        qualifies (على المواطن القطري)."""
        first = toks[a.i]
        if has_proclitic(first, "ل", "ب"):
            return True
        marks = self.words.get("target_prep", ())
        if a.i > 0 and stems[a.i - 1] in marks:
            return True
        return a.i > 1 and toks[a.i - 1].kind == "word" and is_definite(toks[a.i - 1]) and stems[a.i - 2] in marks

    def _reporter(self, toks: list[Token], stems: list[str], actors: list[ActorSpan]) -> ActorSpan | None:
        """The news agency a sentence cites (وبحسب وكالة ..., نقلت وكالة ...)."""
        for k, stem in enumerate(stems):
            if stem in self.words.get("attribution", ()):
                for a in actors:
                    if k < a.i <= k + 3 and (a.entity.actor.get("sector") == MEDIA_SECTOR
                                             or a.code.endswith(MEDIA_SECTOR)):
                        return a
        return None

    def _described_noun(self, toks: list[Token], t: int, actors: list[ActorSpan]) -> bool:
        """Whether an imperfective verb opens a relative clause on the indefinite noun right before it, which is
        its subject (وثائق تدين قطر, رسائل تؤكد): a plain word with no article, no clitic, no actor, no
        function word."""
        if t == 0 or toks[t].stem not in self.patterns.present or toks[t - 1].kind != "word":
            return False
        noun = toks[t - 1]
        if any(a.i <= t - 1 < a.j for a in actors) or len(noun._rel) > 1 or len(noun.stem) < MIN_NOUN_LETTERS:
            return False
        relative = specificity_words().get("relative", ())  # الذين يحتجون: the relative pronoun is the subject
        return (noun.stem not in self._function_words and noun.stem not in relative
                and noun.stem not in self.patterns.triggers)

    def _adjectival(self, toks: list[Token], stems: list[str], t: int) -> bool:
        """Whether a participle qualifies the word before it (صوتا رافضا، شركات صينية متهمة، 72 متهماً) instead of
        describing its clause's subject (حال): after a number or quantity word, or after a plain word with no
        article and no pronoun that is no verb; after punctuation, a definite word (الرد متهمةً) or a verb it is
        a حال, and so at the start of a sentence, where it goes on with the last one's subject."""
        if t == 0:
            return False
        prev = toks[t - 1]
        if prev.kind == "punct":
            return False
        if prev.kind == "number" or _bare(prev) in self._counting or (t > 1 and toks[t - 2].kind == "number"):
            return True  # 72 متهماً، 315 صوتا رافضا
        verb = stems[t - 1] in self.words.get("speech", ()) or self.patterns.starts(stems[t - 1], "verb")
        return not (verb or is_definite(prev) or has_pronoun(prev))

    def _victims(self, toks: list[Token], stems: list[str], actors: list[ActorSpan]) -> list[Victim]:
        """The actors a casualty verb reports as hit (قتل، أصيب، استشهد): the actor right after it (after a
        number at most) or touching it before, when a word of cause follows that actor (في هجوم، جراء، برصاص).
        Unvocalised, قتل جنود أتراك في هجوم is the passive: the soldiers are the victims, not the killers."""
        casualty, transitive = self.words.get("casualty", ()), self.words.get("transitive_casualty", ())
        counting = self._counting
        out = []
        for k, stem in enumerate(stems):
            if stem not in casualty or has_pronoun(toks[k]):  # قتلته الشرطة: active, with its object pronoun
                continue
            after = [a for a in actors if k < a.i <= k + CASUALTY_GAP and all(
                x.kind == "number" or x.stem in counting or _bare(x) in counting for x in toks[k + 1:a.i])]
            qad = k > 0 and stems[k - 1] in self.words.get("qad", ())  # 130 فلسطينيا قد قتلوا
            before = [] if _conjoined(toks[k]) else [a for a in actors if a.j == k - qad]
            if stem in transitive:  # قتلت القوات الإسرائيلية في غزة ...: a definite actor right after is the killer;
                after = [a for a in after if a.i > k + 1 or not is_definite(toks[a.i])]  # one before it too
                before = before if stem in self.words.get("passive_casualty", ()) else []  # (but X قتلوا في هجوم)
            for a in after[:1] + before[-1:]:
                if a.i > k + 1 and (toks[k + 1].kind == "number" or toks[k + 1].stem in self._numerals):
                    out.append(Victim(k, a))  # قتل 40 جنديا تركيا: a count right after the verb makes it passive
                    continue
                nxt = a.j if a.i > k else k + 1
                if nxt < len(toks) and _conjoined(toks[nxt]) and stems[nxt] in casualty:
                    nxt = next((m for m in range(nxt + 1, min(nxt + 1 + CASUALTY_GAP, len(toks)))
                                if self._cause(toks[m]) or toks[m].kind == "punct"), nxt)  # وأصيب أربعة آخرون في
                if nxt < len(toks) and self._cause(toks[nxt]):
                    out.append(Victim(k, a))
        return out

    def _cause(self, tok: Token) -> bool:
        """A word that opens the cause or agent of a casualty (في، جراء، إثر، برصاص، بنيران، or بـ + an event
        noun: بقصف); none with a pronoun (قتل فيها: "in which") or, after بـ, the article (بالرصاص: "with bullets")."""
        if has_pronoun(tok):
            return False
        if tok.stem in self.words.get("cause", ()):
            return True
        by = has_proclitic(tok, "ب")
        return by and not is_definite(tok) and (
            tok.stem in self.words.get("agent_marker", ()) or tok.stem in self.patterns.triggers)

    @cached_property
    def _auxiliaries(self) -> frozenset[str]:
        """The forms of كان that stand between a subject and قد (كانت قد طالبت), from the specificity words."""
        return frozenset(specificity_words().get("pluperfect", ()))

    @cached_property
    def _speech_openers(self) -> frozenset[str]:
        """Speech verbs and their accusative participles: a sentence opening with one reports (وأضاف أن، مضيفا أن)."""
        return frozenset(self.words.get("speech", set()) | self.words.get("speech_participle", set()))

    @cached_property
    def _counting(self) -> frozenset[str]:
        """Words that may stand between a casualty verb and its victims (خمسة من عناصر الشرطة العراقية)."""
        return frozenset(self.words.get("quantifier", set()) | self.words.get("partitive", set())
                         | self.words.get("group_head", set()) | self._numerals)

    @cached_property
    def _numerals(self) -> frozenset[str]:
        """Number words (ثلاثة، عشرات), as the dates module reads them."""
        return frozenset(key[0] for key in time_words().get("number", {}) if len(key) == 1)

    def _subject_noun(self, toks: list[Token], t: int, a: ActorSpan) -> bool:
        """Whether the one word between a verb and the actor after it is a definite noun of its own, the verb's
        subject, so that the actor is its object: a plain word with the article and no other clitic, no
        adverbial, no function word, no nisba adjective on either side (المسؤول الأمريكي)."""
        words = [k for k in range(t + 1, a.i) if self._gap(toks, k - 1, k + 1) == 1]
        if len(words) != 1:
            return False
        noun, head = toks[words[0]], toks[a.i]
        return self._plain_definite(noun) and is_definite(head) and len(head._rel) == 2 and not (
            head.stem.endswith(self._nisba))

    def _non_actor_subject(self, toks: list[Token], actors: list[ActorSpan], t: int) -> bool:
        """Whether a word that is no actor is the subject of the verb at t, so that the actor after it is its object:
        a plain noun after أن/إن (إن الغارات قتلت، إن طفلا قتل، أن عمليتها العسكرية تستهدف X) or the noun a verb
        describes (وثائق تدين قطر). With a pronoun on the verb the noun is its preposed object (الاتفاق وقعه X)."""
        if self._described_noun(toks, t, actors):
            return True
        return not has_pronoun(toks[t]) and self._noun_subject_after_that(toks, actors, t) is not None

    def _noun_subject_after_that(self, toks: list[Token], actors: list[ActorSpan], t: int) -> int | None:
        """Where the subject starts when أن/إن, then a noun phrase of no actor (one to three words), stand right
        before the verb at t (أن عمليتها العسكرية تستهدف): the clause is subject-first, so what follows the verb is
        its object."""
        inside = {k for a in actors for k in range(a.i, a.j)}
        that = self.words.get("complementizer", ())
        for k in range(t - 2, max(-1, t - 5), -1):
            tok = toks[k]
            if tok.stem in that and not has_pronoun(tok):
                words = toks[k + 1:t]
                plain = all(x.kind == "word" and x.stem not in self._function_words for x in words)
                return k + 1 if plain and not inside & set(range(k + 1, t)) else None
            if tok.kind != "word" or k in inside:
                return None
        return None

    def _relative_verb(self, stems: list[str], t: int) -> bool:
        """Whether a verb opens a relative clause (التي كانت تفرضها، الذي أقيم): its subject is no earlier clause's."""
        relative = specificity_words().get("relative", ())
        return any(s in relative for s in stems[max(0, t - 2):t])

    def _attributed_to(self, toks: list[Token], a: ActorSpan) -> bool:
        """Whether an actor is the source a report is attributed to (وبحسب سكان محليين، وفقا لمصادر): it tells,
        it does not act."""
        return a.i > 0 and _bare(toks[a.i - 1]) in self.words.get("according_to", ())

    def _across_that(self, toks: list[Token], i: int, j: int) -> bool:
        """Whether أن/إن (`complementizer`) stands among tokens i..j-1: a clause boundary for subjects and agents."""
        that = self.words.get("complementizer", ())
        return any(x.stem in that for x in toks[i:j])

    def _pronoun_that(self, toks: list[Token], t: int) -> bool:
        """Whether أن/إن with a pronoun, the verb's subject, stands right before the verb at t (أنها دعت)."""
        return t > 0 and has_pronoun(toks[t - 1]) and toks[t - 1].stem in self.words.get("complementizer", ())

    def _plain_definite(self, tok: Token) -> bool:
        """A noun with the article and no other clitic, no function word, no nisba adjective (العائلة, الغارات)."""
        return (tok.kind == "word" and len(tok._rel) == 2 and is_definite(tok) and len(tok.stem) >= MIN_NOUN_LETTERS
                and not {tok.stem, tok.norm} & self._function_words and not tok.stem.endswith(self._nisba))

    @cached_property
    def _nisba(self) -> tuple[str, ...]:
        """The endings of a relational adjective (الأمريكي، الفرنسية، المصريين), from the function words."""
        return tuple(self.words.get("nisba_ending", ()))

    @cached_property
    def _function_words(self) -> frozenset[str]:
        """Every word of the function-word classes that cannot be a described noun (built once)."""
        return frozenset().union(*(self.words.get(c, set()) for c in (
            "preposition", "negator", "qad", "future", "hypothetical", "complementizer", "clause_break", "speech",
            "attribution", "quantifier")))

    def _gap(self, toks: list[Token], i: int, j: int) -> int:
        """The words between tokens i and j that are not adverbials (أعلنت، الثلاثاء، الوزارة: none): commas,
        numbers, weekdays, months, relative days and the `adverbial` function words are skipped."""
        if j - i > MAX_ADVERBIAL_SPAN:
            return j - i - 1
        skip = self.words.get("adverbial", set())
        return sum(1 for tok in toks[i + 1:j] if not (
            tok.kind == "number" or (tok.kind == "punct" and tok.norm in COMMAS) or _bare(tok) in skip
            or definite_key(tok) in _time_words()))

    def _speaker(self, toks: list[Token], stems: list[str],
                 actors: list[ActorSpan]) -> tuple[int, list[ActorSpan]] | None:
        """(Where reported speech begins, its speaker) for قال X إن ... / X قال: ..."""
        for k, stem in enumerate(stems):
            if stem in self.words.get("speech", ()):
                after = [a for a in actors if k < a.i and self._gap(toks, k, a.i) < SOURCE_AFTER and not any(
                    s in self.words.get("complementizer", ()) for s in stems[k + 1:a.i])]  # قال إن X: X is no speaker
                if _conjoined(toks[k]) and k > 0 and toks[k - 1].norm in COMMAS:
                    before = self._opening_subject(toks, actors, k)  # اتهم X ... في أوروبا، وقال: X said it
                else:  # X المسؤولية حيث قال: not X
                    before = [a for a in actors if a.j <= k and k - a.j < 3 and not _break_between(
                        toks, a.j, k, self.words.get("clause_break", set()))]
                chosen = after[0] if after else (before[-1] if before else None)
                if chosen:
                    return max(k, chosen.j), _coordinated(toks, actors, chosen)
        return None

    def _accusations(self, doc: Document, index: int, toks: list[Token], stems: list[str],
                     actors: list[ActorSpan], speaker: tuple[int, list[ActorSpan]], events: list[Event],
                     place: dict | None, reporter: ActorSpan | None) -> list[Event]:
        """أكدت الخارجية البريطانية أن الحوثيين شنوا هجمات: a speaker who reports an act that defies the law,
        threatens or uses force (`ACCUSING_CODES`) of an actor of another country accuses that actor (CAMEO 112),
        coded on the speech verb; a reported rejection, protest or sanction accuses no one, an administrative sanction
        only the speaker's own (ذكرت الخارجية التونسية ... القرار البريطاني بحظر الحواسيب على طائرات من تونس)."""
        at = max(speaker[0], 0)  # a speaker carried from the sentence before stands before its first word (-1)
        begin = toks[at].start if at < len(toks) else toks[-1].end
        speech = self.words.get("speech", ())
        verb = max((k for k in range(min(at, len(toks) - 1) + 1) if stems[k] in speech), default=at)
        verb = min(verb, len(toks) - 1)
        speakers = {sp.code[:3] for sp in speaker[1]}
        accused_all = []
        for e in events:
            if e.negated or e.trigger["start"] < begin or not (e.cameo.startswith(ACCUSING_CODES) or (
                    e.cameo.startswith(SANCTION) and e.target and e.target["code"][:3] in speakers)):
                continue  # a sanction accuses only when the speaker is its target (a ban on Tunisia's flights)
            accused_all.append(next((a for a in actors if a.entity.start == e.source["start"]), None))
        accused_all.extend(self._involved(toks, stems, actors, at))
        pairs = [(sp, accused) for accused in accused_all if accused is not None and _sector(accused) != CIVILIANS
                 for sp in speaker[1] if sp.code[:3] != accused.code[:3]]  # civilians are a report's victims
        when = resolve(toks, doc.date) if pairs else None
        return [self._event(doc, index, toks, verb, ACCUSE, sp, accused, False, when, place, reporter)
                for sp, accused in pairs]

    def _involved(self, toks: list[Token], stems: list[str], actors: list[ActorSpan], begin: int) -> list[ActorSpan]:
        """The actors reported speech says are involved (`involvement` words: the genitive right after the word,
        تورط قطر, or the subject before it in the reported clause, كتائب القسام التابعة لحماس متورطة) or blames
        (`blame` words: the genitive or the subject touching it, تعنت الحوثيين، أن أمريكا فشلت; `blame_act`: the
        subject touching it only, its genitive being what is undermined). Never an actor after a preposition (في
        اليمن وتقويضهم), nor the subject touching a word that carries و or its own pronoun."""
        involvement, blame = self.words.get("involvement", ()), self.words.get("blame", ())
        act = self.words.get("blame_act", ())
        free = [a for a in actors if not self._prepositional(toks, a)]
        out = []
        for k in range(begin, len(toks)):
            if (stems[k] not in involvement and stems[k] not in blame and stems[k] not in act) or self._negated(
                    toks, k, "noun"):
                continue
            genitive = [a for a in free if a.i == k + 1] if stems[k] not in act else []
            if stems[k] in involvement:
                before = [a for a in free if begin <= a.j <= k and not _break_between(toks, a.j, k)]
            elif _conjoined(toks[k]) or has_pronoun(toks[k]):
                before = []  # في أوروبا والولايات المتحدة لزعزعة، وتقويضهم: not the actor it touches
            else:
                before = [a for a in free if a.j == k and a.j >= begin]
            if genitive or before:
                out.append(genitive[0] if genitive else _group_ending(toks, actors, before[-1])[0])
        return out

    def _event(self, doc: Document, index: int, toks: list[Token], t: int, pattern: Pattern, source: ActorSpan,
               target: ActorSpan | None, negated: bool, when, place, reporter: ActorSpan | None) -> Event:
        info = lookup(pattern.cameo)
        trigger = toks[t]
        named = [a.entity for a in (source, target) if a is not None and not a.implied]
        start, end = min([trigger.start] + [e.start for e in named]), max([trigger.end] + [e.end for e in named])
        adjacency = 1.0 if not source.implied and (abs(source.i - t) <= 2 or abs(t - source.j) <= 1) else 0.6
        confidence = 0.35 + 0.25 * adjacency + (0.1 if pattern.context else 0.0) + (0.1 if target else 0.0)
        confidence += 0.15 * min(source.entity.score, target.entity.score if target else 1.0)
        return Event(
            cameo=pattern.cameo, name=info.name, root=info.root, quad_class=info.quad_class,
            goldstein=info.goldstein, plover=info.plover, plover_mode=info.plover_mode,
            source=source.as_dict(), target=target.as_dict() if target else None, sentence=index,
            trigger={"start": trigger.start, "end": trigger.end, "text": trigger.text},
            evidence={"start": start, "end": end, "text": doc.text[start:end]},
            date=when.date if when else doc.date,
            date_precision=when.precision if when else precision_of(doc.date),
            location=place, negated=negated,
            reported_by=({"start": reporter.entity.start, "end": reporter.entity.end, "text": reporter.entity.text,
                          "code": reporter.code} if reporter else None),
            confidence=min(confidence, 0.95), rule=pattern.source,
        )


def _claimed(out: dict[tuple, Event], text: str, claims: list[Event]) -> dict[tuple, Event]:
    """The sentence's events with each implied actor given the name the sentence gives elsewhere: an attack whose
    maker claims it (`claims`: انفجرت سيارة مفخخة، وتبنت حركة الشباب الهجوم) is the claimant's, and replaces a named
    event with the same key; an implied act of a CAMEO root that a named actor does in the same sentence (الهجوم الذي
    شنه التنظيم وأسفر عن ... واختطاف العشرات) is that actor's, already coded, and is dropped; the words of one implied
    act (انفجرت سيارة مفخخة ... أسفر عن مقتل) make one event per source, target and root, with its most specific
    code (the first on a tie)."""
    named = [e for e in out.values() if not is_implied(e.source)]
    roots = {e.root for e in named}
    kept: dict[tuple, Event] = {}
    implied: dict[tuple, Event] = {}  # one event per implied act and root: انفجرت سيارة مفخخة ... مقتل is one blast
    for key, e in out.items():
        if not is_implied(e.source):
            kept[key] = e
            continue
        if e.plover == ASSAULT and claims:
            claimant = claims[0].source
            target = None if e.target and e.target.get("code") == claimant.get("code") else e.target
            start, end = min(e.evidence["start"], claimant["start"]), max(e.evidence["end"], claimant["end"])
            e = replace(e, source=dict(claimant), target=target,
                        evidence={"start": start, "end": end, "text": text[start:end]})
        elif e.root in roots:
            continue
        act = (e.source["code"], e.target["code"] if e.target else None, e.root, e.negated)
        if act not in implied or len(e.cameo) > len(implied[act].cameo):  # the most specific code (1832 > 183)
            implied[act] = e
    return kept | {(e.source["code"], e.target["code"] if e.target else None, e.cameo, e.negated): e
                   for e in implied.values()}


def _answer_accusations(events: list[Event]) -> list[Event]:
    """A denial with no target (وتنفي روسيا ضلوعها) takes the latest earlier accuser of the denier as target."""
    out: list[Event] = []
    for e in events:
        if e.cameo.startswith(DENY) and e.target is None and not e.negated:
            accuser = next((a.source for a in reversed(out) if a.root == ACCUSE_ROOT and not a.negated and a.target
                            and a.target["code"][:3] == e.source["code"][:3]
                            and a.source["code"][:3] != e.source["code"][:3]), None)
            if accuser is not None:
                e = replace(e, target=dict(accuser))
        out.append(e)
    return out


def _carry_targets(events: list[Event]) -> list[Event]:
    """An event with no target takes the target of the latest earlier event of the same country (or
    organisation) and CAMEO root: Israel tightened its blockade on Gaza ... the defence ministry closed (it)."""
    out: list[Event] = []
    for e in events:
        if e.target is None and not e.negated and not is_implied(e.source):
            earlier = next((a.target for a in reversed(out) if a.target and a.root == e.root and not a.negated
                            and not is_implied(a.source)  # an unnamed attacker is no country's act
                            and a.source["code"][:3] == e.source["code"][:3]), None)
            if earlier is not None:
                e = replace(e, target=dict(earlier))
        out.append(e)
    return out


def _pair_targets(events: list[Event], actors: list[Entity], paired: set[tuple[int, int]]) -> list[Event]:
    """A cooperative act (roots 03-08) with no target followed in its sentence by "the two countries" (بين الجانبين،
    البلدين: `pair` words, at their character offsets) is with the other of them: the other country named most often
    before it, its last mention on a tie (وأعرب شكري عن تطلعه لعقد اللجنة المشتركة بين الجانبين, in an article on
    Egypt and the Emirates)."""
    out: list[Event] = []
    for e in events:
        after = [start for index, start in paired if index == e.sentence and start > e.trigger["start"]]
        country = e.source.get("country")
        if e.target is None and not e.negated and after and e.root in COOPERATION_ROOTS and (
                not e.cameo.startswith(MEDIATE)) and country in _countries():  # a mediator is no side
            other = [a for a in actors if a.end <= e.trigger["start"] and a.label != "LOC"
                     and a.actor.get("sector") != MEDIA_SECTOR and a.actor.get("country") in _countries()
                     and a.actor.get("country") != country]
            if other:  # the country named most before it, the later on a tie: the article's other party
                counts = Counter(a.actor["country"] for a in other)
                a = max(reversed(other), key=lambda x: counts[x.actor["country"]])
                e = replace(e, target={**a.actor, "start": a.start, "end": a.end, "text": a.text})
        out.append(e)
    return out


def _domestic_targets(events: list[Event]) -> list[Event]:
    """An event whose sentence names no other party (so no target was found) is taken as domestic: its target is
    the source's own country, inferred and with no span (start, end and text null) (وتعهد دوكي بتوحيد البلاد:
    Colombia → Colombia), as event data codes an act on a country's own people; a negated act, a visit or meeting
    with no partner named, and an organisation with no country keep no target."""
    out: list[Event] = []
    for e in events:
        country = e.source.get("country")
        if e.target is None and not e.negated and country in _countries() and not e.cameo.startswith(PARTNER_CODES):
            name, wikidata = _countries()[country]
            e = replace(e, target={"code": country, "country": country, "sector": None, "name": name, "id": wikidata,
                                   "inferred": True, "start": None, "end": None, "text": None})
        out.append(e)
    return out


def _home_country(actors: list[Entity]) -> str | None:
    """The country an article is mostly about: the state its actors (not the media) belong to most often, the first
    named on a tie."""
    countries = [e.actor.get("country") for e in actors if e.actor.get("country") in _countries()
                 and e.actor.get("sector") != MEDIA_SECTOR]  # not the outlet of a dateline: دبي (CNN)--
    counts = Counter(countries)
    return max(dict.fromkeys(countries), key=counts.__getitem__, default=None)


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """The first words of the states' and capitals' names (روسيا، الولايات، طهران), as dictionaries match them."""
    tokenizer = Tokenizer()
    return frozenset(definite_key(tokenizer(row["arabic"])[0])
                     for _, row in read_tsv(builtin("actors", "country_names.tsv"), ("code", "arabic", "kind"))
                     if row["kind"] in ("name", "capital"))


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str | None]]:
    """Country code → (English name, Wikidata id), from the package's country table (`actors/countries.tsv`)."""
    rows = read_tsv(builtin("actors", "countries.tsv"), ("code", "name_en", "iso2", "wikidata"))
    return {row["code"]: (row["name_en"], row["wikidata"] or None) for _, row in rows}


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """One-word weekdays, months and relative days (الثلاثاء، مارس، أمس), as dictionaries match them."""
    return frozenset(key[0] for kind in ("weekday", "month", "relative_day") for key in time_words().get(kind, {})
                     if len(key) == 1)


def _first_word(toks: list[Token]) -> int:
    """The index of a sentence's first word, or -1."""
    return next((k for k, tok in enumerate(toks) if tok.kind == "word"), -1)


def _within(entities: list[Entity], starts: list[int], start: int, end: int) -> list[Entity]:
    """The entities (sorted by start, with their starts) lying inside the characters [start, end)."""
    lo, hi = bisect_left(starts, start), bisect_left(starts, end)
    return [e for e in entities[lo:hi] if e.end <= end]


def _attribute(toks: list[Token], actors: list[ActorSpan], a: ActorSpan) -> bool:
    """Whether an actor is a lone singular nisba qualifying the plain noun before it (الاتفاق النووي الإيراني): an
    attribute of a thing, never the subject of a later verb or noun; a plural one, sound or broken, names people
    (أمهات المختطفين اليمنيين، الروس)."""
    if a.j - a.i != 1 or len(a.code) != 3 or a.i == 0 or not is_definite(toks[a.i]) or not _singular_nisba(
            toks[a.i]):
        return False  # الروس، الألمان، اليمنيين: plural nisbas name people
    head = toks[a.i - 1]
    return head.kind == "word" and is_definite(head) and not any(b.i <= a.i - 1 < b.j for b in actors)


def _adjective_position(toks: list[Token], t: int, inside: set[int], places: set[int]) -> bool:
    """Whether a definite word right after a definite noun of no actor, or right after a place, stands as its
    adjective (المنطقة المحاصرة، مدينة دوما المحاصرة: the besieged area, the participle spelt like the verbal noun
    "siege")."""
    prev = toks[t - 1] if t > 0 else None
    if prev is None or len(toks[t]._rel) != 2 or not is_definite(toks[t]):
        return False
    if t - 1 in places:  # مدينة دوما المحاصرة: after a place only a participle (م-) (not ألقت السعودية القبض)
        return _participle(toks[t])
    return (prev.kind == "word" and t - 1 not in inside and len(prev._rel) == 2 and is_definite(prev)
            and definite_key(prev) not in _time_words())  # but الثلاثاء التوصل: a day, then the noun


def _adjective_role(toks: list[Token], t: int, a: ActorSpan) -> bool:
    """Whether a one-word role of inferred country right after the indefinite noun at t is its nisba adjective,
    agreeing in gender (تصريح إعلامي "a media statement"), not a genitive naming its agent."""
    noun, word = toks[t], toks[a.i]
    return (a.i == t + 1 and a.j == a.i + 1 and bool(a.entity.actor.get("inferred")) and not word._rel
            and not is_definite(noun) and not has_pronoun(noun) and _singular_nisba(word) and _agrees(noun, word))


def _nisba_form(tok: Token) -> bool:
    """Whether a word with no clitics ends as a relational adjective, singular or plural (كردي، كرديين; a broken
    plural such as أكراد has no such ending, and a word with the article is left out)."""
    return tok.kind == "word" and not tok._rel and (_singular_nisba(tok) or tok.stem.endswith(("يين", "يون")))


def _singular_nisba(tok: Token) -> bool:
    """Whether a word ends as a singular relational adjective, masculine or feminine (روسي، روسية)."""
    return tok.stem.endswith(("ي", "يه"))


def _genitive_after(toks: list[Token], t: int) -> bool:
    """Whether an indefinite verbal noun has a noun in its genitive right after it (اعتراض صاروخ أطلقه الحوثيون:
    the pronoun of أطلقه is the missile's, the launchers are no interceptors), not an adjective (هجوم مسلح نفذه)."""
    if t + 1 >= len(toks) or is_definite(toks[t]) or has_pronoun(toks[t]):
        return False
    word = toks[t + 1]
    return (word.kind == "word" and not word._rel and not _singular_nisba(word) and not _participle(word)
            and word.stem not in specificity_words().get("relative", ()))


def _written_as_noun(tok: Token) -> bool:
    """Whether a word's stem is written with the hamza below of a verbal noun (`noun_prefix`: إقالته، إدانته), which
    no past verb has (أقالته، أدانته): normalisation makes the two alike."""
    stem = next(((i, j) for i, j, _, role in tok._rel if role == "stem"), None)
    return stem is not None and tok.text[stem[0]:stem[1]].startswith(_noun_prefixes())


@lru_cache(maxsize=1)
def _noun_prefixes() -> tuple[str, ...]:
    """The `noun_prefix` function words (the raw letters, not normalised: إ)."""
    rows = read_tsv(builtin("events", "function_words.tsv"), ("class", "word", "note"))
    return tuple(row["word"] for _, row in rows if row["class"] == "noun_prefix")


def _participle(tok: Token) -> bool:
    """Whether a word opens with a participle's prefix (`participle_prefix`: المحاصرة، مسلح)."""
    return tok.stem.startswith(_participle_prefixes())


@lru_cache(maxsize=1)
def _participle_prefixes() -> tuple[str, ...]:
    """The `participle_prefix` function words."""
    return tuple(load_function_words().get("participle_prefix", ()))


def _agrees(noun: Token, nisba: Token) -> bool:
    """Whether a singular nisba agrees in gender with the noun it would qualify: feminine with a feminine or -ات
    plural noun (غارة إسرائيلية، طائرات حربية)."""
    return noun.stem.endswith(("ه", "ات")) == nisba.stem.endswith("يه")


def _armed(a: ActorSpan) -> bool:
    """Whether an actor is an armed force: an army, police or intelligence service, rebels, militants or a
    militant group (IMG)."""
    return _sector(a) in ARMED_SECTORS | NONSTATE_ARMED or a.code.startswith(MILITANT_GROUP)


def _sector(a: ActorSpan) -> str:
    """The role part of an actor's code (MIL of SYRMIL), or the whole code of a role with no country (MIL)."""
    return a.code[3:6] if a.entity.actor.get("country") else a.code[:3]


def _tanween_accusative(toks: list[Token], a: ActorSpan) -> bool:
    """Whether a one-word actor is written with the accusative tanween (بريطانياً، روسياً): an adjective or noun
    in the accusative, never a subject (normalised, بريطانياً and بريطانيا are one form)."""
    return a.j - a.i == 1 and toks[a.i].text.endswith(("اً", "ًا"))


def _named_person(a: ActorSpan) -> bool:
    """Whether an actor is a person known by name (ترامب، شريف), not a title or role whose country was inferred
    (قادة)."""
    return a.entity.label == "PER" and not a.entity.actor.get("inferred")


def _construct_head(token: Token) -> bool:
    """Whether a word can head a genitive construct (قوات in قوات النظام): no article, no pronoun; a word with
    the article (رشق المحتجين قوات الشرطة) ends its phrase, and what follows is another one."""
    return not is_definite(token) and not has_pronoun(token)


def _token_set(toks: list[Token], entities: list[Entity]) -> frozenset[int]:
    """The indices of the tokens the entities cover."""
    starts = [t.start for t in toks]
    return frozenset(k for e in entities for k in range(*token_span(starts, e.start, e.end)))


def _actor_spans(toks: list[Token], entities: list[Entity]) -> list[ActorSpan]:
    """Actor entities as token spans; a title and the name it introduces are one actor
    (الرئيس الروسي فلاديمير بوتين)."""
    starts = [t.start for t in toks]
    out: list[ActorSpan] = []
    for e in entities:
        i, j = token_span(starts, e.start, e.end)
        if i >= j:
            continue
        if out and out[-1].j == i and out[-1].code[:3] == e.actor["code"][:3] and e.label == "PER" and not (
                has_proclitic(toks[i], "ب", "ل", "ك")):  # ترامب للصحفيين
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
        if stem.endswith("ت") and has_pronoun(token):
            forms.append(stem[:-1] + "ه")
        out.append(tuple(forms))
    return out


def _bare(token: Token) -> str:
    """A word without the conjunction و/ف but with its other clitics (وكما → كما، وبما → بما، ولم → لم)."""
    rel = token._rel
    if not rel:
        return token.norm
    return "".join(norm for _, _, norm, role in rel if not (role == "proclitic" and norm in CONJUNCTIONS))


def _conjoined(token: Token) -> bool:
    """Whether a word carries the conjunction و or ف (وهددت، فقتل)."""
    rel = token._rel
    if rel:
        return rel[0][3] == "proclitic" and rel[0][2] in CONJUNCTIONS
    return unsplit_conjunction(token)


def _touching(sources: list[ActorSpan], t: int) -> bool:
    """Whether the source group ends right before the trigger (إن كيم زار)."""
    return any(s.j == t for s in sources)


def _quantity(token: Token, words: dict[str, set[str]]) -> bool:
    """A quantity word (عدد، آلاف، بعض) or a number before a partitive من."""
    return token.kind == "number" or token.stem in words.get("quantifier", ()) or token.norm in words.get(
        "quantifier", ())


def _placed(toks: list[Token], places: list[Entity]) -> bool:
    """Whether a place is named after a place preposition (في بيشاور، وسط المدينة، أمام السجن)."""
    preps = specificity_words().get("place_prep", frozenset())
    starts = [t.start for t in toks]
    for e in places:
        i, _ = token_span(starts, e.start, e.end)
        if i < len(toks) and (has_proclitic(toks[i], "ب")
                              or (i > 0 and toks[i - 1].stem in preps)):
            return True
    return False


def _symmetric(cameo: str) -> bool:
    """Events both sides do to each other: meetings, agreements, cooperation, clashes (بين X و Y)."""
    return cameo[:2] in SYMMETRIC_ROOTS or cameo in SYMMETRIC_CODES


def _same_actor(a: str, b: str) -> bool:
    """A country and its own government, or two mentions of one body, are not a source-target pair;
    different bodies of one country are (IRQOPP → IRQGOV)."""
    return a == b or (a[:3] == b[:3] and (len(a) == 3 or len(b) == 3 or a[3:6] == b[3:6]))


def _purpose(token: Token) -> bool:
    """Whether a word is a noun of purpose, ل with the article (للاحتجاج، للتشاور)."""
    pro = [norm for _, _, norm, role in token._rel if role == "proclitic"]
    return pro[-2:] in (["ل", "ل"], ["ل", "ال"])


def _group_ending(toks: list[Token], actors: list[ActorSpan], last: ActorSpan) -> list[ActorSpan]:
    """The coordinated group an actor closes (كوريا الجنوبية والولايات المتحدة → both)."""
    for a in actors:
        group = _coordinated(toks, actors, a)
        if last in group:
            return group[: group.index(last) + 1]
    return [last]


def _break_between(toks: list[Token], a: int, b: int, words: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a clause boundary (. ؛ : or a word such as حيث) lies between token a and token b."""
    return any(_is_break(toks[k], words) for k in range(min(a, b), max(a, b)))


def _is_break(tok: Token, words: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether a token ends a clause: . ؛ : or one of the clause-break `words` (حيث، كما)."""
    return (tok.kind == "punct" and tok.norm in CLAUSE_BREAKS) or (bool(words) and _bare(tok) in words)


def _coordinated(toks: list[Token], actors: list[ActorSpan], first: ActorSpan,
                 heads: set[str] | frozenset[str] = frozenset()) -> list[ActorSpan]:
    """An actor and those joined to it by و or a comma (كوريا الجنوبية والولايات المتحدة); with group `heads`,
    also through و + a head noun, after at most one adjective (القوات السورية النظامية ومقاتلي جبهة النصرة)."""
    group, end, apposed = [first], first.j, False
    for a in actors:
        if a.i < end:
            continue
        gap = toks[end:a.i]
        comma = len(gap) == 1 and gap[0].norm == ","
        if comma and apposed:
            break  # رئيس السلطة الفلسطينية، محمود عباس، حماس: the comma closes the apposed name; حماس is no member
        if comma and a.code == group[-1].code and len(group) == 1:
            apposed = True  # the same actor named again, set off by commas
        tok = toks[a.i]
        starts_with_and = (bool(tok._rel) and tok._rel[0][2:] == ("و", "proclitic")) or (
            a.j == a.i + 1 and unsplit_conjunction(tok) and tok.start < a.entity.start and a.entity.end == tok.end)
        # وفرنسا; وسلوفينيا, whose و the segmenter left on (the name inside the word); not وزير الخارجية ظريف
        if not gap and not starts_with_and and a.code[:3] == group[-1].code[:3] and _construct_head(toks[end - 1]) \
                and not _named_person(group[-1]):
            end = a.j  # قوات النظام: a genitive of the same country belongs to the actor before it
            continue
        joined = (not gap and starts_with_and) or (len(gap) == 1 and (gap[0].norm in (",", "و") or (
            gap[0].norm == "-" and toks[end - 1].end == gap[0].start and gap[0].end == toks[a.i].start)))
        # أمريكية-بريطانية: a hyphen written tight joins too (not a dash: لروسيا - إستونيا)
        through_head = bool(heads) and 1 <= len(gap) <= 2 and _bare(gap[-1]) in heads and bool(
            gap[-1]._rel[:1]) and gap[-1]._rel[0][2] == "و" and (len(gap) == 1 or is_definite(gap[0]))
        if not (joined or through_head):
            break
        group.append(a)
        end = a.j
    return group


def _name_start(toks: list[Token], k: int) -> int:
    """Where a name after word k starts: the next word, or the one after a quotation mark (تبناه «تنظيم الدولة»)."""
    return k + 2 if k + 2 < len(toks) and toks[k + 1].norm in QUOTE_MARKS else k + 1


def _location(toks: list[Token], stems: list[str], actors: list[ActorSpan]) -> dict | None:
    """The first place named after في in the sentence, with its country when it is known."""
    for a in actors:
        label = a.entity.label
        if label in ("LOC", "GPE") and a.i > 0 and stems[a.i - 1] == "في":
            e = a.entity
            return {"start": e.start, "end": e.end, "text": e.text, "country": e.actor.get("country")}
    return None
