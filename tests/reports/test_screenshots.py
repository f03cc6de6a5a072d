"""Every HTML output of a sample release, screenshotted in headless Chromium with the network cut off.

The release is the committed samples' 2026Q3 run (`deid run --demo-key`), plus an access-request
report for one of its clients. Skipped, not failed, where /usr/bin/chromium is absent (install
Debian's `chromium` package). To refresh the README gallery from the same pages:

    DEID_GALLERY=docs/gallery python -m pytest tests/reports/test_screenshots.py

(or `python -m reports.screenshots RELEASE_DIR ACCESS_REQUEST.html --out docs/gallery`).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reports.screenshots import WIDTH, compact, gallery_name, layout_width, screenshot
from tests.conftest import REPO, SAMPLES

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="no Chromium at /usr/bin/chromium (apt-get install -y chromium)")
# The pages a gallery shows first, then every other page of the release.
GALLERY_FIRST = ("stewards/steward_summary.html", "providers/tamaki-whanau-ora/feedback_2026Q3.html")


@pytest.fixture(scope="module")
def sample_pages(tmp_path_factory) -> tuple[Path, list[Path]]:
    """The samples' 2026Q3 release, made by the CLI with the demo key, and one client's access-request report."""
    from typer.testing import CliRunner

    from deid.cli import app

    state = tmp_path_factory.mktemp("state")
    runner = CliRunner()
    ran = runner.invoke(app, ["run", "--quarter", "2026Q3", "--landing", str(SAMPLES), "--demo-key", "--state-dir", str(state)])
    assert ran.exit_code == 0, ran.output
    [release] = [p for p in (state / "releases").iterdir() if not p.name.startswith(".")]
    asked = runner.invoke(app, ["access-request", "--provider", "tamaki-whanau-ora", "--client-ref", "C100001", "--demo-key",
                                "--state-dir", str(state), "--out", str(state / "access-request")])
    assert asked.exit_code == 0, asked.output
    pages = [*sorted(release.rglob("*.html")), state / "access-request" / "access_request.html"]
    return release, pages


def test_when_the_sample_release_is_made_then_it_has_every_kind_of_html_report(sample_pages):
    release, pages = sample_pages
    names = {p.relative_to(release).as_posix() if p.is_relative_to(release) else p.name for p in pages}
    assert set(GALLERY_FIRST) <= names and "access_request.html" in names
    assert any(n.startswith("providers/") and "/data_quality_" in n for n in names)
    assert any(n.startswith("stewards/quality/") for n in names)


def test_when_every_html_output_is_screenshotted_then_each_is_a_drawn_page_that_fetches_nothing(sample_pages, tmp_path):
    release, pages = sample_pages
    gallery = Path(os.environ["DEID_GALLERY"]) if os.environ.get("DEID_GALLERY") else None
    if gallery is not None and not gallery.is_absolute():
        gallery = REPO / gallery
    blank = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href|url)\s*[=(]\s*["']?https?:""", html) and "<script" not in html, page
        folder = gallery if gallery is not None and _in_gallery(release, page) else tmp_path
        shot = screenshot(CHROMIUM, page, folder / gallery_name(release, page), height=2400)
        assert (shot.width, shot.height) == (WIDTH, 2400), page
        if shot.blank:
            blank.append((page.name, shot.distinct_colours, round(shot.ink_share, 4)))
        elif folder == gallery:
            compact(shot.png)
    assert blank == []


@pytest.mark.parametrize("page", [*GALLERY_FIRST, "access_request.html"])
def test_when_a_report_opens_at_1280_px_then_nothing_runs_off_the_side(sample_pages, page):
    _release, pages = sample_pages
    [path] = [p for p in pages if p.as_posix().endswith(page)]
    assert layout_width(CHROMIUM, path) <= WIDTH


def _in_gallery(release: Path, page: Path) -> bool:
    """The README gallery: the steward pack, one provider's feedback and file report, one steward file report, an access request."""
    if not page.is_relative_to(release):
        return True
    relative = page.relative_to(release).as_posix()
    return relative in GALLERY_FIRST or relative.startswith(("providers/tamaki-whanau-ora/data_quality_",
                                                             "stewards/quality/tamaki-whanau-ora/"))
