// halfhour twin's what-ifs on the live state (sim/twin/live_whatif.h): requests from MQTT
// (twin::kWhatIfRequestTopic) and from the window's menu, answered in the background from a fork
// of the twin's world; each reply is published (with --mqtt), printed in one line and handed to
// the listeners. The world is forked only on the thread that applies messages to it (handle(),
// poll()); ask() may be called from any thread (the window's).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string_view>
#include <vector>

#include "sim/twin/live_whatif.h"
#include "sim/twin/mqtt_publisher.h"
#include "viz/whatif_menu.h"

namespace twin {
class TwinSync;
}

class TwinWhatIfs {
 public:
  // `mqtt`: where replies are published (a client of its own, "<client id>-whatif"); nullopt: no
  // broker, replies only go to the listeners. `replications`, `horizon`: a request's defaults.
  // Throws twin::MqttError when the broker cannot be reached.
  TwinWhatIfs(const model::WorldConfig& config, const std::optional<twin::MqttOptions>& mqtt,
              int replications, sim::Time horizon, bool quiet);
  ~TwinWhatIfs();

  // Called with every reply, on the runner's thread or the ingest thread; add before requests.
  void add_listener(twin::LiveWhatIf::Reply listener);
  // On the ingest thread: a message from MQTT. Returns false when `topic` is not the request
  // topic (the message is then the ingest's).
  bool handle(std::string_view topic, std::string_view payload, const twin::TwinSync& sync);
  // From any thread (the window's menu): runs `request` from the world as the ingest thread
  // next sees it (poll()).
  void ask(twin::WhatIfRequest request);
  // On the ingest thread, after each message and when idle: forks for what ask() queued.
  void poll(const twin::TwinSync& sync);
  // Waits for the running and queued what-ifs, for the broker's acknowledgements (5 s at most),
  // and prints how many were answered.
  void finish();

  const twin::WhatIfRules& rules() const { return runner_->rules(); }

 private:
  void replied(const twin::WhatIfReply& r);

  bool quiet_;
  std::unique_ptr<twin::MqttPublisher> out_;
  std::mutex mutex_;  // out_, listeners_, counters; LiveWhatIf replies from two threads
  std::vector<twin::LiveWhatIf::Reply> listeners_;
  std::uint64_t answered_ = 0, rejected_ = 0;
  std::mutex asked_mutex_;
  std::vector<twin::WhatIfRequest> asked_;
  std::atomic<bool> have_asked_{false};
  std::unique_ptr<twin::LiveWhatIf> runner_;  // last: destroyed first, it replies to the above
};

// The window's what-if menu on the live twin: each ask() is a request "window-<n>" with the
// twin's defaults (replications, horizon, seed); the answer is that of the newest request, an
// older one's being ignored when it comes (a running what-if cannot be stopped).
class TwinWhatIfDesk : public viz::WhatIfDesk {
 public:
  // Listens to `whatifs`' replies: make it before the first request.
  explicit TwinWhatIfDesk(TwinWhatIfs& whatifs);
  void ask(std::vector<model::WhatIfAlternative> alternatives) override;
  Answer answer() const override;

 private:
  TwinWhatIfs& whatifs_;
  mutable std::mutex mutex_;
  Answer answer_;
  std::uint64_t asked_ = 0;
  std::string newest_;
};
