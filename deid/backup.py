"""A copy of the secure zone's history, so that a damaged warehouse can be restored without losing it.

What a backup holds: the warehouse (every secure-zone table: records, pseudonym history and crosswalks,
the release register, the cells releases hid or showed, the audit log's recorded heads), the audit log
and the analysts' use log, each with its SHA-256 in the backup's `backup.json`. What it does not hold:
the key (kept apart by design), raw landed files (the provider's own copies, and disposed of on their
own schedule), stage outputs (rebuilt by a run) and release folders (already sent; their manifests
anchor the audit log). Found by a user test: after moving a damaged warehouse aside as the error told,
the next run made an empty one, and the history of three quarters was gone without a word.

The copy is made through DuckDB (`COPY FROM DATABASE`), not by copying bytes, so it is consistent and
holds no deleted rows' leftover bytes; it is refused while a run holds the state folder.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import duckdb

from deid.errors import DeidError
from deid.io import sha256_file
from deid.runlock import is_stale, read_holder
from deid.settings import StatePaths

BACKUP_MANIFEST = "backup.json"
LOGS = ("audit_log.jsonl", "use_log.jsonl")


class BackupError(DeidError):
    """A backup that could not be made or checked; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class BackupResult:
    folder: Path
    files: tuple[dict[str, Any], ...]
    audit_entries: int

    def lines(self) -> list[str]:
        sizes = ", ".join(f"{f['path']} ({f['bytes']:,} bytes)" for f in self.files)
        return [f"backed up to {self.folder}: {sizes}",
                f"the audit log had {self.audit_entries} entries; restore with the steps in the README (Keys and history)"]


def _owner_only_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)


def backup_state(paths: StatePaths, target_dir: Path, now: dt.datetime | None = None) -> BackupResult:
    """Copy the warehouse and the logs into a new folder under `target_dir` (owner-only), with their hashes."""
    holder = read_holder(paths.state_dir)
    if holder is not None and not is_stale(holder):
        raise BackupError(f"a run holds {paths.state_dir} (run {holder.get('run_id')}, quarter {holder.get('quarter')}, "
                          f"process {holder.get('pid')}); back up when it has finished")
    if not paths.warehouse_path.is_file():
        raise BackupError(f"no warehouse at {paths.warehouse_path}: nothing to back up (is --state-dir right?)")
    if target_dir.resolve().is_relative_to(paths.state_dir.resolve()):
        raise BackupError(f"{target_dir} is inside the state folder {paths.state_dir}: a backup there is lost with it and "
                          "copied with it; put it on another disk or machine")
    now = now or dt.datetime.now(dt.UTC)
    folder = target_dir.resolve() / f"deid-backup-{now.strftime('%Y%m%dT%H%M%SZ')}"
    if folder.exists():
        raise BackupError(f"{folder} exists already; wait a second or choose another --to folder")
    _owner_only_dir(target_dir.resolve())
    _owner_only_dir(folder)
    copied = folder / paths.warehouse_path.name
    try:
        with duckdb.connect() as con:
            con.execute("ATTACH ? AS source (READ_ONLY)", [str(paths.warehouse_path)])
            con.execute("ATTACH ? AS copy", [str(copied)])
            con.execute("COPY FROM DATABASE source TO copy")
            con.execute("DETACH copy")
            con.execute("DETACH source")
    except duckdb.Error as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise BackupError(f"could not copy {paths.warehouse_path}: {exc} (is another command using it?)") from None
    for name in LOGS:
        source = paths.state_dir / name
        if source.is_file():
            shutil.copy2(source, folder / name)
    entries = _lines(folder / LOGS[0])
    files = tuple({"path": p.name, "bytes": p.stat().st_size, "sha256": sha256_file(p)}
                  for p in sorted(folder.iterdir()) if p.is_file())
    for p in folder.iterdir():
        os.chmod(p, 0o600)
    manifest = {"created_at": now.isoformat(), "state_dir": str(paths.state_dir), "audit_log_entries": entries,
                "files": list(files), "not_included": ["the key (keep it apart)", "raw landed files", "stage outputs",
                                                       "release folders"]}
    (folder / BACKUP_MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    os.chmod(folder / BACKUP_MANIFEST, 0o600)
    return BackupResult(folder, files, entries)


def check_backup(folder: Path) -> list[str]:
    """Problems with a backup folder (a file missing or changed since it was made); empty when it is whole."""
    manifest_path = folder / BACKUP_MANIFEST
    if not manifest_path.is_file():
        return [f"{folder} has no {BACKUP_MANIFEST}: not a deid backup"]
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems = []
    for entry in manifest.get("files", []):
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{path}: missing")
        elif sha256_file(path) != entry["sha256"]:
            problems.append(f"{path}: changed since the backup was made (SHA-256 differs)")
    return problems


def _lines(path: Path) -> int:
    if not path.is_file():
        return 0
    with path.open("rb") as handle:
        return sum(1 for line in handle if line.strip())
