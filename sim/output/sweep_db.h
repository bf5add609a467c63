// A sweep's results in one SQLite file (Debian's libsqlite3): the sweep's definition, its
// points and their factor values, every run (point, replication, seed, status, wall time, the
// command that repeats it), every KPI of every run for the city (store 'city') and each store
// (table kpis; an n/a share is NULL), each run's order counts and rider hours per store and hour
// of the day (table store_hours, the city as store 'city'), and the view point_summary with each
// point's, store's and KPI's count, mean, standard deviation and 95% interval (Student t). Each
// run is written in a transaction of its own, so a killed sweep loses at most the runs in
// flight. The schema's version is stored with the definition: a database of another version is
// not resumed.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "sim/model/kpis.h"

struct sqlite3;

namespace output {

// One KPI of one store in one run.
struct SweepStoreValue {
  std::string store;
  std::string name;
  double value = 0;  // NaN for an n/a share
};

// A row of store_hours: the orders placed in one hour of the day at one store (or the city), and
// the store's rider time in the scenario hours starting in it.
struct SweepHourRow {
  std::string store;
  int hour = 0;
  std::uint32_t placed = 0, accepted = 0, delivered = 0, on_time = 0, rejected = 0, open = 0;
  double rider_hours = 0, rider_busy_hours = 0;
};

class SweepDbError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SweepRunRecord {
  int point = 0, rep = 0;
  std::uint64_t seed = 0;
  double wall_seconds = 0;
  std::string command;
  std::vector<std::pair<std::string, double>> kpis;  // the city's
  std::vector<SweepStoreValue> store_kpis = {};
  std::vector<SweepHourRow> hours = {};
};

// The per-store KPIs and the hours rows of a run's KPIs, for a SweepRunRecord.
void add_store_rows(const model::Kpis& k, SweepRunRecord& run);

struct SweepSummaryRow {
  int point = 0;
  std::string store;  // "city" or a store's id
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
  // Every point's, store's and KPI's summary: the city's rows first in each point.
  std::vector<SweepSummaryRow> summary() const;
  // Every finished run's city KPIs as CSV: point, rep, seed, the factors, then one column per KPI.
  std::string csv() const;
  std::map<int, std::vector<std::pair<std::string, std::string>>> factors() const;
  // Every finished run's KPIs that have a value, of the city or of one store: (point, rep) ->
  // name -> value.
  std::map<std::pair<int, int>, std::map<std::string, double>> run_kpis(
      const std::string& store = "city") const;
  // The stores with KPIs in the database, in order of their ids, without the city.
  std::vector<std::string> stores() const;
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
