"""Scrub stage: Presidio, offline, with NZ recognizers and record-aware name redaction."""
from deid.scrub.scrub import Scrubber, ScrubResult, Span, apply_operators, merge_spans, scrub_notes

__all__ = ["ScrubResult", "Scrubber", "Span", "apply_operators", "merge_spans", "scrub_notes"]
