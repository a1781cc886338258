"""Surge's analysis package: read Surge result files (HDF5) into pandas, draw figures, write
the HTML report. It reads only the files (docs/output.md), never Surge's internals.

    import surge_analysis as sa
    r = sa.load("mc.h5")            # any kind: run, mc, sweep, compare, search, diagnose, optimise
    r.kind, r.verdict               # "mc", {"judgement": "AT RISK", "p_deliverable": ...}
    r.replications                  # one DataFrame per table; None when the file lacks it
    sa.plots.stock(r).savefig("stock.png")
    sa.write_report(r, "report.html")

See docs/analysis.md.
"""
from . import dates, echelons, optimise, plots, units
from .dates import parse_time_point
from .report import build_report, write_report
from .result import KINDS, NotASurgeFile, Result, load, load_frames
from .scenario import ScenarioInfo, parse_duration
from .tables import list_tables, load_attributes, load_scenario_text, load_table
from .verdict import Verdict, verdict

__all__ = ["load", "load_frames", "Result", "NotASurgeFile", "KINDS", "load_table", "list_tables",
           "load_attributes", "load_scenario_text", "verdict", "Verdict", "build_report",
           "write_report", "plots", "units", "echelons", "dates", "optimise", "parse_duration",
           "parse_time_point", "ScenarioInfo"]
