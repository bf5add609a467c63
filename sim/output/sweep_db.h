// A sweep's results in one SQLite file (Debian's libsqlite3): the sweep's definition, its
// points and their factor values, every run (point, replication, seed, status, wall time, the
// command that repeats it), every KPI of every run, and the view point_summary with each
// point's and KPI's count, mean, standard deviation and 95% interval (Student t). Each run is
// written in a transaction of its own, so a killed sweep loses at most the runs in flight.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace output {

class SweepDbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SweepRunRecord {
  int point = 0, rep = 0;
  std::uint64_t seed = 0;
  double wall_seconds = 0;
  std::string command;
  std::vector<std::pair<std::string, double>> kpis;
};

struct SweepSummaryRow {
  int point = 0;
  std::string kpi;
  int n = 0;
  double mean = 0, sd = 0, half_width = 0;
};

class SweepDb {
 public:
  // Creates the database (under a temporary name, renamed when complete), or with `resume`
  // opens an existing one, which must hold the same definition (`definition` is its canonical
  // text); `resume` without a database creates it. Throws SweepDbError naming the file and what
  // is wrong; an existing file is never changed then.
  // `points`: per point, its (factor key, value) pairs.
  SweepDb(const std::string& path, const std::string& definition,
          const std::vector<std::vector<std::pair<std::string, std::string>>>& points, bool resume);
  // Opens an existing sweep database to read it.
  explicit SweepDb(const std::string& path);
  ~SweepDb();
  SweepDb(const SweepDb&) = delete;
  SweepDb& operator=(const SweepDb&) = delete;

  std::set<std::pair<int, int>> done() const;  // (point, rep) of the finished runs
  void record(const SweepRunRecord& run);
  std::vector<SweepSummaryRow> summary() const;
  // Every finished run's KPIs as CSV: point, rep, seed, the factors, then one column per KPI.
  std::string csv() const;
  std::map<int, std::vector<std::pair<std::string, std::string>>> factors() const;
  // Every finished run's KPIs: (point, rep) -> name -> value.
  std::map<std::pair<int, int>, std::map<std::string, double>> run_kpis() const;
  std::string definition() const;

 private:
  void exec(const std::string& sql) const;
  void use_wal();
  void open_or_create(const std::string& definition,
                      const std::vector<std::vector<std::pair<std::string, std::string>>>& points,
                      bool exists);
  void check(int rc, const char* what) const;
  sqlite3* db_ = nullptr;
  std::string path_;
};

}  // namespace output
