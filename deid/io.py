"""File I/O at the edges: landing discovery, hashing, raw store, release writing."""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from deid.safe_text import neutralise_frame

# Files the readers take (a .gz is unpacked and read by what it holds).
SUBMISSION_SUFFIXES = {".csv", ".txt", ".tsv", ".tab", ".psv", ".xlsx", ".xlsm", ".xls", ".ods", ".parquet", ".json",
                       ".jsonl", ".ndjson", ".gz"}
REPLACEMENTS_FILE = ".deid-replaced.json"   # in a quarter folder: files a provider's resubmission replaced
_ARRIVAL_PREFIX = re.compile(r"^\d{8}T\d{6}Z__")
# A quarter folder written by hand: "2026Q1", "2026 q1", "2026-Q1" or "Q1 2026" once separators are folded.
_QUARTER_SEPARATORS = re.compile(r"[\s_\-.]+")
_YEAR_QUARTER = re.compile(r"(\d{4})Q([1-4])")
_QUARTER_YEAR = re.compile(r"Q([1-4])(\d{4})")


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


@dataclass(frozen=True)
class LandingInventory:
    """Every file under the landing folder that concerns a quarter: what to read and what cannot be."""

    files: list[SubmissionFile]                       # oldest first
    unreadable: list[tuple[SubmissionFile, str]]      # with the reason, reported to provider and steward
    replaced: dict[tuple[str, str], str]              # (provider, file name) -> the file that replaced it


def original_name(file_name: str) -> str:
    """The name the provider gave a file (without the arrival time `deid submit` adds)."""
    return _ARRIVAL_PREFIX.sub("", file_name)


def discover_submissions(landing_dir: Path, quarter: str) -> list[SubmissionFile]:
    """Readable files under <landing>/<provider>/<quarter>/, oldest first."""
    return take_inventory(landing_dir, quarter).files


def quarter_read_from(folder_name: str) -> str | None:
    """The quarter a folder's name reads as ("2026q1", "2026 Q1", "2026-Q1", "Q1 2026" and "Q1-2026" all read as
    2026Q1: case, spaces, hyphens, underscores and dots are folded), or None when it reads as no quarter."""
    folded = _QUARTER_SEPARATORS.sub("", folder_name).upper()
    year_first = _YEAR_QUARTER.fullmatch(folded)
    if year_first:
        return f"{year_first[1]}Q{year_first[2]}"
    quarter_first = _QUARTER_YEAR.fullmatch(folded)
    return f"{quarter_first[2]}Q{quarter_first[1]}" if quarter_first else None


def quarter_folders(provider_dir: Path, quarter: str) -> list[Path]:
    """A provider's folders that read as `quarter` (its own "2026Q1", and "2026 q1" or "Q1-2026" written by hand)."""
    wanted = quarter_read_from(quarter) or quarter
    return sorted(p for p in provider_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
                  and (p.name == quarter or quarter_read_from(p.name) == wanted))


def is_lock_file(file_name: str) -> bool:
    """An Office lock file: Excel's "~$Q4 return.xlsx" or LibreOffice's ".~lock.Q4 return.xlsx#"."""
    return file_name.startswith("~$") or file_name.startswith(".~lock.")


def take_inventory(landing_dir: Path, quarter: str) -> LandingInventory:
    """Files under <landing>/<provider>/<quarter>/ (readable or not), and what a provider left elsewhere in its
    folder (reported, never silently skipped): loose files, and folders whose name reads as no quarter.

    A folder whose name reads as the quarter in another form ("2026 q1", "Q1-2026") is that quarter's folder too;
    a folder that reads as another quarter is that quarter's, and not looked at. Office lock files hold no data:
    they are not read, but are listed with what they are."""
    files: list[SubmissionFile] = []
    unreadable: list[tuple[SubmissionFile, str]] = []
    replaced: dict[tuple[str, str], str] = {}
    if not landing_dir.is_dir():
        return LandingInventory(files, unreadable, replaced)
    for provider_dir in sorted(p for p in landing_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        provider = provider_dir.name
        for loose in sorted(p for p in provider_dir.iterdir() if p.is_file()):
            if is_lock_file(loose.name):
                unreadable.append(_lock_file(loose, provider, quarter))
            elif not loose.name.startswith("."):
                unreadable.append((submission_file(loose, provider, quarter),
                                   f"{loose.name}: not in a quarter folder; put it in {provider}/<quarter>/ "
                                   f"(for example {provider}/{quarter}/) so a run can tell which quarter it reports"))
        for folder in sorted(p for p in provider_dir.iterdir() if p.is_dir() and not p.name.startswith(".")
                             and p.name != quarter and quarter_read_from(p.name) is None):
            held = _files_held(folder)
            if held:
                unreadable.append((SubmissionFile(provider, quarter, folder, "", 0, _EPOCH),
                                   f"{folder.name}/: a folder whose name is not a quarter, so its {held} file(s) were not "
                                   f"read; put each quarter's files in a folder named for that quarter (for example "
                                   f"{provider}/{quarter}/) so a run can tell which quarter they report"))
        for quarter_dir in quarter_folders(provider_dir, quarter):
            _take_quarter_folder(quarter_dir, provider, quarter, files, unreadable, replaced)

    def key(s: SubmissionFile) -> tuple[str, dt.datetime, str]:
        return (s.provider, s.modified, s.path.name)

    return LandingInventory(sorted(files, key=key), sorted(unreadable, key=lambda u: key(u[0])), replaced)


def _take_quarter_folder(quarter_dir: Path, provider: str, quarter: str, files: list[SubmissionFile],
                         unreadable: list[tuple[SubmissionFile, str]], replaced: dict[tuple[str, str], str]) -> None:
    """One quarter folder's files: what to read, what cannot be (with the reason) and what resubmissions replaced."""
    marker = quarter_dir / REPLACEMENTS_FILE
    if marker.is_file():
        for entry in json.loads(marker.read_text(encoding="utf-8")).get("replaced", []):
            replaced[(provider, entry["file"])] = entry["by"]
    for path in sorted(quarter_dir.iterdir()):
        if is_lock_file(path.name) and not path.is_dir():
            unreadable.append(_lock_file(path, provider, quarter))
            continue
        if path.name.startswith("."):
            continue
        if path.is_dir():
            unreadable.append((SubmissionFile(provider, quarter, path, "", 0, _EPOCH),
                               f"{path.name}/: a folder inside the quarter folder; put its files directly in "
                               f"{provider}/{quarter_dir.name}/"))
            continue
        found = submission_file(path, provider, quarter)
        if path.suffix.lower() in SUBMISSION_SUFFIXES:
            files.append(found)
        else:
            kind = path.suffix.lower() or "(no extension)"
            unreadable.append((found, f"{path.name}: a {kind} file is not a data file the pipeline can read; send the "
                                      "data as CSV, TSV, Excel (.xlsx), OpenDocument (.ods), JSON or Parquet"))


def _lock_file(path: Path, provider: str, quarter: str) -> tuple[SubmissionFile, str]:
    """A lock file, listed without its hash: it holds no data (only who has the workbook open) and goes when the
    workbook is closed, so it is neither read nor copied to the raw store."""
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    except OSError:   # the workbook was closed meanwhile
        modified = _EPOCH
    return (SubmissionFile(provider, quarter, path, "", 0, modified),
            f"{path.name}: an Office lock file, left while the workbook was open; it holds no data and is ignored - "
            "send the workbook itself")


def _files_held(folder: Path) -> int:
    """How many files a folder holds at any depth, leaving out hidden files and lock files (an empty folder, or one
    holding only a system's ".DS_Store", loses nothing)."""
    return sum(1 for p in folder.rglob("*") if p.is_file() and not is_lock_file(p.name)
               and not any(part.startswith(".") for part in p.relative_to(folder).parts))


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def record_replacement(quarter_dir: Path, replaced: list[str], by: str, now: dt.datetime) -> None:
    """Note in the quarter folder that a resubmission replaces earlier files (kept, not read)."""
    marker = quarter_dir / REPLACEMENTS_FILE
    entries = json.loads(marker.read_text(encoding="utf-8")).get("replaced", []) if marker.is_file() else []
    entries += [{"file": name, "by": by, "at": now.isoformat()} for name in replaced]
    marker.write_text(json.dumps({"replaced": entries}, indent=2) + "\n", encoding="utf-8")


def replacements_noted(landing_dir: Path, provider: str, quarter: str) -> str | None:
    """The quarter folder's replacement record as it stands (None: there is none), to restore if a landing is undone."""
    marker = landing_dir / provider / quarter / REPLACEMENTS_FILE
    return marker.read_text(encoding="utf-8") if marker.is_file() else None


def withdraw_landing(landed: Path, replacements_before: str | None) -> None:
    """Undo a landing whose receipt could not be recorded: the file goes, and the replacement record is put
    back as it was, so a submission is either landed and recorded or not landed at all."""
    landed.unlink(missing_ok=True)
    marker = landed.parent / REPLACEMENTS_FILE
    if replacements_before is None:
        marker.unlink(missing_ok=True)
    else:
        marker.write_text(replacements_before, encoding="utf-8")


def submission_file(path: Path, provider: str, quarter: str) -> SubmissionFile:
    stat = path.stat()
    return SubmissionFile(provider, quarter, path, sha256_file(path), stat.st_size,
                          dt.datetime.fromtimestamp(stat.st_mtime, dt.UTC))


def store_raw(raw_store_dir: Path, submission: SubmissionFile) -> Path:
    """Copy a submission into the secure zone's raw store, named by its hash (idempotent)."""
    target = raw_store_dir / submission.provider / submission.quarter / f"{submission.sha256[:16]}-{submission.path.name}"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        copy_owner_only(submission.path, target)
    return target


def copy_owner_only(source: Path, target: Path) -> None:
    """Copy a file's bytes and times, but not its permissions: a provider's file may be readable by
    anyone where it came from; its copy in the secure zone is the owner's alone (0600)."""
    shutil.copyfile(source, target)
    target.chmod(0o600)
    times = source.stat()
    os.utime(target, ns=(times.st_atime_ns, times.st_mtime_ns))


def _json_value(value: Any) -> Any:
    """Sets are written sorted (the same release written twice is the same bytes); anything else as text."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def write_json(path: Path, payload: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=_json_value) + "\n", encoding="utf-8")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_table(path: Path, frame: pl.DataFrame) -> None:
    """Write CSV or Parquet by extension; CSV text is neutralised against formula injection (`deid.safe_text`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        frame.write_parquet(path)
    elif path.suffix == ".csv":
        neutralise_frame(frame).write_csv(path)
    else:
        raise ValueError(f"unsupported table extension '{path.suffix}' for {path.name}")


LEGACY_STAGING_PREFIX = ".staging-"   # a release staged inside the releases folder (earlier versions; cross-device)


def staging_root(releases_dir: Path) -> Path:
    """Where releases are written before they are renamed into the releases folder: beside it
    (`<state>/releases.staging/`), not in it, so copying or syncing the releases folder never
    picks up half a release."""
    return releases_dir.with_name(f"{releases_dir.name}.staging")


def staging_dir_for(releases_dir: Path, run_id: str) -> Path:
    return staging_root(releases_dir) / run_id


def publish_atomically(staging_dir: Path, final_dir: Path) -> Path:
    """Rename a fully written staging folder into place, so a release is whole or absent.

    When the releases folder is on another file system than its staging folder (a mounted share),
    a rename cannot cross: the release is copied to a hidden `.staging-<run>` folder inside the
    releases folder and renamed from there, still whole or absent."""
    final_dir.parent.mkdir(parents=True, exist_ok=True)
    if final_dir.exists():
        raise FileExistsError(f"release folder {final_dir} already exists")
    try:
        os.replace(staging_dir, final_dir)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        beside = final_dir.with_name(f"{LEGACY_STAGING_PREFIX}{final_dir.name}")
        shutil.rmtree(beside, ignore_errors=True)
        try:
            shutil.copytree(staging_dir, beside)
            os.replace(beside, final_dir)
        finally:
            shutil.rmtree(beside, ignore_errors=True)
        shutil.rmtree(staging_dir, ignore_errors=True)
    remove_if_empty(staging_dir.parent)
    return final_dir


def remove_if_empty(folder: Path) -> None:
    """Remove a folder left empty (the staging folder's parent after the last release moved out)."""
    with contextlib.suppress(OSError):   # not empty (another run's staging), or already gone
        folder.rmdir()


def land_submission(landing_dir: Path, provider: str, quarter: str, source: Path, now: dt.datetime,
                    replace: bool = False) -> tuple[Path, Path | None]:
    """Copy a provider's file into <landing>/<provider>/<quarter>/ named by arrival time.

    Files landed for a provider and quarter are parts of one submission. With `replace`, the
    new file is a resubmission: every file landed before it is recorded as replaced (kept in
    the folder and the raw store, not read). Returns the landed path and, when the same bytes
    were already landed for that provider and quarter, the earlier file instead (nothing is
    copied: a file is never counted twice).
    """
    folder = landing_dir / provider / quarter
    digest = sha256_file(source)
    if folder.is_dir():
        for existing in sorted(folder.iterdir()):
            if existing.is_file() and not existing.name.startswith(".") and sha256_file(existing) == digest:
                return existing, existing
    folder.mkdir(parents=True, exist_ok=True)
    earlier = sorted(p.name for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    target = folder / f"{now:%Y%m%dT%H%M%SZ}__{source.name}"
    copy_owner_only(source, target)
    os.utime(target, (now.timestamp(), now.timestamp()))  # arrival order decides which file replaces which
    if replace and earlier:
        record_replacement(folder, earlier, target.name, now)
    return target, None
