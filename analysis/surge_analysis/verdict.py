"""The answer on the report's first screen: a verdict and a plain-language paragraph.

Everything comes from the result file: the verdict group and tables of an experiment file, or
the /targets and /kpi tables of a single run (docs/output.md, docs/experiments.md).
"""
import math
import re

import numpy as np
import pandas as pd

from . import dates, units
from .units import fmt_kpi, fmt_param, percent

RATIO_METRICS = {"fill_rate", "order_fill_rate", "otif", "service_level", "abandonment_rate",
                 "utilisation", "wait_probability"}
PLAIN_METRIC = {
    "fill_rate": "fill rate (units shipped straight from stock)",
    "order_fill_rate": "order fill rate",
    "otif": "on-time-in-full deliveries",
    "service_level": "support contacts answered quickly",
    "abandonment_rate": "callers hanging up",
    "mean_lead_time": "mean delivery time",
    "p95_lead_time": "95th-percentile delivery time",
    "lost_sales": "lost sales",
    "backorders": "backorders",
    "total_cost": "total cost",
}
_TARGET = re.compile(r"^(?P<metric>\w+)(?: @(?P<node>\S+))?(?: \[(?P<product>[^\]]+)\])? in "
                     r"(?P<window>\S+) (?P<op>>=|<=) (?P<thr>\S+)$")


def pct(x, digits=None):
    """A share as a percentage, one decimal at most (units.percent); `digits` forces a count."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    if digits is None:
        return percent(x)
    return f"{100 * float(x):.{digits}f}%"


def num(x):
    """A plain number, three significant digits (units.readable_number), grouped when large."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return units.grouped(x) if abs(float(x)) >= 1000 else units.readable_number(x)


def fmt_value(metric, x, unit=None, currency=""):
    """A KPI value in its unit (units.fmt_kpi), money with the scenario's currency."""
    return fmt_kpi(metric, x, unit, currency=currency)


def money(result, x):
    """Money as the terminal shows it: "12,400 EUR" (surge_analysis.dates.money)."""
    return dates.money(result, x)


def parse_target(description):
    """{metric, node, product, window, op, threshold} from a compact target description such as
    "fill_rate in black_friday >= 0.95" or "fill_rate [widget] in run >= 0.95" (the
    `description` of /targets and the `target` of verdict/targets)."""
    m = _TARGET.match(str(description).strip())
    if not m:
        return {"metric": "", "node": "", "product": "", "window": "", "op": "", "threshold": math.nan}
    d = m.groupdict()
    try:
        thr = float(d["thr"])
    except ValueError:
        thr = math.nan
    return {"metric": d["metric"], "node": d["node"] or "", "product": d["product"] or "",
            "window": d["window"], "op": d["op"], "threshold": thr}


def target_words(result, row, description_column="description"):
    """A target in words: the `label` Surge wrote (the same words the terminal prints), or for
    a file without it, words made from the compact description."""
    label = getattr(row, "label", None)
    if isinstance(label, str) and label:
        return label
    return plain_target(result, getattr(row, description_column, ""))


def plain_target(result, description):
    """Words for a compact target description (files written before targets carried a
    `label`): "fill rate of widget over the run at least 95%"."""
    t = parse_target(description)
    if not t["metric"]:
        return str(description)
    what = t["metric"].replace("_", " ")
    if t["metric"] == "otif":
        what = "on-time-in-full"
    if t["product"]:
        what += f" of {t['product']}"
    if t["node"]:
        what += f" at {t['node']}"
    when = "over the run" if t["window"] == "run" else f"during {t['window']}"
    bound = "at least" if t["op"] == ">=" else "at most"
    return f"{what} {when} {bound} {units.fmt_threshold(t['metric'], t['threshold'])}"


def _target_metric(row, description_column="description"):
    metric = getattr(row, "metric", None)
    if isinstance(metric, str) and metric:
        return metric
    key = getattr(row, "key", None)
    if isinstance(key, str) and key:
        return units.metric_of(key.split("#")[0])
    return parse_target(getattr(row, description_column, ""))["metric"]


def day_phrase(result, hours_or_day, is_day=False):
    """"day 58 (2026-11-28, campaign day 3)": a time as the terminal shows it, with its date when
    the scenario has a start date (surge_analysis.dates.day_phrase)."""
    return dates.day_phrase(result, hours_or_day, is_day)


class Verdict:
    """judgement, tone (good|warn|bad), answer (one sentence), facts [(label, value)],
    targets (DataFrame for the card), paragraph (plain language)."""

    def __init__(self, judgement, tone, answer, facts, targets, paragraph, table_title=None):
        self.judgement, self.tone, self.answer = judgement, tone, answer
        self.facts, self.targets, self.paragraph = facts, targets, paragraph
        self.table_title = table_title  # the card's table heading when not the kind's default


def _tone(judgement):
    j = (judgement or "").upper()
    if "NO TARGETS" in j or j.startswith("BEER GAME"):
        return ""
    if j.startswith("NOT") or "MISSED" in j:
        return "bad"
    if "RISK" in j or "PARTLY" in j:
        return "warn"
    return "good"


NO_CONSTRAINT = "no constraint held up the failing work (lead times alone)"


def _run_breaks(result):
    """Where a run breaks: the chain of its first missed target (docs/kpis.md), as the
    terminal prints it; None when every target was met or the file predates the census."""
    b = result.breaks
    if b is None or not len(b):
        return None
    missed = b[~b.met.astype(bool)]
    if not len(missed):
        return None
    chain = missed.chain.iloc[0]
    return chain if chain else NO_CONSTRAINT


def _breaks_sentence(chain, share=None, runs="runs that failed"):
    """The plain-words sentence of where it breaks: the chain read from its head upstream."""
    if chain == NO_CONSTRAINT:
        return "No constraint held up the failing orders: they were late on lead times alone."
    links = chain.split(" ← ")
    s = f"It breaks first at {links[0]}"
    if len(links) > 1:
        s += ", which waited on " + ", which waited on ".join(links[1:])
    if share is not None:
        s += f" (in {pct(share)} of the {runs})"
    return s + "."


def _kpi(result, window, metric, node=""):
    k = result.kpi
    if k is None:
        return math.nan
    rows = k[(k.window == window) & (k.metric == metric) & (k.node == node) & (k["product"] == "")
             & (k.market == "") & (k.resource == "")]
    return float(rows.value.iloc[0]) if len(rows) else math.nan


def _mc_kpi(result, kpi):
    s = result.summary
    if s is None:
        return math.nan
    rows = s[s.kpi == kpi]
    return float(rows["mean"].iloc[0]) if len(rows) else math.nan


def _main_window(result):
    cw = result.campaign_windows()
    return cw[0][0] if cw else "run"


def subject(result):
    """What the verdict is about: "the campaign" when the scenario has one, else "the scenario"
    (a safety-stock lesson or a service desk has targets but no campaign to deliver)."""
    return "the campaign" if result.scenario.campaigns else "the scenario"


def _uplift_phrase(result):
    r = result.replications
    if r is None:
        return ""
    cols = [c for c in r.columns if c.startswith("campaigns.") and c.endswith(".uplift")]
    if not cols:
        return ""
    u = r[cols[0]].astype(float)
    return (f"The campaign uplift was drawn from its uncertain range: from {u.min():.1f}x to "
            f"{u.max():.1f}x normal demand (median {u.median():.1f}x).")


def _window_kpi_sentence(get, window, service_nodes, promised=True):
    """`promised`: some market has a delivery promise (without one, "on time" means nothing)."""
    parts = []
    fr, ot = get(window, "fill_rate", ""), get(window, "otif", "")
    if not math.isnan(fr):
        parts.append(f"{pct(fr)} of the units ordered shipped straight from stock")
    if not math.isnan(ot) and promised:
        parts.append(f"{pct(ot)} of orders arrived on time and in full")
    for node in service_nodes:
        sl = get(window, "service_level", node)
        ab = get(window, "abandonment_rate", node)
        if not math.isnan(sl):
            s = f"{pct(sl)} of contacts to {node} were answered within target"
            if not math.isnan(ab):
                s += f" and {pct(ab)} hung up before reaching anyone"
            parts.append(s)
    if not parts:
        return ""
    label = "over the whole period" if window == "run" else f"During {window}"
    text = "; ".join(parts[:-1]) + ("; and " if len(parts) > 1 else "") + parts[-1]
    return (f"{label}, " if window != "run" else "Over the whole period, ") + text + "."


def played_game_verdict(result):
    """A beer game played with `surge play`: the card is about the player (their role, their
    orders, the cost table and the bullwhip ratios), not about targets the game does not set."""
    from .echelons import echelon_table, player
    node, orders, finished = player(result)
    table = echelon_table(result)
    every = float(result.attrs.get("sample_every_hours", 168) or 168)
    period = "week" if every % 168 == 0 else "period"
    horizon = float(result.attrs.get("horizon_hours", every * len(orders)) or 0)
    weeks = int(round(horizon / every)) if every > 0 else len(orders)
    judgement = f"BEER GAME: YOU PLAYED THE {node.upper()}"
    rows, facts = [], [("your role", node), ("weeks played", f"{weeks}" + ("" if finished else
                                                                           " (stopped early)"))]
    answer = f"You played the {node} for {weeks} {period}s."
    para = [f"You played the {node} in the beer game ({weeks} {period}s"
            + ("" if finished else ", stopped early") + "); the other echelons followed the "
            "scenario's ordering rule."]
    if orders:
        facts.append(("your orders", ", ".join(units.readable_number(x) for x in orders)))
    if table is not None and len(table):
        total = float(table.cost.sum())
        ranked = table.sort_values("cost", kind="stable").reset_index(drop=True)
        for r in table.itertuples():
            rows.append({
                "target": r.node + (" (you)" if r.node == node else ""),
                "result": "",
                "value": f"cost {units.grouped(r.cost)}",
                "detail": (f"holding {units.grouped(r.holding_cost)} + backlog "
                           f"{units.grouped(r.backlog_cost)}; peak backlog "
                           f"{fmt_kpi('max_backlog', r.max_backlog)} at any moment; bullwhip "
                           f"{fmt_kpi('bullwhip_ratio', r.bullwhip_ratio)} of the demand it saw, "
                           f"{fmt_kpi('bullwhip_ratio', r.vs_customers)} of the customers'"),
                "first break": "",
            })
        mine = table[table.node == node]
        if len(mine):
            me = mine.iloc[0]
            rank = int(ranked.index[ranked.node == node][0]) + 1
            facts += [("your cost", f"{units.grouped(me.cost)} of the team's {units.grouped(total)}"),
                      ("your bullwhip ratio", f"{fmt_kpi('bullwhip_ratio', me.bullwhip_ratio)} "
                                              f"(orders vs the demand you saw)")]
            answer = (f"You played the {node}: your cost was {units.grouped(me.cost)} of the team's "
                      f"{units.grouped(total)} ({_rank_words(rank, len(table))} of {len(table)}), and your "
                      f"orders varied {fmt_kpi('bullwhip_ratio', me.bullwhip_ratio)} as much as the "
                      f"demand you saw.")
            para.append(f"Your costs came to {units.grouped(me.cost)} (holding "
                        f"{units.grouped(me.holding_cost)}, backlog {units.grouped(me.backlog_cost)}); "
                        f"the whole team's to {units.grouped(total)}.")
            para.append(f"Your orders varied {fmt_kpi('bullwhip_ratio', me.bullwhip_ratio)} as much "
                        f"as the orders you received, and "
                        f"{fmt_kpi('bullwhip_ratio', me.vs_customers)} as much as the customers' "
                        f"demand: a ratio above 1 is the bullwhip effect.")
            para.append(f"Your backlog peaked at {fmt_kpi('max_backlog', me.max_backlog)}.")
    return Verdict(judgement, "", answer, facts, pd.DataFrame(rows), " ".join(para),
                   table_title="Echelons")


def _rank_words(rank, n):
    """1 of 4 -> "the lowest", 4 of 4 -> "the highest", 2 -> "the 2nd lowest"."""
    if rank == 1:
        return "the lowest"
    if rank == n:
        return "the highest"
    return f"the {({2: '2nd', 3: '3rd'}).get(rank, f'{rank}th')} lowest"


def run_verdict(result):
    if result.attrs.get("player_node"):
        return played_game_verdict(result)
    t = result.targets if result.targets is not None else pd.DataFrame()
    n, met = len(t), int(t.met.sum()) if len(t) else 0
    rows = []
    for r in t.itertuples():
        rows.append({
            "target": target_words(result, r),
            "result": "met" if r.met else "missed",
            "value": fmt_value(r.metric, r.value, currency=dates.currency(result)),
            "detail": f"needed {'≥' if r.at_least else '≤'} {units.fmt_threshold(r.metric, r.threshold)}",
            "first break": day_phrase(result, r.first_break),
        })
    if n == 0:
        judgement, answer = "NO TARGETS", "The scenario sets no targets; see the figures below."
    elif met == n:
        judgement = "TARGETS MET"
        answer = (f"Yes, in this simulated run: all {n} targets were met. One run is one possible "
                  f"outcome; `surge mc` gives the probability.")
    else:
        judgement = "TARGETS MISSED"
        answer = (f"No, in this simulated run: {n - met} of {n} targets missed. One run is one "
                  f"possible outcome; `surge mc` gives the probability.")
    facts = [("targets met", f"{met} of {n}")]
    missed = t[~t.met] if n else t
    first = missed[missed.first_break >= 0].sort_values("first_break") if len(missed) else missed
    breaks = _run_breaks(result) if len(missed) else None
    if len(first):
        facts.append(("first break", day_phrase(result, first.iloc[0].first_break)))
    if breaks:
        facts.append(("where it breaks", breaks))
    facts.append(("replications", "1 (a single run)"))
    # paragraph
    w = _main_window(result)
    service = [n_ for n_ in result.scenario.service_nodes]
    p = [f"We simulated the {result.name} scenario once (seed {result.attrs.get('seed', '?')})."]
    if n:
        if met == n:
            p.append(f"In this run every target was met.")
        else:
            names = "; ".join(target_words(result, r) for r in missed.itertuples())
            p.append(f"In this run {n - met} of {n} targets were missed: {names}.")
    s = _window_kpi_sentence(lambda wi, m, nd: _kpi(result, wi, m, nd), w, service,
                             bool(result.scenario.promises))
    if s:
        p.append(s)
    if len(first):
        p.append(f"The first problems appeared on {day_phrase(result, first.iloc[0].first_break)}.")
    if breaks and n and met < n:
        p.append(_breaks_sentence(breaks))
    p.append("A single run shows one possible outcome; a Monte Carlo study (surge mc) gives the "
             "probability of delivering.")
    return Verdict(judgement, _tone(judgement), answer, facts, pd.DataFrame(rows), " ".join(p))


def _mc_targets_rows(result):
    rows = []
    vt = result.verdict_targets
    if vt is None:
        return rows
    for r in vt.itertuples():
        fb = ""
        if r.replications_broken > 0 and r.first_break_day_p50 >= 0:
            fb = day_phrase(result, float(r.first_break_day_p50), is_day=True)
            if r.first_break_day_p10 != r.first_break_day_p90:
                fb += f", 80% between day {int(r.first_break_day_p10)} and {int(r.first_break_day_p90)}"
                if dates.start_date(result) is not None:
                    fb += (f" ({dates.date_text(result, round(r.first_break_day_p10) * 24.0)} to "
                           f"{dates.date_text(result, round(r.first_break_day_p90) * 24.0)})")
        rows.append({
            "target": target_words(result, r, "target"),
            "result": r.judgement,
            "value": f"P = {pct(r.p_met)}",
            "detail": f"95% CI {pct(r.ci_low)}–{pct(r.ci_high)}",
            "first break": fb,
        })
    return rows


def mc_verdict_without_targets(result):
    """A Monte Carlo run of a scenario that sets no targets: no verdict, the KPIs instead."""
    n = result.replications_count
    rows = []
    s = result.summary
    if s is not None:
        for x in s.itertuples():
            if x.metric in ("fill_rate", "mean_lead_time", "service_level", "total_cost"):
                hw = (x.ci_high - x.ci_low) / 2
                rows.append({"target": x.kpi, "result": "",
                             "value": units.fmt_interval(x.metric, x.mean, hw,
                                                         getattr(x, "unit", None) or None,
                                                         currency=dates.currency(result)),
                             "detail": "mean ± 95% CI", "first break": ""})
    answer = ("The scenario sets no targets, so there is nothing to deliver or miss: the key figures "
              "below are the answer.")
    para = [f"We simulated the {result.name} scenario {n} times; it sets no targets, so the result "
            f"is its KPIs (means with 95% confidence intervals below). Add targets to the scenario "
            f"for a verdict."]
    return Verdict("NO TARGETS", "", answer, [("replications", str(n)), ("targets", "none")],
                   pd.DataFrame(rows), " ".join(para), table_title="Key figures")


def mc_verdict(result, heading=None):
    if result.scenario.target_count == 0 and result.scenario.text:
        return mc_verdict_without_targets(result)
    v = result.verdict or {}
    judgement = v.get("judgement", "UNKNOWN")
    p, lo, hi = v.get("p_deliverable", math.nan), v.get("ci_low", math.nan), v.get("ci_high", math.nan)
    conf = result.confidence
    n = result.replications_count
    word = {"DELIVERABLE": "Yes", "AT RISK": "Not sure", "NOT DELIVERABLE": "No"}.get(judgement, "?")
    runs = "simulated campaigns" if result.scenario.campaigns else "simulated runs"
    answer = (f"{word}. Every target was met in {pct(p)} of {n} {runs} "
              f"(95% CI {pct(lo)}–{pct(hi)}); the scenario requires {pct(conf)}.")
    facts = [("P(every target met)", f"{pct(p)}  [{pct(lo)}–{pct(hi)}]"),
             ("required confidence", pct(conf)), ("replications", str(n))]
    if v.get("breaks") and judgement != "DELIVERABLE":
        facts.append(("where it breaks",
                      f"{v['breaks']} (in {pct(v.get('breaks_share'))} of failing runs)"))
    rows = _mc_targets_rows(result)
    # paragraph
    w = _main_window(result)
    service = list(result.scenario.service_nodes)
    para = [f"We simulated the {result.name} scenario {n} times, each a different but equally "
            f"plausible version of {'the campaign' if result.scenario.campaigns else 'its demand'}."]
    u = _uplift_phrase(result)
    if u:
        para.append(u)
    if judgement == "DELIVERABLE":
        para.append(f"The plan delivers: every target was met in {pct(p)} of the runs, and we are "
                    f"confident it clears the {pct(conf)} bar we set.")
    elif judgement == "AT RISK":
        para.append(f"{subject(result).capitalize()} is at risk: every target was met in {pct(p)} of the runs, close "
                    f"to the {pct(conf)} we require; it could go either way.")
    else:
        para.append(f"As planned, {subject(result)} cannot be delivered reliably: every target was met in "
                    f"only {pct(p)} of the runs, against the {pct(conf)} we require.")
    vt = result.verdict_targets
    if vt is not None and len(vt):
        worst = next(vt.sort_values("p_met", kind="stable").itertuples())
        if worst.p_met < 1:
            s = (f"The weakest point is {target_words(result, worst, 'target')}, met in "
                 f"{pct(worst.p_met)} of runs")
            if worst.first_break_day_p50 >= 0:
                s += f"; it typically breaks on {day_phrase(result, float(worst.first_break_day_p50), True)}"
            para.append(s + ".")
    s = _window_kpi_sentence(lambda wi, m, nd: _mc_kpi(result, f"{wi}.{nd}.{m}" if nd else f"{wi}.{m}"),
                             w, service, bool(result.scenario.promises))
    if s:
        para.append(s.replace(", ", ", on average, ", 1) if w != "run" else s)
    if v.get("breaks") and judgement != "DELIVERABLE":
        para.append(_breaks_sentence(v["breaks"], v.get("breaks_share")))
    return Verdict(judgement, _tone(judgement), answer, facts, pd.DataFrame(rows), " ".join(para))


def _ci_name(row):
    """How a verdict row's interval was made ("95% Wilson", or a sequential look's interval)."""
    method = getattr(row, "ci_method", None)
    return f"CI ({method})" if isinstance(method, str) and method else "95% CI"


def _plan_targets_phrase(result, plan):
    """A plan's targets met and missed (each with its probability and interval) and where it
    breaks, as the terminal's "Targets per plan" says them."""
    try:
        sub = result.plan(plan)
    except KeyError:
        return ""
    vt = sub.verdict_targets
    if vt is None or not len(vt):
        return ""
    parts = []
    for t in vt.itertuples():
        word = {"DELIVERABLE": "meets", "NOT DELIVERABLE": "misses"}.get(t.judgement, "at risk on")
        parts.append(f"{word} {target_words(result, t, 'target')} "
                     f"(P = {pct(t.p_met)}, {pct(t.ci_low)}–{pct(t.ci_high)})")
    s = "; " + "; ".join(parts)
    v = sub.verdict or {}
    if v.get("breaks") and v.get("judgement") != "DELIVERABLE":
        s += f"; where it breaks: {v['breaks']} (in {pct(v.get('breaks_share'))} of failing runs)"
    return s


def _plan_cost_phrase(result, r):
    """A plan's cost as `compare` ranks it: fixed + paired modelled change (docs/experiments.md).
    Files written before the modelled change existed carry the fixed cost alone."""
    total = getattr(r, "plan_cost", None)
    if total is None or r.Index == 0:
        return f"cost {money(result, r.cost)}"
    change = r.modelled_cost_change
    hw = r.modelled_cost_change_half_width
    sign = "+" if change >= 0 else "−"
    spread = "" if hw != hw else f" ± {money(result, hw)}"  # NaN: one replication, no interval
    return (f"cost {money(result, total)} = fixed {money(result, r.cost)} {sign} modelled "
            f"{money(result, abs(change))}{spread}")


def compare_verdict(result):
    c = result.compare
    cheapest = result.attrs.get("cheapest_deliverable", "")
    base = c.iloc[0]
    rows = []
    for r in c.itertuples():
        rows.append({
            "target": r.plan + (" (as planned)" if r.Index == 0 and r.plan != "baseline" else ""),
            "result": r.judgement,
            "value": f"P = {pct(r.p_deliverable)}",
            "detail": f"{_ci_name(r)} {pct(r.ci_low)}–{pct(r.ci_high)} over {int(r.replications)} "
                      f"replications; {_plan_cost_phrase(result, r)}"
                      + ("" if r.Index == 0 else
                         f"; {units.fmt_diff('fill_rate', r.p_deliverable_diff)} vs baseline")
                      + _plan_targets_phrase(result, r.plan),
            "first break": "",
        })
    best = c.sort_values(["p_deliverable", "plan_cost" if "plan_cost" in c else "cost"],
                         ascending=[False, True]).iloc[0]
    n = int(base.replications)
    # Plans may stop once their verdict is settled (surge compare without --all-reps: their
    # ci_method names the looks), or, with --precision, run until their intervals are narrow.
    plan_reps = [int(x) for x in c.replications.iloc[1:]]
    same_reps = all(x == n for x in plan_reps)
    methods = c.ci_method.iloc[1:] if "ci_method" in c else []
    settled_rule = any("Clopper-Pearson" in str(m) for m in methods)
    how = ("each stopped once its verdict was settled" if settled_rule
           else "each run until its intervals were narrow enough")
    if base.judgement == "DELIVERABLE":
        judgement = "DELIVERABLE"
        answer = f"Yes: {subject(result)} is deliverable as planned (P = {pct(base.p_deliverable)}); no plan is needed."
    elif cheapest:
        row = next(r for r in c.itertuples() if r.plan == cheapest)
        judgement = f"DELIVERABLE WITH {cheapest}"
        answer = (f"Yes, with a plan: as planned {subject(result)} is {base.judgement} (P = "
                  f"{pct(base.p_deliverable)}); the cheapest plan that delivers is {cheapest} "
                  f"({_plan_cost_phrase(result, row)}, P = {pct(row.p_deliverable)}).")
    else:
        judgement = "NOT DELIVERABLE" if best.judgement == "NOT DELIVERABLE" else "AT RISK"
        answer = (f"No: none of the {len(c) - 1} plans makes {subject(result)} deliverable. As planned it is "
                  f"{base.judgement} (P = {pct(base.p_deliverable)}); "
                  + (f"the best plan, {best.plan}, reaches P = {pct(best.p_deliverable)} ({best.judgement})."
                     if best.plan != base.plan else "no plan raises that probability."))
    facts = [("baseline", f"{base.judgement}, P = {pct(base.p_deliverable)}"),
             ("cheapest deliverable plan", cheapest or "none"),
             ("best plan", f"{best.plan}, P = {pct(best.p_deliverable)}"),
             ("replications per plan", str(n) if same_reps else
              f"baseline {n}; plans {min(plan_reps)}–{max(plan_reps)} ({how})"),
             ("required confidence", pct(result.confidence))]
    if same_reps:
        para = [f"We compared the current set-up of {result.name} with {len(c) - 1} alternative plans, "
                f"simulating each {n} times under identical conditions."]
    else:
        until = "its verdict was settled" if settled_rule else "its results were precise enough"
        para = [f"We compared the current set-up of {result.name} ({n} simulations) with {len(c) - 1} "
                f"alternative plans under identical conditions, simulating each plan until {until} "
                f"(between {min(plan_reps)} and {max(plan_reps)} times)."]
    para.append(f"As planned, every target is met in {pct(base.p_deliverable)} of the runs "
                 f"({base.judgement.lower()}; we need {pct(result.confidence)}).")
    if base.judgement == "DELIVERABLE":
        para.append("No extra spending is needed.")
    elif cheapest:
        row = c[c.plan == cheapest].iloc[0]
        para.append(f"The cheapest option that makes {subject(result)} safe is “{cheapest}”, costing "
                    f"{money(result, row.cost)}, which lifts that to {pct(row.p_deliverable)}.")
    else:
        para.append((f"None of the plans on the table is enough on its own: the best, “{best.plan}” "
                     f"(cost {money(result, best.cost)}), reaches {pct(best.p_deliverable)}. "
                     if best.plan != base.plan else "None of the plans on the table improves on that. ")
                    + ("A combination of plans, or a smaller campaign, needs to be tested."
                       if result.scenario.campaigns else "A combination of plans needs to be tested."))
    try:
        bv = result.plan(c.plan.iloc[0]).verdict or {}
        if bv.get("breaks") and base.judgement != "DELIVERABLE":
            para.append("As planned: " + _breaks_sentence(bv["breaks"], bv.get("breaks_share")))
    except KeyError:
        pass
    return Verdict(judgement, _tone(judgement), answer, facts, pd.DataFrame(rows), " ".join(para))


def _point_words(row, axes):
    return ", ".join(f"{a.split('.')[-2] + '.' + a.split('.')[-1] if a.count('.') >= 1 else a} = "
                     f"{row[a]}" for a in axes)


def sweep_axes(result):
    axes = result.attrs.get("axes")
    if isinstance(axes, str):
        axes = [axes]
    if not axes:
        fixed = {"point", "replications", "p_deliverable", "ci_low", "ci_high", "ci_method", "judgement"}
        axes = [c for c in result.sweep.columns if c not in fixed and not c.endswith(".mean")]
    return list(axes)


def _sweep_kpi_words(result, row):
    """A grid point's headline KPIs in words (for a sweep without targets)."""
    parts = []
    for col, name in (("run.fill_rate.mean", "fill rate"), ("run.mean_lead_time.mean", "lead time mean"),
                      ("run.p95_lead_time.mean", "p95")):
        if col in row.index and not pd.isna(row[col]):
            parts.append(f"{name} {fmt_kpi(units.metric_of(col), row[col])}")
    return ", ".join(parts)


def sweep_verdict_without_targets(result):
    """A sweep of a scenario that sets no targets: no verdict to give (every replication "meets"
    all zero targets), so the card says so and lists the KPIs along the grid."""
    s = result.sweep
    axes = sweep_axes(result)
    n = len(s)
    reps = int(s.replications.iloc[0]) if n else 0
    rows = [{"target": _point_words(r, axes), "result": "", "value": _sweep_kpi_words(result, r),
             "detail": "", "first break": ""} for _, r in s.iterrows()]
    answer = ("The scenario sets no targets, so there is nothing to deliver or miss: below, each "
              "KPI along the grid (means over the replications).")
    facts = [("grid", " × ".join(f"{a} ({s[a].nunique()})" for a in axes)),
             ("points", str(n)), ("replications per point", str(reps)), ("targets", "none")]
    para = [f"We ran {result.name} at {n} values of " + " and ".join(axes)
            + f", simulating each {reps} times."]
    if "run.mean_lead_time.mean" in s:
        lt = s["run.mean_lead_time.mean"].astype(float)
        if lt.notna().any():
            lo, hi = s.loc[lt.idxmin()], s.loc[lt.idxmax()]
            para.append(f"The mean order lead time runs from {fmt_kpi('mean_lead_time', lt.min())} "
                        f"({_point_words(lo, axes)}) to {fmt_kpi('mean_lead_time', lt.max())} "
                        f"({_point_words(hi, axes)}).")
    para.append("Add targets to the scenario for a verdict at each point.")
    return Verdict("NO TARGETS", "", answer, facts, pd.DataFrame(rows), " ".join(para))


def sweep_verdict(result):
    s = result.sweep
    if result.scenario.target_count == 0:
        return sweep_verdict_without_targets(result)
    axes = sweep_axes(result)
    ok = s[s.judgement == "DELIVERABLE"]
    risk = s[s.judgement == "AT RISK"]
    n = len(s)
    if len(ok) == n:
        judgement = "DELIVERABLE EVERYWHERE"
    elif len(ok) == 0:
        judgement = "NOT DELIVERABLE AT ANY POINT"
    else:
        judgement = f"DELIVERABLE AT {len(ok)} OF {n} POINTS"
    tone = "good" if len(ok) == n else ("bad" if len(ok) == 0 and len(risk) == 0 else "warn")
    reps = int(s.replications.iloc[0]) if n else 0
    rows = [{"target": _point_words(r, axes), "result": r["judgement"],
             "value": f"P = {pct(r['p_deliverable'])}",
             "detail": f"95% CI {pct(r['ci_low'])}–{pct(r['ci_high'])}", "first break": ""}
            for _, r in s.iterrows()]
    best = s.sort_values("p_deliverable", ascending=False).iloc[0]
    answer = (f"{'Yes' if len(ok) == n else ('Partly' if len(ok) else 'No')}: {subject(result)} is "
              f"deliverable at {len(ok)} of {n} grid points"
              + (f" ({len(risk)} more at risk)" if len(risk) else "")
              + f". Best point: {_point_words(best, axes)} with P = {pct(best.p_deliverable)}.")
    facts = [("grid", " × ".join(f"{a} ({s[a].nunique()})" for a in axes)),
             ("deliverable points", f"{len(ok)} of {n}"), ("at risk", str(len(risk))),
             ("replications per point", str(reps)), ("required confidence", pct(result.confidence))]
    para = [f"We tested {result.name} under {n} combinations of "
            + " and ".join(a for a in axes) + f", simulating each {reps} times."]
    if len(ok):
        para.append(f"{subject(result).capitalize()} can be delivered reliably with: "
                    + "; ".join(_point_words(r, axes) for _, r in ok.iterrows()) + ".")
    else:
        para.append(f"None of the combinations delivers it reliably; the best, "
                    f"{_point_words(best, axes)}, meets every target in {pct(best.p_deliverable)} of runs.")
    bad = s[s.judgement == "NOT DELIVERABLE"]
    if len(bad) and len(ok):
        para.append("It fails with: " + "; ".join(_point_words(r, axes) for _, r in bad.iterrows()) + ".")
    return Verdict(judgement, tone, answer, facts, pd.DataFrame(rows), " ".join(para))


def search_verdict(result):
    a = result.attrs
    param = a.get("parameter", "the parameter")
    found = bool(a.get("found", 0))
    dv, nv = a.get("deliverable_value", math.nan), a.get("not_deliverable_value", math.nan)
    probes = result.probes if result.probes is not None else pd.DataFrame()
    short = param.split(".")[-1]
    if found and (nv is None or math.isnan(nv)):
        judgement = "DELIVERABLE ACROSS THE RANGE"
        answer = f"Yes: every value of {param} up to {fmt_param(dv)} tested is deliverable."
    elif found:
        judgement = f"DELIVERABLE UP TO {fmt_param(dv)}"
        answer = (f"The largest {short} that is still deliverable is {fmt_param(dv)}; at "
                  f"{fmt_param(nv)} it is not (or not yet with confidence).")
    else:
        low = probes.value.min() if len(probes) else math.nan
        judgement = "NOT DELIVERABLE IN RANGE"
        answer = f"No: even the lowest value searched, {param} = {fmt_param(low)}, is not deliverable."
    tone = "bad" if not found else ("good" if nv is None or math.isnan(nv) else "warn")
    def over(r):
        n = getattr(r, "replications", None)
        return "" if n is None else f" over {int(n)} replications"
    rows = [{"target": f"{short} = {fmt_param(r.value)}", "result": r.judgement,
             "value": f"P = {pct(r.p_deliverable)}",
             "detail": f"{_ci_name(r)} {pct(r.ci_low)}–{pct(r.ci_high)}{over(r)}",
             "first break": ""} for r in probes.itertuples()]
    # Probes may stop once their verdict is settled (surge search without --all-reps).
    reps = [int(x) for x in probes.replications] if "replications" in probes else []
    facts = [("parameter", param), ("largest deliverable", fmt_param(dv)),
             ("smallest not deliverable", fmt_param(nv)), ("probes", str(len(probes))),
             ("required confidence", pct(result.confidence))]
    para = [f"We searched how far {param} can go in the {result.name} scenario while every target is "
            f"still met with {pct(result.confidence)} confidence, simulating each value tried"
            + (f" until its verdict was settled (between {min(reps)} and {max(reps)} times)."
               if reps and min(reps) != max(reps) else ".")]
    if found and (nv is None or math.isnan(nv)):
        para.append(f"Every value tested, up to {fmt_param(dv)}, is safe.")
    elif found:
        para.append(f"Up to {fmt_param(dv)} {subject(result)} is safe; at {fmt_param(nv)} it no longer is. "
                    f"Plan below {fmt_param(dv)}, or add capacity before going higher.")
    else:
        para.append("Not even the lowest value we tried is safe: the network needs more capacity or "
                    + ("stock before this campaign, whatever its size." if result.scenario.campaigns
                       else "stock, whatever the value."))
    return Verdict(judgement, tone, answer, facts, pd.DataFrame(rows), " ".join(para))


def diagnose_verdict(result):
    """`surge diagnose`: the baseline's verdict, then what each relaxation buys, best first
    (docs/experiments.md, "Diagnose")."""
    base = mc_verdict(result.baseline())
    rel = result.relaxations
    rows = []
    for r in rel.itertuples():
        rows.append({
            "target": f"relax {r.relaxed} ({r.kind})",
            "result": r.judgement,
            "value": f"P = {pct(r.p_deliverable)}",
            "detail": f"gain {units.fmt_diff('fill_rate', r.gain)} "
                      f"[{units.fmt_diff('fill_rate', r.gain_ci_low)}, "
                      f"{units.fmt_diff('fill_rate', r.gain_ci_high)}] paired"
                      + (f"; fixes {r.fixes}" if r.fixes else ""),
            "first break": "",
        })
    singles = rel[rel.constraints == 1] if len(rel) else rel
    if len(singles):
        best = singles.iloc[0]
        answer = (f"As planned: {base.judgement} (P = {pct((result.baseline().verdict or {}).get('p_deliverable'))}). "
                  f"Relaxing {best.relaxed} alone buys the most: P = {pct(best.p_deliverable)} "
                  f"({best.judgement}).")
    else:
        answer = base.answer + " No constraint bound in a failing run: nothing to relax."
    para = base.paragraph
    if len(singles):
        para += (f" Relaxed one at a time on the same simulated "
                 f"{'campaigns' if result.scenario.campaigns else 'runs'}, {best.relaxed} "
                 f"buys the most: every target is then met in {pct(best.p_deliverable)} of runs.")
        pairs = rel[rel.constraints == 2]
        if best.judgement != "DELIVERABLE" and len(pairs):
            bp = pairs.iloc[0]
            para += (f" No single relaxation is enough; the best pair, {bp.relaxed}, reaches "
                     f"{pct(bp.p_deliverable)} ({bp.judgement}).")
        grown = rel[rel.constraints > 2]
        if len(grown):
            g = grown.iloc[-1]
            para += (f" Relaxing {int(g.constraints)} together ({g.relaxed}) reaches "
                     f"{pct(g.p_deliverable)} ({g.judgement}).")
    facts = list(base.facts) + [("relaxations tried", str(len(rel)))]
    return Verdict(base.judgement, _tone(base.judgement), answer, facts, pd.DataFrame(rows), para,
                   table_title="Relaxations")


def verdict(result):
    """The Verdict for any result file."""
    if result.kind == "diagnose" and result.relaxations is not None:
        return diagnose_verdict(result)
    if result.kind == "run":
        return run_verdict(result)
    if result.kind == "compare" and result.compare is not None:
        return compare_verdict(result)
    if result.kind == "sweep" and result.sweep is not None:
        return sweep_verdict(result)
    if result.kind == "search":
        return search_verdict(result)
    if result.kind == "optimise":
        from .optimise import optimise_verdict  # its own module (it imports this one)
        return optimise_verdict(result)
    return mc_verdict(result)
