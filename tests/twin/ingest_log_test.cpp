// The ingest log: records back as written, a torn tail (what kill -9 leaves mid-write) cut off
// with a warning, damage elsewhere refused, segments rolled.
#include <gtest/gtest.h>

#include <fstream>

#include <boost/crc.hpp>

#include "sim/twin/ingest_log.h"
#include "tests/twin/twin_fixtures.h"

using namespace twin;

namespace {

std::vector<std::string> reopen(const std::filesystem::path& dir,
                                std::vector<std::string>& warnings) {
  std::vector<std::string> back;
  IngestLog log(
      dir, {}, [&](std::string_view r) { back.emplace_back(r); }, warnings);
  return back;
}

}  // namespace

TEST(TwinIngestLog, RecordLayoutIsLengthCrcBytes) {
  twin_test::TempDir tmp;
  std::vector<std::string> warnings;
  {
    IngestLog log(
        tmp.path, {}, [](std::string_view) {}, warnings);
    log.append("hello");
  }
  std::ifstream in(tmp.path / "segment-00000001.log", std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), {}};
  ASSERT_EQ(bytes.size(), 8u + 8u + 5u);
  EXPECT_EQ(bytes.substr(0, 8), std::string("HHTLOG1\n"));
  EXPECT_EQ(bytes.substr(8, 4), std::string("\x05\0\0\0", 4));
  // CRC-32 of "hello" is 0x3610a686 (zlib's crc32, the same polynomial).
  EXPECT_EQ(bytes.substr(12, 4), std::string("\x86\xa6\x10\x36", 4));
  EXPECT_EQ(bytes.substr(16), "hello");
}

TEST(TwinIngestLog, TornTailIsCutAndTheRestComesBack) {
  twin_test::TempDir tmp;
  std::vector<std::string> warnings;
  std::vector<std::string> written;
  std::uintmax_t size_before_last = 0;
  {
    IngestLog log(
        tmp.path, {}, [](std::string_view) {}, warnings);
    for (int i = 0; i < 50; ++i) {
      if (i == 49) size_before_last = std::filesystem::file_size(tmp.path / "segment-00000001.log");
      written.push_back("record " + std::to_string(i) +
                        std::string(static_cast<std::size_t>(i), 'x'));
      log.append(written.back());
    }
  }
  const auto seg = tmp.path / "segment-00000001.log";
  // Cut the last record in its middle, as a process killed during write() leaves it.
  std::filesystem::resize_file(seg, size_before_last + 8 + 10);
  auto back = reopen(tmp.path, warnings);
  ASSERT_EQ(back.size(), 49u);
  for (std::size_t i = 0; i < back.size(); ++i) EXPECT_EQ(back[i], written[i]);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("torn tail of 18 bytes"), std::string::npos) << warnings[0];
  EXPECT_EQ(std::filesystem::file_size(seg), size_before_last);
  // A reopened log appends after its last whole record.
  {
    warnings.clear();
    IngestLog log(
        tmp.path, {}, [](std::string_view) {}, warnings);
    EXPECT_EQ(log.records(), 49u);
    log.append("after");
  }
  back = reopen(tmp.path, warnings);
  ASSERT_EQ(back.size(), 50u);
  EXPECT_EQ(back.back(), "after");
  EXPECT_TRUE(warnings.empty());
}

TEST(TwinIngestLog, ACorruptedLastRecordIsATornTail) {
  twin_test::TempDir tmp;
  std::vector<std::string> warnings;
  {
    IngestLog log(
        tmp.path, {}, [](std::string_view) {}, warnings);
    log.append("first");
    log.append("second");
  }
  const auto seg = tmp.path / "segment-00000001.log";
  {
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-1, std::ios::end);
    f.put('X');  // "seconX": the CRC no longer matches
  }
  const auto back = reopen(tmp.path, warnings);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0], "first");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("CRC-32"), std::string::npos);
}

// A byte flipped in the middle of the last segment (a disk's damage, not a crash): the records
// after it are not a torn tail to cut off, so reopening stops with the file and the byte offset,
// and the file is left as it was.
TEST(TwinIngestLog, ACorruptedRecordWithRecordsAfterItIsAnError) {
  twin_test::TempDir tmp;
  std::vector<std::string> warnings;
  {
    IngestLog log(
        tmp.path, {}, [](std::string_view) {}, warnings);
    for (const char* r : {"first", "second", "third"}) log.append(r);
  }
  const auto seg = tmp.path / "segment-00000001.log";
  const auto size = std::filesystem::file_size(seg);
  {
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(8 + 8 + 5 + 8 + 2);  // header, "first", then the third byte of "second"
    f.put('X');
  }
  try {
    reopen(tmp.path, warnings);
    ADD_FAILURE() << "reopened a log damaged in the middle";
  } catch (const IngestLogError& e) {
    EXPECT_NE(std::string(e.what()).find("segment-00000001.log"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("damaged at byte 21"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(std::filesystem::file_size(seg), size);
}

TEST(TwinIngestLog, SegmentsRollAndDamageInAnEarlierOneIsAnError) {
  twin_test::TempDir tmp;
  std::vector<std::string> warnings;
  IngestLogOptions opt;
  opt.segment_bytes = 100;  // header 8 + each record 8 + 30 = 38: two records a segment
  {
    IngestLog log(
        tmp.path, opt, [](std::string_view) {}, warnings);
    for (int i = 0; i < 5; ++i) log.append(std::string(30, static_cast<char>('a' + i)));
  }
  EXPECT_TRUE(std::filesystem::exists(tmp.path / "segment-00000003.log"));
  EXPECT_FALSE(std::filesystem::exists(tmp.path / "segment-00000004.log"));
  const auto all = read_ingest_log(tmp.path);
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[4], std::string(30, 'e'));
  std::filesystem::resize_file(tmp.path / "segment-00000001.log", 60);
  EXPECT_THROW(reopen(tmp.path, warnings), IngestLogError);
  EXPECT_THROW(read_ingest_log(tmp.path), IngestLogError);
}

TEST(TwinIngestLog, SyncsInBatches) {
  twin_test::TempDir tmp;
  std::vector<std::string> warnings;
  IngestLogOptions opt;
  opt.sync_records = 10;
  opt.sync_ms = std::chrono::hours(1);
  IngestLog log(
      tmp.path, opt, [](std::string_view) {}, warnings);
  for (int i = 0; i < 35; ++i) log.append("r");
  EXPECT_EQ(log.syncs(), 3u);
  log.tick();  // the 5 unsynced are younger than an hour
  EXPECT_EQ(log.syncs(), 3u);
  log.sync();
  EXPECT_EQ(log.syncs(), 4u);
}
