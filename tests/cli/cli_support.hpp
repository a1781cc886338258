#pragma once
// Helpers for the end-to-end tests of the `surge` command: run the real binary (SURGE_BINARY)
// through the shell, capture its stdout, stderr and exit code, and give each test a scratch
// directory under the build tree.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace surge::cli_test {

namespace fs = std::filesystem;

struct CliResult {
  int exit_code = -1;
  std::string out, err;
};

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// Single-quoted for /bin/sh: safe for spaces, braces, brackets and `$`.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// Runs `command` through /bin/sh and returns its exit code (128 + N when killed by signal N).
inline int shell(const std::string& command) {
  int status = std::system(command.c_str());
  if (status == -1) return -1;
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

// Runs `surge ARGS...` from the source directory, with `environment` (shell assignments such as
// "SURGE_X=1", or empty) set for it; stdout and stderr go to files named `tag` in `scratch`,
// which must not be where `surge` writes (they are removed afterwards).
inline CliResult run_surge_with_env(const std::string& environment,
                                    const std::vector<std::string>& args, const fs::path& scratch,
                                    const std::string& tag = "surge") {
  fs::path out = scratch / (tag + ".stdout"), err = scratch / (tag + ".stderr");
  std::string command = "cd " + shell_quote(SURGE_SOURCE_DIR) + " && " + environment + " " +
                        shell_quote(SURGE_BINARY);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " </dev/null >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  CliResult r;
  r.exit_code = shell(command);
  r.out = read_text(out);
  r.err = read_text(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

// Runs `surge ARGS...` from the source directory; stdout and stderr go to files named `tag`
// in `scratch`. Safe to call from several threads at once (each call needs its own tag).
inline CliResult run_surge(const std::vector<std::string>& args, const fs::path& scratch,
                           const std::string& tag = "surge") {
  fs::path out = scratch / (tag + ".stdout"), err = scratch / (tag + ".stderr");
  std::string command = "cd " + shell_quote(SURGE_SOURCE_DIR) + " && " + shell_quote(SURGE_BINARY);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " </dev/null >" + shell_quote(out.string()) + " 2>" + shell_quote(err.string());
  CliResult r;
  r.exit_code = shell(command);
  r.out = read_text(out);
  r.err = read_text(err);
  fs::remove(out);
  fs::remove(err);
  return r;
}

// As run_surge, with `input` on standard input (a file, so not a terminal): for commands that
// read answers, such as `surge play`.
inline CliResult run_surge_with_input(const std::vector<std::string>& args,
                                      const std::string& input, const fs::path& scratch,
                                      const std::string& tag = "surge") {
  fs::path in = scratch / (tag + ".stdin"), out = scratch / (tag + ".stdout"),
           err = scratch / (tag + ".stderr");
  write_text(in, input);
  std::string command = "cd " + shell_quote(SURGE_SOURCE_DIR) + " && " + shell_quote(SURGE_BINARY);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " <" + shell_quote(in.string()) + " >" + shell_quote(out.string()) + " 2>" +
             shell_quote(err.string());
  CliResult r;
  r.exit_code = shell(command);
  r.out = read_text(out);
  r.err = read_text(err);
  for (const auto& f : {in, out, err}) fs::remove(f);
  return r;
}

// A fresh, empty directory under the build tree, removed again when the test ends.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(fs::path(SURGE_BINARY).parent_path() / "cli-test-tmp" /
              (name + "-" + std::to_string(::getpid()))) {
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const std::string& name) const { return path_ / name; }

 private:
  fs::path path_;
};

// Names of the entries of a directory (recursively), for "nothing was written" checks.
inline std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    names.push_back(fs::relative(e.path(), dir).string());
  return names;
}

// A Python 3 with h5py: $SURGE_PYTHON, then /usr/bin/python3 (the Debian one, where
// python3-h5py installs); empty when neither has it.
inline std::string python_with_h5py() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("SURGE_PYTHON"); env && *env) candidates.push_back(env);
  candidates.push_back("/usr/bin/python3");
  for (const auto& py : candidates)
    if (shell(shell_quote(py) + " -c 'import h5py' >/dev/null 2>&1") == 0) return py;
  return "";
}

}  // namespace surge::cli_test
