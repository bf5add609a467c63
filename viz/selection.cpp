#include "viz/selection.h"

#include <fmt/core.h>

#include <array>
#include <cmath>

namespace viz {

namespace {

const char* kRiderStates[] = {"off shift",         "idle",       "riding to the store",
                              "waiting for goods", "delivering", "riding back"};

std::string clock(sim::Time t) {
  const sim::Time s = t / sim::kSecond;
  return fmt::format("{:02}:{:02}:{:02}", (s / 3600) % 24, (s / 60) % 60, s % 60);
}

}  // namespace

Selection pick(const model::TwinState& state, const MapView& view, sf::Vector2f pixel,
               float radius) {
  Selection best;
  float best_d = radius;
  int best_rank = 99;
  auto consider = [&](routing::LatLon at, Selection::Kind kind, std::uint32_t index, int rank) {
    const auto d = view.to_screen(at) - pixel;
    const float dist = std::hypot(d.x, d.y);
    if (dist > radius) return;
    if (rank < best_rank || (rank == best_rank && dist < best_d)) {
      best = {kind, index};
      best_d = dist;
      best_rank = rank;
    }
  };
  for (const auto& r : state.riders)
    if (r.state != 0) consider(r.at, Selection::Kind::rider, r.id, 0);
  for (const auto& d : state.drones) consider(d.at, Selection::Kind::drone, d.id, 0);
  // On a store's marker (its half width, 8 px) the store wins over the riders waiting there.
  const auto place_rank = [&](routing::LatLon at) {
    const auto d = view.to_screen(at) - pixel;
    return std::hypot(d.x, d.y) <= 8 ? -1 : 1;
  };
  for (std::uint32_t i = 0; i < state.stores.size(); ++i)
    consider(state.stores[i].at, Selection::Kind::store, i, place_rank(state.stores[i].at));
  for (std::uint32_t i = 0; i < state.hubs.size(); ++i)
    consider(state.hubs[i].at, Selection::Kind::hub, i, place_rank(state.hubs[i].at));
  for (const auto& o : state.orders) consider(o.at, Selection::Kind::order, o.id, 2);
  return best;
}

std::optional<routing::LatLon> position(const model::TwinState& state, const Selection& s) {
  switch (s.kind) {
    case Selection::Kind::rider:
      for (const auto& r : state.riders)
        if (r.id == s.index) return r.at;
      break;
    case Selection::Kind::drone:
      for (const auto& d : state.drones)
        if (d.id == s.index) return d.at;
      break;
    case Selection::Kind::store:
      if (s.index < state.stores.size()) return state.stores[s.index].at;
      break;
    case Selection::Kind::hub:
      if (s.index < state.hubs.size()) return state.hubs[s.index].at;
      break;
    case Selection::Kind::order:
      for (const auto& o : state.orders)
        if (o.id == s.index) return o.at;
      break;
    case Selection::Kind::none:
      break;
  }
  return std::nullopt;
}

std::vector<std::string> describe(const model::TwinState& state, const Selection& s) {
  const sim::Time now = state.start_tod + state.time;
  switch (s.kind) {
    case Selection::Kind::rider:
      for (const auto& r : state.riders)
        if (r.id == s.index) {
          const std::string store =
              r.store >= 0 && static_cast<std::size_t>(r.store) < state.stores.size()
                  ? " of store " + state.stores[static_cast<std::size_t>(r.store)].id
                  : std::string();
          return {fmt::format("rider {}{}", r.id, store), kRiderStates[r.state % 6],
                  r.alert ? "box out of range: " + r.alert_text : "box in range"};
        }
      break;
    case Selection::Kind::drone:
      for (const auto& d : state.drones)
        if (d.id == s.index)
          return {fmt::format("drone {}", d.id), d.state ? "flying" : "on the ground",
                  d.alert ? "pod out of range: " + d.alert_text : "pod in range"};
      break;
    case Selection::Kind::store:
      if (s.index < state.stores.size()) {
        const auto& st = state.stores[s.index];
        std::array<int, 6> by_state{};
        for (const auto& r : state.riders)
          if (r.store == static_cast<std::int32_t>(s.index)) ++by_state[r.state % 6];
        return {"store " + st.id, fmt::format("{} orders waiting for a picker", st.queue),
                fmt::format("riders: {} idle, {} to store, {} waiting, {} delivering, {} back",
                            by_state[1], by_state[2], by_state[3], by_state[4], by_state[5]),
                st.delivered ? fmt::format("on time so far: {:.1f}% of {} delivered",
                                           100.0 * st.on_time / st.delivered, st.delivered)
                             : std::string("on time so far: n/a (none delivered)"),
                st.alert ? "ALERT: " + st.alert_text : "fridges and freezers in range"};
      }
      break;
    case Selection::Kind::hub:
      if (s.index < state.hubs.size()) return {"drone hub " + state.hubs[s.index].id};
      break;
    case Selection::Kind::order:
      for (const auto& o : state.orders)
        if (o.id == s.index) {
          std::vector<std::string> lines{fmt::format("order {}", o.id),
                                         "placed " + clock(state.start_tod + o.placed)};
          if (o.delivered != sim::kNever)
            lines.push_back(fmt::format("delivered {} after {:.1f} min",
                                        clock(state.start_tod + o.delivered),
                                        static_cast<double>(o.delivered - o.placed) / 60000));
          else
            lines.push_back(
                fmt::format("open for {:.1f} min of {:.0f}{}",
                            static_cast<double>(now - state.start_tod - o.placed) / 60000,
                            static_cast<double>(state.promise) / 60000,
                            state.time - o.placed > state.promise ? ": LATE" : ""));
          return lines;
        }
      break;
    case Selection::Kind::none:
      break;
  }
  return {};
}

}  // namespace viz
