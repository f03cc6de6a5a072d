"""Validate stage: a Great Expectations suite built from the standards once per run, evaluated in one
polars pass per submission, with row quarantine."""
from deid.validate.rules import Rule, build_rules
from deid.validate.validate import Finding, ValidationResult, validate_submission

__all__ = ["Finding", "Rule", "ValidationResult", "build_rules", "validate_submission"]
