"""Dates and money in the analysis (docs/analysis.md, "Dates and money"): ISO dates read from the
YAML and the file, times shown as "day 58 (2026-11-28, campaign day 3)", time axes in dates with
the campaign shaded at its dates, and the currency beside every money figure."""
import datetime
import re

import matplotlib.dates as mdates
import pytest

import surge_analysis as sa
from surge_analysis import dates, plots, units
from surge_analysis.scenario import ScenarioInfo


class FakeResult:
    """The little of a Result that the date helpers read."""

    def __init__(self, attrs, windows, scenario_text=""):
        self.attrs = attrs
        self._windows = windows
        self.scenario = ScenarioInfo(scenario_text)

    def campaign_windows(self):
        return self._windows


BF = [("black_friday", 57 * 24.0, 61 * 24.0)]


# ---- reading dates -------------------------------------------------------------------------
def test_parse_date_reads_text_and_yaml_dates():
    assert dates.parse_date("2026-10-01") == datetime.date(2026, 10, 1)
    assert dates.parse_date(datetime.date(2026, 10, 1)) == datetime.date(2026, 10, 1)
    assert dates.parse_date("2026-02-30") is None          # no such day
    assert dates.parse_date("2026-10-01T06:00") is None    # a start date has no time of day
    assert dates.parse_date("57d") is None and dates.parse_date(None) is None


def test_time_points_may_be_durations_dates_or_date_times():
    start = datetime.date(2026, 10, 1)
    tp = lambda v: dates.parse_time_point(v, start, sa.parse_duration)  # noqa: E731
    assert tp("57d") == 57 * 24.0
    assert tp("2026-11-27") == 57 * 24.0
    assert tp(datetime.date(2026, 11, 27)) == 57 * 24.0      # as PyYAML reads an unquoted date
    assert tp("2026-11-27T06:00") == 57 * 24.0 + 6
    assert tp("2026-11-27 06:30") == 57 * 24.0 + 6.5
    assert tp(datetime.datetime(2026, 11, 27, 6, 0, 0)) == 57 * 24.0 + 6
    assert tp("2026-09-30") is None                          # before the start: refused
    assert dates.parse_time_point("2026-11-27", None, sa.parse_duration) is None  # no start date


def test_scenario_yaml_with_dates():
    s = ScenarioInfo("name: x\nstart_date: 2026-10-01\ncurrency: EUR\nhorizon: 2027-01-29\n"
                     "warmup: 2026-10-08\ncampaigns:\n"
                     "  - {id: bf, start: 2026-11-27, duration: 4d}\n"
                     "  - {id: cm, start: \"2026-11-30T06:00\", duration: 1d}\n")
    assert s.start_date == datetime.date(2026, 10, 1) and s.currency == "EUR"
    assert s.horizon == 120 * 24.0 and s.warmup == 7 * 24.0
    assert [(c["id"], c["start"], c["end"]) for c in s.campaigns] == [
        ("bf", 57 * 24.0, 61 * 24.0), ("cm", 60 * 24.0 + 6, 61 * 24.0 + 6)]


def test_scenario_yaml_without_dates_is_as_before():
    s = ScenarioInfo("name: x\nhorizon: 120d\ncampaigns:\n  - {id: bf, start: 57d, duration: 4d}\n")
    assert s.start_date is None and s.currency == ""
    assert s.horizon == 120 * 24.0 and s.campaigns[0]["start"] == 57 * 24.0


# ---- showing dates -------------------------------------------------------------------------
def test_day_phrase_with_a_start_date_shows_the_date_and_the_campaign_day():
    r = FakeResult({"start_date": "2026-10-01"}, BF)
    assert dates.day_phrase(r, 58 * 24.0 + 5) == "day 58 (2026-11-28, campaign day 2)"
    assert dates.day_phrase(r, 57 * 24.0) == "day 57 (2026-11-27, campaign day 1)"
    # after the campaign: still counted from its first day
    assert dates.day_phrase(r, 62 * 24.0) == "day 62 (2026-12-02, campaign day 6)"
    # before any campaign: the date alone
    assert dates.day_phrase(r, 3 * 24.0) == "day 3 (2026-10-04)"
    # a day number (a first-break quantile), rounded as printed
    assert dates.day_phrase(r, 58.4, is_day=True) == "day 58 (2026-11-28, campaign day 2)"
    assert dates.day_phrase(r, -1) == ""


def test_day_phrase_names_the_campaign_when_there_are_several():
    r = FakeResult({"start_date": "2026-10-01"}, BF + [("cyber_monday", 60 * 24.0, 61 * 24.0)])
    # inside both: the earliest-starting running campaign counts
    assert dates.day_phrase(r, 60 * 24.0) == "day 60 (2026-11-30, day 4 of black_friday)"


def test_day_phrase_without_a_start_date_shows_no_date():
    r = FakeResult({}, BF)
    assert dates.day_phrase(r, 58 * 24.0) == "day 58 (campaign day 2)"
    assert dates.day_phrase(r, 3 * 24.0) == "day 3"
    assert "20" not in dates.day_phrase(r, 58 * 24.0)


def test_money_with_and_without_currency():
    assert dates.money(FakeResult({"currency": "EUR"}, []), 12400.3) == "12,400 EUR"
    assert dates.money(FakeResult({}, []), 12400.3) == "12,400"
    assert units.fmt_kpi("total_cost", 12400, currency="EUR") == "12,400 EUR"
    assert units.fmt_interval("total_cost", 12400, 300, currency="EUR") == "12,400 ± 300 EUR"
    assert units.fmt_kpi("fill_rate", 0.953, currency="EUR") == "95.3%"   # not money: no currency


# ---- files with dates ----------------------------------------------------------------------
def test_dated_file_carries_start_date_and_currency(dated_files, undated_files):
    r = sa.load(dated_files["run"])
    assert r.attrs["start_date"] == "2026-10-01" and r.attrs["currency"] == "EUR"
    assert dates.start_date(r) == datetime.date(2026, 10, 1) and dates.currency(r) == "EUR"
    assert r.campaign_windows() == [("black_friday", 57 * 24.0, 61 * 24.0)]
    plain = sa.load(undated_files["run"])
    assert "start_date" not in plain.attrs and "currency" not in plain.attrs
    assert dates.start_date(plain) is None and dates.currency(plain) == ""


def test_dated_plots_have_a_date_axis_with_the_campaign_shaded_at_its_dates(dated_files,
                                                                           undated_files):
    r = sa.load(dated_files["run"])
    fig = plots.stock(r)
    ax = fig.axes[0]
    assert isinstance(ax.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    left, right = ax.get_xlim()
    assert mdates.num2date(left).date() <= datetime.date(2026, 10, 2)
    assert mdates.num2date(right).date() >= datetime.date(2026, 12, 10)
    bf = mdates.date2num(datetime.datetime(2026, 11, 27))
    spans = [p for p in ax.patches if "campaign" in str(p.get_label())]
    assert spans and abs(min(x for x, _ in spans[0].get_xy()) - bf) < 1e-6
    assert "2026-11-27 to 2026-12-01" in spans[0].get_label()
    for name in ("queues", "utilisation"):
        fig = getattr(plots, name)(r)
        assert isinstance(fig.axes[0].xaxis.get_major_formatter(), mdates.ConciseDateFormatter), name
    mc = sa.load(dated_files["mc"])
    assert isinstance(plots.stock(mc).axes[0].xaxis.get_major_formatter(),
                      mdates.ConciseDateFormatter)
    # Without a start date, days as before.
    plain = plots.stock(sa.load(undated_files["run"])).axes[0]
    assert not isinstance(plain.xaxis.get_major_formatter(), mdates.ConciseDateFormatter)
    assert plain.get_xlim()[1] < 1000


def test_dated_report_shows_dates_and_currency(dated_files, undated_files, tmp_path):
    html = sa.write_report(sa.load(dated_files["run"]), str(tmp_path / "run.html"))
    text = open(html, encoding="utf-8").read()
    assert "2026-10-01 to 2026-12-15" in text            # the simulated period (75 days)
    assert "total cost (EUR)" in text                    # the KPI table's money rows
    assert "chart time axes are dates (day 0 is 2026-10-01)" in text
    v = sa.verdict(sa.load(dated_files["run"]))
    firsts = [x for x in v.targets["first break"] if x]
    assert firsts and all("(2026-" in x for x in firsts)

    mc = sa.load(dated_files["mc"])
    text = open(sa.write_report(mc, str(tmp_path / "mc.html")), encoding="utf-8").read()
    assert " EUR</td>" in text                            # money means with the currency
    v = sa.verdict(mc)
    firsts = [x for x in v.targets["first break"] if x]
    assert all("(2026-" in x for x in firsts)

    cmp_ = sa.load(dated_files["compare"])
    v = sa.verdict(cmp_)
    assert any("EUR" in d for d in v.targets["detail"])  # each plan's cost
    assert plots.plans(cmp_).axes[1].get_title(loc="left") == "cost (fixed + modelled change), EUR"

    plain = open(sa.write_report(sa.load(undated_files["mc"]), str(tmp_path / "plain.html")),
                 encoding="utf-8").read()
    # (not merely "EUR": the embedded PNGs' base64 may spell it)
    assert not re.search(r"\d EUR|\(EUR\)", plain) and "day 0 is" not in plain
