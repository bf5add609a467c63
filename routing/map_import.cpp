#include "routing/map_import.h"

#include "routing/dimacs_import.h"
#include "routing/osm_import.h"

namespace routing {

namespace {
bool ends_with(const std::string& s, const char* suffix) {
  const std::string x(suffix);
  return s.size() >= x.size() && s.compare(s.size() - x.size(), x.size(), x) == 0;
}
}  // namespace

bool is_dimacs_path(const std::string& path) {
  return ends_with(path, ".gr") || ends_with(path, ".gr.xz");
}

RoadNetwork import_map(const std::string& path) {
  if (is_dimacs_path(path)) return import_dimacs(path);
  for (const char* ext : {".osm.pbf", ".pbf", ".osm", ".osm.gz", ".osm.bz2"})
    if (ends_with(path, ext)) return import_osm(path);
  throw MapError(path, "expected a map ending in .osm.pbf, .osm, .osm.gz, .osm.bz2, .gr or .gr.xz");
}

}  // namespace routing
