#include "scenarios/units.h"

#include <gtest/gtest.h>

namespace scenarios {
namespace {

using sim::kHour;
using sim::kMinute;
using sim::kSecond;

TEST(Duration, ReadsEachUnit) {
  EXPECT_EQ(parse_duration("500ms"), 500);
  EXPECT_EQ(parse_duration("90s"), 90'000);
  EXPECT_EQ(parse_duration("30m"), 1'800'000);
  EXPECT_EQ(parse_duration("30min"), 1'800'000);
  EXPECT_EQ(parse_duration("24h"), 86'400'000);
  EXPECT_EQ(parse_duration("2d"), 172'800'000);
  EXPECT_EQ(parse_duration("0s"), 0);
}

TEST(Duration, ReadsCompoundsAndFractions) {
  EXPECT_EQ(parse_duration("1h30m"), 5'400'000);
  EXPECT_EQ(parse_duration("1d2h3m4s5ms"), 93'784'005);
  EXPECT_EQ(parse_duration("1.5h"), 5'400'000);
  EXPECT_EQ(parse_duration(".5s"), 500);
  EXPECT_EQ(parse_duration(" 45s "), 45'000);
}

TEST(Duration, RejectsBareNumbersAndOtherText) {
  for (const char* bad : {"", "90", "1h30", "5 minutes", "-30s", "30m1h", "1h1h", "1ms1s", "3w",
                          "1..5h", "h", "1e3s", "30 m"})
    EXPECT_EQ(parse_duration(bad), std::nullopt) << bad;
}

TEST(Distance, ReadsMetresAndKilometres) {
  EXPECT_EQ(parse_distance_m("800m"), 800);
  EXPECT_EQ(parse_distance_m("3km"), 3000);
  EXPECT_EQ(parse_distance_m("1.5km"), 1500);
  EXPECT_EQ(parse_distance_m("2 km"), 2000);
  EXPECT_EQ(parse_distance_m("0.25m"), 0.25);
}

TEST(Distance, RejectsBareNumbersAndOtherUnits) {
  for (const char* bad : {"", "3000", "3 miles", "3kms", "-1km", "km", "1mm", "3ft"})
    EXPECT_EQ(parse_distance_m(bad), std::nullopt) << bad;
}

TEST(TimeOfDay, ReadsHoursMinutesSeconds) {
  EXPECT_EQ(parse_time_of_day("07:00"), 7 * kHour);
  EXPECT_EQ(parse_time_of_day("7:05"), 7 * kHour + 5 * kMinute);
  EXPECT_EQ(parse_time_of_day("18:30:15"), 66'615'000);
  EXPECT_EQ(parse_time_of_day("00:00"), 0);
  EXPECT_EQ(parse_time_of_day("24:00"), 24 * kHour);
}

TEST(TimeOfDay, RejectsOutOfRangeAndOtherShapes) {
  for (const char* bad : {"", "7", "7am", "25:00", "24:01", "12:60", "12:00:60", "123:00", "12:5",
                          "12:00:5", "12:00:00:00", "-1:00"})
    EXPECT_EQ(parse_time_of_day(bad), std::nullopt) << bad;
}

TEST(Elapsed, ReadsClockAndSeconds) {
  EXPECT_EQ(parse_elapsed("00:12:30"), 12 * kMinute + 30 * kSecond);
  EXPECT_EQ(parse_elapsed("26:00:00"), 26 * kHour);
  EXPECT_EQ(parse_elapsed("750"), 750 * kSecond);
  EXPECT_EQ(parse_elapsed("12.5"), 12'500);
  EXPECT_EQ(parse_elapsed("01:05"), kHour + 5 * kMinute);
  for (const char* bad : {"", "12:5", "00:61:00", "-5", "1h", "00:00:00:00", "1:2:3:"})
    EXPECT_EQ(parse_elapsed(bad), std::nullopt) << bad;
}

TEST(Format, DurationsReadBack) {
  EXPECT_EQ(format_duration(0), "0s");
  EXPECT_EQ(format_duration(5'400'000), "1h30m");
  EXPECT_EQ(format_duration(30 * kHour + 500), "30h500ms");
  for (sim::Time t : {sim::Time{1}, 999 * kSecond, 16 * kHour, 3 * sim::kDay + 7})
    EXPECT_EQ(parse_duration(format_duration(t)), t) << t;
}

TEST(Format, DistancesAndTimesReadBack) {
  EXPECT_EQ(format_distance(3000), "3km");
  EXPECT_EQ(format_distance(1500), "1500m");
  EXPECT_EQ(format_distance(0.1 + 0.2), "0.30000000000000004m");
  for (double m : {1.0, 400.0, 1234.5678, 12000.0, 0.1 + 0.2})
    EXPECT_EQ(parse_distance_m(format_distance(m)), m) << m;
  EXPECT_EQ(format_time_of_day(7 * kHour), "07:00");
  EXPECT_EQ(format_time_of_day(66'615'000), "18:30:15");
  EXPECT_EQ(format_time_of_day(24 * kHour), "24:00");
}

}  // namespace
}  // namespace scenarios
