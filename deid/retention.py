"""Retention and disposal: everything the secure zone and the state folder hold past the agreement's periods.

`due_for_disposal` lists what is due (a dry run shows exactly this); `dispose` deletes it,
warehouse rows in one transaction and files after, and the caller logs what went and then
rewrites the warehouse (`deid.store.warehouse.rewrite_database`), since DuckDB leaves deleted
values in the file's bytes. What is due, and from when:

- a raw submission (its secure raw-store copy and its landing-folder file): `raw_submissions_years`
  after it was received;
- identifiable records, their quarantined values and row warnings: `identifiable_data_years` after
  the end of the quarter they report on;
- a quarter's kept stage outputs (`secure/stages/<quarter>/`, identifiable rows of a quarter that
  was never released, or whose run stopped): the same, as they hold the same records;
- an access-request report (the person's records as held when it was answered): when the first
  quarter whose records it copies is due, as a copy must not outlive what it copies (the audit
  log's entry for the request, which holds no client's values, stays). A report the audit log
  places outside the state folder (`--out`) is listed but left for a person to delete: a copied
  or restored state folder's log names the original's folders, which are not this one's to delete;
- the state folder's copy of a release: `releases_years` after it was released. Its rows in the
  release register stay: they hold no record values and are the history of what left the secure
  zone (feedback reports and later releases of the quarter read them).

Disposal follows the key-rotation crosswalks: when a person's last identifiable records go,
the crosswalk rows that map their pseudonyms from key to key (every rotation) go with them,
so nothing in the secure zone still links releases made under earlier keys to that person.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deid.agreement import SharingAgreement
from deid.io import quarter_folders
from deid.settings import RunSettings
from deid.standards import quarter_bounds
from deid.store.keys import LINKAGE_CROSSWALK, PURPOSE_CROSSWALK, forget_history, history_rows
from deid.store.records import (
    IDENTIFIABLE_TABLES,
    SECURE_RECORDS,
    delete_identifiable,
    identifiable_counts,
    person_placements,
)
from deid.store.registry import submissions_by_receipt
from deid.store.releases import released_runs
from deid.store.warehouse import Warehouse, overwrite_with_zeros

RAW = "raw submission"
RECORDS = "identifiable records"
HISTORY = "pseudonym history"
STAGES = "stage outputs"
ACCESS_REPORT = "access-request report"
ACCESS_REPORT_ELSEWHERE = "access-request report outside the state folder"   # listed, left to delete by hand
RELEASE = "release"
BACKUP = "backup holding rows deleted now"
LEFT_TO_A_PERSON = (ACCESS_REPORT_ELSEWHERE, BACKUP)   # listed every time, never deleted by `dispose`
ACCESS_REPORT_FILES = ("access_request.html", "access_request.json")
QUARTER_NAME = re.compile(r"\d{4}Q[1-4]")


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DisposalItem:
    kind: str            # one of RAW, RECORDS, HISTORY, STAGES, ACCESS_REPORT, RELEASE, or LEFT_TO_A_PERSON
    provider: str        # empty for what holds every provider's data (stage outputs, releases)
    quarter: str
    due_on: dt.date
    location: str        # a file or folder path, or a warehouse table
    rows: int | None = None
    submission_id: str | None = None
    person_keys: tuple[str, ...] = field(default=(), repr=False)   # pseudonym history: whose (never printed or logged)

    def describe(self) -> str:
        """One line for people: what, whose, which quarter, where, and when it fell due."""
        whose = f"{self.provider} " if self.provider else ""
        rows = f", {self.rows} rows" if self.rows is not None else ""
        return f"{self.kind}: {whose}{self.quarter} ({self.location}{rows}; due {self.due_on})"

    def listed(self) -> dict[str, Any]:
        """What the audit log and --json show (never whose pseudonyms)."""
        return {"kind": self.kind, "provider": self.provider, "quarter": self.quarter, "location": self.location,
                "rows": self.rows, "due_on": str(self.due_on)}


def due_for_disposal(warehouse: Warehouse, settings: RunSettings, agreement: SharingAgreement,
                     today: dt.date, access_reports: Iterable[Path] = (), backups: Iterable[Path] = ()) -> list[DisposalItem]:
    """Everything the agreement's retention periods say must go by `today`.

    Args:
        access_reports: folders of access-request reports written outside the state folder (the audit
            log names every report's folder); those under `<state>/access-requests/` are found anyway.
        backups: folders of backups (the audit log names them); those still there are listed when
            identifiable rows are due, as they hold them.
    """
    retention = agreement.retention
    items = [f.as_item() for f in raw_files_held(warehouse, settings.raw_store_dir, settings.landing_dir,
                                                 retention.raw_submissions_years) if f.due_on <= today]
    for table in IDENTIFIABLE_TABLES:
        for provider, quarter, count in identifiable_counts(warehouse, table):
            due = identifiable_due(quarter, retention.identifiable_data_years)
            if due <= today:
                items.append(DisposalItem(RECORDS, provider, quarter, due, table, int(count)))
    items += _histories_due(warehouse, items)
    items += [i for i in _stage_outputs(settings.state_dir, retention.identifiable_data_years) if i.due_on <= today]
    items += [i for i in _access_reports(settings.state_dir.resolve(), access_reports, retention.identifiable_data_years)
              if i.due_on <= today]
    items += [i for i in _releases(warehouse, settings.releases_dir, retention.releases_years) if i.due_on <= today]
    return items + _backups_holding(backups, items)


def identifiable_due(quarter: str, years: int) -> dt.date:
    """When identifiable data about a quarter falls due: `years` after the quarter ends."""
    return years_after(quarter_bounds(quarter)[1], years)


@dataclass(frozen=True)
class RawFileHeld:
    """One copy of a submission still on disk: the secure raw store's, or the landing folder's."""

    submission_id: str
    provider: str
    quarter: str
    file_name: str
    received_on: dt.date
    due_on: dt.date
    path: Path
    where: str           # "secure raw store" or "landing folder"

    def as_item(self) -> DisposalItem:
        return DisposalItem(RAW, self.provider, self.quarter, self.due_on, str(self.path), None, self.submission_id)


def raw_files_held(warehouse: Warehouse, raw_store_dir: Path, landing_dir: Path, years: int,
                   provider: str | None = None) -> list[RawFileHeld]:
    """Every registered submission's copies still on disk (raw-store copy and landing file), oldest first, each with
    the day it falls due (`years` after it was received); with `provider`, only that provider's."""
    found = []
    for submission_id, owner, quarter, file_name, sha256, received_at in submissions_by_receipt(warehouse):
        if provider is not None and owner != provider:
            continue
        received = received_at.date()
        raw_folder = raw_store_dir / owner / quarter
        copies = [(p, "secure raw store") for p in sorted(raw_folder.glob(f"{sha256[:16]}-*"))] if sha256 and raw_folder.is_dir() else []
        # the landing copy, in the quarter's folder as named or as a provider wrote it by hand ("2026 q1")
        folders = quarter_folders(landing_dir / owner, quarter) if (landing_dir / owner).is_dir() else []
        for folder in folders or [landing_dir / owner / quarter]:
            landed = folder / file_name
            copies += [(landed, "landing folder")] if landed.is_file() else []
        found += [RawFileHeld(submission_id, owner, quarter, file_name, received, years_after(received, years), path, where)
                  for path, where in copies]
    return found


HISTORY_TABLES = f"{LINKAGE_CROSSWALK}, {PURPOSE_CROSSWALK}"


def _histories_due(warehouse: Warehouse, items: list[DisposalItem]) -> list[DisposalItem]:
    """The crosswalk history of every person whose identifiable records all go with these items,
    listed under the first provider and quarter that held them."""
    due = {(i.provider, i.quarter): i.due_on for i in items if i.kind == RECORDS and i.location == SECURE_RECORDS}
    if not due:
        return []
    groups: dict[str, list[tuple[str, str]]] = {}
    for person_key, provider, quarter in person_placements(warehouse):
        groups.setdefault(person_key, []).append((provider, quarter))
    leaving: dict[tuple[str, str], list[str]] = {}
    for person_key, where in groups.items():
        if all(w in due for w in where):
            leaving.setdefault(min(where), []).append(person_key)
    found = []
    for (provider, quarter), person_keys in sorted(leaving.items()):
        rows = history_rows(warehouse, person_keys)
        if rows:
            found.append(DisposalItem(HISTORY, provider, quarter, due[(provider, quarter)], HISTORY_TABLES, rows,
                                      person_keys=tuple(person_keys)))
    return found


def _stage_outputs(state_dir: Path, years: int) -> list[DisposalItem]:
    """Each quarter's kept stage outputs (identifiable rows): a run that stopped, or a quarter never released."""
    root = state_dir / "secure" / "stages"
    if not root.is_dir():
        return []
    return [DisposalItem(STAGES, "", folder.name, identifiable_due(folder.name, years), str(folder))
            for folder in sorted(root.iterdir()) if folder.is_dir() and QUARTER_NAME.fullmatch(folder.name)]


def _access_reports(state_dir: Path, elsewhere: Iterable[Path], years: int) -> list[DisposalItem]:
    """Access-request reports that copy identifiable records, due with the first quarter they copy."""
    folders = {p.resolve() for p in elsewhere}
    if (state_dir / "access-requests").is_dir():
        folders |= {p.resolve() for p in (state_dir / "access-requests").iterdir() if p.is_dir()}
    found = []
    for folder in sorted(folders):
        try:
            report = json.loads((folder / "access_request.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
            continue
        quarters = sorted({str(r.get("quarter")) for r in report.get("records") or () if QUARTER_NAME.fullmatch(str(r.get("quarter")))})
        if quarters:   # a report that found nothing copies no record
            kind = ACCESS_REPORT if folder.is_relative_to(state_dir) else ACCESS_REPORT_ELSEWHERE
            found.append(DisposalItem(kind, str(report.get("provider") or ""), quarters[0],
                                      identifiable_due(quarters[0], years), str(folder), len(report.get("records") or ())))
    return found


def _releases(warehouse: Warehouse, releases_dir: Path, years: int) -> list[DisposalItem]:
    """The state folder's copies of releases, each due `years` after it was released (from the release register; a
    release retracted before it was sent from the rows the register kept of it: its folder still holds extracts)."""
    if not releases_dir.is_dir():
        return []
    registered = {run_id: (quarter, released_at) for run_id, quarter, released_at in released_runs(warehouse, retracted=True)}
    found = []
    for folder in sorted(releases_dir.iterdir()):
        quarter, released_at = registered.get(folder.name, ("", None))
        if released_at is not None and folder.is_dir():
            found.append(DisposalItem(RELEASE, "", quarter, years_after(released_at.date(), years), str(folder)))
    return found


def _backups_holding(backups: Iterable[Path], items: list[DisposalItem]) -> list[DisposalItem]:
    """Backups still on disk, when identifiable rows are due: each was made before they go, so it holds them."""
    rows = [i for i in items if i.kind == RECORDS]
    if not rows:
        return []
    first = min(rows, key=lambda i: (i.due_on, i.quarter))
    return [DisposalItem(BACKUP, "", first.quarter, first.due_on, str(folder))
            for folder in sorted({p.resolve() for p in backups}) if (folder / "backup.json").is_file()]


def dispose(warehouse: Warehouse, items: Sequence[DisposalItem]) -> dict[str, int]:
    """Delete every listed item; returns counts of files, folders, identifiable rows and crosswalk (history) rows deleted.

    Rows go in one transaction first; files holding identifiable values are overwritten with zeros before
    they are removed (releases, which hold none, are simply removed)."""
    rows_deleted = history_deleted = 0
    with warehouse.transaction("dispose"):
        for item in items:
            if item.kind == RECORDS:
                delete_identifiable(warehouse, item.location, item.provider, item.quarter)
                rows_deleted += item.rows or 0
            elif item.kind == HISTORY:
                history_deleted += forget_history(warehouse, item.person_keys)
    files_deleted = folders_deleted = 0
    for item in items:
        path = Path(item.location)
        if item.kind == RAW and path.is_file():
            shred(path)
            files_deleted += 1
        elif item.kind == STAGES and path.is_dir():
            files_deleted += shred_folder(path)
            folders_deleted += 1
        elif item.kind == ACCESS_REPORT and path.is_dir():
            files_deleted += sum(shred(path / name) for name in ACCESS_REPORT_FILES if (path / name).is_file())
            with contextlib.suppress(OSError):
                path.rmdir()   # a folder given with --out may hold other things: only the report's files go
            folders_deleted += 1
        elif item.kind == RELEASE and path.is_dir():
            files_deleted += sum(1 for p in path.rglob("*") if p.is_file())
            shutil.rmtree(path)
            folders_deleted += 1
    return {"files": files_deleted, "folders": folders_deleted, "rows": rows_deleted, "history_rows": history_deleted}


def shred(path: Path) -> int:
    """Overwrite a file with zeros, sync, and remove it; returns 1 (a file deleted)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        overwrite_with_zeros(handle, size)
    path.unlink()
    return 1


def shred_folder(folder: Path) -> int:
    """Shred every file under a folder, then remove the folder; returns the files deleted."""
    count = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            count += shred(path)
    shutil.rmtree(folder)
    return count
