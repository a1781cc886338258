"""Read Surge result files (HDF5) into pandas without Surge itself.

The layout is specified in docs/output.md. Every table is a group of equal-length 1-D column
datasets with a `columns` attribute giving their order, so a table becomes a DataFrame in one
line. This module only adds the decoding a bare h5py reader would have to remember:
variable-length strings come back as bytes unless read through `.asstr()`, and bool columns are
stored as uint8 with the column attribute logical_type = "bool".

    import surge_results as sr
    kpi = sr.load_table("out.h5", "/kpi")
    kpi[(kpi.window == "run") & (kpi.metric == "fill_rate")]
"""
import h5py
import pandas as pd

__all__ = ["load_table", "list_tables", "load_attributes", "load_scenario_text"]


def _column(dataset):
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return dataset.asstr()[()]  # numpy object array of str
    values = dataset[()]
    if dataset.attrs.get("logical_type") == "bool":
        return values.astype(bool)
    return values


def load_table(path, table):
    """The table at `table` (e.g. "/kpi", "/timeseries/stock") as a DataFrame, columns in order.
    Times are in hours (columns with attribute unit = "hours")."""
    with h5py.File(path, "r") as f:
        group = f[table]
        columns = [str(c) for c in group.attrs["columns"]]
        return pd.DataFrame({c: _column(group[c]) for c in columns}, columns=columns)


def list_tables(path):
    """Paths of every table in the file (groups that carry a `columns` attribute)."""
    found = []
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Group) and "columns" in obj.attrs:
                found.append("/" + name)
        f.visititems(visit)
    return found


def load_attributes(path, obj="/"):
    """The attributes of an object (default: the file's root) as a plain dict."""
    with h5py.File(path, "r") as f:
        return {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f[obj].attrs.items()}


def load_scenario_text(path):
    """The scenario YAML the run used (after --set overrides), as a str."""
    with h5py.File(path, "r") as f:
        return f["/scenario/text"].asstr()[()]
