// The live twin's message parser and validator (sim/twin/messages.h): any bytes give a Message
// or a Rejection with a reason, nothing else; an accepted message's topic is one it accepts. Bytes
// that look like a batch (sim/twin/message_batch.h) are split, and each event goes the same way.
#include <cstdint>
#include <string_view>

#include "sim/twin/message_batch.h"
#include "sim/twin/messages.h"

namespace {

void check(std::string_view raw, const twin::Validation& v) {
  const auto r = twin::parse_message(raw, v);
  if (const auto* m = std::get_if<twin::Message>(&r)) {
    if (m->sequence == 0 || !v.sources.count(m->source)) __builtin_trap();
    const std::string topic = twin::topic_of(*m);
    if (!std::holds_alternative<twin::Message>(twin::parse_message(raw, v, topic)))
      __builtin_trap();
  } else {
    const auto& j = std::get<twin::Rejection>(r);
    if (j.expected.empty() || j.text().empty()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  twin::Validation v;
  v.stores = {"S1", "S2"};
  v.sources = {"rider-app", "shop"};
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  if (twin::is_batch(raw)) {
    const auto split = twin::split_batch(raw);
    if (const auto* events = std::get_if<std::vector<std::string>>(&split)) {
      if (events->size() > twin::max_batch_events) __builtin_trap();
      for (const auto& e : *events) check(e, v);
    } else if (std::get<twin::Rejection>(split).expected.empty()) {
      __builtin_trap();
    }
    return 0;
  }
  check(raw, v);
  return 0;
}
