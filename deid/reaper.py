"""Stop a run's helper processes when the run dies without stopping them (`kill -9`, a power cut).

Prefect's temporary API server is a child process that only its parent's exit handler stops;
a run killed outright leaves it running. `watch_children` starts this module as a small
watcher in its own session: when the run's process is gone, it stops the children it was
given, after checking each process id still belongs to the same command (ids are reused).

    python -m deid.reaper PARENT_PID CHILD_PID[:START_TIME] ...
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

SERVER_MARK = "prefect.server.api.server"


def process_alive(pid: int) -> bool:
    """The process exists and has not exited (a zombie waiting for its parent to collect it has exited)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc), which tells a reused id from the original."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def server_children(pid: int | None = None) -> list[int]:
    """Child processes of `pid` (default: this process) that run Prefect's API server (Linux /proc)."""
    pid = pid or os.getpid()
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                for child in children.read().split():
                    with open(f"/proc/{child}/cmdline", "rb") as cmdline:
                        if SERVER_MARK.encode() in cmdline.read():
                            found.append(int(child))
        except OSError:
            continue
    return sorted(set(found))


_watched: set[int] = set()


def watch_children(children: list[int]) -> subprocess.Popen[bytes] | None:
    """Start a watcher that stops `children` once this process has died (nothing to do if there are none,
    or if they are watched already)."""
    children = [c for c in children if c not in _watched]
    if not children:
        return None
    _watched.update(children)
    marks = [f"{c}:{_start_time(c) or ''}" for c in children]
    return subprocess.Popen([sys.executable, "-m", "deid.reaper", str(os.getpid()), *marks], start_new_session=True,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def reap(parent: int, children: list[tuple[int, str]], poll: float = 0.5) -> list[int]:
    """Wait for `parent` to die, then stop each child that is still the same process; returns those stopped."""
    while process_alive(parent):
        if not any(process_alive(pid) for pid, _ in children):
            return []             # the run stopped its children itself
        time.sleep(poll)
    stopped = [pid for pid, started in children if process_alive(pid) and (not started or _start_time(pid) == started)]
    for pid in stopped:
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    while any(process_alive(pid) for pid in stopped) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in stopped:
        if process_alive(pid):
            os.kill(pid, signal.SIGKILL)
    return stopped


def main(argv: list[str]) -> int:
    parent = int(argv[0])
    children = [(int(pid), started) for pid, _, started in (mark.partition(":") for mark in argv[1:])]
    reap(parent, children)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
