"""One function per figure. Each takes a Result (surge_analysis.load) and returns a matplotlib
Figure; it raises NotAvailable when the file does not hold what the figure needs.

Times are shown in days (the file stores hours), or on a date axis when the scenario has a
`start_date` (the file's root attribute). Campaign windows are shaded in every time plot, at
their dates when there are dates.
"""
import datetime
import math
import textwrap

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from . import dates, units  # noqa: E402
from .echelons import MAX_PRODUCTS, bullwhip, customer_demand, player  # noqa: E402
from .verdict import parse_target, sweep_axes, target_words  # noqa: E402

JUDGEMENT_COLOURS = {"DELIVERABLE": "#2e7d32", "AT RISK": "#f0a500", "NOT DELIVERABLE": "#c62828"}
CAMPAIGN_COLOUR = "#ffb74d"
SERIES = {"on_hand": "#1565c0", "backlog": "#c62828", "on_order": "#6a1b9a",
          "inventory_position": "#2e7d32", "utilisation": "#ef6c00", "queue_length": "#00838f"}


class NotAvailable(LookupError):
    """The result file does not hold the data this figure needs."""


def _fig(rows=1, cols=1, height=3.2, width=10.0, **kw):
    fig = Figure(figsize=(width, max(2.6, height * rows)), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)  # no pyplot state: figures are independent and thread-safe to build
    axes = fig.subplots(rows, cols, squeeze=False, **kw)
    return fig, axes


def _x(result, hours):
    """x positions of model times (hours): days from time 0, or with a start date matplotlib
    date numbers (days since its epoch), so the axis shows calendar dates."""
    h = np.asarray(hours, dtype=float)
    start = dates.start_date(result)
    if start is None:
        return h / 24.0
    return mdates.date2num(datetime.datetime(start.year, start.month, start.day)) + h / 24.0


def _time_axis(ax, result, label=True):
    """A time axis: dates (concise, as the locator spaces them) with a start date, else days."""
    if dates.start_date(result) is not None:
        _date_ticks(ax)
        if label:
            ax.set_xlabel("date")
    elif label:
        ax.set_xlabel("day")


def _date_ticks(ax):
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _shade_campaigns(ax, result, label=True):
    for i, (cid, start, end) in enumerate(result.campaign_windows()):
        x0, x1 = _x(result, [start, end])
        span = dates.span_text(result, start, end)
        ax.axvspan(x0, x1, color=CAMPAIGN_COLOUR, alpha=0.25, lw=0,
                   label=(f"campaign {cid}" + (f" ({span})" if span else "")) if label else None)


def campaign_windows_of(result):
    """The campaign windows a figure of this result shades (none: no "shaded band" to explain)."""
    return _detail(result).campaign_windows()


def _detail(result):
    """A compare file's figures show its baseline; other kinds show themselves."""
    if result.kind == "compare" and result.plans:
        return result.plan(result.plans[0])
    return result


def _outside_legend(ax):
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)


def _err(p, lo, hi):
    """Error-bar lengths; clipped at 0 because a Wilson bound can sit 1e-17 on the wrong side."""
    p, lo, hi = (np.asarray(x, dtype=float) for x in (p, lo, hi))
    return [np.clip(p - lo, 0, None), np.clip(hi - p, 0, None)]


def _wrap(text, width=44):
    """Long axis labels (targets in words) on several lines, so the plot keeps its width."""
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _need(df, what):
    if df is None or not len(df):
        raise NotAvailable(what)
    return df


# ---- targets ---------------------------------------------------------------------------------
def targets(result):
    """Each target: run = its value against the threshold; Monte Carlo = P(met) with its 95% CI."""
    r = _detail(result)
    if r.kind == "run":
        t = _need(r.targets, "this run file has no targets")
        fig, ax = _fig(height=0.75 * len(t) + 1.4)
        ax = ax[0][0]
        y = np.arange(len(t))
        ratio = all(m in ("fill_rate", "order_fill_rate", "otif", "service_level", "abandonment_rate")
                    for m in t.metric)
        colours = ["#2e7d32" if m else "#c62828" for m in t.met]
        ax.barh(y, t.value, color=colours, height=0.55, label="value in this run")
        ax.scatter(t.threshold, y, marker="|", s=600, color="black", zorder=3, label="target")
        ax.set_yticks(y, [_wrap(target_words(r, row)) for row in t.itertuples()])
        ax.invert_yaxis()
        if ratio:
            ax.set_xlim(0, 1.02)
            ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title("Targets in this run (green met, red missed; black mark = target)",
                     loc="left", fontsize=10)
        ax.legend(loc="lower right", fontsize=8)
        return fig
    vt = _need(r.verdict_targets, "this file has no verdict/targets table")
    fig, ax = _fig(height=0.75 * (len(vt) + 1) + 1.4)
    ax = ax[0][0]
    v = r.verdict or {}
    names = ["every target (deliverable)"] + [_wrap(target_words(r, row, "target"))
                                              for row in vt.itertuples()]
    p = [v.get("p_deliverable", math.nan)] + list(vt.p_met)
    lo = [v.get("ci_low", math.nan)] + list(vt.ci_low)
    hi = [v.get("ci_high", math.nan)] + list(vt.ci_high)
    judg = [v.get("judgement", "")] + list(vt.judgement)
    y = np.arange(len(names))
    ax.barh(y, p, color=[JUDGEMENT_COLOURS.get(j, "grey") for j in judg], height=0.55)
    ax.errorbar(p, y, xerr=_err(p, lo, hi), fmt="none", ecolor="black",
                capsize=4, label="95% CI")
    if r.confidence:
        ax.axvline(r.confidence, color="black", ls="--", lw=1, label=f"required {r.confidence:.0%}")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.02)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_title(f"Probability of meeting each target ({r.replications_count} replications)",
                 loc="left", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    return fig


# ---- stock -----------------------------------------------------------------------------------
def _fan(ax, result, rows, colour, label):
    rows = rows.sort_values("time")
    d = _x(result, rows.time)
    ax.fill_between(d, rows.p5, rows.p95, color=colour, alpha=0.15, lw=0, label=f"{label} p5–p95")
    ax.fill_between(d, rows.p25, rows.p75, color=colour, alpha=0.35, lw=0, label=f"{label} p25–p75")
    ax.plot(d, rows.p50, color=colour, lw=1.4, label=f"{label} median")


def stock(result, node=None):
    """Inventory, backlog and on-order over time, one panel per stock point (node, product).
    Run: the sampled values. Monte Carlo: fan charts (p5–p95, p25–p75, median) of on hand,
    backlog and inventory position (the file has no on-order bands)."""
    r = _detail(result)
    if r.kind == "run":
        s = _need(r.stock, "this file has no /timeseries/stock")
        if node:
            s = s[s.node == node]
        keys = list(dict.fromkeys(zip(s.node, s["product"])))
        if not keys:
            raise NotAvailable(f"no stock point at node {node!r}")
        fig, axes = _fig(len(keys), 1, height=2.6, sharex=True)
        for ax, (n, p) in zip(axes[:, 0], keys):
            g = s[(s.node == n) & (s["product"] == p)].sort_values("time")
            _shade_campaigns(ax, r)
            for q in ("on_hand", "backlog", "on_order"):
                ax.plot(_x(r, g.time), g[q], color=SERIES[q], lw=1.4, label=q.replace("_", " "))
            ax.set_title(f"{n} · {p}", loc="left", fontsize=10)
            ax.set_ylabel("units")
            ax.grid(alpha=0.3)
        _outside_legend(axes[0, 0])
        for ax in axes[:, 0]:
            _time_axis(ax, r, label=ax is axes[-1, 0])
        return fig
    b = _need(r.bands, "this file has no /bands table")
    b = b[b.quantity.isin(["on_hand", "backlog", "inventory_position"])]
    if node:
        b = b[b.node == node]
    keys = list(dict.fromkeys(zip(b.node, b.item)))
    if not keys:
        raise NotAvailable("no stock bands in this file")
    fig, axes = _fig(len(keys), 1, height=2.8, sharex=True)
    for ax, (n, p) in zip(axes[:, 0], keys):
        _shade_campaigns(ax, r)
        for q in ("on_hand", "backlog", "inventory_position"):
            rows = b[(b.node == n) & (b.item == p) & (b.quantity == q)]
            if len(rows):
                _fan(ax, r, rows, SERIES[q], q.replace("_", " "))
        ax.set_title(f"{n} · {p}", loc="left", fontsize=10)
        ax.set_ylabel("units")
        ax.grid(alpha=0.3)
    _outside_legend(axes[0, 0])
    for ax in axes[:, 0]:
        _time_axis(ax, r, label=ax is axes[-1, 0])
    fig.suptitle(f"Stock over {r.replications_count} replications: median and p25–p75 / p5–p95 bands",
                 fontsize=11)
    return fig


def echelon_orders(result, max_products=None):
    """Run: the units each stock point ordered per sampling period (the `ordered` column of
    /timeseries/stock), one panel per product, customer-facing stock point first, with that
    product's reference demand dashed: the customers' demand of it (the `demand` of its stock
    points at nodes serving a market), or for a product no customer orders (a component) the
    demand at its most downstream ordering stock point. The legend gives each series' variance
    over the reference's, per product (echelons.bullwhip: the periods of the KPI
    `bullwhip_ratio`, those wholly inside the run window), and beside it the KPI where it
    differs. With more than `max_products` products (echelons.MAX_PRODUCTS) only those with
    the largest ratios are drawn and the title says how many were left out. With weekly
    samples these are the weekly orders of the beer game. Needs at least two stock points that
    place orders."""
    r = _detail(result)
    if r.kind != "run":
        raise NotAvailable("echelon orders need a run file (one replication)")
    s = _need(r.stock, "this file has no /timeseries/stock")
    s = s[s.time > 0]
    table = bullwhip(r)
    if table is None or len(table) < 2:
        raise NotAvailable("fewer than two stock points place replenishment orders")
    limit = max_products or MAX_PRODUCTS
    products = list(dict.fromkeys(table["product"]))
    shown = [p for p in products if int(table[table["product"] == p]["rank"].iloc[0]) < limit]
    left_out = [p for p in products if p not in shown]
    every = float(r.attrs.get("sample_every_hours", 24) or 24)
    unit, label = (168.0, "week") if every % 168 == 0 else (24.0, "day")
    dated = dates.start_date(r) is not None
    run = r.windows[r.windows.name == "run"] if r.windows is not None else r.windows
    warmup_end = float(run.start.iloc[0]) if run is not None and len(run) else 0.0  # not in the ratios

    def _periods(hours):
        # Weeks or days from time 0; dates when the scenario has a start date.
        return _x(r, hours) if dated else np.asarray(hours, dtype=float) / unit
    me = player(r)
    many = len(products) > 1
    fig, axes = _fig(len(shown), 1, height=3.6 if many else 4.2)
    for ax, product in zip(axes[:, 0], shown):
        mine = table[table["product"] == product]
        reference = mine.reference.iloc[0]
        if reference == "customers":
            demand = customer_demand(r, product)
            ref_words = f"customers' demand of {product}" if many else "customers' demand"
            ratio_words = f"customers' {product} variance" if many else "customers' variance"
        else:  # no customer orders it: the demand at the nearest ordering stock point
            g = s[(s.node == reference) & (s["product"] == product)]
            demand = g.set_index("time").demand.sort_index()
            ref_words = f"demand for {product} at {reference}"
            ratio_words = f"variance of {product} demand at {reference}"
        if warmup_end > 0:
            ax.axvspan(*_periods([0.0, warmup_end]), color="#9e9e9e", alpha=0.18, lw=0,
                       label="warm-up (not in the ratios)")
        colours = matplotlib.colormaps["viridis"](np.linspace(0.0, 0.85, len(mine)))
        for colour, row in zip(colours, mine.itertuples()):
            g = s[(s.node == row.node) & (s["product"] == product)].sort_values("time")
            you = " (you)" if me and me[0] == row.node else ""
            parts = [] if row.ordering else ["production orders"]  # a make-to-stock line's
            parts += [f"sd {units.readable_number(row.order_sd)}"]
            if row.vs_reference == row.vs_reference:
                parts.append(f"{units.fmt_kpi('bullwhip_ratio', row.vs_reference)} {ratio_words}")
                if row.kpi == row.kpi and not math.isclose(row.kpi, row.vs_reference, rel_tol=1e-6):
                    parts[-1] += f";\nKPI {units.fmt_kpi('bullwhip_ratio', row.kpi)} vs its own demand"
            ax.plot(_periods(g.time), g.ordered, color=colour, lw=2.4 if you else 1.6,
                    drawstyle="steps-mid", label=f"{row.node}{you} ({', '.join(parts)})")
        if len(demand):
            d_var = mine.reference_var.iloc[0]
            sd = math.sqrt(d_var) if d_var >= 0 else math.nan
            ax.plot(_periods(demand.index), demand.values, color="black", lw=1.4, ls="--",
                    drawstyle="steps-mid", label=f"{ref_words} (sd {units.readable_number(sd)})")
        if dated:
            _time_axis(ax, r)
        else:
            ax.set_xlabel(label)
        ax.set_ylabel(f"units ordered per {label}")
        if many:
            ax.set_title(f"{product}: orders of each stock point and the {ref_words}", loc="left",
                         fontsize=10)
        else:
            ax.set_title(f"Orders placed by each echelon, and the {ref_words} (bullwhip: orders swing "
                         "more upstream)", loc="left", fontsize=10)
        ax.grid(alpha=0.3)
        _outside_legend(ax)
    of_it = " of the same product" if many else ""
    component = ((" (for a component no customer orders: the demand at its most downstream stock "
                  "point)") if (table.reference != "customers").any() else "")
    note = (f"Ratio (bullwhip): the variance of a stock point's orders per {label} over the variance "
            f"of the customers' demand{of_it} per {label}{component}, over the {label}s of the run "
            "window (after warm-up), as the KPI bullwhip_ratio (docs/kpis.md), which divides by "
            "the demand the stock point itself sees: the two agree where that is the customers'.")
    lines = textwrap.wrap(note, 140)
    if left_out:
        lines.insert(0, f"{len(shown)} of {len(products)} products shown (the largest ratios); "
                        f"{len(left_out)} left out: {_listed(left_out)}.")
    fig.suptitle("\n".join(lines), fontsize=8.5, x=0.01, ha="left")
    return fig


def _listed(names, most=8):
    """Up to `most` names, then how many more."""
    names = list(names)
    if len(names) <= most:
        return ", ".join(names)
    return ", ".join(names[:most]) + f" and {len(names) - most} more"


def queues(result):
    """Queue length at each resource over time (Monte Carlo: fan charts)."""
    r = _detail(result)
    if r.kind == "run":
        s = _need(r.resource_series, "this file has no /timeseries/resources")
        keys = list(dict.fromkeys(zip(s.node, s.resource)))
        fig, axes = _fig(len(keys), 1, height=2.1, sharex=True)
        for ax, (n, res) in zip(axes[:, 0], keys):
            g = s[(s.node == n) & (s.resource == res)].sort_values("time")
            _shade_campaigns(ax, r)
            ax.plot(_x(r, g.time), g.queue_length, color=SERIES["queue_length"], lw=1.3,
                    label="mean queue")
            ax.set_title(f"{n}/{res}", loc="left", fontsize=10)
            ax.set_ylabel("waiting")
            ax.grid(alpha=0.3)
        _outside_legend(axes[0, 0])
        for ax in axes[:, 0]:
            _time_axis(ax, r, label=ax is axes[-1, 0])
        return fig
    b = _need(r.bands, "this file has no /bands table")
    b = b[b.quantity == "queue_length"]
    keys = list(dict.fromkeys(zip(b.node, b.item)))
    if not keys:
        raise NotAvailable("no queue bands in this file")
    fig, axes = _fig(len(keys), 1, height=2.2, sharex=True)
    for ax, (n, res) in zip(axes[:, 0], keys):
        _shade_campaigns(ax, r)
        _fan(ax, r, b[(b.node == n) & (b.item == res)], SERIES["queue_length"], "queue")
        ax.set_title(f"{n}/{res}", loc="left", fontsize=10)
        ax.set_ylabel("waiting")
        ax.grid(alpha=0.3)
    _outside_legend(axes[0, 0])
    for ax in axes[:, 0]:
        _time_axis(ax, r, label=ax is axes[-1, 0])
    return fig


# ---- utilisation heat map --------------------------------------------------------------------
def utilisation(result):
    """Heat map: utilisation of every station, line and agent pool, per day (Monte Carlo: median)."""
    r = _detail(result)
    if r.kind == "run":
        s = _need(r.resource_series, "this file has no /timeseries/resources")
        s = s.assign(label=s.node + "/" + s.resource, value=s.utilisation)
        title = "Utilisation per resource per period"
    else:
        b = _need(r.bands, "this file has no /bands table")
        s = b[b.quantity == "utilisation"]
        s = s.assign(label=s.node + "/" + s.item, value=s.p50)
        title = f"Utilisation per resource per period (median of {r.replications_count} replications)"
    if not len(s):
        raise NotAvailable("no utilisation series in this file")
    order = list(dict.fromkeys(s.label))
    grid = s.pivot_table(index="label", columns="time", values="value", aggfunc="first").reindex(order)
    times = grid.columns.to_numpy(dtype=float)
    step = float(np.median(np.diff(times))) if len(times) > 1 else 24.0
    fig, ax = _fig(height=0.45 * len(order) + 1.6)
    ax = ax[0][0]
    x0, x1 = _x(r, [times[0] - step, times[-1]])
    extent = [x0, x1, len(order) - 0.5, -0.5]
    im = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="YlOrRd", vmin=0, vmax=1,
                   extent=extent, interpolation="nearest")
    ax.set_yticks(range(len(order)), order)
    windows = r.campaign_windows()
    for cid, start, end in windows:
        for edge in _x(r, [start, end]):
            ax.axvline(edge, color="#1565c0", lw=1.5, ls="--")
    _time_axis(ax, r)
    if windows:
        # Campaign names on an axis of their own above the map: written on the map they ran
        # into the title.
        top = ax.secondary_xaxis("top")
        top.set_xticks(list(_x(r, [(a + b) / 2 for _, a, b in windows])), [cid for cid, _, _ in windows],
                       color="#1565c0", fontsize=8)
        top.tick_params(length=0)
    ax.set_title(title + (" (dashed: campaign windows)" if windows else ""), fontsize=10)
    cb = fig.colorbar(im, ax=ax, fraction=0.03, pad=0.01)
    cb.ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    return fig


# ---- service queues --------------------------------------------------------------------------
def _daily_service(contacts, within_h):
    c = contacts.copy()
    c["day"] = np.floor(c.arrived / 24).astype(int)
    answered = c.answered >= 0
    abandoned = c.abandoned >= 0
    c["offered"] = answered | abandoned
    c["in_time"] = answered & ((c.answered - c.arrived) <= within_h + 1e-12)
    g = c.groupby("day").agg(offered=("offered", "sum"), in_time=("in_time", "sum"),
                             abandoned=("abandoned", lambda x: (x >= 0).sum()))
    g = g[g.offered > 0]
    g["service_level"] = g.in_time / g.offered
    g["abandonment_rate"] = g.abandoned / g.offered
    return g


def service(result):
    """Service queues: service level, waiting time and abandonment of each service node.
    Run with --records: per day, and the waiting-time distribution. Run without: per window.
    Monte Carlo: the spread over replications per window (the file holds no waiting times)."""
    r = _detail(result)
    nodes = list(r.scenario.service_nodes)
    if r.kind == "run" and r.has("contacts"):
        c = r.contacts
        nodes = list(dict.fromkeys(c.node))
        fig, axes = _fig(len(nodes), 2, height=3.0, gridspec_kw={"width_ratios": [2.2, 1]})
        for row, n in zip(axes, nodes):
            within = r.scenario.service_nodes.get(n, 60 / 3600)
            cn = c[c.node == n]
            g = _daily_service(cn, within)
            ax = row[0]
            _shade_campaigns(ax, r)
            mid_day = _x(r, (np.asarray(g.index, dtype=float) + 0.5) * 24)
            ax.plot(mid_day, g.service_level, color="#1565c0", lw=1.4,
                    label=f"answered within {units.readable_duration(within)}")
            ax.plot(mid_day, g.abandonment_rate, color="#c62828", lw=1.2, label="abandoned")
            for t in (r.targets.itertuples() if r.targets is not None else []):
                if t.metric == "service_level" and t.node in ("", n):
                    ax.axhline(t.threshold, color="#1565c0", ls=":", lw=1, label="target")
            ax.set_ylim(0, 1.02)
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            ax.set_title(f"{n}: share of contacts per day (by arrival)", loc="left", fontsize=10)
            _time_axis(ax, r)
            ax.grid(alpha=0.3)
            ax.legend(loc="upper left", bbox_to_anchor=(0, -0.18), fontsize=8, ncol=4)
            ax = row[1]
            waits = np.sort(((cn.answered - cn.arrived)[cn.answered >= 0] * 3600).to_numpy(dtype=float))
            if len(waits):
                top = max(float(np.quantile(waits, 0.99)), within * 3600 * 3)
                ax.plot(waits, np.arange(1, len(waits) + 1) / len(waits), color="#00838f", lw=1.6)
                ax.axvline(within * 3600, color="black", ls="--", lw=1,
                           label=units.readable_duration(within))
                ax.set_xlim(0, top)
                ax.legend(fontsize=8, loc="lower right")
            ax.set_ylim(0, 1.02)
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            ax.set_title(f"answered within x s (mean wait {units.readable_duration(waits.mean() / 3600)})"
                         if len(waits) else "no answered contacts", loc="left", fontsize=9)
            ax.set_xlabel("seconds waited (answered contacts)")
        return fig
    if r.kind == "run":
        k = _need(r.kpi, "this file has no /kpi table")
        k = k[k.metric.isin(["service_level", "abandonment_rate", "mean_wait"]) & (k.resource == "")
              & (k.node.isin(nodes) if nodes else (k.node != ""))]
        if not len(k):
            raise NotAvailable("no service queue in this scenario")
        nodes = list(dict.fromkeys(k.node))
        fig, axes = _fig(1, len(nodes), height=3.2)
        for ax, n in zip(axes[0], nodes):
            kn = k[k.node == n]
            wide = kn.pivot_table(index="window", columns="metric", values="value", aggfunc="first")
            wide = wide.reindex([w for w in _chronological(r) if w in wide.index])
            x = np.arange(len(wide))
            ax.bar(x - 0.2, wide.get("service_level", np.nan), 0.4, color="#1565c0", label="service level")
            ax.bar(x + 0.2, wide.get("abandonment_rate", np.nan), 0.4, color="#c62828", label="abandonment")
            ax.set_xticks(x, [f"{w}\nwait {units.readable_duration(m)}" for w, m in
                              zip(wide.index, wide.get("mean_wait", pd.Series(np.nan, wide.index)))])
            ax.set_ylim(0, 1.02)
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            ax.set_title(f"{n} (per window; run with --records for daily detail)", fontsize=9)
            ax.legend(fontsize=8)
        return fig
    rep = _need(r.replications, "this file has no /replications table")
    cols = [c for c in rep.columns if c.count(".") == 2 and c.split(".")[2] in
            ("service_level", "abandonment_rate")]
    if not cols:
        raise NotAvailable("no service queue KPIs in this file")
    nodes = list(dict.fromkeys(c.split(".")[1] for c in cols))
    fig, axes = _fig(1, len(nodes), height=3.4)
    for ax, n in zip(axes[0], nodes):
        mine = [c for c in cols if c.split(".")[1] == n]
        data = [rep[c].dropna().to_numpy(dtype=float) for c in mine]
        colours = ["#1565c0" if c.endswith("service_level") else "#c62828" for c in mine]
        bp = ax.boxplot(data, vert=False, patch_artist=True, widths=0.6)
        for patch, col in zip(bp["boxes"], colours):
            patch.set_facecolor(col)
            patch.set_alpha(0.45)
        ax.set_yticks(range(1, len(mine) + 1), [c.split(".")[0] + " · " + c.split(".")[2].replace("_", " ")
                                                for c in mine])
        for t in _targets_for(r, "service_level", n):
            ax.axvline(t, color="#1565c0", ls=":", lw=1)
        ax.set_xlim(0, 1.02)
        ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title(f"{n}: over {len(rep)} replications (dotted: target)", fontsize=10)
    return fig


def _chronological(r):
    """Window names by start time (the run window first when it starts earliest)."""
    w = r.windows
    if w is None or not len(w):
        return []
    return list(w.sort_values(["start", "end"], kind="stable").name)


def _targets_for(r, metric, node="", window=None):
    """Thresholds of the targets on `metric` (at `node`, in `window` when given), from the
    verdict's targets (Monte Carlo) or the scenario's targets (a sweep file)."""
    out = []
    vt = getattr(r, "verdict_targets", None)
    if vt is None and getattr(r, "kind", "") == "sweep" and r.points:
        vt = r.point(r.points[0]).verdict_targets
    if vt is not None:
        for d in vt.target:
            t = parse_target(d)
            if t["metric"] == metric and t["node"] in ("", node) and window in (None, t["window"]):
                out.append(t["threshold"])
    return out


# ---- lead time -------------------------------------------------------------------------------
def lead_time(result):
    """Order lead time (placed → delivered) against each market's promise. Run with --records:
    the distribution, campaign orders apart. Otherwise: mean/p50/p95 per window (run) or the
    spread of p95 over replications (Monte Carlo)."""
    r = _detail(result)
    promises = r.scenario.promises
    if r.kind == "run" and r.has("orders"):
        o = r.orders[r.orders.delivered >= 0]
        if not len(o):
            raise NotAvailable("no delivered orders")
        lt = (o.delivered - o.placed) / 24
        camp = o.campaign != ""
        fig, ax = _fig(height=3.6)
        ax = ax[0][0]
        top = float(max(np.quantile(lt, 0.995), max(promises.values(), default=0) / 24 * 1.3))
        bins = np.linspace(0, top, 60)
        ax.hist(lt[~camp].clip(upper=top), bins=bins, color="#90a4ae", alpha=0.8,
                label=f"other orders ({(~camp).sum():,})")
        if camp.any():
            ax.hist(lt[camp].clip(upper=top), bins=bins, color=CAMPAIGN_COLOUR, alpha=0.8,
                    label=f"campaign orders ({camp.sum():,})")
        for m, p in promises.items():
            within = float(((o.delivered - o.placed) <= p)[o.market == m].mean()) if (o.market == m).any() else math.nan
            ax.axvline(p / 24, color="black", ls="--", lw=1.2,
                       label=f"promise {m}: {p / 24:g} d ({within:.0%} of delivered orders within)")
        ax.set_xlabel("lead time (days, placed → delivered)")
        ax.set_ylabel("orders")
        ax.set_title("Order lead time against the promise", loc="left", fontsize=10)
        ax.legend(fontsize=8)
        return fig
    if r.kind == "run":
        k = _need(r.kpi, "this file has no /kpi table")
        k = k[k.metric.isin(["mean_lead_time", "p50_lead_time", "p95_lead_time"]) & (k.node == "")
              & (k["product"] == "") & (k.market == "") & k.value.notna()]
        if not len(k):  # also a file without orders (service nodes alone): every value n/a
            raise NotAvailable("no lead-time KPIs")
        wide = k.pivot_table(index="window", columns="metric", values="value", aggfunc="first") / 24
        wide = wide.reindex([w for w in _chronological(r) if w in wide.index])
        fig, ax = _fig(height=3.2)
        ax = ax[0][0]
        x = np.arange(len(wide))
        for i, (m, col) in enumerate([("p50_lead_time", "#90caf9"), ("mean_lead_time", "#1565c0"),
                                      ("p95_lead_time", "#0d47a1")]):
            if m in wide:
                ax.bar(x + (i - 1) * 0.25, wide[m], 0.25, color=col, label=m.replace("_", " "))
        for mk, p in promises.items():
            ax.axhline(p / 24, color="black", ls="--", lw=1.2, label=f"promise {mk}: {p / 24:g} d")
        ax.set_xticks(x, wide.index)
        ax.set_ylabel("days")
        ax.set_title("Order lead time per window (run with --records for the distribution)", fontsize=10)
        ax.legend(fontsize=8)
        return fig
    rep = _need(r.replications, "this file has no /replications table")
    cols = [c for c in rep.columns if c.count(".") == 1 and c.split(".")[1] in ("mean_lead_time", "p95_lead_time")
            and rep[c].notna().any()]
    if not cols:
        raise NotAvailable("no lead-time KPIs in this file")
    fig, ax = _fig(height=0.45 * len(cols) + 1.8)
    ax = ax[0][0]
    data = [rep[c].dropna().to_numpy(dtype=float) / 24 for c in cols]
    bp = ax.boxplot(data, vert=False, patch_artist=True, widths=0.6)
    for patch, c in zip(bp["boxes"], cols):
        patch.set_facecolor(CAMPAIGN_COLOUR if not c.startswith("run.") else "#90a4ae")
    ax.set_yticks(range(1, len(cols) + 1), [c.replace(".", " · ").replace("_", " ") for c in cols])
    for mk, p in promises.items():
        ax.axvline(p / 24, color="black", ls="--", lw=1.2, label=f"promise {mk}: {p / 24:g} d")
    ax.set_xlabel("days (placed → delivered)")
    ax.set_title(f"Order lead time over {len(rep)} replications against the promise", fontsize=10)
    if promises:
        ax.legend(fontsize=8)
    return fig


# ---- Monte Carlo drivers ---------------------------------------------------------------------
def uplift(result):
    """Monte Carlo: each replication's drawn uplift of every campaign (one panel each) against
    that campaign's fill rate, coloured by whether every target was met."""
    r = _detail(result)
    rep = _need(r.replications, "this file has no /replications table")
    ucols = [c for c in rep.columns if c.startswith("campaigns.") and c.endswith(".uplift")]
    # A campaign whose uplift is a plain number draws the same value every time: nothing to plot.
    ucols = [c for c in ucols if rep[c].astype(float).nunique() > 1]
    if not ucols:
        raise NotAvailable("no uncertain uplift was drawn in this file")
    panels = []
    for ucol in ucols:
        cid = ucol.split(".")[1]
        ycol = next((c for c in (f"{cid}.fill_rate", f"{cid}.otif", "run.fill_rate") if c in rep), None)
        if ycol is not None:
            panels.append((cid, ucol, ycol))
    if not panels:
        raise NotAvailable("no fill-rate column in /replications")
    fig, axes = _fig(1, len(panels), height=3.4, width=max(10.0, 5.0 * len(panels)))
    ok = rep.deliverable.astype(bool)
    for ax, (cid, ucol, ycol) in zip(axes[0], panels):
        ax.scatter(rep.loc[ok, ucol], rep.loc[ok, ycol], color="#2e7d32", label="every target met", s=22)
        ax.scatter(rep.loc[~ok, ucol], rep.loc[~ok, ycol], color="#c62828", marker="x",
                   label="a target missed", s=22)
        for t in _targets_for(r, ycol.split(".")[1]):
            ax.axhline(t, color="black", ls=":", lw=1, label="target")
        ax.set_xlabel(f"drawn uplift of {cid} (× normal demand)")
        ax.set_ylabel(ycol.replace(".", " · ").replace("_", " "))
        ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        ax.set_title(f"{cid}: which replications failed, by the uplift they drew", loc="left",
                     fontsize=10)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    return fig


# ---- compare ---------------------------------------------------------------------------------
def plans(result):
    """Compare: P(deliverable) with its CI (the baseline's 95% Wilson; a plan stopped once settled
    shows its look's Clopper-Pearson interval), and the cost, of the baseline and every plan."""
    c = _need(result.compare, "this is not a compare file (no /compare table)")
    fig, axs = _fig(1, 2, height=0.5 * len(c) + 1.6, gridspec_kw={"width_ratios": [2, 1]})
    ax1, ax2 = axs[0]
    y = np.arange(len(c))
    cheapest = result.attrs.get("cheapest_deliverable", "")
    labels = [p + (" ★" if p == cheapest else "") for p in c.plan]
    ax1.barh(y, c.p_deliverable, color=[JUDGEMENT_COLOURS.get(j, "grey") for j in c.judgement], height=0.55)
    ax1.errorbar(c.p_deliverable, y, xerr=_err(c.p_deliverable, c.ci_low, c.ci_high),
                 fmt="none", ecolor="black", capsize=4)
    if result.confidence:
        ax1.axvline(result.confidence, color="black", ls="--", lw=1, label=f"required {result.confidence:.0%}")
        ax1.legend(fontsize=8, loc="lower right")
    ax1.set_yticks(y, labels)
    ax1.invert_yaxis()
    ax1.set_xlim(0, 1.02)
    ax1.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax1.set_title("P(every target met) with its CI" + (" — ★ cheapest deliverable" if cheapest else ""),
                  fontsize=10, loc="left")
    # What compare ranks by: the fixed cost plus the paired modelled change (older files: fixed).
    costs = c.plan_cost if "plan_cost" in c else c.cost
    ax2.barh(y, costs, color="#78909c", height=0.55)
    for yi, cost in zip(y, costs):
        ax2.text(cost, yi, " " + dates.money(result, cost), va="center", fontsize=8)
    ax2.set_yticks(y, [""] * len(c))
    ax2.invert_yaxis()
    code = dates.currency(result)
    what = "cost (fixed + modelled change)" if "plan_cost" in c else "cost"
    ax2.set_title(f"{what}, {code}" if code else what, fontsize=10, loc="left")
    ax2.set_xlim(min(float(costs.min()) * 1.35, 0), max(float(costs.max()) * 1.35, 1))
    return fig


# ---- sweep -----------------------------------------------------------------------------------
_DURATION_WORDS = {"d": "days", "h": "hours", "min": "minutes", "s": "seconds"}


def _numeric_axis(values):
    """Numbers for a grid axis's values when every one is a number, rate or duration (to space
    the points to scale), with the words of their unit; (None, "") otherwise. Durations are
    shown in the unit that fits the largest."""
    when = [dates.parse_date_time(v) for v in values]
    if when and all(w is not None for w in when):
        # Dates (a campaign's start swept over dates): spaced as the calendar spaces them.
        return mdates.date2num(when), "date"
    parsed = [units.axis_value(v) for v in values]
    if not parsed or any(x is None for x, _ in parsed) or len({kind for _, kind in parsed}) != 1:
        return None, ""
    kind = parsed[0][1]
    xs = np.array([x for x, _ in parsed], dtype=float)
    if kind == "hours":
        name, scale = units.readable_unit(float(np.nanmax(np.abs(xs))) or 1.0)
        return xs / scale, _DURATION_WORDS[name]
    return xs, kind


def _value_label(value):
    """Axis words and unit of a /sweep column: "P(every target met)", "run mean lead time"."""
    if value == "p_deliverable":
        return "P(every target met)", "share"
    metric = units.metric_of(value)
    return value[:-5].replace("_", " ") if value.endswith(".mean") else value, units.unit_of(metric)


def sweep(result, value="p_deliverable"):
    """Sweep heat map of `value` (default P(deliverable)) over the first two grid axes, one panel
    per combination of any further axes; a line chart when the grid has one axis, to scale when
    its values are numbers. Rates (and P) are drawn on a fixed 0-100% scale."""
    s = _need(result.sweep, "this is not a sweep file (no /sweep table)")
    if value not in s:
        raise NotAvailable(f"no column {value!r} in /sweep")
    axes_ = sweep_axes(result)
    is_p = value == "p_deliverable"
    label, unit = _value_label(value)
    is_ratio = unit == "share"
    if len(axes_) == 1:
        a = axes_[0]
        g = s.copy()
        numeric, kind = _numeric_axis(list(g[a]))
        xs = numeric if numeric is not None else np.arange(len(g))
        fig, ax = _fig(height=3.4)
        ax = ax[0][0]
        ys = g[value].astype(float)
        if unit == "hours":
            name, scale = units.readable_unit(float(np.nanmax(np.abs(ys))) if ys.notna().any() else 1.0)
            ys = ys / scale
            label += f" ({name})"
        ax.plot(xs, ys, marker="o", color="#1565c0")
        if is_p:
            ax.fill_between(xs, g.ci_low, g.ci_high, color="#1565c0", alpha=0.2, label="95% CI")
            if result.confidence:
                ax.axhline(result.confidence, color="black", ls="--", lw=1, label="required")
            ax.legend(fontsize=8)
        if is_ratio or is_p:
            ax.set_ylim(0, 1.02)
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
        if numeric is None:
            ax.set_xticks(xs, [str(v) for v in g[a]])
        elif kind == "date":
            _date_ticks(ax)
        ax.set_xlabel(a + (f" ({kind})" if kind else ""))
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.set_title(f"{label} along {a}", fontsize=10, loc="left")
        return fig
    ya, xa = axes_[0], axes_[1]
    rest = axes_[2:]
    groups = list(s.groupby(rest, sort=False)) if rest else [((), s)]
    groups = groups[:6]
    fig, axs = _fig(1, len(groups), height=0.55 * s[ya].nunique() + 2.2, width=max(6.0, 4.2 * len(groups) + 2))
    for ax, (key, g) in zip(axs[0], groups):
        yv = list(dict.fromkeys(g[ya]))
        xv = list(dict.fromkeys(g[xa]))
        grid = np.full((len(yv), len(xv)), np.nan)
        judg = [["" for _ in xv] for _ in yv]
        for _, row in g.iterrows():
            i, j = yv.index(row[ya]), xv.index(row[xa])
            grid[i, j] = row[value]
            judg[i][j] = row["judgement"]
        # Rates on their whole 0-100% scale: auto-scaling 99.95-100% makes a tiny difference look
        # like the whole range.
        fixed = is_p or is_ratio
        im = ax.imshow(grid, cmap="RdYlGn" if fixed else "viridis", vmin=0 if fixed else None,
                       vmax=1 if fixed else None, aspect="auto")
        for i in range(len(yv)):
            for j in range(len(xv)):
                if not math.isnan(grid[i, j]):
                    text = (units.percent(grid[i, j]) if fixed else
                            units.fmt_kpi(units.metric_of(value), grid[i, j], unit))
                    if is_p:
                        text += "\n" + {"DELIVERABLE": "✓", "AT RISK": "?", "NOT DELIVERABLE": "✗"}.get(judg[i][j], "")
                    ax.text(j, i, text, ha="center", va="center", fontsize=9, color="black")
        ax.set_xticks(range(len(xv)), [str(v) for v in xv])
        ax.set_yticks(range(len(yv)), [str(v) for v in yv])
        ax.set_xlabel(xa)
        ax.set_ylabel(ya)
        sub = ", ".join(f"{a}={k}" for a, k in zip(rest, key if isinstance(key, tuple) else (key,)))
        ax.set_title(f"{label}" + (" (scale 0–100%)" if fixed else "") + (f"\n{sub}" if sub else ""),
                     fontsize=10)
        cb = fig.colorbar(im, ax=ax, fraction=0.05, pad=0.02)
        if fixed:
            cb.ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    return fig


def _point_summary_rows(result, k):
    """The summary and scoped summary of sweep point k as one DataFrame (kpi, metric, mean,
    ci_low, ci_high, unit)."""
    p = result.point(k)
    frames = [f for f in (p.summary, p.scoped_summary) if f is not None and len(f)]
    if not frames:
        return pd.DataFrame(columns=["kpi", "metric", "mean", "ci_low", "ci_high"])
    return pd.concat(frames, ignore_index=True, sort=False)


def sweep_kpis(result):
    """Sweep: the KPIs along the grid's first axis (to scale when its values are numbers), mean
    over the replications with its 95% CI: the order lead time, the fill rate, each service
    node's service level, and the busiest resource's utilisation; one line per value of a
    second axis. In the first campaign's window when there is one, else the run's."""
    s = _need(result.sweep, "this is not a sweep file (no /sweep table)")
    axes_ = sweep_axes(result)
    a = axes_[0]
    first_values = list(dict.fromkeys(s[a]))
    numeric, kind = _numeric_axis(first_values)
    position = dict(zip(first_values, numeric if numeric is not None else range(len(first_values))))
    window = result.scenario.campaigns[0]["id"] if result.scenario.campaigns else "run"
    points = list(s.point)
    summaries = [_point_summary_rows(result, int(k)) for k in points]
    # The busiest resource: the highest mean run-window utilisation at any point.
    busiest, best = None, -1.0
    for df in summaries:
        if not len(df):
            continue
        u = df[(df.metric == "utilisation") & df.kpi.str.startswith("run.") & df.kpi.str.contains("resource=")]
        for x in u.itertuples():
            if x.mean == x.mean and x.mean > best:
                best, busiest = x.mean, x.kpi
    panels = [(f"{window}.mean_lead_time", "mean order lead time"), (f"{window}.fill_rate", "fill rate")]
    panels += [(f"{window}.{n}.service_level", f"service level at {n}") for n in result.scenario.service_nodes]
    if busiest:
        res = busiest[busiest.index("[") + 1:-1].replace("node=", "").replace(",resource=", "/")
        panels.append((busiest, f"utilisation of {res}"))

    def series(kpi):
        out = []
        for df in summaries:
            row = df[df.kpi == kpi] if len(df) else df
            out.append((float(row["mean"].iloc[0]), float(row.ci_low.iloc[0]), float(row.ci_high.iloc[0]))
                       if len(row) else (math.nan, math.nan, math.nan))
        return np.array(out, dtype=float)

    data = [(kpi, title, series(kpi)) for kpi, title in panels]
    data = [d for d in data if np.isfinite(d[2][:, 0]).any()]
    if not data:
        raise NotAvailable("no KPI summaries in the sweep's points")
    lines = list(s.groupby(axes_[1], sort=False)) if len(axes_) > 1 else [(None, s)]
    fig, axs = _fig(1, len(data), height=3.4, width=max(10.0, 4.0 * len(data)))
    colours = matplotlib.colormaps["viridis"](np.linspace(0.0, 0.85, max(1, len(lines))))
    for ax, (kpi, title, values) in zip(axs[0], data):
        unit = units.unit_of(units.metric_of(kpi))
        scale, suffix = 1.0, ""
        if unit == "hours":
            name, scale = units.readable_unit(float(np.nanmax(np.abs(values[:, 0]))) or 1.0)
            suffix = f" ({_DURATION_WORDS[name]})"
        for colour, (key, g) in zip(colours, lines):
            x = np.array([position[v] for v in g[a]], dtype=float)
            v = values[[points.index(p) for p in g.point]] / scale
            # A t-interval can run past what the KPI can be: clip it to [0, 1] or to >= 0.
            v[:, 1:] = np.clip(v[:, 1:], 0, 1 if unit == "share" else None)
            ax.plot(x, v[:, 0], marker="o", color=colour,
                    label=f"{axes_[1]} = {key}" if key is not None else "mean")
            ax.fill_between(x, v[:, 1], v[:, 2], color=colour, alpha=0.15, lw=0,
                            label="95% CI" if key is None else None)
        if numeric is None:
            ax.set_xticks(range(len(first_values)), [str(v) for v in first_values])
        if numeric is not None and kind == "date":
            _date_ticks(ax)
        ax.set_xlabel(a + (f" ({kind})" if kind else ""), fontsize=8)
        ax.set_ylabel(title + suffix)
        for threshold in _targets_for(result, units.metric_of(kpi), window=window):
            ax.axhline(threshold / scale, color="black", ls="--", lw=1, label="target")
        if unit == "share":
            low = float(np.nanmin(np.clip(values[:, 1], 0, 1)))
            ax.set_ylim(max(0.0, min(low, 1.0) - 0.05) if low > 0.5 else 0.0, 1.02)
            ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
            _share_ticks(ax)
        ax.set_title(f"{title}, {window} window", fontsize=9, loc="left")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    return fig


def _share_ticks(ax):
    """A share axis keeps headroom above 100% so a point at 100% is not cut, but labels no
    share that cannot be: on a narrow range the locator put ticks at 101% and 102%."""
    ax.set_yticks([t for t in ax.get_yticks() if -1e-9 <= t <= 1 + 1e-9])


# ---- search ----------------------------------------------------------------------------------
def probes(result):
    """Search: every probe's P(deliverable) with its CI (95% Wilson, or its look's Clopper-Pearson
    interval when it stopped once settled), in the order they ran."""
    p = _need(result.probes, "this is not a search file (no /probes table)")
    fig, ax = _fig(height=3.4)
    ax = ax[0][0]
    colours = [JUDGEMENT_COLOURS.get(j, "grey") for j in p.judgement]
    ax.errorbar(p.value, p.p_deliverable, yerr=_err(p.p_deliverable, p.ci_low, p.ci_high),
                fmt="none", ecolor="grey", capsize=4)
    ax.scatter(p.value, p.p_deliverable, c=colours, s=45, zorder=3)
    for i, row in enumerate(p.itertuples()):
        ax.annotate(str(i + 1), (row.value, row.p_deliverable), textcoords="offset points", xytext=(5, 5), fontsize=8)
    if result.confidence:
        ax.axhline(result.confidence, color="black", ls="--", lw=1, label=f"required {result.confidence:.0%}")
    dv = result.attrs.get("deliverable_value", math.nan)
    if dv is not None and not math.isnan(dv):
        ax.axvline(dv, color="#2e7d32", lw=1.5, label=f"largest deliverable {units.fmt_param(dv)}")
    ax.set_ylim(-0.02, 1.02)
    ax.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel(result.attrs.get("parameter", "value"))
    ax.set_ylabel("P(every target met)")
    ax.set_title("Search probes (numbers: order run; green deliverable, amber at risk, red not)",
                 fontsize=10, loc="left")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    return fig


# WHAT -> (function, one-line description). The order is the report's order.
FIGURES = {
    "targets": (targets, "each target: value vs threshold (run) or P(met) with 95% CI (Monte Carlo)"),
    "plans": (plans, "compare: P(deliverable) with CI and cost per plan"),
    "sweep": (sweep, "sweep: heat map of P(deliverable) over the grid"),
    "sweep_kpis": (sweep_kpis, "sweep: KPIs (lead time, fill rate, service level, utilisation) "
                               "along the grid, to scale"),
    "probes": (probes, "search: P(deliverable) of each probe"),
    "uplift": (uplift, "Monte Carlo: drawn uplift vs campaign fill rate, failures marked"),
    "stock": (stock, "on hand, backlog, on order per stock point over time (Monte Carlo: fan charts)"),
    "echelon_orders": (echelon_orders, "run: orders per period of each echelon and the customers' "
                                       "demand (the bullwhip effect)"),
    "utilisation": (utilisation, "heat map of utilisation per resource per day"),
    "queues": (queues, "queue length per resource over time (Monte Carlo: fan charts)"),
    "service": (service, "service queues: service level, waiting time, abandonment"),
    "lead_time": (lead_time, "order lead-time distribution against the promise"),
}


def figure(result, what, **options):
    """The figure WHAT (a key of FIGURES) for a result."""
    if what not in FIGURES:
        raise KeyError(f"unknown figure {what!r}; one of: {', '.join(FIGURES)}")
    return FIGURES[what][0](result, **options)


def available(result):
    """The WHATs this result can draw."""
    out = []
    for name, (fn, _) in FIGURES.items():
        try:
            fig = fn(result)
        except NotAvailable:
            continue
        plt.close(fig)
        out.append(name)
    return out
