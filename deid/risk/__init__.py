"""Risk stage: k-anonymity, uniqueness, prosecutor risk and l-diversity in DuckDB, and the release gate."""
from deid.risk.risk import GateResult, RiskMeasures, apply_risk_gate, measure_risk

__all__ = ["GateResult", "RiskMeasures", "apply_risk_gate", "measure_risk"]
