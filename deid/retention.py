"""Retention and disposal: raw submissions and identifiable data past the agreement's periods.

`due_for_disposal` lists what is due (a dry run shows exactly this); `dispose` deletes it,
warehouse rows in one transaction and files after, and the caller logs what went. A raw
submission is due `raw_submissions_years` after it was received; identifiable records, their
quarantined values and row warnings are due `identifiable_data_years` after the end of the
quarter they report on. De-identified releases are not touched here: their retention date
travels in each extract's provenance, for the recipients who hold the copies.

Disposal follows the key-rotation crosswalks: when a person's last identifiable records go,
the crosswalk rows that map their pseudonyms from key to key (every rotation) go with them,
so nothing in the secure zone still links releases made under earlier keys to that person.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from deid.agreement import SharingAgreement
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
from deid.store.warehouse import Warehouse


def years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DisposalItem:
    kind: str            # raw submission | identifiable records | pseudonym history
    provider: str
    quarter: str
    due_on: dt.date
    location: str        # a file path, or a warehouse table
    rows: int | None = None
    submission_id: str | None = None
    person_keys: tuple[str, ...] = field(default=(), repr=False)   # pseudonym history: whose (never printed or logged)


def due_for_disposal(warehouse: Warehouse, settings: RunSettings, agreement: SharingAgreement,
                     today: dt.date) -> list[DisposalItem]:
    """Everything the agreement's retention periods say must go by `today`."""
    items: list[DisposalItem] = []
    retention = agreement.retention
    for submission_id, provider, quarter, file_name, sha256, received_at in submissions_by_receipt(warehouse):
        due = years_after(received_at.date(), retention.raw_submissions_years)
        if due > today:
            continue
        for path in _raw_copies(settings, provider, quarter, file_name, sha256):
            items.append(DisposalItem("raw submission", provider, quarter, due, str(path), None, submission_id))
    for table in IDENTIFIABLE_TABLES:
        for provider, quarter, count in identifiable_counts(warehouse, table):
            due = years_after(quarter_bounds(quarter)[1], retention.identifiable_data_years)
            if due <= today:
                items.append(DisposalItem("identifiable records", provider, quarter, due, table, int(count)))
    return items + _histories_due(warehouse, items)


HISTORY_TABLES = f"{LINKAGE_CROSSWALK}, {PURPOSE_CROSSWALK}"


def _histories_due(warehouse: Warehouse, items: list[DisposalItem]) -> list[DisposalItem]:
    """The crosswalk history of every person whose identifiable records all go with these items,
    listed under the first provider and quarter that held them."""
    due = {(i.provider, i.quarter): i.due_on for i in items if i.kind == "identifiable records" and i.location == SECURE_RECORDS}
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
            found.append(DisposalItem("pseudonym history", provider, quarter, due[(provider, quarter)], HISTORY_TABLES, rows,
                                      person_keys=tuple(person_keys)))
    return found


def _raw_copies(settings: RunSettings, provider: str, quarter: str, file_name: str, sha256: str | None) -> list[Path]:
    """The secure raw-store copy and the landing-folder file of one submission, where they still exist."""
    found = []
    raw_folder = settings.raw_store_dir / provider / quarter
    if sha256 and raw_folder.is_dir():
        found.extend(sorted(raw_folder.glob(f"{sha256[:16]}-*")))
    landed = settings.landing_dir / provider / quarter / file_name
    if landed.is_file():
        found.append(landed)
    return found


def dispose(warehouse: Warehouse, items: list[DisposalItem]) -> dict[str, int]:
    """Delete every listed item; returns counts of files, identifiable rows and crosswalk (history) rows deleted."""
    rows_deleted = history_deleted = 0
    with warehouse.transaction("dispose"):
        for item in items:
            if item.kind == "identifiable records":
                delete_identifiable(warehouse, item.location, item.provider, item.quarter)
                rows_deleted += item.rows or 0
            elif item.kind == "pseudonym history":
                history_deleted += forget_history(warehouse, item.person_keys)
    files_deleted = 0
    for item in items:
        if item.kind == "raw submission":
            path = Path(item.location)
            if path.is_file():
                path.unlink()
                files_deleted += 1
    return {"files": files_deleted, "rows": rows_deleted, "history_rows": history_deleted}
