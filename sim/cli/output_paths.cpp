#include "surge/cli/output_paths.hpp"

#include <filesystem>
#include <system_error>

#include "surge/cli/commands.hpp"
#include "surge/io/hdf5_writer.hpp"

namespace surge {
namespace {

namespace fs = std::filesystem;

fs::path absolute_normal(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::absolute(path).lexically_normal() : p;
}

// One file: the same inode when both exist (hard links, `./x` and `x`), else the same
// absolute name once `..` and symbolic links of the directories are resolved.
bool same_file(const std::string& a, const std::string& b) {
  std::error_code ea, eb;
  if (fs::exists(a, ea) && fs::exists(b, eb)) {
    std::error_code ec;
    return fs::equivalent(a, b, ec);
  }
  return absolute_normal(a) == absolute_normal(b);
}

bool same_directory(const fs::path& a, const fs::path& b) {
  fs::path da = a.empty() ? fs::path(".") : a, db = b.empty() ? fs::path(".") : b;
  std::error_code ec;
  if (fs::exists(da, ec) && fs::exists(db, ec)) return fs::equivalent(da, db, ec);
  return absolute_normal(da.string()) == absolute_normal(db.string());
}

// True when `input` has a name Surge gives to files next to `output`: its journals
// (OUTPUT.journal, OUTPUT.journal.K) and temporary files (OUTPUT.tmp-PID), which a run
// replaces, and removes once done.
bool beside(const std::string& output, const std::string& input) {
  fs::path out(output), in(input);
  std::string o = out.filename().string(), i = in.filename().string();
  if (o.empty()) return false;
  bool named = i.rfind(o + ".journal", 0) == 0 || i.rfind(o + ".tmp-", 0) == 0;
  return named && same_directory(out.parent_path(), in.parent_path());
}

}  // namespace

void check_outputs(const std::vector<NamedPath>& outputs, const std::vector<NamedPath>& inputs) {
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    const NamedPath& out = outputs[k];
    if (out.path.empty()) continue;
    for (const NamedPath& in : inputs) {
      if (in.path.empty()) continue;
      if (same_file(out.path, in.path))
        throw UsageError(out.role + " '" + out.path + "' is " + in.role + " ('" + in.path +
                         "'): writing there would destroy it; give another file name");
      if (beside(out.path, in.path))
        throw UsageError(in.role + " '" + in.path + "' has the name of a file that " + out.role +
                         " '" + out.path +
                         "' writes next to it (its journal or temporary file); rename it or "
                         "choose another output name");
    }
    for (std::size_t j = 0; j < k; ++j)
      if (!outputs[j].path.empty() && same_file(out.path, outputs[j].path))
        throw UsageError(out.role + " and " + outputs[j].role + " both name '" + out.path +
                         "': one file cannot hold both; give them different names");
  }
  for (const NamedPath& out : outputs)
    if (!out.path.empty()) check_output_writable(out.path);
}

}  // namespace surge
