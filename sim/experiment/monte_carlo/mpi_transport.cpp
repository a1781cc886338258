// Finds and loads the MPI transport module (mpi_transport.hpp); compiled only with
// SURGE_WITH_MPI, and called only when the process was started by mpirun.
#include "surge/experiment/monte_carlo/mpi_transport.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace surge {
namespace {

// The directory of the running executable (symbolic links resolved); empty if unknown.
std::string executable_directory() {
  std::vector<char> path(4096);
  ssize_t n = readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0 || static_cast<std::size_t>(n) >= path.size()) return {};
  std::string exe(path.data(), static_cast<std::size_t>(n));
  auto slash = exe.rfind('/');
  return slash == std::string::npos ? std::string{} : exe.substr(0, slash);
}

}  // namespace

const MpiTransport* load_mpi_transport(std::string& error) {
  const std::string the_module = std::string("the MPI module ") + kMpiModuleFile;
  std::string exe_dir = executable_directory();
  if (exe_dir.empty()) {
    error = the_module + " could not be looked for: the directory of /proc/self/exe is unknown";
    return nullptr;
  }
  // Beside the executable (a build tree), then where `cmake --install` puts it relative to the
  // installed executable (SURGE_MPI_MODULE_RELDIR, e.g. ../lib/surge).
  const std::vector<std::string> dirs{exe_dir, exe_dir + "/" + SURGE_MPI_MODULE_RELDIR};
  std::string first_failure;  // dlerror() of the first candidate
  for (const std::string& dir : dirs) {
    std::string path = dir + "/" + kMpiModuleFile;
    void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
    if (!module) {
      const char* why = dlerror();
      const std::string reason = why ? why : path + ": unknown error";
      if (access(path.c_str(), F_OK) == 0) {
        // Found but unusable (not a module, or a library it needs is missing): that is the
        // error, and the places after this one were not looked in.
        error = the_module + " in " + dir + " could not be loaded: " + reason;
        return nullptr;
      }
      if (first_failure.empty()) first_failure = reason;
      continue;
    }
    using Entry = const MpiTransport* (*)();
    auto entry = reinterpret_cast<Entry>(dlsym(module, kMpiTransportEntry));
    const MpiTransport* transport = entry ? entry() : nullptr;
    if (!transport || transport->version != kMpiTransportVersion) {
      error = path + " is not the MPI module of this surge (" +
              (entry ? "its version is " + std::to_string(transport ? transport->version : 0) +
                           ", not " + std::to_string(kMpiTransportVersion)
                     : std::string("it has no symbol ") + kMpiTransportEntry) +
              ")";
      return nullptr;
    }
    return transport;
  }
  error = the_module + " could not be loaded (looked in " + dirs[0] + ", then " + dirs[1] +
          "): " + first_failure;
  return nullptr;
}

}  // namespace surge
