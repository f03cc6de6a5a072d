"""The `deid` command line. Library errors become one clear message, never a traceback.

Every command reports through `_report`: lines for people, or with `--json` one JSON object
(`{"ok": true, ...}`) for scripts. Every failure goes through one handler (`DeidGroup.invoke`):
a `DeidError` from the library or the command itself becomes `Error: <message>` on stderr, or
`{"ok": false, "error": <message>}` on stdout when the command was asked for JSON, and exit 1.
"""
from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer._click.core import Context as ClickContext  # typer vendors its own click
from typer._click.exceptions import ClickException
from typer._click.globals import get_current_context
from typer.core import TyperGroup

from deid.errors import DeidError
from deid.settings import CONFIG_DIR_ENV, STATE_DIR_ENV, StatePaths, default_state_dir

if TYPE_CHECKING:
    import polars as pl

    from deid.agreement import SharingAgreement
    from deid.ingest.ingest import IngestResult
    from deid.settings import RunSettings
    from deid.standards import Standards

log = logging.getLogger(__name__)
JSON_MODE = "deid.json"              # ctx.meta: the command was asked for JSON (failures too are JSON)
CATCH_UNEXPECTED = "deid.unexpected"  # ctx.meta: the command turns any failure into one line (deid run)


class CommandError(DeidError):
    """A command was given options or input it cannot act on (the message says what to do)."""


class DeidGroup(TyperGroup):
    """The one error handler: whatever command fails with a `DeidError`, the user gets one clear message."""

    def invoke(self, ctx: ClickContext) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except DeidError as exc:
            _show_failure(ctx, str(exc))
        except Exception as exc:
            if not ctx.meta.get(CATCH_UNEXPECTED):
                raise
            log.debug("command failed", exc_info=True)  # shown with --debug
            if "ephemeral Prefect API server" in str(exc):
                _show_failure(ctx, "Prefect's temporary server did not start in time (the machine is busy). Run again, "
                                   "raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or start one with "
                                   "`prefect server start` and set PREFECT_API_URL")
            _show_failure(ctx, f"the run failed unexpectedly ({type(exc).__name__}: {exc}); rerun with --debug for details")


def _show_failure(ctx: ClickContext, message: str) -> NoReturn:
    if ctx.meta.get(JSON_MODE):
        typer.echo(json.dumps({"ok": False, "error": message}, ensure_ascii=False))
    else:
        typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code=1)


app = typer.Typer(cls=DeidGroup, help="De-identify, protect and share quarterly provider reporting.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=True)


def _version(show: bool) -> None:
    if show:
        from importlib.metadata import version

        typer.echo(f"deid {version('deid')}")
        raise typer.Exit()


@app.callback()
def _main(show_version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                            help="Print the installed version and exit.")) -> None:
    """De-identify, protect and share quarterly provider reporting."""


CONFIG_OPTION = typer.Option(None, "--config-dir", envvar=CONFIG_DIR_ENV,
                             help="The deployment's configuration folder (agreement, provider mappings, local standards); "
                                  "default <state>/config.")
JSON_OPTION = typer.Option(False, "--json", help="Print the result as one JSON object ({\"ok\": false, \"error\": ...} on failure).")
STATE_HELP = "Runtime state folder (warehouse, raw store, releases, logs)."


def _json_mode(as_json: bool) -> bool:
    """Remember, for the error handler, that this command answers in JSON."""
    get_current_context().meta[JSON_MODE] = as_json
    return as_json


def _fail(message: str) -> NoReturn:
    """Stop the command with a message for the user (shown by the one error handler)."""
    raise CommandError(message)


def _report(payload: dict[str, Any], lines: list[str]) -> None:
    """A command's result: one JSON object with --json, otherwise lines for people."""
    if get_current_context().meta.get(JSON_MODE):
        typer.echo(json.dumps({"ok": True, **payload}, indent=2, ensure_ascii=False, default=str))
    elif lines:
        typer.echo("\n".join(lines))


def _show_progress() -> None:
    """Stage lines and progress bars (lines when stderr is not a terminal) on stderr, so a long run is never silent."""
    import atexit

    from deid.progress import ProgressDisplay, progress

    progress.setLevel(logging.INFO)
    progress.propagate = False   # shown once, here (a deployment's runs still send it to Prefect)
    if not any(isinstance(h, ProgressDisplay) for h in progress.handlers):
        display = ProgressDisplay()
        progress.addHandler(display)
        atexit.register(display.close)


def _prepare_prefect_environment(state_dir: Path) -> None:
    """Keep Prefect's home, database and results under the state folder (set before Prefect is imported)."""
    (state_dir / "prefect" / "results").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PREFECT_HOME", str(state_dir / "prefect"))
    os.environ.setdefault("PREFECT_RESULTS_LOCAL_STORAGE_PATH", str(state_dir / "prefect" / "results"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # Failures reach the user once, as a clear message from this CLI; Prefect's own console
    # log would repeat them with tracebacks (they still go to the Prefect API and UI).
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_FLOW_RUNS_LEVEL", "CRITICAL")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    # Without PREFECT_API_URL each run starts a temporary server; on a busy machine it needs longer than
    # Prefect's 20 s default to come up, so wait up to two minutes before giving up (with a clear message).
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "deid")  # the library's log lines reach each run's log
    # A run without a Prefect API (or a warning before its flow starts, such as a stale lock taken over) logs
    # to the terminal only; Prefect would otherwise add a UserWarning that the line had no flow run to go to.
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")


def _summary_lines(summary: dict[str, Any]) -> list[str]:
    rows = summary["rows"]
    lines = [f"Nothing new for {summary['quarter']} since run {summary['run_id']}: the same files, standards, agreement "
             "and key; its release stands and was not published again (--republish to publish anyway)"
             ] if summary.get("unchanged") else []
    lines += [
        f"Run {summary['run_id']} for {summary['quarter']}" + ("  [DEMO KEY: synthetic samples only]" if summary["demo_key"] else ""),
        f"Rows: {rows['received']} received = {rows['accepted']} accepted + {rows['quarantined']} quarantined"
        f" + {rows['held']} held for mapping + {rows['rejected']} in rejected files"
        + ("" if rows["balanced"] else "  ** DOES NOT BALANCE **"),
    ]
    for s in summary["submissions"]:
        detail = {"accepted": f"{s['received']} rows, {s['accepted']} accepted, {s['quarantined']} quarantined",
                  "held": f"{s['held']} rows held", "rejected": f"{s['rejected']} rows"}.get(s["status"], "")
        lines.append(f"  {s['provider']:<22} {s['file']:<40} {s['status']:<10} {detail}")
        if s["message"]:
            lines.append(f"      ! {s['message']}")
    for name, split in summary.get("purposes", {}).items():
        lines.append(f"Split, {name}: {split['line']}")
    for name, message in summary["risk_gates"].items():
        lines.append(f"Risk gate, {name}: {message}")
    lines.extend(f"WARNING: {w}" for w in summary.get("warnings", []))
    lines.append(f"Release folder: {summary['release_dir']}")
    lines.append(f"Manifest:       {summary['manifest']}")
    lines.append(f"Secure zone:    {summary['warehouse']} (never published)")
    for audience, paths in sorted(summary["outputs"].items()):
        lines.append(f"  for {audience}:")
        lines.extend(f"    {p}" for p in paths)
    if not summary.get("unchanged"):
        lines.append(f"Next: a data steward reads {Path(summary['release_dir']) / 'stewards' / 'steward_summary.html'} and signs "
                     f"the release off before anything in it is sent: deid approve {summary['run_id']} --by \"<steward>\"")
    return lines


@app.command()
def run(
    quarter: str = typer.Option(..., "--quarter", help="Reporting quarter, e.g. 2026Q3."),
    landing: Path | None = typer.Option(None, "--landing", help="Folder of <provider>/<quarter>/<file> submissions (default: <state>/landing)."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help="Runtime state folder (warehouse, raw store, releases, Prefect home)."),
    demo_key: bool = typer.Option(False, "--demo-key", help="Use the public demo key. Only for the synthetic samples; marked on every output."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON ({\"ok\": false, \"error\": ...} on failure)."),
    debug: bool = typer.Option(False, "--debug", help="Log every step, SQL statement and Prefect message, with tracebacks."),
    config_dir: Path | None = CONFIG_OPTION,
    republish: bool = typer.Option(False, "--republish", help="Publish again even if an earlier release was made from exactly these inputs."),
    task_runner: str = typer.Option("default", "--task-runner", help="Where the flow's tasks run: default (this machine) or dask (a Dask cluster; runs under Prefect)."),
    dask_address: str | None = typer.Option(None, "--dask-address", help="Scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (default: a local cluster of 2 workers)."),
    by: str | None = typer.Option(None, "--by", help="Who runs it (recorded in the audit log for every entry of the run; default: $DEID_ACTOR, else the OS user)."),
) -> None:
    """Run the quarterly flow and print where every output went.

    With PREFECT_API_URL set, the run is a Prefect flow run (visible in the UI, tasks retried and
    cached); without it, the same stages run in this process, with no temporary server to start.
    A run that stopped part way reuses the stage outputs it kept; a quarter with nothing new is
    not published twice."""
    from deid.settings import restrict_new_files
    from deid.standards import quarter_bounds

    _json_mode(as_json)
    get_current_context().meta[CATCH_UNEXPECTED] = True
    restrict_new_files()   # the secure zone is owner-only, whatever umask this shell has
    state = (state_dir or default_state_dir()).resolve()
    _use_config_dir(config_dir)
    quarter_bounds(quarter)  # a malformed quarter stops here: nothing is run or published
    if debug:
        logging.getLogger().setLevel(logging.DEBUG)
        os.environ["PREFECT_LOGGING_LEVEL"] = "DEBUG"
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "DEBUG"
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_FLOW_RUNS_LEVEL"] = "DEBUG"
    _prepare_prefect_environment(state)
    if not as_json:   # stage-by-stage progress on stderr, so a long run is never silent
        _show_progress()
    from flows.quarterly import TASK_RUNNERS, flow_with_task_runner, run_quarter

    if task_runner not in TASK_RUNNERS:
        _fail(f"--task-runner {task_runner} is not known; use one of {', '.join(TASK_RUNNERS)}")
    if dask_address and task_runner != "dask":
        _fail("--dask-address needs --task-runner dask")
    if dask_address and not os.environ.get("PREFECT_API_URL"):
        _fail("--dask-address needs PREFECT_API_URL set, here and on every worker, to a Prefect server both can reach "
              "(`prefect server start` on a host the workers see): without one, each worker process starts a temporary "
              "Prefect server of its own, which outlives the cluster")
    use_prefect = bool(os.environ.get("PREFECT_API_URL")) or task_runner == "dask"
    entry = flow_with_task_runner(task_runner, dask_address) if use_prefect else run_quarter
    with _acting_as(by):
        try:
            summary = entry(quarter=quarter, landing_dir=str(landing) if landing else None, state_dir=str(state),
                            demo_key=demo_key, config_dir=str(config_dir.resolve()) if config_dir else None,
                            republish=republish)
        except Exception as exc:
            _log_failed_run(StateFolder.at(state), quarter, exc)
            step = _after_rotation_step(StateFolder.at(state), quarter, exc)
            if step:
                raise CommandError(f"{exc}. {step}") from exc
            raise
    typer.echo(json.dumps(summary, indent=2) if as_json else "\n".join(_summary_lines(summary)))


@contextlib.contextmanager
def _acting_as(by: str | None) -> Iterator[None]:
    """Every audit entry of the run names `by` as its actor: the run's stages (in this process, its worker
    processes and a local Dask cluster's) take the actor from $DEID_ACTOR, set here for the run's length."""
    from deid.settings import ACTOR_ENV

    if not by:
        yield
        return
    before = os.environ.get(ACTOR_ENV)
    os.environ[ACTOR_ENV] = by
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ACTOR_ENV, None)
        else:
            os.environ[ACTOR_ENV] = before


def _log_failed_run(state: StateFolder, quarter: str, exc: Exception) -> None:
    """Every run is in the audit log, a blocked or failed one too: which stage stopped it, and why (no record values)."""
    from deid.auditlog import append_event

    append_event(state.audit_log_path, "run-failed", {
        "run_id": getattr(exc, "run_id", None), "quarter": (getattr(exc, "quarter", None) or quarter).upper(),
        "stage": getattr(exc, "stage", None), "error": f"{type(getattr(exc, 'cause', exc)).__name__}: {exc}"})


def _after_rotation_step(state: StateFolder, quarter: str, exc: Exception) -> str | None:
    """What the steward can do when the gate blocks a quarter released before the key was rotated."""
    from deid.auditlog import read_events, released_before_rotation

    if "risk gate" not in str(exc):
        return None
    earlier = released_before_rotation(read_events(state.audit_log_path), (getattr(exc, "quarter", None) or quarter).upper())
    out = [run_id for run_id in (earlier.run_ids if earlier else ()) if (state.releases_dir / run_id).is_dir()]
    if earlier is None or not out:
        return None   # the releases it was checked against are no longer in the releases folder
    runs = f"run {out[0]}" if len(out) == 1 else f"runs {', '.join(out)}"
    return (f"Next step: none is needed. {earlier.quarter} was released ({runs}) under key {earlier.old_fingerprint}, before "
            f"the key was rotated (rotation {earlier.rotation_id}), and that release stands; nothing was released now. "
            "Releasing the quarter again under the new key would give the same people new codes beside their old ones, "
            "letting recipients link the two, so the gate blocks it. To replace the release anyway (corrected data, say): "
            f"have the recipients of the extracts of {runs} delete them, move {'its folder' if len(out) == 1 else 'their folders'} "
            f"out of {state.releases_dir}, and run again (a run is checked only against releases still in that folder)")


@dataclasses.dataclass(frozen=True)
class StateFolder(StatePaths):
    """Where a deployment keeps its state, for commands that act on the state folder rather than run a quarter."""

    state_dir: Path
    landing_dir: Path

    @classmethod
    def at(cls, state_dir: Path | None, landing: Path | None = None) -> StateFolder:
        state = (state_dir or default_state_dir()).resolve()
        return cls(state, (landing or state / "landing").resolve())

    def run_settings(self, quarter: str, demo_key: bool = False) -> RunSettings:
        """Settings for acting on one quarter (the quarter the command names)."""
        from deid.settings import resolve_settings

        return resolve_settings(quarter, state_dir=self.state_dir, landing_dir=self.landing_dir, demo_key=demo_key)


def _refuse_without_history(log_path: Path, warehouse_path: Path, state_dir: Path) -> None:
    """Stop a command that would act on a warehouse lacking releases the audit log records (replaced, moved aside or
    restored from an older copy): a submission, a run or an access request would go on without that history."""
    from deid.auditlog import check_history
    from deid.errors import HistoryMissingError

    try:
        check_history(log_path, warehouse_path, state_dir)
    except HistoryMissingError as exc:
        _fail(str(exc))


def _use_config_dir(config_dir: Path | None) -> None:
    """A --config-dir option wins over DEID_CONFIG_DIR for everything this command loads."""
    if config_dir:
        os.environ[CONFIG_DIR_ENV] = str(config_dir.resolve())


def _load_standards() -> Standards:
    from deid.settings import default_config_dir
    from deid.standards import DEFAULT_STANDARDS_DIR, load_standards

    return load_standards(DEFAULT_STANDARDS_DIR, default_config_dir())


def _load_programme() -> SharingAgreement:
    """The programme's sharing agreement (the config folder's copy when it has one), checked against the standards."""
    from deid.agreement import load_agreement
    from deid.settings import agreement_path_for, default_config_dir

    return load_agreement(agreement_path_for(default_config_dir()), _load_standards())


@app.command()
def submit(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The provider's file (CSV, TSV, XLSX, ODS, JSON, Parquet; may be gzipped)."),
    provider: str = typer.Option(..., "--provider", help="Provider id, as named in the sharing agreement."),
    quarter: str = typer.Option(..., "--quarter", help="Reporting quarter, e.g. 2026Q3."),
    replace: bool = typer.Option(False, "--replace", help="A resubmission: replaces every file landed before it for this provider and quarter."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help="Runtime state folder (the landing folder is inside it)."),
    config_dir: Path | None = CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
    by: str | None = typer.Option(None, "--by", help="Who lands the file (recorded in the audit log; default: $DEID_ACTOR, else the OS user)."),
) -> None:
    """Drop a provider's file into the landing folder. Files for one provider and quarter are parts of one
    submission; a file sent again under the same name, or with --replace, replaces the earlier ones. Logged.
    Refused while a run holds the state folder (nothing is landed): a run reads the files it found when it
    started, and a file landed part way through would be read by some of its stages and not others."""
    import datetime as dt

    from deid.auditlog import append_event
    from deid.io import land_submission, replacements_noted, submission_file, withdraw_landing
    from deid.pipeline import open_warehouse, record_received
    from deid.settings import prepare_state_folder, restrict_new_files

    _json_mode(as_json)
    restrict_new_files()   # the landed copy and the secure zone are owner-only, whatever umask this shell has
    _use_config_dir(config_dir)
    settings = StateFolder.at(state_dir).run_settings(quarter)   # a malformed quarter stops here
    agreement = _load_programme()
    if provider not in agreement.parties.provider_ids:
        _fail(f"provider '{provider}' is not a party to the sharing agreement '{agreement.programme}'; "
              f"parties: {', '.join(agreement.parties.provider_ids)}. A steward adds one with `deid provider add`")
    _refuse_during_a_run(settings.state_dir, file.name)
    _refuse_without_history(settings.audit_log_path, settings.warehouse_path, settings.state_dir)
    if (warning := prepare_state_folder(settings.state_dir)) is not None:
        typer.echo(f"WARNING: {warning}", err=True)
    now = dt.datetime.now(dt.UTC)
    replacements_before = replacements_noted(settings.landing_dir, provider, settings.quarter)
    landed, duplicate_of = land_submission(settings.landing_dir, provider, settings.quarter, file, now, replace=replace)
    logged = {"provider": provider, "quarter": settings.quarter, "file": file.name, "replaces_earlier": replace}
    if duplicate_of:
        append_event(settings.audit_log_path, "submission-duplicate", {**logged, "duplicate_of": duplicate_of.name}, actor=by)
        _report({"file": file.name, "provider": provider, "quarter": settings.quarter, "status": "duplicate",
                 "duplicate_of": duplicate_of.name},
                [f"{file.name} is identical to {duplicate_of.name}, already received for {provider} {settings.quarter}; "
                 "it is not counted twice"])
        return
    try:
        with open_warehouse(settings) as warehouse:
            submission_id = record_received(warehouse, provider, settings.quarter,
                                            submission_file(landed, provider, settings.quarter), now)
    except BaseException as exc:
        withdraw_landing(landed, replacements_before)   # landed and recorded, or not landed at all
        if isinstance(exc, DeidError):
            raise CommandError(f"{exc}. {file.name} was not received: nothing was landed or replaced; "
                               "send it again") from exc
        raise
    append_event(settings.audit_log_path, "submission-received", {**logged, "submission_id": submission_id,
                                                                 "landed": str(landed)}, actor=by)
    how = ("it replaces the files received before it" if replace
           else "it is read with any other files received for this quarter (a file of the same name replaces the earlier one)")
    _report({"file": file.name, "provider": provider, "quarter": settings.quarter, "status": "received",
             "landed": str(landed), "submission_id": submission_id, "replaces_earlier": replace},
            [f"received {file.name} as {landed} (submission {submission_id}, status received); "
             f"the next run for {settings.quarter} reads it: {how}"])


def _refuse_during_a_run(state_dir: Path, file_name: str) -> None:
    """Stop a submission while a run holds the state folder, before anything is landed."""
    from deid.runlock import describe_holder, live_holder

    holder = live_holder(state_dir)
    if holder is not None:
        _fail(f"a run is using the state folder {state_dir} ({describe_holder(holder)}). {file_name} was not received: "
              "nothing was landed or replaced, since a run reads the files it found when it started. Send it again "
              "when the run has finished; the next run reads it")


mapping_app = typer.Typer(help="Column mappings from provider headers to the data standard.", no_args_is_help=True)
app.add_typer(mapping_app, name="mapping")


def _map_file(file: Path, provider: str, quarter: str | None, overrides: list[str]
              ) -> tuple[Standards, list[tuple[Any, IngestResult]]]:
    """The mapping decisions for a file, as a run would make them, with a steward's overrides applied."""
    import datetime as dt

    from deid.ingest import ProviderMapping, ingest_file, load_provider_mapping
    from deid.io import sha256_file
    from deid.summary import previous_quarter

    standards = _load_standards()
    confirmed = load_provider_mapping(standards, provider)
    fixed = dict(confirmed.columns) if confirmed else {}
    targets = set(standards.fields.names) | {p.name for p in standards.fields.parts}
    for item in overrides:
        header, sep, target = item.partition("=")
        chosen = target.strip() or None
        if not sep or (chosen is not None and chosen not in targets):
            _fail(f"{file.name}: --set '{item}': write HEADER=FIELD (or HEADER= for not needed); fields: {sorted(targets)}")
        fixed[header.strip()] = chosen
    base = ProviderMapping(provider=provider, columns=fixed, sheet=confirmed.sheet if confirmed else None, confirmed_by=None,
                           confirmed_at=None) if fixed else None
    try:
        tables = ingest_file(file.read_bytes(), file_name=file.name, sha256=sha256_file(file), provider=provider,
                             quarter=(quarter or previous_quarter(dt.date.today())).upper(), run_id="mapping",
                             standards=standards, confirmed=base)
    except DeidError as exc:   # name the file: the library's message may not
        raise CommandError(f"{file.name}: {exc}") from exc
    return standards, list(tables)


def _mapping_report(tables: list[tuple[Any, IngestResult]], standards: Standards | None = None, *, confirming: bool = False
                    ) -> tuple[list[dict[str, Any]], list[str]]:
    """Each table's column decisions, as JSON-ready records and as lines for people.

    A header that is not a field name is shown as the provider would see it (their words, identifier-shaped content
    and the table's own names replaced), so the analyst can type it into `--set 'HEADER=field'`; without `standards`,
    only its shape."""
    from deid.ingest.mapping import describe_header_shape
    from deid.pipeline import shown_header, table_names
    from deid.scrub import Scrubber

    records: list[dict[str, Any]] = []
    lines: list[str] = []
    scrubber = None
    for frame, result in tables:
        unknown = [m for m in result.columns if not m.header_known]
        headers: dict[int, str] = {}
        if unknown and standards is not None:
            scrubber = scrubber or Scrubber(standards)
            names = table_names(frame, standards)
            headers = {m.index: shown_header(scrubber, m.header, names) for m in unknown}
        where = f" [sheet {result.sheet}]" if result.sheet else ""
        lines.append(f"{result.file_name}{where}: {result.rows_received} rows")
        lines.append(f"  {'#':>3} {'header':<34} {'standard field':<20} {'confidence':>10}  how / candidates")
        columns = []
        for m in result.columns:
            shown = m.header if m.header_known else headers.get(m.index) or f"({describe_header_shape(m.header)})"
            flag = "  ?" if m.uncertain else ""
            alternatives = ", ".join(f"{n} {c:.2f}" for n, c in m.candidates[:3])
            lines.append(f"  {m.index + 1:>3} {shown[:34]:<34} {m.field or '(not needed)':<20} {m.confidence:>10.2f}  "
                         f"{m.method}; {alternatives}{flag}")
            columns.append({"index": m.index + 1, "header": shown, "field": m.field, "confidence": round(m.confidence, 4),
                            "method": m.method, "uncertain": m.uncertain,
                            "candidates": [{"field": n, "confidence": round(c, 4)} for n, c in m.candidates[:3]]})
        lines.extend(f"  derived {field}: {how}" for field, how in result.derived)
        # confirming settles an uncertain column as shown (an outsider user test read "NEEDS A DECISION" beside "saved")
        lines.extend(f"  settled by this confirmation, as shown above (change it with --set): {reason}"
                     if confirming and not reason.startswith("no column for") else f"  NEEDS A DECISION: {reason}"
                     for reason in result.held_reasons)
        records.append({"file": result.file_name, "sheet": result.sheet, "rows": result.rows_received, "columns": columns,
                        "derived": [{"field": f, "how": h} for f, h in result.derived], "held_reasons": list(result.held_reasons)})
    return records, lines


@mapping_app.command("suggest")
def mapping_suggest(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A provider's file to map."),
    provider: str = typer.Option(..., "--provider", help="Provider id; its confirmed mapping, if any, is applied first."),
    quarter: str | None = typer.Option(None, "--quarter", help="The quarter the file reports (dates are judged against it)."),
    save: bool = typer.Option(False, "--save", help="Save the suggestion as the provider's confirmed mapping (same as `mapping confirm`)."),
    config_dir: Path | None = CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Show how each column would be mapped (header and content evidence, confidence, candidates), without saving."""
    _json_mode(as_json)
    _use_config_dir(config_dir)
    if save:
        mapping_confirm(file, provider, quarter, [], None, None, as_json)
        return
    standards, tables = _map_file(file, provider, quarter, [])
    records, lines = _mapping_report(tables, standards)
    _report({"tables": records}, lines)


@mapping_app.command("confirm")
def mapping_confirm(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The provider's file whose mapping a steward confirms."),
    provider: str = typer.Option(..., "--provider", help="Provider id."),
    quarter: str | None = typer.Option(None, "--quarter", help="The quarter the file reports (dates are judged against it)."),
    set_: list[str] = typer.Option([], "--set", help="Override one column: 'HEADER=field', or 'HEADER=' for not needed. Repeatable."),
    by: str | None = typer.Option(None, "--by", help="Who confirms (recorded in the mapping and the audit log)."),
    config_dir: Path | None = CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Confirm the mapping of a provider's file (with any --set overrides) and save it in the config folder.
    The next run reads the provider's files with it, and it is reused every quarter."""
    import datetime as dt

    from deid.auditlog import append_event
    from deid.ingest import ProviderMapping, save_provider_mapping

    _json_mode(as_json)
    _use_config_dir(config_dir)
    standards, tables = _map_file(file, provider, quarter, set_)
    records, lines = _mapping_report(tables, standards, confirming=True)
    if not as_json:
        typer.echo("\n".join(lines))
    missing = [r for _, result in tables for r in result.held_reasons if r.startswith("no column for")]
    if missing:
        _fail(f"{file.name}: {'; '.join(missing)}. Name the column with --set 'HEADER=field'")
    columns: dict[str, str | None] = {}
    for _, result in tables:
        for m in result.columns:
            columns.setdefault(m.header, m.field)
    now = dt.datetime.now(dt.UTC)
    mapping = ProviderMapping(provider=provider, columns=columns, sheet=None, confirmed_by=by,
                              confirmed_at=now.replace(microsecond=0))
    path = save_provider_mapping(standards, mapping)
    append_event(StateFolder.at(None).audit_log_path, "mapping_confirmed", {
        "provider": provider, "file": file.name, "mapping": str(path), "columns": len(columns),
        "mapped": sum(1 for f in columns.values() if f)}, actor=by)
    _report({"saved": str(path), "provider": provider, "tables": records},
            [f"saved {path}; the next run reads {provider}'s files with it"])


provider_app = typer.Typer(help="Parties to the sharing agreement.", no_args_is_help=True)
app.add_typer(provider_app, name="provider")


@provider_app.command("add")
def provider_add(
    provider: str = typer.Argument(..., help="Provider id: lower-case words joined by hyphens, as its landing folder is named."),
    name: str = typer.Option(..., "--name", help="The provider's name, as written in the agreement."),
    by: str | None = typer.Option(None, "--by", help="Who adds the provider (recorded in the audit log)."),
    config_dir: Path | None = CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a new provider as a party to the sharing agreement, in the config folder's copy of the agreement."""
    from deid.agreement import add_provider_party, config_agreement_path, load_agreement
    from deid.auditlog import append_event
    from deid.settings import default_config_dir

    _json_mode(as_json)
    _use_config_dir(config_dir)
    copied = not config_agreement_path(default_config_dir()).is_file()
    path = add_provider_party(default_config_dir(), _load_standards(), provider, name)
    append_event(StateFolder.at(None).audit_log_path, "provider_added",
                 {"provider": provider, "name": name, "agreement": str(path)}, actor=by)
    lines = [f"added {provider} ({name}) to {path}; land its files in <landing>/{provider}/<quarter>/"]
    warning = None
    if copied:
        agreement = load_agreement(path, _load_standards())
        others = [p for p in agreement.parties.provider_ids if p != provider]
        governance = agreement.maori_data_governance
        warning = (f"{path} was copied from the packaged sample agreement '{agreement.programme}': it keeps the sample's "
                   f"parties ({', '.join(others)}) and Māori data approval "
                   f"({'approved, ' + str(governance.approval_reference) if governance.maori_breakdowns_approved else 'none'}). "
                   "For a programme of your own, start with `deid agreement init --programme ID --title TEXT --replace` "
                   "(no parties, no approvals), or take the others off with `deid provider remove`")
        lines.append("warning: " + warning)
    _report({"provider": provider, "name": name, "agreement": str(path), "warning": warning}, lines)


@provider_app.command("remove")
def provider_remove(
    provider: str = typer.Argument(..., help="Provider id, as in the agreement."),
    by: str | None = typer.Option(None, "--by", help="Who removes the provider (recorded in the audit log)."),
    config_dir: Path | None = CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Take a provider off the parties of the config folder's agreement (its earlier releases and records stay,
    under retention and disposal); its files are refused from the next run."""
    from deid.agreement import remove_provider_party
    from deid.auditlog import append_event
    from deid.settings import default_config_dir

    _json_mode(as_json)
    _use_config_dir(config_dir)
    path = remove_provider_party(default_config_dir(), _load_standards(), provider)
    append_event(StateFolder.at(None).audit_log_path, "provider_removed", {"provider": provider, "agreement": str(path)},
                 actor=by)
    _report({"provider": provider, "agreement": str(path)}, [f"removed {provider} from {path}"])


agreement_app = typer.Typer(help="The deployment's sharing agreement.", no_args_is_help=True)
app.add_typer(agreement_app, name="agreement")


@agreement_app.command("init")
def agreement_init(
    programme: str = typer.Option(..., "--programme", help="Programme id: lower-case words joined by hyphens."),
    title: str = typer.Option(..., "--title", help="The programme's name, as the agreement titles it."),
    agency: str | None = typer.Option(None, "--agency", help="The agency party (default: the sample's, to edit)."),
    approver: str | None = typer.Option(None, "--approver", help="Who approves Māori and iwi breakdowns."),
    replace: bool = typer.Option(False, "--replace", help="Start over although the config folder has an agreement."),
    by: str | None = typer.Option(None, "--by", help="Who starts it (recorded in the audit log)."),
    config_dir: Path | None = CONFIG_OPTION,
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP + " Its audit log records the start."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Start a programme's own agreement in the config folder: the sample's structure, no parties, no Māori or iwi
    approval (the governance body records its own), every term to review before the first release."""
    from deid.agreement import start_agreement
    from deid.auditlog import append_event
    from deid.settings import default_config_dir

    _json_mode(as_json)
    _use_config_dir(config_dir)
    state = StateFolder.at(state_dir)
    path = start_agreement(default_config_dir(state.state_dir), _load_standards(), programme, title, agency=agency,
                           approver=approver, replace=replace)
    append_event(state.audit_log_path, "agreement_started", {"programme": programme, "agreement": str(path)}, actor=by)
    _report({"programme": programme, "agreement": str(path)},
            [f"started {path}: no parties and no Māori or iwi approval yet; add providers with `deid provider add`, "
             "record approvals in 'maori_data_governance', and review every term before the first release"])


@agreement_app.command("sign-off")
def agreement_sign_off(
    by: str = typer.Option(..., "--by", help="Who signs the agreement off for the parties (recorded in it and in the audit log)."),
    on: str | None = typer.Option(None, "--on", help="The date it was signed off (YYYY-MM-DD; default today)."),
    config_dir: Path | None = CONFIG_OPTION,
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP + " Its audit log records the sign-off."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record that the parties reviewed and signed off the agreement `deid agreement init` started. Until then its
    releases say they were made under a draft and `deid approve` refuses them."""
    import datetime as dt

    from deid.agreement import config_agreement_path, sign_off_agreement
    from deid.auditlog import append_event
    from deid.settings import default_config_dir

    _json_mode(as_json)
    _use_config_dir(config_dir)
    state = StateFolder.at(state_dir)
    try:
        when = dt.date.fromisoformat(on) if on else dt.date.today()
    except ValueError:
        raise typer.BadParameter(f"--on {on!r}: write the date as YYYY-MM-DD") from None
    path = config_agreement_path(default_config_dir(state.state_dir))
    agreement = sign_off_agreement(path, _load_standards(), by, when)
    append_event(state.audit_log_path, "agreement_signed_off", {"programme": agreement.programme, "agreement": str(path),
                                                                "on": when.isoformat()}, actor=by)
    _report({"programme": agreement.programme, "agreement": str(path), "signed_off_by": by, "on": when.isoformat()},
            [f"{path}: signed off by {by} on {when}; runs from now on release under it"])


standards_app = typer.Typer(help="The reference standards (places, vocabularies).", no_args_is_help=True)
app.add_typer(standards_app, name="standards")


@standards_app.command("import-geography")
def standards_import_geography(
    file: Path = typer.Argument(..., exists=True, dir_okay=False,
                                help="The official CSV: LINZ NZ Suburbs and Localities, or the standard's own columns."),
    source: str = typer.Option("LINZ NZ Suburbs and Localities (LINZ Data Service layer 113764)", "--source",
                               help="Where the file came from (written into the table)."),
    version: str = typer.Option(..., "--version", help="The file's version or download date, e.g. 2026-11-30."),
    licence: str = typer.Option("CC BY 4.0", "--licence", help="The file's licence (written into the table)."),
    keep_current: bool = typer.Option(True, "--keep-current/--replace",
                                      help="Keep places of the current table the file lacks (default), or replace it."),
    out: Path | None = typer.Option(None, "--out", help="Where to write; default geography.csv in the config folder."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the file and print its coverage; write nothing."),
    config_dir: Path | None = CONFIG_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Check an official places file's columns and build the geography table from it (TA and region codes from Stats NZ)."""
    from deid.settings import default_config_dir
    from deid.standardise.geography import import_geography, render_geography_csv

    _json_mode(as_json)
    _use_config_dir(config_dir)
    current = _load_standards().geography
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CommandError(f"{file}: not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8 CSV") from exc
    result = import_geography(text, current)
    rows = result.rows
    if keep_current:
        have = {(r["suburb"], r["town_city"], r["ta_code"]) for r in rows}
        rows = rows + [{"postcode": p.postcode, "suburb": p.suburb or "", "town_city": p.town_city, "ta_code": p.ta_code,
                        "ta_name": p.ta_name, "region_code": p.region_code, "region_name": p.region_name}
                       for p in current.places if (p.suburb or "", p.town_city, p.ta_code) not in have]
    skipped = ", ".join(f"{n} {reason}" for reason, n in result.skipped.items()) or "none"
    lines = [f"{file.name}: {result.shape}, {result.read} rows read, {len(result.rows)} places "
             f"({result.localities} localities); skipped: {skipped}"]
    target = None
    if not dry_run:
        target = out or default_config_dir() / "geography.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_geography_csv(rows, source=source, version=version, licence=licence), encoding="utf-8")
        lines.append(f"wrote {len(rows)} places to {target}")
    _report({"file": file.name, "shape": result.shape, "rows_read": result.read, "places": len(result.rows),
             "localities": result.localities, "skipped": dict(result.skipped), "written": str(target) if target else None,
             "places_written": len(rows) if target else 0}, lines)


@app.command()
def samples(
    out: Path = typer.Option(Path("data-samples"), "--out", help="Folder to write <provider>/<quarter>/<file> samples into."),
    seed: int = typer.Option(20260701, "--seed", help="Random seed; the same seed writes the same files."),
    large: int = typer.Option(0, "--large", help="Instead, write one large standard-layout file with this many rows (benchmarks)."),
    providers: int = typer.Option(200, "--providers", help="With --large: number of providers the rows are spread over."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Write synthetic provider submissions (or one large benchmark file)."""
    from deid.samples import generate_large, generate_samples
    from deid.standards import load_standards

    _json_mode(as_json)
    standards = load_standards()
    if large:
        target = out if out.suffix in {".csv", ".parquet"} else out / f"large_{large}.parquet"
        path = generate_large(target, standards, rows=large, providers=providers, seed=seed)
        _report({"written": [str(path)], "rows": large}, [f"wrote {large} rows to {path}"])
        return
    paths = [str(p) for p in generate_samples(out, standards, seed=seed)]
    _report({"written": paths}, [f"wrote {p}" for p in paths])


@app.command()
def keygen(out: Path = typer.Option(..., "--out", help="Key file to create (keep it outside the repository)."),
           as_json: bool = JSON_OPTION) -> None:
    """Create a new random pseudonymisation key file (32 bytes, hex)."""
    _json_mode(as_json)
    out = out.resolve()   # the path to set is the same wherever the next command runs
    if out.exists():
        _fail(f"{out} already exists; refusing to overwrite a key")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    out.chmod(0o600)
    _report({"key_file": str(out)}, [f"wrote a new key to {out}; set DEID_PSEUDONYM_KEY_FILE={out}"])


def _split_names(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


@app.command()
def risk(
    source: Path = typer.Option(..., "--in", help="Microdata extract: CSV (read as text) or Parquet."),
    qi: str = typer.Option(..., "--qi", help="Quasi-identifier columns, comma separated."),
    sensitive: str | None = typer.Option(None, "--sensitive", help="Sensitive attribute columns, comma separated."),
    population: Path | None = typer.Option(None, "--population", help="Population table (the quasi-identifiers and a count) for journalist risk."),
    population_count: str = typer.Option("count", "--population-count", help="The population table's count column."),
    k: int | None = typer.Option(None, "--k", help="k for 'records below k' (default: the release gate's)."),
    threshold: float | None = typer.Option(None, "--threshold", help="Prosecutor-risk threshold (default: the release gate's)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Re-identification risk of a microdata file: k, uniques, prosecutor and journalist risk, l-diversity, t-closeness."""
    from deid.batch import read_batch_input
    from deid.db import Warehouse
    from deid.risk import measure_risk
    from deid.standards import load_standards

    _json_mode(as_json)
    qis, sensitive_columns = _split_names(qi), _split_names(sensitive)
    rules = load_standards().disclosure.risk
    frame = read_batch_input(source, qis[0] if qis else "")
    missing = [c for c in (*qis, *sensitive_columns) if c not in frame.columns]
    if missing or not qis:
        _fail(f"{source}: no column(s) {missing or ['(none given)']}; the columns are {', '.join(frame.columns)}")
    population_frame = read_batch_input(population, population_count) if population else None
    with Warehouse() as warehouse:
        measures = measure_risk(warehouse, frame, qis, k=k or rules.k_threshold,
                                risk_threshold=threshold or rules.max_prosecutor_risk, sensitive=sensitive_columns,
                                population=population_frame, population_count=population_count)
    payload = {"file": str(source), "quasi_identifiers": qis, "k": k or rules.k_threshold,
               "threshold": threshold or rules.max_prosecutor_risk, **dataclasses.asdict(measures)}
    width = max(len(name) for name in payload) + 2   # (a fixed width ran long names into their values)
    _report(payload, [f"{name:<{width}}{'not measured' if value is None else value}" for name, value in payload.items()])


@app.command()
def protect(
    source: Path = typer.Option(..., "--in", help="Long-format count table: CSV or Parquet, one row per cell."),
    dims: str = typer.Option(..., "--dims", help="Dimension columns, comma separated; margins are rows labelled by --total-label."),
    count: str = typer.Option("count", "--count", help="The count column."),
    target: Path = typer.Option(..., "--out", help="Output: .csv, .parquet or .jsonl, with a status column."),
    method: str | None = typer.Option(None, "--rounding", help="rr3 or graduated (default: disclosure.yaml)."),
    min_count: int | None = typer.Option(None, "--min-count", help="Primary suppression below this count (default: disclosure.yaml)."),
    total_label: str = typer.Option("All", "--total-label", help="How the file labels margin rows, for example Total."),
    add_margins: bool = typer.Option(False, "--add-margins", help="The file holds inner cells only: compute every margin."),
    seed: str | None = typer.Option(None, "--seed", envvar="DEID_ROUNDING_SEED",
                                    help="Rounding seed for stand-alone use (16+ characters, keep it private); "
                                         "without it the secure zone's key ($DEID_PSEUDONYM_KEY) is required."),
    cost: str = typer.Option("cells", "--cost", help="Information lost to minimise: cells (how many hidden) or total (people in them)."),
    time_limit: float = typer.Option(20.0, "--time-limit", help="Seconds for the optimal suppression search before the best pattern found is kept."),
    as_json: bool = typer.Option(False, "--json", help="Print the summary and every primary cell's interval as JSON."),
    detailed_status: bool = typer.Option(False, "--detailed-status",
                                         help="Write 'primary' and 'secondary' instead of 'suppressed' (for review only: "
                                              "a released table must not say which hidden cells are small)."),
) -> None:
    """Random rounding, primary and optimal secondary suppression, and the exact audit, for one count table.

    Rounding needs a secret: the secure zone's key ($DEID_PSEUDONYM_KEY or $DEID_PSEUDONYM_KEY_FILE), or --seed.
    """
    import polars as pl

    from deid.aggregate import protect_table
    from deid.aggregate.protect import one_status
    from deid.aggregate.table import prepare_count_table, seed_from_text
    from deid.batch import read_batch_input, write_batch_output
    from deid.pseudonymise import derive_purpose_key, load_key
    from deid.standards import load_standards

    dimensions = _split_names(dims)
    if cost not in ("cells", "total"):
        _fail(f"--cost must be 'cells' or 'total', not '{cost}'")
    disclosure = load_standards().disclosure
    frame = read_batch_input(source, count)
    missing = [d for d in dimensions if d not in frame.columns]
    if missing or not dimensions:
        _fail(f"{source}: no dimension column(s) {missing or ['(none given)']}; the columns are {', '.join(frame.columns)}")
    table = prepare_count_table(frame, dimensions, count, source=source, total_label=total_label, add_margins=add_margins)
    rounding_seed = seed_from_text(seed) if seed else derive_purpose_key(load_key(), "rounding")
    protected, result = protect_table(
        table, dimensions, measure=count, table=source.stem, seed=rounding_seed,
        method=method or disclosure.rounding["method"],
        min_count=min_count or disclosure.primary_suppression["min_count"],
        secondary=disclosure.secondary_suppression["enabled"], protection_level=disclosure.audit.protection_level,
        exact_max_cells=disclosure.audit.exact_max_cells, cost=cost, time_limit=time_limit)
    audit = result.audit
    if not result.releasable:
        _fail(f"{source}: the table is not safe to publish, nothing was written; audit: {audit}")
    if total_label != "All":     # margins back under the file's own label
        protected = protected.with_columns([
            pl.when(pl.col(d) == "All").then(pl.lit(total_label)).otherwise(pl.col(d)).alias(d) for d in dimensions])
    written = protected if detailed_status else one_status(protected)
    write_batch_output(written.rename({"count": count}), target)
    verdict = "passed"
    summary = {"file": str(source), "out": str(target), "cells": result.cells, "primary": result.primary_suppressed,
               "secondary": result.secondary_suppressed, "cells_lost": round(result.cells_lost, 4),
               "information_lost": result.information_loss, "suppression": result.suppression_method,
               "suppression_cost": result.suppression_cost, "lower_bound": result.suppression_lower_bound,
               "rounding": result.rounding, "audit": verdict, "audit_detail": str(audit),
               "exposed": len(audit.narrow_cells) if audit else 0, "unprotectable": result.unprotectable,
               "status_written": "primary, secondary" if detailed_status else "suppressed",
               "primary_intervals": [_with_total_label(dataclasses.asdict(c), total_label)
                                     for c in (audit.intervals if audit else ()) if c.required_low is not None]}
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
    else:
        typer.echo(f"wrote {target}: {result.cells} cells, {result.primary_suppressed} primary, {result.secondary_suppressed} "
                   f"secondary ({result.cells_lost:.1%} of cells), information lost {result.information_loss:.1%} of "
                   f"people; audit: {audit}")
        if result.unprotectable:
            typer.echo(f"note: {result.unprotectable} primary cell(s) cannot be protected by any pattern (the table's "
                       "shape gives them away); their windows were narrowed to what hiding every cell gives: consider "
                       "merging categories")


def _with_total_label(interval: dict[str, Any], total_label: str) -> dict[str, Any]:
    """A cell interval's key as the file labels margins ('Total', not the internal 'All')."""
    return {**interval, "key": [total_label if v == "All" else v for v in interval["key"]]}


keys_app = typer.Typer(help="The pseudonymisation key of the secure zone.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("rotate")
def keys_rotate(
    new_key_file: Path = typer.Option(..., "--new-key-file", exists=True, dir_okay=False,
                                      help="The new key (from `deid keygen`); the current key is read as for `deid run`."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help="Runtime state folder."),
    by: str | None = typer.Option(None, "--by", help="Who rotates the key (recorded in the audit log; default: the OS user)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Re-key the secure zone's linkage pseudonyms under a new key, keeping crosswalks from old to new.

    Afterwards point DEID_PSEUDONYM_KEY_FILE at the new key: runs with the old key are refused.
    Quarters already released stay released under the old key (see `deid run` after a rotation).
    """
    import datetime as dt

    from deid.auditlog import append_event
    from deid.db import Warehouse
    from deid.pseudonymise import load_key, make_key, rotate_linkage_key
    from deid.pseudonymise.keys import decode_key_text

    _json_mode(as_json)
    current = load_key()
    new = make_key(decode_key_text(new_key_file.read_text(encoding="ascii", errors="replace"), str(new_key_file)))
    agreement = _load_programme()
    state = StateFolder.at(state_dir)
    domains = sorted({purpose.pseudonym_domain for purpose in agreement.purposes.values()})
    with Warehouse(state.warehouse_path) as warehouse:
        result = rotate_linkage_key(warehouse, current, new, domains, dt.datetime.now(dt.UTC))
    append_event(state.audit_log_path, "key-rotated", {
        "rotation_id": result.rotation_id, "old_fingerprint": result.old_fingerprint, "new_fingerprint": result.new_fingerprint,
        "people": result.identities, "rows": result.rows, "purpose_ids": result.purpose_ids}, key=new, actor=by)
    _report({**dataclasses.asdict(result), "new_key_file": str(new_key_file.resolve())},
            [f"re-keyed {result.identities} people ({result.rows} rows) from key {result.old_fingerprint} to "
             f"{result.new_fingerprint}; crosswalks kept as rotation {result.rotation_id} "
             f"({result.purpose_ids} purpose pseudonyms). Now set DEID_PSEUDONYM_KEY_FILE={new_key_file.resolve()}. "
             "Quarters already released stay released under the old key: their releases stand"])


use_log_app = typer.Typer(help="The use log: reports, decisions and evaluations that drew on providers' data.",
                          no_args_is_help=True)
app.add_typer(use_log_app, name="use-log")


@use_log_app.command("add")
def use_log_add(
    quarter: str = typer.Option(..., "--quarter", help="Quarter whose data was used, e.g. 2026Q3."),
    used_by: str = typer.Option(..., "--used-by", help="Team or organisation that used it."),
    use: str = typer.Option(..., "--use", help="What it was used for: a report, decision, evaluation or briefing."),
    outcome: str = typer.Option("", "--outcome", help="What came of it: the decision, finding or value created."),
    providers: str = typer.Option("all", "--providers", help="Comma-separated provider ids whose data was used, or 'all'."),
    release: str | None = typer.Option(None, "--release", help="Run id of the release it drew on."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record a use of providers' data; their next feedback reports list it under 'How your data was used'."""
    import datetime as dt

    from pydantic import ValidationError

    from deid.auditlog import append_event
    from deid.uselog import ALL_PROVIDERS, UseEntry, add_use

    _json_mode(as_json)
    agreement = _load_programme()
    named = tuple(p.strip() for p in providers.split(",") if p.strip())
    unknown = [p for p in named if p != ALL_PROVIDERS and p not in agreement.parties.provider_ids]
    if unknown:
        _fail(f"--providers: {', '.join(unknown)} not a party to the agreement; parties: {', '.join(agreement.parties.provider_ids)}")
    try:
        entry = UseEntry(recorded_on=dt.date.today(), quarter=quarter, providers=named, used_by=used_by, use=use,
                         outcome=outcome, release=release)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise CommandError(f"use-log entry not valid: {first['loc'][0]}: {first['msg']}") from exc
    state = StateFolder.at(state_dir)
    add_use(state.use_log_path, entry)
    append_event(state.audit_log_path, "use-logged", entry.model_dump(mode="json"))
    _report({"entry": entry.model_dump(mode="json"), "use_log": str(state.use_log_path)},
            [f"recorded: {entry.used_by} used {entry.quarter} data from {', '.join(entry.providers)} for {entry.use}"])


@use_log_app.command("list")
def use_log_list(
    quarter: str | None = typer.Option(None, "--quarter", help="Only this quarter."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    as_json: bool = typer.Option(False, "--json", help="One JSON object with every entry (default: one JSON line per entry)."),
) -> None:
    """Print the use log: one JSON line per entry, or with --json one JSON object."""
    from deid.uselog import read_uses

    _json_mode(as_json)
    entries = read_uses(StateFolder.at(state_dir).use_log_path, quarter)
    _report({"quarter": quarter, "entries": [e.model_dump(mode="json") for e in entries]},
            [e.model_dump_json() for e in entries])


audit_app = typer.Typer(help="The tamper-evident audit log of runs, releases, access requests and disposals.",
                        no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
                 as_json: bool = JSON_OPTION) -> None:
    """Recompute every entry's hash and link, and check the log against the chain heads recorded in the
    warehouse and in every release manifest; exit 1 naming each broken line and every missing entry
    (a log cut short, emptied or deleted). Keyed heads are checked with the key set as for `deid run`
    (the public demo key for a secure zone built with it)."""
    from deid.auditlog import (
        audit_key,
        disposal_undone_message,
        disposals_after_warehouse,
        history_missing_message,
        manifest_heads,
        recorded_heads,
        releases_unknown_to_warehouse,
        verify_log,
    )
    from deid.db import Warehouse
    from deid.settings import prepare_state_folder

    _json_mode(as_json)
    state = StateFolder.at(state_dir)
    heads, key = [], None
    if state.warehouse_path.is_file():
        with Warehouse(state.warehouse_path) as warehouse:
            heads, key = recorded_heads(warehouse), audit_key(warehouse)
    check = verify_log(state.audit_log_path, heads, manifest_heads(state.releases_dir), key)
    unknown, logged = releases_unknown_to_warehouse(state.audit_log_path, state.warehouse_path)
    if unknown:   # the log outlived the warehouse: a replaced or older warehouse has lost history
        check = dataclasses.replace(check, problems=(*check.problems,
                                                     history_missing_message(unknown, logged, state.state_dir)))
    if undone := disposals_after_warehouse(state.audit_log_path, state.warehouse_path):   # restored from before a disposal
        check = dataclasses.replace(check, problems=(*check.problems, disposal_undone_message(undone)))
    if state.state_dir.is_dir() and (warning := prepare_state_folder(state.state_dir)):   # not a finding about the log
        check = dataclasses.replace(check, notes=(*check.notes, f"WARNING: {warning}"))
    if as_json:   # a broken log is a finding, not a failure of the command: ok is true, intact says
        typer.echo(json.dumps({"ok": True, "intact": check.intact, "entries": check.entries, "problems": list(check.problems),
                               "notes": list(check.notes), "log": str(state.audit_log_path)}, indent=2, ensure_ascii=False))
    else:
        typer.echo(str(check))
    if not check.intact:
        raise typer.Exit(code=1)


@app.command()
def backup(
    to: Path = typer.Option(..., "--to", help="Folder to put the backup in (a new dated folder inside it; keep it off this machine)."),
    check: bool = typer.Option(False, "--check", help="Check the backup folder given by --to instead: every file as it was made."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    by: str | None = typer.Option(None, "--by", help="Who makes the backup (recorded in the audit log; default: the OS user)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Copy the secure zone's history (the warehouse, the audit and use logs, with their SHA-256) into a new
    owner-only folder, to restore the warehouse from if it is damaged. Not the key, raw files or releases."""
    from deid.auditlog import append_event
    from deid.backup import BackupError, backup_state, check_backup

    _json_mode(as_json)
    if check:
        problems = check_backup(to)
        _report({"ok": not problems, "folder": str(to), "problems": problems},
                problems or [f"backup {to} is whole: every file as it was made"])
        if problems:
            raise typer.Exit(code=1)
        return
    state = StateFolder.at(state_dir)
    try:
        result = backup_state(state, to)
    except BackupError as exc:
        _fail(str(exc))
    append_event(state.audit_log_path, "backup", {"folder": str(result.folder), "audit_log_entries": result.audit_entries,
                                                  "files": list(result.files)}, actor=by)
    _report({"ok": True, "folder": str(result.folder), "files": list(result.files), "audit_log_entries": result.audit_entries},
            result.lines())


@app.command()
def approve(
    run_id: str = typer.Argument(..., help="The run whose release the steward signs off: its run id (the release folder's "
                                           "name) or the release folder itself."),
    by: str | None = typer.Option(None, "--by", help="The data steward signing off (recorded in the audit log; needed to approve)."),
    note: str | None = typer.Option(None, "--note", help="What was decided (needed when the run left decisions to a steward)."),
    check_only: bool = typer.Option(False, "--check", help="Only check the folder and list what is open; record nothing."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Sign off a release before anything in it is sent: its folder must be as the run wrote it (every file
    against the manifest, the manifest against the audit log), and what the run left to a steward ("steward:
    decide before sending", a blocked extract, a withheld table) needs a --note saying what was decided."""
    from deid.approval import APPROVED_EVENT, approval_event, check_release, signer_key, signing_refusal
    from deid.auditlog import append_event

    _json_mode(as_json)
    state = StateFolder.at(state_dir)
    run_id = Path(run_id).name if Path(run_id).is_dir() else run_id   # the folder given instead of its name
    check = check_release(state.releases_dir, state.audit_log_path, run_id)
    payload = {"run_id": run_id, "folder": str(check.folder), "intact": check.intact, "problems": list(check.problems),
               "open_decisions": list(check.open_decisions), "approvals": list(check.approvals),
               "retracted": check.retracted is not None}
    if check_only:   # a folder not as the run wrote it, or retracted, is a finding: exit 1, as `deid audit verify` does
        _report({"ok": True, **payload}, check.lines())
        if not check.intact:
            raise typer.Exit(code=1)
        return
    if check.retracted:   # before anything else: no name, note or spelling makes a retracted release approvable
        _fail(f"not approved: release {run_id} was retracted; " + "; ".join(check.problems))
    if not by or not signer_key(by):
        _fail("not approved: say who signs off with --by (a data steward's name)")
    if refusal := signing_refusal(check, by):   # names compared ignoring case, spacing and punctuation around them
        _fail(refusal)
    if not check.intact:
        _fail("not approved: " + "; ".join(check.problems))
    if check.open_decisions and not (note and note.strip()):
        _fail(f"not approved: the run left {len(check.open_decisions)} decision(s) to a steward; say what was decided with "
              "--note (`deid approve " + run_id + " --check` lists them):\n" + "\n".join(f"  - {d}" for d in check.open_decisions))
    entry = append_event(state.audit_log_path, APPROVED_EVENT, approval_event(check, note), actor=by)
    _report({"ok": True, **payload, "approved_by": by, "approved_at": entry["at"]},
            [*check.lines(), f"approved by {by} at {entry['at']} (audit log entry {entry['seq']}); the release may be sent"])


@app.command()
def retract(
    run_id: str = typer.Argument(..., help="The run whose release was never sent: its run id (the release folder's name) "
                                           "or the release folder itself."),
    by: str | None = typer.Option(None, "--by", help="The data steward taking it back (recorded in the audit log)."),
    note: str | None = typer.Option(None, "--note", help="Why (recorded in the audit log): e.g. 'held file confirmed; "
                                                         "never sent'."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Take back a release that was never sent (never approved), so later runs of the quarter stop treating it as out:
    they no longer measure linkage against it, keep the cells it hid hidden, or tell providers it used their data.
    An approved release may have been sent and cannot be retracted. Its folder is kept, with a RETRACTED.txt saying
    when, by whom and that it was never sent and must not be; access requests report it as retracted, never sent.
    Run again for a release retracted before that file was written, it writes the file from the audit log's entry."""
    from deid.approval import RETRACTED_EVENT, RETRACTED_MARKER, check_release, retraction, write_retraction_notice
    from deid.auditlog import append_event
    from deid.store import releases as release_store
    from deid.store.warehouse import Warehouse

    _json_mode(as_json)
    state = StateFolder.at(state_dir)
    run_id = Path(run_id).name if Path(run_id).is_dir() else run_id
    if not by or not by.strip() or not note or not note.strip():
        _fail("not retracted: say who takes it back with --by and why with --note (both are recorded in the audit log)")
    check = check_release(state.releases_dir, state.audit_log_path, run_id)
    if check.approvals:
        first = check.approvals[0]
        _fail(f"not retracted: {first['actor']} approved this release at {first['at']}, so it may have been sent; a release "
              "that may be out stays on the register (run the quarter again to replace it)")
    if earlier := retraction(state.audit_log_path, run_id):
        if check.folder.is_dir() and not (check.folder / RETRACTED_MARKER).is_file():   # retracted before markers were written
            marker = write_retraction_notice(check.folder, run_id, earlier)
            _report({"ok": True, "run_id": run_id, "folder": str(check.folder), "marker": str(marker),
                     "retracted_by": earlier.get("actor"), "retracted_at": earlier.get("at")},
                    [f"release {run_id} was retracted already, by {earlier.get('actor')} at {earlier.get('at')}; its folder "
                     f"did not say so, so {marker} now does (from the audit log's entry {earlier.get('seq')}). Do not send "
                     f"{check.folder}."])
            return
        _fail(f"not retracted again: release {run_id} was retracted already (`deid approve {run_id} --check` shows when)")
    if not state.warehouse_path.is_file():
        _fail(f"not retracted: no warehouse at {state.warehouse_path}")
    with Warehouse(state.warehouse_path) as warehouse:
        moved = release_store.retract_release(warehouse, run_id)
    if not moved:
        _fail(f"not retracted: the release register lists no release of run {run_id}")
    entry = append_event(state.audit_log_path, RETRACTED_EVENT, {"run_id": run_id, "release_dir": str(check.folder),
                                                                 "manifest_sha256": check.manifest_sha256, "note": note,
                                                                 "files": moved}, actor=by)
    marker = write_retraction_notice(check.folder, run_id, entry)   # the folder no longer looks like a live release
    _report({"ok": True, "run_id": run_id, "folder": str(check.folder), "files_unregistered": moved, "retracted_by": by,
             "retracted_at": entry["at"], "marker": str(marker) if marker else None},
            [f"release {run_id} retracted by {by} at {entry['at']} (audit log entry {entry['seq']}): {moved} file(s) off the "
             f"release register; later runs of its quarter no longer treat it as sent. Do not send {check.folder}"
             + (f"; {marker} says so" if marker else " (no such folder: nothing to mark)")
             + "; access requests report it as retracted, never sent."])


@app.command("access-request")
def access_request(
    provider: str = typer.Option(..., "--provider", help="Provider id asking on its client's behalf."),
    client_ref: str = typer.Option(..., "--client-ref", help="The provider's own reference for the client."),
    out: Path | None = typer.Option(None, "--out", help="Folder for the report (default: <state>/access-requests/<id>)."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    demo_key: bool = typer.Option(False, "--demo-key", help="The secure zone was built with the public demo key (samples only)."),
    as_json: bool = typer.Option(False, "--json", help="Print a summary as JSON: counts and where the report is (never the client's details)."),
    by: str | None = typer.Option(None, "--by", help="Who answers the request (recorded in the audit log; default: the OS user)."),
    config_dir: Path | None = CONFIG_OPTION,
) -> None:
    """Everything held about one provider's client and every release that used it, as a readable report; logged.
    The files the provider sent that are still held (and hold, or may hold, the client's records) are listed with the
    day each falls due for disposal. After disposal the report says what was disposed of, and when."""
    import datetime as dt

    from deid.access import answer_access_request
    from deid.approval import RETRACTED_EVENT
    from deid.auditlog import append_event, read_events
    from deid.db import Warehouse
    from deid.io import write_json, write_text
    from deid.pseudonymise import demo_key as public_demo_key
    from deid.pseudonymise import load_key
    from deid.publish.marking import mark_payload
    from deid.retention import raw_files_held
    from deid.uselog import read_uses
    from reports.builders import as_plain, common_context, render

    _json_mode(as_json)
    get_current_context().meta[CATCH_UNEXPECTED] = True   # an answer or one clear line ({"ok": false} with --json)
    _use_config_dir(config_dir)
    state = StateFolder.at(state_dir)
    now = dt.datetime.now(dt.UTC)
    agreement, agreement_path, _ = _agreement_in_use(state)
    if provider not in agreement.parties.provider_ids:
        _fail(f"provider '{provider}' is not a party to the agreement; parties: {', '.join(agreement.parties.provider_ids)}")
    key = public_demo_key() if demo_key else load_key()
    _refuse_without_history(state.audit_log_path, state.warehouse_path, state.state_dir)   # no answer from half a history
    with Warehouse(state.warehouse_path) as warehouse:
        files = raw_files_held(warehouse, state.raw_store_dir, state.landing_dir, agreement.retention.raw_submissions_years,
                               provider)
        report = answer_access_request(warehouse, state.releases_dir, agreement, key, provider, client_ref, now,
                                       uses=read_uses(state.use_log_path), disposals=read_events(state.audit_log_path, "disposal"),
                                       raw_files=files, retractions=read_events(state.audit_log_path, RETRACTED_EVENT))
    folder = out or state.state_dir / "access-requests" / report.request_id
    context = {**common_context(report.request_id, "", agreement.security_classification, key.is_demo, now),
               "r": report, "breach_contact": agreement.breach_contact}
    write_text(folder / "access_request.html", render("access_request.html.j2", context))
    write_json(folder / "access_request.json", mark_payload(as_plain(report), key.is_demo))
    counts = {"records_found": len(report.records), "extract_files": len(report.extract_rows),
              "releases_counted_in": len({c["run_id"] for c in report.counted_in}), "uses_found": len(report.uses),
              "raw_files_held": len(report.raw_files), "retracted_releases": len(report.retracted),
              "retracted_extract_files": sum(len(r["files"]) for r in report.retracted)}   # never sent: not in the above
    append_event(state.audit_log_path, "access-request", {
        "request_id": report.request_id, "provider": provider, **counts, "report": str(folder)}, actor=by)
    disposed = "; ".join(f"{', '.join(d['quarters'])} disposed of on {d['on']}" for d in report.disposed)
    held = (f"{len(report.records)} record(s) held, in {len(report.extract_rows)} released extract file(s), "
            f"counted in {len(report.counted_in)} released output(s)" if report.records
            else f"{'no stored record' if report.raw_files else 'nothing identifiable'} is held from {provider} with this "
                 "client reference" + (f" any more ({provider}'s records for {disposed})" if disposed else ""))
    held += "".join(f"; release {r['release']} was retracted on {r['retracted_on']} and never sent"
                    + (f" (its {len(r['files'])} extract file(s) with {r['rows']} row(s) about the client went nowhere)"
                       if r["files"] else "") for r in report.retracted)
    held += _raw_files_line(report.raw_files, provider)
    _report({"request_id": report.request_id, "provider": provider, **counts, "outputs_counted_in": len(report.counted_in),
             "identifiable_held": bool(report.records), "disposed": report.disposed, "retracted": report.retracted,
             "raw_files": report.raw_files, "agreement": str(agreement_path),
             "report_html": str(folder / "access_request.html"), "report_json": str(folder / "access_request.json")},
            [f"{report.request_id}: {held}. Report: {folder / 'access_request.html'}"])

def _raw_files_line(raw_files: list[dict[str, Any]], provider: str) -> str:
    """The files the provider sent that are still held and hold (or may hold) the client's records, in a few words."""
    if not raw_files:
        return ""
    known = sum(f["holds"] == "yes" for f in raw_files)
    files = "; ".join(f"{f['quarter']} {f['file_name']} (received {f['received_on']}, due for disposal {f['due_on']})"
                      for f in raw_files)
    return (f"; {len(raw_files)} file(s) {provider} sent are still held that hold ({known}) or may hold "
            f"({len(raw_files) - known}) the client's records: {files}")


def _agreement_in_use(state: StateFolder) -> tuple[SharingAgreement, Path, str]:
    """The agreement this deployment's commands act under (--config-dir, else DEID_CONFIG_DIR, else <state>/config),
    with its path and a line saying which it is, warning when it is the packaged sample's."""
    from deid.agreement import load_agreement
    from deid.auditlog import read_events
    from deid.settings import DEFAULT_AGREEMENT, agreement_path_for, default_config_dir

    config = default_config_dir(state.state_dir)
    path = agreement_path_for(config)
    ran = [e for e in read_events(state.audit_log_path, "run") if (e.get("details") or {}).get("agreement")]
    if ran and Path(ran[-1]["details"]["agreement"]).resolve() != path.resolve():
        last = ran[-1]["details"]
        _fail(f"this state folder's last run ({last.get('run_id')}) ran under the agreement at {last['agreement']}, but this "
              f"command would act under {path}: its retention terms and parties may differ. Pass --config-dir (or set "
              "DEID_CONFIG_DIR) as for `deid run`")
    agreement = load_agreement(path, _load_standards())
    terms = agreement.retention
    line = (f"agreement: {path} (retention: raw submissions {terms.raw_submissions_years} year(s) after receipt, "
            f"identifiable data {terms.identifiable_data_years} year(s) after the quarter, releases "
            f"{terms.releases_years} year(s) after release)")
    if path == DEFAULT_AGREEMENT:
        line += (f". This is the packaged sample's agreement: {config} has no agreements/{path.name}. If the deployment "
                 "has its own, pass --config-dir (or set DEID_CONFIG_DIR) as for `deid run`")
    return agreement, path, line


def _disposal_verb(item: Any, *, dry_run: bool) -> str:
    """What disposal does with an item: deletes it, or (a report outside the state folder) leaves it to a person."""
    from deid.retention import BACKUP, LEFT_TO_A_PERSON

    if item.kind == BACKUP:
        return "not deleted, delete by hand and run `deid backup` again:"
    if item.kind in LEFT_TO_A_PERSON:
        return "not deleted, delete by hand:"
    return "would delete" if dry_run else "deleting"


@app.command()
def dispose(
    dry_run: bool = typer.Option(False, "--dry-run", help="List what is due, delete nothing."),
    today: str | None = typer.Option(None, "--today", help="Judge retention as of this date (YYYY-MM-DD); default today."),
    landing: Path | None = typer.Option(None, "--landing", help="Landing folder whose files are raw submissions (default: <state>/landing)."),
    state_dir: Path | None = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    config_dir: Path | None = CONFIG_OPTION,
    by: str | None = typer.Option(None, "--by", help="Who disposes (recorded in the audit log; default: the OS user)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete what is past the agreement's retention periods, and log what went: raw submissions, identifiable
    records and their pseudonym history, kept stage outputs, access-request reports and the state folder's copies of
    releases. The warehouse is then rewritten into a fresh file, so deleted values leave no bytes behind."""
    import datetime as dt

    from deid.auditlog import append_event, read_events
    from deid.db import Warehouse
    from deid.errors import WarehouseError
    from deid.retention import dispose as dispose_items
    from deid.retention import due_for_disposal
    from deid.runlock import run_lock
    from deid.settings import DEFAULT_AGREEMENT
    from deid.store.warehouse import rewrite_database

    _json_mode(as_json)
    try:
        as_of = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError as exc:
        raise CommandError(f"--today '{today}' is not a date of the form YYYY-MM-DD") from exc
    _use_config_dir(config_dir)
    state = StateFolder.at(state_dir, landing)
    agreement, agreement_path, agreement_line = _agreement_in_use(state)
    if not state.warehouse_path.is_file():
        _fail(f"{state.warehouse_path} does not exist: is {state.state_dir} the deployment's state folder? "
              "Pass --state-dir (or set DEID_STATE_DIR) as for `deid run`")
    events = read_events(state.audit_log_path)
    reports = [Path(e["details"]["report"]) for e in events if e["event"] == "access-request" and e["details"].get("report")]
    backups = [Path(e["details"]["folder"]) for e in events if e["event"] == "backup" and e["details"].get("folder")]
    settings = state.run_settings(f"{as_of.year}Q{(as_of.month - 1) // 3 + 1}")   # the quarter that holds the as-of date
    payload: dict[str, Any] = {"as_of": str(as_of), "dry_run": dry_run, "agreement": str(agreement_path),
                               "agreement_is_packaged_sample": agreement_path == DEFAULT_AGREEMENT}
    if dry_run:
        with Warehouse(state.warehouse_path) as warehouse:
            items = due_for_disposal(warehouse, settings, agreement, as_of, reports, backups)
        _report({**payload, "due": [i.listed() for i in items], "deleted": None},
                [agreement_line, *(f"{_disposal_verb(i, dry_run=True)} {i.describe()}" for i in items)]
                + ([] if items else [f"nothing is past its retention period as of {as_of}"]))
        return
    with run_lock(state.state_dir, state.releases_dir, f"dispose-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}", "disposal"):
        with Warehouse(state.warehouse_path) as warehouse:
            items = due_for_disposal(warehouse, settings, agreement, as_of, reports, backups)
            counts = dispose_items(warehouse, items)
        details: dict[str, Any] = {"as_of": str(as_of), "agreement": str(agreement_path), "files_deleted": counts["files"],
                                   "folders_deleted": counts["folders"], "rows_deleted": counts["rows"],
                                   "history_rows_deleted": counts["history_rows"], "items": [i.listed() for i in items]}
        try:
            rewritten = rewrite_database(state.warehouse_path)
        except WarehouseError as exc:
            append_event(state.audit_log_path, "disposal", {**details, "warehouse_rewritten": False, "error": str(exc)},
                         actor=by)
            raise CommandError(f"the items due were deleted, but {exc}. Until it is rewritten, deleted values can still "
                               "be read from the file's bytes: run `deid dispose` again") from exc
        append_event(state.audit_log_path, "disposal", {**details, "warehouse_rewritten": True, **rewritten}, actor=by)
    deleted = (f"deleted {counts['files']} file(s) and {counts['folders']} folder(s), {counts['rows']} row(s) and "
               f"{counts['history_rows']} pseudonym crosswalk row(s)") if items else (
               f"nothing is past its retention period as of {as_of}")
    _report({**payload, "due": [i.listed() for i in items], "deleted": counts, "warehouse": rewritten},
            [agreement_line, *(f"{_disposal_verb(i, dry_run=False)} {i.describe()}" for i in items), deleted,
             f"rewrote {state.warehouse_path} into a fresh file ({rewritten['bytes_before']:,} -> "
             f"{rewritten['bytes_after']:,} bytes), so deleted values leave no bytes in it; logged in {state.audit_log_path}"])


BATCH_HELP = {
    "source": "Batch input: a CSV or Parquet file (CSV is read as text).",
    "column": "Batch: the input column to standardise.",
    "target": "Batch output: .csv, .parquet or .jsonl; every input column is kept and the results appended.",
    "json": "Batch: print the rows written as JSON (one TEXT always prints JSON).",
}


def _single_or_batch(text: str | None, source: Path | None, column: str | None, target: Path | None,
                     one: Callable[[str], dict[str, Any]], many: Callable[[Any], Any], as_json: bool = False) -> None:
    """The shared convention: a TEXT argument prints JSON; --in/--column/--out runs a whole file."""
    from deid.batch import run_batch

    _json_mode(as_json)
    if text is not None and source is None:
        typer.echo(json.dumps(one(text), ensure_ascii=False, indent=2))
        return
    if text is not None or source is None or column is None or target is None:
        _fail("give one TEXT to print JSON, or all of --in FILE --column NAME --out FILE for a batch")
    rows = run_batch(source, column, target, many)
    _report({"rows": rows, "written": str(target)}, [f"wrote {rows} rows to {target}"])


address_app = typer.Typer(help="The NZ address standard.", no_args_is_help=True)
app.add_typer(address_app, name="address")
name_app = typer.Typer(help="The person name standard.", no_args_is_help=True)
app.add_typer(name_app, name="name")


@address_app.command("parse")
def address_parse(
    text: str | None = typer.Argument(None, help="One address, e.g. \"Flat 2, 15A Smith St, Mt Eden, Auckland 1024\"."),
    source: Path | None = typer.Option(None, "--in", help=BATCH_HELP["source"]),
    column: str | None = typer.Option(None, "--column", help=BATCH_HELP["column"]),
    target: Path | None = typer.Option(None, "--out", help=BATCH_HELP["target"]),
    as_json: bool = typer.Option(False, "--json", help=BATCH_HELP["json"]),
) -> None:
    """Standardise NZ addresses into their components, area codes, parse status and address key."""
    from deid.standardise import AddressParser
    from deid.standards import load_standards

    standards = load_standards()
    parser = AddressParser(standards.address, standards.geography)
    _single_or_batch(text, source, column, target, lambda t: parser.parse(t).as_dict(), parser.parse_series, as_json)


@name_app.command("parse")
def name_parse(
    text: str | None = typer.Argument(None, help="One name, e.g. \"TE KANAWA, Aroha Mere\"."),
    source: Path | None = typer.Option(None, "--in", help=BATCH_HELP["source"]),
    column: str | None = typer.Option(None, "--column", help=BATCH_HELP["column"]),
    target: Path | None = typer.Option(None, "--out", help=BATCH_HELP["target"]),
    as_json: bool = typer.Option(False, "--json", help=BATCH_HELP["json"]),
) -> None:
    """Standardise person names: given names, family name, preferred name, display form and match key."""
    from deid.standardise import NameParser
    from deid.standards import load_standards

    parser = NameParser(load_standards().names)
    _single_or_batch(text, source, column, target, lambda t: vars(parser.parse(t)), parser.parse_series, as_json)


@app.command()
def scrub(
    text: str | None = typer.Argument(None, help="One text to scrub."),
    source: Path | None = typer.Option(None, "--in", help=BATCH_HELP["source"]),
    column: str | None = typer.Option(None, "--column", help=BATCH_HELP["column"]),
    target: Path | None = typer.Option(None, "--out", help=BATCH_HELP["target"]),
    names_from: str | None = typer.Option(
        None, "--names-from", help="Batch only: comma-separated columns of the input whose values are known names "
                                   "(client, caregiver, whānau), used for every row, as the quarterly flow does."),
    as_json: bool = typer.Option(False, "--json", help=BATCH_HELP["json"]),
) -> None:
    """Scrub personal information from free text: JSON for one text (no matched text is shown), or a batch.

    As in the notes a release holds, the ages a note states ("Koro is 78", "aged 34") and its wellbeing scores
    ("4/10") are replaced too (<AGE>, <SCORE>): a stand-alone text has no row to say whether its scores are released."""
    import polars as pl

    from deid.batch import read_batch_input
    from deid.risk.free_text import age_subjects, withhold_ages, withhold_scores
    from deid.scrub import Scrubber
    from deid.scrub.scrub import names_from_columns, scrub_texts
    from deid.standards import load_standards

    _json_mode(as_json)
    names: list[str | None] = []
    standards = load_standards()
    scrubber = Scrubber(standards)
    subjects = age_subjects(standards)

    def as_released(clean: str | None) -> str | None:
        return None if clean is None else withhold_scores(withhold_ages(clean, subjects)[0])[0]
    if names_from:
        if source is None or column is None:
            _fail("--names-from needs a batch: --in FILE --column NAME --out FILE")
        columns = [c.strip() for c in names_from.split(",") if c.strip()]
        names = names_from_columns(read_batch_input(source, column), columns, str(source))

    def one(value: str) -> dict[str, Any]:
        clean, spans = scrubber.scrub(value)
        return {"text": as_released(clean), "entities": [span._asdict() for span in spans]}

    def many(values: pl.Series) -> pl.DataFrame:
        results = scrub_texts(scrubber, values.to_list(), names, [])   # worker processes on a large batch
        return pl.DataFrame({"scrubbed": [as_released(r[0]) for r in results],
                             "entities": [";".join(sorted({s.entity for s in r[1]})) or None for r in results]},
                            schema={"scrubbed": pl.Utf8, "entities": pl.Utf8})

    _single_or_batch(text, source, column, target, one, many, as_json)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
