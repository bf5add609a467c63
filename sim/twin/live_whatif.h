// What-ifs on the live twin's state (issue 19): "it is 18:05 now; if I move 3 riders from
// Condamine to Monte-Carlo, how many orders are late over the next 30 minutes?". A request names
// alternatives, each a list of the actions of `halfhour whatif` (sim/model/whatif.h); the twin
// forks its world at the request and runs "as is" and every alternative with R replications and
// common random numbers (model::run_whatif), in the background: ingest never waits for it. The
// reply is each alternative's KPIs over the horizon (mean and 95% interval) and the paired
// difference to "as is", or a rejection with a reason. Request and reply, version 1:
// sim/twin/SCHEMA.md, "What-ifs on the live state".
//
//   twin::LiveWhatIf whatifs(twin::whatif_rules(config), {}, [](const twin::WhatIfReply& r) {
//     publish(r.topic, r.json);  // on the runner's thread, or the caller's for a rejection
//   });
//   whatifs.request(payload, sync.world(), sync.start());  // bytes from MQTT: never throws
//   whatifs.submit(sync.world().fork(1), *sync.start(), request);  // a parsed request (a menu)
//
// Parsing never throws and accepts any bytes (fuzzed: tests/fuzz/fuzz_whatif_request.cpp).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/whatif.h"

namespace model {
class World;
struct WorldConfig;
}  // namespace model

namespace twin {

inline constexpr int kWhatIfVersion = 1;
// Topics (outside halfhour/v1/#, which the twin ingests). Requests are not logged: they do not
// change the world. A reply goes to kWhatIfResultPrefix + the request's id, or, for a request
// without a usable id, to kWhatIfRejectedTopic; QoS 1, not retained.
inline constexpr const char* kWhatIfRequestTopic = "halfhour/whatif/v1/request";
inline constexpr const char* kWhatIfResultPrefix = "halfhour/whatif/v1/result/";
inline constexpr const char* kWhatIfRejectedTopic = "halfhour/whatif/v1/rejected";

// Why a request was refused; the reply's `reason` is the enumerator's name.
enum class WhatIfReason {
  too_large,       // over WhatIfRules::max_bytes
  malformed_json,  // not JSON, or not one object
  bad_request,     // a field missing or of the wrong type, or an unknown version
  unknown_verb,    // an action that is none of the verbs
  unknown_store,   // a store id the scenario does not have
  unknown_policy,  // a dispatch policy that does not exist
  out_of_range,    // a count, the replications, the horizon or a list too large or small
  not_ready,       // the twin has no world yet (no message has come)
  busy,            // the queue is full
  failed,          // the model refused an action (e.g. add riders with no rider group)
  cancelled,       // the twin stopped before the request ran
};
std::string_view reason_name(WhatIfReason r);

struct WhatIfRejection {
  std::string request;  // its id; empty when it had none
  WhatIfReason reason = WhatIfReason::malformed_json;
  std::string field;         // "alternatives[1].actions[0]"; empty: the whole request
  std::string expected;      // what the format wants
  std::string found;         // what came, shortened
  std::string text() const;  // "alternatives[1].actions[0]: expected ..., found ..."
};

// What a request is checked against. whatif_rules() fills stores and policies from a scenario.
struct WhatIfRules {
  std::vector<std::string> stores;    // the scenario's store ids, by index
  std::vector<std::string> policies;  // the dispatch policy names
  std::size_t max_bytes = 16 * 1024;
  int max_alternatives = 8;  // besides "as is"
  int max_actions = 16;      // per alternative
  int max_count = 1000;      // riders added, removed or moved; pickers
  int default_replications = 50;
  int max_replications = 500;
  sim::Time default_horizon = 30 * sim::kMinute;
  sim::Time max_horizon = 4 * sim::kHour;  // and at least 1 minute
  std::uint64_t default_seed = 1;
};
WhatIfRules whatif_rules(const model::WorldConfig& config);

struct WhatIfRequest {
  std::string id;                                      // 1-64 of A-Z a-z 0-9 . _ - (a topic level)
  std::vector<model::WhatIfAlternative> alternatives;  // 1 to max_alternatives
  int replications = 50;
  sim::Time horizon = 30 * sim::kMinute;
  std::uint64_t seed = 1;  // replication r draws with seed + r, the same for every alternative
};

// Parses and validates a request (JSON, see SCHEMA.md). Never throws.
std::variant<WhatIfRequest, WhatIfRejection> parse_whatif_request(std::string_view raw,
                                                                  const WhatIfRules& rules);
// One action in `halfhour whatif`'s words: add-riders:STORE:N, remove-riders:STORE:N,
// move-riders:FROM:TO:N, pickers:STORE:N, close:STORE, open:STORE, policy:NAME (stores by id).
// `field` names it in a rejection. Never throws.
std::variant<model::WhatIfAction, WhatIfRejection> parse_whatif_action(std::string_view text,
                                                                       const WhatIfRules& rules,
                                                                       const std::string& field);
// The inverse: an action in those words ("move-riders:condamine:monte-carlo:3").
std::string action_text(const model::WhatIfAction& a, const std::vector<std::string>& stores);

// The answer to a request.
struct WhatIfResult {
  std::string request;
  sim::Time at = 0;          // the world's time it was forked at
  std::int64_t made_at = 0;  // the operation's instant of `at`, ms since the epoch
  WhatIfRequest asked;       // what was run
  double seconds = 0;        // wall time from the start of the run to its end
  std::vector<model::WhatIfOutcome> outcomes;  // 0: "as is"; then the alternatives, in order
};

// The documents a reply is published as (one JSON object, no newline).
std::string whatif_result_json(const WhatIfResult& r, const std::vector<std::string>& stores);
std::string whatif_rejection_json(const WhatIfRejection& r);

struct WhatIfReply {
  std::variant<WhatIfResult, WhatIfRejection> outcome;
  std::string json;   // whatif_result_json or whatif_rejection_json
  std::string topic;  // where it goes over MQTT
};

struct LiveWhatIfOptions {
  int threads = 0;        // for each run, 0: every core
  std::size_t queue = 2;  // requests waiting behind the running one; more are "busy"
};

// Runs what-ifs in the background, one at a time, in the order they came, on a thread of its
// own; `reply` is called once per request: from that thread with the result (or `failed`,
// `cancelled`), or from the caller's thread, before request()/submit() returns, with a
// rejection found at once. Thread-safe; `reply` must not call back into this object.
class LiveWhatIf {
 public:
  using Reply = std::function<void(const WhatIfReply&)>;
  LiveWhatIf(WhatIfRules rules, LiveWhatIfOptions opt, Reply reply);
  ~LiveWhatIf();  // waits for the running what-if; the queued ones are replied `cancelled`
  LiveWhatIf(const LiveWhatIf&) = delete;
  LiveWhatIf& operator=(const LiveWhatIf&) = delete;

  // Parses `raw` and queues it against a fork of `world` (read now, on the caller's thread: the
  // thread that changes the world). `start`: the operation's instant of the world's time 0,
  // nullopt while the twin has none (a rejection, `not_ready`). Returns true when queued.
  bool request(std::string_view raw, const model::World& world, std::optional<std::int64_t> start);
  // Queues a parsed request against `fork` (a World::fork() of the twin's world, paused at the
  // instant it answers for). Returns true when queued, else replies `busy`.
  bool submit(std::unique_ptr<model::World> fork, std::int64_t start, WhatIfRequest request);

  const WhatIfRules& rules() const { return rules_; }
  bool idle() const;               // nothing running or queued
  void wait();                     // until idle
  std::uint64_t answered() const;  // results delivered (not rejections)

 private:
  struct Job {
    std::unique_ptr<model::World> fork;
    std::int64_t start = 0;
    WhatIfRequest request;
  };
  void reject(WhatIfRejection r);
  void reject_busy(const std::string& id);
  bool room() const;  // with mutex_ held
  void work();

  WhatIfRules rules_;
  LiveWhatIfOptions opt_;
  Reply reply_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  bool running_ = false, stopping_ = false;
  std::uint64_t answered_ = 0;
  std::thread thread_;  // last: started when everything above is ready
};

}  // namespace twin
