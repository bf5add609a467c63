// The live twin looks ahead: from the synchronised world's state at now, R replications run
// ahead with freshly drawn future demand and service times (model::redraw_future, seed base + r,
// as `halfhour whatif` does), and give per open order the probability it is delivered within its
// promise, with a Wilson score interval (Wilson 1927; Agresti and Coull 1998 recommend it over
// the normal interval for proportions near 0 or 1), and its predicted delivery time (the median
// over the replications that deliver it); and per store the on-time share predicted for the
// orders placed over the horizon and its pick queue.
//
// Each replication runs from now to now + horizon + promise, so orders placed near the
// horizon's end are followed to their promise's end. Replications run in parallel on oneTBB, each
// on its own fork: the paused world is only read. The result does not depend on the threads.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sim/model/world.h"

namespace twin {

struct ForecastOptions {
  int replications = 50;                  // R, >= 1
  sim::Time horizon = 30 * sim::kMinute;  // H, > 0
  std::uint64_t seed = 1;                 // replication r draws with seed + r
  int threads = 0;                        // 0: every core
};

struct OrderForecast {
  std::uint32_t order = 0;  // the world's order id
  std::int32_t store = -1;
  sim::Time placed = 0;
  sim::Time promise_end = 0;  // placed + promise
  double p_on_time = 0;       // share of replications delivering it within its promise
  double lo = 0, hi = 1;      // 95% Wilson interval of p_on_time
  // Median delivery time over the replications that deliver it before they end; kNever if none.
  sim::Time predicted_delivery = sim::kNever;
};

struct StoreForecast {
  std::uint32_t store = 0;
  double placed = 0;  // orders placed in the horizon, mean over replications
  // Of those accepted, the share delivered within the promise, pooled over the replications;
  // NaN with none.
  double on_time_share = 0;
  double queue_mean = 0;  // orders waiting for a picker over the horizon, mean
  double queue_max = 0;   // the largest over the horizon, mean over replications
};

struct Forecast {
  sim::Time at = 0;  // the world's time it was made from
  int replications = 0;
  sim::Time horizon = 0;
  std::vector<OrderForecast> orders;  // the orders open at `at`, most at risk first
  std::vector<StoreForecast> stores;  // by store index
};

// Wilson score interval for `successes` of `n` at 95%: {lo, hi}; {0, 1} for n = 0.
std::pair<double, double> wilson_interval(int successes, int n);

// Forecasts from `paused` (not changed). Throws std::invalid_argument for options out of range.
Forecast forecast(const model::World& paused, const ForecastOptions& opt);

// The forecast as one JSON document: `made_at` (the operation's instant of the world's time,
// start + at), `replications`, `horizon_min`, `orders` most at risk first (`order` by its observed
// id, `store`, `p_on_time`, `lo`, `hi`, `promise_end`, `predicted_delivery` or null) and `stores`
// (`store`, `placed`, `on_time_share` or null, `queue_mean`, `queue_max`). `ids`: the observed id
// of each world order id; `start`: the operation's instant of simulated 0 (ms since the epoch).
std::string forecast_json(const Forecast& f, const std::vector<std::string>& ids,
                          const std::vector<std::string>& store_ids, std::int64_t start);

// The MQTT topic the twin publishes its forecasts on (retained, QoS 1): outside halfhour/v1/#,
// which the twin reads.
inline constexpr const char* kForecastTopic = "halfhour/forecast/v1";

// Forecasts in the background, one at a time, so that ingest never waits for one: start() takes a
// fork of the twin's world and returns at once; `done` is called from the forecast's own thread
// with the result. A start() while one runs is skipped (returns false).
class RollingForecast {
 public:
  using Done = std::function<void(const Forecast&)>;
  RollingForecast(ForecastOptions opt, Done done);
  ~RollingForecast();  // waits for the running forecast
  RollingForecast(const RollingForecast&) = delete;
  RollingForecast& operator=(const RollingForecast&) = delete;

  bool start(std::unique_ptr<model::World> fork);
  bool running() const { return running_; }
  // Waits for the running forecast, if any.
  void wait();
  std::uint64_t made() const { return made_; }

 private:
  ForecastOptions opt_;
  Done done_;
  std::thread thread_;
  std::atomic<bool> running_{false};
  std::atomic<std::uint64_t> made_{0};
};

}  // namespace twin
