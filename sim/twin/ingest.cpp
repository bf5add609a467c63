#include "sim/twin/ingest.h"

#include <algorithm>
#include <chrono>
#include <limits>

#include <nlohmann/json.hpp>

#include "sim/twin/message_batch.h"

namespace twin {

std::uint64_t IngestCounters::dead_total() const {
  std::uint64_t n = 0;
  for (const auto d : dead) n += d;
  return n;
}

Ingestor::Ingestor(IngestOptions opt, const std::filesystem::path& log_dir, Handler on_accepted,
                   std::ostream* dead_letters, Warn warn)
    : opt_(std::move(opt)),
      on_accepted_(std::move(on_accepted)),
      dead_letters_(dead_letters),
      warn_(std::move(warn)) {
  // What was accepted once is read back as it was, whatever today's allow-list and stores.
  Validation replay_rules;
  replay_rules.max_bytes = max_record_bytes;
  std::uint64_t at = 0;
  log_ = std::make_unique<IngestLog>(
      log_dir, opt_.log,
      [&](std::string_view record) {
        ++at;
        auto parsed = parse_message(record, replay_rules);
        if (auto* r = std::get_if<Rejection>(&parsed))
          throw IngestLogError("ingest log " + log_dir.string() + ": record " + std::to_string(at) +
                               " does not read back: " + r->text());
        const auto& m = std::get<Message>(parsed);
        bool duplicate = false;
        if (admit(m, duplicate, true) || duplicate)
          throw IngestLogError("ingest log " + log_dir.string() + ": record " + std::to_string(at) +
                               " (" + m.source + " " + m.id +
                               ") repeats or contradicts an earlier one");
        ++counters_.replayed;
        if (on_accepted_) on_accepted_(m, true);
      },
      log_warnings_);
}

std::optional<Rejection> Ingestor::admit(const Message& m, bool& duplicate, bool replaying) {
  std::string key = m.source;
  key += '\n';
  key += m.id;
  if (seen_.count(key)) {
    duplicate = true;
    return std::nullopt;
  }
  auto& s = sources_[m.source];
  const std::uint64_t tol = opt_.reorder_tolerance;
  if (m.sequence <= s.last) {
    if (s.last - m.sequence > tol)
      return Rejection{Reason::out_of_order, "sequence",
                       "at most " + std::to_string(tol) + " behind the source's latest " +
                           std::to_string(s.last),
                       std::to_string(m.sequence)};
    if (!s.holes.erase(m.sequence))
      return Rejection{Reason::duplicate_sequence, "sequence",
                       "a number not yet taken by another id of source \"" + m.source + "\"",
                       std::to_string(m.sequence)};
    ++counters_.late;
    if (counters_.missing > 0) --counters_.missing;
  } else {
    if (m.sequence > s.last + 1) {
      const std::uint64_t skipped = m.sequence - s.last - 1;
      ++counters_.gaps;
      // Saturates: a source may jump to 2^64 - 1 (a hostile or broken sequence number).
      if (__builtin_add_overflow(counters_.missing, skipped, &counters_.missing))
        counters_.missing = std::numeric_limits<std::uint64_t>::max();
      const std::uint64_t from = m.sequence - std::min(skipped, tol);
      for (std::uint64_t q = from; q < m.sequence; ++q) s.holes.insert(q);
      if (warn_ && !replaying)
        warn_("source \"" + m.source + "\": sequence jumped from " + std::to_string(s.last) +
              " to " + std::to_string(m.sequence) + ", " + std::to_string(skipped) +
              " message(s) missing");
    }
    s.last = m.sequence;
    const std::uint64_t floor = s.last > tol ? s.last - tol : 0;
    while (!s.holes.empty() && *s.holes.begin() < floor) s.holes.erase(s.holes.begin());
  }
  seen_.insert(std::move(key));
  return std::nullopt;
}

std::size_t Ingestor::max_bytes() const {
  return std::max(opt_.validation.max_bytes, max_batch_bytes);
}

Outcome Ingestor::ingest(std::string_view raw, std::string_view topic) {
  if (!is_batch(raw)) return ingest_event(raw, topic, topic);
  auto events = split_batch(raw, topic);
  if (auto* r = std::get_if<Rejection>(&events)) {
    dead_letter(*r, raw, topic, raw.size());
    return Outcome::dead_lettered;
  }
  ++counters_.batches;
  for (const std::string& e : std::get<std::vector<std::string>>(events))
    ingest_event(e, {}, topic);
  return Outcome::batch;
}

Outcome Ingestor::ingest_event(std::string_view raw, std::string_view check_topic,
                               std::string_view topic) {
  auto parsed = parse_message(raw, opt_.validation, check_topic);
  if (auto* r = std::get_if<Rejection>(&parsed)) {
    dead_letter(*r, raw, topic, raw.size());
    return Outcome::dead_lettered;
  }
  const auto& m = std::get<Message>(parsed);
  bool duplicate = false;
  if (auto r = admit(m, duplicate, false)) {
    dead_letter(*r, raw, topic, raw.size());
    return Outcome::dead_lettered;
  }
  if (duplicate) {
    ++counters_.duplicates;
    return Outcome::duplicate;
  }
  log_->append(raw);
  ++counters_.accepted;
  if (on_accepted_) on_accepted_(m, false);
  return Outcome::accepted;
}

void Ingestor::refuse_oversized(std::string_view raw, std::size_t size) {
  dead_letter({Reason::too_large, "",
               "a message of at most " + std::to_string(opt_.validation.max_bytes) +
                   " bytes or a batch of at most " + std::to_string(max_batch_bytes),
               std::to_string(size) + " bytes"},
              raw, {}, size);
}

void Ingestor::dead_letter(const Rejection& r, std::string_view raw, std::string_view topic,
                           std::size_t size) {
  ++counters_.dead[static_cast<std::size_t>(r.reason)];
  if (!dead_letters_) return;
  using nlohmann::json;
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  json line = {{"received", format_rfc3339(now)},
               {"reason", reason_name(r.reason)},
               {"field", r.field},
               {"expected", r.expected},
               {"found", r.found},
               {"bytes", size},
               {"raw", std::string(raw.substr(0, opt_.dead_letter_raw_bytes))}};
  if (!topic.empty()) line["topic"] = std::string(topic);
  if (raw.size() > opt_.dead_letter_raw_bytes || size > raw.size()) line["truncated"] = true;
  *dead_letters_ << line.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
}

void Ingestor::tick() {
  log_->tick();
  if (dead_letters_) dead_letters_->flush();
}

void Ingestor::flush() {
  log_->sync();
  if (dead_letters_) dead_letters_->flush();
}

std::string describe(const IngestCounters& c) {
  std::string s = "accepted " + std::to_string(c.accepted) + ", replayed " +
                  std::to_string(c.replayed) + ", duplicates " + std::to_string(c.duplicates) +
                  ", gaps " + std::to_string(c.gaps) + " (missing " + std::to_string(c.missing) +
                  "), late " + std::to_string(c.late) + ", dead-lettered " +
                  std::to_string(c.dead_total());
  std::string by;
  for (int i = 0; i < reason_count; ++i)
    if (c.dead[static_cast<std::size_t>(i)])
      by += (by.empty() ? "" : ", ") + std::string(reason_name(static_cast<Reason>(i))) + " " +
            std::to_string(c.dead[static_cast<std::size_t>(i)]);
  if (!by.empty()) s += " (" + by + ")";
  if (c.batches) s += ", batches " + std::to_string(c.batches);
  return s;
}

}  // namespace twin
