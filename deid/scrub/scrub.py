"""The scrub stage: find personal information in free text, then replace it with typed placeholders.

Detection and transformation are separate (`find_spans`, then `apply_operators`) so the
audit can record what was found (recognizer, pattern, score) without the text itself.
Presidio runs fully offline: the no-op NLP engine and our own NZ recognizers.
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # before presidio imports tldextract

import polars as pl  # noqa: E402
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import NoOpNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import EmailRecognizer  # noqa: E402

from deid.errors import ScrubError  # noqa: E402
from deid.scrub.recognizers import (  # noqa: E402
    KnownNamesRecognizer, NzDateOfBirthRecognizer, NzIrdRecognizer, NzNhiRecognizer, NzPhoneRecognizer,
    NzStreetAddressRecognizer, TitledNameRecognizer,
)
from deid.standards import Standards  # noqa: E402

SCORE_THRESHOLD = 0.5


@dataclass(frozen=True)
class Span:
    """One detection: where and what kind, never the text."""

    entity: str
    start: int
    end: int
    score: float
    recognizer: str
    pattern: str | None


@dataclass(frozen=True)
class ScrubResult:
    notes: int
    notes_changed: int
    entities: dict[str, int]


def _static_recognizers(standards: Standards) -> dict[str, EntityRecognizer]:
    return {
        "NzNhiRecognizer": NzNhiRecognizer(standards.identifiers),
        "NzIrdRecognizer": NzIrdRecognizer(standards.identifiers),
        "NzPhoneRecognizer": NzPhoneRecognizer(),
        "EmailRecognizer": EmailRecognizer(),
        "NzStreetAddressRecognizer": NzStreetAddressRecognizer(standards.address),
        "NzDateOfBirthRecognizer": NzDateOfBirthRecognizer(),
        "TitledNameRecognizer": TitledNameRecognizer(standards.names),
    }


class Scrubber:
    """A Presidio analyzer with the recognizers standards/recognizers.yaml turns on."""

    def __init__(self, standards: Standards):
        switches = {r.name: r for r in standards.recognizers.recognizers}
        available = _static_recognizers(standards)
        unknown = set(switches) - set(available) - {"KnownNamesRecognizer"}
        if unknown:
            raise ScrubError(f"{standards.directory / 'recognizers.yaml'}: unknown recognizer(s) {sorted(unknown)}; "
                             f"allowed: {sorted([*available, 'KnownNamesRecognizer'])}")
        registry = RecognizerRegistry(supported_languages=["en"])
        for name, recognizer in available.items():
            if name in switches and switches[name].enabled:
                registry.add_recognizer(recognizer)
        engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
        engine.load()
        self.analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])
        self.use_known_names = bool(switches.get("KnownNamesRecognizer") and switches["KnownNamesRecognizer"].enabled)
        self.placeholders = {r.entity: r.placeholder for r in standards.recognizers.recognizers}

    def known_names(self, names: list[str | None]) -> KnownNamesRecognizer | None:
        return KnownNamesRecognizer(names) if self.use_known_names else None

    def find_spans(self, text: str, known: KnownNamesRecognizer | None = None) -> list[Span]:
        if not text or not text.strip():
            return []
        results = self.analyzer.analyze(text=text, language="en", score_threshold=SCORE_THRESHOLD,
                                        ad_hoc_recognizers=[known] if known else None)
        spans = []
        for r in results:
            explanation = r.analysis_explanation
            metadata = r.recognition_metadata or {}
            spans.append(Span(r.entity_type, r.start, r.end, round(float(r.score), 3),
                              metadata.get(r.RECOGNIZER_NAME_KEY) or (explanation.recognizer if explanation else "unknown"),
                              explanation.pattern_name if explanation else None))
        return spans

    def scrub(self, text: str | None, known: KnownNamesRecognizer | None = None) -> tuple[str | None, list[Span]]:
        if text is None:
            return None, []
        spans = self.find_spans(text, known)
        return apply_operators(text, spans, self.placeholders), spans


def merge_spans(spans: list[Span]) -> list[Span]:
    """Overlapping detections become one span, typed by the one that contains the other
    (a name inside an address is part of the address), else by the stronger score."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            if last.start <= span.start and span.end <= last.end:
                best = last
            else:
                best = max((last, span), key=lambda s: (s.score, s.end - s.start))
            merged[-1] = Span(best.entity, last.start, max(last.end, span.end), best.score, best.recognizer, best.pattern)
        else:
            merged.append(span)
    return merged


def apply_operators(text: str, spans: list[Span], placeholders: dict[str, str]) -> str:
    """Replace each (merged) span with its entity's placeholder, e.g. <PERSON>."""
    out = text
    for span in reversed(merge_spans(spans)):
        out = out[: span.start] + placeholders.get(span.entity, f"<{span.entity}>") + out[span.end:]
    return out


NAME_COLUMNS = ("given_names", "family_name", "display_name", "caregiver_name")


def scrub_notes(frame: pl.DataFrame, scrubber: Scrubber, column: str = "case_notes") -> tuple[pl.DataFrame, ScrubResult]:
    """Add `<column>_scrubbed`, using every name in the same submission as known names."""
    counts: Counter[str] = Counter()
    changed = 0
    pieces = []
    for (submission,), part in frame.with_row_index("__order").group_by(["submission_id"], maintain_order=True):
        names = [v for c in NAME_COLUMNS if c in part.columns for v in part.get_column(c).to_list()]
        known = scrubber.known_names(names)
        scrubbed = []
        for text in part.get_column(column).to_list():
            clean, spans = scrubber.scrub(text, known)
            for span in merge_spans(spans):
                counts[span.entity] += 1
            changed += int(clean != text)
            scrubbed.append(clean)
        pieces.append(part.with_columns(pl.Series(f"{column}_scrubbed", scrubbed, dtype=pl.Utf8)))
    if not pieces:
        return frame.with_columns(pl.lit(None, dtype=pl.Utf8).alias(f"{column}_scrubbed")), ScrubResult(0, 0, {})
    out = pl.concat(pieces).sort("__order").drop("__order")
    notes = int(frame.get_column(column).is_not_null().sum())
    return out, ScrubResult(notes, changed, dict(sorted(counts.items())))
