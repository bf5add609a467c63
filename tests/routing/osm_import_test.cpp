#include "routing/osm_import.h"

#include <gtest/gtest.h>

#include <boost/range/iterator_range.hpp>

#include <filesystem>
#include <fstream>

#include "routing/shortest_path_tree.h"

namespace fs = std::filesystem;

namespace {

const std::string kBautzen = std::string(HALFHOUR_SOURCE_DIR) + "/tests/data/bautzen.osm";
const std::string kMonaco = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf";

// Reference values from an independent script (Python, xml.etree, haversine segment lengths and
// a plain Dijkstra honouring oneway tags, the same drivable filter): 55 drivable ways on 204
// nodes, of which the largest strongly connected component keeps 120.
TEST(OsmImport, BautzenHasTheHandCheckedCounts) {
  routing::OsmImportStats stats;
  const auto net = routing::import_osm(kBautzen, &stats);
  EXPECT_EQ(stats.nodes_before_scc, 204u);
  EXPECT_LE(stats.ways_used, 55u);
  EXPECT_GE(stats.ways_used, 50u);
  EXPECT_EQ(net.node_count(), 120u);
}

struct Pair {
  routing::LatLon from, to;
  double metres;
};

TEST(OsmImport, BautzenShortestPathsMatchTheHandCheckedValues) {
  const auto net = routing::import_osm(kBautzen);
  // OSM nodes 25623781, 1001040522, 3246881771 and 9119316254.
  const routing::LatLon a{51.1871141, 14.4112601}, b{51.1910045, 14.4057295},
      c{51.1876002, 14.4130217}, d{51.1912962, 14.4127664};
  const Pair pairs[] = {{a, b, 1406.972}, {a, c, 134.166}, {a, d, 738.187}, {b, c, 1272.806},
                        {b, d, 731.923},  {d, a, 736.550}, {d, b, 780.324}, {d, c, 602.383}};
  for (const auto& p : pairs) {
    double snap_from = 0, snap_to = 0;
    const auto from = net.nearest_node(p.from, &snap_from);
    const auto to = net.nearest_node(p.to, &snap_to);
    ASSERT_LT(snap_from, 0.01);
    ASSERT_LT(snap_to, 0.01);
    const routing::ShortestPathTree tree(net, from,
                                         routing::ShortestPathTree::Direction::from_root);
    EXPECT_NEAR(tree.distance_m(to), p.metres, 0.05);
  }
}

TEST(OsmImport, MonacoIsOneStronglyConnectedNetworkWithOneWayStreets) {
  routing::OsmImportStats stats;
  const auto net = routing::import_osm(kMonaco, &stats);
  // The data README counts about 16,000 drivable nodes before the component is kept.
  EXPECT_GT(stats.nodes_before_scc, 14'000u);
  EXPECT_LT(stats.nodes_before_scc, 18'000u);
  EXPECT_GT(net.node_count(), 12'000u);
  const routing::ShortestPathTree out(net, 0, routing::ShortestPathTree::Direction::from_root);
  const routing::ShortestPathTree in(net, 0, routing::ShortestPathTree::Direction::to_root);
  for (routing::NodeId n = 0; n < net.node_count(); ++n) {
    ASSERT_TRUE(out.reachable(n)) << n;
    ASSERT_TRUE(in.reachable(n)) << n;
  }
  const auto& g = net.graph();
  std::size_t one_way = 0;
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    const auto u = boost::source(e, g), v = boost::target(e, g);
    bool back = false;
    for (auto f : boost::make_iterator_range(boost::out_edges(v, g)))
      back |= boost::target(f, g) == u;
    one_way += !back;
  }
  EXPECT_GT(one_way, 500u);
}

TEST(OsmImport, MissingFileIsAMapError) {
  try {
    routing::import_osm("/no/such/map.osm.pbf");
    FAIL();
  } catch (const routing::MapError& e) {
    EXPECT_EQ(e.file(), "/no/such/map.osm.pbf");
    EXPECT_NE(e.detail().find("no such file"), std::string::npos);
  }
}

TEST(OsmImport, CorruptFilesAreMapErrors) {
  const fs::path dir = fs::temp_directory_path() / "halfhour-corrupt-osm";
  fs::create_directories(dir);
  for (const char* name : {"garbage.osm.pbf", "garbage.osm", "garbage.osm.gz"}) {
    std::ofstream(dir / name) << "\x01\x02this is not OpenStreetMap data\xff\xfe";
    EXPECT_THROW(routing::import_osm((dir / name).string()), routing::MapError) << name;
  }
}

TEST(OsmImport, AFileWithoutRoadsIsAMapError) {
  const fs::path file = fs::temp_directory_path() / "halfhour-no-roads.osm";
  std::ofstream(file)
      << "<?xml version='1.0'?>\n<osm version='0.6'>\n"
         "<node id='1' lat='45.0' lon='7.0'/>\n<node id='2' lat='45.001' lon='7.0'/>\n"
         "<way id='3'><nd ref='1'/><nd ref='2'/><tag k='waterway' v='river'/></way>\n"
         "</osm>\n";
  try {
    routing::import_osm(file.string());
    FAIL();
  } catch (const routing::MapError& e) {
    EXPECT_NE(e.detail().find("no drivable road"), std::string::npos);
  }
}

TEST(OsmImport, MaxspeedAndOnewayTagsAreHonoured) {
  const fs::path file = fs::temp_directory_path() / "halfhour-tags.osm";
  std::ofstream(file)
      << "<?xml version='1.0'?>\n<osm version='0.6'>\n"
         "<node id='1' lat='45.0' lon='7.0'/><node id='2' lat='45.001' lon='7.0'/>\n"
         "<node id='3' lat='45.001' lon='7.001'/>\n"
         "<way id='10'><nd ref='1'/><nd ref='2'/><tag k='highway' v='primary'/>"
         "<tag k='maxspeed' v='30 mph'/></way>\n"
         "<way id='11'><nd ref='2'/><nd ref='3'/><tag k='highway' v='residential'/>"
         "<tag k='oneway' v='yes'/></way>\n"
         "<way id='12'><nd ref='3'/><nd ref='1'/><tag k='highway' v='residential'/>"
         "<tag k='oneway' v='-1'/></way>\n"
         "</osm>\n";
  const auto net = routing::import_osm(file.string());
  // 1 <-> 2 both ways, 2 -> 3 only, and 1 -> 3 only (way 12 is drawn 3 -> 1 but flows backwards):
  // 3 cannot be left, so the strongly connected part is {1, 2}.
  EXPECT_EQ(net.node_count(), 2u);
  const auto& g = net.graph();
  for (auto e : boost::make_iterator_range(boost::edges(g))) {
    EXPECT_NEAR(g[e].speed_kmh, 30 * 1.609344, 1e-3);
    EXPECT_EQ(g[e].road_class, routing::RoadClass::primary);
    EXPECT_NEAR(g[e].length_m, 111.2, 0.5);  // 0.001 degrees of latitude
  }
}

}  // namespace
