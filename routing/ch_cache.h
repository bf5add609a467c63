// Contraction hierarchies on disk, so a map is preprocessed once per vehicle profile and
// congestion level. A file holds the checksum of the metric it was built from and a checksum of
// its own bytes; a file that is missing, truncated, corrupt or built from another metric is
// rebuilt, never trusted. Files are written to a temporary name and renamed into place.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "routing/contraction_hierarchy.h"

namespace routing {

class CHSerializer {
 public:
  // Returns false (and leaves nothing behind) when the file cannot be written.
  static bool save(const ContractionHierarchy& ch, const std::string& path);
  // nullopt unless the file is whole and was built from a metric with `expected_checksum`.
  static std::optional<ContractionHierarchy> load(const std::string& path,
                                                  std::uint64_t expected_checksum);
};

enum class CacheOutcome { disabled, loaded, built_and_saved, built_not_saved };

// The hierarchy of `arcs`, from `path` when it holds it, else built (and saved there when path
// is not empty).
ContractionHierarchy load_or_build_hierarchy(const std::string& path, std::size_t node_count,
                                             const std::vector<MetricArc>& arcs, int threads,
                                             CacheOutcome* outcome = nullptr);

}  // namespace routing
