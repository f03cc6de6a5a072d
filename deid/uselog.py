"""The use log: what was done with providers' data, kept by analysts, reported back to providers.

Releases are registered by the pipeline itself; decisions, reports and briefings that drew on
them are not, so analysts record them here (`deid use-log add`). Each provider's feedback report
lists the entries that used its data in the quarter, so data does not vanish into a black hole.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from deid.errors import StandardsError
from deid.standards import StrictModel, quarter_bounds

ALL_PROVIDERS = "all"


class UseEntry(StrictModel):
    recorded_on: dt.date = Field(description="When the use was recorded")
    quarter: str = Field(description="Reporting quarter whose data was used, e.g. 2026Q3")
    providers: tuple[str, ...] = Field(description="Provider ids whose data was used, or 'all'")
    used_by: str = Field(description="Team or organisation that used it")
    use: str = Field(description="What it was used for: a report, decision, evaluation or briefing")
    outcome: str = Field("", description="What came of it: the decision, finding or value created")
    release: str | None = Field(None, description="Run id of the release it drew on, when known")

    @field_validator("quarter")
    @classmethod
    def _quarter(cls, value: str) -> str:
        quarter_bounds(value)
        return value.upper()

    def covers(self, provider: str) -> bool:
        return ALL_PROVIDERS in self.providers or provider in self.providers


def add_use(path: Path, entry: UseEntry) -> UseEntry:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(entry.model_dump_json() + "\n")
    return entry


def read_uses(path: Path, quarter: str | None = None) -> list[UseEntry]:
    """Every entry, or those for one quarter; a damaged line is named by file and line."""
    if not path.is_file():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(UseEntry.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            raise StandardsError(f"{path}: line {number} is not a valid use-log entry: {exc}") from exc
    return [e for e in entries if quarter is None or e.quarter == quarter.upper()]
