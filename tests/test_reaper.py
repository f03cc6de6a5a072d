"""The watcher stops a dead run's children, and only those same processes."""
from __future__ import annotations

import subprocess
import sys
import time

from deid.reaper import _start_time, process_alive, reap


def test_when_the_parent_is_gone_then_its_children_are_stopped():
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    parent.kill()
    parent.wait()
    assert reap(parent.pid, [(child.pid, _start_time(child.pid) or "")], poll=0.05) == [child.pid]
    child.wait(timeout=10)
    assert not process_alive(child.pid)


def test_when_a_process_id_was_reused_then_the_new_process_is_left_alone():
    parent = subprocess.Popen([sys.executable, "-c", "pass"])
    parent.wait()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert reap(parent.pid, [(child.pid, "1")], poll=0.05) == []      # recorded start time differs
        assert process_alive(child.pid)
    finally:
        child.kill()
        child.wait()


def test_when_the_run_stops_its_children_itself_then_the_watcher_just_leaves():
    began = time.monotonic()
    assert reap(1, [(999_999_999, "")], poll=0.05) == [] and time.monotonic() - began < 5


def test_when_the_parent_has_exited_but_was_not_collected_yet_then_it_counts_as_dead():
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while process_alive(zombie.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not process_alive(zombie.pid)       # exited, not yet waited for: a killed run's shell may not have collected it
    zombie.wait()
