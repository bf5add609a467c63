// CloudEvents batches (sim/twin/message_batch.h): each event of a batch goes through the ingest
// on its own (validated, deduplicated, sequence-checked, logged as its own record and replayed as
// one), a batch that cannot be split is one dead letter, batches keep to their topics, and a
// publisher's batches hold what is due within the window.
#include <gtest/gtest.h>

#include <sstream>

#include "sim/twin/ingest.h"
#include "sim/twin/message_batch.h"
#include "tests/twin/twin_fixtures.h"

using namespace twin;
using twin_test::ping;

TEST(TwinBatch, EachEventIsIngestedOnItsOwnAndReplayedAsItsOwnRecord) {
  twin_test::TempDir tmp;
  std::vector<std::string> handed;
  std::ostringstream dead;
  const std::string topic = "halfhour/v1/batch/gw-1";
  const nlohmann::json unknown_store = ping("rider-app", "d", 4, "S9");
  {
    Ingestor in(
        twin_test::ingest_options(), tmp.path,
        [&](const Message& m, bool) { handed.push_back(m.id); }, &dead);
    ASSERT_EQ(in.ingest(ping("rider-app", "a", 1).dump()), Outcome::accepted);
    const nlohmann::json batch = nlohmann::json::array(
        {ping("rider-app", "b", 2), 17, ping("rider-app", "a", 1), ping("shop", "b", 1),
         unknown_store, ping("rider-app", "c", 3, "S2")});
    EXPECT_EQ(in.ingest(batch.dump(), topic), Outcome::batch);
    // Accepted: a, then b, shop's b and c of the batch; 17 and the unknown store refused on their
    // own; the second a is a duplicate.
    EXPECT_EQ(handed, (std::vector<std::string>{"a", "b", "b", "c"}));
    const IngestCounters& c = in.counters();
    EXPECT_EQ(c.accepted, 4u);
    EXPECT_EQ(c.duplicates, 1u);
    EXPECT_EQ(c.batches, 1u);
    EXPECT_EQ(c.dead[static_cast<std::size_t>(Reason::malformed_json)], 1u);
    EXPECT_EQ(c.dead[static_cast<std::size_t>(Reason::unknown_store)], 1u);
    EXPECT_EQ(c.dead_total(), 2u);
    in.flush();
  }
  const auto letters = twin_test::ndjson_lines(dead.str());
  ASSERT_EQ(letters.size(), 2u);
  EXPECT_EQ(letters[0]["reason"], "malformed_json");
  EXPECT_EQ(letters[0]["raw"], "17");
  EXPECT_EQ(letters[0]["topic"], topic);
  EXPECT_EQ(letters[1]["reason"], "unknown_store");
  EXPECT_EQ(nlohmann::json::parse(letters[1]["raw"].get<std::string>()), unknown_store);

  // The log holds the four events as four records: a restart hands them on again, the same.
  std::vector<Message> replayed;
  Ingestor again(twin_test::ingest_options(), tmp.path, [&](const Message& m, bool r) {
    if (r) replayed.push_back(m);
  });
  ASSERT_EQ(replayed.size(), 4u);
  EXPECT_EQ(again.counters().replayed, 4u);
  EXPECT_EQ(replayed[3].id, "c");
  EXPECT_EQ(replayed[3].sequence, 3u);
  EXPECT_EQ(std::get<RiderPing>(replayed[3].data).store, "S2");
  EXPECT_DOUBLE_EQ(std::get<RiderPing>(replayed[3].data).lat, 43.7384);
  // What was in the batch is a duplicate now, and the sequence goes on from it.
  EXPECT_EQ(again.ingest(ping("rider-app", "c", 3).dump()), Outcome::duplicate);
  EXPECT_EQ(again.ingest(ping("rider-app", "e", 4).dump()), Outcome::accepted);
  EXPECT_EQ(again.counters().gaps, 0u);
}

TEST(TwinBatch, ABatchThatCannotBeSplitIsOneDeadLetter) {
  twin_test::TempDir tmp;
  std::ostringstream dead;
  std::size_t handed = 0;
  Ingestor in(
      twin_test::ingest_options(), tmp.path, [&](const Message&, bool) { ++handed; }, &dead);
  const std::string one = nlohmann::json::array({ping("rider-app", "a", 1)}).dump();
  // Not JSON; a message on a batch topic; a batch on a message's topic; too many events; nested
  // deeper than a message may be plus one.
  std::string unclosed = ping("rider-app", "a", 1).dump();
  unclosed.insert(unclosed.begin(), '[');
  EXPECT_EQ(in.ingest(unclosed), Outcome::dead_lettered);
  EXPECT_EQ(in.ingest(ping("rider-app", "a", 1).dump(), "halfhour/v1/batch/gw"),
            Outcome::dead_lettered);
  EXPECT_EQ(in.ingest(one, "halfhour/v1/S1/rider/r7"), Outcome::dead_lettered);
  std::string many = "[";
  for (std::size_t i = 0; i <= max_batch_events; ++i) many += i ? ",{}" : "{}";
  many += "]";
  EXPECT_EQ(in.ingest(many), Outcome::dead_lettered);
  EXPECT_EQ(in.ingest(std::string(34, '[') + std::string(34, ']')), Outcome::dead_lettered);
  EXPECT_EQ(handed, 0u);
  const IngestCounters& c = in.counters();
  EXPECT_EQ(c.dead[static_cast<std::size_t>(Reason::malformed_json)], 2u);
  EXPECT_EQ(c.dead[static_cast<std::size_t>(Reason::topic_mismatch)], 2u);
  EXPECT_EQ(c.dead[static_cast<std::size_t>(Reason::too_large)], 1u);
  EXPECT_EQ(c.batches, 0u);
  // The same batch on a batch topic, or from a file (no topic), is taken.
  EXPECT_EQ(in.ingest(one, "halfhour/v1/batch/gw"), Outcome::batch);
  EXPECT_EQ(c.accepted, 1u);
  EXPECT_EQ(in.ingest("  \n[]"), Outcome::batch);
  EXPECT_EQ(c.batches, 2u);
  EXPECT_EQ(twin_test::ndjson_lines(dead.str()).size(), 5u);
}

TEST(TwinBatch, BatchTopicsAreTheirOwn) {
  EXPECT_TRUE(is_batch_topic("halfhour/v1/batch/gw-1"));
  EXPECT_FALSE(is_batch_topic("halfhour/v1/batch/"));
  EXPECT_FALSE(is_batch_topic("halfhour/v1/batch/gw/1"));
  EXPECT_FALSE(is_batch_topic("halfhour/v1/batch/g+w"));
  EXPECT_FALSE(is_batch_topic("halfhour/v1/S1/rider/r7"));
  EXPECT_FALSE(is_batch_topic("halfhour/v1/batch/" + std::string(129, 'g')));
  EXPECT_TRUE(is_batch(" \t\r\n[1]"));
  EXPECT_TRUE(is_batch("\xEF\xBB\xBF[1]"));  // after a byte order mark, as the parser reads it
  EXPECT_FALSE(is_batch("{\"a\": [1]}"));
  EXPECT_FALSE(is_batch(""));
  EXPECT_EQ(join_batch({"{\"a\":1}", "{}"}), "[{\"a\":1},{}]");
  EXPECT_EQ(join_batch({}), "[]");
  // Within a byte limit: [a,b] is 5 bytes, [a,b,c] 7.
  const std::vector<std::string> abc{"a", "b", "c"};
  EXPECT_EQ(join_batches(abc, 5), (std::vector<std::string>{"[a,b]", "[c]"}));
  EXPECT_EQ(join_batches(abc, 7), (std::vector<std::string>{"[a,b,c]"}));
  EXPECT_EQ(join_batches(abc, 2), (std::vector<std::string>{"[a]", "[b]", "[c]"}));
  EXPECT_EQ(join_batches({}, 7), (std::vector<std::string>{"[]"}));
}

TEST(TwinBatch, APublishersBatchHoldsWhatIsDueWithinTheWindow) {
  using std::chrono::milliseconds;
  const auto t0 = std::chrono::steady_clock::now();
  // Due at 0, 1, 2, 30 and 31 ms (the window is 10 ms), then a message 60 ms on.
  const std::vector<milliseconds> at{milliseconds(0),  milliseconds(1),  milliseconds(2),
                                     milliseconds(30), milliseconds(31), milliseconds(60)};
  const auto due = [&](std::size_t i) { return t0 + at[i]; };
  auto groups = [&](std::size_t batch, bool paced) {
    std::vector<std::pair<std::size_t, std::size_t>> g;
    for_each_batch(at.size(), due, batch, paced, [&](std::size_t i, std::size_t end) {
      EXPECT_GE(std::chrono::steady_clock::now(), paced ? due(end - 1) : t0);
      g.emplace_back(i, end);
    });
    return g;
  };
  using G = std::vector<std::pair<std::size_t, std::size_t>>;
  EXPECT_EQ(groups(10, true), (G{{0, 3}, {3, 5}, {5, 6}}));
  EXPECT_EQ(groups(2, true), (G{{0, 2}, {2, 3}, {3, 5}, {5, 6}}));
  EXPECT_EQ(groups(1, true), (G{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}}));
  EXPECT_EQ(groups(4, false), (G{{0, 4}, {4, 6}}));
}
