"""Risk stage: k-anonymity, uniqueness, prosecutor risk and l-diversity in DuckDB, cross-purpose linkage, and the release gate."""
from deid.risk.across_quarters import QuarterLinkageResult, QuarterRelease, control_across_quarters
from deid.risk.linkage import EarlierExtract, LinkageAction, LinkagePair, LinkagePolicy, linkage_policy, measure_linkage
from deid.risk.risk import GateResult, RiskMeasures, apply_risk_gate, gate_release, measure_risk

__all__ = ["EarlierExtract", "GateResult", "LinkageAction", "LinkagePair", "LinkagePolicy", "QuarterLinkageResult", "QuarterRelease",
           "RiskMeasures", "apply_risk_gate", "control_across_quarters", "gate_release", "linkage_policy", "measure_linkage",
           "measure_risk"]
