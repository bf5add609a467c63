// An instance of the Meal Delivery Routing Problem (Reyes et al. 2018; Grubhub's public library):
// restaurants, orders with placement and ready times, couriers with on and off times, the timing
// rules and the terms (click-to-door target and maximum, pay). Coordinates are metres on a plane;
// times in the files are whole minutes from the start of the day.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "routing/mdrp_dispatch.h"

namespace model {

struct MdrpTerms {
  double target_click_to_door = 40;  // minutes
  double maximum_click_to_door = 90;
  double pay_per_order = 10;
  double pay_per_hour = 15;  // the guaranteed minimum over a courier's whole shift
};

struct MdrpRestaurant {
  std::string id;
  routing::PlanePoint at;
};

struct MdrpOrder {
  std::string id;
  routing::PlanePoint at;  // the drop-off
  int placement = 0, ready = 0;
  std::size_t restaurant = 0;  // index into MdrpInstance::restaurants
};

struct MdrpCourier {
  std::string id;
  routing::PlanePoint at;  // where it comes on shift
  int on = 0, off = 0;
};

struct MdrpInstance {
  std::string name;  // the folder's name
  routing::MdrpRules rules;
  MdrpTerms terms;
  std::vector<MdrpRestaurant> restaurants;
  std::vector<MdrpOrder> orders;
  std::vector<MdrpCourier> couriers;

  static double distance_m(routing::PlanePoint a, routing::PlanePoint b) {
    return std::hypot(b.x - a.x, b.y - a.y);
  }
  int travel_minutes(routing::PlanePoint a, routing::PlanePoint b) const {
    return static_cast<int>(rules.travel_ms(a, b) / 60'000);
  }
};

}  // namespace model
