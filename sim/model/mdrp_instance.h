// An instance of the Meal Delivery Routing Problem (Reyes et al. 2018; Grubhub's public library):
// restaurants, orders with placement and ready times, couriers with on and off times, the timing
// rules and the terms (click-to-door target and maximum, pay). Coordinates are metres on a plane;
// times are milliseconds from the start of the day (the library's files hold whole minutes).
#pragma once

#include <cstdint>
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
  std::int64_t placement_ms = 0, ready_ms = 0;
  std::size_t restaurant = 0;  // index into MdrpInstance::restaurants
};

struct MdrpCourier {
  std::string id;
  routing::PlanePoint at;  // where it comes on shift
  std::int64_t on_ms = 0, off_ms = 0;
};

struct MdrpInstance {
  std::string name;  // the folder's name
  routing::MdrpRules rules;
  MdrpTerms terms;
  std::vector<MdrpRestaurant> restaurants;
  std::vector<MdrpOrder> orders;
  std::vector<MdrpCourier> couriers;
};

}  // namespace model
