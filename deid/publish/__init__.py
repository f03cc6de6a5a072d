"""Publish stage: per-audience outputs in one atomic release folder with a manifest."""
from deid.publish.inputs import ReleaseContents, ReleaseInputs, SubmissionOutcome
from deid.publish.publish import ReleasedFile, ReleaseResult, publish_release

__all__ = ["ReleaseContents", "ReleaseInputs", "ReleaseResult", "ReleasedFile", "SubmissionOutcome", "publish_release"]
