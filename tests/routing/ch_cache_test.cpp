#include "routing/ch_cache.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "routing/ch_query.h"
#include "routing/dimacs_import.h"
#include "routing/vehicle_profile.h"

namespace fs = std::filesystem;

namespace {

using routing::CacheOutcome;

class CHCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("halfhour-ch-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    net_ = std::make_unique<routing::RoadNetwork>(
        routing::import_dimacs(std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/rome99.gr"));
    std::array<float, routing::kRoadClassCount> free_flow;
    free_flow.fill(1.0f);
    arcs_ = routing::travel_time_metric(*net_, *routing::vehicle_profile("car", 1000), free_flow);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Distances of a fixed set of pairs, to compare hierarchies by what they answer.
  std::vector<routing::Weight> answers(const routing::ContractionHierarchy& ch) const {
    routing::CHQuery q(ch);
    std::vector<routing::Weight> out;
    for (routing::NodeId s = 0; s < net_->node_count(); s += 97)
      for (routing::NodeId t = 5; t < net_->node_count(); t += 131) out.push_back(q.distance(s, t));
    return out;
  }
  routing::ContractionHierarchy build_via(const std::string& file, CacheOutcome* outcome) const {
    return routing::load_or_build_hierarchy(file, net_->node_count(), arcs_, 1, outcome);
  }

  fs::path dir_;
  std::unique_ptr<routing::RoadNetwork> net_;
  std::vector<routing::MetricArc> arcs_;
};

TEST_F(CHCache, SecondLoadComesFromTheFileAndAnswersTheSame) {
  const std::string file = (dir_ / "rome.ch").string();
  CacheOutcome first, second;
  const auto built = build_via(file, &first);
  EXPECT_EQ(first, CacheOutcome::built_and_saved);
  const auto loaded = build_via(file, &second);
  EXPECT_EQ(second, CacheOutcome::loaded);
  EXPECT_EQ(answers(built), answers(loaded));
  // Nothing but the cache file is left in the folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(CHCache, CorruptedFileIsRebuilt) {
  const std::string file = (dir_ / "rome.ch").string();
  CacheOutcome outcome;
  const auto reference = answers(build_via(file, &outcome));
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(file) / 2));
    char c;
    f.read(&c, 1);
    f.seekp(static_cast<std::streamoff>(fs::file_size(file) / 2));
    c = static_cast<char>(c ^ 0x5a);
    f.write(&c, 1);
  }
  EXPECT_FALSE(routing::CHSerializer::load(
      file, routing::ContractionHierarchy::checksum(net_->node_count(), arcs_)));
  EXPECT_EQ(answers(build_via(file, &outcome)), reference);
  EXPECT_EQ(outcome, CacheOutcome::built_and_saved);
  build_via(file, &outcome);
  EXPECT_EQ(outcome, CacheOutcome::loaded);
}

TEST_F(CHCache, TruncatedOrEmptyFileIsRebuilt) {
  const std::string file = (dir_ / "rome.ch").string();
  CacheOutcome outcome;
  build_via(file, &outcome);
  fs::resize_file(file, fs::file_size(file) - 100);
  build_via(file, &outcome);
  EXPECT_EQ(outcome, CacheOutcome::built_and_saved);
  std::ofstream(file, std::ios::trunc).close();
  build_via(file, &outcome);
  EXPECT_EQ(outcome, CacheOutcome::built_and_saved);
}

TEST_F(CHCache, FileWithBytesAfterItsChecksumIsRebuilt) {
  const std::string file = (dir_ / "rome.ch").string();
  CacheOutcome outcome;
  const auto reference = answers(build_via(file, &outcome));
  std::ofstream(file, std::ios::app | std::ios::binary) << "trailing";
  EXPECT_FALSE(routing::CHSerializer::load(
      file, routing::ContractionHierarchy::checksum(net_->node_count(), arcs_)));
  EXPECT_EQ(answers(build_via(file, &outcome)), reference);
  EXPECT_EQ(outcome, CacheOutcome::built_and_saved);
}

TEST_F(CHCache, FileOfAnotherMetricIsRebuilt) {
  const std::string file = (dir_ / "rome.ch").string();
  CacheOutcome outcome;
  build_via(file, &outcome);
  arcs_[10].weight += 1000;  // the map changed under the cache
  const auto rebuilt = build_via(file, &outcome);
  EXPECT_EQ(outcome, CacheOutcome::built_and_saved);
  EXPECT_EQ(rebuilt.source_checksum(),
            routing::ContractionHierarchy::checksum(net_->node_count(), arcs_));
}

TEST_F(CHCache, UnwritableFolderStillGivesAHierarchy) {
  const std::string file = (dir_ / "missing-folder" / "rome.ch").string();
  CacheOutcome outcome;
  const auto ch = build_via(file, &outcome);
  EXPECT_EQ(outcome, CacheOutcome::built_not_saved);
  EXPECT_EQ(ch.node_count(), net_->node_count());
  EXPECT_FALSE(fs::exists(dir_ / "missing-folder"));
}

// A hierarchy written before edges carried their transport modes (format version 2) came from
// another network: even whole and with its own checksum right, it is rebuilt.
TEST(CHCacheVersion, AFileOfTheFormerVersionIsRebuilt) {
  const fs::path dir = fs::temp_directory_path() / ("halfhour-ch-v2-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const routing::RoadNetwork net({{0, 0}, {0, 0.01}}, {{0, 1, 1000, 30, routing::RoadClass::grid},
                                                       {1, 0, 1000, 30, routing::RoadClass::grid}});
  std::array<float, routing::kRoadClassCount> free_flow;
  free_flow.fill(1.0f);
  const auto arcs =
      routing::travel_time_metric(net, *routing::vehicle_profile("car", 30), free_flow);
  const std::string file = (dir / "two.ch").string();
  CacheOutcome outcome;
  routing::load_or_build_hierarchy(file, net.node_count(), arcs, 1, &outcome);
  ASSERT_EQ(outcome, CacheOutcome::built_and_saved);
  // Rewrite it as version 2: the magic's last byte, then the trailing FNV-1a of the bytes before.
  std::string bytes;
  {
    std::ifstream in(file, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  ASSERT_EQ(bytes.substr(0, 8), "HHCH0003");
  bytes[7] = '2';
  std::uint64_t h = 1469598103934665603ull;
  for (std::size_t i = 0; i + 8 < bytes.size(); ++i) {
    h ^= static_cast<unsigned char>(bytes[i]);
    h *= 1099511628211ull;
  }
  std::memcpy(bytes.data() + bytes.size() - 8, &h, 8);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_FALSE(routing::CHSerializer::load(
      file, routing::ContractionHierarchy::checksum(net.node_count(), arcs)));
  routing::load_or_build_hierarchy(file, net.node_count(), arcs, 1, &outcome);
  EXPECT_EQ(outcome, CacheOutcome::built_and_saved);
  fs::remove_all(dir);
}

}  // namespace
