"""`load(path)`: a whole Surge result file as pandas DataFrames, in one call."""
import math
import os

import h5py
import numpy as np
import pandas as pd

from .scenario import ScenarioInfo
from .tables import _decode, table_from_group

KINDS = ("run", "mc", "sweep", "compare", "search", "diagnose", "optimise")

# attribute name -> table path, relative to the result's group ("/", "/plans/NAME", "/points/pK")
TABLES = {
    "windows": "windows",
    "kpi": "kpi",
    "targets": "targets",
    "resources": "resources",
    "stock": "timeseries/stock",
    "resource_series": "timeseries/resources",
    "conservation": "conservation",
    "census": "census",
    "breaks": "breaks",
    "relaxations": "relaxations",
    "orders": "records/orders",
    "contacts": "records/contacts",
    "replications": "replications",
    "summary": "summary",
    "scoped_replications": "scoped_replications",
    "scoped_summary": "scoped_summary",
    "bands": "bands",
    "verdict_targets": "verdict/targets",
    "sweep": "sweep",
    "compare": "compare",
    "differences": "differences",
    "probes": "probes",
}


class NotASurgeFile(ValueError):
    """The file is not an HDF5 file, or not one Surge wrote, or is truncated or damaged."""


# What every file of a kind holds (docs/output.md); a file of that kind without one of them was
# cut short, damaged, or not written by Surge.
REQUIRED = {
    "run": ("windows", "kpi", "targets"),
    "mc": ("replications", "summary", "verdict"),
    "sweep": ("sweep", "points"),
    "compare": ("compare", "plans"),
    "search": ("probes",),
    "diagnose": ("relaxations", "baseline"),
    "optimise": ("optimise/plan", "optimise/evaluated"),
}

# What reading a damaged file raises from h5py, numpy and the decoders: a problem of the file,
# reported as such (exit 2), not as a bug of the analysis (exit 70).
_DAMAGE = (OSError, KeyError, ValueError, TypeError, IndexError, RuntimeError)


class Result:
    """One Surge result file (or one plan / sweep point inside it) as DataFrames.

    Attributes (None when the file does not hold that table; see docs/analysis.md):
      kind            "run", "mc", "sweep", "compare", "search", "diagnose" or "optimise"
                      (an optimise file's tables: surge_analysis.optimise.Optimisation)
      attrs           root attributes (dict); `verdict` the verdict group's attributes (dict)
      scenario_text   the scenario YAML that ran; `scenario` what the analysis reads from it
      original_scenario_text  the scenario file as written (before --set overrides and plans)
      provenance      what was run: {command_line, overrides, plans, modified} (/provenance)
      windows kpi targets resources stock resource_series conservation orders contacts
      replications summary scoped_replications scoped_summary bands verdict_targets sweep
      compare differences probes
      plans / points  names of the nested Monte Carlo results; plan(name), point(k) load one
    Times are in hours, as in the file; `day` columns are added where a time is a day index.
    """

    def __init__(self, path, group="/", _parent=None):
        self.path = os.fspath(path)
        self.group = group.rstrip("/") + "/" if group != "/" else "/"
        self.label = group.strip("/").split("/")[-1] if group != "/" else ""
        try:
            f = h5py.File(self.path, "r")
        except OSError as e:
            raise NotASurgeFile(f"{self.path}: not a readable HDF5 file ({e})") from None
        try:
            self._read(f, _parent)
        except NotASurgeFile:
            raise
        except UnicodeDecodeError as e:
            raise NotASurgeFile(f"{self.path}: holds text that is not valid UTF-8 ({e}), which a "
                                f"Surge result file never does: damaged, or not written by Surge") from None
        except _DAMAGE as e:
            raise NotASurgeFile(f"{self.path}: damaged or incomplete Surge result file, it cannot be "
                                f"read ({type(e).__name__}: {e}); write it again") from None
        self.scenario = ScenarioInfo(self.scenario_text) if _parent is None else _parent.scenario
        self.name = self.attrs.get("scenario_name") or self.scenario.name or os.path.basename(self.path)
        if self.windows is None:
            self.windows = self._windows_from_scenario()
        self._add_days()

    def _read(self, f, _parent):
        """Every table and attribute of this result, read at once from the open file `f`."""
        with f:
            root_attrs = {k: _decode(v) for k, v in f.attrs.items()}
            if _parent is None and root_attrs.get("kind") not in KINDS:
                raise NotASurgeFile(f"{self.path}: not a Surge result file (no root attribute "
                                    f"kind = run|mc|sweep|compare|search|diagnose|optimise)")
            if _parent is None:
                kind = root_attrs["kind"]
                missing = [t for t in REQUIRED[kind] + ("scenario/text",) if t not in f]
                if missing:
                    raise NotASurgeFile(f"{self.path}: a Surge {kind} file without "
                                        f"{', '.join('/' + t for t in missing)}: cut short, damaged or "
                                        f"not written by Surge; write it again")
            self.attrs = root_attrs
            self.kind = root_attrs.get("kind") if _parent is None else "mc"
            self.file_kind = root_attrs.get("kind")
            g = f[self.group]
            for name, rel in TABLES.items():
                obj = g.get(rel)
                df = table_from_group(obj) if isinstance(obj, h5py.Group) and "columns" in obj.attrs else None
                setattr(self, name, df)
            v = g.get("verdict")
            self.verdict = {k: _decode(x) for k, x in v.attrs.items()} if isinstance(v, h5py.Group) else None
            self.scenario_text = (_parent.scenario_text if _parent is not None else
                                  (f["/scenario/text"].asstr()[()] if "/scenario/text" in f else ""))
            # What was run (docs/output.md, /provenance): empty for files older than it.
            if _parent is not None:
                self.provenance = _parent.provenance
                self.original_scenario_text = _parent.original_scenario_text
            else:
                g_prov = f.get("/provenance")
                self.provenance = ({k: _decode(x) for k, x in g_prov.attrs.items()}
                                   if isinstance(g_prov, h5py.Group) else {})
                for key in ("overrides", "plans"):
                    if isinstance(self.provenance.get(key), str):
                        self.provenance[key] = [self.provenance[key]]
                self.original_scenario_text = (f["/scenario/original_text"].asstr()[()]
                                               if "/scenario/original_text" in f else "")
            self.plans = list(f["/plans"].keys()) if _parent is None and "/plans" in f else []
            if "/points" in f and _parent is None:
                self.points = sorted(f["/points"].keys(), key=lambda s: int(s[1:]) if s[1:].isdigit() else 0)
            else:
                self.points = []
        if self.compare is not None and len(self.compare):
            order = list(self.compare["plan"])
            self.plans = [p for p in order if p in self.plans] + [p for p in self.plans if p not in order]

    # ---- nested results -------------------------------------------------------------------
    def plan(self, name):
        """The Monte Carlo result of one plan of a compare file (e.g. "baseline")."""
        if name not in self.plans:
            raise KeyError(f"no plan {name!r}; plans: {', '.join(self.plans) or 'none'}")
        return Result(self.path, f"/plans/{name}", _parent=self)

    def baseline(self):
        """The baseline Monte Carlo result of a diagnose file."""
        return Result(self.path, "/baseline", _parent=self)

    def point(self, k):
        """The Monte Carlo result of sweep point k (an int or "pK")."""
        key = k if isinstance(k, str) else f"p{int(k)}"
        if key not in self.points:
            raise KeyError(f"no sweep point {key!r}; points: {', '.join(self.points) or 'none'}")
        return Result(self.path, f"/points/{key}", _parent=self)

    def frames(self):
        """Every table this result holds, as {name: DataFrame}."""
        return {n: getattr(self, n) for n in TABLES if getattr(self, n) is not None}

    def has(self, name):
        df = getattr(self, name, None)
        return df is not None and len(df) > 0

    @property
    def replications_count(self):
        if self.verdict and "replications" in self.verdict:
            return int(self.verdict["replications"])
        if "replications" in self.attrs:
            return int(self.attrs["replications"])
        return 1 if self.kind == "run" else None

    @property
    def confidence(self):
        if self.verdict and "required_confidence" in self.verdict:
            return float(self.verdict["required_confidence"])
        return self.scenario.confidence

    def campaign_windows(self):
        """[(id, start_hours, end_hours)] of the campaign windows (not `run`)."""
        w = self.windows
        if w is None or not len(w):
            return []
        return [(r.name, float(r.start), float(r.end)) for r in w.itertuples() if r.name != "run"]

    # ---- helpers --------------------------------------------------------------------------
    def _windows_from_scenario(self):
        horizon = float(self.attrs.get("horizon_hours", self.scenario.horizon or math.nan))
        warmup = float(self.attrs.get("warmup_hours", self.scenario.warmup or 0.0))
        rows = [("run", warmup, horizon)]
        for c in self.scenario.campaigns:
            start, end = max(c["start"], warmup), min(c["end"], horizon)
            if end > start:
                rows.append((c["id"], start, end))
        return pd.DataFrame(rows, columns=["name", "start", "end"])

    def _add_days(self):
        for name in ("stock", "resource_series", "bands"):
            df = getattr(self, name)
            if df is not None and "time" in df and "day" not in df:
                df["day"] = df["time"] / 24.0

    def __repr__(self):
        held = ", ".join(f"{n}[{len(df)}]" for n, df in self.frames().items())
        where = f" {self.group}" if self.group != "/" else ""
        return f"<surge Result {self.kind}{where} {self.name!r}: {held}>"


def load(path):
    """Load a Surge result file (run, mc, sweep, compare, search or diagnose) into a Result."""
    return Result(path)


def check_readable(path):
    """Raise NotASurgeFile unless `path` loads as a whole, plans and points included.

    The file is read first in a child process: some damage (a flipped byte in a chunk's address)
    makes the HDF5 C library crash with a segmentation fault, which no Python code can catch, and
    that must be reported as the file's fault (exit 2), not as a crash of Surge. Where fork() does
    not exist, the file is only read in this process."""
    if not hasattr(os, "fork"):
        return
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read everything, say what was wrong, never return
        code = 0
        try:
            os.close(read_end)
            # A crash here is expected of damaged files: no core dump, no fault handler's
            # traceback, nothing on stderr (the parent says what happened, in one line).
            import faulthandler
            import resource
            faulthandler.disable()
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            result = Result(path)
            for name in result.plans:
                result.plan(name)
            for key in result.points:
                result.point(key)
        except NotASurgeFile as e:
            os.write(write_end, str(e).encode("utf-8", "replace"))
            code = 2
        except BaseException:  # anything else: the parent's own load reports it
            code = 3
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode("utf-8", "replace")
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        raise NotASurgeFile(f"{path}: damaged: reading it crashed the HDF5 library (signal "
                            f"{os.WTERMSIG(status)}); write it again")
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 2:
        raise NotASurgeFile(message)


def load_frames(path):
    """Every table at the top of a result file as {name: DataFrame}."""
    return load(path).frames()
