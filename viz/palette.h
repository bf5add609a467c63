// The twin's colours: one per rider state, stores and hubs, and an order pin that goes from
// green to amber to red as its promise runs out.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <cstdint>

#include "sim/engine/time.h"

namespace viz {

inline const sf::Color kBackground{245, 244, 240};
inline const sf::Color kRoad{200, 200, 205};
inline const sf::Color kStore{33, 92, 170};
inline const sf::Color kHub{120, 60, 160};
inline const sf::Color kDrone{120, 60, 160};
inline const sf::Color kAlert{255, 0, 255};
inline const sf::Color kGreen{46, 160, 67};
inline const sf::Color kAmber{240, 160, 20};
inline const sf::Color kRed{215, 30, 30};
inline const sf::Color kText{30, 30, 35};

// Riders by model::RiderState: off shift, idle, to store, waiting, delivering, returning.
inline const sf::Color kRiderColours[] = {{150, 150, 150}, {60, 170, 220}, {255, 140, 0},
                                          {250, 200, 0},   {20, 120, 60},  {100, 100, 200}};

// A pin's colour `age` into a promise of `promise`: green up to half, then through amber (at
// three quarters) to red at the promise and after it.
sf::Color pin_colour(sim::Time age, sim::Time promise);

}  // namespace viz
