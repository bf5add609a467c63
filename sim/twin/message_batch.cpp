#include "sim/twin/message_batch.h"

#include <thread>

#include <nlohmann/json.hpp>

#include "sim/twin/json_text.h"

namespace twin {

bool is_batch(std::string_view raw) {
  if (raw.substr(0, 3) == "\xEF\xBB\xBF") raw.remove_prefix(3);  // a UTF-8 byte order mark
  const auto at = raw.find_first_not_of(" \t\r\n");
  return at != std::string_view::npos && raw[at] == '[';
}

bool is_batch_topic(std::string_view topic) {
  constexpr std::string_view prefix = "halfhour/v1/batch/";
  if (topic.substr(0, prefix.size()) != prefix) return false;
  const std::string_view gateway = topic.substr(prefix.size());
  if (gateway.empty() || gateway.size() > 128) return false;
  for (const char c : gateway)
    if (c == '/' || c == '+' || c == '#' || static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

std::variant<std::vector<std::string>, Rejection> split_batch(std::string_view raw,
                                                              std::string_view topic) {
  using nlohmann::json;
  if (!topic.empty() && !is_batch_topic(topic)) {
    std::string found = shorten(std::string(topic));
    found.insert(found.begin(), '"');
    found += '"';
    return Rejection{Reason::topic_mismatch, "(topic)", "halfhour/v1/batch/<gateway> for a batch",
                     std::move(found)};
  }
  if (raw.size() > max_batch_bytes)
    return Rejection{Reason::too_large, "",
                     "a batch of at most " + std::to_string(max_batch_bytes) + " bytes",
                     std::to_string(raw.size()) + " bytes"};
  if (nested_deeper_than(raw, max_message_depth + 1))
    return Rejection{Reason::malformed_json, "",
                     "a batch nested at most " + std::to_string(max_message_depth + 1) + " deep",
                     "deeper nesting"};
  json j = json::parse(raw, nullptr, false);
  if (j.is_discarded() || !j.is_array())
    return Rejection{Reason::malformed_json, "", "a JSON array of events (a CloudEvents batch)",
                     j.is_discarded() ? "not JSON" : describe(j)};
  if (j.size() > max_batch_events)
    return Rejection{Reason::too_large, "",
                     "a batch of at most " + std::to_string(max_batch_events) + " events",
                     std::to_string(j.size()) + " events"};
  std::vector<std::string> events;
  events.reserve(j.size());
  for (const json& e : j) events.push_back(e.dump(-1, ' ', false, json::error_handler_t::replace));
  return events;
}

void for_each_batch(std::size_t count,
                    const std::function<std::chrono::steady_clock::time_point(std::size_t)>& due,
                    std::size_t batch, bool paced,
                    const std::function<void(std::size_t, std::size_t)>& send) {
  for (std::size_t i = 0; i < count;) {
    std::size_t end = i + 1;
    if (paced) {
      const auto close = batch > 1 ? due(i) + batch_window : due(i);
      std::this_thread::sleep_until(close);
      while (end < count && end - i < batch && due(end) <= close) ++end;
    } else {
      end = std::min(count, i + batch);
    }
    send(i, end);
    i = end;
  }
}

std::vector<std::string> join_batches(const std::vector<std::string>& bodies,
                                      std::size_t max_bytes) {
  std::vector<std::string> out;
  std::vector<std::string> part;
  std::size_t bytes = 1;  // '[' and the commas so far; ']' is counted with each body
  for (const std::string& b : bodies) {
    if (!part.empty() && bytes + b.size() + 1 > max_bytes) {
      out.push_back(join_batch(part));
      part.clear();
      bytes = 1;
    }
    part.push_back(b);
    bytes += b.size() + 1;
  }
  if (!part.empty() || bodies.empty()) out.push_back(join_batch(part));
  return out;
}

std::string join_batch(const std::vector<std::string>& bodies) {
  std::size_t n = 2;
  for (const auto& b : bodies) n += b.size() + 1;
  std::string s;
  s.reserve(n);
  s += '[';
  for (std::size_t i = 0; i < bodies.size(); ++i) {
    if (i) s += ',';
    s += bodies[i];
  }
  s += ']';
  return s;
}

}  // namespace twin
