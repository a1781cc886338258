#!/usr/bin/env bash
# Installs the Surge build BUILD_DIR into a scratch prefix, then configures and builds
# tests/consumer against that prefix only, and runs it on a scenario. Fails if any step fails.
#   run.sh BUILD_DIR SOURCE_DIR [CXX_FLAGS]
# CXX_FLAGS are the flags the libraries were built with (sanitizer builds need them at link).
set -euo pipefail
build_dir="$1"
source_dir="$2"
cxx_flags="${3:-}"
work="${build_dir}/consumer-test"
rm -rf "${work}"
mkdir -p "${work}"
# On failure, show the log of the step that failed (each step writes its own).
trap 'status=$?; if [ $status -ne 0 ]; then tail -n 40 "${work}"/*.log 2>/dev/null || true; fi' EXIT
cmake --install "${build_dir}" --prefix "${work}/prefix" >"${work}/install.log"
# The consumer sees the installed tree, never the source tree's headers.
test -f "${work}/prefix/include/surge/kernel/simulator.hpp"
cmake -S "${source_dir}/tests/consumer" -B "${work}/build" -DCMAKE_PREFIX_PATH="${work}/prefix" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS="${cxx_flags}" >"${work}/configure.log"
cmake --build "${work}/build" -j2 >"${work}/build.log"
"${work}/build/surge_consumer" "${source_dir}/scenarios/teaching/littles_law.yaml"
