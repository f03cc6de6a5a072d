"""A data steward's sign-off of a release, recorded before anything in it is sent.

A run writes and registers its release folder, and the steward pack inside it says what needs a
steward's decision ("steward: decide before sending"). Until this module there was no step at which
that decision was taken or recorded (found by a user test). `check_release` checks the folder is
as the run wrote it (every manifest entry against its file's SHA-256, each path listed once and every
file listed; the manifest against the audit log's release entry) and lists the open decisions;
`approval_event` is what the audit log records when a steward approves it (who, when, the manifest's
hash, their note), so anyone can later show that what was sent is what was approved.

Signers are compared by `signer_key`, not as typed: an outsider test signed off their own run as "analyst sam"
against the run's "Analyst Sam", and the same steward signed twice as two spellings. A release taken back before it
was sent (`deid retract`) gets a `RETRACTED.txt` in its folder (`retraction_notice`), so the folder no longer looks
like a live release; the check allows that one file in a retracted release and leads with the retraction.
"""
from __future__ import annotations

import dataclasses
import json
import unicodedata
from pathlib import Path
from typing import Any

from deid.auditlog import read_events
from deid.io import sha256_file

APPROVED_EVENT = "release-approved"
RETRACTED_EVENT = "release-retracted"
DECIDE = "steward: decide before sending"
RETRACTED_MARKER = "RETRACTED.txt"   # written into a retracted release's folder; not in its manifest


def signer_key(name: str | None) -> str:
    """A signer's name as compared, never as recorded (the record keeps it as written): Unicode compatibility-
    normalised (NFKC, which includes NFC, so full-width or ligature look-alikes compare equal too), case-folded,
    invisible format characters (zero-width spaces, joiners) dropped, runs of whitespace made one space, and
    punctuation, symbols and spaces around the name stripped. "Analyst Sam", "analyst sam", " Analyst  Sam" and
    "'Analyst Sam.'" are one signer. It does not know that "Sam" and "Analyst Sam" are one person."""
    text = unicodedata.normalize("NFKC", name or "")
    text = unicodedata.normalize("NFKC", text.casefold())
    text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    text = " ".join(text.split())
    start, end = 0, len(text)
    while start < end and _around(text[start]):
        start += 1
    while end > start and _around(text[end - 1]):
        end -= 1
    return text[start:end]


def _around(char: str) -> bool:
    """Punctuation, a symbol or a space: stripped from either end of a signer's name."""
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def same_signer(a: str | None, b: str | None) -> bool:
    """Whether two recorded names are one signer (`signer_key`); a name that is nothing once normalised matches none."""
    key = signer_key(a)
    return bool(key) and key == signer_key(b)


@dataclasses.dataclass(frozen=True)
class ReleaseCheck:
    run_id: str
    folder: Path
    manifest_sha256: str | None
    problems: tuple[str, ...]        # the folder is not as the run wrote it: approving it is refused
    open_decisions: tuple[str, ...]  # what the run left to a steward: approving needs a note saying what was decided
    approvals: tuple[dict[str, Any], ...]
    made_by: str | None = None       # the actor of the audit log's release entry: not the one to sign it off
    retracted: dict[str, Any] | None = None   # the audit log's entry retracting it: never to be approved or sent

    @property
    def intact(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        if self.retracted:
            head = (f"RETRACTED: never approved, never sent, not to be sent ({len(self.problems)} problem(s); "
                    f"see {self.folder / RETRACTED_MARKER})")
        elif self.intact:
            head = ("as the run wrote it (every manifest entry matches its file's SHA-256, each path listed once, every "
                    "file listed; the manifest matches the audit log)")
        else:
            head = f"NOT as the run wrote it ({len(self.problems)} problem(s))"
        said = [f"release {self.run_id} at {self.folder}: {head}"]
        said += [f"  - {p}" for p in self.problems]
        said += [f"  open decision: {d}" for d in self.open_decisions]
        said += [f"  approved by {a['actor']} at {a['at']}" + (f": {a['note']}" if a.get("note") else "") for a in self.approvals]
        return said


def release_folder(releases_dir: Path, run_id: str) -> Path:
    return releases_dir / run_id


def check_release(releases_dir: Path, audit_log: Path, run_id: str) -> ReleaseCheck:
    """Whether the release folder of `run_id` is as its run wrote it, what it leaves to a steward, and who approved it."""
    folder = release_folder(releases_dir, run_id)
    manifest_path = folder / "manifest.json"
    logged = [e for e in read_events(audit_log, "release") if (e.get("details") or {}).get("run_id") == run_id]
    approvals = tuple({"actor": e.get("actor"), "at": e.get("at") or e.get("time"), "note": (e.get("details") or {}).get("note"),
                       "manifest_sha256": (e.get("details") or {}).get("manifest_sha256")}
                      for e in read_events(audit_log, APPROVED_EVENT) if (e.get("details") or {}).get("run_id") == run_id)
    retracted = retraction(audit_log, run_id)
    if not manifest_path.is_file():
        where = "no release folder" if not folder.is_dir() else "no manifest.json"
        return ReleaseCheck(run_id, folder, None, (f"{where} at {folder}" + ("" if logged else
                                                   "; the audit log records no release of this run either"),), (), approvals,
                            str(logged[-1].get("actor")) if logged else None, retracted)
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if retracted:   # first: whatever else is wrong, this is why it is never to be approved or sent
        problems.append(f"retracted by {retracted.get('actor')} at {retracted.get('at')} "
                        f"({(retracted.get('details') or {}).get('note')}): it was never approved or sent, and is never "
                        "to be sent; it cannot be approved (run the quarter again for a release to approve)")
        if not (folder / RETRACTED_MARKER).is_file():
            problems.append(f"no {RETRACTED_MARKER} in the folder to say so (retracted before markers were written, or "
                            f"removed): `deid retract {run_id} --by NAME --note WHY` writes it from the audit log's entry")
    problems += manifest_problems(folder, manifest.get("files"), exempt=(RETRACTED_MARKER,) if retracted else ())
    digest = sha256_file(manifest_path)
    if (manifest.get("agreement") or {}).get("draft"):
        problems.append("made under a draft sharing agreement (started with `deid agreement init`, never signed off): "
                        "once the parties have reviewed it, `deid agreement sign-off --by NAME`, then run the quarter again")
    if not logged:
        problems.append("the audit log records no release of this run: it was not published by this deployment's runs")
    elif later := _later_release(audit_log, logged[-1]):
        problems.append(f"a later run released {later['quarter']} again ({later['run_id']}), so this release was replaced: "
                        f"read and approve that one (`deid approve {later['run_id']} --check`)")
    elif logged[-1]["details"].get("manifest_sha256") != digest:
        problems.append("manifest.json differs from the one the audit log recorded when the release was made")
    decisions = [f"{name} extract: {_what_to_decide(str(gate['message']))}" for name, gate in (manifest.get("risk_gates") or {}).items()
                 if DECIDE in str(gate.get("message", ""))]
    decisions += [f"{name} extract: blocked ({gate['message']})" for name, gate in (manifest.get("risk_gates") or {}).items()
                  if not gate.get("passed", True)]
    decisions += [f"table {table}: withheld ({audit.get('result')})" for table, audit in
                  (manifest.get("suppression_audit") or {}).items() if not audit.get("passed", True)]
    decisions += [f"table {kept['table']}: withheld ({kept['reason']})" for kept in manifest.get("tables_withheld") or []]
    extracts = [f for f in manifest.get("files") or [] if str(f.get("path", "")).endswith("_extract.parquet")]
    if extracts and all(f.get("rows") == 0 for f in extracts):   # (outsider test 10: every file of the quarter rejected)
        decisions.append("every extract is empty (no record of the quarter was accepted: every file was rejected, held "
                         "or set aside): its tables count no one; send the providers their feedback, and say in the note "
                         "whether the extracts and tables go anywhere")
    return ReleaseCheck(run_id, folder, digest, tuple(problems), tuple(decisions), approvals,
                        str(logged[-1].get("actor")) if logged else None, retracted)


def _later_release(audit_log: Path, entry: dict[str, Any]) -> dict[str, Any] | None:
    """The last release of the same quarter the audit log records after `entry` (a release event), if any: the
    quarter's current release, which replaces this one (a user test approved a replaced, empty release)."""
    details = entry.get("details") or {}
    quarter, run_id = details.get("quarter"), details.get("run_id")
    if not quarter:
        return None
    events = read_events(audit_log, "release")
    after = events[next((i for i, e in enumerate(events) if e is entry or e == entry), len(events)) + 1:]
    later = [e["details"] for e in after if (e.get("details") or {}).get("quarter") == quarter
             and (e.get("details") or {}).get("run_id") != run_id]
    return later[-1] if later else None


def manifest_problems(folder: Path, entries: Any, exempt: tuple[str, ...] = ()) -> list[str]:
    """Every way a release folder differs from its manifest's `files`, each naming the path; none when it is whole.

    Every entry is checked, not one per path: a path listed twice is a problem in itself (a run once wrote two
    workbook sheets' reports to one path, the second replacing the first, and listed both: the folder matched the
    last entry of each path, so a check by path passed while five entries matched no file). Then each entry's file
    must be in the folder with the entry's SHA-256, and every file in the folder (but manifest.json, and the paths
    in `exempt`: a retracted release's `RETRACTED_MARKER`) must be listed.
    """
    if not isinstance(entries, list):
        return ["manifest.json has no list of files: the release cannot be checked against it"]
    problems: list[str] = []
    numbers: dict[str, list[int]] = {}   # per path, its entries' numbers (from 1, in the manifest's order)
    for number, entry in enumerate(entries, start=1):
        path = str(entry.get("path") or "") if isinstance(entry, dict) else ""
        if path:
            numbers.setdefault(path, []).append(number)
        else:
            problems.append(f"manifest entry {number}: names no file")
    root = folder.resolve()
    for path, listed in numbers.items():
        file = folder / path
        if not file.resolve().is_relative_to(root):
            problems.append(f"{path}: listed in the manifest outside the release folder")
            continue
        if not file.is_file():
            problems.append(f"{path}: listed in the manifest, missing from the folder")
            continue
        digest = sha256_file(file)
        unmatched = [n for n in listed if entries[n - 1].get("sha256") != digest]
        if len(listed) > 1:
            problems.append(f"{path}: listed {len(listed)} times in the manifest (entries {', '.join(map(str, listed))}): "
                            "the run wrote this path more than once, the last file replacing the others"
                            + (f"; entry {unmatched[0]} matches no file in the folder" if len(unmatched) == 1 else
                               f"; entries {', '.join(map(str, unmatched))} match no file in the folder" if unmatched else "")
                            + "; do not send it: run the quarter again for a whole release")
        elif unmatched:
            problems.append(f"{path}: changed since the run wrote it (SHA-256 differs from the manifest)")
    extra = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()
                   and str(p.relative_to(folder)) not in numbers and str(p.relative_to(folder)) != "manifest.json"
                   and str(p.relative_to(folder)) not in exempt)
    return problems + [f"{path}: not listed in the manifest (added after the run)" for path in extra]


def _what_to_decide(message: str) -> str:
    """The part of a gate's message that asks for the decision, whole: the message's parts are joined by '; ' outside
    brackets (a '; ' inside brackets is part of a part: split there, an outsider's check read "of them 8 values blanked
    only for person-level k)..."), and the decision is its own part or ends the part it is about."""
    parts = _top_level_parts(message)
    at = next(i for i, part in enumerate(parts) if DECIDE in part)
    return "; ".join(parts[at - 1:at + 1] if parts[at].strip() == DECIDE and at else parts[at:at + 1])


def _top_level_parts(message: str) -> list[str]:
    """`message` split at each '; ' that no bracket encloses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(message):
        depth += char in "(["
        depth -= char in ")]" and depth > 0
        if depth == 0 and message.startswith("; ", i):
            parts.append(message[start:i])
            start = i + 2
    return [*parts, message[start:]]


def retraction(audit_log: Path, run_id: str) -> dict[str, Any] | None:
    """The audit log's entry retracting this run's release, if any."""
    return next((e for e in read_events(audit_log, RETRACTED_EVENT) if (e.get("details") or {}).get("run_id") == run_id), None)


def signing_refusal(check: ReleaseCheck, by: str) -> str | None:
    """Why `by` may not sign this release off (names compared by `signer_key`), or None: the person who made it
    (the audit log's release entry names them) cannot, and nobody signs it twice."""
    if same_signer(by, check.made_by):
        return (f"not approved: {by.strip()} made this release (the audit log's release entry names them as "
                f"{check.made_by!r}; names are compared ignoring case, spacing and punctuation around them); another "
                "person, a data steward, signs it off")
    earlier = next((a for a in check.approvals if same_signer(by, a.get("actor"))), None)
    if earlier:
        return (f"not approved again: {by.strip()} approved this release already, as {earlier['actor']!r} at {earlier['at']} "
                f"(names are compared ignoring case, spacing and punctuation around them; `deid approve {check.run_id} "
                "--check` shows every approval)")
    return None


def retraction_notice(run_id: str, entry: dict[str, Any]) -> str:
    """The text of a retracted release's `RETRACTED_MARKER`, from the audit log's retraction entry."""
    details = entry.get("details") or {}
    return (f"RETRACTED - DO NOT SEND ANYTHING IN THIS FOLDER\n\n"
            f"Release {run_id} was retracted at {entry.get('at')} by {entry.get('actor')} "
            f"(audit log entry {entry.get('seq')}).\n"
            f"Why: {details.get('note')}\n\n"
            "It was never approved and never sent, and must not be sent. It is off the release register: later runs of "
            "its quarter do not treat it as sent, and access requests report it as retracted, never sent.\n"
            "The folder is kept only as a record of what the run wrote. This file is not in manifest.json; "
            f"`deid approve {run_id} --check` shows the retraction from the audit log.\n")


def write_retraction_notice(folder: Path, run_id: str, entry: dict[str, Any]) -> Path | None:
    """Write `RETRACTED_MARKER` into the release folder (None when there is no folder to write it in)."""
    if not folder.is_dir():
        return None
    marker = folder / RETRACTED_MARKER
    marker.write_text(retraction_notice(run_id, entry), encoding="utf-8")
    return marker


def approval_event(check: ReleaseCheck, note: str | None) -> dict[str, Any]:
    """What the audit log records of an approval (its actor is the steward)."""
    return {"run_id": check.run_id, "release_dir": str(check.folder), "manifest_sha256": check.manifest_sha256,
            "open_decisions": list(check.open_decisions), "note": note}
