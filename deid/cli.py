"""The `deid` command line. Library errors become one clear message, never a traceback."""
from __future__ import annotations

import json
import logging
import os
import secrets
from pathlib import Path
from collections.abc import Callable
from typing import Any, Optional

import typer

from deid.errors import DeidError
from deid.settings import CONFIG_DIR_ENV, STATE_DIR_ENV, default_state_dir

app = typer.Typer(help="De-identify, protect and share quarterly provider reporting.", no_args_is_help=True,
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


def _fail_json(message: str) -> None:
    """A failure as one JSON object on stdout, for scripts that asked for --json."""
    typer.echo(json.dumps({"ok": False, "error": message}))
    raise typer.Exit(code=1)


def _fail(message: str) -> None:
    """Show a library error as one clear message and exit 1 (typer 0.29 vendors its own click)."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code=1)


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


def _summary_lines(summary: dict) -> list[str]:
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
    for name, message in summary["risk_gates"].items():
        lines.append(f"Risk gate, {name}: {message}")
    lines.extend(f"WARNING: {w}" for w in summary.get("warnings", []))
    lines.append(f"Release folder: {summary['release_dir']}")
    lines.append(f"Manifest:       {summary['manifest']}")
    lines.append(f"Secure zone:    {summary['warehouse']} (never published)")
    for audience, paths in sorted(summary["outputs"].items()):
        lines.append(f"  for {audience}:")
        lines.extend(f"    {p}" for p in paths)
    return lines


@app.command()
def run(
    quarter: str = typer.Option(..., "--quarter", help="Reporting quarter, e.g. 2026Q3."),
    landing: Optional[Path] = typer.Option(None, "--landing", help="Folder of <provider>/<quarter>/<file> submissions (default: <state>/landing)."),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help="Runtime state folder (warehouse, raw store, releases, Prefect home)."),
    demo_key: bool = typer.Option(False, "--demo-key", help="Use the public demo key. Only for the synthetic samples; marked on every output."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
    debug: bool = typer.Option(False, "--debug", help="Log every step, SQL statement and Prefect message, with tracebacks."),
    config_dir: Optional[Path] = CONFIG_OPTION,
    republish: bool = typer.Option(False, "--republish", help="Publish again even if an earlier release was made from exactly these inputs."),
    task_runner: str = typer.Option("default", "--task-runner", help="Where the flow's tasks run: default (this machine) or dask (a Dask cluster; runs under Prefect)."),
    dask_address: Optional[str] = typer.Option(None, "--dask-address", help="Scheduler of an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (default: a local cluster of 2 workers)."),
) -> None:
    """Run the quarterly flow and print where every output went.

    With PREFECT_API_URL set, the run is a Prefect flow run (visible in the UI, tasks retried and
    cached); without it, the same stages run in this process, with no temporary server to start.
    A run that stopped part way reuses the stage outputs it kept; a quarter with nothing new is
    not published twice."""
    from deid.standards import quarter_bounds

    state = (state_dir or default_state_dir()).resolve()
    _use_config_dir(config_dir)
    try:
        quarter_bounds(quarter)  # a malformed quarter stops here: nothing is run or published
    except DeidError as exc:
        _fail(str(exc))
    if debug:
        logging.getLogger().setLevel(logging.DEBUG)
        os.environ["PREFECT_LOGGING_LEVEL"] = "DEBUG"
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL"] = "DEBUG"
        os.environ["PREFECT_LOGGING_HANDLERS_CONSOLE_FLOW_RUNS_LEVEL"] = "DEBUG"
    _prepare_prefect_environment(state)
    if not as_json:   # stage-by-stage progress on stderr, so a long run is never silent
        _show_progress()
    from flows.quarterly import TASK_RUNNERS, flow_with_task_runner, run_quarter

    fail = _fail_json if as_json else _fail
    if task_runner not in TASK_RUNNERS:
        fail(f"--task-runner {task_runner} is not known; use one of {', '.join(TASK_RUNNERS)}")
    if dask_address and task_runner != "dask":
        fail("--dask-address needs --task-runner dask")
    use_prefect = bool(os.environ.get("PREFECT_API_URL")) or task_runner == "dask"
    entry = flow_with_task_runner(task_runner, dask_address) if use_prefect else run_quarter
    try:
        summary = entry(quarter=quarter, landing_dir=str(landing) if landing else None, state_dir=str(state),
                        demo_key=demo_key, config_dir=str(config_dir.resolve()) if config_dir else None,
                        republish=republish)
    except DeidError as exc:
        fail(str(exc))
    except Exception as exc:  # not ours: still one clear line; details at DEBUG for a developer
        logging.getLogger(__name__).debug("run failed", exc_info=True)  # shown with --debug
        if "ephemeral Prefect API server" in str(exc):
            fail("Prefect's temporary server did not start in time (the machine is busy). Run again, raise "
                 "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS, or start one with `prefect server start` and set "
                 "PREFECT_API_URL")
        fail(f"the run failed unexpectedly ({type(exc).__name__}: {exc}); rerun with --debug for details")
    typer.echo(json.dumps(summary, indent=2) if as_json else "\n".join(_summary_lines(summary)))


def _state_settings(state_dir: Optional[Path], quarter: str = "2000Q1"):
    """Settings for commands that work on the state folder rather than one quarter's run."""
    from deid.settings import resolve_settings

    return resolve_settings(quarter, state_dir=(state_dir or default_state_dir()).resolve(), demo_key=True)


def _use_config_dir(config_dir: Optional[Path]) -> None:
    """A --config-dir option wins over DEID_CONFIG_DIR for everything this command loads."""
    if config_dir:
        os.environ[CONFIG_DIR_ENV] = str(config_dir.resolve())


def _load_standards():
    from deid.settings import default_config_dir
    from deid.standards import DEFAULT_STANDARDS_DIR, load_standards

    return load_standards(DEFAULT_STANDARDS_DIR, default_config_dir())


def _load_programme():
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
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help="Runtime state folder (the landing folder is inside it)."),
    config_dir: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Drop a provider's file into the landing folder. Files for one provider and quarter are parts of one
    submission; a file sent again under the same name, or with --replace, replaces the earlier ones."""
    import datetime as dt

    from deid.io import land_submission, submission_file
    from deid.pipeline import open_warehouse, record_received
    from deid.standards import quarter_bounds

    _use_config_dir(config_dir)
    try:
        quarter_bounds(quarter)
        agreement = _load_programme()
    except DeidError as exc:
        _fail(str(exc))
    if provider not in agreement.parties.provider_ids:
        _fail(f"provider '{provider}' is not a party to the sharing agreement '{agreement.programme}'; "
              f"parties: {', '.join(agreement.parties.provider_ids)}. A steward adds one with `deid provider add`")
    now = dt.datetime.now(dt.timezone.utc)
    settings = _state_settings(state_dir, quarter)
    landed, duplicate_of = land_submission(settings.landing_dir, provider, settings.quarter, file, now, replace=replace)
    if duplicate_of:
        typer.echo(f"{file.name} is identical to {duplicate_of.name}, already received for {provider} {settings.quarter}; "
                   "it is not counted twice")
        return
    with open_warehouse(settings) as warehouse:
        submission_id = record_received(warehouse, provider, settings.quarter, submission_file(landed, provider, settings.quarter), now)
    how = ("it replaces the files received before it" if replace
           else "it is read with any other files received for this quarter (a file of the same name replaces the earlier one)")
    typer.echo(f"received {file.name} as {landed} (submission {submission_id}, status received); "
               f"the next run for {settings.quarter} reads it: {how}")


mapping_app = typer.Typer(help="Column mappings from provider headers to the data standard.", no_args_is_help=True)
app.add_typer(mapping_app, name="mapping")


def _map_file(file: Path, provider: str, quarter: Optional[str], overrides: list[str]):
    """The mapping decisions for a file, as a run would make them, with a steward's overrides applied."""
    from deid.ingest import ingest_file, load_provider_mapping
    from deid.io import sha256_file
    from deid.summary import previous_quarter
    import datetime as dt

    standards = _load_standards()
    confirmed = load_provider_mapping(standards, provider)
    fixed = dict(confirmed.columns) if confirmed else {}
    targets = set(standards.fields.names) | {p.name for p in standards.fields.parts}
    for item in overrides:
        header, sep, target = item.partition("=")
        target = target.strip() or None
        if not sep or (target is not None and target not in targets):
            raise DeidError(f"--set '{item}': write HEADER=FIELD (or HEADER= for not needed); fields: {sorted(targets)}")
        fixed[header.strip()] = target
    from deid.ingest import ProviderMapping

    base = ProviderMapping(provider=provider, columns=fixed, sheet=confirmed.sheet if confirmed else None) if fixed else None
    tables = ingest_file(file.read_bytes(), file_name=file.name, sha256=sha256_file(file), provider=provider,
                         quarter=(quarter or previous_quarter(dt.date.today())).upper(), run_id="mapping",
                         standards=standards, confirmed=base)
    return standards, tables


def _print_mapping(tables) -> None:
    from deid.ingest.mapping import describe_header_shape

    for _, result in tables:
        where = f" [sheet {result.sheet}]" if result.sheet else ""
        typer.echo(f"{result.file_name}{where}: {result.rows_received} rows")
        typer.echo(f"  {'#':>3} {'header':<34} {'standard field':<20} {'confidence':>10}  how / candidates")
        for m in result.columns:
            shown = m.header if m.header_known else f"({describe_header_shape(m.header)})"
            flag = "  ?" if m.uncertain else ""
            alternatives = ", ".join(f"{n} {c:.2f}" for n, c in m.candidates[:3])
            typer.echo(f"  {m.index + 1:>3} {shown[:34]:<34} {m.field or '(not needed)':<20} {m.confidence:>10.2f}  "
                       f"{m.method}; {alternatives}{flag}")
        for field, how in result.derived:
            typer.echo(f"  derived {field}: {how}")
        for reason in result.held_reasons:
            typer.echo(f"  NEEDS A DECISION: {reason}")


@mapping_app.command("suggest")
def mapping_suggest(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="A provider's file to map."),
    provider: str = typer.Option(..., "--provider", help="Provider id; its confirmed mapping, if any, is applied first."),
    quarter: Optional[str] = typer.Option(None, "--quarter", help="The quarter the file reports (dates are judged against it)."),
    save: bool = typer.Option(False, "--save", help="Save the suggestion as the provider's confirmed mapping (same as `mapping confirm`)."),
    config_dir: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Show how each column would be mapped (header and content evidence, confidence, candidates), without saving."""
    _use_config_dir(config_dir)
    if save:
        mapping_confirm(file, provider, quarter, [], None, None)
        return
    try:
        _, tables = _map_file(file, provider, quarter, [])
    except DeidError as exc:
        _fail(f"{file.name}: {exc}")
    _print_mapping(tables)


@mapping_app.command("confirm")
def mapping_confirm(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="The provider's file whose mapping a steward confirms."),
    provider: str = typer.Option(..., "--provider", help="Provider id."),
    quarter: Optional[str] = typer.Option(None, "--quarter", help="The quarter the file reports (dates are judged against it)."),
    set_: list[str] = typer.Option([], "--set", help="Override one column: 'HEADER=field', or 'HEADER=' for not needed. Repeatable."),
    by: Optional[str] = typer.Option(None, "--by", help="Who confirms (recorded in the mapping and the audit log)."),
    config_dir: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Confirm the mapping of a provider's file (with any --set overrides) and save it in the config folder.
    The next run reads the provider's files with it, and it is reused every quarter."""
    import datetime as dt

    from deid.auditlog import append_event
    from deid.ingest import ProviderMapping, save_provider_mapping

    _use_config_dir(config_dir)
    try:
        standards, tables = _map_file(file, provider, quarter, set_)
    except DeidError as exc:
        _fail(f"{file.name}: {exc}")
    _print_mapping(tables)
    missing = [r for _, result in tables for r in result.held_reasons if r.startswith("no column for")]
    if missing:
        _fail(f"{file.name}: {'; '.join(missing)}. Name the column with --set 'HEADER=field'")
    columns: dict[str, str | None] = {}
    for _, result in tables:
        for m in result.columns:
            columns.setdefault(m.header, m.field)
    now = dt.datetime.now(dt.timezone.utc)
    mapping = ProviderMapping(provider=provider, columns=columns, confirmed_by=by, confirmed_at=now.replace(microsecond=0))
    path = save_provider_mapping(standards, mapping)
    settings = _state_settings(None)
    append_event(settings.audit_log_path, "mapping_confirmed", {
        "provider": provider, "file": file.name, "mapping": str(path), "columns": len(columns),
        "mapped": sum(1 for f in columns.values() if f)}, actor=by)
    typer.echo(f"saved {path}; the next run reads {provider}'s files with it")


provider_app = typer.Typer(help="Parties to the sharing agreement.", no_args_is_help=True)
app.add_typer(provider_app, name="provider")


@provider_app.command("add")
def provider_add(
    provider: str = typer.Argument(..., help="Provider id: lower-case words joined by hyphens, as its landing folder is named."),
    name: str = typer.Option(..., "--name", help="The provider's name, as written in the agreement."),
    by: Optional[str] = typer.Option(None, "--by", help="Who adds the provider (recorded in the audit log)."),
    config_dir: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Record a new provider as a party to the sharing agreement, in the config folder's copy of the agreement."""
    from deid.agreement import add_provider_party
    from deid.auditlog import append_event
    from deid.settings import default_config_dir

    _use_config_dir(config_dir)
    try:
        path = add_provider_party(default_config_dir(), _load_standards(), provider, name)
    except DeidError as exc:
        _fail(str(exc))
    append_event(_state_settings(None).audit_log_path, "provider_added",
                 {"provider": provider, "name": name, "agreement": str(path)}, actor=by)
    typer.echo(f"added {provider} ({name}) to {path}; land its files in <landing>/{provider}/<quarter>/")


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
    out: Optional[Path] = typer.Option(None, "--out", help="Where to write; default geography.csv in the config folder."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check the file and print its coverage; write nothing."),
    config_dir: Optional[Path] = CONFIG_OPTION,
) -> None:
    """Check an official places file's columns and build the geography table from it (TA and region codes from Stats NZ)."""
    from deid.settings import default_config_dir
    from deid.standardise.geography import import_geography, render_geography_csv

    _use_config_dir(config_dir)
    current = _load_standards().geography
    try:
        result = import_geography(file.read_text(encoding="utf-8-sig"), current)
    except (DeidError, UnicodeDecodeError) as exc:
        _fail(f"{file}: {exc}")
    rows = result.rows
    if keep_current:
        have = {(r["suburb"], r["town_city"], r["ta_code"]) for r in rows}
        rows = rows + [{"postcode": p.postcode, "suburb": p.suburb or "", "town_city": p.town_city, "ta_code": p.ta_code,
                        "ta_name": p.ta_name, "region_code": p.region_code, "region_name": p.region_name}
                       for p in current.places if (p.suburb or "", p.town_city, p.ta_code) not in have]
    skipped = ", ".join(f"{n} {reason}" for reason, n in result.skipped.items()) or "none"
    typer.echo(f"{file.name}: {result.shape}, {result.read} rows read, {len(result.rows)} places "
               f"({result.localities} localities); skipped: {skipped}")
    if dry_run:
        return
    target = out or default_config_dir() / "geography.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_geography_csv(rows, source=source, version=version, licence=licence), encoding="utf-8")
    typer.echo(f"wrote {len(rows)} places to {target}")


@app.command()
def samples(
    out: Path = typer.Option(Path("data-samples"), "--out", help="Folder to write <provider>/<quarter>/<file> samples into."),
    seed: int = typer.Option(20260701, "--seed", help="Random seed; the same seed writes the same files."),
    large: int = typer.Option(0, "--large", help="Instead, write one large standard-layout file with this many rows (benchmarks)."),
    providers: int = typer.Option(200, "--providers", help="With --large: number of providers the rows are spread over."),
) -> None:
    """Write synthetic provider submissions (or one large benchmark file)."""
    from deid.samples import generate_large, generate_samples
    from deid.standards import load_standards

    standards = load_standards()
    if large:
        target = out if out.suffix in {".csv", ".parquet"} else out / f"large_{large}.parquet"
        path = generate_large(target, standards, rows=large, providers=providers, seed=seed)
        typer.echo(f"wrote {large} rows to {path}")
        return
    for path in generate_samples(out, standards, seed=seed):
        typer.echo(f"wrote {path}")


@app.command()
def keygen(out: Path = typer.Option(..., "--out", help="Key file to create (keep it outside the repository).")) -> None:
    """Create a new random pseudonymisation key file (32 bytes, hex)."""
    if out.exists():
        _fail(f"{out} already exists; refusing to overwrite a key")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
    out.chmod(0o600)
    typer.echo(f"wrote a new key to {out}; set DEID_PSEUDONYM_KEY_FILE={out}")


def _split_names(text: Optional[str]) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


@app.command()
def risk(
    source: Path = typer.Option(..., "--in", help="Microdata extract: CSV (read as text) or Parquet."),
    qi: str = typer.Option(..., "--qi", help="Quasi-identifier columns, comma separated."),
    sensitive: Optional[str] = typer.Option(None, "--sensitive", help="Sensitive attribute columns, comma separated."),
    population: Optional[Path] = typer.Option(None, "--population", help="Population table (the quasi-identifiers and a count) for journalist risk."),
    population_count: str = typer.Option("count", "--population-count", help="The population table's count column."),
    k: Optional[int] = typer.Option(None, "--k", help="k for 'records below k' (default: the release gate's)."),
    threshold: Optional[float] = typer.Option(None, "--threshold", help="Prosecutor-risk threshold (default: the release gate's)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Re-identification risk of a microdata file: k, uniques, prosecutor and journalist risk, l-diversity, t-closeness."""
    import dataclasses

    from deid.batch import read_batch_input
    from deid.db import Warehouse
    from deid.risk import measure_risk
    from deid.standards import load_standards

    qis, sensitive_columns = _split_names(qi), _split_names(sensitive)
    try:
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
    except DeidError as exc:
        _fail(str(exc))
    payload = {"file": str(source), "quasi_identifiers": qis, "k": k or rules.k_threshold,
               "threshold": threshold or rules.max_prosecutor_risk, **dataclasses.asdict(measures)}
    if as_json:
        typer.echo(json.dumps(payload, indent=2))
        return
    for name, value in payload.items():
        typer.echo(f"{name:<24}{value}")


@app.command()
def protect(
    source: Path = typer.Option(..., "--in", help="Long-format count table: CSV or Parquet, one row per cell."),
    dims: str = typer.Option(..., "--dims", help="Dimension columns, comma separated; margins are rows whose value is 'All'."),
    count: str = typer.Option("count", "--count", help="The count column."),
    target: Path = typer.Option(..., "--out", help="Output: .csv, .parquet or .jsonl, with a status column."),
    method: Optional[str] = typer.Option(None, "--rounding", help="rr3 or graduated (default: disclosure.yaml)."),
    min_count: Optional[int] = typer.Option(None, "--min-count", help="Primary suppression below this count (default: disclosure.yaml)."),
) -> None:
    """Random rounding, primary and secondary suppression, and the suppression audit, for one count table."""
    import polars as pl

    from deid.aggregate import protect_table
    from deid.batch import read_batch_input, write_batch_output
    from deid.pseudonymise import derive_purpose_key, load_key
    from deid.standards import load_standards

    dimensions = _split_names(dims)
    try:
        disclosure = load_standards().disclosure
        frame = read_batch_input(source, count)
        missing = [d for d in dimensions if d not in frame.columns]
        if missing or not dimensions:
            _fail(f"{source}: no dimension column(s) {missing or ['(none given)']}; the columns are {', '.join(frame.columns)}")
        counts = frame.get_column(count).cast(pl.Int64, strict=False)
        if counts.null_count():
            _fail(f"{source}: column '{count}' must hold whole-number counts; {counts.null_count()} row(s) do not")
        table = frame.select([pl.col(d).cast(pl.Utf8) for d in dimensions]).with_columns(counts.alias("count"))
        seed = derive_purpose_key(load_key(), "rounding")
        protected, result = protect_table(
            table, dimensions, measure=count, table=source.stem, seed=seed,
            method=method or disclosure.rounding["method"],
            min_count=min_count or disclosure.primary_suppression["min_count"],
            secondary=disclosure.secondary_suppression["enabled"], protection_level=disclosure.audit.protection_level,
            repair_rounds=disclosure.audit.repair_rounds, exact_max_cells=disclosure.audit.exact_max_cells)
        write_batch_output(protected.rename({"count": count}), target)
    except DeidError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {target}: {result.cells} cells, {result.primary_suppressed} primary and "
               f"{result.secondary_suppressed} secondary suppressions, {result.rounding} rounding; audit: {result.audit}")


keys_app = typer.Typer(help="The pseudonymisation key of the secure zone.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


@keys_app.command("rotate")
def keys_rotate(
    new_key_file: Path = typer.Option(..., "--new-key-file", exists=True, dir_okay=False,
                                      help="The new key (from `deid keygen`); the current key is read as for `deid run`."),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help="Runtime state folder."),
) -> None:
    """Re-key the secure zone's linkage pseudonyms under a new key, keeping crosswalks from old to new.

    Afterwards point DEID_PSEUDONYM_KEY_FILE at the new key: runs with the old key are refused.
    """
    import datetime as dt

    from deid.auditlog import append_event
    from deid.pipeline import open_warehouse
    from deid.pseudonymise import load_key, make_key, rotate_linkage_key
    from deid.pseudonymise.keys import decode_key_text

    try:
        current = load_key()
        new = make_key(decode_key_text(new_key_file.read_text(encoding="ascii", errors="replace"), str(new_key_file)))
        agreement = _load_programme()
        settings = _state_settings(state_dir)
        domains = sorted({purpose.pseudonym_domain for purpose in agreement.purposes.values()})
        with open_warehouse(settings) as warehouse:
            result = rotate_linkage_key(warehouse, current, new, domains, dt.datetime.now(dt.timezone.utc))
    except DeidError as exc:
        _fail(str(exc))
    append_event(settings.audit_log_path, "key-rotated", {
        "rotation_id": result.rotation_id, "old_fingerprint": result.old_fingerprint, "new_fingerprint": result.new_fingerprint,
        "people": result.identities, "rows": result.rows, "purpose_ids": result.purpose_ids}, key=new)
    typer.echo(f"re-keyed {result.identities} people ({result.rows} rows) from key {result.old_fingerprint} to "
               f"{result.new_fingerprint}; crosswalks kept as rotation {result.rotation_id} "
               f"({result.purpose_ids} purpose pseudonyms). Now set DEID_PSEUDONYM_KEY_FILE={new_key_file}")


STATE_HELP = "Runtime state folder (warehouse, raw store, releases, logs)."

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
    release: Optional[str] = typer.Option(None, "--release", help="Run id of the release it drew on."),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
) -> None:
    """Record a use of providers' data; their next feedback reports list it under 'How your data was used'."""
    import datetime as dt

    from pydantic import ValidationError

    from deid.auditlog import append_event
    from deid.uselog import ALL_PROVIDERS, UseEntry, add_use

    try:
        agreement = _load_programme()
        named = tuple(p.strip() for p in providers.split(",") if p.strip())
        unknown = [p for p in named if p != ALL_PROVIDERS and p not in agreement.parties.provider_ids]
        if unknown:
            _fail(f"--providers: {', '.join(unknown)} not a party to the agreement; parties: {', '.join(agreement.parties.provider_ids)}")
        entry = UseEntry(recorded_on=dt.date.today(), quarter=quarter, providers=named, used_by=used_by, use=use,
                         outcome=outcome, release=release)
    except ValidationError as exc:
        _fail(f"use-log entry not valid: {exc.errors()[0]['loc'][0]}: {exc.errors()[0]['msg']}")
    except DeidError as exc:
        _fail(str(exc))
    settings = _state_settings(state_dir)
    add_use(settings.use_log_path, entry)
    append_event(settings.audit_log_path, "use-logged", entry.model_dump(mode="json"))
    typer.echo(f"recorded: {entry.used_by} used {entry.quarter} data from {', '.join(entry.providers)} for {entry.use}")


@use_log_app.command("list")
def use_log_list(
    quarter: Optional[str] = typer.Option(None, "--quarter", help="Only this quarter."),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
) -> None:
    """Print the use log as JSON lines."""
    from deid.uselog import read_uses

    try:
        entries = read_uses(_state_settings(state_dir).use_log_path, quarter)
    except DeidError as exc:
        _fail(str(exc))
    for entry in entries:
        typer.echo(entry.model_dump_json())


audit_app = typer.Typer(help="The tamper-evident audit log of runs, releases, access requests and disposals.",
                        no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify(state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP)) -> None:
    """Recompute every entry's hash and link, and check the log against the chain heads recorded in the
    warehouse and in every release manifest; exit 1 naming each broken line and every missing entry
    (a log cut short, emptied or deleted). Keyed heads are checked with the key set as for `deid run`
    (the public demo key for a secure zone built with it)."""
    from deid.auditlog import audit_key, manifest_heads, recorded_heads, verify_log
    from deid.pipeline import open_warehouse

    settings = _state_settings(state_dir)
    try:
        heads, key = [], None
        if settings.warehouse_path.is_file():
            with open_warehouse(settings) as warehouse:
                heads, key = recorded_heads(warehouse), audit_key(warehouse)
        check = verify_log(settings.audit_log_path, heads, manifest_heads(settings.releases_dir), key)
    except DeidError as exc:
        _fail(str(exc))
    typer.echo(str(check))
    if not check.intact:
        raise typer.Exit(code=1)


@app.command("access-request")
def access_request(
    provider: str = typer.Option(..., "--provider", help="Provider id asking on its client's behalf."),
    client_ref: str = typer.Option(..., "--client-ref", help="The provider's own reference for the client."),
    out: Optional[Path] = typer.Option(None, "--out", help="Folder for the report (default: <state>/access-requests/<id>)."),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
    demo_key: bool = typer.Option(False, "--demo-key", help="The secure zone was built with the public demo key (samples only)."),
) -> None:
    """Everything held about one provider's client and every release that used it, as a readable report; logged."""
    import datetime as dt

    from deid.access import answer_access_request
    from deid.auditlog import append_event
    from deid.io import write_json, write_text
    from deid.pipeline import load_run_key, open_warehouse
    from deid.publish.marking import mark_payload
    from deid.uselog import read_uses
    from reports.builders import as_plain, common_context, render

    settings = _state_settings(state_dir).model_copy(update={"demo_key": demo_key})
    now = dt.datetime.now(dt.timezone.utc)
    try:
        agreement = _load_programme()
        if provider not in agreement.parties.provider_ids:
            _fail(f"provider '{provider}' is not a party to the agreement; parties: {', '.join(agreement.parties.provider_ids)}")
        key = load_run_key(settings)
        with open_warehouse(settings) as warehouse:
            report = answer_access_request(warehouse, settings.releases_dir, agreement, key, provider, client_ref, now,
                                           uses=read_uses(settings.use_log_path))
    except DeidError as exc:
        _fail(str(exc))
    folder = out or settings.state_dir / "access-requests" / report.request_id
    context = {**common_context(report.request_id, "", agreement.security_classification, key.is_demo, now),
               "r": report, "breach_contact": agreement.breach_contact}
    write_text(folder / "access_request.html", render("access_request.html.j2", context))
    write_json(folder / "access_request.json", mark_payload(as_plain(report), key.is_demo))
    append_event(settings.audit_log_path, "access-request", {
        "request_id": report.request_id, "provider": provider, "records_found": len(report.records),
        "extract_files": len(report.extract_rows), "releases_counted_in": len({c["run_id"] for c in report.counted_in}),
        "uses_found": len(report.uses),
        "report": str(folder)})
    typer.echo(f"{report.request_id}: {len(report.records)} record(s) held, in {len(report.extract_rows)} released extract file(s), "
               f"counted in {len(report.counted_in)} released output(s). Report: {folder / 'access_request.html'}")


@app.command()
def dispose(
    dry_run: bool = typer.Option(False, "--dry-run", help="List what is due, delete nothing."),
    today: Optional[str] = typer.Option(None, "--today", help="Judge retention as of this date (YYYY-MM-DD); default today."),
    landing: Optional[Path] = typer.Option(None, "--landing", help="Landing folder whose files are raw submissions (default: <state>/landing)."),
    state_dir: Optional[Path] = typer.Option(None, "--state-dir", envvar=STATE_DIR_ENV, help=STATE_HELP),
) -> None:
    """Delete raw submissions and identifiable data past the agreement's retention periods, and log what went."""
    import datetime as dt

    from deid.auditlog import append_event
    from deid.pipeline import open_warehouse
    from deid.retention import dispose as dispose_items, due_for_disposal

    settings = _state_settings(state_dir)
    if landing:
        settings = settings.model_copy(update={"landing_dir": landing.resolve()})
    try:
        as_of = dt.date.fromisoformat(today) if today else dt.date.today()
    except ValueError:
        _fail(f"--today '{today}' is not a date of the form YYYY-MM-DD")
    try:
        agreement = _load_programme()
        with open_warehouse(settings) as warehouse:
            items = due_for_disposal(warehouse, settings, agreement, as_of)
            for item in items:
                typer.echo(f"{'would delete' if dry_run else 'deleting'} {item.kind}: {item.provider} {item.quarter} "
                           f"({item.location}{f', {item.rows} rows' if item.rows is not None else ''}; due {item.due_on})")
            if not items:
                typer.echo(f"nothing is past its retention period as of {as_of}")
            if dry_run or not items:
                return
            counts = dispose_items(warehouse, items)
    except DeidError as exc:
        _fail(str(exc))
    append_event(settings.audit_log_path, "disposal", {
        "as_of": str(as_of), "files_deleted": counts["files"], "rows_deleted": counts["rows"],
        "history_rows_deleted": counts["history_rows"],
        "items": [{"kind": i.kind, "provider": i.provider, "quarter": i.quarter, "location": i.location, "rows": i.rows,
                   "due_on": str(i.due_on)} for i in items]})
    typer.echo(f"deleted {counts['files']} file(s), {counts['rows']} row(s) and {counts['history_rows']} pseudonym crosswalk "
               f"row(s); logged in {settings.audit_log_path}")


BATCH_HELP = {
    "source": "Batch input: a CSV or Parquet file (CSV is read as text).",
    "column": "Batch: the input column to standardise.",
    "target": "Batch output: .csv, .parquet or .jsonl; every input column is kept and the results appended.",
}


def _single_or_batch(text: Optional[str], source: Optional[Path], column: Optional[str], target: Optional[Path],
                     one: "Callable[[str], dict]", many: "Callable[[Any], Any]") -> None:
    """The shared convention: a TEXT argument prints JSON; --in/--column/--out runs a whole file."""
    from deid.batch import run_batch

    try:
        if text is not None and source is None:
            typer.echo(json.dumps(one(text), ensure_ascii=False, indent=2))
            return
        if text is not None or source is None or column is None or target is None:
            _fail("give one TEXT to print JSON, or all of --in FILE --column NAME --out FILE for a batch")
        rows = run_batch(source, column, target, many)
    except DeidError as exc:
        _fail(str(exc))
    typer.echo(f"wrote {rows} rows to {target}")


address_app = typer.Typer(help="The NZ address standard.", no_args_is_help=True)
app.add_typer(address_app, name="address")
name_app = typer.Typer(help="The person name standard.", no_args_is_help=True)
app.add_typer(name_app, name="name")


@address_app.command("parse")
def address_parse(
    text: Optional[str] = typer.Argument(None, help="One address, e.g. \"Flat 2, 15A Smith St, Mt Eden, Auckland 1024\"."),
    source: Optional[Path] = typer.Option(None, "--in", help=BATCH_HELP["source"]),
    column: Optional[str] = typer.Option(None, "--column", help=BATCH_HELP["column"]),
    target: Optional[Path] = typer.Option(None, "--out", help=BATCH_HELP["target"]),
) -> None:
    """Standardise NZ addresses into their components, area codes, parse status and address key."""
    from deid.standardise import AddressParser
    from deid.standards import load_standards

    standards = load_standards()
    parser = AddressParser(standards.address, standards.geography)
    _single_or_batch(text, source, column, target, lambda t: parser.parse(t).as_dict(), parser.parse_series)


@name_app.command("parse")
def name_parse(
    text: Optional[str] = typer.Argument(None, help="One name, e.g. \"TE KANAWA, Aroha Mere\"."),
    source: Optional[Path] = typer.Option(None, "--in", help=BATCH_HELP["source"]),
    column: Optional[str] = typer.Option(None, "--column", help=BATCH_HELP["column"]),
    target: Optional[Path] = typer.Option(None, "--out", help=BATCH_HELP["target"]),
) -> None:
    """Standardise person names: given names, family name, preferred name, display form and match key."""
    from deid.standardise import NameParser
    from deid.standards import load_standards

    parser = NameParser(load_standards().names)
    _single_or_batch(text, source, column, target, lambda t: vars(parser.parse(t)), parser.parse_series)


@app.command()
def scrub(
    text: Optional[str] = typer.Argument(None, help="One text to scrub."),
    source: Optional[Path] = typer.Option(None, "--in", help=BATCH_HELP["source"]),
    column: Optional[str] = typer.Option(None, "--column", help=BATCH_HELP["column"]),
    target: Optional[Path] = typer.Option(None, "--out", help=BATCH_HELP["target"]),
    names_from: Optional[str] = typer.Option(
        None, "--names-from", help="Batch only: comma-separated columns of the input whose values are known names "
                                   "(client, caregiver, whānau), used for every row, as the quarterly flow does."),
) -> None:
    """Scrub personal information from free text: JSON for one text (no matched text is shown), or a batch."""
    import polars as pl

    from deid.batch import read_batch_input
    from deid.scrub import Scrubber
    from deid.scrub.scrub import names_from_columns
    from deid.standards import load_standards

    known = None
    try:
        scrubber = Scrubber(load_standards())
        if names_from:
            if source is None or column is None:
                _fail("--names-from needs a batch: --in FILE --column NAME --out FILE")
            columns = [c.strip() for c in names_from.split(",") if c.strip()]
            known = scrubber.known_names(names_from_columns(read_batch_input(source, column), columns, str(source)))
    except DeidError as exc:
        _fail(str(exc))

    def one(value: str) -> dict:
        clean, spans = scrubber.scrub(value)
        return {"text": clean, "entities": [span.__dict__ for span in spans]}

    def many(values: pl.Series) -> pl.DataFrame:
        results = [scrubber.scrub(v, known) if v is not None else (None, []) for v in values.to_list()]
        return pl.DataFrame({"scrubbed": [r[0] for r in results],
                             "entities": [";".join(sorted({s.entity for s in r[1]})) or None for r in results]},
                            schema={"scrubbed": pl.Utf8, "entities": pl.Utf8})

    _single_or_batch(text, source, column, target, one, many)


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


if __name__ == "__main__":
    main()
