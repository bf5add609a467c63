#include "viz/whatif_menu.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>

namespace viz {

namespace {

constexpr std::uint8_t kIdle = 1;  // model::RiderState::idle

const model::KpiInterval* kpi(const std::vector<model::KpiInterval>& k, const char* name) {
  const auto it = std::find_if(k.begin(), k.end(), [&](const auto& x) { return x.name == name; });
  return it == k.end() ? nullptr : &*it;
}

}  // namespace

void WhatIfMenu::set_store(std::optional<std::uint32_t> store) {
  if (store != store_) chosen_ = {};
  store_ = store;
}

std::optional<std::uint32_t> WhatIfMenu::donor(const model::TwinState& s) const {
  std::vector<int> idle(s.stores.size(), 0);
  for (const auto& r : s.riders)
    if (r.state == kIdle && r.store >= 0 && static_cast<std::size_t>(r.store) < idle.size())
      ++idle[static_cast<std::size_t>(r.store)];
  std::optional<std::uint32_t> best;
  for (std::uint32_t i = 0; i < idle.size(); ++i)
    if (i != store_ && idle[i] > 0 && (!best || idle[i] > idle[*best])) best = i;
  return best;
}

std::optional<model::WhatIfAlternative> WhatIfMenu::alternative(const model::TwinState& s,
                                                                Choice c) const {
  if (!store_ || *store_ >= s.stores.size()) return std::nullopt;
  const std::uint32_t at = *store_;
  const auto& st = s.stores[at];
  using K = model::WhatIfAction::Kind;
  switch (c) {
    case add_riders:
      return model::WhatIfAlternative{fmt::format("add {} riders at {}", kRiders, st.id),
                                      {{K::add_riders, at, 0, kRiders, ""}}};
    case move_riders: {
      const auto from = donor(s);
      if (!from) return std::nullopt;
      return model::WhatIfAlternative{
          fmt::format("move {} idle riders from {} to {}", kRiders, s.stores[*from].id, st.id),
          {{K::move_riders, *from, at, kRiders, ""}}};
    }
    case add_picker:
      return model::WhatIfAlternative{
          fmt::format("{} pickers at {} (now {})", st.pickers + 1, st.id, st.pickers),
          {{K::set_pickers, at, 0, static_cast<int>(st.pickers) + 1, ""}}};
    case flip_ordering:
      return st.ordering ? model::WhatIfAlternative{fmt::format("close {}'s ordering", st.id),
                                                    {{K::close_store, at, 0, 0, ""}}}
                         : model::WhatIfAlternative{fmt::format("open {}'s ordering", st.id),
                                                    {{K::open_store, at, 0, 0, ""}}};
    case kChoices:
      break;
  }
  return std::nullopt;
}

std::vector<std::string> WhatIfMenu::lines(const model::TwinState& s) const {
  std::vector<std::string> out;
  if (!store_ || *store_ >= s.stores.size()) {
    out.push_back("what if: click a store first");
    out.push_back("esc  close");
    return out;
  }
  out.push_back(fmt::format("what if, at {}, from now:", s.stores[*store_].id));
  for (int c = 0; c < kChoices; ++c) {
    const auto a = alternative(s, static_cast<Choice>(c));
    const std::string name = a ? a->name : "move riders: no other store has an idle rider";
    out.push_back(fmt::format("[{}] {}  {}", chosen_[c] && a ? 'x' : ' ', c + 1, name));
  }
  out.push_back("1-4  choose   enter  compare with as is   esc  close");
  return out;
}

std::vector<model::WhatIfAlternative> WhatIfMenu::alternatives(const model::TwinState& s) const {
  std::vector<model::WhatIfAlternative> out;
  for (int c = 0; c < kChoices; ++c)
    if (chosen_[c])
      if (auto a = alternative(s, static_cast<Choice>(c))) out.push_back(std::move(*a));
  return out;
}

std::vector<std::string> answer_lines(const std::vector<model::WhatIfOutcome>& outcomes) {
  std::vector<std::string> out;
  // A level's interval is cut to what it can be (no negative count, no share over 1); a
  // difference's is not.
  const auto interval = [](const model::KpiInterval* k, double scale, const char* sign,
                           double top = HUGE_VAL) {
    if (!k || std::isnan(k->mean)) return std::string("n/a");
    const bool level = *sign == 0;
    const double lo = level ? std::max(0.0, k->mean - k->half_width) : k->mean - k->half_width;
    const double hi = level ? std::min(top, k->mean + k->half_width) : k->mean + k->half_width;
    return fmt::format(
        fmt::runtime("{:" + std::string(sign) + ".1f} [{:" + sign + ".1f}, {:" + sign + ".1f}]"),
        scale * k->mean, scale * lo, scale * hi);
  };
  for (std::size_t a = 0; a < outcomes.size(); ++a) {
    const auto& o = outcomes[a];
    out.push_back(o.name);
    out.push_back(fmt::format("  on time {}%  late {}",
                              interval(kpi(o.kpis, "on_time_share"), 100, "", 1.0),
                              interval(kpi(o.kpis, "late"), 1, "")));
    if (a > 0)
      out.push_back(fmt::format("  vs as is: on time {} pts  late {}",
                                interval(kpi(o.difference, "on_time_share"), 100, "+"),
                                interval(kpi(o.difference, "late"), 1, "+")));
  }
  return out;
}

}  // namespace viz
