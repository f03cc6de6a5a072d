"""The scrub stage: find personal information in free text, then replace it with typed placeholders.

Detection and transformation are separate (`find_spans`, then `apply_operators`) so the
audit can record what was found (recognizer, pattern, score) without the text itself.
Presidio's recognizer model, run fully offline: the recognizers `standards/recognizers.yaml`
names, found through `deid.scrub.registry`, each a Presidio `EntityRecognizer`.

Scrubbing at memory speed (issue 16): `ScanEngine` scans each note once (`NoteScan`: its words with
their folded keys and its runs of digits) and hands that scan to every recognizer as its NLP
artifact; a recognizer whose candidates are not in the note (no digits for a phone number, no "@"
for an email, no licence cue for a licence) is not run at all, so the expensive checks
(libphonenumber, python-stdnum, the address parser) see only candidates. Known names and keep
phrases are hash and substring lookups, not one regex alternation per list. Many notes go to a
pool of worker processes, in small chunks so every worker stays busy to the end of the batch; the
workers are forked from the caller with its scrubber already built, so they start in milliseconds,
and hand their spans back as plain tuples (cheap to unpickle in the caller, which scrubs too). Spans
are named tuples, scrubbed text is cut once and joined, and the few answers that depend on a word
alone (is it a lexicon name, can it join a name) are remembered per word.

Notes written in capitals (some providers' systems write every note so): the person-name recognizers,
the widening of names and the kept-phrase and same-name steps read a copy of the note re-cased where it
is in capitals (`Scrubber.reading_for_names`), so a capital there says nothing; every other recognizer
reads the note, and the output is always cut from the note itself.
"""
from __future__ import annotations

import bisect
import itertools
import multiprocessing
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")  # before presidio imports tldextract

import polars as pl
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpEngine, NoOpNlpEngine, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from deid.errors import ScrubError
from deid.mojibake import LostLetterLexicon
from deid.progress import report
from deid.scrub.mojibake import readable
from deid.scrub.recognizers import KnownNamesRecognizer
from deid.scrub.recognizers.name_evidence import UPPER, UPPER_LETTERS, KnownKeys, NameEvidence, grouped_alternation
from deid.scrub.recognizers.nz_date_of_birth_recognizer import NzDateOfBirthRecognizer, date_pattern
from deid.scrub.registry import RegisteredRecognizer, recognizer_class
from deid.scrub.scan import NoteScan, word_key
from deid.standardise.address import strip_macrons
from deid.standards import Standards, fold, load_iwi_classification

SCORE_THRESHOLD = 0.5
_SENTENCE_BREAK = re.compile(r"[.!?;]\s+(?=[A-ZĀĒĪŌŪ])|\n")
_WORD_AFTER = re.compile(rf"[ \t]+(?P<word>[{UPPER}][\w'’\-]*)")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_LAST_WORD = re.compile(r"(?<![\w'’\-])([^\W\d_][\w'’\-]*)[ \t]+$")   # the word right before a point
_LOWER_WORD_AFTER = re.compile(r"[ \t]+([a-z']+)\b")
_AND_A_CAPITAL = re.compile(rf"[ \t]+(?:and|&)[ \t]+[{UPPER}]")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_NOT_IN_WORD = re.compile(r"[^\w'’\-]")   # a span without one holds one `_WORD` at most
_REO_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:te|ngā|nga|he)[ \t]+$")   # "te pōtiki": the article, then a noun
_REO_VERB_BEFORE = re.compile(r"(?<![\w'’])e[ \t]+(?:[^\W\d_]+[ \t]+)?$")      # "e tiaki ana": the verbal particle
_REO_AFTER_VERB = re.compile(r"[ \t]*(?:ana|nei|ai)\b")                    # ... and the particle after the verb
_LOWER_AFTER = re.compile(r"[ \t](?P<word>[a-zāēīōū][a-zāēīōū'’\-]+)(?![\w@])")   # a word in lower case right after
_LISTED_AFTER = re.compile(rf"(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+)(?P<word>[{UPPER}][\w'’\-]*)(?![\w'’\-])")
_LISTED_BEFORE = re.compile(rf"(?P<word>[{UPPER}](?<![\w'’\-][{UPPER}])[\w'’\-]*)(?:,[ \t]*|[ \t]+(?:and|&)[ \t]+)$")


_UPPER_LETTERS = frozenset(UPPER_LETTERS)
# An ʻokina (U+02BB) that begins a word with a capital ("ʻAna", "ʻISILELI"): the name steps read it as an apostrophe
_LEADING_OKINA = re.compile(rf"(?<![\w'’ʻ])ʻ(?=[{UPPER}])")
# ... and a name found right after one takes it in ("ʻAna", "'Ofa Mahe")
_OKINA_MARKS = frozenset("ʻ'’‘")


def _word_before(text: str, start: int) -> tuple[int, int] | None:
    """(start, end) of the word right before `start` across spaces or tabs, from its first capital letter
    ("Ioane " before a name; "McDonald " gives "McDonald"), found by walking back from `start`; None when
    no space or tab stands right before `start`, or the word has no capital."""
    gap = start
    while gap and text[gap - 1] in " \t":
        gap -= 1
    if gap == start:
        return None
    first = gap
    while first and (text[first - 1].isalnum() or text[first - 1] in "_'’-"):
        first -= 1
    for i in range(first, gap):
        if text[i] in _UPPER_LETTERS:
            return i, gap
    return None


class Span(NamedTuple):
    """One detection: where and what kind, never the text (a named tuple: cheap to build, and to hand back
    from a worker process)."""

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


_CUE_TO_NUMBER = re.compile(r"[\s:#.\-(]*(?:[^\W\d_]{1,8}\.?[\s:#.\-(]*)?")


def _words_pattern(words: Sequence[str]) -> re.Pattern[str] | None:
    body = grouped_alternation(words, ignore_case=True)
    return re.compile(rf"(?i)\b(?:{body})\b") if body else None


_Step = tuple[Callable[[NoteScan], bool] | None, Callable[..., list[RecognizerResult]], list[str]]


class ScanEngine:
    """Presidio's recognizers run over one shared scan per note, each only where its candidates are.

    The results equal Presidio's own `AnalyzerEngine` with the same recognizers (a test holds them
    equal on the labelled notes); what differs is that the note is scanned once and recognizers with
    nothing to find are skipped. A recognizer says what it needs with `wants(scan)`; one without it
    always runs.
    """

    def __init__(self, recognizers: Sequence[EntityRecognizer], score_threshold: float = SCORE_THRESHOLD):
        self.recognizers = list(recognizers)
        self.score_threshold = score_threshold
        self._plan = self._plan_for(self.recognizers)
        self._extra: tuple[Sequence[EntityRecognizer], list[_Step]] | None = None

    @staticmethod
    def _plan_for(recognizers: Iterable[EntityRecognizer]) -> list[_Step]:
        """Each recognizer's `wants` (None: always run), bound `analyze` and entities, looked up once, not per note."""
        return [(getattr(r, "wants", None), r.analyze, r.supported_entities) for r in recognizers]

    def analyze(self, text: str, extra: Sequence[EntityRecognizer] = (), scan: NoteScan | None = None,
                person_text: str | None = None) -> list[RecognizerResult]:
        """The results of every recognizer that wants the note, over one scan (`scan`, when the caller made it).

        With `person_text` (the note re-cased where it is written in capitals, of the same length), the
        recognizers that find only person names read that instead; every other recognizer reads the note."""
        if scan is None or scan.text is not text:
            scan = NoteScan(text)
        if person_text is not None and person_text != text:
            return self._analyze_two(text, scan, person_text, extra)
        results: list[RecognizerResult] = []
        threshold = self.score_threshold
        plan = self._plan
        if extra:
            if self._extra is None or self._extra[0] is not extra:
                self._extra = (extra, self._plan_for(extra))  # a run's recognizers: the same tuple for every note
            plan = [*plan, *self._extra[1]]
        for wants, analyze, entities in plan:
            if wants is not None and not wants(scan):
                continue
            for r in analyze(text, entities, scan):
                if r.score >= threshold:
                    results.append(r)
        return remove_contained(results) if len(results) > 1 else results

    def _analyze_two(self, text: str, scan: NoteScan, person_text: str, extra: Sequence[EntityRecognizer]) -> list[RecognizerResult]:
        """`analyze` with the person-name recognizers reading `person_text` and the others the note."""
        person_scan = NoteScan(person_text)
        results: list[RecognizerResult] = []
        for recognizers in (self.recognizers, extra):
            for r in recognizers:
                names_only = list(r.supported_entities) == ["PERSON"]
                read, read_scan = (person_text, person_scan) if names_only else (text, scan)
                wants = getattr(r, "wants", None)
                if wants is not None and not wants(read_scan):
                    continue
                results += [x for x in r.analyze(read, r.supported_entities, read_scan) if x.score >= self.score_threshold]
        return remove_contained(results) if len(results) > 1 else results


def remove_contained(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Presidio's `EntityRecognizer.remove_duplicates` rule, on the few results of one note: a result is
    dropped when another of the same type contains it with an equal or higher score."""
    results = sorted(results, key=lambda r: (r.entity_type, r.start, r.start - r.end, -r.score))
    kept: list[RecognizerResult] = []
    active: list[RecognizerResult] = []
    entity = None
    for result in results:
        if result.entity_type != entity:
            entity, active = result.entity_type, []
        start, end, score = result.start, result.end, result.score
        if active:
            active = [f for f in active if f.end >= start]
            if any(f.start <= start and end <= f.end and score <= f.score for f in active):
                continue
        kept.append(result)
        active.append(result)
    return kept


class KeepPhrases:
    """Programme, service and organisation names that must survive scrubbing even when a word in them
    looks like a name: every whole-word occurrence, in any case (substring search, not a regex)."""

    def __init__(self, phrases: Iterable[str]):
        self.phrases = tuple(sorted({p.strip() for p in phrases if p and len(p.strip()) > 2}, key=len, reverse=True))
        self._lower = tuple(p.lower() for p in self.phrases)
        # Each phrase's runs of letters, under its longest: a phrase stands in a note as whole words only where
        # each of its runs of letters is one of the note's (`NoteScan.letter_runs`; a boundary on each side
        # keeps the runs at its ends whole).
        self._runs = tuple(NoteScan(p).letter_runs for p in self._lower)
        self._by_run: dict[str, list[int]] = {}
        for index, runs in enumerate(self._runs):
            self._by_run.setdefault(max(sorted(runs), key=len) if runs else "", []).append(index)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def spans(self, text: str, scan: NoteScan | None = None) -> list[tuple[int, int]]:
        """(start, end) of every whole-word occurrence; with the note's `scan`, only phrases whose runs of
        letters are all in the note are searched for."""
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer ("İ"): compare case-folded words by regex
            body = "|".join(rf"\b{re.escape(p)}\b" for p in self.phrases)
            return [m.span() for m in re.finditer(body, text, re.IGNORECASE)] if body else []
        phrases: Iterable[str] = self._lower
        if scan is not None and scan.text is text and "" not in self._by_run:
            runs = scan.letter_runs
            indexes = sorted(i for run in self._by_run.keys() & runs for i in self._by_run[run] if self._runs[i] <= runs)
            phrases = [self._lower[i] for i in indexes]
        found = []
        for phrase in phrases:
            start = lower.find(phrase)
            while start >= 0:
                end = start + len(phrase)
                if _boundary(lower, start) and _boundary(lower, end):
                    found.append((start, end))
                start = lower.find(phrase, start + 1)
        return found


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _boundary(text: str, i: int) -> bool:
    """A regex word boundary (\\b) at position i."""
    before = i > 0 and _is_word_char(text[i - 1])
    after = i < len(text) and _is_word_char(text[i])
    return before != after


class RunRecognizers:
    """The recognizers built for one run's known names (the record's names of every submission)."""

    def __init__(self, recognizers: Sequence[EntityRecognizer]):
        self.recognizers = tuple(recognizers)

    def names_whole(self, phrase: str) -> bool:
        """Some recognizer knows the capitalised phrase as one person's name ("Aroha Te Rangi")."""
        return any(bool(check(phrase)) for r in self.recognizers if (check := getattr(r, "names_whole", None)))


Known = RunRecognizers | KnownNamesRecognizer | None


class Scrubber:
    """The recognizers standards/recognizers.yaml turns on, found by name in the registry."""

    def __init__(self, standards: Standards):
        where = standards.directory / "recognizers.yaml"
        self._lost_letters = LostLetterLexicon.from_standards(standards)   # words Excel's code page damaged ('P?pi')
        static: list[EntityRecognizer] = []
        self._run_classes: list[type[RegisteredRecognizer]] = []
        for index, switch in enumerate(standards.recognizers.recognizers):
            cls = recognizer_class(switch.name, f"{where}: field 'recognizers.{index}.name'")
            if not switch.enabled:
                continue
            probe = cls.from_standards(standards, ())
            if switch.entity not in probe.supported_entities:
                raise ScrubError(f"{where}: field 'recognizers.{index}.entity' is '{switch.entity}', but {switch.name} "
                                 f"finds {', '.join(probe.supported_entities)}; allowed: {', '.join(probe.supported_entities)}")
            if cls.NEEDS_KNOWN_NAMES:
                self._run_classes.append(cls)
            else:
                static.append(probe)
        self.standards = standards
        self.recognizers = static
        self.engine = ScanEngine(static)
        self._spacy: AnalyzerEngine | None = None
        model_path = standards.recognizers.ner_model_path
        if model_path:
            registry = RecognizerRegistry(supported_languages=["en"])
            for recognizer in static:
                registry.add_recognizer(recognizer)
            registry.add_recognizer(SpacyRecognizer(supported_language="en", supported_entities=["PERSON"]))
            self._spacy = AnalyzerEngine(nlp_engine=self._spacy_engine(standards, model_path), registry=registry,
                                         supported_languages=["en"])
        self.standards_dir = standards.directory
        self.placeholders = {r.entity: r.placeholder for r in standards.recognizers.recognizers}
        # iwi names of two words or more from the Stats NZ classification ("Ngāti Porou", "Te Āti Awa"): a people, not a
        # person (one word, "Tainui", is also a family name and is judged like any other word)
        self.keep_phrases = (*standards.recognizers.keep_phrases, *iwi_phrases(standards))
        self.same_name_in_note = standards.recognizers.same_name_in_note
        self._reference = _words_pattern(standards.recognizers.reference_cues)
        # A date alone in brackets right after a person's name is their date of birth ("Mere (12/05/2017) has
        # started at kōhanga"), wherever the name stands, when the date-of-birth recognizer is on.
        self._date_after_name = (re.compile(rf"[ \t]*\(\s*(?P<date>{date_pattern(standards.scrub_words)})\s*\)", re.IGNORECASE)
                                 if any(isinstance(r, NzDateOfBirthRecognizer) for r in static) else None)
        # Context words (standards/scrub_words.yaml) of each recognizer whose numbers a reference can look like.
        self._context = {type(r).__name__: _words_pattern(r.context) for r in static if getattr(r, "REFERENCE_LIKE", False)}
        self.keep = KeepPhrases(self.keep_phrases)
        # everyday te reo expressions whose words may also be given names ("kiri ki te kiri"): cut out of a person span
        self.reo_phrases = KeepPhrases(standards.te_reo.phrases)
        self._merged: tuple[KeepPhrases, KeepPhrases] | None = None
        self.evidence = NameEvidence.from_standards(standards)
        self.not_names = self.evidence.not_names
        self._absorbable_words: dict[str, bool] = {}
        self._listable_words: dict[str, bool] = {}
        self._lower_family_words: dict[str, bool] = {}
        self._given_words: dict[str, bool] = {}
        self._carried_words: dict[str, str] = {}   # same_name_elsewhere's answer per word key
        self._known_keys: tuple[Known, KnownKeys | None] | None = None   # the last run's known name words, for re-casing
        # "Moana and partner TIPENE": a word joined by "and" to a kinship or role word and the name after it
        self._listed_before_cue = re.compile(rf"(?P<word>[{UPPER}](?<![\w'’\-][{UPPER}])[\w'’\-]*)[ \t]+(?:and|&)[ \t]+"
                                             rf"(?i:{self.evidence.cue_alternation})[ \t]+$")
        # Family names that begin with particles written in lower case ("Malia de Vries", "Anneke Van der Berg", "Farhiya
        # de Vries"): a found name takes them and the capitalised word after them, or the name word before them.
        lower = grouped_alternation(standards.names.lower_case_particles, ignore_case=False)
        self._particles_then_word = re.compile(rf"(?:[ \t]+(?:{lower})){{1,2}}[ \t]+(?P<word>[{UPPER}][\w'’\-]*)") if lower else None
        self._word_then_particles = (re.compile(rf"(?<![\w'’\-])(?P<word>[{UPPER}][\w'’\-]*)(?:[ \t]+(?:{lower})){{1,2}}[ \t]+$")
                                     if lower else None)
        # A saint's name after "St" or "Saint" names a church, school, hospital or charity, not a person in the note ("St
        # Vincent de Paul", "St Joseph's School"); with the name particles of a family name after it ("de Paul")
        self._saint = re.compile(rf"(?<![\w.])(?:St\.?|Saint)[ \t]+[{UPPER}][\w'’]*(?:(?:[ \t]+(?:{lower}))+[ \t]+[{UPPER}][\w'’]*)?"
                                 if lower else rf"(?<![\w.])(?:St\.?|Saint)[ \t]+[{UPPER}][\w'’]*")
        # a word joined to a found name by a comma or a name joiner ("and", "&", "+", te reo "me": scrub_words.yaml), either side
        joiners = [w for w in standards.scrub_words.name_joiners if w.strip()]
        words = "|".join(re.escape(w) for w in sorted((w for w in joiners if w[:1].isalpha()), key=len, reverse=True))
        marks = "".join(re.escape(w) for w in joiners if len(w) == 1 and not w.isalpha())
        join = rf"[ \t]*[,{marks}][ \t]*" + (rf"|[ \t]+(?:{words})[ \t]+" if words else "")
        self._joins = (re.compile(rf"(?:{join})(?=[^\W\d_])"), re.compile(rf"(?<![ \t])(?:{join})$"))   # after a word; before one

    def presidio_engine(self, names: bool | None = None) -> AnalyzerEngine:
        """Presidio's own analyzer with the same recognizers (no-op NLP engine): the baseline to compare with.

        `names`: True for only the recognizers that find person names alone (they read the re-cased copy of
        a note in capitals, `reading_for_names`), False for all the others, None for every recognizer."""
        engine = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
        engine.load()
        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in self.recognizers:
            if names is None or (list(recognizer.supported_entities) == ["PERSON"]) == names:
                registry.add_recognizer(recognizer)
        return AnalyzerEngine(nlp_engine=engine, registry=registry, supported_languages=["en"])

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

    def known_names(self, names: Sequence[str | None]) -> RunRecognizers | None:
        """The run's recognizers that need the record's names (registered with NEEDS_KNOWN_NAMES), built
        once for the run; None when recognizers.yaml turns none of them on. A name whose letters a wrong encoding
        damaged ("HÄ“mi") is known as it was written before ("Hēmi"), as the notes are read (`readable`)."""
        names = [repaired[0] if name and (repaired := readable(name, self._lost_letters)) is not None else name for name in names]
        built = [cls.from_standards(self.standards, list(names)) for cls in self._run_classes]
        return RunRecognizers(built) if built else None

    def find_spans(self, text: str, known: Known = None, scan: NoteScan | None = None, names_read: str | None = None) -> list[Span]:
        """Every detection in `text`, with person names widened over adjacent name words (`scan`: the note's
        scan, when the caller made it; `names_read`: the note as the name steps read it, `reading_for_names`,
        when the caller made it)."""
        if not text or not text.strip():
            return []
        extra = known.recognizers if isinstance(known, RunRecognizers) else (known,) if known else ()
        if self._spacy is not None:
            results = self._spacy.analyze(text=text, language="en", score_threshold=SCORE_THRESHOLD,
                                          ad_hoc_recognizers=list(extra) or None)
            return self.spans_from_results(text, results)
        read = names_read if names_read is not None else self.reading_for_names(text, known)
        if read is text or read == text:
            spans = self.spans_from_results(text, self.engine.analyze(text, extra, scan))
        else:
            spans = self.spans_from_results(read, self.engine.analyze(text, extra, scan, read), text)
        everyday = _record_everyday_words(known)
        if not everyday:
            return spans
        read_scan = scan if scan is not None and scan.text is read else NoteScan(read)
        return spans + _listed_with_a_person(read, read_scan, spans, everyday, self.evidence, self._joins)

    def reading_for_names(self, text: str, known: Known = None) -> str:
        """The note as the person-name steps read it: the note itself, or where lines or sentences are written
        all in capitals a copy of the same length with those re-cased (`NameEvidence.recase_capitals`: there a
        capital is no evidence of a name). Output is always cut from the note itself."""
        if text and "ʻ" in text:
            text_read = _LEADING_OKINA.sub("'", text)   # "ʻAna": read as "'Ana", a name after an ʻokina written as an apostrophe
            if text_read != text:
                return self.reading_for_names(text_read, known)
        if not text or not self.evidence.has_capital_run(text):
            return text   # nearly every note: no three words in capitals in a row
        cached = self._known_keys   # (read once: batches may run from several threads)
        if cached is None or cached[0] is not known:
            cached = self._known_keys = (known, _known_keys(known))   # a run's known names: the same object for every note
        recased = self.evidence.recase_capitals(text, cached[1])
        return text if recased is None else recased

    def spans_from_results(self, text: str, results: Iterable[RecognizerResult], original: str | None = None) -> list[Span]:
        """Analyzer results as spans: numbers a reference cue introduces dropped, person names widened (`original`:
        the note, when `text` is its copy re-cased from capitals)."""
        spans = []
        context, key = self._context, RecognizerResult.RECOGNIZER_NAME_KEY
        for r in results:
            metadata = r.recognition_metadata
            name = metadata.get(key) if metadata else None
            if name in context and self._is_reference(text, r.start, context[name]):
                continue
            explanation = r.analysis_explanation
            spans.append(Span(r.entity_type, r.start, r.end, round(float(r.score), 3),
                              name or (explanation.recognizer if explanation else "unknown"),
                              explanation.pattern_name if explanation else None))
        widened = self.widen_person_spans(text, spans, original)
        return widened + self._dates_after_names(text, widened)

    def _dates_after_names(self, text: str, spans: list[Span]) -> list[Span]:
        """A date of birth in brackets right after a found name (see `_date_after_name`)."""
        if self._date_after_name is None or "(" not in text:
            return []
        found = []
        for span in spans:
            if span.entity == "PERSON" and (m := self._date_after_name.match(text, span.end)):
                found.append(Span("DATE_OF_BIRTH", m.start("date"), m.end("date"), 0.8, "NzDateOfBirthRecognizer",
                                  "date in brackets after a name"))
        return found

    def _is_reference(self, text: str, start: int, context: re.Pattern[str] | None) -> bool:
        """A number introduced by a reference cue ("Invoice 49091850", "Ref 033055080", "receipt (no. 81310289)")
        is a reference, not an IRD or phone number, unless a context word of that identifier's recognizer stands
        between the cue and the number."""
        if self._reference is None:
            return False
        window = _SENTENCE_BREAK.split(text[max(0, start - 30):start])[-1]
        cues = list(self._reference.finditer(window))
        # the cue right before the number, with at most a word such as "no." or "#" between them ("case mgr
        # Pita on (07) ..." is a phone number: "case" is three words away)
        # a context word counts from the cue on ("Ref: IRD 49-091-850"); one before it names what the reference is
        # for ("Phone bill $177, invoice no 78104805", "Inland Revenue invoice 144477081")
        return bool(cues) and _CUE_TO_NUMBER.fullmatch(window, cues[-1].end()) is not None \
            and not (context and context.search(window, cues[-1].start()))

    def widen_person_spans(self, text: str, spans: list[Span], original: str | None = None) -> list[Span]:
        """A capitalised word right next to a found name is part of it ('Ioane <PERSON>' -> '<PERSON>').
        (`original`: the note, when `text` is its copy re-cased from capitals.)

        Catches family names and caregivers that no structured column lists. Titles,
        weekdays, months and common sentence words are never absorbed.
        """
        widened = []
        particles = self.evidence.name_particles

        def absorbable(a: int, b: int) -> bool:
            # in a part re-cased from capitals, a word given a capital was judged a name already ("TĀNE MOHAMUD")
            word = text[a:b]
            if len(word) > 2 and word.isupper() and not text[start:end].isupper() and self.evidence.capital_kind(word, None) == "word":
                return False   # a name not in capitals does not run on over a word shouted after it ("Lisa PER COURT ORDER")
            return self._absorbable(word) or (original is not None and word[:1].isupper() and original[a:b] != word
                                              and self.evidence.capital_kind(original[a:b], None) in ("name", "ambiguous")) \
                or (a > 0 and text[a - 1] in "'’‘" and self.evidence.okina_name(text, a, b))   # "'Ofa Wihongi"

        for span in spans:
            if span.entity != "PERSON":
                widened.append(span)
                continue
            trimmed = self._without_reo_particles(text, span)
            if trimmed is None:
                continue
            start, end = trimmed
            while (before := _word_before(text, start)) and absorbable(*before):
                start = before[0]
            start = self._given_word_before(text, start)
            if self._word_then_particles is not None and text[start:start + 1].isupper() \
                    and (m := self._word_then_particles.search(text, max(0, start - 40), start)) \
                    and absorbable(m.start("word"), m.end("word")):
                start = m.start("word")   # "Farhiya de | Vries"
            # (a word after needs a space or tab first: looked at before the regex is)
            while text[end:end + 1] in (" ", "\t"):
                m = _WORD_AFTER.match(text, end)
                if m and (absorbable(m.start("word"), m.end("word")) or fold(text[start:end]) in particles):
                    end = m.end()  # "Te Ariki": a name that begins with a particle takes the word after it
                elif m and fold(m.group("word")) in particles and (m.group("word")[:1].isupper() or text[start:end].islower()) \
                        and (n := _WORD_AFTER.match(text, m.end())) and fold(n.group("word")) not in self.evidence.organisation_words:
                    end = n.end()  # "Jane Te Hira": a family name that begins with a particle
                elif self._particles_then_word is not None and text[start:start + 1].isupper() \
                        and (n := self._particles_then_word.match(text, end)) and absorbable(n.start("word"), n.end("word")):
                    end = n.end()  # "Malia | de Vries", "Anneke Van | der Berg"
                else:
                    break
            # a name in lower case takes a family name in lower case right after it ("farhiya hassan", "huia faleolo")
            if text[start:end].islower() and (m := _LOWER_AFTER.match(text, end)) and self._lower_family_name(m.group("word")):
                end = m.end()
            widened.append(span if (start, end) == (span.start, span.end) else
                           Span(span.entity, start, end, span.score, span.recognizer, f"{span.pattern or 'name'} + adjacent name word"))
        # A capitalised word listed with a name is a name too ("Ngametua & Nooroa & Rima", "Hōhepa, Tawhiri and Kahu").
        widened = self._list_neighbours(text, widened)
        widened = [span._replace(start=start) if span.entity == "PERSON" and text[span.start:span.start + 1].isupper()
                   and (start := self._given_word_before(text, span.start)) != span.start else span for span in widened]
        widened = [span._replace(start=span.start - 1) if span.entity == "PERSON" and span.start and text[span.start - 1] in _OKINA_MARKS
                   and (span.start == 1 or not text[span.start - 2].isalnum()) and not self.evidence.quoted(text, span.start)
                   else span for span in widened]
        widened = self._without_nouns_after_articles(text, [self._without_last_particle(text, span) for span in widened])
        # Name parts found separately ("kahurangi" "tuhiwai", "Ji" "woo") become one name.
        joined: list[Span] = []
        for span in sorted(widened, key=lambda s: (s.start, -s.end)):
            last = joined[-1] if joined else None
            if (last and span.entity == last.entity == "PERSON" and last.end <= span.start
                    and text[last.end:span.start].strip() in ("", "-")):   # "Ji-woo" found as two parts
                joined[-1] = Span("PERSON", last.start, span.end, max(last.score, span.score), last.recognizer, last.pattern)
            else:
                joined.append(span)
        return [self._without_last_particle(text, span) for span in joined]

    def _without_nouns_after_articles(self, text: str, spans: list[Span]) -> list[Span]:
        """Words of a te reo phrase found as names: after a te reo article in lower case, an everyday te reo word in lower
        case is the noun ("te pōtiki", "ngā tamariki"; "te rina" stays a name), and between the verbal particle "e" and
        "ana" (or "nei", "ai") the words in lower case are the verb ("e tiaki ana"). A name the record gives is judged by
        the known-name rules."""
        te_reo = self.evidence.te_reo

        def common_words(span: Span) -> bool:
            written = text[span.start:span.end]
            if span.entity != "PERSON" or span.recognizer == "KnownNamesRecognizer" or not written.islower():
                return False
            if fold(written) in te_reo and _REO_ARTICLE_BEFORE.search(text, max(0, span.start - 8), span.start):
                return True
            # "e tiaki ana", "e kōrero ana": the verbal particle e, a verb, then ana is the progressive, not a name
            return _REO_VERB_BEFORE.search(text, max(0, span.start - 40), span.start) is not None \
                and (_REO_AFTER_VERB.fullmatch(written.split()[-1]) is not None or _REO_AFTER_VERB.match(text, span.end) is not None)

        return [span for span in spans if not common_words(span)]

    def _without_last_particle(self, text: str, span: Span) -> Span:
        """"Liam te | pōtiki": a particle in lower case does not end a name written with capitals."""
        if span.entity != "PERSON" or _NOT_IN_WORD.search(text, span.start, span.end) is None:
            return span   # (one word: nothing to take off)
        words = list(_WORD.finditer(text, span.start, span.end))
        if len(words) > 1 and words[0].group()[:1].isupper() and words[-1].group().islower() \
                and fold(words[-1].group()) in self.evidence.name_particles:
            return span._replace(end=words[-2].end())
        return span

    def _without_reo_particles(self, text: str, span: Span) -> tuple[int, int] | None:
        """A person span without a te reo sentence particle that begins it ("Ko Liam" -> "Liam"), or None when it is
        the particle alone (the capitalised word after it, when there is one: found as a name with the particle, it is
        the name the particle introduces). A particle is taken as one when a word in lower case follows it ("Kei te pai", "Kua tae
        mai") or another particle in lower case stands in the next few words ("Ko Liam te pōtiki"); otherwise it may
        be a name ("Ko Min-jun rang", "Kei Tanaka")."""
        start, end = span.start, span.end
        ev = self.evidence
        if (m := _WORD.match(text, start, end)) and ev.reo_particle(m.group()):
            following = [w.group() for w in itertools.islice(_WORD.finditer(text, m.end()), 5)]
            if following and (following[0][:1].islower() or any(
                    w.islower() and (ev.reo_particle(w) or fold(w) in ev.name_particles) for w in following[1:])):
                if m.end() < end:
                    start = m.end() + len(text[m.end():end]) - len(text[m.end():end].lstrip())
                elif (after := _WORD_AFTER.match(text, end)) and self._absorbable(after.group("word")):
                    start, end = after.span("word")   # "Ko | Ra Smith-Tuhoe te pōtiki": the name after the particle
                else:
                    return None
        return start, end

    def _list_neighbours(self, text: str, spans: list[Span]) -> list[Span]:
        """Spans for the capitalised words joined to a found name by a comma, "and" or "&" (left and right,
        word after word), when each is absorbable as a name word."""
        found = {(s.start, s.end) for s in spans}
        added: list[Span] = []
        for span in [s for s in spans if s.entity == "PERSON"]:
            end = span.end
            while (m := _LISTED_AFTER.match(text, end)) and self._listable(m.group("word"), text, m.start("word")):
                if (m.start("word"), m.end("word")) not in found:
                    added.append(Span("PERSON", m.start("word"), m.end("word"), span.score, span.recognizer, "name listed with a name"))
                    found.add((m.start("word"), m.end("word")))
                end = m.end("word")
            start = span.start
            near = max(0, start - 50)
            if (text.find(" and ", near, start) >= 0 or text.find("&", near, start) >= 0) \
                    and (m := self._listed_before_cue.search(text, near, start)) and self._listable(m.group("word"), text, m.start("word")) \
                    and (m.start("word"), m.end("word")) not in found:
                added.append(Span("PERSON", m.start("word"), m.end("word"), span.score, span.recognizer, "name listed with a kin's name"))
                found.add((m.start("word"), m.end("word")))
            while (m := _LISTED_BEFORE.search(text, max(0, start - 40), start)) and self._listable(m.group("word"), text, m.start("word")):
                if (m.start("word"), m.end("word")) not in found:
                    added.append(Span("PERSON", m.start("word"), m.end("word"), span.score, span.recognizer, "name listed with a name"))
                    found.add((m.start("word"), m.end("word")))
                start = m.start("word")
        return spans + added

    def _listable(self, word: str, text: str, start: int) -> bool:
        """A capitalised word listed with a name ("Alofa and Tane", "Wen, Nikau, dad Jun and Ji-woo"): a name word as
        `_absorbable` says, or, not at the start of a sentence (a greeting or a sign-off before a name: "Soifua, Lucy"),
        an everyday te reo or English word that is also a name in title case ("Tane", "Hope"): in a list of people, it
        is one of them."""
        if self._absorbable(word):
            return True
        everyday = self._listable_words.get(word)
        if everyday is None:
            key = fold(word)
            ev = self.evidence
            everyday = (word[1:2].islower() and len(key) > 2 and (key in ev.te_reo or key in ev.everyday) and not ev.never_a_name(key)
                        and key not in ev.cues and key not in ev.groups and key not in ev.sentence_words and key not in ev.verbs
                        and key not in ev.phrase_particles and key not in ev.clause_verbs and not ev.capital_by_convention(key))
            if len(self._listable_words) > 100_000:
                self._listable_words.clear()
            self._listable_words[word] = everyday
        return everyday and not self.evidence.sentence_start(text, start)

    def _lower_family_name(self, word: str) -> bool:
        """A word in lower case that can only be a family name after a name in lower case: on the outside name lists or of
        Polynesian syllables, and no everyday te reo or English word, place, cue, verb or organisation word (remembered
        per word)."""
        known = self._lower_family_words.get(word)
        if known is None:
            key = fold(word)
            ev = self.evidence
            known = (len(key) > 2 and (key in ev.family or key in ev.given or ev.polynesian_shape(key)) and not ev.is_ambiguous(key)
                     and not ev.never_a_name(key) and key not in ev.cues and key not in ev.verbs and key not in ev.clause_verbs
                     and key not in ev.subject_verbs and not ev.reo_particle(word))
            if len(self._lower_family_words) > 100_000:
                self._lower_family_words.clear()
            self._lower_family_words[word] = known
        return known

    def _given_word_before(self, text: str, start: int) -> int:
        """Where a name starting at `start` with a word that can only be a family name begins, taking in an everyday word
        used as a given name right before it, in title case and one space away ("Hine Waititi", "Grace Whitaker")."""
        if (before := _word_before(text, start)) and before[1] == start - 1 and self._given_word(text[before[0]:before[1]]) \
                and (before[0] == 0 or not text[before[0] - 1].isalnum()) \
                and not self.evidence.determiner_before.search(text, max(0, before[0] - 16), before[0]) \
                and (first := _WORD.match(text, start)) and self.evidence.family_name_like(first.group()) is not None:
            return before[0]
        return start

    def _given_word(self, word: str) -> bool:
        """A capitalised everyday te reo or English word that is also used as a given name ("Hine", "Aroha", "Grace",
        "Will", "Ngaio"), and no cue, verb, group, sentence word, particle, organisation word or people's name: right before
        a word that can only be a family name, it is the given name (remembered per word)."""
        known = self._given_words.get(word)
        if known is None:
            key = fold(word)
            ev = self.evidence
            known = (len(key) > 2 and word[:1].isupper() and word[1:].islower()
                     and (key in ev.te_reo or key in ev.everyday)
                     and key not in self.not_names and key not in ev.organisation_words and key not in ev.cues and key not in ev.groups and key not in ev.sentence_words
                     and key not in ev.verbs and key not in ev.phrase_particles and key not in ev.clause_verbs
                     and key not in ev.subject_verbs and key not in ev.name_particles and not ev.reo_particle(word)
                     and not ev.capital_by_convention(key))
            if len(self._given_words) > 100_000:
                self._given_words.clear()
            self._given_words[word] = known
        return known

    def _absorbable(self, word: str) -> bool:
        """A capitalised word that is not a cue, an everyday te reo word, an organisation word or a place
        (remembered per word: the same words stand next to names note after note)."""
        known = self._absorbable_words.get(word)
        if known is None:
            key = fold(word)
            ev = self.evidence
            known = (word[:1].isupper() and key not in self.not_names and key not in ev.verbs and key not in ev.sentence_words
                     and not ev.reo_particle(word)
                     and key not in ev.clause_verbs and key not in ev.organisation_words and key not in ev.places
                     and (key not in ev.te_reo or ev.is_listed_name(key)))
            if len(self._absorbable_words) > 100_000:
                self._absorbable_words.clear()
            self._absorbable_words[word] = known
        return known

    def scrub(self, text: str | None, known: Known = None,
              keep: KeepPhrases | None = None) -> tuple[str | None, list[Span]]:
        """Scrub one text; spans inside a `keep` phrase (programme names) are left alone.

        A note whose letters were damaged by a wrong encoding ("NgÄ?reta", "tui.pÅ?mare63@gmail.com") is read repaired
        (`deid.scrub.mojibake.readable`), so a name or an email address there is found whole; the spans are then cut
        from the note as it came."""
        if text is None:
            return None, []
        repaired = readable(text, self._lost_letters)
        if repaired is not None:
            read, starts = repaired
            _, found = self._scrub_read(read, known, keep)
            spans = [s._replace(start=starts[s.start], end=starts[s.end]) for s in found]
            return apply_operators(text, spans, self.placeholders), spans
        return self._scrub_read(text, known, keep)

    def _scrub_read(self, text: str, known: Known, keep: KeepPhrases | None) -> tuple[str, list[Span]]:
        """`scrub` on a note as the recognizers read it."""
        scan = NoteScan(text)  # one scan for detection and for the kept phrases
        read = self.reading_for_names(text, known)
        spans = self.find_spans(text, known, scan, read)
        return self.apply_spans(text, spans, known, keep, scan, read)

    def apply_spans(self, text: str, spans: list[Span], known: Known = None, keep: KeepPhrases | None = None,
                    scan: NoteScan | None = None, names_read: str | None = None) -> tuple[str, list[Span]]:
        """Person spans inside a kept phrase dropped, then every span replaced by its placeholder (`names_read`:
        the note as the name steps read it, when it differs from the note; see `reading_for_names`)."""
        people = [(s.start, s.end) for s in spans if s.entity == "PERSON"]
        if people:  # only a person can be taken back by a kept phrase
            read, read_scan = (text, scan) if names_read is None or names_read == text else (names_read, None)
            kept = self._keep_with_standard(keep).spans(text, scan)
            if "St" in text or "Saint" in text:
                kept += [(m.start(), m.end()) for m in self._saint.finditer(text)]
            things = [(a, b) for a, b in self.evidence.thing_phrases(read, people) if not (known and known.names_whole(read[a:b]))]
            if kept or things:
                spans = [s for s in spans if s.entity != "PERSON" or not any(a < s.end and s.start < b for a, b in kept)]
            if things:
                # a phrase read as a thing's name from its capitals does not take back a word of the record's names that is no
                # everyday word ("MS ROSSI MO TE KAUPAPA O HAUORA HIKOI", "Te Whare o Thanh"): that word stays a name
                # (a listed programme's phrase, `kept`, takes back every name in it)
                record = _record_words(known)
                taken = [s for s in spans if s.entity == "PERSON" and any(a < s.end and s.start < b for a, b in things)]
                if taken:
                    spans = [s for s in spans if s not in taken] + (_record_words_in(read, taken, record) if record else [])
            if self.same_name_in_note:
                spans = self.same_name_elsewhere(read, spans, known, keep, read_scan)
            if self.reo_phrases and any(s.entity == "PERSON" for s in spans):
                spans = _cut_out(text, spans, self.reo_phrases.spans(text, scan))
            if self.evidence.english:
                spans = self.without_english_words(read, spans, known)
        return apply_operators(text, spans, self.placeholders), spans

    def without_english_words(self, text: str, spans: list[Span], known: Known = None) -> list[Span]:
        """Person spans without the everyday English words at their ends that no name list holds (name_lexicon.yaml
        `english_words`): in lower case ("Txt sent", "says feeling tired", "nepia while moana"), or capitalised and
        alone where a sentence starts ("File reviewed") or before a role word ("Social Worker"); a span of nothing else
        is dropped. A word the record's names hold stays a name, and the record's own matches are kept."""
        record = _record_words(known) | _record_everyday_words(known)
        out: list[Span] = []
        for span in spans:
            if span.entity != "PERSON" or span.recognizer == "KnownNamesRecognizer":
                out.append(span)
                continue
            words = list(_WORD.finditer(text, span.start, span.end))
            start, end = span.start, span.end   # (an end not trimmed keeps its marks: "ʻAna", "Tafadzwa's")
            while words and self._english_word_here(text, words[0], record, alone=len(words) == 1):
                start = words.pop(0).end()
            while words and self._english_word_here(text, words[-1], record, alone=len(words) == 1):
                end = words.pop().start()
            if not words:
                continue
            if (start, end) != (span.start, span.end):
                start, end = start + len(text[start:end]) - len(text[start:end].lstrip()), len(text[:end].rstrip())
                span = span._replace(start=start, end=end)
            out.append(span)
        return out

    def _subject(self, text: str, end: int) -> bool:
        """A person verb, a possessive or a subject verb right after the word ending at `end` ("said", "'s", "is")."""
        if self.evidence.verb_after(text, end):
            return True
        after = _LOWER_WORD_AFTER.match(text, end)
        return after is not None and after.group(1) in self.evidence.subject_verbs

    def _kin_word_before(self, text: str, start: int) -> bool:
        """A title, kinship or role noun right before the word at `start` ("nan", "cousin", "Mr"), not a cue that is a
        verb or a preposition ("says", "w/")."""
        before = _LAST_WORD.search(text, max(0, start - 30), start)
        if before is None:
            return False
        key = fold(before.group(1))
        ev = self.evidence
        return key in ev.titles or (key in ev.cues and key.isalpha() and key not in ev.verbs and key not in ev.subject_verbs
                                    and key not in ev.clause_verbs and key not in ev.sentence_words)

    def _english_word_here(self, text: str, word: re.Match[str], record: frozenset[str], *, alone: bool) -> bool:
        """Whether a word of a person span is an everyday English word on no name list, read as the word where it stands
        (`alone`: the span's only word left; a capitalised word before another name word is taken as its given name,
        "Lose Vake-Sapolu")."""
        written = _POSSESSIVE_END.sub("", word.group())
        key = fold(written)
        ev = self.evidence
        if key in record:
            return False
        if written.islower() and len(key) > 2 and (key in ev.sentence_words or key in ev.not_names) and key not in ev.everyday:
            return True   # "the kids are fine": a sentence word in lower case is no name (unless an everyday-word name: "will")
        if key not in ev.english:
            return False
        if written.islower():   # a name in lower case only after a title or kinship word, or before a person verb ("star said";
            # not a subject verb: "attendance has picked up")
            return not (self._kin_word_before(text, word.start()) or ev.verb_after(text, word.end()))
        if not alone or not (written[:1].isupper() and written[1:].islower()):
            return False   # beside another name word, or in capitals (a line shouted, judged as it was read)
        if ev.sentence_start(text, word.start()):   # "Time spent", not "Storm says", "Star's NHI", "River is keen", "Lose and Tevita"
            return not (self._subject(text, word.end()) or _AND_A_CAPITAL.match(text, word.end()) is not None)
        after = _WORD_AFTER.match(text, word.end())
        return after is not None and fold(after.group("word")) in ev.cues   # "Social Worker"

    def same_name_elsewhere(self, text: str, spans: list[Span], known: Known = None, keep: KeepPhrases | None = None,
                            scan: NoteScan | None = None) -> list[Span]:
        """A word scrubbed as a name is a name wherever else it stands in the note (one sense per note: "Spoke
        with joy by phone; joy said ..."), unless its context there says otherwise.

        The other occurrence is not taken after a determiner or a preposition of place ("on the kiri", "in
        Hope"); written in lower case, only at the start of a clause, after a cue or before a person verb
        ("joy said"); and a word that is also an everyday te reo or English word only in a person's context
        (a cue or verb, or a capital mid-sentence). Cues, titles, particles, places and organisation words are
        never carried over.
        """
        ev = self.evidence
        keys, starts, ends = _hyphen_joined(text, scan or NoteScan(text))
        carried = self._carried_words
        wanted: dict[str, bool] = {}   # key -> also an everyday word (then only in a person's context)
        for span in spans:
            if span.entity != "PERSON":
                continue
            for i in range(bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)):
                # the part inside the span: "Gurpreet" of "Gurpreet's"
                key = keys[i] if ends[i] <= span.end else word_key(text[starts[i]:span.end])
                if (kind := carried.get(key)) is None:
                    kind = carried[key] = ("" if len(key) < 2 or ev.never_a_name(key) or key in ev.cues or key in ev.verbs
                                           or key in ev.name_particles else "everyday" if ev.is_ambiguous(key) else "name")
                if kind:
                    wanted[key] = kind == "everyday"
        if not wanted:
            return spans
        taken = sorted((s.start, s.end) for s in spans)
        added: list[Span] = []
        for i in [i for i, key in enumerate(keys) if key in wanted]:   # (the words with a wanted key, in order)
            everyday = wanted[keys[i]]
            start, end = starts[i], ends[i]
            if any(a < end and start < b for a, b in taken):
                continue
            window = max(0, start - 16)
            if ev.determiner_before.search(text, window, start) or ev.place_before.search(text, window, start):
                continue
            if everyday:
                # a name once in the note is the subject where a sentence starts with it and a verb follows ("Mark is keen")
                ok = ev.person_context(text, start, end) or (text[start].isupper() and ev.subject_of_clause(text, start, end))
            else:
                ok = text[start].isupper() or ev.sentence_start(text, start) or bool(ev.cue_before(text, start)) \
                    or ev.verb_after(text, end)
            if ok:
                added.append(Span("PERSON", self._given_word_before(text, start) if text[start].isupper() else start, end,
                                  SCORE_THRESHOLD, "SameNameInNote", "the same name elsewhere in the note"))
        if not added:
            return spans
        kept = self._keep_with_standard(keep).spans(text, scan)
        kept += [(a, b) for a, b in ev.thing_phrases(text, [(s.start, s.end) for s in added])
                 if not (known and known.names_whole(text[a:b]))]
        return spans + [s for s in added if not any(a < s.end and s.start < b for a, b in kept)]

    def _keep_with_standard(self, keep: KeepPhrases | None) -> KeepPhrases:
        """The run's keep phrases together with the standard's (recognizers.yaml), built once per run's list."""
        if keep is None or keep is self.keep:
            return self.keep
        if self._merged is None or self._merged[0] is not keep:
            self._merged = (keep, KeepPhrases([*keep.phrases, *self.keep.phrases]))
        return self._merged[1]


def iwi_phrases(standards: Standards) -> list[str]:
    """Iwi and confederation names of two words or more, as the classification writes them, with and without macrons."""
    names = {name for _, name in load_iwi_classification(standards.directory, standards.config_dir).spellings()
             if len(name.split()) > 1 and "(" not in name and " / " not in name}   # the bare names: each alternative is listed too
    return sorted(names | {strip_macrons(name) for name in names})


def _cut_out(text: str, spans: list[Span], phrases: list[tuple[int, int]]) -> list[Span]:
    """Person spans with the kept phrases cut out of them: what is left of a span on either side of a phrase stays
    a name where it has a letter ("haere mai Salamasina" keeps "Salamasina"), so a phrase never takes a name with it."""
    if not phrases:
        return spans
    out: list[Span] = []
    for span in spans:
        inside = [(a, b) for a, b in phrases if a < span.end and span.start < b]
        if span.entity != "PERSON" or not inside:
            out.append(span)
            continue
        at = span.start
        for a, b in [*sorted(inside), (span.end, span.end)]:
            start, end = at, min(a, span.end)
            while start < end and not text[start].isalnum():
                start += 1
            while end > start and not text[end - 1].isalnum():
                end -= 1
            if any(ch.isalpha() for ch in text[start:end]):
                out.append(span._replace(start=start, end=end))
            at = max(at, b)
    return out


def _record_words(known: Known) -> frozenset[str]:
    """The keys of the record's name words that are no everyday word (`KnownNamesRecognizer.word_keys` less
    `everyday_keys`), as a note's words are keyed."""
    return _record_keys(known, "_record_words",
                        lambda r: (getattr(r, "word_keys", None) or frozenset()) - getattr(r, "everyday_keys", frozenset()))


def _record_everyday_words(known: Known) -> frozenset[str]:
    """The keys of the record's name words that are also everyday words (`KnownNamesRecognizer.everyday_keys`)."""
    return _record_keys(known, "_record_everyday_words", lambda r: getattr(r, "everyday_keys", frozenset()))


def _record_keys(known: Known, cache: str, keys_of: Callable[[Any], frozenset[str]]) -> frozenset[str]:
    """The union of `keys_of` over the known-name recognizers, kept on `known` under `cache` (a run's known names are
    the same object for every note)."""
    if not known:
        return frozenset()
    cached: frozenset[str] | None = getattr(known, cache, None)
    if cached is None:
        recognizers = known.recognizers if isinstance(known, RunRecognizers) else (known,)
        cached = frozenset().union(*(keys_of(r) for r in recognizers))
        setattr(known, cache, cached)
    return cached


def _listed_with_a_person(text: str, scan: NoteScan, spans: list[Span], everyday: frozenset[str], evidence: NameEvidence,
                          joins: tuple[re.Pattern[str], re.Pattern[str]]) -> list[Span]:
    """A word of the record's names that is also an everyday word, listed with a name found by any recognizer ("both mana
    and hao (big brother)", "Tamati Zheng me kowhai"): in a list of people it is one of them. Not after a determiner
    ("lots of aroha and Hemi"); word after word along the list. (`scan`: the scan of `text`; `joins`: what stands between
    two listed words, matched from the first word's end and searched for back from the second word's start.)"""
    people = [(s.start, s.end) for s in spans if s.entity == "PERSON"]
    if not people or everyday.isdisjoint(scan.key_set):
        return []
    found = {(s.start, s.end) for s in spans}
    keys, starts, ends = scan.word_keys, scan.word_starts, scan.word_ends
    added: list[Span] = []
    while people:
        joined = []
        for start, end in people:
            beside = []   # the word the joiner after the name leads to, and the one the joiner before it follows
            if (after := joins[0].match(text, end)) is not None and (i := bisect.bisect_left(starts, after.end())) < len(starts) \
                    and starts[i] == after.end():
                beside.append(i)
            if (before := joins[1].search(text, max(0, start - 6), start)) is not None \
                    and (i := bisect.bisect_left(ends, before.start())) < len(ends) and ends[i] == before.start():
                beside.append(i)
            for i in beside:
                if keys[i] in everyday and (starts[i], ends[i]) not in found \
                        and not evidence.determiner_before.search(text, max(0, starts[i] - 8), starts[i]):
                    found.add((starts[i], ends[i]))
                    joined.append((starts[i], ends[i]))
        added += [Span("PERSON", a, b, SCORE_THRESHOLD, "KnownNamesRecognizer", "known name listed with a name") for a, b in joined]
        people = joined
    return added


_SPAN_WORD = re.compile(r"[^\W\d_](?:[\w'’ʻ]*[^\W\d_])?")


def _record_words_in(text: str, spans: list[Span], record: frozenset[str]) -> list[Span]:
    """The words of `spans` that are the record's name words (`_record_words`; "Rossi's" too), as spans of their own."""
    found = []
    for span in spans:
        for m in _SPAN_WORD.finditer(text, span.start, span.end):
            key = word_key(m.group())
            if key in record or (key.endswith("s") and key[:-1] in record and m.group()[-2:-1] in ("'", "’")):
                found.append(Span("PERSON", m.start(), m.end(), span.score, "KnownNamesRecognizer", "known name inside a thing's phrase"))
    return found


def _known_keys(known: Known) -> KnownKeys | None:
    """The folded words of the run's known names (and which of them are everyday words), for re-casing a note in
    capitals; None without known names."""
    recognizers = known.recognizers if isinstance(known, RunRecognizers) else (known,) if known else ()
    found = [r for r in recognizers if isinstance(r, KnownNamesRecognizer)]
    if not found:
        return None
    return KnownKeys(frozenset().union(*(r.word_keys for r in found)), frozenset().union(*(r.everyday_keys for r in found)),
                     frozenset().union(*(r.key_pairs for r in found)))


def _hyphen_joined(text: str, scan: NoteScan) -> tuple[list[str], list[int], list[int]]:
    """The note's words (keys, starts, ends) with words joined by a hyphen taken as one ("Min-jun", "Kerr-Kang")."""
    keys, starts, ends = scan.word_keys, scan.word_starts, scan.word_ends
    if "-" not in text:
        return keys, starts, ends
    joined: tuple[list[str], list[int], list[int]] = ([], [], [])
    for key, start, end in zip(keys, starts, ends, strict=True):
        if joined[0] and joined[2][-1] == start - 1 and text[start - 1] == "-":
            joined[0][-1] += "-" + key
            joined[2][-1] = end
        else:
            joined[0].append(key)
            joined[1].append(start)
            joined[2].append(end)
    return joined


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
    """Replace each (merged) span with its entity's placeholder, e.g. <PERSON>: the text cut once and joined."""
    if not spans:
        return text
    parts = []
    at = 0
    for span in merge_spans(spans):
        parts.append(text[at:span.start])
        parts.append(placeholders.get(span.entity, f"<{span.entity}>"))
        at = span.end
    parts.append(text[at:])
    return "".join(parts)


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
    for text, (clean, spans) in zip(texts, scrub_texts(scrubber, texts, names, programmes), strict=True):
        for span in merge_spans(spans):
            counts[span.entity] += 1
        changed += int(clean != text)
        scrubbed.append(clean)
    out = frame.with_columns(pl.Series(f"{column}_scrubbed", scrubbed, dtype=pl.Utf8))
    notes = int(frame.get_column(column).is_not_null().sum()) if frame.height else 0
    return out, ScrubResult(notes, changed, dict(sorted(counts.items())))


# --- many notes: chunks across processes -----------------------------------------------

PARALLEL_FROM = 1_000   # notes; below this, handing chunks to a worker costs more than it saves
CHUNK_NOTES = 250       # small chunks: every worker stays busy to the end of the batch
# What each batch's workers scrub with, by batch: set before the workers fork (they inherit it) or, where
# they cannot fork, by each worker's initializer. Keyed by batch so that batches started at once from
# several threads never hand a worker another batch's known names.
_workers: dict[int, tuple[Scrubber, RunRecognizers | None, KeepPhrases]] = {}
_batches = itertools.count()


def _start_worker(batch: int, standards: Standards, names: list[str | None], keep_phrases: list[str]) -> None:
    """Build the worker's scrubber once, with the run's known names and keep phrases, for every chunk it
    takes (only where processes cannot be forked: a forked worker inherits the caller's, built already)."""
    scrubber = Scrubber(standards)
    _workers[batch] = (scrubber, scrubber.known_names(names), KeepPhrases([*scrubber.keep_phrases, *keep_phrases]))


_Plain = list[tuple[str | None, list[tuple[str, int, int, float, str, str | None]]]]


def _scrub_chunk(batch: int, texts: list[str | None]) -> _Plain:
    """A worker's share: each note scrubbed, its spans handed back as plain tuples (a named tuple takes ten
    times as long to unpickle, and the caller unpickles while it scrubs its own chunks)."""
    if batch not in _workers:
        raise ScrubError("scrub worker used before it was started")
    scrubber, known, keep = _workers[batch]
    out: _Plain = []
    for text in texts:
        clean, spans = scrubber.scrub(text, known, keep)
        out.append((clean, [(s.entity, s.start, s.end, s.score, s.recognizer, s.pattern) for s in spans]))
    return out


def _spans_back(part: _Plain) -> list[tuple[str | None, list[Span]]]:
    return [(clean, [Span._make(span) for span in spans]) for clean, spans in part]


def _pool(batch: int, scrubber: Scrubber, names: list[str | None], keep_phrases: list[str], workers: int) -> ProcessPoolExecutor:
    """Worker processes that start with the caller's scrubber, known names and keep phrases for `batch`.

    Forked where the platform can (Linux): a worker starts in milliseconds with everything already built,
    instead of about 2 s of imports and set-up. A worker only runs the scrubber's own Python (regexes,
    libphonenumber, python-stdnum) and hands back plain results, so it never enters the polars or DuckDB
    thread pools a forked copy of the caller would hold, and it leaves without running the caller's exit
    handlers. Elsewhere (spawn) each worker imports and builds its scrubber once from the same standards.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_start_worker,
                               initargs=(batch, scrubber.standards, names, keep_phrases))


def scrub_texts(scrubber: Scrubber, texts: list[str | None], names: list[str | None], keep_phrases: list[str],
                workers: int | None = None) -> list[tuple[str | None, list[Span]]]:
    """Scrub many notes (all submissions of a run together) with one run-wide set of known names.

    With enough notes to pay for it, `workers - 1` worker processes and this process share the whole
    batch in small chunks: this process scrubs chunks itself and keeps every worker fed with two chunks
    at a time, so nobody waits while another finishes a large file.
    """
    workers = workers if workers is not None else (os.cpu_count() or 1)
    known = scrubber.known_names(names)
    keep = KeepPhrases([*scrubber.keep_phrases, *keep_phrases])
    chunks = [texts[i:i + CHUNK_NOTES] for i in range(0, len(texts), CHUNK_NOTES)]
    done: list[list[tuple[str | None, list[Span]]] | None] = [None] * len(chunks)
    scrubbed = 0

    def record(index: int, part: list[tuple[str | None, list[Span]]]) -> None:
        nonlocal scrubbed
        done[index] = part
        before, scrubbed = scrubbed, scrubbed + len(part)
        if len(texts) > 1_000 and (scrubbed // 1_000 > before // 1_000 or scrubbed == len(texts)):
            report("scrub", scrubbed, len(texts), "notes")

    if workers <= 1 or len(texts) < PARALLEL_FROM or multiprocessing.current_process().daemon:
        # (a daemonic process, such as a Dask worker's, may not start processes of its own)
        for index, chunk in enumerate(chunks):
            record(index, [scrubber.scrub(text, known, keep) for text in chunk])
        return [item for part in done if part is not None for item in part]
    queue = iter(enumerate(chunks))
    batch = next(_batches)
    _workers[batch] = (scrubber, known, keep)  # what forked workers inherit
    try:
        with _pool(batch, scrubber, names, keep_phrases, workers - 1) as pool:
            pending: dict[Future[_Plain], int] = {}

            def feed() -> None:
                while len(pending) < 2 * (workers - 1):
                    item = next(queue, None)
                    if item is None:
                        return
                    pending[pool.submit(_scrub_chunk, batch, item[1])] = item[0]

            feed()
            while (item := next(queue, None)) is not None:
                record(item[0], [scrubber.scrub(text, known, keep) for text in item[1]])
                for future in [f for f in pending if f.done()]:
                    record(pending.pop(future), _spans_back(future.result()))
                feed()
            for future in as_completed(list(pending)):
                record(pending.pop(future), _spans_back(future.result()))
    finally:
        _workers.pop(batch, None)
    return [item for part in done if part is not None for item in part]
