"""Per-echelon figures of a run: each ordering stock point's cost, backlog and bullwhip ratios,
customer-facing first. The same figures as the end-of-game table of `surge play`
(sim/experiment/teaching/echelon_table.cpp), read from the file alone.

- cost = run-window length x (mean on hand x holding cost + mean backlog x backorder cost);
- bullwhip_ratio = the KPI (docs/kpis.md): Var(its orders) / Var(the demand it sees), per
  sampling period of the run window;
- vs_customers = Var(its orders of product P) / Var(the customers' demand of P), over the same
  sampling periods as the KPI (those wholly inside the run window), so that at a stock point
  whose demand is the customers' the two are the same number. This is the ratio the
  `echelon_orders` figure and the beer game show; for a product no customer orders (a
  component) the reference is the demand at its most downstream ordering stock point.
"""
import math

import numpy as np
import pandas as pd

# Orders and demand are compared per product; with more products than this the figure shows
# the ones whose stock points amplify most, and says how many it left out.
MAX_PRODUCTS = 6
def _kpi(result, metric, node, product):
    k = result.kpi
    if k is None:
        return math.nan
    rows = k[(k.window == "run") & (k.metric == metric) & (k.node == node) & (k["product"] == product)
             & (k.market == "") & (k.resource == "")]
    return float(rows.value.iloc[0]) if len(rows) else math.nan


def run_periods(result):
    """The sample times t whose sampling period (previous sample, t] lies wholly inside the run
    window: the periods the KPI `bullwhip_ratio` is computed over (docs/kpis.md; the sample at
    t = 0 closes no period). Without a run window, every period after t = 0."""
    s = result.stock
    if s is None or not len(s):
        return np.array([], dtype=float)
    times = np.sort(s.time.unique())
    start, end = 0.0, math.inf
    w = result.windows
    run = w[w.name == "run"] if w is not None else None
    if run is not None and len(run):
        start, end = float(run.start.iloc[0]), float(run.end.iloc[0])
    prev, t = times[:-1], times[1:]
    return t[(prev >= start - 1e-9) & (t <= end + 1e-9)]


def customer_demand(result, product, periods=None):
    """The customers' demand of `product` per sampling period (after t = 0, or at the sample
    times `periods`): the `demand` of its stock points at nodes that serve a market. Empty when
    no market orders it."""
    s = result.stock
    if s is None:
        return pd.Series(dtype=float)
    s = s[(s.time > 0) & (s["product"] == product) & s.node.isin(result.scenario.market_nodes)]
    if not len(s):
        return pd.Series(dtype=float)
    demand = s.groupby("time").demand.sum().sort_index()
    if periods is not None:
        demand = demand.reindex(periods, fill_value=0.0)
    return demand


def _variance(values):
    values = np.asarray(values, dtype=float)
    return float(values.var(ddof=1)) if len(values) > 1 else math.nan


def bullwhip(result):
    """DataFrame, one row per stock point that placed orders after t = 0 (a make-to-stock line's
    production orders included), customer-facing first, then per product:
    node, product, depth, ordering (it has a source and a policy, so the file has its KPI),
    order_var and order_sd over the KPI's periods (run_periods), reference ("customers" or the
    node whose demand is the reference), reference_var, vs_reference = order_var /
    reference_var (NaN when the reference never varied), kpi (its `bullwhip_ratio`, NaN when
    the file has none), rank (the product's rank by its largest vs_reference, 0 = largest).
    None when the file has no stock series."""
    s = result.stock
    if s is None or not len(s) or result.kind != "run":
        return None
    after = s[s.time > 0]
    totals = after.groupby(["node", "product"], sort=False).ordered.sum()
    keys = [k for k, v in totals.items() if v > 0]
    if not keys:
        return None
    depth = result.scenario.echelon_depth()
    keys.sort(key=lambda k: depth.get(k[0], math.inf))
    periods = run_periods(result)
    rows = []
    for product in dict.fromkeys(p for _, p in keys):
        mine = [n for n, p in keys if p == product]
        demand = customer_demand(result, product, periods)
        reference = "customers"
        if not len(demand):  # no customer orders it: the demand at the nearest ordering stock point
            reference = mine[0]
            g = after[(after.node == reference) & (after["product"] == product)]
            demand = g.set_index("time").demand.reindex(periods, fill_value=0.0)
        d_var = _variance(demand)
        for node in mine:
            g = after[(after.node == node) & (after["product"] == product)]
            q_var = _variance(g.set_index("time").ordered.reindex(periods, fill_value=0.0))
            rows.append({
                "node": node, "product": product, "depth": depth.get(node, math.inf),
                "ordering": (node, product) in result.scenario.ordering,
                "order_var": q_var, "order_sd": math.sqrt(q_var) if q_var == q_var else math.nan,
                "reference": reference, "reference_var": d_var,
                "vs_reference": q_var / d_var if d_var == d_var and d_var > 0 else math.nan,
                "kpi": _kpi(result, "bullwhip_ratio", node, product),
            })
    out = pd.DataFrame(rows)
    largest = out.groupby("product", sort=False).vs_reference.max().fillna(-math.inf)
    order = sorted(largest.index, key=lambda p: -largest[p])  # stable: ties keep their order
    out["rank"] = out["product"].map({p: i for i, p in enumerate(order)})
    return out


def echelon_table(result):
    """DataFrame, one row per ordering stock point of a run file, customer-facing first:
    node, product, depth, holding_cost, backlog_cost, cost, max_backlog, order_sd,
    bullwhip_ratio, vs_customers. None when the file has no stock series."""
    s = result.stock
    if s is None or result.kind != "run":
        return None
    w = result.windows
    run = w[w.name == "run"]
    length = float(run.end.iloc[0] - run.start.iloc[0]) if len(run) else math.nan
    depth = result.scenario.echelon_depth()
    ratios = bullwhip(result)
    vs = {} if ratios is None else {(r.node, r.product): r.vs_reference for r in ratios.itertuples()
                                    if r.reference == "customers"}
    rows = []
    keys = list(dict.fromkeys(zip(s.node, s["product"])))
    for node, product in keys:
        if (node, product) not in result.scenario.ordering:
            continue
        g = s[(s.node == node) & (s["product"] == product) & (s.time > 0)].sort_values("time")
        costs = result.scenario.products.get(product, {})
        on_hand = _kpi(result, "on_hand", node, product)
        backlog = _kpi(result, "mean_backlog", node, product)
        holding = length * on_hand * costs.get("holding_cost", 0.0)
        backlog_cost = length * backlog * costs.get("backorder_cost", 0.0)
        q_var = float(g.ordered.var()) if len(g) > 1 else math.nan
        max_backlog = _kpi(result, "max_backlog", node, product)
        if math.isnan(max_backlog):  # a file written before the KPI: the samples' maximum
            max_backlog = float(g.backlog.max()) if len(g) else math.nan
        rows.append({
            "node": node, "product": product, "depth": depth.get(node, math.inf),
            "holding_cost": holding, "backlog_cost": backlog_cost, "cost": holding + backlog_cost,
            "max_backlog": max_backlog, "order_sd": math.sqrt(q_var) if q_var == q_var else math.nan,
            "bullwhip_ratio": _kpi(result, "bullwhip_ratio", node, product),
            "vs_customers": vs.get((node, product), math.nan),
        })
    if not rows:
        return None
    return pd.DataFrame(rows).sort_values("depth", kind="stable").reset_index(drop=True)


def player(result):
    """(node, orders list, finished) of a game played with `surge play`, or None."""
    a = result.attrs
    node = a.get("player_node")
    if not node:
        return None
    orders = [float(x) for x in str(a.get("player_orders", "")).split(",") if x.strip()]
    return node, orders, str(a.get("player_finished", "yes")) == "yes"
