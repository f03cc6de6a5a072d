"""File I/O at the edges: landing discovery, hashing, raw store, release writing."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

SUBMISSION_SUFFIXES = {".csv", ".txt", ".xlsx", ".xlsm", ".xls", ".parquet"}


@dataclass(frozen=True)
class SubmissionFile:
    provider: str
    quarter: str
    path: Path
    sha256: str
    size: int
    modified: dt.datetime


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def discover_submissions(landing_dir: Path, quarter: str) -> list[SubmissionFile]:
    """Files under <landing>/<provider>/<quarter>/, oldest first."""
    found: list[SubmissionFile] = []
    if not landing_dir.is_dir():
        return found
    for provider_dir in sorted(p for p in landing_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        quarter_dir = provider_dir / quarter
        if not quarter_dir.is_dir():
            continue
        for path in sorted(quarter_dir.iterdir()):
            if path.is_file() and not path.name.startswith(".") and path.suffix.lower() in SUBMISSION_SUFFIXES:
                found.append(submission_file(path, provider_dir.name, quarter))
    return sorted(found, key=lambda s: (s.provider, s.modified, s.path.name))


def submission_file(path: Path, provider: str, quarter: str) -> SubmissionFile:
    stat = path.stat()
    return SubmissionFile(provider, quarter, path, sha256_file(path), stat.st_size,
                          dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc))


def store_raw(raw_store_dir: Path, submission: SubmissionFile) -> Path:
    """Copy a submission into the secure zone's raw store, named by its hash (idempotent)."""
    target = raw_store_dir / submission.provider / submission.quarter / f"{submission.sha256[:16]}-{submission.path.name}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(submission.path, target)
    return target


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_table(path: Path, frame: pl.DataFrame) -> None:
    """Write CSV or Parquet by extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        frame.write_parquet(path)
    elif path.suffix == ".csv":
        frame.write_csv(path)
    else:
        raise ValueError(f"unsupported table extension '{path.suffix}' for {path.name}")


def publish_atomically(staging_dir: Path, final_dir: Path) -> Path:
    """Rename a fully written staging folder into place, so a release is whole or absent."""
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    if final_dir.exists():
        raise FileExistsError(f"release folder {final_dir} already exists")
    os.replace(staging_dir, final_dir)
    return final_dir


def land_submission(landing_dir: Path, provider: str, quarter: str, source: Path, now: dt.datetime) -> tuple[Path, Path | None]:
    """Copy a provider's file into <landing>/<provider>/<quarter>/ named by arrival time.

    Returns the landed path and, when the same bytes were already landed for that provider
    and quarter, the earlier file instead (nothing is copied: a file is never counted twice).
    """
    folder = landing_dir / provider / quarter
    digest = sha256_file(source)
    if folder.is_dir():
        for existing in sorted(folder.iterdir()):
            if existing.is_file() and sha256_file(existing) == digest:
                return existing, existing
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{now:%Y%m%dT%H%M%SZ}__{source.name}"
    shutil.copy2(source, target)
    os.utime(target, (now.timestamp(), now.timestamp()))  # arrival order decides which submission is current
    return target, None
