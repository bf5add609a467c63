// The map's placement on screen: a local equirectangular projection of the road network's
// bounding box, fitted to the window, then zoomed about a point and panned by the user.
#pragma once

#include <SFML/Graphics/Transform.hpp>
#include <SFML/System/Vector2.hpp>

#include "routing/geo.h"

namespace viz {

class MapView {
 public:
  // Fits the box [south-west, north-east] into width x height pixels with a margin.
  MapView(routing::LatLon south_west, routing::LatLon north_east, float width, float height);

  sf::Vector2f to_screen(routing::LatLon p) const;
  // Metres east and south of the view's origin: geometry built once in these units is drawn
  // with transform(), whatever the zoom and pan.
  sf::Vector2f to_metres(routing::LatLon p) const;
  sf::Transform transform() const;
  routing::LatLon to_map(sf::Vector2f pixel) const;
  // Multiplies the scale by `factor`, keeping the map point under `pixel` where it is.
  void zoom_at(float factor, sf::Vector2f pixel);
  void pan(sf::Vector2f by);
  // Puts the map point `p` at the centre of the screen.
  void centre_on(routing::LatLon p);
  float metres_per_pixel() const { return 1.0f / scale_; }

 private:
  double lat0_, lon0_, cos0_;
  float width_, height_;
  float scale_;          // pixels per metre
  sf::Vector2f offset_;  // screen position of (lat0, lon0)
};

}  // namespace viz
