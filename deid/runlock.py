"""One run per state folder: a lock file naming its holder, stale locks detected, debris swept.

The lock is a file created exclusively (`O_EXCL`) in the state folder, holding the process
id, host and start time of the run that holds it. A second run is refused with the holder
named. A lock whose process has gone (a crash, `kill -9`) is stale: the next run takes it
over and sweeps the staging folders the dead run left, which never became releases.
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

from deid.errors import DeidError
from deid.reaper import process_alive

log = logging.getLogger(__name__)
LOCK_FILE = "run.lock"


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


def sweep_staging(releases_dir: Path) -> list[Path]:
    """Remove staging folders left by runs that died before publishing (only called under the lock)."""
    swept = []
    if releases_dir.is_dir():
        for folder in sorted(releases_dir.glob(".staging-*")):
            shutil.rmtree(folder, ignore_errors=True)
            swept.append(folder)
            log.warning("removed %s, left by a run that stopped before publishing", folder.name)
    return swept


@contextmanager
def run_lock(state_dir: Path, releases_dir: Path, run_id: str, quarter: str) -> Iterator[dict[str, Any]]:
    """Hold the state folder for one run; refuse if a live run holds it; take over a stale lock.

    Raises:
        StateLockedError: another live run holds the folder (named in the message).
    """
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / LOCK_FILE
    me = {"pid": os.getpid(), "host": socket.gethostname(), "run_id": run_id, "quarter": quarter,
          "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    stale: dict[str, Any] | None = None
    for _ in range(2):
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            holder = read_holder(state_dir)
            if holder is not None and not is_stale(holder):
                raise StateLockedError(
                    f"another run holds the state folder {state_dir}: run {holder.get('run_id')} for {holder.get('quarter')}, "
                    f"process {holder.get('pid')} on {holder.get('host')}, started {holder.get('started_at')}. Wait for it "
                    f"to finish; if that process no longer exists, remove {path}") from None
            log.warning("taking over a stale lock from run %s (process %s is gone)", (holder or {}).get("run_id"),
                        (holder or {}).get("pid"))
            stale = holder or {}
            path.unlink(missing_ok=True)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(me, handle)
        break
    else:
        raise StateLockedError(f"could not take the lock {path}; another run took it at the same moment")
    try:
        sweep_staging(releases_dir)
        yield {**me, "took_over_from": stale}
    finally:
        if (read_holder(state_dir) or {}).get("pid") == me["pid"]:
            path.unlink(missing_ok=True)
