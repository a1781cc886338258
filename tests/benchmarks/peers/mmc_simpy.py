#!/usr/bin/python3
"""M/M/c service queue in SimPy: the peer of tests/benchmarks/scenarios/mmc_1m.yaml.

Same system as the Surge scenario: Poisson arrivals at 40/h, c = 5 agents, exponential
handle times with mean 6 min (rho = 0.8), FIFO, no abandonment, a horizon of 25,000 h
(about 1,000,000 customers). Written the way the SimPy documentation writes a queue: one
process per customer, a Resource for the agents.

Prints one JSON line: customers arrived and served, mean wait (hours; Erlang C gives
0.0554 h), wall and CPU seconds of the simulation itself.
Runs on the SimPy 4.1.2 vendored in third_party/simpy-4.1.2 (run_benchmarks.py puts it on
PYTHONPATH) and refuses any other version.

    PYTHONPATH=third_party/simpy-4.1.2 \
        /usr/bin/python3 tests/benchmarks/peers/mmc_simpy.py [--horizon-hours H] [--seed S]
"""
import argparse
import json
import random
import sys
import time

import simpy

# The comparison in docs/performance.md is against SimPy 4.1.2; another SimPy on the path
# (Debian's 3.0.11, say) would silently measure something else.
SIMPY_VERSION = "4.1.2"
if getattr(simpy, "__version__", None) != SIMPY_VERSION:  # not `assert`: python -O drops it
    raise SystemExit(f"this peer runs on SimPy {SIMPY_VERSION} (third_party/simpy-4.1.2 on "
                     f"PYTHONPATH), got {getattr(simpy, '__version__', 'unknown')} from "
                     f"{simpy.__file__}")

ARRIVAL_RATE = 40.0   # per hour
AGENTS = 5
MEAN_HANDLE = 0.1     # hours (6 min)


def customer(env, agents, rng, stats):
    arrived = env.now
    with agents.request() as request:
        yield request
        stats["wait"] += env.now - arrived
        stats["started"] += 1
        yield env.timeout(rng.expovariate(1.0 / MEAN_HANDLE))
    stats["served"] += 1


def source(env, agents, rng, stats):
    while True:
        yield env.timeout(rng.expovariate(ARRIVAL_RATE))
        stats["arrived"] += 1
        env.process(customer(env, agents, rng, stats))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--horizon-hours", type=float, default=25000.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    stats = {"arrived": 0, "started": 0, "served": 0, "wait": 0.0}
    started, cpu_started = time.perf_counter(), time.process_time()
    env = simpy.Environment()
    agents = simpy.Resource(env, capacity=AGENTS)
    env.process(source(env, agents, rng, stats))
    env.run(until=args.horizon_hours)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({
        "model": "mmc", "simpy": simpy.__version__, "python": sys.version.split()[0],
        "horizon_hours": args.horizon_hours, "arrived": stats["arrived"],
        "served": stats["served"],
        "mean_wait_hours": stats["wait"] / max(1, stats["started"]),
        "wall_seconds": wall, "cpu_seconds": cpu,
    }))


if __name__ == "__main__":
    main()
