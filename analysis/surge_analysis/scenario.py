"""The little the analysis needs from the scenario YAML stored in /scenario/text.

Only what the HDF5 tables do not carry is read here: campaign windows (experiment files have
no /windows table), each market's delivery promise, and each service node's answer-within
time. Durations ("90s", "15min", "4h", "57d", "2w") become hours, as everywhere in Surge; with a
`start_date`, time points (`horizon`, `warmup`, a campaign's `start`) may also be ISO dates or
date-times ("2026-11-27", "2026-11-27T06:00"), hours from that date's midnight.
"""
import math
import re

import yaml

from .dates import parse_date, parse_time_point

_UNITS = {"s": 1 / 3600, "sec": 1 / 3600, "min": 1 / 60, "h": 1.0, "d": 24.0, "w": 168.0}
_DURATION = re.compile(r"^\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*([a-z]+)\s*$")


def parse_duration(text):
    """Hours in a Surge duration such as "57d" or "90s"; None when it is not one.
    A bare 0 is 0 hours (the only unit-less duration that makes sense)."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return 0.0 if text == 0 else None
    if not isinstance(text, str):
        return None
    m = _DURATION.match(text)
    if not m or m.group(2) not in _UNITS:
        return None
    return float(m.group(1)) * _UNITS[m.group(2)]


def parse_rate(text):
    """Per hour in a Surge rate such as "0.5/w" or "800/d" (money or units per time); a plain 0
    is 0; None when it is not one."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return 0.0 if text == 0 else None
    if not isinstance(text, str) or "/" not in text:
        return None
    count, per = text.split("/", 1)
    try:
        c = float(count)
    except ValueError:
        return None
    per = per.strip()
    hours = parse_duration(per if any(ch.isdigit() for ch in per) else "1" + per)
    return c / hours if hours else None


class ScenarioInfo:
    """Campaigns, promises and service nodes of a scenario (empty when the text is unreadable)."""

    def __init__(self, text):
        self.text = text or ""
        self.name = ""
        self.start_date = None       # datetime.date of time 0, or None
        self.currency = ""           # e.g. "EUR"; "" when the scenario names none
        self.campaigns = []          # dicts: id, start, end (hours), decay_end, products, markets
        self.promises = {}           # market id -> promise in hours
        self.service_nodes = {}      # node id -> answer-within in hours (default 60 s)
        self.confidence = None
        self.plans = {}              # plan name -> cost
        self.horizon = None
        self.warmup = 0.0
        self.market_nodes = set()    # node ids that serve a market (their demand is customers')
        self.sources = {}            # node id -> ids of the nodes it replenishes from
        self.target_count = 0        # targets the scenario requires
        self.products = {}           # product id -> {"holding_cost", "backorder_cost"} per unit-hour
        self.ordering = set()        # (node, product) of stock points that order from a source
        try:
            data = yaml.safe_load(self.text) or {}
        except yaml.YAMLError:
            data = {}
        if not isinstance(data, dict):
            data = {}
        self._read(data)

    def _read(self, data):
        self.name = str(data.get("name", ""))
        self.start_date = parse_date(data.get("start_date"))
        self.currency = str(data.get("currency") or "")
        self.horizon = self.time_point(data.get("horizon"))
        self.warmup = self.time_point(data.get("warmup", 0)) or 0.0
        for c in data.get("campaigns") or []:
            if not isinstance(c, dict):
                continue
            start = self.time_point(c.get("start"))
            duration = parse_duration(c.get("duration"))
            if start is None or duration is None:
                continue
            decay = parse_duration(c.get("decay", 0)) or 0.0
            products = c.get("products", c.get("product"))
            self.campaigns.append({
                "id": str(c.get("id", "campaign")),
                "start": start,
                "end": start + duration,
                "decay_end": start + duration + decay,
                "products": products if isinstance(products, list) else [products],
                "markets": list(c.get("markets") or []),
            })
        for m in data.get("markets") or []:
            if isinstance(m, dict) and m.get("served_by") is not None:
                self.market_nodes.add(str(m["served_by"]))
            if isinstance(m, dict) and isinstance(m.get("delivery"), dict):
                promise = parse_duration(m["delivery"].get("promise"))
                if promise is not None:
                    self.promises[str(m.get("id"))] = promise
        for n in data.get("nodes") or []:
            if isinstance(n, dict) and isinstance(n.get("inventory"), dict):
                found = self.sources.setdefault(str(n.get("id")), set())
                for product, item in n["inventory"].items():
                    if not isinstance(item, dict):
                        continue
                    if item.get("source") is not None:
                        found.add(str(item["source"]))
                    for src in item.get("sources") or []:
                        if isinstance(src, dict) and src.get("from") is not None:
                            found.add(str(src["from"]))
                    has_source = item.get("source") is not None or bool(item.get("sources"))
                    policy = item.get("policy")
                    if has_source and isinstance(policy, dict) and policy.get("type") not in (None, "none"):
                        self.ordering.add((str(n.get("id")), str(product)))
            if isinstance(n, dict) and n.get("type") == "service":
                within = 60 / 3600
                sl = n.get("service_level")
                if isinstance(sl, dict) and parse_duration(sl.get("within")) is not None:
                    within = parse_duration(sl.get("within"))
                self.service_nodes[str(n.get("id"))] = within
        targets = data.get("targets")
        if isinstance(targets, dict) and isinstance(targets.get("confidence"), (int, float)):
            self.confidence = float(targets["confidence"])
        if isinstance(targets, dict) and isinstance(targets.get("require"), list):
            self.target_count = len(targets["require"])
        for p in data.get("products") or []:
            if isinstance(p, dict) and p.get("id") is not None:
                self.products[str(p["id"])] = {
                    "holding_cost": parse_rate(p.get("holding_cost", 0)) or 0.0,
                    "backorder_cost": parse_rate(p.get("backorder_cost", 0)) or 0.0}
        for name, plan in (data.get("plans") or {}).items():
            cost = plan.get("cost", 0) if isinstance(plan, dict) else 0
            self.plans[str(name)] = float(cost) if isinstance(cost, (int, float)) else math.nan

    def time_point(self, value):
        """Hours from time 0 of a time point: a duration, or with a start date an ISO date or
        date-time; None when it is neither."""
        return parse_time_point(value, self.start_date, parse_duration)

    def echelon_depth(self):
        """Node id -> steps from the customers: nodes serving a market 0, their sources 1, ..."""
        depth = {n: 0 for n in self.market_nodes}
        frontier = list(self.market_nodes)
        while frontier:
            nxt = []
            for n in frontier:
                for src in sorted(self.sources.get(n, ())):
                    if src not in depth:
                        depth[src] = depth[n] + 1
                        nxt.append(src)
            frontier = nxt
        return depth

    def campaign(self, cid):
        for c in self.campaigns:
            if c["id"] == cid:
                return c
        return None
