#include "sim/model/summary_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace model {

Describe describe(std::vector<double> v) {
  Describe d;
  d.count = v.size();
  if (v.empty()) return d;
  std::sort(v.begin(), v.end());
  const double n = static_cast<double>(v.size());
  d.mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0;
  for (double x : v) ss += (x - d.mean) * (x - d.mean);
  d.sd = v.size() > 1 ? std::sqrt(ss / (n - 1)) : 0;
  auto percentile = [&](double q) {
    const double k = (n - 1) * q;
    const auto f = static_cast<std::size_t>(std::floor(k));
    const std::size_t c = std::min(f + 1, v.size() - 1);
    return v[f] + (v[c] - v[f]) * (k - static_cast<double>(f));
  };
  d.min = v.front();
  d.p10 = percentile(0.1);
  d.p50 = percentile(0.5);
  d.p90 = percentile(0.9);
  d.max = v.back();
  return d;
}

}  // namespace model
