// `surge report FILE [-o OUT.html]` and `surge plot FILE WHAT [-o OUT]`: the figures and the HTML
// report are made by the Python package in analysis/ (surge_analysis), which reads only the
// result file. This file finds that package and replaces the process with
//   /usr/bin/python3 -m surge_analysis report|plot ...
// so its exit code (0, 2 bad input, 3 output not written, 70 internal) is surge's.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "surge/cli/commands.hpp"
#include "surge/cli/output_paths.hpp"

#ifndef SURGE_ANALYSIS_DIR
#define SURGE_ANALYSIS_DIR ""
#endif

namespace surge {
namespace {

constexpr int kExitBadInput = 2;
constexpr int kExitInternal = 70;

bool is_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// SURGE_ANALYSIS_DIR from the environment, else the source tree's analysis/ (compile time).
std::string analysis_dir() {
  const char* env = std::getenv("SURGE_ANALYSIS_DIR");
  if (env != nullptr && *env != '\0') return env;
  return SURGE_ANALYSIS_DIR;
}

// A missing or unreadable result file is the user's mistake: exit 2 before starting Python.
int check_input(const std::string& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) {
    std::cerr << "error: " << file << ": " << std::strerror(errno) << "\n";
    return kExitBadInput;
  }
  if (S_ISDIR(st.st_mode)) {
    std::cerr << "error: " << file << ": is a directory, not a result file\n";
    return kExitBadInput;
  }
  if (::access(file.c_str(), R_OK) != 0) {
    std::cerr << "error: " << file << ": not readable: " << std::strerror(errno) << "\n";
    return kExitBadInput;
  }
  return 0;
}

int exec_analysis(const std::vector<std::string>& args) {
  const std::string dir = analysis_dir();
  if (dir.empty() || !is_file(dir + "/surge_analysis/__init__.py")) {
    std::cerr << "error: Surge's analysis package was not found"
              << (dir.empty() ? std::string() : " in " + dir)
              << "; set SURGE_ANALYSIS_DIR to the analysis/ directory of a Surge checkout\n";
    return kExitInternal;
  }
  const char* py_env = std::getenv("SURGE_PYTHON");
  const std::string python = (py_env != nullptr && *py_env != '\0') ? py_env : "/usr/bin/python3";
  std::string pythonpath = dir;
  if (const char* old = std::getenv("PYTHONPATH"); old != nullptr && *old != '\0')
    pythonpath += std::string(":") + old;
  ::setenv("PYTHONPATH", pythonpath.c_str(), 1);
  ::setenv("MPLBACKEND", "Agg", 1);

  std::vector<std::string> all{python, "-m", "surge_analysis"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::cout.flush();
  std::cerr.flush();
  ::execv(python.c_str(), argv.data());
  std::cerr << "error: cannot run " << python << ": " << std::strerror(errno)
            << " (install the Debian packages python3-h5py python3-pandas python3-matplotlib)\n";
  return kExitInternal;
}

}  // namespace

// The file a report or figure goes to: -o, else the result's name with `suffix` in place of
// its extension, as the analysis package would choose it. Decided here so that it is checked
// (cli/output_paths.hpp) before Python starts: never the result file itself, never a device.
std::string output_path(const std::string& given, const std::string& file,
                        const std::string& suffix) {
  if (!given.empty()) return given;
  std::filesystem::path p(file);
  return (p.parent_path() / p.stem()).string() + suffix;
}

int report_command(const ReportArgs& args) {
  if (int rc = check_input(args.file); rc != 0) return rc;
  std::string out = output_path(args.output, args.file, ".html");
  check_outputs({{args.output.empty() ? "the report (FILE.html)" : "-o", out}},
                {{"the result file", args.file}});
  return exec_analysis({"report", args.file, "-o", out});
}

int plot_command(const PlotArgs& args) {
  if (int rc = check_input(args.file); rc != 0) return rc;
  std::vector<std::string> a{"plot", args.file, args.what};
  if (args.what != "list") {
    std::string out = output_path(args.output, args.file, "-" + args.what + ".png");
    check_outputs({{args.output.empty() ? "the figure (FILE-WHAT.png)" : "-o", out}},
                  {{"the result file", args.file}});
    a.insert(a.end(), {"-o", out});
  }
  if (!args.plan.empty()) a.insert(a.end(), {"--plan", args.plan});
  if (!args.point.empty()) a.insert(a.end(), {"--point", args.point});
  if (!args.node.empty()) a.insert(a.end(), {"--node", args.node});
  if (!args.value.empty()) a.insert(a.end(), {"--value", args.value});
  return exec_analysis(a);
}

}  // namespace surge
