"""`surge report`: one self-contained HTML file (figures embedded as PNG data URIs, no network)
whose first screen answers "can we deliver this campaign?"."""
import base64
import html
import io
import math
import os

import pandas as pd

from . import dates, optimise, plots, units
from .verdict import RATIO_METRICS, day_phrase, fmt_value, num, pct, verdict

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;
 background:#f4f5f7;color:#1d2329;line-height:1.45}
main{max-width:1080px;margin:0 auto;padding:18px 24px 40px}
header{display:flex;justify-content:space-between;align-items:baseline;gap:16px;flex-wrap:wrap}
header h1{font-size:22px;margin:6px 0}
header .meta{color:#5f6b76;font-size:13px}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12);padding:18px 22px;margin:14px 0}
.verdict{border-left:10px solid #999}
.verdict.good{border-left-color:#2e7d32}.verdict.warn{border-left-color:#f0a500}.verdict.bad{border-left-color:#c62828}
.judgement{font-size:30px;font-weight:800;letter-spacing:.5px;margin:0}
.good .judgement{color:#2e7d32}.warn .judgement{color:#b27400}.bad .judgement{color:#c62828}
.answer{font-size:17px;margin:6px 0 12px}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:8px 18px;margin:10px 0}
.fact .k{font-size:12px;color:#5f6b76;text-transform:uppercase;letter-spacing:.4px}
.fact .v{font-size:16px;font-weight:600;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #e3e6ea;vertical-align:top}
th{background:#f0f2f5;font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.tag{display:inline-block;padding:1px 7px;border-radius:4px;font-size:12px;font-weight:700;color:#fff;white-space:nowrap}
.tag.good{background:#2e7d32}.tag.warn{background:#f0a500}.tag.bad{background:#c62828}
.plain{background:#fffbe6;border:1px solid #f0dfa0}
.plain h2{margin-top:0}
.plain p{font-size:15.5px;margin:0}
h2{font-size:18px;margin:6px 0 10px}
figure{margin:0}figure img{max-width:100%;height:auto;display:block}
figcaption{color:#5f6b76;font-size:13px;margin-top:6px}
nav a{margin-right:12px;font-size:13px}
footer{color:#5f6b76;font-size:12px;margin-top:26px}
code{background:#eef0f3;padding:1px 4px;border-radius:3px}
.modified{background:#fff3e0;border:1px solid #f0a500;border-radius:6px;padding:6px 10px;margin:8px 0;font-size:14px}
details{margin:6px 0}summary{cursor:pointer;font-weight:600}
pre{background:#f6f8fa;border:1px solid #e3e6ea;border-radius:6px;padding:8px;overflow:auto;max-height:420px;font-size:12.5px}
tr.you td{background:#e8f5e9;font-weight:600}
"""

CHECK_SCRIPT = """
window.__surgeErrors = [];
window.addEventListener('error', function (e) {
  var t = e.target;
  window.__surgeErrors.push(t && t.tagName ? ('failed to load ' + t.tagName) : String(e.message));
}, true);
window.addEventListener('load', function () {
  var figs = document.querySelectorAll('figure[data-figure]');
  var bad = [];
  figs.forEach(function (f) {
    var img = f.querySelector('img');
    if (!img || !img.complete || img.naturalWidth <= 0 || img.naturalHeight <= 0) bad.push(f.getAttribute('data-figure'));
  });
  var ok = bad.length === 0 && window.__surgeErrors.length === 0;
  var root = document.documentElement;
  root.setAttribute('data-check', ok ? 'ok' : 'fail');
  root.setAttribute('data-figures', String(figs.length));
  root.setAttribute('data-bad-figures', bad.join(' '));
  root.setAttribute('data-errors', window.__surgeErrors.join(' | '));
});
"""

KIND_TITLE = {"run": "single run", "mc": "Monte Carlo", "sweep": "sweep", "compare": "plan comparison",
              "search": "search", "diagnose": "diagnosis", "optimise": "optimisation"}

CAPTIONS = {
    "targets": "Each target. Single run: the value reached (green met, red missed) against the target. "
               "Monte Carlo: the share of replications meeting it, with its 95% Wilson interval; the "
               "dashed line is the confidence the scenario requires.",
    "plans": "Every plan against the baseline: probability that every target is met (with the "
             "interval its verdict used) and what the plan costs. ★ marks the cheapest deliverable plan.",
    "sweep": "Probability that every target is met at each grid point (✓ deliverable, ? at risk, "
             "✗ not deliverable).",
    "sweep_kpis": "The KPIs along the grid's first axis, spaced to scale when its values are numbers "
                  "(counts, rates, durations, dates): the mean over the replications at each point "
                  "with its 95% confidence band, one line per value of a second axis; a dashed line "
                  "is a target on that KPI. In the first campaign's window when there is one, else "
                  "over the run (after warm-up).",
    "probes": "Each search probe's probability of meeting every target with the interval its verdict used.",
    "uplift": "Each replication drew its own campaign uplift: which ones failed, and how the campaign "
              "fill rate falls as the uplift grows.",
    "stock": "Stock at every stock point over time.",
    "echelon_orders": "Units each stock point ordered from its sources per period, one panel per "
                      "product, customer-facing first, and the customers' demand of that product "
                      "(dashed; for a component no customer orders, the demand at its most "
                      "downstream stock point). Swings that grow upstream are the bullwhip effect. "
                      "The ratio in the legend is the variance of the stock point's orders of the "
                      "product over the variance of that demand, per period of the run window "
                      "(after warm-up): the KPI bullwhip_ratio's definition with the customers' "
                      "demand in place of the demand the stock point sees (the legend gives the KPI "
                      "too where the two differ). With many products, those with the largest "
                      "ratios are drawn and the title names the ones left out. The grey band is the "
                      "warm-up.",
    "utilisation": "How busy every station, production line and agent pool is, day by day "
                   "(1 = every server busy all open hours).",
    "queues": "Jobs waiting at each resource over time.",
    "service": "Customer service: share of contacts answered within the service-level time, share "
               "abandoned, and waiting time.",
    "lead_time": "Order lead time, from order placed to delivered, against the promise to customers.",
}


def _img(fig, what, alt):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return (f'<figure data-figure="{what}"><img alt="{html.escape(alt)}" '
            f'src="data:image/png;base64,{data}"></figure>')


def _table(df, numeric=()):
    if df is None or not len(df):
        return "<p><em>none</em></p>"
    out = ["<table><thead><tr>"]
    out += [f"<th>{html.escape(str(c))}</th>" for c in df.columns]
    out.append("</tr></thead><tbody>")
    for _, row in df.iterrows():
        out.append("<tr>")
        for c in df.columns:
            v = row[c]
            cls = ' class="num"' if c in numeric else ""
            out.append(f"<td{cls}>{_cell(c, v)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _tone_of(text):
    t = str(text).upper()
    if t.startswith("NOT") or t in ("MISSED",):
        return "bad"
    if "RISK" in t:
        return "warn"
    if t in ("DELIVERABLE", "MET"):
        return "good"
    return ""


def _cell(col, v):
    if col == "result" and _tone_of(v):
        return f'<span class="tag {_tone_of(v)}">{html.escape(str(v))}</span>'
    if isinstance(v, float):
        return html.escape(num(v))
    return html.escape(str(v))


def _verdict_card(result, v):
    facts = "".join(f'<div class="fact"><div class="k">{html.escape(k)}</div>'
                    f'<div class="v">{html.escape(val)}</div></div>' for k, val in v.facts)
    t = v.targets
    label = v.table_title or {"compare": "Plans", "sweep": "Grid points",
                              "search": "Probes"}.get(result.kind, "Targets")
    table = ""
    if t is not None and len(t):
        # A column with nothing in it (no first breaks, no verdicts without targets) is left out.
        cols = [c for c in t.columns if c == "target" or any(str(x) for x in t[c])]
        table = f"<h2>{label}</h2>" + _table(t[cols].rename(columns={"target": label[:-1].lower()}))
    return (f'<section id="verdict" class="card verdict {v.tone}" data-section="verdict">'
            f'<p class="judgement">{html.escape(v.judgement)}</p>'
            f'<p class="answer">{html.escape(v.answer)}</p><div class="facts">{facts}</div>{table}</section>')


def _plain(v):
    return ('<section id="plain" class="card plain" data-section="plain"><h2>In plain words '
            '<span style="font-weight:400;font-size:13px;color:#7a6a20">(ready to paste into an email)'
            f'</span></h2><p id="plain-text">{html.escape(v.paragraph)}</p></section>')


# Figures whose time axis shades or marks the campaign windows (their caption says so only
# when there is a campaign to show).
SHADED = {"stock", "queues", "service"}


def _figure_section(result, what, title, caption=None, **options):
    try:
        fig = plots.FIGURES[what][0](result, **options)
    except plots.NotAvailable:
        return None
    name = what if not options else what + "-" + "-".join(str(x) for x in options.values())
    body = _img(fig, name, title)
    cap = caption or CAPTIONS.get(what, "")
    windows = plots.campaign_windows_of(result) if what in SHADED else []
    if len(windows) == 1:
        cap += " The shaded band is the campaign window."
    elif windows:
        cap += " The shaded bands are the campaign windows."
    return (name, title,
            f'<section id="fig-{html.escape(name)}" class="card" data-section="{html.escape(name)}">'
            f'<h2>{html.escape(title)}</h2>{body}<figcaption>{html.escape(cap)}</figcaption></section>')


RUN_KPIS = [("demand_units", "demand"), ("fill_rate", "fill rate"), ("otif", "OTIF"),
            ("backorders", "backorders"), ("lost_sales", "lost sales"),
            ("mean_lead_time", "lead time mean"), ("p95_lead_time", "lead time p95"),
            ("revenue", "revenue"), ("campaign_margin", "campaign margin"),
            ("total_cost", "total cost")]
SERVICE_KPIS = [("service_level", "service level"), ("abandonment_rate", "abandonment"),
                ("wait_probability", "waited at all"), ("mean_wait", "mean wait (answered)"),
                ("mean_wait_all", "mean wait (all contacts)")]
STOCK_KPIS = [("on_hand", "on hand"), ("mean_backlog", "mean backlog"),
              ("max_backlog", "max backlog"), ("bullwhip_ratio", "bullwhip ratio")]


def _unit_note(metric, currency=""):
    """A row label's unit: money in the scenario's currency when it names one ("(EUR)")."""
    u = units.unit_of(metric)
    return {"money": f" ({currency or 'money'})", "hours": ""}.get(u, "")


def _no_promise(result, metric):
    """OTIF without any delivery promise is not "on time": shown as n/a."""
    return metric == "otif" and not result.scenario.promises


def _run_kpi_table(result):
    k = result.kpi
    k = k[(k["product"] == "") & (k.market == "") & (k.resource == "")]
    order = list(result.windows.name)
    rows = []
    def add(metric, label, node=""):
        sel = k[(k.metric == metric) & (k.node == node)]
        if not len(sel):
            return
        row = {"kpi": label + _unit_note(metric, dates.currency(result))}
        for w in order:
            v = sel[sel.window == w].value
            unit = sel[sel.window == w].unit.iloc[0] if "unit" in sel and len(v) else None
            row[w] = ("n/a (no promise)" if _no_promise(result, metric) else
                      fmt_value(metric, float(v.iloc[0]), unit) if len(v) else "n/a")
        rows.append(row)
    for metric, label in RUN_KPIS:
        add(metric, label)
    for node in result.scenario.service_nodes:
        for metric, label in SERVICE_KPIS:
            add(metric, f"{label} @{node}", node)
    return _table(pd.DataFrame(rows), numeric=order)


def _stock_table(result):
    """Per stock point over the run window: on hand, mean and max backlog, bullwhip ratio."""
    k = result.kpi
    k = k[(k.window == "run") & k.metric.isin([m for m, _ in STOCK_KPIS])]
    if not len(k):
        return None
    rows = []
    for (node, product), g in k.groupby(["node", "product"], sort=False):
        row = {"stock point": f"{node}/{product}"}
        for metric, label in STOCK_KPIS:
            v = g[g.metric == metric].value
            row[label] = fmt_value(metric, float(v.iloc[0])) if len(v) else "–"
        rows.append(row)
    return _table(pd.DataFrame(rows), numeric=[label for _, label in STOCK_KPIS])


def _census_section(result, prefix=""):
    """The binding constraints (docs/kpis.md): for a run, hours bound, first bound, work held
    and what each waited on upstream; over replications, the share of runs in which each bound
    and its mean hours bound. Only constraints that bound, longest first."""
    c = result.census
    if c is None or not len(c):
        return None
    rows = []
    if "bound_hours" in c:
        def upstream(x):
            """Its upstream with its kind: the row of that name other than itself (a factory's
            stock and its line share a name)."""
            if not x.upstream:
                return "–"
            u = all_rows[(all_rows.window == x.window) & (all_rows.constraint == x.upstream)
                         & ~((all_rows.constraint == x.constraint) & (all_rows.kind == x.kind))]
            return f"{x.upstream} ({u.kind.iloc[0]})" if len(u) else x.upstream

        all_rows = c
        c = c[c.bound_hours > 0].sort_values(["window", "bound_hours"], ascending=[True, False],
                                              kind="stable")
        for x in c.itertuples():
            rows.append({"window": x.window, "constraint": x.constraint, "kind": x.kind,
                         "bound": units.readable_duration(x.bound_hours),
                         "first bound": day_phrase(result, x.first_bound),
                         "held up": f"{units.grouped(round(x.held))} {x.held_unit}",
                         "waited on": upstream(x)})
    else:
        c = c[c.bound_share > 0].sort_values(["window", "mean_bound_hours"],
                                             ascending=[True, False], kind="stable")
        for x in c.itertuples():
            hw = (x.bound_hours_ci_high - x.bound_hours_ci_low) / 2
            rows.append({"window": x.window, "constraint": x.constraint, "kind": x.kind,
                         "bound in": pct(x.bound_share),
                         "bound in failing runs": pct(x.bound_share_failing),
                         # Hours bound, as every duration with its interval is shown.
                         "mean bound": units.fmt_interval("mean_wait", x.mean_bound_hours, hw),
                         "mean held up": f"{units.grouped(round(x.mean_held))} {x.held_unit}"})
    if not rows:
        return None
    title = prefix + "Binding constraints"
    return ("census", title,
            f'<section id="census" class="card" data-section="census"><h2>{html.escape(title)}</h2>'
            f"<p>Where work waited: a stock point out of stock, a station or agent pool with every "
            f"server busy and a queue, a line with a backlog, a lane or supplier at capacity or "
            f"down (docs/kpis.md).</p>{_table(pd.DataFrame(rows))}</section>")


def _summary_rows(df, currency=""):
    rows = []
    for x in df.itertuples():
        unit = getattr(x, "unit", None) or None
        hw = (x.ci_high - x.ci_low) / 2 if not (pd.isna(x.ci_high) or pd.isna(x.ci_low)) else math.nan
        rows.append({"kpi": x.kpi, "mean ± 95% CI": units.fmt_interval(x.metric, x.mean, hw, unit,
                                                                       currency=currency),
                     "n": int(x.n)})
    return rows


def _kpi_tables(result):
    """Headline KPIs: run = KPI rows of every window at network / service-node scope, then the
    stock points; Monte Carlo = the summary (mean and 95% CI), then the scoped summary."""
    r = result
    if r.kind == "run" and r.kpi is not None:
        out = _run_kpi_table(r)
        st = _stock_table(r)
        if st:
            out += "<h2>Stock points (run window)</h2>" + st
        return out
    if r.summary is not None and len(r.summary):
        out = _table(pd.DataFrame(_summary_rows(r.summary, dates.currency(r))), numeric=("mean ± 95% CI", "n"))
        sc = r.scoped_summary
        if sc is not None and len(sc):
            out += ("<h2>Per product, market, stock point and resource</h2>"
                    "<p>Each replication keeps these too (<code>scoped_replications</code>).</p>"
                    + _table(pd.DataFrame(_summary_rows(sc, dates.currency(r))), numeric=("mean ± 95% CI", "n")))
        return out
    return None


def _dated_span(result):
    """The simulated period in dates, "2026-10-01 to 2027-01-29", for a dated scenario."""
    horizon = result.attrs.get("horizon_hours", result.scenario.horizon)
    if dates.start_date(result) is None or horizon is None:
        return ""
    return dates.span_text(result, 0.0, float(horizon))


def _time_axes_words(result):
    start = dates.start_date(result)
    if start is None:
        return "chart time axes are days from the start of the simulation"
    return f"chart time axes are dates (day 0 is {start.isoformat()})"


def _provenance(result):
    """What was run: the command line, the overrides and plans, and the scenario as written
    beside the one that ran (docs/output.md, /provenance)."""
    p = result.provenance
    effective = result.scenario_text or ""
    original = result.original_scenario_text
    parts = []
    if p.get("command_line"):
        parts.append(f"<p>Command: <code>{html.escape(p['command_line'])}</code></p>")
    overrides = p.get("overrides") or []
    plans_ = p.get("plans") or []
    parts.append("<p>Overrides (<code>--set</code>): "
                 + (", ".join(f"<code>{html.escape(o)}</code>" for o in overrides) if overrides else "none")
                 + ". Plans applied (<code>--plan</code>): "
                 + (", ".join(f"<code>{html.escape(x)}</code>" for x in plans_) if plans_ else "none")
                 + ".</p>")
    if original and original != effective:
        parts.append("<details><summary>The scenario file as written (comments kept)</summary>"
                     f"<pre>{html.escape(original)}</pre></details>")
        parts.append("<details><summary>The scenario that ran (after the overrides)</summary>"
                     f"<pre>{html.escape(effective)}</pre></details>")
    elif effective:
        parts.append("<details><summary>The scenario that ran</summary>"
                     f"<pre>{html.escape(effective)}</pre></details>")
    return ("provenance", "What was run",
            '<section id="provenance" class="card" data-section="provenance"><h2>What was run</h2>'
            + "".join(parts) + "</section>")


def _modified_banner(result):
    p = result.provenance
    n, plans_ = len(p.get("overrides") or []), len(p.get("plans") or [])
    if not n and not plans_:
        return ""
    what = " and ".join(x for x in [f"{n} <code>--set</code> override{'s' if n != 1 else ''}" if n else "",
                                    f"{plans_} plan{'s' if plans_ != 1 else ''}" if plans_ else ""] if x)
    return (f'<p class="modified" data-modified="{n + plans_}">This result is for the scenario '
            f"<b>as modified by {what}</b>, not the file as written: see "
            f'<a href="#provenance">What was run</a>.</p>')


def _player_section(result):
    """A played beer game: the player's orders, and the cost and bullwhip table of every echelon."""
    from .echelons import echelon_table, player
    me = player(result)
    table = echelon_table(result)
    if not me or table is None:
        return None
    node, orders, _ = me
    rows = ["<table><thead><tr><th>echelon</th><th>holding cost</th><th>backlog cost</th>"
            "<th>total cost</th><th>max backlog (any moment)</th><th>sd of weekly orders</th>"
            "<th>bullwhip ratio (vs demand it saw)</th><th>vs customers' demand</th></tr></thead><tbody>"]
    for r in table.itertuples():
        you = r.node == node
        cls, tag = (' class="you"', " (you)") if you else ("", "")
        rows.append(f'<tr{cls}><td>{html.escape(r.node)}{tag}</td>'
                    f'<td class="num">{units.grouped(r.holding_cost)}</td>'
                    f'<td class="num">{units.grouped(r.backlog_cost)}</td>'
                    f'<td class="num">{units.grouped(r.cost)}</td>'
                    f'<td class="num">{html.escape(fmt_value("max_backlog", r.max_backlog))}</td>'
                    f'<td class="num">{units.readable_number(r.order_sd)}</td>'
                    f'<td class="num">{html.escape(fmt_value("bullwhip_ratio", r.bullwhip_ratio))}</td>'
                    f'<td class="num">{html.escape(fmt_value("bullwhip_ratio", r.vs_customers))}</td></tr>')
    rows.append(f'<tr><td>team</td><td class="num">{units.grouped(table.holding_cost.sum())}</td>'
                f'<td class="num">{units.grouped(table.backlog_cost.sum())}</td>'
                f'<td class="num">{units.grouped(table.cost.sum())}</td><td></td><td></td><td></td><td></td></tr>')
    rows.append("</tbody></table>")
    costs = result.scenario.products
    rates = "; ".join(f"{p}: holding {units.readable_number(c['holding_cost'] * 168)} and backlog "
                      f"{units.readable_number(c['backorder_cost'] * 168)} per case-week"
                      for p, c in costs.items())
    body = (f"<p>You played the <b>{html.escape(node)}</b>. Your orders, week by week: "
            f"<code>{html.escape(', '.join(units.readable_number(x) for x in orders))}</code>.</p>"
            f"<p>Costs over the game ({html.escape(rates)}):</p>" + "".join(rows)
            + "<p>Bullwhip ratio: the variance of an echelon's weekly orders over the variance of the "
              "orders it received (docs/kpis.md); above 1, it amplified the swings it saw.</p>")
    return ("player", "Your game",
            f'<section id="player" class="card" data-section="player"><h2>Your game: the '
            f'{html.escape(node)}</h2>{body}</section>')


def _differences_section(result):
    c = result.differences
    if c is None or not len(c):
        return None
    d = c.copy()
    keep = [k for k in d.kpi.unique() if units.metric_of(k) in
            ("fill_rate", "otif", "service_level", "total_cost", "campaign_margin", "mean_lead_time")]
    d = d[d.kpi.isin(keep)]
    unit = list(d.unit) if "unit" in d else [None] * len(d)
    code = dates.currency(result)
    d = d.assign(difference=[f"{units.fmt_diff(units.metric_of(k), m, u)} "
                             f"{units.fmt_diff_range(units.metric_of(k), lo, hi, u, currency=code)}"
                             for k, m, lo, hi, u in zip(d.kpi, d.mean_difference, d.ci_low, d.ci_high, unit)])
    html_diff = _table(d[["plan", "kpi", "difference"]])
    return ("differences", "Differences from the baseline",
            '<section id="differences" class="card" data-section="differences">'
            "<h2>Differences from the baseline (plan minus baseline, paired, 95% CI)</h2>"
            "<p>Differences of rates are in percentage points (pp).</p>"
            f"{html_diff}</section>")


def _sweep_sections(result):
    """The grid: P(deliverable) when the scenario has targets; the KPIs along the grid in any
    case (against a numeric axis when the grid's first axis is numeric)."""
    out = []
    if result.scenario.target_count > 0:
        where = ("where the campaign is deliverable" if result.scenario.campaigns
                 else "where every target is met")
        out.append(_figure_section(result, "sweep", f"Sweep: {where}"))
    out.append(_figure_section(result, "sweep_kpis", "KPIs along the grid"))
    # Heat maps (two or more axes) of the campaign-window rates, or of the run's without a campaign.
    if len(plots.sweep_axes(result)) >= 2:
        campaigns = {c["id"] for c in result.scenario.campaigns}
        for col in result.sweep.columns:
            if not col.endswith(".mean") or units.metric_of(col) not in ("fill_rate", "otif", "service_level"):
                continue
            window = col.split(".")[0]
            if (campaigns and window not in campaigns) or (not campaigns and window != "run"):
                continue
            out.append(_figure_section(result, "sweep", f"Sweep: mean {col[:-5]}",
                                       f"Mean of {col[:-5]} over the replications at each point.",
                                       value=col))
    return out


def build_report(result):
    """The report of a Result as one HTML string."""
    v = verdict(result)
    sections = []
    detail = result
    if result.kind == "compare":
        sections.append(_figure_section(result, "plans", "Plans: probability and cost"))
        sections.append(_differences_section(result))
        detail = result.plan(result.plans[0]) if result.plans else result
    elif result.kind == "sweep":
        sections += _sweep_sections(result)
    elif result.kind == "search":
        sections.append(_figure_section(result, "probes", "Search probes"))
    elif result.kind == "diagnose":
        detail = result.baseline()
    elif result.kind == "optimise":
        sections += optimise.optimise_sections(result, _img)
    if detail.kind in ("run", "mc"):
        prefix = "Baseline: " if result.kind in ("compare", "diagnose") else ""
        if detail.kind == "run":
            sections.append(_player_section(detail))
        for what, title in [("targets", "Targets"), ("uplift", "Uplift and failures"),
                            ("stock", "Inventory, backlog and on order per stock point"),
                            ("echelon_orders", "Orders per echelon (bullwhip)"),
                            ("utilisation", "Utilisation heat map"),
                            ("service", "Service queues"), ("lead_time", "Order lead time vs promise"),
                            ("queues", "Queues at resources")]:
            sections.append(_figure_section(detail, what, prefix + title))
        sections.append(_census_section(detail, prefix))
        kt = _kpi_tables(detail)
        if kt:
            sections.append(("kpis", prefix + "Key figures",
                             f'<section id="kpis" class="card" data-section="kpis"><h2>{prefix}Key figures</h2>'
                             f"{kt}</section>"))
    sections.append(_provenance(result))
    sections = [s for s in sections if s]
    plain_ids = ("kpis", "differences", "provenance", "player", "census", "optimisation")
    nav = " ".join(f'<a href="#{"fig-" if n not in plain_ids else ""}{html.escape(n)}">'
                   f"{html.escape(t)}</a>" for n, t, _ in sections)
    a = result.attrs
    reps = result.replications_count
    meta = " · ".join(x for x in [
        KIND_TITLE.get(result.kind, result.kind),
        f"{reps} replications" if reps and result.kind == "mc" else "",
        f"seed {a.get('seed')}" if "seed" in a else "",
        _dated_span(result),
        f"surge {a.get('surge_version', '?')}",
        html.escape(os.path.basename(result.path)),
    ] if x)
    body = "\n".join(s for _, _, s in sections)
    conservation = ""
    if result.conservation is not None and len(result.conservation):
        conservation = "<br>Conservation checks: " + "; ".join(html.escape(c) for c in result.conservation.check)
    return f"""<!DOCTYPE html>
<html lang="en" data-check="pending" data-kind="{html.escape(result.kind)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(result.name)}: {html.escape(v.judgement)} — Surge report</title>
<script>{CHECK_SCRIPT}</script>
<style>{CSS}</style></head>
<body><main>
<header><h1>Can we deliver it? {html.escape(result.name)}</h1><div class="meta">{meta}</div></header>
{_modified_banner(result)}
{_verdict_card(result, v)}
{_plain(v)}
<nav class="card">{nav}</nav>
{body}
<footer>Generated by <code>surge report</code> from <code>{html.escape(result.path)}</code> (kind
<code>{html.escape(result.kind)}</code>). Every value carries its unit; {_time_axes_words(result)};
differences of rates are in percentage points (pp).
Definitions: docs/kpis.md and docs/experiments.md of Surge.{conservation}</footer>
</main></body></html>
"""


def write_report(result, out_path):
    text = build_report(result)
    tmp = f"{out_path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, out_path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return out_path
