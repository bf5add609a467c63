// End-to-end: halfhour whatif on the shipped Monaco day, as the README's worked example runs it.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e_util.h"

namespace fs = std::filesystem;

namespace {

class WhatIfCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("halfhour-whatif-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string monaco() const { return std::string(HALFHOUR_SOURCE_DIR) + "/scenarios/monaco.yaml"; }
  fs::path dir_;
};

TEST_F(WhatIfCli, TheMonacoExampleComparesAlternativesOnTheSameDemand) {
  const auto r = e2e::run_halfhour(
      "whatif " + monaco() + " --at 18:00 --horizon 1h --replications 4 --out " + dir_.string() +
      " --try lean=remove-riders:monte-carlo:70 "
      "lean+10=remove-riders:monte-carlo:70+add-riders:monte-carlo:10");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(e2e::slurp(dir_ / "monaco-whatif" / "whatif.json"));
  ASSERT_EQ(j["alternatives"].size(), 3u);
  const auto& as_is = j["alternatives"][0]["kpis"];
  const auto& lean = j["alternatives"][1];
  const auto& lean10 = j["alternatives"][2];
  // Common random numbers: every alternative sees the same orders.
  EXPECT_EQ(lean["kpis"]["orders"]["mean"], as_is["orders"]["mean"]);
  EXPECT_EQ(lean["difference"]["orders"]["mean"], 0.0);
  // 70 of Monte-Carlo's 95 evening riders gone: more late orders, and 10 back help.
  EXPECT_GT(lean["difference"]["late"]["low"].get<double>(), 0);
  EXPECT_LT(lean10["kpis"]["late"]["mean"].get<double>(),
            lean["kpis"]["late"]["mean"].get<double>());
  EXPECT_NE(lean["applied"][0].get<std::string>().find("removed 70 of 70"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir_ / "monaco-whatif" / "whatif.html"));
}

TEST_F(WhatIfCli, BadActionsAreExit2WithTheExpectedForm) {
  for (const std::string t :
       {"x=add-riders:nowhere:3", "x=fly:monte-carlo", "x=move-riders:larvotto:larvotto:2",
        "x=policy:fastest", "noequals", "x=pickers:monte-carlo:-1"}) {
    const auto r = e2e::run_halfhour("whatif " + monaco() + " --replications 1 --out " +
                                     dir_.string() + " --try " + t);
    EXPECT_EQ(r.code, 2) << t << ": " << r.out;
    EXPECT_NE(r.out.find("expected"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(dir_ / "monaco-whatif")) << t;
  }
  const auto late = e2e::run_halfhour("whatif " + monaco() + " --at 03:00 --out " + dir_.string());
  EXPECT_EQ(late.code, 2) << late.out;
}

}  // namespace
