#include "viz/live_view.h"

#include <fmt/core.h>
#include <SFML/Graphics.hpp>
#include <cmath>
#include <memory>

#include "viz/picture.h"
#include "viz/selection.h"
#include "viz/twin_renderer.h"
#include "viz/video_encoder.h"
#include "viz/view_controls.h"

namespace viz {

int run_live_view(TwinSource& twin, const routing::RoadNetwork& network, const std::string& title,
                  unsigned width, unsigned height, float ui_scale, const MapLayers& layers,
                  const std::function<bool()>& keep_open, WhatIfDesk* desk) {
  sf::RenderWindow window(sf::VideoMode(width, height), title);
  window.setFramerateLimit(60);
  std::vector<routing::LatLon> stores;
  for (const auto& s : twin.state_at(0).stores) stores.push_back(s.at);
  MapView view = fit_view(network, stores, static_cast<float>(width), static_cast<float>(height));
  TwinRenderer renderer(network, view);
  renderer.set_layers(layers);
  HudInfo hud;
  hud.scale = ui_scale;
  bool titled_recording = false;
  bool dragging = false, moved = false, follow = false;
  sf::Vector2i last_mouse;
  Selection selected;
  model::TwinState shown;  // what the last frame drew
  std::string last_state;
  std::vector<std::string> history;  // the selected thing's state changes, as seen
  WhatIfMenu menu;
  sf::Clock flash;
  std::size_t speed = 0;  // the step nearest the twin's speed
  for (std::size_t k = 0; k < std::size(kSpeedSteps); ++k)
    if (std::abs(std::log(kSpeedSteps[k] / twin.speed())) <
        std::abs(std::log(kSpeedSteps[speed] / twin.speed())))
      speed = k;
  twin.set_speed(kSpeedSteps[speed]);
  // `r` records the window to halfhour-<n>.mp4 in the current folder.
  std::unique_ptr<VideoEncoder> video;
  int videos = 0;
  sf::Texture grab;
  auto stop_recording = [&] {
    if (!video) return;
    video->finish();
    video.reset();
  };
  while (window.isOpen()) {
    if (keep_open && !keep_open()) {
      stop_recording();
      window.close();
      break;
    }
    sf::Event e;
    while (window.pollEvent(e)) {
      switch (e.type) {
        case sf::Event::Closed:
          window.close();
          break;
        case sf::Event::Resized:
          stop_recording();
          window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(e.size.width),
                                                static_cast<float>(e.size.height))));
          break;
        case sf::Event::TextEntered:
          if (desk && e.text.unicode == 'w') menu.set_open(!menu.is_open());
          if (menu.is_open()) {
            const std::uint32_t key = e.text.unicode;
            if (key >= '1' && key < '1' + WhatIfMenu::kChoices)
              menu.toggle(static_cast<WhatIfMenu::Choice>(key - '1'));
            if (key == 27) menu.set_open(false);  // escape
            if (key == '\r' || key == '\n') {
              auto alternatives = menu.alternatives(shown);
              if (!alternatives.empty()) desk->ask(std::move(alternatives));
            }
          }
          if (e.text.unicode == ' ') twin.set_paused(!twin.paused());
          speed = speed_step(speed, e.text.unicode);
          if (e.text.unicode == '?') hud.help = !hud.help;
          if (e.text.unicode == 'f') follow = !follow;
          if (e.text.unicode == 'h')
            hud.heat = hud.heat == HeatMap::off      ? HeatMap::demand
                       : hud.heat == HeatMap::demand ? HeatMap::lateness
                                                     : HeatMap::off;
          if (e.text.unicode == 'r') {
            if (video) {
              stop_recording();
            } else {
              const auto size = window.getSize();
              video = std::make_unique<VideoEncoder>(
                  "halfhour-" + std::to_string(++videos) + ".mp4", size.x, size.y, 30);
              grab.create(size.x, size.y);
            }
          }
          twin.set_speed(kSpeedSteps[speed]);
          break;
        case sf::Event::MouseWheelScrolled:
          wheel_zoom(view, e.mouseWheelScroll);
          break;
        case sf::Event::MouseButtonPressed:
          dragging = e.mouseButton.button == sf::Mouse::Left;
          moved = false;
          last_mouse = {e.mouseButton.x, e.mouseButton.y};
          break;
        case sf::Event::MouseButtonReleased:
          // A click that did not drag selects what is under the cursor (or nothing).
          if (dragging && !moved) {
            selected =
                pick(twin.state_at(twin.tick()), view,
                     {static_cast<float>(e.mouseButton.x), static_cast<float>(e.mouseButton.y)});
            history.clear();
            last_state.clear();
          }
          dragging = false;
          break;
        case sf::Event::MouseMoved:
          if (dragging) {
            moved =
                moved ||
                std::abs(e.mouseMove.x - last_mouse.x) + std::abs(e.mouseMove.y - last_mouse.y) > 0;
            drag_pan(view, last_mouse, e.mouseMove);
          }
          break;
        default:
          break;
      }
    }
    const sim::Time t = twin.tick();
    const model::TwinState state = twin.state_at(t);
    shown = state;
    const auto where = position(state, selected);
    hud.has_selection = where.has_value();
    hud.panel.clear();
    if (where) {
      hud.selected = *where;
      if (follow) view.centre_on(*where);
      hud.panel = describe(state, selected);
      if (hud.panel.size() > 1 && hud.panel[1] != last_state) {
        last_state = hud.panel[1];
        const sim::Time c = (state.start_tod + state.time) / sim::kSecond;
        history.push_back(std::to_string(c / 3600 % 24 / 10) + std::to_string(c / 3600 % 10) + ":" +
                          std::to_string(c / 60 % 60 / 10) + std::to_string(c / 60 % 10) + " " +
                          last_state);
        if (history.size() > 6) history.erase(history.begin());
      }
      if (history.size() > 1) {
        hud.panel.push_back("seen:");
        hud.panel.insert(hud.panel.end(), history.begin(), history.end());
      }
    }
    hud.menu.clear();
    if (menu.is_open()) {
      menu.set_store(selected.kind == Selection::Kind::store
                         ? std::optional<std::uint32_t>(selected.index)
                         : std::nullopt);
      hud.menu = menu.lines(state);
      const WhatIfDesk::Answer a = desk->answer();
      using S = WhatIfDesk::Answer::Status;
      if (a.status == S::running) hud.menu.push_back("running ...");
      if (a.status == S::refused) hud.menu.push_back("refused: " + a.refusal);
      if (a.status == S::done) {
        const sim::Time c = (state.start_tod + a.at) / sim::kMinute;
        hud.menu.push_back(
            fmt::format("from {:02}:{:02} ({:.1f} s):", c / 60 % 24, c % 60, a.seconds));
        for (auto& l : answer_lines(a.outcomes)) hud.menu.push_back(std::move(l));
      }
    }
    hud.speed = twin.speed();
    hud.paused = twin.paused();
    hud.recording = video != nullptr;
    // While recording, the window's title says so and the frames carry no hints.
    hud.hints = video == nullptr;
    if (hud.recording != titled_recording) {
      window.setTitle(hud.recording ? title + "  [REC]" : title);
      titled_recording = hud.recording;
    }
    renderer.draw(window, state, view, hud,
                  std::fmod(flash.getElapsedTime().asSeconds(), 1.0f) < 0.5f);
    if (video) {
      grab.update(window);
      video->add(grab.copyToImage());
    }
    window.display();
  }
  stop_recording();
  return 0;
}

}  // namespace viz
