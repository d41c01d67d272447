"""Training the CRF and tagging with it; BIO repair; scoring on a corpus at its own token level."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rasid.datafiles import builtin
from rasid.document import Token
from rasid.errors import ModelError
from rasid.ner.corpus import AlignedSentence
from rasid.ner.evaluate import NerScore
from rasid.ner.features import FeatureExtractor

DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200}


class NerTagger:
    """A trained CRF with its feature extractor: tokens in, BIO tags out."""

    def __init__(self, model_path: Path | str, extractor: FeatureExtractor) -> None:
        import pycrfsuite

        self.extractor = extractor
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open(str(model_path))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the NER model {model_path}: {exc}") from None

    @classmethod
    def default(cls) -> NerTagger:
        """The model and resources shipped in the package."""
        return cls(str(builtin("ner", "model.crfsuite")), FeatureExtractor.default())

    def tag(self, tokens: Sequence[Token]) -> list[str]:
        """BIO tags (B-PER, I-ORG, O ...) for one sentence of tokens."""
        if not tokens:
            return []
        return split_coordination(tokens, repair_bio(self._tagger.tag(self.extractor.sentence(tokens))))

    def marginals(self, tokens: Sequence[Token], tags: Sequence[str]) -> list[float]:
        """The probability of each tag of the last `tag` call's sentence (same tokens)."""
        return [self._tagger.marginal(tag, i) for i, tag in enumerate(tags)]


def train_crf(sentences: Iterable[AlignedSentence], extractor: FeatureExtractor, out: Path,
              params: dict | None = None) -> None:
    """Train a CRF on aligned sentences and write it to `out` (deterministic for the same input)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for sent in sentences:
        if sent.tokens:
            trainer.append(extractor.sentence(sent.tokens), sent.tags)
    trainer.set_params({**DEFAULT_PARAMS, **(params or {}), "feature.possible_transitions": True})
    out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(out))


def split_coordination(tokens: Sequence[Token], tags: list[str]) -> list[str]:
    """Cut an entity before a word that starts with the conjunction و: كيم وشويغو is two names."""
    out = list(tags)
    for i in range(1, len(tokens)):
        segs = tokens[i]._rel
        if out[i].startswith("I-") and segs and segs[0][3] == "proclitic" and segs[0][2] == "و":
            out[i] = "B-" + out[i][2:]
    return out


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Make a tag sequence valid BIO: an I- that does not continue its type becomes B-."""
    out = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def score_corpus(tagger: NerTagger, sentences: Iterable[AlignedSentence], gold: Iterable[list[str]]) -> NerScore:
    """Tag aligned sentences and score them at the corpus's own word level (each word's main token)."""
    score = NerScore()
    for sent, gold_tags in zip(sentences, gold, strict=True):
        tags = tagger.tag(sent.tokens)
        words = repair_bio([tags[h] if tags else "O" for h in sent.heads])
        score.add(gold_tags, words)
    return score
