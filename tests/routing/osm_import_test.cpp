#include "routing/osm_import.h"

#include <gtest/gtest.h>

#include <boost/range/iterator_range.hpp>

#include <unistd.h>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "routing/shortest_path_tree.h"

namespace fs = std::filesystem;

namespace {

using routing::LatLon;
using routing::NodeId;
using routing::RoadClass;
using Direction = routing::ShortestPathTree::Direction;

const std::string kData = std::string(HALFHOUR_SOURCE_DIR) + "/tests/data/";
const std::string kBautzen = kData + "bautzen.osm";
const std::string kMonaco = std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/maps/monaco.osm.pbf";

// A scratch folder of its own per test and process, removed afterwards.
class OsmFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("halfhour-osm-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
    return (dir_ / name).string();
  }
  // An OSM XML file from node and way elements.
  std::string write_osm(const std::string& name, const std::string& body) {
    return write(
        name, "<?xml version='1.0' encoding='UTF-8'?>\n<osm version='0.6'>\n" + body + "</osm>\n");
  }

  fs::path dir_;
};

std::string detail_of_error(const std::string& path) {
  try {
    routing::import_osm(path);
  } catch (const routing::MapError& e) {
    EXPECT_EQ(e.file(), path);
    return e.detail();
  }
  ADD_FAILURE() << path << " imported without an error";
  return {};
}

NodeId node_at(const routing::RoadNetwork& net, LatLon p) {
  double d = 0;
  const NodeId n = net.nearest_node(p, &d);
  EXPECT_LT(d, 0.01) << "no node at " << p.lat << "," << p.lon;
  return n;
}

// Reference values come from tests/data/bautzen_reference.py, an independent Python reading of
// the same file (xml.etree, haversine segment lengths, the same drivable filter and one-way rules,
// a textbook Dijkstra). The data README counts 57 drivable ways on 224 nodes with a filter on
// highway alone; 2 of them are closed to every mode and left out here: way 44653139 (access=no)
// and 969792177 (access=private); 1051926758 (motor_vehicle=private) stays for bicycles and
// walkers. That leaves 55 ways on 204 nodes, of which the largest strongly connected component
// over vehicle arcs keeps 120 and 244 arcs; the other 84 hang on it by one-way roads (fringe), no
// part is detached. The car's shortest paths are those of the car-only network before per-mode
// access (its arcs are the same).
TEST(OsmImport, BautzenHasTheHandCheckedCounts) {
  routing::OsmImportStats stats;
  const auto net = routing::import_osm(kBautzen, &stats);
  EXPECT_EQ(stats.ways_used, 55u);
  EXPECT_EQ(stats.nodes_before_scc, 204u);
  EXPECT_EQ(net.node_count(), 120u);
  EXPECT_EQ(net.main_node_count(), 120u);
  EXPECT_EQ(net.edge_count(), 244u);
  EXPECT_EQ(net.report().fringe_nodes, 84u);
  EXPECT_TRUE(net.report().detached.empty());

  std::map<RoadClass, int> arcs_by_class;
  const auto& g = net.graph();
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    ++arcs_by_class[g[e].road_class];
    const double straight =
        routing::haversine_m(net.position(boost::source(e, g)), net.position(boost::target(e, g)));
    EXPECT_NEAR(g[e].length_m, straight, 1e-3);
  }
  const std::map<RoadClass, int> expected = {{RoadClass::motorway, 34},
                                             {RoadClass::primary, 86},
                                             {RoadClass::residential, 40},
                                             {RoadClass::service, 30},
                                             {RoadClass::unclassified, 54}};
  EXPECT_EQ(arcs_by_class, expected);

  // The README's bounding box: 14.3948,51.1862 - 14.4229,51.2106.
  EXPECT_GE(net.min_corner().lat, 51.1862);
  EXPECT_GE(net.min_corner().lon, 14.3948);
  EXPECT_LE(net.max_corner().lat, 51.2106);
  EXPECT_LE(net.max_corner().lon, 14.4229);
}

struct Pair {
  const char* osm_ids;
  LatLon from, to;
  double metres;
};

TEST(OsmImport, BautzenShortestPathsMatchTheHandCheckedValues) {
  const auto net = routing::import_osm(kBautzen);
  // OSM nodes 25623781, 1001040522, 3246881771 and 9119316254.
  const LatLon a{51.1871141, 14.4112601}, b{51.1910045, 14.4057295}, c{51.1876002, 14.4130217},
      d{51.1912962, 14.4127664};
  // OSM nodes 25623784 and 33072434 (the farthest pair), 1935220482, 769847841 and 726750900.
  const LatLon e{51.1862673, 14.4104157}, f{51.1910877, 14.405494}, g{51.1877158, 14.4129471},
      h{51.1876985, 14.4130856}, i{51.1904526, 14.4144765};
  const Pair pairs[] = {
      {"a-b", a, b, 1406.972},
      {"a-c", a, c, 134.166},
      {"a-d", a, d, 738.187},
      {"b-c", b, c, 1272.806},
      {"b-d", b, d, 731.923},
      {"d-a", d, a, 736.550},
      {"d-b", d, b, 780.324},
      {"d-c", d, c, 602.383},
      {"e-f", e, f, 1542.935},
      {"f-e", f, e, 1542.935},
      // 10 m apart as the crow flies, but one way: going g -> h takes a 112 m loop.
      {"g-h", g, h, 111.554},
      {"h-g", h, g, 9.842},
      {"g-i", g, i, 453.897},
      {"i-g", i, g, 398.704}};
  for (const auto& p : pairs) {
    const routing::ShortestPathTree tree(net, node_at(net, p.from), Direction::from_root);
    EXPECT_NEAR(tree.distance_m(node_at(net, p.to)), p.metres, 0.01) << p.osm_ids;
  }
}

TEST(OsmImport, CompressedXmlGivesTheSameNetwork) {
  const auto plain = routing::import_osm(kBautzen);
  for (const char* name : {"bautzen.osm.gz", "bautzen.osm.bz2"}) {
    const auto net = routing::import_osm(kData + name);
    ASSERT_EQ(net.node_count(), plain.node_count()) << name;
    EXPECT_EQ(net.edge_count(), plain.edge_count()) << name;
    for (NodeId n = 0; n < net.node_count(); ++n) {
      EXPECT_EQ(net.position(n).lat, plain.position(n).lat) << name << " node " << n;
      EXPECT_EQ(net.position(n).lon, plain.position(n).lon) << name << " node " << n;
    }
  }
}

TEST(OsmImport, XmlTextInMemoryGivesTheSameNetworkAsTheFile) {
  const auto plain = routing::import_osm(kBautzen);
  std::ifstream in(kBautzen, std::ios::binary);
  const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto net = routing::import_osm_xml(xml, "bautzen.osm");
  ASSERT_EQ(net.node_count(), plain.node_count());
  EXPECT_EQ(net.edge_count(), plain.edge_count());
  for (NodeId n = 0; n < net.node_count(); ++n) {
    EXPECT_EQ(net.position(n).lat, plain.position(n).lat) << "node " << n;
    EXPECT_EQ(net.position(n).lon, plain.position(n).lon) << "node " << n;
  }
  EXPECT_EQ(net.report().ways_used, plain.report().ways_used);
}

TEST(OsmImport, XmlTextInMemoryHasTheCoordinateGuard) {
  try {
    routing::import_osm_xml(
        R"(<osm version="0.6"><node id="1" lat="51.0" lon="13.00E83795"/></osm>)", "drawn.osm");
    FAIL() << "no MapError";
  } catch (const routing::MapError& e) {
    EXPECT_NE(std::string(e.what()).find("drawn.osm"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("13.00E83795"), std::string::npos) << e.what();
  }
}

TEST(OsmImport, MonacoIsOneStronglyConnectedNetworkWithOneWayStreets) {
  routing::OsmImportStats stats;
  const auto start = std::chrono::steady_clock::now();
  const auto net = routing::import_osm(kMonaco, &stats);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "monaco.osm.pbf: %zu ways, %zu nodes before the SCC, %zu nodes and %zu arcs after, "
      "%.2f s\n",
      stats.ways_used, stats.nodes_before_scc, net.node_count(), net.edge_count(), seconds);
  // The data README counts 1,764 drivable ways on 16,383 nodes with a filter on highway alone.
  EXPECT_GT(stats.ways_used, 1'600u);
  EXPECT_LE(stats.ways_used, 1'764u);
  EXPECT_GT(stats.nodes_before_scc, 14'000u);
  EXPECT_LE(stats.nodes_before_scc, 16'383u);
  EXPECT_GT(net.node_count(), 12'000u);
  // The extract's box, 7.3490,43.7148 - 7.4910,43.7700, give or take ways cut at its border.
  EXPECT_GT(net.min_corner().lat, 43.70);
  EXPECT_GT(net.min_corner().lon, 7.33);
  EXPECT_LT(net.max_corner().lat, 43.78);
  EXPECT_LT(net.max_corner().lon, 7.51);

  // The main part is strongly connected for vehicles (a path may mix a car street and a
  // bicycle-only one); for cars alone all but a few nodes on bicycle-only streets; the detached
  // parts are out of reach.
  const routing::ShortestPathTree out(net, 0, Direction::from_root, 0);
  const routing::ShortestPathTree in(net, 0, Direction::to_root, 0);
  const routing::ShortestPathTree car_out(net, 0, Direction::from_root);
  std::size_t car_unreachable = 0;
  for (NodeId n = 0; n < net.main_node_count(); ++n) {
    ASSERT_TRUE(out.reachable(n)) << n;
    ASSERT_TRUE(in.reachable(n)) << n;
    car_unreachable += !car_out.reachable(n);
  }
  std::printf("monaco.osm.pbf: %zu main nodes, %zu out of a car's reach, %zu detached parts\n",
              net.main_node_count(), car_unreachable, net.report().detached.size());
  EXPECT_LT(car_unreachable, net.main_node_count() / 100);
  for (NodeId n = static_cast<NodeId>(net.main_node_count()); n < net.node_count(); ++n)
    ASSERT_FALSE(out.reachable(n)) << n;
  const auto& g = net.graph();
  std::size_t one_way = 0;  // for cars
  for (const auto e : boost::make_iterator_range(boost::edges(g))) {
    if (!(g[e].modes & routing::kModeCar)) continue;
    const auto u = boost::source(e, g), v = boost::target(e, g);
    bool back = false;
    for (const auto f : boost::make_iterator_range(boost::out_edges(v, g)))
      back |= boost::target(f, g) == u && (g[f].modes & routing::kModeCar);
    one_way += !back;
  }
  // The README counts 643 oneway=yes ways, besides roundabouts and motorways.
  EXPECT_GT(one_way, 500u);
}

// A square A B C D of one-way streets round the block (each tagged another way), a two-way
// diagonal, spurs that the rules must drop or keep, and one way cut by a missing node.
TEST_F(OsmFiles, TagsDecideDirectionSpeedAndAccess) {
  const std::string path = write_osm("tags.osm", R"(
<node id='1' lat='45.000' lon='7.000'/> <node id='2' lat='45.001' lon='7.000'/>
<node id='3' lat='45.001' lon='7.001'/> <node id='4' lat='45.000' lon='7.001'/>
<node id='5' lat='44.999' lon='6.999'/> <node id='6' lat='45.002' lon='6.999'/>
<node id='7' lat='45.002' lon='7.002'/> <node id='8' lat='44.999' lon='7.002'/>
<node id='9' lat='45.000' lon='6.998'/> <node id='10' lat='45.003' lon='7.000'/>
<node id='11' lat='45.001' lon='7.003'/> <node id='12' lat='44.998' lon='7.001'/>
<node id='13' lat='44.997' lon='7.001'/> <node id='14' lat='45.000' lon='6.997'/>
<way id='100'><nd ref='1'/><nd ref='2'/><tag k='highway' v='residential'/><tag k='oneway' v='yes'/><tag k='maxspeed' v='50'/></way>
<way id='101'><nd ref='3'/><nd ref='2'/><tag k='highway' v='tertiary'/><tag k='oneway' v='-1'/><tag k='maxspeed' v='30 mph'/></way>
<way id='102'><nd ref='3'/><nd ref='4'/><tag k='highway' v='motorway'/><tag k='maxspeed' v='50;60'/></way>
<way id='103'><nd ref='4'/><nd ref='1'/><tag k='highway' v='unclassified'/><tag k='junction' v='roundabout'/><tag k='maxspeed' v='none'/></way>
<way id='104'><nd ref='1'/><nd ref='3'/><tag k='highway' v='motorway_link'/><tag k='oneway' v='no'/><tag k='maxspeed' v='signals'/></way>
<way id='105'><nd ref='2'/><nd ref='4'/><tag k='highway' v='road'/><tag k='maxspeed' v='walk'/></way>
<way id='106'><nd ref='1'/><nd ref='5'/><tag k='highway' v='residential'/><tag k='access' v='private'/></way>
<way id='107'><nd ref='2'/><nd ref='6'/><tag k='highway' v='service'/><tag k='area' v='yes'/></way>
<way id='108'><nd ref='3'/><nd ref='7'/><tag k='highway' v='footway'/></way>
<way id='109'><nd ref='4'/><nd ref='8'/><tag k='highway' v='secondary'/><tag k='oneway' v='reversible'/></way>
<way id='110'><nd ref='1'/><nd ref='9'/><tag k='highway' v='living_street'/><tag k='access' v='no'/><tag k='motor_vehicle' v='yes'/><tag k='maxspeed' v='20 km/h'/></way>
<way id='111'><nd ref='2'/><nd ref='10'/><tag k='highway' v='residential'/><tag k='access' v='yes'/><tag k='motor_vehicle' v='private'/></way>
<way id='112'><nd ref='3'/><nd ref='11'/><tag k='highway' v='residential'/><tag k='vehicle' v='destination'/><tag k='maxspeed' v='DE:urban'/></way>
<way id='113'><nd ref='4'/><nd ref='12'/><nd ref='999'/><nd ref='13'/><tag k='highway' v='primary'/><tag k='maxspeed' v='fast'/></way>
<way id='114'><nd ref='1'/><nd ref='14'/><tag k='highway' v='trunk_link'/><tag k='oneway' v='true'/></way>
)");
  routing::OsmImportStats stats;
  const auto net = routing::import_osm(path, &stats);
  // Ways 100-105, 110-112, 113 (its 4-12 segment) and 114; 14 is entered but never left.
  EXPECT_EQ(stats.ways_used, 11u);
  EXPECT_EQ(stats.nodes_before_scc, 9u);
  ASSERT_EQ(net.node_count(), 8u);
  EXPECT_EQ(net.report().fringe_nodes, 1u);  // 14

  const std::map<std::string, LatLon> places = {{"1", {45.000, 7.000}},  {"2", {45.001, 7.000}},
                                                {"3", {45.001, 7.001}},  {"4", {45.000, 7.001}},
                                                {"9", {45.000, 6.998}},  {"10", {45.003, 7.000}},
                                                {"11", {45.001, 7.003}}, {"12", {44.998, 7.001}}};
  std::map<NodeId, std::string> name;
  for (const auto& [osm_id, p] : places) name[node_at(net, p)] = osm_id;
  ASSERT_EQ(name.size(), 8u);

  using routing::kAllModes;
  using routing::kModeBicycle;
  using routing::kModeCar;
  using routing::kModeFoot;
  using routing::kModeMoped;
  constexpr int kVehicles = kModeCar | kModeMoped | kModeBicycle;
  using ArcSet = std::set<std::tuple<std::string, std::string, int, RoadClass, int>>;
  ArcSet arcs;  // from, to, speed in tenths of km/h, class, modes
  const auto& g = net.graph();
  for (const auto e : boost::make_iterator_range(boost::edges(g)))
    arcs.insert({name[boost::source(e, g)], name[boost::target(e, g)],
                 static_cast<int>(std::lround(g[e].speed_kmh * 10)), g[e].road_class, g[e].modes});
  const ArcSet expected = {
      // oneway=yes, maxspeed=50; walkers go both ways
      {"1", "2", 500, RoadClass::residential, kAllModes},
      {"2", "1", 500, RoadClass::residential, kModeFoot},
      // oneway=-1 against 3 -> 2, 30 mph
      {"2", "3", 483, RoadClass::tertiary, kAllModes},
      {"3", "2", 483, RoadClass::tertiary, kModeFoot},
      // motorways are one way, "50;60"
      {"3", "4", 500, RoadClass::motorway, kAllModes},
      {"4", "3", 500, RoadClass::motorway, kModeFoot},
      // roundabouts too; "none": the default
      {"4", "1", 350, RoadClass::unclassified, kAllModes},
      {"1", "4", 350, RoadClass::unclassified, kModeFoot},
      // a link is its class; oneway=no; "signals"
      {"1", "3", 1100, RoadClass::motorway, kAllModes},
      {"3", "1", 1100, RoadClass::motorway, kAllModes},
      // highway=road; "walk": walking pace
      {"2", "4", 70, RoadClass::unclassified, kAllModes},
      {"4", "2", 70, RoadClass::unclassified, kAllModes},
      // motor_vehicle=yes beats access=no for motor vehicles only
      {"1", "9", 200, RoadClass::living_street, kModeCar | kModeMoped},
      {"9", "1", 200, RoadClass::living_street, kModeCar | kModeMoped},
      // motor_vehicle=private: bicycles and walkers only
      {"2", "10", 300, RoadClass::residential, kModeBicycle | kModeFoot},
      {"10", "2", 300, RoadClass::residential, kModeBicycle | kModeFoot},
      // vehicle=destination: deliveries may go; "DE:urban": Germany's 50 km/h
      {"3", "11", 500, RoadClass::residential, kAllModes},
      {"11", "3", 500, RoadClass::residential, kAllModes},
      // the rest of way 113 has a missing node; "fast": the default
      {"4", "12", 650, RoadClass::primary, kAllModes},
      {"12", "4", 650, RoadClass::primary, kAllModes},
  };
  (void)kVehicles;
  EXPECT_EQ(arcs, expected);
}

TEST(OsmImport, DefaultSpeedsFallWithTheRoadClass) {
  const RoadClass order[] = {RoadClass::motorway,    RoadClass::trunk,    RoadClass::primary,
                             RoadClass::secondary,   RoadClass::tertiary, RoadClass::unclassified,
                             RoadClass::residential, RoadClass::service,  RoadClass::living_street};
  for (std::size_t i = 1; i < std::size(order); ++i)
    EXPECT_GT(routing::default_speed_kmh(order[i - 1]), routing::default_speed_kmh(order[i]))
        << to_string(order[i]);
  EXPECT_EQ(routing::default_speed_kmh(RoadClass::motorway), 110);
  EXPECT_EQ(routing::default_speed_kmh(RoadClass::residential), 30);
}

TEST(OsmImport, MissingFileIsAMapError) {
  EXPECT_NE(detail_of_error("/no/such/map.osm.pbf").find("no such file"), std::string::npos);
}

TEST_F(OsmFiles, AFolderIsAMapError) {
  EXPECT_NE(detail_of_error(dir_.string()).find("not a regular file"), std::string::npos);
}

TEST_F(OsmFiles, CorruptFilesAreMapErrors) {
  for (const char* name : {"garbage.osm.pbf", "garbage.osm", "garbage.osm.gz", "garbage.osm.bz2"}) {
    const std::string path = write(name, "\x01\x02this is not OpenStreetMap data\xff\xfe");
    EXPECT_NE(detail_of_error(path).find("cannot read"), std::string::npos) << name;
  }
  // Half a real file: the PBF's blocks stop in the middle.
  std::ifstream in(kMonaco, std::ios::binary);
  std::string half(1'000'000, '\0');
  in.read(half.data(), static_cast<std::streamsize>(half.size()));
  EXPECT_NE(detail_of_error(write("truncated.osm.pbf", half)).find("cannot read"),
            std::string::npos);
  EXPECT_NE(detail_of_error(write_osm("unclosed.osm", "<node id='1' lat='45' lon='7'>"))
                .find("cannot read"),
            std::string::npos);
}

TEST_F(OsmFiles, AnUnknownFormatIsAMapError) {
  EXPECT_NE(detail_of_error(write("map.txt", "highway=residential\n")).find("cannot read"),
            std::string::npos);
}

TEST_F(OsmFiles, AFileWithoutRoadsIsAMapError) {
  const std::string path = write_osm("no-roads.osm", R"(
<node id='1' lat='45.0' lon='7.0'/> <node id='2' lat='45.001' lon='7.0'/>
<way id='3'><nd ref='1'/><nd ref='2'/><tag k='waterway' v='river'/></way>
<way id='4'><nd ref='1'/><nd ref='2'/><tag k='highway' v='footway'/></way>
<way id='5'><nd ref='1'/><nd ref='2'/><tag k='highway' v='residential'/><tag k='access' v='no'/></way>
)");
  EXPECT_NE(detail_of_error(path).find("no drivable road"), std::string::npos);
  EXPECT_NE(detail_of_error(write_osm("empty.osm", "")).find("no drivable road"),
            std::string::npos);
}

}  // namespace
