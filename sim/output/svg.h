// Internal helpers of the report for drawing charts as inline SVG: escaping, compact numbers and
// axes. Every number is printed with a fixed format, so the same inputs give the same bytes.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace output::svg {

// Escapes text for HTML and SVG content and for quoted attribute values.
std::string escape(std::string_view text);

// A coordinate with one decimal.
std::string num(double v);

// A tick step of 1, 2 or 5 times a power of ten giving at most about `target` steps up to
// `max_value`; 1 when max_value <= 0.
double tick_step(double max_value, int target);

// The drawing area of a chart inside its SVG, with a linear y scale from 0 at the bottom to
// y_max at the top. A second scale for a right axis runs from 0 to y2_max.
struct Plot {
  double left = 0, top = 0, width = 0, height = 0;
  double y_max = 1;
  double y2_max = 1;

  double right() const { return left + width; }
  double bottom() const { return top + height; }
  double y(double v) const { return bottom() - height * v / y_max; }
  double y2(double v) const { return bottom() - height * v / y2_max; }
};

using Label = std::function<std::string(double)>;

// Opens an <svg> of the given size in user units, scaled to the page width, with a title for
// screen readers.
void open(std::string& out, double width, double height, std::string_view title);
void close(std::string& out);

// Text at (x, y); `anchor` is start, middle or end; `cls` may be empty. The text is escaped.
void text(std::string& out, double x, double y, std::string_view anchor, std::string_view cls,
          std::string_view content);

// Grid lines with labels on the left every `step` up to y_max, and the axis lines.
void left_axis(std::string& out, const Plot& plot, double step, const Label& label);
// Labels on the right every `step` up to y2_max, without grid lines.
void right_axis(std::string& out, const Plot& plot, double step, const Label& label);

// A rotated axis title centred along the left or right side.
void axis_title(std::string& out, const Plot& plot, bool right_side, std::string_view title);

// A legend entry: a small swatch of class `cls` and its label; returns the x after it.
double legend_entry(std::string& out, double x, double y, std::string_view cls,
                    std::string_view label, bool line = false);

}  // namespace output::svg
