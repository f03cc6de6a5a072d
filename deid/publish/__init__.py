"""Publish stage: per-audience outputs in one atomic release folder with a manifest."""
from deid.publish.publish import ReleasedFile, ReleaseResult, SubmissionOutcome, publish_release

__all__ = ["ReleaseResult", "ReleasedFile", "SubmissionOutcome", "publish_release"]
