// A guard in front of libosmium's XML coordinate parser. libosmium (2.18, 2.19:
// osmium/osm/location.hpp, string_to_location_coordinate) scales a coordinate written with an
// exponent ("13.00E83795") by multiplying by 10 once per step with no overflow check: undefined
// behaviour, and in practice the value wraps to 0, so the node silently lands on the equator or
// the prime meridian. No OpenStreetMap writer uses exponents or character references in
// coordinates, so such a value is checked here before osmium sees the file.
#pragma once

#include <string>
#include <string_view>

namespace routing {

// Reads the (possibly gzip- or bzip2-compressed) OSM XML file at `path` once and throws MapError
// naming the attribute and its value if a coordinate attribute (`lat`, `lon`, `minlat`, ...,
// `min_lon`, `box`) uses an XML character reference, or an exponent whose value is not a finite
// number within [-180, 180]. Does nothing for a file osmium would not read as XML (PBF stores
// coordinates as integers). Cost: one more decompression and a byte scan of the file.
void check_xml_coordinates(const std::string& path);

// The same check on OSM XML text held in memory; `name` stands for the file in the message.
void check_xml_coordinates_text(std::string_view xml, const std::string& name);

}  // namespace routing
