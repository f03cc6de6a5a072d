"""Person names by the shipped CRF (`deid.scrub.name_model`), alongside the rule-based name recognizers."""
from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.name_model import MODEL_FILE, NameFeatures, NameModel, read_card
from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import NameEvidence
from deid.scrub.registry import register
from deid.standards import Standards, fold

_ABBREVIATION_LETTERS = 4   # "DNA", "FTA", "WINZ": longer words in capitals are left to the model
_MODELS: dict[int, tuple[Standards, NameModel, float]] = {}


@register
class CrfNameRecognizer(SpanRecognizer):
    """Each word the name model gives a probability of at least its card's threshold of being part of a
    person's name (standards/models/person_names.yaml). The model reads a word's shape, its place in the
    sentence, the shipped name, te reo and place lists and its neighbours; a name it finds is widened and
    kept back by programme and organisation names like any other, and dropped where the rules say the word is no
    person (`_word_not_person`)."""

    NEEDS_KNOWN_NAMES = False

    def __init__(self, model: NameModel, threshold: float, supported_entity: str = "PERSON", evidence: NameEvidence | None = None):
        super().__init__("CrfNameRecognizer", supported_entity)
        self.model = model
        self.threshold = threshold
        self.evidence = evidence

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> CrfNameRecognizer:
        cached = _MODELS.get(id(standards))
        if cached is None or cached[0] is not standards:
            card = read_card(standards)
            model = NameModel(standards.directory / MODEL_FILE, NameFeatures(NameEvidence.from_standards(standards), standards))
            cached = _MODELS[id(standards)] = (standards, model, card.threshold)
        return cls(cached[1], cached[2], evidence=NameEvidence.from_standards(standards))

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        ev = self.evidence
        words = [(start, end) for start, end, _ in self.model.name_words(text, self.threshold)]
        # a word the model reads as part of a longer name ("te aniwa") is judged with it: only a word standing alone is
        # taken back for being a te reo word
        joined = {k for k in range(len(words)) for j in (k - 1, k + 1)
                  if 0 <= j < len(words) and _adjacent(text, *sorted((words[k], words[j])))}
        return [self.span(start, end, 0.6, "name model") for k, (start, end) in enumerate(words)
                if ev is None or not self._word_not_person(ev, text, start, end, k in joined)]

    @staticmethod
    def _word_not_person(ev: NameEvidence, text: str, start: int, end: int, in_a_name: bool = False) -> bool:
        """What the rules hold is no person whatever the model says: the name of a people with no title or kinship word
        before it ("te reo Māori"), an everyday word a participle was done to ("Koha declined by whānau"), and a short
        word in capitals on no name list and of no name's shape, an abbreviation ("DNR - did not reply"; where a note
        is written in capitals the model reads it re-cased, so this is a word in capitals among lower case); and an everyday
        te reo word on no name list, or a te reo pronoun, in lower case, with no person cue before it."""
        word = text[start:end]
        key = fold(word)
        if word.islower() and not in_a_name and (key in ev.reo_pronouns or (key in ev.te_reo and not ev.is_listed_name(key))) \
                and not ev.cue_before(text, start):
            return True   # a te reo word in lower case is the word ("te wiki e heke mai nei", "ka hui anō tātou"): a user test
        if word.isupper() and len(word) <= _ABBREVIATION_LETTERS and not ev.is_listed_name(key) and key not in ev.te_reo \
                and not ev.polynesian_shape(key) and not ev.korean_shape(key):
            return True   # (even after a role word: "client DNA")
        return (ev.capital_by_convention(key) and not ev.cue_before(text, start)) or ev.done_to_thing(text, start, end)


def _adjacent(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Two words with only spaces between them."""
    return first[1] <= second[0] and not text[first[1]:second[0]].strip(" \t")
