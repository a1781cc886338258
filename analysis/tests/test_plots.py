"""Every figure function returns a non-empty figure for the kinds of file it applies to."""
import io

import numpy as np
import pytest

import surge_analysis as sa
from surge_analysis import plots

EXPECTED = {
    "run": {"targets", "stock", "echelon_orders", "utilisation", "queues", "service", "lead_time"},
    "run_norecords": {"targets", "stock", "echelon_orders", "utilisation", "queues", "service",
                      "lead_time"},
    "mc": {"targets", "uplift", "stock", "utilisation", "queues", "service", "lead_time"},
    "compare": {"plans", "targets", "uplift", "stock", "utilisation", "queues", "service", "lead_time"},
    "sweep": {"sweep", "sweep_kpis"},
    "search": {"probes"},
}


def assert_not_blank(fig):
    assert fig.axes, "figure has no axes"
    fig.canvas.draw()
    pixels = np.asarray(fig.canvas.buffer_rgba())[..., :3]
    assert pixels.shape[0] > 100 and pixels.shape[1] > 100
    # more than a blank canvas: a good share of pixels differ from white
    assert (pixels.min(axis=2) < 200).mean() > 0.01
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    assert len(buf.getvalue()) > 5000


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_available_figures(files, kind):
    assert set(plots.available(sa.load(files[kind]))) == EXPECTED[kind]


@pytest.mark.parametrize("kind,what", sorted((k, w) for k, ws in EXPECTED.items() for w in ws))
def test_figure_is_not_empty(files, kind, what):
    fig = plots.figure(sa.load(files[kind]), what)
    assert_not_blank(fig)


def test_unavailable_figure_raises(files):
    with pytest.raises(plots.NotAvailable):
        plots.plans(sa.load(files["mc"]))
    with pytest.raises(KeyError):
        plots.figure(sa.load(files["mc"]), "nonsense")


def test_sweep_heat_map_of_a_kpi(files):
    r = sa.load(files["sweep"])
    assert_not_blank(plots.sweep(r, value="black_friday.fill_rate.mean"))


def test_stock_of_one_node_and_one_plan(files):
    assert_not_blank(plots.stock(sa.load(files["run"]), node="fc"))
    assert_not_blank(plots.stock(sa.load(files["compare"]).plan("campaign_crew")))
    assert_not_blank(plots.utilisation(sa.load(files["sweep"]).point(0)))
