"""`surge report` and `surge plot` through the real binary, and the report's content per kind."""
import os
import re
import subprocess

import pytest

from test_plots import EXPECTED

SECTIONS = {
    "run": ["verdict", "plain", "targets", "stock", "utilisation", "service", "lead_time", "queues", "kpis",
            "provenance"],
    "run_norecords": ["verdict", "plain", "targets", "stock", "utilisation", "service", "lead_time", "kpis",
                      "provenance"],
    "mc": ["verdict", "plain", "targets", "uplift", "stock", "utilisation", "service", "lead_time",
           "queues", "kpis", "provenance"],
    "compare": ["verdict", "plain", "plans", "differences", "targets", "stock", "utilisation",
                "service", "lead_time", "kpis", "provenance"],
    "sweep": ["verdict", "plain", "sweep", "sweep_kpis", "provenance"],
    "search": ["verdict", "plain", "probes", "provenance"],
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


SMALL_WITH_PLANS = """name: small campaign
horizon: 20d
warmup: 2d
seed: 7
products:
  - {id: widget, price: 10, unit_cost: 4, holding_cost: 0.01/d}
nodes:
  - id: wh
    type: warehouse
    inventory: {widget: {initial: 400, source: supplier, policy: {type: sS, s: 150, S: 400}}}
  - id: supplier
    type: supplier
    products: {widget: {lead_time: 2d}}
  - id: desk
    type: service
    agents: 2
    handle_time: {dist: exponential, mean: 10min}
    patience: {dist: exponential, mean: 5min}
lanes:
  - {from: supplier, to: wh, lead_time: {dist: uniform, min: 1d, max: 3d}}
markets:
  - id: town
    served_by: wh
    demand: {product: widget, rate: 40/d}
    delivery: {lead_time: 1d, promise: 2d}
    contacts: {per_order: 0.2, to: desk}
campaigns:
  - {id: promo, product: widget, start: 10d, duration: 3d, uplift: {dist: uniform, min: 1.5, max: 3.5}}
targets:
  confidence: 0.8
  require:
    - {metric: fill_rate, window: promo, at_least: 0.9}
    - {metric: service_level, node: desk, answer_within: 2min, at_least: 0.6}
plans:
  more_stock: {set: {nodes.wh.inventory.widget.initial: 800}, cost: 100}
  more_agents: {set: {nodes.desk.agents: 4}, cost: 300}
"""


def test_compare_report_says_when_plans_stopped_early(surge, tmp_path):
    """Plans stopped once settled hold fewer replications than the baseline, which runs all of
    them: the report says so and names the interval each verdict used."""
    from surge_analysis import load
    from surge_analysis.verdict import verdict
    # At 750 units more_agents sits near the required 0.8 and needs several looks; more_stock
    # settles at the first.
    scenario = tmp_path / "small.yaml"
    scenario.write_text(SMALL_WITH_PLANS.replace("initial: 400", "initial: 750"))
    out = tmp_path / "c.h5"
    p = run_surge(surge, "compare", str(scenario), "--reps", "600", "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    r = load(str(out))
    reps = [int(x) for x in r.compare.replications]
    assert reps[0] == 600 and reps[1] == 30 and 30 < reps[2] < 600
    assert list(r.compare.unsettled) == [0, 0, 0]
    assert r.compare.ci_method.iloc[0] == "95% Wilson"
    assert all("Clopper-Pearson per look" in m for m in r.compare.ci_method.iloc[1:])
    v = verdict(r)
    facts = dict(v.facts)
    assert facts["replications per plan"].startswith(f"baseline {reps[0]}; plans 30–{reps[2]}")
    assert "until its verdict was settled" in v.paragraph
    assert "Clopper-Pearson" in v.targets.detail.iloc[1]


def test_compare_report_under_precision_does_not_claim_plans_settled(surge, tmp_path):
    """With --precision every plan runs until its intervals are narrow, a count of its own: the
    report says that, not that the plans stopped once settled."""
    from surge_analysis import load
    from surge_analysis.verdict import verdict
    scenario = tmp_path / "small.yaml"
    scenario.write_text(SMALL_WITH_PLANS)
    out = tmp_path / "p.h5"
    p = run_surge(surge, "compare", str(scenario), "--precision", "0.1", "--max-reps", "400",
                  "-o", str(out), "-q")
    assert p.returncode == 0, p.stderr
    r = load(str(out))
    assert all(m == "95% Wilson" for m in r.compare.ci_method)
    reps = [int(x) for x in r.compare.replications]
    assert len(set(reps)) > 1, reps  # the case this test is about: counts of their own
    v = verdict(r)
    facts = dict(v.facts)
    assert "intervals were narrow enough" in facts["replications per plan"]
    assert "precise enough" in v.paragraph
    assert "settled" not in facts["replications per plan"] and "settled" not in v.paragraph
