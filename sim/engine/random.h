// Random streams, one per entity, seeded from (scenario seed, entity id) so that a result never
// depends on the order in which entities draw. xoshiro256** (Blackman & Vigna, 2018) seeded through
// splitmix64; every distribution is computed here from uniforms so results do not depend on the
// standard library's implementation.
#pragma once

#include <cmath>
#include <cstdint>

namespace sim {

inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class RandomStream {
 public:
  // Streams for distinct (seed, entity) pairs are independent for all practical purposes.
  RandomStream(std::uint64_t seed, std::uint64_t entity) {
    std::uint64_t sm = seed ^ (entity * 0xd1342543de82ef95ULL + 0x632be59bd9b4e019ULL);
    for (auto& w : s_) w = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, 1), 53 bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) {
    __extension__ using Wide = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<Wide>(next()) * n) >> 64);
  }
  double exponential(double mean) { return -mean * std::log1p(-uniform()); }
  double normal() {
    // Box-Muller; one of the pair is discarded to keep the stream stateless between calls.
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
  // Lognormal with the given mean and coefficient of variation of the result.
  double lognormal(double mean, double cv) {
    const double sigma2 = std::log1p(cv * cv);
    const double mu = std::log(mean) - 0.5 * sigma2;
    return std::exp(mu + std::sqrt(sigma2) * normal());
  }
  // Poisson by inversion of the product of uniforms (Knuth); fine for the small means of baskets.
  std::uint32_t poisson(double mean) {
    if (mean <= 0) return 0;
    if (mean > 30) {
      const double x = std::round(mean + std::sqrt(mean) * normal());
      return x < 0 ? 0 : static_cast<std::uint32_t>(x);
    }
    const double limit = std::exp(-mean);
    double p = uniform();
    std::uint32_t k = 0;
    while (p > limit) {
      p *= uniform();
      ++k;
    }
    return k;
  }

  // For checkpoints: the generator's whole state.
  template <class Archive>
  void serialize(Archive& ar) {
    ar(s_[0], s_[1], s_[2], s_[3]);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace sim
