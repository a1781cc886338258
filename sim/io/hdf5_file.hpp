#pragma once
// A small RAII layer over the HDF5 C API: exactly what Surge's result files need (create a
// file, groups, 1-D column datasets, attributes) and nothing more.
//
// - Every identifier is owned by a Handle that closes it, so an exception half-way through a
//   write leaks no HDF5 object and no file descriptor.
// - Every failing call becomes an OutputError naming the file, the object and HDF5's own
//   reason; HDF5's automatic printing to stderr is switched off.
// - Files carry no timestamps (object time tracking is off), so writing the same data twice
//   gives byte-identical files.
// - <hdf5.h> stays out of this header: callers (io/, experiment/) do not inherit its macros.
//
// The library (Debian's serial build) is not thread-safe: hold library_mutex() around any
// sequence of calls.
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "surge/io/output_error.hpp"

namespace surge::h5 {

using Id = std::int64_t;  // hid_t; the .cpp checks they are the same type

// Owns one HDF5 identifier and closes it with the matching H5?close. Move-only.
class Handle {
 public:
  using Closer = int (*)(Id);  // herr_t (*)(hid_t)

  Handle() = default;
  Handle(Id id, Closer closer) noexcept : id_(id), closer_(closer) {}
  ~Handle() { close(); }
  Handle(Handle&& other) noexcept;
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  Id get() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now; false if HDF5 reported a failure. The destructor ignores the result because
  // it may run during unwinding, when there is nothing better to do.
  bool close() noexcept;

 private:
  Id id_ = -1;
  Closer closer_ = nullptr;
};

// One lock for the whole process: HDF5's global state (error stacks, identifier tables) is
// unprotected in the serial build. Recursive so a writer can hold it across helpers that
// lock it themselves.
std::recursive_mutex& library_mutex();

// Switches off HDF5's automatic error printing for the calling thread: failures are reported
// once, as an OutputError, rather than as a stack dump on stderr.
void silence_errors();

// How a column dataset is laid out on disk.
struct Storage {
  // Chunked (unlimited length, so it can be appended to later) with shuffle + deflate. For
  // tables that can grow large; small tables stay contiguous, which is simpler to read.
  bool compressed = false;
  std::size_t chunk_rows = 4096;  // an upper bound: shrunk to the row count, never below 1
  int deflate_level = 4;
};

// The two layouts Surge's writers use: small summary tables contiguous (the simplest for any
// reader), tables that grow with the horizon, orders or replications chunked and compressed.
inline constexpr Storage kSmall{};
inline constexpr Storage kLarge{.compressed = true, .chunk_rows = 4096, .deflate_level = 4};

// One column of a table, projected from a vector of row structs. Project strings as
// `const char*` into the rows themselves, so a million-row record table is not copied.
template <class Row, class Field>
auto column(const std::vector<Row>& rows, Field field) {
  using T = std::decay_t<std::invoke_result_t<Field, const Row&>>;
  std::vector<T> out;
  out.reserve(rows.size());
  for (const auto& row : rows) out.push_back(field(row));
  return out;
}

// Something that carries attributes: a group or a dataset. Setting an attribute that exists
// replaces it.
class Object {
 public:
  void set_attribute(const std::string& name, const std::string& value) const;
  void set_attribute(const std::string& name, const char* value) const;
  void set_attribute(const std::string& name, double value) const;
  void set_attribute(const std::string& name, std::int64_t value) const;
  void set_attribute(const std::string& name, std::uint64_t value) const;
  void set_attribute(const std::string& name, const std::vector<std::string>& values) const;
  // A literal `true` would otherwise silently pick one of the numeric overloads.
  void set_attribute(const std::string& name, bool value) const = delete;

  Id id() const { return handle_.get(); }
  const std::string& path() const { return path_; }  // inside the file, e.g. "/kpi/value"
  const std::string& file() const { return file_; }  // file name, for messages

 protected:
  Object(Handle handle, std::string file, std::string path)
      : handle_(std::move(handle)), file_(std::move(file)), path_(std::move(path)) {}

  Handle handle_;
  std::string file_, path_;
};

class Dataset : public Object {
 public:
  Dataset(Handle handle, std::string file, std::string path)
      : Object(std::move(handle), std::move(file), std::move(path)) {}
};

class Group : public Object {
 public:
  Group(Handle handle, std::string file, std::string path)
      : Object(std::move(handle), std::move(file), std::move(path)) {}

  // A child group; `name` is one path component, or several separated by '/' (intermediate
  // groups are created as needed).
  Group create_group(const std::string& name) const;

  // 1-D datasets of `count` elements. Strings are variable-length UTF-8, bools are uint8 0/1.
  Dataset write_column(const std::string& name, const double* data, std::size_t count,
                       const Storage& storage) const;
  Dataset write_column(const std::string& name, const std::int64_t* data, std::size_t count,
                       const Storage& storage) const;
  Dataset write_column(const std::string& name, const std::uint64_t* data, std::size_t count,
                       const Storage& storage) const;
  Dataset write_column(const std::string& name, const std::uint8_t* data, std::size_t count,
                       const Storage& storage) const;
  Dataset write_column(const std::string& name, const char* const* data, std::size_t count,
                       const Storage& storage) const;
  // The same strings stored fixed-length (NUL-padded to the longest, at least 1 byte): for
  // readers that cannot handle variable-length data.
  Dataset write_fixed_strings(const std::string& name, const std::vector<std::string>& values,
                              const Storage& storage) const;

  // A scalar variable-length UTF-8 string dataset (e.g. a whole YAML file).
  Dataset write_string(const std::string& name, const std::string& text) const;

 private:
  std::string child_path(const std::string& name) const;
};

// A new HDF5 file. Created (truncating any existing file) by create(); close() must be called
// on success so that failures to flush are reported. The destructor closes quietly.
class File {
 public:
  static File create(const std::string& path);

  Group root() const;
  // Flushes and closes; throws OutputError if anything is still open or HDF5 fails. Safe to
  // call once; the destructor does nothing afterwards.
  void close();
  const std::string& path() const { return path_; }

  File(File&&) noexcept = default;
  File& operator=(File&&) noexcept = default;
  ~File();

 private:
  File(Handle handle, std::string path) : handle_(std::move(handle)), path_(std::move(path)) {}
  Handle handle_;
  std::string path_;
};

// A table: a group whose members are equal-length 1-D column datasets, plus a group attribute
// `columns` (names in order) and `rows`, so a reader needs nothing but the file to rebuild a
// data frame. Columns are checked to have exactly `rows` values.
class Table {
 public:
  Table(Group group, std::size_t rows, Storage storage)
      : group_(std::move(group)), rows_(rows), storage_(storage) {}

  Dataset add_f64(const std::string& name, const std::vector<double>& values);
  Dataset add_i64(const std::string& name, const std::vector<std::int64_t>& values);
  Dataset add_u64(const std::string& name, const std::vector<std::uint64_t>& values);
  // Stored as uint8 0/1 with a column attribute logical_type = "bool".
  Dataset add_bool(const std::string& name, const std::vector<bool>& values);
  // Variable-length UTF-8. Pointers (not copies) because record tables can hold millions of
  // rows: the caller's strings must outlive the call.
  Dataset add_str(const std::string& name, const std::vector<const char*>& values);
  Dataset add_str(const std::string& name, const std::vector<std::string>& values);

  // Writes the `columns` and `rows` attributes. Call once, after the last column.
  void finish();

  const Group& group() const { return group_; }
  std::size_t rows() const { return rows_; }

 private:
  void check_rows(const std::string& name, std::size_t count);

  Group group_;
  std::size_t rows_;
  Storage storage_;
  std::vector<std::string> columns_;
};

}  // namespace surge::h5
