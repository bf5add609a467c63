#include "sim/output/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "sim/output/report_parts.h"
#include "sim/output/svg.h"
#include "sim/output/thermal_trace.h"
#include "sim/output/time_format.h"

namespace output {

// The report's pieces, shared with report_operations.cpp (sim/output/report_parts.h).
namespace report {

// A temperature class's range as text: "0 to 8 °C", "at most -18 °C", "any".
std::string range_text(double min_c, double max_c) {
  if (std::isfinite(min_c) && std::isfinite(max_c))
    return fmt::format("{:g} to {:g} °C", min_c, max_c);
  if (std::isfinite(max_c)) return fmt::format("at most {:g} °C", max_c);
  if (std::isfinite(min_c)) return fmt::format("at least {:g} °C", min_c);
  return "any";
}

using svg::escape;
using svg::num;

constexpr std::size_t kMaxDots = 3000;
constexpr std::size_t kMaxRoadSegments = 40000;

constexpr std::string_view kStyle = R"(
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --bg: #f4f6f8; --card: #fff;
        --blue: #2f6db5; --light: #a9c1e3; --orange: #e07b00; --green: #2e9e4f; --red: #d62728; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
       font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
header { background: var(--ink); color: #fff; padding: 22px 32px; }
header h1 { margin: 0 0 4px; font-size: 26px; font-weight: 600; }
header p { margin: 0; color: #cbd2d9; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 16px 8px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
          padding: 16px 20px; margin-bottom: 20px; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 0 0 8px; }
h3.spaced { margin-top: 16px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 12px;
         margin-bottom: 18px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
.tile .value { font-size: 24px; font-weight: 600; }
.tile .label { color: var(--muted); font-size: 13px; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 24px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; }
th { color: var(--muted); font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.note { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
.key { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 12px; border-radius: 50%; }
.key-ontime { background: var(--green); }
.key-late { background: var(--red); }
.key-store { background: var(--ink); border-radius: 0; }
footer { max-width: 1000px; margin: 0 auto; padding: 0 16px 32px; color: var(--muted); font-size: 13px; }
svg { display: block; width: 100%; height: auto; }
svg text { font-size: 12px; fill: var(--ink); }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .axis-title { fill: var(--muted); }
svg .grid { stroke: #e4e7eb; }
svg .axis { stroke: #9aa5b1; fill: none; }
svg .empty { fill: var(--muted); font-size: 14px; }
.bar-placed { fill: var(--light); }
.bar-delivered { fill: var(--blue); }
.share-line { stroke: var(--orange); stroke-width: 2; fill: none; }
.share-dot { fill: var(--orange); }
.bar-ontime { fill: var(--blue); }
.bar-late { fill: #e8a0a0; }
.promise { stroke: var(--red); stroke-width: 2; stroke-dasharray: 6 4; }
svg .promise-label { fill: var(--red); }
.bar-util { fill: #4f8a83; }
.mean-line { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 4 4; }
.land { fill: #fbfcfd; }
.roads { stroke: #bfc6ce; stroke-width: 0.7; fill: none; stroke-linecap: round; }
.ontime { fill: var(--green); fill-opacity: 0.65; }
.late { fill: var(--red); }
.store { fill: var(--ink); stroke: #fff; stroke-width: 1.5; }
svg .store-label { font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.scale { stroke: var(--ink); stroke-width: 2; fill: none; }
.airborne-line { stroke: var(--blue); stroke-width: 2; fill: none; }
.grounded { fill: #f3c4a0; fill-opacity: 0.6; }
.cold-range { fill: #d7e8f7; fill-opacity: 0.6; }
.range-line { stroke: #2f6db5; stroke-width: 1; stroke-dasharray: 5 4; }
svg .range-label { fill: var(--blue); font-size: 11px; }
.trace { fill: none; stroke-width: 2; }
.trace-end { stroke: none; }
.trace-0 { stroke: #d62728; fill: #d62728; }
.trace-1 { stroke: #e07b00; fill: #e07b00; }
.trace-2 { stroke: #9467bd; fill: #9467bd; }
.trace-3 { stroke: #8c564b; fill: #8c564b; }
.trace-4 { stroke: #17becf; fill: #17becf; }
path.trace { fill: none; }
.store-line { stroke-width: 2; }
path.store-line { fill: none; }
.store-dot { stroke: none; }
)";

std::string percent(double share) {
  return std::isnan(share) ? std::string("n/a") : fmt::format("{:.1f} %", 100 * share);
}
// A share of `out_of` things, n/a when there were none (0 % would read as all of them late).
std::string percent_of(double share, std::uint64_t out_of) {
  return out_of ? percent(share) : std::string("n/a");
}
std::string minutes(double m) { return fmt::format("{:.1f} min", m); }

bool is_late(const model::OrderRecord& o, sim::Time promise) {
  return o.delivered - o.placed > promise;
}

// `count` of n indices spread evenly from the first: the same picks on every run.
std::vector<std::size_t> spread(std::size_t n, std::size_t count) {
  std::vector<std::size_t> picks;
  count = std::min(n, count);
  picks.reserve(count);
  for (std::size_t j = 0; j < count; ++j) picks.push_back(j * n / count);
  return picks;
}

// The axis maximum: the data maximum rounded up to a whole tick step, at least one step.
double rounded_max(double max_value, double step) {
  return std::max(step, std::ceil(max_value / step - 1e-9) * step);
}

void empty_chart(std::string& out, std::string_view title, std::string_view message) {
  svg::open(out, kChartWidth, 80, title);
  svg::text(out, kChartWidth / 2, 45, "middle", "empty", message);
  svg::close(out);
}

// Clock labels under hourly bands, thinned to about 16.
void hour_labels(std::string& out, const svg::Plot& plot, const model::RunResult& result) {
  const std::size_t n = result.hours.size();
  const std::size_t every = std::max<std::size_t>(1, (n + 15) / 16);
  const double band = plot.width / static_cast<double>(n);
  for (std::size_t h = 0; h < n; h += every)
    svg::text(out, plot.left + band * (static_cast<double>(h) + 0.5), plot.bottom() + 18, "middle",
              "tick", clock_text(result.start_tod + static_cast<sim::Time>(h) * sim::kHour));
}

void orders_by_hour_chart(std::string& out, const model::RunResult& result) {
  constexpr std::string_view kTitle = "Orders placed and delivered by hour, with on-time share";
  const auto& hours = result.hours;
  if (hours.empty()) return empty_chart(out, kTitle, "No hourly data");
  auto it = std::back_inserter(out);

  double max_orders = 0;
  for (const auto& h : hours)
    max_orders = std::max({max_orders, double(h.placed), double(h.delivered)});
  const double step = svg::tick_step(max_orders, 5);
  svg::Plot plot{70, 40, kChartWidth - 70 - 70, 240, rounded_max(max_orders, step), 100};

  svg::open(out, kChartWidth, 320, kTitle);
  svg::left_axis(out, plot, step, [](double v) { return fmt::format("{}", std::lround(v)); });
  svg::right_axis(out, plot, 20, [](double v) { return fmt::format("{} %", std::lround(v)); });
  svg::axis_title(out, plot, false, "orders");
  svg::axis_title(out, plot, true, "on time");

  const double band = plot.width / static_cast<double>(hours.size());
  const double bar = band * 0.38;
  std::string share_path;
  bool pen_down = false;
  std::string share_dots;
  for (std::size_t h = 0; h < hours.size(); ++h) {
    const auto& hour = hours[h];
    const double x = plot.left + band * static_cast<double>(h) + band * 0.12;
    const std::string clock = clock_text(result.start_tod + static_cast<sim::Time>(h) * sim::kHour);
    fmt::format_to(it,
                   "<rect class=\"bar-placed\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                   "<title>{}: {} placed</title></rect>\n",
                   num(x), num(plot.y(hour.placed)), num(bar),
                   num(plot.bottom() - plot.y(hour.placed)), clock, hour.placed);
    fmt::format_to(it,
                   "<rect class=\"bar-delivered\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                   "<title>{}: {} delivered</title></rect>\n",
                   num(x + bar), num(plot.y(hour.delivered)), num(bar),
                   num(plot.bottom() - plot.y(hour.delivered)), clock, hour.delivered);
    if (hour.delivered == 0) {
      pen_down = false;  // no share to show: break the line
      continue;
    }
    const double share = 100.0 * hour.on_time / hour.delivered;
    const double cx = plot.left + band * (static_cast<double>(h) + 0.5);
    fmt::format_to(std::back_inserter(share_path), "{}{} {}", pen_down ? "L" : "M", num(cx),
                   num(plot.y2(share)));
    pen_down = true;
    fmt::format_to(std::back_inserter(share_dots),
                   "<circle class=\"share-dot\" cx=\"{}\" cy=\"{}\" r=\"3\">"
                   "<title>{}: {:.1f} % on time</title></circle>\n",
                   num(cx), num(plot.y2(share)), clock, share);
  }
  if (!share_path.empty())
    fmt::format_to(it, "<path class=\"share-line\" d=\"{}\"/>\n", share_path);
  out += share_dots;
  hour_labels(out, plot, result);

  double x = plot.left;
  x = svg::legend_entry(out, x, 20, "bar-placed", "placed");
  x = svg::legend_entry(out, x, 20, "bar-delivered", "delivered");
  svg::legend_entry(out, x, 20, "share-line", "on-time share of delivered (right axis)", true);
  svg::close(out);
}

void click_to_door_chart(std::string& out, const model::RunResult& result,
                         const model::Kpis& kpis) {
  constexpr std::string_view kTitle = "Click-to-door time of delivered orders";
  std::vector<double> values;
  for (const auto& o : result.orders)
    if (o.status == model::OrderStatus::delivered)
      values.push_back(sim::to_minutes(o.delivered - o.placed));
  if (values.empty()) return empty_chart(out, kTitle, "No delivered orders");
  auto it = std::back_inserter(out);

  const double promise_min = sim::to_minutes(result.promise);
  const double max_value = *std::max_element(values.begin(), values.end());
  // A long tail is folded into the last bin so the bulk stays readable.
  const double range =
      std::min(std::max(max_value, promise_min * 1.1), std::max(120.0, 3 * promise_min));
  const double bin_min = range <= 60 ? 1 : range <= 120 ? 2 : 5;
  const auto bins = static_cast<std::size_t>(std::max(1.0, std::ceil(range / bin_min)));
  const double axis_max = static_cast<double>(bins) * bin_min;
  std::vector<std::uint32_t> counts(bins, 0);
  std::size_t folded = 0;
  for (double v : values) {
    auto b = static_cast<std::size_t>(std::max(0.0, std::floor(v / bin_min)));
    if (b >= bins) {
      b = bins - 1;
      ++folded;
    }
    ++counts[b];
  }

  const double max_count = *std::max_element(counts.begin(), counts.end());
  const double step = svg::tick_step(max_count, 5);
  svg::Plot plot{70, 40, kChartWidth - 70 - 30, 240, rounded_max(max_count, step), 1};
  const auto x_of = [&](double m) { return plot.left + plot.width * m / axis_max; };

  svg::open(out, kChartWidth, 330, kTitle);
  svg::left_axis(out, plot, step, [](double v) { return fmt::format("{}", std::lround(v)); });
  svg::axis_title(out, plot, false, "orders");
  for (std::size_t b = 0; b < bins; ++b) {
    const double lo = static_cast<double>(b) * bin_min;
    const double gap = std::min(1.0, plot.width / static_cast<double>(bins) * 0.1);
    fmt::format_to(it,
                   "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                   "<title>{}{}-{} min: {} orders</title></rect>\n",
                   lo >= promise_min ? "bar-late" : "bar-ontime", num(x_of(lo) + gap / 2),
                   num(plot.y(counts[b])), num(x_of(lo + bin_min) - x_of(lo) - gap),
                   num(plot.bottom() - plot.y(counts[b])),
                   b + 1 == bins && folded > 0 ? "from " : "", lo, lo + bin_min, counts[b]);
  }
  const double tick = std::max(bin_min, svg::tick_step(axis_max, 12));
  for (int i = 0; i * tick <= axis_max + 1e-9; ++i)
    svg::text(out, x_of(i * tick), plot.bottom() + 18, "middle", "tick",
              fmt::format("{}", std::lround(i * tick)));
  svg::text(out, plot.left + plot.width / 2, plot.bottom() + 40, "middle", "axis-title",
            "minutes from order to door");

  const double px = x_of(promise_min);
  fmt::format_to(it, "<line class=\"promise\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                 num(px), num(plot.top - 4), num(plot.bottom()));
  svg::text(out, px + 6, plot.top + 8, "start", "promise-label",
            fmt::format("promise {:g} min", promise_min));
  svg::text(
      out, plot.right(), 20, "end", "",
      fmt::format("p50 {:.1f} min · p90 {:.1f} min · p99 {:.1f} min", kpis.click_to_door_min.p50,
                  kpis.click_to_door_min.p90, kpis.click_to_door_min.p99));
  if (folded > 0)
    svg::text(out, plot.left, 20, "start", "tick",
              fmt::format("last bin includes {} orders over {:g} min", folded, axis_max));
  svg::close(out);
}

void utilisation_chart(std::string& out, const model::RunResult& result, const model::Kpis& kpis) {
  constexpr std::string_view kTitle = "Rider utilisation by hour";
  const auto& hours = result.hours;
  if (hours.empty()) return empty_chart(out, kTitle, "No hourly data");
  auto it = std::back_inserter(out);

  svg::Plot plot{70, 40, kChartWidth - 70 - 30, 200, 100, 1};
  svg::open(out, kChartWidth, 280, kTitle);
  svg::left_axis(out, plot, 20, [](double v) { return fmt::format("{} %", std::lround(v)); });
  svg::axis_title(out, plot, false, "busy / on shift");
  const double band = plot.width / static_cast<double>(hours.size());
  for (std::size_t h = 0; h < hours.size(); ++h) {
    if (hours[h].rider_on_shift_ms <= 0) continue;
    const double share = 100.0 * hours[h].rider_busy_ms / hours[h].rider_on_shift_ms;
    fmt::format_to(it,
                   "<rect class=\"bar-util\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                   "<title>{}: {:.1f} % busy</title></rect>\n",
                   num(plot.left + band * (static_cast<double>(h) + 0.15)), num(plot.y(share)),
                   num(band * 0.7), num(plot.bottom() - plot.y(share)),
                   clock_text(result.start_tod + static_cast<sim::Time>(h) * sim::kHour), share);
  }
  if (!std::isnan(kpis.rider_utilisation))
    fmt::format_to(it, "<line class=\"mean-line\" x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\"/>\n",
                   num(plot.left), num(plot.y(100 * kpis.rider_utilisation)), num(plot.right()));
  hour_labels(out, plot, result);
  const double x = svg::legend_entry(out, plot.left, 20, "bar-util", "busy share of shift time");
  svg::legend_entry(out, x, 20, "mean-line",
                    fmt::format("whole run {}", percent(kpis.rider_utilisation)), true);
  svg::close(out);
}

// Equirectangular projection with the longitude scaled by cos(latitude) at the centre, so that
// distances look right near the map's centre.
struct Projection {
  double min_lat = 0, max_lat = 0, min_lon = 0, max_lon = 0;
  double lon_factor = 1, scale = 1, pad = 16;
  double width = 0, height = 0;

  double x(routing::LatLon p) const { return pad + (p.lon - min_lon) * lon_factor * scale; }
  double y(routing::LatLon p) const { return pad + (max_lat - p.lat) * scale; }
};

// Draws the map and returns its legend, an HTML line for under it.
std::string map_chart(std::string& out, const model::RunResult& result,
                      const routing::RoadNetwork& network) {
  constexpr std::string_view kTitle = "Map of roads, stores and deliveries";
  Projection proj{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                  std::numeric_limits<double>::infinity(),
                  -std::numeric_limits<double>::infinity()};
  const auto include = [&](routing::LatLon p) {
    proj.min_lat = std::min(proj.min_lat, p.lat);
    proj.max_lat = std::max(proj.max_lat, p.lat);
    proj.min_lon = std::min(proj.min_lon, p.lon);
    proj.max_lon = std::max(proj.max_lon, p.lon);
  };
  for (std::size_t n = 0; n < network.node_count(); ++n)
    include(network.position(static_cast<routing::NodeId>(n)));
  for (const auto& s : result.stores) include(s.location);
  std::vector<std::size_t> on_time, late;
  for (std::size_t i = 0; i < result.orders.size(); ++i) {
    const auto& o = result.orders[i];
    if (o.status != model::OrderStatus::delivered) continue;
    include(o.location);
    (is_late(o, result.promise) ? late : on_time).push_back(i);
  }
  if (!(proj.min_lat <= proj.max_lat)) {
    empty_chart(out, kTitle, "Nothing to draw");
    return "";
  }

  constexpr double kMinSpanDeg = 1e-4;  // about 10 m, for a map of a single point
  const double mid_lat = (proj.min_lat + proj.max_lat) / 2;
  proj.lon_factor = std::cos(mid_lat * M_PI / 180.0);
  const double span_x = std::max(kMinSpanDeg, (proj.max_lon - proj.min_lon) * proj.lon_factor);
  const double span_y = std::max(kMinSpanDeg, proj.max_lat - proj.min_lat);
  constexpr double kMaxHeight = 680;
  proj.scale =
      std::min((kChartWidth - 2 * proj.pad) / span_x, (kMaxHeight - 2 * proj.pad) / span_y);
  proj.width = span_x * proj.scale + 2 * proj.pad;
  proj.height = span_y * proj.scale + 2 * proj.pad;

  svg::open(out, proj.width, proj.height + 24, kTitle);
  auto it = std::back_inserter(out);
  fmt::format_to(it, "<rect class=\"land\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\"/>\n",
                 num(proj.width), num(proj.height));

  // Each two-way road once; on a large map the major classes first, then an even share of the
  // next class that still fits.
  struct Segment {
    routing::NodeId a, b;
    routing::RoadClass road_class;
  };
  std::vector<Segment> segments;
  const auto& g = network.graph();
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    const routing::NodeId u = boost::source(*e, g), v = boost::target(*e, g);
    if (u != v) segments.push_back({std::min(u, v), std::max(u, v), g[*e].road_class});
  }
  std::sort(segments.begin(), segments.end(), [](const Segment& l, const Segment& r) {
    return std::tie(l.a, l.b, l.road_class) < std::tie(r.a, r.b, r.road_class);
  });
  segments.erase(
      std::unique(segments.begin(), segments.end(),
                  [](const Segment& l, const Segment& r) { return l.a == r.a && l.b == r.b; }),
      segments.end());
  const std::size_t road_total = segments.size();
  if (segments.size() > kMaxRoadSegments) {
    std::stable_sort(segments.begin(), segments.end(), [](const Segment& l, const Segment& r) {
      return l.road_class < r.road_class;
    });
    std::vector<Segment> kept;
    for (std::size_t first = 0; first < segments.size();) {
      std::size_t last = first;
      while (last < segments.size() && segments[last].road_class == segments[first].road_class)
        ++last;
      const std::size_t room = kMaxRoadSegments - kept.size();
      for (std::size_t i : spread(last - first, room)) kept.push_back(segments[first + i]);
      if (last - first >= room) break;
      first = last;
    }
    segments = std::move(kept);
  }
  if (!segments.empty()) {
    out += "<path class=\"roads\" d=\"";
    for (const auto& s : segments) {
      const auto pa = network.position(s.a), pb = network.position(s.b);
      fmt::format_to(it, "M{} {}L{} {}", num(proj.x(pa)), num(proj.y(pa)), num(proj.x(pb)),
                     num(proj.y(pb)));
    }
    out += "\"/>\n";
  }

  // On-time dots give way to late ones when there are too many to draw.
  const std::size_t on_time_budget =
      std::min(on_time.size(), std::max(kMaxDots / 2, kMaxDots - std::min(kMaxDots, late.size())));
  const std::size_t late_budget = std::min(late.size(), kMaxDots - on_time_budget);
  for (std::size_t i : spread(on_time.size(), on_time_budget)) {
    const auto p = result.orders[on_time[i]].location;
    fmt::format_to(it, "<circle class=\"ontime\" cx=\"{}\" cy=\"{}\" r=\"1.6\"/>\n", num(proj.x(p)),
                   num(proj.y(p)));
  }
  for (std::size_t i : spread(late.size(), late_budget)) {
    const auto& o = result.orders[late[i]];
    fmt::format_to(it,
                   "<circle class=\"late\" cx=\"{}\" cy=\"{}\" r=\"2.4\"><title>order {}: {:.1f} "
                   "min</title></circle>\n",
                   num(proj.x(o.location)), num(proj.y(o.location)), o.id,
                   sim::to_minutes(o.delivered - o.placed));
  }

  for (const auto& s : result.stores) {
    const double x = proj.x(s.location), y = proj.y(s.location);
    fmt::format_to(it, "<rect class=\"store\" x=\"{}\" y=\"{}\" width=\"9\" height=\"9\"/>\n",
                   num(x - 4.5), num(y - 4.5));
    const bool right_half = x > proj.width / 2;
    svg::text(out, right_half ? x - 8 : x + 8, y - 6, right_half ? "end" : "start", "store-label",
              s.id);
  }

  // A scale bar of a round length, at most a fifth of the map wide.
  constexpr double kMetresPerDegree = routing::kEarthRadiusM * M_PI / 180.0;
  const double px_per_m = proj.scale / kMetresPerDegree;
  const double fifth_m = proj.width / 5 / px_per_m;
  double bar_m = svg::tick_step(fifth_m, 1);  // 1, 2 or 5 times a power of ten, >= fifth_m
  if (bar_m > fifth_m) {
    const double mantissa = bar_m / std::pow(10.0, std::floor(std::log10(bar_m) + 1e-9));
    bar_m /= std::lround(mantissa) == 5 ? 2.5 : 2;
  }
  const double bar_px = bar_m * px_per_m;
  const double y = proj.height + 16;
  fmt::format_to(it, "<path class=\"scale\" d=\"M{0} {1}v-5H{2}v5\"/>\n", num(proj.pad), num(y - 2),
                 num(proj.pad + bar_px));
  svg::text(out, proj.pad + bar_px + 6, y, "start", "tick",
            bar_m >= 1000 ? fmt::format("{:g} km", bar_m / 1000) : fmt::format("{:g} m", bar_m));
  svg::close(out);

  std::string note = fmt::format(
      "<span class=\"key key-store\"></span>store<span class=\"key key-ontime\"></span>on time "
      "({})<span class=\"key key-late\"></span>late ({})",
      on_time.size(), late.size());
  if (on_time_budget + late_budget < on_time.size() + late.size())
    note += fmt::format(" &middot; showing {} on-time and {} late deliveries, evenly sampled",
                        on_time_budget, late_budget);
  if (segments.size() < road_total)
    note += fmt::format(" &middot; {} of {} road segments drawn, major roads first",
                        segments.size(), road_total);
  return note;
}

// What each headline figure divides, one line each.
constexpr std::string_view kDefinitions =
    "<p class=\"note\">On-time share: orders delivered within the promise / orders accepted "
    "(placed, less those outside every store's radius); rejected and still-open orders count as "
    "late. An order in a radius that no road reaches (unreachable) counts as accepted.<br>"
    "On-time share of delivered: orders delivered within the promise / orders delivered.<br>"
    "Rider utilisation: rider time busy / rider time on shift. n/a: nothing to divide.</p>\n";

void kpi_tables(std::string& out, const model::Kpis& k) {
  auto it = std::back_inserter(out);
  out += "<section><h2>Key figures</h2>\n<div class=\"tiles\">\n";
  const auto tile = [&](std::string_view label, const std::string& value) {
    fmt::format_to(
        it,
        "<div class=\"tile\"><div class=\"value\">{}</div><div class=\"label\">{}</div></div>\n",
        value, label);
  };
  tile("orders delivered", fmt::format("{}", k.orders_delivered));
  tile("on time (of accepted)", percent(k.on_time_share));
  tile("click-to-door p90", minutes(k.click_to_door_min.p90));
  tile("rider utilisation", percent(k.rider_utilisation));
  out +=
      "</div>\n<div class=\"columns\">\n<table>\n<tr><th>Measure</th><th "
      "class=\"num\">Value</th></tr>\n";
  const auto row = [&](std::string_view label, const std::string& value) {
    fmt::format_to(it, "<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", label, value);
  };
  row("Orders placed", fmt::format("{}", k.orders_placed));
  row("Orders delivered", fmt::format("{}", k.orders_delivered));
  row("Orders rejected", fmt::format("{}", k.orders_rejected));
  row("Orders open at the end", fmt::format("{}", k.orders_open));
  row("Orders accepted", fmt::format("{}", k.orders_accepted));
  row("On-time share", percent(k.on_time_share));
  row("On-time share of delivered", percent(k.on_time_share_of_delivered));
  row("Click-to-door mean", minutes(k.click_to_door_min.mean));
  row("Click-to-door p50", minutes(k.click_to_door_min.p50));
  row("Click-to-door p90", minutes(k.click_to_door_min.p90));
  row("Click-to-door p99", minutes(k.click_to_door_min.p99));
  row("Pick wait mean", minutes(k.pick_wait_min.mean));
  row("Pick wait p90", minutes(k.pick_wait_min.p90));
  row("Rider utilisation", percent(k.rider_utilisation));
  row("Orders per rider hour", std::isnan(k.orders_per_rider_hour)
                                   ? std::string("n/a")
                                   : fmt::format("{:.2f}", k.orders_per_rider_hour));
  row("Rider km per order", fmt::format("{:.2f} km", k.km_per_order));
  if (k.has_cost) row("Cost per delivered order", fmt::format("{:.2f}", k.cost_per_order));
  out +=
      "</table>\n<div>\n<h3>Rejected orders by reason</h3>\n<table>\n"
      "<tr><th>Reason</th><th class=\"num\">Orders</th><th class=\"num\">Share of "
      "placed</th></tr>\n";
  for (const auto& [reason, count] : k.rejected_by_reason)
    fmt::format_to(it, "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                   escape(reason), count,
                   percent(k.orders_placed ? double(count) / k.orders_placed : 0));

  out += "</table>\n</div>\n</div>\n";
  out += kDefinitions;
  out += "</section>\n";
}

}  // namespace report

using namespace report;

std::string report_html(const std::string& name, const model::RunResult& result,
                        const model::Kpis& kpis, const routing::RoadNetwork& network) {
  std::string out;
  auto it = std::back_inserter(out);
  fmt::format_to(it,
                 "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<title>{} &middot; halfhour report</title>\n<style>{}</style>\n</head>\n<body>\n",
                 escape(name), kStyle);
  fmt::format_to(
      it,
      "<header><h1>{}</h1><p>start {} &middot; {:g} h simulated &middot; promise {:g} "
      "min &middot; {} stores &middot; {} riders &middot; {} orders</p></header>\n<main>\n",
      escape(name), clock_text(result.start_tod), sim::to_hours(result.duration),
      sim::to_minutes(result.promise), result.stores.size(), result.riders.size(),
      result.orders.size());
  // Likely mistakes in the scenario or its run, before any figure they may distort.
  if (!result.warnings.empty()) {
    out += "<section class=\"warnings\"><h2>Warnings</h2>\n<ul>\n";
    for (const auto& w : result.warnings) fmt::format_to(it, "<li>{}</li>\n", escape(w));
    out += "</ul>\n</section>\n";
  }
  kpi_tables(out, kpis);
  stores_section(out, result, kpis);

  out += "<section><h2>Orders by hour</h2>\n";
  orders_by_hour_chart(out, result);
  out += "</section>\n<section><h2>Click-to-door time</h2>\n";
  click_to_door_chart(out, result, kpis);
  out += "</section>\n<section><h2>Where the minutes go</h2>\n";
  phases_chart(out, result);
  out += "</section>\n<section><h2>Rider utilisation by hour</h2>\n";
  utilisation_chart(out, result, kpis);
  out += "</section>\n";
  if (!result.hubs.empty()) drones_section(out, result, kpis);
  if (!result.temp_classes.empty()) cold_chain_section(out, result, kpis);
  if (has_stock(result)) stock_section(out, result, kpis);
  out += "<section><h2>Map</h2>\n";
  const std::string map_note = map_chart(out, result, network);
  if (!map_note.empty()) fmt::format_to(it, "<p class=\"note\">{}</p>\n", map_note);
  out += "</section>\n</main>\n";
  // Wall-clock figures differ between runs; everything above depends only on the inputs.
  fmt::format_to(it,
                 "<footer>Made by halfhour &middot; <span class=\"performance\">{} events in "
                 "{:.2f} s ({:.0f} events/s)</span></footer>\n</body>\n</html>\n",
                 kpis.events, kpis.wall_seconds, kpis.events_per_second);
  return out;
}

}  // namespace output
