// Reading the keys of the cold chain, the catalog and store stock, drones, costs and incidents
// into the model's plain config. Internal to the scenario loader, which calls them in this order:
// read_cold_chain and read_catalog before the stores (whose units and stock refer to their
// classes and groups), read_store_units_and_stock for each store, then read_drones, read_costs
// and read_incidents once the stores are known.
#pragma once

#include "scenarios/scenario.h"
#include "scenarios/yaml_reader.h"

namespace scenarios::detail {

// The default temperature classes: ambient, chilled 0..8 °C, frozen <= -18 °C.
std::vector<model::TempClass> default_temp_classes();
// A mild day: 14 °C at dawn to 24 °C mid-afternoon.
std::array<double, 24> default_outdoor_c();

// Always fills cold_chain.classes (the defaults when there is no cold_chain), so that catalog
// groups can name them.
void read_cold_chain(const MapReader& top, model::WorldConfig& w);
// Fills catalog.groups when the catalog or the cold chain is present (one group per class when
// the catalog is absent).
void read_catalog(const MapReader& top, model::WorldConfig& w);
// stores[i].units and stores[i].stock, with their defaults.
void read_store_units_and_stock(const MapReader& m, const model::WorldConfig& w,
                                model::StoreConfig& store);
// drones: hubs, drop points, no-fly zones, weather, limits (drone_keys.cpp).
void read_drones(const MapReader& top, Scenario& s);
void read_costs(const MapReader& top, model::WorldConfig& w);
void read_incidents(const MapReader& top, model::WorldConfig& w);

// A speed in m/s as km/h text that reads back (divided by 3.6) as the same m/s.
std::string format_kmh(double mps);

}  // namespace scenarios::detail
