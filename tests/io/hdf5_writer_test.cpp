// The HDF5 result file, read back through the plain HDF5 C API (not through our own layer), so
// the tests check what an outside reader sees: layout, lengths, values, strings, attributes,
// and the atomic-write guarantee. docs/output.md is the specification.
#include "surge/io/hdf5_writer.hpp"

#include <hdf5.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "surge/io/hdf5_file.hpp"
#include "surge/io/output_error.hpp"
#include "surge/io/provenance.hpp"
#include "surge/version.hpp"

namespace fs = std::filesystem;
using namespace surge;

namespace {

// A fresh directory per test case, removed afterwards.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("surge-h5-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
  // Names in the directory, to prove no temporary file is left behind.
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

Scenario make_scenario() {
  Scenario s;
  s.name = "black_friday";
  s.description = "one warehouse, one campaign";
  s.source_path = "scenarios/black_friday.yaml";
  s.source_text = "name: black_friday\nseed: 42\n# ünïcödé survives\n";
  s.seed = 42;
  s.horizon = 90 * kDay;
  s.warmup = 7 * kDay;
  return s;
}

RunResult make_result(std::size_t series_rows = 5000) {
  RunResult r;
  r.scenario_name = "black_friday";
  r.seed = 4242;
  r.replication = 3;
  r.events = 123456;
  r.trace_fingerprint = 0xfedcba9876543210ULL;  // above 2^63: must survive as uint64
  r.wall_seconds = 1.5;
  r.windows = {{"run", 168, 2160}, {"black_friday", 1800, 2040}};
  r.kpis = {{"run", "fill_rate", "", "", "", "", 0.97},
            {"black_friday", "fill_rate", "dc", "widget", "eu", "", 0.81},
            {"run", "utilisation", "dc", "", "", "pack", 0.64}};
  r.targets = {{"fill_rate in black_friday >= 0.95", "fill_rate", "black_friday", "", "", "", 0.81,
                0.95, true, false, 1872},
               {"otif in run >= 0.9", "otif", "run", "", "", "", 0.93, 0.9, true, true, -1}};
  r.resources = {{"dc", "pack", 0.64, 2.5, 0.75}, {"cs", "agents", 0.5, 0.1, 0.01}};
  r.census = {{"run", "dc/widget", "stock", 120, 300, 450, 0, "acme/widget", 96},
              {"run", "dc/pack", "station", 3.5, 1000, 42, 0, "", 0}};
  r.breaks = {{"black_friday.fill_rate", false, "dc/widget", "stock",
               "dc/widget out of stock \u2190 acme/widget supplier down", 180, 150}};
  // What the samples' and records' numbers name.
  r.names = {{"dc", "cs"}, {"gadget", "widget"}, {"pack"}, {"eu"}, {"black_friday"}};
  for (std::size_t i = 0; i < series_rows; ++i) {
    double t = static_cast<double>(i) * kDay;
    r.stock_series.push_back({t, 0, i % 2 ? 1u : 0u, 100.0 + static_cast<double>(i),
                              static_cast<double>(i % 7), 50, 150.0 + static_cast<double>(i)});
    r.resource_series.push_back({t, 0, 0, 0.5, static_cast<double>(i) / 10});
  }
  r.conservation = {"dc widget: supplied 1000 = on hand 100 + in transit 0 + shipped 900",
                    "orders: 500 = shipped 480 + backordered 15 + lost 5"};
  // Records by number, as the run keeps them; the file holds the names.
  r.orders = {{1, 0, 1, 0, kNone, 2, 10.5, 12, 60, OrderStatus::delivered, true, true},
              {2, 0, 1, 0, 0, 1, 1801, -1, -1, OrderStatus::backordered, false, false}};
  r.contacts = {{7, 1, ContactCause::order, 11, 11.01, 11.1, -1},
                {8, 1, ContactCause::late_order, 70, -1, -1, 70.2}};
  return r;
}

// ---- readers over the raw C API --------------------------------------------------------

struct H5Closer {
  hid_t id;
  herr_t (*close)(hid_t);
  ~H5Closer() {
    if (id >= 0) close(id);
  }
};

struct Reader {
  hid_t file;
  explicit Reader(const std::string& path) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    file = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    REQUIRE(file >= 0);
  }
  ~Reader() { H5Fclose(file); }

  bool exists(const std::string& path) const {
    return H5Lexists(file, path.c_str(), H5P_DEFAULT) > 0;
  }

  hsize_t length(const std::string& path) const {
    H5Closer ds{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose};
    REQUIRE(ds.id >= 0);
    H5Closer space{H5Dget_space(ds.id), H5Sclose};
    REQUIRE(H5Sget_simple_extent_ndims(space.id) == 1);
    hsize_t dims[1] = {0};
    H5Sget_simple_extent_dims(space.id, dims, nullptr);
    return dims[0];
  }

  template <class T>
  std::vector<T> numbers(const std::string& path, hid_t mem_type) const {
    H5Closer ds{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose};
    REQUIRE(ds.id >= 0);
    std::vector<T> out(length(path));
    if (!out.empty())
      REQUIRE(H5Dread(ds.id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) >= 0);
    return out;
  }
  std::vector<double> f64(const std::string& p) const {
    return numbers<double>(p, H5T_NATIVE_DOUBLE);
  }
  std::vector<std::uint64_t> u64(const std::string& p) const {
    return numbers<std::uint64_t>(p, H5T_NATIVE_UINT64);
  }
  std::vector<std::uint8_t> u8(const std::string& p) const {
    return numbers<std::uint8_t>(p, H5T_NATIVE_UINT8);
  }

  // The stored type class and cset of a dataset, to check "variable-length UTF-8".
  void require_vlen_utf8(const std::string& path) const {
    H5Closer ds{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose};
    H5Closer type{H5Dget_type(ds.id), H5Tclose};
    REQUIRE(H5Tget_class(type.id) == H5T_STRING);
    REQUIRE(H5Tis_variable_str(type.id) > 0);
    REQUIRE(H5Tget_cset(type.id) == H5T_CSET_UTF8);
  }

  std::vector<std::string> strings(const std::string& path) const {
    require_vlen_utf8(path);
    H5Closer ds{H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose};
    H5Closer space{H5Dget_space(ds.id), H5Sclose};
    H5Closer type{H5Tcopy(H5T_C_S1), H5Tclose};
    H5Tset_size(type.id, H5T_VARIABLE);
    H5Tset_cset(type.id, H5T_CSET_UTF8);
    auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id));
    std::vector<char*> raw(n, nullptr);
    if (n > 0) REQUIRE(H5Dread(ds.id, type.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()) >= 0);
    std::vector<std::string> out(raw.begin(), raw.end());
    if (n > 0) H5Dvlen_reclaim(type.id, space.id, H5P_DEFAULT, raw.data());
    return out;
  }

  H5Closer attribute(const std::string& object, const std::string& name) const {
    H5Closer attr{H5Aopen_by_name(file, object.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
                  H5Aclose};
    REQUIRE(attr.id >= 0);
    return {std::exchange(attr.id, -1), H5Aclose};
  }

  std::vector<std::string> string_attr(const std::string& object, const std::string& name) const {
    H5Closer attr = attribute(object, name);
    H5Closer stored{H5Aget_type(attr.id), H5Tclose};
    REQUIRE(H5Tis_variable_str(stored.id) > 0);
    REQUIRE(H5Tget_cset(stored.id) == H5T_CSET_UTF8);
    H5Closer space{H5Aget_space(attr.id), H5Sclose};
    auto n = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id));
    H5Closer type{H5Tcopy(H5T_C_S1), H5Tclose};
    H5Tset_size(type.id, H5T_VARIABLE);
    H5Tset_cset(type.id, H5T_CSET_UTF8);
    if (n == 0) return {};  // an empty list (no buffer to read into)
    std::vector<char*> raw(n, nullptr);
    REQUIRE(H5Aread(attr.id, type.id, raw.data()) >= 0);
    std::vector<std::string> out(raw.begin(), raw.end());
    H5Dvlen_reclaim(type.id, space.id, H5P_DEFAULT, raw.data());
    return out;
  }
  std::string str_attr(const std::string& object, const std::string& name) const {
    auto values = string_attr(object, name);
    REQUIRE(values.size() == 1);
    return values[0];
  }
  std::uint64_t u64_attr(const std::string& object, const std::string& name) const {
    H5Closer attr = attribute(object, name);
    H5Closer stored{H5Aget_type(attr.id), H5Tclose};
    REQUIRE(H5Tget_class(stored.id) == H5T_INTEGER);
    REQUIRE(H5Tget_sign(stored.id) == H5T_SGN_NONE);
    std::uint64_t value = 0;
    REQUIRE(H5Aread(attr.id, H5T_NATIVE_UINT64, &value) >= 0);
    return value;
  }
  double f64_attr(const std::string& object, const std::string& name) const {
    H5Closer attr = attribute(object, name);
    double value = 0;
    REQUIRE(H5Aread(attr.id, H5T_NATIVE_DOUBLE, &value) >= 0);
    return value;
  }

  // Reads every column of a table as raw bytes (strings as their text), for comparisons.
  std::vector<std::string> table_columns(const std::string& table) const {
    return string_attr(table, "columns");
  }
};

std::vector<char> file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::vector<std::string> kAllTables = {"/windows",          "/kpi",
                                             "/targets",          "/census",
                                             "/breaks",           "/resources",
                                             "/timeseries/stock", "/timeseries/resources",
                                             "/conservation",     "/records/orders",
                                             "/records/contacts"};

// Every column of every table plus the scenario text, rendered as text: equal renderings mean
// equal contents whatever the bytes on disk.
std::string render_datasets(const std::string& path) {
  Reader f(path);
  std::string out = "/scenario/text:";
  {
    H5Closer ds{H5Dopen2(f.file, "/scenario/text", H5P_DEFAULT), H5Dclose};
    H5Closer space{H5Dget_space(ds.id), H5Sclose};
    REQUIRE(H5Sget_simple_extent_type(space.id) == H5S_SCALAR);
    f.require_vlen_utf8("/scenario/text");
    H5Closer mem{H5Tcopy(H5T_C_S1), H5Tclose};
    H5Tset_size(mem.id, H5T_VARIABLE);
    H5Tset_cset(mem.id, H5T_CSET_UTF8);
    char* text = nullptr;
    REQUIRE(H5Dread(ds.id, mem.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text) >= 0);
    out += text;
    H5Dvlen_reclaim(mem.id, space.id, H5P_DEFAULT, &text);
  }
  for (const auto& table : kAllTables) {
    if (!f.exists(table)) continue;
    for (const auto& column : f.table_columns(table)) {
      const std::string p = table + "/" + column;
      out += "\n" + p + ":";
      H5Closer ds{H5Dopen2(f.file, p.c_str(), H5P_DEFAULT), H5Dclose};
      H5Closer type{H5Dget_type(ds.id), H5Tclose};
      if (H5Tget_class(type.id) == H5T_STRING)
        for (const auto& s : f.strings(p)) out += s + "|";
      else
        for (double x : f.f64(p)) out += std::to_string(x) + ",";
    }
  }
  return out;
}

}  // namespace

TEST_CASE("a run result is written as column tables an outside reader can rebuild", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("out.h5");
  const RunResult result = make_result();
  write_run_result(path, make_scenario(), result, WriteOptions{.records = true});
  REQUIRE(dir.entries() == std::vector<std::string>{"out.h5"});  // no temporary file left
  Reader f(path);

  SECTION("root attributes identify the run") {
    CHECK(f.str_attr("/", "surge_version") == SURGE_VERSION);
    CHECK(f.str_attr("/", "kind") == "run");
    CHECK(f.str_attr("/", "created_by") == "surge run");
    CHECK(f.str_attr("/", "scenario_name") == "black_friday");
    CHECK(f.str_attr("/", "time_unit") == "hours");
    CHECK(f.u64_attr("/", "seed") == 4242);
    CHECK(f.u64_attr("/", "replication") == 3);
    CHECK(f.u64_attr("/", "events") == 123456);
    CHECK(f.u64_attr("/", "trace_fingerprint") == 0xfedcba9876543210ULL);
    CHECK(f.str_attr("/", "trace_fingerprint_hex") == "0xfedcba9876543210");
    CHECK(f.u64_attr("/", "records") == 1);
    CHECK(f.f64_attr("/", "horizon_hours") == 90 * 24.0);
    CHECK(f.f64_attr("/", "warmup_hours") == 7 * 24.0);
    CHECK(f.f64_attr("/", "sample_every_hours") == 24.0);
  }

  SECTION("the scenario text and path are kept verbatim") {
    CHECK(f.str_attr("/scenario", "path") == "scenarios/black_friday.yaml");
    CHECK(f.str_attr("/scenario", "name") == "black_friday");
    CHECK(f.u64_attr("/scenario", "seed") == 42);
    CHECK(render_datasets(path).find("/scenario/text:name: black_friday\nseed: 42\n# ünïcödé "
                                     "survives\n") != std::string::npos);
  }

  SECTION("every table lists its columns and every column has the table's length") {
    for (const auto& table : kAllTables) {
      INFO(table);
      auto columns = f.table_columns(table);
      REQUIRE(!columns.empty());
      const hsize_t rows = f.u64_attr(table, "rows");
      for (const auto& column : columns) {
        INFO(column);
        CHECK(f.length(table + "/" + column) == rows);
      }
    }
    CHECK(f.table_columns("/kpi") == std::vector<std::string>{"window", "metric", "node", "product",
                                                              "market", "resource", "value",
                                                              "unit"});
    CHECK(f.table_columns("/targets") ==
          std::vector<std::string>{"description", "key", "label", "metric", "window", "node",
                                   "product", "market", "value", "threshold", "at_least", "met",
                                   "first_break"});
    CHECK(f.table_columns("/census") == std::vector<std::string>{"window", "constraint", "kind",
                                                                 "bound_hours", "first_bound",
                                                                 "held", "held_unit", "down_hours",
                                                                 "upstream", "upstream_hours"});
    CHECK(f.table_columns("/breaks") == std::vector<std::string>{"key", "met", "constraint", "kind",
                                                                 "chain", "failing",
                                                                 "waited_first"});
    CHECK(f.table_columns("/records/orders") ==
          std::vector<std::string>{"id", "market", "product", "fulfilled_by", "campaign",
                                   "quantity", "placed", "shipped", "delivered", "status",
                                   "from_stock", "on_time"});
    CHECK(f.table_columns("/records/contacts") ==
          std::vector<std::string>{"id", "node", "cause", "arrived", "answered", "finished",
                                   "abandoned"});
  }

  SECTION("values and strings round-trip") {
    CHECK(f.strings("/census/constraint") == std::vector<std::string>{"dc/widget", "dc/pack"});
    CHECK(f.strings("/census/held_unit") == std::vector<std::string>{"units", "orders"});
    CHECK(f.f64("/census/bound_hours") == std::vector<double>{120, 3.5});
    CHECK(f.strings("/census/upstream") == std::vector<std::string>{"acme/widget", ""});
    CHECK(f.strings("/breaks/chain") ==
          std::vector<std::string>{"dc/widget out of stock \u2190 acme/widget supplier down"});
    CHECK(f.f64("/breaks/waited_first") == std::vector<double>{150});
    CHECK(f.strings("/windows/name") == std::vector<std::string>{"run", "black_friday"});
    CHECK(f.f64("/windows/end") == std::vector<double>{2160, 2040});
    CHECK(f.str_attr("/windows/start", "unit") == "hours");
    CHECK(f.strings("/kpi/metric") ==
          std::vector<std::string>{"fill_rate", "fill_rate", "utilisation"});
    CHECK(f.strings("/kpi/node") == std::vector<std::string>{"", "dc", "dc"});
    CHECK(f.strings("/kpi/resource") == std::vector<std::string>{"", "", "pack"});
    CHECK(f.f64("/kpi/value") == std::vector<double>{0.97, 0.81, 0.64});
    // Every KPI value carries its unit (metrics/kpi_units.hpp, docs/kpis.md).
    CHECK(f.strings("/kpi/unit") == std::vector<std::string>{"share", "share", "share"});
    CHECK(f.u8("/targets/met") == std::vector<std::uint8_t>{0, 1});
    CHECK(f.u8("/targets/at_least") == std::vector<std::uint8_t>{1, 1});
    CHECK(f.str_attr("/targets/met", "logical_type") == "bool");
    CHECK(f.f64("/targets/first_break") == std::vector<double>{1872, -1});
    CHECK(f.strings("/resources/resource") == std::vector<std::string>{"pack", "agents"});
    CHECK(f.f64("/resources/mean_wait") == std::vector<double>{0.75, 0.01});
    CHECK(f.strings("/conservation/check") == result.conservation);

    auto time = f.f64("/timeseries/stock/time");
    REQUIRE(time.size() == 5000);
    CHECK(time[4999] == 4999 * 24.0);
    CHECK(f.f64("/timeseries/stock/inventory_position")[123] == 273);
    CHECK(f.strings("/timeseries/stock/product")[3] == "widget");
    // Samples hold numbers; the file holds the names they stand for.
    CHECK(f.strings("/timeseries/stock/product")[2] == "gadget");
    CHECK(f.strings("/timeseries/stock/node")[4] == "dc");
    CHECK(f.strings("/timeseries/resources/node")[10] == "dc");
    CHECK(f.strings("/timeseries/resources/resource")[10] == "pack");
    CHECK(f.f64("/timeseries/resources/queue_length")[10] == 1.0);

    CHECK(f.u64("/records/orders/id") == std::vector<std::uint64_t>{1, 2});
    CHECK(f.strings("/records/orders/campaign") == std::vector<std::string>{"", "black_friday"});
    CHECK(f.strings("/records/orders/status") ==
          std::vector<std::string>{"delivered", "backordered"});
    CHECK(f.f64("/records/orders/shipped") == std::vector<double>{12, -1});
    CHECK(f.u8("/records/orders/from_stock") == std::vector<std::uint8_t>{1, 0});
    CHECK(f.strings("/records/contacts/cause") == std::vector<std::string>{"order", "late_order"});
    // The records hold numbers; the file, the names they stand for.
    CHECK(f.strings("/records/orders/market") == std::vector<std::string>{"eu", "eu"});
    CHECK(f.strings("/records/orders/product") == std::vector<std::string>{"widget", "widget"});
    CHECK(f.strings("/records/orders/fulfilled_by") == std::vector<std::string>{"dc", "dc"});
    CHECK(f.strings("/records/contacts/node") == std::vector<std::string>{"cs", "cs"});
    CHECK(f.f64("/records/contacts/abandoned") == std::vector<double>{-1, 70.2});
  }

  SECTION("large tables are chunked and compressed, small ones are not") {
    auto layout = [&](const std::string& p, hsize_t* chunk, int* filters) {
      H5Closer ds{H5Dopen2(f.file, p.c_str(), H5P_DEFAULT), H5Dclose};
      H5Closer dcpl{H5Dget_create_plist(ds.id), H5Pclose};
      *filters = H5Pget_nfilters(dcpl.id);
      if (H5Pget_layout(dcpl.id) != H5D_CHUNKED) return false;
      H5Pget_chunk(dcpl.id, 1, chunk);
      return true;
    };
    hsize_t chunk = 0;
    int filters = 0;
    REQUIRE(layout("/timeseries/stock/on_hand", &chunk, &filters));
    CHECK(chunk == 4096);
    CHECK(filters == 2);  // shuffle + deflate
    REQUIRE(layout("/records/orders/id", &chunk, &filters));
    CHECK(chunk == 2);  // shrunk to the table
    CHECK_FALSE(layout("/kpi/value", &chunk, &filters));
    CHECK(filters == 0);
  }
}

TEST_CASE("records are written only when asked for", "[hdf5]") {
  TempDir dir;
  write_run_result(dir.file("a.h5"), make_scenario(), make_result(3), WriteOptions{});
  Reader f(dir.file("a.h5"));
  CHECK_FALSE(f.exists("/records"));
  CHECK(f.u64_attr("/", "records") == 0);
  CHECK(f.exists("/kpi"));
}

TEST_CASE("empty tables keep their columns, with length 0", "[hdf5]") {
  TempDir dir;
  RunResult empty;
  write_run_result(dir.file("e.h5"), Scenario{}, empty, WriteOptions{.records = true});
  Reader f(dir.file("e.h5"));
  for (const auto& table : kAllTables) {
    INFO(table);
    CHECK(f.u64_attr(table, "rows") == 0);
    for (const auto& column : f.table_columns(table)) CHECK(f.length(table + "/" + column) == 0);
  }
  CHECK(f.strings("/kpi/metric").empty());
  CHECK(f.f64("/timeseries/stock/time").empty());
}

TEST_CASE("the same result written twice gives identical files", "[hdf5]") {
  TempDir dir;
  const RunResult result = make_result(300);
  write_run_result(dir.file("a.h5"), make_scenario(), result, WriteOptions{.records = true});
  write_run_result(dir.file("b.h5"), make_scenario(), result, WriteOptions{.records = true});
  CHECK(render_datasets(dir.file("a.h5")) == render_datasets(dir.file("b.h5")));
  // No timestamps are stored, so even the bytes agree: files can be compared with cmp.
  CHECK(file_bytes(dir.file("a.h5")) == file_bytes(dir.file("b.h5")));

  // The two writes may fall in the same second, so also check directly that no object
  // carries a creation or modification time.
  Reader f(dir.file("a.h5"));
  for (const char* object : {"/", "/kpi", "/kpi/value", "/scenario/text", "/records/orders/id"}) {
    INFO(object);
#if H5_VERSION_GE(1, 12, 0)
    H5O_info2_t info;
    REQUIRE(H5Oget_info_by_name3(f.file, object, &info, H5O_INFO_TIME, H5P_DEFAULT) >= 0);
#else
    H5O_info_t info;
    REQUIRE(H5Oget_info_by_name2(f.file, object, &info, H5O_INFO_TIME, H5P_DEFAULT) >= 0);
#endif
    CHECK(info.ctime == 0);
    CHECK(info.mtime == 0);
  }
}

// A scalar string dataset (the scenario texts) as text.
std::string scalar_text(const Reader& f, const std::string& path) {
  H5Closer ds{H5Dopen2(f.file, path.c_str(), H5P_DEFAULT), H5Dclose};
  REQUIRE(ds.id >= 0);
  H5Closer space{H5Dget_space(ds.id), H5Sclose};
  REQUIRE(H5Sget_simple_extent_type(space.id) == H5S_SCALAR);
  f.require_vlen_utf8(path);
  H5Closer mem{H5Tcopy(H5T_C_S1), H5Tclose};
  H5Tset_size(mem.id, H5T_VARIABLE);
  H5Tset_cset(mem.id, H5T_CSET_UTF8);
  char* text = nullptr;
  REQUIRE(H5Dread(ds.id, mem.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, &text) >= 0);
  std::string out = text;
  H5Dvlen_reclaim(mem.id, space.id, H5P_DEFAULT, &text);
  return out;
}

TEST_CASE("every file records what was run: command, overrides, plans, the file as written",
          "[hdf5][provenance]") {
  TempDir dir;
  Scenario s = make_scenario();

  SECTION("nothing recorded (a library caller): empty command, the text itself as the original") {
    record_provenance({});
    write_run_result(dir.file("a.h5"), s, make_result(3), WriteOptions{});
    Reader f(dir.file("a.h5"));
    CHECK(f.str_attr("/provenance", "command_line").empty());
    CHECK(f.string_attr("/provenance", "overrides").empty());
    CHECK(f.string_attr("/provenance", "plans").empty());
    CHECK(f.u64_attr("/provenance", "modified") == 0);
    CHECK(scalar_text(f, "/scenario/original_text") == s.source_text);
  }
  SECTION("a command with overrides: both texts, the overrides in order, the command line") {
    Provenance p;
    p.command_line = "surge run scenarios/black_friday.yaml --set seed=7 --set horizon=30d";
    p.overrides = {"seed=7", "horizon=30d"};
    p.plans = {"prebuild"};
    p.scenario_file = s.source_path;
    p.original_text = "# the file as written\nname: black_friday\nseed: 42\n";
    record_provenance(p);
    write_run_result(dir.file("b.h5"), s, make_result(3), WriteOptions{});
    Reader f(dir.file("b.h5"));
    CHECK(f.str_attr("/provenance", "command_line") == p.command_line);
    CHECK(f.string_attr("/provenance", "overrides") == p.overrides);
    CHECK(f.string_attr("/provenance", "plans") == p.plans);
    CHECK(f.u64_attr("/provenance", "modified") == 1);
    CHECK(scalar_text(f, "/scenario/original_text") == p.original_text);
    CHECK(scalar_text(f, "/scenario/text") == s.source_text);
    // Another scenario than the recorded one (a plan's, a library caller's) has no known
    // original once overrides were recorded: empty rather than wrong.
    Scenario other = s;
    other.source_path = "elsewhere.yaml";
    write_run_result(dir.file("c.h5"), other, make_result(3), WriteOptions{});
    Reader g(dir.file("c.h5"));
    CHECK(scalar_text(g, "/scenario/original_text").empty());
  }
  record_provenance({});
}

TEST_CASE("an unwritable path fails before simulating, naming the path", "[hdf5]") {
  TempDir dir;
  SECTION("missing directory") {
    const std::string path = dir.file("no/such/dir/out.h5");
    CHECK_THROWS_WITH(check_output_writable(path),
                      Catch::Contains(path) && Catch::Contains("does not exist"));
    CHECK_THROWS_AS(write_run_result(path, make_scenario(), make_result(3), {}), OutputError);
    CHECK(dir.entries().empty());
  }
  SECTION("the path is a directory") {
    fs::create_directory(dir.path / "out.h5");
    CHECK_THROWS_WITH(check_output_writable(dir.file("out.h5")),
                      Catch::Contains(dir.file("out.h5")) && Catch::Contains("is a directory"));
    CHECK_THROWS_AS(write_run_result(dir.file("out.h5"), make_scenario(), make_result(3), {}),
                    OutputError);
    CHECK(fs::is_directory(dir.path / "out.h5"));
    CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  }
  SECTION("the parent is a file") {
    std::ofstream(dir.file("plain")) << "x";
    CHECK_THROWS_WITH(check_output_writable(dir.file("plain/out.h5")),
                      Catch::Contains("is not a directory"));
  }
  SECTION("a device, a named pipe or a symbolic link is refused, never replaced") {
    CHECK_THROWS_WITH(check_output_writable("/dev/null"),
                      Catch::Contains("'/dev/null'") && Catch::Contains("a character device") &&
                          Catch::Contains("not a regular file"));
    CHECK_THROWS_AS(write_run_result("/dev/null", make_scenario(), make_result(3), {}),
                    OutputError);
    CHECK(fs::is_character_file("/dev/null"));
    REQUIRE(::mkfifo(dir.file("pipe").c_str(), 0600) == 0);
    CHECK_THROWS_WITH(check_output_writable(dir.file("pipe")), Catch::Contains("a named pipe"));
    std::ofstream(dir.file("target.h5")) << "kept";
    fs::create_symlink(dir.path / "target.h5", dir.path / "link.h5");
    CHECK_THROWS_WITH(check_output_writable(dir.file("link.h5")),
                      Catch::Contains("is a symbolic link") && Catch::Contains("target.h5"));
    CHECK_THROWS_AS(write_run_result(dir.file("link.h5"), make_scenario(), make_result(3), {}),
                    OutputError);
    CHECK(fs::is_symlink(dir.path / "link.h5"));
    CHECK(file_bytes(dir.file("target.h5")) == std::vector<char>{'k', 'e', 'p', 't'});
  }
  SECTION("an empty path") { CHECK_THROWS_AS(check_output_writable(""), OutputError); }
  SECTION("a writable path passes") { CHECK_NOTHROW(check_output_writable(dir.file("ok.h5"))); }
}

namespace {
void fail_at_stock(const std::string& table) {
  if (table == "/timeseries/stock") throw OutputError("injected failure");
}
// Clears the hook even when a check throws.
struct HookGuard {
  explicit HookGuard(detail::WriteHook hook) { detail::set_write_hook_for_testing(hook); }
  ~HookGuard() { detail::set_write_hook_for_testing(nullptr); }
};
}  // namespace

TEST_CASE("a failed write leaves the previous file untouched and no temporary file", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("out.h5");
  std::ofstream(path) << "previous results";
  const std::vector<char> before = file_bytes(path);

  SECTION("failure half-way through the tables") {
    HookGuard guard(fail_at_stock);
    CHECK_THROWS_WITH(write_run_result(path, make_scenario(), make_result(), {}),
                      Catch::Contains(path) && Catch::Contains("injected failure"));
  }
  SECTION("the temporary name is taken by a directory, so HDF5 cannot create the file") {
    const std::string temp = path + ".tmp-" + std::to_string(::getpid());
    fs::create_directory(temp);
    CHECK_THROWS_WITH(write_run_result(path, make_scenario(), make_result(3), {}),
                      Catch::Contains(path) && Catch::Contains("creating the file"));
    CHECK(fs::is_directory(temp));  // not ours: left alone
    fs::remove(temp);
  }
  CHECK(file_bytes(path) == before);
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
  // RAII closed every file, group, dataset, dataspace, type and property list on the way out.
  CHECK(H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_ALL) == 0);

  // And a successful write does replace it.
  write_run_result(path, make_scenario(), make_result(3), {});
  CHECK(file_bytes(path) != before);
  Reader f(path);
  CHECK(f.str_attr("/", "kind") == "run");
}

TEST_CASE("a leftover temporary file from a crashed run is overwritten", "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("out.h5");
  std::ofstream(path + ".tmp-" + std::to_string(::getpid())) << "half a file";
  write_run_result(path, make_scenario(), make_result(3), {});
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
}

TEST_CASE("temporary files of killed runs are removed, those of running ones and others kept",
          "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("out.h5");
  // A pid that runs no process: past the kernel's pid_max (at most 2^22).
  const std::string dead = path + ".tmp-999999999";
  const std::string alive = path + ".tmp-" + std::to_string(::getppid());  // our parent runs
  const std::string other = dir.file("other.h5.tmp-999999999");            // another result's
  const std::string not_a_pid = path + ".tmp-12ab";
  const std::string longer = path + ".tmp-999999999.bak";
  for (const auto& f : {dead, alive, other, not_a_pid, longer}) std::ofstream(f) << "half a file";
  fs::create_directory(path + ".tmp-999999998");  // not a regular file: not ours
  write_run_result(path, make_scenario(), make_result(3), {});
  std::vector<std::string> kept{"other.h5.tmp-999999999",
                                "out.h5",
                                "out.h5.tmp-" + std::to_string(::getppid()),
                                "out.h5.tmp-12ab",
                                "out.h5.tmp-999999998",
                                "out.h5.tmp-999999999.bak"};
  std::sort(kept.begin(), kept.end());
  CHECK(dir.entries() == kept);
}

namespace {
void internal_error_at_stock(const std::string& table) {
  if (table == "/timeseries/stock") throw InternalError("a broken invariant");
}
}  // namespace

TEST_CASE("an internal error while writing stays an internal error and leaves no file", "[hdf5]") {
  TempDir dir;
  HookGuard guard(internal_error_at_stock);
  CHECK_THROWS_AS(write_run_result(dir.file("out.h5"), make_scenario(), make_result(), {}),
                  InternalError);
  CHECK(dir.entries().empty());
}

TEST_CASE("the HDF5 layer writes fixed strings and int64 columns and checks table lengths",
          "[hdf5]") {
  TempDir dir;
  const std::string path = dir.file("layer.h5");
  {
    std::lock_guard lock(h5::library_mutex());
    h5::File file = h5::File::create(path);
    {
      h5::Group root = file.root();
      h5::Table table(root.create_group("a/b"), 3, h5::Storage{.compressed = true});
      table.add_i64("n", {-1, 0, std::int64_t{1} << 40});
      table.group().write_fixed_strings("fixed", {"x", "longer", ""}, h5::Storage{});
      CHECK_THROWS_WITH(table.add_f64("short", {1.0}),
                        Catch::Contains("/a/b/short") && Catch::Contains("has 1 values"));
      table.finish();
      root.set_attribute("answer", std::int64_t{-42});
      root.set_attribute("answer", std::int64_t{42});  // replaces
    }
    file.close();
  }
  Reader f(path);
  CHECK(f.numbers<std::int64_t>("/a/b/n", H5T_NATIVE_INT64) ==
        std::vector<std::int64_t>{-1, 0, std::int64_t{1} << 40});
  CHECK(f.table_columns("/a/b") == std::vector<std::string>{"n"});
  H5Closer ds{H5Dopen2(f.file, "/a/b/fixed", H5P_DEFAULT), H5Dclose};
  H5Closer type{H5Dget_type(ds.id), H5Tclose};
  REQUIRE(H5Tis_variable_str(type.id) == 0);
  REQUIRE(H5Tget_size(type.id) == 6);
  REQUIRE(H5Tget_cset(type.id) == H5T_CSET_UTF8);
  std::string buffer(18, '?');
  REQUIRE(H5Dread(ds.id, type.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, buffer.data()) >= 0);
  CHECK(buffer == std::string("x\0\0\0\0\0longer\0\0\0\0\0\0", 18));
  H5Closer answer{H5Aopen_by_name(f.file, "/", "answer", H5P_DEFAULT, H5P_DEFAULT), H5Aclose};
  std::int64_t value = 0;
  H5Aread(answer.id, H5T_NATIVE_INT64, &value);
  CHECK(value == 42);
}

TEST_CASE("pandas can load the tables with h5py", "[hdf5]") {
  // The distribution's python3 may not be first on PATH (pyenv), so try a few.
  std::string python;
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("SURGE_PYTHON")) candidates.emplace_back(env);
  candidates.insert(candidates.end(), {"python3", "/usr/bin/python3"});
  for (const auto& candidate : candidates) {
    std::string probe = candidate + " -c 'import h5py, pandas' >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) {
      python = candidate;
      break;
    }
  }
  if (python.empty()) {
    WARN("python3 with h5py and pandas not found; skipping the pandas check");
    return;
  }

  TempDir dir;
  write_run_result(dir.file("out.h5"), make_scenario(), make_result(10),
                   WriteOptions{.records = true});
  RunResult empty;
  write_run_result(dir.file("empty.h5"), Scenario{}, empty, WriteOptions{.records = true});
  const std::string script_path = dir.file("check.py");
  std::ofstream(script_path) << R"PY(
import sys
import h5py, pandas as pd
sys.path.insert(0, sys.argv[1] + "/analysis")
import surge_results

path, empty = sys.argv[2], sys.argv[3]
with h5py.File(path, "r") as f:
    cols = list(f["/kpi"].attrs["columns"])
    df = pd.DataFrame({c: (f["/kpi"][c].asstr()[()] if f["/kpi"][c].dtype.kind == "O"
                           else f["/kpi"][c][()]) for c in cols})
    assert list(df.columns) == cols, cols
    assert len(df) == 3
    assert df.loc[2, "resource"] == "pack"
    assert f.attrs["trace_fingerprint"] == 0xfedcba9876543210
    assert f.attrs["kind"] == "run"
    assert "ünïcödé" in f["/scenario/text"].asstr()[()]

kpi = surge_results.load_table(path, "/kpi")
assert kpi.shape == (3, 8), kpi.shape   # window, metric, node, product, market, resource, value, unit
assert list(kpi.unit) == ["share", "share", "share"]
assert kpi.loc[kpi.metric == "utilisation", "value"].iloc[0] == 0.64
orders = surge_results.load_table(path, "/records/orders")
assert orders["from_stock"].dtype == bool and list(orders["from_stock"]) == [True, False]
assert list(orders["campaign"]) == ["", "black_friday"]
stock = surge_results.load_table(path, "/timeseries/stock")
assert len(stock) == 10 and stock["time"].iloc[-1] == 9 * 24.0
assert surge_results.load_table(empty, "/records/contacts").shape == (0, 7)
meta = surge_results.load_attributes(path)
assert meta["seed"] == 4242 and meta["time_unit"] == "hours"
assert surge_results.load_scenario_text(path).startswith("name: black_friday")
print("ok")
)PY";
  const std::string command = python + " " + script_path + " " + SURGE_SOURCE_DIR + " " +
                              dir.file("out.h5") + " " + dir.file("empty.h5") + " 2>&1";
  CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("a dated scenario's file carries start_date and currency; an undated one neither",
          "[hdf5][dates]") {
  TempDir dir;
  Scenario s = make_scenario();
  auto has = [](const Reader& f, const char* name) {
    return H5Aexists_by_name(f.file, "/", name, H5P_DEFAULT) > 0;
  };
  SECTION("no start date, no currency: no attribute (a reader tells by its absence)") {
    write_run_result(dir.file("plain.h5"), s, make_result(3), WriteOptions{});
    Reader f(dir.file("plain.h5"));
    CHECK_FALSE(has(f, "start_date"));
    CHECK_FALSE(has(f, "currency"));
  }
  SECTION("both given: the start date in ISO form and the currency code") {
    using namespace std::chrono;
    s.dates = DateAxis(year_month_day{year{2026}, month{10}, day{1}});
    s.currency = "EUR";
    write_run_result(dir.file("dated.h5"), s, make_result(3), WriteOptions{});
    Reader f(dir.file("dated.h5"));
    CHECK(f.str_attr("/", "start_date") == "2026-10-01");
    CHECK(f.str_attr("/", "currency") == "EUR");
  }
}
