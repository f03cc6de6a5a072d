#!/usr/bin/env python3
"""The project's two entry points, needing nothing but Python 3.11+ and pip.

    python3 dev.py run    # build .venv if needed, run the quarterly job on data-samples/
    python3 dev.py test   # build .venv if needed, run the test suite

The virtual environment is rebuilt only when requirements.lock or pyproject.toml change.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".deid-installed"
SAMPLE_QUARTERS = ("2026Q2", "2026Q3")


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _dependency_fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("requirements.lock", "pyproject.toml"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _check(cmd: list[str]) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, cwd=ROOT, check=True)


def ensure_environment() -> Path:
    """Create .venv and install the pinned dependencies unless already current."""
    python = _venv_python()
    wanted = _dependency_fingerprint()
    if python.exists() and STAMP.exists() and STAMP.read_text() == wanted:
        return python
    if not python.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    _check(pip + ["install", "--quiet", "-r", "requirements.lock"])
    _check(pip + ["install", "--quiet", "--no-deps", "-e", "."])
    STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    python = str(ensure_environment())
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUTF8": "1"}
    if argv[0] == "test":
        return subprocess.call([python, "-m", "pytest"], cwd=ROOT, env=env)
    for quarter in SAMPLE_QUARTERS:
        code = subprocess.call(
            [python, "-m", "deid", "run", "--quarter", quarter, "--landing", "data-samples", "--demo-key"],
            cwd=ROOT,
            env=env,
        )
        if code:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
