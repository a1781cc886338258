"""`surge report` and `surge plot` through the real binary, and the report's content per kind."""
import os
import re
import subprocess

import pytest

from test_plots import EXPECTED

SECTIONS = {
    "run": ["verdict", "plain", "targets", "stock", "utilisation", "service", "lead_time", "queues", "kpis"],
    "run_norecords": ["verdict", "plain", "targets", "stock", "utilisation", "service", "lead_time", "kpis"],
    "mc": ["verdict", "plain", "targets", "uplift", "stock", "utilisation", "service", "lead_time",
           "queues", "kpis"],
    "compare": ["verdict", "plain", "plans", "differences", "targets", "stock", "utilisation",
                "service", "lead_time", "kpis"],
    "sweep": ["verdict", "plain", "sweep"],
    "search": ["verdict", "plain", "probes"],
}


def figures_in(html):
    return re.findall(r'<figure data-figure="([^"]+)"><img alt="[^"]*" src="data:image/png;base64,([^"]+)"', html)


@pytest.mark.parametrize("kind", sorted(SECTIONS))
def test_report_has_every_section(reports, kind):
    html = open(reports[kind], encoding="utf-8").read()
    for s in SECTIONS[kind]:
        assert f'data-section="{s}"' in html, s
    figs = dict(figures_in(html))
    assert set(EXPECTED[kind]) <= {f.split("-")[0] for f in figs}
    assert all(len(data) > 2000 for data in figs.values())
    assert "http://" not in html and "https://" not in html     # opens offline
    # the answer comes first: the verdict card precedes every figure
    assert html.index('data-section="verdict"') < html.index("<figure")
    assert html.index('data-section="plain"') < html.index("<figure")


def run_surge(surge, *args, env=None):
    return subprocess.run([surge, *args], capture_output=True, text=True, timeout=120, env=env)


def test_surge_report_command(surge, files, tmp_path):
    out = tmp_path / "r.html"
    p = run_surge(surge, "report", str(files["mc"]), "-o", str(out))
    assert p.returncode == 0, p.stderr
    assert "Report written to" in p.stdout
    html = out.read_text(encoding="utf-8")
    assert 'data-section="verdict"' in html and len(figures_in(html)) == len(EXPECTED["mc"])


def test_surge_report_default_output_name(surge, files, tmp_path):
    src = tmp_path / "copy.h5"
    src.write_bytes(open(files["search"], "rb").read())
    assert run_surge(surge, "report", str(src)).returncode == 0
    assert (tmp_path / "copy.html").stat().st_size > 1000


@pytest.mark.parametrize("ext", ["png", "svg"])
def test_surge_plot_command(surge, files, tmp_path, ext):
    out = tmp_path / f"stock.{ext}"
    p = run_surge(surge, "plot", str(files["run"]), "stock", "-o", str(out))
    assert p.returncode == 0, p.stderr
    data = out.read_bytes()
    assert len(data) > 5000
    assert data.startswith(b"\x89PNG") if ext == "png" else b"<svg" in data[:2000]


def test_surge_plot_options(surge, files, tmp_path):
    assert run_surge(surge, "plot", str(files["compare"]), "stock", "--plan", "prebuild",
                     "-o", str(tmp_path / "a.png")).returncode == 0
    assert run_surge(surge, "plot", str(files["sweep"]), "utilisation", "--point", "1",
                     "-o", str(tmp_path / "b.png")).returncode == 0
    p = run_surge(surge, "plot", str(files["mc"]), "list")
    assert p.returncode == 0 and "stock" in p.stdout and "plans" not in p.stdout


def test_exit_codes(surge, files, tmp_path):
    missing = run_surge(surge, "report", str(tmp_path / "nope.h5"))
    assert missing.returncode == 2 and "nope.h5" in missing.stderr
    junk = tmp_path / "junk.h5"
    junk.write_text("hello")
    p = run_surge(surge, "report", str(junk))
    assert p.returncode == 2 and "not an HDF5 file" in p.stderr
    p = run_surge(surge, "plot", str(files["mc"]), "nonsense")
    assert p.returncode == 2 and "unknown figure" in p.stderr
    p = run_surge(surge, "plot", str(files["mc"]), "plans", "-o", str(tmp_path / "p.png"))
    assert p.returncode == 2 and "cannot draw" in p.stderr
    p = run_surge(surge, "plot", str(files["mc"]), "stock", "-o", str(tmp_path / "p.jpg"))
    assert p.returncode == 2
    p = run_surge(surge, "report", str(files["mc"]), "-o", str(tmp_path / "no" / "dir" / "r.html"))
    assert p.returncode == 3 and "does not exist" in p.stderr
    p = run_surge(surge, "plot", str(files["compare"]), "stock", "--plan", "nope")
    assert p.returncode == 2 and "no plan" in p.stderr
    env = dict(os.environ, SURGE_ANALYSIS_DIR=str(tmp_path))
    p = run_surge(surge, "report", str(files["mc"]), env=env)
    assert p.returncode == 70 and "SURGE_ANALYSIS_DIR" in p.stderr
