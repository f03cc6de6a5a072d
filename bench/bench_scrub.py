"""Scrubbing: recall and keep rates on generated held-out notes (text only and with the record's
names), an ablation table, the hand-labelled notes, and throughput on many notes.

    .venv/bin/python bench/bench_scrub.py [--notes 20000] [--workers 2] [--part held-out|tune] [--no-ablations]

Targets (issue 15, on the held-out half of `tests/scrub/generated_notes.py`): names at least 0.95
from text alone and 0.995 with the record's names; NHI, IRD, phone, email, bank account and
driver licence 1.00; dates of birth and addresses 0.99; every kind of word that must survive
(te reo, programmes, organisations, service dates, amounts, times, reference numbers) kept at
least 0.99; at least 2,000 notes per second on 2 processes and at least 2x Presidio's
BatchAnalyzerEngine with the same recognizers (one process) in the same run. Issue 16 asks for
5,000 notes per second and 5x; both are printed against the figures.

Throughput notes are five hand-labelled notes joined (about 270 characters, a typical case
note), scrubbed with one run-wide list of known names, as the quarterly flow does. The baseline is
Presidio's own BatchAnalyzerEngine over Presidio's AnalyzerEngine with the same recognizer objects
(`Scrubber.presidio_engine()`, no-op NLP engine), then the same placeholders applied; ours also widens
names and keeps programme phrases, so it does more per note. One process: both are timed twice,
alternating, best of two, as wall time and as CPU time of this process (CPU time is the steadier
figure on a shared machine). Two processes: `scrub_texts` as the flow calls it, start-up of the
worker included (wall time; on Linux the worker is forked with the scrubber already built, so
start-up is milliseconds, not the 2 s of imports a spawned worker pays). The 1-process lines are
the process-for-process comparison; the machine's load average is printed with them.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from presidio_analyzer import BatchAnalyzerEngine  # noqa: E402

from deid.scrub import Scrubber  # noqa: E402
from deid.scrub.scrub import SCORE_THRESHOLD, KeepPhrases, scrub_texts  # noqa: E402
from deid.standards import load_standards  # noqa: E402
from tests.scrub import generated_notes  # noqa: E402
from tests.scrub.labelled_notes import load_notes, scrub_and_score  # noqa: E402

TARGET_NOTES_PER_SECOND = 2_000      # issue 15, on 2 processes
TARGET_RATIO = 2.0
STRETCH_NOTES_PER_SECOND = 5_000     # issue 16
STRETCH_RATIO = 5.0
IDENTIFIERS = ("NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL")


class _Proxy:
    """Name evidence with one signal switched off, for the ablation table."""

    def __init__(self, evidence, **overrides):
        self._evidence, self._overrides = evidence, overrides

    def __getattr__(self, name):
        return self._overrides.get(name, getattr(self._evidence, name))


class _LooseKnownNames(Scrubber):
    """Every known name taken wherever it stands, as if no known name were also an everyday word."""

    def known_names(self, names):
        from deid.scrub.recognizers import KnownNamesRecognizer

        evidence = _Proxy(self.evidence, is_ambiguous=lambda key: False)
        return KnownNamesRecognizer(names, evidence, self.standards.scrub_words.name_joiners)


def _ablations(standards):
    """(label, scrubber) with each signal switched off in turn."""
    def without(recognizer):
        switches = tuple(r.model_copy(update={"enabled": False}) if r.name == recognizer else r
                         for r in standards.recognizers.recognizers)
        return Scrubber(standards.model_copy(update={"recognizers": standards.recognizers.model_copy(update={"recognizers": switches})}))

    yield "all signals", Scrubber(standards)
    for name in ("KnownNamesRecognizer", "TitledNameRecognizer", "CommonGivenNameRecognizer", "PolynesianNameRecognizer",
                 "EverydayWordNameRecognizer", "CrfNameRecognizer", "NzBankAccountRecognizer",
                 "NzDriverLicenceRecognizer", "NzDateOfBirthRecognizer", "NzStreetAddressRecognizer"):
        yield f"- {name}", without(name)
    empty_lexicon = standards.name_lexicon.model_copy(update={"given_names": (), "family_names": (), "everyday_word_names": (),
                                                               "maori_name_words": ()})
    yield "- outside name lexicon", Scrubber(standards.model_copy(update={"name_lexicon": empty_lexicon}))
    yield "- te reo lexicon", Scrubber(standards.model_copy(update={"te_reo": standards.te_reo.model_copy(update={"words": ()})}))
    yield "- Pasifika lexicon", Scrubber(standards.model_copy(update={
        "pasifika": standards.pasifika.model_copy(update={"words": ()})}))
    yield "- reference cues", Scrubber(standards.model_copy(update={
        "recognizers": standards.recognizers.model_copy(update={"reference_cues": ()})}))
    yield "- same name elsewhere in the note", Scrubber(standards.model_copy(update={
        "recognizers": standards.recognizers.model_copy(update={"same_name_in_note": False})}))
    plain = Scrubber(standards)
    plain.evidence = _Proxy(plain.evidence, thing_phrases=lambda text, within=None: [])
    yield "- programme/organisation phrases", plain
    yield "- known-name judgement", _LooseKnownNames(standards)


def _score_line(score) -> str:
    person = f"{score.recall('PERSON'):.3f}"
    ids = min(score.recall(k) for k in IDENTIFIERS)
    keep = min(score.keep_rate(k) for k in score.keep_total)
    return (f"{person:>8}{ids:>9.3f}{score.recall('DOB'):>7.3f}{score.recall('ADDRESS'):>7.3f}"
            f"{score.keep_rate('REO'):>7.3f}{score.keep_rate('PROGRAMME'):>7.3f}{score.keep_rate('ORGANISATION'):>7.3f}"
            f"{keep:>9.3f}{score.share_right:>8.3f}")


def report_generated(standards, part: str, ablations: bool) -> bool:
    notes = generated_notes.held_out_notes() if part == "held-out" else generated_notes.tune_notes()
    scrubber = Scrubber(standards)
    print(f"generated notes, {part} half: {len(notes)} notes, mean {sum(len(n.text) for n in notes) / len(notes):.0f} characters")
    met = True
    for with_names in (False, True):
        score = generated_notes.scrub_and_score(scrubber, notes, with_names)
        print(f"\n  {'with the record names (as the flow runs)' if with_names else 'text only (deid scrub)'}: "
              f"{score.share_right:.1%} of notes fully right")
        print(f"  {'recall':<14}" + "".join(f"{k:>9}" for k in sorted(score.total)))
        print(f"  {'':<14}" + "".join(f"{score.recall(k):>9.3f}" for k in sorted(score.total)))
        print(f"  {'kept':<14}" + "".join(f"{k[:8]:>9}" for k in sorted(score.keep_total)) + f"{'all':>9}")
        print(f"  {'':<14}" + "".join(f"{score.keep_rate(k):>9.3f}" for k in sorted(score.keep_total)) + f"{score.keep_rate():>9.3f}")
        for kind, text, _ in score.misses[:8] if part == "tune" else []:
            print(f"    missed {kind}: {text!r}")
        met &= (score.recall("PERSON") >= (0.995 if with_names else 0.95) and all(score.recall(k) == 1.0 for k in IDENTIFIERS)
                and score.recall("DOB") >= 0.99 and score.recall("ADDRESS") >= 0.99
                and all(score.keep_rate(k) >= 0.99 for k in score.keep_total))
    if ablations:
        print(f"\n  ablations ({part}): each signal switched off in turn; recall (names, worst identifier, DOB, address),"
              " keep (te reo, programme, organisation, worst kind), notes fully right")
        header = f"{'names':>8}{'ids':>9}{'DOB':>7}{'addr':>7}{'reo':>7}{'prog':>7}{'org':>7}{'worst':>9}{'right':>8}"
        print(f"  {'':<36}{'text only':^70}| with record names")
        print(f"  {'signal off':<36}{header} |{header}")
        for label, variant in _ablations(standards):
            text_only = generated_notes.scrub_and_score(variant, notes, False)
            named = generated_notes.scrub_and_score(variant, notes, True)
            print(f"  {label:<36}{_score_line(text_only)} |{_score_line(named)}")
    return met


BLIND_TEST_SEED, BLIND_TUNE_SEED = 915, 1915   # tests/scrub/blind_notes: only the tune seed's misses are ever looked at
BLIND_B_TEST_SEED, BLIND_B_TUNE_SEEDS = 2026, (3026, 4026)   # tests/scrub/blind_notes_b: the same rule
BLIND_C_TEST_SEED, BLIND_C_TUNE_SEED = 7, 107                 # tests/scrub/blind_notes_c: the same rule
BLIND_D_TEST_SEED, BLIND_D_TUNE_SEED = 4242, 4243             # tests/scrub/blind_notes_d: the same rule
BLIND_E_TEST_SEED, BLIND_E_TUNE_SEED = 5151, 5152             # tests/scrub/blind_notes_e: the same rule
BLIND_F_TEST_SEED, BLIND_F_TUNE_SEED = 6161, 6162             # tests/scrub/blind_notes_f: the same rule


def report_blind(standards) -> None:
    """Notes written from the issue text alone by helpers that never saw the code or the other sets, each
    scored on a test seed whose misses are never looked at.

    tests/scrub/blind_notes (set A), first reading on its test seed 915, 2026-12-06: names from the text
    alone 0.593, with the record's names 0.734; distractors kept 0.974 and 0.968. After tuning on seed
    1915 that session: 0.721 and 0.854, kept 0.996 and 0.989.

    tests/scrub/blind_notes_b (set B, a second helper, its own 220 given and 133 family names, 222
    templates, names that are also te reo or English words used both ways), first reading on its test seed
    2026, 2026-12-06: names 0.539 from the text and 0.717 with the record's names; driver licences 0.732,
    addresses 0.909, every other identifier 1.000; distractors kept 0.970 and 0.966.

    tests/scrub/blind_notes_c (set C, a third helper, 2026-12-06: 324 given and 182 family names, 307
    templates in five provider styles, whole notes in capitals or lower case, mixed te reo, Samoan and
    Tongan), first reading on its test seed 7 with the name CRF and same-name step: names 0.842 from the
    text and 0.904 with the record's names; dates of birth 0.893, IRD 0.912, phones 0.859 (every miss on
    the tune seed an 0800 number the set labels as a person's; the scrubber keeps freephone numbers as
    organisations' lines), every other identifier 1.000; distractors kept 0.943 and 0.938 (Pasifika
    words 0.623).

    tests/scrub/blind_notes_d (set D, a fourth helper, 2026-12-07: 404 given and 248 family names, 289
    templates in six services), first reading on its test seed 4242 at commit aca9450: names 0.833 from
    the text and 0.932 with the record's names; dates of birth 0.536, addresses 0.903, every other
    identifier 1.000; distractors kept 0.974 and 0.968.

    tests/scrub/blind_notes_e (set E, a fifth helper, 2026-12-07: 340 given and 267 family names, six staff
    styles per provider, nicknames, initials, @names, hyphenated and apostrophe surnames), first reading on
    its test seed 5151 at commit 77d3913: names 0.797 from the text and 0.884 with the record's names;
    driver licences 0.684, dates of birth 0.806, phones 0.997, every other identifier 1.000; distractors
    kept 0.958 (programmes 0.822, te reo 0.919, organisations 0.951).

    tests/scrub/blind_notes_f (set F, a sixth helper, 2026-12-07: 292 given and 219 family names from 14
    origins, 312 sentence templates in twelve staff styles across eight providers, 28 given names that are
    also everyday words used both ways), first reading on its test seed 6161 at commit cf40396: names 0.866
    from the text and 0.918 with the record's names; bank accounts 0.891 (every miss on the tune seed written
    with slashes), addresses 0.961 (PO boxes numbered in two groups), every other identifier 1.000;
    distractors kept 0.970 and 0.969 (programmes 0.905, organisations 0.923, reference numbers 0.952)."""
    from tests.scrub.blind_notes.generator import generate as generate_a
    from tests.scrub.blind_notes_b.generator import generate_detailed as generate_b
    from tests.scrub.blind_notes_c.generator import generate_detailed as generate_c
    from tests.scrub.blind_notes_d.generator import generate_detailed as generate_d
    from tests.scrub.blind_notes_e.generator import generate_detailed as generate_e
    from tests.scrub.blind_notes_f.generator import generate_detailed as generate_f

    sets = [("A", "tests/scrub/blind_notes", BLIND_TEST_SEED, [(line, None) for line in generate_a(400, BLIND_TEST_SEED)]),
            ("B", "tests/scrub/blind_notes_b", BLIND_B_TEST_SEED,
             [(line, kinds) for line, kinds, _ in generate_b(400, BLIND_B_TEST_SEED)]),
            ("C", "tests/scrub/blind_notes_c", BLIND_C_TEST_SEED,
             [(line, kinds) for line, kinds, _ in generate_c(400, BLIND_C_TEST_SEED)]),
            ("D", "tests/scrub/blind_notes_d", BLIND_D_TEST_SEED,
             [(line, kinds) for line, kinds, _ in generate_d(500, BLIND_D_TEST_SEED)]),
            ("E", "tests/scrub/blind_notes_e", BLIND_E_TEST_SEED,
             [(line, kinds) for line, kinds, _ in generate_e(500, BLIND_E_TEST_SEED)]),
            ("F", "tests/scrub/blind_notes_f", BLIND_F_TEST_SEED,
             [(line, kinds) for line, kinds, _ in generate_f(500, BLIND_F_TEST_SEED)])]
    scrubber = Scrubber(standards)
    for label, where, seed, rows in sets:
        print(f"\nblind notes {label} ({where}, test seed {seed}, written from the issue text alone): {len(rows)} notes")
        for with_names in (False, True):
            _blind_line(scrubber, rows, with_names)
    print("\n  ablations on the blind test seeds (names from the text alone; names with the record's names; all kept):")
    from tests.scrub.labelled_notes import parse_note

    for label, variant in _ablations(standards):
        cells = []
        for _, _, _, rows in sets:
            notes = [parse_note(line) for line, _ in rows]
            text_only, named = (_blind_score(variant, notes, flag) for flag in (False, True))
            cells.append(f"{text_only.recall('PERSON'):.3f} {named.recall('PERSON'):.3f} {named.distractors_kept:.3f}")
        print(f"  {label:<36}" + "   ".join(f"{name}: {cell}" for name, cell in zip("ABCDEF", cells, strict=True)))


def _blind_score(scrubber, notes, with_names: bool):
    from deid.scrub.scrub import merge_spans
    from tests.scrub.labelled_notes import score

    detected = []
    for note in notes:
        known = scrubber.known_names(list(note.known_names)) if with_names and note.known_names else None
        _, spans = scrubber.scrub(note.text, known) if known else scrubber.scrub(note.text)
        detected.append([(x.start, x.end) for x in merge_spans(spans)])
    return score(notes, detected)


def _blind_line(scrubber, rows, with_names: bool) -> None:
    from collections import Counter

    from deid.scrub.scrub import merge_spans
    from tests.scrub.labelled_notes import parse_note, score

    notes = [parse_note(line) for line, _ in rows]
    detected, kept, kinds_total = [], Counter(), Counter()
    for note, (_, kinds) in zip(notes, rows, strict=True):
        known = scrubber.known_names(list(note.known_names)) if with_names and note.known_names else None
        _, spans = scrubber.scrub(note.text, known) if known else scrubber.scrub(note.text)
        found = [(x.start, x.end) for x in merge_spans(spans)]
        detected.append(found)
        if kinds is not None:   # the generator lists each distractor's kind with its text, not in text order
            kind_of = {text: kind for kind, text in kinds}
            for a, b in note.keep:
                kind = kind_of.get(note.text[a:b], "other")
                kinds_total[kind] += 1
                kept[kind] += not any(x < b and a < y for x, y in found)
    result = score(notes, detected)
    right = sum(not (one := score([n], [d])).misses and not one.over for n, d in zip(notes, detected, strict=True))
    print(f"  {'with the record names' if with_names else 'text only':<22} notes fully right {right / len(notes):6.1%}  "
          f"distractors kept {result.distractors_kept:.3f}  recall "
          + "  ".join(f"{k} {result.recall(k):.3f}" for k in sorted(result.total)))
    if kinds_total:
        print(f"  {'':<22} kept by kind: " + "  ".join(f"{k} {kept[k] / kinds_total[k]:.3f}" for k in sorted(kinds_total)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--part", choices=["held-out", "tune"], default="held-out")
    parser.add_argument("--no-ablations", action="store_true")
    args = parser.parse_args()
    standards = load_standards()
    generated_met = report_generated(standards, args.part, not args.no_ablations)
    report_blind(standards)
    scrubber = Scrubber(standards)
    notes = load_notes()

    result = scrub_and_score(scrubber, notes)
    print(f"\nhand-labelled notes (tests/scrub/labelled, the record's names known): {len(notes)}")
    print(f"{'type':<10}{'found':>8}{'of':>6}{'recall':>9}")
    for kind in sorted(result.total):
        print(f"{kind:<10}{result.found[kind]:>8}{result.total[kind]:>6}{result.recall(kind):>9.1%}")
    removed = result.distractors - result.kept
    print(f"distractors kept {result.kept}/{result.distractors} ({result.distractors_kept:.1%}); "
          f"over-redacted {removed} ({removed / result.distractors:.1%})")
    for kind, text in result.misses:
        print(f"  missed {kind}: {text!r}")
    for text, _ in result.over:
        print(f"  over-redacted: {text!r}")

    rng = random.Random(2026)
    texts = [" ".join(rng.choice(notes).text for _ in range(5)) for _ in range(args.notes)]
    names = sorted({name for note in notes for name in note.known_names})
    print(f"\nthroughput: {len(texts):,} notes, mean {sum(map(len, texts)) / len(texts):.0f} characters")
    one, baseline = throughput_one_process(scrubber, texts, names)
    for label, key in (("wall", 0), ("CPU", 1)):
        print(f"  1 process, {label} time: deid {one[key]:,.0f} notes/s; Presidio BatchAnalyzerEngine {baseline[key]:,.0f} notes/s "
              f"({one[key] / baseline[key]:.1f}x)")
    started, cpu = time.perf_counter(), _cpu_with_children()
    scrubbed = scrub_texts(scrubber, texts, names, [], workers=args.workers)
    ours = len(texts) / (time.perf_counter() - started)
    per_cpu_second = len(texts) / (_cpu_with_children() - cpu)
    assert len(scrubbed) == len(texts)
    ratio = ours / baseline[0]
    print(f"  {args.workers} processes, wall time, start-up included: deid {ours:,.0f} notes/s "
          f"({ratio:.1f}x Presidio's one process, wall)")
    print(f"  {args.workers} processes, CPU time of all of them, start-up included: {per_cpu_second:,.0f} notes per CPU-second "
          f"(on {args.workers} free cores about {args.workers * per_cpu_second:,.0f} notes/s; "
          f"{args.workers * per_cpu_second / baseline[1]:.1f}x Presidio's one process, CPU)")
    projected = args.workers * per_cpu_second
    projected_ratio = projected / baseline[1]
    print(f"  machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (wall figures shrink with the load; "
          "CPU figures do not)")
    for label, rate, times in (("wall", ours, ratio), ("CPU, projected to free cores", projected, projected_ratio)):
        print(f"  targets ({label}): {TARGET_NOTES_PER_SECOND:,}/s on 2 processes {_met(rate >= TARGET_NOTES_PER_SECOND)}, "
              f"{TARGET_RATIO:.0f}x Presidio {_met(times >= TARGET_RATIO)}; issue 16: {STRETCH_NOTES_PER_SECOND:,}/s "
              f"{_met(rate >= STRETCH_NOTES_PER_SECOND)}, {STRETCH_RATIO:.0f}x {_met(times >= STRETCH_RATIO)}")
    met = ours >= TARGET_NOTES_PER_SECOND and ratio >= TARGET_RATIO
    print(f"\naccuracy targets (issue 15, held-out half) {_met(generated_met)}; throughput targets (wall) {_met(met)}")


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its finished child processes (the scrub workers, once joined)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def throughput_one_process(scrubber: Scrubber, texts: list[str], names: list[str]) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) notes per second of deid and of Presidio's BatchAnalyzerEngine, one process each, best of
    two alternating rounds. The baseline runs the same recognizers through Presidio's engine and then the
    same steps after detection (references, widened names, kept phrases, placeholders), the name recognizers
    reading a note in capitals re-cased as ours do; its scrubbed notes are checked equal to ours, so both do
    the same work and only the engine differs."""
    name_batch = BatchAnalyzerEngine(analyzer_engine=scrubber.presidio_engine(names=True))
    other_batch = BatchAnalyzerEngine(analyzer_engine=scrubber.presidio_engine(names=False))
    known = scrubber.known_names(names)
    keep = KeepPhrases(scrubber.keep_phrases)
    run_recognizers = list(known.recognizers) if known else []
    outputs: dict[str, list[str | None]] = {}

    def presidio() -> None:
        """Name recognizers (the record's names among them) on each note as the name steps read it (re-cased
        where written in capitals), the others on the note; then the same steps after detection."""
        reads = [scrubber.reading_for_names(text, known) for text in texts]
        named = name_batch.analyze_iterator(reads, language="en", score_threshold=SCORE_THRESHOLD,
                                            ad_hoc_recognizers=run_recognizers)
        other = other_batch.analyze_iterator(texts, language="en", score_threshold=SCORE_THRESHOLD)
        outputs["presidio"] = [
            scrubber.apply_spans(text, scrubber.spans_from_results(read, [*a, *b], None if read == text else text),
                                 known, keep)[0]
            for text, read, a, b in zip(texts, reads, named, other, strict=True)]

    def ours() -> None:
        outputs["deid"] = [clean for clean, _ in scrub_texts(scrubber, texts, names, [], workers=1)]

    def timed(run) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        run()
        return len(texts) / (time.perf_counter() - wall), len(texts) / (time.process_time() - cpu)

    rounds = [(timed(ours), timed(presidio)) for _ in range(2)]
    differ = sum(a != b for a, b in zip(outputs["deid"], outputs["presidio"], strict=True))
    print(f"  scrubbed notes that differ between deid and the Presidio baseline: {differ}")
    best = lambda i, k: max(r[i][k] for r in rounds)  # noqa: E731
    return (best(0, 0), best(0, 1)), (best(1, 0), best(1, 1))


if __name__ == "__main__":
    main()
