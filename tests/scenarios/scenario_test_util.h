// Helpers for the scenario tests: a temporary folder to write scenarios and traces into, the path
// of the checked-in fixtures, and a check of every part of an InputError.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>

#include "scenarios/input_error.h"
#include "scenarios/scenario.h"

namespace scenarios::testing {

inline std::string fixture(const std::string& name) {
  return std::string(HALFHOUR_SOURCE_DIR) + "/tests/scenarios/data/" + name;
}

// A fresh folder under the system's temp folder, removed with everything in it at destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "halfhour-scen-XXXXXX").string();
    if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path(const std::string& name) const { return (path_ / name).string(); }

  // Writes `text` to `name` in the folder; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path(name);
  }

 private:
  std::filesystem::path path_;
};

// The InputError that `f` throws, or nothing.
template <class F>
std::optional<InputError> error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  return std::nullopt;
}

struct ExpectedError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string key;
  std::string found;
  std::string expected_part = {};  // a part of expected(); empty: not checked
};

inline void expect_error(const std::optional<InputError>& e, const ExpectedError& want) {
  ASSERT_TRUE(e.has_value()) << "no InputError";
  EXPECT_EQ(e->where().file, want.file) << e->what();
  EXPECT_EQ(e->where().line, want.line) << e->what();
  EXPECT_EQ(e->where().column, want.column) << e->what();
  EXPECT_EQ(e->key(), want.key) << e->what();
  EXPECT_EQ(e->found(), want.found) << e->what();
  EXPECT_NE(e->expected().find(want.expected_part), std::string::npos) << e->what();
  EXPECT_FALSE(e->expected().empty()) << e->what();
}

// One bad scenario for a parameterised test, and where and how its error must point.
struct InvalidCase {
  const char* name;
  std::string yaml;
  int line, column;
  const char* key;
  const char* found;
  const char* expected_part = "";
};

inline void expect_invalid(const InvalidCase& c) {
  TempDir dir;
  const std::string path = dir.write("s.yaml", c.yaml);
  expect_error(error_of([&] { load_scenario(path); }),
               {path, c.line, c.column, c.key, c.found, c.expected_part});
}

}  // namespace scenarios::testing
