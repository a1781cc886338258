"""Per-echelon figures of a run: each ordering stock point's cost, backlog and bullwhip ratios,
customer-facing first. The same figures as the end-of-game table of `surge play`
(sim/experiment/teaching/echelon_table.cpp), read from the file alone.

- cost = run-window length x (mean on hand x holding cost + mean backlog x backorder cost);
- bullwhip_ratio = the KPI (docs/kpis.md): Var(its orders) / Var(the demand it sees), per
  sampling period of the run window;
- vs_customers = Var(its orders) / Var(the customers' demand of that product), per period
  after t = 0 (the ratio the beer game and the `echelon_orders` figure show).
"""
import math

import pandas as pd


def _kpi(result, metric, node, product):
    k = result.kpi
    if k is None:
        return math.nan
    rows = k[(k.window == "run") & (k.metric == metric) & (k.node == node) & (k["product"] == product)
             & (k.market == "") & (k.resource == "")]
    return float(rows.value.iloc[0]) if len(rows) else math.nan


def customer_demand(result, product):
    """The customers' demand of `product` per sampling period (after t = 0): the `demand` of its
    stock points at nodes that serve a market. Empty when no market orders it."""
    s = result.stock
    if s is None:
        return pd.Series(dtype=float)
    s = s[(s.time > 0) & (s["product"] == product) & s.node.isin(result.scenario.market_nodes)]
    return s.groupby("time").demand.sum().sort_index()


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
        demand = customer_demand(result, product)
        d_var = float(demand.var()) if len(demand) > 1 else math.nan
        q_var = float(g.ordered.var()) if len(g) > 1 else math.nan
        max_backlog = _kpi(result, "max_backlog", node, product)
        if math.isnan(max_backlog):  # a file written before the KPI: the samples' maximum
            max_backlog = float(g.backlog.max()) if len(g) else math.nan
        rows.append({
            "node": node, "product": product, "depth": depth.get(node, math.inf),
            "holding_cost": holding, "backlog_cost": backlog_cost, "cost": holding + backlog_cost,
            "max_backlog": max_backlog, "order_sd": math.sqrt(q_var) if q_var == q_var else math.nan,
            "bullwhip_ratio": _kpi(result, "bullwhip_ratio", node, product),
            "vs_customers": q_var / d_var if d_var and d_var > 0 else math.nan,
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
