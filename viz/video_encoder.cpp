#include "viz/video_encoder.h"

#include <fmt/core.h>

#include <stdexcept>

namespace viz {

namespace {
// The path quoted for the shell.
std::string quoted(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
}  // namespace

VideoEncoder::VideoEncoder(std::string path, unsigned width, unsigned height, int fps)
    : path_(std::move(path)), tmp_(path_ + ".tmp.mp4"), width_(width), height_(height) {
  const std::string cmd = fmt::format(
      "ffmpeg -loglevel error -y -f rawvideo -pix_fmt rgba -s {}x{} -r {} -i - -c:v libx264 "
      "-preset veryfast -pix_fmt yuv420p -f mp4 {}",
      width, height, fps, quoted(tmp_));
  pipe_ = popen(cmd.c_str(), "w");
  if (!pipe_) throw std::runtime_error("cannot start ffmpeg to record " + path_);
}

VideoEncoder::~VideoEncoder() {
  if (pipe_) {
    pclose(pipe_);
    std::remove(tmp_.c_str());
  }
}

void VideoEncoder::add(const sf::Image& frame) {
  if (!pipe_ || !ok_) return;
  if (frame.getSize().x != width_ || frame.getSize().y != height_) {
    ok_ = false;
    return;
  }
  const std::size_t bytes = std::size_t{width_} * height_ * 4;
  ok_ = std::fwrite(frame.getPixelsPtr(), 1, bytes, pipe_) == bytes;
  frames_ += ok_;
}

bool VideoEncoder::finish() {
  if (!pipe_) return false;
  const int status = pclose(pipe_);
  pipe_ = nullptr;
  if (!ok_ || status != 0 || frames_ == 0 || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    std::remove(tmp_.c_str());
    return false;
  }
  return true;
}

}  // namespace viz
