#pragma once
// Shared helpers for the loader tests: load text, catch the ScenarioError, check where it points.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "surge/io/scenario_loader.hpp"

namespace surge::test {

inline ScenarioError load_error(const std::string& text, const std::vector<std::string>& sets = {},
                                const LoadOptions& options = {}) {
  try {
    load_scenario_text(text, "s.yaml", sets, {}, options);
  } catch (const ScenarioError& e) {
    return e;
  }
  FAIL("expected a ScenarioError");
  return ScenarioError("", 0, 0, "");
}

// 1-based line and column of the `occurrence`-th appearance of `token` in `text`: tests say
// which token an error must point at instead of hard-coding columns.
inline std::pair<int, int> position_of(const std::string& text, const std::string& token,
                                       int occurrence = 1) {
  std::size_t pos = std::string::npos, from = 0;
  for (int i = 0; i < occurrence; ++i) {
    pos = text.find(token, from);
    if (pos == std::string::npos) {
      FAIL("token `" + token + "` not in the test text");
    }
    from = pos + 1;
  }
  int line = 1, column = 1;
  for (std::size_t i = 0; i < pos; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

// A small valid scenario that error tests vary.
inline const char* kMinimal = R"(name: t
horizon: 10d
products:
  - {id: widget, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 100}}
markets:
  - {id: eu, served_by: dc, demand: {product: widget, rate: 10/d}}
)";

}  // namespace surge::test

// The error must point at `token` (its first occurrence) in `text`.
#define CHECK_ERROR_AT_TOKEN(err, text, token, SUBSTRING)        \
  do {                                                           \
    auto where_ = ::surge::test::position_of((text), (token));   \
    CHECK_ERROR_AT(err, where_.first, where_.second, SUBSTRING); \
  } while (0)

#define CHECK_ERROR_AT(err, LINE, COLUMN, SUBSTRING)                   \
  do {                                                                 \
    INFO((err).what());                                                \
    CHECK((err).line() == (LINE));                                     \
    CHECK((err).column() == (COLUMN));                                 \
    CHECK_THAT((err).message(), Catch::Matchers::Contains(SUBSTRING)); \
  } while (0)
