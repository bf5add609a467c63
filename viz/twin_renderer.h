// Draws the twin: the road network (built once into a vertex buffer), stores, hubs, order pins
// coloured by how much of their promise is gone, riders by state, drones, flashing sensor
// alerts, store names, and a heads-up display with the clock, the speed, live KPIs, a rolling
// on-time chart and a legend, placed where they hide the least. It reads TwinStates only.
#pragma once

#include <SFML/Graphics.hpp>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "routing/road_network.h"
#include "sim/model/twin_state.h"
#include "viz/map_layers.h"
#include "viz/map_view.h"

namespace viz {

enum class HeatMap { off, demand, lateness };

struct HudInfo {
  double speed = 60;  // simulated seconds per wall second
  bool paused = false;
  bool recording = false;
  bool help = false;
  bool still = false;  // a picture: no speed shown, no key hints
  bool hints = true;   // "? for keys" and REC; off for recordings
  // Markers, text and panels are this many times their size at 720 pixels high; 0 scales by the
  // target's height (at least 1), so that 1080p and projectors stay readable.
  float scale = 0;
  HeatMap heat = HeatMap::off;
  std::vector<std::string> panel;  // the selected thing's state and history, top right
  std::vector<std::string> menu;   // the what-if menu and its answer
  bool has_selection = false;
  routing::LatLon selected;  // marked with a ring
};

class TwinRenderer {
 public:
  // `font_path`: a TrueType font for the display; without one the display has no text.
  TwinRenderer(const routing::RoadNetwork& network, const MapView& view,
               const std::string& font_path = default_font());

  // `flash_on`: the phase of the alerts' flashing.
  void draw(sf::RenderTarget& target, const model::TwinState& state, const MapView& view,
            const HudInfo& hud, bool flash_on);
  static std::string default_font();
  // Where the last draw() spent its time: building the vertices of everything that moves, and
  // handing them and the display to OpenGL (which may finish the work later).
  struct FrameTimes {
    double build_seconds = 0, draw_seconds = 0;
  };
  FrameTimes last_times() const { return times_; }
  bool has_font() const { return font_ok_; }
  // The rolling on-time chart's history (time, on-time share of delivered), for a picture drawn
  // without the frames before it.
  void seed_history(const std::vector<std::pair<sim::Time, double>>& history);
  static float scale_of(const sf::RenderTarget& target, const HudInfo& hud);
  // No-fly zones and drop points on the map, the drones' flying weather in the panel.
  void set_layers(MapLayers layers) { layers_ = std::move(layers); }

 private:
  // The panels go to the corners where they hide the fewest stores, late orders and riders.
  void draw_hud(sf::RenderTarget& target, const model::TwinState& state, const MapView& view,
                const HudInfo& hud);
  void draw_labels(sf::RenderTarget& target, const model::TwinState& state, const MapView& view,
                   float k);
  void draw_airspace(sf::RenderTarget& target, const MapView& view, float k);
  void draw_heat(sf::RenderTarget& target, const model::TwinState& state, const MapView& view,
                 HeatMap heat);
  void remember(const model::TwinState& state);

  sf::VertexArray roads_{sf::Lines};
  sf::VertexArray shapes_{sf::Triangles};  // stores, hubs, drones, alert rings
  sf::VertexArray dots_{sf::Triangles};    // riders and pins, two triangles each
  sf::VertexArray late_{sf::Triangles};    // late pins, drawn last
  sf::Texture dot_;
  FrameTimes times_;
  std::unique_ptr<sf::VertexBuffer> road_buffer_;
  sf::Font font_;
  bool font_ok_ = false;
  std::deque<std::pair<sim::Time, double>> on_time_;  // (time, on-time share so far)
  MapLayers layers_;
  int stats_corner_ = -1, legend_corner_ = -1;  // where the panels were last drawn
};

}  // namespace viz
