#include "viz/live_view.h"

#include <SFML/Graphics.hpp>
#include <cmath>

#include "viz/picture.h"
#include "viz/twin_renderer.h"

namespace viz {

namespace {
// Speeds the + and - keys step through, simulated seconds per wall second.
constexpr double kSpeeds[] = {1, 2, 5, 10, 30, 60, 120, 300, 600, 1200, 3600};
}  // namespace

int run_live_view(LiveTwin& twin, const routing::RoadNetwork& network, const std::string& title,
                  unsigned width, unsigned height) {
  sf::RenderWindow window(sf::VideoMode(width, height), title);
  window.setFramerateLimit(60);
  std::vector<routing::LatLon> stores;
  for (const auto& s : twin.state_at(0).stores) stores.push_back(s.at);
  MapView view = fit_view(network, stores, static_cast<float>(width), static_cast<float>(height));
  TwinRenderer renderer(network, view);
  HudInfo hud;
  bool dragging = false;
  sf::Vector2i last_mouse;
  sf::Clock flash;
  std::size_t speed = 5;  // 60x
  twin.set_speed(kSpeeds[speed]);
  while (window.isOpen()) {
    sf::Event e;
    while (window.pollEvent(e)) {
      switch (e.type) {
        case sf::Event::Closed:
          window.close();
          break;
        case sf::Event::Resized:
          window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(e.size.width),
                                                static_cast<float>(e.size.height))));
          break;
        case sf::Event::TextEntered:
          if (e.text.unicode == ' ') twin.set_paused(!twin.paused());
          if (e.text.unicode == '+' || e.text.unicode == '=')
            speed = std::min(speed + 1, std::size(kSpeeds) - 1);
          if (e.text.unicode == '-' && speed > 0) --speed;
          if (e.text.unicode == '?') hud.help = !hud.help;
          twin.set_speed(kSpeeds[speed]);
          break;
        case sf::Event::MouseWheelScrolled:
          view.zoom_at(
              std::pow(1.2f, e.mouseWheelScroll.delta),
              {static_cast<float>(e.mouseWheelScroll.x), static_cast<float>(e.mouseWheelScroll.y)});
          break;
        case sf::Event::MouseButtonPressed:
          dragging = e.mouseButton.button == sf::Mouse::Left;
          last_mouse = {e.mouseButton.x, e.mouseButton.y};
          break;
        case sf::Event::MouseButtonReleased:
          dragging = false;
          break;
        case sf::Event::MouseMoved:
          if (dragging) {
            view.pan(sf::Vector2f(static_cast<float>(e.mouseMove.x - last_mouse.x),
                                  static_cast<float>(e.mouseMove.y - last_mouse.y)));
            last_mouse = {e.mouseMove.x, e.mouseMove.y};
          }
          break;
        default:
          break;
      }
    }
    const sim::Time t = twin.tick();
    hud.speed = twin.speed();
    hud.paused = twin.paused();
    renderer.draw(window, twin.state_at(t), view, hud,
                  std::fmod(flash.getElapsedTime().asSeconds(), 1.0f) < 0.5f);
    window.display();
  }
  return 0;
}

}  // namespace viz
