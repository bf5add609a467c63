#include "scenarios/operations_keys.h"

namespace scenarios::detail {

model::Distribution read_distribution(const MapReader& parent, const std::string& key,
                                      const model::Distribution& fallback) {
  using Kind = model::Distribution::Kind;
  if (!parent.has(key)) return fallback;
  MapReader m(parent.origin(), parent.get(key), parent.path(key), {"dist", "mean", "cv"});
  model::Distribution d;
  const std::string dist =
      m.choice("dist", model::to_string(fallback.kind), {"fixed", "exponential", "lognormal"});
  for (Kind k : {Kind::fixed, Kind::exponential, Kind::lognormal})
    if (dist == model::to_string(k)) d.kind = k;
  d.mean = m.duration("mean", fallback.mean, /*allow_zero=*/d.kind == Kind::fixed);
  if (d.kind == Kind::lognormal) {
    d.cv = m.number("cv", fallback.kind == Kind::lognormal ? fallback.cv : 0.5, 0.01, 10);
  } else if (m.has("cv")) {
    m.fail("cv", "no cv: only dist: lognormal takes one");
  }
  return d;
}

void read_store_phases(const MapReader& m, model::StoreConfig& store) {
  store.pick_start = read_distribution(m, "pick_start", store.pick_start);
  store.pick_time = read_distribution(m, "pick_time", store.pick_time);
  store.pick_per_item = read_distribution(m, "pick_per_item", store.pick_per_item);
  store.pack_time = read_distribution(m, "pack_time", store.pack_time);
  store.handover = read_distribution(m, "handover", store.handover);
}

void read_door(const MapReader& top, model::WorldConfig& w) {
  if (!top.has("door")) return;
  MapReader m(top.origin(), top.get("door"), "door", {"handover", "walk_back"});
  w.door.handover = read_distribution(m, "handover", w.door.handover);
  w.door.walk_back = read_distribution(m, "walk_back", w.door.walk_back);
}

void read_operations(const MapReader& top, model::WorldConfig& w) {
  if (!top.has("operations")) return;
  MapReader m(top.origin(), top.get("operations"), "operations", {"overtime", "busy", "patience"});
  model::OperationsConfig& ops = w.operations;
  ops.overtime = m.choice("overtime", ops.overtime ? "true" : "false", {"false", "true"}) == "true";
  if (m.has("busy")) {
    MapReader busy(m.origin(), m.get("busy"), "operations.busy",
                   {"max_queue", "max_click_to_door"});
    if (!busy.has("max_queue") && !busy.has("max_click_to_door"))
      m.fail("busy", "a map with max_queue, max_click_to_door or both");
    ops.busy_max_queue = static_cast<int>(busy.integer("max_queue", 0, 1, 1'000'000));
    ops.busy_click_to_door = busy.duration("max_click_to_door", 0, /*allow_zero=*/false);
  }
  if (m.has("patience")) {
    ops.patience_on = true;
    ops.patience = read_distribution(m, "patience", ops.patience);
  }
}

}  // namespace scenarios::detail
