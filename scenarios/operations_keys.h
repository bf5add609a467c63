// Reading the keys of an order's phases and of the stores' rules of operation into the model's
// plain config: the store-side phases (stores[i].pick_start, pick_time, pick_per_item,
// pack_time, handover), the customer's door (door.handover, door.walk_back) and operations
// (overtime, busy, patience). Internal to the scenario loader.
#pragma once

#include <string>

#include "scenarios/scenario.h"
#include "scenarios/yaml_reader.h"

namespace scenarios::detail {

// A distribution {dist, mean, cv}. Keys left out take the fallback's values; a lognormal's cv
// defaults to 0.5 where the fallback is not lognormal.
model::Distribution read_distribution(const MapReader& parent, const std::string& key,
                                      const model::Distribution& fallback);
// The store keys of the order's phases; the store's MapReader must allow kStorePhaseKeys.
void read_store_phases(const MapReader& m, model::StoreConfig& store);
inline constexpr const char* kStorePhaseKeys[] = {"pick_start", "pick_time", "pick_per_item",
                                                  "pack_time", "handover"};
void read_door(const MapReader& top, model::WorldConfig& w);
void read_operations(const MapReader& top, model::WorldConfig& w);

}  // namespace scenarios::detail
