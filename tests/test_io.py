"""Writing outputs: the same payload is the same bytes, whatever the process."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_when_a_payload_holds_a_set_then_it_is_written_sorted_so_two_processes_write_the_same_bytes(tmp_path):
    script = ("import sys; from pathlib import Path; from deid.io import write_json; "
              "write_json(Path(sys.argv[1]), {'hidden': frozenset(f'cell-{i}' for i in range(50))})")
    written = []
    for n, seed in enumerate(("1", "2")):
        path = tmp_path / f"{n}.json"
        subprocess.run([sys.executable, "-c", script, str(path)], cwd=REPO, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})
        written.append(path.read_bytes())
    assert written[0] == written[1]
    assert json.loads(written[0])["hidden"] == sorted(f"cell-{i}" for i in range(50))
