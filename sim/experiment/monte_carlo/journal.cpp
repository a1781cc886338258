#include "surge/experiment/monte_carlo/journal.hpp"

#include <unistd.h>

#include <cstring>

#include "surge/kernel/error.hpp"

namespace surge {
namespace {

constexpr char kMagic[8] = {'S', 'U', 'R', 'G', 'E', 'J', '1', '\n'};

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
  const std::string& data;
  std::size_t at = 0;
  bool get(void* dest, std::size_t n) {
    if (at + n > data.size()) return false;
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
  std::vector<char> bottleneck(r.bottleneck.begin(), r.bottleneck.end());
  put_vector(body, bottleneck);
  put_value(body, r.events);
  put_value(body, r.fingerprint);
  put_vector(body, o.values);
  std::string record;
  put_value<std::uint64_t>(record, body.size());
  return record + body;
}

bool decode(Reader& in, ReplicationOutput& o) {
  ReplicationRow& r = o.row;
  std::uint8_t deliverable = 0;
  std::vector<char> bottleneck;
  bool ok = in.value(r.replication) && in.vector(r.inputs) && in.vector(r.kpis) &&
            in.vector(r.scoped) && in.vector(r.target_values) && in.vector(r.target_met) &&
            in.vector(r.first_break) && in.value(deliverable) && in.vector(bottleneck) &&
            in.value(r.events) && in.value(r.fingerprint) && in.vector(o.values);
  r.deliverable = deliverable != 0;
  r.bottleneck.assign(bottleneck.begin(), bottleneck.end());
  return ok;
}

}  // namespace

std::string encode_replication_output(const ReplicationOutput& output) { return encode(output); }

ReplicationOutput decode_replication_output(const std::string& bytes) {
  Reader reader{bytes};
  std::uint64_t size = 0;
  ReplicationOutput output;
  if (!reader.value(size) || size != bytes.size() - reader.at)
    throw Error("a replication's output arrived damaged (bad length)");
  std::string body = bytes.substr(reader.at);
  Reader record{body};
  if (!decode(record, output) || record.at != body.size())
    throw Error("a replication's output arrived damaged (bad record)");
  return output;
}

Journal::~Journal() {
  if (file_) std::fclose(file_);
}

void Journal::create(const std::string& path, std::uint64_t identity) {
  path_ = path;
  file_ = std::fopen(path.c_str(), "wb");
  if (!file_) throw Error("cannot create the journal " + path + ": " + std::strerror(errno));
  std::fwrite(kMagic, 1, sizeof kMagic, file_);
  std::fwrite(&identity, sizeof identity, 1, file_);
  std::fflush(file_);
}

std::vector<ReplicationOutput> Journal::resume(const std::string& path, std::uint64_t identity) {
  path_ = path;
  std::FILE* in = std::fopen(path.c_str(), "rb");
  if (!in)
    throw Error("nothing to resume: no journal " + path +
                " (the run finished, or was never started with this output file)");
  std::string data;
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, in)) > 0;) data.append(buf, n);
  std::fclose(in);
  Reader reader{data};
  char magic[8];
  std::uint64_t stored = 0;
  if (!reader.get(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof magic) != 0 ||
      !reader.value(stored))
    throw Error(path + " is not a Surge journal");
  if (stored != identity)
    throw Error(path +
                " was written by a different scenario or different settings; "
                "run without --resume to start again");
  std::vector<ReplicationOutput> done;
  std::size_t complete = reader.at;
  for (;;) {
    std::uint64_t size = 0;
    if (!reader.value(size) || size > data.size() - reader.at) break;
    std::string body = data.substr(reader.at, size);
    Reader record{body};
    ReplicationOutput output;
    if (!decode(record, output) || record.at != body.size()) break;
    reader.at += size;
    complete = reader.at;
    done.push_back(std::move(output));
  }
  // Drop a record cut short by the kill, then append after the complete ones.
  if (truncate(path.c_str(), static_cast<off_t>(complete)) != 0)
    throw Error("cannot repair the journal " + path + ": " + std::strerror(errno));
  file_ = std::fopen(path.c_str(), "ab");
  if (!file_) throw Error("cannot reopen the journal " + path + ": " + std::strerror(errno));
  return done;
}

void Journal::append(const ReplicationOutput& output) {
  if (!file_) return;
  std::string record = encode(output);
  if (std::fwrite(record.data(), 1, record.size(), file_) != record.size() ||
      std::fflush(file_) != 0)
    throw Error("cannot write the journal " + path_ + ": " + std::strerror(errno));
}

void Journal::finish() {
  if (!file_) return;
  std::fclose(file_);
  file_ = nullptr;
  std::remove(path_.c_str());
}

}  // namespace surge
