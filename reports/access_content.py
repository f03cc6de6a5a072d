"""The access-request report in plain words: what is held about a person, as they would say it.

`deid.access` gathers the records a provider sent, the pseudonyms, the extracts and releases;
this module turns them into what the family reads: every code as its label from the
classifications in `standards/` (Stats NZ ethnicity and gender, the programme's code lists),
every field under a plain name, the case notes as held and as shared, and, per record, where it
went and why. No internal field name or raw code reaches the page.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from deid.agreement import SharingAgreement
from deid.standards import Standards

# Plain names for the columns of a held record, in the order a person reads them, by group.
# Columns not listed are shown under their standard description (or their name in words).
GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("About the person", (
        ("display_name", "Name"), ("given_names", "Given names"), ("family_name", "Family name"), ("full_name", "Full name as sent"),
        ("date_of_birth", "Date of birth"), ("age_years", "Age at the end of the quarter"), ("nhi", "NHI number"),
        ("ird", "IRD number"), ("phone", "Phone"), ("email", "Email"), ("caregiver_name", "Caregiver"),
        ("key_worker", "Key worker"), ("client_ref", "The provider's reference for the person"))),
    ("Where the person lives", (
        ("address_raw", "Address as sent"), ("address", "Address as sent"), ("suburb", "Suburb"), ("town_city", "Town or city"),
        ("postcode", "Postcode"), ("ta_name", "District or city council area"), ("region_name", "Region"),
        ("address_parse_status", "How we read the address"))),
    ("Ethnicity, iwi and gender", (
        ("ethnicity_codes", "Ethnicity, as reported"), ("eth_groups", "Ethnic groups counted in"),
        ("ethnicity_prioritised", "Ethnicity used where one is needed (Stats NZ prioritisation)"),
        ("ethnicity_unknown_responses", "Ethnicity answers we could not classify"), ("iwi", "Iwi"),
        ("gender_code", "Gender"), ("is_maori_data", "Treated as Māori data (Māori ethnicity or an iwi recorded)"))),
    ("The service", (
        ("programme", "Programme"), ("referral_source", "Referred by"), ("service_date", "Date of service"),
        ("sessions_attended", "Sessions attended"), ("outcome_status", "Outcome"),
        ("wellbeing_start", "Wellbeing score at the start of the quarter (1 to 10)"),
        ("wellbeing_end", "Wellbeing score at the end of the quarter (1 to 10)"),
        ("consent_evaluation", "Consent to the use of their information for evaluation"))),
    ("Groupings used in published tables", (
        ("age_band_five_year", "Age group (five-year)"), ("age_band_life_cycle", "Age group (stage of life)"),
        ("service_quarter", "Quarter of service"), ("service_month", "Month of service"))),
)
# Held, but said another way (a label beside the code, a sentence) or not about the person at all.
FOLDED = {"gender_label", "nhi_valid", "ta_code", "region_code", "unit_type", "unit_number", "street_number", "street_suffix",
          "street_name", "street_type", "street_qualifier", "rd_number", "box_type", "box_number", "box_lobby",
          "eth_european", "eth_maori", "eth_pacific", "eth_asian", "eth_melaa", "eth_other", "eth_residual",
          "case_notes", "case_notes_scrubbed", "quarter", "source_file", "source_row", "run_id", "submission_id", "provider",
          "identity", "person_key", "name_match_key", "address_key"}
ADDRESS_READING = {"parsed": "read in full (street and place recognised)",
                   "unverified": "read in full, but the place is not in our list of places, so it is kept as written",
                   "partial": "read in part: some of it could not be placed, so it is kept as written",
                   "unparsed": "not read: kept as written", "missing": "no address was given"}
NOT_GIVEN = "not given"


def _date(value: Any) -> str:
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


class Labeller:
    """Labels for every coded value a record holds, from the classifications in `standards/`."""

    def __init__(self, standards: Standards):
        self.fields = {f.name: f for f in standards.fields.fields}
        self.lists = {name: {c.code: c.label for c in cl.codes} | {cl.blank_code: "not recorded"}
                      for name, cl in standards.code_lists.code_lists.items()}
        self.gender = {c.code: c.label for c in standards.gender.codes}
        ethnicity = standards.ethnicity
        self.ethnicity = {c.code: c.label for c in ethnicity.level1} | {c.code: c.label for c in ethnicity.level2}
        self.level1 = {f"eth_{c.key}": c.label for c in ethnicity.level1}

    def label(self, column: str) -> str:
        for _, items in GROUPS:
            for name, label in items:
                if name == column:
                    return label
        spec = self.fields.get(column)
        return spec.description.split(";")[0].rstrip(".") if spec else column.replace("_", " ").capitalize()

    def value(self, column: str, value: Any, record: dict[str, Any]) -> str:
        """One held value as a person reads it: a label for a code, a sentence for a check."""
        if value is None or value == "":
            return NOT_GIVEN
        spec = self.fields.get(column)
        if column == "gender_code":
            return str(record.get("gender_label") or self.gender.get(str(value), "a code we could not read"))
        if column == "ethnicity_codes":
            return "; ".join(self.ethnicity.get(code.strip(), "an answer we could not classify") for code in str(value).split(";")
                             if code.strip())
        if column == "ethnicity_prioritised":
            return self.ethnicity.get(str(value), "an answer we could not classify")
        if column == "eth_groups":
            return str(value)
        if column == "nhi":
            valid = record.get("nhi_valid")
            return f"{value} ({'a valid NHI number' if valid else 'the last character does not check: it may have been copied wrongly'})" \
                if valid is not None else str(value)
        if column == "address_parse_status":
            return ADDRESS_READING.get(str(value), "kept as written")
        if spec is not None and spec.code_list and spec.code_list in self.lists:
            return self.lists[spec.code_list].get(str(value), "a value not in the list (kept, not used)")
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dt.date) or column in {"date_of_birth", "service_date"}:
            return _date(value)
        return str(value)


def _where_it_went(record: dict[str, Any], agreement: SharingAgreement, extract_rows: list[dict[str, Any]],
                   counted_in: list[dict[str, Any]], provider_name: str) -> list[dict[str, str]]:
    """Per purpose of the agreement, and for the protected tables, whether this record's release used it, and why."""
    release = record.get("run_id")
    went = []
    for name, purpose in agreement.purposes.items():
        folder = name.replace("_", "-")
        audience = purpose.audience.replace("-", " ")
        holds = [e for e in extract_rows if e["release"] == release and e["file"].startswith(f"{folder}/")]
        consent = record.get("consent_evaluation")
        if purpose.consent_required and consent != "yes":
            why = "they said no" if consent == "no" else "no consent was recorded"
            went.append({"where": f"Not shared with the {audience}", "why": f"{purpose.description}: needs the person's consent, and {why}."})
        elif holds:
            went.append({"where": f"Shared with the {audience}, de-identified",
                         "why": f"{purpose.description} ({purpose.legal_authority}). The person is there only under a pseudonym; "
                                "name, contact details, NHI, IRD and street address are not."})
        else:
            went.append({"where": f"Not in the {audience}'s extract of this release",
                         "why": f"{purpose.description}: the record was held back (for example so that no one could be picked out "
                                "of the extract), or the release made no extract for this purpose."})
    tables = [c for c in counted_in if c["run_id"] == release and str(c["path"]).startswith("aggregates/")
              and not str(c["path"]).endswith(".json")]   # a table's metadata file is not another table
    if tables:
        went.append({"where": f"Counted, not named, in {len(tables)} published table(s)",
                     "why": "Programme-wide counts, randomly rounded, with small counts hidden, so no one can be picked out."})
    if any(c["run_id"] == release and str(c["audience"]).startswith("provider:") for c in counted_in):
        went.append({"where": f"In the feedback report back to {provider_name}",
                     "why": "Providers get their own data back: its quality and their own figures."})
    return went


def describe_records(records: list[dict[str, Any]], standards: Standards, agreement: SharingAgreement,
                     extract_rows: list[dict[str, Any]], counted_in: list[dict[str, Any]],
                     provider_name: str) -> list[dict[str, Any]]:
    """Each held record as groups of (plain name, plain value), its case notes as held and as shared, and where it went."""
    labeller = Labeller(standards)
    described = []
    grouped = {name for _, items in GROUPS for name, _ in items}
    for record in records:
        record = {**record, "eth_groups": "; ".join(label for key, label in labeller.level1.items() if record.get(key)) or None}
        groups = []
        for title, items in GROUPS:
            rows = [{"label": label, "value": labeller.value(name, record[name], record)} for name, label in items
                    if name in record and not (name == "address" and "address_raw" in record)]
            groups.append({"title": title, "items": rows})
        other = [{"label": labeller.label(k), "value": labeller.value(k, v, record)} for k, v in record.items()
                 if k not in grouped and k not in FOLDED]
        if other:
            groups.append({"title": "Also held", "items": other})
        described.append({
            "quarter": record.get("quarter"), "source_file": record.get("source_file"), "source_row": record.get("source_row"),
            "release": record.get("run_id"), "groups": [g for g in groups if g["items"]],
            "case_notes": record.get("case_notes"), "case_notes_shared": record.get("case_notes_scrubbed"),
            "went": _where_it_went(record, agreement, extract_rows, counted_in, provider_name),
        })
    return described


def describe_output(path: str, audience: str, agreement: SharingAgreement) -> str:
    """A released file or its audience in words ("De-identified extract for researchers ...")."""
    folder = path.split("/", 1)[0]
    for name, purpose in agreement.purposes.items():
        if folder == name.replace("_", "-"):
            return f"De-identified extract for the {purpose.audience.replace('-', ' ')}: {purpose.description}"
    return audience


PROVIDER_OUTPUTS = (("feedback_", "Feedback report to the provider: its data, its quality and how it was used"),
                    ("data_quality_", "Data quality report to the provider on its file"),
                    ("rows_to_fix_", "List of rows for the provider to check and fix (no values)"))


def describe_counted(path: str, audience: str, agreement: SharingAgreement) -> str:
    """A release output that counted the person, in words: a published table by its subject, a provider report by kind."""
    name = path.rsplit("/", 1)[-1]
    if path.startswith("aggregates/"):
        return f"Published table: {name.rsplit('.', 1)[0].replace('_', ' ')}"
    for prefix, words in PROVIDER_OUTPUTS:
        if name.startswith(prefix):
            return words + (" (PDF)" if name.endswith(".pdf") else " (spreadsheet)" if name.endswith(".csv") else "")
    return describe_output(path, audience, agreement)


def plain_audience(audience: str, agreement: SharingAgreement) -> str:
    if audience.startswith("provider:"):
        provider = audience.split(":", 1)[1]
        return f"{agreement.parties.provider_names.get(provider, provider)} (the provider, about its own clients)"
    return {"programme-wide": "everyone (published programme-wide tables)"}.get(audience, audience.replace("-", " "))


KEPT_IN = {"secure raw store": "the secure store of files as received", "landing folder": "the folder files arrive in"}


def describe_raw_files(raw_files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The provider's files still held that hold, or may hold, the person's records, in words: where each copy is
    kept, whether it is known to hold them, and when it is due to be deleted."""
    return [{**f, "kept_in": " and ".join(KEPT_IN.get(k, k) for k in f["kept_in"]),
             "holds": ("Holds this person's records" if f["holds"] == "yes" else
                       "May hold this person's records: its records are no longer in the secure store to check it "
                       "against (disposed of, or replaced by a later file)")} for f in raw_files]
