#!/usr/bin/python3
"""Serial supply chain in SimPy: the peer of tests/benchmarks/scenarios/serial_chain.yaml.

supplier -> dc -> rdc -> fc (pick, pack) -> customers, with the rules Surge uses
(docs/model.md): Poisson demand of 40/h, one unit per order, backordered in FIFO order;
continuous-review (s, S) on the inventory position (on hand + on order - backlog) at dc, rdc
and fc, checked after every demand and receipt; a downstream replenishment ships what is on
hand now and the rest as stock arrives; fixed lead times (supplier 3d, lanes 2d, 2d, 1d);
the fc picks (4 servers, exponential 4 min) then packs (3 servers, exponential 3 min);
delivery 1d. Hours throughout, 365 days.

Prints one JSON line: orders, orders shipped, fill rate from stock, mean order lead time
(placed -> shipped, hours), wall and CPU seconds of the simulation itself.
Runs on the SimPy 4.1.2 vendored in third_party/simpy-4.1.2 (run_benchmarks.py puts it on
PYTHONPATH) and refuses any other version.

    PYTHONPATH=third_party/simpy-4.1.2 \
        /usr/bin/python3 tests/benchmarks/peers/serial_chain_simpy.py [--days D] [--seed S]
"""
import argparse
import collections
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

DEMAND_RATE = 40.0  # orders per hour
PICK_SERVERS, PICK_MEAN = 4, 4 / 60
PACK_SERVERS, PACK_MEAN = 3, 3 / 60
SUPPLIER_LEAD = 3 * 24.0
DELIVERY = 24.0


class Supplier:
    """Unlimited capacity: every request ships on its lane after the supplier's lead time."""

    def __init__(self, env):
        self.env = env

    def accept(self, units, lane, receiver):
        self.env.process(self._fill(units, lane, receiver))
        return units

    def _fill(self, units, lane, receiver):
        yield self.env.timeout(SUPPLIER_LEAD)
        lane.dispatch(units, receiver)


class Lane:
    def __init__(self, env, lead_time):
        self.env, self.lead_time = env, lead_time

    def dispatch(self, units, receiver):
        self.env.process(self._transit(units, receiver))

    def _transit(self, units, receiver):
        yield self.env.timeout(self.lead_time)
        receiver.receive(units)


class StockPoint:
    """On hand, on order, a FIFO backlog of customer orders and downstream requests."""

    def __init__(self, env, initial, s, S, source, lane, release=None):
        self.env = env
        self.on_hand, self.on_order, self.backlog_units = float(initial), 0.0, 0.0
        self.s, self.S = s, S
        self.source, self.lane = source, lane
        self.release = release  # customer orders taken from stock go here
        self.backlog = collections.deque()  # [customer?, payload, remaining, lane, receiver]

    def position(self):
        return self.on_hand + self.on_order - self.backlog_units

    def apply_policy(self):
        position = self.position()
        if position <= self.s:
            self.on_order += self.source.accept(self.S - position, self.lane, self)

    def customer_order(self, order):
        if not self.backlog and self.on_hand >= 1:
            self.on_hand -= 1
            order["from_stock"] = True
            self.release(order)
        else:
            self.backlog.append([True, order, 1.0, None, None])
            self.backlog_units += 1
        self.apply_policy()

    def accept(self, units, lane, receiver):  # a downstream replenishment request
        remaining = units
        if not self.backlog and self.on_hand > 0:
            shipped = min(self.on_hand, remaining)
            self.on_hand -= shipped
            remaining -= shipped
            lane.dispatch(shipped, receiver)
        if remaining > 0:
            self.backlog.append([False, None, remaining, lane, receiver])
            self.backlog_units += remaining
        self.apply_policy()
        return units

    def receive(self, units):
        self.on_hand += units
        self.on_order = max(0.0, self.on_order - units)
        while self.backlog:
            head = self.backlog[0]
            if head[0]:
                if self.on_hand < head[2]:
                    break
                self.on_hand -= head[2]
                self.backlog_units -= head[2]
                self.backlog.popleft()
                self.release(head[1])
            else:
                if self.on_hand <= 0:
                    break
                shipped = min(self.on_hand, head[2])
                self.on_hand -= shipped
                self.backlog_units -= shipped
                head[2] -= shipped
                head[3].dispatch(shipped, head[4])
                if head[2] > 0:
                    break
                self.backlog.popleft()
        self.apply_policy()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=365.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    horizon = args.days * 24.0

    rng = random.Random(args.seed)
    stats = {"orders": 0, "from_stock": 0, "shipped": 0, "lead_time": 0.0}
    started, cpu_started = time.perf_counter(), time.process_time()
    env = simpy.Environment()
    pick = simpy.Resource(env, capacity=PICK_SERVERS)
    pack = simpy.Resource(env, capacity=PACK_SERVERS)

    def fulfil(order):
        with pick.request() as request:
            yield request
            yield env.timeout(rng.expovariate(1.0 / PICK_MEAN))
        with pack.request() as request:
            yield request
            yield env.timeout(rng.expovariate(1.0 / PACK_MEAN))
        stats["shipped"] += 1
        stats["lead_time"] += env.now - order["placed"]
        order["delivered"] = env.now + DELIVERY  # nothing waits on the delivery itself

    supplier = Supplier(env)
    dc = StockPoint(env, 20000, 12000, 24000, supplier, Lane(env, 48.0))
    rdc = StockPoint(env, 8000, 5000, 9000, dc, Lane(env, 48.0))
    fc = StockPoint(env, 3000, 1500, 3500, rdc, Lane(env, 24.0),
                    release=lambda order: env.process(fulfil(order)))

    def market():
        while True:
            yield env.timeout(rng.expovariate(DEMAND_RATE))
            stats["orders"] += 1
            order = {"placed": env.now, "from_stock": False}
            fc.customer_order(order)
            stats["from_stock"] += order["from_stock"]

    for node in (dc, rdc, fc):  # a stock point that starts at or below s orders at once
        node.apply_policy()
    env.process(market())
    env.run(until=horizon)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    print(json.dumps({
        "model": "serial_chain", "simpy": simpy.__version__, "python": sys.version.split()[0],
        "days": args.days, "orders": stats["orders"], "shipped": stats["shipped"],
        "fill_rate": stats["from_stock"] / max(1, stats["orders"]),
        "mean_lead_time_hours": stats["lead_time"] / max(1, stats["shipped"]),
        "wall_seconds": wall, "cpu_seconds": cpu,
    }))


if __name__ == "__main__":
    main()
