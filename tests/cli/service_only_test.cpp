// A scenario of service nodes alone (docs/scenario-reference.md, "Top level"): no `products`,
// no `markets`, no stocking node. Every command a planner uses on it works, and prints the
// service KPIs, never a goods KPI that is not a number for a reason other than "no orders".
#include <cmath>
#include <string>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

const std::string kServiceOnly = "tests/cli/scenarios/service_only.yaml";

// The value of `metric` (of `node`, or the network when empty) in the `run` window of a KPI
// table (tab separated: window, metric, node, product, market, resource, value); NaN if absent.
double kpi_of(const std::string& table, const std::string& metric, const std::string& node) {
  const std::string key = "run\t" + metric + "\t" + node + "\t\t\t\t";
  std::size_t at = table.find("\n" + key);
  if (at == std::string::npos) return std::nan("");
  at += 1 + key.size();
  return std::stod(table.substr(at, table.find('\n', at) - at));
}

TEST_CASE("validate accepts a scenario of service nodes alone", "[cli][service_only]") {
  ScratchDir scratch("service-only-validate");
  CliResult r = run_surge({"validate", kServiceOnly}, scratch.path());
  INFO("stdout: " << r.out << "\nstderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}

TEST_CASE("run on service nodes alone reports their contacts, waits and costs",
          "[cli][service_only]") {
  ScratchDir scratch("service-only-run");
  CliResult table = run_surge({"run", kServiceOnly, "--kpi-table"}, scratch.path(), "table");
  INFO("stderr: " << table.err);
  REQUIRE(table.exit_code == 0);
  // 36 contacts an hour for 27 days after the warm-up: about 23,000 at the hotline (the
  // count is Poisson, so within 6 standard deviations of its mean of 23,328).
  const double contacts = kpi_of(table.out, "contacts", "hotline");
  CHECK(std::fabs(contacts - 36.0 * 24 * 27) < 6 * std::sqrt(36.0 * 24 * 27));
  for (const char* node : {"hotline", "back_office"}) {
    INFO("node " << node);
    const double level = kpi_of(table.out, "service_level", node);
    CHECK(level >= 0.0);
    CHECK(level <= 1.0);
    CHECK(kpi_of(table.out, "answered", node) > 0);
  }
  // Nothing physical: no goods were bought, held or made, and the total cost is a number.
  CHECK(kpi_of(table.out, "holding_cost", "") == 0);
  CHECK(kpi_of(table.out, "total_cost", "") == 0);
  CHECK(kpi_of(table.out, "demand_orders", "") == 0);
  // The terminal summary runs too, and says nothing is wrong with the file.
  CliResult summary = run_surge({"run", kServiceOnly}, scratch.path(), "summary");
  INFO("summary stdout: " << summary.out << "\nstderr: " << summary.err);
  CHECK(summary.exit_code == 0);
  CHECK(summary.out.find("hotline") != std::string::npos);
  CHECK(summary.out.find("nan") == std::string::npos);
  // Without goods there are no goods rows (they could only say 0 and n/a); the cost stays.
  CHECK(summary.out.find("fill rate") == std::string::npos);
  CHECK(summary.out.find("demand (units)") == std::string::npos);
  CHECK(summary.out.find("total cost") != std::string::npos);
}

TEST_CASE("mc and report work on service nodes alone", "[cli][service_only]") {
  ScratchDir scratch("service-only-mc");
  const std::string result = (scratch / "mc.h5").string();
  CliResult mc = run_surge({"mc", kServiceOnly, "--reps", "4", "--threads", "2", "-o", result},
                           scratch.path(), "mc");
  INFO("mc stdout: " << mc.out << "\nstderr: " << mc.err);
  REQUIRE(mc.exit_code == 0);
  CHECK(mc.out.find("nan") == std::string::npos);
  if (python_with_h5py().empty()) {
    WARN("no python3 with h5py here: surge report cannot run, the report is not checked");
    return;
  }
  const std::string html = (scratch / "mc.html").string();
  CliResult report = run_surge({"report", result, "-o", html}, scratch.path(), "report");
  INFO("report stdout: " << report.out << "\nstderr: " << report.err);
  CHECK(report.exit_code == 0);
  const std::string text = read_text(html);
  CHECK(text.find("hotline") != std::string::npos);
  CHECK(text.find("Traceback") == std::string::npos);
}

}  // namespace
}  // namespace surge::cli_test
