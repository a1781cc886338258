#include "surge/io/hdf5_file.hpp"

#include <hdf5.h>

#include <algorithm>
#include <type_traits>
#include <utility>

namespace surge::h5 {

// The header spells hid_t/herr_t without <hdf5.h>; make sure that is not a lie.
static_assert(std::is_same_v<Id, hid_t>, "h5::Id must be hid_t (HDF5 >= 1.10)");
static_assert(std::is_same_v<Handle::Closer, herr_t (*)(hid_t)>, "closer must match H5?close");

namespace {

// HDF5's own explanation of the last failure: the outermost entry says which API call failed,
// the innermost usually says why (e.g. "errno = 2, error message = 'No such file...'").
struct ErrorWalk {
  std::string outer, inner;
};

herr_t collect_error(unsigned n, const H5E_error2_t* entry, void* data) {
  auto* walk = static_cast<ErrorWalk*>(data);
  std::string text = std::string(entry->func_name ? entry->func_name : "?") + ": " +
                     (entry->desc ? entry->desc : "");
  if (n == 0) walk->outer = text;
  walk->inner = std::move(text);
  return 0;
}

std::string hdf5_reason() {
  ErrorWalk walk;
  if (H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect_error, &walk) < 0 || walk.outer.empty())
    return "";
  if (walk.inner == walk.outer) return " (" + walk.outer + ")";
  return " (" + walk.outer + "; " + walk.inner + ")";
}

[[noreturn]] void fail(const std::string& file, const std::string& what) {
  std::string reason = hdf5_reason();
  H5Eclear2(H5E_DEFAULT);
  throw OutputError("HDF5 error in '" + file + "': " + what + reason);
}

// Wraps a freshly returned identifier, throwing if HDF5 returned an error instead.
Handle own(hid_t id, Handle::Closer closer, const std::string& file, const std::string& what) {
  if (id < 0) fail(file, what);
  return Handle(id, closer);
}

void check(herr_t status, const std::string& file, const std::string& what) {
  if (status < 0) fail(file, what);
}

Handle string_type(const std::string& file, bool variable, std::size_t size = 1) {
  Handle type = own(H5Tcopy(H5T_C_S1), H5Tclose, file, "copying the string type");
  check(H5Tset_size(type.get(), variable ? H5T_VARIABLE : size), file, "sizing the string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), file, "setting UTF-8 on the string type");
  if (!variable) check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), file, "setting string padding");
  return type;
}

// Time tracking would stamp each object header with the creation time: off, so identical
// data gives identical bytes.
Handle object_plist(hid_t cls, const std::string& file) {
  Handle plist = own(H5Pcreate(cls), H5Pclose, file, "creating a property list");
  check(H5Pset_obj_track_times(plist.get(), 0), file, "disabling object time tracking");
  return plist;
}

Dataset write_1d(const Group& group, const std::string& path, const std::string& name, hid_t type,
                 const void* data, std::size_t count, const Storage& storage) {
  const std::string& file = group.file();
  const std::string what = "dataset " + path;
  hsize_t dims[1] = {static_cast<hsize_t>(count)};
  Handle dcpl = object_plist(H5P_DATASET_CREATE, file);
  Handle space;
  if (storage.compressed) {
    // Unlimited maximum length: a chunked dataset needs chunk <= max for fixed dimensions,
    // which a zero-row table could not satisfy, and it lets later tools append rows.
    hsize_t max_dims[1] = {H5S_UNLIMITED};
    hsize_t chunk[1] = {
        static_cast<hsize_t>(std::max<std::size_t>(1, std::min(storage.chunk_rows, count)))};
    space = own(H5Screate_simple(1, dims, max_dims), H5Sclose, file, "dataspace for " + what);
    check(H5Pset_chunk(dcpl.get(), 1, chunk), file, "chunking " + what);
    check(H5Pset_shuffle(dcpl.get()), file, "shuffle filter on " + what);
    check(H5Pset_deflate(dcpl.get(), static_cast<unsigned>(storage.deflate_level)), file,
          "deflate filter on " + what);
  } else {
    space = own(H5Screate_simple(1, dims, nullptr), H5Sclose, file, "dataspace for " + what);
  }
  Handle dataset = own(
      H5Dcreate2(group.id(), name.c_str(), type, space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose, file, "creating " + what);
  // A zero-length write is legal but pointless; the empty dataset is what readers expect.
  if (count > 0)
    check(H5Dwrite(dataset.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file,
          "writing " + what);
  return Dataset(std::move(dataset), file, path);
}

void write_attribute(const Object& object, const std::string& name, hid_t type, hid_t space,
                     const void* data) {
  const std::string what = "attribute '" + name + "' on " + object.path();
  htri_t exists = H5Aexists(object.id(), name.c_str());
  check(exists, object.file(), "looking up " + what);
  if (exists > 0) check(H5Adelete(object.id(), name.c_str()), object.file(), "replacing " + what);
  Handle attr = own(H5Acreate2(object.id(), name.c_str(), type, space, H5P_DEFAULT, H5P_DEFAULT),
                    H5Aclose, object.file(), "creating " + what);
  check(H5Awrite(attr.get(), type, data), object.file(), "writing " + what);
}

void write_scalar_attribute(const Object& object, const std::string& name, hid_t type,
                            const void* data) {
  Handle space = own(H5Screate(H5S_SCALAR), H5Sclose, object.file(), "scalar dataspace");
  write_attribute(object, name, type, space.get(), data);
}

}  // namespace

// ---- Handle -------------------------------------------------------------------------------

Handle::Handle(Handle&& other) noexcept
    : id_(std::exchange(other.id_, -1)), closer_(std::exchange(other.closer_, nullptr)) {}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    close();
    id_ = std::exchange(other.id_, -1);
    closer_ = std::exchange(other.closer_, nullptr);
  }
  return *this;
}

bool Handle::close() noexcept {
  if (id_ < 0 || closer_ == nullptr) return true;
  bool ok = closer_(id_) >= 0;
  id_ = -1;
  closer_ = nullptr;
  return ok;
}

std::recursive_mutex& library_mutex() {
  static std::recursive_mutex mutex;
  return mutex;
}

void silence_errors() {
  // No library clean-up at exit: Surge closes every file itself, and after a failed close (a
  // full disk) HDF5's own exit handler would retry it and crash, turning a clear error with
  // exit code 3 into a segfault. It must come before any other HDF5 call, and this is the first
  // one every write makes; a later call just returns an error, ignored.
  static const bool no_atexit = [] {
    H5dont_atexit();
    return true;
  }();
  (void)no_atexit;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

// ---- Object -------------------------------------------------------------------------------

void Object::set_attribute(const std::string& name, const std::string& value) const {
  set_attribute(name, value.c_str());
}

void Object::set_attribute(const std::string& name, const char* value) const {
  Handle type = string_type(file_, true);
  write_scalar_attribute(*this, name, type.get(), &value);
}

void Object::set_attribute(const std::string& name, double value) const {
  write_scalar_attribute(*this, name, H5T_NATIVE_DOUBLE, &value);
}

void Object::set_attribute(const std::string& name, std::int64_t value) const {
  write_scalar_attribute(*this, name, H5T_NATIVE_INT64, &value);
}

void Object::set_attribute(const std::string& name, std::uint64_t value) const {
  write_scalar_attribute(*this, name, H5T_NATIVE_UINT64, &value);
}

void Object::set_attribute(const std::string& name, const std::vector<std::string>& values) const {
  Handle type = string_type(file_, true);
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  hsize_t dims[1] = {static_cast<hsize_t>(values.size())};
  Handle space = own(H5Screate_simple(1, dims, nullptr), H5Sclose, file_, "attribute dataspace");
  // An empty list still needs a buffer: HDF5 refuses a null one even for zero elements.
  const char* none = nullptr;
  write_attribute(*this, name, type.get(), space.get(), values.empty() ? &none : pointers.data());
}

// ---- Group --------------------------------------------------------------------------------

std::string Group::child_path(const std::string& name) const {
  return path_ == "/" ? "/" + name : path_ + "/" + name;
}

Group Group::create_group(const std::string& name) const {
  const std::string path = child_path(name);
  Handle lcpl = own(H5Pcreate(H5P_LINK_CREATE), H5Pclose, file_, "link property list");
  check(H5Pset_create_intermediate_group(lcpl.get(), 1), file_, "intermediate groups");
  Handle gcpl = object_plist(H5P_GROUP_CREATE, file_);
  Handle group = own(H5Gcreate2(id(), name.c_str(), lcpl.get(), gcpl.get(), H5P_DEFAULT), H5Gclose,
                     file_, "creating group " + path);
  return Group(std::move(group), file_, path);
}

Dataset Group::write_column(const std::string& name, const double* data, std::size_t count,
                            const Storage& storage) const {
  return write_1d(*this, child_path(name), name, H5T_NATIVE_DOUBLE, data, count, storage);
}

Dataset Group::write_column(const std::string& name, const std::int64_t* data, std::size_t count,
                            const Storage& storage) const {
  return write_1d(*this, child_path(name), name, H5T_NATIVE_INT64, data, count, storage);
}

Dataset Group::write_column(const std::string& name, const std::uint64_t* data, std::size_t count,
                            const Storage& storage) const {
  return write_1d(*this, child_path(name), name, H5T_NATIVE_UINT64, data, count, storage);
}

Dataset Group::write_column(const std::string& name, const std::uint8_t* data, std::size_t count,
                            const Storage& storage) const {
  return write_1d(*this, child_path(name), name, H5T_NATIVE_UINT8, data, count, storage);
}

Dataset Group::write_column(const std::string& name, const char* const* data, std::size_t count,
                            const Storage& storage) const {
  Handle type = string_type(file_, true);
  return write_1d(*this, child_path(name), name, type.get(), data, count, storage);
}

Dataset Group::write_fixed_strings(const std::string& name, const std::vector<std::string>& values,
                                   const Storage& storage) const {
  std::size_t width = 1;  // HDF5 rejects a zero-size string type
  for (const auto& value : values) width = std::max(width, value.size());
  // One contiguous NUL-padded buffer: the memory layout of a fixed-length string array.
  std::string buffer(width * values.size(), '\0');
  for (std::size_t i = 0; i < values.size(); ++i)
    std::copy(values[i].begin(), values[i].end(), buffer.begin() + static_cast<long>(i * width));
  Handle type = string_type(file_, false, width);
  return write_1d(*this, child_path(name), name, type.get(), buffer.data(), values.size(), storage);
}

Dataset Group::write_string(const std::string& name, const std::string& text) const {
  const std::string path = child_path(name);
  Handle type = string_type(file_, true);
  Handle space = own(H5Screate(H5S_SCALAR), H5Sclose, file_, "scalar dataspace for " + path);
  Handle dcpl = object_plist(H5P_DATASET_CREATE, file_);
  Handle dataset = own(
      H5Dcreate2(id(), name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose, file_, "creating dataset " + path);
  const char* pointer = text.c_str();
  check(H5Dwrite(dataset.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, &pointer), file_,
        "writing dataset " + path);
  return Dataset(std::move(dataset), file_, path);
}

// ---- File ---------------------------------------------------------------------------------

File File::create(const std::string& path) {
  silence_errors();
  Handle fcpl = object_plist(H5P_FILE_CREATE, path);  // covers the root group's header
  Handle fapl = own(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, path, "file access property list");
  // SEMI: H5Fclose fails if an object is still open instead of silently keeping the file open
  // (WEAK, the default), which would let us rename a file that is not fully written.
  check(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), path, "setting the close degree");
#if H5_VERSION_GE(1, 10, 7)
  // Nobody else opens our temporary file; locking only fails on file systems without flock.
  check(H5Pset_file_locking(fapl.get(), 0, 1), path, "disabling file locking");
#endif
  Handle file = own(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, fcpl.get(), fapl.get()), H5Fclose, path,
                    "creating the file");
  return File(std::move(file), path);
}

Group File::root() const {
  return Group(own(H5Gopen2(handle_.get(), "/", H5P_DEFAULT), H5Gclose, path_, "opening /"), path_,
               "/");
}

void File::close() {
  if (!handle_.valid()) return;
  ssize_t open = H5Fget_obj_count(
      handle_.get(), H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR);
  if (open < 0) fail(path_, "counting open objects");
  if (open > 0)
    throw OutputError("HDF5 error in '" + path_ + "': closing with " + std::to_string(open) +
                      " object(s) still open (a bug in Surge)");
  check(H5Fflush(handle_.get(), H5F_SCOPE_LOCAL), path_, "flushing the file");
  if (!handle_.close()) fail(path_, "closing the file");
}

File::~File() {
  if (!handle_.valid()) return;
  // Unwinding: children are normally gone already, but if one is not, close it so that the
  // SEMI close below can succeed and the descriptor is not leaked.
  ssize_t open = H5Fget_obj_count(
      handle_.get(), H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR);
  if (open > 0) {
    std::vector<hid_t> ids(static_cast<std::size_t>(open));
    ssize_t got = H5Fget_obj_ids(handle_.get(),
                                 H5F_OBJ_DATASET | H5F_OBJ_GROUP | H5F_OBJ_DATATYPE | H5F_OBJ_ATTR,
                                 ids.size(), ids.data());
    for (ssize_t i = 0; i < got; ++i) {
      if (H5Iget_type(ids[static_cast<std::size_t>(i)]) == H5I_ATTR)
        H5Aclose(ids[static_cast<std::size_t>(i)]);
      else
        H5Oclose(ids[static_cast<std::size_t>(i)]);
    }
  }
  handle_.close();
}

// ---- Table --------------------------------------------------------------------------------

void Table::check_rows(const std::string& name, std::size_t count) {
  if (count != rows_)
    throw OutputError("HDF5 error in '" + group_.file() + "': column " + group_.path() + "/" +
                      name + " has " + std::to_string(count) + " values, the table " +
                      std::to_string(rows_) + " rows (a bug in Surge)");
  columns_.push_back(name);
}

Dataset Table::add_f64(const std::string& name, const std::vector<double>& values) {
  check_rows(name, values.size());
  return group_.write_column(name, values.data(), values.size(), storage_);
}

Dataset Table::add_i64(const std::string& name, const std::vector<std::int64_t>& values) {
  check_rows(name, values.size());
  return group_.write_column(name, values.data(), values.size(), storage_);
}

Dataset Table::add_u64(const std::string& name, const std::vector<std::uint64_t>& values) {
  check_rows(name, values.size());
  return group_.write_column(name, values.data(), values.size(), storage_);
}

Dataset Table::add_bool(const std::string& name, const std::vector<bool>& values) {
  check_rows(name, values.size());
  std::vector<std::uint8_t> bytes(values.begin(), values.end());
  Dataset dataset = group_.write_column(name, bytes.data(), bytes.size(), storage_);
  dataset.set_attribute("logical_type", "bool");
  return dataset;
}

Dataset Table::add_str(const std::string& name, const std::vector<const char*>& values) {
  check_rows(name, values.size());
  return group_.write_column(name, values.data(), values.size(), storage_);
}

Dataset Table::add_str(const std::string& name, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  return add_str(name, pointers);
}

void Table::finish() {
  group_.set_attribute("columns", columns_);
  group_.set_attribute("rows", static_cast<std::uint64_t>(rows_));
}

}  // namespace surge::h5
