"""A tamper-evident, append-only log of runs, releases, access requests, disposals and uses.

Each entry is one JSON line carrying the SHA-256 of the entry before it and its own hash
over its canonical JSON (sorted keys, no spaces). Editing, removing or reordering any entry
breaks the chain from that point on, which `verify_chain` reports by line number. The
log records what happened, never record values: no names, identifiers or pseudonyms.

A chain alone cannot show that its last entries were cut off, or that the whole file was
emptied or deleted. So the chain's head (its entry count and last hash) is recorded outside
the log, as a transparency log publishes signed tree heads (RFC 6962): after every append in
the warehouse beside the log (`audit_log_heads`, one row per append, never rewritten), and in
every release manifest. Each head carries an HMAC under a key derived from the pseudonymisation
key (`derive_purpose_key(key, "audit-log")`), so a head cannot be forged to match a shortened
log without the key. `verify_log` checks the log against every recorded head and names what
is missing. This module is the one owner of `audit_log_heads`.
"""
from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import json
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deid.errors import HistoryMissingError, KeyMaterialError, WarehouseError
from deid.pseudonymise.keys import KEY_ENV, KEY_FILE_ENV, PseudonymKey, demo_key, derive_purpose_key, load_key
from deid.settings import ACTOR_ENV, WAREHOUSE_FILE
from deid.store import releases as release_store
from deid.store.audit_heads import append_head, read_heads
from deid.store.keys import active_fingerprint
from deid.store.warehouse import Warehouse

log = logging.getLogger(__name__)

GENESIS = "0" * 64
AUDIT_LOG_NAME = "audit_log.jsonl"
AUDIT_KEY_DOMAIN = "audit-log"


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


def os_user() -> str:
    """Who is running the command, as the operating system knows them ($LOGNAME, $USER, else the
    account's entry in the password database), so an entry names an actor when no --by was given."""
    try:
        return getpass.getuser() or "unknown"
    except (OSError, KeyError, ImportError):   # no such variables and no password entry (a bare container)
        return "unknown"


def default_actor() -> str:
    """Who an entry names when the command was given no --by: $DEID_ACTOR (a scheduled deployment sets it,
    and `deid run --by` passes it to every stage of the run), else the operating-system user."""
    return os.environ.get(ACTOR_ENV, "").strip() or os_user()


def append_event(path: Path, event: str, details: dict[str, Any], *, actor: str | None = None,
                 at: dt.datetime | None = None, key: PseudonymKey | None = None,
                 warehouse_path: Path | None = None) -> dict[str, Any]:
    """Append one event, chained to the last, and record the new chain head; returns the entry as written.

    The head goes to the warehouse at `warehouse_path` (default: the one beside the log) when it
    exists, keyed with `key` or, without one, the key `audit_key` finds. A busy warehouse does not
    stop the entry being logged: the next append records a head covering it. The actor is who the
    command says did it (--by), else `default_actor`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    when = at or dt.datetime.now(dt.UTC)
    previous, count = _last_hash(path)
    entry: dict[str, Any] = {"seq": count + 1, "at": when.isoformat(), "event": event,
             "actor": actor or default_actor(), "details": details, "prev_hash": previous}
    entry["hash"] = entry_hash(entry)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(_canonical(entry).decode("utf-8") + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    target = warehouse_path or path.with_name(WAREHOUSE_FILE)
    if target.is_file():
        try:
            with Warehouse(target) as warehouse:
                record_head(warehouse, sign_head(entry["seq"], entry["hash"], key or audit_key(warehouse)), when, event)
        except (WarehouseError, KeyMaterialError) as exc:
            log.warning("audit log entry %d (%s) written, but its chain head was not recorded: %s", entry["seq"], event, exc)
    return entry


# --- the chain head: entry count and last hash, keyed ------------------------------------------


@dataclass(frozen=True)
class ChainHead:
    """The state of the log after its last entry: how many entries, the last hash, and an HMAC over both."""

    entries: int
    last_hash: str
    key_fingerprint: str | None = None   # the pseudonymisation key the MAC was made under (None: not keyed)
    mac: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"entries": self.entries, "last_hash": self.last_hash, "key_fingerprint": self.key_fingerprint, "mac": self.mac}

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> ChainHead:
        return cls(int(value["entries"]), str(value["last_hash"]), value.get("key_fingerprint"), value.get("mac"))


def head_mac(key: PseudonymKey, entries: int, last_hash: str) -> str:
    """HMAC-SHA256 of a head under the audit-log key derived from `key`."""
    audit = derive_purpose_key(key, AUDIT_KEY_DOMAIN)
    return hmac.new(audit.secret, f"deid/audit-log-head/{entries}/{last_hash}".encode(), hashlib.sha256).hexdigest()


def sign_head(entries: int, last_hash: str, key: PseudonymKey | None) -> ChainHead:
    """A head, keyed when there is a key (an unkeyed head still shows truncation, but could be forged)."""
    if key is None:
        return ChainHead(entries, last_hash)
    return ChainHead(entries, last_hash, key.fingerprint, head_mac(key, entries, last_hash))


def current_head(path: Path, key: PseudonymKey | None) -> ChainHead:
    """The head of the log as it is now (a release manifest records this)."""
    last, count = _last_hash(path)
    return sign_head(count, last, key)


def audit_key(warehouse: Warehouse | None, environ: Mapping[str, str] | None = None) -> PseudonymKey | None:
    """The key heads are made under when a command was not given one: the configured key
    ($DEID_PSEUDONYM_KEY or $DEID_PSEUDONYM_KEY_FILE), else the public demo key when the secure
    zone was built with it, else none (the head is recorded unkeyed)."""
    env = os.environ if environ is None else environ
    if env.get(KEY_ENV) or env.get(KEY_FILE_ENV):
        return load_key(env)
    demo = demo_key()
    if warehouse is not None and active_fingerprint(warehouse) == demo.fingerprint:
        return demo
    return None


def record_head(warehouse: Warehouse, head: ChainHead, at: dt.datetime, event: str | None = None) -> None:
    """Add a head to the warehouse's history of heads (rows are never changed or removed)."""
    append_head(warehouse, at, head.entries, head.last_hash, head.key_fingerprint, head.mac, event)


def recorded_heads(warehouse: Warehouse) -> list[tuple[str, ChainHead]]:
    """Every head the warehouse recorded, by entry count, each with when it was recorded."""
    return [(f"{at:%Y-%m-%d %H:%M:%S} UTC" if at else "an unknown time", ChainHead(int(n), h, f, m))
            for at, n, h, f, m in read_heads(warehouse)]


def manifest_heads(releases_dir: Path) -> list[tuple[str, ChainHead]]:
    """The head each release manifest recorded when the release was made (releases before heads were kept have none)."""
    found: list[tuple[str, ChainHead]] = []
    if not releases_dir.is_dir():
        return found
    for manifest in sorted(releases_dir.glob("*/manifest.json")):
        if manifest.parent.name.startswith("."):
            continue   # a staging folder, never released
        try:
            head = json.loads(manifest.read_text(encoding="utf-8")).get("audit_log_head")
        except (OSError, json.JSONDecodeError):
            continue
        if head:
            found.append((manifest.parent.name, ChainHead.from_dict(head)))
    return found


@dataclass(frozen=True)
class ChainCheck:
    entries: int
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()       # what was checked against, and what could not be (never a failure)

    @property
    def intact(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        notes = "".join(f"\n  note: {n}" for n in self.notes)
        if self.intact:
            return f"audit log intact: {self.entries} entr{'y' if self.entries == 1 else 'ies'}, every hash chained" + notes
        return (f"audit log BROKEN ({len(self.problems)} problem(s)):\n" + "\n".join(f"  - {p}" for p in self.problems)
                + notes)


def verify_chain(path: Path) -> ChainCheck:
    """Recompute every hash and link; name each line where the chain breaks."""
    if not path.is_file():
        return ChainCheck(0, ())
    problems: list[str] = []
    previous: str | None = GENESIS
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


def verify_log(path: Path, warehouse_heads: Sequence[tuple[str, ChainHead]], release_heads: Sequence[tuple[str, ChainHead]],
               key: PseudonymKey | None) -> ChainCheck:
    """The chain, and the log against every head recorded in the warehouse and in release manifests.

    A log shorter than a recorded head lost its last entries (or was emptied, or deleted); a log
    whose entry differs from a recorded head was rewritten up to there. A head whose MAC does not
    verify under `key` (or the public demo key) was altered. Each problem names what is missing
    and which record shows it.
    """
    problems, notes = list(verify_chain(path).problems), []
    hashes = _entry_hashes(path)
    count = len(hashes)
    state = "does not exist" if not path.is_file() else "is empty" if count == 0 else f"ends at entry {count}"
    keys = {k.fingerprint: k for k in (key, demo_key()) if k is not None}
    unchecked = sorted({h.key_fingerprint or "?" for _, h in [*warehouse_heads, *release_heads]
                        if h.mac is not None and h.key_fingerprint not in keys})

    def forged(head: ChainHead) -> bool:
        signer = keys.get(head.key_fingerprint or "")
        return head.mac is not None and signer is not None and not hmac.compare_digest(
            head.mac, head_mac(signer, head.entries, head.last_hash))

    def against(where: str, head: ChainHead) -> str | None:
        if head.entries > count:
            missing = f"entry {head.entries}" if head.entries == count + 1 else f"entries {count + 1}-{head.entries}"
            return (f"{path}: {missing} missing: {where} records {head.entries} entries (last hash {head.last_hash[:12]}...), "
                    f"but the log {state}. The log was cut short, emptied or deleted; restore it from a backup")
        if head.entries and hashes[head.entries - 1] != head.last_hash:
            return (f"{path}: line {head.entries} differs from {where} (hash {head.last_hash[:12]}... recorded, "
                    f"{hashes[head.entries - 1][:12] or 'none'}... found): the log was rewritten up to there")
        return None

    altered = [(f"the head the warehouse recorded at {w}", h) for w, h in warehouse_heads if forged(h)]
    altered += [(f"the head in release {r}'s manifest.json", h) for r, h in release_heads if forged(h)]
    problems += [f"{where} ({head.entries} entries) does not carry a valid MAC under key {head.key_fingerprint}: "
                 "it was altered or forged" for where, head in altered[:5]]
    trusted = [(f"the head the warehouse recorded at {w}", h) for w, h in warehouse_heads if not forged(h)]
    if trusted:
        longest = max(trusted, key=lambda item: item[1].entries)
        found = [against(*longest)]
        found.append(next((m for m in (against(w, h) for w, h in trusted if h.entries <= count) if m), None))
        problems += [m for m in dict.fromkeys(found) if m]
        if longest[1].entries < count:
            notes.append(f"entries {longest[1].entries + 1}-{count} were written after the warehouse last recorded the head; "
                         "they are chained but not yet anchored")
        notes.append(f"checked against {len(warehouse_heads)} head(s) recorded in the warehouse")
    else:
        notes.append("the warehouse records no head of this log (no secure zone yet, or it predates heads)")
    problems += [m for m in (against(f"release {r}'s manifest.json", h) for r, h in release_heads if not forged(h)) if m]
    if release_heads:
        notes.append(f"checked against the head in {len(release_heads)} release manifest(s)")
    if unchecked:
        notes.append(f"heads keyed under key(s) {', '.join(unchecked)} (retired, or not the key set): their MACs were not "
                     "checked; their entry counts and hashes were")
    return ChainCheck(count, tuple(problems), tuple(notes))


def _entry_hashes(path: Path) -> list[str]:
    """Each line's recorded hash, in order ('' for a line that is not JSON)."""
    if not path.is_file():
        return []
    hashes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            hashes.append(str(json.loads(line).get("hash", "")))
        except (json.JSONDecodeError, AttributeError):
            hashes.append("")
    return hashes


def read_events(path: Path, event: str | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    entries = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [e for e in entries if event is None or e["event"] == event]


@dataclass(frozen=True)
class EarlierKeyReleases:
    """Releases of a quarter made before the last key rotation: their people carry the old key's codes."""

    quarter: str
    run_ids: tuple[str, ...]
    rotation_id: str
    old_fingerprint: str


def released_before_rotation(events: Sequence[dict[str, Any]], quarter: str) -> EarlierKeyReleases | None:
    """The quarter's releases logged before the last key rotation (None when there was no rotation since).

    A run of such a quarter under the new key gives the same people new codes; released beside the
    old ones they would link the two, which the release gate blocks, so the steward needs to know.
    """
    rotations = [e for e in events if e.get("event") == "key-rotated"]
    if not rotations:
        return None
    last = max(rotations, key=lambda e: str(e.get("at", "")))
    runs = tuple(dict.fromkeys(str(e["details"].get("run_id")) for e in events if e.get("event") == "release"
                               and e.get("details", {}).get("quarter") == quarter and str(e.get("at", "")) < str(last.get("at", ""))))
    if not runs:
        return None
    return EarlierKeyReleases(quarter, runs, str(last["details"].get("rotation_id")), str(last["details"].get("old_fingerprint")))


def releases_unknown_to_warehouse(log_path: Path, warehouse_path: Path) -> tuple[list[str], int]:
    """Runs whose release the audit log records and the warehouse's release register does not (all of them when there
    is no warehouse), and how many releases the log records: a warehouse replaced, moved aside or restored from a
    copy older than the log has lost the history later runs depend on."""
    logged = list(dict.fromkeys(str(e["details"]["run_id"]) for e in read_events(log_path, "release")
                                if isinstance(e.get("details"), dict) and e["details"].get("run_id")))
    if not logged:
        return [], 0
    registered: set[str] = set()
    if warehouse_path.is_file():
        with Warehouse(warehouse_path) as warehouse:
            registered = release_store.registered_runs(warehouse)
    return [run for run in logged if run not in registered], len(logged)


def history_missing_message(unknown: Sequence[str], logged: int, state_dir: Path) -> str:
    shown = ", ".join(unknown[:3]) + (", ..." if len(unknown) > 3 else "")
    return (f"the warehouse's release register lacks {len(unknown)} of the {logged} release(s) the audit log records "
            f"({shown}): the warehouse was replaced, moved aside or restored from an older copy, so the secure zone's "
            "history (pseudonym crosswalks, cells hidden before, what was released to whom) is incomplete. Restore the "
            f"latest backup (`deid backup`) into {state_dir}; to start a new secure zone on purpose, move the audit log "
            "aside with the warehouse")


def disposals_after_warehouse(log_path: Path, warehouse_path: Path) -> list[int]:
    """Entry numbers of disposals the audit log records after the last entry the warehouse saw: a warehouse restored
    from a backup made before a disposal holds again what that disposal deleted."""
    if not warehouse_path.is_file():
        return []
    with Warehouse(warehouse_path) as warehouse:
        seen = max((int(row[1]) for row in read_heads(warehouse)), default=0)
    return [int(e["seq"]) for e in read_events(log_path, "disposal") if int(e.get("seq", 0)) > seen]


def disposal_undone_message(entries: Sequence[int]) -> str:
    return (f"the warehouse predates the disposal(s) at audit log entr{'y' if len(entries) == 1 else 'ies'} "
            f"{', '.join(map(str, entries))} (restored from a backup made before them?): what they deleted may be in it "
            "again. Run `deid dispose` again (with the same --today, if one was given) before anything else, and delete "
            "backups made before a disposal")


def check_history(log_path: Path, warehouse_path: Path, state_dir: Path) -> None:
    """Refuse to go on when the warehouse lacks releases the audit log records (see `releases_unknown_to_warehouse`):
    a run would re-release without its earlier releases to compare with, an access request would say nothing is held;
    or when it predates a disposal the log records (`disposals_after_warehouse`): disposed records would be used."""
    unknown, logged = releases_unknown_to_warehouse(log_path, warehouse_path)
    if unknown:
        raise HistoryMissingError(history_missing_message(unknown, logged, state_dir))
    undone = disposals_after_warehouse(log_path, warehouse_path)
    if undone:
        raise HistoryMissingError(disposal_undone_message(undone))
