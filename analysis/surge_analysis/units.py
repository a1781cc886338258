"""The one way the report shows a number with its unit. It mirrors Surge's C++ formatter
(sim/model/units.cpp `readable_duration`, sim/metrics/kpi_units.cpp `format_kpi`), so the
terminal and the report print the same thing for the same value:

    readable_duration(0.18722)          -> "11.2 min"       (hours in, largest fitting unit)
    fmt_kpi("fill_rate", 0.9534)        -> "95.3%"            (always one decimal)
    fmt_kpi("mean_lead_time", 83.04)    -> "3.46 d"
    fmt_diff("fill_rate", 0.065)        -> "+6.5 pp"        (differences of rates: points)
    fmt_interval("otif", 0.9, 0.012)    -> "90% ± 1.2 pp"

Files written by this Surge carry a `unit` column (/kpi, /summary, /scoped_summary,
/differences) or a `unit` attribute on a column; `unit_of(metric)` gives the same unit from
the metric's name for older files.
"""
import math
import re

HOUR, DAY, MINUTE, SECOND = 1.0, 24.0, 1 / 60, 1 / 3600

# metric -> unit, as docs/kpis.md defines them (and sim/metrics/kpi_units.cpp)
_RATIO = {"fill_rate", "order_fill_rate", "otif", "service_level", "abandonment_rate",
          "utilisation", "wait_probability"}
_UNITS = {"demand_units", "backordered_units", "lost_sales", "on_hand", "on_order",
          "mean_backlog", "max_backlog"}
_ORDERS = {"demand_orders", "backorders", "lost_orders"}
_CONTACTS = {"contacts", "answered", "abandoned"}
_JOBS = {"mean_queue", "jobs_started", "jobs_abandoned"}
COUNT_UNITS = ("units", "orders", "contacts", "jobs")


def _missing(x):
    return x is None or (isinstance(x, float) and math.isnan(x))


def unit_of(metric):
    """The unit of a KPI: ratio, multiple, hours, units, orders, contacts, jobs, money or ""."""
    m = str(metric)
    if m in _RATIO:
        return "share"
    if m == "bullwhip_ratio":
        return "multiple"
    if m.endswith("lead_time") or m in ("mean_wait", "mean_wait_all"):
        return "hours"
    if m in _UNITS:
        return "units"
    if m in _ORDERS:
        return "orders"
    if m in _CONTACTS:
        return "contacts"
    if m in _JOBS:
        return "jobs"
    if m in ("revenue", "campaign_margin") or m.endswith("_cost"):
        return "money"
    return ""


def metric_of(label):
    """The metric of a KPI label: "black_friday.fill_rate" -> "fill_rate",
    "run.support.service_level" -> "service_level", "run.max_backlog[node=dc,...]" -> "max_backlog",
    "run.fill_rate.mean" (a sweep column) -> "fill_rate"."""
    base = str(label).split("[")[0]
    parts = base.split(".")
    if parts and parts[-1] == "mean" and len(parts) > 1:
        parts = parts[:-1]
    return parts[-1] if parts else ""


def readable_number(x):
    """Three significant digits, no exponent, at least the integer part: 11.2333 -> "11.2",
    1234.5 -> "1235" (sim/model/units.cpp readable_number)."""
    if _missing(x):
        return "n/a"
    x = float(x)
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    a = abs(x)
    if a >= 100 or a == 0:
        s = "%.0f" % x
    else:
        decimals = max(0, 2 - int(math.floor(math.log10(a))))
        s = "%.*f" % (decimals, x)
        if "." in s:
            s = s.rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def readable_unit(hours):
    """(name, hours per unit) readable_duration picks for a value."""
    a = abs(float(hours))

    def fits(x):
        return math.isfinite(x) and float(readable_number(x)) >= 1.0

    if fits(a / DAY):
        return "d", DAY
    if fits(a):
        return "h", HOUR
    if fits(a / MINUTE):
        return "min", MINUTE
    if fits(a / SECOND) or a == 0:
        return "s", SECOND
    return "ms", SECOND / 1000


def readable_duration(hours):
    """A duration given in hours, in the largest fitting unit: 0.18722 -> "11.2 min",
    83.04 -> "3.46 d", 4 -> "4 h"."""
    if _missing(hours):
        return "n/a"
    name, scale = readable_unit(hours)
    return f"{readable_number(float(hours) / scale)} {name}"


def readable_rate(per_hour):
    """A rate per hour: per hour when at least 1/h, else per day (9.9 -> "9.9/h", 0.4167 -> "10/d")."""
    if _missing(per_hour):
        return "n/a"
    r = float(per_hour)
    if abs(r) >= 1 or r == 0:
        return f"{readable_number(r)}/h"
    return f"{readable_number(r * DAY)}/d"


def percent_number(ratio):
    s = "%.1f" % (100 * float(ratio))
    return "0.0" if s == "-0.0" else s


def percent(ratio):
    """0.9534 -> "95.3%", 0.77 -> "77.0%" (always one decimal, so columns read alike)."""
    if _missing(ratio):
        return "n/a"
    return percent_number(ratio) + "%"


def grouped(x):
    """A whole number with thousands separators: 12345.6 -> "12,346"."""
    if _missing(x):
        return "n/a"
    s = f"{float(x):,.0f}"
    return "0" if s == "-0" else s


def _count(x):
    return grouped(x) if abs(float(x)) >= 1000 else readable_number(x)


def _money(text, currency):
    """A money figure with the scenario's currency after it ("12,400 EUR"), as the terminal."""
    return f"{text} {currency}" if currency else text


def fmt_kpi(metric, value, unit=None, count_unit=True, currency=""):
    """A KPI value for people, in its unit (`unit` from the file, else from the metric's name);
    money with `currency` after it when the scenario names one (surge_analysis.dates.currency)."""
    if _missing(value):
        return "n/a"
    unit = unit if unit else unit_of(metric)
    v = float(value)
    if unit == "share":
        return percent(v)
    if unit == "multiple":
        return readable_number(v) + "x"
    if unit == "hours":
        return readable_duration(v)
    if unit == "money":
        return _money(grouped(v), currency)
    if unit in COUNT_UNITS:
        return _count(v) + (f" {unit}" if count_unit else "")
    return readable_number(v)


def fmt_threshold(metric, value, unit=None):
    """A target's bound as a person writes it: a whole percentage without its decimal ("95%")."""
    text = fmt_kpi(metric, value, unit)
    if text.endswith(".0%"):
        text = text[:-3] + "%"
    return text


def _same_decimals(mean, hw):
    """A mean and its half-width with the same decimals: the mean's three significant digits,
    or more when the half-width would round to nothing ("2.50 ± 0.04", "2.5000 ± 0.0004")."""
    def decimals_for(x):
        a = abs(x)
        return 0 if a >= 100 or a == 0 else max(0, 2 - int(math.floor(math.log10(a))))
    decimals = decimals_for(hw) if mean == 0 else decimals_for(mean)
    if 0 < hw < 0.5 * 10 ** -decimals:
        decimals = min(10, int(math.ceil(-math.log10(hw))))
    return "%.*f" % (decimals, mean), "%.*f" % (decimals, hw)


def fmt_interval(metric, mean, half_width, unit=None, count_unit=True, currency=""):
    """A mean and its half-width in one unit: "95.3% ± 0.4 pp", "3.46 ± 0.17 d"; the mean
    alone when there is no finite half-width (fewer than two values)."""
    if _missing(mean):
        return "n/a"
    if _missing(half_width) or not math.isfinite(float(half_width)):
        return fmt_kpi(metric, mean, unit, count_unit, currency)
    unit = unit if unit else unit_of(metric)
    m, h = float(mean), float(half_width)
    if unit == "share":
        return f"{percent_number(m)}% ± {percent_number(h)} pp"
    if unit == "hours":
        name, scale = readable_unit(m)
        a, b = _same_decimals(m / scale, h / scale)
        return f"{a} ± {b} {name}"
    if unit == "money":
        return _money(f"{grouped(m)} ± {grouped(h)}", currency)
    if unit == "multiple":
        a, b = _same_decimals(m, h)
        return f"{a}x ± {b}"
    if unit in COUNT_UNITS:
        if abs(m) >= 1000:
            text = f"{grouped(m)} ± {grouped(h)}"
        else:
            a, b = _same_decimals(m, h)
            text = f"{a} ± {b}"
        return text + (f" {unit}" if count_unit else "")
    a, b = _same_decimals(m, h)
    return f"{a} ± {b}"


def fmt_range(metric, low, high, unit=None):
    """An interval's two ends in one unit: "93.1% – 97.2%", "3.2 – 3.7 d"."""
    if _missing(low) or _missing(high):
        return "n/a"
    unit = unit if unit else unit_of(metric)
    if unit == "hours":
        name, scale = readable_unit(max(abs(float(low)), abs(float(high))))
        return f"{readable_number(float(low) / scale)} – {readable_number(float(high) / scale)} {name}"
    return f"{fmt_kpi(metric, low, unit)} – {fmt_kpi(metric, high, unit)}"


def fmt_diff(metric, difference, unit=None, count_unit=True, currency=""):
    """A difference of two values: rates in percentage points ("+6.5 pp"), others signed."""
    if _missing(difference):
        return "n/a"
    unit = unit if unit else unit_of(metric)
    d = float(difference)
    sign = "+" if d > 0 else ""
    if unit == "share":
        return f"{sign}{percent_number(d)} pp"
    return sign + fmt_kpi(metric, d, unit, count_unit, currency)


def fmt_diff_range(metric, low, high, unit=None, currency=""):
    """The ends of a difference's interval in one unit: "[+1.2, +4.0] pp", "[-3.1, -0.5] h"."""
    if _missing(low) or _missing(high):
        return "n/a"
    unit = unit if unit else unit_of(metric)
    if unit == "share":
        return f"[{fmt_diff(metric, low, unit)[:-3]}, {fmt_diff(metric, high, unit)[:-3]}] pp"
    if unit == "hours":
        name, scale = readable_unit(max(abs(float(low)), abs(float(high))))
        lo, hi = float(low) / scale, float(high) / scale
        return f"[{'+' if lo > 0 else ''}{readable_number(lo)}, {'+' if hi > 0 else ''}{readable_number(hi)}] {name}"
    if unit == "money":
        return _money(f"[{fmt_diff(metric, low, unit)}, {fmt_diff(metric, high, unit)}]", currency)
    return f"[{fmt_diff(metric, low, unit)}, {fmt_diff(metric, high, unit)}]"


def fmt_param(value):
    """A searched or swept parameter's value, exactly as the terminal prints it (%.6g): 2.125
    stays 2.125 everywhere (headline, table and chart)."""
    if _missing(value):
        return "n/a"
    return "%.6g" % float(value)


def unit_words(unit):
    """Axis-label words for a unit: "hours" -> "hours", "share" -> "%"."""
    return {"share": "%", "multiple": "× (variance ratio)", "hours": "hours"}.get(unit, unit)


_RATE = re.compile(r"^\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*/\s*(\d*(?:\.\d*)?)\s*([a-z]+)\s*$")
_DUR = re.compile(r"^\s*([-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*([a-z]+)\s*$")
_SCALE = {"s": SECOND, "sec": SECOND, "min": MINUTE, "h": HOUR, "d": DAY, "w": 7 * DAY}


def axis_value(text):
    """A swept value as (number, kind): "9.5/h" -> (9.5, "per hour"), "3d" -> (72.0, "hours"),
    "12" -> (12.0, ""); (None, None) when it is not a number (a YAML map, a word)."""
    t = str(text)
    m = _RATE.match(t)
    if m and m.group(3) in _SCALE:
        per = float(m.group(2)) if m.group(2) else 1.0
        if per > 0:
            return float(m.group(1)) / (per * _SCALE[m.group(3)]), "per hour"
    m = _DUR.match(t)
    if m and m.group(2) in _SCALE:
        return float(m.group(1)) * _SCALE[m.group(2)], "hours"
    try:
        return float(t), ""
    except ValueError:
        return None, None
