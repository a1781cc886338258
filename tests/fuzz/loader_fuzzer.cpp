// libFuzzer target for the scenario loader and validator (docs/reliability.md). Built only with
// clang and -DSURGE_FUZZ=ON (tests/fuzz/CMakeLists.txt); `make fuzz` runs it on a copy of the
// seed corpus for a bounded time. An input that fails is saved by libFuzzer as crash-*,
// leak-*, timeout-* or oom-*: copy it into tests/fuzz/regressions/ so that the ordinary test
// suite replays it for ever (loader_regression_test.cpp).
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "fuzz/loader_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    surge::fuzz::check_loader_input(data, size);
  } catch (const std::exception& e) {
    // Anything but a ScenarioError is a bug: report it and let libFuzzer save the input.
    std::fprintf(stderr, "loader_fuzzer: uncaught exception: %s\n", e.what());
    std::abort();
  }
  return 0;
}
