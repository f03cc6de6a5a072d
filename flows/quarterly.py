"""The quarterly reporting flow: each task calls one stage runner in deid.pipeline."""
from __future__ import annotations

import datetime as dt
import logging
import time
from pathlib import Path
from typing import Any, Callable, TypeVar

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from deid import pipeline
from deid.errors import StageFailed
from deid.settings import RunSettings, resolve_settings
from deid.summary import build_run_summary, previous_quarter

T = TypeVar("T")


STAGES = ("standards", "ingest+validate", "standardise", "pseudonymise", "scrub", "secure-store", "split", "risk",
          "aggregate", "publish")
progress = logging.getLogger("deid.progress")   # stage by stage, with timings: the CLI shows it, Prefect logs it


def _stage(name: str, settings: RunSettings, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a stage, wrapping any failure once with the stage, quarter and run."""
    began = time.perf_counter()
    progress.info("[%d/%d] %s ...", STAGES.index(name) + 1, len(STAGES), name)
    try:
        result = call(*args, **kwargs)
    except StageFailed:
        raise
    except Exception as exc:
        raise StageFailed(name, settings.quarter, settings.run_id, exc) from exc
    progress.info("[%d/%d] %s done in %.1f s", STAGES.index(name) + 1, len(STAGES), name, time.perf_counter() - began)
    return result


def retry_if_retryable(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only failures the library marks retryable (a busy warehouse file), never bad data."""
    try:
        state.result()
    except StageFailed as exc:
        return bool(getattr(exc.cause, "retryable", False))
    except Exception as exc:  # noqa: BLE001 - any other failure: retry only if it says so
        return bool(getattr(exc, "retryable", False))
    return False


# Intermediate frames hold identifiable data: never cached or persisted by Prefect.
stage_task = task(cache_policy=NO_CACHE, persist_result=False, retries=2, retry_delay_seconds=[2, 10],
                  retry_condition_fn=retry_if_retryable)


@stage_task
def load_standards(settings: RunSettings):
    return _stage("standards", settings, pipeline.load_run_standards, settings)


@stage_task
def receive(settings: RunSettings, standards, agreement):
    with pipeline.open_warehouse(settings) as warehouse:
        return _stage("ingest+validate", settings, pipeline.receive_submissions, settings, standards, agreement, warehouse)


@stage_task
def standardise(settings: RunSettings, standards, accepted):
    return _stage("standardise", settings, pipeline.standardise_accepted, settings, standards, accepted)


@stage_task
def pseudonymise(settings: RunSettings, records):
    return _stage("pseudonymise", settings, pipeline.pseudonymise_people, settings, records)


@stage_task
def scrub(settings: RunSettings, standards, records):
    return _stage("scrub", settings, pipeline.scrub_case_notes, standards, records)


@stage_task
def store_secure(settings: RunSettings, records):
    with pipeline.open_warehouse(settings) as warehouse:
        return _stage("secure-store", settings, pipeline.store_secure_records, settings, warehouse, records)


@stage_task
def split(settings: RunSettings, agreement, records):
    return _stage("split", settings, pipeline.split_purposes, settings, agreement, records)


@stage_task
def gate(settings: RunSettings, standards, extracts):
    return _stage("risk", settings, pipeline.gate_extracts, settings, standards, extracts)


@stage_task
def aggregate(settings: RunSettings, standards, agreement, records):
    return _stage("aggregate", settings, pipeline.protect_aggregates, settings, standards, agreement, records)


@stage_task
def publish(settings: RunSettings, standards, agreement, **parts):
    return _stage("publish", settings, pipeline.publish, settings, standards, agreement, **parts)


@flow(name="quarterly-reporting")
def quarterly_reporting(
    quarter: str | None = None,
    landing_dir: str | None = None,
    state_dir: str | None = None,
    demo_key: bool = False,
    config_dir: str | None = None,
) -> dict[str, Any]:
    """Ingest, validate, standardise, de-identify, protect and publish one quarter.

    Args:
        quarter: e.g. 2026Q3; defaults to the last completed quarter.
        landing_dir: folder of <provider>/<quarter>/<file> submissions.
        state_dir: runtime state folder (warehouse, raw store, releases).
        config_dir: the deployment's configuration folder (agreement, provider mappings, local standards).
        demo_key: use the public demo key (synthetic samples only).
    """
    settings = resolve_settings(
        quarter or previous_quarter(dt.date.today()),
        landing_dir=Path(landing_dir) if landing_dir else None,
        state_dir=Path(state_dir) if state_dir else None,
        config_dir=Path(config_dir) if config_dir else None,
        demo_key=demo_key,
    )
    with pipeline.hold_state(settings):
        return _run_stages(settings)


def _run_stages(settings: RunSettings) -> dict[str, Any]:
    standards, agreement = load_standards(settings)
    received = receive(settings, standards, agreement)
    records, standardised = standardise(settings, standards, received.accepted)
    records, pseudonymised = pseudonymise(settings, records)
    records, scrubbed = scrub(settings, standards, records)
    store_secure(settings, records)
    extracts, purposes = split(settings, agreement, records)
    extracts, gates = gate(settings, standards, extracts)
    tables, protection, decisions, figures = aggregate(settings, standards, agreement, records)
    release = publish(
        settings, standards, agreement, submissions=list(received.outcomes), row_issues=received.row_issues,
        provider_figures=figures, extracts=extracts, purpose_results=purposes, gates=gates, tables=tables,
        protection=protection, decisions=decisions,
        stage_counts=pipeline.stage_counts(standardised, pseudonymised, scrubbed),
        maori_rows=standardised.maori_data_rows,
    )
    warnings = ([f"the sharing agreement '{agreement.programme}' was due for review on {agreement.review_date}; "
                 "review it before the next release"] if agreement.review_overdue(settings.started_at.date()) else [])
    summary = build_run_summary(settings, received, release, gates, warnings)
    pipeline.log_run(settings, summary)
    publish_run_artifacts(summary)
    return summary


def publish_run_artifacts(summary: dict[str, Any]) -> None:
    """What analysts see in the Prefect UI: row accounting per file and where the release went (no record values)."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_table_artifact(key="row-accounting", table=run_accounting_rows(summary),
                          description=f"Rows per file for {summary['quarter']} (run {summary['run_id']})")
    create_markdown_artifact(key="run-summary", markdown=run_summary_markdown(summary),
                             description=f"Quarterly run {summary['run_id']}")


def run_accounting_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    return [{k: s[k] for k in ("provider", "file", "status", "received", "accepted", "quarantined", "held", "rejected")}
            for s in summary["submissions"]]


def run_summary_markdown(summary: dict[str, Any]) -> str:
    rows = summary["rows"]
    lines = [f"# Quarterly run {summary['run_id']} ({summary['quarter']})", "",
             f"Rows: {rows['received']} received = {rows['accepted']} accepted + {rows['quarantined']} quarantined + "
             f"{rows['held']} held for mapping + {rows['rejected']} in rejected files"
             + ("" if rows["balanced"] else " — **does not balance**"), "", "## Risk gates", ""]
    lines += [f"- {name}: {message}" for name, message in summary["risk_gates"].items()]
    lines += ["", "## Outputs", "", f"Release folder `{summary['release_dir']}`; steward pack under `stewards/`.", ""]
    lines += [f"- {audience}: {len(paths)} file(s)" for audience, paths in sorted(summary["outputs"].items())]
    lines += [f"- WARNING: {w}" for w in summary.get("warnings", [])]
    return "\n".join(lines)
