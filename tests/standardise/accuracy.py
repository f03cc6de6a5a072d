"""Labelled address and name sets, and per-component accuracy, for tests and bench/bench_standardise.py."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

LABELLED = Path(__file__).resolve().parent / "labelled"


def load_labelled(name: str) -> list[dict[str, str | None]]:
    """Rows of a `|`-separated labelled file (lines starting with # are notes); empty fields are None."""
    lines = [line for line in (LABELLED / name).read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    header = lines[0].split("|")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("|")
        if len(cells) != len(header):
            raise ValueError(f"{name}: data line {number} has {len(cells)} fields, expected {len(header)}: {line!r}")
        rows.append({h: (c if c != "" or h == "input" else None) for h, c in zip(header, cells, strict=False)})
    return rows


@dataclass(frozen=True)
class Accuracy:
    rows: int
    all_right: int
    by_component: dict[str, float]
    misses: list[tuple[str, dict[str, tuple[str | None, str | None]]]]  # input, {component: (expected, got)}

    @property
    def share_all_right(self) -> float:
        return self.all_right / self.rows


def measure(labelled: list[dict[str, str | None]], parsed: list[dict[str, str | None]], components: tuple[str, ...]) -> Accuracy:
    right = {c: 0 for c in components}
    misses = []
    for expected, got in zip(labelled, parsed, strict=False):
        wrong = {c: (expected[c], got.get(c)) for c in components if expected[c] != got.get(c)}
        for c in components:
            right[c] += c not in wrong
        if wrong:
            misses.append((str(expected["input"]), wrong))
    return Accuracy(len(labelled), len(labelled) - len(misses), {c: right[c] / len(labelled) for c in components}, misses)
