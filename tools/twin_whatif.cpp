#include "tools/twin_whatif.h"

#include <chrono>

#include <fmt/core.h>

#include "sim/twin/sync.h"

TwinWhatIfs::TwinWhatIfs(const model::WorldConfig& config,
                         const std::optional<twin::MqttOptions>& mqtt, int replications,
                         sim::Time horizon, bool quiet)
    : quiet_(quiet) {
  if (mqtt) {
    twin::MqttOptions po = *mqtt;
    po.client_id += "-whatif";
    out_ = std::make_unique<twin::MqttPublisher>(po);
  }
  twin::WhatIfRules rules = twin::whatif_rules(config);
  rules.default_replications = replications;
  rules.default_horizon = horizon;
  twin::LiveWhatIfOptions opt;
  opt.threads = 0;  // every core
  runner_ = std::make_unique<twin::LiveWhatIf>(std::move(rules), opt,
                                               [this](const twin::WhatIfReply& r) { replied(r); });
}

TwinWhatIfs::~TwinWhatIfs() { runner_.reset(); }

void TwinWhatIfs::add_listener(twin::LiveWhatIf::Reply listener) {
  std::lock_guard lock(mutex_);
  listeners_.push_back(std::move(listener));
}

void TwinWhatIfs::replied(const twin::WhatIfReply& r) {
  std::lock_guard lock(mutex_);
  if (const auto* result = std::get_if<twin::WhatIfResult>(&r.outcome)) {
    ++answered_;
    if (!quiet_)
      fmt::print(stderr,
                 "halfhour twin: what-if {}: {} alternative(s), {} replications, {:.1f} s\n",
                 result->request, result->outcomes.size() - 1, result->asked.replications,
                 result->seconds);
  } else {
    const auto& j = std::get<twin::WhatIfRejection>(r.outcome);
    ++rejected_;
    if (!quiet_)
      fmt::print(stderr, "halfhour twin: what-if {} refused ({}): {}\n",
                 j.request.empty() ? "without an id" : j.request, twin::reason_name(j.reason),
                 j.text());
  }
  if (out_) {
    try {
      out_->publish(r.topic, r.json);
    } catch (const twin::MqttError& e) {
      fmt::print(stderr, "halfhour twin: warning: what-if reply not published: {}\n", e.what());
    }
  }
  for (const auto& l : listeners_) l(r);
}

bool TwinWhatIfs::handle(std::string_view topic, std::string_view payload,
                         const twin::TwinSync& sync) {
  if (topic != twin::kWhatIfRequestTopic) return false;
  runner_->request(payload, sync.world(), sync.start());
  return true;
}

void TwinWhatIfs::ask(twin::WhatIfRequest request) {
  std::lock_guard lock(asked_mutex_);
  asked_.push_back(std::move(request));
  have_asked_ = true;
}

void TwinWhatIfs::poll(const twin::TwinSync& sync) {
  if (!have_asked_.load()) return;
  std::vector<twin::WhatIfRequest> asked;
  {
    std::lock_guard lock(asked_mutex_);
    asked.swap(asked_);
    have_asked_ = false;
  }
  for (auto& q : asked) {
    if (!sync.start()) {
      const twin::WhatIfRejection r{q.id, twin::WhatIfReason::not_ready, "",
                                    "a twin that has had its first message", "no message yet"};
      replied({r, twin::whatif_rejection_json(r), twin::kWhatIfResultPrefix + q.id});
      continue;
    }
    runner_->submit(sync.world().fork(1), *sync.start(), std::move(q));
  }
}

void TwinWhatIfs::finish() {
  runner_->wait();
  if (out_) out_->wait_for_acks(std::chrono::seconds(5));
  std::lock_guard lock(mutex_);
  if (answered_ + rejected_ > 0)
    fmt::print("halfhour twin: {} what-if(s) answered, {} refused\n", answered_, rejected_);
}

TwinWhatIfDesk::TwinWhatIfDesk(TwinWhatIfs& whatifs) : whatifs_(whatifs) {
  whatifs_.add_listener([this](const twin::WhatIfReply& r) {
    std::lock_guard lock(mutex_);
    using S = Answer::Status;
    if (const auto* result = std::get_if<twin::WhatIfResult>(&r.outcome)) {
      if (result->request != newest_) return;
      answer_.status = S::done;
      answer_.at = result->at;
      answer_.seconds = result->seconds;
      answer_.outcomes = result->outcomes;
    } else {
      const auto& j = std::get<twin::WhatIfRejection>(r.outcome);
      if (j.request != newest_) return;
      answer_.status = S::refused;
      answer_.refusal = j.text().empty() ? std::string(twin::reason_name(j.reason)) : j.text();
    }
  });
}

void TwinWhatIfDesk::ask(std::vector<model::WhatIfAlternative> alternatives) {
  const auto& rules = whatifs_.rules();
  twin::WhatIfRequest request;
  request.alternatives = std::move(alternatives);
  request.replications = rules.default_replications;
  request.horizon = rules.default_horizon;
  request.seed = rules.default_seed;
  {
    std::lock_guard lock(mutex_);
    request.id = fmt::format("window-{}", ++asked_);
    newest_ = request.id;
    answer_ = {};
    answer_.status = Answer::Status::running;
  }
  whatifs_.ask(std::move(request));
}

viz::WhatIfDesk::Answer TwinWhatIfDesk::answer() const {
  std::lock_guard lock(mutex_);
  return answer_;
}
