"""Dates and money as a planner reads them, the way the terminal shows them (sim/cli/date_text.hpp,
sim/cli/money_text.hpp): a time as "day 58 (2026-11-28, campaign day 3)" when the scenario has a
`start_date`, money as "12,400 EUR" when it names a `currency`.

The result file's root attributes `start_date` (ISO) and `currency` say so (docs/output.md); a
file without them (an undated scenario, or one written before they existed) falls back to the
scenario YAML stored in it. Times in the file are hours from time 0; time 0 is the start date's
midnight.

Time points in the YAML may be durations ("57d") or, with a start date, ISO dates or date-times
("2026-11-27", "2026-11-27T06:00"); `parse_time_point` reads both, as the loader does.
"""
import datetime as _dt
import math
import re

from . import units

_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?\s*$")


def parse_date(value):
    """A `start_date` as a datetime.date: from ISO text ("2026-10-01") or the date YAML already
    made of it (PyYAML reads an unquoted ISO date as datetime.date); None when it is neither."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m or m.group(4) is not None:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_date_time(value):
    """A date or date-time (text, datetime.date or datetime.datetime) as a naive datetime."""
    if isinstance(value, _dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, _dt.date):
        return _dt.datetime(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    m = _DATE.match(value)
    if not m:
        return None
    try:
        return _dt.datetime(int(m.group(1)), int(m.group(2)), int(m.group(3)),
                            int(m.group(4) or 0), int(m.group(5) or 0), int(m.group(6) or 0))
    except ValueError:
        return None


def parse_time_point(value, start, parse_duration):
    """Hours from time 0 of a YAML time point: a duration ("57d", via `parse_duration`) or, when
    the scenario has a `start` date, an ISO date or date-time. None when it is neither (or a
    date before the start, which the loader refuses)."""
    hours = parse_duration(value)
    if hours is not None:
        return hours
    if start is None:
        return None
    when = parse_date_time(value)
    if when is None:
        return None
    hours = (when - _dt.datetime(start.year, start.month, start.day)).total_seconds() / 3600.0
    return hours if hours >= 0 else None


def start_date(result):
    """The scenario's start date (datetime.date) of a loaded Result, or None."""
    found = parse_date(result.attrs.get("start_date")) if getattr(result, "attrs", None) else None
    if found is None:
        found = getattr(result.scenario, "start_date", None)
    return found


def currency(result):
    """The scenario's currency code ("EUR"), or "" when it names none."""
    code = result.attrs.get("currency") if getattr(result, "attrs", None) else None
    if not code:
        code = getattr(result.scenario, "currency", "")
    return str(code or "")


def moment(result, hours):
    """The datetime of a model time (hours from time 0); None without a start date."""
    start = start_date(result)
    if start is None or hours is None or _missing(hours):
        return None
    return _dt.datetime(start.year, start.month, start.day) + _dt.timedelta(hours=float(hours))


def date_text(result, hours):
    """"2026-11-28" for a model time, "" without a start date."""
    when = moment(result, hours)
    return when.date().isoformat() if when else ""


def campaign_day(result, hours):
    """(campaign id, day) of a model time: the earliest-starting campaign running at it, else the
    one that ended most recently before it; day 1 is the campaign's first day. None before any
    campaign. The same rule as the terminal (sim/cli/date_text.cpp)."""
    running = ended = None
    for cid, start, end in result.campaign_windows():
        if start <= hours < end:
            if running is None or start < running[1]:
                running = (cid, start, end)
        elif hours >= end and (ended is None or end > ended[2]):
            ended = (cid, start, end)
    chosen = running or ended
    if chosen is None:
        return None
    return chosen[0], int(math.floor((hours - chosen[1]) / 24.0)) + 1


def day_phrase(result, hours_or_day, is_day=False):
    """A time as the terminal shows it: "day 58"; with a start date "day 58 (2026-11-28, campaign
    day 3)", the campaign day only in or after a campaign ("day 3 of black_friday" when there are
    several); without a start date but inside or after a campaign, "day 58 (campaign day 3)".
    `is_day`: the value is a day number (a quantile of first-break days), rounded as printed."""
    if hours_or_day is None or _missing(hours_or_day) or float(hours_or_day) < 0:
        return ""
    h = float(round(float(hours_or_day))) * 24.0 if is_day else float(hours_or_day)
    text = f"day {int(h // 24)}"
    parts = []
    if start_date(result) is not None:
        parts.append(date_text(result, h))
    found = campaign_day(result, h)
    if found:
        cid, day = found
        several = len(result.campaign_windows()) > 1
        parts.append(f"day {day} of {cid}" if several else f"campaign day {day}")
    return text + (f" ({', '.join(parts)})" if parts else "")


def span_text(result, start_hours, end_hours):
    """A window [start, end) in dates as a scenario writes it, "2026-11-27 to 2026-12-01";
    "" without a start date."""
    if start_date(result) is None:
        return ""
    return f"{date_text(result, start_hours)} to {date_text(result, end_hours)}"


def money(result, value):
    """Money as the terminal shows it: "12,400 EUR", or "12,400" without a currency."""
    return with_currency(result, units.grouped(value))


def with_currency(result, text):
    """The currency after an already formatted money figure; unchanged without one or for n/a."""
    code = currency(result)
    if not code or not text or text in ("-", "n/a"):
        return text
    return f"{text} {code}"


def _missing(x):
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return True
