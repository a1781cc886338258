"""Open every report in headless Chromium (Debian's `chromium`): the page loads without script or
resource errors and every figure is an image with a non-zero natural size. The report's own
inline check script records the result on <html data-check=... data-figures=...>, which
--dump-dom prints after the load event."""
import re
import shutil
import subprocess

import pytest

from test_report import figures_in

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def chromium(args, profile, timeout=90):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--disable-dev-shm-usage", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


@pytest.mark.parametrize("kind", ["run", "run_norecords", "mc", "compare", "sweep", "search"])
def test_report_loads_in_chromium(reports, kind, tmp_path):
    path = reports[kind]
    expected = len(figures_in(open(path, encoding="utf-8").read()))
    p = chromium(["--virtual-time-budget=5000", "--dump-dom", f"file://{path}"], tmp_path / "profile")
    assert p.returncode == 0, p.stderr[-2000:]
    m = re.search(r"<html[^>]*>", p.stdout)
    assert m, "no <html> in the dumped DOM"
    tag = m.group(0)
    attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
    assert attrs.get("data-check") == "ok", tag
    assert attrs.get("data-errors") == "", tag
    assert attrs.get("data-bad-figures") == "", tag
    assert int(attrs["data-figures"]) == expected >= 1


def test_first_screen_screenshot(reports, tmp_path):
    shot = tmp_path / "first_screen.png"
    p = chromium(["--hide-scrollbars", "--window-size=1280,900", f"--screenshot={shot}",
                  f"file://{reports['mc']}"], tmp_path / "profile")
    assert p.returncode == 0, p.stderr[-2000:]
    assert shot.stat().st_size > 20000     # a rendered page, not a blank one
