// An instance of the Meal Delivery Routing Problem (Reyes et al. 2018; Grubhub's public
// library): restaurants, orders with placement and ready times, couriers with on and off times,
// and the instance's rules. Coordinates are metres on a plane and times whole minutes from the
// start of the day; travel takes ceil(distance / metres per minute) minutes.
#pragma once

#include <cmath>
#include <string>
#include <vector>

namespace scenarios {

struct MdrpRules {
  double metres_per_minute = 320;
  int pickup_service = 4;   // minutes at the restaurant, half before and half after pickup
  int dropoff_service = 4;  // minutes at the customer, half before drop-off
  int target_click_to_door = 40;
  int maximum_click_to_door = 90;
  double pay_per_order = 10;
  double pay_per_hour = 15;  // the guaranteed minimum over a courier's shift
};

struct MdrpRestaurant {
  std::string id;
  double x = 0, y = 0;
};

struct MdrpOrder {
  std::string id;
  double x = 0, y = 0;  // the drop-off
  int placement = 0, ready = 0;
  std::size_t restaurant = 0;  // index into MdrpInstance::restaurants
};

struct MdrpCourier {
  std::string id;
  double x = 0, y = 0;  // where it comes on shift
  int on = 0, off = 0;
};

struct MdrpInstance {
  std::string name;  // the folder's name
  MdrpRules rules;
  std::vector<MdrpRestaurant> restaurants;
  std::vector<MdrpOrder> orders;
  std::vector<MdrpCourier> couriers;

  double distance_m(double ax, double ay, double bx, double by) const {
    return std::hypot(bx - ax, by - ay);
  }
  int travel_minutes(double ax, double ay, double bx, double by) const {
    return static_cast<int>(std::ceil(distance_m(ax, ay, bx, by) / rules.metres_per_minute));
  }
};

// Reads the instance in folder `dir`. Throws InputError naming the file, line and column of
// anything wrong (a missing file, a short row, a number that is not one, an unknown restaurant).
MdrpInstance read_mdrp_instance(const std::string& dir);

// count, mean, sample standard deviation, min, 10th, 50th and 90th percentiles (linear between
// ranks) and max: the statistics the library's instance_characteristics.txt publishes.
struct Describe {
  std::size_t count = 0;
  double mean = 0, std = 0, min = 0, p10 = 0, p50 = 0, p90 = 0, max = 0;
};
Describe describe(std::vector<double> values);

}  // namespace scenarios
