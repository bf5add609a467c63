#include "viz/palette.h"

#include <algorithm>

namespace viz {

namespace {
sf::Color mix(sf::Color a, sf::Color b, double f) {
  auto c = [&](std::uint8_t x, std::uint8_t y) {
    return static_cast<std::uint8_t>(x + (static_cast<int>(y) - x) * f + 0.5);
  };
  return {c(a.r, b.r), c(a.g, b.g), c(a.b, b.b)};
}
}  // namespace

sf::Color pin_colour(sim::Time age, sim::Time promise) {
  const double f = promise > 0 ? static_cast<double>(age) / static_cast<double>(promise) : 1;
  if (f <= 0.5) return kPinFresh;
  if (f < 1) return mix(kPinFresh, kPinLate, (f - 0.5) / 0.5);
  return kPinLate;
}

}  // namespace viz
