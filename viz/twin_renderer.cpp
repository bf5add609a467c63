#include "viz/twin_renderer.h"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <set>

#include "viz/palette.h"

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
  on_time_.emplace_back(s.time, s.delivered ? static_cast<double>(s.on_time) / s.delivered : 1.0);
  while (!on_time_.empty() && on_time_.front().first < s.time - kChartSpan) on_time_.pop_front();
}

void TwinRenderer::draw(sf::RenderTarget& target, const model::TwinState& s, const MapView& view,
                        const HudInfo& hud, bool flash_on) {
  const auto t0 = std::chrono::steady_clock::now();
  sf::VertexArray& shapes = shapes_;
  shapes.clear();
  dots_.clear();
  constexpr float kTex = static_cast<float>(kDotTexture);
  for (const auto& o : s.orders) {
    sf::Color c = o.delivered == sim::kNever ? pin_colour(s.time - o.placed, s.promise) : kGreen;
    if (o.delivered != sim::kNever) {
      const double f = static_cast<double>(s.time - o.delivered) / model::TwinState::kFade;
      c.a = static_cast<std::uint8_t>(std::clamp(1 - f, 0.0, 1.0) * 160);
    }
    add_dot(dots_, view.to_screen(o.at), kPinRadius, c, kTex);
  }
  for (const auto& r : s.riders) {
    if (r.state == 0) continue;  // off shift: not on the map
    add_dot(dots_, view.to_screen(r.at), kRiderRadius, kRiderColours[r.state % 6], kTex);
  }
  for (const auto& d : s.drones)
    add_polygon(shapes, view.to_screen(d.at), d.state ? 7.f : 4.f, 3, kDrone,
                -static_cast<float>(M_PI) / 2);
  for (const auto& h : s.hubs)
    add_polygon(shapes, view.to_screen(h.at), kStoreHalf * 1.3f, 4, kHub);
  for (const auto& st : s.stores)
    add_polygon(shapes, view.to_screen(st.at), kStoreHalf * 1.41f, 4, kStore,
                static_cast<float>(M_PI) / 4);
  if (flash_on) {
    for (const auto& st : s.stores)
      if (st.alert) add_ring(shapes, view.to_screen(st.at), 14, 4, kAlert);
    for (const auto& r : s.riders)
      if (r.alert) add_ring(shapes, view.to_screen(r.at), 8, 3, kAlert);
    for (const auto& d : s.drones)
      if (d.alert) add_ring(shapes, view.to_screen(d.at), 10, 3, kAlert);
  }
  const auto t1 = std::chrono::steady_clock::now();
  target.clear(kBackground);
  sf::RenderStates roads(view.transform());
  if (road_buffer_)
    target.draw(*road_buffer_, roads);
  else
    target.draw(roads_, roads);
  if (hud.heat != HeatMap::off) draw_heat(target, s, view, hud.heat);
  target.draw(dots_, &dot_);
  if (hud.has_selection) add_ring(shapes, view.to_screen(hud.selected), 11, 3, kText);
  target.draw(shapes);
  remember(s);
  draw_hud(target, s, hud);
  times_.build_seconds = std::chrono::duration<double>(t1 - t0).count();
  times_.draw_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
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
  const sf::Color base = heat == HeatMap::demand ? kAmber : kRed;
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

void TwinRenderer::draw_hud(sf::RenderTarget& target, const model::TwinState& s,
                            const HudInfo& hud) {
  const sf::Vector2f size(target.getSize());
  sf::RectangleShape panel({360, 150});
  panel.setPosition(10, 10);
  panel.setFillColor({255, 255, 255, 225});
  panel.setOutlineColor({180, 180, 180});
  panel.setOutlineThickness(1);
  target.draw(panel);
  // The rolling on-time share: the last two simulated hours.
  const sf::FloatRect chart(20, 100, 340, 50);
  sf::VertexArray line(sf::LineStrip);
  for (const auto& [t, share] : on_time_) {
    const float x = chart.left + chart.width * static_cast<float>(t - (s.time - kChartSpan)) /
                                     static_cast<float>(kChartSpan);
    const float y = chart.top + chart.height * static_cast<float>(1 - share);
    line.append({{x, y}, kStore});
  }
  target.draw(line);
  if (!font_ok_) return;
  auto text = [&](const std::string& str, float x, float y, unsigned size_px, sf::Color c) {
    sf::Text t(sf::String::fromUtf8(str.begin(), str.end()), font_, size_px);
    t.setPosition(x, y);
    t.setFillColor(c);
    target.draw(t);
  };
  const std::string speed = hud.still    ? ""
                            : hud.paused ? "paused"
                                         : fmt::format("x{:g}", hud.speed);
  text(clock_text(s.start_tod + s.time) + "   " + speed + (hud.recording ? "   REC" : ""), 20, 16,
       20, hud.recording ? kRed : kText);
  // Of the delivered so far (the orders still on their way show as "late now"); n/a before the
  // first delivery.
  const std::string on_time =
      s.delivered ? fmt::format("{:.1f}%", 100.0 * s.on_time / s.delivered) : std::string("n/a");
  text(fmt::format("in flight {}   late now {}   on time of delivered {}", s.in_flight, s.late_now,
                   on_time),
       20, 46, 14, kText);
  text(fmt::format("delivered {}   idle riders {}   drones up {}", s.delivered, s.riders_idle,
                   s.drones_up),
       20, 66, 14, kText);
  text("on time, last 2 h", 20, 86, 11, {110, 110, 110});
  // The legend, bottom left.
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
                           {"order fresh", kGreen},
                           {"order late", kRed},
                           {"alert", kAlert}};
  float y = size.y - 20 - 18 * static_cast<float>(std::size(entries));
  sf::RectangleShape box({130, 18 * static_cast<float>(std::size(entries)) + 10});
  box.setPosition(10, y - 5);
  box.setFillColor({255, 255, 255, 225});
  target.draw(box);
  for (const auto& e : entries) {
    sf::CircleShape dot(5);
    dot.setPosition(18, y + 3);
    dot.setFillColor(e.colour);
    target.draw(dot);
    text(e.label, 34, y, 12, kText);
    y += 18;
  }
  if (hud.help) {
    sf::RectangleShape help({420, 250});
    help.setPosition(size.x / 2 - 165, size.y / 2 - 95);
    help.setFillColor({255, 255, 255, 240});
    help.setOutlineColor({120, 120, 120});
    help.setOutlineThickness(1);
    target.draw(help);
    text(
        "space  pause\n+ / -  faster / slower (1x to 3600x)\nwheel  zoom about the cursor\n"
        "drag   pan\nclick  a rider, drone, store or order: its state\nf      follow the selected "
        "vehicle\nh      heat map: demand, lateness, off\nr      record the window to an "
        "MP4\n?      this help",
        size.x / 2 - 150, size.y / 2 - 80, 16, kText);
  } else {
    text("? for keys", size.x - 90, size.y - 24, 12, {110, 110, 110});
  }
  if (!hud.panel.empty()) {
    const float h = 16 + 18 * static_cast<float>(hud.panel.size());
    sf::RectangleShape box({300, h});
    box.setPosition(size.x - 310, 10);
    box.setFillColor({255, 255, 255, 235});
    box.setOutlineColor({180, 180, 180});
    box.setOutlineThickness(1);
    target.draw(box);
    float y = 16;
    for (const auto& line : hud.panel) {
      text(line, size.x - 300, y, 13, kText);
      y += 18;
    }
  }
}

}  // namespace viz
