// The twin's colours, from Okabe and Ito's palette for colour-blind viewers ("Color Universal
// Design", 2008): one per rider state, stores and hubs, and an order pin that goes from dark grey
// to vermillion as its promise runs out. Late orders are the most salient thing on the map: the
// only vermillion, drawn larger and on top of everything that moves.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <cstdint>

#include "sim/engine/time.h"

namespace viz {

inline const sf::Color kBackground{245, 244, 240};
inline const sf::Color kRoad{172, 172, 180};
inline const sf::Color kStore{0, 114, 178};    // blue
inline const sf::Color kHub{204, 121, 167};    // reddish purple
inline const sf::Color kDrone{204, 121, 167};  // reddish purple
inline const sf::Color kAlert{255, 0, 255};    // flashing rings, not in the palette on purpose
inline const sf::Color kPinFresh{60, 60, 60};  // an open order with half its promise left
inline const sf::Color kPinLate{213, 94, 0};   // vermillion: past its promise
inline const sf::Color kPinDelivered{150, 150, 150};  // fading out after delivery
inline const sf::Color kText{30, 30, 35};

// Riders by model::RiderState: off shift (not drawn), idle (sky blue), to store (orange), waiting
// at the counter (yellow), delivering (bluish green), returning (grey).
inline const sf::Color kRiderColours[] = {{150, 150, 150}, {86, 180, 233}, {230, 159, 0},
                                          {240, 228, 66},  {0, 158, 115},  {120, 120, 120}};

// A pin's colour `age` into a promise of `promise`: fresh grey up to half, then mixed towards
// vermillion, which it reaches at the promise and keeps after it.
sf::Color pin_colour(sim::Time age, sim::Time promise);

}  // namespace viz
