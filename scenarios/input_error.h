// An error in the user's input (scenario, map, trace), located precisely enough to fix it:
// file, line and column (1-based; 0 when unknown), the key by dotted path, what was expected and
// what was found. The command line prints what() and exits with code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace scenarios {

struct SourceMark {
  std::string file;
  int line = 0;
  int column = 0;
};

class InputError : public std::runtime_error {
 public:
  InputError(SourceMark where, std::string key, std::string expected, std::string found);

  const SourceMark& where() const { return where_; }
  const std::string& key() const { return key_; }
  const std::string& expected() const { return expected_; }
  const std::string& found() const { return found_; }

 private:
  SourceMark where_;
  std::string key_;
  std::string expected_;
  std::string found_;
};

}  // namespace scenarios
