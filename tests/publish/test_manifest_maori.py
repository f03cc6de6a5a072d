"""Released tables with a Māori or iwi breakdown carry the Māori data tag and the approval in the manifest."""
import json

import polars as pl

from deid.aggregate.protect import ProtectionResult
from deid.publish.manifest import MAORI_DATA_TAG, maori_table_tags
from deid.standards import TableSpec
from tests.publish.helpers import publish

TABLE = pl.DataFrame({"provider": ["All"], "count": [6], "status": ["published"]})


def _approved(agreement, **governance):
    return agreement.model_copy(update={"maori_data_governance": agreement.maori_data_governance.model_copy(update=governance)})


def test_when_a_maori_breakdown_is_released_then_its_manifest_entry_names_the_approval_and_the_tag(tmp_path, standards, agreement):
    approved = _approved(agreement, maori_breakdowns_approved=True, approval_reference="Rōpū hui 2026-11-20, minute 4")
    result = publish(tmp_path, standards, approved,
                     tables={"clients_by_provider_ethnicity": TABLE, "clients_by_provider_gender": TABLE},
                     protection=[ProtectionResult("clients_by_provider_ethnicity", 1, 0, 0, "rr3", 6),
                                 ProtectionResult("clients_by_provider_gender", 1, 0, 0, "rr3", 6)])
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    entries = {f["path"]: f for f in manifest["files"]}
    tag = entries["aggregates/clients_by_provider_ethnicity.csv"]["maori_data"]
    assert tag["tag"] == MAORI_DATA_TAG and tag["breakdown"] == ["Māori"]
    assert tag["approval_reference"] == "Rōpū hui 2026-11-20, minute 4"
    assert tag["approved_by"] == approved.maori_data_governance.approver and "approved" in tag["decision"]
    assert "maori_data" not in entries["aggregates/clients_by_provider_gender.csv"]
    governance = manifest["maori_data_governance"]
    assert governance["approval_reference"] == "Rōpū hui 2026-11-20, minute 4"
    assert governance["tagged_tables"] == ["aggregates/clients_by_provider_ethnicity.csv"]


def test_when_no_maori_table_is_released_then_no_file_is_tagged(tmp_path, standards, agreement):
    result = publish(tmp_path, standards, agreement, tables={"clients_by_provider_gender": TABLE},
                     protection=[ProtectionResult("clients_by_provider_gender", 1, 0, 0, "rr3", 6)])
    manifest = json.loads(result.manifest_path.read_text(encoding="utf-8"))
    assert not any("maori_data" in f for f in manifest["files"]) and manifest["maori_data_governance"]["tagged_tables"] == []


def test_when_an_iwi_table_is_released_then_it_is_tagged_as_an_iwi_breakdown(agreement):
    approved = _approved(agreement, iwi_breakdowns_approved=True, approval_reference="ref-7")
    specs = [TableSpec(name="clients_by_iwi", description="", dimensions=("provider", "iwi"), measure="clients"),
             TableSpec(name="clients_by_iwi_unreleased", description="", dimensions=("iwi",), measure="clients")]
    tags = maori_table_tags(specs, approved, ["aggregates/clients_by_iwi.csv"])
    assert list(tags) == ["aggregates/clients_by_iwi.csv"]
    assert tags["aggregates/clients_by_iwi.csv"]["breakdown"] == ["iwi"]
    assert tags["aggregates/clients_by_iwi.csv"]["approval_reference"] == "ref-7"
