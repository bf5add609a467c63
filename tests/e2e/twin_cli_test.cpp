// halfhour twin on the command line: an NDJSON file with good, duplicate, gapped, malformed and
// unknown-store messages, counted as a hand count says; a second run replays the log and accepts
// nothing twice; a remote broker without TLS is refused before connecting.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/e2e/e2e_util.h"

namespace {

std::string ping(const std::string& id, int seq, const std::string& store = "north") {
  return R"({"specversion":"1.0","id":")" + id +
         R"(","source":"rider-app","type":"halfhour.rider.ping.v1","time":"2026-11-30T17:05:00Z","sequence":)" +
         std::to_string(seq) + R"(,"data":{"store":")" + store +
         R"(","rider":"r1","lat":48.85,"lon":2.35,"accuracy_m":10,"speed_mps":3,"time":"2026-11-30T17:05:00Z"}})";
}

}  // namespace

TEST(TwinCli, CountsAcceptsOnceAndReplays) {
  const auto dir = std::filesystem::temp_directory_path() / "halfhour-twin-cli";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto file = dir / "in.ndjson";
  {
    std::ofstream out(file);
    out << ping("a", 1) << '\n'
        << ping("b", 2) << "\r\n"
        << ping("b", 2) << '\n'             // duplicate
        << '\n'                             // blank: ignored
        << "{\"specversion\": 1.0,\n"       // malformed
        << ping("c", 3, "nowhere") << '\n'  // unknown store
        << ping("e", 5) << '\n'             // 3 and 4 missing: gap of 2
        << ping("f", 6);                    // no final newline
  }
  const std::string args =
      "twin " + std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/grid-small.yaml --follow " +
      file.string() + " --stop-at-end --allow-source rider-app --log " + (dir / "log").string();
  auto r = e2e::run_halfhour(args);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("accepted 4, replayed 0, duplicates 1, gaps 1 (missing 2), late 0, "
                       "dead-lettered 2 (malformed_json 1, unknown_store 1)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("sequence jumped from 2 to 5, 2 message(s) missing"), std::string::npos);
  // Again, from stdin: the log is replayed and every message is already there; the gap is the
  // log's, still missing.
  r = e2e::run_halfhour(args.substr(0, args.find("--follow")) + "--follow - --log " +
                        (dir / "log").string() + " < " + file.string());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("accepted 0, replayed 4, duplicates 5, gaps 1 (missing 2)"),
            std::string::npos)
      << r.out;
  std::ifstream dead(dir / "log" / "dead-letters.ndjson");
  int lines = 0;
  for (std::string l; std::getline(dead, l);) ++lines;
  EXPECT_EQ(lines, 4);
  std::filesystem::remove_all(dir);
}

TEST(TwinCli, RemoteBrokerWithoutTlsIsRefused) {
  const auto r =
      e2e::run_halfhour("twin " + std::string(HALFHOUR_SOURCE_DIR) +
                        "/scenarios/grid-small.yaml --mqtt 10.1.2.3:1883 --log " +
                        (std::filesystem::temp_directory_path() / "halfhour-twin-no").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("needs TLS (--mqtt-ca FILE)"), std::string::npos) << r.out;
}
