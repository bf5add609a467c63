// The twin's ingest pipeline, one message at a time:
//   validate (parse_message) -> dedupe (a source's id is accepted once) -> sequence check ->
//   append to the ingest log -> hand on (on_accepted)
// A refused message becomes one dead-letter line and the stream goes on. A batch
// (message_batch.h) goes through it event by event, each logged as its own record and
// dead-lettered on its own; a batch that cannot be split is one dead letter. Opening an existing
// log replays it through the same state (dedupe set, sequence numbers) and hands each record on
// again, marked replayed, so a restarted twin continues exactly where it stopped.
//
// Sequence numbers, per source: s = last + 1 is in step; s > last + 1 is a gap (s - last - 1
// missing: counted and warned, the message accepted); s < last within `reorder_tolerance` fills
// a hole (counted late, accepted), further behind is refused (out_of_order), and a number already
// taken by another id is refused (duplicate_sequence). A source's first message is checked
// against 0, so messages lost before the twin's first are reported as a gap too.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "sim/twin/ingest_log.h"
#include "sim/twin/messages.h"

namespace twin {

struct IngestOptions {
  Validation validation;
  std::uint64_t reorder_tolerance = 1000;    // sequence numbers a late message may lag its source
  std::size_t dead_letter_raw_bytes = 4096;  // a dead letter keeps this much of the message
  IngestLogOptions log;
};

struct IngestCounters {
  std::uint64_t accepted = 0;    // this run, logged and handed on
  std::uint64_t replayed = 0;    // read back from the log at start
  std::uint64_t duplicates = 0;  // same source and id as an accepted one: not applied again
  // gaps, missing and late are the log's, replayed messages included: what is missing stays so.
  std::uint64_t gaps = 0;     // times a source's sequence jumped ahead
  std::uint64_t missing = 0;  // sequence numbers skipped and not (yet) filled by a late one
  std::uint64_t late = 0;     // accepted behind their source's latest, filling a hole
  std::uint64_t batches = 0;  // batches split into their events (this run)
  std::array<std::uint64_t, reason_count> dead{};  // dead-lettered, by Reason
  std::uint64_t dead_total() const;
};

// What became of a message; `batch`: a batch was split, its events' outcomes are in the counters.
enum class Outcome { accepted, duplicate, dead_lettered, batch };

class Ingestor {
 public:
  using Handler = std::function<void(const Message&, bool replayed)>;
  using Warn = std::function<void(const std::string&)>;

  // Opens (or creates) the ingest log in `log_dir` and replays it. Dead letters go to
  // `dead_letters` as NDJSON when given (not owned), else are only counted.
  Ingestor(IngestOptions opt, const std::filesystem::path& log_dir, Handler on_accepted,
           std::ostream* dead_letters = nullptr, Warn warn = {});

  // Takes one raw message or batch (and the MQTT topic it came on, if any).
  Outcome ingest(std::string_view raw, std::string_view topic = {});
  // Takes a message refused before it could be read whole (e.g. an NDJSON line over the size
  // limit): `raw` is its start, `size` its full length.
  void refuse_oversized(std::string_view raw, std::size_t size);
  // Syncs the log and flushes the dead letters if their time has come (call when idle).
  void tick();
  // Syncs the log and flushes the dead letters now.
  void flush();

  const IngestCounters& counters() const { return counters_; }
  // The largest input worth reading whole: a message, or a batch (message_batch.h).
  std::size_t max_bytes() const;
  const IngestLog& log() const { return *log_; }
  // Warnings from opening the log (a torn tail cut off).
  const std::vector<std::string>& log_warnings() const { return log_warnings_; }

 private:
  struct SourceState {
    std::uint64_t last = 0;
    std::set<std::uint64_t> holes;  // skipped numbers within the tolerance of `last`
  };
  // One event: its topic is checked against `check_topic` when that is not empty, and
  // `topic` is what a dead letter shows.
  Outcome ingest_event(std::string_view raw, std::string_view check_topic, std::string_view topic);
  void dead_letter(const Rejection& r, std::string_view raw, std::string_view topic,
                   std::size_t size);
  // Applies the dedupe and sequence rules; a Rejection when refused, or nullopt if accepted
  // (then `duplicate` tells whether it is one).
  std::optional<Rejection> admit(const Message& m, bool& duplicate, bool replaying);

  IngestOptions opt_;
  Handler on_accepted_;
  std::ostream* dead_letters_;
  Warn warn_;
  IngestCounters counters_;
  std::unordered_set<std::string> seen_;  // source '\n' id
  std::unordered_map<std::string, SourceState> sources_;
  std::vector<std::string> log_warnings_;
  std::unique_ptr<IngestLog> log_;
};

// Prints the counters as "accepted 10, replayed 0, duplicates 1, gaps 0 (missing 0), late 0,
// dead-lettered 2 (malformed_json 1, unauthorised 1)", then ", batches 3" when there were any.
std::string describe(const IngestCounters& c);

}  // namespace twin
