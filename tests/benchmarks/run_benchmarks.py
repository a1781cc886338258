#!/usr/bin/python3
"""Surge's benchmark suite: kernel micro-benchmarks, whole models through the CLI, SimPy peers
side by side, and scaling in horizon, replications and nodes x products.

    make bench                                   # build with benchmarks on, then this
    /usr/bin/python3 tests/benchmarks/run_benchmarks.py --build-dir build-bench [--quick]
        [--runs K] [--write-docs] [--json FILE]

Every whole-model number is the median of --runs runs (default 3; SimPy peers run
--peer-runs times, default 1, because one run takes a minute or more). Wall time is measured
around the whole `surge` process; CPU time (user + system) is its rusage, peak memory what
/usr/bin/time -f '%M' reports (the process runs under it; see timed()). Events per second divide the events Surge reports
by the process time (loading and KPIs included, so they are conservative). On a shared,
loaded machine CPU time is the stable measure. Ratios against SimPy are measured in the same invocation, runs interleaved.
The tables go to stdout; --write-docs also replaces the generated part of
docs/performance.md (between the bench:begin and bench:end markers).

--quick shrinks everything (fewer customers, reps and sizes) to check the suite works in a
couple of minutes; its numbers are not the documented ones.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCENARIOS = os.path.join(HERE, "scenarios")
PEERS = os.path.join(HERE, "peers")
FLAGSHIP = os.path.join(ROOT, "scenarios", "black_friday.yaml")
DOC = os.path.join(ROOT, "docs", "performance.md")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
PYTHON = "/usr/bin/python3"
# Flagship horizons of the scaling rows (days). The flagship's campaign starts on day 57, and
# a horizon that ends before a campaign starts is refused, so none is shorter than 60 days.
HORIZONS_QUICK = [60, 90, 120]
HORIZONS_FULL = [60, 120, 240, 480, 960]
MMC_HOURS_QUICK, MMC_HOURS_FULL = 2500, 25000
CHAIN_DAYS_QUICK, CHAIN_DAYS_FULL = 36.5, 365
# The peers run on the SimPy 4.1.2 vendored in the repository (Debian packages only SimPy 3):
# this folder goes first on their PYTHONPATH, and each peer asserts the version it got.
SIMPY_DIR = os.path.join(ROOT, "third_party", "simpy-4.1.2")
SIMPY_VERSION = "4.1.2"


def peer_env():
    """The environment of a SimPy peer: ours, with the vendored SimPy first on PYTHONPATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (SIMPY_DIR, env.get("PYTHONPATH")) if p)
    return env


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, env=None):
    """Runs cmd; returns (wall s, CPU s = user + sys of the process and its threads, peak RSS
    in MB, stdout). CPU is the rusage from wait4() (at microsecond rather than 10 ms
    resolution); the peak RSS is what /usr/bin/time -f '%M' reports for cmd, which runs under
    it. Linux counts in a process's peak RSS the memory of the process it was forked from, up
    to its exec: read from wait4() here, every small run's peak would be this script's own size
    (tens of MB, growing as results pile up); /usr/bin/time is small and forks cmd itself."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err, \
            tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak.name] + cmd, cwd=ROOT,
                                stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if proc.returncode != 0:
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err.read()}")
        # The last line: /usr/bin/time writes "Command exited with non-zero status" first if so.
        rss_kb = float(peak.read().strip().splitlines()[-1])
        return wall, usage.ru_utime + usage.ru_stime, rss_kb / 1024.0, out.read()


def surge_run(surge, scenario, sets=()):
    """One `surge run`: wall, peak MB, events, the run's own seconds."""
    cmd = [surge, "run", scenario]
    for s in sets:
        cmd += ["--set", s]
    wall, cpu, rss, out = timed(cmd)
    m = re.search(r"Simulated (\d+) events in ([\d.]+) s", out)
    if not m:
        raise SystemExit(f"no event count in the output of {' '.join(cmd)}")
    return {"wall": wall, "cpu": cpu, "rss_mb": rss, "events": int(m.group(1)),
            "run_s": float(m.group(2)), "sameness": sameness(out)}


def sameness(report):
    """What the peers also print, read from Surge's terminal report: customers and mean wait of
    the service desk (M/M/c), orders and fill rate (chain). Missing lines are left out."""
    found = {}
    for key, pattern, scale in (("contacts", r"\n\s*contacts\s+([\d,]+)", None),
                                ("mean_wait_hours", r"mean wait \(answered\)\s+([\d.]+) min", 60.0),
                                ("orders", r"demand \(units\)\s+([\d,]+)", None),
                                ("fill_rate", r"\n\s*fill rate\s+([\d.]+)%", 100.0)):
        m = re.search(pattern, report)
        if m:
            text = m.group(1).replace(",", "")
            found[key] = float(text) / scale if scale else int(text)
    return found


def surge_mc(surge, scenario, reps, threads):
    wall, cpu, rss, _ = timed([surge, "mc", scenario, "--reps", str(reps), "--threads",
                               str(threads), "-q"])
    return {"wall": wall, "cpu": cpu, "rss_mb": rss, "reps": reps}


def peer(script, args):
    wall, cpu, rss, out = timed([PYTHON, os.path.join(PEERS, script)] + args, env=peer_env())
    result = json.loads(out.strip().splitlines()[-1])
    result.update({"process_wall": wall, "process_cpu": cpu, "rss_mb": rss})
    return result


def median_of(runs, key):
    return statistics.median(r[key] for r in runs)


def sameness_text(res):
    """SimPy's check statistics beside Surge's (first run of each; same seed every run)."""
    peer_mmc, peer_chain = res["simpy_mmc"]["detail"], res["simpy_chain"]["detail"]
    own_mmc, own_chain = res["mmc"].get("sameness", {}), res["chain"].get("sameness", {})

    def own(found, key, spec):
        return format(found[key], spec) if key in found else "?"

    return (f"Sanity check of sameness (SimPy / Surge): M/M/c mean wait "
            f"{peer_mmc['mean_wait_hours']:.4f} / {own(own_mmc, 'mean_wait_hours', '.4f')} h "
            f"(Erlang C: 0.0554 h), {peer_mmc['arrived']:,} / {own(own_mmc, 'contacts', ',')} "
            f"customers; chain {peer_chain['orders']:,} / {own(own_chain, 'orders', ',')} "
            f"orders, fill rate {peer_chain['fill_rate']:.3f} / "
            f"{own(own_chain, 'fill_rate', '.3f')}.")


def summarise(runs):
    """Median wall, peak memory, events and events/s of repeated surge runs."""
    out = {"runs": len(runs), "wall": median_of(runs, "wall"), "cpu": median_of(runs, "cpu"),
           "rss_mb": median_of(runs, "rss_mb"), "walls": [r["wall"] for r in runs]}
    if "events" in runs[0]:
        out["events"] = runs[0]["events"]
        out["events_per_s"] = out["events"] / out["wall"]
        out["events_per_cpu_s"] = out["events"] / out["cpu"]
        out["run_s"] = median_of(runs, "run_s")
        out["sameness"] = runs[0].get("sameness", {})
    return out


# ---------------------------------------------------------------------------------------------
def machine(build_dir):
    info = {"date": datetime.date.today().isoformat(), "nproc": os.cpu_count(),
            "kernel": platform.release()}
    try:
        lscpu = subprocess.run(["lscpu"], stdout=subprocess.PIPE, text=True).stdout
        m = re.search(r"Model name:\s*(.+)", lscpu)
        info["cpu"] = m.group(1).strip() if m else "?"
        m = re.search(r"Hypervisor vendor:\s*(.+)", lscpu)
        info["hypervisor"] = m.group(1).strip() if m else "none"
    except OSError:
        info["cpu"] = "?"
    with open("/proc/meminfo") as f:
        kb = int(re.search(r"MemTotal:\s*(\d+)", f.read()).group(1))
    info["memory_gb"] = round(kb / 1024 / 1024, 1)
    info["load_at_start"] = os.getloadavg()[0]
    cache = os.path.join(build_dir, "CMakeCache.txt")
    compiler, build_type = "?", "?"
    if os.path.exists(cache):
        text = open(cache).read()
        m = re.search(r"CMAKE_CXX_COMPILER:\w+=(.+)", text)
        if m:
            ver = subprocess.run([m.group(1), "--version"], stdout=subprocess.PIPE, text=True)
            compiler = ver.stdout.splitlines()[0]
        m = re.search(r"CMAKE_BUILD_TYPE:\w+=(.*)", text)
        build_type = m.group(1) if m else "?"
    info["compiler"], info["build_type"] = compiler, build_type
    try:
        info["simpy"] = subprocess.run(
            [PYTHON, "-c", "import simpy, sys; print(simpy.__version__, sys.version.split()[0])"],
            stdout=subprocess.PIPE, text=True, env=peer_env()).stdout.strip() or "missing"
    except OSError:
        info["simpy"] = "missing"
    info["commit"] = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                    stdout=subprocess.PIPE, text=True).stdout.strip()
    return info


def kernel_micro(build_dir, quick, reps):
    exe = os.path.join(build_dir, "tests", "benchmarks", "surge_kernel_bench")
    cmd = [exe, "--benchmark_format=json", f"--benchmark_repetitions={reps}",
           "--benchmark_report_aggregates_only=true",
           f"--benchmark_min_time={0.05 if quick else 0.3}"]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"surge_kernel_bench failed:\n{proc.stderr}")
    rows = []
    for b in json.loads(proc.stdout)["benchmarks"]:
        if b.get("aggregate_name") != "median":
            continue
        rows.append({"name": b["run_name"], "label": b.get("label", ""),
                     "items_per_s": b.get("items_per_second", 0.0)})
    return rows


# ---------------------------------------------------------------------------------------------
def input_problems(surge):
    """`surge validate` of every scenario and override the suite runs, quick and full: the
    problems found, one line each (none: an empty list). Run first, so that an input the CLI
    refuses stops the suite in seconds rather than after minutes of measurements."""
    runs = [(FLAGSHIP, [])]
    runs += [(FLAGSHIP, [f"horizon={d}d"]) for d in sorted(set(HORIZONS_QUICK + HORIZONS_FULL))]
    runs += [(os.path.join(SCENARIOS, "mmc_1m.yaml"), [f"horizon={h}h"])
             for h in (MMC_HOURS_QUICK, MMC_HOURS_FULL)]
    runs += [(os.path.join(SCENARIOS, "serial_chain.yaml"), [f"horizon={d:g}d"])
             for d in (CHAIN_DAYS_QUICK, CHAIN_DAYS_FULL)]
    problems = []
    for scenario, sets in runs:
        cmd = [surge, "validate", scenario] + [a for v in sets for a in ("--set", v)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            problems.append(" ".join(cmd) + ": " + (p.stderr.strip() or p.stdout.strip()))
    return problems


def run_all(args):
    surge = os.path.join(args.build_dir, "surge")
    quick, k = args.quick, args.runs
    problems = input_problems(surge)
    if problems:
        sys.exit("the suite's inputs are refused:\n" + "\n".join(problems))
    res = {"machine": machine(args.build_dir), "quick": quick, "runs": k,
           "peer_runs": args.peer_runs}
    tmp = tempfile.mkdtemp(prefix="surge-bench-")

    log("kernel micro-benchmarks ...")
    res["micro"] = kernel_micro(args.build_dir, quick, 3 if quick else 5)

    # M/M/c: 1,000,000 customers (quick: 100,000), Surge and SimPy interleaved.
    mmc_hours = MMC_HOURS_QUICK if quick else MMC_HOURS_FULL
    mmc_sets = [f"horizon={mmc_hours}h"]
    mmc = os.path.join(SCENARIOS, "mmc_1m.yaml")
    chain_days = CHAIN_DAYS_QUICK if quick else CHAIN_DAYS_FULL
    chain = os.path.join(SCENARIOS, "serial_chain.yaml")
    chain_sets = [f"horizon={chain_days:g}d"]
    surge_mmc, surge_chain, simpy_mmc, simpy_chain = [], [], [], []
    for i in range(max(k, args.peer_runs)):
        if i < k:
            log(f"M/M/c + serial chain, Surge run {i + 1}/{k} ...")
            surge_mmc.append(surge_run(surge, mmc, mmc_sets))
            surge_chain.append(surge_run(surge, chain, chain_sets))
        if i < args.peer_runs and not args.skip_peers:
            log(f"M/M/c + serial chain, SimPy run {i + 1}/{args.peer_runs} ...")
            simpy_mmc.append(peer("mmc_simpy.py", ["--horizon-hours", str(mmc_hours)]))
            simpy_chain.append(peer("serial_chain_simpy.py", ["--days", f"{chain_days:g}"]))
    res["mmc"] = summarise(surge_mmc)
    res["chain"] = summarise(surge_chain)
    if simpy_mmc:
        res["simpy_mmc"] = {"wall": median_of(simpy_mmc, "wall_seconds"),
                              "cpu": median_of(simpy_mmc, "cpu_seconds"),
                            "process_wall": median_of(simpy_mmc, "process_wall"),
                            "rss_mb": median_of(simpy_mmc, "rss_mb"), "detail": simpy_mmc[0]}
        res["simpy_chain"] = {"wall": median_of(simpy_chain, "wall_seconds"),
                              "cpu": median_of(simpy_chain, "cpu_seconds"),
                              "process_wall": median_of(simpy_chain, "process_wall"),
                              "rss_mb": median_of(simpy_chain, "rss_mb"),
                              "detail": simpy_chain[0]}

    log("flagship, one replication ...")
    res["flagship"] = summarise([surge_run(surge, FLAGSHIP) for _ in range(k)])

    reps = 100 if quick else 1000
    log(f"flagship, {reps} replications on {args.jobs} threads ...")
    res["flagship_mc"] = summarise([surge_mc(surge, FLAGSHIP, reps, args.jobs)
                                    for _ in range(1 if quick else args.mc_runs)])
    res["flagship_mc"]["reps"] = reps

    if not quick:
        # Issue #17: `surge optimise` of the flagship with its levers and default options, one
        # run (minutes); the replications it spent are read from its closing line.
        log(f"flagship optimise on {args.jobs} threads ...")
        wall, cpu, rss, out = timed([surge, "optimise", FLAGSHIP, "--threads", str(args.jobs)])
        m = re.search(r"(\d+) combinations screened .*?, (\d+) replications in all", out)
        res["flagship_optimise"] = {"wall": wall, "cpu": cpu, "rss_mb": rss,
                                    "combinations": int(m.group(1)) if m else 0,
                                    "replications": int(m.group(2)) if m else 0}

    nodes, products = (20, 50) if quick else (50, 200)
    days = 90 if quick else 365
    scale = os.path.join(tmp, f"scale_{nodes}x{products}.yaml")
    generate(nodes, products, days, scale)
    log(f"scale model {nodes} nodes x {products} products, {days} days ...")
    res["scale"] = summarise([surge_run(surge, scale) for _ in range(1 if quick else 2)])
    res["scale"].update({"nodes": nodes, "products": products, "days": days})
    if not quick:
        # Issue #20's target size: 100 nodes x 2,000 products (180,000 stock points, a 19 MB
        # scenario), one simulated year, one run (minutes; never in --quick).
        nodes, products = 100, 2000
        target = os.path.join(tmp, f"scale_{nodes}x{products}.yaml")
        generate(nodes, products, days, target)
        log(f"scale model {nodes} nodes x {products} products, {days} days (the target) ...")
        res["scale_target"] = summarise([surge_run(surge, target)])
        res["scale_target"].update({"nodes": nodes, "products": products, "days": days})

    # Scaling -----------------------------------------------------------------------------
    res["scaling_horizon"] = []
    for d in (HORIZONS_QUICK if quick else HORIZONS_FULL):
        log(f"horizon {d}d (flagship) ...")
        runs = [surge_run(surge, FLAGSHIP, [f"horizon={d}d"]) for _ in range(k)]
        res["scaling_horizon"].append(dict(summarise(runs), days=d))

    res["scaling_reps"] = []
    for r in ([25, 50, 100] if quick else [100, 200, 400]):
        log(f"replications {r} (flagship mc) ...")
        runs = [surge_mc(surge, FLAGSHIP, r, args.jobs)]
        res["scaling_reps"].append(dict(summarise(runs), reps=r))

    res["scaling_size"] = []
    sizes = ([(10, 10), (10, 40), (20, 40)] if quick else
             [(10, 50), (25, 50), (50, 50), (50, 100), (50, 200), (100, 200)])
    size_days = 30 if quick else 90
    for n, p in sizes:
        path = os.path.join(tmp, f"scale_{n}x{p}.yaml")
        generate(n, p, size_days, path)
        log(f"size {n} nodes x {p} products, {size_days} days ...")
        runs = [surge_run(surge, path) for _ in range(1 if quick else 2)]
        res["scaling_size"].append(dict(summarise(runs), nodes=n, products=p, days=size_days))
    return res


def generate(nodes, products, days, path):
    subprocess.run([PYTHON, os.path.join(HERE, "gen_scale_model.py"), "--nodes", str(nodes),
                    "--products", str(products), "--days", str(days), "-o", path], check=True)


# ---------------------------------------------------------------------------------------------
def fmt(x, digits=2):
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def per_event_ns(r):
    """Wall time of the replication (model built, run, KPIs; loading excluded: the CLI's
    "Simulated N events in X s") per event, in ns: what an event costs as the state grows."""
    return f"{1e9 * r['run_s'] / r['events']:,.0f}" if r.get("events") else "-"


def meps(x):
    return f"{x / 1e6:.2f} M"


def slope(xs, ys):
    """Least-squares slope of log y on log x: 1 means linear growth, 0 flat."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


def report(res, command):
    m = res["machine"]
    L = []
    w = L.append
    w(f"Generated by `{command}` on {m['date']} (commit {m['commit']})"
      + (" -- QUICK MODE, not the documented numbers" if res["quick"] else "") + ".")
    w("")
    w("| machine | |")
    w("|---|---|")
    w(f"| CPU | {m.get('cpu')} ({m['nproc']} cores, hypervisor: {m.get('hypervisor')}) |")
    w(f"| memory | {m['memory_gb']} GB |")
    w(f"| OS kernel | {m['kernel']} |")
    w(f"| compiler / build | {m['compiler']} / {m['build_type']} |")
    w(f"| SimPy / Python | {m['simpy']} |")
    w(f"| load average at start | {m['load_at_start']:.2f} (shared machine) |")
    w("")
    w(f"Whole-model rows: median of {res['runs']} runs (M/M/c, chain, one flagship replication, "
      f"horizon rows), 2 (scale models; 1 at the target size), 1 (Monte Carlo rows) for Surge; "
      f"{res['peer_runs']} "
      "run(s) for SimPy; wall time of the whole process; CPU time from its rusage and peak RSS "
      "as `/usr/bin/time -f %M` reports it (the process runs under it); "
      "CPU = user + system time of the process (all its threads). events/s divides the events "
      "Surge reports by the process wall or CPU time (loading, validation and KPIs included). "
      "On a shared, loaded machine CPU time is the stable measure; wall time is what a user "
      "waits.")
    w("")
    w("### Whole models")
    w("")
    w("| benchmark | events | wall (s) | CPU (s) | events/s (wall) | events/s (CPU) | "
      "replication (ns per event) | peak RSS (MB) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")

    def row(name, r):
        ev = f"{r['events']:,}" if "events" in r else "-"
        eps = meps(r["events_per_s"]) if "events_per_s" in r else "-"
        epc = meps(r["events_per_cpu_s"]) if "events_per_cpu_s" in r else "-"
        w(f"| {name} | {ev} | {fmt(r['wall'])} | {fmt(r['cpu'])} | {eps} | {epc} | "
          f"{per_event_ns(r)} | {fmt(r['rss_mb'], 1)} |")

    mmc_n = "100,000" if res["quick"] else "1,000,000"
    row(f"M/M/c, c=5, rho=0.8, ~{mmc_n} customers", res["mmc"])
    row(f"serial chain (4 echelons, 2 stations), {'36.5' if res['quick'] else '365'} days",
        res["chain"])
    row("flagship black_friday.yaml, 1 replication", res["flagship"])
    fm = res["flagship_mc"]
    row(f"flagship, {fm['reps']} replications (`surge mc --threads "
        f"{res.get('jobs', 2)}`)", fm)
    s = res["scale"]
    row(f"scale model {s['nodes']} nodes x {s['products']} products, {s['days']} days", s)
    if "scale_target" in res:
        s = res["scale_target"]
        row(f"scale model {s['nodes']} nodes x {s['products']} products, {s['days']} days "
            "(issue #20's target, 1 run)", s)
    w("")
    if "simpy_mmc" in res:
        w("### Surge against SimPy (same model, same machine, same invocation)")
        w("")
        w("| model | SimPy CPU (s) | Surge CPU (s) | **ratio (CPU)** | SimPy wall (s) | "
          "Surge wall (s) | ratio (wall) | SimPy / Surge peak RSS (MB) |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|")
        for key, name in (("mmc", "M/M/c"), ("chain", "serial chain")):
            p, q = res["simpy_" + key], res[key]
            w(f"| {name} | {fmt(p['cpu'])} | {fmt(q['cpu'])} | **{p['cpu'] / q['cpu']:.0f}x** | "
              f"{fmt(p['wall'])} | {fmt(q['wall'])} | {p['wall'] / q['wall']:.0f}x | "
              f"{fmt(p['rss_mb'], 1)} / {fmt(q['rss_mb'], 1)} |")
        w("")
        w("SimPy times are the simulation alone (measured inside the script: interpreter start-up "
          "and imports excluded); Surge times are the whole process (YAML loading, validation and "
          "KPIs included), so the ratio is conservative. "
          + sameness_text(res))
        w("")
    w("### Kernel micro-benchmarks (Google Benchmark, median of repetitions)")
    w("")
    w("| benchmark | | ns per item | items/s |")
    w("|---|---|---:|---:|")
    for b in res["micro"]:
        ips = b["items_per_s"]
        w(f"| `{b['name']}` | {b['label']} | {1e9 / ips:.1f} | {meps(ips)} |")
    w("")
    w("An item is one event (`EventQueue`, `Simulator`), one job (`Server`), one put + get pair "
      "(`Store`) or one draw (`Random`). The `/N` of the queue and simulator benchmarks is the "
      "number of pending events.")
    w("")
    w("### Scaling")
    w("")
    w("Horizon (flagship, `--set horizon=Nd`, one replication):")
    w("")
    w("| horizon (days) | events | wall (s) | CPU (s) | events/s (CPU) | peak RSS (MB) |")
    w("|---:|---:|---:|---:|---:|---:|")
    for r in res["scaling_horizon"]:
        w(f"| {r['days']} | {r['events']:,} | {fmt(r['wall'])} | {fmt(r['cpu'])} | "
          f"{meps(r['events_per_cpu_s'])} | {fmt(r['rss_mb'], 1)} |")
    hs = res["scaling_horizon"]
    w("")
    w(f"Log-log slope of CPU time on horizon: {slope([r['days'] for r in hs], [r['cpu'] for r in hs]):.2f}; "
      f"of peak RSS: {slope([r['days'] for r in hs], [r['rss_mb'] for r in hs]):.2f} "
      "(1 = linear, 0 = flat).")
    w("")
    w(f"Replications (flagship, `surge mc --reps N --threads {res.get('jobs', 2)} -q`):")
    w("")
    w("| replications | wall (s) | CPU (s) | CPU ms per replication | peak RSS (MB) |")
    w("|---:|---:|---:|---:|---:|")
    for r in res["scaling_reps"]:
        w(f"| {r['reps']} | {fmt(r['wall'])} | {fmt(r['cpu'])} | {1000 * r['cpu'] / r['reps']:.1f} | "
          f"{fmt(r['rss_mb'], 1)} |")
    rs = res["scaling_reps"]
    w("")
    w(f"Log-log slope of CPU time on replications: {slope([r['reps'] for r in rs], [r['cpu'] for r in rs]):.2f}; "
      f"of peak RSS: {slope([r['reps'] for r in rs], [r['rss_mb'] for r in rs]):.2f}.")
    w("")
    sz = res["scaling_size"]
    w(f"Nodes x products (generated scale models, {sz[0]['days']} days, "
      "`gen_scale_model.py --nodes N --products P`):")
    w("")
    w("| nodes | products | N x P | events | wall (s) | CPU (s) | events/s (CPU) | "
      "replication (ns per event) | peak RSS (MB) |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in sz:
        w(f"| {r['nodes']} | {r['products']} | {r['nodes'] * r['products']:,} | {r['events']:,} | "
          f"{fmt(r['wall'])} | {fmt(r['cpu'])} | {meps(r['events_per_cpu_s'])} | "
          f"{per_event_ns(r)} | {fmt(r['rss_mb'], 1)} |")
    w("")
    npx = [r["nodes"] * r["products"] for r in sz]
    w(f"Log-log slope on N x P: CPU time {slope(npx, [r['cpu'] for r in sz]):.2f}, events "
      f"{slope(npx, [r['events'] for r in sz]):.2f}, peak RSS {slope(npx, [r['rss_mb'] for r in sz]):.2f}.")
    w("")

    # Targets -----------------------------------------------------------------------------
    w("### Targets")
    w("")
    w("| target | measured | status |")
    w("|---|---|---|")
    if "simpy_mmc" in res:
        # Issue #20's targets: 100x on the M/M/c, 50x on the chain, in CPU time.
        for key, name, target in (("mmc", "M/M/c", 100), ("chain", "serial chain", 50)):
            ratio = res["simpy_" + key]["cpu"] / res[key]["cpu"]
            wall_ratio = res["simpy_" + key]["wall"] / res[key]["wall"]
            w(f"| Surge >= {target}x faster than SimPy 4.1.2, {name} (CPU) | {ratio:.0f}x CPU "
              f"({wall_ratio:.0f}x wall) | {'met' if ratio >= target else '**not met**'} |")
    sim = {b["name"]: b["items_per_s"] for b in res["micro"]}
    k1 = sim.get("BM_Simulator_ScheduleExecute/1", 0.0)
    k16 = sim.get("BM_Simulator_ScheduleExecute/16", 0.0)
    k64 = sim.get("BM_Simulator_ScheduleExecute/64", 0.0)
    k256 = sim.get("BM_Simulator_ScheduleExecute/256", 0.0)
    # Issue #20: 40 M events/s at 64 pending. The /1 row is the kernel's cost with nothing to
    # sort (checks, fingerprint, dispatch): the part no event list can remove.
    w(f"| kernel >= 40 M events/s on one core (`Simulator` schedule + execute at 64 pending) | "
      f"{meps(k64)} events/s at 64 pending ({meps(k16)} at 16, {meps(k256)} at 256; "
      f"{meps(k1)} with 1 pending) | {'met' if k64 >= 40e6 else '**not met**'} |")
    model_eps = res["flagship"]["events_per_cpu_s"]
    w(f"| (for reference: the flagship model end to end, one core) | {meps(model_eps)} events/s | - |")
    scale_to = 1000 / fm["reps"]
    fm_wall, fm_cpu = fm["wall"] * scale_to, fm["cpu"] * scale_to
    est = "" if fm["reps"] == 1000 else f" (extrapolated from {fm['reps']})"
    w(f"| 1,000 flagship replications <= 20 s CPU (10 s on 2 cores) | {fmt(fm_cpu)} s CPU, "
      f"{fmt(fm_wall)} s wall{est} | {'met' if fm_cpu <= 20 else '**not met**'} |")
    hs = res["scaling_horizon"]
    kib_per_day = (hs[-1]["rss_mb"] - hs[0]["rss_mb"]) * 1024 / (hs[-1]["days"] - hs[0]["days"])
    # What a run must keep (docs/kpis.md, "What a run keeps"): one lead time (8 bytes) per
    # delivered order and window, for the exact quantiles: the flagship takes about 840 orders
    # a day (100,625 in its 120 days), each in at most two windows: 13.4 KB a day, plus a daily
    # sample per series. Above 16 KiB a day something else is kept per order or contact.
    w(f"| memory against horizon, without `--records`: flat (streaming KPIs) | "
      f"{kib_per_day:+.1f} KiB per simulated day (flagship, {hs[0]['days']} to {hs[-1]['days']} "
      f"days: {fmt(hs[0]['rss_mb'], 1)} to {fmt(hs[-1]['rss_mb'], 1)} MB; the lead times exact "
      f"quantiles need, and the daily samples) | {'met' if kib_per_day <= 16 else '**not met**'} |")
    if "flagship_optimise" in res:
        o = res["flagship_optimise"]
        w(f"| `surge optimise` of the flagship <= 2 min on 2 cores (issue #17) | {fmt(o['wall'])} s "
          f"wall, {fmt(o['cpu'])} s CPU ({o['combinations']} combinations, {o['replications']:,} "
          f"replications) | {'met' if o['wall'] <= 120 else '**not met**'} |")
    rss = [r["rss_mb"] for r in rs]
    flat = max(rss) / min(rss)
    w(f"| memory flat in replications | peak RSS {min(rss):.0f}-{max(rss):.0f} MB over "
      f"{rs[0]['reps']}-{rs[-1]['reps']} reps (max/min {flat:.2f}) | "
      f"{'met' if flat <= 1.25 else '**not met**'} |")
    if "scale_target" in res:
        s = res["scale_target"]
        size = f"{s['nodes']} nodes x {s['products']:,} products, {s['days']} days"
        w(f"| {size}: <= 30 s CPU | {fmt(s['cpu'])} s CPU | "
          f"{'met' if s['cpu'] <= 30 else '**not met**'} |")
        w(f"| {size}: <= 3 GiB | {fmt(s['rss_mb'] / 1024)} GiB peak RSS | "
          f"{'met' if s['rss_mb'] <= 3 * 1024 else '**not met**'} |")
    sl = slope(npx, [r["rss_mb"] for r in sz])
    w(f"| memory at most linear in nodes x products | log-log slope {sl:.2f} | "
      f"{'met' if sl <= 1.1 else '**not met**'} |")
    w("")
    return "\n".join(L)


def write_docs(table):
    text = open(DOC).read() if os.path.exists(DOC) else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text or END not in text:
        raise SystemExit(f"{DOC} lacks the {BEGIN} / {END} markers")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(DOC, "w") as f:
        f.write(head + BEGIN + "\n" + table + "\n" + END + tail)
    log(f"wrote {DOC}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", default=os.path.join(ROOT, "build"),
                        help="a build configured with -DSURGE_BUILD_BENCHMARKS=ON (Release)")
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke test")
    parser.add_argument("--runs", type=int, default=3, help="runs per Surge measurement (median)")
    parser.add_argument("--peer-runs", type=int, default=1, help="runs per SimPy measurement")
    parser.add_argument("--mc-runs", type=int, default=1,
                        help="runs of the 1,000-replication Monte Carlo")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2,
                        help="threads for surge mc (default: every core)")
    parser.add_argument("--skip-peers", action="store_true", help="do not run SimPy")
    parser.add_argument("--write-docs", action="store_true",
                        help="replace the generated section of docs/performance.md")
    parser.add_argument("--json", help="also write the raw results here")
    parser.add_argument("--from-json", help="only format results saved earlier with --json")
    parser.add_argument("--check-inputs", action="store_true",
                        help="only validate every scenario and override the suite runs (a test)")
    args = parser.parse_args()
    args.build_dir = os.path.abspath(args.build_dir)

    if args.check_inputs:
        problems = input_problems(os.path.join(args.build_dir, "surge"))
        print("\n".join(problems) if problems else "every input of the suite validates")
        sys.exit(1 if problems else 0)

    if args.from_json:
        res = json.load(open(args.from_json))
    else:
        res = run_all(args)
        res["jobs"] = args.jobs
        res["command"] = ("make bench" if not args.quick else "make bench-quick") \
            if os.environ.get("SURGE_BENCH_FROM_MAKE") else \
            "tests/benchmarks/run_benchmarks.py " + " ".join(sys.argv[1:])
    if args.json and not args.from_json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
    table = report(res, res.get("command", "run_benchmarks.py"))
    print(table)
    if args.write_docs:
        write_docs(table)


if __name__ == "__main__":
    main()
