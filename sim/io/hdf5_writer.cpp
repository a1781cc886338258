#include "surge/io/hdf5_writer.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <mutex>
#include <system_error>
#include <type_traits>

#include "surge/io/hdf5_file.hpp"
#include "surge/io/provenance.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/version.hpp"

namespace surge {

namespace fs = std::filesystem;

namespace {

detail::WriteHook g_write_hook = nullptr;

using h5::column;
using h5::kLarge;
using h5::kSmall;

// Columns in hours carry unit = "hours" so a reader never has to guess.
void hours(const h5::Dataset& dataset) { dataset.set_attribute("unit", "hours"); }

void after_table(const std::string& table) {
  if (g_write_hook) g_write_hook(table);
}

void write_windows(const h5::Group& root, const RunResult& r) {
  h5::Table t(root.create_group("windows"), r.windows.size(), kSmall);
  t.add_str("name", column(r.windows, [](const Window& w) { return w.name.c_str(); }));
  hours(t.add_f64("start", column(r.windows, [](const Window& w) { return w.start; })));
  hours(t.add_f64("end", column(r.windows, [](const Window& w) { return w.end; })));
  t.finish();
  after_table("/windows");
}

void write_kpis(const h5::Group& root, const RunResult& r) {
  h5::Table t(root.create_group("kpi"), r.kpis.size(), kSmall);
  t.add_str("window", column(r.kpis, [](const KpiRow& k) { return k.window.c_str(); }));
  t.add_str("metric", column(r.kpis, [](const KpiRow& k) { return k.metric.c_str(); }));
  t.add_str("node", column(r.kpis, [](const KpiRow& k) { return k.node.c_str(); }));
  t.add_str("product", column(r.kpis, [](const KpiRow& k) { return k.product.c_str(); }));
  t.add_str("market", column(r.kpis, [](const KpiRow& k) { return k.market.c_str(); }));
  t.add_str("resource", column(r.kpis, [](const KpiRow& k) { return k.resource.c_str(); }));
  t.add_f64("value", column(r.kpis, [](const KpiRow& k) { return k.value; }));
  t.add_str("unit", column(r.kpis, [](const KpiRow& k) { return unit_name(kpi_unit(k.metric)); }));
  t.finish();
  after_table("/kpi");
}

void write_targets(const h5::Group& root, const RunResult& r) {
  using T = TargetResult;
  h5::Table t(root.create_group("targets"), r.targets.size(), kSmall);
  t.add_str("description", column(r.targets, [](const T& x) { return x.description.c_str(); }));
  t.add_str("key", column(r.targets, [](const T& x) { return x.key.c_str(); }));
  t.add_str("label", column(r.targets, [](const T& x) { return x.label.c_str(); }));
  t.add_str("metric", column(r.targets, [](const T& x) { return x.metric.c_str(); }));
  t.add_str("window", column(r.targets, [](const T& x) { return x.window.c_str(); }));
  t.add_str("node", column(r.targets, [](const T& x) { return x.node.c_str(); }));
  t.add_str("product", column(r.targets, [](const T& x) { return x.product.c_str(); }));
  t.add_str("market", column(r.targets, [](const T& x) { return x.market.c_str(); }));
  t.add_f64("value", column(r.targets, [](const T& x) { return x.value; }));
  t.add_f64("threshold", column(r.targets, [](const T& x) { return x.threshold; }));
  t.add_bool("at_least", column(r.targets, [](const T& x) { return x.at_least; }));
  t.add_bool("met", column(r.targets, [](const T& x) { return x.met; }));
  hours(t.add_f64("first_break", column(r.targets, [](const T& x) { return x.first_break; })));
  t.finish();
  after_table("/targets");
}

// The binding-constraint census (docs/kpis.md, "Binding constraints").
void write_census(const h5::Group& root, const RunResult& r) {
  using C = CensusRow;
  const auto& rows = r.census;
  h5::Table t(root.create_group("census"), rows.size(), kSmall);
  t.add_str("window", column(rows, [](const C& x) { return x.window.c_str(); }));
  t.add_str("constraint", column(rows, [](const C& x) { return x.constraint.c_str(); }));
  t.add_str("kind", column(rows, [](const C& x) { return x.kind.c_str(); }));
  hours(t.add_f64("bound_hours", column(rows, [](const C& x) { return x.bound_hours; })));
  hours(t.add_f64("first_bound", column(rows, [](const C& x) { return x.first_bound; })));
  t.add_f64("held", column(rows, [](const C& x) { return x.held; }));
  t.add_str("held_unit", column(rows, [](const C& x) { return census_held_unit(x.kind); }));
  hours(t.add_f64("down_hours", column(rows, [](const C& x) { return x.down_hours; })));
  t.add_str("upstream", column(rows, [](const C& x) { return x.upstream.c_str(); }));
  hours(t.add_f64("upstream_hours", column(rows, [](const C& x) { return x.upstream_hours; })));
  t.finish();
  after_table("/census");
}

// Where each target breaks (docs/kpis.md, "Where it breaks").
void write_breaks(const h5::Group& root, const RunResult& r) {
  using B = TargetBreak;
  const auto& rows = r.breaks;
  h5::Table t(root.create_group("breaks"), rows.size(), kSmall);
  t.add_str("key", column(rows, [](const B& x) { return x.key.c_str(); }));
  t.add_bool("met", column(rows, [](const B& x) { return x.met; }));
  t.add_str("constraint", column(rows, [](const B& x) { return x.constraint.c_str(); }));
  t.add_str("kind", column(rows, [](const B& x) { return x.kind.c_str(); }));
  t.add_str("chain", column(rows, [](const B& x) { return x.chain.c_str(); }));
  t.add_f64("failing", column(rows, [](const B& x) { return x.failing; }));
  t.add_f64("waited_first", column(rows, [](const B& x) { return x.waited_first; }));
  t.finish();
  after_table("/breaks");
}

void write_resources(const h5::Group& root, const RunResult& r) {
  using U = ResourceUse;
  h5::Table t(root.create_group("resources"), r.resources.size(), kSmall);
  t.add_str("node", column(r.resources, [](const U& x) { return x.node.c_str(); }));
  t.add_str("resource", column(r.resources, [](const U& x) { return x.resource.c_str(); }));
  t.add_f64("utilisation", column(r.resources, [](const U& x) { return x.utilisation; }));
  t.add_f64("mean_queue", column(r.resources, [](const U& x) { return x.mean_queue; }));
  hours(t.add_f64("mean_wait", column(r.resources, [](const U& x) { return x.mean_wait; })));
  t.finish();
  after_table("/resources");
}

void write_stock_series(const h5::Group& series, const RunResult& r) {
  using S = StockSample;
  const auto& rows = r.stock_series;
  h5::Table t(series.create_group("stock"), rows.size(), kLarge);
  hours(t.add_f64("time", column(rows, [](const S& x) { return x.time; })));
  t.add_str("node", column(rows, [&](const S& x) { return r.node_of(x).c_str(); }));
  t.add_str("product", column(rows, [&](const S& x) { return r.product_of(x).c_str(); }));
  t.add_f64("on_hand", column(rows, [](const S& x) { return x.on_hand; }));
  t.add_f64("backlog", column(rows, [](const S& x) { return x.backlog; }));
  t.add_f64("on_order", column(rows, [](const S& x) { return x.on_order; }));
  t.add_f64("inventory_position", column(rows, [](const S& x) { return x.inventory_position; }));
  t.add_f64("ordered", column(rows, [](const S& x) { return x.ordered; }));
  t.add_f64("demand", column(rows, [](const S& x) { return x.demand; }));
  t.finish();
  after_table("/timeseries/stock");
}

void write_resource_series(const h5::Group& series, const RunResult& r) {
  using S = ResourceSample;
  const auto& rows = r.resource_series;
  h5::Table t(series.create_group("resources"), rows.size(), kLarge);
  hours(t.add_f64("time", column(rows, [](const S& x) { return x.time; })));
  t.add_str("node", column(rows, [&](const S& x) { return r.node_of(x).c_str(); }));
  t.add_str("resource", column(rows, [&](const S& x) { return r.resource_of(x).c_str(); }));
  t.add_f64("utilisation", column(rows, [](const S& x) { return x.utilisation; }));
  t.add_f64("queue_length", column(rows, [](const S& x) { return x.queue_length; }));
  t.finish();
  after_table("/timeseries/resources");
}

void write_conservation(const h5::Group& root, const RunResult& r) {
  h5::Table t(root.create_group("conservation"), r.conservation.size(), kSmall);
  t.add_str("check", r.conservation);
  t.finish();
  after_table("/conservation");
}

void write_order_records(const h5::Group& records, const RunResult& r) {
  using O = OrderRecord;
  const auto& rows = r.orders;
  h5::Table t(records.create_group("orders"), rows.size(), kLarge);
  t.add_u64("id", column(rows, [](const O& x) { return x.id; }));
  t.add_str("market", column(rows, [&](const O& x) { return r.market_of(x).c_str(); }));
  t.add_str("product", column(rows, [&](const O& x) { return r.product_of(x).c_str(); }));
  t.add_str("fulfilled_by", column(rows, [&](const O& x) { return r.fulfiller_of(x).c_str(); }));
  t.add_str("campaign", column(rows, [&](const O& x) { return r.campaign_of(x).c_str(); }));
  t.add_f64("quantity", column(rows, [](const O& x) { return x.quantity; }));
  hours(t.add_f64("placed", column(rows, [](const O& x) { return x.placed; })));
  hours(t.add_f64("shipped", column(rows, [](const O& x) { return x.shipped; })));
  hours(t.add_f64("delivered", column(rows, [](const O& x) { return x.delivered; })));
  t.add_str("status", column(rows, [](const O& x) { return to_string(x.status); }));
  t.add_bool("from_stock", column(rows, [](const O& x) { return x.from_stock; }));
  t.add_bool("on_time", column(rows, [](const O& x) { return x.on_time; }));
  t.finish();
  after_table("/records/orders");
}

void write_contact_records(const h5::Group& records, const RunResult& r) {
  using C = ContactRecord;
  const auto& rows = r.contacts;
  h5::Table t(records.create_group("contacts"), rows.size(), kLarge);
  t.add_u64("id", column(rows, [](const C& x) { return x.id; }));
  t.add_str("node", column(rows, [&](const C& x) { return r.node_of(x).c_str(); }));
  t.add_str("cause", column(rows, [](const C& x) { return to_string(x.cause); }));
  hours(t.add_f64("arrived", column(rows, [](const C& x) { return x.arrived; })));
  hours(t.add_f64("answered", column(rows, [](const C& x) { return x.answered; })));
  hours(t.add_f64("finished", column(rows, [](const C& x) { return x.finished; })));
  hours(t.add_f64("abandoned", column(rows, [](const C& x) { return x.abandoned; })));
  t.finish();
  after_table("/records/contacts");
}

std::string hex64(std::uint64_t value) {
  char buffer[19];
  std::snprintf(buffer, sizeof buffer, "0x%016" PRIx64, value);
  return buffer;
}

// Everything except wall-clock values: the file is a pure function of (scenario, result), so
// the same scenario and seed give a byte-identical file (wall_seconds stays on the console).
void fill_run(const h5::Group& root, const Scenario& scenario, const RunResult& result,
              const WriteOptions& options) {
  root.set_attribute("kind", "run");
  root.set_attribute("created_by", options.created_by);
  write_common_attributes(root, scenario);
  for (const auto& [name, value] : options.notes) root.set_attribute(name, value);
  root.set_attribute("seed", result.seed);
  root.set_attribute("replication", result.replication);
  root.set_attribute("events", result.events);
  root.set_attribute("trace_fingerprint", result.trace_fingerprint);
  // uint64 does not survive every tool (JSON, pandas object columns); a string does.
  root.set_attribute("trace_fingerprint_hex", hex64(result.trace_fingerprint));
  root.set_attribute("records", static_cast<std::uint64_t>(options.records ? 1 : 0));
  write_scenario_group(root, scenario);
  after_table("/scenario");
  write_windows(root, result);
  write_kpis(root, result);
  write_targets(root, result);
  write_census(root, result);
  write_breaks(root, result);
  write_resources(root, result);
  {
    h5::Group series = root.create_group("timeseries");
    write_stock_series(series, result);
    write_resource_series(series, result);
  }
  write_conservation(root, result);
  if (options.records) {
    h5::Group records = root.create_group("records");
    write_order_records(records, result);
    write_contact_records(records, result);
  }
}

// A rename is only durable once the data it points to and the directory entry are on disk;
// without the syncs a power cut could leave PATH naming an empty file.
void sync_path(const std::string& path, bool directory) {
  int fd = ::open(path.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) {
    if (directory) return;  // best effort: some file systems refuse to open directories
    throw OutputError("reopening '" + path + "' to sync it failed: " + std::strerror(errno));
  }
  int status = ::fsync(fd);
  int error = errno;
  ::close(fd);
  // EINVAL/EROFS: the file system does not support syncing; nothing more we can do.
  if (status != 0 && !directory && error != EINVAL && error != EROFS)
    throw OutputError("syncing '" + path + "' failed: " + std::strerror(error));
}

// Removes the temporary file after a failure, but only if it is a plain file: anything else
// at that name (a directory, say) was there before us and made H5Fcreate fail untouched.
void remove_temp(const std::string& temp) {
  std::error_code ec;
  if (fs::is_regular_file(fs::symlink_status(temp, ec))) fs::remove(temp, ec);
}

// "a character device", ... for messages.
std::string kind_of(const fs::file_status& status) {
  switch (status.type()) {
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::fifo: return "a named pipe";
    case fs::file_type::socket: return "a socket";
    default: return "a special file";
  }
}

fs::path directory_of(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? fs::path(".") : parent;
}

// The pid in a temporary name of ours, PATH.tmp-<pid>, or 0 when `name` is not one.
pid_t temp_owner(const std::string& name, const std::string& base) {
  const std::string prefix = base + ".tmp-";
  if (name.size() <= prefix.size() || name.size() > prefix.size() + 9 ||
      name.compare(0, prefix.size(), prefix) != 0)
    return 0;
  pid_t pid = 0;
  for (std::size_t i = prefix.size(); i < name.size(); ++i) {
    if (name[i] < '0' || name[i] > '9') return 0;
    pid = pid * 10 + (name[i] - '0');
  }
  return pid;
}

// Removes the temporary files that killed runs left next to PATH: only names of exactly our
// form (PATH.tmp-<digits>), only regular files, and only when no process of that pid runs on
// this machine (kill(pid, 0) fails with ESRCH); a run still writing keeps its file. Best
// effort: a file that cannot be removed stays, and says nothing.
void remove_stale_temporaries(const std::string& path) {
  const std::string base = fs::path(path).filename().string();
  std::error_code ec;
  for (fs::directory_iterator it(directory_of(path), ec), end; !ec && it != end; it.increment(ec)) {
    pid_t pid = temp_owner(it->path().filename().string(), base);
    if (pid <= 0 || pid == ::getpid()) continue;
    std::error_code type_ec;
    if (!fs::is_regular_file(it->symlink_status(type_ec))) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    std::error_code ignored;
    fs::remove(it->path(), ignored);
  }
}

}  // namespace

void detail::set_write_hook_for_testing(WriteHook hook) { g_write_hook = hook; }

void check_output_writable(const std::string& path) {
  const std::string prefix = "cannot write results to '" + path + "': ";
  if (path.empty()) throw OutputError("cannot write results: the output path is empty");
  std::error_code ec;
  const fs::path dir = directory_of(path);
  fs::file_status dir_status = fs::status(dir, ec);
  if (ec || !fs::exists(dir_status))
    throw OutputError(prefix + "directory '" + dir.string() + "' does not exist");
  if (!fs::is_directory(dir_status))
    throw OutputError(prefix + "'" + dir.string() + "' is not a directory");
  // Effective ids (AT_EACCESS), as the write itself will use; X is needed to create entries.
  if (::faccessat(AT_FDCWD, dir.c_str(), W_OK | X_OK, AT_EACCESS) != 0)
    throw OutputError(prefix + "directory '" + dir.string() + "' is not writable (" +
                      std::strerror(errno) + ")");
  // Only a new name or a regular file is replaced: renaming over a symbolic link would replace
  // the link (not what it points to), and a device, pipe or socket is nothing to replace.
  fs::file_status status = fs::symlink_status(path, ec);
  if (ec || !fs::exists(status) || fs::is_regular_file(status)) return;
  if (fs::is_directory(status)) throw OutputError(prefix + "it is a directory");
  if (fs::is_symlink(status)) {
    std::error_code ignored;
    throw OutputError(prefix + "it is a symbolic link (to '" +
                      fs::read_symlink(path, ignored).string() +
                      "'), which the result would replace; give the file it points to, or "
                      "remove the link");
  }
  throw OutputError(prefix + "it is " + kind_of(status) +
                    ", not a regular file; Surge writes only new or regular files");
}

void write_common_attributes(const h5::Group& root, const Scenario& scenario) {
  root.set_attribute("surge_version", SURGE_VERSION);
  root.set_attribute("scenario_name", scenario.name);
  root.set_attribute("time_unit", "hours");
  root.set_attribute("horizon_hours", scenario.horizon);
  root.set_attribute("warmup_hours", scenario.warmup);
  root.set_attribute("sample_every_hours", scenario.sample_every);
  // Only when the scenario gives them: a reader tells "no start date" by the attribute's absence
  // (analysis/surge_analysis shows days then, dates with it).
  if (scenario.dates.has_dates()) root.set_attribute("start_date", scenario.dates.start_text());
  if (!scenario.currency.empty()) root.set_attribute("currency", scenario.currency);
}

void write_scenario_group(const h5::Group& root, const Scenario& scenario) {
  h5::Group group = root.create_group("scenario");
  group.set_attribute("path", scenario.source_path);
  group.set_attribute("name", scenario.name);
  group.set_attribute("description", scenario.description);
  group.set_attribute("seed", scenario.seed);
  group.write_string("text", scenario.source_text);
  // What was run (io/provenance.hpp): the file as written beside the effective text above.
  group.write_string("original_text",
                     original_scenario_text(scenario.source_path, scenario.source_text));
  const Provenance& p = recorded_provenance();
  h5::Group provenance = root.create_group("provenance");
  provenance.set_attribute("command_line", p.command_line);
  provenance.set_attribute("overrides", p.overrides);
  provenance.set_attribute("plans", p.plans);
  provenance.set_attribute(
      "modified", static_cast<std::uint64_t>(p.overrides.empty() && p.plans.empty() ? 0 : 1));
}

void write_hdf5_atomically(const std::string& path,
                           const std::function<void(const h5::Group& root)>& fill) {
  check_output_writable(path);
  std::lock_guard lock(h5::library_mutex());
  h5::silence_errors();

  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  const std::string prefix = "cannot write results to '" + path + "': ";
  // A regular file at the temporary name is a leftover of a crashed run that had our pid
  // (common in containers) and is simply overwritten. A symlink is refused: HDF5 would
  // truncate whatever it points to.
  std::error_code ec;
  if (fs::is_symlink(fs::symlink_status(temp, ec)))
    throw OutputError(prefix + "temporary name '" + temp + "' is a symbolic link; remove it");
  remove_stale_temporaries(path);

  try {
    h5::File file = h5::File::create(temp);
    fill(file.root());  // every group and dataset it opens is closed before the file
    file.close();
    sync_path(temp, false);
    fs::rename(temp, path);  // atomic replacement on POSIX: readers see old or new, never half
  } catch (const fs::filesystem_error& e) {
    remove_temp(temp);
    throw OutputError(prefix + "renaming '" + temp + "' failed: " + e.code().message());
  } catch (const InternalError&) {  // a bug in Surge (exit 70): no file, and said as such
    remove_temp(temp);
    throw;
  } catch (const std::exception& e) {  // OutputError from HDF5 or a sync, bad_alloc, ...
    remove_temp(temp);
    throw OutputError(prefix + e.what());
  }
  sync_path(directory_of(path).string(), true);
}

void write_run_result(const std::string& path, const Scenario& scenario, const RunResult& result,
                      const WriteOptions& options) {
  write_hdf5_atomically(path,
                        [&](const h5::Group& root) { fill_run(root, scenario, result, options); });
}

}  // namespace surge
