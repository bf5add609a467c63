#include "routing/dimacs_import.h"

#include <gtest/gtest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <tuple>

#include "routing/map_import.h"

namespace fs = std::filesystem;

namespace {

const std::string kMaps = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/";

class DimacsFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("halfhour-dimacs-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const auto p = (dir_ / name).string();
    std::ofstream(p) << text;
    return p;
  }
  // The message of the MapError that importing `path` throws.
  static std::string error_of(const std::string& path) {
    try {
      routing::import_dimacs(path);
    } catch (const routing::MapError& e) {
      return e.what();
    }
    return "no error";
  }
  fs::path dir_;
};

TEST_F(DimacsFiles, ReadsArcsWeightsAndCoordinates) {
  const auto gr = write("tiny.gr",
                        "c a triangle and a tail\np sp 3 4\na 1 2 100\na 2 3 250\na 3 1 70\n"
                        "a 2 1 40\n");
  write("tiny.co", "p aux sp co 3\nv 1 7420000 43730000\nv 2 7421000 43731000\nv 3 -1500 2000\n");
  routing::DimacsImportStats stats;
  const auto net = routing::import_dimacs(gr, &stats);
  EXPECT_EQ(stats.nodes, 3u);
  EXPECT_EQ(stats.arcs, 4u);
  EXPECT_TRUE(stats.coordinates);
  ASSERT_EQ(net.node_count(), 3u);
  ASSERT_EQ(net.edge_count(), 4u);
  EXPECT_DOUBLE_EQ(net.position(0).lat, 43.73);
  EXPECT_DOUBLE_EQ(net.position(0).lon, 7.42);
  EXPECT_DOUBLE_EQ(net.position(2).lon, -0.0015);
  double total = 0;
  for (std::uint32_t i = 0; i < net.edge_count(); ++i) {
    total += net.arc_props(i).length_m;
    if (net.arc_tail(i) == 1 && net.arc_head(i) == 2) {
      EXPECT_FLOAT_EQ(net.arc_props(i).length_m, 250);
    }
  }
  EXPECT_DOUBLE_EQ(total, 460);
}

TEST_F(DimacsFiles, PaceEdgesGoBothWaysWithHashedLengths) {
  const auto gr = write("tiny-pace.gr", "c pace\np tw 3 2\n1 2\n2 3\n");
  const auto net = routing::import_dimacs(gr);
  ASSERT_EQ(net.edge_count(), 4u);
  for (std::uint32_t i = 0; i < net.edge_count(); ++i) {
    const float len = net.arc_props(i).length_m;
    EXPECT_GE(len, 200);
    EXPECT_LE(len, 2000);
    EXPECT_EQ(len, routing::pace_edge_length_m(net.arc_tail(i) + 1, net.arc_head(i) + 1));
  }
  EXPECT_EQ(routing::pace_edge_length_m(1, 2), routing::pace_edge_length_m(2, 1));
  EXPECT_NE(routing::pace_edge_length_m(1, 2), routing::pace_edge_length_m(3, 4));
}

TEST(DimacsImport, Rome99HasTheChallengesCounts) {
  routing::DimacsImportStats stats;
  const auto net = routing::import_dimacs(kMaps + "rome99.gr", &stats);
  EXPECT_EQ(stats.nodes, 3353u);
  EXPECT_EQ(stats.arcs, 8870u);
  EXPECT_FALSE(stats.coordinates);
  EXPECT_EQ(net.node_count(), 3353u);  // strongly connected as published
  EXPECT_EQ(net.edge_count(), 8870u);
}

TEST(DimacsImport, NewYorkPaceGraphDecompressesFromXz) {
  routing::DimacsImportStats stats;
  const auto net = routing::import_map(kMaps + "ny.pace.gr.xz");
  EXPECT_EQ(net.node_count(), 264346u);
  EXPECT_EQ(net.edge_count(), 2u * 365050u);
}

TEST_F(DimacsFiles, BadFilesSayWhereAndWhat) {
  EXPECT_NE(error_of(write("a.gr", "p sp 2 1\na 1 3 5\n"))
                .find("line 2: expected a node id between 1 and 2, found 3"),
            std::string::npos);
  EXPECT_NE(error_of(write("b.gr", "p sp 2 1\na 1 2 x\n"))
                .find("line 2: expected a non-negative integer weight, found 'x'"),
            std::string::npos);
  EXPECT_NE(error_of(write("c.gr", "a 1 2 3\n")).find("line 1: expected the 'p sp N M'"),
            std::string::npos);
  EXPECT_NE(error_of(write("d.gr", "p sp 2 2\na 1 2 3\n"))
                .find("expected 2 arcs as the 'p' line says, found 1"),
            std::string::npos);
  EXPECT_NE(error_of(write("e.gr", "p xx 2 2\n")).find("line 1: expected 'sp' or 'tw', found 'xx'"),
            std::string::npos);
  EXPECT_NE(error_of(write("f.gr.xz", "not xz at all")).find("not a valid xz file"),
            std::string::npos);
  EXPECT_NE(error_of((dir_ / "none.gr").string()).find("no such file"), std::string::npos);
  EXPECT_NE(error_of(write("g.gr", "p sp 2 1\na 1 2\n"))
                .find("line 2: expected a non-negative integer weight, found the end of the line"),
            std::string::npos);
}

TEST_F(DimacsFiles, HeadersBeyondTheMachineAreRefusedBeforeAllocating) {
  // 10^11 nodes do not fit 32-bit node ids at all.
  EXPECT_NE(error_of(write("ids.gr", "p sp 100000000000 1\na 1 2 5\n"))
                .find("line 1: expected at most 4294967294 nodes (32-bit ids), found 100000000000"),
            std::string::npos);
  // 4 * 10^9 nodes fit the ids but need about 745 GiB at 200 bytes a node; the same for
  // 10^11 arcs at 160 bytes an arc (and twice that for 10^11 PACE edges).
  for (const auto& [name, text, figure] :
       {std::tuple{"nodes.gr", "p sp 4000000000 1\na 1 2 5\n", "needing about 745.1 GiB"},
        std::tuple{"arcs.gr", "p sp 3 100000000000\na 1 2 5\n", "needing about 14901.2 GiB"},
        std::tuple{"edges.gr", "c pace\np tw 3 100000000000\n1 2\n",
                   "needing about 29802.3 GiB"}}) {
    const std::string e = error_of(write(name, text));
    EXPECT_NE(e.find(figure), std::string::npos) << name << ": " << e;
    EXPECT_NE(e.find("memory can hold"), std::string::npos) << name << ": " << e;
  }
  // A header claiming a million arcs over a file of one: the count, not a huge reservation.
  EXPECT_NE(error_of(write("short.gr", "p sp 3 1000000\na 1 2 5\n"))
                .find("expected 1000000 arcs as the 'p' line says, found 1"),
            std::string::npos);
}

TEST_F(DimacsFiles, FuzzFoundAHeaderOfManyNodesAndNoArcs) {
  // fuzz_dimacs timed out on these (tens of millions of nodes allocated for a graph of no road):
  // now refused at the header line.
  EXPECT_NE(error_of(write("no-arcs.gr", "p sp 90000000 00"))
                .find("line 1: expected at least one arc, found 0"),
            std::string::npos);
  EXPECT_NE(error_of(write("no-arcs2.gr", "p sp 11110900 0"))
                .find("line 1: expected at least one arc, found 0"),
            std::string::npos);
  EXPECT_NE(error_of(write("no-edges.gr", "c pace\np tw 5 0\n"))
                .find("line 2: expected at least one edge, found 0"),
            std::string::npos);
}

TEST(MapImport, UnknownExtensionIsAMapError) {
  EXPECT_THROW(routing::import_map("city.shp"), routing::MapError);
}

}  // namespace
