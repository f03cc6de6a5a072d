"""Screenshots of the HTML reports in headless Chromium, with the network cut off.

Used by the screenshot test (tests/reports/test_screenshots.py) and to refresh the README
gallery:

    python -m reports.screenshots RELEASE_DIR [ACCESS_REQUEST_HTML ...] --out docs/gallery

Chromium is Debian's `chromium` package (`apt-get install -y chromium`); nothing here downloads
anything, and the pages themselves fetch nothing (no scripts, fonts or images from the network).
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
WIDTH = 1280
OFFLINE_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND",
                 "--proxy-server=127.0.0.1:9", "--disable-dev-shm-usage")
# Only in the copy measured for its width, never in a released page: the layout's widest point, written into the title.
_MEASURE = ("<script>document.title = 'scrollWidth=' + Math.max(document.documentElement.scrollWidth, "
            "document.body.scrollWidth);</script>")


def find_browser() -> str | None:
    """The Chromium to use, or None where none is installed."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@dataclass(frozen=True)
class Shot:
    page: Path
    png: Path
    width: int
    height: int
    distinct_colours: int
    ink_share: float          # share of pixels that are not the page background

    @property
    def blank(self) -> bool:
        """A page with (almost) nothing drawn on it: a failed load, an error page or an empty body."""
        return self.distinct_colours < 8 or self.ink_share < 0.01


def _run(browser: str, profile: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([browser, *OFFLINE_FLAGS, f"--user-data-dir={profile}", *arguments],
                          check=True, capture_output=True, text=True, timeout=120)


def screenshot(browser: str, page: Path, png: Path, height: int = 2400) -> Shot:
    """Screenshot `page` at 1280 px wide, and measure what was drawn."""
    png.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="deid-chromium-") as profile:
        _run(browser, Path(profile), f"--screenshot={png}", f"--window-size={WIDTH},{height}", page.resolve().as_uri())
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=rgb.width * rgb.height) or []
        background_count = max(colours)[0] if colours else rgb.width * rgb.height
        distinct = len(colours)
        ink = 1 - background_count / (rgb.width * rgb.height)
        return Shot(page, png, rgb.width, rgb.height, distinct, ink)


def compact(png: Path) -> int:
    """Rewrite a screenshot with a 256-colour palette (a report page needs no more), for the README gallery; returns bytes."""
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=256)
    small.save(png, optimize=True)
    return png.stat().st_size


def layout_width(browser: str, page: Path) -> int:
    """The page's widest point in CSS pixels in a 1280 px window (more than 1280 means it scrolls sideways)."""
    html = page.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="deid-measure-") as folder:
        copy = Path(folder) / page.name
        copy.write_text(html.replace("</body>", _MEASURE + "</body>", 1), encoding="utf-8")
        result = _run(browser, Path(folder) / "profile", f"--window-size={WIDTH},900", "--dump-dom", copy.as_uri())
    found = re.search(r"<title>scrollWidth=(\d+)</title>", result.stdout)
    if not found:
        raise RuntimeError(f"{page}: could not measure its width in Chromium")
    return int(found.group(1))


def gallery_name(release: Path, page: Path) -> str:
    """A stable file name for a page's screenshot: its path in the release without run ids or hashes."""
    try:
        relative = page.relative_to(release).as_posix()
    except ValueError:
        relative = page.name
    relative = re.sub(r"_[0-9a-f]{8}(?=\.html$)", "", relative)
    return re.sub(r"[^A-Za-z0-9]+", "-", relative.removesuffix(".html")).strip("-").lower() + ".png"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshot every HTML page of a release in headless Chromium.")
    parser.add_argument("release", type=Path, help="A release folder (.deid-state/releases/<run_id>).")
    parser.add_argument("extra", type=Path, nargs="*", help="More HTML pages, e.g. an access request report.")
    parser.add_argument("--out", type=Path, default=Path("docs/gallery"), help="Folder for the PNG files.")
    parser.add_argument("--height", type=int, default=2400, help="Window height in pixels (the screenshot's height).")
    arguments = parser.parse_args(argv)
    browser = find_browser()
    if browser is None:
        print("no Chromium found: install Debian's chromium package (apt-get install -y chromium)", file=sys.stderr)
        return 2
    pages = sorted(arguments.release.rglob("*.html")) + list(arguments.extra)
    if not pages:
        print(f"{arguments.release}: no HTML pages found", file=sys.stderr)
        return 2
    failed = 0
    for page in pages:
        shot = screenshot(browser, page, arguments.out / gallery_name(arguments.release, page), arguments.height)
        failed += shot.blank
        size = compact(shot.png)
        print(f"{shot.png}  {shot.width}x{shot.height}  {size // 1024} KiB  {'BLANK' if shot.blank else 'ok'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
