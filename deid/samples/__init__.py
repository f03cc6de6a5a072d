"""Synthetic provider submissions for demos, tests and benchmarks."""
from deid.samples.generator import PROFILES, generate_large, generate_samples

__all__ = ["PROFILES", "generate_large", "generate_samples"]
