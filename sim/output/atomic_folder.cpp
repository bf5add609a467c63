#include "sim/output/atomic_folder.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

namespace output {

namespace fs = std::filesystem;

void write_file(const fs::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("cannot create {}", path.string()));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) throw std::runtime_error(fmt::format("cannot write {}", path.string()));
}

void replace_file_atomically(const fs::path& path, std::string_view content) {
  if (path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
  }
  const fs::path temp = path.string() + fmt::format(".tmp-{}", ::getpid());
  try {
    write_file(temp, content);
    fs::rename(temp, path);
  } catch (const std::exception& e) {
    std::error_code ec;
    fs::remove(temp, ec);
    throw std::runtime_error(fmt::format("cannot write {}: {}", path.string(), e.what()));
  }
}

void replace_atomically(const std::string& dir, const std::function<void(const fs::path&)>& fill) {
  fs::path target = fs::path(dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/run/" names "out/run"
  if (target.empty() || target == "." || target == "..")
    throw std::runtime_error(fmt::format("cannot write run to '{}': not a folder name", dir));
  const std::string suffix = fmt::format(".tmp-{}", ::getpid());
  const fs::path temp = target.parent_path() / (target.filename().string() + suffix);
  const fs::path old = target.parent_path() / (target.filename().string() + ".old" + suffix);

  try {
    if (target.has_parent_path()) fs::create_directories(target.parent_path());
    fs::remove_all(temp);
    fs::create_directory(temp);
    fill(temp);

    // Move the previous run aside rather than deleting it first, so that a failed rename can
    // put it back.
    const bool replacing = fs::exists(fs::symlink_status(target));
    if (replacing) {
      fs::remove_all(old);
      fs::rename(target, old);
    }
    try {
      fs::rename(temp, target);
    } catch (...) {
      if (replacing) {
        std::error_code ignored;
        fs::rename(old, target, ignored);
      }
      throw;
    }
    if (replacing) {
      std::error_code ignored;  // the new run is in place; a leftover is only untidy
      fs::remove_all(old, ignored);
    }
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove_all(temp, ignored);
    throw std::runtime_error(fmt::format("cannot write run to '{}': {}", dir, e.what()));
  }
}

}  // namespace output
