"""A tamper-evident, append-only log of runs, releases, access requests, disposals and uses.

Each entry is one JSON line carrying the SHA-256 of the entry before it and its own hash
over its canonical JSON (sorted keys, no spaces). Editing, removing or reordering any entry
breaks the chain from that point on, which `verify_chain` reports by line number. The
log records what happened, never record values: no names, identifiers or pseudonyms.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GENESIS = "0" * 64
AUDIT_LOG_NAME = "audit_log.jsonl"


def _canonical(entry: dict[str, Any]) -> bytes:
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str).encode("utf-8")


def entry_hash(entry: dict[str, Any]) -> str:
    """The hash of an entry's content and its link to the one before (everything but its own hash)."""
    return hashlib.sha256(_canonical({k: v for k, v in entry.items() if k != "hash"})).hexdigest()


def _last_hash(path: Path) -> tuple[str, int]:
    if not path.is_file() or path.stat().st_size == 0:
        return GENESIS, 0
    lines = path.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    return last["hash"], len(lines)


def append_event(path: Path, event: str, details: dict[str, Any], *, actor: str | None = None,
                 at: dt.datetime | None = None) -> dict[str, Any]:
    """Append one event, chained to the last; returns the entry as written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    previous, count = _last_hash(path)
    entry = {"seq": count + 1, "at": (at or dt.datetime.now(dt.timezone.utc)).isoformat(), "event": event,
             "actor": actor or os.environ.get("USER") or "unknown", "details": details, "prev_hash": previous}
    entry["hash"] = entry_hash(entry)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(_canonical(entry).decode("utf-8") + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    return entry


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    problems: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        if self.intact:
            return f"audit log intact: {self.entries} entr{'y' if self.entries == 1 else 'ies'}, every hash chained"
        return f"audit log BROKEN ({len(self.problems)} problem(s)):\n" + "\n".join(f"  - {p}" for p in self.problems)


def verify_chain(path: Path) -> ChainCheck:
    """Recompute every hash and link; name each line where the chain breaks."""
    if not path.is_file():
        return ChainCheck(0, ())
    problems: list[str] = []
    previous = GENESIS
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        where = f"{path}: line {number}"
        try:
            entry = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not valid JSON ({exc.msg})")
            previous = None
            continue
        if entry.get("seq") != number:
            problems.append(f"{where}: sequence number is {entry.get('seq')}, expected {number} (an entry was removed or moved)")
        if previous is not None and entry.get("prev_hash") != previous:
            problems.append(f"{where}: does not link to the entry before it (that entry was edited, removed or reordered)")
        if entry.get("hash") != entry_hash(entry):
            problems.append(f"{where}: its content does not match its hash (this entry was edited)")
        previous = entry.get("hash")
    return ChainCheck(len(lines), tuple(problems))


def read_events(path: Path, event: str | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [e for e in entries if event is None or e["event"] == event]
