// The shipped scenarios' outputs against their golden files (tests/golden/, recorded before the
// model was split into parts), at 1, 2 and 4 threads. A difference is either a bug or an
// intended change: `tools/golden.sh` shows the diff and `tools/golden.sh --accept` records it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

class Golden : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("halfhour-golden-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// The first line where two texts differ, for the failure message.
std::string first_difference(const std::string& want, const std::string& got) {
  std::size_t line = 1, i = 0;
  while (i < want.size() && i < got.size() && want[i] == got[i]) line += want[i++] == '\n';
  auto line_at = [&](const std::string& s) {
    const std::size_t start = s.rfind('\n', i == 0 ? 0 : i - 1);
    const std::size_t from = start == std::string::npos ? 0 : start + 1;
    return s.substr(from, s.find('\n', from) - from);
  };
  return "line " + std::to_string(line) + ":\n  golden: " + line_at(want) +
         "\n  now:    " + line_at(got) + "\n(tools/golden.sh shows the diff; --accept records it)";
}

TEST_P(Golden, OutputsAreTheGoldenOnesAtOneTwoAndFourThreads) {
  const fs::path scenario = fs::path(HALFHOUR_SOURCE_DIR) / GetParam();
  const std::string name = scenario.stem().string();
  const fs::path golden = fs::path(HALFHOUR_SOURCE_DIR) / "tests/golden" / name;
  ASSERT_TRUE(fs::is_directory(golden)) << golden;
  for (int threads : {1, 2, 4}) {
    const fs::path out = dir_ / std::to_string(threads);
    const auto r = e2e::run_halfhour("run -q " + scenario.string() + " --threads " +
                                     std::to_string(threads) + " --out " + out.string());
    ASSERT_EQ(r.code, 0) << r.out;
    int compared = 0;
    for (const auto& entry : fs::directory_iterator(golden)) {
      const std::string file = entry.path().stem().string();  // orders.csv.gz -> orders.csv
      const std::string want = e2e::slurp_gz(entry.path());
      std::string got = e2e::slurp(out / name / file);
      if (file == "kpis.json") got = got.substr(0, got.find("  \"performance\""));
      ASSERT_FALSE(want.empty()) << entry.path();
      EXPECT_TRUE(got == want) << name << "/" << file << " at " << threads << " threads differs at "
                               << first_difference(want, got);
      ++compared;
    }
    EXPECT_GE(compared, 3);
  }
}

INSTANTIATE_TEST_SUITE_P(Shipped, Golden,
                         ::testing::Values("scenarios/monaco.yaml",
                                           "scenarios/monaco-drones-coldchain.yaml",
                                           "scenarios/grid-small.yaml",
                                           "tests/data/trace-city.yaml"),
                         [](const auto& info) {
                           std::string n = std::filesystem::path(info.param).stem().string();
                           for (char& c : n)
                             if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

}  // namespace
