#!/usr/bin/env bash
# The MPI back end against the local run (docs/cluster.md): the same HDF5 bytes from
# `surge CMD` and `mpirun -np 2 surge CMD`. Usage: mpi_test.sh SURGE MPIEXEC CASE [BUILD_DIR]
#   mc | compare | sweep | search   identical files
#   mc1000                 1,000 replications of the small scenario, identical files
#   diagnose               a diagnosis (singles and pairs of relaxations), identical files
#   optimise               optimise with a frontier (optimise_desk.yaml), identical files
#   resume                 a worker fails mid-run: rank 0 names it, the job exits non-zero,
#                          and `--resume` under mpirun finishes with the local run's file
#   module                 a copy of surge without its MPI module beside it (or with a file that
#                          is not one) refuses under mpirun: one line per rank, exit 2, no file;
#                          with the module where an install puts it (../lib/surge) it runs,
#                          identical
#   installed              `cmake --install BUILD_DIR` into a scratch prefix: the installed
#                          surge finds its installed module, identical files
set -euo pipefail
surge="$(realpath "$1")"; mpiexec="$2"; case="$3"
scenario="$(cd "$(dirname "$0")" && pwd)/small_campaign.yaml"
desk="$(cd "$(dirname "$0")" && pwd)/optimise_desk.yaml"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
# Root needs Open MPI's consent; --oversubscribe: two ranks on any machine. stdin from
# /dev/null: mpirun forwards its stdin to rank 0, and ctest's may be anything.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=("$mpiexec" -np 2 --oversubscribe)

same() {
  if ! cmp "$1" "$2"; then echo "FAIL: $1 and $2 differ" >&2; exit 1; fi
  echo "ok: $1 == $2"
}

# The local run, then the same arguments under mpirun: identical files.
local_vs_mpi() {
  "$surge" "$@" -o local.h5 </dev/null
  "${mpi[@]}" "$surge" "$@" -o mpi.h5 </dev/null
  same local.h5 mpi.h5
}

case "$case" in
  mc | compare) local_vs_mpi "$case" "$scenario" --reps 60 --threads 2 -q ;;
  # Several Monte Carlo runs in a row, each a job for the workers; --precision makes points
  # stop after different numbers of batches.
  sweep)
    local_vs_mpi sweep "$scenario" --reps 20 --threads 2 -q --grid nodes.desk.agents=2,3 \
      --grid nodes.wh.inventory.widget.initial=300,500
    rm -f local.h5 mpi.h5
    local_vs_mpi sweep "$scenario" --precision 0.3 --max-reps 100 --threads 1 -q \
      --grid nodes.desk.agents=1,2,3,4
    ;;
  search)
    local_vs_mpi search "$scenario" --reps 10 --threads 2 -q --param nodes.desk.agents \
      --range 1:6 --steps 3
    ;;
  mc1000) local_vs_mpi mc "$scenario" --reps 1000 -q ;;
  optimise)
    local_vs_mpi optimise "$desk" --reps 60 --threads 2 -q --frontier nodes.desk.arrivals.rate=30/h,160/h
    ;;
  resume)
    # SURGE_TEST_MPI_FAIL_AT=100 (a test hook, docs/cluster.md): the worker fails at
    # replication 100 and rank 0 runs none itself, so the failure happens whatever the timing
    # and the journal holds exactly replications 0-99.
    args=(mc "$scenario" --reps 300 --threads 1)
    "$surge" "${args[@]}" -q -o local.h5 </dev/null
    status=0
    "${mpi[@]}" -x SURGE_TEST_MPI_FAIL_AT=100 "$surge" "${args[@]}" -q -o mpi.h5 \
      </dev/null 2>err.txt || status=$?
    cat err.txt
    [ "$status" -ne 0 ] || { echo "FAIL: a failed rank did not fail the job" >&2; exit 1; }
    grep -q "rank 1 failed: injected failure at replication 100" err.txt ||
      { echo "FAIL: no report of rank 1" >&2; exit 1; }
    [ ! -e mpi.h5 ] && [ -e mpi.h5.journal ] || { echo "FAIL: expected a journal, no result" >&2; exit 1; }
    # Without -q, mc says how many replications it took from the journal: exactly 0-99.
    "${mpi[@]}" "$surge" "${args[@]}" -o mpi.h5 --resume </dev/null >out.txt
    grep -q "(100 from the journal)" out.txt || { cat out.txt; echo "FAIL: expected 100 replications from the journal" >&2; exit 1; }
    same local.h5 mpi.h5
    [ ! -e mpi.h5.journal ] || { echo "FAIL: the journal was not removed" >&2; exit 1; }
    ;;
  diagnose)
    # Each relaxation is made in the scenario's text, which the workers receive with every
    # run. The known case where a stock-out hides a station: singles, then pairs, the hidden
    # station among them, all identical to the local run.
    local_vs_mpi diagnose "$(dirname "$scenario")/../diagnosis/stock_hides_station.yaml" \
      --reps 30 --threads 2 -q
    ;;
  module)
    # The MPI module is found beside the executable or at SURGE_MPI_MODULE_RELDIR from it
    # (../lib/surge with GNUInstallDirs' default; ctest passes the build's), nowhere else
    # (docs/cluster.md): a copy of the binary alone must not find the build tree's.
    reldir="${SURGE_MPI_MODULE_RELDIR:-../lib/surge}"
    module="$(dirname "$surge")/surge_mpi_transport.so"
    [ -f "$module" ] || { echo "FAIL: no $module beside $surge" >&2; exit 1; }
    mkdir bin
    cp "$surge" bin/surge
    args=(mc "$scenario" --reps 20 --threads 1 -q)
    # Runs the copy under mpirun and expects exit 2, no file, and one line from each rank that
    # names the module, where it was looked for and why it failed ($1): rank 0's as it is,
    # rank 1's (both ranks fail here) prefixed with "rank 1: ".
    refuses() {
      status=0
      "${mpi[@]}" bin/surge "${args[@]}" -o mpi.h5 </dev/null >out.txt 2>err.txt || status=$?
      cat err.txt
      [ "$status" -eq 2 ] || { echo "FAIL: exit $status, expected 2" >&2; exit 1; }
      [ ! -e mpi.h5 ] || { echo "FAIL: an output file was written" >&2; exit 1; }
      [ "$(grep -c '^error: ' err.txt)" -eq 2 ] ||
        { echo "FAIL: expected one error line per rank" >&2; exit 1; }
      grep -qxF "error: started by mpirun, but $1; reinstall surge, or run it without mpirun (docs/cluster.md)" err.txt ||
        { echo "FAIL: expected rank 0 to say: $1" >&2; exit 1; }
      grep -qxF "error: rank 1: started by mpirun, but $1; reinstall surge, or run it without mpirun (docs/cluster.md)" err.txt ||
        { echo "FAIL: expected rank 1 to say: $1" >&2; exit 1; }
    }
    refuses "the MPI module surge_mpi_transport.so could not be loaded (looked in $work/bin, then $work/bin/$reldir): $work/bin/surge_mpi_transport.so: cannot open shared object file: No such file or directory"
    # A file of that name that is not a module: the error is dlopen's about that file, and the
    # install location is not looked in.
    : >bin/surge_mpi_transport.so
    refuses "the MPI module surge_mpi_transport.so in $work/bin could not be loaded: $work/bin/surge_mpi_transport.so: file too short"
    rm bin/surge_mpi_transport.so
    # Where an install puts it, relative to the executable: found, and the same bytes.
    mkdir -p "bin/$reldir"
    cp "$module" "bin/$reldir/"
    "$surge" "${args[@]}" -o local.h5 </dev/null
    "${mpi[@]}" bin/surge "${args[@]}" -o mpi.h5 </dev/null
    same local.h5 mpi.h5
    ;;
  installed)
    build_dir="${4:?the installed case needs the build directory}"
    cmake --install "$build_dir" --prefix "$work/prefix" >install.log
    installed=("$work"/prefix/lib*/surge/surge_mpi_transport.so)
    [ -f "${installed[0]}" ] || { echo "FAIL: the module was not installed" >&2; exit 1; }
    surge="$work/prefix/bin/surge"
    local_vs_mpi mc "$scenario" --reps 60 --threads 2 -q
    ;;
  *) echo "unknown case $case" >&2; exit 2 ;;
esac
