"""The actor resolver (a pipeline component): dictionary mentions, role + country composition
("وزير الدفاع الروسي" → RUSMIL), dated person roles, unknown people in role phrases, titles placed by an
apposed descriptor, "his country" pronouns (بلاده، حكومته), and short names linked to the full name earlier
in the article (كيم → كيم جونغ أون)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from rasid.actors import MEDIA_SECTOR
from rasid.actors.dictionary import ActorDictionary, Entry, bare_key
from rasid.datafiles import builtin
from rasid.document import Document, Entity, Token, token_span
from rasid.ner.clusters import token_key
from rasid.ner.features import load_triggers
from rasid.text.dateline import dateline_end
from rasid.text.normalize import removed_chars
from rasid.text.tokenize import (
    COMMAS,
    CONJUNCTIONS,
    definite_key,
    has_enclitic,
    has_proclitic,
    has_pronoun,
    is_definite,
    tokenize,
    unsplit_conjunction,
)

_MARKS = removed_chars()  # diacritics and tatweel, which a mention never starts with

COUNTRY_KINDS = {"name", "nisba", "capital", "seat", "region", "context", "user-GPE", "user-LOC"}
PLACE_KINDS = {"name", "capital", "region"}
MAX_APPOSED_GAP = 4  # definite adjectives and a comma between a title and the name it introduces
ORG_KINDS = {"igo", "group", "media", "org-region", "user-ORG"}
ROLE_KINDS = {"title", "body"}
MAX_GAP = 2  # words allowed between a role and its country: وكالة الأنباء المركزية لكوريا الشمالية
MAX_DESCRIPTOR = 5  # words between a comma and the coded actor of an apposed descriptor (، القائد السابق لسلاح الجو)
LABELS = {"person": "PER", "title": "PER", "body": "ORG", "igo": "ORG", "group": "ORG", "media": "ORG",
          "org-region": "GPE", "own-country": "GPE", "own-government": "ORG",
          "name": "GPE", "nisba": "GPE", "capital": "GPE", "seat": "GPE", "region": "LOC",
          "context": "GPE", "user-GPE": "GPE", "user-LOC": "LOC", "user-ORG": "ORG"}
MENTION_SCORE = 0.9
INFERRED_SCORE = 0.6


@dataclass
class Mention:
    """Tokens [i, j) of a sentence that name an actor, with how it was found."""

    i: int
    j: int
    kind: str
    code: str | None = None
    name: str | None = None
    wikidata: str | None = None
    sector: str | None = None
    person: str | None = None
    entity: Entity | None = None  # the NER entity it came from or merged with
    parts: list[Mention] = field(default_factory=list)
    ambiguous: bool = False  # a homograph (مالي, الخارجية) that neither NER nor a role phrase confirmed
    requires: str | None = None  # a context name: the country the article must also name
    inferred: bool = False  # the country was not named with the role: taken from the sentence or article
    conjunction: bool = False  # its first token is a conjunction the segmenter left on a rare name (وسلوفينيا)


@dataclass
class ActorResolver:
    """Give every actor mention an `actor` {code, country, sector, name, id}; add the mentions NER missed."""

    dictionary: ActorDictionary
    name: str = "actors"
    requires: tuple[str, ...] = ("tokens", "sentences", "entities")
    assigns: tuple[str, ...] = ("entities",)

    def __call__(self, doc: Document) -> Document:
        resolved: list[tuple[list[Token], Mention]] = []
        ner = sorted(doc.entities, key=lambda e: e.start)
        found: list[tuple[list[Token], list[Mention]]] = []
        for _, sent, toks in doc.sentence_tokens():
            if toks:
                sent_ents = [e for e in ner if e.start >= sent.start and e.end <= sent.end]
                mentions = self._own_country(toks, self._sentence(toks, sent_ents, doc.date, resolved), found)
                mentions = self._latter(toks, mentions, found)
                end = dateline_end(toks)  # دبي، الإمارات العربية المتحدة (CNN)-- : where it was filed, not who
                found.append((toks, [m for m in mentions if not (m.j <= end and m.kind in PLACE_KINDS | {"seat"})]))
        named = {m.code[:3] for _, mentions in found for m in mentions if m.code and m.kind != "context"}
        same = self.dictionary.cues.get("context_adjective", set())
        found = [(toks, _apply_context(toks, mentions, named, same)) for toks, mentions in found]
        place = self.dictionary.cues.get("place", set())
        homographs = self.dictionary.homographs
        home = _dominant_country([(toks, [m for m in mentions if _key(toks, m) not in homographs])
                                  for toks, mentions in found], place)
        out: list[Entity] = []
        for toks, mentions in found:
            self._read_homographs(toks, mentions, home)
            _fill_bare_roles(toks, mentions, home, place)
            out.extend(self._entity(doc, toks, m) for m in mentions if m.code or m.kind.startswith("ner-"))
        used = {id(e) for e in out}
        claimed = [(e.start, e.end) for e in out]
        for e in ner:  # NER entities no actor mention took over stay as they are
            if id(e) not in used and not any(a < e.end and e.start < b for a, b in claimed):
                out.append(e)
        doc.entities = sorted(out, key=lambda e: (e.start, e.end))
        return doc

    def _sentence(self, toks: list[Token], ents: list[Entity], day: str | None,
                  resolved: list[tuple[list[Token], Mention]]) -> list[Mention]:
        spans = _entity_spans(toks, ents)
        mentions = self._dictionary_mentions(toks, spans)
        breaks = self.dictionary.cues.get("gap_break", set())
        place = self.dictionary.cues.get("place", set())
        mentions = [m for m in _compose_roles(toks, mentions, breaks, place)
                    if not m.ambiguous]  # a homograph alone: none
        for m in mentions:  # وكالة الأنباء المركزية after وكالة الأنباء المركزية لكوريا الشمالية: the same body
            if m.kind in ROLE_KINDS and m.code is None:
                _link_short_name(toks, m, resolved, composite=True)
        taken = [(m.i, m.j) for m in mentions]
        for (i, j), entity in spans.items():
            inside = [m for m in mentions if m.i <= i and j <= m.j]
            covering = [m for m in mentions if i <= m.i and m.j <= j]
            if entity.label == "PER" and covering and not any(m.kind == "person" for m in covering):
                mentions = [m for m in mentions if m not in covering]  # عبد الملك: a title word inside a name
                taken = [(m.i, m.j) for m in mentions]
                covering = []
            if inside:
                inside[0].entity = inside[0].entity or entity
            elif covering:  # NER found a longer name around a dictionary form: keep NER's span
                best = max(covering, key=lambda m: m.j - m.i)
                best.i, best.j, best.entity = i, j, entity
            elif not any(a < j and i < b for a, b in taken):
                mentions.append(Mention(i, j, "ner-" + entity.label, entity=entity))
        mentions.sort(key=lambda m: m.i)
        for k, m in enumerate(mentions):
            if m.kind == "person":
                m.code = self.dictionary.people[m.person].code_on(day)
            elif m.kind == "ner-PER":
                before = mentions[k - 1] if k else None
                if before and _is_title(before) and before.code and (m.i - before.j <= 1 or _apposed_after(
                        toks, before.j, m.i)):
                    m.code, m.name = before.code, None  # an unknown person in a role phrase: the role's code
                else:
                    _link_short_name(toks, m, resolved)
            if m.kind in ("person", "ner-PER", "composite") and (m.code or m.person):
                resolved.append((toks[m.i:m.j], m))
        return [m for m in mentions if m.code or m.kind.startswith("ner-") or m.kind in ROLE_KINDS]

    def _read_homographs(self, toks: list[Token], mentions: list[Mention], home: str | None) -> None:
        """Give a homograph of two states its other reading where the article is about that state (عمان in an
        article about Jordan is Amman, its capital: JORGOV)."""
        for m in mentions:
            other = self.dictionary.homographs.get(_key(toks, m))
            if other is not None and other == home and m.kind in ("name", "capital"):
                m.kind, m.code, m.name, m.wikidata = "capital", other + "GOV", self.dictionary.countries[other][0], None

    def _own_country(self, toks: list[Token], mentions: list[Mention],
                     found: list[tuple[list[Token], list[Mention]]]) -> list[Mention]:
        """Add `بلاده، بلادها` ("his/her country"), `حكومته` ("his government") and `قواته، جيشه` ("his forces"): the
        country (or its GOV or MIL) of the first person named before it in the sentence, the clause's subject (else
        of the last actor), else of the sentence before (وقال وزير الخارجية التركي إن بلاده على اتصال ...); a
        plural pronoun (بلادهم) is the last group's (دعا مسؤولون لبنانيون اللاجئين السوريين للعودة إلى بلادهم)."""
        suffix = self._own_suffix
        bare = {m.i for m in mentions if m.kind in ROLE_KINDS and m.code is None and m.j == m.i + 1}  # جيشه alone
        taken = {k for m in mentions for k in range(m.i, m.j)} - bare
        added = []
        for k, tok in enumerate(toks):
            if k in taken or tok.stem not in suffix or not has_pronoun(tok):
                continue
            earlier = _antecedents(mentions, found, k, self._has_country)
            people = [m for m in earlier if m.kind in ("person", "ner-PER") or _is_title(m)]
            plural = has_enclitic(tok, *self._plural_pronouns)
            if earlier:  # أكد نتنياهو مع الرئيس الروسي أن جيشه: the subject's army, not the last person's
                owner = earlier[-1] if plural or not people else people[0]
                kind = "own-government" if suffix[tok.stem] else "own-country"
                added.append(Mention(k, k + 1, kind, code=owner.code[:3] + suffix[tok.stem]))
        replaced = {m.i for m in added}  # the bare role the pronoun's owner now names
        return _with_added([m for m in mentions if not (m.i in bare and m.i in replaced)], added)

    def _latter(self, toks: list[Token], mentions: list[Mention],
                found: list[tuple[list[Token], list[Mention]]]) -> list[Mention]:
        """Add `الأخير، الأخيرة` used as a pronoun ("the latter": أن الأخيرة رفضت، لكن الأخير): the actor named last
        before it in the sentence, else in the sentence before; not a person for the feminine. It is a pronoun
        right after a particle (`latter_after` cues: أن، إن، لكن ...), and after a bare word, a verb or a noun
        in construct (رفض الأخير، طلب الأخير); it is an adjective after a definite word, a pronoun suffix or a
        counted noun (السنوات الأخيرة، تصريحاته الأخيرة، 25 عاما الأخيرة) and after `latter_not_after` words
        (في الأخير "finally", قبل الأخير "the one before last")."""
        cues = self.dictionary.cues
        words, feminine = cues.get("latter", set()), cues.get("latter_feminine", set())
        taken = {k for m in mentions for k in range(m.i, m.j)}
        added = []
        for k, tok in enumerate(toks):
            if k == 0 or k in taken or definite_key(tok) not in words or not self._latter_pronoun(toks, k, taken):
                continue
            persons = ("person", "ner-PER") if definite_key(tok) in feminine else ()
            earlier = _antecedents(mentions, found, k, lambda m, no=persons: bool(m.code) and m.kind not in no)
            if earlier:
                added.append(replace(earlier[-1], i=k, j=k + 1, entity=None, inferred=True))
        return _with_added(mentions, added)

    def _latter_pronoun(self, toks: list[Token], k: int, taken: set[int]) -> bool:
        """Whether `الأخير(ة)` at k is "the latter" rather than an adjective, from the word before it."""
        cues = self.dictionary.cues
        before = toks[k - 1]
        if before.stem in cues.get("latter_after", set()):
            return True
        if has_pronoun(before) and k > 1:  # a verb with its object pronoun
            head = toks[k - 2]  # ... in a relative clause: الأمر الذي أكدته الأخيرة، تدريبات مشتركة تجريها الأخيرة
            # (an indefinite feminine word before it: سنوات عمرها الأخيرة is "her last years")
            return head.stem in cues.get("relative", set()) or (
                head.kind == "word" and k - 2 not in taken and definite_key(head) == head.stem
                and not has_pronoun(head) and head.norm.endswith("ه"))
        return (before.kind == "word" and k - 1 not in taken and before.stem not in cues.get("latter_not_after", set())
                and definite_key(before) == before.stem and not has_pronoun(before)
                and not any(t.kind == "number" for t in toks[max(0, k - 3):k - 1]))

    def _has_country(self, m: Mention) -> bool:
        """Whether a mention's code names a country."""
        return bool(m.code) and m.code[:3] in self.dictionary.countries

    @cached_property
    def _plural_pronouns(self) -> frozenset[str]:
        """The plural and dual pronoun suffixes (هم، هما، هن): their owner is a group, not the speaker."""
        return frozenset(self.dictionary.cues.get("plural_pronoun", ()))

    @cached_property
    def _own_suffix(self) -> dict[str, str]:
        """The `own_country`, `own_government` and `own_military` cue words, each with what it adds to a country
        code."""
        cues = self.dictionary.cues
        return {w: "" for w in cues.get("own_country", set())} | {w: "GOV" for w in cues.get("own_government", set())} \
            | {w: "MIL" for w in cues.get("own_military", set())}

    def _dictionary_mentions(self, toks: list[Token], spans: dict) -> list[Mention]:
        keys = [definite_key(t) for t in toks]
        bare = [bare_key(k) for k in keys]
        d = self.dictionary
        form_firsts, role_firsts = d.firsts()
        out: list[Mention] = []
        i = 0
        while i < len(toks):
            found = None
            if toks[i].kind == "hashtag":  # #قطر، #سامح_شكري: the words of the tag, as one actor or none
                entry = self._hashtag_entry(toks[i].text)
                if entry is not None:
                    out.append(_mention(i, i + 1, entry))
                i += 1
                continue
            if keys[i] not in form_firsts and bare[i] not in role_firsts:
                entry = d.forms.get((keys[i][1:],)) if unsplit_conjunction(toks[i]) else None
                if entry is not None and entry.kind != "none" and not entry.ambiguous:  # وسلوفينيا: و + Slovenia
                    out.append(_mention(i, i + 1, entry))
                    out[-1].conjunction = True
                i += 1
                continue
            form_lengths, role_lengths = form_firsts.get(keys[i], ()), role_firsts.get(bare[i], ())
            for n in range(min(d.longest, len(toks) - i), 0, -1):
                entry = (n in form_lengths and d.forms.get(tuple(keys[i:i + n]))) or (
                    n in role_lengths and d.roles.get(tuple(bare[i:i + n])))
                if entry:
                    found = (n, entry)
                    break
            if found is None:
                i += 1
                continue
            n, entry = found
            if entry.kind == "none" or _unmade(d, bare[i:i + n], toks[i + n] if i + n < len(toks) else None) or (
                    self._adjective(toks, i, n, entry)):
                i += n  # شبه الجزيرة, القاضي بحظر, هجوم انتحاري: no actor
                continue
            mention = _mention(i, i + n, entry)
            mention.ambiguous = entry.ambiguous and not _inside_entity(i, i + n, spans)
            out.append(mention)
            i += n
        return out

    def _adjective(self, toks: list[Token], i: int, n: int, entry: Entry) -> bool:
        """Whether a one-word role ending as a singular nisba qualifies a noun of attack before it, past at most one
        other such adjective (`adjective_after` cues: هجوم انتحاري، هجوما انتحاريا، تفجير إرهابي انتحاري): it agrees
        with the noun in definiteness (الهجوم الانتحاري); after an indefinite noun a definite word is its genitive,
        the maker (اعتداء الجندي الإسرائيلي، هجوم المسلحين)."""
        cues = self.dictionary.cues
        endings = tuple(cues.get("singular_nisba_ending", ()))
        if entry.kind not in ROLE_KINDS or n != 1 or not toks[i].stem.endswith(endings):
            return False
        definite = is_definite(toks[i])
        for k in (i - 1, i - 2):
            if k < 0 or is_definite(toks[k]) != definite:
                return False
            if toks[k].stem in cues.get("adjective_after", ()):
                return True
            if not toks[k].stem.endswith(endings):
                return False
        return False

    def _hashtag_entry(self, tag: str) -> Entry | None:
        """The dictionary entry that a hashtag's words name as a whole (#الإمارات، #سامح_شكري), if any."""
        words = tokenize(tag[1:].replace("_", " "))
        keys = tuple(definite_key(t) for t in words)
        entry = self.dictionary.forms.get(keys) or self.dictionary.roles.get(tuple(bare_key(k) for k in keys))
        return entry if entry is not None and entry.kind != "none" and not entry.ambiguous else None

    def _entity(self, doc: Document, toks: list[Token], m: Mention) -> Entity:
        start, end = _span_start(toks[m.i]), toks[m.j - 1].end
        if m.conjunction:  # وسلوفينيا: the name starts after the و and any mark on it (وَسلوفينيا)
            start += 1
            while start < end and doc.text[start] in _MARKS:
                start += 1
        label = LABELS.get(m.kind) or (m.kind[4:] if m.kind.startswith("ner-") else "ORG")
        if m.kind == "composite":
            label = "PER" if m.parts[0].kind == "title" else "ORG"
        if m.entity is not None and m.kind.startswith("ner-") and m.entity.label == "LOC" and m.code:
            label = "GPE"
        score = m.entity.score if m.entity is not None else MENTION_SCORE
        if m.inferred:
            score = min(score, INFERRED_SCORE)
        entity = Entity(start, end, doc.text[start:end], label, score)
        if m.code:
            name = m.name or (self.dictionary.people[m.person].name if m.person else None)
            country = m.code[:3]
            entity.actor = {"code": m.code, "country": country if country in self.dictionary.countries else None,
                            "sector": _sector(m.code, self.dictionary.subnational),
                            "name": name or self._default_name(m.code),
                            "id": m.wikidata or (self.dictionary.people[m.person].wikidata if m.person else None),
                            "inferred": m.inferred}
        if m.entity is not None and entity.actor is None:
            return m.entity
        return entity

    def _default_name(self, code: str) -> str:
        if code[:3] not in self.dictionary.countries:
            return code
        return f"{self.dictionary.countries[code[:3]][0]} {code[3:]}".strip()


def _sector(code: str, subnational: set[str]) -> str | None:
    """The role part of a code, after the country or a sub-national prefix (PSEGZA has none)."""
    return (code[6:9] if code[:6] in subnational else code[3:6]) or None


def _apposed_after(toks: list[Token], i: int, j: int) -> bool:
    """Whether only definite adjectives and a final comma stand between a title and a name (الرئيس الكولومبي
    الجديد المنتخب، ايفان دوكي)."""
    gap = toks[i:j]
    return 1 < len(gap) <= MAX_APPOSED_GAP and gap[-1].norm in COMMAS and all(
        t.kind == "word" and definite_key(t) != t.stem for t in gap[:-1])


def _antecedents(mentions: list[Mention], found: list[tuple[list[Token], list[Mention]]], k: int,
                 keep: Callable[[Mention], bool]) -> list[Mention]:
    """The mentions `keep` accepts among those named before token k of the sentence, else in the sentence before:
    what a pronoun (بلاده، الأخيرة) may refer to, nearest last."""
    return [m for m in mentions if m.j <= k and keep(m)] or ([m for m in found[-1][1] if keep(m)] if found else [])


def _with_added(mentions: list[Mention], added: list[Mention]) -> list[Mention]:
    """The sentence's mentions with pronoun mentions added, in token order."""
    return sorted(mentions + added, key=lambda m: m.i) if added else mentions


def _key(toks: list[Token], m: Mention) -> tuple[str, ...]:
    """A mention's words as the dictionary keys them."""
    return tuple(definite_key(t) for t in toks[m.i:m.j])


def _dominant_country(found: list[tuple[list[Token], list[Mention]]], place: set[str]) -> str | None:
    """The country the article is mostly about: the most frequent country among its resolved actors, a
    country named as a place (في تونس) counting twice; a tie goes to the country named first."""
    counts: dict[str, int] = {}
    kinds = COUNTRY_KINDS | {"composite", "person", "ner-PER"}
    for toks, mentions in found:
        for m in mentions:
            if m.inferred:  # a pronoun (الأخيرة) names no one anew
                continue
            if m.requires or (m.kind == "composite" and m.parts and (
                    m.parts[-1].kind in ORG_KINDS or m.parts[-1].requires)):
                continue  # الاحتلال، قوات التحالف، الأمين العام لحزب الله، مراسل وكالة الأنباء السعودية: a context
                # name, or an organisation's body or reporter, says who acts, not where the story is
            if m.code and m.kind in kinds and m.code[:3].isalpha() and not m.code.startswith(("IGO", "NGO", "IMG")):
                weight = 2 if m.kind in PLACE_KINDS and _after_place_word(toks, m.i, place) else 1
                counts[m.code[:3]] = counts.get(m.code[:3], 0) + weight
    return max(counts, key=lambda c: counts[c]) if counts else None


def _after_place_word(toks: list[Token], i: int, place: set[str]) -> bool:
    """Whether token i follows a place preposition (في تونس), as a word or a proclitic."""
    if i > 0 and toks[i - 1].stem in place and toks[i - 1].kind == "word":
        return True
    return any(role == "proclitic" and norm in place for _, _, norm, role in toks[i]._rel)


def _unmade(d: ActorDictionary, keys: list[str], nxt: Token | None) -> bool:
    """Whether a form is no actor before the next word (القاضي بحظر "stipulating", المسؤول عن)."""
    words = d.not_before.get(tuple(keys))
    if not words or nxt is None:
        return False
    clitics = {norm for _, _, norm, role in nxt._rel if role == "proclitic"}
    return bool(words & (clitics | {nxt.stem}))


def _apply_context(toks: list[Token], mentions: list[Mention], named: set[str],
                   same: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """A context name (الجنوب → KOR, التحالف → SAUMIL) counts only where the article names its partner country (PRK)
    and no adjective of its own follows it (التحالف الحقوقي، الجنوب اللبناني: another alliance, another south), unless
    the adjective is a country's nisba (الاحتلال الإسرائيلي، الجنوب الكوري) or one of the `same` adjectives that keep
    the referent (التحالف العسكري); otherwise it is dropped, and a role composed with it is a bare role again."""
    nisbas = {m.i for m in mentions if m.kind == "nisba"}
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "context":
            nxt = toks[m.j] if m.j < len(toks) else None
            qualified = nxt is not None and nxt.kind == "word" and is_definite(nxt) and nxt.stem.endswith(
                ("ي", "يه")) and m.j not in nisbas and nxt.stem not in same
            if m.requires in named and not qualified:
                m.kind = "name" if len(m.code) == 3 else "group"  # الجنوب → KOR, التحالف → SAUMIL
                out.append(m)
        elif m.kind == "composite" and m.parts and m.parts[-1].kind in ("context", "name") and m.parts[-1].requires:
            if m.parts[-1].requires in named:
                out.append(m)
            elif m.i <= m.parts[0].i and m.parts[-1].j <= m.j:
                out.extend(m.parts[:-1])
            # else a short form linked to such a phrase in an earlier sentence (its parts are there): no actor
        else:
            out.append(m)
    return out


def _fill_bare_roles(toks: list[Token], mentions: list[Mention], home: str | None, place_words: set[str]) -> None:
    """A role with no country named (الحكومة, المتظاهرين, وزير المالية) belongs to the person it introduces,
    else to the article's main country, else to the country of a place named after في in its sentence."""
    place = next((m.code[:3] for m in mentions if m.kind in ("name", "capital", "region")
                  and m.code and _after_place_word(toks, m.i, place_words)), None)
    country = home or place
    for k, m in enumerate(mentions):
        if m.kind in ROLE_KINDS and m.code is None and m.sector:
            nxt = mentions[k + 1] if k + 1 < len(mentions) else None
            apposed = m.kind == "title" and nxt is not None and nxt.kind in ("person", "ner-PER") and (
                nxt.i - m.j <= 1 or (nxt.i - m.j <= 3 and any(t.norm in COMMAS for t in toks[m.j:nxt.i])))
            if apposed and nxt.code:  # رئيس الجمهورية الباجي قائد السبسي: the title is the named person's
                m.code = nxt.code
                continue
            prev = mentions[k - 1] if k else None
            if not apposed and m.kind == "title" and prev is not None and prev.kind in ("person", "ner-PER") and (
                    prev.code and m.i - prev.j == 1 and toks[prev.j].norm in COMMAS and not any(
                        role == "proclitic" and norm != "ال" for _, _, norm, role in toks[m.i]._rel)):
                m.code = prev.code  # دي ميستورا، مبعوث الأمين العام: a title after a named person and a comma
                continue
            described = _described_by(toks, mentions, nxt if apposed else m)
            m.code = (described or country or "") + m.sector
            m.inferred = True
            if apposed and not nxt.code:
                nxt.code, nxt.inferred = m.code, True


def _described_by(toks: list[Token], mentions: list[Mention], m: Mention) -> str | None:
    """The country of the descriptor set off by a comma right after a mention (الجنرال المتقاعد، ايتان بن إلياهو،
    القائد السابق لسلاح الجو الإسرائيلي): that of the coded actor within the next few words, before another comma."""
    if m.j >= len(toks) or toks[m.j].norm not in COMMAS:
        return None
    if m.j + 1 < len(toks) and has_proclitic(toks[m.j + 1], *CONJUNCTIONS):
        return None  # مقتل ثلاثة جنود، وقد تبناه تنظيم القاعدة: a clause joined on, not a descriptor
    for other in mentions:
        if m.j < other.i <= m.j + MAX_DESCRIPTOR and other.code and other.kind not in ROLE_KINDS and not any(
                t.norm in COMMAS or t.norm == "." for t in toks[m.j + 1:other.i]):
            return other.code[:3]
    return None


def _mention(i: int, j: int, entry: Entry) -> Mention:
    return Mention(i, j, entry.kind, code=entry.code, name=entry.name if entry.kind != "title" else None,
                   wikidata=entry.wikidata, sector=entry.sector, person=entry.person, requires=entry.requires)


def _compose_roles(toks: list[Token], mentions: list[Mention], breaks: set[str] | frozenset[str] = frozenset(),
                   place: set[str] | frozenset[str] = frozenset()) -> list[Mention]:
    """Join a chain of roles with the country or organisation right after it into one actor (`breaks` and `place`:
    as `_gap_ok` reads them)."""
    out: list[Mention] = []
    k = 0
    while k < len(mentions):
        m = mentions[k]
        if m.kind not in ROLE_KINDS:
            out.append(m)
            k += 1
            continue
        chain = [m]
        while k + 1 < len(mentions) and mentions[k + 1].kind in ROLE_KINDS:
            if not _gap_ok(toks, chain[-1], mentions[k + 1], breaks, place):
                break
            k += 1
            chain.append(mentions[k])
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if nxt and (nxt.kind in COUNTRY_KINDS or nxt.kind in ORG_KINDS) and _gap_ok(
                toks, chain[-1], nxt, breaks, place) and not _told_to(toks, chain, nxt):
            if nxt.kind in ORG_KINDS:
                code = nxt.code
            else:  # the most specific sector of the chain: قوات الحكومة → MIL, المتحدث باسم الجيش → MIL
                sectors = [r.sector for r in chain if r.sector]
                code = nxt.code[:3] + next((s for s in sectors if s != "GOV"), sectors[0] if sectors else "")
            out.append(Mention(chain[0].i, nxt.j, "composite", code=code, parts=[*chain, nxt]))
            k += 2
            continue
        out.extend(chain)  # a role with no country: kept for an apposed person, no code of its own
        k += 1
    return out


def _told_to(toks: list[Token], chain: list[Mention], media: Mention) -> bool:
    """Whether a news outlet after ل is whom a role spoke to, not the role's employer (قال مسؤول عسكري لوكالة فرانس
    برس; but مراسل لوكالة فرانس برس is its correspondent): no media role in the chain."""
    first = toks[media.i]
    return media.kind == "media" and has_proclitic(first, "ل") and not any(
        r.sector == MEDIA_SECTOR for r in chain)  # (ولوكالة too; رئيس تحرير is a media role)


def _is_title(m: Mention) -> bool:
    """A person's title (وزير الدفاع الروسي), as opposed to a body (وكالة الأنباء الروسية)."""
    return m.kind == "title" or (m.kind == "composite" and m.parts[0].kind == "title")


def _gap_ok(toks: list[Token], left: Mention, right: Mention, breaks: set[str] | frozenset[str] = frozenset(),
            place: set[str] | frozenset[str] = frozenset()) -> bool:
    """Whether the words between two parts of a role chain may join them: at most MAX_GAP plain words, none a
    `gap_break` word (قال، هو) or one that opens with a conjunction (وهو برتبة عقيد), and after a `place` word (في)
    only place nouns (المحتجون في غزة، مستشفى في مدينة دوما, but not مدنيين في غارة روسية)."""
    gap = toks[left.j:right.i]
    after = next((k for k, t in enumerate(gap) if t.stem in place), len(gap))
    if any(t.stem not in _place_nouns() for t in gap[after + 1:]):  # في غارة روسية: no place noun after في
        return False
    return len(gap) <= MAX_GAP and all(
        t.kind == "word" and t.stem not in breaks and not (t._rel and t._rel[0][3] == "proclitic"
                                                          and t._rel[0][2] in CONJUNCTIONS) for t in gap)


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    """Nouns that announce a place (مدينة، منطقة، شمال), from the NER's trigger words."""
    return frozenset(w for w, label in load_triggers(builtin("ner", "triggers.tsv")).items() if label == "LOC")


def _entity_spans(toks: list[Token], ents: list[Entity]) -> dict[tuple[int, int], Entity]:
    """NER entities as [first, last + 1) token index spans of the sentence."""
    starts = [t.start for t in toks]
    out = {}
    for e in ents:
        i, j = token_span(starts, e.start, e.end)
        if i < j:
            out[(i, j)] = e
    return out


def _inside_entity(i: int, j: int, spans: dict) -> bool:
    return any(a <= i and j <= b for a, b in spans)


def _link_short_name(toks: list[Token], m: Mention, resolved: list[tuple[list[Token], Mention]],
                     composite: bool = False) -> None:
    """A person named by part of an earlier full name (كيم, شويغو) is that person; a body named by the
    beginning of an earlier role phrase (وكالة الأنباء المركزية) is that body."""
    keys = [token_key(t) for t in toks[m.i:m.j]]
    for earlier_toks, earlier in reversed(resolved):
        if (earlier.kind == "composite") != composite:
            continue
        full = [token_key(t) for t in earlier_toks]
        starts = [0] if composite else range(len(full) - len(keys) + 1)
        if len(keys) < len(full) and any(full[s:s + len(keys)] == keys for s in starts):
            m.code, m.person, m.name, m.wikidata = earlier.code, earlier.person, earlier.name, earlier.wikidata
            if composite:
                m.kind, m.parts = "composite", earlier.parts
            return


def _span_start(token: Token) -> int:
    """Where an actor mention starts: after a leading conjunction or preposition, at the article or stem."""
    for a, _, norm, role in token._rel:
        if role != "proclitic" or norm == "ال":
            return token.start + a
    return token.start
