"""Helpers shared by the benchmarks: peak memory and an agreement that names benchmark providers."""
from __future__ import annotations

import resource
from pathlib import Path

import yaml

from deid.settings import DEFAULT_AGREEMENT


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def agreement_naming(providers: list[str], out: Path) -> Path:
    """The sample agreement with its provider list replaced, so the benchmark's providers are parties."""
    data = yaml.safe_load(DEFAULT_AGREEMENT.read_text(encoding="utf-8"))
    data["parties"]["providers"] = [{"id": p, "name": p} for p in providers]
    path = out / "agreement.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path
