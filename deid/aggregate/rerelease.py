"""Tables released again for the same cells, so that comparing two releases says nothing about a few people.

A quarter is re-run after a resubmission (a client withdrawn, a row corrected), and a table by quarter
repeats earlier quarters' cells in every release. Anyone holding both releases subtracts one from the
other. Found by a user test: one client withdrawn, the quarter re-run, and the changed cells gave away
her ethnicity (the provider's Māori and European cells fell), her outcome and her sessions.

The rule, for count and sum tables alike: a cell an earlier release published is published again with
the same value unless the people it counts have changed by at least the threshold since that value was
set (the cell's *anchor*). The anchor moves only when a new value is published, so small changes never
add up unseen, and a cell that changes shows a change of at least the threshold's worth of people, the
same protection a published cell gives. Cells an earlier release hid stay hidden (`hidden_elsewhere`),
and cells an earlier release listed but this one no longer has are listed again (as no people), so a
row that vanishes cannot say that its last person left.

What stays visible, and is said in the steward pack: a cell new in the re-release (a category nobody
was in before) appears, suppressed when small.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl


@dataclass(frozen=True)
class ReleasedCell:
    """One cell of a released table as the secure zone remembers it (never written to a report).

    `value` and `contributors` are the cell's true sum and people in this release; `published` what the
    release showed (None when hidden); `anchor_value` and `anchor_contributors` the truth when the
    published value was set, which a later release measures its change against.
    """

    identity: str
    cell: tuple[str, ...]
    value: int
    contributors: int
    published: int | None
    anchor_value: int
    anchor_contributors: int

    @property
    def cell_json(self) -> str:
        return json.dumps(list(self.cell), ensure_ascii=False)


def with_earlier_rows(counts: pl.DataFrame, dims: list[str], identities: list[str],
                      earlier: Mapping[str, ReleasedCell]) -> pl.DataFrame:
    """The counted table with every cell an earlier release listed and this one lacks added as no people."""
    present = set(identities)
    missing = [cell for identity, cell in earlier.items() if identity not in present and len(cell.cell) == len(dims)]
    if not missing:
        return counts
    rows = pl.DataFrame([dict(zip(dims, cell.cell, strict=True)) for cell in missing],
                        schema={d: counts.schema[d] for d in dims})
    zeros = rows.with_columns(*[pl.lit(0, dtype=counts.schema[c]).alias(c) for c in counts.columns if c not in dims])
    return pl.concat([counts, zeros.select(counts.columns)]).sort(dims)


def repeated_values(identities: list[str], contributors: list[int], earlier: Mapping[str, ReleasedCell],
                    threshold: int) -> dict[str, int]:
    """identity -> the value an earlier release published, for every cell whose people changed by fewer than
    `threshold` since that value was set."""
    repeated = {}
    for identity, people in zip(identities, contributors, strict=True):
        before = earlier.get(identity)
        if before is not None and before.published is not None and abs(people - before.anchor_contributors) < threshold:
            repeated[identity] = before.published
    return repeated


def released_cells(identities: list[str], cells: list[tuple[str, ...]], values: list[int], contributors: list[int],
                   published: list[int | None], repeated: Mapping[str, int],
                   earlier: Mapping[str, ReleasedCell]) -> tuple[ReleasedCell, ...]:
    """What the secure zone keeps of a released table: each cell's truth, what was shown and its anchor."""
    ledger = []
    for identity, cell, value, people, shown in zip(identities, cells, values, contributors, published, strict=True):
        before = earlier.get(identity) if identity in repeated else None
        ledger.append(ReleasedCell(identity, cell, value, people, shown,
                                   before.anchor_value if before else value,
                                   before.anchor_contributors if before else people))
    return tuple(ledger)


def new_cells(identities: list[str], values: list[int], earlier: Mapping[str, ReleasedCell]) -> int:
    """Cells holding people that an earlier release of the table did not list (0 when there was none)."""
    if not earlier:
        return 0
    return sum(1 for identity, value in zip(identities, values, strict=True) if value > 0 and identity not in earlier)
