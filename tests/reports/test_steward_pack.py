"""The steward pack: contents with anchors, collapsible detail, inline charts, and wording from one status per table."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from reports.builders import build_steward_context, common_context, governance_wording, render, table_status
from reports.sections import STEWARD_SECTIONS
from tests.reports.fixtures import GENERATED, submission


def _table(name: str, released: bool, reason: str, loss: float = 0.1, cells: int = 12) -> dict:
    return {"table": name, "released": released, "reason": reason, "cells": cells if released else 0, "primary": 2, "secondary": 1,
            "rounding": "RR3", "audit": "passed", "audit_passed": True, "information_loss": loss}


TABLES = [_table("outcomes_by_provider", True, "no Māori or iwi breakdown"),
          _table("clients_by_region_age_band", True, "no Māori or iwi breakdown", loss=1.0),
          _table("clients_by_iwi", False, "withheld: iwi-level breakdown needs approval from the Rōpū")]


def _agreement(agreement, *, iwi_approved: bool):
    governance = agreement.maori_data_governance.model_copy(update={"iwi_breakdowns_approved": iwi_approved})
    return agreement.model_copy(update={"maori_data_governance": governance})


def _pack(agreement, tables, *, iwi_approved: bool = False, purposes: list | None = None) -> str:
    risk = SimpleNamespace(extracts={}, k_threshold=3, max_prosecutor_risk=0.34)
    context = build_steward_context(
        submissions=[submission(), submission(provider="te-puna-parenting", file_name="tepuna.csv", status="held", rows_held=40,
                                              rows_accepted=0, rows_quarantined=0, rows_received=40, findings=[],
                                              message="awaiting mapping", held_reasons=["column 3 is uncertain"], mapping_details=[])],
        gates=[], tables=tables, purposes=purposes or [], stage_counts=[("names standardised", 12)], maori_rows=4, files=[],
        agreement=_agreement(agreement, iwi_approved=iwi_approved), risk_rules=risk, today=GENERATED.date(),
        common=common_context("run1", "2026Q3", "IN-CONFIDENCE", True, GENERATED))
    return render("steward_summary.html.j2", context)


def _text(html: str) -> str:
    text = " ".join(re.sub(r"<[^>]+>", " ", re.sub(r"<(style|svg)\b.*?</\1>", "", html, flags=re.S)).split())
    return re.sub(r" ([:;,.)])", r"\1", text)


def test_when_the_pack_is_written_then_its_contents_link_to_every_section_by_anchor(agreement):
    html = _pack(agreement, TABLES)
    links = re.findall(r'<nav class="toc".*?</nav>', html, flags=re.S)[0]
    assert re.findall(r'href="#([\w-]+)"', links) == [s.id for s in STEWARD_SECTIONS if s.level == 2]
    ids = set(re.findall(r'\bid="([\w-]+)"', html))
    assert {s.id for s in STEWARD_SECTIONS} <= ids
    assert set(re.findall(r'href="#([\w-]+)"', html)) <= ids      # no anchor points nowhere


def test_when_the_pack_is_written_then_detail_folds_and_charts_are_inline_svg_with_nothing_fetched(agreement):
    html = _pack(agreement, TABLES)
    assert html.count("<details") >= 3 and html.count("<summary") == html.count("<details")
    assert html.count("<svg") == 2   # row accounting per provider, suppression per table
    accounting = re.search(r"<svg.*?</svg>", html, flags=re.S).group(0)
    assert "tamaki-whanau-ora" in accounting and "te-puna-parenting" in accounting and "40 rows" in accounting
    assert not re.search(r"""(src|href|url)\s*[=(]\s*["']?https?:""", html) and "<script" not in html


@pytest.mark.parametrize(("iwi_approved", "tables", "iwi_says", "withheld_says"), [
    (False, TABLES, "NOT approved: 1 iwi-level table(s) withheld (clients_by_iwi)", "clients_by_iwi: withheld: iwi-level breakdown not approved"),
    (False, TABLES[:2], "NOT approved: this release asked for no iwi-level table, so none had to be withheld", "no table was withheld"),
    (True, TABLES[:2], "approved", "no table was withheld"),
], ids=["iwi-table-withheld", "no-iwi-table-asked", "approved"])
def test_when_approval_and_tables_vary_then_the_pack_never_contradicts_itself(agreement, iwi_approved, tables, iwi_says, withheld_says):
    text = _text(_pack(agreement, tables, iwi_approved=iwi_approved))
    assert f"Iwi-level breakdowns {iwi_says}" in text
    assert f"Withheld from this release {withheld_says}" in text
    withheld_any = any(not t["released"] for t in tables)
    assert ("no table was withheld" in text) != withheld_any
    assert ("tables are withheld" in text) is False     # the old blanket sentence, true or not


def test_when_an_aggregate_loses_all_its_information_then_the_pack_flags_it(agreement):
    text = _text(_pack(agreement, TABLES))
    assert "100% information loss (every inner cell suppressed): clients_by_region_age_band" in text
    assert table_status(TABLES[1])["status"] == "fully_suppressed" and table_status(TABLES[0])["status"] == "published"


def test_when_the_governance_wording_is_built_then_it_follows_the_table_statuses():
    statuses = [{**t, **table_status(t)} for t in TABLES]
    wording = governance_wording(statuses, maori_approved=False, iwi_approved=False, reference=None)
    assert wording["iwi"]["class"] == "fail" and "clients_by_iwi" in wording["iwi"]["text"]
    assert wording["maori"] == {"class": "warning",
                                "text": "NOT approved: this release asked for no Māori breakdown table, so none had to be withheld"}


def test_when_a_purpose_is_split_then_the_pack_accounts_for_every_row_including_consent_not_recognised(agreement):
    from deid.split import PurposeExtractResult

    research = PurposeExtractResult("research", "researchers", rows_in=212, rows_out=170, excluded_no_consent=35,
                                    excluded_blank_consent=4, fields=("person_id",), excluded_unrecognised_consent=3)
    text = _text(_pack(agreement, TABLES, purposes=[research]))
    header = "Rows in Rows out Consent refused Consent not recorded Consent not recognised Rows in = out + excluded"
    assert header in text and "research researchers 212 170 35 4 3 balances" in text
