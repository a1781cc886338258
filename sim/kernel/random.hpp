#pragma once
// Random streams. Every (replication, node, purpose) gets its own Boost.Random engine whose
// seed is a hash of the scenario seed and those three names, so adding a node or drawing more
// numbers in one place never shifts the numbers drawn anywhere else (common random numbers
// across plans and sweep points). Boost's engines and distributions give the same output on
// every platform, unlike std:: distributions.
#include <boost/random/mersenne_twister.hpp>
#include <cstdint>
#include <memory>
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

// A stream's engine is made at its first draw: a Mersenne Twister holds 2.5 KB of state, and
// a large network has hundreds of thousands of streams, many never drawn from (an order size
// that is a constant, a patience nobody tests). The numbers drawn are the same either way.
class RandomStream {
 public:
  RandomStream() = default;
  explicit RandomStream(std::uint64_t seed) : seed_(seed) {}
  RandomStream(std::uint64_t scenario_seed, std::uint64_t replication, std::string_view node,
               std::string_view purpose)
      : seed_(stream_seed(scenario_seed, replication, node, purpose)) {}
  RandomStream(const RandomStream& other)
      : seed_(other.seed_),
        engine_(other.engine_ ? std::make_unique<RandomEngine>(*other.engine_) : nullptr) {}
  RandomStream& operator=(const RandomStream& other) {
    if (this != &other) *this = RandomStream(other);
    return *this;
  }
  RandomStream(RandomStream&&) noexcept = default;
  RandomStream& operator=(RandomStream&&) noexcept = default;
  ~RandomStream() = default;

  RandomEngine& engine() {
    if (!engine_) [[unlikely]]
      start();
    return *engine_;
  }
  // Uniform on [0, 1): 53 random bits, the same on every platform.
  double uniform01() { return static_cast<double>(engine()() >> 11) * 0x1.0p-53; }

 private:
  void start();  // makes the engine from the seed (out of line: the rare path)

  std::uint64_t seed_ = RandomEngine::default_seed;
  std::unique_ptr<RandomEngine> engine_;
};

}  // namespace surge
