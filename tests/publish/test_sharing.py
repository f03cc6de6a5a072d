"""Two-way sharing: provider isolation, data packages with provenance, the agreement enforced per file,
Māori data governance, and releases that are whole or absent."""
from __future__ import annotations

import json

import polars as pl
import pyarrow.parquet as pq
import pytest

from deid.aggregate import TableDecision
from deid.errors import PublishError
from deid.publish import SubmissionOutcome
from deid.publish.publish import covered_by
from deid.uselog import UseEntry
from tests.identifier_scan import pdf_text, release_texts
from tests.publish.helpers import FIGURES_SCHEMA, STARTED, publish


def _submission(provider: str, file_name: str, rows: int) -> SubmissionOutcome:
    return SubmissionOutcome(provider=provider, quarter="2026Q3", file_name=file_name, sha256=f"{abs(hash(file_name)):064d}"[:64],
                             submission_id=f"{provider}/2026Q3/x", status="accepted", reader="csv", encoding="utf-8",
                             rows_received=rows, rows_accepted=rows)


def _two_providers(tmp_path, standards, agreement, **overrides):
    figures = pl.DataFrame([("tamaki-whanau-ora", "1", 31, 211), ("te-puna-parenting", "1", 4817, 90353)],
                           schema=FIGURES_SCHEMA, orient="row")
    uses = (UseEntry(recorded_on=STARTED.date(), quarter="2026Q3", providers=("te-puna-parenting",), used_by="Contracts",
                     use="Te Puna contract review 7781"),
            UseEntry(recorded_on=STARTED.date(), quarter="2026Q3", providers=("all",), used_by="Evaluation team",
                     use="Interim evaluation", outcome="Programme extended"))
    earlier = ({"run_id": "run0", "released_at": STARTED, "path": "service-delivery/service_delivery_extract.parquet",
                "audience": "service-delivery-team", "purpose": "service_delivery", "description": "Te Puna-only re-run 5512",
                "providers": ["te-puna-parenting"]},
               {"run_id": "run0", "released_at": STARTED, "path": "aggregates/outcomes_by_provider.csv",
                "audience": "programme-wide", "purpose": "service_delivery", "description": "Earlier protected table",
                "providers": ["tamaki-whanau-ora", "te-puna-parenting"]})
    parts = dict(submissions=[_submission("tamaki-whanau-ora", "tamaki_q3_file.csv", 31),
                              _submission("te-puna-parenting", "tepuna_q3_file.csv", 4817)],
                 provider_figures=figures, logged_uses=uses, earlier_releases=earlier)
    parts.update(overrides)
    return publish(tmp_path, standards, agreement, **parts)


def test_when_feedback_is_written_then_each_provider_report_holds_nothing_about_another_provider(tmp_path, standards, agreement):
    result = _two_providers(tmp_path, standards, agreement)
    texts = release_texts(result.release_dir)
    own = {p: [path for path in texts if path.startswith(f"providers/{p}/")] for p in ("tamaki-whanau-ora", "te-puna-parenting")}
    assert {path.rsplit(".", 1)[1] for path in own["tamaki-whanau-ora"]} >= {"html", "pdf", "json"}
    other_provider_facts = ["te-puna-parenting", "Te Puna Parenting", "tepuna_q3_file", "4817", "90353", "contract review 7781",
                            "re-run 5512"]
    for path in own["tamaki-whanau-ora"]:
        text = texts[path].replace("\n", " ")
        assert not [fact for fact in other_provider_facts if fact in text], path
    tamaki_feedback = texts["providers/tamaki-whanau-ora/feedback_2026Q3.html"]
    assert "211" in tamaki_feedback and "Interim evaluation" in tamaki_feedback and "Programme extended" in tamaki_feedback
    assert "Earlier protected table (earlier release run0" in tamaki_feedback
    assert "contract review 7781" in texts["providers/te-puna-parenting/feedback_2026Q3.html"]
    audiences = {f.path: f.audience for f in result.files}
    assert all(audiences[path] == f"provider:{path.split('/')[1]}" for path in audiences if path.startswith("providers/"))


def test_when_the_feedback_pdf_is_made_then_it_reads_as_the_report_with_macrons_intact(tmp_path, standards, agreement):
    result = _two_providers(tmp_path, standards, agreement)
    pdf = result.release_dir / "providers/tamaki-whanau-ora/feedback_2026Q3.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Tāmaki Whānau Ora Collective" in text and "How your data was used" in text and "Interim evaluation" in text


def test_when_an_extract_is_released_then_it_carries_dictionary_datapackage_and_provenance(tmp_path, standards, agreement):
    extract = pl.DataFrame({"run_id": ["run1", "run1"], "person_id": ["e_1", "e_2"], "outcome_status": ["1", "2"],
                            "sessions_attended": [3, 4]})
    result = _two_providers(tmp_path, standards, agreement, extracts={"evaluation": extract})
    folder = result.release_dir / "evaluation"
    dictionary = pl.read_csv(folder / "data_dictionary.csv")
    assert dictionary.get_column("field").to_list() == extract.columns and dictionary.get_column("description").str.len_chars().min() > 0
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    for key in ("source", "legal_authority", "purpose", "restrictions", "date_shared", "classification", "retain_until",
                "disclosure_control", "recipients"):
        assert provenance[key], key
    assert [p["id"] for p in provenance["source"]["providers"]] == ["tamaki-whanau-ora", "te-puna-parenting"]
    assert provenance["source"]["quarters"] == ["2026Q3"] and provenance["date_shared"] == "2026-10-20"
    assert provenance["classification"] == "IN-CONFIDENCE" and provenance["retain_until"] == "2036-10-20"
    assert provenance["disclosure_control"]["k_threshold"] == standards.disclosure.risk.k_threshold
    embedded = json.loads(pq.read_schema(folder / "evaluation_extract.parquet").metadata[b"deid:provenance"])
    assert embedded == provenance                                            # provenance travels inside the data file too
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resource = package["resources"][0]
    listed = {f.path: f for f in result.files}
    assert resource["path"] == "evaluation_extract.parquet" and resource["hash"] == f"sha256:{listed['evaluation/evaluation_extract.parquet'].sha256}"
    assert [(f["name"], f["type"]) for f in resource["schema"]["fields"]] == [
        ("run_id", "string"), ("person_id", "string"), ("outcome_status", "string"), ("sessions_attended", "integer")]
    assert package["provenance"] == provenance and "Restrictions on use" in (folder / "PROVENANCE.md").read_text(encoding="utf-8")


def test_when_an_extract_holds_a_field_outside_the_agreement_then_nothing_is_released(tmp_path, standards, agreement):
    leaky = pl.DataFrame({"run_id": ["run1"], "person_id": ["e_1"], "date_of_birth": ["2001-02-03"]})
    with pytest.raises(PublishError, match=r"\['date_of_birth'\] are not in the purpose's field allowlist"):
        publish(tmp_path, standards, agreement, extracts={"evaluation": leaky})
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize(("path", "audience", "purpose", "message"), [
    ("marketing/list.csv", "researchers", "evaluation", "lists no output in folder 'marketing'"),
    ("evaluation/x.parquet", "service-delivery-team", "evaluation", "is not a recipient of 'evaluation'"),
    ("providers/tamaki-whanau-ora/feedback.html", "provider:te-puna-parenting", "service_delivery", "may only go to that provider"),
    ("providers/stranger-trust/feedback.html", "provider:stranger-trust", "service_delivery", "may only go to that provider"),
    ("aggregates/t.csv", "programme-wide", "evaluation", "covers 'aggregates' under 'service_delivery'"),
])
def test_when_a_file_is_not_covered_by_the_agreement_then_it_is_refused(agreement, path, audience, purpose, message):
    with pytest.raises(PublishError, match=message):
        covered_by(agreement, path, audience, purpose)


def test_when_a_maori_breakdown_is_not_approved_then_the_steward_pack_says_it_was_withheld(tmp_path, standards, agreement):
    withheld = TableDecision("clients_by_provider_ethnicity", False,
                             "withheld: Māori breakdown needs approval from Programme Māori Data Governance Rōpū")
    result = publish(tmp_path, standards, agreement, decisions=[withheld], maori_rows=12)
    page = (result.release_dir / "stewards/steward_summary.html").read_text(encoding="utf-8")
    assert "Withheld from this release" in page and withheld.reason in page
    assert not (result.release_dir / "aggregates").exists()
    summary = json.loads((result.release_dir / "stewards/steward_summary.json").read_text(encoding="utf-8"))
    assert summary["decisions"][0]["released"] is False and summary["maori_rows"] == 12
    assert summary["agreement"]["maori_data_governance"]["approver"] == "Programme Māori Data Governance Rōpū"


def test_when_the_steward_pack_is_written_then_it_renders_the_agreement_and_warns_when_review_is_overdue(
        tmp_path, standards, agreement):
    page = (publish(tmp_path / "a", standards, agreement).release_dir / "stewards/steward_summary.html").read_text(encoding="utf-8")
    for text in (agreement.parties.agency, agreement.method_of_sharing, agreement.breach_contact, "Outputs and recipients",
                 agreement.purposes["evaluation"].legal_authority, "each-provider", "OVERDUE"):
        assert (text in page) == (text != "OVERDUE"), text
    lapsed = agreement.model_copy(update={"review_date": STARTED.date().replace(year=2025)})
    page = (publish(tmp_path / "b", standards, lapsed).release_dir / "stewards/steward_summary.html").read_text(encoding="utf-8")
    assert "OVERDUE" in page and "review date" in page


@pytest.mark.parametrize("failure", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_when_publishing_is_interrupted_then_no_partial_release_is_left(tmp_path, standards, agreement, monkeypatch, failure):
    import deid.publish.publish as publish_module

    written = []
    real = publish_module.feedback_pdf

    def crash_midway(context):
        written.append(context["provider"])
        if len(written) == 3:    # several providers' files are already in the staging folder
            raise failure
        return real(context)

    monkeypatch.setattr(publish_module, "feedback_pdf", crash_midway)
    with pytest.raises(type(failure)):
        _two_providers(tmp_path, standards, agreement)
    assert not any(tmp_path.iterdir())               # neither the release folder nor its staging folder
    monkeypatch.setattr(publish_module, "feedback_pdf", real)
    result = _two_providers(tmp_path, standards, agreement)   # the retry publishes the whole release
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    on_disk = {str(p.relative_to(result.release_dir)) for p in result.release_dir.rglob("*") if p.is_file()}
    assert on_disk - {"manifest.json"} == {f["path"] for f in manifest["files"]}


def test_when_a_crashed_run_left_a_staging_folder_then_the_next_publish_replaces_it(tmp_path, standards, agreement):
    stale = tmp_path / ".staging-run1"
    (stale / "evaluation").mkdir(parents=True)
    (stale / "evaluation" / "half_written.parquet").write_bytes(b"PAR1")
    result = publish(tmp_path, standards, agreement)
    assert not stale.exists() and not (result.release_dir / "evaluation" / "half_written.parquet").exists()


def test_when_a_table_was_audited_then_the_steward_pack_shows_each_primary_cells_interval_against_its_window(
        tmp_path, standards, agreement):
    from deid.aggregate.audit import STATED_ATTACKER, AuditResult, CellInterval
    from deid.aggregate.protect import ProtectionResult

    wide = CellInterval(("Waikato", "25-34"), "primary", 3, 1.0, 5.0, 2.0, 4.0)
    edge = CellInterval(("Otago", "65+"), "primary", 4, 3.0, 5.0, 3.0, 5.0)
    secondary = CellInterval(("Otago", "All"), "secondary", 40, 36.0, 44.0)
    floor = CellInterval(("Otago", "15-24"), "primary", 1, 1.0, 4.0, 1.0, 3.0)   # 1 is the prior's end: not an edge
    audit = AuditResult(4, 2.0, (), 2, STATED_ATTACKER, intervals=(wide, edge, floor, secondary))
    table = pl.DataFrame({"region": ["Waikato"], "count": [6], "status": ["published"]})
    result = publish(tmp_path, standards, agreement, tables={"by_region": table},
                     protection=[ProtectionResult("by_region", 3, 2, 1, "rr3", 6, audit)],
                     decisions=[TableDecision("by_region", True, "released")])
    page = (result.release_dir / "stewards/steward_summary.html").read_text(encoding="utf-8")
    section = page[page.index('id="intervals-by_region"'):]
    section = section[:section.index("</details>")]
    assert "3 cell(s); 1 at the edge or exposed" in section and "1 to 5" in section
    assert section.index("Otago · 65+") < section.index("Waikato · 25-34")     # tightest first
    assert "3–5" in section and "1–5" in section and "2–4" in section
    assert "Otago · All" not in section                                        # secondary cells have no window
