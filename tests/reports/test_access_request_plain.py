"""The access-request report speaks plainly: labels for codes, plain field names, the notes as held, where each record went."""
from __future__ import annotations

import datetime as dt
import re

from deid.access import AccessReport, _in_plain_words
from reports.builders import common_context, render
from tests.reports.fixtures import GENERATED

RUN = "2026Q3-20261020T000000-abc123"
# One record as the secure zone holds it (secure_records, internal keys already left out by deid.access).
HELD = {
    "run_id": RUN, "provider": "tamaki-whanau-ora", "quarter": "2026Q3", "submission_id": "tamaki-whanau-ora/2026Q3/4a60",
    "source_file": "tamaki_2026Q3.csv", "source_row": 2, "client_ref": "C100001", "given_names": "Stacey Kiri",
    "family_name": "Andrew", "display_name": "Stacey Kiri Andrew", "date_of_birth": "2005-12-02", "nhi": "THF1346",
    "nhi_valid": True, "ird": None, "phone": "022 422 6898", "email": "stacey@example.co.nz", "caregiver_name": "Mere Ngata",
    "key_worker": None, "address_raw": "PO Box 7799, Morrinsville 3300", "unit_type": None, "street_name": None,
    "suburb": None, "town_city": "Morrinsville", "postcode": "3300", "box_type": "PO Box", "box_number": "7799",
    "address_parse_status": "parsed", "ta_code": "015", "ta_name": "Matamata-Piako District", "region_code": "03",
    "region_name": "Waikato", "ethnicity_codes": "21;11", "ethnicity_prioritised": "2", "ethnicity_unknown_responses": 0,
    "eth_european": True, "eth_maori": True, "eth_pacific": False, "eth_asian": False, "eth_melaa": False, "eth_other": False,
    "eth_residual": False, "iwi": "Ngāti Hauā", "gender_code": "2", "consent_evaluation": "no", "programme": "Triple P",
    "referral_source": "health", "outcome_status": "exited_early", "service_date": "2026-08-06", "sessions_attended": 10,
    "wellbeing_start": 2, "wellbeing_end": 4,
    "case_notes": "Stacey reports less stress since the budgeting session. Whaea Mere will bring her son Ihaka on Tuesday.",
    "case_notes_scrubbed": "<PERSON> reports less stress since the budgeting session. Whaea <PERSON> will bring her son <PERSON> on Tuesday.",
    "age_years": 20, "gender_label": "Female", "service_month": "2026-08", "service_quarter": "2026Q3", "is_maori_data": True,
    "age_band_five_year": "20-24", "age_band_life_cycle": "15-24",
}
# Every name a person should never have to read, and every raw code this record holds.
INTERNAL = [k for k in HELD if "_" in k] + ["nhi_valid", "eth_maori", "exited_early", "21;11", "True", "False", "None", "015"]


def _report(agreement, standards) -> AccessReport:
    report = AccessReport("AR-1", "tamaki-whanau-ora", "Tāmaki Whānau Ora Collective", GENERATED, [HELD],
                          {"evaluation": [], "service_delivery": ["sd_2447f5bb52d6dcf111b7"]},
                          extract_rows=[{"release": RUN, "file": "service-delivery/service_delivery_extract.parquet", "rows": 1}],
                          counted_in=[{"run_id": RUN, "quarter": "2026Q3", "path": "aggregates/outcomes_by_provider.csv",
                                       "audience": "programme-wide", "description": "Protected aggregate table outcomes_by_provider"},
                                      {"run_id": RUN, "quarter": "2026Q3", "path": "aggregates/outcomes_by_provider.csv-metadata.json",
                                       "audience": "programme-wide", "description": "Metadata for outcomes_by_provider"},
                                      {"run_id": RUN, "quarter": "2026Q3", "path": "providers/tamaki-whanau-ora/feedback_2026Q3.pdf",
                                       "audience": "provider:tamaki-whanau-ora", "description": "Feedback report for tamaki-whanau-ora (PDF)"}])
    report.readable = _in_plain_words(report, agreement, standards)
    return report


def _page(report: AccessReport) -> str:
    html = render("access_request.html.j2", {**common_context(report.request_id, "", "IN-CONFIDENCE", False, GENERATED),
                                             "r": report, "breach_contact": "privacy@agency.example.govt.nz"})
    body = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", body).replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'").split())


def test_when_an_access_report_is_written_then_no_internal_field_name_or_raw_code_appears(agreement, standards):
    text = _page(_report(agreement, standards)).replace("None recorded.", "")   # the page's own words, not a value
    assert [name for name in INTERNAL if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)] == []


def test_when_an_access_report_is_written_then_every_code_reads_as_its_classification_label(agreement, standards):
    text = _page(_report(agreement, standards))
    for label, value in [("Gender", "Female"), ("Ethnicity, as reported", "Māori; New Zealand European"),
                         ("Ethnic groups counted in", "European; Māori"),
                         ("Ethnicity used where one is needed (Stats NZ prioritisation)", "Māori"),
                         ("Referred by", "Health provider"), ("Outcome", "Exited early"),
                         ("Consent to the use of their information for evaluation", "No"),
                         ("NHI number", "THF1346 (a valid NHI number)"), ("Date of birth", "2 December 2005"),
                         ("District or city council area", "Matamata-Piako District"),
                         ("How we read the address", "read in full (street and place recognised)")]:
        assert f"{label} {value}" in text, label


def test_when_an_access_report_is_written_then_it_shows_the_notes_as_held_and_where_each_record_went(agreement, standards):
    text = _page(_report(agreement, standards))
    assert HELD["case_notes"] in text and HELD["case_notes_scrubbed"] in text
    assert "Not shared with the researchers" in text and "needs the person's consent, and they said no" in text
    assert "Shared with the service delivery team, de-identified" in text
    assert "Counted, not named, in 1 published table(s)" in text and "Published table: outcomes by provider" in text
    assert "In the feedback report back to Tāmaki Whānau Ora Collective" in text
    assert "metadata" not in text.lower()   # machine copies of listed files are not listed again


def test_when_a_value_is_not_held_then_the_report_says_so_in_words(agreement, standards):
    report = _report(agreement, standards)
    items = {i["label"]: i["value"] for g in report.readable["records"][0]["groups"] for i in g["items"]}
    assert items["IRD number"] == "not given" and items["Key worker"] == "not given"
    assert dt.date.fromisoformat(HELD["date_of_birth"]).year == 2005



def test_the_record_count_names_its_quarters_and_the_notes_are_not_said_to_be_as_released(agreement, standards):
    # outsider test 10: "3 records, one for each quarter" of three 2026Q3 records; "(78)" shown "as shared" beside a
    # release that said "(<AGE>)"
    report = _report(agreement, standards)
    report.records = [HELD, HELD, HELD]
    report.readable = _in_plain_words(report, agreement, standards)
    text = _page(report)
    assert "3 record(s) Tāmaki Whānau Ora Collective reported on this person (2026Q3)" in text
    assert "one for each quarter" not in text
    assert "may hold less still" in text and "As shared with the service delivery team" not in text
