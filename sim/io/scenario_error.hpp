#pragma once
// A mistake in a scenario file (or in a --set override), located so an editor can jump to it.
#include <string>

#include "surge/kernel/error.hpp"

namespace surge {

class ScenarioError : public Error {
 public:
  // line and column are 1-based; line <= 0 means "no position" (e.g. a --set value, where
  // `file` is then "--set PATH") and what() drops the numbers.
  ScenarioError(std::string file, int line, int column, std::string message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string message_;
};

}  // namespace surge
