"""The beer game: `surge plot FILE echelon_orders` (orders per week of each echelon and the
customers' demand) on a run of scenarios/teaching/beer_game.yaml, and a game played with
`surge play beer-game --orders ...` turned into a report."""
import subprocess

import h5py
import numpy as np
import pytest

import surge_analysis as sa
from surge_analysis import plots

from conftest import ROOT
from test_plots import assert_not_blank

BEER = ROOT / "scenarios" / "teaching" / "beer_game.yaml"
ECHELONS = ["retailer", "wholesaler", "distributor", "factory"]


@pytest.fixture(scope="module")
def beer(surge, tmp_path_factory):
    out = tmp_path_factory.mktemp("beer") / "beer.h5"
    proc = subprocess.run([surge, "run", str(BEER), "-o", str(out), "-q"], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out


def test_echelon_orders_draws_every_echelon_and_the_demand(beer):
    r = sa.load(beer)
    assert "echelon_orders" in plots.available(r)
    fig = plots.figure(r, "echelon_orders")
    assert_not_blank(fig)
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    # Customer-facing echelon first, then upstream, then the customers' demand.
    assert [label.split(" ")[0] for label in labels[:4]] == ECHELONS
    assert labels[4].startswith("customers' demand")
    assert ax.get_xlabel() == "week"
    # The series drawn are the file's: the factory's weekly orders, in weeks.
    s = r.stock[(r.stock.node == "factory") & (r.stock.time > 0)].sort_values("time")
    x, y = ax.get_lines()[3].get_data()
    assert np.allclose(x, s.time / 168) and np.allclose(y, s.ordered)
    # and the demand is the retailer's, i.e. the customers' orders.
    d = r.stock[(r.stock.node == "retailer") & (r.stock.time > 0)].sort_values("time")
    assert np.allclose(ax.get_lines()[4].get_data()[1], d.demand)


def test_echelon_orders_from_the_command_line(surge, beer, tmp_path):
    out = tmp_path / "orders.svg"
    proc = subprocess.run([surge, "plot", str(beer), "echelon_orders", "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert out.stat().st_size > 5000


def test_echelon_orders_needs_a_run_with_two_ordering_echelons(files):
    with pytest.raises(plots.NotAvailable):
        plots.echelon_orders(sa.load(files["mc"]))
    with pytest.raises(plots.NotAvailable):
        plots.echelon_orders(sa.load(files["sweep"]))


def test_a_played_game_is_a_run_file_with_a_report(surge, tmp_path):
    h5, report = tmp_path / "game.h5", tmp_path / "game.html"
    orders = "4,4,8,8,8,12,12,8,8,4,4"
    proc = subprocess.run([surge, "play", "beer-game", "--role", "wholesaler", "--weeks", "12",
                           "--orders", orders, "-o", str(h5), "--report", str(report)],
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "wholesaler (you)" in proc.stdout
    assert f"Report written to {report}" in proc.stdout
    with h5py.File(h5, "r") as f:
        assert f.attrs["created_by"] == "surge play"
        assert f.attrs["player_orders"] == orders
    text = report.read_text()
    assert 'data-section="echelon_orders"' in text
    assert 'data-section="stock"' in text
