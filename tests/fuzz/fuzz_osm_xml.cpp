// The OpenStreetMap importer on OSM XML: any bytes give a road network or a MapError.
#include <cstdint>
#include <string_view>

#include "routing/osm_import.h"
#include "tests/fuzz/fuzz_util.h"

// Whether a lat or lon attribute has an exponent ("13.00E83795"): libosmium 2.19 overflows a
// signed integer on a large one (see tests/routing/osm_fuzz_regression_test.cpp). Skipped until
// osm_import guards it, so that the fuzzer explores the rest instead of finding it again.
bool has_coordinate_exponent(std::string_view text) {
  for (const char* attr : {"lat=\"", "lon=\"", "lat='", "lon='"})
    for (auto at = text.find(attr); at != std::string_view::npos; at = text.find(attr, at + 1)) {
      const char quote = attr[4];
      const auto end = text.find(quote, at + 5);
      const auto value = text.substr(at + 5, end == std::string_view::npos ? end : end - at - 5);
      if (value.find_first_of("eE") != std::string_view::npos) return true;
    }
  return false;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (has_coordinate_exponent({reinterpret_cast<const char*>(data), size})) return 0;
  const std::string path = fuzz::write_file("map.osm", {reinterpret_cast<const char*>(data), size});
  try {
    const routing::RoadNetwork net = routing::import_osm(path);
    if (net.node_count() == 0) __builtin_trap();
  } catch (const routing::MapError&) {
  }
  return 0;
}
