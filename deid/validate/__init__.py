"""Validate stage: a Great Expectations suite built from the standards, with row quarantine."""
from deid.validate.rules import Rule, build_rules
from deid.validate.validate import Finding, ValidationResult, validate_submission

__all__ = ["Finding", "Rule", "ValidationResult", "build_rules", "validate_submission"]
