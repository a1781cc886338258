// libFuzzer target for the override, grid and plan parsers (override_check.hpp,
// docs/reliability.md). Built only with clang and -DSURGE_FUZZ=ON beside the loader's target;
// `make fuzz` gives each its share of the time budget. A failing input is saved as crash-*,
// leak-*, timeout-* or oom-*: copy it into tests/fuzz/regressions/overrides/ so the ordinary
// suite replays it (override_regression_test.cpp).
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "fuzz/override_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    surge::fuzz::check_override_input(data, size);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "override_fuzzer: uncaught exception: %s\n", e.what());
    std::abort();
  }
  return 0;
}
