// Checkpoint files: a paused world's whole state (world_state.h) written to disk and read back
// exactly, with what identifies the scenario it belongs to. The state is serialised with cereal's
// binary archive (every field of every part's state, the engine's pending events, the random
// streams and the dispatch policies' saved state), in a small versioned frame:
//
//   magic "HHCKPT\r\n"                8 bytes
//   format version                    u32, little-endian
//   file size                         u64, the whole file, checksum included
//   header                            u64 length, then cereal: halfhour version, scenario
//                                     identity, the time `at`
//   payload                           u64 length, then cereal: the WorldState
//   checksum                          u64, CRC-64/XZ of every byte before it
//
// Files are written atomically (a temporary sibling renamed into place). Reading checks the
// magic, the format version, the size, the checksum, the halfhour version and the payload's
// shape, in that order, and throws CheckpointError saying what is wrong.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine/time.h"
#include "sim/model/world_state.h"

namespace model {

// A checkpoint that cannot be written or read, or does not belong to the scenario.
class CheckpointError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The halfhour version (the project's CMake version), written into every checkpoint.
const char* halfhour_version();

inline constexpr std::uint32_t kCheckpointFormat = 2;

// CRC-64/XZ (Boost.CRC) of some bytes: the scenario's fingerprint and the file's checksum.
std::uint64_t crc64(std::string_view bytes);

// What the run was started from: enough to load the same scenario again and to tell whether it
// changed since.
struct ScenarioIdentity {
  std::string name;               // the scenario's name
  std::string path;               // the scenario file, absolute
  std::vector<std::string> sets;  // --set overrides, in order
  bool has_seed = false;          // --seed given
  std::uint64_t seed = 0;
  std::uint64_t yaml_hash = 0;  // crc64 of the resolved scenario YAML
};

struct Checkpoint {
  std::string version = halfhour_version();  // of the halfhour that wrote it
  ScenarioIdentity scenario;
  sim::Time at = 0;  // the world's time: state.engine.now
  WorldState state;
};

// The file's bytes, and the file written atomically (CheckpointError when it cannot be).
std::string checkpoint_bytes(const Checkpoint& checkpoint);
void write_checkpoint(const std::string& path, const Checkpoint& checkpoint);

// Reads bytes or a file back; CheckpointError for anything that is not a checkpoint this
// halfhour wrote, intact.
Checkpoint parse_checkpoint(std::string_view bytes);
Checkpoint read_checkpoint(const std::string& path);

}  // namespace model
