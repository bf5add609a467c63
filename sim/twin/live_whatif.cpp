#include "sim/twin/live_whatif.h"

#include <chrono>
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "routing/dispatch.h"
#include "sim/model/world.h"
#include "sim/twin/messages.h"

namespace twin {

namespace {

using nlohmann::json;

json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// As output::whatif_json writes an interval (halfhour whatif's whatif.json).
json interval_json(const model::KpiInterval& k) {
  return {{"mean", number(k.mean)},
          {"low", number(k.mean - k.half_width)},
          {"high", number(k.mean + k.half_width)},
          {"sd", number(k.sd)},
          {"n", k.n}};
}

std::string topic_for(const std::string& request) {
  return request.empty() ? kWhatIfRejectedTopic : kWhatIfResultPrefix + request;
}

}  // namespace

WhatIfRules whatif_rules(const model::WorldConfig& config) {
  WhatIfRules r;
  for (const auto& s : config.stores) r.stores.push_back(s.id);
  r.policies = routing::dispatch_policy_names();
  r.default_seed = config.seed + 2;  // the forecasts draw with seed + 1
  return r;
}

std::string whatif_result_json(const WhatIfResult& r, const std::vector<std::string>& stores) {
  json j;
  j["version"] = kWhatIfVersion;
  j["request"] = r.request;
  j["status"] = "done";
  j["made_at"] = format_rfc3339(r.made_at);
  j["horizon_min"] = sim::to_minutes(r.asked.horizon);
  j["replications"] = r.asked.replications;
  j["seed"] = r.asked.seed;
  j["seconds"] = std::round(r.seconds * 1000) / 1000;
  json alts = json::array();
  for (std::size_t a = 0; a < r.outcomes.size(); ++a) {
    const model::WhatIfOutcome& o = r.outcomes[a];
    json x;
    x["name"] = o.name;
    x["actions"] = json::array();
    if (a > 0 && a - 1 < r.asked.alternatives.size())
      for (const auto& action : r.asked.alternatives[a - 1].actions)
        x["actions"].push_back(action_text(action, stores));
    x["applied"] = o.applied;
    x["kpis"] = json::object();
    for (const auto& k : o.kpis) x["kpis"][k.name] = interval_json(k);
    if (a > 0) {
      x["difference"] = json::object();
      for (const auto& k : o.difference) x["difference"][k.name] = interval_json(k);
    }
    alts.push_back(std::move(x));
  }
  j["alternatives"] = std::move(alts);
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

LiveWhatIf::LiveWhatIf(WhatIfRules rules, LiveWhatIfOptions opt, Reply reply)
    : rules_(std::move(rules)), opt_(opt), reply_(std::move(reply)), thread_([this] { work(); }) {}

LiveWhatIf::~LiveWhatIf() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  thread_.join();
}

void LiveWhatIf::reject(WhatIfRejection r) {
  WhatIfReply reply;
  reply.json = whatif_rejection_json(r);
  reply.topic = topic_for(r.request);
  reply.outcome = std::move(r);
  reply_(reply);
}

bool LiveWhatIf::request(std::string_view raw, const model::World& world,
                         std::optional<std::int64_t> start) {
  auto parsed = parse_whatif_request(raw, rules_);
  if (auto* r = std::get_if<WhatIfRejection>(&parsed)) {
    reject(std::move(*r));
    return false;
  }
  auto& q = std::get<WhatIfRequest>(parsed);
  if (!start) {
    reject({q.id, WhatIfReason::not_ready, "", "a twin that has had its first message",
            "no message yet"});
    return false;
  }
  bool full = false;
  {
    std::lock_guard lock(mutex_);
    full = stopping_ || !room();
  }
  // Refused before forking: a busy twin does not copy its world for nothing.
  if (full) {
    reject_busy(q.id);
    return false;
  }
  return submit(world.fork(1), *start, std::move(q));
}

bool LiveWhatIf::submit(std::unique_ptr<model::World> fork, std::int64_t start,
                        WhatIfRequest request) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_ && room()) {
      queue_.push_back({std::move(fork), start, std::move(request)});
      changed_.notify_all();
      return true;
    }
  }
  reject_busy(request.id);
  return false;
}

void LiveWhatIf::reject_busy(const std::string& id) {
  reject({id, WhatIfReason::busy, "",
          "at most " + std::to_string(opt_.queue) + " what-ifs waiting behind the running one",
          "a full queue; ask again when a reply has come"});
}

// The running one and opt_.queue behind it (a job popped but not yet marked running is not
// counted twice: it leaves the queue and sets running_ under the same lock).
bool LiveWhatIf::room() const { return queue_.size() + (running_ ? 1 : 0) <= opt_.queue; }

bool LiveWhatIf::idle() const {
  std::lock_guard lock(mutex_);
  return queue_.empty() && !running_;
}

void LiveWhatIf::wait() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.empty() && !running_; });
}

std::uint64_t LiveWhatIf::answered() const {
  std::lock_guard lock(mutex_);
  return answered_;
}

void LiveWhatIf::work() {
  std::unique_lock lock(mutex_);
  for (;;) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) break;
    Job job = std::move(queue_.front());
    queue_.pop_front();
    running_ = true;
    lock.unlock();
    WhatIfResult result;
    std::optional<WhatIfRejection> failed;
    try {
      const auto t0 = std::chrono::steady_clock::now();
      result.outcomes = model::run_whatif(*job.fork, job.request.alternatives, job.request.horizon,
                                          job.request.replications, job.request.seed, opt_.threads);
      result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    } catch (const std::exception& e) {
      failed = WhatIfRejection{job.request.id, WhatIfReason::failed, "alternatives",
                               "actions the model can apply", e.what()};
    }
    if (failed) {
      reject(std::move(*failed));
    } else {
      result.request = job.request.id;
      result.at = job.fork->now();
      result.made_at = job.start + result.at;
      result.asked = std::move(job.request);
      WhatIfReply reply;
      reply.json = whatif_result_json(result, rules_.stores);
      reply.topic = topic_for(result.request);
      reply.outcome = std::move(result);
      reply_(reply);
    }
    lock.lock();
    if (!failed) ++answered_;
    running_ = false;
    changed_.notify_all();
  }
  // Stopping: what is still queued is answered, not dropped.
  std::deque<Job> left;
  left.swap(queue_);
  lock.unlock();
  for (Job& job : left)
    reject({job.request.id, WhatIfReason::cancelled, "", "a twin that keeps running",
            "the twin stopped before this request ran"});
}

}  // namespace twin
