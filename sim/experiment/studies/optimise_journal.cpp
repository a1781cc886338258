#include "surge/experiment/studies/optimise_journal.hpp"

#include <cinttypes>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "surge/io/output_error.hpp"
#include "surge/kernel/error.hpp"

namespace surge {
namespace {

constexpr const char* kMagic = "surge-optimise-journal 1";

std::string hex64(std::uint64_t v) {
  char text[17];
  std::snprintf(text, sizeof text, "%016" PRIx64, v);
  return text;
}

std::string record_body(const std::string& key, std::uint64_t index,
                        const ReplicationOutcome& outcome) {
  char text[96];
  std::snprintf(text, sizeof text, " %" PRIu64 " %d %a", index, outcome.met ? 1 : 0,
                outcome.modelled_cost);
  return key + text;
}

}  // namespace

std::uint64_t fnv1a(const std::string& text, std::uint64_t hash) {
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

OptimiseJournal::~OptimiseJournal() {
  if (file_) std::fclose(file_);
}

void OptimiseJournal::create(const std::string& path, std::uint64_t identity) {
  if (file_) std::fclose(file_);
  recorded_.clear();
  path_ = path;
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) throw OutputError("cannot write the journal '" + path + "'");
  const std::string header = std::string(kMagic) + " " + hex64(identity) + "\n";
  if (std::fputs(header.c_str(), file_) < 0 || std::fflush(file_) != 0)
    throw OutputError("cannot write the journal '" + path + "'");
}

std::size_t OptimiseJournal::resume(const std::string& path, std::uint64_t identity,
                                    std::string* damage) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("nothing to resume: no journal " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::size_t end = text.find('\n');
  if (end == std::string::npos ||
      text.compare(0, end, std::string(kMagic) + " " + hex64(identity)) != 0) {
    if (text.compare(0, std::string(kMagic).size(), kMagic) != 0)
      throw Error(path + " is not a journal of surge optimise; remove it, or give another -o");
    throw Error(path +
                " was written by a different search (scenario, --set, --plan, --reps, --budget "
                "or --frontier differ); run the same command to resume, or remove the journal");
  }
  recorded_.clear();
  std::vector<std::string> kept;
  std::size_t at = end + 1, dropped = 0;
  bool broken = false;
  while (at < text.size()) {
    std::size_t eol = text.find('\n', at);
    if (eol == std::string::npos) break;  // cut short by a kill mid-write: dropped quietly
    std::string line = text.substr(at, eol - at);
    at = eol + 1;
    if (broken) {
      ++dropped;
      continue;
    }
    std::size_t space = line.rfind(' ');
    std::string body = space == std::string::npos ? "" : line.substr(0, space);
    if (space == std::string::npos || hex64(fnv1a(body)) != line.substr(space + 1)) {
      broken = true;
      ++dropped;
      continue;
    }
    std::istringstream fields(body);
    std::string key, index_text, met_text, cost_text;
    fields >> key >> index_text >> met_text >> cost_text;
    ReplicationOutcome outcome{met_text == "1", std::strtod(cost_text.c_str(), nullptr)};
    recorded_[{key, std::strtoull(index_text.c_str(), nullptr, 10)}] = outcome;
    kept.push_back(line);
  }
  if (dropped > 0 && damage)
    *damage = path + ": " + std::to_string(dropped) +
              " damaged line(s) dropped; their replications ran again";
  // Rewrite the journal with the intact lines only, then append after them.
  path_ = path;
  if (file_) std::fclose(file_);
  file_ = std::fopen(path.c_str(), "w");
  if (!file_) throw OutputError("cannot reopen the journal '" + path + "'");
  std::string out = std::string(kMagic) + " " + hex64(identity) + "\n";
  for (const std::string& line : kept) out += line + "\n";
  if (std::fputs(out.c_str(), file_) < 0 || std::fflush(file_) != 0)
    throw OutputError("cannot rewrite the journal '" + path + "'");
  return recorded_.size();
}

const ReplicationOutcome* OptimiseJournal::find(const std::string& key, std::uint64_t index) const {
  auto it = recorded_.find({key, index});
  return it == recorded_.end() ? nullptr : &it->second;
}

void OptimiseJournal::append(const std::string& key, std::uint64_t index,
                             const ReplicationOutcome& outcome) {
  recorded_[{key, index}] = outcome;
  if (!file_) return;
  const std::string body = record_body(key, index, outcome);
  const std::string line = body + " " + hex64(fnv1a(body)) + "\n";
  if (std::fputs(line.c_str(), file_) < 0 || std::fflush(file_) != 0)
    throw OutputError("cannot append to the journal '" + path_ + "' (is the disk full?)");
}

void OptimiseJournal::finish() {
  if (!file_) return;
  std::fclose(file_);
  file_ = nullptr;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

}  // namespace surge
