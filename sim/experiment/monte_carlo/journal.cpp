#include "surge/experiment/monte_carlo/journal.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>
#include <set>
#include <string_view>

#include "surge/io/output_error.hpp"
#include "surge/kernel/error.hpp"
#include "surge/kernel/random.hpp"

namespace surge {
namespace {

// Format 2 added the checksums; a format-1 journal (SURGEJ1) is refused by name. Format 3
// replaced the bottleneck by where each target breaks and the census columns; a format-2
// journal is refused as older.
constexpr char kMagic[8] = {'S', 'U', 'R', 'G', 'E', 'J', '3', '\n'};
constexpr char kFormat2Magic[8] = {'S', 'U', 'R', 'G', 'E', 'J', '2', '\n'};
constexpr char kOldMagic[8] = {'S', 'U', 'R', 'G', 'E', 'J', '1', '\n'};
constexpr std::size_t kHeaderSize = sizeof kMagic + 2 * sizeof(std::uint64_t);
// Per record: its length, a checksum of the length, a checksum of the body. The length has a
// checksum of its own so that a damaged length is told apart from a record cut short by a kill.
constexpr std::size_t kRecordHead = 3 * sizeof(std::uint64_t);

// The checksum: FNV-1a over the bytes (kernel/random.hpp). Each step is a bijection of the
// running state, so any change to a single byte changes the result.
std::uint64_t checksum(std::string_view bytes) { return stable_hash(bytes); }

// Journals created or resumed by this process and not deleted yet (discard_journals).
std::mutex g_registry_lock;
std::set<std::string>& registry() {
  static std::set<std::string> paths;
  return paths;
}
void remember(const std::string& path) {
  std::lock_guard<std::mutex> guard(g_registry_lock);
  registry().insert(path);
}
void forget(const std::string& path) {
  std::lock_guard<std::mutex> guard(g_registry_lock);
  registry().erase(path);
}

void put(std::string& out, const void* data, std::size_t n) {
  out.append(static_cast<const char*>(data), n);
}
template <typename T>
void put_value(std::string& out, T v) {
  put(out, &v, sizeof v);
}
template <typename T>
void put_vector(std::string& out, const std::vector<T>& v) {
  put_value<std::uint64_t>(out, v.size());
  if (!v.empty()) put(out, v.data(), v.size() * sizeof(T));
}

// Reads from a byte buffer; every read checks the bounds so a truncated tail is detected.
struct Reader {
  std::string_view data;
  std::size_t at = 0;
  bool get(void* dest, std::size_t n) {
    if (n > data.size() - at) return false;
    std::memcpy(dest, data.data() + at, n);
    at += n;
    return true;
  }
  template <typename T>
  bool value(T& v) {
    return get(&v, sizeof v);
  }
  template <typename T>
  bool vector(std::vector<T>& v) {
    std::uint64_t n = 0;
    if (!value(n) || n > (data.size() - at) / sizeof(T)) return false;
    v.resize(n);
    return n == 0 || get(v.data(), n * sizeof(T));
  }
  std::size_t left() const { return data.size() - at; }
};

std::string encode(const ReplicationOutput& o) {
  std::string body;
  const ReplicationRow& r = o.row;
  put_value(body, r.replication);
  put_vector(body, r.inputs);
  put_vector(body, r.kpis);
  put_vector(body, r.scoped);
  put_vector(body, r.target_values);
  put_vector(body, r.target_met);
  put_vector(body, r.first_break);
  put_value<std::uint8_t>(body, r.deliverable ? 1 : 0);
  // Where each target breaks, one line each (a chain holds no line break).
  std::string breaks;
  for (const std::string& b : r.target_breaks) breaks.append(b).append("\n");
  put_vector(body, std::vector<char>(breaks.begin(), breaks.end()));
  put_vector(body, r.census_bound);
  put_vector(body, r.census_held);
  put_value(body, r.events);
  put_value(body, r.fingerprint);
  put_vector(body, o.values);
  std::string record;
  put_value<std::uint64_t>(record, body.size());
  put_value<std::uint64_t>(record, checksum(record));
  put_value<std::uint64_t>(record, checksum(body));
  return record + body;
}

// Decodes one record's body (after its length and checksum); false if malformed.
bool decode(std::string_view body, ReplicationOutput& o) {
  Reader in{body};
  ReplicationRow& r = o.row;
  std::uint8_t deliverable = 0;
  std::vector<char> breaks;
  bool ok = in.value(r.replication) && in.vector(r.inputs) && in.vector(r.kpis) &&
            in.vector(r.scoped) && in.vector(r.target_values) && in.vector(r.target_met) &&
            in.vector(r.first_break) && in.value(deliverable) && in.vector(breaks) &&
            in.vector(r.census_bound) && in.vector(r.census_held) && in.value(r.events) &&
            in.value(r.fingerprint) && in.vector(o.values);
  r.deliverable = deliverable != 0;
  r.target_breaks.clear();
  std::string line;
  for (char c : breaks) {
    if (c != '\n') {
      line.push_back(c);
      continue;
    }
    r.target_breaks.push_back(line);
    line.clear();
  }
  return ok && in.left() == 0;
}

// One record at the start of `data`: what was found there.
enum class Record { intact, cut_short, bad_checksum, malformed };

Record read_record(std::string_view data, ReplicationOutput& output, std::size_t& size) {
  Reader in{data};
  std::uint64_t length = 0, length_check = 0, body_check = 0;
  if (!in.value(length) || !in.value(length_check) || !in.value(body_check))
    return Record::cut_short;
  if (checksum(data.substr(0, sizeof length)) != length_check) return Record::bad_checksum;
  if (length > in.left()) return Record::cut_short;
  std::string_view body = data.substr(kRecordHead, length);
  if (checksum(body) != body_check) return Record::bad_checksum;
  size = kRecordHead + length;
  return decode(body, output) ? Record::intact : Record::malformed;
}

std::string header(std::uint64_t identity) {
  std::string h(kMagic, sizeof kMagic);
  put_value(h, identity);
  put_value(h, checksum(h));
  return h;
}

// Refuses a journal path that exists and is not a regular file: fopen would write through a
// symbolic link, into a device, ...
void require_regular_or_absent(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;
  if (!S_ISREG(st.st_mode))
    throw OutputError("cannot write the journal '" + path +
                      "': it exists and is not a regular file (Surge replaces only regular "
                      "files); move it away or write the results elsewhere with -o");
}

}  // namespace

std::string encode_replication_output(const ReplicationOutput& output) { return encode(output); }

ReplicationOutput decode_replication_output(const std::string& bytes) {
  ReplicationOutput output;
  std::size_t size = 0;
  switch (read_record(bytes, output, size)) {
    case Record::intact:
      if (size != bytes.size()) throw Error("a replication's output arrived damaged (bad length)");
      return output;
    case Record::cut_short: throw Error("a replication's output arrived damaged (bad length)");
    case Record::bad_checksum: throw Error("a replication's output arrived damaged (checksum)");
    case Record::malformed: break;
  }
  throw Error("a replication's output arrived damaged (bad record)");
}

Journal::~Journal() {
  if (file_) std::fclose(file_);
}

void Journal::create(const std::string& path, std::uint64_t identity) {
  path_ = path;
  require_regular_or_absent(path);
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_)
    throw OutputError("cannot create the journal '" + path + "': " + std::strerror(errno));
  remember(path);
  std::string h = header(identity);
  if (std::fwrite(h.data(), 1, h.size(), file_) != h.size() || std::fflush(file_) != 0)
    throw OutputError("cannot write the journal '" + path + "': " + std::strerror(errno));
}

Journal::Resumed Journal::resume(const std::string& path, std::uint64_t identity) {
  path_ = path;
  require_regular_or_absent(path);
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in)
    throw Error("nothing to resume: no journal " + path +
                " (the run finished, or was never started with this output file)");
  std::string data;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;) data.append(buf, n);
  std::fclose(in);
  remember(path);

  std::string_view all(data);
  if (all.size() >= sizeof kOldMagic &&
      all.substr(0, sizeof kOldMagic) == std::string_view(kOldMagic, sizeof kOldMagic))
    throw Error(path +
                " was written by an older Surge (journal format 1, without checksums); "
                "run without --resume to start again");
  if (all.size() >= sizeof kFormat2Magic &&
      all.substr(0, sizeof kFormat2Magic) == std::string_view(kFormat2Magic, sizeof kFormat2Magic))
    throw Error(path +
                " was written by an older Surge (journal format 2, before the census of binding "
                "constraints); run without --resume to start again");
  if (all.size() < kHeaderSize ||
      all.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic))
    throw Error(path + " is not a Surge journal; run without --resume to start again");
  Reader head{all};
  std::uint64_t stored = 0, check = 0;
  head.at = sizeof kMagic;
  head.value(stored);
  head.value(check);
  if (checksum(all.substr(0, sizeof kMagic + sizeof stored)) != check)
    throw Error("the header of the journal " + path +
                " is damaged (its checksum does not match): nothing in it can be trusted; run "
                "without --resume to start again");
  if (stored != identity)
    throw Error(path +
                " was written by a different scenario or different settings; "
                "run without --resume to start again");

  Resumed resumed;
  std::size_t at = kHeaderSize;
  while (at < all.size()) {
    ReplicationOutput output;
    std::size_t size = 0;
    const std::uint64_t expected = resumed.outputs.size();
    Record found = read_record(all.substr(at), output, size);
    if (found == Record::intact && output.row.replication != expected) found = Record::malformed;
    if (found == Record::cut_short) break;  // what a kill in the middle of a write leaves
    if (found != Record::intact) {
      resumed.damage = "the journal " + path + " is damaged at the record of replication " +
                       std::to_string(expected) + " (byte " + std::to_string(at) + ": " +
                       (found == Record::bad_checksum ? "its checksum does not match"
                                                      : "it is not the next replication") +
                       "); it and everything after it (" + std::to_string(all.size() - at) +
                       " bytes) were dropped, and replications from " + std::to_string(expected) +
                       " on run again";
      break;
    }
    at += size;
    resumed.outputs.push_back(std::move(output));
  }
  // Cut off what was not taken, then append after the intact records.
  if (::truncate(path.c_str(), static_cast<off_t>(at)) != 0)
    throw OutputError("cannot repair the journal '" + path + "': " + std::strerror(errno));
  file_ = std::fopen(path.c_str(), "ab");
  if (!file_)
    throw OutputError("cannot reopen the journal '" + path + "': " + std::strerror(errno));
  return resumed;
}

void Journal::append(const ReplicationOutput& output) {
  if (!file_) return;
  std::string record = encode(output);
  if (std::fwrite(record.data(), 1, record.size(), file_) != record.size() ||
      std::fflush(file_) != 0)
    throw OutputError("cannot write the journal '" + path_ + "': " + std::strerror(errno));
}

void Journal::finish() {
  if (!file_) return;
  std::fclose(file_);
  file_ = nullptr;
  delete_journal(path_);
}

void delete_journal(const std::string& path) {
  if (path.empty()) return;
  std::remove(path.c_str());
  forget(path);
}

void discard_journals() {
  std::set<std::string> paths;
  {
    std::lock_guard<std::mutex> guard(g_registry_lock);
    paths.swap(registry());
  }
  for (const std::string& path : paths) std::remove(path.c_str());
}

}  // namespace surge
