"""Provider feedback PDFs (issue 16: publishing a national run was dominated by them).

    .venv/bin/python bench/bench_reports.py [--providers 200] [--workers 2]

A national run writes one feedback PDF per provider. The contexts here are built as publishing
builds them (`build_feedback_context`, with the sample agreement), for `--providers` providers with
te reo names (macrons), whose submissions failed real validation rules of the standards (from none
to every rule, with up to 40 rows listed each), some with no file or a held file, the release's
outputs as uses, and 0, 3 or 40 use-log entries: short reports and long tables across pages.

Each figure is measured in a fresh process (spawned), so the per-process caches of reports/pdf.py
(parsed fonts, wrapped cells, cut-down fonts) start empty as they do in a run:
1. CPU ms per report, one process drawing every report with `feedback_pdf`: the first report
   (which parses the fonts) apart, then the mean of the rest, and that mean again on a second pass
   (every cache warm);
2. wall seconds for all the reports through `feedback_pdfs`, as publishing calls it, on 1 process
   and on `--workers` processes, with the CPU seconds of the process and its workers (on a shared
   machine the wall time also shows whatever else was running).
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUARTER = "2026Q3"
PLACES = ["Tāmaki", "Ōtautahi", "Whanganui", "Te Tai Tokerau", "Kāpiti", "Waikato", "Rotorua", "Ōtepoti", "Heretaunga",
          "Tūranga", "Manawatū", "Te Awakairangi", "Whakatāne", "Taupō", "Murihiku", "Ōamaru", "Nelson", "Coastal",
          "Southern", "Eastern"]
KINDS = ["Whānau Ora Collective", "Parenting Trust", "Kāinga Support Services", "Families Network", "Community Trust",
         "Health and Social Services", "Rangatahi Services", "Pasifika Families' Fono", "Hauora", "Family Centre"]
LOGGED = [("Evaluation team, Ministry of Social Development", "Interim evaluation of the programme's reach in Tāmaki Makaurau",
           "Programme extended for two more years with the same eligibility"),
          ("Commissioning, Te Whatu Ora", "Regional funding review for the 2027 financial year",
           "Funding for three regions raised; a fourth region's contract put out to tender"),
          ("Ministerial briefing", "Briefing on wait times and the share of whānau who completed the programme",
           "Noted; no decision needed")]


def provider_names(count: int) -> dict[str, str]:
    """`count` distinct providers: id -> a te reo or English place and a kind of service."""
    names = {}
    for i in range(count):
        place, kind = PLACES[i % len(PLACES)], KINDS[(i // len(PLACES)) % len(KINDS)]
        suffix = f" {i // (len(PLACES) * len(KINDS)) + 1}" if count > len(PLACES) * len(KINDS) else ""
        names[f"provider-{i:03d}"] = f"{place} {kind}{suffix}"
    return names


def feedback_contexts(count: int, seed: int = 16) -> list[dict[str, Any]]:
    """Feedback contexts for `count` providers, varied as described in the module docstring."""
    from deid.agreement import load_agreement
    from deid.settings import DEFAULT_AGREEMENT
    from deid.standards import load_standards
    from deid.validate.rules import build_rules
    from reports.builders import build_feedback_context, common_context

    standards = load_standards()
    agreement = load_agreement(DEFAULT_AGREEMENT, standards)
    rules = build_rules(standards, dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    labels = {c.code: c.label for c in standards.code_lists.code_lists["outcome_status"].codes}
    programme = {code: (None if i == 3 else 300 + 37 * i) for i, code in enumerate(labels)}
    uses = [{"description": o.description, "audience": ", ".join(o.recipients), "purpose": o.purpose,
             "protection": "risk gate passed; pseudonymised" if o.folder != "aggregates" else "random rounding to base 3"}
            for o in agreement.outputs]
    common = common_context("bench-run", QUARTER, agreement.security_classification, False, dt.datetime(2026, 10, 20, tzinfo=dt.UTC))
    rng = random.Random(seed)
    contexts = []
    for provider, name in provider_names(count).items():
        shape = rng.random()
        failed = rng.sample(rules, len(rules) if shape < 0.15 else rng.choice([0, 1, 3, 6]))
        findings = []
        for rule in failed:
            rows = sorted(rng.sample(range(2, 5_000), rng.choice([1, 4, 12, 40])))
            findings.append({"rule_id": rule.rule_id, "column": rule.column, "check": rule.check, "severity": rule.severity,
                             "description": rule.description, "fix": rule.fix, "success": False, "failing_rows": len(rows) * 3,
                             "first_rows": rows, "examples": []})
        received = rng.randint(20, 2_000)
        held = received if 0.15 <= shape < 0.2 else 0
        submissions = [] if 0.2 <= shape < 0.25 else [{
            "provider": provider, "quarter": QUARTER, "file_name": f"{provider}_{QUARTER}_clients.xlsx", "sha256": "ab" * 32,
            "submission_id": f"{provider}/{QUARTER}/ab", "status": "held" if held else "accepted", "reader": "xlsx",
            "encoding": None, "rows_received": received, "rows_accepted": 0 if held else received - len(findings),
            "rows_quarantined": 0 if held else len(findings), "rows_with_warnings": len(findings), "rows_held": held,
            "rows_rejected": 0, "dropped_columns": ["Favourite colour", "Case worker's phone"][: rng.randint(0, 2)],
            "findings": [] if held else findings, "message": None, "column_mapping": [], "quality_page": None}]
        own = {code: rng.randint(0, 60) for code in labels}
        logged = [{"recorded_on": f"2026-10-{day:02d}", "used_by": who, "use": use, "outcome": outcome}
                  for day, (who, use, outcome) in zip(range(1, 41), LOGGED * 14, strict=False)][: rng.choice([0, 3, 40])]
        contexts.append(build_feedback_context(
            provider=provider, provider_name=name, submissions=submissions,
            own_figures={"people": sum(own.values()), "sessions": 4 * sum(own.values()), "mean_sessions": "4.0"},
            own_outcomes=own, programme_outcomes=programme, outcome_labels=labels,
            uses=uses if submissions else [], agreement=agreement, common=common, logged_uses=logged))
    return contexts


def cpu_per_report(count: int) -> dict[str, float]:
    """CPU ms for the first report, then per report for the rest (caches filling), then per report again (warm)."""
    from reports.pdf import feedback_pdf

    contexts = feedback_contexts(count)
    start = time.process_time()
    feedback_pdf(contexts[0])
    first = time.process_time() - start
    start = time.process_time()
    sizes = [len(feedback_pdf(context)) for context in contexts[1:]]
    cold = time.process_time() - start
    start = time.process_time()
    for context in contexts[1:]:
        feedback_pdf(context)
    warm = time.process_time() - start
    rest = max(len(contexts) - 1, 1)
    return {"first_ms": first * 1000, "per_report_ms": cold / rest * 1000, "warm_ms": warm / rest * 1000,
            "mean_kb": sum(sizes) / rest / 1024}


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have ended (the pool's workers, once it is shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def wall_for_all(count: int, workers: int) -> dict[str, float]:
    """Wall and CPU seconds for `feedback_pdfs` over every context on `workers` processes (contexts built beforehand, not timed)."""
    from reports.pdf import feedback_pdfs

    contexts = feedback_contexts(count)
    start, cpu = time.perf_counter(), _cpu_seconds()
    pdfs = feedback_pdfs(contexts, workers=workers)
    return {"wall_s": time.perf_counter() - start, "cpu_s": _cpu_seconds() - cpu, "reports": len(pdfs)}


def _child(function: Any, args: tuple[Any, ...], queue: Any) -> None:
    queue.put(function(*args))


def in_fresh_process(function: Any, *args: Any) -> dict[str, float]:
    """`function(*args)` in a spawned process: nothing parsed, wrapped or cut down in an earlier measurement."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(function, args, queue))
    process.start()
    result: dict[str, float] = queue.get()
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--providers", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    cpu = in_fresh_process(cpu_per_report, args.providers)
    print(f"feedback PDFs for {args.providers} providers (CPU per report, one process)")
    print(f"  first report (fonts parsed):   {cpu['first_ms']:8.1f} ms")
    print(f"  each of the rest, as a run:    {cpu['per_report_ms']:8.1f} ms   (mean size {cpu['mean_kb']:.0f} KB)")
    print(f"  each again, every cache warm:  {cpu['warm_ms']:8.1f} ms")
    for workers in sorted({1, args.workers}):
        wall = in_fresh_process(wall_for_all, args.providers, workers)
        print(f"  all {wall['reports']:.0f} through feedback_pdfs on {workers} process{'es' if workers > 1 else ''}: "
              f"{wall['wall_s']:6.2f} s wall, {wall['cpu_s']:6.2f} s CPU")


if __name__ == "__main__":
    main()
