#!/usr/bin/env python3
"""The project's two entry points, needing nothing but Python 3.11+ and pip.

    python3 dev.py run    # build .venv if needed, run the quarterly job on data-samples/
    python3 dev.py test   # build .venv if needed (with the `test` extra), then ruff, mypy and the test suite

The virtual environment is reinstalled only when requirements.lock or pyproject.toml change.
`test` fails when any of its three checks fails, and says which.
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
TEST_STAMP = VENV / ".deid-test-installed"   # the `test` extra (pytest, ruff, mypy, stubs) is installed too
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


def _current(stamp: Path, wanted: str) -> bool:
    return stamp.exists() and stamp.read_text() == wanted


def ensure_environment(test: bool = False) -> Path:
    """Create .venv and install the pinned dependencies unless already current; with `test`,
    the `test` extra too, each package at the version requirements.lock pins."""
    python = _venv_python()
    wanted = _dependency_fingerprint()
    pip = [str(python), "-m", "pip", "--disable-pip-version-check"]
    if not (python.exists() and _current(STAMP, wanted)):
        if not python.exists():
            print(f"creating virtual environment in {VENV}", flush=True)
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        TEST_STAMP.unlink(missing_ok=True)
        _check([*pip, "install", "--quiet", "-r", "requirements.lock"])
        _check([*pip, "install", "--quiet", "--no-deps", "-e", "."])
        STAMP.write_text(wanted)
    if test and not _current(TEST_STAMP, wanted):
        _check([*pip, "install", "--quiet", "-c", "requirements.lock", "-e", ".[test]"])
        TEST_STAMP.write_text(wanted)
    return python


def run_checks(python: str, env: dict[str, str]) -> int:
    """ruff, then mypy (both configured in pyproject.toml), then the tests; non-zero when any failed."""
    checks = [("ruff", [python, "-m", "ruff", "check", "."]), ("mypy", [python, "-m", "mypy"]),
              ("pytest", [python, "-m", "pytest"])]
    failed = []
    for name, cmd in checks:
        print("+", " ".join(cmd[1:]), flush=True)
        if subprocess.call(cmd, cwd=ROOT, env=env):
            failed.append(name)
    print(f"failed: {', '.join(failed)}" if failed else "ruff, mypy and pytest all passed", flush=True)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in {"run", "test"}:
        print(__doc__)
        return 2
    python = str(ensure_environment(test=argv[0] == "test"))
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUTF8": "1"}
    if argv[0] == "test":
        return run_checks(python, env)
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
