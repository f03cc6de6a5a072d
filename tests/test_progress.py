"""Progress display: lines off a terminal (counted work at most every quarter), bars on one."""
from __future__ import annotations

import io
import logging

from deid.progress import ProgressDisplay, progress, report


def _with(display: ProgressDisplay):
    progress.setLevel(logging.INFO)
    progress.addHandler(display)
    return display


def test_when_stderr_is_not_a_terminal_then_counted_work_is_shown_as_a_few_lines():
    stream = io.StringIO()
    display = _with(ProgressDisplay(stream, bars=False))
    try:
        progress.info("[2/10] ingest+validate ...")
        for done in range(1, 101):
            report("ingest+validate", done, 100, "files")
    finally:
        progress.removeHandler(display)
    lines = stream.getvalue().splitlines()
    assert lines[0].endswith("[2/10] ingest+validate ...")
    counted = [line.split(" ", 1)[1] for line in lines[1:]]
    assert counted == [f"ingest+validate: {n} of 100 files" for n in (25, 50, 75, 100)]


def test_when_stderr_is_a_terminal_then_work_is_drawn_as_a_bar_and_lines_still_print():
    stream = io.StringIO()
    display = _with(ProgressDisplay(stream, bars=True))
    try:
        progress.info("[5/10] scrub ...")
        report("scrub", 500, 1000, "notes")
        assert display._tasks                       # a bar is up while the work runs
        report("scrub", 1000, 1000, "notes")
        assert not display._tasks                   # and gone when it is done
    finally:
        progress.removeHandler(display)
        display.close()
    assert "[5/10] scrub ..." in stream.getvalue()


def test_when_the_cli_offers_completion_then_a_bash_script_is_printed():
    import shlex
    import subprocess
    import sys

    from tests.conftest import REPO

    script = "import sys; sys.argv[0] = 'deid'; from deid.cli import app; app()"
    # typer names the shell from the process's ancestors (shellingham), so run it under bash: a test run started
    # without a shell above it (a scheduler, nohup) would otherwise find none
    command = " ".join(shlex.quote(part) for part in [sys.executable, "-c", script, "--show-completion"])
    shown = subprocess.run(["bash", "-c", f"{command}; status=$?; exit $status"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and "_DEID_COMPLETE" in shown.stdout and "complete " in shown.stdout
