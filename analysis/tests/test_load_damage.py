"""Loading refuses what is not a whole Surge result with NotASurgeFile (exit code 2 from `surge
report`/`surge plot`), never with a traceback: truncated, foreign, missing tables, damaged bytes,
and damage that crashes the HDF5 C library (read first in a child process)."""
import os
import pathlib
import signal
import subprocess

import h5py
import pytest

from surge_analysis import result as R

SMALL = pathlib.Path(__file__).resolve().parents[2] / "tests" / "mpi" / "small_campaign.yaml"


@pytest.fixture(scope="module")
def small_mc(surge, tmp_path_factory):
    """A small Monte Carlo file (3 replications of a 20-day scenario): cheap to damage often."""
    out = tmp_path_factory.mktemp("damage") / "mc.h5"
    subprocess.run([surge, "mc", str(SMALL), "--reps", "3", "-q", "-o", str(out)], check=True,
                   timeout=120)
    return str(out)


def test_a_truncated_file_is_not_a_readable_file(small_mc, tmp_path):
    whole = open(small_mc, "rb").read()
    half = tmp_path / "half.h5"
    half.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(R.NotASurgeFile, match="not a readable HDF5 file"):
        R.load(str(half))
    with pytest.raises(R.NotASurgeFile, match="not a readable HDF5 file"):
        R.check_readable(str(half))


def test_a_file_of_a_kind_without_its_tables_is_refused(tmp_path):
    bare = tmp_path / "bare.h5"
    with h5py.File(bare, "w") as f:
        f.attrs["kind"] = "sweep"
        f["scenario/text"] = "name: x"
    with pytest.raises(R.NotASurgeFile, match=r"a Surge sweep file without /sweep, /points"):
        R.load(str(bare))


def test_a_table_with_a_missing_column_is_damage_not_a_bug(tmp_path):
    broken = tmp_path / "broken.h5"
    with h5py.File(broken, "w") as f:
        f.attrs["kind"] = "search"
        f["scenario/text"] = "name: x"
        g = f.create_group("probes")
        g.attrs["columns"] = ["value", "gone"]
        g["value"] = [1.0]
    with pytest.raises(R.NotASurgeFile, match="damaged or incomplete Surge result file"):
        R.load(str(broken))


def test_every_flipped_byte_of_a_file_loads_or_is_refused(small_mc, tmp_path):
    """A sample of single-byte flips over the whole file: each one either still loads (raw data
    carries no checksum in HDF5) or is refused as damaged; nothing else escapes."""
    whole = open(small_mc, "rb").read()
    step = max(1, len(whole) // 29)
    for offset in range(0, len(whole), step):
        damaged = bytearray(whole)
        damaged[offset] ^= 0x5A
        path = tmp_path / "flipped.h5"
        path.write_bytes(bytes(damaged))
        try:
            R.check_readable(str(path))
            R.load(str(path))
        except R.NotASurgeFile:
            pass


def test_a_crash_while_reading_is_reported_as_the_files_fault(monkeypatch, tmp_path):
    def crash(*args, **kwargs):  # what a damaged chunk address does inside libhdf5
        os.kill(os.getpid(), signal.SIGSEGV)

    monkeypatch.setattr(R, "Result", crash)  # the forked child reads through it
    with pytest.raises(R.NotASurgeFile, match=r"reading it crashed the HDF5 library \(signal 11\)"):
        R.check_readable(str(tmp_path / "any.h5"))
