#!/usr/bin/env python3
"""Surge's validation suite: simulated KPIs against queueing and inventory theory.

Every case is an ordinary scenario file under scenarios/validation/ run through the ordinary
command line (`surge run SCENARIO --replication R -o FILE`, with `--records` where a case needs
per-order or per-contact data): no test-only code path. Each replication's KPIs are read from
its HDF5 result file (docs/output.md); per quantity the replications give a mean and a 95%
Student-t confidence interval, and the check passes when the interval contains the value that
theory gives. The theory is computed here, by closed forms or numerically exact sums and Markov
chains (no simulation), from the scenario's parameters as written in its header.

    analysis/validation.py                      # every case; writes docs/validation.md
    analysis/validation.py --quick              # fewer, shorter replications (wider CIs)
    analysis/validation.py --only mm1 --check   # one case; no document, exit 1 on failure

The binary is --binary, else $SURGE_BINARY, else build/surge. Exit code: 0 every check passed,
1 a check failed, 2 bad usage or a run that did not complete.

Statistics. Seeds, run lengths and replication counts are fixed in CASES below (never tuned on
the outcome). A suite of K interval checks at 95% each would flag about K/20 correct quantities
by chance, so the pass/fail decision uses Bonferroni-simultaneous intervals: each check's
interval has level 1 - 0.05/K with K the number of interval checks in the full suite (the
same K with --only or --quick, so a case's verdict does not depend on what else ran). The
document reports the ordinary 95% interval and its half-width as well; a check whose ordinary
95% interval excludes the theory but whose simultaneous one does not is marked "pass*".
Little's law is checked as the sample-path identity it is: in every replication of every case,
for every queue and stock point, |L - lambda W| <= 1% of L (+ 0.01 absolute; boundary terms at
the window's ends are O(W/T)).
"""
import argparse
import concurrent.futures
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

import h5py
import numpy as np
from scipy import integrate, stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCEN = os.path.join(ROOT, "scenarios", "validation")
HOUR, DAY = 1.0, 24.0
LITTLE_REL, LITTLE_ABS = 0.01, 0.01


# --------------------------------------------------------------------------------------------
# Theory: queues
# --------------------------------------------------------------------------------------------
def erlang_c(c, a):
    """P(wait > 0) in M/M/c with offered load a = lambda/mu < c (Erlang C)."""
    if a >= c:
        raise ValueError("unstable: a >= c")
    term, total = 1.0, 1.0  # a^k/k! for k = 0
    for k in range(1, c):
        term *= a / k
        total += term
    last = term * a / c * c / (c - a)  # a^c/c! * c/(c-a)
    return last / (total + last)


def mmc_wait(lam, mu, c):
    """Mean wait before service in M/M/c."""
    return erlang_c(c, lam / mu) / (c * mu - lam)


def mmc_wait_cdf(lam, mu, c, t):
    """P(W <= t) in M/M/c (FIFO)."""
    return 1.0 - erlang_c(c, lam / mu) * math.exp(-(c * mu - lam) * t)


def erlang_a(lam, mu, c, theta, tol=1e-14):
    """M/M/c+M (exponential patience theta): (P(abandon), E[W | answered], E[queue]) from the
    birth-death chain of the number in system and the tagged caller's countdown (see
    scenarios/validation/erlang_a.yaml)."""
    weights = [1.0]
    n = 0
    while True:
        n += 1
        death = min(n, c) * mu + max(n - c, 0) * theta
        weights.append(weights[-1] * lam / death)
        if n > c and weights[-1] < tol * sum(weights):
            break
    pi = np.array(weights) / sum(weights)
    p_ab = 0.0
    served_wait = 0.0
    p_served_total = 0.0
    for n, p in enumerate(pi):
        if n < c:
            p_served_total += p
            continue
        j = n - c
        p_serve, wait = 1.0, 0.0
        for i in range(j + 1):
            r = c * mu + (i + 1) * theta
            wait += 1.0 / r
            p_serve *= (c * mu + i * theta) / r
        p_ab += p * (1.0 - p_serve)
        p_served_total += p * p_serve
        served_wait += p * p_serve * wait
    queue = sum(p * max(n - c, 0) for n, p in enumerate(pi))
    return p_ab, served_wait / p_served_total, queue


def erlang_a_waits(lam, mu, c, theta, tol=1e-14):
    """M/M/c+M: (P(W > 0), E[W] over every offered contact, abandoned ones up to the moment they
    hang up). An arrival that finds n >= c in system waits; with j = n - c ahead, it spends
    1/r_i in each step i = j, j-1, ..., 0 (r_i = c mu + (i + 1) theta) that it reaches, and
    reaches step i - 1 from step i unless the event is its own abandonment (theta / r_i)."""
    weights = [1.0]
    n = 0
    while True:
        n += 1
        death = min(n, c) * mu + max(n - c, 0) * theta
        weights.append(weights[-1] * lam / death)
        if n > c and weights[-1] < tol * sum(weights):
            break
    pi = np.array(weights) / sum(weights)
    p_wait = float(pi[c:].sum())
    wait_all = 0.0
    for n, p in enumerate(pi):
        if n < c:
            continue
        reach, wait = 1.0, 0.0
        for i in range(n - c, -1, -1):
            r = c * mu + (i + 1) * theta
            wait += reach / r
            reach *= (c * mu + i * theta) / r
        wait_all += p * wait
    return p_wait, wait_all


def backlog_without_replenishment(lam, horizon, stock):
    """A stock of `stock` units never replenished, unit Poisson orders at rate lam, backorders:
    (E[max backlog over [0, T)], P(max backlog > 0), E[mean backlog]). The backlog
    (N(t) - S)^+ never falls, so its maximum is its value at T."""
    def expected_excess(m):
        k = np.arange(0, int(m + 60 * math.sqrt(m + 1) + 100))
        return float(np.sum(stats.poisson.pmf(k, m) * np.maximum(k - stock, 0)))
    mean_backlog, _ = integrate.quad(lambda t: expected_excess(lam * t), 0, horizon, limit=200)
    return (expected_excess(lam * horizon), float(stats.poisson.sf(stock, lam * horizon)),
            mean_backlog / horizon)


def pk_wait(lam, mean_s, second_moment_s):
    """Pollaczek-Khinchine mean wait in M/G/1."""
    rho = lam * mean_s
    return lam * second_moment_s / (2.0 * (1.0 - rho))


def erlang_b(s, a):
    """Erlang loss formula B(s, a), by the stable recursion."""
    b = 1.0
    for k in range(1, s + 1):
        b = a * b / (k + a * b)
    return b


# --------------------------------------------------------------------------------------------
# Theory: inventory (Poisson / compound Poisson demand, fixed lead time)
# --------------------------------------------------------------------------------------------
def _position_metrics(positions, probs, m):
    """Unit Poisson demand, lead-time demand D ~ Poisson(m), position y with probability probs:
    (fill rate, E backorders, E on hand)."""
    fill = sum(p * stats.poisson.cdf(y - 1, m) for y, p in zip(positions, probs))
    kmax = int(m + 40 * math.sqrt(m) + 50)
    k = np.arange(kmax + 1)
    pk = stats.poisson.pmf(k, m)
    bo = sum(p * float(np.sum(pk * np.maximum(k - y, 0))) for y, p in zip(positions, probs))
    oh = sum(p * float(np.sum(pk * np.maximum(y - k, 0))) for y, p in zip(positions, probs))
    return fill, bo, oh


def base_stock(level, m):
    return _position_metrics([level], [1.0], m)


def rq_policy(r, q, m):
    ys = list(range(r + 1, r + q + 1))
    return _position_metrics(ys, [1.0 / q] * q, m)


def ss_compound(s, big_s, size_pmf, m_orders):
    """(s,S), compound Poisson orders (N ~ Poisson(m_orders) in a lead time, sizes size_pmf
    {k: p}), strict FIFO, orders filled whole: (fill rate, E backlog units)."""
    kmax_size = max(size_pmf)
    # renewal mass u(k): the cumulative demand ever equals exactly k
    u = [1.0]
    for k in range(1, big_s - s):
        u.append(sum(p * u[k - i] for i, p in size_pmf.items() if i <= k))
    ys = list(range(s + 1, big_s + 1))
    w = np.array([u[big_s - y] for y in ys])
    pi = w / w.sum()
    mean_x = sum(k * p for k, p in size_pmf.items())
    # distribution of the compound-Poisson lead-time demand D (units)
    nmax = int(m_orders + 40 * math.sqrt(m_orders) + 50)
    umax = nmax * kmax_size
    conv = np.zeros(umax + 1)
    conv[0] = 1.0  # distribution of the sum of n sizes, n = 0
    d_pmf = np.zeros(umax + 1)
    size_vec = np.zeros(kmax_size + 1)
    for k, p in size_pmf.items():
        size_vec[k] = p
    n_pmf = stats.poisson.pmf(np.arange(nmax + 1), m_orders)
    n_tail = stats.poisson.sf(np.arange(nmax + 1) - 1, m_orders)  # P(N >= n)
    sums = []  # distribution of S_n = X_1 + ... + X_n for n = 0..nmax
    for n in range(nmax + 1):
        sums.append(conv)
        d_pmf += n_pmf[n] * conv
        conv = np.convolve(conv, size_vec)[: umax + 1]
    d_cdf = np.cumsum(d_pmf)
    fill = 0.0
    for y, p in zip(ys, pi):
        fill += p * sum(q * k * (d_cdf[y - k] if y - k >= 0 else 0.0)
                        for k, q in size_pmf.items()) / mean_x
    backlog = 0.0
    for y, p in zip(ys, pi):
        e = 0.0
        for n in range(1, nmax + 1):
            prev = sums[n - 1]  # S_{n-1}
            # E[X_n 1{S_{n-1} + X_n > y}]
            term = 0.0
            for k, q in size_pmf.items():
                p_exceed = 1.0 - (prev[: y - k + 1].sum() if y - k >= 0 else 0.0)
                term += q * k * p_exceed
            e += n_tail[n] * term
        backlog += p * e
    return fill, backlog


# --------------------------------------------------------------------------------------------
# Theory: bullwhip (Chen, Drezner, Ryan and Simchi-Levi 2000)
# --------------------------------------------------------------------------------------------
def chen_bullwhip(cover, p):
    """Var(q)/Var(D) of order-up-to with a p-period moving average, z = 0 (exact), L = cover."""
    return 1.0 + 2.0 * cover / p + 2.0 * cover ** 2 / p ** 2


# --------------------------------------------------------------------------------------------
# Running Surge and reading results
# --------------------------------------------------------------------------------------------
def _column(ds):
    if h5py.check_string_dtype(ds.dtype) is not None:
        return ds.asstr()[()]
    return ds[()]


def read_table(f, path):
    g = f[path]
    return {str(c): _column(g[str(c)]) for c in g.attrs["columns"]}


@dataclass
class Rep:
    """One replication's results."""
    kpi: dict            # (metric, node, product, market, resource) -> value, window `run`
    targets: list        # target values in order
    start: float         # run window
    end: float
    horizon: float
    orders: dict = None  # /records/orders columns (with records)
    contacts: dict = None
    stock_ts: dict = None

    @property
    def length(self):
        return self.end - self.start

    windows: dict = None  # window name -> {(metric, node, product, market, resource) -> value}

    def get(self, metric, node="", product="", market="", resource=""):
        return self.kpi[(metric, node, product, market, resource)]

    def get_in(self, window, metric, node="", product="", market="", resource=""):
        return self.windows[window][(metric, node, product, market, resource)]


def run_replication(binary, scenario, rep, workdir, sets, records):
    out = os.path.join(workdir, "r%d.h5" % rep)
    cmd = [binary, "run", scenario, "--replication", str(rep), "-q", "-o", out]
    for s in sets:
        cmd += ["--set", s]
    if records:
        cmd.append("--records")
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("%s failed (exit %d): %s" % (" ".join(cmd), proc.returncode,
                                                        proc.stderr.strip()))
    with h5py.File(out, "r") as f:
        k = read_table(f, "/kpi")
        windows = {}
        for i in range(len(k["value"])):
            windows.setdefault(k["window"][i], {})[(k["metric"][i], k["node"][i],
                                                    k["product"][i], k["market"][i],
                                                    k["resource"][i])] = float(k["value"][i])
        kpi = windows.get("run", {})
        w = read_table(f, "/windows")
        i = list(w["name"]).index("run")
        t = read_table(f, "/targets")
        r = Rep(kpi, [float(v) for v in t["value"]], float(w["start"][i]), float(w["end"][i]),
                float(f.attrs["horizon_hours"]), windows=windows)
        if "/records/orders" in f:
            r.orders = read_table(f, "/records/orders")
            r.contacts = read_table(f, "/records/contacts")
        r.stock_ts = read_table(f, "/timeseries/stock")
    os.remove(out)
    return r


def run_scenario(binary, scenario, reps, jobs, sets=(), records=False):
    workdir = tempfile.mkdtemp(prefix="surge-validation-")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(run_replication, binary, scenario, r, workdir, list(sets),
                                   records) for r in range(reps)]
            return [fu.result() for fu in futures]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------
@dataclass
class Result:
    case: str
    quantity: str
    theory: float
    values: np.ndarray = None   # per-replication values (interval checks)
    kind: str = "ci"            # ci: theory inside the interval; lower: a lower bound;
                                # greater: mean difference > 0; little: identity per replication
    note: str = ""
    mean: float = float("nan")
    lo95: float = float("nan")
    hi95: float = float("nan")
    lo_sim: float = float("nan")
    hi_sim: float = float("nan")
    passed: bool = False
    label: str = ""
    worst_gap: float = float("nan")

    def evaluate(self, k_total):
        if self.kind in ("little", "identity"):
            return
        v = np.asarray(self.values, dtype=float)
        v = v[~np.isnan(v)]
        n = len(v)
        self.mean = float(v.mean())
        se = float(v.std(ddof=1) / math.sqrt(n)) if n > 1 else float("inf")
        t95 = stats.t.ppf(0.975, n - 1)
        tsim = stats.t.ppf(1 - 0.025 / k_total, n - 1)
        self.lo95, self.hi95 = self.mean - t95 * se, self.mean + t95 * se
        self.lo_sim, self.hi_sim = self.mean - tsim * se, self.mean + tsim * se
        if self.kind == "ci":
            self.passed = self.lo_sim <= self.theory <= self.hi_sim
            inside95 = self.lo95 <= self.theory <= self.hi95
            self.label = "pass" if inside95 else ("pass*" if self.passed else "FAIL")
        elif self.kind == "lower":  # theory is a lower bound on the quantity
            self.passed = self.hi_sim >= self.theory
            self.label = "pass" if self.passed else "FAIL"
        elif self.kind == "greater":  # the quantity (a paired difference) is > 0
            self.passed = self.lo_sim > 0
            self.label = "pass" if self.passed else "FAIL"

    @property
    def half_width_pct(self):
        if self.kind in ("little", "identity") or self.mean == 0 or math.isnan(self.mean):
            return float("nan")
        return 100.0 * (self.hi95 - self.lo95) / 2.0 / abs(self.mean)


def path_check(case, what, holds, shown, note=""):
    """A sample-path property that must hold in every replication (no statistics): `holds` is
    one bool per replication, `shown` a value per replication for the table (its mean)."""
    r = Result(case, what, float("nan"), kind="identity", note=note)
    r.mean = float(np.nanmean(shown)) if len(shown) else float("nan")
    r.passed = bool(np.all(holds))
    r.label = "pass" if r.passed else "FAIL"
    return r


def max_backlog_paths(case, reps):
    """Every stock point of every replication: max_backlog >= mean_backlog, and >= every
    sampled backlog of the run window (the maximum is over every instant, not just samples)."""
    out = []
    keys = sorted({(k[1], k[2]) for k in reps[0].kpi if k[0] == "max_backlog"})
    for node, product in keys:
        holds, shown = [], []
        for r in reps:
            top = r.get("max_backlog", node, product)
            ts = r.stock_ts
            sel = ((ts["node"] == node) & (ts["product"] == product) & (ts["time"] > r.start)
                   & (ts["time"] < r.end))
            sampled = float(np.max(ts["backlog"][sel])) if np.any(sel) else 0.0
            holds.append(top + 1e-9 >= max(sampled, r.get("mean_backlog", node, product)))
            shown.append(top)
        out.append(path_check(case, "max backlog %s/%s >= mean and samples" % (node, product),
                              holds, shown))
    return out


def little_check(case, what, lengths, l_values, lw_values):
    """Little's law L = lambda W in every replication, as a sample-path identity."""
    l_values, lw_values = np.asarray(l_values), np.asarray(lw_values)
    gaps = np.abs(l_values - lw_values)
    ok = bool(np.all(gaps <= LITTLE_REL * np.abs(l_values) + LITTLE_ABS))
    rel = gaps / np.maximum(np.abs(l_values), 1e-12)
    r = Result(case, "Little: " + what, float(lw_values.mean()), kind="little")
    r.mean = float(l_values.mean())
    r.passed = ok
    r.label = "pass" if ok else "FAIL"
    r.worst_gap = float(rel.max()) if np.any(l_values != 0) else float(gaps.max())
    return r


def little_resources(case, reps, exclude=()):
    """Every queue (station, line, agent pool): mean_queue = (jobs / T) x mean wait."""
    out = []
    keys = sorted({(k[1], k[4]) for k in reps[0].kpi if k[0] == "mean_queue"})
    for node, res in keys:
        if node in exclude:
            continue
        ls, lws = [], []
        for r in reps:
            lq = r.get("mean_queue", node, resource=res)
            started = r.get("jobs_started", node, resource=res)
            wait = r.get("mean_wait", node, resource=res)
            abandoned = r.kpi.get(("jobs_abandoned", node, "", "", res), 0.0)
            if abandoned > 0 or (r.contacts is not None and res == "agents"):
                if r.contacts is None:
                    raise RuntimeError("%s: agent pool with abandonment needs records" % case)
                c = r.contacts
                sel = (c["node"] == node) & (c["arrived"] >= r.start) & (c["arrived"] < r.end)
                arr = c["arrived"][sel]
                stop = np.where(c["answered"][sel] >= 0, c["answered"][sel],
                                np.where(c["abandoned"][sel] >= 0, c["abandoned"][sel],
                                         r.horizon))
                lw = float(np.sum(stop - arr)) / r.length
            else:
                lw = started * (0.0 if math.isnan(wait) else wait) / r.length
            ls.append(lq)
            lws.append(lw)
        out.append(little_check(case, "queue %s/%s" % (node, res), None, ls, lws))
    return out


def little_stock(case, reps, pipeline=None, nodes=None):
    """Every stock point: mean backlog = (units / T) x mean time a unit waits for stock (from
    the order records), and on order = (units ordered / T) x lead time (pipeline: {node:
    lead time in hours}, for a stock point whose only source is a zero-lead-time supplier)."""
    out = []
    keys = sorted({(k[1], k[2]) for k in reps[0].kpi if k[0] == "mean_backlog"})
    for node, product in keys:
        if nodes is not None and node not in nodes:
            continue
        ls, lws = [], []
        for r in reps:
            backlog = r.get("mean_backlog", node, product)
            o = r.orders
            if o is None:
                # no records: only a stock point that never backordered can be checked
                if backlog != 0 or r.get("backorders") != 0:
                    raise RuntimeError("%s: stock Little's law needs records" % case)
                ls.append(0.0)
                lws.append(0.0)
                continue
            sel = ((o["fulfilled_by"] == node) & (o["product"] == product)
                   & (o["placed"] >= r.start) & (o["placed"] < r.end) & (o["status"] != "lost"))
            waited = np.where(o["shipped"][sel] >= 0, o["shipped"][sel], r.horizon)
            lw = float(np.sum(o["quantity"][sel] * (waited - o["placed"][sel]))) / r.length
            ls.append(backlog)
            lws.append(lw)
        out.append(little_check(case, "backlog %s/%s" % (node, product), None, ls, lws))
        if pipeline and node in pipeline:
            lead = pipeline[node]
            ls = [r.get("on_order", node, product) for r in reps]
            # purchases (unit_cost 1) in the window = units ordered there, as the supplier's
            # lead time is 0
            lws = [r.get("purchase_cost") / r.length * lead for r in reps]
            out.append(little_check(case, "on order %s/%s" % (node, product), None, ls, lws))
    return out


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------
@dataclass
class Case:
    name: str
    title: str
    files: list
    reps: int
    quick_reps: int
    quick_sets: list            # --set overrides in --quick mode (shorter horizon)
    evaluate: object            # function(case, runner) -> [Result]
    summary: str = ""
    n_interval_checks: int = 0  # interval checks (for the Bonferroni count)


class Runner:
    def __init__(self, binary, jobs, quick):
        self.binary, self.jobs, self.quick = binary, jobs, quick
        self.runs = 0
        self.case = None

    def run(self, file, sets=(), records=False):
        c = self.case
        reps = c.quick_reps if self.quick else c.reps
        all_sets = list(sets) + (c.quick_sets if self.quick else [])
        self.runs += reps
        return run_scenario(self.binary, os.path.join(SCEN, file), reps, self.jobs, all_sets,
                            records)


def ci(case, quantity, theory, values, kind="ci", note=""):
    return Result(case, quantity, theory, np.asarray(values, dtype=float), kind, note)


def eval_mm1(c, run):
    reps = run.run("mm1.yaml", records=True)
    lam, mu = 8.0, 10.0
    t_small, t = 0.001 / 3600.0, 60.0 / 3600.0
    return [
        ci(c, "mean wait E[W] (h)", mmc_wait(lam, mu, 1), [r.get("mean_wait", "desk") for r in reps]),
        ci(c, "P(W <= 0.001 s) = 1 - P(W > 0)", mmc_wait_cdf(lam, mu, 1, t_small),
           [r.get("service_level", "desk") for r in reps]),
        ci(c, "service level P(W <= 60 s)", mmc_wait_cdf(lam, mu, 1, t), [r.targets[0] for r in reps]),
        ci(c, "utilisation rho", lam / mu, [r.get("utilisation", "desk", resource="agents") for r in reps]),
        ci(c, "P(W > 0) = rho (wait_probability)", lam / mu,
           [r.get("wait_probability", "desk") for r in reps]),
        ci(c, "mean wait of all contacts (h)", mmc_wait(lam, mu, 1),
           [r.get("mean_wait_all", "desk") for r in reps]),
    ] + little_resources(c, reps) + little_stock(c, reps)


def eval_mmc(c, run):
    reps = run.run("mmc.yaml", records=True)
    lam, mu, k = 40.0, 10.0, 5
    return [
        ci(c, "mean wait E[W] (h)", mmc_wait(lam, mu, k), [r.get("mean_wait", "desk") for r in reps]),
        ci(c, "P(W <= 0.001 s) = 1 - C(5, 4)", mmc_wait_cdf(lam, mu, k, 0.001 / 3600),
           [r.get("service_level", "desk") for r in reps]),
        ci(c, "service level P(W <= 20 s)", mmc_wait_cdf(lam, mu, k, 20 / 3600.0),
           [r.targets[0] for r in reps]),
        ci(c, "P(W > 0) = C(5, 4) (wait_probability)", erlang_c(k, lam / mu),
           [r.get("wait_probability", "desk") for r in reps]),
        ci(c, "mean wait of all contacts (h)", mmc_wait(lam, mu, k),
           [r.get("mean_wait_all", "desk") for r in reps]),
    ] + little_resources(c, reps) + little_stock(c, reps)


def eval_mmc_staffing(c, run):
    reps = run.run("mmc_staffing.yaml")
    lam, mu, within = 40.0, 10.0, 20 / 3600.0
    out = []
    for window, k in (("five", 5), ("seven", 7), ("six", 6), ("five_again", 5)):
        out += [
            ci(c, "%s (c = %d): P(W > 0) = C(%d, 4)" % (window, k, k), erlang_c(k, lam / mu),
               [r.get_in(window, "wait_probability", "desk") for r in reps]),
            ci(c, "%s (c = %d): service level P(W <= 20 s)" % (window, k),
               mmc_wait_cdf(lam, mu, k, within),
               [r.get_in(window, "service_level", "desk") for r in reps]),
        ]
    return out


def eval_erlang_a(c, run):
    reps = run.run("erlang_a.yaml", records=True)
    p_ab, w_ans, queue = erlang_a(50.0, 10.0, 5, 20.0)
    p_wait, w_all = erlang_a_waits(50.0, 10.0, 5, 20.0)
    return [
        ci(c, "P(abandon)", p_ab, [r.get("abandonment_rate", "desk") for r in reps]),
        ci(c, "mean wait of answered (h)", w_ans, [r.get("mean_wait", "desk") for r in reps]),
        ci(c, "mean queue E[Q]", queue, [r.get("mean_queue", "desk", resource="agents") for r in reps]),
        ci(c, "P(W > 0) = P(n >= c) (wait_probability)", p_wait,
           [r.get("wait_probability", "desk") for r in reps]),
        ci(c, "mean wait of all contacts, abandoned too (h)", w_all,
           [r.get("mean_wait_all", "desk") for r in reps]),
    ] + little_resources(c, reps) + little_stock(c, reps)


def eval_md1(c, run):
    reps = run.run("md1.yaml")
    lam, s = 8.0, 0.1
    w = pk_wait(lam, s, s * s)
    return [
        ci(c, "mean wait E[W] (h)", w, [r.get("mean_wait", "plant", resource="widget") for r in reps]),
        ci(c, "mean lead time E[W] + S (h)", w + s, [r.get("mean_lead_time") for r in reps]),
    ] + little_resources(c, reps)


def eval_mg1(c, run):
    reps = run.run("mg1.yaml")
    lam, m, cv = 8.0, 0.1, 0.5
    w = pk_wait(lam, m, m * m * (1 + cv * cv))
    return [
        ci(c, "mean wait E[W] (h)", w, [r.get("mean_wait", "plant", resource="widget") for r in reps]),
        ci(c, "mean lead time E[W] + E[S] (h)", w + m, [r.get("mean_lead_time") for r in reps]),
    ] + little_resources(c, reps)


def eval_tandem(c, run):
    reps = run.run("tandem.yaml")
    lam = 8.0
    w1, w2 = mmc_wait(lam, 10.0, 1), mmc_wait(lam, 5.0, 2)
    return [
        ci(c, "pick mean wait (h)", w1, [r.get("mean_wait", "fc", resource="pick") for r in reps]),
        ci(c, "pack mean wait (h)", w2, [r.get("mean_wait", "fc", resource="pack") for r in reps]),
        ci(c, "sojourn = order lead time (h)", w1 + 0.1 + w2 + 0.2,
           [r.get("mean_lead_time") for r in reps]),
    ] + little_resources(c, reps) + little_stock(c, reps)


def _inventory(c, reps, fill, bo, oh, m):
    return [
        ci(c, "fill rate", fill, [r.get("fill_rate") for r in reps]),
        ci(c, "expected backorders (units)", bo, [r.get("mean_backlog", "wh", "widget") for r in reps]),
        ci(c, "expected on hand (units)", oh, [r.get("on_hand", "wh", "widget") for r in reps]),
        ci(c, "expected on order (units)", m, [r.get("on_order", "wh", "widget") for r in reps]),
    ] + little_stock(c, reps, pipeline={"wh": 5 * DAY}) + max_backlog_paths(c, reps)


def eval_base_stock(c, run):
    reps = run.run("base_stock.yaml", records=True)
    m = 4.0 * 5
    fill, bo, oh = base_stock(24, m)
    return _inventory(c, reps, fill, bo, oh, m)


def eval_rq(c, run):
    reps = run.run("rq.yaml", records=True)
    m = 4.0 * 5
    fill, bo, oh = rq_policy(15, 10, m)
    return _inventory(c, reps, fill, bo, oh, m)


def eval_ss(c, run):
    reps = run.run("ss.yaml", records=True)
    pmf = {1: 0.5, 2: 0.3, 3: 0.2}
    fill, bo = ss_compound(15, 35, pmf, 2.0 * 5)
    m = 2.0 * 5 * 1.7
    return [
        ci(c, "fill rate (units)", fill, [r.get("fill_rate") for r in reps]),
        ci(c, "expected backorders (units)", bo, [r.get("mean_backlog", "wh", "widget") for r in reps]),
        ci(c, "expected on order (units)", m, [r.get("on_order", "wh", "widget") for r in reps]),
    ] + little_stock(c, reps, pipeline={"wh": 5 * DAY})


def eval_lost_sales(c, run):
    reps = run.run("lost_sales.yaml", records=True)
    a, s = 20.0, 22
    b = erlang_b(s, a)
    return [
        ci(c, "P(lost) = B(22, 20)", b,
           [r.get("lost_sales") / r.get("demand_units") for r in reps]),
        ci(c, "fill rate = 1 - B", 1 - b, [r.get("fill_rate") for r in reps]),
        ci(c, "expected on hand S - a(1 - B)", s - a * (1 - b),
           [r.get("on_hand", "wh", "widget") for r in reps]),
    ] + little_stock(c, reps, pipeline={"wh": 5 * DAY})


def eval_max_backlog(c, run):
    reps = run.run("max_backlog.yaml")
    top, p_any, mean = backlog_without_replenishment(10 / DAY, 30 * DAY, 300)
    return [
        ci(c, "E[max backlog] = E[(N(T) - S)^+] (units)", top,
           [r.get("max_backlog", "wh", "widget") for r in reps]),
        ci(c, "P(max backlog > 0) = P(N(T) > S)", p_any,
           [float(r.get("max_backlog", "wh", "widget") > 0) for r in reps]),
        ci(c, "E[mean backlog] (units)", mean, [r.get("mean_backlog", "wh", "widget") for r in reps]),
        path_check(c, "max backlog = final backlog (it never falls)",
                   [abs(r.get("max_backlog", "wh", "widget") - _final_backlog(r, "wh")) < 1e-9
                    for r in reps], [r.get("max_backlog", "wh", "widget") for r in reps]),
    ] + max_backlog_paths(c, reps)


def _final_backlog(r, node):
    ts = r.stock_ts
    sel = ts["node"] == node
    return float(ts["backlog"][sel][np.argmax(ts["time"][sel])])


def eval_calendars(c, run):
    reps = run.run("calendars.yaml", records=True)
    m = 0.5

    def shipped_per_day(r, node):
        o = r.orders
        sel = (o["fulfilled_by"] == node) & (o["shipped"] >= r.start) & (o["shipped"] < r.end)
        return float(np.sum(sel)) / (r.length / DAY)

    tp = {n: np.array([shipped_per_day(r, n) for r in reps])
          for n in ("line_open", "line_8h", "fc_open", "fc_8h")}
    return [
        ci(c, "line always open: units/day", 24 / m, tp["line_open"]),
        ci(c, "line open 8 of 24 h: units/day", 8 / m, tp["line_8h"]),
        ci(c, "line throughput ratio 8h / 24h = 1/3", 1 / 3, tp["line_8h"] / tp["line_open"]),
        ci(c, "station always open: orders/day", 24 / m, tp["fc_open"]),
        ci(c, "station open 8 h: orders/day (1 + 8h/m)", 1 + 8 / m, tp["fc_8h"]),
        ci(c, "station ratio (m + 8h) / 24h", (m + 8) / 24, tp["fc_8h"] / tp["fc_open"]),
    ]


def _bullwhip_ratios(r, nodes, warmup_periods=0):
    ts = r.stock_ts
    if "ordered" not in ts or "demand" not in ts:
        raise Blocked("/timeseries/stock has no `ordered`/`demand` columns yet")
    out = {}
    for node in nodes:
        sel = (ts["node"] == node) & (ts["time"] > r.start) & (ts["time"] <= r.end)
        out[node] = (np.asarray(ts["ordered"][sel], dtype=float),
                     np.asarray(ts["demand"][sel], dtype=float))
    return out


class Blocked(Exception):
    pass


BULLWHIP_GRID = [(1, 2), (1, 5), (1, 10), (4, 2), (4, 5), (4, 10)]  # (lane lead days, p)


def _wh_bullwhip(reps):
    """The warehouse's bullwhip_ratio KPI in each replication, and whether each equals the ratio
    of the variances of its `ordered` and `demand` series (the KPI's definition)."""
    vals, same = [], []
    for r in reps:
        q, d = _bullwhip_ratios(r, ["wh"])["wh"]
        kpi = r.get("bullwhip_ratio", "wh", "widget")
        vals.append(kpi)
        same.append(abs(kpi - q.var(ddof=1) / d.var(ddof=1)) <= 1e-9 * abs(kpi))
    return vals, same


def eval_bullwhip(c, run):
    results = []
    for lead, p in BULLWHIP_GRID:
        cover = lead + 1
        reps = run.run("bullwhip.yaml", sets=[
            "lanes.vendor:wh.lead_time=%dd" % lead,
            "nodes.wh.inventory.widget.policy.forecast.periods=%d" % p,
            "nodes.wh.inventory.widget.initial=%d" % (400 * cover)], records=True)
        vals, same = _wh_bullwhip(reps)
        results.append(ci(c, "bullwhip_ratio, lead %dd, p=%d (cover %d)" % (lead, p, cover),
                          chen_bullwhip(cover, p), vals))
        results.append(path_check(c, "bullwhip_ratio = Var(ordered)/Var(demand) of the series, "
                                     "lead %dd, p=%d" % (lead, p), same, vals))
        results += little_stock(c, reps)
    return results


def eval_bullwhip_cover(c, run):
    """The issue-19 reading of Chen et al.: lead time L = 2 d, daily reviews, MA(5). With `cover:
    2` (the lead time in review periods, the paper's L) the ratio is 2.12; left to its default
    (lead time / review + 1 = 3) the same lane gives 2.92 (bullwhip.yaml as written)."""
    results = []
    for file, cover, how in (("bullwhip_cover.yaml", 2, "explicit cover: 2 = lead time"),
                             ("bullwhip.yaml", 3, "default cover = lead time + review = 3")):
        reps = run.run(file)
        vals, same = _wh_bullwhip(reps)
        results.append(ci(c, "bullwhip_ratio, lead 2d, p=5, %s" % how, chen_bullwhip(cover, 5), vals))
        results.append(path_check(c, "bullwhip_ratio = Var(ordered)/Var(demand) of the series, "
                                     "%s" % file, same, vals))
    return results


def eval_bullwhip_chain(c, run):
    reps = run.run("bullwhip_chain.yaml", records=True)
    stages = ["retailer", "wholesaler", "distributor", "maker"]
    per_rep, telescopes = [], []
    for r in reps:
        series = _bullwhip_ratios(r, stages)
        var_d = series["retailer"][1].var(ddof=1)
        per_rep.append([series[s][0].var(ddof=1) / var_d for s in stages])
        # Each stage's demand is the orders of the stage below, so the product of the stages'
        # own bullwhip_ratio KPIs is the cumulative ratio against the customers' demand.
        local = np.cumprod([r.get("bullwhip_ratio", s, "widget") for s in stages])
        telescopes.append(bool(np.allclose(local, per_rep[-1], rtol=1e-9)))
    per_rep = np.array(per_rep)
    factor = chen_bullwhip(2, 5)
    results = []
    for k, s in enumerate(stages):
        results.append(ci(c, "stage %d (%s) Var(q)/Var(D) >= %.4g" % (k + 1, s, factor ** (k + 1)),
                          factor ** (k + 1), per_rep[:, k], kind="lower"))
        if k > 0:
            results.append(ci(c, "stage %d minus stage %d amplification > 0" % (k + 1, k), 0.0,
                              per_rep[:, k] - per_rep[:, k - 1], kind="greater"))
    results.append(path_check(c, "product of the stages' bullwhip_ratio = cumulative ratio",
                              telescopes, per_rep[:, -1]))
    # Upstream stock points serve replenishment requests, which have no per-request records:
    # Little's law is checked where customers are served.
    return results + little_stock(c, reps, nodes=["retailer"])


CASES = [
    Case("mm1", "M/M/1 service queue", ["mm1.yaml"], 40, 10, ["horizon=52d"], eval_mm1,
         "Erlang C with c = 1: E[W] = rho/(mu - lambda), P(W <= T) = 1 - rho e^{-(mu-lambda)T}", 6),
    Case("mmc", "M/M/c service queue (Erlang C)", ["mmc.yaml"], 40, 10, ["horizon=26d"], eval_mmc,
         "E[W] = C(c,a)/(c mu - lambda), P(W <= T) = 1 - C(c,a) e^{-(c mu - lambda)T}", 5),
    Case("mmc_staffing", "Piecewise-stationary M/M/c: agents 5, 7, 6, 5 by window",
         ["mmc_staffing.yaml"], 40, 10, [], eval_mmc_staffing,
         "each window after a settling day: Erlang C with that window's c", 8),
    Case("erlang_a", "M/M/c+M service queue with abandonment (Erlang A)", ["erlang_a.yaml"], 40,
         10, ["horizon=14d"], eval_erlang_a,
         "birth-death chain of the number in system; tagged caller's countdown", 5),
    Case("md1", "M/D/1 make-to-order line", ["md1.yaml"], 40, 10, ["horizon=26d"], eval_md1,
         "Pollaczek-Khinchine: E[W] = rho S / (2 (1 - rho))", 2),
    Case("mg1", "M/G/1 make-to-order line (lognormal, cv 0.5)", ["mg1.yaml"], 40, 10,
         ["horizon=26d"], eval_mg1, "Pollaczek-Khinchine: E[W] = lambda E[S^2] / (2 (1 - rho))", 2),
    Case("tandem", "Two stations in tandem (Jackson network)", ["tandem.yaml"], 40, 10,
         ["horizon=51d"], eval_tandem, "E[T] = sum of M/M/c sojourn times (Burke, Jackson)", 3),
    Case("base_stock", "Base-stock, Poisson demand, fixed lead time", ["base_stock.yaml"], 40, 10,
         ["horizon=2020d"], eval_base_stock, "net stock = S - Poisson(lambda L)", 4),
    Case("rq", "(R,Q), Poisson demand, fixed lead time", ["rq.yaml"], 40, 10, ["horizon=2020d"],
         eval_rq, "position uniform on R+1..R+Q, net stock = position - Poisson(lambda L)", 4),
    Case("ss", "(s,S), compound Poisson demand, fixed lead time", ["ss.yaml"], 40, 10,
         ["horizon=2020d"], eval_ss, "renewal law of the position; FIFO whole-order prefix", 3),
    Case("lost_sales", "Base-stock with lost sales (Erlang B)", ["lost_sales.yaml"], 40, 10,
         ["horizon=2020d"], eval_lost_sales, "units on order = M/G/S/S loss system", 3),
    Case("max_backlog", "Maximum backlog of a stock never replenished", ["max_backlog.yaml"], 400,
         60, [], eval_max_backlog, "the backlog (N(t) - S)^+ never falls: max = value at T", 3),
    Case("calendars", "Calendars: 8 of 24 hours", ["calendars.yaml"], 40, 10, ["horizon=34d"],
         eval_calendars, "line: 1/3; station: (m + 8 h)/24 h", 6),
    Case("bullwhip", "Bullwhip: order-up-to with moving average", ["bullwhip.yaml"], 20, 5,
         ["horizon=330d"], eval_bullwhip, "1 + 2L/p + 2L^2/p^2 with L = cover", 6),
    Case("bullwhip_cover", "Bullwhip: `cover` equal to the lead time, and the default",
         ["bullwhip_cover.yaml", "bullwhip.yaml"], 20, 5, ["horizon=330d"], eval_bullwhip_cover,
         "1 + 2L/p + 2L^2/p^2: L = cover = 2 (the lead time) gives 2.12, the default L = 3 gives 2.92",
         2),
    Case("bullwhip_chain", "Bullwhip in a four-stage chain", ["bullwhip_chain.yaml"], 20, 5,
         ["horizon=330d"], eval_bullwhip_chain, "prod_i (1 + 2L_i/p + 2L_i^2/p^2) (lower bound)", 7),
]
K_TOTAL = sum(c.n_interval_checks for c in CASES)


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------
def fmt(x):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 1000 or a < 1e-3:
        return "%.4g" % x
    return "%.5g" % x


def markdown(results, blocked, timings, quick, command):
    lines = []
    add = lines.append
    add("# Validation: Surge against queueing and inventory theory")
    add("")
    add("Generated by `%s` (do not edit by hand; `make validation` regenerates it)." % command)
    add("Every case is an ordinary scenario under `scenarios/validation/` run through the ordinary")
    add("CLI (`surge run FILE --replication r -o r.h5`, with `--records` where the check needs")
    add("per-order or per-contact data); each file's header names the theory and the formula. The")
    add("runner is `analysis/validation.py`, which computes every theory value itself (closed forms,")
    add("Poisson sums, birth-death chains) from the parameters written in the scenario.")
    add("")
    add("## How to read the table")
    add("")
    add("- **simulated** is the mean over replications of the per-replication KPI, **95% CI** its")
    add("  Student-t interval and **hw %** the half-width as a percentage of the mean.")
    add("- **pass** when the theory lies inside the interval. Because the suite makes %d interval" % K_TOTAL)
    add("  checks, the decision uses Bonferroni-simultaneous intervals (level 1 - 0.05/%d each) so" % K_TOTAL)
    add("  that a correct engine passes the whole suite with probability >= 95%; `pass*` marks a")
    add("  value outside its ordinary 95% interval but inside the simultaneous one.")
    add("- Lower-bound rows (bullwhip chain) pass when the simultaneous interval reaches the bound;")
    add("  `greater` rows when the simultaneous interval of a paired difference is above 0.")
    add("- **Little** rows check L = lambda W in *every* replication as a sample-path identity:")
    add("  |L - lambda W| <= %g x L + %g. They show the mean L and mean lambda W, and the worst" % (LITTLE_REL, LITTLE_ABS))
    add("  relative gap over the replications (boundary terms at the window's ends).")
    add("- **every replication** rows check a sample-path property of a KPI's definition in every")
    add("  replication (e.g. the maximum backlog is at least every sampled backlog); they show the")
    add("  KPI's mean over the replications.")
    add("- Seeds, horizons, warm-ups and replication counts are fixed in the scenario files and in")
    add("  `CASES` in the runner; they were chosen for the precision, never tuned on the outcome.")
    add("")
    if quick:
        add("**This is a `--quick` run**: fewer and shorter replications, wider intervals.")
        add("")
    add("## Results")
    add("")
    add("| case | quantity | theory | simulated | 95% CI | hw % | result |")
    add("|---|---|---|---|---|---|---|")
    for r in results:
        if r.kind == "little":
            add("| %s | %s | %s | %s | worst gap %.2g%% | | %s |" % (
                r.case, r.quantity, fmt(r.theory), fmt(r.mean), 100 * r.worst_gap, r.label))
        elif r.kind == "identity":
            add("| %s | %s | every replication | %s | | | %s |" % (
                r.case, r.quantity, fmt(r.mean), r.label))
        else:
            theory = (">= " if r.kind == "lower" else "> " if r.kind == "greater" else "") + fmt(r.theory)
            add("| %s | %s | %s | %s | [%s, %s] | %.2f | %s |" % (
                r.case, r.quantity, theory, fmt(r.mean), fmt(r.lo95), fmt(r.hi95),
                r.half_width_pct, r.label))
    for name, why in blocked:
        add("| %s | (all) | | | | | BLOCKED: %s |" % (name, why))
    add("")
    n_fail = sum(not r.passed for r in results)
    add("**%d checks, %d failed, %d cases blocked.**" % (len(results), n_fail, len(blocked)))
    add("")
    add("## Run time")
    add("")
    add("| case | replications | wall time (s) |")
    add("|---|---|---|")
    for name, reps, secs in timings:
        add("| %s | %d | %.1f |" % (name, reps, secs))
    add("")
    add(CASE_NOTES)
    return "\n".join(lines) + "\n"


CASE_NOTES = r"""## The cases

All times are in hours. Each scenario file's header gives the derivation in full; here is
the formula and the convention it relies on.

### mm1 -- M/M/1 (`scenarios/validation/mm1.yaml`)
lambda = 8/h, mu = 10/h, one agent, no patience. E[W] = rho/(mu - lambda) = 0.4 h;
P(W <= T) = 1 - rho e^{-(mu - lambda) T}. `service_level` counts a contact answered within T
(docs/kpis.md) -- with `within: 0.001s` it measures P(W = 0) = 1 - rho up to the tiny T (the
theory uses that same T); a target's `answer_within: 60s` gives the 60 s service level.

The KPI `wait_probability` (offered contacts not answered on arrival / offered) is P(W > 0)
= rho, and `mean_wait_all` (the wait of every offered contact) is E[W] when nobody abandons.

### mmc -- M/M/c, Erlang C (`mmc.yaml`)
lambda = 40/h, mu = 10/h, c = 5 (a = 4). C(c, a) = [a^c/c! c/(c-a)] / [sum_{k<c} a^k/k! +
a^c/c! c/(c-a)] = P(W > 0); E[W] = C/(c mu - lambda); service level "answered within 20 s"
= 1 - C e^{-(c mu - lambda) 20 s}. `wait_probability` is checked against C(c, a) directly
and `mean_wait_all` against E[W].

### mmc_staffing -- piecewise-stationary M/M/c, agents by window (`mmc_staffing.yaml`)
The M/M/c above (lambda = 40/h, mu = 10/h) with agents that follow a capacity schedule: 5 from
day 0, 7 from day 10, 6 from day 20, 5 again from day 30 (agents taken away while busy finish
their calls; docs/model.md, "Capacity over time"). Each regime lasts 10 days, thousands of times
the queue's relaxation time, so each is measured as a stationary M/M/c: a campaign of uplift 1
(which changes no demand, only opens a KPI window) from one settling day after the step to one
day before the next. A contact counts in the window it arrived in. In each window,
`wait_probability` is checked against Erlang C(c, 4) and the service level "answered within
20 s" against 1 - C e^{-(c mu - lambda) 20 s}, with that window's c.

### erlang_a -- M/M/c+M, Erlang A (`erlang_a.yaml`)
lambda = 50/h, mu = 10/h, c = 5, exponential patience of mean 3 min (theta = 20/h). The number
in system is a birth-death chain (death rate min(n,c) mu + max(n-c,0) theta). An arrival that
finds j callers ahead has, with i ahead, next-event rate r_i = c mu + (i+1) theta and abandons
at it with probability theta/r_i: P(served | j) = prod_{i<=j} (c mu + i theta)/r_i and
E[W 1{served} | j] = P(served | j) sum_{i<=j} 1/r_i. Surge's `abandonment_rate` is abandoned /
offered and `mean_wait` is over answered contacts, which is exactly what these give.
`wait_probability` is P(n >= c) under pi (PASTA). `mean_wait_all` counts an abandoned caller's
wait up to the moment it hangs up: E[W_all | j] = sum over the steps i = j, j-1, ..., 0 of
P(reach step i) / r_i, with P(reach step i - 1) = P(reach step i) (c mu + i theta)/r_i.

### max_backlog -- a stock never replenished (`max_backlog.yaml`)
S = 300 units, no source, unit Poisson orders at 10/d, backorders, T = 30 d, no warm-up. The
backlog (N(t) - S)^+ never falls, so the maximum over the run is its value at the end:
E[max] = E[(N(T) - S)^+], P(max > 0) = P(N(T) > S) with N(T) ~ Poisson(300); `mean_backlog`
is checked against (1/T) int_0^T E[(N(t) - S)^+] dt (numerical quadrature). Every replication
also checks max = the final backlog, and (here and in the inventory cases) that max_backlog is
at least the mean backlog and every sampled backlog.

### md1, mg1 -- make-to-order lines, Pollaczek-Khinchine (`md1.yaml`, `mg1.yaml`)
A make-to-order factory line with unit orders is a single-server FIFO queue; a job's wait ends
when its (one-unit) batch starts (docs/kpis.md). E[W] = lambda E[S^2] / (2(1 - rho)): M/D/1
with S = 6 min (E[W] = 0.2 h), M/G/1 with lognormal S of mean 6 min and cv 0.5 (E[S^2] =
E[S]^2 (1 + cv^2), E[W] = 0.25 h). The order lead time (no last mile) adds the service time.

### tandem -- Jackson network (`tandem.yaml`)
Stations pick (1 server, exponential 6 min) and pack (2 servers, exponential 12 min) in a
fulfilment centre with ample stock, lambda = 8/h. Burke's output theorem and Jackson's
product form make them independent M/M/1 and M/M/2 queues: E[T] = E[W1] + 1/mu1 + E[W2] +
1/mu2. Without cut-off or last mile, the order lead time is the sojourn time.

### base_stock, rq, ss, lost_sales -- inventory (`base_stock.yaml`, `rq.yaml`, `ss.yaml`, `lost_sales.yaml`)
A warehouse replenished by a supplier with lead time 0 over a lane with fixed lead time
L = 5 d, demand Poisson 4 units/d in unit orders (ss: 2 orders/d of 1, 2 or 3 units).
Surge's conventions (docs/model.md, docs/kpis.md) that the formulas use: continuous review
(the policy acts on every change of position), strict FIFO and orders filled whole, fill rate
= units of orders filled complete from stock **on arrival** / units demanded, `mean_backlog` =
time-average units backordered (so E[backorders] by PASTA), every request counts as demand.
The net stock at t is the position at t - L minus the demand of (t - L, t]:
- base stock S = 24: fill = P(D <= S - 1), E[BO] = E[(D - S)^+], E[OH] = E[(S - D)^+];
- (R, Q) = (15, 10): the position is uniform on R+1..R+Q; average the base-stock formulas;
- (s, S) = (15, 35) with order sizes {1, 2, 3}: the position has the renewal law
  pi(y) proportional to u(S - y); an order of size k is filled iff y - D >= k; the backlog is
  the demand of the lead time beyond the longest FIFO prefix of its orders that fits in y (a
  big order waits even when a few units are on hand);
- lost sales, base stock S = 22: units on order form an M/G/S/S loss system, P(lost) =
  Erlang B(S, lambda L), exact for one-for-one policies (the classical lost-sales
  approximation becomes exact there).
In every case E[on order] = lambda L (Little) is checked too.

### calendars (`calendars.yaml`)
Saturated resources, calendar `daily: "08:00-16:00"` against none. A production line pauses
overnight and resumes its batch (model.md), so it does exactly 1/3 of the work. A station is
non-preemptive: it finishes the job in hand after closing, so with exponential times of mean
m it starts 1 + 8 h/m jobs a day against 24 h/m: ratio (m + 8 h)/24 h, i.e. 17/48 for
m = 30 min, slightly above 1/3. Throughput is orders shipped in the run window (records).
The queues grow without bound, so Little's law is not applied to them.

### bullwhip (`bullwhip.yaml`)
Periodic order-up-to, review 1 d, S_t = cover x MA_p, safety factor 0, Poisson demand 400/d.
q_t = D_t + S_t - S_{t-1} = (1 + cover/p) D_t - (cover/p) D_{t-p}, so Var(q)/Var(D) =
1 + 2 cover/p + 2 cover^2/p^2 exactly (Chen, Drezner, Ryan and Simchi-Levi 2000, z = 0, with
their L equal to Surge's `cover`). Surge's convention: `cover` defaults to lead time/review + 1
(the lead time plus the review period), so these are the paper's ratios for L = cover, one
more than the lead time in reviews (bullwhip_cover below writes `cover` equal to the lead
time). Lane lead times 1 d and 4 d (cover 2 and 5), p = 2, 5, 10. Measured by the KPI
`bullwhip_ratio` (docs/kpis.md: the variance of the stock point's orders per sampling period
over the variance of the demand it sees, periods inside the run window) with `sample_every` =
review; every replication also checks that the KPI equals the same ratio computed from the
`ordered` and `demand` columns of `/timeseries/stock`.

### bullwhip_cover -- `cover` as Chen et al.'s L (`bullwhip_cover.yaml`, `bullwhip.yaml`)
The reading of a user who knows Chen et al. (2000): lane lead time L = 2 d, daily reviews,
MA(5). Surge's `cover` is the paper's L, and its default is lead time / review + 1 = 3 (the
lead time plus the review period: docs/model.md, docs/scenario-reference.md), so
`bullwhip.yaml` as written gives 1 + 6/5 + 18/25 = 2.92; `bullwhip_cover.yaml` writes `cover:
2`, the lead time in review periods, and gives the paper's 1 + 4/5 + 8/25 = 2.12. Both by the
KPI `bullwhip_ratio`, each checked against the series as in `bullwhip`. (With `cover` equal to
the lead time the level does not protect the review period: the stock point carries a standing
backlog of about half a period's demand, which changes nothing in the variance of its orders.)

### bullwhip_chain (`bullwhip_chain.yaml`)
Four stages, each an order-up-to with MA(5) of its own incoming requests, lead time 1 d
(cover 2). Chen et al.'s decentralised bound: Var(q_k)/Var(D) >= prod_{i<=k}(1 + 2L_i/p +
2L_i^2/p^2); each stage's amplification must reach the bound and exceed the stage below.
Each stage's demand is the orders of the stage below, so the product of the stages' own
`bullwhip_ratio` KPIs must equal the cumulative ratio in every replication.
"""


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=os.environ.get("SURGE_BINARY",
                                                       os.path.join(ROOT, "build", "surge")))
    ap.add_argument("--quick", action="store_true", help="fewer, shorter replications")
    ap.add_argument("--only", action="append", default=[], metavar="CASE",
                    help="run only this case (repeatable): " + ", ".join(c.name for c in CASES))
    ap.add_argument("--check", action="store_true",
                    help="print the results only; do not write the document")
    ap.add_argument("--output", default=None,
                    help="document to write (default docs/validation.md for a full run)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args(argv)

    names = [c.name for c in CASES]
    for n in args.only:
        if n not in names:
            ap.error("unknown case %r (cases: %s)" % (n, ", ".join(names)))
    if not (os.path.isfile(args.binary) and os.access(args.binary, os.X_OK)):
        ap.error("no surge binary at %s (use --binary or $SURGE_BINARY)" % args.binary)
    selected = [c for c in CASES if not args.only or c.name in args.only]

    runner = Runner(args.binary, args.jobs, args.quick)
    results, blocked, timings = [], [], []
    t_all = time.time()
    for case in selected:
        t0 = time.time()
        runner.case = case
        runner.runs = 0
        try:
            case_results = case.evaluate(case.name, runner)
        except Blocked as e:
            blocked.append((case.name, str(e)))
            print("%-15s BLOCKED: %s" % (case.name, e), flush=True)
            continue
        except RuntimeError as e:
            print("%s: error: %s" % (case.name, e), file=sys.stderr)
            return 2
        for r in case_results:
            r.evaluate(K_TOTAL)
        results += case_results
        secs = time.time() - t0
        timings.append((case.name, runner.runs, secs))
        for r in case_results:
            if r.kind == "little":
                print("%-15s %-48s L=%-10s lambdaW=%-10s gap %.2g%%  %s" % (
                    r.case, r.quantity[:48], fmt(r.mean), fmt(r.theory), 100 * r.worst_gap, r.label))
            elif r.kind == "identity":
                print("%-15s %-48s every replication (mean %s)  %s" % (
                    r.case, r.quantity[:48], fmt(r.mean), r.label))
            else:
                print("%-15s %-48s theory %-10s sim %-10s [%s, %s] hw %.2f%%  %s" % (
                    r.case, r.quantity[:48], fmt(r.theory), fmt(r.mean), fmt(r.lo95),
                    fmt(r.hi95), r.half_width_pct, r.label), flush=True)
        print("%-15s %d replications in %.1f s" % (case.name, runner.runs, secs), flush=True)
    total = time.time() - t_all
    timings.append(("total", sum(t[1] for t in timings), total))

    output = args.output
    if output is None and not args.check and not args.only:
        output = os.path.join(ROOT, "docs", "validation.md")
    if output:
        command = "analysis/validation.py" + (" --quick" if args.quick else "")
        with open(output + ".tmp", "w") as f:
            f.write(markdown(results, blocked, timings, args.quick, command))
        os.replace(output + ".tmp", output)
        print("wrote %s" % output)
    failed = [r for r in results if not r.passed]
    print("%d checks, %d failed, %d blocked, %.1f s" % (len(results), len(failed), len(blocked),
                                                       total))
    if failed:
        return 1
    if blocked:
        return 77 if args.check else 0  # ctest: SKIP_RETURN_CODE 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
