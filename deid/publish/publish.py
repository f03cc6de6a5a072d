"""The publish stage: write each audience's outputs into one release folder, atomically.

Everything is written to a staging folder beside the releases folder first (never inside it, so a sync of
the releases folder cannot ship half a release); the manifest (every file, its audience,
purpose, row count and SHA-256) is written last and the folder renamed into place, so a
release is whole or absent. Nothing is written that has not passed its gate: extracts
need a passed risk gate, tables need protection, and every output needs a purpose the
sharing agreement covers.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from deid.aggregate import ProtectionResult
from deid.aggregate.protect import one_status
from deid.agreement import EACH_PROVIDER, Output, SharingAgreement
from deid.errors import PublishError
from deid.io import (
    LEGACY_STAGING_PREFIX,
    publish_atomically,
    remove_if_empty,
    sha256_file,
    staging_dir_for,
    write_json,
    write_table,
    write_text,
)
from deid.publish.datapackage import banded_columns, build_datapackage, pandas_metadata, value_labels
from deid.publish.inputs import ReleaseInputs, SubmissionOutcome
from deid.publish.manifest import build_manifest
from deid.publish.marking import (
    CSVW_SUFFIX,
    DEMO_NOTICE,
    PARQUET_DEMO_KEY,
    check_marked,
    csv_companion,
    mark_frame,
    mark_markdown,
    mark_payload,
)
from deid.publish.steward import build_steward_page_context, build_steward_payload
from deid.risk import GateResult
from deid.split import PurposeExtractResult
from deid.standards import Standards
from deid.uselog import UseEntry
from reports.builders import (
    as_plain_submissions,
    build_feedback_context,
    build_provider_quality_context,
    build_submission_quality_context,
    common_context,
    file_and_sheet,
    programme_outcomes,
    render,
    rows_to_fix,
    workbook_part,
)
from reports.pdf import feedback_pdf, feedback_pdfs

STEWARDS = "data-stewards"
# Outputs that are not one purpose's microdata, and the agreement basis they rest on.
AGGREGATE_PURPOSE = "service_delivery"
AGGREGATE_AUDIENCE = "programme-wide"
RELEASE_LINEAGE_COLUMNS = ("run_id",)  # which run produced a row: carried on every extract
FEEDBACK_PURPOSE = "service_delivery"


@dataclass(frozen=True)
class ReleasedFile:
    path: str
    audience: str
    purpose: str
    description: str
    rows: int | None
    sha256: str
    bytes: int


@dataclass(frozen=True)
class ReleaseResult:
    release_dir: Path
    manifest_path: Path
    files: tuple[ReleasedFile, ...]
    purposes: tuple[PurposeExtractResult, ...] = ()   # the split's results the release was made from (for the run summary)


def covered_by(agreement: SharingAgreement, relative: str, audience: str, purpose: str) -> Output:
    """The agreement's output that covers a file, or a refusal naming what is missing.

    A file is covered when its folder is one of the agreement's outputs, its purpose is one the
    agreement has legal authority for, and its audience is among that output's recipients. In
    a per-provider folder the audience must be that provider, so one provider's file can never
    be addressed to another.
    """
    if purpose not in agreement.purposes:
        raise PublishError(f"'{relative}': purpose '{purpose}' is not covered by the sharing agreement "
                           f"({sorted(agreement.purposes)}); nothing is released outside it")
    parts = relative.split("/")
    output = agreement.output_for(parts[0])
    if output is None:
        raise PublishError(f"'{relative}': the sharing agreement lists no output in folder '{parts[0]}' "
                           f"(outputs: {[o.folder for o in agreement.outputs]}); nothing is released outside it")
    if EACH_PROVIDER in output.recipients and len(parts) > 2:
        provider = parts[1]
        if provider not in agreement.parties.provider_ids or audience != f"provider:{provider}":
            raise PublishError(f"'{relative}': a file in provider {provider}'s folder may only go to that provider "
                               f"(a party to the agreement), not to '{audience}'")
    elif audience not in output.recipients:
        raise PublishError(f"'{relative}': audience '{audience}' is not a recipient of '{output.folder}' in the sharing "
                           f"agreement (recipients: {list(output.recipients)})")
    if output.purpose != purpose:
        raise PublishError(f"'{relative}': released for purpose '{purpose}', but the agreement covers "
                           f"'{output.folder}' under '{output.purpose}'")
    return output


@dataclass
class ReleaseWriter:
    """Collects files in a staging folder and records each one for the manifest.

    In a demo-key release (`demo`) every file is marked as its format allows (`deid.publish.marking`)
    and checked for the mark before it is recorded. CSV, HTML and Markdown text is neutralised
    against formula injection by the writers underneath (`deid.safe_text`). A path is written once: a
    second file for a path already written is refused before a byte of it is written (two of a
    workbook's sheets once shared their reports' paths, the second silently replacing the first).
    """

    staging: Path
    agreement: SharingAgreement
    files: list[ReleasedFile] = field(default_factory=list)
    demo: bool = False
    _claimed: set[str] = field(default_factory=set, init=False, repr=False)

    def _claim(self, relative: str) -> Path:
        """The staging path of a file not yet written in this release, or a refusal naming the path."""
        if relative in self._claimed:
            raise PublishError(f"'{relative}' would be written twice in this release: refusing to overwrite it (two "
                               "outputs were given the same path, so one would be lost; nothing was released). This is a "
                               "bug in deid: report it with this message")
        self._claimed.add(relative)
        return self.staging / relative

    def _record(self, relative: str, audience: str, purpose: str, description: str, rows: int | None) -> None:
        covered_by(self.agreement, relative, audience, purpose)
        path = self.staging / relative
        if self.demo:   # the bytes are read once, for the mark and the hash
            data = path.read_bytes()
            check_marked(relative, data)
            digest, size = hashlib.sha256(data).hexdigest(), len(data)
        else:
            digest, size = sha256_file(path), path.stat().st_size
        self.files.append(ReleasedFile(relative, audience, purpose, description, rows, digest, size))

    def marked(self, frame: pl.DataFrame) -> pl.DataFrame:
        """A table as this release writes it (with the demo column in a demo release)."""
        return mark_frame(frame, self.demo)

    def table(self, relative: str, frame: pl.DataFrame, *, audience: str, purpose: str, description: str) -> None:
        marked = self.marked(frame)
        write_table(self._claim(relative), marked)
        self._record(relative, audience, purpose, description, frame.height)
        if self.demo and relative.endswith(".csv"):
            self.json(relative + CSVW_SUFFIX, csv_companion(relative.rsplit("/", 1)[-1], marked, description), audience=audience,
                      purpose=purpose, description=f"CSVW metadata for {relative.rsplit('/', 1)[-1]} (demo key notice)")

    def text(self, relative: str, text: str, *, audience: str, purpose: str, description: str) -> None:
        write_text(self._claim(relative), mark_markdown(text, self.demo) if relative.endswith(".md") else text)
        self._record(relative, audience, purpose, description, None)

    def json(self, relative: str, payload: Any, *, audience: str, purpose: str, description: str) -> None:
        write_json(self._claim(relative), mark_payload(payload, self.demo))
        self._record(relative, audience, purpose, description, None)

    def parquet(self, relative: str, frame: pl.DataFrame, metadata: dict[str, Any], *, audience: str, purpose: str,
                description: str) -> None:
        """A Parquet file carrying `metadata` (JSON values) in its own key-value metadata.

        Text values are kept as they are; the data dictionary says which columns are neutralised on export.
        """
        path = self._claim(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        table = frame.to_arrow()
        notice = {PARQUET_DEMO_KEY: DEMO_NOTICE} if self.demo else {}
        # pandas metadata: readers that go through pandas (frictionless among them) get nullable integers back
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"pandas": pandas_metadata(table),
                                               **{k: json.dumps(v, ensure_ascii=False) for k, v in metadata.items()}, **notice})
        pq.write_table(table, path)
        self._record(relative, audience, purpose, description, frame.height)

    def binary(self, relative: str, data: bytes, *, audience: str, purpose: str, description: str) -> None:
        path = self._claim(relative)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self._record(relative, audience, purpose, description, None)


PERSON_ID = ("Pseudonym for the person within this purpose (keyed HMAC-SHA256). Stable: the same person has the same "
             "person_id in every quarter's release of this purpose and whichever provider reported them (people are matched "
             "by NHI, else by name and date of birth; a person with neither is counted within their provider only), until "
             "the programme's pseudonym key is rotated. It cannot be linked to another purpose's pseudonyms")


def data_dictionary(extract: pl.DataFrame, standards: Standards, agreement: SharingAgreement | None = None) -> pl.DataFrame:
    """What each column holds: its type, description and (for coded and banded text) its values, with each code's label
    (`values`, "code = label; ..."). A column the risk gate coarsened to bands says so and lists the bands present."""
    described = {spec.name: spec.description for spec in standards.fields.fields}
    derived = {
        "run_id": "Pipeline run that produced this extract", "person_id": PERSON_ID,
        "provider": "Provider that reported the record", "quarter": "Reporting quarter", "age_band_five_year": "Age band at quarter end",
        "age_years": "Age in completed years at quarter end", "gender_code": "Gender, Stats NZ 2021 code (labels in values)",
        "ethnicity_prioritised": "Prioritised level-1 ethnicity, Stats NZ code (labels in values)", "region_code": "Regional council code",
        "region_name": "Regional council", "ta_name": "Territorial authority", "service_month": "Month of the latest service",
        "service_quarter": "Quarter of the latest service",
        "is_maori_data": ("Māori data (Māori ethnicity or iwi recorded); blank where the risk gate blanked the ethnicity "
                          "(it would say what the blank hid), and on every row of a provider the Māori data approval does not "
                          "cover (see provenance): treat a blank as possibly Māori data"),
        "case_notes_scrubbed": "Case notes with personal information replaced by typed placeholders",
    }
    labels = value_labels(standards, agreement) if agreement is not None else {}
    bands = banded_columns(extract, standards)
    rows = []
    for c in extract.columns:
        description = derived.get(c) or described.get(c) or ("Level-1 ethnicity flag (total response)" if c.startswith("eth_") else "")
        values = ""
        if c in labels and extract.schema[c] == pl.Utf8:
            values = "; ".join(f"{code} = {label}" for code, label in labels[c].items())
        elif c in bands:
            values = "; ".join(bands[c])
            if c != "age_band_five_year":
                description = (f"{description.rstrip('.')}: released in bands, not as a number (the risk gate coarsened it "
                               "to protect people); the bands are in values")
        rows.append({"field": c, "type": str(extract.schema[c]), "description": description, "values": values,
                     "neutralised_on_export": extract.schema[c] == pl.Utf8 or isinstance(extract.schema[c], (pl.Categorical, pl.Enum))})
    return pl.DataFrame(rows, schema={"field": pl.Utf8, "type": pl.Utf8, "description": pl.Utf8, "values": pl.Utf8,
                                      "neutralised_on_export": pl.Boolean})


def publish_release(inputs: ReleaseInputs) -> ReleaseResult:
    """Write every audience's outputs and the manifest, then move the release into place.

    Everything goes to a staging folder first; the manifest is written last and the folder renamed
    into place, so a release is whole or absent (a failure removes the staging folder).
    """
    contents = inputs.contents
    final_dir = inputs.releases_dir / inputs.run_id
    staging = staging_dir_for(inputs.releases_dir, inputs.run_id)   # beside the releases folder: a sync never sees it
    for stale in (staging, inputs.releases_dir / f"{LEGACY_STAGING_PREFIX}{inputs.run_id}"):
        if stale.exists():
            shutil.rmtree(stale)
    staging.mkdir(parents=True)
    writer = ReleaseWriter(staging, inputs.agreement, demo=inputs.demo)
    common = common_context(inputs.run_id, inputs.quarter, inputs.agreement.security_classification, inputs.demo,
                            inputs.started_at)
    # each submission as plain values once: its quality pages, its provider's feedback and the steward pack all read it
    plain = plain_submissions(contents.submissions)
    try:
        _write_extracts(writer, inputs)
        _write_tables(writer, contents.tables, contents.protection)
        quality_pages = _write_quality_reports(writer, list(contents.submissions), contents.row_issues, common,
                                               inputs.agreement.parties.provider_ids, plain)
        _write_feedback(writer, list(contents.submissions), contents.provider_figures, contents.tables, inputs.agreement,
                        inputs.standards, common, inputs.quarter, quality_pages, inputs.logged_uses, inputs.earlier_releases,
                        plain, contents.extracts, contents.purpose_results)
        released_so_far = list(writer.files)
        writer.json("stewards/steward_summary.json", build_steward_payload(inputs, released_so_far, plain), audience=STEWARDS,
                    purpose="service_delivery",
                    description="Quality, risk and suppression results for data stewards (machine-readable)")
        steward_context = build_steward_page_context(inputs, released_so_far, quality_pages, common, plain)
        writer.text("stewards/steward_summary.html", render("steward_summary.html.j2", steward_context), audience=STEWARDS,
                    purpose="service_delivery", description="Steward review page: quality, risk, suppression, agreement, manifest")
        write_json(staging / "manifest.json", mark_payload(build_manifest(inputs, writer.files), inputs.demo))
        publish_atomically(staging, final_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        remove_if_empty(staging.parent)
        raise
    return ReleaseResult(final_dir, final_dir / "manifest.json", tuple(writer.files), tuple(contents.purpose_results))


def _write_extracts(writer: ReleaseWriter, inputs: ReleaseInputs) -> None:
    """Each purpose's extract as a data package: Parquet, dictionary, datapackage.json and provenance.

    The provenance travels three ways, so it cannot be lost from the data: as provenance.json and
    PROVENANCE.md beside it, inside datapackage.json, and in the Parquet file's own metadata.
    """
    agreement, standards, contents = inputs.agreement, inputs.standards, inputs.contents
    for purpose_name, extract in contents.extracts.items():
        if purpose_name not in agreement.purposes:
            raise PublishError(f"extract '{purpose_name}': purpose not covered by the sharing agreement "
                               f"({sorted(agreement.purposes)}); nothing is released outside it")
        gate = contents.gates.get(purpose_name)
        if gate is None or not gate.passed:
            raise PublishError(f"extract '{purpose_name}' has not passed the risk gate"
                               + (f": {gate.message}" if gate else "; it was never checked"))
        purpose = {str(name): p for name, p in agreement.purposes.items()}[purpose_name]
        outside = [c for c in extract.columns if c not in purpose.fields and c not in RELEASE_LINEAGE_COLUMNS]
        if outside:
            raise PublishError(f"extract '{purpose_name}': column(s) {outside} are not in the purpose's field allowlist in the "
                               "sharing agreement; nothing outside it is released")
        folder = purpose_name.replace("_", "-")
        output = covered_by(agreement, f"{folder}/x", purpose.audience, purpose_name)
        withdrawn = contents.withdrawals.get(purpose_name)
        provenance = mark_payload(extract_provenance(purpose_name, agreement, standards, inputs.quarter,
                                                     list(contents.submissions), inputs.started_at, inputs.run_id, gate,
                                                     output, withdrawn.height if withdrawn is not None else 0,
                                                     replaced_extracts(inputs.earlier_releases, f"{folder}/{purpose_name}_extract.parquet"),
                                                     split=next((r for r in contents.purpose_results if r.purpose == purpose_name), None)),
                                  writer.demo)
        dictionary = data_dictionary(extract, standards, agreement)
        extract_name = f"{purpose_name}_extract.parquet"
        writer.parquet(f"{folder}/{extract_name}", extract, {"deid:provenance": provenance}, audience=purpose.audience,
                       purpose=purpose_name, description=f"{purpose.description}: de-identified microdata")
        writer.table(f"{folder}/data_dictionary.csv", dictionary, audience=purpose.audience,
                     purpose=purpose_name, description="Data dictionary for the extract")
        writer.json(f"{folder}/provenance.json", provenance, audience=purpose.audience, purpose=purpose_name,
                    description="Provenance carried with the extract")
        writer.text(f"{folder}/PROVENANCE.md", render("provenance.md.j2", {"p": provenance}), audience=purpose.audience,
                    purpose=purpose_name, description="Provenance note, for people")
        listed = {f.path: f for f in writer.files}
        extract_file, dictionary_file = listed[f"{folder}/{extract_name}"], listed[f"{folder}/data_dictionary.csv"]
        package = build_datapackage(purpose_name, extract, extract_name, extract_file.sha256, writer.marked(dictionary),
                                    "data_dictionary.csv", dictionary_file.bytes, dictionary_file.sha256, provenance,
                                    standards, agreement)
        writer.json(f"{folder}/datapackage.json", package, audience=purpose.audience, purpose=purpose_name,
                    description="Frictionless data package descriptor")
        if withdrawn is not None and withdrawn.height:
            writer.table(f"{folder}/{WITHDRAWN_FILE}", withdrawn, audience=purpose.audience, purpose=purpose_name,
                         description="Persons whose consent was withdrawn: delete their rows from the earlier extracts listed")


WITHDRAWN_FILE = "consent_withdrawn.csv"


def replaced_extracts(earlier_releases: Sequence[Mapping[str, Any]], path: str) -> list[dict[str, str]]:
    """The quarter's earlier releases of the extract at `path` (release-register rows): what this one replaces."""
    return [{"run_id": str(r["run_id"]), "released_at": str(r.get("released_at", ""))[:16], "sha256": str(r.get("sha256", ""))}
            for r in earlier_releases if r.get("path") == path]


def extract_provenance(purpose_name: str, agreement: SharingAgreement, standards: Standards, quarter: str,
                       submissions: list[SubmissionOutcome], started_at: dt.datetime, run_id: str, gate: GateResult,
                       output: Output, consent_withdrawn: int = 0, replaces: Sequence[Mapping[str, str]] = (),
                       split: PurposeExtractResult | None = None) -> dict[str, Any]:
    """Where the data came from, on what authority, for what, with what restrictions, until when, and how it was protected."""
    purpose = {str(name): p for name, p in agreement.purposes.items()}[purpose_name]
    governance = agreement.maori_data_governance
    retention_until = started_at.date().replace(year=started_at.year + agreement.retention.releases_years)
    accepted = sorted({s.provider for s in submissions if s.status == "accepted"})
    rules = standards.disclosure.risk.extracts.get(purpose_name)
    return {
        "source": {"agency": agreement.parties.agency, "programme": agreement.title,
                   "providers": [{"id": p, "name": agreement.parties.provider_names.get(p, p)} for p in accepted],
                   "quarters": [quarter]},
        "run_id": run_id, "agreement": {"programme": agreement.programme, "version": agreement.version},
        "legal_authority": purpose.legal_authority, "purpose": purpose.description, "recipients": list(output.recipients),
        "restrictions": [f"Use only for: {purpose.description}", "Do not attempt to re-identify any person",
                         "Do not link with other data without the agreement of the data steward",
                         "Do not pass on to anyone outside the named recipients",
                         "Māori data: report Māori or iwi-level findings only as the agreement's Māori data governance allows; "
                         "treat a row whose is_maori_data is blank as possibly Māori data"],
        "date_shared": str(started_at.date()), "classification": output.classification or agreement.security_classification,
        "method_of_sharing": output.method or agreement.method_of_sharing,
        "retain_until": str(retention_until), "disposal": "Delete securely at the retention date and tell the data steward",
        "breach_contact": agreement.breach_contact,
        "consent": "only people whose consent to this use was recorded" if purpose.consent_required else "not required for this purpose",
        "replaces": [dict(r) for r in replaces],
        "consent_withdrawn": ({"persons": consent_withdrawn, "file": WITHDRAWN_FILE,
                               "instruction": "delete these persons' rows from the earlier extracts listed in the file, "
                                              "and from anything derived from them, and tell the data steward when done"}
                              if consent_withdrawn else None),
        "maori_data_governance": {
            "approver": governance.approver, "approval_reference": governance.approval_reference,
            "maori_breakdowns_approved": governance.maori_breakdowns_approved,
            "iwi_breakdowns_approved": governance.iwi_breakdowns_approved,
            "approved_for": list(governance.approved_for) if governance.approved_for is not None else "every provider of the agreement",
            # rows whose Māori identity was blanked because the approval does not cover them (`deid.split.withhold_maori_identity`)
            "identity_withheld": ({"rows": split.maori_identity_withheld_rows,
                                   "providers": list(split.maori_identity_withheld_providers),
                                   "columns": list(split.maori_identity_columns_withheld),
                                   "reason": f"the Māori data approval does not cover these rows (no approval, or a provider "
                                             f"it was not granted for); {governance.approver} extends it in the agreement's "
                                             "maori_data_governance"}
                                  if split is not None and split.maori_identity_withheld_rows else None),
        },
        "disclosure_control": {
            "pseudonyms": f"keyed HMAC-SHA256 in the '{purpose.pseudonym_domain}' domain; not linkable to other purposes",
            "generalisation": dict(purpose.generalise),
            "rare_categories_folded": purpose.fold_rare.model_dump() if purpose.fold_rare else None,
            "quasi_identifiers": list(rules.quasi_identifiers) if rules else [],
            "k_threshold": standards.disclosure.risk.k_threshold,
            "max_prosecutor_risk": standards.disclosure.risk.max_prosecutor_risk,
            "risk_gate": gate.message, "values_suppressed": gate.values_suppressed, "records_withheld": gate.records_withheld,
            # k over persons (a person's rows taken together: their set of providers or services can single them out)
            "person_level_k": gate.after.person_k_min, "values_suppressed_for_person_level_k": gate.values_suppressed_for_persons,
            "records_withheld_for_person_level_k": gate.records_withheld_for_persons,
            "persons_withheld_for_person_level_k": gate.persons_withheld,
            # the same over the quarters of this purpose released so far (None where none were), and what it asked for
            "person_level_k_across_quarters": gate.after.person_k_min_across_quarters,
            "persons_below_k_across_quarters": gate.after.persons_below_k_across_quarters,
            "records_withheld_for_person_level_k_across_quarters": gate.records_withheld_for_persons_across_quarters,
            "linkage_control": [{"column": a.column, "action": a.action, "detail": a.detail, "rows_affected": a.rows_affected}
                                for a in gate.linkage_actions],
            "free_text": ("scrubbed of personal information (typed placeholders); place names beyond the row's released "
                          f"areas replaced by <LOCATION> ({gate.note_places_withheld} in this extract), and ethnic groups "
                          f"named where the row's ethnicity was blanked by <ETHNICITY> ({gate.note_ethnicities_withheld}); "
                          f"every age stated by <AGE> ({gate.note_ages_withheld}: finer than any released age band), and "
                          f"wellbeing scores stated where the row's wellbeing was withheld by <SCORE> ({gate.note_scores_withheld})"
                          if "case_notes_scrubbed" in purpose.fields else "not released"),
        },
    }


def _write_tables(writer: ReleaseWriter, tables: Mapping[str, pl.DataFrame], protection: Sequence[ProtectionResult]) -> None:
    results = {p.table: p for p in protection}
    for name, table in tables.items():
        if name not in results:
            raise PublishError(f"table '{name}' has not been through small-cell protection")
        if not results[name].releasable:
            raise PublishError(f"table '{name}' failed the suppression audit ({results[name].audit}); it cannot be released")
        writer.table(f"aggregates/{name}.csv", one_status(table), audience=AGGREGATE_AUDIENCE,
                     purpose=AGGREGATE_PURPOSE, description=f"Protected aggregate table {name} (RR3, suppression)")


def _safe_name(text: str) -> str:
    """Letters with macrons or other marks keep their letter ('pūrongo_hauwhā' -> 'purongo_hauwha', not 'p-rongo_hauwh-')."""
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-.")


def submission_slug(submission: SubmissionOutcome) -> str:
    """A file-name-safe name for one submission's reports, unique in its provider's folder and the same in every run.

    It is the file's name, the workbook sheet when the submission is one named sheet ("kowhai_Q3_2026_Hamilton-clients"),
    the file's hash prefix and, for a workbook's second and later data sheets, the part number: the sheets of one
    workbook share its name and hash (their reports once overwrote each other), and two sheet names can read alike
    once made safe for a file name.
    """
    file_name, sheet = file_and_sheet(submission.file_name)
    stem = _safe_name(Path(file_name).stem)[:60] or "submission"
    sheet_part = _safe_name(sheet)[:40] if sheet else ""
    part = workbook_part(submission.submission_id)[1]
    return f"{stem}{'_' + sheet_part if sheet_part else ''}_{(submission.sha256 or '')[:8]}{f'-{part}' if part > 1 else ''}"


def rows_by(frame: pl.DataFrame, column: str) -> Callable[[Any], pl.DataFrame]:
    """`frame.filter(pl.col(column) == value)` for any value, from one pass over the frame rather than one per value
    (a release looks up each of 200 submissions' issues and each provider's figures)."""
    if frame.is_empty():
        return lambda value: frame
    parts = frame.partition_by(column, as_dict=True, maintain_order=True)
    empty = frame.clear()
    return lambda value: parts.get((value,), empty)


def plain_submissions(submissions: Sequence[SubmissionOutcome]) -> dict[int, dict[str, Any]]:
    """Each submission as plain values (`as_plain_submissions`: a workbook's data sheet names its sheet), by the
    submission's identity, made once for every page that shows it.

    The values are shared by the pages built from them, which copy what they change and never change them in place.
    """
    return {id(s): made for s, made in zip(submissions, as_plain_submissions(submissions), strict=True)}


def _plain(submission: SubmissionOutcome, plain: Mapping[int, dict[str, Any]]) -> dict[str, Any]:
    return plain[id(submission)]


def _write_quality_reports(writer: ReleaseWriter, submissions: list[SubmissionOutcome], row_issues: pl.DataFrame,
                           common: dict[str, Any], parties: tuple[str, ...],
                           plain_by_id: Mapping[int, dict[str, Any]] | None = None) -> dict[int, dict[str, str]]:
    """Two quality reports per submission: every check for stewards, and what to fix for its provider.

    Returns, per submission (by its identity, as `plain_submissions`: a submission id is not unique, a file sent twice
    under two names being one id), the release-relative paths of its steward and provider pages.
    """
    pages: dict[int, dict[str, str]] = {}
    issues_of = rows_by(row_issues, "submission_id")
    plain_by_id = plain_by_id if plain_by_id is not None else plain_submissions(submissions)
    for submission in submissions:
        slug = submission_slug(submission)
        plain = _plain(submission, plain_by_id)
        name = plain["file_name"]   # a workbook's data sheet with its sheet
        issues = issues_of(submission.submission_id)
        steward_context = build_submission_quality_context(plain, issues, common)
        steward_path = f"stewards/quality/{submission.provider}/{slug}"
        writer.text(f"{steward_path}.html", render("quality_steward.html.j2", steward_context), audience=STEWARDS,
                    purpose=FEEDBACK_PURPOSE, description=f"Every quality check on {submission.provider}'s file {name}")
        writer.json(f"{steward_path}.json", {k: v for k, v in steward_context.items() if k not in {"demo", "version", "title_prefix"}},
                    audience=STEWARDS, purpose=FEEDBACK_PURPOSE, description=f"Quality results for {name} (machine-readable)")
        pages[id(submission)] = {"steward": f"{steward_path}.html"}
        if submission.provider not in parties:
            continue   # not a party to the agreement: its file was refused, and nothing is sent to it
        audience = f"provider:{submission.provider}"
        provider_path = f"providers/{submission.provider}/data_quality_{slug}"
        provider_context = build_provider_quality_context(plain, issues, common)
        writer.text(f"{provider_path}.html", render("quality_provider.html.j2", provider_context), audience=audience,
                    purpose=FEEDBACK_PURPOSE, description=f"What was wrong in {name} and how to fix it")
        writer.json(f"{provider_path}.json", {k: v for k, v in provider_context.items() if k not in {"demo", "version", "title_prefix"}},
                    audience=audience, purpose=FEEDBACK_PURPOSE, description=f"Data quality of {name} (machine-readable)")
        if issues.height:
            writer.table(f"providers/{submission.provider}/rows_to_fix_{slug}.csv", rows_to_fix(plain, issues), audience=audience,
                         purpose=FEEDBACK_PURPOSE, description=f"Every row of {name} to check, with how to fix it")
        pages[id(submission)]["provider"] = f"{provider_path}.html"
    return pages


def _write_feedback(writer: ReleaseWriter, submissions: list[SubmissionOutcome], provider_figures: pl.DataFrame,
                    tables: Mapping[str, pl.DataFrame], agreement: SharingAgreement, standards: Standards, common: dict[str, Any],
                    quarter: str, quality_pages: dict[int, dict[str, str]], logged_uses: tuple[UseEntry, ...],
                    earlier_releases: tuple[dict[str, Any], ...], plain_by_id: Mapping[int, dict[str, Any]] | None = None,
                    extracts: Mapping[str, pl.DataFrame] | None = None, purposes: Sequence[PurposeExtractResult] = ()) -> None:
    """One report per provider (HTML, PDF and JSON), built from that provider's rows and protected totals only.

    `earlier_releases` are release-register rows (earlier runs for this quarter); each provider
    sees those whose `providers` include it, besides this release's outputs and the use log.
    """
    outcomes_table = tables.get("outcomes_by_provider")
    labels = standards.code_lists.code_lists["outcome_status"].labels
    programme, with_outcome = programme_outcomes(outcomes_table, labels) if outcomes_table is not None else ({}, None)
    uses = [{"description": f.description, "audience": f.audience, "purpose": f.purpose, "protection": _protection_of(f.path),
             "path": f.path} for f in writer.files if is_use(f.path, f.audience)]
    extract_rows = {purpose: _rows_by_provider(frame) for purpose, frame in (extracts or {}).items()}
    consent_needed = {str(name): purpose.consent_required for name, purpose in agreement.purposes.items()}
    # per purpose, the providers whose rows the split took Māori identity from (the approval does not cover them)
    not_covered = {r.purpose: set(r.maori_identity_withheld_providers) for r in purposes}
    scrubbed = _scrubbed_use_texts(standards, logged_uses)
    providers = sorted(agreement.parties.provider_ids)   # parties only: a stranger's refused file gets no report
    plain_by_id = plain_by_id if plain_by_id is not None else plain_submissions(submissions)
    figures_of = rows_by(provider_figures, "provider")
    contexts = []
    for provider in providers:
        own_subs = [{**_plain(s, plain_by_id), "quality_page": _relative_to_provider(quality_pages, s)}
                    for s in submissions if s.provider == provider]
        figures = figures_of(provider)
        own = own_figures(figures)
        own_outcomes = {r["outcome_status"]: int(r["people"]) for r in figures.iter_rows(named=True)}
        contexts.append(build_feedback_context(
            provider=provider, provider_name=agreement.parties.provider_names.get(provider, provider), submissions=own_subs, own_figures=own,
            own_outcomes=own_outcomes, programme_outcomes=programme, outcome_labels=labels,
            uses=([_with_own_rows(u, provider, extract_rows, own_subs, consent_needed, not_covered) for u in uses]
                  if own_subs else []) + [
                {"description": f"{r['description']} (earlier release {r['run_id']}, {str(r['released_at'])[:10]})",
                 "audience": r["audience"], "purpose": r["purpose"], "protection": _protection_of(r["path"]),
                 "your_records": "as that release's feedback said"}
                for r in earlier_releases if provider in (r.get("providers") or [])],
            agreement=agreement, common=common, programme_with_outcome=with_outcome,
            logged_uses=[{"recorded_on": str(u.recorded_on), "used_by": u.used_by, "use": scrubbed.get(u.use, u.use),
                          "outcome": scrubbed.get(u.outcome, u.outcome)}
                         for u in logged_uses if u.covers(provider)]))
    pdfs = feedback_pdfs(contexts, draw=feedback_pdf)   # side by side: the slowest part of a release with many providers
    for provider, context, pdf in zip(providers, contexts, pdfs, strict=True):
        audience = f"provider:{provider}"
        writer.text(f"providers/{provider}/feedback_{quarter}.html", render("provider_feedback.html.j2", context),
                    audience=audience, purpose=FEEDBACK_PURPOSE, description=f"Feedback report for {provider}")
        writer.binary(f"providers/{provider}/feedback_{quarter}.pdf", pdf,
                      audience=audience, purpose=FEEDBACK_PURPOSE, description=f"Feedback report for {provider} (PDF)")
        writer.json(f"providers/{provider}/feedback_{quarter}.json",
                    {k: v for k, v in context.items() if k not in {"demo", "version", "title_prefix", "outcome_chart"}},
                    audience=audience, purpose=FEEDBACK_PURPOSE, description=f"Feedback data for {provider}")


def _scrubbed_use_texts(standards: Standards, logged_uses: tuple[UseEntry, ...]) -> dict[str, str]:
    """Each use-log text (a use, an outcome) as a provider may read it: analysts write them freely ("a look at
    Wirihana Kerehoma's cohort", a user test found), so they are scrubbed as case notes are, from the text alone."""
    texts = sorted({t for u in logged_uses for t in (u.use, u.outcome) if t})
    if not texts:
        return {}
    from deid.scrub import Scrubber

    scrubber = Scrubber(standards)
    return {text: scrubber.scrub(text)[0] or "" for text in texts}


def _rows_by_provider(extract: pl.DataFrame) -> dict[str, int]:
    if "provider" not in extract.columns:
        return {}
    counted = extract.group_by("provider").len()
    return {str(p): int(n) for p, n in counted.iter_rows()}


def _with_own_rows(use: dict[str, Any], provider: str, extract_rows: Mapping[str, Mapping[str, int]],
                   own_subs: list[dict[str, Any]], consent_needed: Mapping[str, bool],
                   not_covered: Mapping[str, set[str]] | None = None) -> dict[str, Any]:
    """A use as the provider reads it: how many of its records the output holds. An extract holds the records whose
    consent covers its purpose (where it needs consent) and that the privacy check let through; a protected table
    counts every accepted record. An extract whose rows of this provider lost their ethnicity because the Māori data
    approval does not cover the provider says so (`not_covered`: purpose -> providers)."""
    accepted = sum(int(s.get("rows_accepted") or 0) for s in own_subs)
    path = str(use["path"])
    if path.endswith("_extract.parquet"):
        rows = extract_rows.get(str(use["purpose"]), {}).get(provider, 0)
        said = f"{rows:,} of your {accepted:,} accepted record(s)"
        if rows < accepted:
            reasons = ["consent for this purpose not given or not recorded"] if consent_needed.get(str(use["purpose"])) else []
            reasons += ["withheld by the privacy check (a record too easy to pick out, even with details blanked)",
                        "the same person's record from another file"]
            said += f"; the rest are left out ({', '.join(reasons[:-1])} or {reasons[-1]})"
        if provider in (not_covered or {}).get(str(use["purpose"]), set()):
            said += ("; ethnicity and the Māori data flag are left out of your records: the agreement's approval for "
                     "Māori data does not cover your organisation yet")
    else:
        said = f"all {accepted:,} accepted record(s), in protected totals only"
    return {**{k: v for k, v in use.items() if k != "path"}, "your_records": said}


NOT_RECORDED = "not recorded"


def own_figures(figures: pl.DataFrame) -> dict[str, Any]:
    """A provider's people, sessions and average sessions per person with sessions recorded.

    A provider whose file records no sessions is told "not recorded" for both, never 0 sessions and
    an average of 0.0 (figures kept before `people_with_sessions` was counted are read as before)."""
    if not figures.height:
        return {"people": 0, "sessions": 0, "mean_sessions": "–"}
    people, sessions = int(figures["people"].sum()), int(figures["sessions"].sum())
    with_sessions = int(figures["people_with_sessions"].sum()) if "people_with_sessions" in figures.columns else people
    # how its rows were counted (one row per session, rows taken as one person): `deid.aggregate.sessions_notes`
    notes = figures["sessions_note"].drop_nulls() if "sessions_note" in figures.columns else pl.Series([], dtype=pl.Utf8)
    note = {"sessions_note": notes[0]} if notes.len() else {}
    if not with_sessions:
        return {"people": people, "sessions": NOT_RECORDED, "mean_sessions": NOT_RECORDED, **note}
    return {"people": people, "sessions": sessions, "mean_sessions": f"{sessions / with_sessions:.1f}", **note}


def is_use(path: str, audience: str) -> bool:
    """A released file that uses providers' data for someone else: extracts and tables, not reports back or dictionaries."""
    return (path.endswith((".parquet", ".csv")) and "dictionary" not in path and not audience.startswith("provider:")
            and audience != STEWARDS)


def _protection_of(path: str) -> str:
    if path.endswith(".parquet"):
        return "risk gate passed; pseudonymised"
    if path.startswith("aggregates/"):
        return "random rounding to base 3; small counts suppressed"
    return "de-identified"


def _relative_to_provider(quality_pages: dict[int, dict[str, str]], submission: SubmissionOutcome) -> str | None:
    page = quality_pages.get(id(submission), {}).get("provider")
    return page.rsplit("/", 1)[-1] if page else None
