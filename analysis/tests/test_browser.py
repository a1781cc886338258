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
    # What the browser shows says what was run, and gives lead times their unit.
    dom = p.stdout
    assert 'data-section="provenance"' in dom and "Command:" in dom and "surge " in dom
    if kind in ("run", "run_norecords", "mc", "compare"):
        cells = re.findall(r'<td>[^<]*(?:lead time mean|mean_lead_time)</td>((?:<td class="num">[^<]*</td>)+)', dom)
        assert cells, "no lead-time row in the key figures"
        for row in cells:
            for value in re.findall(r'<td class="num">([^<]*)</td>', row):
                if value != "n/a" and not value.isdigit():
                    assert re.search(r"[0-9] (d|h|min|s)$", value), value
    if kind == "search":
        assert 'class="modified"' in dom        # run with --set overrides: said before the verdict


def test_first_screen_screenshot(reports, tmp_path):
    shot = tmp_path / "first_screen.png"
    p = chromium(["--hide-scrollbars", "--window-size=1280,900", f"--screenshot={shot}",
                  f"file://{reports['mc']}"], tmp_path / "profile")
    assert p.returncode == 0, p.stderr[-2000:]
    assert shot.stat().st_size > 20000     # a rendered page, not a blank one
