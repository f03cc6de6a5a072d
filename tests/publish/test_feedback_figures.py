"""What a provider's feedback and the run summary say about sessions, outcomes and the purpose split."""
from __future__ import annotations

import dataclasses
import json
from types import SimpleNamespace

import polars as pl

from deid.publish.publish import own_figures
from deid.split import PurposeExtractResult
from deid.summary import build_run_summary, split_accounting
from tests.publish.helpers import publish

RESEARCH = PurposeExtractResult("evaluation", "researchers", rows_in=150, rows_out=111, excluded_no_consent=30,
                                excluded_blank_consent=7, fields=("person_id",), excluded_unrecognised_consent=2)


def _figures(sessions: list[int], with_sessions: list[int]) -> pl.DataFrame:
    return pl.DataFrame({"provider": ["p"] * len(sessions), "outcome_status": ["ongoing", "not_recorded"][:len(sessions)],
                         "people": [10, 5][:len(sessions)], "sessions": sessions, "people_with_sessions": with_sessions})


def test_when_a_provider_records_no_sessions_then_its_figures_say_not_recorded_not_0():
    assert own_figures(_figures([0, 0], [0, 0])) == {"people": 15, "sessions": "not recorded", "mean_sessions": "not recorded"}


def test_when_some_people_have_sessions_recorded_then_the_average_is_over_them():
    assert own_figures(_figures([36, 0], [9, 0])) == {"people": 15, "sessions": 36, "mean_sessions": "4.0"}
    assert own_figures(_figures([36, 0], [9, 0]).drop("people_with_sessions"))["mean_sessions"] == "2.4"   # kept before


def test_when_consent_is_unreadable_for_some_rows_then_the_split_still_accounts_for_every_row():
    row = split_accounting(RESEARCH)
    assert (row["consent_refused"], row["consent_not_recorded"], row["consent_not_recognised"]) == (30, 7, 2)
    assert row["balanced"] and row["rows_in"] == row["rows_out"] + 30 + 7 + 2
    lost = split_accounting(dataclasses.replace(RESEARCH, excluded_unrecognised_consent=0))   # a row the split did not count
    assert not lost["balanced"]
    recorded_before = split_accounting({k: v for k, v in dataclasses.asdict(RESEARCH).items()
                                        if k != "excluded_unrecognised_consent"})   # a release made before the split counted them
    assert recorded_before["consent_not_recognised"] == 2 and recorded_before["balanced"]


def test_when_a_release_is_made_then_the_run_summary_and_steward_payload_show_the_split(tmp_path, standards, agreement):
    release = publish(tmp_path, standards, agreement, purpose_results=[RESEARCH])
    received = SimpleNamespace(outcomes=[], rows_received=0, rows_accepted=0, rows_quarantined=0, rows_held=0, rows_rejected=0,
                               balanced=True)
    settings = SimpleNamespace(run_id="run1", quarter="2026Q3", demo_key=True, warehouse_path=tmp_path / "w.duckdb")
    summary = build_run_summary(settings, received, release, {})
    assert summary["purposes"]["evaluation"]["line"] == ("150 rows in = 111 out + 30 consent refused + 7 consent not recorded"
                                                         " + 2 consent not recognised")
    payload = json.loads((release.release_dir / "stewards" / "steward_summary.json").read_text(encoding="utf-8"))
    assert payload["purposes"][0]["consent_not_recognised"] == 2 and payload["purposes"][0]["balanced"] is True


def test_when_feedback_is_written_from_a_labelled_table_then_shares_compare_people_with_an_outcome(tmp_path, standards, agreement):
    """A provider recording outcomes beside a programme where most providers record none: like with like."""
    from deid.aggregate.protect import ProtectionResult

    provider = sorted(agreement.parties.provider_ids)[0]
    shown = ["All", "Achieved", "Not achieved", "Ongoing", "Not recorded", "Not recognised"]
    table = pl.DataFrame({"provider": ["All"] * 6, "outcome_status": shown, "count": [240, 18, 12, 30, 171, 9],
                          "status": ["published"] * 6})
    figures = pl.DataFrame({"provider": [provider] * 4, "outcome_status": ["achieved", "not_achieved", "ongoing", None],
                            "people": [6, 3, 3, 9], "sessions": [0, 0, 0, 0], "people_with_sessions": [0, 0, 0, 0]})
    release = publish(tmp_path, standards, agreement, tables={"outcomes_by_provider": table}, provider_figures=figures,
                      protection=[ProtectionResult("outcomes_by_provider", 6, 0, 0, "rr3", 6)])
    feedback = json.loads((release.release_dir / "providers" / provider / "feedback_2026Q3.json").read_text(encoding="utf-8"))
    rows = {o["label"]: o for o in feedback["outcomes"]}
    assert rows["Achieved"]["own_share"] == 6 / 12 and rows["Achieved"]["programme_share"] == 18 / (240 - 171 - 9)
    assert rows["Partly achieved"]["programme"] == 0 and rows["Partly achieved"]["programme_share"] == 0.0   # no row: none
    assert feedback["own"] == {"people": 21, "sessions": "not recorded", "mean_sessions": "not recorded"}


def test_when_feedback_lists_the_outputs_then_each_says_how_many_of_the_providers_records_it_holds(tmp_path, standards, agreement):
    """A provider sees its data went somewhere: how many of its records each extract holds, and that tables count all."""
    from deid.aggregate.protect import ProtectionResult
    from deid.publish import SubmissionOutcome

    provider, other = sorted(agreement.parties.provider_ids)[:2]
    submission = SubmissionOutcome(provider=provider, quarter="2026Q3", file_name="q3.csv", sha256="b" * 64,
                                   submission_id=f"{provider}/2026Q3/b", status="accepted", reader="csv", encoding="utf-8",
                                   rows_received=12, rows_accepted=10)
    extract = pl.DataFrame({"run_id": ["run1"] * 9, "person_id": [f"e_{i}" for i in range(9)],
                            "provider": [provider] * 7 + [other] * 2})
    table = pl.DataFrame({"provider": ["All"], "count": [12], "status": ["published"]})
    release = publish(tmp_path, standards, agreement, submissions=[submission], extracts={"evaluation": extract},
                      tables={"by_provider": table}, protection=[ProtectionResult("by_provider", 1, 0, 0, "rr3", 6)])
    feedback = json.loads((release.release_dir / "providers" / provider / "feedback_2026Q3.json").read_text(encoding="utf-8"))
    said = {u["description"]: u["your_records"] for u in feedback["uses"]}
    extract_line = next(v for k, v in said.items() if "microdata" in k)
    assert extract_line.startswith("7 of your 10 accepted record(s); the rest are left out (consent for this purpose")
    assert extract_line.endswith("withheld by the privacy check (a record too easy to pick out, even with details blanked) "
                                 "or the same person's record from another file)")
    assert next(v for k, v in said.items() if "by_provider" in k) == "all 10 accepted record(s), in protected totals only"
    html = (release.release_dir / "providers" / provider / "feedback_2026Q3.html").read_text(encoding="utf-8")
    assert "Your records in it" in html and "7 of your 10 accepted record(s)" in html


def test_when_an_analyst_names_a_person_in_the_use_log_then_the_providers_feedback_does_not(tmp_path, standards, agreement):
    """A user test found a client's name, written into a use-log entry, verbatim in the provider's feedback."""
    import datetime as dt

    from deid.uselog import UseEntry

    provider = sorted(agreement.parties.provider_ids)[0]
    use = UseEntry(recorded_on=dt.date(2026, 10, 2), quarter="2026Q3", providers=(provider,), used_by="Evaluation team",
                   use="Interim look at outcomes for Wirihana Kerehoma's cohort", outcome="Call Mere on 021 555 0123")
    from deid.publish import SubmissionOutcome

    submission = SubmissionOutcome(provider=provider, quarter="2026Q3", file_name="q3.csv", sha256="c" * 64,
                                   submission_id=f"{provider}/2026Q3/c", status="accepted", reader="csv", encoding="utf-8",
                                   rows_received=1, rows_accepted=1)
    release = publish(tmp_path, standards, agreement, submissions=[submission], logged_uses=(use,))
    own = release.release_dir / "providers" / provider
    feedback = json.loads((own / "feedback_2026Q3.json").read_text(encoding="utf-8"))
    (logged,) = feedback["logged_uses"]
    assert "Kerehoma" not in logged["use"] and "Interim look at outcomes for" in logged["use"]
    assert "021 555 0123" not in logged["outcome"]
    assert "Kerehoma" not in (own / "feedback_2026Q3.html").read_text(encoding="utf-8")
