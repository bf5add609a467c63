// Names of the model's enumerations as they appear in scenarios and output files.
#include "sim/model/run_result.h"
#include "sim/model/world_config.h"

namespace model {

const char* to_string(Distribution::Kind k) {
  switch (k) {
    case Distribution::Kind::fixed:
      return "fixed";
    case Distribution::Kind::exponential:
      return "exponential";
    case Distribution::Kind::lognormal:
      return "lognormal";
  }
  return "?";
}

const char* to_string(DemandArea a) { return a == DemandArea::stores ? "stores" : "network"; }

const char* to_string(Vehicle v) {
  switch (v) {
    case Vehicle::ebike:
      return "ebike";
    case Vehicle::scooter:
      return "scooter";
    case Vehicle::car:
      return "car";
    case Vehicle::bicycle:
      return "bicycle";
    case Vehicle::walking:
      return "walking";
  }
  return "?";
}

double default_speed_kmh(Vehicle v) {
  switch (v) {
    case Vehicle::ebike:
      return 18;
    case Vehicle::scooter:
      return 25;
    case Vehicle::car:
      return 50;
    case Vehicle::bicycle:
      return 15;
    case Vehicle::walking:
      return 5;
  }
  return 15;
}

const char* to_string(OrderStatus s) {
  switch (s) {
    case OrderStatus::open:
      return "open";
    case OrderStatus::delivered:
      return "delivered";
    case OrderStatus::rejected:
      return "rejected";
  }
  return "?";
}

const char* to_string(RejectReason r) {
  switch (r) {
    case RejectReason::none:
      return "";
    case RejectReason::out_of_radius:
      return "out_of_radius";
    case RejectReason::no_rider:
      return "no_rider";
    case RejectReason::unreachable:
      return "unreachable";
    case RejectReason::out_of_stock:
      return "out_of_stock";
    case RejectReason::spoiled:
      return "spoiled";
    case RejectReason::store_closed:
      return "store_closed";
    case RejectReason::store_busy:
      return "store_busy";
    case RejectReason::cancelled:
      return "cancelled";
  }
  return "?";
}

const char* to_string(Mode m) { return m == Mode::drone ? "drone" : "rider"; }

const char* to_string(SpoiledAction a) { return a == SpoiledAction::refuse ? "refuse" : "count"; }

const char* to_string(StockoutAction a) {
  switch (a) {
    case StockoutAction::substitute:
      return "substitute";
    case StockoutAction::split:
      return "split";
    case StockoutAction::next_store:
      return "next_store";
    case StockoutAction::reject:
      return "reject";
  }
  return "?";
}

const char* to_string(ModePolicy m) {
  switch (m) {
    case ModePolicy::earliest:
      return "earliest";
    case ModePolicy::cost:
      return "cost";
    case ModePolicy::share:
      return "share";
  }
  return "?";
}

const char* to_string(Incident::Kind k) {
  switch (k) {
    case Incident::Kind::unit_down:
      return "unit_down";
    case Incident::Kind::store_closed:
      return "store_closed";
    case Incident::Kind::storm:
      return "storm";
    case Incident::Kind::hub_down:
      return "hub_down";
  }
  return "?";
}

}  // namespace model
