// The ingest pipeline: duplicates applied once, sequence gaps reported, late and out-of-order
// messages, dead letters with their reasons, a restart from a log with a torn tail, and 100,000
// bad messages that change nothing.
#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <sstream>

#include "sim/twin/ingest.h"
#include "tests/twin/twin_fixtures.h"

using namespace twin;
using twin_test::ping;

namespace {

// "p" + std::to_string(i), which GCC 12 warns about wrongly (-Wrestrict).
template <class N>
std::string named(const char* prefix, N n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

}  // namespace

TEST(TwinIngest, DuplicatesOnceGapsReportedLateFilled) {
  twin_test::TempDir tmp;
  std::vector<std::string> handed, warnings;
  std::ostringstream dead;
  Ingestor in(
      twin_test::ingest_options(), tmp.path,
      [&](const Message& m, bool) { handed.push_back(m.id); }, &dead,
      [&](const std::string& w) { warnings.push_back(w); });
  EXPECT_EQ(in.ingest(ping("rider-app", "a", 1).dump()), Outcome::accepted);
  EXPECT_EQ(in.ingest(ping("rider-app", "b", 2).dump()), Outcome::accepted);
  EXPECT_EQ(in.ingest(ping("rider-app", "b", 2).dump()), Outcome::duplicate);
  EXPECT_EQ(in.ingest(ping("rider-app", "e", 5).dump()), Outcome::accepted);       // 3, 4 missing
  EXPECT_EQ(in.ingest(ping("rider-app", "c", 3).dump()), Outcome::accepted);       // late, fills 3
  EXPECT_EQ(in.ingest(ping("rider-app", "x", 3).dump()), Outcome::dead_lettered);  // 3 taken
  EXPECT_EQ(in.ingest(ping("rider-app", "j", 12).dump()), Outcome::accepted);      // 6..11 missing
  EXPECT_EQ(in.ingest(ping("rider-app", "f", 6).dump()), Outcome::dead_lettered);  // 6 behind 12
  EXPECT_EQ(in.ingest(ping("rider-app", "g", 7).dump()), Outcome::accepted);       // 5 behind: late
  EXPECT_EQ(in.ingest(ping("shop", "a", 1).dump()), Outcome::accepted);  // same id, other source
  const auto& c = in.counters();
  EXPECT_EQ(c.accepted, 7u);
  EXPECT_EQ(c.duplicates, 1u);
  EXPECT_EQ(c.gaps, 2u);
  EXPECT_EQ(c.late, 2u);
  EXPECT_EQ(c.missing, 2u + 6u - 2u);  // 4, 6, 8, 9, 10, 11
  EXPECT_EQ(c.dead[static_cast<int>(Reason::duplicate_sequence)], 1u);
  EXPECT_EQ(c.dead[static_cast<int>(Reason::out_of_order)], 1u);
  EXPECT_EQ(handed, (std::vector<std::string>{"a", "b", "e", "c", "j", "g", "a"}));
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_EQ(warnings[1],
            "source \"rider-app\": sequence jumped from 5 to 12, 6 message(s) missing");
  const auto letters = twin_test::ndjson_lines(dead.str());
  ASSERT_EQ(letters.size(), 2u);
  EXPECT_EQ(letters[1]["reason"], "out_of_order");
  EXPECT_EQ(letters[1]["found"], "6");
  EXPECT_EQ(nlohmann::json::parse(letters[1]["raw"].get<std::string>())["id"], "f");
  EXPECT_EQ(read_ingest_log(tmp.path).size(), 7u);
}

// Sources that jump to the largest sequence number: the count of what is missing stops at its
// largest value instead of wrapping round to a small one (which would hide the gaps).
TEST(TwinIngest, TheMissingCountSaturates) {
  twin_test::TempDir tmp;
  Ingestor in(twin_test::ingest_options(), tmp.path, {});
  constexpr std::uint64_t most = std::numeric_limits<std::uint64_t>::max();
  EXPECT_EQ(in.ingest(ping("rider-app", "a", most).dump()), Outcome::accepted);
  EXPECT_EQ(in.counters().missing, most - 1);
  EXPECT_EQ(in.ingest(ping("shop", "a", most).dump()), Outcome::accepted);
  EXPECT_EQ(in.counters().gaps, 2u);
  EXPECT_EQ(in.counters().missing, most);
  // A late one fills a hole of rider-app's within the tolerance.
  EXPECT_EQ(in.ingest(ping("rider-app", "b", most - 2).dump()), Outcome::accepted);
  EXPECT_EQ(in.counters().late, 1u);
  EXPECT_EQ(in.counters().missing, most - 1);
}

TEST(TwinIngest, RestartAfterKillContinuesExactly) {
  twin_test::TempDir tmp;
  const auto seg = tmp.path / "segment-00000001.log";
  std::uintmax_t before_last = 0;
  {
    Ingestor in(twin_test::ingest_options(), tmp.path, {});
    for (int i = 1; i <= 20; ++i) {
      if (i == 20) {
        in.flush();
        before_last = std::filesystem::file_size(seg);
      }
      in.ingest(ping("rider-app", named("p", i), static_cast<std::uint64_t>(i)).dump());
    }
  }
  std::filesystem::resize_file(seg, before_last + 30);  // killed while writing message 20
  std::vector<std::string> replayed;
  Ingestor in(twin_test::ingest_options(), tmp.path, [&](const Message& m, bool r) {
    if (r) replayed.push_back(m.id);
  });
  ASSERT_EQ(in.log_warnings().size(), 1u);
  EXPECT_EQ(in.counters().replayed, 19u);
  ASSERT_EQ(replayed.size(), 19u);
  EXPECT_EQ(replayed.front(), "p1");
  EXPECT_EQ(replayed.back(), "p19");
  // The publisher resends what it had no acknowledgement for: 18 and 19 were logged, 20 was not.
  for (int i = 18; i <= 21; ++i)
    in.ingest(ping("rider-app", named("p", i), static_cast<std::uint64_t>(i)).dump());
  EXPECT_EQ(in.counters().duplicates, 2u);
  EXPECT_EQ(in.counters().accepted, 2u);
  EXPECT_EQ(in.counters().gaps, 0u);
  const auto log = read_ingest_log(tmp.path);
  ASSERT_EQ(log.size(), 21u);
  for (int i = 0; i < 21; ++i)
    EXPECT_EQ(nlohmann::json::parse(log[static_cast<std::size_t>(i)])["id"], named("p", i + 1));
}

// 100,000 bad messages from a fixed seed: malformed JSON (random bytes, cut messages), oversized,
// unknown types, unauthorised sources, bad payloads. Each is dead-lettered with the reason it was
// made with; the accepted state (log, counters, dedupe) does not move.
TEST(TwinIngest, HundredThousandBadMessagesChangeNothing) {
  twin_test::TempDir tmp;
  std::ostringstream dead;
  IngestOptions opt = twin_test::ingest_options();
  opt.validation.max_bytes = 2048;
  opt.dead_letter_raw_bytes = 64;
  Ingestor in(opt, tmp.path, {}, &dead);
  ASSERT_EQ(in.ingest(ping("rider-app", "ok", 1).dump()), Outcome::accepted);
  std::mt19937_64 rng(18);
  const std::string good = ping("rider-app", "bad", 2).dump();
  std::array<std::uint64_t, reason_count> made{};
  constexpr int n = 100000;
  for (int i = 0; i < n; ++i) {
    std::string raw;
    Reason why;
    switch (rng() % 6) {
      case 0: {  // random bytes, never a JSON object: the first is not '{'
        raw.resize(rng() % 200);
        for (auto& ch : raw) ch = static_cast<char>(rng() % 256);
        if (!raw.empty() && (raw[0] == '{' || raw[0] == ' ')) raw[0] = '#';
        why = Reason::malformed_json;
        break;
      }
      case 1:  // a good message cut short
        raw = good.substr(0, rng() % (good.size() - 1));
        why = Reason::malformed_json;
        break;
      case 2: {
        auto j = ping("rider-app", "big", 3);
        j["data"]["pad"] = std::string(2048 + rng() % 4096, 'x');
        raw = j.dump();
        why = Reason::too_large;
        break;
      }
      case 3: {
        auto j = ping("rider-app", named("t", i), 3);
        j["type"] = "halfhour.rider.x" + std::to_string(rng() % 1000) + ".v1";
        raw = j.dump();
        why = Reason::unknown_type;
        break;
      }
      case 4:
        raw = ping(named("src-", rng() % 100), "u", 3).dump();
        why = Reason::unauthorised;
        break;
      default: {
        auto j = ping("rider-app", named("v", i), 3);
        j["data"]["lat"] = 90.0 + 1.0 + static_cast<double>(rng() % 1000);
        raw = j.dump();
        why = Reason::bad_payload;
      }
    }
    ++made[static_cast<std::size_t>(why)];
    ASSERT_EQ(in.ingest(raw), Outcome::dead_lettered) << i << ": " << raw;
  }
  in.flush();
  const auto& c = in.counters();
  EXPECT_EQ(c.accepted, 1u);
  EXPECT_EQ(c.duplicates, 0u);
  EXPECT_EQ(c.gaps, 0u);
  EXPECT_EQ(c.dead_total(), static_cast<std::uint64_t>(n));
  for (int r = 0; r < reason_count; ++r)
    EXPECT_EQ(c.dead[static_cast<std::size_t>(r)], made[static_cast<std::size_t>(r)])
        << reason_name(static_cast<Reason>(r));
  std::istringstream letters(dead.str());
  std::array<std::uint64_t, reason_count> lettered{};
  int lines = 0;
  for (std::string l; std::getline(letters, l); ++lines) {
    const auto j = nlohmann::json::parse(l);
    for (int r = 0; r < reason_count; ++r)
      if (j["reason"] == reason_name(static_cast<Reason>(r)))
        ++lettered[static_cast<std::size_t>(r)];
    ASSERT_LE(j["raw"].get<std::string>().size(), 64u * 3);  // bytes as UTF-8 replacements
  }
  EXPECT_EQ(lines, n);
  EXPECT_EQ(lettered, made);
  ASSERT_EQ(read_ingest_log(tmp.path).size(), 1u);
  // The one accepted message is still the only one: its duplicate is refused, the next in line.
  EXPECT_EQ(in.ingest(ping("rider-app", "ok", 1).dump()), Outcome::duplicate);
  EXPECT_EQ(in.ingest(ping("rider-app", "next", 2).dump()), Outcome::accepted);
  EXPECT_EQ(in.counters().gaps, 0u);
}
