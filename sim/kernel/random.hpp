#pragma once
// Random streams. Every (replication, node, purpose) gets its own Boost.Random engine whose
// seed is a hash of the scenario seed and those three names, so adding a node or drawing more
// numbers in one place never shifts the numbers drawn anywhere else (common random numbers
// across plans and sweep points). Boost's engines and distributions give the same output on
// every platform, unlike std:: distributions.
#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <string_view>

namespace surge {

using RandomEngine = boost::random::mt19937_64;

// A 64-bit FNV-1a hash of a name: stable across platforms and runs, unlike std::hash.
std::uint64_t stable_hash(std::string_view text);

// Mixes a value into a seed (SplitMix64 finaliser), so near-equal inputs give unrelated seeds.
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t value);

// The seed of stream (replication, node, purpose) under a scenario seed.
std::uint64_t stream_seed(std::uint64_t scenario_seed, std::uint64_t replication,
                          std::string_view node, std::string_view purpose);

class RandomStream {
 public:
  RandomStream() = default;
  explicit RandomStream(std::uint64_t seed) : engine_(seed) {}
  RandomStream(std::uint64_t scenario_seed, std::uint64_t replication, std::string_view node,
               std::string_view purpose)
      : engine_(stream_seed(scenario_seed, replication, node, purpose)) {}

  RandomEngine& engine() { return engine_; }
  // Uniform on [0, 1): 53 random bits, the same on every platform.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }

 private:
  RandomEngine engine_;
};

}  // namespace surge
