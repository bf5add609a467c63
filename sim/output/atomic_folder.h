// Writing a folder of outputs all at once: files go into a temporary sibling folder that is
// renamed into place at the end, so a failed or aborted write leaves nothing half-written.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace output {

// Fills a temporary sibling of `dir` with `fill`, then renames it into place, replacing `dir` if
// it exists. Throws std::runtime_error on an I/O failure, after removing the temporary folder.
void replace_atomically(const std::string& dir,
                        const std::function<void(const std::filesystem::path&)>& fill);

// Writes `content` to `path`; throws std::runtime_error when it cannot.
void write_file(const std::filesystem::path& path, std::string_view content);

// Writes `content` beside `path` and renames it into place (making the parent folders), so a
// failed write leaves the old file or none. Throws std::runtime_error when it cannot.
void replace_file_atomically(const std::filesystem::path& path, std::string_view content);

}  // namespace output
