// `surge schema` output: JSON that an editor can load, covering the whole format.
#include <catch2/catch.hpp>
#include <string>

#include "surge/io/scenario_loader.hpp"
#include "surge/io/target_metrics.hpp"

namespace surge {
namespace {

// Checks brackets balance outside strings and strings close: a crude JSON well-formedness test
// that needs no JSON library.
bool balanced_json(const std::string& text) {
  std::string stack;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
      else if (c == '\n')
        return false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{' || c == '[')
      stack.push_back(c);
    else if (c == '}' || c == ']') {
      if (stack.empty() || stack.back() != (c == '}' ? '{' : '[')) return false;
      stack.pop_back();
    } else if (c == ',') {
      // A trailing comma before a closing bracket is not JSON.
      std::size_t j = i + 1;
      while (j < text.size() && std::isspace(static_cast<unsigned char>(text[j]))) ++j;
      if (j < text.size() && (text[j] == '}' || text[j] == ']')) return false;
    }
  }
  return stack.empty() && !in_string;
}

TEST_CASE("the JSON schema is well-formed JSON of draft 2020-12", "[io]") {
  std::string schema = scenario_json_schema();
  CHECK(balanced_json(schema));
  CHECK(schema.find("https://json-schema.org/draft/2020-12/schema") != std::string::npos);
}

TEST_CASE("the JSON schema covers every top-level key and every target metric", "[io]") {
  std::string schema = scenario_json_schema();
  for (const char* key :
       {"name", "description", "horizon", "warmup", "seed", "sample_every", "products", "calendars",
        "nodes", "lanes", "markets", "campaigns", "targets", "plans"})
    CHECK(schema.find("\"" + std::string(key) + "\":") != std::string::npos);
  for (auto metric : kTargetMetrics)
    CHECK(schema.find("\"" + std::string(metric) + "\"") != std::string::npos);
}

}  // namespace
}  // namespace surge
