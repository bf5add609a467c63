// Batches of the twin's messages: a CloudEvents JSON batch (CloudEvents JSON Event Format 1.0,
// section 4, media type application/cloudevents-batch+json) is a JSON array of events, each one
// a message of sim/twin/SCHEMA.md. A gateway that forwards many riders' pings (a fleet backend,
// the rider apps' aggregator) sends one MQTT message of many events instead of one each: the
// broker's, the publisher's and the twin's cost per MQTT message (system calls, a PUBACK round
// trip) is then paid once per batch (README, Speed). The CloudEvents MQTT binding defines only one
// event per PUBLISH, so this is halfhour's extension, on topics of its own:
// halfhour/v1/batch/<gateway>.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/twin/messages.h"

namespace twin {

// Most events in one batch, and most bytes of a batch (each event is also held to
// Validation::max_bytes).
inline constexpr std::size_t max_batch_events = 10'000;
inline constexpr std::size_t max_batch_bytes = 1024 * 1024;

// Whether `raw` is a batch: its first character that is not JSON whitespace (after a UTF-8 byte
// order mark, which the JSON parser skips too) is '['.
bool is_batch(std::string_view raw);

// Whether `topic` is a batch topic: halfhour/v1/batch/<gateway>, the gateway a topic level of 1
// to 128 characters.
bool is_batch_topic(std::string_view topic);

// The events of a batch, each as its own compact JSON text (what the ingest log keeps and a dead
// letter shows; it parses to the same event), in order. Each is then validated on its own by
// parse_message: an event that is not an object is refused there, and the rest go on. Refuses the
// whole batch (too_large: over max_batch_bytes or max_batch_events; malformed_json: not JSON, not
// an array, or nested deeper than a message may be plus one; topic_mismatch: `topic`, when
// given, not a batch topic).
std::variant<std::vector<std::string>, Rejection> split_batch(std::string_view raw,
                                                              std::string_view topic = {});

// How long a publisher holds a batch open for the messages due after its first: a gateway's
// linger (Kafka's linger.ms), bounding what batching adds to the lag.
inline constexpr std::chrono::milliseconds batch_window{10};

// Paces messages 0..count-1 in batches: message i is due at due(i) (not decreasing); each call
// send(begin, end) gets the messages [begin, end) to go out together, at most `batch` of them.
// With batch 1 each goes alone at its time; else a batch waits batch_window after its first
// message is due and takes what is due by then. With `paced` false nothing waits: batches of
// `batch` as fast as send returns.
void for_each_batch(std::size_t count,
                    const std::function<std::chrono::steady_clock::time_point(std::size_t)>& due,
                    std::size_t batch, bool paced,
                    const std::function<void(std::size_t, std::size_t)>& send);

// The batch of `bodies` (each one message's JSON text, as to_json writes it) as one JSON array.
std::string join_batch(const std::vector<std::string>& bodies);
// `bodies` as as few batches as keep each within `max_bytes`, in order (a body too large for a
// batch of its own goes alone, to be refused as too large where it arrives).
std::vector<std::string> join_batches(const std::vector<std::string>& bodies,
                                      std::size_t max_bytes = max_batch_bytes);

}  // namespace twin
