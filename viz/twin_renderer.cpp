#include "viz/twin_renderer.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>

#include "viz/forecast_panel.h"
#include "viz/palette.h"
#include "viz/picture.h"

namespace viz {

namespace {

constexpr float kRiderRadius = 4.5f;
constexpr float kPinRadius = 3.5f;
constexpr float kStoreHalf = 8;
constexpr sim::Time kChartSpan = 2 * sim::kHour;
constexpr unsigned kDotTexture = 16;

void add_polygon(sf::VertexArray& v, sf::Vector2f c, float r, int sides, sf::Color colour,
                 float turn = 0) {
  for (int k = 0; k < sides; ++k) {
    const float a0 = turn + 2 * static_cast<float>(M_PI) * k / sides;
    const float a1 = turn + 2 * static_cast<float>(M_PI) * (k + 1) / sides;
    v.append({c, colour});
    v.append({c + sf::Vector2f(r * std::cos(a0), r * std::sin(a0)), colour});
    v.append({c + sf::Vector2f(r * std::cos(a1), r * std::sin(a1)), colour});
  }
}

// A round dot: a quad showing the dot texture, tinted.
void add_dot(sf::VertexArray& v, sf::Vector2f c, float r, sf::Color colour, float texture_size) {
  const float t = texture_size;
  const sf::Vertex a{c + sf::Vector2f(-r, -r), colour, {0, 0}};
  const sf::Vertex b{c + sf::Vector2f(r, -r), colour, {t, 0}};
  const sf::Vertex d{c + sf::Vector2f(r, r), colour, {t, t}};
  const sf::Vertex e{c + sf::Vector2f(-r, r), colour, {0, t}};
  for (const sf::Vertex& x : {a, b, d, a, d, e}) v.append(x);
}

void add_ring(sf::VertexArray& v, sf::Vector2f c, float r, float width, sf::Color colour) {
  constexpr int kSides = 16;
  for (int k = 0; k < kSides; ++k) {
    const float a0 = 2 * static_cast<float>(M_PI) * k / kSides;
    const float a1 = 2 * static_cast<float>(M_PI) * (k + 1) / kSides;
    const sf::Vector2f i0(r * std::cos(a0), r * std::sin(a0)),
        i1(r * std::cos(a1), r * std::sin(a1));
    const float s = (r + width) / r;
    v.append({c + i0, colour});
    v.append({c + i0 * s, colour});
    v.append({c + i1, colour});
    v.append({c + i1, colour});
    v.append({c + i0 * s, colour});
    v.append({c + i1 * s, colour});
  }
}

std::string clock_text(sim::Time t) {
  const sim::Time s = t / sim::kSecond;
  return fmt::format("day {} {:02}:{:02}:{:02}", s / 86400 + 1, (s / 3600) % 24, (s / 60) % 60,
                     s % 60);
}

}  // namespace

std::string TwinRenderer::default_font() {
  for (const char* p :
       {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf"})
    if (std::filesystem::exists(p)) return p;
  return "";
}

TwinRenderer::TwinRenderer(const routing::RoadNetwork& network, const MapView& view,
                           const std::string& font_path) {
  // Each street once, whichever ways it may be driven.
  const auto& g = network;
  std::set<std::pair<routing::NodeId, routing::NodeId>> drawn;
  for (std::uint32_t i = 0; i < g.edge_count(); ++i) {
    const auto u = g.arc_tail(i), v = g.arc_head(i);
    if (!drawn.insert({std::min(u, v), std::max(u, v)}).second) continue;
    roads_.append({view.to_metres(g.position(u)), kRoad});
    roads_.append({view.to_metres(g.position(v)), kRoad});
  }
  if (sf::VertexBuffer::isAvailable()) {
    road_buffer_ = std::make_unique<sf::VertexBuffer>(sf::Lines, sf::VertexBuffer::Static);
    if (road_buffer_->create(roads_.getVertexCount()))
      road_buffer_->update(&roads_[0]);
    else
      road_buffer_.reset();
  }
  font_ok_ = !font_path.empty() && font_.loadFromFile(font_path);
  // A white disc with a soft edge, tinted per dot: one quad per rider or pin.
  sf::Image disc;
  disc.create(kDotTexture, kDotTexture, sf::Color::Transparent);
  const float c = (kDotTexture - 1) / 2.0f;
  for (unsigned y = 0; y < kDotTexture; ++y)
    for (unsigned x = 0; x < kDotTexture; ++x) {
      const float d = std::hypot(static_cast<float>(x) - c, static_cast<float>(y) - c);
      const float a = std::clamp(c + 0.5f - d, 0.0f, 1.0f);
      disc.setPixel(x, y, {255, 255, 255, static_cast<std::uint8_t>(a * 255)});
    }
  dot_.loadFromImage(disc);
  dot_.setSmooth(false);
}

void TwinRenderer::remember(const model::TwinState& s) {
  if (!on_time_.empty() && s.time <= on_time_.back().first) {
    if (s.time < on_time_.back().first)
      on_time_.clear();  // scrubbed back
    else
      return;
  }
  on_time_.emplace_back(s.time, chart_share(s));
  while (!on_time_.empty() && on_time_.front().first < s.time - kChartSpan) on_time_.pop_front();
}

float TwinRenderer::scale_of(const sf::RenderTarget& target, const HudInfo& hud) {
  if (hud.scale > 0) return hud.scale;
  return std::max(1.0f, static_cast<float>(target.getSize().y) / 720.0f);
}

void TwinRenderer::seed_history(const std::vector<std::pair<sim::Time, double>>& history) {
  on_time_.assign(history.begin(), history.end());
}

void TwinRenderer::draw(sf::RenderTarget& target, const model::TwinState& s, const MapView& view,
                        const HudInfo& hud, bool flash_on) {
  const auto t0 = std::chrono::steady_clock::now();
  const float k = scale_of(target, hud);
  sf::VertexArray& shapes = shapes_;
  shapes.clear();
  dots_.clear();
  late_.clear();
  constexpr float kTex = static_cast<float>(kDotTexture);
  for (const auto& o : s.orders) {
    const auto p = view.to_screen(o.at);
    if (o.delivered != sim::kNever) {
      sf::Color c = kPinDelivered;
      const double f = static_cast<double>(s.time - o.delivered) / model::TwinState::kFade;
      c.a = static_cast<std::uint8_t>(std::clamp(1 - f, 0.0, 1.0) * 160);
      add_dot(dots_, p, kPinRadius * k, c, kTex);
    } else if (s.time - o.placed > s.promise) {
      // Late: larger, ringed in black and drawn over everything that moves.
      add_dot(late_, p, (kPinRadius + 2.5f) * k, kText, kTex);
      add_dot(late_, p, (kPinRadius + 1.0f) * k, kPinLate, kTex);
    } else {
      add_dot(dots_, p, kPinRadius * k, pin_colour(s.time - o.placed, s.promise), kTex);
      // At risk by the forecast (from 20%): ringed in vermillion, the ring wider and thicker
      // the likelier it is late.
      if (o.late_risk >= kAtRisk)
        add_ring(shapes, p, (kPinRadius + 3 + 4 * o.late_risk) * k, (1 + 2 * o.late_risk) * k,
                 kPinLate);
    }
  }
  for (const auto& r : s.riders) {
    if (r.state == 0) continue;  // off shift: not on the map
    add_dot(dots_, view.to_screen(r.at), kRiderRadius * k, kRiderColours[r.state % 6], kTex);
  }
  for (const auto& d : s.drones)
    add_polygon(shapes, view.to_screen(d.at), (d.state ? 9.f : 6.f) * k, 3, kDrone,
                -static_cast<float>(M_PI) / 2);
  for (const auto& h : s.hubs)
    add_polygon(shapes, view.to_screen(h.at), kStoreHalf * 1.3f * k, 4, kHub);
  for (const auto& st : s.stores)
    add_polygon(shapes, view.to_screen(st.at), kStoreHalf * 1.41f * k, 4, kStore,
                static_cast<float>(M_PI) / 4);
  if (flash_on) {
    for (const auto& st : s.stores)
      if (st.alert) add_ring(shapes, view.to_screen(st.at), 14 * k, 4 * k, kAlert);
    for (const auto& r : s.riders)
      if (r.alert) add_ring(shapes, view.to_screen(r.at), 8 * k, 3 * k, kAlert);
    for (const auto& d : s.drones)
      if (d.alert) add_ring(shapes, view.to_screen(d.at), 10 * k, 3 * k, kAlert);
  }
  const auto t1 = std::chrono::steady_clock::now();
  target.clear(kBackground);
  sf::RenderStates roads(view.transform());
  if (road_buffer_)
    target.draw(*road_buffer_, roads);
  else
    target.draw(roads_, roads);
  if (hud.heat != HeatMap::off) draw_heat(target, s, view, hud.heat);
  draw_airspace(target, view, k);
  target.draw(dots_, &dot_);
  target.draw(late_, &dot_);
  if (hud.has_selection) add_ring(shapes, view.to_screen(hud.selected), 11 * k, 3 * k, kText);
  target.draw(shapes);
  draw_labels(target, s, view, k);
  remember(s);
  draw_hud(target, s, view, hud);
  times_.build_seconds = std::chrono::duration<double>(t1 - t0).count();
  times_.draw_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
}

// No-fly zones as translucent vermillion areas with an outline (filled as a fan from their first
// corner: exact for the convex and star-shaped zones drawn around a palace or a heliport), drop
// points as small hub-coloured squares.
void TwinRenderer::draw_airspace(sf::RenderTarget& target, const MapView& view, float k) {
  sf::VertexArray fill(sf::Triangles), edge(sf::Triangles);
  const sf::Color area{kPinLate.r, kPinLate.g, kPinLate.b, 45};
  for (const auto& zone : layers_.no_fly) {
    if (zone.size() < 3) continue;
    std::vector<sf::Vector2f> p;
    for (const auto& c : zone) p.push_back(view.to_screen(c));
    for (std::size_t i = 1; i + 1 < p.size(); ++i) {
      fill.append({p[0], area});
      fill.append({p[i], area});
      fill.append({p[i + 1], area});
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
      const sf::Vector2f a = p[i], b = p[(i + 1) % p.size()];
      const sf::Vector2f d = b - a;
      const float len = std::hypot(d.x, d.y);
      if (len <= 0) continue;
      const sf::Vector2f n(-d.y / len * 1.2f * k, d.x / len * 1.2f * k);
      for (const sf::Vector2f& q : {a - n, a + n, b + n, a - n, b + n, b - n})
        edge.append({q, kPinLate});
    }
  }
  for (const auto& d : layers_.drop_points) {
    add_polygon(edge, view.to_screen(d.at), 6 * k, 4, kHub, static_cast<float>(M_PI) / 4);
    add_polygon(edge, view.to_screen(d.at), 2.5f * k, 4, sf::Color::White,
                static_cast<float>(M_PI) / 4);
  }
  target.draw(fill);
  target.draw(edge);
}

// Each store's and hub's name beside it, dark on a white halo so that it reads over streets.
void TwinRenderer::draw_labels(sf::RenderTarget& target, const model::TwinState& s,
                               const MapView& view, float k) {
  if (!font_ok_) return;
  auto label = [&](const model::TwinState::Place& p, sf::Color colour) {
    sf::Text t(sf::String::fromUtf8(p.id.begin(), p.id.end()), font_,
               static_cast<unsigned>(std::lround(14 * k)));
    const auto at = view.to_screen(p.at);
    t.setPosition(std::round(at.x + kStoreHalf * 1.6f * k), std::round(at.y - 10 * k));
    t.setFillColor(colour);
    t.setOutlineColor({255, 255, 255, 230});
    t.setOutlineThickness(2.5f * k);
    t.setStyle(sf::Text::Bold);
    target.draw(t);
  };
  // A hub at its store goes by the store's name.
  for (const auto& h : s.hubs) {
    const auto p = view.to_screen(h.at);
    const bool at_store = std::any_of(s.stores.begin(), s.stores.end(), [&](const auto& st) {
      const auto d = view.to_screen(st.at) - p;
      return std::hypot(d.x, d.y) < 24 * k;
    });
    if (!at_store) label(h, kText);
  }
  for (const auto& st : s.stores) label(st, kText);
  for (const auto& d : layers_.drop_points) label(d, {90, 90, 90});
  // What is out of range, beside its ring.
  auto alert_label = [&](routing::LatLon at, const std::string& text) {
    if (text.empty()) return;
    sf::Text t(sf::String::fromUtf8(text.begin(), text.end()), font_,
               static_cast<unsigned>(std::lround(12 * k)));
    const auto p = view.to_screen(at);
    t.setPosition(std::round(p.x + 12 * k), std::round(p.y + 6 * k));
    t.setFillColor({150, 0, 150});
    t.setOutlineColor({255, 255, 255, 230});
    t.setOutlineThickness(2 * k);
    target.draw(t);
  };
  for (const auto& st : s.stores)
    if (st.alert) alert_label(st.at, st.alert_text);
  for (const auto& r : s.riders)
    if (r.alert && r.state != 0) alert_label(r.at, r.alert_text);
  for (const auto& d : s.drones)
    if (d.alert) alert_label(d.at, d.alert_text);
}

// Open orders (demand) or late ones (lateness) counted in 40-pixel cells, the busiest cell
// darkest.
void TwinRenderer::draw_heat(sf::RenderTarget& target, const model::TwinState& s,
                             const MapView& view, HeatMap heat) {
  constexpr float kCell = 40;
  const sf::Vector2u size = target.getSize();
  const unsigned cols = size.x / static_cast<unsigned>(kCell) + 1;
  const unsigned rows = size.y / static_cast<unsigned>(kCell) + 1;
  std::vector<int> count(std::size_t{cols} * rows, 0);
  for (const auto& o : s.orders) {
    if (o.delivered != sim::kNever) continue;
    if (heat == HeatMap::lateness && s.time - o.placed <= s.promise) continue;
    const auto p = view.to_screen(o.at);
    if (p.x < 0 || p.y < 0 || p.x >= static_cast<float>(size.x) ||
        p.y >= static_cast<float>(size.y))
      continue;
    ++count[static_cast<std::size_t>(p.y / kCell) * cols + static_cast<std::size_t>(p.x / kCell)];
  }
  const int most = *std::max_element(count.begin(), count.end());
  if (most == 0) return;
  const sf::Color base = heat == HeatMap::demand ? kRiderColours[2] : kPinLate;
  sf::VertexArray cells(sf::Triangles);
  for (unsigned r = 0; r < rows; ++r)
    for (unsigned c = 0; c < cols; ++c) {
      const int n = count[std::size_t{r} * cols + c];
      if (n == 0) continue;
      sf::Color colour = base;
      colour.a = static_cast<std::uint8_t>(40 + 150 * n / most);
      const float x = static_cast<float>(c) * kCell, y = static_cast<float>(r) * kCell;
      for (const sf::Vector2f& p :
           {sf::Vector2f(x, y), sf::Vector2f(x + kCell, y), sf::Vector2f(x + kCell, y + kCell),
            sf::Vector2f(x, y), sf::Vector2f(x + kCell, y + kCell), sf::Vector2f(x, y + kCell)})
        cells.append({p, colour});
    }
  target.draw(cells);
}

namespace {

// The corner (0 top left, 1 top right, 2 bottom right, 3 bottom left) among `allowed` where a
// panel of `panel` pixels covers the least weight of `points`; ties go to the first allowed.
// A panel stays where it was (`keep`, when allowed) unless it hides a store there, so that it
// does not jump between corners from frame to frame.
int quietest_corner(sf::Vector2f screen, sf::Vector2f panel, float margin,
                    const std::vector<std::pair<sf::Vector2f, int>>& points,
                    std::initializer_list<int> allowed, int keep = -1) {
  int best = *allowed.begin();
  long best_weight = -1;
  for (const int c : allowed) {
    const float left = c == 1 || c == 2 ? screen.x - margin - panel.x : margin;
    const float top = c >= 2 ? screen.y - margin - panel.y : margin;
    const sf::FloatRect rect(left, top, panel.x, panel.y);
    long weight = 0;
    for (const auto& [p, w] : points)
      if (rect.contains(p)) weight += w;
    if (c == keep && weight < 1000) return keep;
    if (best_weight < 0 || weight < best_weight) best = c, best_weight = weight;
  }
  return best;
}

// A white panel with a grey edge.
void draw_panel(sf::RenderTarget& target, sf::Vector2f at, sf::Vector2f size, std::uint8_t alpha) {
  sf::RectangleShape panel(size);
  panel.setPosition(at);
  panel.setFillColor({255, 255, 255, alpha});
  panel.setOutlineColor({180, 180, 180});
  panel.setOutlineThickness(1);
  target.draw(panel);
}

sf::Vector2f corner_origin(int corner, sf::Vector2f screen, sf::Vector2f panel, float margin) {
  return {corner == 1 || corner == 2 ? screen.x - margin - panel.x : margin,
          corner >= 2 ? screen.y - margin - panel.y : margin};
}

}  // namespace

void TwinRenderer::draw_hud(sf::RenderTarget& target, const model::TwinState& s,
                            const MapView& view, const HudInfo& hud) {
  const float k = scale_of(target, hud);
  const sf::Vector2f size(target.getSize());
  const float margin = 10 * k;
  // What the panels must not hide: stores above all, then late orders, then the rest.
  std::vector<std::pair<sf::Vector2f, int>> points;
  for (const auto& st : s.stores) points.emplace_back(view.to_screen(st.at), 1000);
  for (const auto& h : s.hubs) points.emplace_back(view.to_screen(h.at), 1000);
  for (const auto& o : s.orders)
    points.emplace_back(view.to_screen(o.at),
                        o.delivered == sim::kNever && s.time - o.placed > s.promise ? 20 : 1);
  for (const auto& r : s.riders)
    if (r.state != 0) points.emplace_back(view.to_screen(r.at), 1);

  const std::string drones = drone_weather_line(layers_, s.time);
  const float extra = drones.empty() ? 0 : 20 * k;  // room for the drones' weather line
  // Of the delivered so far (the orders still on their way show as "late now"); n/a before the
  // first delivery.
  const std::string on_time =
      s.delivered ? fmt::format("{:.1f}%", 100.0 * s.on_time / s.delivered) : std::string("n/a");
  const std::string line1 = fmt::format("in flight {}   late now {}   on time of delivered {}",
                                        s.in_flight, s.late_now, on_time);
  const std::string line2 = fmt::format("delivered {}   idle riders {}   drones up {}", s.delivered,
                                        s.riders_idle, s.drones_up);
  // The live twin's forecast, under the chart.
  const std::vector<std::string> outlook = forecast_lines(s);
  const float outlook_rows =
      outlook.empty() ? 0 : 18 * k * static_cast<float>(outlook.size()) + 8 * k;
  // As wide as its longest line.
  float widest = 340 * k;
  if (font_ok_) {
    std::vector<const std::string*> lines = {&line1, &line2, &drones};
    for (const auto& l : outlook) lines.push_back(&l);
    for (const std::string* l : lines) {
      const sf::Text t(sf::String::fromUtf8(l->begin(), l->end()), font_,
                       static_cast<unsigned>(std::lround(14 * k)));
      widest = std::max(widest, t.getLocalBounds().width);
    }
  }
  const sf::Vector2f stats_size(widest + 20 * k, 190 * k + extra + outlook_rows);
  const int stats_corner =
      quietest_corner(size, stats_size, margin, points, {0, 1, 2, 3}, stats_corner_);
  stats_corner_ = stats_corner;
  const sf::Vector2f o = corner_origin(stats_corner, size, stats_size, margin);
  draw_panel(target, o, stats_size, 225);
  // The rolling on-time share of delivered orders: the last two simulated hours, 0-100%.
  const sf::FloatRect chart(o.x + 46 * k, o.y + 104 * k + extra, 300 * k, 56 * k);
  sf::VertexArray axes(sf::Lines);
  for (const float f : {0.0f, 0.5f, 1.0f}) {
    const sf::Color grid = f == 0 ? sf::Color(120, 120, 120) : sf::Color(215, 215, 215);
    axes.append({{chart.left, chart.top + chart.height * (1 - f)}, grid});
    axes.append({{chart.left + chart.width, chart.top + chart.height * (1 - f)}, grid});
  }
  axes.append({{chart.left, chart.top}, {120, 120, 120}});
  axes.append({{chart.left, chart.top + chart.height}, {120, 120, 120}});
  target.draw(axes);
  sf::VertexArray line(sf::TriangleStrip);
  for (const auto& [t, share] : on_time_) {
    const float x = chart.left + chart.width * static_cast<float>(t - (s.time - kChartSpan)) /
                                     static_cast<float>(kChartSpan);
    const float y = chart.top + chart.height * static_cast<float>(1 - share);
    line.append({{x, y - 1.0f * k}, kStore});
    line.append({{x, y + 1.0f * k}, kStore});
  }
  target.draw(line);
  if (!font_ok_) return;
  auto text = [&](const std::string& str, float x, float y, float size_px, sf::Color c) {
    sf::Text t(sf::String::fromUtf8(str.begin(), str.end()), font_,
               static_cast<unsigned>(std::lround(size_px * k)));
    t.setPosition(std::round(x), std::round(y));
    t.setFillColor(c);
    target.draw(t);
  };
  const sf::Color grey{100, 100, 100};
  const std::string speed = hud.still    ? ""
                            : hud.paused ? "paused"
                                         : fmt::format("x{:g}", hud.speed);
  const bool rec = hud.recording && hud.hints;
  text(clock_text(s.start_tod + s.time) + "   " + speed + (rec ? "   REC" : ""), o.x + 10 * k,
       o.y + 6 * k, 20, rec ? kPinLate : kText);
  text(line1, o.x + 10 * k, o.y + 36 * k, 14, kText);
  text(line2, o.x + 10 * k, o.y + 56 * k, 14, kText);
  if (!drones.empty())
    text(drones, o.x + 10 * k, o.y + 76 * k, 14,
         drones.find("GROUNDED") != std::string::npos ? kPinLate : kText);
  text("on time of delivered, last 2 h", o.x + 10 * k, o.y + 80 * k + extra, 12, grey);
  text("100%", o.x + 8 * k, chart.top - 8 * k, 11, grey);
  text("50%", o.x + 15 * k, chart.top + chart.height / 2 - 8 * k, 11, grey);
  text("0%", o.x + 22 * k, chart.top + chart.height - 8 * k, 11, grey);
  text("-2 h", chart.left - 8 * k, chart.top + chart.height + 3 * k, 11, grey);
  text("-1 h", chart.left + chart.width / 2 - 10 * k, chart.top + chart.height + 3 * k, 11, grey);
  text("now", chart.left + chart.width - 20 * k, chart.top + chart.height + 3 * k, 11, grey);
  float oy = o.y + 188 * k + extra;
  for (std::size_t i = 0; i < outlook.size(); ++i, oy += 18 * k)
    text(outlook[i], o.x + 10 * k, oy, i == 0 ? 12 : 14, i == 0 ? grey : kText);

  // The legend, in a bottom corner the stats panel left free.
  struct Entry {
    const char* label;
    sf::Color colour;
  };
  const Entry entries[] = {{"store", kStore},
                           {"hub / drone", kHub},
                           {"rider idle", kRiderColours[1]},
                           {"to store", kRiderColours[2]},
                           {"waiting", kRiderColours[3]},
                           {"delivering", kRiderColours[4]},
                           {"returning", kRiderColours[5]},
                           {"order open", kPinFresh},
                           {"order late", kPinLate},
                           {"alert", kAlert},
                           {"no-fly zone", kPinLate},
                           {"drop point", kHub}};
  const float row = 18 * k;
  // The airspace's two entries only where there are drones.
  const std::size_t shown = std::size(entries) - (layers_.drones ? 0 : 2);
  const sf::Vector2f legend_size(140 * k, row * static_cast<float>(shown) + 10 * k);
  const int legend_corner = stats_corner == 3   ? 2
                            : stats_corner == 2 ? 3
                                                : quietest_corner(size, legend_size, margin, points,
                                                                  {3, 2}, legend_corner_);
  legend_corner_ = legend_corner;
  const sf::Vector2f lo = corner_origin(legend_corner, size, legend_size, margin);
  sf::RectangleShape box(legend_size);
  box.setPosition(lo);
  box.setFillColor({255, 255, 255, 225});
  target.draw(box);
  float y = lo.y + 5 * k;
  for (std::size_t i = 0; i < shown; ++i) {
    const Entry& e = entries[i];
    sf::CircleShape dot(5 * k);
    dot.setPosition(lo.x + 8 * k, y + 3 * k);
    dot.setFillColor(e.colour);
    target.draw(dot);
    text(e.label, lo.x + 24 * k, y, 12, kText);
    y += row;
  }
  if (hud.help) {
    sf::RectangleShape help({420 * k, 272 * k});
    help.setPosition(size.x / 2 - 165 * k, size.y / 2 - 95 * k);
    help.setFillColor({255, 255, 255, 240});
    help.setOutlineColor({120, 120, 120});
    help.setOutlineThickness(1);
    target.draw(help);
    text(
        "space  pause\n+ / -  faster / slower (1x to 3600x)\nwheel  zoom about the cursor\n"
        "drag   pan\nclick  a rider, drone, store or order: its state\nf      follow the selected "
        "vehicle\nh      heat map: demand, lateness, off\nr      record the window to an "
        "MP4\nw      what if (live twin): click a store first\n?      this help",
        size.x / 2 - 150 * k, size.y / 2 - 80 * k, 16, kText);
  } else if (hud.hints && !hud.still) {
    text("? for keys", size.x - 90 * k, size.y - 24 * k, 12, grey);
  }
  if (!hud.menu.empty()) {
    // The what-if menu and its answer.
    float menu_width = 300 * k;
    for (const auto& l : hud.menu) {
      const sf::Text t(sf::String::fromUtf8(l.begin(), l.end()), font_,
                       static_cast<unsigned>(std::lround(13 * k)));
      menu_width = std::max(menu_width, t.getLocalBounds().width + 20 * k);
    }
    const sf::Vector2f menu_size(menu_width, 12 * k + row * static_cast<float>(hud.menu.size()));
    // In the top corner neither the stats nor the selection's panel takes, else bottom centre.
    const int free_top = stats_corner == 1 ? 1 : 0;
    const sf::Vector2f mo =
        stats_corner != free_top
            ? corner_origin(free_top, size, menu_size, margin)
            : sf::Vector2f((size.x - menu_size.x) / 2, size.y - menu_size.y - 30 * k);
    draw_panel(target, mo, menu_size, 240);
    float my = mo.y + 6 * k;
    for (const auto& l : hud.menu) {
      text(l, mo.x + 10 * k, my, 13, kText);
      my += row;
    }
  }
  if (!hud.panel.empty()) {
    // The selection's panel: in a top corner the stats panel left free.
    const sf::Vector2f panel_size(300 * k, 16 * k + row * static_cast<float>(hud.panel.size()));
    const sf::Vector2f po = corner_origin(stats_corner == 1 ? 0 : 1, size, panel_size, margin);
    draw_panel(target, po, panel_size, 235);
    float ly = po.y + 6 * k;
    for (const auto& l : hud.panel) {
      text(l, po.x + 10 * k, ly, 13, kText);
      ly += row;
    }
  }
}

}  // namespace viz
