#include "viz/replay_view.h"

#include <SFML/Graphics.hpp>
#include <algorithm>
#include <cmath>

#include "viz/live_twin.h"
#include "viz/palette.h"
#include "viz/picture.h"
#include "viz/twin_renderer.h"
#include "viz/view_controls.h"

namespace viz {

namespace {
constexpr float kSliderHeight = 28;
}  // namespace

model::TwinState replay_state(const std::vector<model::TwinState>& frames, sim::Time t) {
  auto after = std::upper_bound(frames.begin(), frames.end(), t,
                                [](sim::Time x, const model::TwinState& s) { return x < s.time; });
  if (after == frames.begin()) return frames.front();
  if (after == frames.end()) return frames.back();
  return interpolate(*std::prev(after), *after, t);
}

int run_replay_view(const std::vector<model::TwinState>& frames,
                    const routing::RoadNetwork& network, const std::string& title, unsigned width,
                    unsigned height, float ui_scale, const MapLayers& layers) {
  sf::RenderWindow window(sf::VideoMode(width, height), title);
  window.setFramerateLimit(60);
  std::vector<routing::LatLon> stores;
  for (const auto& s : frames.front().stores) stores.push_back(s.at);
  MapView view = fit_view(network, stores, static_cast<float>(width), static_cast<float>(height));
  TwinRenderer renderer(network, view);
  renderer.set_layers(layers);
  HudInfo hud;
  hud.scale = ui_scale;
  const sim::Time first = frames.front().time, last = frames.back().time;
  double t = static_cast<double>(first);
  std::size_t speed = 5;
  bool dragging_map = false, dragging_slider = false;
  sf::Vector2i last_mouse;
  sf::Clock frame_clock, flash;
  auto slider_time = [&](int x) {
    const double f = std::clamp(x / static_cast<double>(window.getSize().x), 0.0, 1.0);
    return static_cast<double>(first) + f * static_cast<double>(last - first);
  };
  while (window.isOpen()) {
    sf::Event e;
    while (window.pollEvent(e)) {
      const float h = static_cast<float>(window.getSize().y);
      switch (e.type) {
        case sf::Event::Closed:
          window.close();
          break;
        case sf::Event::Resized:
          window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(e.size.width),
                                                static_cast<float>(e.size.height))));
          break;
        case sf::Event::TextEntered:
          if (e.text.unicode == ' ') hud.paused = !hud.paused;
          speed = speed_step(speed, e.text.unicode);
          if (e.text.unicode == '?') hud.help = !hud.help;
          break;
        case sf::Event::KeyPressed:
          if (e.key.code == sf::Keyboard::Left) t -= sim::kMinute;
          if (e.key.code == sf::Keyboard::Right) t += sim::kMinute;
          break;
        case sf::Event::MouseWheelScrolled:
          wheel_zoom(view, e.mouseWheelScroll);
          break;
        case sf::Event::MouseButtonPressed:
          if (static_cast<float>(e.mouseButton.y) > h - kSliderHeight) {
            dragging_slider = true;
            t = slider_time(e.mouseButton.x);
          } else {
            dragging_map = e.mouseButton.button == sf::Mouse::Left;
          }
          last_mouse = {e.mouseButton.x, e.mouseButton.y};
          break;
        case sf::Event::MouseButtonReleased:
          dragging_map = dragging_slider = false;
          break;
        case sf::Event::MouseMoved:
          if (dragging_slider) t = slider_time(e.mouseMove.x);
          if (dragging_map)
            drag_pan(view, last_mouse, e.mouseMove);
          else
            last_mouse = {e.mouseMove.x, e.mouseMove.y};
          break;
        default:
          break;
      }
    }
    const double dt = frame_clock.restart().asSeconds();
    hud.speed = kSpeedSteps[speed];
    if (!hud.paused && !dragging_slider) t += dt * 1000 * hud.speed;
    t = std::clamp(t, static_cast<double>(first), static_cast<double>(last));
    renderer.draw(window, replay_state(frames, static_cast<sim::Time>(t)), view, hud,
                  std::fmod(flash.getElapsedTime().asSeconds(), 1.0f) < 0.5f);
    // The time slider along the bottom.
    const sf::Vector2f size(window.getSize());
    sf::RectangleShape bar({size.x, kSliderHeight});
    bar.setPosition(0, size.y - kSliderHeight);
    bar.setFillColor({255, 255, 255, 230});
    window.draw(bar);
    const double f =
        last > first ? (t - static_cast<double>(first)) / static_cast<double>(last - first) : 0;
    sf::RectangleShape done({static_cast<float>(f) * size.x, kSliderHeight - 12});
    done.setPosition(0, size.y - kSliderHeight + 6);
    done.setFillColor(kStore);
    window.draw(done);
    window.display();
  }
  return 0;
}

}  // namespace viz
