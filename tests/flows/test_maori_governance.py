"""Māori data released row by row only as the agreement's Māori data approval allows: an outsider user test found the
Māori breakdown table withheld for providers the approval did not cover, while the extracts' rows said who was Māori."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import yaml

from deid.settings import DEFAULT_AGREEMENT
from tests.conftest import SAMPLES

COVERED, UNCOVERED = "tamaki-whanau-ora", "te-puna-parenting"


def test_when_the_approval_does_not_cover_a_provider_then_no_extract_says_which_of_its_clients_are_maori(tmp_path):
    from flows.quarterly import run_quarter

    landing, state, config = tmp_path / "landing", tmp_path / "state", tmp_path / "config"
    for provider in (COVERED, UNCOVERED):
        shutil.copytree(SAMPLES / provider / "2026Q3", landing / provider / "2026Q3")
    agreement = yaml.safe_load(DEFAULT_AGREEMENT.read_text(encoding="utf-8"))
    agreement["maori_data_governance"]["approved_for"] = [p["id"] for p in agreement["parties"]["providers"] if p["id"] != UNCOVERED]
    (config / "agreements").mkdir(parents=True)
    (config / "agreements" / DEFAULT_AGREEMENT.name).write_text(yaml.safe_dump(agreement, allow_unicode=True), encoding="utf-8")

    summary = run_quarter("2026Q3", landing_dir=str(landing), state_dir=str(state), config_dir=str(config), demo_key=True)
    release = Path(summary["release_dir"])
    for folder, name in (("evaluation", "evaluation"), ("service-delivery", "service_delivery")):
        extract = pl.read_parquet(release / folder / f"{name}_extract.parquet")
        uncovered = extract.filter(pl.col("provider") == UNCOVERED)
        covered = extract.filter(pl.col("provider") == COVERED)
        assert uncovered.height and covered.height
        for column in ("is_maori_data", "ethnicity_prioritised") + (("eth_maori",) if "eth_maori" in extract.columns else ()):
            assert uncovered.get_column(column).null_count() == uncovered.height, (name, column)
        assert covered.get_column("is_maori_data").drop_nulls().any()        # the covered provider's Māori rows keep it
        if "case_notes_scrubbed" in extract.columns:
            notes = " ".join(uncovered.get_column("case_notes_scrubbed").drop_nulls().to_list())
            assert "Māori" not in notes and "Maori" not in notes
        provenance = json.loads((release / folder / "provenance.json").read_text(encoding="utf-8"))
        assert provenance["disclosure_control"]["person_level_k"] >= 3      # each person's rows taken together
        assert "person_level_k_across_quarters" in provenance["disclosure_control"]   # None: no earlier quarter released
        withheld = provenance["maori_data_governance"]["identity_withheld"]
        assert withheld["providers"] == [UNCOVERED] and withheld["rows"] >= uncovered.height   # the gate may withhold rows after
        assert "Withheld:" in (release / folder / "PROVENANCE.md").read_text(encoding="utf-8")
    steward = (release / "stewards" / "steward_summary.html").read_text(encoding="utf-8")
    assert "Māori data approval does not cover them" in steward
    feedback = json.loads((release / "providers" / UNCOVERED / "feedback_2026Q3.json").read_text(encoding="utf-8"))
    assert any("approval for Māori data does not cover your organisation" in u["your_records"] for u in feedback["uses"])
    covered_feedback = json.loads((release / "providers" / COVERED / "feedback_2026Q3.json").read_text(encoding="utf-8"))
    assert not any("Māori data does not cover" in u["your_records"] for u in covered_feedback["uses"])
