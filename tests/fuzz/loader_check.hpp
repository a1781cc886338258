#pragma once
// The property the loader fuzzer checks, shared by the libFuzzer driver (loader_fuzzer.cpp) and
// the regression test that replays every saved input in the ordinary test suite
// (loader_regression_test.cpp): any input ends in a valid scenario or a ScenarioError. Any other
// exception escapes, and a crash, hang or leak is caught by the sanitizers around it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"

namespace surge::fuzz {

// What one input did: 0 loaded (and every plan applied), 1 rejected with a ScenarioError.
inline int check_loader_input(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Scenario s;
  try {
    s = load_scenario_text(text, "fuzz.yaml");
  } catch (const ScenarioError& e) {
    // The error must be printable and positioned sensibly (0 means "no position").
    if (e.line() < 0 || e.column() < 0 || e.message().empty())
      throw InternalError("malformed ScenarioError: " + std::string(e.what()));
    return 1;
  }
  // Each plan the scenario declares was checked when it loaded, so applying it must succeed:
  // a ScenarioError here is a loader bug and is rethrown as one.
  for (const auto& plan : s.plans) {
    try {
      (void)apply_plan(s, plan);
    } catch (const ScenarioError& e) {
      throw InternalError("plan `" + plan.id + "` loaded but does not apply: " + e.what());
    }
  }
  return 0;
}

}  // namespace surge::fuzz
