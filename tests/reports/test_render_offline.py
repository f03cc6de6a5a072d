"""The provider report and steward pack open in a real browser with the network cut off.

Skipped where no Chromium is installed (a bare CI machine has only Python); the README's
"Reports" section gives the same check to run by hand.
"""
from __future__ import annotations

import re
import shutil
import struct
import subprocess

import pytest

from tests.publish.test_sharing import _two_providers

BROWSER = next((shutil.which(b) for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)
OFFLINE_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--proxy-server=127.0.0.1:9", "--window-size=1200,1800"]


def _png_size(path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(BROWSER is None, reason="no Chromium on this machine")
@pytest.mark.parametrize("page", ["providers/tamaki-whanau-ora/feedback_2026Q3.html", "stewards/steward_summary.html"])
def test_when_a_report_opens_in_headless_chromium_offline_then_it_renders(tmp_path, standards, agreement, page):
    release = _two_providers(tmp_path / "releases", standards, agreement).release_dir
    html = (release / page).read_text(encoding="utf-8")
    assert not re.search(r"""(src|href|url)\s*[=(]\s*["']?https?:""", html) and "<script" not in html  # nothing to fetch
    shot = tmp_path / "shot.png"
    subprocess.run([BROWSER, *OFFLINE_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    (release / page).as_uri()], check=True, capture_output=True, timeout=120)
    assert _png_size(shot) == (1200, 1800) and shot.stat().st_size > 20_000    # a real page, not a blank one
