// Inputs fuzz_osm_xml found, kept as tests.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "routing/osm_import.h"

namespace {

// fuzz_osm_xml: lon="13.00E83795". libosmium 2.19's coordinate parser (osmium/osm/location.hpp,
// string_to_location_coordinate) multiplies by 10 once per exponent step with no overflow check:
// signed overflow (undefined behaviour, UBSan stops there), and in a Release build the value
// wraps to 0, so the node silently lands at longitude 0 and the way becomes a 900 km road.
// Disabled until routing/osm_import.cpp refuses such a coordinate (an exponent, or a value out
// of range) before osmium reads it; it must then be a MapError naming the node.
TEST(OsmFuzzRegression, DISABLED_CoordinateWithAHugeExponentIsAMapError) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("halfhour-osm-exponent-" + std::to_string(::getpid()) + ".osm");
  std::ofstream(path) << R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="51.0" lon="13.00E83795"/>
 <node id="2" lat="51.001" lon="13.0"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="residential"/></way>
</osm>
)";
  EXPECT_THROW(routing::import_osm(path.string()), routing::MapError);
  std::filesystem::remove(path);
}

}  // namespace
