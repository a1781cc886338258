"""`surge report`: one self-contained HTML file (figures embedded as PNG data URIs, no network)
whose first screen answers "can we deliver this campaign?"."""
import base64
import html
import io
import math
import os

import pandas as pd

from . import plots
from .verdict import RATIO_METRICS, fmt_value, num, pct, verdict

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
              "search": "search"}

CAPTIONS = {
    "targets": "Each target. Single run: the value reached (green met, red missed) against the target. "
               "Monte Carlo: the share of replications meeting it, with its 95% Wilson interval; the "
               "dashed line is the confidence the scenario requires.",
    "plans": "Every plan against the baseline: probability that every target is met (with the "
             "interval its verdict used) and what the plan costs. ★ marks the cheapest deliverable plan.",
    "sweep": "Probability that every target is met at each grid point (✓ deliverable, ? at risk, "
             "✗ not deliverable).",
    "probes": "Each search probe's probability of meeting every target with the interval its verdict used.",
    "uplift": "Each replication drew its own campaign uplift: which ones failed, and how the campaign "
              "fill rate falls as the uplift grows.",
    "stock": "Stock at every stock point over time; the shaded band is the campaign window.",
    "echelon_orders": "Units each stock point ordered from its sources per period, customer-facing "
                      "first, and the customers' demand (dashed). Swings that grow upstream are the "
                      "bullwhip effect; the legend gives each echelon's order variance over the "
                      "customers' demand variance.",
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
    label = {"compare": "Plans", "sweep": "Grid points", "search": "Probes"}.get(result.kind, "Targets")
    table = ""
    if t is not None and len(t):
        cols = [c for c in t.columns if not (c == "first break" and not any(t[c]))]
        table = f"<h2>{label}</h2>" + _table(t[cols].rename(columns={"target": label[:-1].lower()}))
    return (f'<section id="verdict" class="card verdict {v.tone}" data-section="verdict">'
            f'<p class="judgement">{html.escape(v.judgement)}</p>'
            f'<p class="answer">{html.escape(v.answer)}</p><div class="facts">{facts}</div>{table}</section>')


def _plain(v):
    return ('<section id="plain" class="card plain" data-section="plain"><h2>In plain words '
            '<span style="font-weight:400;font-size:13px;color:#7a6a20">(ready to paste into an email)'
            f'</span></h2><p id="plain-text">{html.escape(v.paragraph)}</p></section>')


def _figure_section(result, what, title, caption=None, **options):
    try:
        fig = plots.FIGURES[what][0](result, **options)
    except plots.NotAvailable:
        return None
    name = what if not options else what + "-" + "-".join(str(x) for x in options.values())
    body = _img(fig, name, title)
    cap = caption or CAPTIONS.get(what, "")
    return (name, title,
            f'<section id="fig-{html.escape(name)}" class="card" data-section="{html.escape(name)}">'
            f'<h2>{html.escape(title)}</h2>{body}<figcaption>{html.escape(cap)}</figcaption></section>')


def _kpi_tables(result):
    """Headline KPIs: run = KPI rows of every window at network / service-node scope;
    Monte Carlo = the summary (mean and 95% CI)."""
    r = result
    if r.kind == "run" and r.kpi is not None:
        k = r.kpi
        k = k[(k["product"] == "") & (k.market == "") & (k.resource == "")]
        wanted = ["demand_units", "fill_rate", "otif", "backorders", "lost_sales", "mean_lead_time",
                  "p95_lead_time", "revenue", "campaign_margin", "total_cost", "service_level",
                  "abandonment_rate", "mean_wait"]
        k = k[k.metric.isin(wanted)].copy()
        k["kpi"] = k.metric + k.node.map(lambda n: f" @{n}" if n else "")
        wide = k.pivot_table(index="kpi", columns="window", values="value", aggfunc="first")
        order = [w for w in r.windows.name if w in wide.columns]
        wide = wide[order]
        rows = []
        for kpi, vals in wide.iterrows():
            metric = kpi.split(" ")[0]
            row = {"kpi": kpi}
            for w in order:
                x = vals[w]
                if metric.endswith("lead_time") or metric == "mean_wait":
                    row[w] = "n/a" if pd.isna(x) else (f"{x / 24:.2f} d" if metric.endswith("lead_time")
                                                       else f"{x * 3600:.0f} s")
                else:
                    row[w] = fmt_value(metric, x)
            rows.append(row)
        return _table(pd.DataFrame(rows), numeric=order)
    if r.summary is not None and len(r.summary):
        s = r.summary
        rows = [{"kpi": x.kpi, "mean": fmt_value(x.metric, x.mean),
                 "95% CI": f"{fmt_value(x.metric, x.ci_low)} – {fmt_value(x.metric, x.ci_high)}",
                 "n": int(x.n)} for x in s.itertuples()]
        return _table(pd.DataFrame(rows), numeric=("mean", "n"))
    return None


def build_report(result):
    """The report of a Result as one HTML string."""
    v = verdict(result)
    sections = []
    detail = result
    if result.kind == "compare":
        sections.append(_figure_section(result, "plans", "Plans: probability and cost"))
        c = result.differences
        if c is not None and len(c):
            d = c.copy()
            keep = [k for k in d.kpi.unique() if k.split(".")[-1] in
                    ("fill_rate", "otif", "service_level", "total_cost", "campaign_margin")]
            d = d[d.kpi.isin(keep)]
            d = d.assign(difference=[f"{fmt_value(k.split('.')[-1], m)} [{fmt_value(k.split('.')[-1], lo)}, "
                                     f"{fmt_value(k.split('.')[-1], hi)}]" for k, m, lo, hi in
                                     zip(d.kpi, d.mean_difference, d.ci_low, d.ci_high)])
            html_diff = _table(d[["plan", "kpi", "difference"]])
            sections.append(("differences", "Differences from the baseline",
                             '<section id="differences" class="card" data-section="differences">'
                             "<h2>Differences from the baseline (plan minus baseline, paired, 95% CI)</h2>"
                             f"{html_diff}</section>"))
        detail = result.plan(result.plans[0]) if result.plans else result
    elif result.kind == "sweep":
        sections.append(_figure_section(result, "sweep", "Sweep: where the campaign is deliverable"))
        for col in result.sweep.columns:
            if col.endswith(".mean") and col.split(".")[-2] in ("fill_rate", "otif", "service_level") \
                    and not col.startswith("run."):
                sections.append(_figure_section(result, "sweep", f"Sweep: mean {col[:-5]}",
                                                f"Mean of {col[:-5]} over the replications at each point.",
                                                value=col))
    elif result.kind == "search":
        sections.append(_figure_section(result, "probes", "Search probes"))
    if detail.kind in ("run", "mc"):
        prefix = "Baseline: " if result.kind == "compare" else ""
        for what, title in [("targets", "Targets"), ("uplift", "Uplift and failures"),
                            ("stock", "Inventory, backlog and on order per stock point"),
                            ("echelon_orders", "Orders per echelon (bullwhip)"),
                            ("utilisation", "Utilisation heat map"),
                            ("service", "Service queues"), ("lead_time", "Order lead time vs promise"),
                            ("queues", "Queues at resources")]:
            sections.append(_figure_section(detail, what, prefix + title))
        kt = _kpi_tables(detail)
        if kt:
            sections.append(("kpis", prefix + "Key figures",
                             f'<section id="kpis" class="card" data-section="kpis"><h2>{prefix}Key figures</h2>'
                             f"{kt}</section>"))
    sections = [s for s in sections if s]
    nav = " ".join(f'<a href="#{"fig-" if not n in ("kpis", "differences") else ""}{html.escape(n)}">'
                   f"{html.escape(t)}</a>" for n, t, _ in sections)
    a = result.attrs
    reps = result.replications_count
    meta = " · ".join(x for x in [
        KIND_TITLE.get(result.kind, result.kind),
        f"{reps} replications" if reps and result.kind == "mc" else "",
        f"seed {a.get('seed')}" if "seed" in a else "",
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
{_verdict_card(result, v)}
{_plain(v)}
<nav class="card">{nav}</nav>
{body}
<footer>Generated by <code>surge report</code> from <code>{html.escape(result.path)}</code> (kind
<code>{html.escape(result.kind)}</code>). Times are days from the start of the simulation. Definitions:
docs/kpis.md and docs/experiments.md of Surge.{conservation}</footer>
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
