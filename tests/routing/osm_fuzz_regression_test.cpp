// Inputs fuzz_osm_xml found, kept as tests, and the guard around the coordinates they broke.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "routing/osm_import.h"

namespace {

std::string write_osm(const std::string& name, const std::string& body) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("halfhour-" + name + "-" + std::to_string(::getpid()) + ".osm");
  std::ofstream(path) << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\">\n"
                      << body << "</osm>\n";
  return path.string();
}

const char* const kWay =
    R"( <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
)";

// Throws MapError whose message contains `needle`.
void expect_map_error(const std::string& path, const std::string& needle) {
  try {
    routing::import_osm(path);
    ADD_FAILURE() << "no MapError for " << path;
  } catch (const routing::MapError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}

// fuzz_osm_xml: lon="13.00E83795". libosmium 2.19's coordinate parser (osmium/osm/location.hpp,
// string_to_location_coordinate) multiplies by 10 once per exponent step with no overflow check:
// signed overflow (undefined behaviour, UBSan stops there), and in a Release build the value
// wraps to 0, so the node silently lands at longitude 0 and the way becomes a 900 km road.
TEST(OsmFuzzRegression, CoordinateWithAHugeExponentIsAMapError) {
  expect_map_error(write_osm("osm-exponent", R"( <node id="1" lat="51.0" lon="13.00E83795"/>
 <node id="2" lat="51.001" lon="13.0"/>
)" + std::string(kWay)),
                   "lon=\"13.00E83795\"");
}

TEST(OsmFuzzRegression, BoundsWithAHugeExponentIsAMapError) {
  expect_map_error(
      write_osm("osm-bounds", R"( <bounds minlat="1e999" minlon="13" maxlat="52" maxlon="14"/>
 <node id="1" lat="51.0" lon="13.0"/>
 <node id="2" lat="51.001" lon="13.0"/>
)" + std::string(kWay)),
      "minlat");
}

// Expat decodes character references before osmium parses the value, so "&#69;" is an 'E'.
TEST(OsmFuzzRegression, CoordinateWithACharacterReferenceIsAMapError) {
  expect_map_error(write_osm("osm-charref", R"( <node id="1" lat='51.0' lon='13.00&#69;83795'/>
 <node id="2" lat="51.001" lon="13.0"/>
)" + std::string(kWay)),
                   "character reference");
}

// The scan reads the file in chunks: a bad coordinate far into it is still found.
TEST(OsmFuzzRegression, HugeExponentAfterManyNodesIsAMapError) {
  std::string body;
  for (int i = 3; i < 20000; ++i)
    body += " <node id=\"" + std::to_string(i) + "\" lat=\"51.0001\" lon=\"13.0001\"/>\n";
  body +=
      " <node id=\"1\" lat=\"51.0\" lon=\"13.0\"/>\n <node id=\"2\" lat=\"51.001\" "
      "lon=\"1E99\"/>\n";
  expect_map_error(write_osm("osm-late", body + kWay), "lon=\"1E99\"");
}

// An exponent that gives a coordinate is read as osmium reads it.
TEST(OsmFuzzRegression, SmallExponentIsACoordinate) {
  const std::string path =
      write_osm("osm-small-exponent", R"( <node id="1" lat="5.1E1" lon="1.3e1"/>
 <node id="2" lat="51.001" lon="13.0"/>
)" + std::string(kWay));
  const routing::RoadNetwork net = routing::import_osm(path);
  std::filesystem::remove(path);
  ASSERT_EQ(net.node_count(), 2u);
  bool found = false;
  for (routing::NodeId v = 0; v < net.node_count(); ++v)
    if (std::abs(net.position(v).lat - 51.0) < 1e-9 && std::abs(net.position(v).lon - 13.0) < 1e-9)
      found = true;
  EXPECT_TRUE(found);
}

}  // namespace
