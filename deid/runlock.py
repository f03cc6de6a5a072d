"""One run per state folder: a lock file naming its holder, stale locks detected, debris swept.

The lock is a file created exclusively (`O_EXCL`) in the state folder, holding the process
id, host, start time and actor of the run that holds it. A second run is refused with the
holder named. A lock whose process has gone (a crash, `kill -9`) is stale: the next run takes
it over, records the interrupted run and the takeover in the audit log (a run killed outright
cannot log itself), and sweeps the staging folders the dead run left, which never became releases.

A release is staged beside the releases folder (`releases.staging/<run_id>/`), not inside it,
so copying or syncing `releases/` can never pick up half a release (`deid.io.staging_dir_for`).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from deid.auditlog import append_event, default_actor
from deid.errors import DeidError
from deid.io import LEGACY_STAGING_PREFIX, staging_root
from deid.reaper import process_alive

log = logging.getLogger(__name__)
LOCK_FILE = "run.lock"
AUDIT_LOG_FILE = "audit_log.jsonl"   # beside the lock, as the run settings place it


class StateLockedError(DeidError):
    """Another run holds the state folder."""


def read_holder(state_dir: Path) -> dict[str, Any] | None:
    """The lock holder's record (None: no lock, or one that cannot be read)."""
    path = state_dir / LOCK_FILE
    try:
        holder = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return holder if isinstance(holder, dict) else None


def is_stale(holder: dict[str, Any] | None) -> bool:
    """A lock from this host whose process is gone, or one that cannot be read, is stale."""
    if holder is None:
        return True
    return holder.get("host") == socket.gethostname() and not process_alive(int(holder.get("pid", 0)))


def live_holder(state_dir: Path) -> dict[str, Any] | None:
    """The record of the live run holding the state folder (None: no run holds it, or its holder died)."""
    holder = read_holder(state_dir)
    return None if is_stale(holder) else holder


def describe_holder(holder: dict[str, Any]) -> str:
    """The holder as a person reads it: which run, for which quarter, which process, since when, started by whom."""
    by = f", started by {holder['actor']}" if holder.get("actor") else ""
    return (f"run {holder.get('run_id')} for {holder.get('quarter')}, process {holder.get('pid')} on {holder.get('host')}, "
            f"started {holder.get('started_at')}{by}")


def sweep_staging(releases_dir: Path) -> list[Path]:
    """Remove staging folders left by runs that died before publishing (only called under the lock): those
    beside the releases folder, and any inside it (where earlier versions, or a cross-device publish, staged)."""
    root = staging_root(releases_dir)
    found = sorted(root.iterdir()) if root.is_dir() else []
    found += sorted(releases_dir.glob(f"{LEGACY_STAGING_PREFIX}*")) if releases_dir.is_dir() else []
    for folder in found:
        shutil.rmtree(folder, ignore_errors=True)
        log.warning("removed %s, left by a run that stopped before publishing", folder)
    return found


def record_interrupted_run(state_dir: Path, dead: dict[str, Any] | None, me: dict[str, Any]) -> None:
    """Log the run whose lock was taken over (it was killed, or its machine stopped, before it could log
    anything itself) and the run that took over, in one entry (no record values)."""
    known = dead or {}
    append_event(state_dir / AUDIT_LOG_FILE, "run-interrupted", {
        "run_id": known.get("run_id"), "quarter": known.get("quarter"), "started_at": known.get("started_at"),
        "pid": known.get("pid"), "host": known.get("host"), "started_by": known.get("actor"),
        "interrupted": True,
        "how": ("its process is gone: it stopped before finishing (killed, or its machine stopped)" if dead
                else "its lock file could not be read (the run stopped while taking it)"),
        "taken_over_by": {k: me[k] for k in ("run_id", "quarter", "pid", "host", "started_at")}},
        actor=me.get("actor"))


@contextmanager
def run_lock(state_dir: Path, releases_dir: Path, run_id: str, quarter: str,
             actor: str | None = None) -> Iterator[dict[str, Any]]:
    """Hold the state folder for one run; refuse if a live run holds it; take over a stale lock.

    Raises:
        StateLockedError: another live run holds the folder (named in the message).
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / LOCK_FILE
    me = {"pid": os.getpid(), "host": socket.gethostname(), "run_id": run_id, "quarter": quarter,
          "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "actor": actor or default_actor()}
    stale: dict[str, Any] | None = None
    took_over = False
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            holder = read_holder(state_dir)
            if holder is not None and not is_stale(holder):
                raise StateLockedError(
                    f"another run holds the state folder {state_dir}: {describe_holder(holder)}. Wait for it "
                    f"to finish; if that process no longer exists, remove {path}") from None
            log.warning("taking over a stale lock from run %s (process %s is gone); the interrupted run is recorded "
                        "in the audit log", (holder or {}).get("run_id"), (holder or {}).get("pid"))
            stale, took_over = holder or {}, True
            path.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(me, handle)
        break
    else:
        raise StateLockedError(f"could not take the lock {path}; another run took it at the same moment")
    try:
        if took_over:
            record_interrupted_run(state_dir, stale or None, me)
        sweep_staging(releases_dir)
        yield {**me, "took_over_from": stale}
    finally:
        if (read_holder(state_dir) or {}).get("pid") == me["pid"]:
            path.unlink(missing_ok=True)
