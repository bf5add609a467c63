// What the live and replay windows share of their controls: the speed steps of + and -, zooming
// with the wheel about the cursor, and panning by dragging.
#pragma once

#include <SFML/Window/Event.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "viz/map_view.h"

namespace viz {

// Simulated seconds per wall second.
inline constexpr double kSpeedSteps[] = {1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 3600};

// The step after a typed key: '+' (or '=') one faster, '-' one slower, anything else the same.
inline std::size_t speed_step(std::size_t step, std::uint32_t key) {
  if ((key == '+' || key == '=') && step + 1 < std::size(kSpeedSteps)) return step + 1;
  if (key == '-' && step > 0) return step - 1;
  return step;
}

inline void wheel_zoom(MapView& view, const sf::Event::MouseWheelScrollEvent& e) {
  view.zoom_at(std::pow(1.2f, e.delta), {static_cast<float>(e.x), static_cast<float>(e.y)});
}

// Pans by the mouse's move since `last`, then remembers where it is.
inline void drag_pan(MapView& view, sf::Vector2i& last, const sf::Event::MouseMoveEvent& e) {
  view.pan({static_cast<float>(e.x - last.x), static_cast<float>(e.y - last.y)});
  last = {e.x, e.y};
}

}  // namespace viz
