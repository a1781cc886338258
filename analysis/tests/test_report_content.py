"""What the reports say (issue 19): every number with its unit, what was run, targets in words,
the KPIs theory needs, sweeps without targets against a numeric axis, the played beer game
about the player, and the labels of the figures. Each test would have caught the finding it
names."""
import re
import shutil
import subprocess

import h5py
import matplotlib
import numpy as np
import pytest

import surge_analysis as sa
from surge_analysis import plots, units
from surge_analysis.report import build_report
from surge_analysis.verdict import verdict

from conftest import ROOT, SHORT, _make

TEACHING = ROOT / "scenarios" / "teaching"


@pytest.fixture(scope="module")
def extra(surge, tmp_path_factory):
    """Files the shared fixture does not make: the two teaching sweeps, a played game, a
    multi-product run and a Monte Carlo run with two uncertain campaigns."""
    d = tmp_path_factory.mktemp("extra")
    two = d / "two_campaigns.yaml"
    text = (ROOT / "scenarios" / "black_friday.yaml").read_text()
    text = text.replace("campaigns:\n", "campaigns:\n  - {id: spring, product: earbuds, markets: [eu], "
                                        "start: 20d, duration: 3d, uplift: {dist: uniform, min: 1.2, max: 2}}\n", 1)
    two.write_text(text)
    game = d / "game.h5"
    proc = subprocess.run([surge, "play", "beer-game", "--role", "wholesaler", "--weeks", "12",
                           "--orders", "4,4,8,8,8,12,12,8,8,4,4", "-o", str(game)],
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    threads = ["--threads", "2"]
    return {
        "hockey": _make(surge, d / "hockey.h5", "sweep", str(TEACHING / "hockey_stick.yaml"), "--reps", "2",
                        *threads, "--set", "horizon=40d", "--grid", "markets.shop.demand.rate=8/h,9/h,9.5/h,9.9/h"),
        "safety": _make(surge, d / "safety.h5", "sweep", str(TEACHING / "safety_stock.yaml"), "--reps", "2",
                        *threads, "--set", "horizon=90d",
                        "--grid", "nodes.dc.inventory.widget.policy.level=70,80,90,100"),
        "launch": _make(surge, d / "launch.h5", "run", str(ROOT / "scenarios" / "product_launch.yaml")),
        "two_campaigns": _make(surge, d / "two.h5", "mc", str(two), *SHORT, "--reps", "4", *threads),
        "game": game,
    }


def html_of(path):
    return build_report(sa.load(path))


def text_of(html):
    return re.sub(r"<[^>]+>", " ", html)


# ---- units -----------------------------------------------------------------------------------
def test_key_figures_give_every_duration_its_unit(files):
    """mc and compare reports showed lead times in hours with no unit under "Times are days"."""
    for kind in ("mc", "compare"):
        html = html_of(files[kind])
        cells = re.findall(r"<td>(\w+\.(?:mean|p95)_lead_time)</td><td class=\"num\">([^<]+)</td>", html)
        assert cells, kind
        for kpi, value in cells:
            assert re.fullmatch(r"[0-9.]+( ± [0-9.]+)? (d|h|min|s)", value), (kpi, value)
        assert "Times are days" not in html
    run = html_of(files["run"])
    waits = re.findall(r"<td>mean wait \(answered\) @support</td>((?:<td class=\"num\">[^<]*</td>)+)", run)
    assert waits and all(re.search(r"[0-9.]+ (s|min|h|d)<", w) for w in waits)


def test_durations_print_readably_everywhere():
    """Durations printed as 11.2333min."""
    assert units.readable_duration(11.2333 / 60) == "11.2 min"
    assert units.readable_duration(83.04) == "3.46 d"
    assert units.readable_duration(0.25 / 3600) == "250 ms"
    assert units.readable_duration(0) == "0 s"
    assert units.fmt_interval("mean_lead_time", 2.64 * 24, 0.142 * 24) == "2.64 ± 0.14 d"


def test_terminal_and_report_format_the_same_values(surge, files):
    """One formatter: the terminal's lead time equals the report's for the same file."""
    r = sa.load(files["run_norecords"])
    k = r.kpi
    v = float(k[(k.window == "run") & (k.metric == "mean_lead_time") & (k.node == "") & (k["product"] == "")
                & (k.market == "")].value.iloc[0])
    out = subprocess.run([surge, "run", str(ROOT / "scenarios" / "black_friday.yaml"), *SHORT],
                         capture_output=True, text=True, timeout=120).stdout
    line = next(l for l in out.splitlines() if l.strip().startswith("lead time mean"))
    assert units.fmt_kpi("mean_lead_time", v) in line


def test_differences_of_rates_are_in_percentage_points(files):
    """"6.5%" was printed where percentage points were meant."""
    html = html_of(files["compare"])
    rows = re.findall(r"<td>(\w+)</td><td>([\w.]+fill_rate)</td><td>([^<]+)</td>", html)
    assert rows
    for _, _, diff in rows:
        assert diff.endswith(" pp") and "%" not in diff, diff
    card = verdict(sa.load(files["compare"])).targets
    assert all("pp vs baseline" in d for d in card.detail.iloc[1:])


def test_files_carry_the_unit_of_every_value(files):
    assert set(sa.load(files["run"]).kpi.unit) <= {"share", "multiple", "hours", "units", "orders",
                                                   "contacts", "jobs", "money"}
    mc = sa.load(files["mc"])
    assert dict(zip(mc.summary.metric, mc.summary.unit))["mean_lead_time"] == "hours"
    with h5py.File(files["mc"], "r") as f:
        assert f["/replications/run.mean_lead_time"].attrs["unit"] == "hours"


# ---- provenance ------------------------------------------------------------------------------
def test_a_report_says_what_was_run(files):
    """A search with --set overrides reported its verdict as if it were the baseline network."""
    r = sa.load(files["search"])
    assert r.provenance["overrides"] == ["horizon=75d", "nodes.support.agents=8", "targets.confidence=0.3"]
    assert r.provenance["command_line"].startswith("surge search ")
    assert "--set nodes.support.agents=8" in r.provenance["command_line"]
    assert "<this file>" not in r.provenance["command_line"] and " -o " not in r.provenance["command_line"]
    assert r.original_scenario_text.startswith("# ")          # the file as written, comments kept
    assert "#" not in r.scenario_text.splitlines()[0]          # the effective text, re-emitted
    html = html_of(files["search"])
    assert 'class="modified"' in html and "as modified by 3" in html
    assert html.index('class="modified"') < html.index('data-section="verdict"')   # before the verdict
    assert 'data-section="provenance"' in html and "nodes.support.agents=8" in html
    assert "The scenario file as written" in html


def test_an_unmodified_run_says_so(files):
    r = sa.load(files["mc"])
    assert r.provenance["overrides"] == ["horizon=75d"]
    assert r.provenance["plans"] == [] and r.provenance["modified"] == 1


# ---- analyst ---------------------------------------------------------------------------------
def test_replications_name_targets_by_key_and_keep_scoped_kpis(files):
    """/replications named targets target0..3, matched to descriptions by row order."""
    r = sa.load(files["mc"])
    cols = list(r.replications.columns)
    assert not any(c.startswith("target0") for c in cols)
    service = "black_friday.service_level[node=support,within=1min]"
    for key in ("black_friday.fill_rate", "black_friday.otif", service):
        assert f"target.{key}.met" in cols and f"target.{key}.value" in cols
    assert list(r.verdict_targets.key) == ["black_friday.fill_rate", "black_friday.otif", service]
    sc = r.scoped_replications
    assert len(sc) == 4 and "run.max_backlog[node=fc,product=earbuds]" in sc
    assert "run.utilisation[node=fc,resource=pack]" in sc
    assert "black_friday.wait_probability[node=support]" in sc
    s = r.scoped_summary
    row = s[s.kpi == "run.max_backlog[node=fc,product=earbuds]"].iloc[0]
    assert row.unit == "units" and row["mean"] == pytest.approx(sc["run.max_backlog[node=fc,product=earbuds]"].mean())


# ---- the KPIs theory needs -------------------------------------------------------------------
def test_the_new_kpis_are_in_file_and_report(files):
    k = sa.load(files["run"]).kpi
    for metric, node in (("wait_probability", "support"), ("mean_wait_all", "support"),
                         ("max_backlog", "fc"), ("bullwhip_ratio", "fc")):
        assert len(k[(k.metric == metric) & (k.node == node)]), metric
    html = html_of(files["run"])
    for words in ("waited at all @support", "mean wait (all contacts) @support", "max backlog",
                  "bullwhip ratio"):
        assert words in html


# ---- targets in words ------------------------------------------------------------------------
def test_product_scoped_targets_are_worded(extra):
    """fill_rate [spf] in influencer >= 0.9 appeared raw beside worded targets."""
    v = verdict(sa.load(extra["safety"]).point(0))
    assert list(v.targets.target) == ["fill rate of widget over the run at least 95%"]
    assert "[widget]" not in html_of(extra["safety"])


# ---- sweeps ----------------------------------------------------------------------------------
def test_a_sweep_without_targets_shows_kpis_not_a_verdict(extra):
    """The hockey-stick sweep said NOT DELIVERABLE AT ANY POINT with P = 100% at every point."""
    r = sa.load(extra["hockey"])
    v = verdict(r)
    assert v.judgement == "NO TARGETS" and v.tone == ""
    html = html_of(extra["hockey"])
    assert "DELIVERABLE" not in text_of(html) and "P = 100" not in html
    assert 'data-section="sweep_kpis"' in html
    assert "lead time mean" in v.targets.value.iloc[0]


def test_a_monte_carlo_run_without_targets_gives_no_verdict(surge, tmp_path):
    out = tmp_path / "hockey_mc.h5"
    p = subprocess.run([surge, "mc", str(TEACHING / "hockey_stick.yaml"), "--reps", "3", "--set", "horizon=30d",
                        "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "Verdict: none - the scenario sets no targets" in p.stdout
    assert "warning" not in p.stderr          # no "cannot be judged DELIVERABLE" without targets
    v = verdict(sa.load(out))
    assert v.judgement == "NO TARGETS" and "run.mean_lead_time" in list(v.targets.target)
    assert "P(every target met)" not in html_of(out).split('data-section="plain"')[0]


def test_sweep_kpis_are_drawn_against_a_numeric_axis(extra):
    """8, 9, 9.5, 9.9/h were spaced evenly, flattening the hockey stick; the y axis had no unit."""
    fig = plots.sweep_kpis(sa.load(extra["hockey"]))
    ax = fig.axes[0]
    x, _ = ax.get_lines()[0].get_data()
    assert np.allclose(x, [8, 9, 9.5, 9.9])
    assert "per hour" in ax.get_xlabel()
    assert re.search(r"\((hours|minutes|days)\)", ax.get_ylabel())
    assert any(a.get_ylabel().startswith("utilisation of desk/pack") for a in fig.axes)


def test_the_safety_stock_report_has_its_fill_rate_curve(extra):
    html = html_of(extra["safety"])
    assert 'data-section="sweep_kpis"' in html
    fig = plots.sweep_kpis(sa.load(extra["safety"]))
    fill = next(a for a in fig.axes if a.get_ylabel().startswith("fill rate"))
    x, y = fill.get_lines()[0].get_data()
    assert np.allclose(x, [70, 80, 90, 100]) and np.all(np.diff(y) >= -0.05)
    assert any(line.get_label() == "target" and line.get_ydata()[0] == 0.95 for line in fill.get_lines())


def test_the_sweep_kpis_figure_has_a_caption(extra):
    """"KPIs along the grid" came with an empty caption: nothing said what the band or the dashed
    line were, or over which window."""
    html = html_of(extra["hockey"])
    cap = re.search(r'data-section="sweep_kpis">.*?<figcaption>([^<]*)</figcaption>', html, re.S)
    assert cap and "95% confidence band" in cap.group(1) and "to scale" in cap.group(1)


def test_share_axes_label_no_share_above_100_percent(extra):
    """The hockey stick's fill-rate panel (100% at every point) had ticks at 101% and 102%."""
    fig = plots.sweep_kpis(sa.load(extra["hockey"]))
    fill = next(a for a in fig.axes if a.get_ylabel().startswith("fill rate"))
    fig.canvas.draw()
    ticks = fill.get_yticks()
    assert len(ticks) >= 3 and max(ticks) <= 1.0 + 1e-9
    assert fill.get_ylim()[1] > 1.0          # headroom above 100% is kept
    assert not [t.get_text() for t in fill.get_yticklabels() if t.get_text() in ("101%", "102%")]


def test_a_scenario_without_a_campaign_is_not_called_one(extra, files):
    """The safety-stock sweep said "the campaign is deliverable at 0 of 7 grid points": it has
    targets but no campaign."""
    safety = sa.load(extra["safety"])
    v = verdict(safety)
    assert "campaign" not in (v.answer + v.paragraph).lower()
    assert "the scenario is deliverable at" in v.answer
    html = html_of(extra["safety"])
    assert "Sweep: where every target is met" in html and "where the campaign" not in html
    point = verdict(safety.point(0))
    assert "campaign" not in (point.answer + point.paragraph).lower()
    # With a campaign the words stay.
    assert "the campaign is deliverable at" in verdict(sa.load(files["sweep"])).answer
    assert "simulated campaigns" in verdict(sa.load(files["mc"])).answer


def test_two_campaign_windows_are_bands_in_the_plural(extra, files):
    assert "The shaded bands are the campaign windows." in html_of(extra["two_campaigns"])
    assert "The shaded band is the campaign window." in html_of(files["mc"])


def test_the_safety_stock_lesson_as_written_can_reach_a_verdict(surge, tmp_path):
    """The lesson swept with --reps 10, where no level can be judged DELIVERABLE at the
    scenario's 90% confidence: its report read NOT DELIVERABLE AT ANY POINT. The command of
    docs/teaching/safety-stock.md, run as written, must give a verdict the lesson can use."""
    doc = (ROOT / "docs" / "teaching" / "safety-stock.md").read_text()
    command = re.search(r"surge sweep scenarios/teaching/safety_stock.yaml (--reps \d+) \\\n\s+"
                        r"--grid (\S+) -o safety.h5", doc)
    assert command, "the lesson's sweep command moved: update this test"
    out = tmp_path / "safety.h5"
    p = subprocess.run([surge, "sweep", str(TEACHING / "safety_stock.yaml"), *command.group(1).split(),
                        "--grid", command.group(2), "-o", str(out), "--threads", "2"],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    assert "no grid point can be judged DELIVERABLE" not in p.stderr
    v = verdict(sa.load(out))
    assert v.judgement.startswith("DELIVERABLE AT") and v.tone == "warn"


def test_rate_heat_maps_use_the_whole_scale(files):
    """A heat map auto-scaled 0.9995-1.0, so tiny differences looked huge."""
    fig = plots.sweep(sa.load(files["sweep"]), value="black_friday.fill_rate.mean")
    assert fig.axes[0].images[0].get_clim() == (0, 1)


def test_sweep_headers_do_not_run_together(surge, tmp_path):
    """`...policy.levelP(deliverable)` in the terminal."""
    out = subprocess.run([surge, "sweep", str(TEACHING / "safety_stock.yaml"), "--reps", "1", "--set",
                          "horizon=40d", "--grid", "nodes.dc.inventory.widget.policy.level=70,80"],
                         capture_output=True, text=True, timeout=120).stdout
    header = next(l for l in out.splitlines() if l.startswith("nodes."))
    assert "nodes.dc.inventory.widget.policy.level  P(deliverable)" in header


# ---- search ----------------------------------------------------------------------------------
def test_search_values_are_rounded_alike_in_headline_table_and_chart(files, tmp_path):
    """The headline rounded 2.125 to "2.12" while the chart said 2.125."""
    copy = tmp_path / "search.h5"
    shutil.copy(files["search"], copy)
    with h5py.File(copy, "r+") as f:
        f.attrs["deliverable_value"] = 2.125
        f.attrs["found"] = 1
        f.attrs["not_deliverable_value"] = 2.25
    r = sa.load(copy)
    assert verdict(r).judgement == "DELIVERABLE UP TO 2.125"
    labels = [l.get_label() for l in plots.probes(r).axes[0].get_lines()]
    assert "largest deliverable 2.125" in labels


# ---- labels and figures ----------------------------------------------------------------------
def test_service_windows_are_in_time_order(files):
    """Service-window bars came in alphabetical order."""
    r = sa.load(files["run_norecords"])
    ax = plots.service(r).axes[0]
    names = [t.get_text().split("\n")[0] for t in ax.get_xticklabels()]
    assert names == ["run", "black_friday"]
    assert all("wait " in t.get_text() and t.get_text().split("wait ")[1].split(" ")[1] in ("s", "min", "h", "d")
               for t in ax.get_xticklabels())


def test_the_heat_map_title_is_clear_of_campaign_names(files):
    """Campaign names overprinted the utilisation heat map's title."""
    fig = plots.utilisation(sa.load(files["run"]))
    ax = fig.axes[0]
    assert not [t for t in ax.texts if t.get_text() == "black_friday"]
    top = [a for a in ax.child_axes if [t.get_text() for t in a.get_xticklabels()] == ["black_friday"]]
    assert top, "campaign names on an axis of their own"


def test_uplift_shows_every_campaign(extra):
    """The uplift scatter showed only the first campaign."""
    fig = plots.uplift(sa.load(extra["two_campaigns"]))
    assert len(fig.axes) == 2
    assert {a.get_xlabel() for a in fig.axes} == {"drawn uplift of spring (× normal demand)",
                                                  "drawn uplift of black_friday (× normal demand)"}


def test_no_shaded_band_caption_without_a_campaign(extra, files):
    """"the shaded band is the campaign window" appeared on a chart with no campaign."""
    assert "shaded band" not in html_of(extra["game"])
    assert "The shaded band is the campaign window." in html_of(files["run"])


def test_the_bullwhip_chart_is_per_product(extra):
    """It compared each product's orders with the demand of all products together."""
    r = sa.load(extra["launch"])
    fig = plots.echelon_orders(r)
    titles = [a.get_title(loc="left").split(":")[0] for a in fig.axes]
    assert titles == ["watch", "board", "display"]
    board = fig.axes[1]
    labels = [l.get_label() for l in board.get_lines()]
    assert labels[-1].startswith("demand for board at assembly")  # a component: its own demand
    watch_demand = [l for l in fig.axes[0].get_lines() if l.get_label().startswith("customers' demand")][0]
    s = r.stock[(r.stock.time > 0) & (r.stock.node == "fc") & (r.stock["product"] == "watch")]
    assert np.allclose(watch_demand.get_ydata(), s.sort_values("time").demand)


# ---- the played beer game --------------------------------------------------------------------
def test_the_played_game_report_is_about_the_player(extra):
    r = sa.load(extra["game"])
    v = verdict(r)
    assert v.judgement == "BEER GAME: YOU PLAYED THE WHOLESALER"
    facts = dict(v.facts)
    assert facts["your role"] == "wholesaler" and facts["your orders"].startswith("4, 4, 8, 8, 8, 12")
    assert "of the team's" in facts["your cost"] and "x" in facts["your bullwhip ratio"]
    html = html_of(extra["game"])
    assert 'data-section="player"' in html and "wholesaler (you)" in html
    assert "holding 0.5 and backlog 1 per case-week" in html
    # OTIF without a promise is not "on time": n/a, and the plain words do not claim it.
    assert "n/a (no promise)" in html
    assert "on time" not in v.paragraph
    # The cost table agrees with the end-of-game table's definition.
    from surge_analysis.echelons import echelon_table
    table = echelon_table(r)
    assert list(table.node) == ["retailer", "wholesaler", "distributor", "factory"]
    assert table.cost.sum() == pytest.approx(float(r.kpi[(r.kpi.window == "run") & (r.kpi.metric == "total_cost")]
                                                   .value.iloc[0]))
    ax = plots.echelon_orders(r).axes[0]
    assert any(l.get_label().startswith("wholesaler (you)") for l in ax.get_lines())


SLASHED = """name: slashes
horizon: 5d
products:
  - {id: w}
nodes:
  - id: fc
    type: fulfilment
    inventory: {w: {initial: 1000}}
    stations:
      - {name: "pick/pack", servers: 1, time: {dist: exponential, mean: 6min}}
  - id: "desk/1"
    type: service
    agents: 2
    handle_time: {dist: exponential, mean: 6min}
    arrivals: {rate: 5/h}
markets:
  - id: m
    served_by: fc
    demand: {product: w, rate: 5/h}
targets:
  require:
    - {metric: service_level, node: "desk/1", at_least: 0.5}
"""


def test_ids_with_slashes_make_valid_column_names(surge, tmp_path):
    """A station or node id with '/' named an HDF5 path, not a column: the file failed to write."""
    scenario = tmp_path / "slashes.yaml"
    scenario.write_text(SLASHED)
    out = tmp_path / "slashes.h5"
    p = subprocess.run([surge, "mc", str(scenario), "--reps", "2", "-o", str(out), "-q"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    r = sa.load(out)
    assert "run.utilisation[node=fc,resource=pick%2Fpack]" in r.scoped_replications
    assert "run.desk%2F1.service_level" in r.replications
    assert "target.run.service_level[node=desk%2F1].met" in r.replications
    assert "data-section" in build_report(r)
