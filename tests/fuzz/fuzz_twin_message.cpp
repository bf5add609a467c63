// The live twin's message parser and validator (sim/twin/messages.h): any bytes give a Message
// or a Rejection with a reason, nothing else; an accepted message's topic is one it accepts.
#include <cstdint>
#include <string_view>

#include "sim/twin/messages.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  twin::Validation v;
  v.stores = {"S1", "S2"};
  v.sources = {"rider-app", "shop"};
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
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
  return 0;
}
