// The visual twin's recording of a run (twin.bin): the TwinStates the viewer shows, every
// period of simulated time, in a binary file that `halfhour replay` plays back exactly as the
// live view drew it.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "sim/model/twin_state.h"

namespace model {
class World;
}

namespace output {

// Takes a frame from the world at the first engine window that ends at or after each multiple of
// `period`; call on_window from World::run's progress function (with World::set_window(period)
// the frames lie at most a window apart from those multiples).
class TwinRecorder {
 public:
  TwinRecorder(const model::World& world, sim::Time period) : world_(world), period_(period) {}
  void on_window(sim::Time now);
  const std::vector<model::TwinState>& frames() const { return frames_; }

 private:
  const model::World& world_;
  sim::Time period_;
  sim::Time next_ = 0;
  std::vector<model::TwinState> frames_;
};

std::string twin_bytes(const std::vector<model::TwinState>& frames);

// Reads a twin.bin. Throws TwinFileError naming the file and what is wrong with it.
std::vector<model::TwinState> read_twin(const std::string& path);

class TwinFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace output
