"""The information sharing agreement as code: standards/agreements/<programme>.yaml.

The purpose split, the release gate and the reports all read this one document;
nothing is released that it does not cover. Loading checks it against the record
standard: no purpose may list a direct identifier, and each purpose's generalisation
rules must agree with its field allowlist.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Literal

from pydantic import Field

from deid.errors import StandardsError
from deid.standards import Standards, parse_model, read_yaml
from deid.standards import StrictModel as _Model

# Fields each purpose may derive from an identifying source field, by generalisation rule.
GENERALISED_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
    "date_of_birth": {"age_years": ("age_years",), "age_band_five_year": ("age_band_five_year",),
                      "age_band_life_cycle": ("age_band_life_cycle",)},
    "service_date": {"month": ("service_month",), "quarter": ("service_quarter",)},
    "address": {"ta": ("ta_code", "ta_name", "region_code", "region_name"), "region": ("region_code", "region_name")},
}

# Derived, non-identifying fields a purpose may carry besides standard attributes.
DERIVED_FIELDS = {
    "person_id", "provider", "quarter", "ethnicity_prioritised", "ethnicity_codes", "eth_european", "eth_maori", "eth_pacific",
    "eth_asian", "eth_melaa", "eth_other", "eth_residual", "gender_code", "gender_label", "is_maori_data", "case_notes_scrubbed",
}


class FoldRare(_Model):
    fields: tuple[str, ...] = Field(description="Allowlisted category fields whose rare values are folded")
    min_people: int = Field(5, gt=1, description="A value held by fewer distinct people than this is folded")
    label: str = Field("Other", description="The value rare categories become")


class Purpose(_Model):
    description: str = Field(description="Why the information is shared for this purpose")
    legal_authority: str = Field(description="Legal authority for sharing for this purpose")
    audience: str = Field(description="Who receives this purpose's extract")
    pseudonym_domain: str = Field(description="Name of the pseudonym domain (derived key) for this purpose")
    consent_required: bool = Field(description="Only records with consent to this use are included")
    blank_consent: Literal["exclude", "include"] = Field("exclude", description="How a blank consent is treated when consent is required")
    fields: tuple[str, ...] = Field(description="Field allowlist: nothing else can be exported for this purpose")
    generalise: dict[Literal["date_of_birth", "service_date", "address"], str] = Field(
        description="Generalisation rule per identifying source field")
    fold_rare: FoldRare | None = Field(None, description="Categories held by few people are folded into one 'Other' value")



class Retention(_Model):
    raw_submissions_years: int = Field(gt=0)
    identifiable_data_years: int = Field(gt=0)
    releases_years: int = Field(gt=0)


class SignOff(_Model):
    by: str = Field(min_length=1, description="Who signed the agreement off for the parties")
    date: dt.date = Field(description="When (a field named 'on' would read as true in YAML)")


class MaoriDataGovernance(_Model):
    approver: str = Field(description="Who approves Māori and iwi-level breakdowns")
    maori_breakdowns_approved: bool = Field(description="Māori ethnic group breakdowns may be released")
    approval_reference: str | None = Field(None, description="Reference and date of the approval")
    iwi_breakdowns_approved: bool = Field(description="Iwi-level breakdowns may be released")
    approved_for: tuple[str, ...] | None = Field(None, description="The providers whose data the approvals cover, as "
                                                 "the approver granted them (unset: every party); a provider added since "
                                                 "is not covered until the approver extends them")

    def uncovered(self, providers: tuple[str, ...]) -> tuple[str, ...]:
        """The providers an approval does not cover (none when no list was recorded with it)."""
        if self.approved_for is None:
            return ()
        return tuple(p for p in providers if p not in self.approved_for)


class ProviderParty(_Model):
    id: str = Field(description="Provider id, as its landing folder is named")
    name: str = Field(description="Provider's name, as shown in its reports")


class Parties(_Model):
    agency: str
    providers: tuple[ProviderParty, ...]
    research_partners: tuple[str, ...] = ()

    @property
    def provider_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.providers)

    @property
    def provider_names(self) -> dict[str, str]:
        return {p.id: p.name for p in self.providers}


EACH_PROVIDER = "each-provider"  # recipients of the providers/ folder: provider X gets providers/X/ only


class Output(_Model):
    folder: str = Field(description="Top-level folder of a release holding this output")
    description: str = Field(description="What the output is")
    recipients: tuple[str, ...] = Field(min_length=1, description="Audiences that receive it; 'each-provider' for "
                                        "per-provider folders, each provider receiving only its own")
    purpose: Literal["service_delivery", "evaluation"] = Field(description="The purpose whose legal authority it rests on")
    method: str | None = Field(None, description="How it is shared, when not the agreement's method_of_sharing")
    classification: str | None = Field(None, description="Security classification, when not the agreement's")


class LinkageAllowance(_Model):
    between: tuple[Literal["service_delivery", "evaluation"], Literal["service_delivery", "evaluation"]] = Field(
        description="Two purposes (the same one twice: its extract against its own earlier releases whose pseudonyms differ)")
    max_linkable_share: float = Field(ge=0, le=1, description="Share of either extract's rows allowed to match at least "
                                      "one but fewer than k rows of the other on the columns they share")
    reason: str | None = Field(None, description="Why this allowance was agreed")


class SharingAgreement(_Model):
    programme: str
    title: str
    version: str
    security_classification: str = "IN-CONFIDENCE"
    review_date: dt.date
    breach_contact: str
    parties: Parties
    relationship_managers: dict[str, str]
    method_of_sharing: str
    retention: Retention
    purposes: dict[Literal["service_delivery", "evaluation"], Purpose]
    outputs: tuple[Output, ...] = Field(description="Every kind of output a release may hold, and who receives it")
    maori_data_governance: MaoriDataGovernance
    linkage: tuple[LinkageAllowance, ...] = Field((), description="Allowed cross-purpose linkage per pair of purposes; "
                                                  "a pair not listed gets disclosure.yaml's risk.linkage.max_linkable_share")
    signed_off: SignOff | None = Field(None, description="Who signed the agreement off, and when. `deid agreement init` "
                                       "writes it as null (a draft until `deid agreement sign-off`); an agreement "
                                       "without the field predates it and is taken as agreed")

    def review_overdue(self, today: dt.date) -> bool:
        return today > self.review_date

    @property
    def draft(self) -> bool:
        """Started with `deid agreement init` and not yet signed off: nothing made under it may be sent."""
        return "signed_off" in self.model_fields_set and self.signed_off is None

    def output_for(self, folder: str) -> Output | None:
        return next((o for o in self.outputs if o.folder == folder), None)


def load_agreement(path: Path, standards: Standards) -> SharingAgreement:
    """Parse and cross-check an agreement; errors name the file and the field."""
    agreement: SharingAgreement = parse_model(path, SharingAgreement, read_yaml(path))
    for index, output in enumerate(agreement.outputs):
        for purpose_name, purpose in agreement.purposes.items():
            if output.purpose != purpose_name and purpose.audience in output.recipients and output.folder == purpose_name.replace("_", "-"):
                raise StandardsError(f"{path}: field 'outputs.{index}.recipients' gives {purpose_name}'s extract to "
                                     f"'{purpose.audience}' under another purpose ({output.purpose})")
    roles = {spec.name: spec.role for spec in standards.fields.fields}
    for purpose_name, purpose in agreement.purposes.items():
        allowed_generalised = {f for source, rule in purpose.generalise.items() for f in GENERALISED_FIELDS[source].get(rule, ())}
        for source, rule in purpose.generalise.items():
            if rule not in GENERALISED_FIELDS[source]:
                raise StandardsError(f"{path}: field 'purposes.{purpose_name}.generalise.{source}' is '{rule}'; "
                                     f"allowed: {sorted(GENERALISED_FIELDS[source])}")
        all_generalised = {f for rules in GENERALISED_FIELDS.values() for fs in rules.values() for f in fs}
        for index, name in enumerate(purpose.fields):
            where = f"{path}: field 'purposes.{purpose_name}.fields.{index}' is '{name}'"
            if roles.get(name) in {"direct_identifier", "free_text"}:
                raise StandardsError(f"{where}: a direct identifier or raw free text can never be released")
            if name in all_generalised and name not in allowed_generalised:
                raise StandardsError(f"{where}: it does not match this purpose's generalisation rules {dict(purpose.generalise)}")
            if name not in roles and name not in DERIVED_FIELDS and name not in all_generalised:
                raise StandardsError(f"{where}: not a standard or derived field")
            if roles.get(name) == "quasi_identifier" and name in {"date_of_birth", "service_date"}:
                raise StandardsError(f"{where}: exact dates are released only generalised (see 'generalise')")
        for index, name in enumerate(purpose.fold_rare.fields if purpose.fold_rare else ()):
            if name not in purpose.fields:
                raise StandardsError(f"{path}: field 'purposes.{purpose_name}.fold_rare.fields.{index}' is '{name}', "
                                     f"which is not on the purpose's allowlist")
    return agreement


PROVIDER_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def config_agreement_path(config_dir: Path) -> Path:
    """The deployment's own agreement (overlaying the packaged sample)."""
    from deid.settings import AGREEMENT_FILE

    return config_dir / "agreements" / AGREEMENT_FILE


def _write_checked(target: Path, lines: list[str], standards: Standards) -> None:
    """Write the agreement only if it loads and passes every check (the old file stays otherwise)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_suffix(".yaml.new")
    staging.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load_agreement(staging, standards)
    except StandardsError:
        staging.unlink()
        raise
    staging.replace(target)


PROVIDER_LINE = re.compile(r"^\s+- \{id: ([^,}]+)")
EMPTY_PROVIDERS = re.compile(r"^(\s+)providers: \[\]\s*(#.*)?$")


def add_provider_party(config_dir: Path, standards: Standards, provider: str, name: str) -> Path:
    """Add a provider to the parties of the config folder's agreement (copied from the packaged
    one the first time), keeping the file's comments; the result is loaded and checked before
    it replaces the old file.

    Raises:
        StandardsError: the id is malformed or already a party, or the result does not load.
    """
    from deid.settings import DEFAULT_AGREEMENT

    if not PROVIDER_ID.match(provider):
        raise StandardsError(f"provider id '{provider}': use lower-case letters, digits and single hyphens "
                             "(it names the provider's landing folder), e.g. 'aroha-whanau-trust'")
    target = config_agreement_path(config_dir)
    source = target if target.is_file() else DEFAULT_AGREEMENT
    agreement = load_agreement(source, standards)
    if provider in agreement.parties.provider_ids:
        raise StandardsError(f"{source}: provider '{provider}' is already a party to '{agreement.programme}'")
    lines = source.read_text(encoding="utf-8").splitlines()
    governance = agreement.maori_data_governance
    if (governance.maori_breakdowns_approved or governance.iwi_breakdowns_approved) and governance.approved_for is None:
        # an approval was granted for the parties of its day: record them, so it does not silently cover the newcomer
        at = next((i for i, line in enumerate(lines) if line.strip().startswith("approval_reference:")), None)
        if at is None:
            raise StandardsError(f"{source}: field 'maori_data_governance.approval_reference' is not on a line of its own; "
                                 "record 'approved_for' (the providers the approval covers) by hand")
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        covered = ", ".join(agreement.parties.provider_ids)
        lines.insert(at + 1, f"{indent}approved_for: [{covered}]   # the parties when approved; the approver extends it")
    entry = f"    - {{id: {provider}, name: {json.dumps(name, ensure_ascii=False)}}}"
    last = max((i for i, line in enumerate(lines) if PROVIDER_LINE.match(line)), default=None)
    empty = next((i for i, line in enumerate(lines) if EMPTY_PROVIDERS.match(line)), None)
    if last is not None:
        lines.insert(last + 1, entry)
    elif empty is not None:
        indent = EMPTY_PROVIDERS.match(lines[empty]).group(1)   # type: ignore[union-attr]
        lines[empty:empty + 1] = [f"{indent}providers:", entry]
    else:
        raise StandardsError(f"{source}: field 'parties.providers' is not written one '- {{id: ..., name: ...}}' per line; "
                             "add the provider there by hand")
    _write_checked(target, lines, standards)
    return target


def remove_provider_party(config_dir: Path, standards: Standards, provider: str) -> Path:
    """Take a provider off the parties of the config folder's own agreement (its earlier releases and
    stored records are untouched: retention and disposal govern those).

    Raises:
        StandardsError: there is no agreement in the config folder, or the provider is not a party to it.
    """
    target = config_agreement_path(config_dir)
    if not target.is_file():
        raise StandardsError(f"{target}: the config folder has no agreement of its own; the packaged sample is never "
                             "edited (start one with `deid agreement init`)")
    agreement = load_agreement(target, standards)
    if provider not in agreement.parties.provider_ids:
        raise StandardsError(f"{target}: provider '{provider}' is not a party to '{agreement.programme}' "
                             f"(parties: {', '.join(agreement.parties.provider_ids) or 'none'})")
    lines = target.read_text(encoding="utf-8").splitlines()
    at = [i for i, line in enumerate(lines) if (m := PROVIDER_LINE.match(line)) and m.group(1).strip() == provider]
    if len(at) != 1:
        raise StandardsError(f"{target}: provider '{provider}' is not written as one '- {{id: ..., name: ...}}' line; "
                             "remove it by hand")
    del lines[at[0]]
    if not any(PROVIDER_LINE.match(line) for line in lines):   # the last one: an empty list, not a dangling key
        header = next(i for i, line in enumerate(lines) if line.strip() == "providers:")
        lines[header] = lines[header].replace("providers:", "providers: []")
    _write_checked(target, lines, standards)
    return target


def sign_off_agreement(path: Path, standards: Standards, by: str, on: dt.date) -> SharingAgreement:
    """Record in the agreement file who signed it off and when (its `signed_off: null` line, or a new line).

    Raises:
        StandardsError: the file is not a draft (signed off already, or it predates sign-off), or `by` is empty.
    """
    agreement = load_agreement(path, standards)
    if not agreement.draft:
        said = (f"signed off by {agreement.signed_off.by} on {agreement.signed_off.date}" if agreement.signed_off
                else "not a draft (it has no signed_off field: it predates `deid agreement init`)")
        raise StandardsError(f"{path}: the agreement is {said}; nothing to sign off")
    if not by.strip():
        raise StandardsError(f"{path}: field 'signed_off.by' is empty: say who signs it off")
    lines = path.read_text(encoding="utf-8").splitlines()
    entry = f"signed_off: {{by: {json.dumps(by.strip(), ensure_ascii=False)}, date: {on.isoformat()}}}"
    at = next((i for i, line in enumerate(lines) if line.startswith("signed_off:")), None)
    if at is None:
        lines.append(entry)
    else:
        lines[at] = entry
    _write_checked(path, lines, standards)
    return load_agreement(path, standards)


def start_agreement(config_dir: Path, standards: Standards, programme: str, title: str, *, agency: str | None = None,
                    approver: str | None = None, replace: bool = False) -> Path:
    """A new programme's agreement in the config folder, from the packaged one's structure (purposes,
    outputs, disclosure and retention terms, to be reviewed) with no parties and no Māori or iwi
    approval: approvals are never inherited from the sample; the governance body records its own.

    Raises:
        StandardsError: the config folder has an agreement already (without `replace`), or the id is malformed.
    """
    from deid.settings import DEFAULT_AGREEMENT

    if not PROVIDER_ID.match(programme):
        raise StandardsError(f"programme id '{programme}': use lower-case letters, digits and single hyphens, "
                             "e.g. 'youth-mentoring'")
    target = config_agreement_path(config_dir)
    if target.is_file() and not replace:
        raise StandardsError(f"{target} exists ('{load_agreement(target, standards).programme}'); "
                             "--replace starts over (the old file is not kept)")
    def quoted(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines, out = DEFAULT_AGREEMENT.read_text(encoding="utf-8").splitlines(), []
    replacements = {"programme": programme, "title": quoted(title)}
    governance = {"maori_breakdowns_approved": "false", "iwi_breakdowns_approved": "false", "approval_reference": "null"}
    if approver:
        governance["approver"] = quoted(approver)
    while lines and lines[0].startswith("#"):
        lines.pop(0)                                  # the sample's own heading
    for line in lines:
        key = line.split(":", 1)[0].strip()
        indent = line[: len(line) - len(line.lstrip())]
        if PROVIDER_LINE.match(line):
            continue                                  # the sample's parties
        if line.strip() == "providers:":
            out.append(f"{indent}providers: []   # add each with `deid provider add`")
        elif not indent and key in replacements:
            out.append(f"{key}: {replacements[key]}")
        elif indent and key == "agency" and agency:
            out.append(f"{indent}agency: {quoted(agency)}")
        elif indent and key in governance:
            out.append(f"{indent}{key}: {governance[key]}")
        else:
            out.append(line)
    out.append("signed_off: null   # a draft: once the parties have reviewed every term, `deid agreement sign-off --by NAME`")
    out[0:0] = [f"# Information sharing agreement for {title}, as code. The pipeline releases nothing it does not cover.",
                "# Started with `deid agreement init` from the packaged sample's structure: review every term below",
                "# (purposes, fields, linkage, retention) with the parties before the first release."]
    _write_checked(target, out, standards)
    return target
