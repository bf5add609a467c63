#include "viz/map_view.h"

#include <algorithm>
#include <cmath>

namespace viz {

namespace {
constexpr double kMetresPerDegree = routing::kEarthRadiusM * M_PI / 180.0;
constexpr float kMargin = 0.05f;
}  // namespace

MapView::MapView(routing::LatLon sw, routing::LatLon ne, float width, float height)
    : lat0_((sw.lat + ne.lat) / 2),
      lon0_((sw.lon + ne.lon) / 2),
      cos0_(std::cos(lat0_ * M_PI / 180)),
      width_(width),
      height_(height) {
  const double w_m = std::max(1.0, (ne.lon - sw.lon) * kMetresPerDegree * cos0_);
  const double h_m = std::max(1.0, (ne.lat - sw.lat) * kMetresPerDegree);
  scale_ = static_cast<float>(
      std::min(width * (1 - 2 * kMargin) / w_m, height * (1 - 2 * kMargin) / h_m));
  offset_ = {width / 2, height / 2};
}

sf::Vector2f MapView::to_metres(routing::LatLon p) const {
  return {static_cast<float>((p.lon - lon0_) * kMetresPerDegree * cos0_),
          static_cast<float>((lat0_ - p.lat) * kMetresPerDegree)};
}

sf::Vector2f MapView::to_screen(routing::LatLon p) const { return offset_ + to_metres(p) * scale_; }

sf::Transform MapView::transform() const {
  sf::Transform t;
  t.translate(offset_).scale(scale_, scale_);
  return t;
}

routing::LatLon MapView::to_map(sf::Vector2f pixel) const {
  const double x = (pixel.x - offset_.x) / scale_;
  const double y = (offset_.y - pixel.y) / scale_;
  return {lat0_ + y / kMetresPerDegree, lon0_ + x / (kMetresPerDegree * cos0_)};
}

void MapView::zoom_at(float factor, sf::Vector2f pixel) {
  scale_ *= factor;
  offset_ = pixel + (offset_ - pixel) * factor;
}

void MapView::pan(sf::Vector2f by) { offset_ += by; }

void MapView::centre_on(routing::LatLon p) {
  offset_ += sf::Vector2f(width_ / 2, height_ / 2) - to_screen(p);
}

}  // namespace viz
