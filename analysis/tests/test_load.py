"""One-call loading: every kind of result file becomes DataFrames with decoded strings and bools."""
import math

import numpy as np
import pandas as pd
import pytest

import surge_analysis as sa
import surge_results


def test_run_file_tables(files):
    r = sa.load(files["run"])
    assert r.kind == "run"
    assert r.name == "Black Friday earbuds"
    for name in ("windows", "kpi", "targets", "resources", "stock", "resource_series",
                 "conservation", "orders", "contacts"):
        assert isinstance(getattr(r, name), pd.DataFrame), name
        assert len(getattr(r, name)) > 0, name
    assert r.replications is None and r.sweep is None
    assert isinstance(r.kpi.metric.iloc[0], str)            # strings decoded, not bytes
    assert r.targets.met.dtype == bool and r.targets.at_least.dtype == bool
    assert r.orders.from_stock.dtype == bool
    assert set(r.windows.name) == {"run", "black_friday"}
    assert "day" in r.stock and np.allclose(r.stock.day, r.stock.time / 24)
    assert r.campaign_windows() == [("black_friday", 57 * 24.0, 61 * 24.0)]


def test_run_without_records(files):
    r = sa.load(files["run_norecords"])
    assert r.orders is None and r.contacts is None
    assert r.attrs["records"] == 0


def test_mc_file(files):
    r = sa.load(files["mc"])
    assert r.kind == "mc" and r.replications_count == 4
    assert len(r.replications) == 4 and r.replications.deliverable.dtype == bool
    assert r.verdict["judgement"] in ("DELIVERABLE", "AT RISK", "NOT DELIVERABLE")
    assert {"p5", "p50", "p95"} <= set(r.bands.columns)
    # mc files have no /windows table: the campaign window comes from the scenario text
    assert r.campaign_windows() == [("black_friday", 57 * 24.0, 61 * 24.0)]
    assert r.confidence == pytest.approx(0.9)


def test_compare_file(files):
    r = sa.load(files["compare"])
    assert r.kind == "compare"
    assert r.plans[0] == "baseline" and set(r.plans) >= {"prebuild", "campaign_crew"}
    assert list(r.compare.plan) == r.plans
    base = r.plan("baseline")
    assert base.kind == "mc" and len(base.replications) == 2 and base.bands is not None
    with pytest.raises(KeyError):
        r.plan("nope")


def test_sweep_file(files):
    r = sa.load(files["sweep"])
    assert r.kind == "sweep" and len(r.sweep) == 4 and r.points == ["p0", "p1", "p2", "p3"]
    assert sa.verdict(r).targets.shape[0] == 4
    assert r.point(2).verdict is not None and r.point("p2").replications_count == 2


def test_search_file(files):
    r = sa.load(files["search"])
    assert r.kind == "search" and len(r.probes) >= 1
    assert r.attrs["parameter"] == "campaigns.black_friday.uplift"


def test_load_frames_and_repr(files):
    frames = sa.load_frames(files["mc"])
    assert {"replications", "summary", "bands", "verdict_targets"} <= set(frames)
    assert "mc" in repr(sa.load(files["mc"]))


def test_not_a_surge_file(tmp_path):
    p = tmp_path / "x.h5"
    p.write_bytes(b"not hdf5 at all")
    with pytest.raises(sa.NotASurgeFile):
        sa.load(p)


def test_surge_results_module_still_works(files):
    kpi = surge_results.load_table(str(files["run"]), "/kpi")
    assert list(kpi.columns)[:2] == ["window", "metric"]
    assert "/kpi" in surge_results.list_tables(str(files["run"]))
    assert surge_results.load_attributes(str(files["run"]))["kind"] == "run"
    assert "campaigns:" in surge_results.load_scenario_text(str(files["run"]))


@pytest.mark.parametrize("text,hours", [("90s", 0.025), ("15min", 0.25), ("4h", 4), ("57d", 1368),
                                        ("2w", 336), (0, 0), ("3", None), ("5x", None)])
def test_parse_duration(text, hours):
    got = sa.parse_duration(text)
    assert (got is None) if hours is None else math.isclose(got, hours)


@pytest.mark.parametrize("kind", ["run", "run_norecords", "mc", "compare", "sweep", "search"])
def test_verdict_for_every_kind(files, kind):
    v = sa.verdict(sa.load(files[kind]))
    assert v.judgement and v.answer and v.tone in ("good", "warn", "bad")
    assert len(v.paragraph) > 80 and "Black Friday earbuds" in v.paragraph
