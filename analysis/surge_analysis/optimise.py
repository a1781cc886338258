"""The optimisation section of `surge report` for a `surge optimise` file (docs/output.md,
"/optimise"): the cheapest deliverable plan with its guarantee, cost parts, commit-by dates and
runners-up, and with `--frontier` a figure of that plan's cost against the swept value."""
import html
import math

import h5py
import pandas as pd

from .tables import _decode, table_from_group
from .verdict import Verdict, num, pct


class Optimisation:
    """What /optimise of a file holds: `attrs` (the search's figures), `plan` (one row per lever:
    value chosen, base, commit_by), `runners_up`, `evaluated`, `confirmations_failed`, and
    `frontier` (None without --frontier) with `frontier_path`."""

    def __init__(self, path):
        with h5py.File(path, "r") as f:
            g = f["/optimise"]
            self.attrs = {k: _decode(v) for k, v in g.attrs.items()}
            for name in ("plan", "confirmation", "confirmations_failed", "runners_up", "evaluated"):
                setattr(self, name, table_from_group(g[name]) if name in g else None)
            self.frontier = table_from_group(g["frontier"]) if "frontier" in g else None
            self.frontier_path = _decode(g["frontier"].attrs["path"]) if "frontier" in g else ""
            self.currency = _decode(f.attrs.get("currency", ""))

    @property
    def found(self):
        return int(self.attrs.get("found", 0)) == 1

    def money(self, v):
        if v is None or (isinstance(v, float) and math.isnan(v)):
            return "—"
        text = f"{round(float(v)):,}"
        return f"{text} {self.currency}" if self.currency else text

    def plan_text(self):
        """"pickers=16, agents=12" of the levers that change (all of them when none does)."""
        p = self.plan
        changed = p[p.value != p.base]
        rows = changed if len(changed) else p
        return ", ".join(f"{r.lever}={num(r.value)}" for r in rows.itertuples())


def optimise_verdict(result):
    """The verdict card of an optimise file: the plan found (or that none is), how sure."""
    o = Optimisation(result.path)
    a = o.attrs
    if o.found:
        answer = (f"Cheapest deliverable plan: {o.plan_text()}, costing {o.money(a['cost'])}; "
                  f"P(every target met) = {pct(a['p_deliverable'])} "
                  f"[{pct(a['ci_low'])}, {pct(a['ci_high'])}] on "
                  f"{int(a['confirmation_replications'])} fresh replications.")
        para = (f"The cheapest way to deliver is {o.plan_text()}, for {o.money(a['cost'])} "
                f"({o.money(a['fixed_cost'])} for the levers and {o.money(a['modelled_cost_change'])} "
                f"± {o.money(a['modelled_cost_half_width'])} change in modelled cost). "
                f"Checked again on fresh replications, it meets every target with probability "
                f"{pct(a['p_deliverable'])}; {a['guarantee']}.")
        judgement, tone = "PLAN FOUND", "good"
    else:
        answer = f"No deliverable plan: {a.get('why_not', '')}."
        para = answer + f" Best seen: {o.plan_text()}."
        judgement, tone = "NO PLAN", "bad"
    facts = [("combinations screened", str(int(a.get("combinations_screened", 0)))),
             ("replications", str(int(a.get("replications", 0)))),
             ("required confidence", pct(a.get("required_confidence", float("nan"))))]
    return Verdict(judgement, tone, answer, facts, None, para, table_title="Levers")


def _table(df):
    if df is None or not len(df):
        return "<p><em>none</em></p>"
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in df.columns)
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(v if isinstance(v, str) else num(v))}</td>"
                                    for v in row) + "</tr>" for row in df.itertuples(index=False))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def optimisation_section(result):
    """("optimisation", title, html): the plan, its guarantee, costs, commit-by, runners-up."""
    o = Optimisation(result.path)
    a = o.attrs
    parts = []
    if o.found:
        parts.append(f"<p><strong>Cheapest deliverable plan:</strong> {html.escape(o.plan_text())}"
                     f"</p><p>P(every target met) = {pct(a['p_deliverable'])} "
                     f"[{pct(a['ci_low'])}, {pct(a['ci_high'])}] on "
                     f"{int(a['confirmation_replications'])} fresh replications "
                     f"({html.escape(a.get('confirmation_method', ''))}).</p>")
        parts.append(f"<p><strong>Guarantee:</strong> {html.escape(a['guarantee'])}.</p>")
        costs = pd.DataFrame([
            {"part": "levers (fixed)", "cost": o.money(a["fixed_cost"])},
            {"part": "modelled cost change (paired, 95% CI)",
             "cost": f"{o.money(a['modelled_cost_change'])} ± {o.money(a['modelled_cost_half_width'])}"},
            {"part": "total", "cost": o.money(a["cost"])}])
        parts.append("<h3>Cost</h3>" + _table(costs))
    else:
        parts.append(f"<p><strong>No deliverable plan:</strong> {html.escape(a.get('why_not', ''))}."
                     f" Best seen: {html.escape(o.plan_text())}.</p>")
    levers = o.plan.assign(commit_by=[d if d else (f"day {math.floor(h / 24)}" if not math.isnan(h) else "")
                                      for d, h in zip(o.plan.commit_by_date, o.plan.commit_by)])
    parts.append("<h3>Levers</h3>" + _table(levers[["lever", "value", "base", "commit_by"]]))
    if o.runners_up is not None and len(o.runners_up):
        ru = o.runners_up.assign(P=[f"{pct(p)} [{pct(lo)}, {pct(hi)}]" for p, lo, hi in
                                    zip(o.runners_up.p_deliverable, o.runners_up.ci_low,
                                        o.runners_up.ci_high)],
                                 total=[o.money(c) for c in o.runners_up.cost])
        parts.append("<h3>Runners-up (DELIVERABLE in screening, cheapest first)</h3>" +
                     _table(ru[["plan", "P", "total"]]))
    failed = o.confirmations_failed
    if failed is not None and len(failed):
        nc = failed.assign(P=[f"{pct(p)} [{pct(lo)}, {pct(hi)}]" for p, lo, hi in
                              zip(failed.p_deliverable, failed.ci_low, failed.ci_high)],
                           total=[o.money(c) for c in failed.cost])
        parts.append("<h3>Not confirmed (DELIVERABLE in screening, not on fresh replications)</h3>"
                     + _table(nc[["plan", "P", "total"]]))
    warnings = a.get("monotonicity_warnings", [])
    for w in [warnings] if isinstance(warnings, str) else list(warnings):
        parts.append(f"<p>warning: more of a lever made delivery less likely: {html.escape(w)}</p>")
    parts.append(f"<p>{int(a.get('combinations_screened', 0))} combinations screened "
                 f"({html.escape(a.get('screening_method', ''))}), "
                 f"{int(a.get('replications', 0))} replications.</p>")
    return ("optimisation", "Cheapest plan",
            '<section id="optimisation" class="card" data-section="optimisation">'
            "<h2>The cheapest deliverable plan</h2>" + "".join(parts) + "</section>")


def frontier_figure(result):
    """Cost of the cheapest deliverable plan against the swept value; an x where none was."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    o = Optimisation(result.path)
    f = o.frontier
    numeric = f.value_number.notna().all()
    x = list(f.value_number) if numeric else list(range(len(f)))
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ok = f.found == 1
    xs_ok = [v for v, k in zip(x, ok) if k]
    ax.plot(xs_ok, list(f.cost[ok]), "o-", color="#2e7d32", label="cheapest deliverable plan")
    top = f.cost[ok].max() if ok.any() else 1.0
    xs_bad = [v for v, k in zip(x, ok) if not k]
    if xs_bad:
        ax.plot(xs_bad, [top * 1.05 if top > 0 else 1.0] * len(xs_bad), "x", color="#c62828",
                markersize=10, mew=2, label="no deliverable plan")
    if not numeric:
        ax.set_xticks(x)
        ax.set_xticklabels(list(f.value))
    low = min([0.0] + [float(c) for c in f.cost[ok]])
    ax.set_ylim(bottom=low, top=(top * 1.15 if top > 0 else 1.0))
    ax.set_xlabel(o.frontier_path)
    ax.set_ylabel(f"plan cost ({o.currency})" if o.currency else "plan cost")
    ax.legend(loc="best", fontsize=9)
    ax.grid(alpha=.3)
    fig.tight_layout()
    return fig, o


def frontier_section(result, img):
    """("frontier", title, html) with the figure and the table, or None without --frontier."""
    o = Optimisation(result.path)
    if o.frontier is None or not len(o.frontier):
        return None
    fig, o = frontier_figure(result)
    f = o.frontier
    table = pd.DataFrame({
        o.frontier_path: list(f.value),
        "plan": [p if k == 1 else f"none deliverable (best seen {p})" for p, k in zip(f.plan, f.found)],
        "P [CI]": [f"{pct(p)} [{pct(lo)}, {pct(hi)}]" for p, lo, hi in zip(f.p_deliverable, f.ci_low, f.ci_high)],
        "cost": [o.money(c) if k == 1 else "—" for c, k in zip(f.cost, f.found)]})
    return ("frontier", "Deliverability frontier",
            '<section id="fig-frontier" class="card" data-section="frontier">'
            f"<h2>Deliverability frontier: {html.escape(o.frontier_path)}</h2>"
            + img(fig, "frontier", "Cost of the cheapest deliverable plan against " + o.frontier_path)
            + "<figcaption>The cost of the cheapest deliverable plan at each value; × marks a value "
              "at which no combination of the levers was deliverable.</figcaption>"
            + _table(table) + "</section>")


def optimise_sections(result, img):
    """The report's sections for an optimise file, in order."""
    return [optimisation_section(result), frontier_section(result, img)]
