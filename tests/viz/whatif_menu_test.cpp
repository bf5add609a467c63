// The live twin window's forecast panel and what-if menu on hand-built states: the lines they
// show and the alternatives they ask for, checked against what the state says.
#include "viz/whatif_menu.h"

#include <gtest/gtest.h>

#include <cmath>

#include "viz/forecast_panel.h"

namespace {

using K = model::WhatIfAction::Kind;

model::TwinState three_stores() {
  model::TwinState s;
  s.start_tod = 7 * sim::kHour;
  s.time = 11 * sim::kHour + 40 * sim::kMinute + 20 * sim::kSecond;  // 18:40:20
  for (const char* id : {"fontvieille", "condamine", "monte-carlo"}) {
    model::TwinState::Place p;
    p.id = id;
    p.pickers = 3;
    s.stores.push_back(p);
  }
  // Idle riders (state 1): one at fontvieille, two at monte-carlo; a busy one (4) at condamine.
  for (const auto& [store, state] : {std::pair{0, 1}, {2, 1}, {2, 1}, {1, 4}, {1, 1}}) {
    model::TwinState::Vehicle v;
    v.store = store;
    v.state = static_cast<std::uint8_t>(state);
    s.riders.push_back(v);
  }
  s.riders.back().state = 0;  // off shift: not idle
  return s;
}

TEST(ForecastPanel, NothingWithoutAForecast) {
  EXPECT_TRUE(viz::forecast_lines(three_stores()).empty());
}

TEST(ForecastPanel, ClockAtRiskAndWorstStoresFirst) {
  model::TwinState s = three_stores();
  s.outlook_at = s.time - 20 * sim::kSecond;
  s.outlook_horizon = 30 * sim::kMinute;
  s.outlook_runs = 50;
  s.stores[0].outlook_on_time = 0.95f;
  s.stores[0].outlook_queue = 0.31f;
  s.stores[1].outlook_on_time = std::nanf("");
  s.stores[1].outlook_queue = 0;
  s.stores[2].outlook_on_time = 0.8f;
  s.stores[2].outlook_queue = 3.84f;
  // Open at 0.5 and at 0.2 (both at risk), open at 0.1, delivered at 0.9, no forecast (-1).
  for (const float risk : {0.5f, 0.2f, 0.1f, 0.9f, -1.0f}) {
    model::TwinState::Pin p;
    p.late_risk = risk;
    if (risk == 0.9f) p.delivered = s.time;
    s.orders.push_back(p);
  }
  const auto lines = viz::forecast_lines(s);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "forecast of 18:40, next 30 min, 50 runs");
  EXPECT_EQ(lines[1], "at risk: 2 open orders");
  EXPECT_EQ(lines[2], "monte-carlo  on time 80%  queue 3.8");
  EXPECT_EQ(lines[3], "fontvieille  on time 95%  queue 0.3");
  EXPECT_EQ(lines[4], "condamine  no orders");
  EXPECT_EQ(viz::forecast_lines(s, 1).size(), 3u);
}

TEST(WhatIfMenu, WithoutAStoreItAsksForOne) {
  viz::WhatIfMenu menu;
  menu.toggle(viz::WhatIfMenu::add_riders);
  const auto s = three_stores();
  EXPECT_EQ(menu.lines(s).front(), "what if: click a store first");
  EXPECT_TRUE(menu.alternatives(s).empty());
}

TEST(WhatIfMenu, AlternativesForTheSelectedStore) {
  const auto s = three_stores();
  viz::WhatIfMenu menu;
  menu.set_store(1);  // condamine
  for (auto c : {viz::WhatIfMenu::add_riders, viz::WhatIfMenu::move_riders,
                 viz::WhatIfMenu::add_picker, viz::WhatIfMenu::flip_ordering})
    menu.toggle(c);
  const auto alts = menu.alternatives(s);
  ASSERT_EQ(alts.size(), 4u);
  EXPECT_EQ(alts[0].name, "add 2 riders at condamine");
  EXPECT_EQ(alts[0].actions[0].kind, K::add_riders);
  EXPECT_EQ(alts[0].actions[0].store, 1u);
  EXPECT_EQ(alts[0].actions[0].count, 2);
  // Monte-Carlo has the most idle riders (two); condamine's own idle rider is off shift.
  EXPECT_EQ(alts[1].name, "move 2 idle riders from monte-carlo to condamine");
  EXPECT_EQ(alts[1].actions[0].kind, K::move_riders);
  EXPECT_EQ(alts[1].actions[0].store, 2u);
  EXPECT_EQ(alts[1].actions[0].to, 1u);
  EXPECT_EQ(alts[2].actions[0].kind, K::set_pickers);
  EXPECT_EQ(alts[2].actions[0].count, 4);
  EXPECT_EQ(alts[3].actions[0].kind, K::close_store);
  const auto lines = menu.lines(s);
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0], "what if, at condamine, from now:");
  EXPECT_EQ(lines[1], "[x] 1  add 2 riders at condamine");
  EXPECT_EQ(lines[3], "[x] 3  4 pickers at condamine (now 3)");
  // A closed store's fourth choice opens it; another store clears the choices.
  auto closed = s;
  closed.stores[1].ordering = false;
  EXPECT_EQ(menu.alternatives(closed)[3].actions[0].kind, K::open_store);
  menu.set_store(0);
  EXPECT_TRUE(menu.alternatives(s).empty());
}

TEST(WhatIfMenu, NoRidersToMoveWhenNoOtherStoreHasAnIdleOne) {
  auto s = three_stores();
  viz::WhatIfMenu menu;
  menu.set_store(2);  // monte-carlo: only fontvieille's one idle rider could come
  menu.toggle(viz::WhatIfMenu::move_riders);
  ASSERT_EQ(menu.alternatives(s).size(), 1u);
  EXPECT_EQ(menu.alternatives(s)[0].actions[0].store, 0u);
  s.riders[0].state = 4;  // fontvieille's rider leaves
  EXPECT_TRUE(menu.alternatives(s).empty());
  EXPECT_EQ(menu.lines(s)[2], "[ ] 2  move riders: no other store has an idle rider");
}

TEST(WhatIfMenu, AnswerLinesShowIntervalsAndTheDifference) {
  auto interval = [](const char* name, double mean, double half) {
    model::KpiInterval k;
    k.name = name;
    k.mean = mean;
    k.half_width = half;
    return k;
  };
  std::vector<model::WhatIfOutcome> out(2);
  out[0].name = "as is";
  out[0].kpis = {interval("on_time_share", 0.9, 0.02), interval("late", 4, 1)};
  out[1].name = "add 2 riders at condamine";
  // A level's interval is cut at what it can be: no share over 100%, no negative count.
  out[1].kpis = {interval("on_time_share", 0.99, 0.02), interval("late", 0.2, 0.5)};
  out[1].difference = {interval("on_time_share", 0.03, 0.01), interval("late", -1, 0.5)};
  const auto lines = viz::answer_lines(out);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "as is");
  EXPECT_EQ(lines[1], "  on time 90.0 [88.0, 92.0]%  late 4.0 [3.0, 5.0]");
  EXPECT_EQ(lines[3], "  on time 99.0 [97.0, 100.0]%  late 0.2 [0.0, 0.7]");
  EXPECT_EQ(lines[4], "  vs as is: on time +3.0 [+2.0, +4.0] pts  late -1.0 [-1.5, -0.5]");
}

}  // namespace
