#!/usr/bin/env bash
# The MPI back end against the local run (docs/cluster.md): the same HDF5 bytes from
# `surge CMD` and `mpirun -np 2 surge CMD`. Usage: mpi_test.sh SURGE MPIEXEC CASE
#   mc | compare | sweep   identical files
#   resume                 a worker fails mid-run: rank 0 names it, the job exits non-zero,
#                          and `--resume` under mpirun finishes with the local run's file
set -euo pipefail
surge="$(realpath "$1")"; mpiexec="$2"; case="$3"
scenario="$(cd "$(dirname "$0")" && pwd)/small_campaign.yaml"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cd "$work"
# Root needs Open MPI's consent; --oversubscribe: two ranks on any machine.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
mpi=("$mpiexec" -np 2 --oversubscribe)

same() {
  if ! cmp "$1" "$2"; then echo "FAIL: $1 and $2 differ" >&2; exit 1; fi
  echo "ok: $1 == $2"
}

case "$case" in
  sweep)
    # Known problem: a sweep across ranks can hang between points, so it is refused for now
    # (docs/cluster.md). Check the refusal: exit 2, a clear message, nothing written.
    status=0
    "${mpi[@]}" "$surge" sweep "$scenario" --reps 10 --grid nodes.desk.agents=2,3 -o mpi.h5 \
      2>err.txt || status=$?
    cat err.txt
    [ "$status" -ne 0 ] || { echo "FAIL: sweep ran across ranks" >&2; exit 1; }
    grep -q "does not run across MPI ranks yet" err.txt || { echo "FAIL: no clear refusal" >&2; exit 1; }
    [ ! -e mpi.h5 ] || { echo "FAIL: a file was written" >&2; exit 1; }
    echo "ok: sweep refused across ranks"
    ;;
  mc | compare)
    args=("$case" "$scenario" --reps 60 --threads 2 -q)
    "$surge" "${args[@]}" -o local.h5
    "${mpi[@]}" "$surge" "${args[@]}" -o mpi.h5
    same local.h5 mpi.h5
    ;;
  resume)
    # The worker fails at its first replication (FAIL_AT=0), whichever it is: deterministic
    # whatever the timing; 600 replications make sure the worker gets at least one.
    args=(mc "$scenario" --reps 600 --threads 1 -q)
    "$surge" "${args[@]}" -o local.h5
    status=0
    "${mpi[@]}" -x SURGE_TEST_MPI_FAIL_AT=0 "$surge" "${args[@]}" -o mpi.h5 2>err.txt || status=$?
    cat err.txt
    [ "$status" -ne 0 ] || { echo "FAIL: a failed rank did not fail the job" >&2; exit 1; }
    grep -q "rank 1 failed: injected failure" err.txt || { echo "FAIL: no report of rank 1" >&2; exit 1; }
    [ ! -e mpi.h5 ] && [ -e mpi.h5.journal ] || { echo "FAIL: expected a journal, no result" >&2; exit 1; }
    "${mpi[@]}" "$surge" "${args[@]}" -o mpi.h5 --resume
    same local.h5 mpi.h5
    [ ! -e mpi.h5.journal ] || { echo "FAIL: the journal was not removed" >&2; exit 1; }
    ;;
  *) echo "unknown case $case" >&2; exit 2 ;;
esac
