"""One root error for the library, with a subclass per stage.

Messages name the file, row, field and rule and quote configuration values,
never record values (names, identifiers, notes).
"""
from __future__ import annotations


class DeidError(Exception):
    """Root of every error this library raises on purpose."""

    retryable = False


class StandardsError(DeidError):
    """A file under standards/ (or an agreement) is missing or invalid."""


class IngestError(DeidError):
    """A submission could not be read or mapped."""


class ValidationStageError(DeidError):
    """Validation could not run (not: the data failed checks)."""


class StandardiseError(DeidError):
    """A standardiser was given input it cannot handle."""


class KeyMaterialError(DeidError):
    """The pseudonymisation key is missing, too short or unreadable."""


class ScrubError(DeidError):
    """Free-text scrubbing could not run."""


class SplitError(DeidError):
    """A purpose extract would break the sharing agreement."""


class DisclosureError(DeidError):
    """Aggregate protection or the risk gate failed."""


class PublishError(DeidError):
    """A release could not be written."""


class WarehouseError(DeidError):
    """A DuckDB step failed; names the step and carries the SQL."""

    retryable = True


class StageFailed(DeidError):
    """A flow stage failed; wraps the cause once with stage, provider, quarter and run."""

    def __init__(self, stage: str, quarter: str, run_id: str, cause: BaseException, provider: str | None = None):
        self.stage, self.quarter, self.run_id, self.provider, self.cause = stage, quarter, run_id, provider, cause
        where = f"stage '{stage}', quarter {quarter}, run {run_id}" + (f", provider '{provider}'" if provider else "")
        super().__init__(f"{where}: {cause}")

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        """Rebuilt from its parts when it crosses from a worker process."""
        return type(self), (self.stage, self.quarter, self.run_id, self.cause, self.provider)


class WarehouseDamagedError(WarehouseError):
    """The warehouse file cannot be opened as a database: retrying will not help."""

    retryable = False


class HistoryMissingError(DeidError):
    """The warehouse does not hold the history the audit log records (replaced, moved or restored from an older copy)."""
