#include "sim/output/svg.h"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

namespace output::svg {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string num(double v) {
  // Avoids "-0.0" for values that round to zero.
  if (std::fabs(v) < 0.05) return "0.0";
  return fmt::format("{:.1f}", v);
}

double tick_step(double max_value, int target) {
  if (!(max_value > 0) || target < 1) return 1;
  const double raw = max_value / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * magnitude >= raw) return m * magnitude;
  return 10 * magnitude;
}

void open(std::string& out, double width, double height, std::string_view title) {
  fmt::format_to(std::back_inserter(out),
                 "<svg viewBox=\"0 0 {} {}\" role=\"img\" preserveAspectRatio=\"xMidYMid meet\">"
                 "<title>{}</title>\n",
                 num(width), num(height), escape(title));
}

void close(std::string& out) { out += "</svg>\n"; }

void text(std::string& out, double x, double y, std::string_view anchor, std::string_view cls,
          std::string_view content) {
  fmt::format_to(std::back_inserter(out), "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\"", num(x),
                 num(y), anchor);
  if (!cls.empty()) fmt::format_to(std::back_inserter(out), " class=\"{}\"", cls);
  fmt::format_to(std::back_inserter(out), ">{}</text>\n", escape(content));
}

void left_axis(std::string& out, const Plot& plot, double step, const Label& label) {
  // Counting steps instead of accumulating keeps the ticks free of rounding drift.
  for (int i = 0; i * step <= plot.y_max * (1 + 1e-9); ++i) {
    const double y = plot.y(i * step);
    fmt::format_to(std::back_inserter(out),
                   "<line class=\"grid\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n",
                   num(plot.left), num(y), num(plot.right()), num(y));
    text(out, plot.left - 6, y + 4, "end", "tick", label(i * step));
  }
  fmt::format_to(std::back_inserter(out), "<path class=\"axis\" d=\"M{} {}V{}H{}\"/>\n",
                 num(plot.left), num(plot.top), num(plot.bottom()), num(plot.right()));
}

void right_axis(std::string& out, const Plot& plot, double step, const Label& label) {
  for (int i = 0; i * step <= plot.y2_max * (1 + 1e-9); ++i)
    text(out, plot.right() + 6, plot.y2(i * step) + 4, "start", "tick", label(i * step));
  fmt::format_to(std::back_inserter(out), "<path class=\"axis\" d=\"M{} {}V{}\"/>\n",
                 num(plot.right()), num(plot.top), num(plot.bottom()));
}

void axis_title(std::string& out, const Plot& plot, bool right_side, std::string_view title) {
  const double x = right_side ? plot.right() + 46 : plot.left - 46;
  const double y = plot.top + plot.height / 2;
  fmt::format_to(std::back_inserter(out),
                 "<text x=\"{0}\" y=\"{1}\" text-anchor=\"middle\" class=\"axis-title\" "
                 "transform=\"rotate(-90 {0} {1})\">{2}</text>\n",
                 num(x), num(y), escape(title));
}

double legend_entry(std::string& out, double x, double y, std::string_view cls,
                    std::string_view label, bool line) {
  if (line)
    fmt::format_to(std::back_inserter(out),
                   "<line class=\"{}\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", cls, num(x),
                   num(y - 4), num(x + 14), num(y - 4));
  else
    fmt::format_to(std::back_inserter(out),
                   "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/>\n", cls,
                   num(x + 2), num(y - 9));
  text(out, x + 18, y, "start", "legend", label);
  return x + 18 + 7.0 * static_cast<double>(label.size()) + 16;
}

}  // namespace output::svg
