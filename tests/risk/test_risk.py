import numpy as np
import pandas as pd
import polars as pl
import pytest

from deid.db import Warehouse
from deid.risk import apply_risk_gate, measure_risk
from deid.standards import ExtractRisk, RiskRules

QIS = ["age", "sex", "region"]


def _pandas_measures(frame: pd.DataFrame, k: int):
    """An independent computation of the same measures, for cross-checking the SQL."""
    sizes = frame.groupby(QIS, dropna=False).size()
    per_record = frame.merge(sizes.rename("n").reset_index(), on=QIS, how="left")["n"]
    return {"records": len(frame), "classes": len(sizes), "k_min": int(sizes.min()),
            "records_below_k": int(sizes[sizes < k].sum()), "sample_uniques": int((sizes == 1).sum()),
            "prosecutor_risk_avg": float((1 / per_record).mean()), "prosecutor_risk_max": float(1 / sizes.min())}


@pytest.fixture
def synthetic():
    rng = np.random.default_rng(3)
    n = 5000
    return pl.DataFrame({"age": rng.choice(["20-24", "25-29", "30-34", "35-39"], n), "sex": rng.choice(["1", "2", "3"], n, p=[.49, .49, .02]),
                         "region": rng.choice([f"{i:02d}" for i in range(1, 17)], n), "outcome": rng.choice(["a", "b", "c"], n)})


def test_when_risk_is_measured_in_duckdb_then_it_matches_an_independent_pandas_computation(synthetic):
    with Warehouse() as wh:
        m = measure_risk(wh, synthetic, QIS, k=5, risk_threshold=0.2, sensitive=["outcome"])
    expected = _pandas_measures(synthetic.to_pandas(), 5)
    for name, value in expected.items():
        assert getattr(m, name) == pytest.approx(value), name
    assert 1 <= m.l_diversity["outcome"] <= 3


def test_when_an_extract_has_small_classes_then_the_gate_suppresses_until_it_passes(synthetic):
    rules = RiskRules(k_threshold=5, max_prosecutor_risk=0.2,
                      extracts={"evaluation": ExtractRisk(quasi_identifiers=tuple(QIS), remedy_order=("region", "age", "sex"))})
    with Warehouse() as wh:
        released, gate = apply_risk_gate(wh, "evaluation", synthetic, rules)
        after = measure_risk(wh, released, QIS, k=5, risk_threshold=0.2)
    assert gate.before.k_min < 5 and gate.passed and after.k_min >= 5
    assert gate.values_suppressed.get("region", 0) > 0
    assert released.height + gate.records_withheld == synthetic.height


def test_when_an_extract_is_not_configured_then_the_gate_refuses(synthetic):
    from deid.errors import DisclosureError

    rules = RiskRules(k_threshold=5, max_prosecutor_risk=0.2, extracts={})
    with Warehouse() as wh, pytest.raises(DisclosureError, match="no entry for extract 'evaluation'"):
        apply_risk_gate(wh, "evaluation", synthetic, rules)
