#include "surge/io/scenario_error.hpp"

#include <utility>

namespace surge {
namespace {

std::string format_error(const std::string& file, int line, int column,
                         const std::string& message) {
  // The GCC-style "file:line:col: error:" prefix is what editors and CI annotators parse.
  std::string out = file;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
  }
  out += ": error: ";
  out += message;
  return out;
}

}  // namespace

ScenarioError::ScenarioError(std::string file, int line, int column, std::string message)
    : Error(format_error(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      message_(std::move(message)) {}

}  // namespace surge
