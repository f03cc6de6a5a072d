"""Report contexts and rendering. Templates live beside this module in templates/.

Each `build_<report>_context()` takes only what its audience may see; the provider
feedback builder is given one provider's outcomes and protected programme-wide rows only.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from pydantic import BaseModel

import deid
from deid.agreement import SharingAgreement
from deid.io import original_name
from deid.pseudonymise import DEMO_KEY_LABEL
from deid.safe_text import ESCAPE, is_formula_shaped, neutralise_formula
from deid.summary import split_accounting
from reports.charts import ACCOUNTING_PARTS, SUPPRESSION_PARTS, outcome_comparison_svg, stacked_bars_svg
from reports.sections import FEEDBACK_SECTIONS, STEWARD_SECTIONS

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
DEMO_TITLE = DEMO_KEY_LABEL.partition(":")[0]   # "DEMO KEY"


def _safe_value(value: Any) -> Any:
    """Every value a template prints (HTML and Markdown) passes the one formula-injection rule.

    Text that begins with a letter or digit cannot be formula-shaped (every formula trigger, and every
    space before one, is neither), so most printed values are passed without the pattern being tried.
    """
    if type(value) is str and value[:1].isalnum():
        return value
    if isinstance(value, Markup):
        return Markup(ESCAPE) + value if is_formula_shaped(str(value)) else value
    return neutralise_formula(value)


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Environment(Environment):
    """Jinja's environment, looking up `row.name` in a plain dict by key first when `name` is no attribute of a dict.

    Jinja tries the attribute first and takes the key only after an AttributeError; for a plain dict and a
    name that is not one of dict's own attributes that attribute never exists, so the key is what Jinja
    would find (a report page looks up hundreds of thousands of keys, and each raised error costs more than the lookup).
    """

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


@functools.cache
def _environment() -> Environment:
    """One environment per process: templates are compiled once, not once per page (200 providers'
    pages in a run rendered from the same few templates)."""
    environment = _Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=select_autoescape(["html", "html.j2"]),
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, finalize=_safe_value)
    environment.globals.update(FEEDBACK_SECTIONS=FEEDBACK_SECTIONS, STEWARD_SECTIONS=STEWARD_SECTIONS)
    return environment


def render(template: str, context: dict[str, Any]) -> str:
    return _environment().get_template(template).render(**context)


_PLAIN_LEAVES = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's fields, less those the secure zone keeps to itself (`metadata={"secure_zone": True}`)."""
    return tuple(f.name for f in dataclasses.fields(kind) if not f.metadata.get("secure_zone"))


def as_plain(value: Any) -> Any:
    """Dataclasses, dates and tuples into JSON-ready values.

    A dataclass is walked field by field, not through `dataclasses.asdict` (which deep-copies every
    value first): a release turns each of 200 submissions' findings and column mappings into plain
    values several times, and the copy was most of the cost. The result is the same.
    """
    if type(value) in _PLAIN_LEAVES:
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: as_plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dict):
        return {str(k): as_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime, Path)):
        return str(value)
    return value


SHEET_IN_NAME = re.compile(r"^(?P<file>.+?) \[(?P<sheet>[^\[\]]+)\]$")   # ingest names a workbook's sheet "book.xlsx [Sheet]"
FIRST_DATA_SHEET = "first data sheet"   # a workbook's first data sheet when ingest did not name it


def file_and_sheet(file_name: str) -> tuple[str, str | None]:
    """A submission's file name and the workbook sheet it names, if any ("kowhai.xlsx [Hamilton clients]")."""
    named = SHEET_IN_NAME.match(file_name)
    return (named["file"], named["sheet"]) if named else (file_name, None)


def workbook_part(submission_id: str) -> tuple[str, int]:
    """The file's id and which data sheet of it a submission is: a workbook's second and later sheets are `#2`, `#3`..."""
    base, _, part = submission_id.partition("#")
    return base, int(part) if part.isdigit() else 1


def sheet_labels(submissions: Sequence[Any]) -> dict[int, str]:
    """Per submission (by identity) that is one data sheet of a workbook with several, the sheet it is.

    Both sheets of a workbook have a row 11, so a row is only found again when its sheet is named. Ingest
    names the second and later sheets in the file name; a first sheet it left unnamed is "first data sheet".
    """
    workbooks: dict[tuple[str, str, str], list[Any]] = {}
    for s in submissions:
        workbooks.setdefault((s.provider, workbook_part(s.submission_id)[0], file_and_sheet(s.file_name)[0]), []).append(s)
    labels: dict[int, str] = {}
    for parts in workbooks.values():
        if all(workbook_part(s.submission_id)[1] == 1 for s in parts):
            continue   # a file of one table (or one data sheet)
        for s in parts:
            labels[id(s)] = file_and_sheet(s.file_name)[1] or (FIRST_DATA_SHEET if workbook_part(s.submission_id)[1] == 1
                                                                else f"data sheet {workbook_part(s.submission_id)[1]}")
    return labels


def as_plain_submissions(submissions: Sequence[Any]) -> list[dict[str, Any]]:
    """Each submission (`SubmissionOutcome`) as plain values, a workbook's data sheet naming its sheet.

    A sheet of a workbook with several data sheets has the sheet in `file_name` ("kowhai.xlsx [Auckland clients]")
    and in `sheet`, so every report that points at a row (feedback, quality pages, rows to fix) says which sheet
    the row is on; any other submission is its `as_plain` value.
    """
    labels = sheet_labels(submissions)
    plain = []
    for s in submissions:
        made = as_plain(s)
        if id(s) in labels:
            made = {**made, "file_name": f"{file_and_sheet(s.file_name)[0]} [{labels[id(s)]}]", "sheet": labels[id(s)]}
        plain.append(made)
    return plain


def common_context(run_id: str, quarter: str, classification: str, demo: bool, generated_at: dt.datetime) -> dict[str, Any]:
    """What every page shows; a demo-key run's pages and PDFs begin their title with "DEMO KEY"."""
    return {"run_id": run_id, "quarter": quarter, "classification": classification, "demo": demo,
            "title_prefix": f"{DEMO_TITLE} · " if demo else "",
            "version": deid.__version__, "generated_at": generated_at.strftime("%Y-%m-%d %H:%M UTC")}


FEEDBACK_INTRO = ("Thank you for your quarterly reporting. This report gives you back what we received from you, what we could "
                  "and could not use, how to fix what was wrong, your own service figures next to the programme as a whole, and "
                  "every way your data was used this quarter. It contains nothing about any other provider except programme-wide "
                  "totals that have been protected (randomly rounded to base 3, with small counts suppressed).")


def build_feedback_context(
    *,
    provider: str,
    provider_name: str,
    submissions: list[dict[str, Any]],
    own_figures: dict[str, Any],
    own_outcomes: dict[str, int],
    programme_outcomes: dict[str, int | None],
    outcome_labels: dict[str, str],
    uses: list[dict[str, str]],
    agreement: SharingAgreement,
    common: dict[str, Any],
    logged_uses: list[dict[str, Any]] | None = None,
    programme_with_outcome: int | None = None,
) -> dict[str, Any]:
    """One provider's feedback: its own submissions and figures, and protected programme totals.

    `logged_uses` are the use-log entries that name this provider (or all providers). Every
    problem is told in the provider's own column names (the standard name in brackets at most) and
    names its file (as the provider named it): a submission in several parts has the same rule fail in each.
    Outcomes are keyed by code (`outcome_rows` says how shares are taken).
    """
    problems = [{**_in_their_words(f, submission), "effect": effect_of(f), "file": original_name(submission["file_name"])}
                for submission in submissions for f in _failed(submission)]
    outcomes, outcome_note = outcome_rows(own_outcomes, programme_outcomes, outcome_labels, programme_with_outcome)
    return {
        **common,
        "provider": provider,
        "provider_name": provider_name,
        "intro": FEEDBACK_INTRO,
        "submissions": [{**s, "status_text": STATUS_FOR_PROVIDERS.get(s["status"], ""), "message": _their_message(s),
                         "rows_not_clients": rows_not_clients(s)} for s in submissions],
        "problems": problems,
        "several_files": len({s["file_name"] for s in submissions}) > 1,   # each problem then names its file
        "held": sum(s.get("rows_held", 0) for s in submissions),
        "own": own_figures,
        "outcomes": outcomes,
        "outcome_note": outcome_note,
        "outcome_chart": outcome_comparison_svg(outcomes),
        "uses": [{"your_records": "", **use, "purpose": purpose_in_words(str(use.get("purpose", "")), agreement)} for use in uses],
        "retention_note": retention_note(agreement),
        "logged_uses": logged_uses or [],
        "no_logged_uses": f"None recorded in the agency's use log for {common['quarter']} yet; later reports will list them "
                          "as they happen.",
        "breach_contact": agreement.breach_contact,
        "relationship_managers": agreement.relationship_managers,
    }


def purpose_in_words(purpose: str, agreement: SharingAgreement) -> str:
    """A purpose as the agreement describes it ('Independent evaluation of programme outcomes'), not its code
    (user test 7: a provider read 'service_delivery')."""
    for name, described in agreement.purposes.items():
        if name == purpose:
            return described.description
    return purpose.replace("_", " ").capitalize()


def retention_note(agreement: SharingAgreement) -> str:
    """How long what the provider sent is kept, from the agreement's retention terms."""
    kept = agreement.retention
    return (f"How long it is kept, under the agreement: the files you send {kept.raw_submissions_years} year(s), records "
            f"that identify people {kept.identifiable_data_years} year(s), releases {kept.releases_years} year(s); "
            "then they are disposed of, and the disposal is logged.")


def replaced_releases(earlier_releases: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The quarter's earlier releases a new one replaces (from release-register rows), oldest first: run, when,
    how many files and which extracts, so the steward can tell recipients what to delete."""
    runs: dict[str, dict[str, Any]] = {}
    for row in earlier_releases:
        run = runs.setdefault(str(row["run_id"]), {"run_id": str(row["run_id"]), "released_at": str(row.get("released_at", ""))[:16],
                                                   "files": 0, "extracts": []})
        run["files"] += 1
        if str(row.get("path", "")).endswith("_extract.parquet"):
            run["extracts"].append(str(row["path"]))
    return sorted(runs.values(), key=lambda r: (r["released_at"], r["run_id"]))


def build_steward_context(
    *,
    submissions: list[dict[str, Any]],
    gates: list[Any],
    tables: list[dict[str, Any]],
    purposes: list[Any],
    stage_counts: list[tuple[str, Any]],
    maori_rows: int,
    files: list[dict[str, Any]],
    agreement: SharingAgreement,
    risk_rules: Any,
    today: dt.date,
    common: dict[str, Any],
    consent_withdrawn: dict[str, int] | None = None,
    earlier_releases: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    totals = {key: sum(s[f"rows_{key}"] for s in submissions)
              for key in ("received", "accepted", "quarantined", "held", "rejected")}
    totals["warnings"] = sum(s["rows_with_warnings"] for s in submissions)
    totals["balanced"] = totals["received"] == totals["accepted"] + totals["quarantined"] + totals["held"] + totals["rejected"]
    governance = agreement.maori_data_governance
    uncovered = governance.uncovered(agreement.parties.provider_ids)   # an approval granted before these were parties
    maori_approved = governance.maori_breakdowns_approved and not uncovered
    iwi_approved = governance.iwi_breakdowns_approved and not uncovered
    tables = [{**t, **table_status(t)} for t in tables]
    return {
        **common,
        "consent_withdrawn": consent_withdrawn or {},
        "replaces": replaced_releases(earlier_releases),
        "submissions": submissions,
        "totals": totals,
        "gates": [as_plain(g) for g in gates],
        "tables": tables,
        "purposes": [{**as_plain(p), **split_accounting(p)} for p in purposes],
        "stage_counts": stage_counts,
        "maori_rows": maori_rows,
        "files": files,
        "risk_rules": {"quasi_identifiers": sorted({q for e in risk_rules.extracts.values() for q in e.quasi_identifiers}),
                       "k_threshold": risk_rules.k_threshold, "max_prosecutor_risk": risk_rules.max_prosecutor_risk},
        "agreement": {
            "title": agreement.title, "version": agreement.version, "review_date": agreement.review_date,
            "review_overdue": agreement.review_overdue(today), "breach_contact": agreement.breach_contact,
            "draft": agreement.draft,
            "retention": as_plain(agreement.retention), "purposes": {k: as_plain(v) for k, v in agreement.purposes.items()},
            "maori_approver": governance.approver, "maori_approved": maori_approved,
            "maori_reference": governance.approval_reference, "iwi_approved": iwi_approved,
            "maori_uncovered": list(uncovered),
            "programme": agreement.programme, "classification": agreement.security_classification,
            "method_of_sharing": agreement.method_of_sharing, "relationship_managers": agreement.relationship_managers,
            "parties": {"agency": agreement.parties.agency, "providers": [as_plain(p) for p in agreement.parties.providers],
                        "research_partners": list(agreement.parties.research_partners)},
            "outputs": [as_plain(o) for o in agreement.outputs],
        },
        "withheld": [t for t in tables if not t["released"]],
        "fully_suppressed": [t for t in tables if t["status"] == "fully_suppressed"],
        "governance": governance_wording(tables, maori_approved=maori_approved, iwi_approved=iwi_approved,
                                         reference=governance.approval_reference, uncovered=uncovered),
        "accounting_chart": stacked_bars_svg(
            "Rows per provider: accepted, quarantined, held and rejected", _accounting_by_provider(submissions), ACCOUNTING_PARTS, "rows"),
        "suppression_chart": stacked_bars_svg(
            "Cells per aggregate table: published, primary and secondary suppressed",
            [(t["table"], {"published": max(t["cells"] - t["primary"] - t["secondary"], 0), "primary": t["primary"],
                           "secondary": t["secondary"]}) for t in tables if t["released"]], SUPPRESSION_PARTS, "cells"),
    }


def _accounting_by_provider(submissions: list[dict[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    totals: dict[str, dict[str, int]] = {}
    for s in submissions:
        row = totals.setdefault(s["provider"], {})
        for key in ("accepted", "quarantined", "held", "rejected"):
            row[key] = row.get(key, 0) + int(s.get(f"rows_{key}") or 0)
    return sorted(totals.items())


# One status per aggregate table; every sentence the steward pack says about a table is derived from it.
TABLE_STATUSES = {
    "published": ("pass", "published"),
    "fully_suppressed": ("warning", "published, but every inner cell is suppressed (100% information loss): only its margins "
                                    "say anything; consider a coarser table"),
    "withheld_iwi": ("fail", "withheld: iwi-level breakdown not approved"),
    "withheld_maori": ("fail", "withheld: Māori breakdown not approved"),
    "withheld_audit": ("fail", "withheld: the suppression audit failed"),
    "withheld": ("fail", "withheld"),
}


def table_status(table: dict[str, Any]) -> dict[str, str]:
    """The one status of an aggregate table (from its release decision and protection), with its class and wording."""
    reason = str(table.get("reason", ""))
    if not table["released"]:
        status = ("withheld_iwi" if "iwi-level" in reason else "withheld_maori" if "Māori breakdown" in reason
                  else "withheld_audit" if "audit" in reason else "withheld")
    elif table.get("cells") and table.get("information_loss", 0.0) >= 0.9995:
        status = "fully_suppressed"
    else:
        status = "published"
    css, wording = TABLE_STATUSES[status]
    return {"status": status, "status_class": css, "status_text": wording}


def governance_wording(tables: list[dict[str, Any]], *, maori_approved: bool, iwi_approved: bool,
                       reference: str | None, uncovered: tuple[str, ...] = ()) -> dict[str, dict[str, str]]:
    """What the pack says about Māori and iwi breakdowns, from the approvals and the tables' statuses, so it cannot
    say a table was withheld when none was, or the reverse. `uncovered`: parties an approval recorded with its
    providers does not cover (then it is not shown as current)."""
    def line(approved: bool, status: str, kind: str) -> dict[str, str]:
        withheld = [t["table"] for t in tables if t["status"] == status]
        if approved:
            return {"class": "pass", "text": "approved" + (f" ({reference})" if reference else "")}
        if uncovered and reference:
            return {"class": "fail", "text": f"NOT approved for {', '.join(uncovered)}: the approval ({reference}) covers the "
                                             f"providers it was granted for; {len(withheld)} {kind} table(s) withheld"}
        if withheld:
            return {"class": "fail", "text": f"NOT approved: {len(withheld)} {kind} table(s) withheld ({', '.join(withheld)})"}
        return {"class": "warning", "text": f"NOT approved: this release asked for no {kind} table, so none had to be withheld"}
    return {"maori": line(maori_approved, "withheld_maori", "Māori breakdown"), "iwi": line(iwi_approved, "withheld_iwi", "iwi-level")}


def outcome_counts(table: pl.DataFrame, provider: str) -> dict[str, int | None]:
    """Published (protected) outcome counts for one provider value ('All' = programme), by the table's outcome
    as shown; a suppressed cell is None, an outcome no row has is absent."""
    rows = table.filter((pl.col("provider") == provider) & (pl.col("outcome_status") != "All"))
    return {r["outcome_status"]: r["count"] for r in rows.iter_rows(named=True)}


def programme_outcomes(table: pl.DataFrame, outcome_labels: dict[str, str]) -> tuple[dict[str, int | None], int | None]:
    """The programme's published count per outcome code, and how many people have an outcome in the list.

    The table shows outcomes by label (older releases by code: both are read). The people with an outcome
    are the programme total less its "Not recorded" and "Not recognised" cells, when those are published:
    a provider's share is then set beside the share among people whose providers record outcomes, not
    among everyone. None when it cannot be told from published cells (the shares are then taken over
    the outcome cells published)."""
    code_of = {label: code for code, label in outcome_labels.items()} | {code: code for code in outcome_labels}
    cells = outcome_counts(table, "All")
    counts = {code_of[shown]: count for shown, count in cells.items() if shown in code_of}
    others = [count for shown, count in cells.items() if shown not in code_of]
    total = table.filter((pl.col("provider") == "All") & (pl.col("outcome_status") == "All")).get_column("count").to_list()
    published = [c for c in others if c is not None]
    if len(total) != 1 or total[0] is None or len(published) < len(others):
        return counts, None
    with_outcome = int(total[0]) - sum(published)
    return counts, with_outcome if with_outcome > 0 else None


def outcome_rows(own_outcomes: dict[Any, int], programme_outcomes: dict[str, int | None], outcome_labels: dict[str, str],
                 programme_with_outcome: int | None = None) -> tuple[list[dict[str, Any]], str]:
    """Each outcome's own and programme count and share, and a sentence saying what the shares are of.

    Shares are of the people with an outcome in the list, on both sides: the provider's people whose outcome
    is recorded and recognised, and the programme's (`programme_with_outcome`, else the outcome cells
    published). A provider that records no outcome gets "not recorded", not 0%. A programme outcome that
    no row has is 0; one whose cell was suppressed is "suppressed"."""
    own_total = sum(own_outcomes.get(code, 0) for code in outcome_labels)
    everyone = sum(own_outcomes.values())
    # without the programme's people with an outcome (a "Not recorded" cell suppressed), the published outcome cells
    # add up to it only when none of them is suppressed: over the published ones alone the shares came out too high
    # (user test 6: "Partly achieved" 39% against a true 25%), so then no programme share is shown
    suppressed = any(code in programme_outcomes and programme_outcomes[code] is None for code in outcome_labels)
    # every outcome cell published: its shares are of their own sum, so they add up to 100% (each published count is
    # rounded, and the total less the rounded "Not recorded" cells came to 48 beside cells adding to 51: 106% in all,
    # outsider test 10); a cell suppressed: of the people with an outcome the total less those cells gives
    programme_total = (programme_with_outcome if suppressed else
                       sum(programme_outcomes.get(code) or 0 for code in outcome_labels) or programme_with_outcome)
    rows = []
    for code, label in outcome_labels.items():
        own = own_outcomes.get(code, 0)
        programme = programme_outcomes.get(code, 0)   # absent: no row has it (a suppressed cell is None)
        rows.append({"label": label, "own": own if own_total else None, "own_share": own / own_total if own_total else None,
                     "own_text": "not recorded", "programme": programme,
                     "programme_text": "suppressed" if programme is None else "not recorded" if programme_total else "share not shown",
                     "programme_share": programme / programme_total if programme is not None and programme_total else None})
    if not own_total:
        note = ("Your file records no outcome in the list for any of your people, so only the programme's shares are shown. "
                if everyone else "")
    else:
        missing = everyone - own_total
        note = (f"Your shares are of the {own_total} of your people with an outcome in the list"
                + (f" ({missing} more had none recorded, or one we could not read)" if missing else "") + ". ")
    if programme_total:
        note += ("The programme's shares are of the people whose providers record outcomes, so the two compare like "
                 "with like.")
    else:
        note += ("The programme's shares are not shown: a programme cell is suppressed to protect the people in it, so "
                 "how many people they would be shares of cannot be told from the published table.")
    return rows, note


# --- per-submission quality reports ----------------------------------------------------------

STATUS_FOR_PROVIDERS = {
    "accepted": "We read your file and used every row that passed the checks below.",
    "rejected": "We could not read this file, so none of it was used. The reason is below; please fix it and send the file again.",
    "superseded": "You sent a newer file for this quarter, so we used that one instead; nothing from this file was used.",
    "received": "We have your file; it will be read in the next quarterly run.",
    "held": ("We could read your file, but could not yet tell with confidence what some of its columns hold. A data steward "
             "is confirming this; your rows are kept safely and none is lost. You do not need to change your spreadsheet: "
             "once confirmed, we will read your file the same way every quarter."),
    "unreadable": "We did not read this, for the reason below; nothing in it was used.",
    "duplicate": "This file is identical to another you sent for this quarter, so its rows were counted once.",
}
EFFECT = {"blocking": "Row set aside (not used) until corrected", "warning": "Row kept; this value was not used"}
# Warnings whose value was used, read another way: the provider is told what was made of it (by the rule's check name).
EFFECT_OF_CHECK = {"iwi_named": "Row kept; counted as Māori, and the iwi used for the Iwi column when that was empty",
                   # not a client's row: nothing to correct (user test 7 was told "set aside until corrected")
                   "totals": "Not a client: not counted as one, nothing to correct",
                   "note": "Not a client: not counted as one, nothing to correct",
                   # a value that says nothing was recorded: the row is kept and the value left blank
                   "not_recorded": "Row kept; age counted as not stated"}
# Warnings whose value is kept as written (an outsider user test was told "not used" of a date that was released).
KEPT_AS_WRITTEN = {"inside_quarter": "Row kept, with the date as you gave it: please check it",
                   "plausible_range": "Row kept, with the date as you gave it: please check it",
                   "same_as_before": "Row kept, with this quarter's date of birth: please check which is right",
                   "unique": "Row kept: please check the client reference",
                   "cell_count": "Row kept; the extra cells were not read",
                   "formula": "Row kept, with the cell as it was saved: please check it"}


def rows_not_clients(submission: Mapping[str, Any]) -> int:
    """Rows of a submission set aside for not being a client's (a totals row, a note, a sign-off): counted with the rows
    set aside, told apart for the provider, since there is nothing in them to correct (outsider test 10)."""
    return sum(int(f.get("failing_rows") or 0) for f in submission.get("findings", [])
               if str(f.get("rule_id", "")).rsplit(".", 1)[-1] in ("totals", "note"))


def effect_of(finding: dict[str, Any]) -> str:
    """What a failed check did to the rows, in the provider's terms."""
    check = str(finding.get("rule_id", "")).rsplit(".", 1)[-1]
    kept = KEPT_AS_WRITTEN.get(check) if finding["severity"] == "warning" else None
    return EFFECT_OF_CHECK.get(check) or kept or EFFECT[finding["severity"]]


ROWS_LISTED = 50


def _failed(submission: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in submission.get("findings", []) if not f["success"]]


def _rows_by_rule(issues: pl.DataFrame) -> dict[str, list[int]]:
    grouped = issues.group_by("rule").agg(pl.col("source_row").unique().sort().head(ROWS_LISTED))
    return {r["rule"]: r["source_row"] for r in grouped.iter_rows(named=True)}


def build_submission_quality_context(submission: dict[str, Any], issues: pl.DataFrame, common: dict[str, Any]) -> dict[str, Any]:
    """Steward view of one submission: how it was read and mapped, and every expectation's result."""
    checked = submission["rows_received"] or 0
    findings = [{**f, "failing_share": (f["failing_rows"] / checked) if checked else 0.0} for f in submission.get("findings", [])]
    by_column = (issues.group_by("column", "severity").agg(pl.col("source_row").n_unique().alias("rows")).sort("column", "severity")
                 .to_dicts() if issues.height else [])
    return {
        **common,
        "submission": {k: v for k, v in submission.items() if k != "findings"},
        "status_text": STATUS_FOR_PROVIDERS.get(submission["status"], submission["status"]),
        "balanced": _balanced(submission),
        "findings": findings,
        "checks_failed": sum(not f["success"] for f in findings),
        "issues_by_column": by_column,
    }


def _balanced(submission: dict[str, Any]) -> bool:
    return bool(submission["rows_received"] == sum(submission.get(f"rows_{k}", 0) for k in ("accepted", "quarantined", "held", "rejected")))


def build_provider_quality_context(submission: dict[str, Any], issues: pl.DataFrame, common: dict[str, Any]) -> dict[str, Any]:
    """A provider's view of one of its own files: what was wrong, which rows, how to fix it, what was used."""
    rows = _rows_by_rule(issues) if issues.height else {}
    problems = [{"description": f["description"], "column": f["column"], "rows": f["failing_rows"], "fix": f["fix"],
                 "effect": effect_of(f), "severity": f["severity"],
                 "row_numbers": rows.get(f["rule_id"], list(f["first_rows"]))}
                for f in (_in_their_words(f, submission) for f in _failed(submission))]
    problems.sort(key=lambda p: (p["severity"] != "blocking", -p["rows"]))
    return {
        **common,
        "provider": submission["provider"],
        "file_name": submission["file_name"],
        "status": submission["status"],
        "status_text": STATUS_FOR_PROVIDERS.get(submission["status"], submission["status"]),
        "message": _their_message(submission),
        "counts": {k: submission.get(k, 0) for k in ("rows_received", "rows_accepted", "rows_quarantined", "rows_with_warnings",
                                                     "rows_held", "rows_rejected")},
        "columns_used": [{"yours": h, "standard": f} for h, f, _ in submission.get("column_mapping", []) if f],
        "columns_not_kept": list(submission.get("dropped_columns", [])),
        "problems": problems,
        "rows_listed": ROWS_LISTED,
        "checks": [{"description": _their_words(f["description"], provider_headers(submission)), "passed": f["success"]}
                   for f in submission.get("findings", [])],
    }


_FIELD_NAME = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def provider_headers(submission: dict[str, Any]) -> dict[str, str]:
    """Per standard field, the provider's own header(s) for it, from ingest's column mapping ("D.O.B.").

    A field read from several columns (Ethnicity 1..6, phone and mobile) names them all.
    """
    headers: dict[str, list[str]] = {}
    for header, field, *_ in submission.get("column_mapping", []):
        if field and header and header not in headers.setdefault(field, []):
            headers[field].append(header)
    return {field: " / ".join(names) for field, names in headers.items()}


def _plain_field(field: str, headers: dict[str, str]) -> str:
    """A standard field as the provider knows it: their header, else the field in plain words."""
    return headers.get(field) or field.replace("_", " ")


def _their_words(text: str, headers: dict[str, str]) -> str:
    """Text written with standard field names, reworded with the provider's headers ("Fill in D.O.B. for every row.").

    Every snake_case field name is replaced (by the provider's header, else by plain words). A
    one-word field (gender, email) is an ordinary word too ("Another gender"), so it is replaced
    only where the rules put a field name: at the start, or after "Fill in", "Write" or "Enter".
    """
    own = sorted((f for f in headers if "_" not in f and headers[f] != f), key=len, reverse=True)
    where = r"(?:^|(?<=Fill in )|(?<=Write )|(?<=Enter ))"
    pattern = re.compile("|".join([*(rf"{where}{re.escape(f)}\b" for f in own), _FIELD_NAME.pattern]))
    return pattern.sub(lambda match: _plain_field(match.group(0), headers), text)


def _their_column(submission: dict[str, Any], field: str) -> str:
    """The provider's own header for a standard field, with the standard name in brackets: "D.O.B. (date_of_birth)".

    A rule over several fields ("full_name,family_name") names each; "(whole row)" stays as it is.
    """
    headers = provider_headers(submission)
    names = []
    for part in field.split(","):
        shown = _plain_field(part, headers)   # their header; a field they have no column for, in plain words
        same = re.sub(r"[^a-z0-9]", "", shown.lower()) == part.replace("_", "")   # "Date of Birth" is date_of_birth already
        names.append(f"{shown} ({part})" if not same and part.replace("_", "").isalnum() else shown)
    return " or ".join(names)


def _their_message(submission: dict[str, Any]) -> str | None:
    """A note on reading the file ("client_ref was derived: ...") in the provider's words."""
    message = submission.get("message")
    return _their_words(message, provider_headers(submission)) if message else message


def _in_their_words(finding: dict[str, Any], submission: dict[str, Any]) -> dict[str, Any]:
    """A failed check as its provider reads it: description, fix and column under their own headers."""
    headers = provider_headers(submission)
    return {**finding, "description": _their_words(finding["description"], headers), "fix": _their_words(finding["fix"], headers),
            "column": _their_column(submission, finding["column"])}


def rows_to_fix(submission: dict[str, Any], issues: pl.DataFrame) -> pl.DataFrame:
    """Every flagged row of a provider's file with what was wrong and how to fix it (no values).

    A data sheet of a workbook with several (`sheet`, from `as_plain_submissions`) names its sheet on every row."""
    headers = provider_headers(submission)
    rules = pl.DataFrame([{"rule": f["rule_id"], "problem": _their_words(f["description"], headers),
                           "how_to_fix": _their_words(f["fix"], headers), "effect": effect_of(f)}
                          for f in submission.get("findings", [])],
                         schema={"rule": pl.Utf8, "problem": pl.Utf8, "how_to_fix": pl.Utf8, "effect": pl.Utf8})
    columns = {c: _their_column(submission, c) for c in issues.get_column("column").unique().to_list()}
    detail = pl.col("detail") if "detail" in issues.columns else pl.lit(None, dtype=pl.Utf8)
    table = (issues.join(rules, on="rule", how="left")
             .select(pl.col("source_row").alias("row"), pl.col("column").replace_strict(columns, return_dtype=pl.Utf8),
                     "problem", detail.alias("detail"), "effect", "how_to_fix")
             .unique(maintain_order=True).sort("row", "column"))
    sheet = submission.get("sheet")
    return table.select(pl.lit(sheet, dtype=pl.Utf8).alias("sheet"), pl.all()) if sheet else table
