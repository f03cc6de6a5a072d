"""The release's count tables attacked together inside the linked protection (build_protected_tables, issue 18)."""
from __future__ import annotations

import numpy as np
import polars as pl

import deid.aggregate.aggregate as aggregate
from deid.aggregate import build_protected_tables

GENDERS, OUTCOMES = ["Female", "Male", "Another gender", "Not stated"], ["achieved", "ongoing", "not_achieved", "exited_early"]


def _records(standards, n: int = 300, seed: int = 0) -> pl.DataFrame:
    """Random people of six providers (seed 0: tables protected one by one leave cells that read together pin)."""
    rng = np.random.default_rng(seed)
    rows = {"person_key": [f"x{i}" for i in range(n)], "provider": rng.choice(list("PQRSTU"), n).tolist(),
            "gender_label": rng.choice(GENDERS, n, p=[0.5, 0.44, 0.03, 0.03]).tolist(),
            "outcome_status": rng.choice(OUTCOMES, n, p=[0.45, 0.45, 0.05, 0.05]).tolist(),
            "sessions_attended": [3] * n, "region_name": ["Northland"] * n, "age_band_life_cycle": ["25-39"] * n}
    flags = {f"eth_{item.key}": [item.key == "european"] * n for item in standards.ethnicity.level1}
    return pl.DataFrame(rows).with_columns(*[pl.Series(k, v) for k, v in flags.items()])


def test_a_cell_the_tables_pin_only_together_is_protected_before_release(standards, agreement, test_key, monkeypatch):
    two = [t for t in standards.disclosure.tables if t.name in ("clients_by_provider_gender", "outcomes_by_provider")]
    only = standards.model_copy(update={"disclosure": standards.disclosure.model_copy(update={"tables": two})})
    found: list[list[aggregate.JointExposure]] = []
    attack = aggregate.jointly_exposed

    def spy(*args: object) -> list[aggregate.JointExposure]:
        found.append(attack(*args))  # type: ignore[arg-type]
        return found[-1]

    monkeypatch.setattr(aggregate, "jointly_exposed", spy)
    tables, results, _ = build_protected_tables(_records(only), only, agreement, test_key, "run-1", "2026Q3")
    assert [e for e in found[0] if e.hide is not None]            # each table safe alone; read together, cells are pinned
    assert [e for e in found[-1] if e.hide is not None] == []     # after hiding the named cells: nothing left to hide
    assert all(r.releasable for r in results) and set(tables) == {"clients_by_provider_gender", "outcomes_by_provider"}
    named = {e.hide for e in found[0] if e.hide is not None}
    assert named <= frozenset().union(*(r.hidden_identities for r in results))   # the cells named were hidden
