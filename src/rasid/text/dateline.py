"""The dateline that opens a news sentence (دبي، الإمارات العربية المتحدة (CNN)-- , كراكس ـ أ.ف.ب: ): where the
story was filed and who filed it, not who acts in it."""

from __future__ import annotations

from collections.abc import Sequence

from rasid.document import Token

DASHES = {"-", "—", "–"}
TATWEEL = "ـ"  # a detached tatweel serves as a dash in datelines
DATELINE_WORDS = 20  # a dateline ends within this many tokens of the sentence start
DATELINE_SOURCE = 8  # the agency after its dash, up to a colon (كراكس ـ أ.ف.ب:)


def dateline_end(toks: Sequence[Token]) -> int:
    """How many tokens of a sentence its opening dateline spans (0: none): among the first words, a dash right
    after a closing bracket (`(CNN)--`), or a detached tatweel or a dash before a bracket followed shortly by the
    agency's colon (`كراكس ـ أ.ف.ب:`, `الخرطوم - (رويترز):`)."""
    for k, tok in enumerate(toks[:DATELINE_WORDS]):
        if not (tok.text == TATWEEL or (tok.kind == "punct" and tok.norm in DASHES)):
            continue
        colon = next((c for c in range(k + 1, min(k + 1 + DATELINE_SOURCE, len(toks))) if toks[c].norm == ":"), -1)
        after = toks[k + 1].norm if k + 1 < len(toks) else ""
        if colon >= 0 and (tok.text == TATWEEL or after == "("):
            return colon + 1
        if k > 0 and toks[k - 1].norm == ")" and tok.text != TATWEEL:
            return k + 2 if after in DASHES else k + 1
    return 0
