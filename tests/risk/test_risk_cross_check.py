"""Every risk measure from DuckDB equals an independent pandas computation, on real and synthetic microdata."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest

from deid.db import Warehouse
from deid.risk import measure_risk

ANES96 = Path(__file__).resolve().parent / "data" / "anes96.csv"


def pandas_measures(frame: pd.DataFrame, qis: list[str], sensitive: str, k: int, threshold: float,
                    population: pd.DataFrame | None = None) -> dict[str, float]:
    """The definitions, written out with pandas groupby (blank values form their own class)."""
    keyed = frame.copy()
    for q in qis:
        keyed[q] = keyed[q].astype(object).where(keyed[q].notna(), "<blank>")
    sizes = keyed.groupby(qis, dropna=False).size()
    out = {
        "records": float(sizes.sum()), "classes": float(len(sizes)), "k_min": float(sizes.min()),
        "records_below_k": float(sizes[sizes < k].sum()), "sample_uniques": float((sizes == 1).sum()),
        "prosecutor_risk_avg": len(sizes) / sizes.sum(), "prosecutor_risk_max": 1 / sizes.min(),
        "share_above_threshold": sizes[1 / sizes > threshold].sum() / sizes.sum(),
    }
    overall = keyed[sensitive].value_counts(normalize=True, dropna=False)
    distinct, entropy, distance = [], [], []
    for _, group in keyed.groupby(qis, dropna=False):
        p = group[sensitive].value_counts(normalize=True, dropna=False)
        distinct.append(len(p))
        entropy.append(-(p * np.log(p)).sum())
        distance.append(0.5 * (p.reindex(overall.index, fill_value=0) - overall).abs().sum())
    out.update({"l": float(min(distinct)), "entropy_l": math.exp(min(entropy)), "t": max(distance)})
    if population is not None:
        pop = population.copy()
        sized = sizes.rename("n").reset_index().merge(pop, on=qis, how="left")
        sized["N"] = np.maximum(sized["count"].fillna(0), sized["n"])
        out["journalist_avg"] = (sized["n"] / sized["N"]).sum() / sized["n"].sum()
        out["journalist_max"] = (1 / sized["N"]).max()
    return out


def _duckdb_measures(frame: pl.DataFrame, qis, sensitive, k, threshold, population=None) -> dict[str, float]:
    with Warehouse() as warehouse:
        m = measure_risk(warehouse, frame, qis, k=k, risk_threshold=threshold, sensitive=[sensitive],
                         population=population)
    out = {"records": m.records, "classes": m.classes, "k_min": m.k_min, "records_below_k": m.records_below_k,
           "sample_uniques": m.sample_uniques, "prosecutor_risk_avg": m.prosecutor_risk_avg,
           "prosecutor_risk_max": m.prosecutor_risk_max, "share_above_threshold": m.share_above_threshold,
           "l": m.l_diversity[sensitive], "entropy_l": m.entropy_l_diversity[sensitive], "t": m.t_closeness[sensitive]}
    if population is not None:
        out.update(journalist_avg=m.journalist_risk_avg, journalist_max=m.journalist_risk_max)
    return out


def _assert_equal(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    for name in ours:
        assert ours[name] == pytest.approx(theirs[name], rel=1e-5, abs=1e-6), name


@pytest.mark.parametrize("qis, sensitive", [(["age", "educ", "income"], "vote"), (["PID", "educ"], "vote"),
                                            (["age", "PID", "educ", "income", "TVnews"], "selfLR")])
def test_when_measured_on_real_survey_microdata_then_duckdb_and_pandas_agree(qis, sensitive):
    data = pl.read_csv(ANES96)
    _assert_equal(_duckdb_measures(data, qis, sensitive, 3, 0.2), pandas_measures(data.to_pandas(), qis, sensitive, 3, 0.2))


def test_when_measured_on_synthetic_data_with_blanks_and_a_population_then_duckdb_and_pandas_agree():
    rng = np.random.default_rng(5)
    n = 3_000
    frame = pl.DataFrame({
        "age_band": rng.choice(["0-4", "5-9", "30-34", "35-39", None], n).tolist(),
        "gender": rng.choice(["1", "2", "3"], n, p=[0.48, 0.48, 0.04]).tolist(),
        "region": rng.choice([f"{r:02d}" for r in range(1, 17)], n).tolist(),
        "outcome": rng.choice(["achieved", "partly", "not", None], n).tolist(),
    })
    qis = ["age_band", "gender", "region"]
    population = (frame.group_by(qis).len().with_columns((pl.col("len") * 40).alias("count")).drop("len")
                  .head(150))  # some classes are missing from the population table
    ours = _duckdb_measures(frame, qis, "outcome", 5, 0.1, population)
    theirs = pandas_measures(frame.to_pandas(), qis, "outcome", 5, 0.1,
                             population.to_pandas().fillna({q: "<blank>" for q in qis}))
    _assert_equal(ours, theirs)
