// What-ifs on the live state (sim/twin/live_whatif.h): every kind of bad request is refused with
// its reason and where, any bytes give a request or a rejection; the background runner answers
// as model::run_whatif does directly, a closed city delivers nothing, more riders for a city short
// of them cut its late orders, and a full queue, a twin without a world, an action the model
// refuses and a stop with requests waiting are each answered, never dropped.
#include "sim/twin/live_whatif.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/model/world.h"
#include "tests/model/world_fixtures.h"

namespace {

using model::testing::grid;
using model::testing::two_store_city;
using nlohmann::json;
using Kind = model::WhatIfAction::Kind;
using twin::WhatIfReason;
constexpr double kSpacing = 100;
constexpr sim::Time kFork = 2 * sim::kHour;
constexpr std::int64_t kStart = 1796108400000LL;  // 2026-12-01T07:00:00Z

twin::WhatIfRules rules() { return twin::whatif_rules(two_store_city(3)); }

json request(json alternatives) {
  return {{"version", 1}, {"id", "q-1"}, {"alternatives", std::move(alternatives)}};
}

json one(const std::string& action) { return request({{{"name", "try"}, {"actions", {action}}}}); }

twin::WhatIfRejection rejected(const std::string& raw) {
  auto r = twin::parse_whatif_request(raw, rules());
  if (!std::holds_alternative<twin::WhatIfRejection>(r)) {
    ADD_FAILURE() << "accepted: " << raw;
    return {};
  }
  return std::get<twin::WhatIfRejection>(r);
}

void expect_refused(const json& j, WhatIfReason reason, const std::string& field) {
  const auto r = rejected(j.dump());
  EXPECT_EQ(twin::reason_name(r.reason), twin::reason_name(reason)) << j.dump() << ": " << r.text();
  EXPECT_EQ(r.field, field) << j.dump();
  EXPECT_FALSE(r.expected.empty());
}

TEST(LiveWhatIfRequest, AValidRequestGivesTheActionsOfHalfhourWhatif) {
  json j = request({{{"name", "move 3"}, {"actions", {"move-riders:west:east:3"}}},
                    {{"name", "all"},
                     {"actions",
                      {"add-riders:east:2", "remove-riders:west:1", "pickers:west:5", "close:east",
                       "open:east", "policy:nearest_idle"}}}});
  j["replications"] = 20;
  j["horizon_min"] = 45;
  j["seed"] = 7;
  const auto r = twin::parse_whatif_request(j.dump(), rules());
  ASSERT_TRUE(std::holds_alternative<twin::WhatIfRequest>(r))
      << std::get<twin::WhatIfRejection>(r).text();
  const auto& q = std::get<twin::WhatIfRequest>(r);
  EXPECT_EQ(q.id, "q-1");
  EXPECT_EQ(q.replications, 20);
  EXPECT_EQ(q.horizon, 45 * sim::kMinute);
  EXPECT_EQ(q.seed, 7u);
  ASSERT_EQ(q.alternatives.size(), 2u);
  const auto& m = q.alternatives[0].actions.at(0);
  EXPECT_EQ(m.kind, Kind::move_riders);
  EXPECT_EQ(m.store, 0u);
  EXPECT_EQ(m.to, 1u);
  EXPECT_EQ(m.count, 3);
  const std::vector<Kind> kinds = {Kind::add_riders,  Kind::remove_riders, Kind::set_pickers,
                                   Kind::close_store, Kind::open_store,    Kind::set_policy};
  ASSERT_EQ(q.alternatives[1].actions.size(), kinds.size());
  for (std::size_t k = 0; k < kinds.size(); ++k)
    EXPECT_EQ(q.alternatives[1].actions[k].kind, kinds[k]) << k;
  // Each action written back in the same words.
  const std::vector<std::string> stores = {"west", "east"};
  EXPECT_EQ(twin::action_text(m, stores), "move-riders:west:east:3");
  for (std::size_t k = 0; k < kinds.size(); ++k)
    EXPECT_EQ(twin::action_text(q.alternatives[1].actions[k], stores),
              j["alternatives"][1]["actions"][k].get<std::string>());
  // The defaults: the rules' replications, horizon and seed.
  const auto d = twin::parse_whatif_request(one("close:west").dump(), rules());
  ASSERT_TRUE(std::holds_alternative<twin::WhatIfRequest>(d));
  EXPECT_EQ(std::get<twin::WhatIfRequest>(d).replications, 50);
  EXPECT_EQ(std::get<twin::WhatIfRequest>(d).horizon, 30 * sim::kMinute);
  EXPECT_EQ(std::get<twin::WhatIfRequest>(d).seed, two_store_city(3).seed + 2);
}

TEST(LiveWhatIfRequest, NotJsonTooLargeOrTooDeepIsRefusedWithoutAnId) {
  for (const std::string raw : {"", "{", "not json", "{\"id\": \"q\",}", "[1, 2]", "42", "null",
                                "\"q-1\"", "{\"id\": \"\xff\xfe\"}"}) {
    const auto r = rejected(raw);
    EXPECT_EQ(r.reason, WhatIfReason::malformed_json) << raw << ": " << r.text();
    EXPECT_EQ(r.request, "");
  }
  json big = one("close:west");
  big["alternatives"][0]["name"] = std::string(20000, 'x');
  EXPECT_EQ(rejected(big.dump()).reason, WhatIfReason::too_large);
  EXPECT_EQ(rejected(std::string(100, '[') + std::string(100, ']')).reason,
            WhatIfReason::malformed_json);
}

TEST(LiveWhatIfRequest, AMissingOrBadIdIsRefusedAndAfterItTheRejectionNamesTheRequest) {
  json j = one("close:west");
  j.erase("id");
  expect_refused(j, WhatIfReason::bad_request, "id");
  for (const json& id : {json(""), json("a/b"), json("a+b"), json("#"), json(std::string(65, 'a')),
                         json(7), json(nullptr)}) {
    j["id"] = id;
    expect_refused(j, WhatIfReason::bad_request, "id");
    EXPECT_EQ(rejected(j.dump()).request, "");
  }
  j = one("close:west");
  j["version"] = 2;
  expect_refused(j, WhatIfReason::bad_request, "version");
  EXPECT_EQ(rejected(j.dump()).request, "q-1");
  j.erase("version");
  expect_refused(j, WhatIfReason::bad_request, "version");
  j = one("close:west");
  j["replication"] = 10;  // a typo is not ignored
  expect_refused(j, WhatIfReason::bad_request, "replication");
}

TEST(LiveWhatIfRequest, UnknownVerbsStoresAndPoliciesAreNamed) {
  expect_refused(one("fire-riders:west:2"), WhatIfReason::unknown_verb,
                 "alternatives[0].actions[0]");
  expect_refused(one(""), WhatIfReason::unknown_verb, "alternatives[0].actions[0]");
  expect_refused(one("close:north"), WhatIfReason::unknown_store, "alternatives[0].actions[0]");
  expect_refused(one("close:0"), WhatIfReason::unknown_store, "alternatives[0].actions[0]");
  expect_refused(one("move-riders:west:north:2"), WhatIfReason::unknown_store,
                 "alternatives[0].actions[0]");
  expect_refused(one("policy:fastest"), WhatIfReason::unknown_policy, "alternatives[0].actions[0]");
  const auto r = rejected(one("close:north").dump());
  EXPECT_NE(r.expected.find("west, east"), std::string::npos) << r.expected;
  EXPECT_EQ(r.found, "north");
  // The second action of the second alternative is the one named.
  const json j = request({{{"name", "a"}, {"actions", {"close:west"}}},
                          {{"name", "b"}, {"actions", {"open:west", "close:south"}}}});
  expect_refused(j, WhatIfReason::unknown_store, "alternatives[1].actions[1]");
}

TEST(LiveWhatIfRequest, CountsAndSizesOutOfRange) {
  const std::string at = "alternatives[0].actions[0]";
  expect_refused(one("add-riders:west:1001"), WhatIfReason::out_of_range, at);
  expect_refused(one("pickers:west:99999999"), WhatIfReason::out_of_range, at);
  expect_refused(one("add-riders:west:-1"), WhatIfReason::bad_request, at);
  expect_refused(one("add-riders:west:two"), WhatIfReason::bad_request, at);
  expect_refused(one("add-riders:west:99999999999999999999"), WhatIfReason::bad_request, at);
  expect_refused(one("add-riders:west"), WhatIfReason::bad_request, at);
  expect_refused(one("close:west:now"), WhatIfReason::bad_request, at);
  expect_refused(one("move-riders:west:west:2"), WhatIfReason::bad_request, at);
  json j = one("close:west");
  for (const json& r : {json(0), json(501), json(-3), json(1e3)}) {
    j["replications"] = r;
    expect_refused(j,
                   r.is_number_integer() ? WhatIfReason::out_of_range : WhatIfReason::bad_request,
                   "replications");
  }
  j["replications"] = "50";
  expect_refused(j, WhatIfReason::bad_request, "replications");
  j = one("close:west");
  for (const int h : {0, 241}) {
    j["horizon_min"] = h;
    expect_refused(j, WhatIfReason::out_of_range, "horizon_min");
  }
  expect_refused(request(json::array()), WhatIfReason::out_of_range, "alternatives");
  json nine = json::array();
  for (int k = 0; k < 9; ++k)
    nine.push_back({{"name", "a" + std::to_string(k)}, {"actions", {"close:west"}}});
  expect_refused(request(nine), WhatIfReason::out_of_range, "alternatives");
  expect_refused(request({{{"name", "a"}, {"actions", json::array()}}}), WhatIfReason::out_of_range,
                 "alternatives[0].actions");
  expect_refused(request({{{"name", "a"}, {"actions", json::array({"close:west"})}},
                          {{"name", "a"}, {"actions", json::array({"open:west"})}}}),
                 WhatIfReason::bad_request, "alternatives[1].name");
  expect_refused(request({{{"name", "as is"}, {"actions", {"close:west"}}}}),
                 WhatIfReason::bad_request, "alternatives[0].name");
  expect_refused(request({{{"actions", {"close:west"}}}}), WhatIfReason::bad_request,
                 "alternatives[0].name");
  expect_refused(request({{{"name", "a"}, {"actions", {7}}}}), WhatIfReason::bad_request,
                 "alternatives[0].actions[0]");
  expect_refused(request({"close:west"}), WhatIfReason::bad_request, "alternatives[0]");
}

TEST(LiveWhatIfRequest, AnyBytesGiveARequestOrARejectionWithAReason) {
  std::mt19937_64 rng(19);
  const std::string valid = one("move-riders:west:east:3").dump();
  for (int k = 0; k < 20000; ++k) {
    std::string raw = valid;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % raw.size();
      switch (rng() % 3) {
        case 0:
          raw[at] = static_cast<char>(rng());
          break;
        case 1:
          raw.erase(at, 1 + rng() % 8);
          break;
        default:
          raw.insert(at, 1, "{}[]\":,0-9e"[rng() % 11]);
      }
      if (raw.empty()) raw.push_back('x');
    }
    const auto r = twin::parse_whatif_request(raw, rules());
    if (const auto* j = std::get_if<twin::WhatIfRejection>(&r)) {
      ASSERT_FALSE(j->expected.empty()) << raw;
      ASSERT_FALSE(
          json::parse(twin::whatif_rejection_json(*j))["reason"].get<std::string>().empty());
    }
  }
}

TEST(LiveWhatIfRequest, TheRejectionDocument) {
  const json j = json::parse(twin::whatif_rejection_json(rejected(one("close:north").dump())));
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["request"], "q-1");
  EXPECT_EQ(j["status"], "rejected");
  EXPECT_EQ(j["reason"], "unknown_store");
  EXPECT_EQ(j["field"], "alternatives[0].actions[0]");
  EXPECT_NE(j["text"].get<std::string>().find("found north"), std::string::npos);
  EXPECT_TRUE(json::parse(twin::whatif_rejection_json(rejected("{")))["request"].is_null());
}

// The replies a LiveWhatIf gives, collected from whichever thread.
struct Replies {
  std::mutex mutex;
  std::vector<twin::WhatIfReply> got;
  twin::LiveWhatIf::Reply callback() {
    return [this](const twin::WhatIfReply& r) {
      std::lock_guard lock(mutex);
      got.push_back(r);
    };
  }
};

struct Paused {
  std::shared_ptr<const routing::RoadNetwork> net = grid(21, 21, kSpacing);
  std::unique_ptr<model::World> world;
  explicit Paused(const model::WorldConfig& w) {
    world = std::make_unique<model::World>(w, net, 1);
    world->run_until(kFork);
  }
};

const model::KpiInterval& kpi(const std::vector<model::KpiInterval>& ks, const std::string& name) {
  for (const auto& k : ks)
    if (k.name == name) return k;
  throw std::out_of_range(name);
}

TEST(LiveWhatIf, AnswersAsRunWhatifDoesAndAsTheActionsMean) {
  Paused p(two_store_city(1, 90));  // short of riders
  const json j = {
      {"version", 1},
      {"id", "r-1"},
      {"replications", 8},
      {"horizon_min", 60},
      {"seed", 3},
      {"alternatives",
       {{{"name", "more riders"}, {"actions", {"add-riders:west:10", "add-riders:east:10"}}},
        {{"name", "closed"}, {"actions", {"close:west", "close:east"}}},
        {{"name", "move"}, {"actions", {"move-riders:west:east:1"}}}}}};
  Replies replies;
  {
    twin::LiveWhatIf whatifs(twin::whatif_rules(two_store_city(1, 90)), {}, replies.callback());
    EXPECT_TRUE(whatifs.request(j.dump(), *p.world, kStart));
    whatifs.wait();
    EXPECT_EQ(whatifs.answered(), 1u);
  }
  ASSERT_EQ(replies.got.size(), 1u);
  const auto& reply = replies.got[0];
  EXPECT_EQ(reply.topic, "halfhour/whatif/v1/result/r-1");
  ASSERT_TRUE(std::holds_alternative<twin::WhatIfResult>(reply.outcome)) << reply.json;
  const auto& result = std::get<twin::WhatIfResult>(reply.outcome);
  EXPECT_EQ(result.at, kFork);
  EXPECT_EQ(result.made_at, kStart + kFork);
  ASSERT_EQ(result.outcomes.size(), 4u);

  // The same as run_whatif called directly on the paused world.
  const auto parsed = std::get<twin::WhatIfRequest>(
      twin::parse_whatif_request(j.dump(), twin::whatif_rules(two_store_city(1, 90))));
  const auto direct =
      model::run_whatif(*p.world, parsed.alternatives, sim::kHour, 8, 3, /*threads=*/1);
  for (std::size_t a = 0; a < 4; ++a)
    for (std::size_t r = 0; r < 8; ++r) {
      EXPECT_EQ(result.outcomes[a].runs[r].late, direct[a].runs[r].late) << a << " " << r;
      EXPECT_EQ(result.outcomes[a].runs[r].orders, direct[a].runs[r].orders) << a << " " << r;
    }

  // Independent of run_whatif: the same demand in every alternative (common random numbers) ...
  for (std::size_t a = 1; a < 4; ++a)
    EXPECT_EQ(kpi(result.outcomes[a].difference, "orders").mean, 0) << a;
  // ... more riders for a city short of them: fewer late orders, beyond the interval ...
  const auto& late = kpi(result.outcomes[1].difference, "late");
  EXPECT_LT(late.mean + late.half_width, 0) << late.mean;
  EXPECT_GE(kpi(result.outcomes[1].difference, "on_time_share").mean, 0);
  // ... and a city with both stores closed takes no order of the horizon: none on time.
  EXPECT_GT(kpi(result.outcomes[2].kpis, "orders").mean, 20);
  EXPECT_EQ(kpi(result.outcomes[2].kpis, "on_time").mean, 0);
  EXPECT_EQ(kpi(result.outcomes[2].kpis, "rejected").mean,
            kpi(result.outcomes[2].kpis, "orders").mean);

  // The document: "as is" and three alternatives with their actions, KPIs and differences.
  const json doc = json::parse(reply.json);
  EXPECT_EQ(doc["request"], "r-1");
  EXPECT_EQ(doc["status"], "done");
  EXPECT_EQ(doc["made_at"], "2026-12-01T09:00:00.000Z");
  EXPECT_EQ(doc["replications"], 8);
  EXPECT_EQ(doc["horizon_min"], 60);
  ASSERT_EQ(doc["alternatives"].size(), 4u);
  EXPECT_EQ(doc["alternatives"][0]["name"], "as is");
  EXPECT_FALSE(doc["alternatives"][0].contains("difference"));
  EXPECT_EQ(doc["alternatives"][3]["actions"][0], "move-riders:west:east:1");
  const json& d = doc["alternatives"][1]["difference"]["late"];
  EXPECT_LT(d["high"].get<double>(), 0);
  EXPECT_LE(d["low"].get<double>(), d["mean"].get<double>());
  EXPECT_EQ(doc["alternatives"][2]["kpis"]["on_time"]["mean"], 0);
}

TEST(LiveWhatIf, NotReadyBusyFailedAndCancelledAreAnswered) {
  Paused p(two_store_city(3));
  const std::string slow = json{{"version", 1},
                                {"id", "slow"},
                                {"replications", 100},
                                {"horizon_min", 60},
                                {"alternatives", {{{"name", "a"}, {"actions", {"close:west"}}}}}}
                               .dump();
  Replies replies;
  // The first result is held (the runner counts a what-if as running until its reply returns)
  // until the three requests are in, so that the first still runs when the third comes however
  // the threads are scheduled.
  std::mutex gate_mutex;
  std::condition_variable gate_changed;
  bool gate_open = false;
  auto open_gate = [&] {
    {
      std::lock_guard lock(gate_mutex);
      gate_open = true;
    }
    gate_changed.notify_all();
  };
  const auto record = replies.callback();
  std::thread opener_thread;
  {
    twin::LiveWhatIfOptions opt;
    opt.queue = 1;
    opt.threads = 1;
    twin::LiveWhatIf whatifs(twin::whatif_rules(two_store_city(3)), opt,
                             [&](const twin::WhatIfReply& r) {
                               if (std::holds_alternative<twin::WhatIfResult>(r.outcome)) {
                                 std::unique_lock lock(gate_mutex);
                                 gate_changed.wait(lock, [&] { return gate_open; });
                               }
                               record(r);
                             });
    // Leaving the scope, whatever the checks below do, the gate opens 100 ms later from another
    // thread: by then the runner's destructor has marked it stopping, so the waiting request is
    // cancelled, not run.
    const std::shared_ptr<void> opener(nullptr, [&](void*) {
      opener_thread = std::thread([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        open_gate();
      });
    });
    // No start yet: the twin has had no message.
    EXPECT_FALSE(whatifs.request(slow, *p.world, std::nullopt));
    // One running (or about to), one waiting, the third is busy, at once.
    EXPECT_TRUE(whatifs.request(slow, *p.world, kStart));
    EXPECT_TRUE(whatifs.request(slow, *p.world, kStart));
    EXPECT_FALSE(whatifs.request(slow, *p.world, kStart));
    std::lock_guard lock(replies.mutex);
    ASSERT_EQ(replies.got.size(), 2u);  // (the held result cannot have come)
    EXPECT_EQ(std::get<twin::WhatIfRejection>(replies.got[0].outcome).reason,
              WhatIfReason::not_ready);
    EXPECT_EQ(std::get<twin::WhatIfRejection>(replies.got[1].outcome).reason, WhatIfReason::busy);
    EXPECT_EQ(replies.got[1].topic, "halfhour/whatif/v1/result/slow");
    EXPECT_EQ(json::parse(replies.got[1].json)["reason"], "busy");
  }  // stops: the running one ends, the waiting one is cancelled
  opener_thread.join();
  ASSERT_EQ(replies.got.size(), 4u);
  // The first ran to its end, or had not started when the runner stopped (then cancelled too).
  if (const auto* first = std::get_if<twin::WhatIfRejection>(&replies.got[2].outcome)) {
    EXPECT_EQ(first->reason, WhatIfReason::cancelled);
  }
  const auto* cancelled = std::get_if<twin::WhatIfRejection>(&replies.got[3].outcome);
  ASSERT_NE(cancelled, nullptr);
  EXPECT_EQ(cancelled->reason, WhatIfReason::cancelled);

  // The model refuses to add riders to a city without a rider group: `failed`, with its words.
  model::WorldConfig none = two_store_city(3);
  none.riders.clear();
  Paused q(none);
  Replies failed;
  {
    twin::LiveWhatIf whatifs(twin::whatif_rules(none), {}, failed.callback());
    EXPECT_TRUE(whatifs.request(one("add-riders:west:2").dump(), *q.world, kStart));
    whatifs.wait();
  }
  ASSERT_EQ(failed.got.size(), 1u);
  const auto& r = std::get<twin::WhatIfRejection>(failed.got[0].outcome);
  EXPECT_EQ(r.reason, WhatIfReason::failed);
  EXPECT_EQ(r.request, "q-1");
  EXPECT_NE(r.found.find("no rider group"), std::string::npos) << r.found;
}

}  // namespace
