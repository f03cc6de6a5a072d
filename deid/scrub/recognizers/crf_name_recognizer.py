"""Person names by the shipped CRF (`deid.scrub.name_model`), alongside the rule-based name recognizers."""
from __future__ import annotations

from collections.abc import Sequence

from presidio_analyzer import RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from deid.scrub.name_model import MODEL_FILE, NameFeatures, NameModel, read_card
from deid.scrub.recognizers.base import SpanRecognizer
from deid.scrub.recognizers.name_evidence import NameEvidence
from deid.scrub.registry import register
from deid.standards import Standards

_MODELS: dict[int, tuple[Standards, NameModel, float]] = {}


@register
class CrfNameRecognizer(SpanRecognizer):
    """Each word the name model gives a probability of at least its card's threshold of being part of a
    person's name (standards/models/person_names.yaml). The model reads a word's shape, its place in the
    sentence, the shipped name, te reo and place lists and its neighbours; a name it finds is widened and
    kept back by programme and organisation names like any other."""

    NEEDS_KNOWN_NAMES = False

    def __init__(self, model: NameModel, threshold: float, supported_entity: str = "PERSON"):
        super().__init__("CrfNameRecognizer", supported_entity)
        self.model = model
        self.threshold = threshold

    @classmethod
    def from_standards(cls, standards: Standards, known_names: Sequence[str | None] = ()) -> CrfNameRecognizer:
        cached = _MODELS.get(id(standards))
        if cached is None or cached[0] is not standards:
            card = read_card(standards)
            model = NameModel(standards.directory / MODEL_FILE, NameFeatures(NameEvidence.from_standards(standards), standards))
            cached = _MODELS[id(standards)] = (standards, model, card.threshold)
        return cls(cached[1], cached[2])

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        return [self.span(start, end, 0.6, "name model") for start, end, _ in self.model.name_words(text, self.threshold)]
