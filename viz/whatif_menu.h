// The live twin window's what-if menu (key w): for the store selected on the map, up to four
// alternatives to compare with "as is" from the twin's current state (sim/model/whatif.h, run by
// the twin in the background with the forecast's replications and horizon), and the answer's
// lines: each alternative's on-time share and late orders over the horizon, with their 95%
// intervals and the paired difference to "as is".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/twin_state.h"
#include "sim/model/whatif.h"

namespace viz {

class WhatIfMenu {
 public:
  // The alternatives, by the key that toggles them ('1' to '4').
  enum Choice { add_riders, move_riders, add_picker, flip_ordering, kChoices };
  static constexpr int kRiders = 2;  // riders added or moved by choices 1 and 2

  bool is_open() const { return open_; }
  void set_open(bool open) { open_ = open; }
  // The store the alternatives are for (index into TwinState::stores); none: "click a store".
  void set_store(std::optional<std::uint32_t> store);
  std::optional<std::uint32_t> store() const { return store_; }
  void toggle(Choice c) { chosen_[c] = !chosen_[c]; }
  bool chosen(Choice c) const { return chosen_[c]; }

  // The menu's text for `state`: a title, one line per choice ("[x] 1  add 2 riders at
  // condamine"; a choice that cannot apply says why), and the keys.
  std::vector<std::string> lines(const model::TwinState& state) const;
  // The chosen alternatives that apply in `state`, one each, named as in lines(); empty without a
  // store or a choice.
  std::vector<model::WhatIfAlternative> alternatives(const model::TwinState& state) const;

 private:
  // The store other than ours with the most idle riders on shift, if it has at least one.
  std::optional<std::uint32_t> donor(const model::TwinState& state) const;
  std::optional<model::WhatIfAlternative> alternative(const model::TwinState& state,
                                                      Choice c) const;

  bool open_ = false;
  std::optional<std::uint32_t> store_;
  std::array<bool, kChoices> chosen_{};
};

// Where the window's what-ifs go: the live twin runs them on a fork of its world at the moment
// it takes them, in the background, and keeps the newest answer.
class WhatIfDesk {
 public:
  struct Answer {
    enum class Status { none, running, done, refused };
    Status status = Status::none;
    std::string refusal;                         // why, when refused
    sim::Time at = 0;                            // the world time it was run from
    double seconds = 0;                          // its wall time
    std::vector<model::WhatIfOutcome> outcomes;  // when done; 0: "as is"
  };
  virtual ~WhatIfDesk() = default;
  // Asks for "as is" and `alternatives`; an answer still running is superseded by it.
  virtual void ask(std::vector<model::WhatIfAlternative> alternatives) = 0;
  virtual Answer answer() const = 0;
};

// The answer panel's lines for run_whatif's outcomes (0: "as is"): per alternative its name, then
// "on time 91.2 [89.0, 93.4]%  late 4.1 [3.2, 5.0]" (orders placed in the horizon that miss their
// promise) and, but for "as is", the paired difference "vs as is: on time
// +2.1 [+0.8, +3.4] pts  late -1.2 [-1.9, -0.5]".
std::vector<std::string> answer_lines(const std::vector<model::WhatIfOutcome>& outcomes);

}  // namespace viz
