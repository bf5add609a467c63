// The report of a sweep: one self-contained HTML page that answers "how does each KPI move with
// each factor". For each factor on the x axis and each KPI the runs have, the KPI's mean with its
// 95% confidence interval (Student t over the runs at that value):
//   - with a second factor, one line per level of it (an interaction plot; the first other
//     factor with at most 8 levels), averaged over any further factors;
//   - numeric factors are spaced by value and joined by lines with a band; categorical ones
//     (policies, names) are categories: points with error bars, labels turned to fit;
//   - shares (on-time share, utilisation) are drawn on [0, 1] with their intervals clipped there;
//   - a KPI no run has (drone figures without drones) is left out, not drawn as 0.
// The page's title is the sweep's name and factors; the city's charts come first, then each
// store's under a section of its own that opens on a click.
#pragma once

#include <string>

#include "sim/output/sweep_db.h"

namespace output {

std::string sweep_report_html(const SweepDb& db);

}  // namespace output
