"""The bullwhip chart (`echelon_orders`) per product (issue 19): each stock point's orders of a
product against the customers' demand of that same product, over the periods of the KPI
`bullwhip_ratio` (docs/kpis.md). The chart used to divide every product's order variance by the
variance of all products' demand together, and over every period after t = 0 (warm-up
included), so its ratio at the customer-facing stock point did not match the KPI."""
import re

import numpy as np
import pytest

import surge_analysis as sa
from surge_analysis import plots, units
from surge_analysis.echelons import bullwhip, echelon_table
from surge_analysis.report import build_report

from conftest import _make

WARMUP_H, HORIZON_H = 10 * 24, 120 * 24

# Two products through the same two stock points (dc -> shop -> customers), with demands two
# orders of magnitude apart: a ratio against both products' demand together is far from either
# product's own.
TWO_PRODUCTS = """name: two products
horizon: 120d
warmup: 10d
seed: 5
products:
  - {id: cups, holding_cost: 0.01/d}
  - {id: lids, holding_cost: 0.01/d}
nodes:
  - id: maker
    type: supplier
    products: {cups: {lead_time: 2d}, lids: {lead_time: 2d}}
  - id: dc
    type: warehouse
    inventory:
      cups: {initial: 3000, source: maker, policy: {type: sS, s: 1500, S: 3000}}
      lids: {initial: 400, source: maker, policy: {type: RQ, R: 150, Q: 100}}
  - id: shop
    type: warehouse
    inventory:
      cups: {initial: 600, source: dc, policy: {type: sS, s: 300, S: 900}}
      lids: {initial: 100, source: dc, policy: {type: RQ, R: 40, Q: 20}}
lanes:
  - {from: maker, to: dc, lead_time: 3d}
  - {from: dc, to: shop, lead_time: 1d}
markets:
  - {id: cafe, served_by: shop, demand: {product: cups, rate: 200/d}}
  - {id: takeaway, served_by: shop, demand: {product: lids, rate: 10/d}}
"""

# Eight products, the shop's order quantity growing with the product number, so the ratios
# are ordered p8 > p7 > ... > p1.
MANY = 8


def many_products():
    names = [f"p{i}" for i in range(1, MANY + 1)]
    lines = ["name: many products", "horizon: 120d", "warmup: 10d", "seed: 7", "products:"]
    lines += [f"  - {{id: {p}, holding_cost: 0.01/d}}" for p in names]
    lines += ["nodes:", "  - id: maker", "    type: supplier",
              "    products: {" + ", ".join(f"{p}: {{lead_time: 1d}}" for p in names) + "}",
              "  - id: dc", "    type: warehouse", "    inventory:"]
    lines += [f"      {p}: {{initial: 600, source: maker, policy: {{type: RQ, R: 300, Q: 400}}}}"
              for p in names]
    lines += ["  - id: shop", "    type: warehouse", "    inventory:"]
    lines += [f"      {p}: {{initial: 200, source: dc, policy: {{type: RQ, R: 60, Q: {20 * i}}}}}"
              for i, p in enumerate(names, 1)]
    lines += ["lanes:", "  - {from: maker, to: dc, lead_time: 2d}", "  - {from: dc, to: shop, lead_time: 1d}",
              "markets:"]
    lines += [f"  - {{id: m_{p}, served_by: shop, demand: {{product: {p}, rate: 20/d}}}}" for p in names]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def runs(surge, tmp_path_factory):
    d = tmp_path_factory.mktemp("echelons")
    (d / "two.yaml").write_text(TWO_PRODUCTS)
    (d / "many.yaml").write_text(many_products())
    return {"two": _make(surge, d / "two.h5", "run", str(d / "two.yaml")),
            "many": _make(surge, d / "many.h5", "run", str(d / "many.yaml"))}


def periods_of(stock, start, end):
    """The sample times whose period (previous sample, t] lies inside [start, end], computed here
    from the scenario's warm-up and horizon, as docs/kpis.md defines the KPI's periods."""
    times = np.sort(stock.time.unique())
    return [t for prev, t in zip(times[:-1], times[1:]) if prev >= start and t <= end]


def series(stock, node, product, column, periods):
    g = stock[(stock.node == node) & (stock["product"] == product)].set_index("time")[column]
    return g.reindex(periods, fill_value=0.0).to_numpy()


def expected_ratio(stock, node, product, periods, demand_products):
    """Var(orders of `product` at `node`) / Var(the shop's demand of `demand_products` summed)."""
    orders = series(stock, node, product, "ordered", periods)
    demand = sum(series(stock, "shop", p, "demand", periods) for p in demand_products)
    return orders.var(ddof=1) / demand.var(ddof=1)


def legend_ratio(label):
    """The ratio a legend entry gives: "dc (sd 564, 1930x customers' cups variance; ...)"."""
    m = re.search(r", ([\d.,]+)x customers' (\w+ )?variance", label)
    assert m, label
    return float(m.group(1).replace(",", "")), (m.group(2) or "").strip()


def kpi(result, node, product):
    k = result.kpi
    rows = k[(k.window == "run") & (k.metric == "bullwhip_ratio") & (k.node == node) & (k["product"] == product)]
    return float(rows.value.iloc[0])


def test_two_products_each_ratio_is_against_its_own_products_demand(runs):
    r = sa.load(runs["two"])
    fig = plots.echelon_orders(r)
    assert [a.get_title(loc="left").split(":")[0] for a in fig.axes] == ["cups", "lids"]
    periods = periods_of(r.stock, WARMUP_H, HORIZON_H)
    assert len(periods) == 110  # the 110 days after the warm-up
    for ax, product in zip(fig.axes, ["cups", "lids"]):
        lines = ax.get_lines()
        labels = [line.get_label() for line in lines]
        assert [lab.split(" ")[0] for lab in labels[:2]] == ["shop", "dc"]
        for node, label in zip(["shop", "dc"], labels[:2]):
            shown, named = legend_ratio(label)
            assert named == product  # the ratio says which product it is about
            own = expected_ratio(r.stock, node, product, periods, [product])
            together = expected_ratio(r.stock, node, product, periods, ["cups", "lids"])
            assert shown == pytest.approx(own, rel=5e-3)
            assert units.fmt_kpi("bullwhip_ratio", own) in label
            # The bug: against all products' demand together, the small product's ratios
            # shrink more than ten times (the big product's demand swamps its own).
            if product == "lids":
                assert together < own / 10
        # The dashed reference is the customers' demand of this product alone.
        assert labels[2].startswith(f"customers' demand of {product}")
        d = r.stock[(r.stock.time > 0) & (r.stock.node == "shop") & (r.stock["product"] == product)]
        assert np.allclose(lines[2].get_ydata(), d.sort_values("time").demand)


def test_the_ratio_has_the_kpis_definition(runs):
    """At the customer-facing stock point the demand it sees is the customers': the chart's
    ratio is the KPI. Upstream, in a serial chain, it is the product of the stages' KPIs."""
    r = sa.load(runs["two"])
    b = bullwhip(r).set_index(["node", "product"])
    for product in ("cups", "lids"):
        shop, dc = b.loc[("shop", product)], b.loc[("dc", product)]
        assert shop.vs_reference == pytest.approx(kpi(r, "shop", product), rel=1e-9)
        assert shop.kpi == pytest.approx(kpi(r, "shop", product), rel=1e-9)
        assert dc.vs_reference == pytest.approx(kpi(r, "shop", product) * kpi(r, "dc", product), rel=1e-9)
        assert dc.vs_reference != pytest.approx(dc.kpi, rel=0.05)
    # The legend gives the KPI where the two differ (upstream), and only there.
    labels = [line.get_label() for line in plots.echelon_orders(r).axes[0].get_lines()]
    assert "KPI" not in labels[0]
    assert f"KPI {units.fmt_kpi('bullwhip_ratio', kpi(r, 'dc', 'cups'))} vs its own demand" in labels[1]
    # The chart's note says what the ratio is.
    note = plots.echelon_orders(r)._suptitle.get_text().replace("\n", " ")
    assert "customers' demand of the same product" in note and "bullwhip_ratio" in note
    assert "run window (after warm-up)" in note


def test_the_beer_game_table_compares_each_product_with_its_own_customers(runs):
    r = sa.load(runs["two"])
    t = echelon_table(r).set_index(["node", "product"])
    periods = periods_of(r.stock, WARMUP_H, HORIZON_H)
    for node in ("shop", "dc"):
        for product in ("cups", "lids"):
            assert t.loc[(node, product)].vs_customers == pytest.approx(
                expected_ratio(r.stock, node, product, periods, [product]), rel=1e-9)


def test_a_single_product_looks_as_before_and_matches_the_kpi(files):
    """The flagship (one product, a 14-day warm-up): one panel, the old title, and the
    customer-facing ratio is the file's KPI (it was not: the warm-up days counted)."""
    r = sa.load(files["run"])
    fig = plots.echelon_orders(r)
    assert len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == ("Orders placed by each echelon, and the customers' demand "
                                        "(bullwhip: orders swing more upstream)")
    labels = [line.get_label() for line in ax.get_lines()]
    assert [lab.split(" ")[0] for lab in labels] == ["fc", "dc", "customers'"]
    shown, named = legend_ratio(labels[0])
    assert named == ""  # one product: no product name needed
    assert units.fmt_kpi("bullwhip_ratio", kpi(r, "fc", "earbuds")) in labels[0]
    assert "KPI" not in labels[0] and "KPI" in labels[1]
    # The warm-up, outside the ratios, is shaded and says so.
    assert [p.get_label() for p in ax.patches] == ["warm-up (not in the ratios)"]


def test_with_many_products_the_largest_ratios_are_shown_and_the_rest_named(runs):
    r = sa.load(runs["many"])
    periods = periods_of(r.stock, WARMUP_H, HORIZON_H)
    names = [f"p{i}" for i in range(1, MANY + 1)]
    largest = {p: max(expected_ratio(r.stock, n, p, periods, [p]) for n in ("shop", "dc")) for p in names}
    ranked = sorted(names, key=lambda p: -largest[p])
    fig = plots.echelon_orders(r)
    shown = [a.get_title(loc="left").split(":")[0] for a in fig.axes]
    assert sorted(shown) == sorted(ranked[:6])
    note = fig._suptitle.get_text()
    left_out = ranked[6:]
    assert note.startswith(f"6 of {MANY} products shown (the largest ratios); 2 left out: ")
    assert all(p in note.split("\n")[0] for p in left_out)
    assert not any(f" {p}," in note or note.split("\n")[0].endswith(f" {p}.") for p in ranked[:6])
    # Asked for all of them: every product, nothing left out.
    every = plots.figure(r, "echelon_orders", max_products=MANY)
    assert len(every.axes) == MANY and "left out" not in every._suptitle.get_text()


def test_the_report_caption_says_what_the_ratio_is(runs):
    html = build_report(sa.load(runs["two"]))
    assert 'data-section="echelon_orders"' in html
    section = html[html.index('data-section="echelon_orders"'):]
    caption = section[section.index("<figcaption>"):section.index("</figcaption>")]
    assert "variance of the stock point&#x27;s orders of the product" in caption
    assert "bullwhip_ratio" in caption
