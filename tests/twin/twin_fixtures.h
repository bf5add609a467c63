// Hand-written messages of schema v1 and a temporary folder, shared by the twin's tests.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/twin/ingest.h"

namespace twin_test {

// A rider ping from `source` with `id` and `sequence`, at store S1, as a publisher writes it.
inline nlohmann::json ping(const std::string& source, const std::string& id, std::uint64_t sequence,
                           const std::string& store = "S1") {
  return {{"specversion", "1.0"},
          {"id", id},
          {"source", source},
          {"type", "halfhour.rider.ping.v1"},
          {"time", "2026-11-30T17:05:00.250Z"},
          {"sequence", std::to_string(sequence)},
          {"datacontenttype", "application/json"},
          {"data",
           {{"store", store},
            {"rider", "r7"},
            {"lat", 43.7384},
            {"lon", 7.4246},
            {"accuracy_m", 8.5},
            {"speed_mps", 4.2},
            {"time", "2026-11-30T17:04:59Z"}}}};
}

inline nlohmann::json envelope(const std::string& type, nlohmann::json data) {
  return {
      {"specversion", "1.0"},           {"id", "m-1"},   {"source", "shop"},       {"type", type},
      {"time", "2026-11-30T17:05:00Z"}, {"sequence", 1}, {"data", std::move(data)}};
}

// A fresh temporary folder, removed with the object.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string t = (std::filesystem::temp_directory_path() / "halfhour-twin-XXXXXX").string();
    if (!mkdtemp(t.data())) throw std::runtime_error("mkdtemp");
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

// The ingest tests' rules: stores S1 and S2, sources rider-app and shop, a reorder tolerance of 5.
inline twin::IngestOptions ingest_options() {
  twin::IngestOptions o;
  o.validation.stores = {"S1", "S2"};
  o.validation.sources = {"rider-app", "shop"};
  o.reorder_tolerance = 5;
  return o;
}

// Each line of an NDJSON text (dead letters), parsed.
inline std::vector<nlohmann::json> ndjson_lines(const std::string& ndjson) {
  std::vector<nlohmann::json> out;
  std::istringstream in(ndjson);
  for (std::string l; std::getline(in, l);) out.push_back(nlohmann::json::parse(l));
  return out;
}

}  // namespace twin_test
