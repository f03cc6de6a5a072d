"""The quarterly reporting flow: each task calls one stage runner in deid.pipeline."""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from deid import pipeline
from deid.aggregate.aggregate import columns_counted
from deid.auditlog import check_history
from deid.errors import PublishError, StageFailed
from deid.pseudonymise.rotation import active_fingerprint, check_linkage_key
from deid.publish import ReleaseContents
from deid.reaper import server_children, watch_children
from deid.settings import DeploymentSettings, RunSettings, prepare_state_folder, resolve_settings, restrict_new_files
from deid.split.split import columns_read
from deid.stagestore import StageOutput, StageOutputError, StageStore, fingerprint
from deid.summary import build_run_summary, previous_quarter
from deid.workers import WorkerPool

T = TypeVar("T")


STAGES = ("plan", "ingest+validate", "standardise", "pseudonymise", "scrub", "secure-store", "split", "risk",
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
    except Exception as exc:
        return bool(getattr(exc, "retryable", False))
    return False


def kept_output_key(task_run_context: Any, parameters: dict[str, Any]) -> str:
    """Prefect's cache key for a kept stage: the stage key within the secure zone's current generation of
    kept outputs, so a cached reference never outlives the output (they are removed after a release)."""
    settings: RunSettings = parameters["settings"]
    generation = StageStore.for_quarter(settings.state_dir, settings.quarter).generation()
    return f"deid-{parameters['stage']}-{parameters['key']}-{generation}"


# Frames never pass through Prefect: kept stages return a StageOutput reference (stage, key, path:
# no record values), which Prefect may persist and cache; the other tasks persist nothing.
RETRY_DELAYS = (2, 10)
RETRIES: dict[str, Any] = {"retries": len(RETRY_DELAYS), "retry_delay_seconds": list(RETRY_DELAYS),
                           "retry_condition_fn": retry_if_retryable}
stage_task: Callable[[Callable[..., Any]], Any] = task(cache_policy=NO_CACHE, persist_result=False, **RETRIES)
kept_stage_task: Callable[[Callable[..., Any]], Any] = task(cache_key_fn=kept_output_key, persist_result=True, **RETRIES)


def _keep(settings: RunSettings, stage: str, key: str, compute: Callable[[], Any]) -> StageOutput:
    """The stage's output kept in the secure zone: reused when an earlier run made it from the same inputs."""
    store = StageStore.for_quarter(settings.state_dir, settings.quarter)
    found = store.lookup(stage, key)
    if found is not None:
        progress.info("[%d/%d] %s: reused the output an earlier run made from the same inputs",
                      STAGES.index(stage) + 1, len(STAGES), stage)
        return found
    return store.save(stage, key, _stage(stage, settings, compute))


def _store(settings: RunSettings) -> StageStore:
    return StageStore.for_quarter(settings.state_dir, settings.quarter)


def _load(settings: RunSettings, ref: StageOutput) -> Any:
    return _store(settings).load(ref, run_id=settings.run_id)


@stage_task
def plan(settings: RunSettings):
    """The standards and agreement, and the keys of this run's stage outputs. A state folder open to other
    accounts is warned about; a key that is not the secure zone's is refused here, before any landed file
    is read (after a rotation, a run still on the old key would otherwise read and scrub a whole quarter
    before the secure-store stage refused it)."""
    def prepare():
        restrict_new_files()   # this process's files owner-only (a deployment's worker may have any umask)
        if (warning := prepare_state_folder(settings.state_dir)) is not None:
            progress.warning("WARNING: %s", warning)
        _check_zone_key(settings)
        check_history(settings.audit_log_path, settings.warehouse_path, settings.state_dir)   # before anything is read
        standards, agreement = pipeline.load_run_standards(settings)
        return standards, agreement, pipeline.plan_run(settings, standards, agreement)
    return _stage("plan", settings, prepare)


def _check_zone_key(settings: RunSettings) -> None:
    """Refuse a run whose key is not the one the secure zone was built with (its message says what to do).
    A zone with no key yet is left alone: the secure-store stage records the key that builds it."""
    if not settings.warehouse_path.is_file():
        return
    with pipeline.open_warehouse(settings) as warehouse:
        if active_fingerprint(warehouse) is not None:
            check_linkage_key(warehouse, pipeline.load_run_key(settings), settings.started_at)   # reads only


@kept_stage_task
def read_file(settings: RunSettings, standards, landed, history, stage: str, key: str) -> StageOutput:
    """One landed file read and validated (no warehouse writes), kept so a resumed run skips it."""
    store = StageStore.for_quarter(settings.state_dir, settings.quarter)
    return store.run(stage, key, lambda: pipeline.read_submission_file(landed, settings, standards, history))


def receive(settings: RunSettings, standards, agreement, run_plan: pipeline.RunPlan, call: Runner) -> StageOutput:
    """Ingest and validate every submission: each file read as its own (mapped) task, then one
    step in the flow writes the registry, raw store and quarantine, and keeps the stage's output."""
    stage, key = "ingest+validate", run_plan.stage_keys["ingest+validate"]
    store = StageStore.for_quarter(settings.state_dir, settings.quarter)
    if (found := store.lookup(stage, key)) is not None:
        progress.info("[%d/%d] %s: reused the output an earlier run made from the same inputs",
                      STAGES.index(stage) + 1, len(STAGES), stage)
        return found

    def read_files(files: list, histories: dict) -> list:
        refs = call_each(call, read_file, [
            ((settings, standards, f, histories.get(f.provider)),
             {"stage": f"files/{f.provider}/{f.path.name}", "key": run_plan.file_key(f)}) for f in files])
        return [_load(settings, ref) for ref in refs]

    def compute() -> pipeline.ReceivedSubmissions:
        with pipeline.open_warehouse(settings) as warehouse:
            received = pipeline.receive_submissions(settings, standards, agreement, warehouse, read_files)
        parts = tuple(store.save(_part_stage("accepted", sid), fingerprint(key, sid), frame)
                      for sid, frame in pipeline.accepted_by_submission(received))
        return pipeline.ReceivedSubmissions(received.outcomes, received.row_issues, parts)
    return store.save(stage, key, _stage(stage, settings, compute))


def _part_stage(stage: str, submission_id: str) -> str:
    """Where a submission's output of a per-submission stage is kept: `parts/<stage>/<provider>/<quarter>/<hash>[-part]`
    (apart from the stage's own folder, whose earlier outputs are removed when it keeps a new one)."""
    return f"parts/{stage}/{submission_id.replace('#', '-')}"


def _next(stage: str, part: StageOutput) -> tuple[str, str]:
    """The stage name and key of what a per-submission stage makes from one part of the stage before it."""
    return _part_stage(stage, part.stage.split("/", 2)[2]), fingerprint(stage, part.key)


@kept_stage_task
def standardise_submission(settings: RunSettings, standards, accepted: StageOutput, stage: str, key: str) -> StageOutput:
    """One submission's rows standardised (Parquet in, Parquet out), kept so a resumed run skips it."""
    return _store(settings).run(stage, key, lambda: pipeline.standardise_accepted(settings, standards, _load(settings, accepted)))


@kept_stage_task
def pseudonymise_submission(settings: RunSettings, standardised: StageOutput, bridge: StageOutput, stage: str,
                            key: str) -> StageOutput:
    """One submission's linkage pseudonyms, with the run's identity bridge (made over every submission)."""
    return _store(settings).run(stage, key, lambda: pipeline.pseudonymise_people(
        settings, _load(settings, standardised)[0], _load(settings, bridge)))


def standardise(settings: RunSettings, standards, received: StageOutput, call: Runner, stage: str, key: str) -> StageOutput:
    """Standardise every submission, each as its own (mapped) task; the run's counts are their sum."""
    def compute() -> pipeline.SubmissionParts:
        parts = call_each(call, standardise_submission, [
            ((settings, standards, part), dict(zip(("stage", "key"), _next(stage, part), strict=True)))
            for part in _load(settings, received).parts])
        results = [_store(settings).load(part, lazy=True)[1] for part in parts]
        return pipeline.SubmissionParts(tuple(parts), pipeline.total_standardised(results))
    return _keep(settings, stage, key, compute)


def pseudonymise(settings: RunSettings, standardised: StageOutput, call: Runner, stage: str, key: str) -> StageOutput:
    """Link identities over every submission (set-wise), then pseudonymise each submission as its own task."""
    def compute() -> pipeline.SubmissionParts:
        store = _store(settings)
        inputs = _load(settings, standardised).parts
        bridge = store.save(_part_stage(stage, "bridge"), fingerprint(stage, key), pipeline.link_identities(store.scan_parts(inputs)))
        parts = call_each(call, pseudonymise_submission, [
            ((settings, part, bridge), dict(zip(("stage", "key"), _next(stage, part), strict=True))) for part in inputs])
        results = [store.load(part, lazy=True)[1] for part in parts]
        return pipeline.SubmissionParts(tuple(parts), pipeline.total_pseudonymised(results, store.scan_parts(parts)))
    return _keep(settings, stage, key, compute)


@kept_stage_task
def scrub(settings: RunSettings, standards, pseudonymised: StageOutput, stage: str, key: str) -> StageOutput:
    """Scrub every submission's notes in one batch: the run's known names come from all of them, and one
    pool of scrubbing processes stays busy across submissions; the notes are kept beside the submissions."""
    def compute() -> pipeline.ScrubbedSubmissions:
        parts = _load(settings, pseudonymised).parts
        scrubbed, result = pipeline.scrub_case_notes(standards, pipeline.scrub_inputs(_store(settings).scan_parts(parts)))
        return pipeline.ScrubbedSubmissions(parts, scrubbed.select("case_notes_scrubbed"), result)
    return _keep(settings, stage, key, compute)


def _records(settings: RunSettings, scrubbed: StageOutput, columns: frozenset[str]) -> Any:
    """The run's scrubbed records, read set-wise from every submission's Parquet and the scrubbed notes:
    only `columns` (those present), so a set-wise stage holds what it reads, not every column of the run."""
    kept = _load(settings, scrubbed)
    scan = _store(settings).scan_parts(kept.parts, run_id=settings.run_id)
    rows = scan.select([c for c in scan.collect_schema().names() if c in columns]).collect()
    notes = kept.notes.select([c for c in kept.notes.columns if c in columns])
    if notes.width == 0:
        pipeline.check_notes_align(rows, kept.notes)
        return rows
    return pipeline.scrubbed_records(rows, notes)


def _records_by_submission(settings: RunSettings, scrubbed: StageOutput) -> Iterator[Any]:
    """The run's scrubbed records as `_records` gives them, one submission at a time (the whole run is never held)."""
    kept, store, offset = _load(settings, scrubbed), _store(settings), 0
    for part in kept.parts:
        rows = store.scan_parts([part], run_id=settings.run_id).collect()
        yield pipeline.scrubbed_records(rows, kept.notes.slice(offset, rows.height))
        offset += rows.height
    if offset != kept.notes.height:
        raise StageOutputError(f"the kept scrubbed notes have {kept.notes.height} rows but the submissions {offset}; "
                               "run the quarter again and they are rebuilt")


@stage_task
def store_secure(settings: RunSettings, scrubbed: StageOutput) -> int:
    with pipeline.open_warehouse(settings) as warehouse:
        return _stage("secure-store", settings, pipeline.store_secure_records, settings, warehouse,
                      _records_by_submission(settings, scrubbed))


@kept_stage_task
def split(settings: RunSettings, agreement, scrubbed: StageOutput, stage: str, key: str) -> StageOutput:
    return _keep(settings, stage, key, lambda: pipeline.split_purposes(settings, agreement, _records(settings, scrubbed, columns_read(agreement))))


@kept_stage_task
def gate(settings: RunSettings, standards, splitted: StageOutput, stage: str, key: str) -> StageOutput:
    return _keep(settings, stage, key, lambda: pipeline.gate_extracts(settings, standards, _load(settings, splitted)[0]))


@kept_stage_task
def aggregate(settings: RunSettings, standards, agreement, scrubbed: StageOutput, stage: str, key: str) -> StageOutput:
    return _keep(settings, stage, key,
                 lambda: pipeline.protect_aggregates(settings, standards, agreement,
                                                  _records(settings, scrubbed, columns_counted(standards))))


CONSENT_COLUMNS = frozenset({"person_key", "consent_evaluation"})   # what a consent withdrawal is read from


@stage_task
def publish(settings: RunSettings, standards, agreement, run_plan: pipeline.RunPlan, outputs: dict[str, StageOutput]):
    """Publish from the kept outputs; afterwards the quarter's kept rows are removed, the release marker kept."""
    received = _load(settings, outputs["ingest+validate"])
    standardised, pseudonymised, scrubbed = (_load(settings, outputs[s]).result for s in ("standardise", "pseudonymise", "scrub"))
    _, purposes = _load(settings, outputs["split"])
    extracts, gates = _load(settings, outputs["risk"])
    tables, protection, decisions, figures = _load(settings, outputs["aggregate"])
    warnings = ([f"the sharing agreement '{agreement.programme}' was due for review on {agreement.review_date}; "
                 "review it before the next release"] if agreement.review_overdue(settings.started_at.date()) else [])
    warnings += pipeline.submissions_left_behind(settings)
    if agreement.draft:
        warnings.append(f"the sharing agreement '{agreement.programme}' is a draft (started with `deid agreement init`, not "
                        "signed off): nothing of this release may be sent, and `deid approve` refuses it; once the parties "
                        "have reviewed every term, `deid agreement sign-off --by NAME` and run the quarter again")
    withdrawals = pipeline.consent_withdrawals(settings, agreement, _records(settings, outputs["scrub"], CONSENT_COLUMNS))
    warnings += [f"{notice.height} person(s) of earlier {name} extracts withdrew their consent: the release lists them in "
                 f"{name.replace('_', '-')}/consent_withdrawn.csv and tells the recipients to delete their rows"
                 for name, notice in withdrawals.items() if notice.height]
    contents = ReleaseContents(
        submissions=tuple(received.outcomes), row_issues=received.row_issues, provider_figures=figures, extracts=extracts,
        purpose_results=tuple(purposes), gates=gates, tables=tables, protection=tuple(protection), decisions=tuple(decisions),
        stage_counts=tuple(pipeline.stage_counts(standardised, pseudonymised, scrubbed)),
        maori_rows=standardised.maori_data_rows, withdrawals=withdrawals)
    try:
        _, summary = _stage(
            "publish", settings, pipeline.publish, settings, standards, agreement, contents, inputs_key=run_plan.inputs_key,
            summarise=lambda release: build_run_summary(settings, received, release, gates, warnings, protection, decisions))
    except StageFailed as failed:   # the analyst still hears what became of every row, and that nothing went out
        raise StageFailed(failed.stage, failed.quarter, failed.run_id,
                          PublishError(f"{failed.cause}. {pipeline.rows_line(received)}; nothing of this run was "
                                       "published (providers' feedback included): once the block is dealt with, run the "
                                       "quarter again")) from failed.cause
    return summary


Runner = Callable[..., Any]


def through_prefect(stage_task_: Any, *args: Any, **kwargs: Any) -> Any:
    """Inside the flow: each stage is a Prefect task run (visible in the UI, retried, cached), submitted
    to the flow's task runner: threads by default, Dask workers with `flow_with_task_runner("dask")`.
    Stages hand each other references to kept outputs, so a worker on another machine needs the
    state folder on a shared file system, and nothing else."""
    return stage_task_.submit(*args, **kwargs).result()


def call_each(call: Runner, stage_task_: Any, calls: list[tuple[tuple, dict]]) -> list[Any]:
    """Run one task over many inputs: mapped side by side through Prefect's task runner, or through
    the local runner's worker processes; one after another in process otherwise."""
    if call is through_prefect:
        futures = [stage_task_.submit(*args, **kwargs) for args, kwargs in calls]
        return [future.result() for future in futures]
    if isinstance(call, LocalRunner):
        return call.each(stage_task_, calls)
    return [call(stage_task_, *args, **kwargs) for args, kwargs in calls]


def in_process(stage_task_: Any, *args: Any, **kwargs: Any) -> Any:
    """Without a Prefect API: the same stage functions, retried the same way, with no server to start."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return stage_task_.fn(*args, **kwargs)
        except Exception as exc:
            cause = exc.cause if isinstance(exc, StageFailed) else exc
            if delay is None or not getattr(cause, "retryable", False):
                raise
            progress.warning("%s; trying again in %d s", exc, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def _in_process_by_name(task_name: str, *args: Any, **kwargs: Any) -> Any:
    """A stage task of this module run in process, named so a worker process can find it (a Prefect
    task object does not travel between processes by name)."""
    return in_process(globals()[task_name], *args, **kwargs)


class LocalRunner:
    """A run without Prefect: stages in process; with `workers` > 1, the per-submission stages' calls side
    by side in that many worker processes, started for the first and closed by `close_workers` after the
    last (so they hold no memory while the set-wise stages run)."""

    def __init__(self, workers: int = 1):
        self.workers = workers
        self._pool: WorkerPool | None = None

    def __call__(self, stage_task_: Any, *args: Any, **kwargs: Any) -> Any:
        return in_process(stage_task_, *args, **kwargs)

    def each(self, stage_task_: Any, calls: list[tuple[tuple, dict]]) -> list[Any]:
        if self.workers < 2 or len(calls) < 2:
            return [in_process(stage_task_, *args, **kwargs) for args, kwargs in calls]
        if self._pool is None:
            self._pool = WorkerPool(self.workers, preload=(__name__,))
        return self._pool.map(partial(_in_process_by_name, stage_task_.fn.__name__), calls)

    def close_workers(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None


def local_runner(settings: RunSettings, workers: int | None = None) -> LocalRunner:
    """The runner for a run without Prefect: `workers` processes for its per-submission stages (default
    DEID_WORKERS, else 1: none). Worth it on a machine with cores to spare: each worker imports the
    library and learns the run's value kinds and address shapes afresh, so on 2 busy cores it cost more
    CPU than it saved (bench_e2e.py, 200,000 clients: ingest 25.3 s CPU in one process, 47.7 s in two)."""
    chosen = workers or DeploymentSettings().workers or 1
    if chosen > 1:
        progress.info("per-submission stages run in %d worker processes", chosen)
    return LocalRunner(chosen)


@flow(name="quarterly-reporting")
def quarterly_reporting(
    quarter: str | None = None,
    landing_dir: str | None = None,
    state_dir: str | None = None,
    demo_key: bool = False,
    config_dir: str | None = None,
    republish: bool = False,
) -> dict[str, Any]:
    """Ingest, validate, standardise, de-identify, protect and publish one quarter.

    Args:
        quarter: e.g. 2026Q3; defaults to the last completed quarter.
        landing_dir: folder of <provider>/<quarter>/<file> submissions.
        state_dir: runtime state folder (warehouse, raw store, releases).
        config_dir: the deployment's configuration folder (agreement, provider mappings, local standards).
        demo_key: use the public demo key (synthetic samples only).
        republish: publish again even when an earlier release was made from exactly these inputs.
    """
    settings = _settings(quarter, landing_dir, state_dir, config_dir, demo_key)
    watch_children(server_children())   # Prefect's temporary server, if it started one, dies with this run
    with pipeline.hold_state(settings):
        summary = run_stages(settings, through_prefect, republish)
    publish_run_artifacts(summary)
    return summary


TASK_RUNNERS = ("default", "dask")


def flow_with_task_runner(task_runner: str = "default", dask_address: str | None = None) -> Any:
    """The quarterly flow on the chosen task runner: `dask` runs its tasks on a Dask cluster, a new
    local one (2 workers, 1 thread each) unless `dask_address` names a scheduler (tcp://host:8786)."""
    if task_runner == "default":
        return quarterly_reporting
    if task_runner != "dask":
        raise ValueError(f"unknown task runner '{task_runner}': use one of {', '.join(TASK_RUNNERS)}")
    from prefect_dask import DaskTaskRunner  # type: ignore[attr-defined]

    runner: Any = (DaskTaskRunner(address=dask_address) if dask_address else
              DaskTaskRunner(cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True,
                                             "dashboard_address": None}))
    return quarterly_reporting.with_options(task_runner=runner)


def run_quarter(quarter: str, landing_dir: str | None = None, state_dir: str | None = None, demo_key: bool = False,
                config_dir: str | None = None, republish: bool = False, workers: int | None = None) -> dict[str, Any]:
    """The same run without Prefect (what `deid run` does when no PREFECT_API_URL is set); `workers` as
    `local_runner` takes it (default: DEID_WORKERS, else by the quarter's size)."""
    settings = _settings(quarter, landing_dir, state_dir, config_dir, demo_key)
    runner = local_runner(settings, workers)
    try:
        with pipeline.hold_state(settings):
            return run_stages(settings, runner, republish)
    finally:
        runner.close_workers()


def _settings(quarter: str | None, landing_dir: str | None, state_dir: str | None, config_dir: str | None,
              demo_key: bool) -> RunSettings:
    return resolve_settings(
        quarter or previous_quarter(dt.date.today()),
        landing_dir=Path(landing_dir) if landing_dir else None,
        state_dir=Path(state_dir) if state_dir else None,
        config_dir=Path(config_dir) if config_dir else None,
        demo_key=demo_key,
    )


def run_stages(settings: RunSettings, call: Runner, republish: bool = False) -> dict[str, Any]:
    """Every stage in order; kept outputs from an earlier, unfinished run of the same inputs are reused."""
    standards, agreement, run_plan = call(plan, settings)
    if not republish and (earlier := pipeline.unchanged_release(settings, run_plan)) is not None:
        progress.info("nothing new for %s since run %s: its release stands (publish again with --republish)",
                      settings.quarter, earlier["run_id"])
        return earlier
    keys = run_plan.stage_keys
    outputs: dict[str, StageOutput] = {}

    def kept(stage_task_: Any, stage: str, *args: Any) -> StageOutput:
        outputs[stage] = call(stage_task_, settings, *args, stage=stage, key=keys[stage])
        return outputs[stage]

    received = outputs["ingest+validate"] = receive(settings, standards, agreement, run_plan, call)
    standardised = outputs["standardise"] = standardise(settings, standards, received, call, "standardise", keys["standardise"])
    pseudonymised = outputs["pseudonymise"] = pseudonymise(settings, standardised, call, "pseudonymise", keys["pseudonymise"])
    if isinstance(call, LocalRunner):
        call.close_workers()   # the last per-submission stage is done
    scrubbed = kept(scrub, "scrub", standards, pseudonymised)
    call(store_secure, settings, scrubbed)
    kept(gate, "risk", standards, kept(split, "split", agreement, scrubbed))
    kept(aggregate, "aggregate", standards, agreement, scrubbed)
    summary = call(publish, settings, standards, agreement, run_plan, outputs)
    pipeline.log_run(settings, summary)
    return summary


def publish_run_artifacts(summary: dict[str, Any]) -> None:
    """What analysts see in the Prefect UI: row accounting per file and where the release went (no record values)."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_table_artifact(key="row-accounting", table=run_accounting_rows(summary),
                          description=f"Rows per file for {summary['quarter']} (run {summary['run_id']})")
    if summary.get("tables"):
        create_table_artifact(key="suppressions", table=summary["tables"],
                              description=f"Aggregate tables for {summary['quarter']}: released or withheld, suppressions, "
                                          "information lost, audit")
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
             + ("" if rows["balanced"] else " — **does not balance**"), ""]
    if summary.get("purposes"):
        lines += ["## Purpose split", ""] + [f"- {name}: {split['line']}" for name, split in summary["purposes"].items()] + [""]
    lines += ["## Risk gates", ""]
    lines += [f"- {name}: {message}" for name, message in summary["risk_gates"].items()]
    if summary.get("tables"):
        lines += ["", "## Aggregate tables", ""]
        lines += [f"- {t['table']}: " + (f"{t['primary_suppressed']} primary and {t['secondary_suppressed']} secondary "
                                         f"suppressions of {t['cells']} cells, {t['information_loss']:.1%} of people in "
                                         f"hidden cells; audit {t['audit']}" if t["released"] else f"withheld: {t['reason']}")
                  for t in summary["tables"]]
    steward = Path(summary["release_dir"]) / "stewards" / "steward_summary.html"
    lines += ["", "## Outputs", "", f"Release folder `{summary['release_dir']}`; steward pack "
              f"[{steward.name}]({steward.as_uri()}).", ""]
    lines += [f"- {audience}: {len(paths)} file(s)" for audience, paths in sorted(summary["outputs"].items())]
    lines += [f"- WARNING: {w}" for w in summary.get("warnings", [])]
    return "\n".join(lines)
