"""Small result files made by the real `surge` binary (env SURGE_BINARY; ctest sets it), once
per test session. The flagship scenario with a 75-day horizon and a handful of replications
keeps the whole suite well under two minutes."""
import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANALYSIS = ROOT / "analysis"
SCENARIO = ROOT / "scenarios" / "black_friday.yaml"
SHORT = ["--set", "horizon=75d"]
if str(ANALYSIS) not in sys.path:
    sys.path.insert(0, str(ANALYSIS))


def surge_binary():
    env = os.environ.get("SURGE_BINARY")
    if env:
        return env
    for d in ("build", "build-rep"):
        p = ROOT / d / "surge"
        if p.exists():
            return str(p)
    pytest.fail("set SURGE_BINARY to the surge executable (ctest does this)")


@pytest.fixture(scope="session")
def surge():
    return surge_binary()


def _make(surge, out, *args):
    cmd = [surge, *args, "-o", str(out), "-q"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr}"
    return out


@pytest.fixture(scope="session")
def files(surge, tmp_path_factory):
    d = tmp_path_factory.mktemp("results")
    s = str(SCENARIO)
    threads = ["--threads", "2"]
    return {
        "run": _make(surge, d / "run.h5", "run", s, *SHORT, "--records"),
        "run_norecords": _make(surge, d / "run_norecords.h5", "run", s, *SHORT),
        "mc": _make(surge, d / "mc.h5", "mc", s, *SHORT, "--reps", "4", *threads),
        "compare": _make(surge, d / "compare.h5", "compare", s, *SHORT, "--reps", "2", *threads),
        "sweep": _make(surge, d / "sweep.h5", "sweep", s, *SHORT, "--reps", "2", *threads,
                       "--grid", "campaigns.black_friday.uplift=1.5,3",
                       "--grid", "nodes.support.agents=4,8"),
        # A lenient confidence and enough agents so that the search finds a bracket.
        "search": _make(surge, d / "search.h5", "search", s, *SHORT, "--reps", "3", *threads,
                        "--set", "nodes.support.agents=8", "--set", "targets.confidence=0.3",
                        "--param", "campaigns.black_friday.uplift", "--range", "1:6", "--steps", "2"),
    }


@pytest.fixture(scope="session")
def reports(files, tmp_path_factory):
    """Every result file turned into an HTML report by `python3 -m surge_analysis report`."""
    from surge_analysis import load, write_report
    d = tmp_path_factory.mktemp("reports")
    out = {}
    for kind, path in files.items():
        out[kind] = write_report(load(path), str(d / f"{kind}.html"))
    return out


# The flagship is dated (start_date 2026-10-01, Black Friday on 2026-11-27, EUR). Its undated
# twin writes every date as a duration from the start and names no currency, so the tests can
# check that a scenario without dates reads as before (docs/analysis.md, "Dates and money").
UNDATED = [("start_date: 2026-10-01\n", ""), ("currency: EUR\n", ""),
           ("horizon: 2027-01-29\n", "horizon: 120d\n"), ("holidays: [2026-12-25]", "holidays: [85d]"),
           ("    start: 2026-11-27\n", "    start: 57d\n"), ("at: 2026-11-23}", "at: 53d}")]


def dated_flagship(directory):
    text = SCENARIO.read_text(encoding="utf-8")
    assert "start_date: 2026-10-01\n" in text, "the flagship is no longer dated: update this fixture"
    path = pathlib.Path(directory) / "dated_black_friday.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def undated_flagship(directory):
    text = SCENARIO.read_text(encoding="utf-8")
    for dated, undated in UNDATED:
        assert dated in text, f"the flagship no longer has {dated!r}: update this fixture"
        text = text.replace(dated, undated)
    path = pathlib.Path(directory) / "undated_black_friday.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def undated_files(surge, tmp_path_factory):
    d = tmp_path_factory.mktemp("undated")
    s = str(undated_flagship(d))
    return {
        "run": _make(surge, d / "run.h5", "run", s, *SHORT, "--records"),
        "mc": _make(surge, d / "mc.h5", "mc", s, *SHORT, "--reps", "4", "--threads", "2"),
    }


@pytest.fixture(scope="session")
def dated_files(surge, tmp_path_factory):
    d = tmp_path_factory.mktemp("dated")
    s = str(dated_flagship(d))
    threads = ["--threads", "2"]
    return {
        "run": _make(surge, d / "run.h5", "run", s, *SHORT, "--records"),
        "mc": _make(surge, d / "mc.h5", "mc", s, *SHORT, "--reps", "4", *threads),
        "compare": _make(surge, d / "compare.h5", "compare", s, *SHORT, "--reps", "2", *threads),
    }
