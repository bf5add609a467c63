// What a click in the twin picks: the rider, drone, store, hub or order drawn nearest the
// cursor, and what the side panel says of it.
#pragma once

#include <SFML/System/Vector2.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/twin_state.h"
#include "viz/map_view.h"

namespace viz {

struct Selection {
  enum class Kind { none, rider, drone, store, hub, order };
  Kind kind = Kind::none;
  std::uint32_t index = 0;  // riders, drones: id; stores, hubs: index; orders: id
  bool operator==(const Selection&) const = default;
};

// The nearest thing within `radius` pixels of `pixel`; a store or hub when the click is on its
// marker (the riders waiting there are under it), else vehicles before places before orders
// when they overlap.
Selection pick(const model::TwinState& state, const MapView& view, sf::Vector2f pixel,
               float radius = 10);

// Where the selected thing is in `state`, if it is there.
std::optional<routing::LatLon> position(const model::TwinState& state, const Selection& s);

// Its name and state, one line each; empty when it is not in `state`.
std::vector<std::string> describe(const model::TwinState& state, const Selection& s);

}  // namespace viz
