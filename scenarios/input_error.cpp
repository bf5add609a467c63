#include "scenarios/input_error.h"

#include <fmt/core.h>

namespace scenarios {

namespace {

std::string format(const SourceMark& w, const std::string& key, const std::string& expected,
                   const std::string& found) {
  std::string where = w.file;
  if (w.line > 0) where += fmt::format(":{}:{}", w.line, w.column);
  std::string msg = where + ": ";
  if (!key.empty()) msg += key + ": ";
  return msg + "expected " + expected + ", found " + found;
}

}  // namespace

InputError::InputError(SourceMark where, std::string key, std::string expected, std::string found)
    : std::runtime_error(format(where, key, expected, found)),
      where_(std::move(where)),
      key_(std::move(key)),
      expected_(std::move(expected)),
      found_(std::move(found)) {}

}  // namespace scenarios
