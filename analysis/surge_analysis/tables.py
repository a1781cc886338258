"""Low-level readers for Surge result files (docs/output.md): one table -> one DataFrame.

Every table is an HDF5 group of equal-length 1-D column datasets whose `columns` attribute gives
the order. Variable-length strings are decoded to `str`, and uint8 columns tagged
logical_type = "bool" become `bool`. Nothing here knows Surge's C++ code.
"""
import contextlib

import h5py
import pandas as pd

__all__ = ["load_table", "list_tables", "load_attributes", "load_scenario_text", "open_file"]


@contextlib.contextmanager
def open_file(path_or_file):
    """Yield an open h5py.File for a path, or the File/Group itself if one is given."""
    if isinstance(path_or_file, (h5py.File, h5py.Group)):
        yield path_or_file
    else:
        with h5py.File(path_or_file, "r") as f:
            yield f


def _decode(value):
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "dtype") and value.dtype.kind in "OS" and value.ndim > 0:
        return [_decode(v) for v in value]
    if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
        return value.item()
    return value


def _column(dataset):
    if h5py.check_string_dtype(dataset.dtype) is not None:
        return dataset.asstr()[()]  # numpy object array of str
    values = dataset[()]
    if dataset.attrs.get("logical_type") in ("bool", b"bool"):
        return values.astype(bool)
    return values


def table_from_group(group):
    """A table group as a DataFrame, columns in the order of its `columns` attribute."""
    columns = [_decode(c) for c in group.attrs["columns"]]
    return pd.DataFrame({c: _column(group[c]) for c in columns}, columns=columns)


def load_table(path, table):
    """The table at `table` (e.g. "/kpi", "/timeseries/stock") as a DataFrame, columns in order.
    Times are in hours (columns with attribute unit = "hours")."""
    with open_file(path) as f:
        return table_from_group(f[table])


def list_tables(path):
    """Paths of every table in the file (groups that carry a `columns` attribute)."""
    found = []
    with open_file(path) as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Group) and "columns" in obj.attrs:
                found.append("/" + name)
        f.visititems(visit)
    return found


def load_attributes(path, obj="/"):
    """The attributes of an object (default: the file's root) as a plain dict of Python values."""
    with open_file(path) as f:
        return {k: _decode(v) for k, v in f[obj].attrs.items()}


def load_scenario_text(path):
    """The scenario YAML the run used (after --set overrides), as a str."""
    with open_file(path) as f:
        return f["/scenario/text"].asstr()[()]
