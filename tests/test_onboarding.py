"""Onboarding a provider the project has never seen, in the config folder, without editing the package."""
from __future__ import annotations

import json

import polars as pl
import pytest
import yaml
from typer.testing import CliRunner

from deid import pipeline
from deid.cli import app
from deid.settings import DEFAULT_AGREEMENT, resolve_settings

runner = CliRunner()
PROVIDER = "aroha-whanau-trust"
FAMILY = ["Ngata", "Parata", "Tupou", "Faleolo", "Chen", "Walker", "Te Huia", "Singh", "Brown", "Tane", "Kereama", "Lee"]
GIVEN = ["Aroha", "Wiremu", "Mele", "Sione", "Grace", "Hemi", "Anahera", "Priya", "Jack", "Tama", "Huia", "Mei"]


def _return_file(path, scores_named: tuple[str, str] = ("Score", "Score (2)")):
    """A quarterly return in the provider's own layout: no client id, everyday headers, and two columns
    both called Name (the client's and a support person's), which only a steward can tell apart."""
    rows = 12
    frame = pl.DataFrame({
        "Whānau name": [FAMILY[i % len(FAMILY)] for i in range(rows)], "First name": [GIVEN[i % len(GIVEN)] for i in range(rows)],
        "Born": [f"0{1 + i % 9}/03/19{80 + i}" for i in range(rows)], "Last hui": [f"{10 + i}/08/2026" for i in range(rows)],
        "Ethnicity 1": ["Māori"] * rows, "Ethnicity 2": ["Samoan", ""] * (rows // 2),
        scores_named[0]: [str(1 + i % 5) for i in range(rows)], scores_named[1]: [str(5 + i % 5) for i in range(rows)],
        "Name": [f"{GIVEN[i]} {FAMILY[i]}" for i in range(rows)],
        "Name (2)": [f"{GIVEN[-1 - i]} {FAMILY[(i + 3) % rows]}" for i in range(rows)],
    })
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.write_csv(path, separator=";")
    return path


@pytest.fixture()
def deployment(tmp_path, monkeypatch):
    state, config = tmp_path / "state", tmp_path / "config"
    monkeypatch.setenv("DEID_STATE_DIR", str(state))
    monkeypatch.setenv("DEID_CONFIG_DIR", str(config))
    return state, config


def _receive(state, config):
    from deid.pipeline import load_run_standards

    settings = resolve_settings("2026Q3", state_dir=state, config_dir=config, landing_dir=state / "landing", demo_key=True)
    standards, agreement = load_run_standards(settings)
    with pipeline.open_warehouse(settings) as warehouse:
        return pipeline.receive_submissions(settings, standards, agreement, warehouse)


def test_when_a_steward_adds_a_provider_then_the_config_agreement_names_it_and_the_package_is_untouched(deployment):
    state, config = deployment
    packaged = DEFAULT_AGREEMENT.read_bytes()
    result = runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust", "--by", "steward@agency"])
    assert result.exit_code == 0, result.output
    local = yaml.safe_load((config / "agreements" / DEFAULT_AGREEMENT.name).read_text(encoding="utf-8"))
    assert {"id": PROVIDER, "name": "Aroha Whānau Trust"} in local["parties"]["providers"]
    assert DEFAULT_AGREEMENT.read_bytes() == packaged
    log = [json.loads(line) for line in (state / "audit_log.jsonl").read_text().splitlines()]
    assert log[-1]["event"] == "provider_added" and log[-1]["details"]["provider"] == PROVIDER
    again = runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Again"])
    assert again.exit_code == 1 and "already a party" in again.output
    bad = runner.invoke(app, ["provider", "add", "Not A Slug", "--name", "X"])
    assert bad.exit_code == 1 and "lower-case" in bad.output


def test_when_a_provider_joins_after_the_maori_data_approval_then_the_approval_does_not_cover_it(deployment, standards):
    # user test 7: the pack showed the sample's approval as current for providers who were not parties when it was granted
    from deid.aggregate.aggregate import governance_decision
    from deid.agreement import load_agreement

    _, config = deployment
    before = yaml.safe_load(DEFAULT_AGREEMENT.read_text(encoding="utf-8"))
    assert before["maori_data_governance"]["maori_breakdowns_approved"] is True
    result = runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust"])
    assert result.exit_code == 0, result.output
    path = config / "agreements" / DEFAULT_AGREEMENT.name
    agreement = load_agreement(path, standards)
    governance = agreement.maori_data_governance
    assert governance.approved_for == tuple(p["id"] for p in before["parties"]["providers"])   # the parties when granted
    assert governance.uncovered(agreement.parties.provider_ids) == (PROVIDER,)
    maori = next(t for t in standards.disclosure.tables if "ethnicity_group" in t.dimensions)
    decision = governance_decision(maori, agreement)
    assert not decision.released and PROVIDER in decision.reason and "Māori breakdown" in decision.reason
    plain = next(t for t in standards.disclosure.tables if not {"ethnicity_group", "iwi"} & set(t.dimensions))
    assert governance_decision(plain, agreement).released
    # the approver extends it: the provider is covered and the breakdown released again
    text = path.read_text(encoding="utf-8").replace("approved_for: [", f"approved_for: [{PROVIDER}, ", 1)
    path.write_text(text, encoding="utf-8")
    assert governance_decision(maori, load_agreement(path, standards)).released


def test_when_a_new_providers_file_is_uncertain_then_it_is_held_and_confirming_settles_it_for_every_quarter(deployment):
    state, config = deployment
    landed = _return_file(state / "landing" / PROVIDER / "2026Q3" / "return Q3.csv")

    before = _receive(state, config)            # not yet a party: rejected whole, but its rows are counted
    assert before.outcomes[0].status == "rejected" and before.rows_rejected == 12 and before.balanced

    assert runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust"]).exit_code == 0
    held = _receive(state, config)
    outcome = held.outcomes[0]
    assert outcome.status == "held" and held.rows_held == 12 and held.rows_accepted == 0 and held.balanced
    uncertain = [m for m in outcome.mapping_details if m["uncertain"]]
    assert uncertain and all(m["examples"] for m in uncertain)

    confirm = runner.invoke(app, ["mapping", "confirm", "--provider", PROVIDER, "--quarter", "2026Q3", "--by", "steward",
                                  "--set", "Name=", "--set", "Name (2)=caregiver_name", str(landed)])
    assert confirm.exit_code == 0, confirm.output
    saved = yaml.safe_load((config / "providers" / f"{PROVIDER}.yaml").read_text(encoding="utf-8"))
    assert saved["columns"]["Name (2)"] == "caregiver_name" and saved["columns"]["Name"] is None
    assert saved["confirmed_by"] == "steward" and saved["columns"]["Score"] == "wellbeing_start"

    after = _receive(state, config)
    assert after.outcomes[0].status == "accepted" and after.rows_accepted == 12 and after.balanced
    assert after.accepted.get_column("client_ref").str.starts_with("D-").all()   # derived, marked as such
    assert "client_ref was derived" in after.outcomes[0].message

    # Next quarter the same layout is read without a steward; a renamed header is flagged.
    _return_file(state / "landing" / PROVIDER / "2026Q4" / "return Q4.csv", ("Score", "Score (2)"))
    settings = resolve_settings("2026Q4", state_dir=state, config_dir=config, landing_dir=state / "landing", demo_key=True)
    standards, agreement = pipeline.load_run_standards(settings)
    with pipeline.open_warehouse(settings) as warehouse:
        q4 = pipeline.receive_submissions(settings, standards, agreement, warehouse)
    assert q4.outcomes[0].status == "accepted" and not q4.outcomes[0].header_changes


def test_when_a_header_changes_since_the_confirmed_mapping_then_it_is_flagged(deployment, standards):
    from deid.ingest import ProviderMapping, ingest_file

    confirmed = ProviderMapping(provider=PROVIDER, columns={"Whānau name": "family_name", "First name": "given_names",
                                                            "Born": "date_of_birth", "Last hui": "service_date",
                                                            "Ethnicity 1": "ethnicity", "Ethnicity 2": "ethnicity",
                                                            "Score": "wellbeing_start", "Score (2)": "wellbeing_end",
                                                            "Name": None, "Name (2)": "caregiver_name"})
    path = _return_file(deployment[0] / "x.csv", ("Pre", "Post"))
    _, result = ingest_file(path.read_bytes(), file_name="x.csv", sha256="0" * 64, provider=PROVIDER, quarter="2026Q3",
                            run_id="r", standards=standards, confirmed=confirmed)[0]
    assert "column 7 is new since the confirmed mapping" in result.header_changes
    assert "2 confirmed column(s) are no longer in the file" in result.header_changes


def test_when_a_cover_sheet_holds_a_staff_email_then_no_release_text_quotes_it(deployment, standards, agreement, tmp_path):
    from openpyxl import Workbook

    state, config = deployment
    book = Workbook()
    cover = book.active
    cover.title = "Cover"
    for row in (["Quarterly return"], ["Contact", "Jane Doe"], ["Email", "jane.doe@provider.org.nz"]):
        cover.append(row)
    data = book.create_sheet("Clients")
    data.append(["Surname", "Given", "DOB", "Session date", "Ask jane.doe@provider.org.nz"])
    for i in range(6):
        data.append([FAMILY[i], GIVEN[i], f"0{i + 1}/02/1990", f"1{i}/08/2026", "x"])
    folder = state / "landing" / "kainga-support" / "2026Q3"
    folder.mkdir(parents=True)
    book.save(folder / "return.xlsx")
    result = _receive(state, config)
    outcome = result.outcomes[0]
    shown = json.dumps([outcome.message, outcome.column_mapping, outcome.dropped_columns, outcome.mapping_details],
                       ensure_ascii=False, default=str)
    assert outcome.status == "accepted" and "jane.doe@provider.org.nz" not in shown and "Jane Doe" not in shown
    assert any("looks like an email" in m["header"] for m in outcome.mapping_details)


def test_when_the_quarter_is_malformed_then_run_refuses_before_anything_is_made(tmp_path):
    result = runner.invoke(app, ["run", "--quarter", "2026Q5", "--landing", "data-samples", "--state-dir", str(tmp_path / "s"),
                                 "--demo-key"])
    assert result.exit_code == 1 and "not of the form YYYYQn" in result.output and not (tmp_path / "s").exists()


def test_when_the_landing_folder_is_empty_then_run_stops_and_publishes_nothing(prefect_harness, tmp_path):
    (tmp_path / "landing").mkdir()
    result = runner.invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(tmp_path / "landing"),
                                 "--state-dir", str(tmp_path / "s"), "--demo-key"])
    assert result.exit_code == 1 and "no files for 2026Q3" in result.output
    assert not (tmp_path / "s" / "releases").exists() or not any((tmp_path / "s" / "releases").iterdir())


def test_when_a_key_worker_is_named_in_a_note_then_the_name_is_scrubbed_and_never_released(standards, agreement):
    from deid.scrub import Scrubber, scrub_notes

    frame = pl.DataFrame({"given_names": ["Aroha"], "family_name": ["Ngata"], "display_name": ["Aroha Ngata"],
                          "caregiver_name": [None], "key_worker": ["Tamsin Obertelli"], "programme": ["Te Ara"],
                          "case_notes": ["Tamsin Obertelli visited; Obertelli to follow up next week."]})
    scrubbed, _ = scrub_notes(frame, Scrubber(standards))
    assert "Obertelli" not in scrubbed.get_column("case_notes_scrubbed")[0]
    for purpose in agreement.purposes.values():
        assert "key_worker" not in purpose.fields


def test_when_a_new_programme_starts_its_agreement_then_it_has_no_parties_and_inherits_no_approval(deployment):
    _, config = deployment
    result = runner.invoke(app, ["agreement", "init", "--programme", "youth-mentoring", "--title", "Rangatahi mentoring",
                                 "--approver", "Rangatahi Data Rōpū"])
    assert result.exit_code == 0, result.output
    path = config / "agreements" / DEFAULT_AGREEMENT.name
    local = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert local["programme"] == "youth-mentoring" and local["parties"]["providers"] == []
    assert local["maori_data_governance"] == {"approver": "Rangatahi Data Rōpū", "maori_breakdowns_approved": False,
                                              "approval_reference": None, "iwi_breakdowns_approved": False}
    again = runner.invoke(app, ["agreement", "init", "--programme", "other", "--title", "Other"])
    assert again.exit_code != 0 and "--replace" in again.output                      # never overwritten by accident
    added = runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust", "--json"])
    assert added.exit_code == 0 and json.loads(added.output)["warning"] is None
    assert [p["id"] for p in yaml.safe_load(path.read_text(encoding="utf-8"))["parties"]["providers"]] == [PROVIDER]


def test_when_an_agreement_is_started_then_it_is_a_draft_until_signed_off_once(deployment):
    from deid.agreement import load_agreement
    from deid.auditlog import read_events
    from deid.standards import load_standards

    state, config = deployment
    path = config / "agreements" / DEFAULT_AGREEMENT.name
    assert not load_agreement(DEFAULT_AGREEMENT, load_standards()).draft   # the packaged sample predates sign-off
    assert runner.invoke(app, ["agreement", "init", "--programme", "youth-mentoring", "--title", "Rangatahi"]).exit_code == 0
    assert load_agreement(path, load_standards()).draft
    bad = runner.invoke(app, ["agreement", "sign-off", "--by", "Aroha (programme lead)", "--on", "7/12/2026"])
    assert bad.exit_code != 0 and "YYYY-MM-DD" in bad.output
    signed = runner.invoke(app, ["agreement", "sign-off", "--by", "Aroha (programme lead)", "--on", "2026-12-07"])
    assert signed.exit_code == 0, signed.output
    agreement = load_agreement(path, load_standards())
    assert not agreement.draft and agreement.signed_off is not None and agreement.signed_off.by == "Aroha (programme lead)"
    assert str(agreement.signed_off.date) == "2026-12-07"
    assert read_events(state / "audit_log.jsonl", "agreement_signed_off")[0]["actor"] == "Aroha (programme lead)"
    again = runner.invoke(app, ["agreement", "sign-off", "--by", "Someone else"])
    assert again.exit_code != 0 and "signed off by Aroha (programme lead) on 2026-12-07" in again.output


def test_when_a_provider_is_added_to_a_copy_of_the_sample_then_the_steward_is_told_what_came_with_it(deployment):
    result = runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust"])
    assert result.exit_code == 0, result.output
    assert "sample agreement" in result.output and "kainga-support" in result.output and "approved" in result.output


def test_when_a_provider_is_removed_then_it_is_no_longer_a_party_and_an_unknown_one_is_named(deployment):
    _, config = deployment
    assert runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust"]).exit_code == 0
    removed = runner.invoke(app, ["provider", "remove", "kainga-support", "--by", "steward@agency"])
    assert removed.exit_code == 0, removed.output
    parties = yaml.safe_load((config / "agreements" / DEFAULT_AGREEMENT.name).read_text(encoding="utf-8"))["parties"]
    assert "kainga-support" not in [p["id"] for p in parties["providers"]] and PROVIDER in [p["id"] for p in parties["providers"]]
    unknown = runner.invoke(app, ["provider", "remove", "no-such-trust"])
    assert unknown.exit_code != 0 and "no-such-trust" in unknown.output and PROVIDER in unknown.output


def test_when_a_steward_confirms_a_file_with_an_uncertain_column_then_the_output_says_it_is_settled(deployment):
    # outsider user test 9: "NEEDS A DECISION: column 11 is uncertain" printed beside "saved" read as still open
    state, _ = deployment
    landed = _return_file(state / "landing" / PROVIDER / "2026Q3" / "return Q3.csv")
    assert runner.invoke(app, ["provider", "add", PROVIDER, "--name", "Aroha Whānau Trust"]).exit_code == 0
    suggested = runner.invoke(app, ["mapping", "suggest", "--provider", PROVIDER, "--quarter", "2026Q3", str(landed)])
    assert "NEEDS A DECISION: column 10 is uncertain" in suggested.output
    confirmed = runner.invoke(app, ["mapping", "confirm", "--provider", PROVIDER, "--quarter", "2026Q3", "--by", "s", str(landed)])
    assert confirmed.exit_code == 0, confirmed.output
    assert "NEEDS A DECISION" not in confirmed.output
    assert "settled by this confirmation, as shown above (change it with --set): column 10 is uncertain" in confirmed.output
