// The pieces report.html is assembled from, shared by report_html.cpp (orders, click-to-door,
// riders, the map, the key figures) and report_operations.cpp (drones, the cold chain, stock).
// Internal to sim/output: each section appends self-contained HTML with inline SVG to `out`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/model/kpis.h"
#include "sim/model/run_result.h"

namespace output::report {

inline constexpr double kChartWidth = 860;  // SVG units

// A temperature class's range as text: "0 to 8 °C", "at most -18 °C", "any".
std::string range_text(double min_c, double max_c);
// A share as a percentage; n/a for model::kNoShare.
std::string percent(double share);
// A share of `out_of` things, n/a when there were none (0 % would read as all of them late).
std::string percent_of(double share, std::uint64_t out_of);
std::string minutes(double m);
// The axis maximum: the data maximum rounded up to a whole tick step, at least one step.
double rounded_max(double max_value, double step);
// A chart with nothing to draw: its title and why.
void empty_chart(std::string& out, std::string_view title, std::string_view message);

// The phases of delivered orders stacked by hour placed (report_phases.cpp).
void phases_chart(std::string& out, const model::RunResult& result);
bool has_stock(const model::RunResult& result);
void drones_section(std::string& out, const model::RunResult& result, const model::Kpis& k);
void cold_chain_section(std::string& out, const model::RunResult& result, const model::Kpis& k);
void stock_section(std::string& out, const model::RunResult& result, const model::Kpis& k);
// report_stores.cpp: each store's figures and its on-time share by hour of the day.
void stores_section(std::string& out, const model::RunResult& result, const model::Kpis& k);

}  // namespace output::report
