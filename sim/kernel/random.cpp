#include "surge/kernel/random.hpp"

namespace surge {

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t value) {
  std::uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (value + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t stream_seed(std::uint64_t scenario_seed, std::uint64_t replication,
                          std::string_view node, std::string_view purpose) {
  std::uint64_t seed = mix_seed(scenario_seed, replication);
  seed = mix_seed(seed, stable_hash(node));
  return mix_seed(seed, stable_hash(purpose));
}

void RandomStream::start() { engine_ = std::make_unique<RandomEngine>(seed_); }

}  // namespace surge
