"""`surge optimise -o` files and their report section: the plan, its guarantee, costs, commit-by,
runners-up, and the frontier figure with the values no plan can carry marked."""
import subprocess

import pytest

from surge_analysis import load
from surge_analysis.optimise import Optimisation, frontier_figure
from surge_analysis.report import build_report

# An M/M/c desk (40 contacts an hour of 6 minutes) that must answer 80% within 20 s: Erlang C
# gives 7 agents (P(W <= 20 s) = 0.886; 6 agents: 0.745). At 160 an hour no staffing on offer
# (at most 12 agents for 16 agents' worth of work) can.
DESK = """name: desk staffing
horizon: 4d
warmup: 1d
seed: 7
start_date: 2026-11-02
currency: EUR
products:
  - {id: widget}
nodes:
  - id: wh
    type: warehouse
    inventory: {widget: {initial: 1000}}
  - id: desk
    type: service
    agents: 5
    handle_time: {dist: exponential, mean: 6min}
    arrivals: {rate: 40/h}
markets:
  - {id: m, served_by: wh, demand: {product: widget, rate: 1/1000d}}
targets:
  confidence: 0.9
  require:
    - {metric: service_level, node: desk, answer_within: 20s, at_least: 0.8}
levers:
  - {path: nodes.desk.agents, values: 1..12, cost_per_unit: 100, lead_time: 2d}
"""


def _optimise(surge, tmp, name, *args):
    scenario = tmp / f"{name}.yaml"
    scenario.write_text(DESK)
    out = tmp / f"{name}.h5"
    cmd = [surge, "optimise", str(scenario), "--reps", "60", "--threads", "2", "-o", str(out),
           "-q", *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return out


@pytest.fixture(scope="module")
def optimised(surge, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("optimise")
    return _optimise(surge, tmp, "desk", "--frontier", "nodes.desk.arrivals.rate=30/h,40/h,160/h")


@pytest.fixture(scope="module")
def hopeless(surge, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("optimise_none")
    return _optimise(surge, tmp, "busy", "--set", "nodes.desk.arrivals.rate=160/h")


def test_the_file_holds_the_plan_its_guarantee_and_every_candidate(optimised):
    r = load(optimised)
    assert r.kind == "optimise"
    o = Optimisation(optimised)
    assert o.found
    assert list(o.plan.lever) == ["nodes.desk.agents"]
    assert o.plan.value[0] == 7 and o.plan.base[0] == 5
    assert o.plan.commit_by[0] == -48  # the whole run, 2 days' lead time: too late as planned
    assert o.attrs["fixed_cost"] == 200
    assert o.attrs["cost"] == pytest.approx(o.attrs["fixed_cost"] + o.attrs["modelled_cost_change"])
    assert o.attrs["ci_low"] <= o.attrs["p_deliverable"] <= o.attrs["ci_high"]
    assert "at most 5%" in o.attrs["guarantee"]
    assert o.attrs["confirmation_replications"] > 0
    ev = o.evaluated
    assert (ev.role == "chosen").sum() == 1
    six = ev[ev["nodes.desk.agents"] == 6]
    assert len(six) == 1 and six.judgement.iloc[0] == "NOT DELIVERABLE"
    assert o.attrs["replications"] >= ev.replications.sum()


def test_the_frontier_table_marks_the_value_no_plan_can_carry(optimised):
    o = Optimisation(optimised)
    f = o.frontier
    assert o.frontier_path == "nodes.desk.arrivals.rate"
    assert list(f.value) == ["30/h", "40/h", "160/h"]
    assert list(f.found) == [1, 1, 0]
    # More demand never needs fewer agents; the scenario as written is the middle value.
    assert f["nodes.desk.agents"][0] <= f["nodes.desk.agents"][1] == 7
    assert f["nodes.desk.agents"][2] == 12  # the best seen: every agent
    assert "is not DELIVERABLE" in f.why_not[2]


def test_the_report_shows_plan_guarantee_costs_commit_by_runners_up_and_frontier(optimised):
    page = build_report(load(optimised))
    assert 'data-kind="optimise"' in page
    assert 'data-section="optimisation"' in page
    assert "Cheapest deliverable plan:</strong> nodes.desk.agents=7" in page
    assert "Guarantee:" in page and "at most 5%" in page
    assert "modelled cost change" in page and "EUR" in page
    assert "commit_by" in page and "day -2" in page
    assert "Runners-up" in page
    assert 'data-figure="frontier"' in page
    assert "none deliverable (best seen nodes.desk.agents=12)" in page
    assert "PLAN FOUND" in page


def test_the_frontier_figure_marks_infeasible_values(optimised):
    fig, _ = frontier_figure(load(optimised))
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert "no deliverable plan" in labels
    assert ax.get_xlabel() == "nodes.desk.arrivals.rate"
    assert "EUR" in ax.get_ylabel()


def test_a_search_with_no_deliverable_plan_says_so_and_shows_the_best_seen(hopeless):
    o = Optimisation(hopeless)
    assert not o.found
    assert o.plan.value[0] == 12
    page = build_report(load(hopeless))
    assert "NO PLAN" in page
    assert "No deliverable plan:" in page and "Best seen: nodes.desk.agents=12" in page
    assert 'data-section="frontier"' not in page
