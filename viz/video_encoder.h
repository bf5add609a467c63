// Frames to an MP4 file through Debian's ffmpeg, fed raw RGBA over a pipe (H.264, yuv420p, so
// every player opens it). The file appears only when finish() succeeds.
#pragma once

#include <SFML/Graphics/Image.hpp>
#include <cstdio>
#include <string>

namespace viz {

class VideoEncoder {
 public:
  // Throws std::runtime_error when ffmpeg cannot be started.
  VideoEncoder(std::string path, unsigned width, unsigned height, int fps);
  ~VideoEncoder();
  VideoEncoder(const VideoEncoder&) = delete;
  VideoEncoder& operator=(const VideoEncoder&) = delete;

  // An image of the encoder's size.
  void add(const sf::Image& frame);
  // Closes the stream and renames the file into place; false (and no file) on any failure.
  bool finish();
  int frames() const { return frames_; }

 private:
  std::string path_, tmp_;
  unsigned width_, height_;
  FILE* pipe_ = nullptr;
  bool ok_ = true;
  int frames_ = 0;
};

}  // namespace viz
