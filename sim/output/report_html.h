// The run report: one self-contained HTML page (no network needed) with inline SVG charts:
// orders and on-time share by hour, the click-to-door histogram with the promise marked, rider
// utilisation by hour, and a map of the roads, the stores and the late deliveries.
#pragma once

#include <string>

#include "routing/road_network.h"
#include "sim/model/kpis.h"
#include "sim/model/run_result.h"

namespace output {

std::string report_html(const std::string& name, const model::RunResult& result,
                        const model::Kpis& kpis, const routing::RoadNetwork& network);

}  // namespace output
