"""Run settings: resolved once from the command line and environment, then frozen.

Stages see only these values; none reads the environment itself. The pseudonymisation
key is deliberately not here, so it can never be serialised with a flow's parameters.

Everything this tool writes is owner-only (folders 0700, files 0600), whatever the umask the
process started with: the state folder holds identifiable data (the warehouse, raw files,
landing copies, kept stage outputs, access-request reports, the audit log), and a file that
leaves it (a release) is shared by copying it out on purpose. Importing this module sets the
process's umask (`restrict_new_files`), since every entry point (the CLI, a Prefect
deployment's flow, a Dask worker unpacking a task's settings) imports it before it writes.
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import stat
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from deid.standards import DEFAULT_STANDARDS_DIR, quarter_bounds

STATE_DIR_ENV = "DEID_STATE_DIR"
CONFIG_DIR_ENV = "DEID_CONFIG_DIR"
ACTOR_ENV = "DEID_ACTOR"             # who is acting, for the audit log, when a command was given no --by
OWNER_ONLY_UMASK = 0o077             # new folders 0700, new files 0600
DEFAULT_STATE_DIR = Path(".deid-state")
AGREEMENT_FILE = "parenting-programme.yaml"
WAREHOUSE_FILE = "warehouse.duckdb"   # the secure zone, in the state folder (the audit log sits beside it)
DEFAULT_AGREEMENT = DEFAULT_STANDARDS_DIR / "agreements" / AGREEMENT_FILE


class DeploymentSettings(BaseSettings):
    """Where a deployment keeps its own things, from DEID_* environment variables.

    The config folder holds what stewards change (the agreement with its parties, confirmed
    provider mappings, local standards) and overlays the packaged standards/ file by file,
    so nothing a steward does edits the installed package.
    """

    model_config = SettingsConfigDict(env_prefix="DEID_", extra="ignore")

    state_dir: Path = Field(default=DEFAULT_STATE_DIR, description="Runtime state: warehouse, raw store, releases")
    config_dir: Path | None = Field(default=None, description="The deployment's configuration (default: <state_dir>/config)")
    workers: int | None = Field(default=None, ge=1, description=(
        "Worker processes for the per-submission stages of a run without Prefect (default 1: the run's own "
        "process; more pays on a machine with cores to spare)"))

    def resolved_config_dir(self, state_dir: Path | None = None) -> Path:
        return (self.config_dir or (state_dir or self.state_dir) / "config").resolve()


def restrict_new_files() -> int:
    """Make every file and folder this process creates from now on owner-only (a umask of at least 077,
    kept stricter if it was); returns the umask it replaced."""
    previous = os.umask(OWNER_ONLY_UMASK)
    os.umask(previous | OWNER_ONLY_UMASK)
    return previous


restrict_new_files()


def open_to_others(path: Path) -> bool:
    """Whether a folder or file grants anything to its group or to other accounts."""
    try:
        return bool(stat.S_IMODE(path.stat().st_mode) & OWNER_ONLY_UMASK)
    except FileNotFoundError:
        return False


def prepare_state_folder(state_dir: Path) -> str | None:
    """Create the state folder owner-only; for one that exists and is open to others, the warning to give
    (its mode is left as it is: a deployment may have meant to share it with a group, but should know).
    """
    if not state_dir.exists():
        state_dir.mkdir(parents=True, mode=0o700)
        state_dir.chmod(0o700)   # mkdir's mode is filtered by the umask; make sure
        return None
    held = [path for path in (state_dir / WAREHOUSE_FILE, state_dir / "secure", state_dir / "landing") if path.exists()]
    opened = [path for path in (state_dir, *held) if open_to_others(path)]   # (made before the zone was owner-only)
    if not opened:
        return None
    said = ", ".join(f"{path} (mode {stat.S_IMODE(path.stat().st_mode):o})" for path in opened)
    return (f"other accounts on this host can read {said}; the state folder holds identifiable data. "
            f"Restrict it with: chmod -R go-rwx {state_dir}")


def agreement_path_for(config_dir: Path | None) -> Path:
    """The agreement in the config folder when it has one, else the packaged one."""
    local = config_dir / "agreements" / AGREEMENT_FILE if config_dir else None
    return local if local is not None and local.is_file() else DEFAULT_AGREEMENT


class StatePaths:
    """Where a state folder keeps each thing; shared by run settings and commands that need no quarter."""

    state_dir: Path

    @property
    def warehouse_path(self) -> Path:
        return self.state_dir / WAREHOUSE_FILE

    @property
    def raw_store_dir(self) -> Path:
        return self.state_dir / "secure" / "raw"

    @property
    def releases_dir(self) -> Path:
        return self.state_dir / "releases"

    @property
    def audit_log_path(self) -> Path:
        return self.state_dir / "audit_log.jsonl"

    @property
    def use_log_path(self) -> Path:
        return self.state_dir / "use_log.jsonl"


class RunSettings(StatePaths, BaseModel):
    """Everything one quarterly run needs to know about where things are."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    run_id: str = Field(description="Unique id of this run, carried on every output row")
    quarter: str = Field(description="Reporting quarter, e.g. 2026Q3")
    quarter_start: dt.date
    quarter_end: dt.date
    started_at: dt.datetime
    state_dir: Path = Field(description="Git-ignored folder for all runtime state")
    landing_dir: Path = Field(description="Folder of provider submissions: <provider>/<quarter>/<file>")
    standards_dir: Path = Field(description="Folder of data standards")
    config_dir: Path = Field(description="The deployment's own configuration, overlaying standards_dir (DEID_CONFIG_DIR)")
    agreement_path: Path = Field(description="Sharing agreement YAML")
    demo_key: bool = Field(description="Run with the public demo key (samples only; marked on every output)")
    actor: str | None = Field(None, description="Who runs it (deid run --by, else $DEID_ACTOR when the run started): named "
                                               "in the run's audit entries wherever its stages run, a Dask worker included")


    @property
    def release_dir(self) -> Path:
        return self.releases_dir / self.run_id


def default_state_dir() -> Path:
    return Path(os.environ.get(STATE_DIR_ENV) or DEFAULT_STATE_DIR).resolve()


def default_config_dir(state_dir: Path | None = None) -> Path:
    return DeploymentSettings().resolved_config_dir(state_dir or default_state_dir())


def resolve_settings(
    quarter: str,
    *,
    landing_dir: Path | None = None,
    state_dir: Path | None = None,
    standards_dir: Path | None = None,
    config_dir: Path | None = None,
    agreement_path: Path | None = None,
    demo_key: bool = False,
    now: dt.datetime | None = None,
) -> RunSettings:
    """Fill defaults and derived values for one run."""
    quarter = quarter.upper()
    start, end = quarter_bounds(quarter)
    now = now or dt.datetime.now(dt.UTC)
    state = (state_dir or default_state_dir()).resolve()
    config = (config_dir or default_config_dir(state)).resolve()
    return RunSettings(
        run_id=f"{quarter}-{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}",
        quarter=quarter,
        quarter_start=start,
        quarter_end=end,
        started_at=now,
        state_dir=state,
        landing_dir=(landing_dir or state / "landing").resolve(),
        standards_dir=(standards_dir or DEFAULT_STANDARDS_DIR).resolve(),
        config_dir=config,
        agreement_path=(agreement_path or agreement_path_for(config)).resolve(),
        demo_key=demo_key,
        actor=os.environ.get(ACTOR_ENV, "").strip() or None,
    )
