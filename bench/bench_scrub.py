"""Scrubbing: recall per type and over-redaction on the labelled notes, and throughput on many notes.

    .venv/bin/python bench/bench_scrub.py [--notes 20000]

Targets (issue 5): every NHI, IRD, phone number and email removed; at least 97% of names;
at least 98% of distractors kept; at least 2,000 notes per second on 2 cores with no NER
model. The baseline in the same run is Presidio's BatchAnalyzerEngine over a default
AnalyzerEngine with the same recognizers, in one process.

Throughput notes are five labelled notes joined (about 270 characters, a typical case
note), scrubbed with one run-wide list of known names, as the quarterly flow does.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from presidio_analyzer import AnalyzerEngine, BatchAnalyzerEngine  # noqa: E402

from deid.scrub import Scrubber  # noqa: E402
from deid.scrub.scrub import SCORE_THRESHOLD, Span, apply_operators, scrub_texts  # noqa: E402
from deid.standards import load_standards  # noqa: E402
from tests.scrub.labelled_notes import load_notes, scrub_and_score  # noqa: E402

TARGET_NOTES_PER_SECOND = 2_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    standards = load_standards()
    scrubber = Scrubber(standards)
    notes = load_notes()

    result = scrub_and_score(scrubber, notes)
    print(f"labelled notes: {len(notes)}")
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

    baseline_engine = AnalyzerEngine(nlp_engine=scrubber.analyzer.nlp_engine, registry=scrubber.analyzer.registry,
                                     supported_languages=["en"])
    batch = BatchAnalyzerEngine(analyzer_engine=baseline_engine)
    known = scrubber.known_names(names)
    started = time.perf_counter()
    analysed = batch.analyze_iterator(texts, language="en", score_threshold=SCORE_THRESHOLD, ad_hoc_recognizers=[known])
    for text, results in zip(texts, analysed):
        apply_operators(text, [Span(r.entity_type, r.start, r.end, r.score, "", None) for r in results], scrubber.placeholders)
    baseline = len(texts) / (time.perf_counter() - started)
    print(f"  baseline, Presidio BatchAnalyzerEngine (1 process): {baseline:,.0f} notes/s")

    started = time.perf_counter()
    scrubbed = scrub_texts(scrubber, texts, names, [], workers=args.workers)
    ours = len(texts) / (time.perf_counter() - started)
    assert len(scrubbed) == len(texts)
    print(f"  deid scrub_texts ({args.workers} processes, start-up included): {ours:,.0f} notes/s "
          f"({ours / baseline:.1f}x the baseline; target {TARGET_NOTES_PER_SECOND:,}/s)")
    met = (all(result.recall(k) == 1.0 for k in ("NHI", "IRD", "PHONE", "EMAIL")) and result.recall("PERSON") >= 0.97
           and result.distractors_kept >= 0.98 and ours >= TARGET_NOTES_PER_SECOND)
    print(f"\ntargets {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
