"""The scrub stage: find personal information in free text, then replace it with typed placeholders.

Detection and transformation are separate (`find_spans`, then `apply_operators`) so the
audit can record what was found (recognizer, pattern, score) without the text itself.
Presidio runs fully offline: the no-op NLP engine and our own NZ recognizers.
"""
from __future__ import annotations

import multiprocessing
import os
import re
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # before presidio imports tldextract

import polars as pl  # noqa: E402
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry  # noqa: E402
from presidio_analyzer.nlp_engine import NlpEngine, NoOpNlpEngine, SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import SpacyRecognizer  # noqa: E402

from deid.errors import ScrubError  # noqa: E402
from deid.progress import report  # noqa: E402
from deid.scrub.recognizers import (  # noqa: E402
    CommonGivenNameRecognizer, KnownNamesRecognizer, NzBankAccountRecognizer, NzDateOfBirthRecognizer, NzDriverLicenceRecognizer,
    NzEmailRecognizer, NzIrdRecognizer, NzNhiRecognizer, NzPhoneRecognizer, NzStreetAddressRecognizer,
    SpreadsheetFormulaRecognizer, TitledNameRecognizer,
)
from deid.scrub.recognizers.name_evidence import UPPER, NameEvidence  # noqa: E402
from deid.standards import Standards, fold, load_standards  # noqa: E402

SCORE_THRESHOLD = 0.5
# Identifiers a reference number can look like, each with the cue that says it is one after all.
_REFERENCE_LIKE = {
    "NZ_IRD": re.compile(r"(?i)\b(?:ird|tax\s+(?:file\s+)?(?:number|no)|inland\s+revenue)"),
    "PHONE_NUMBER": re.compile(r"(?i)\b(?:ph|phone|mob|mobile|cell|tel|call|text|txt|landline)\b"),
}
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+(?=[A-ZĀĒĪŌŪ])|\n")
_WORD_BEFORE = re.compile(rf"(?P<word>[{UPPER}][\w'’\-]*)[ \t]+$")
_WORD_AFTER = re.compile(rf"[ \t]+(?P<word>[{UPPER}][\w'’\-]*)")


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
        "NzEmailRecognizer": NzEmailRecognizer(),
        "NzBankAccountRecognizer": NzBankAccountRecognizer(),
        "NzDriverLicenceRecognizer": NzDriverLicenceRecognizer(),
        "NzStreetAddressRecognizer": NzStreetAddressRecognizer(standards.address, standards.geography),
        "NzDateOfBirthRecognizer": NzDateOfBirthRecognizer(),
        "TitledNameRecognizer": TitledNameRecognizer(NameEvidence.from_standards(standards)),
        "CommonGivenNameRecognizer": CommonGivenNameRecognizer(NameEvidence.from_standards(standards)),
        "SpreadsheetFormulaRecognizer": SpreadsheetFormulaRecognizer(),
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
        model_path = standards.recognizers.ner_model_path
        if model_path:
            engine = self._spacy_engine(standards, model_path)
            registry.add_recognizer(SpacyRecognizer(supported_language="en", supported_entities=["PERSON"]))
            self.analyzer = AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])
        else:
            engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
            engine.load()
            self.analyzer = OfflineAnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])
        self.standards_dir = standards.directory
        self.use_known_names = bool(switches.get("KnownNamesRecognizer") and switches["KnownNamesRecognizer"].enabled)
        self.placeholders = {r.entity: r.placeholder for r in standards.recognizers.recognizers}
        self.keep_phrases = tuple(standards.recognizers.keep_phrases)
        cues = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                        for w in sorted(standards.recognizers.reference_cues, key=len, reverse=True))
        self._reference = re.compile(rf"(?i)\b(?:{cues})\b") if cues else None
        self.keep = keep_phrases_pattern(list(self.keep_phrases))
        self.evidence = NameEvidence.from_standards(standards)
        self.not_names = self.evidence.not_names

    @staticmethod
    def _spacy_engine(standards: Standards, model_path: str) -> NlpEngine:
        """A spaCy pipeline installed on this machine, loaded by path (never downloaded)."""
        path = Path(model_path)
        if not path.is_absolute():
            path = standards.directory / path
        if not path.is_dir():
            raise ScrubError(f"{standards.directory / 'recognizers.yaml'}: field 'ner_model_path' is '{model_path}', which is not "
                             "a folder on this machine; install a spaCy pipeline there or remove the setting (nothing is downloaded)")
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": str(path)}])
        engine.load()
        return engine

    def known_names(self, names: list[str | None]) -> KnownNamesRecognizer | None:
        return KnownNamesRecognizer(names, self.evidence) if self.use_known_names else None

    def find_spans(self, text: str, known: KnownNamesRecognizer | None = None) -> list[Span]:
        """Every detection in `text`, with person names widened over adjacent name words."""
        if not text or not text.strip():
            return []
        results = self.analyzer.analyze(text=text, language="en", score_threshold=SCORE_THRESHOLD,
                                        ad_hoc_recognizers=[known] if known else None)
        spans = []
        for r in results:
            if r.entity_type in _REFERENCE_LIKE and self._is_reference(text, r.start, r.entity_type):
                continue
            explanation = r.analysis_explanation
            metadata = r.recognition_metadata or {}
            spans.append(Span(r.entity_type, r.start, r.end, round(float(r.score), 3),
                              metadata.get(r.RECOGNIZER_NAME_KEY) or (explanation.recognizer if explanation else "unknown"),
                              explanation.pattern_name if explanation else None))
        return self.widen_person_spans(text, spans)

    def _is_reference(self, text: str, start: int, entity: str) -> bool:
        """A number introduced by a reference cue ("Invoice 49091850", "Ref 033055080") is a reference,
        not an IRD or phone number, unless that identifier's own cue is there too."""
        if self._reference is None:
            return False
        window = _SENTENCE_BREAK.split(text[max(0, start - 30):start])[-1]
        return bool(self._reference.search(window)) and not _REFERENCE_LIKE[entity].search(window)

    def widen_person_spans(self, text: str, spans: list[Span]) -> list[Span]:
        """A capitalised word right next to a found name is part of it ('Ioane <PERSON>' -> '<PERSON>').

        Catches family names and caregivers that no structured column lists. Titles,
        weekdays, months and common sentence words are never absorbed.
        """
        widened = []
        for span in spans:
            if span.entity != "PERSON":
                widened.append(span)
                continue
            start, end = span.start, span.end
            while (m := _WORD_BEFORE.search(text, 0, start)) and m.end() == start and self._absorbable(m.group("word")):
                start = m.start("word")
            while m := _WORD_AFTER.match(text, end):
                if self._absorbable(m.group("word")) or fold(text[start:end]) in self.evidence.name_particles:
                    end = m.end()  # "Te Ariki": a name that begins with a particle takes the word after it
                elif fold(m.group("word")) in self.evidence.name_particles and (n := _WORD_AFTER.match(text, m.end())) \
                        and fold(n.group("word")) not in self.evidence.organisation_words:
                    end = n.end()  # "Jane Te Hira": a family name that begins with a particle
                else:
                    break
            widened.append(Span(span.entity, start, end, span.score, span.recognizer,
                                span.pattern if (start, end) == (span.start, span.end) else f"{span.pattern or 'name'} + adjacent name word"))
        # Name parts found separately ("kahurangi" "tuhiwai") become one name.
        joined: list[Span] = []
        for span in sorted(widened, key=lambda s: (s.start, -s.end)):
            last = joined[-1] if joined else None
            if (last and span.entity == last.entity == "PERSON" and last.end <= span.start
                    and not text[last.end:span.start].strip()):
                joined[-1] = Span("PERSON", last.start, span.end, max(last.score, span.score), last.recognizer, last.pattern)
            else:
                joined.append(span)
        return joined

    def _absorbable(self, word: str) -> bool:
        """A capitalised word that is not a cue, an everyday te reo word, an organisation word or a place."""
        key = fold(word)
        ev = self.evidence
        return (word[:1].isupper() and key not in self.not_names and key not in ev.verbs and key not in ev.sentence_words
                and key not in ev.organisation_words and key not in ev.places
                and (key not in ev.te_reo or ev.is_listed_name(key)))

    def scrub(self, text: str | None, known: KnownNamesRecognizer | None = None,
              keep: re.Pattern[str] | None = None) -> tuple[str | None, list[Span]]:
        """Scrub one text; spans inside a `keep` match (programme names) are left alone."""
        if text is None:
            return None, []
        spans = self.find_spans(text, known)
        kept = [(m.start(), m.end()) for pattern in (keep or self.keep, self.keep if keep else None) if pattern
                for m in pattern.finditer(text)]
        if any(s.entity == "PERSON" for s in spans):
            kept += [(a, b) for a, b in self.evidence.thing_phrases(text) if not (known and known.names_whole(text[a:b]))]
        if kept:
            spans = [s for s in spans if s.entity != "PERSON" or not any(a < s.end and s.start < b for a, b in kept)]
        return apply_operators(text, spans, self.placeholders), spans


class OfflineAnalyzerEngine(AnalyzerEngine):
    """Presidio's analyzer without the context-word step.

    Context words raise scores only through lemmas, which the no-op NLP engine does not
    produce, so the step changes nothing here; skipping it (and its deep copies of every
    result) roughly halves the time per note. A test holds the results equal to Presidio's.
    """

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # noqa: ANN001
        return raw_results


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


def keep_phrases_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """Programme and service names must survive scrubbing even when they contain a name-like word."""
    cleaned = sorted({p.strip() for p in phrases if p and len(p.strip()) > 2}, key=len, reverse=True)
    if not cleaned:
        return None
    return re.compile("|".join(rf"\b{re.escape(p)}\b" for p in cleaned), re.IGNORECASE)


NAME_COLUMNS = ("given_names", "family_name", "display_name", "caregiver_name", "key_worker")


def names_from_columns(frame: pl.DataFrame, columns: list[str], source: str = "input") -> list[str | None]:
    """Every value of the named columns, as run-wide known names (`deid scrub --names-from`).

    Raises:
        ScrubError: a named column is not in the frame (the message lists the frame's columns).
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ScrubError(f"{source}: --names-from names {', '.join(repr(c) for c in missing)}, not a column; "
                         f"the columns are {', '.join(frame.columns)}")
    return [v for c in columns for v in frame.get_column(c).cast(pl.Utf8).to_list()]


def scrub_notes(frame: pl.DataFrame, scrubber: Scrubber, column: str = "case_notes") -> tuple[pl.DataFrame, ScrubResult]:
    """Add `<column>_scrubbed`.

    Known names are every name in the structured columns of all submissions in the run
    (a superset of each submission's own), since families move between providers and a
    caregiver named in one provider's columns may be mentioned in another's notes.
    """
    counts: Counter[str] = Counter()
    changed = 0
    names = [v for c in NAME_COLUMNS if c in frame.columns for v in frame.get_column(c).to_list()]
    programmes = frame.get_column("programme").drop_nulls().unique().to_list() if "programme" in frame.columns else []
    texts = frame.get_column(column).to_list()
    scrubbed = []
    for text, (clean, spans) in zip(texts, scrub_texts(scrubber, texts, names, programmes)):
        for span in merge_spans(spans):
            counts[span.entity] += 1
        changed += int(clean != text)
        scrubbed.append(clean)
    out = frame.with_columns(pl.Series(f"{column}_scrubbed", scrubbed, dtype=pl.Utf8))
    notes = int(frame.get_column(column).is_not_null().sum()) if frame.height else 0
    return out, ScrubResult(notes, changed, dict(sorted(counts.items())))


# --- many notes: chunks across processes -----------------------------------------------

PARALLEL_FROM = 4_000   # notes; below this, starting workers costs more than it saves
CHUNK_NOTES = 1_000
_worker: tuple[Scrubber, KnownNamesRecognizer | None, re.Pattern[str] | None] | None = None


def _start_worker(standards_dir: Path, names: list[str | None], keep_phrases: list[str]) -> None:
    global _worker
    scrubber = Scrubber(load_standards(standards_dir))
    _worker = (scrubber, scrubber.known_names(names), keep_phrases_pattern([*scrubber.keep_phrases, *keep_phrases]))


def _scrub_chunk(texts: list[str | None]) -> list[tuple[str | None, list[Span]]]:
    assert _worker is not None
    scrubber, known, keep = _worker
    return [scrubber.scrub(text, known, keep) for text in texts]


def scrub_texts(scrubber: Scrubber, texts: list[str | None], names: list[str | None], keep_phrases: list[str],
                workers: int | None = None) -> list[tuple[str | None, list[Span]]]:
    """Scrub many notes with one run-wide set of known names; chunks go to worker processes when
    there are enough notes to pay for starting them (each worker builds its own analyzer)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(texts) < PARALLEL_FROM:
        known = scrubber.known_names(names)
        keep = keep_phrases_pattern([*scrubber.keep_phrases, *keep_phrases])
        done: list[tuple[str | None, list[Span]]] = []
        for start in range(0, len(texts), CHUNK_NOTES):
            done += [scrubber.scrub(text, known, keep) for text in texts[start:start + CHUNK_NOTES]]
            if len(texts) > CHUNK_NOTES:
                report("scrub", len(done), len(texts), "notes")
        return done
    chunks = [texts[i:i + CHUNK_NOTES] for i in range(0, len(texts), CHUNK_NOTES)]
    context = multiprocessing.get_context("spawn")  # never fork a process that holds polars or DuckDB threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(scrubber.standards_dir, names, keep_phrases)) as pool:
        results: list[tuple[str | None, list[Span]]] = []
        for part in pool.map(_scrub_chunk, chunks):
            results += part
            report("scrub", len(results), len(texts), "notes")
        return results
