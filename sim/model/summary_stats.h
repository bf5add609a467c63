// The summary statistics the MDRP library publishes and asks for: count, mean, sample standard
// deviation, min, 10th, 50th and 90th percentiles (linear between ranks, as pandas) and max.
#pragma once

#include <cstddef>
#include <vector>

namespace model {

struct Describe {
  std::size_t count = 0;
  double mean = 0, sd = 0, min = 0, p10 = 0, p50 = 0, p90 = 0, max = 0;
};
Describe describe(std::vector<double> values);

}  // namespace model
