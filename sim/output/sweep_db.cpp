#include "sim/output/sweep_db.h"

#include <fmt/core.h>
#include <sqlite3.h>

#include <cmath>
#include <filesystem>
#include <memory>

#include "sim/model/replications.h"

namespace output {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE sweep (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE points (point INTEGER NOT NULL, factor TEXT NOT NULL, value TEXT NOT NULL,
                     PRIMARY KEY (point, factor));
CREATE TABLE runs (point INTEGER NOT NULL, rep INTEGER NOT NULL, seed INTEGER NOT NULL,
                   status TEXT NOT NULL, wall_seconds REAL, command TEXT NOT NULL,
                   PRIMARY KEY (point, rep));
CREATE TABLE kpis (point INTEGER NOT NULL, rep INTEGER NOT NULL, store TEXT NOT NULL,
                   name TEXT NOT NULL, value REAL, PRIMARY KEY (point, rep, store, name));
CREATE TABLE store_hours (point INTEGER NOT NULL, rep INTEGER NOT NULL, store TEXT NOT NULL,
                          hour INTEGER NOT NULL, placed INTEGER NOT NULL,
                          accepted INTEGER NOT NULL, delivered INTEGER NOT NULL,
                          on_time INTEGER NOT NULL, rejected INTEGER NOT NULL,
                          open INTEGER NOT NULL, rider_hours REAL NOT NULL,
                          rider_busy_hours REAL NOT NULL,
                          PRIMARY KEY (point, rep, store, hour));
CREATE TABLE student_t (df INTEGER PRIMARY KEY, t975 REAL NOT NULL);
CREATE VIEW point_summary AS
  SELECT s.point, s.store, s.kpi, s.n, s.mean, s.sd,
         s.sd * coalesce((SELECT t975 FROM student_t WHERE df = s.n - 1), 1.959964) / sqrt(s.n)
           AS half_width
  FROM (SELECT k.point AS point, k.store AS store, k.name AS kpi, count(k.value) AS n,
               avg(k.value) AS mean,
               CASE WHEN count(k.value) > 1 THEN
                 sqrt(max(0, (sum(k.value * k.value) - count(k.value) * avg(k.value) * avg(k.value))
                             / (count(k.value) - 1)))
               ELSE 0 END AS sd
        FROM kpis k JOIN runs r ON r.point = k.point AND r.rep = k.rep
        WHERE r.status = 'done' GROUP BY k.point, k.store, k.name) s;
)sql";

// The version of kSchema; stored under the key 'schema' and checked on --resume.
constexpr const char* kSchemaVersion = "2";

struct Statement {
  sqlite3_stmt* s = nullptr;
  ~Statement() { sqlite3_finalize(s); }
};

}  // namespace

void add_store_rows(const model::Kpis& k, SweepRunRecord& run) {
  const auto hours = [&](const std::string& store, const std::vector<model::HourKpis>& by_hour) {
    for (const auto& h : by_hour) {
      const auto& v = h.service;
      run.hours.push_back({store, h.hour, v.placed, v.accepted, v.delivered, v.on_time, v.rejected,
                           v.open, v.rider_hours, v.rider_busy_hours});
    }
  };
  hours(model::kCityRow, k.hours);
  for (const auto& store : k.stores) {
    for (const auto& [name, value] : model::store_kpi_values(store.service))
      run.store_kpis.push_back({store.id, name, value});
    hours(store.id, store.hours);
  }
}

void SweepDb::check(int rc, const char* what) const {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw SweepDbError(
        fmt::format("{}: {} ({})", path_, what, db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc)));
}

void SweepDb::exec(const std::string& sql) const {
  char* err = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  const std::string msg = err ? err : "";
  sqlite3_free(err);
  if (rc != SQLITE_OK) throw SweepDbError(path_ + ": " + msg);
}

SweepDb::SweepDb(const std::string& path) : path_(path) {
  if (!std::filesystem::is_regular_file(path)) throw SweepDbError(path + ": no such database");
  check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr), "cannot open");
  try {
    exec("SELECT value FROM sweep WHERE key = 'definition'");
  } catch (const SweepDbError&) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw SweepDbError(path + ": not a halfhour sweep database");
  }
}

SweepDb::SweepDb(const std::string& path, const std::string& definition,
                 const std::vector<std::vector<std::pair<std::string, std::string>>>& points,
                 bool resume)
    : path_(path) {
  const bool exists = std::filesystem::exists(path);
  if (exists && !resume) throw SweepDbError(path + ": exists already (--resume goes on with it)");
  try {
    open_or_create(definition, points, exists);
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

void SweepDb::open_or_create(
    const std::string& definition,
    const std::vector<std::vector<std::pair<std::string, std::string>>>& points, bool exists) {
  const std::string& path = path_;
  if (exists) {
    check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), "cannot open");
    sqlite3_busy_timeout(db_, 5000);
    std::string stored;
    try {
      Statement st;
      check(sqlite3_prepare_v2(db_, "SELECT value FROM sweep WHERE key = 'definition'", -1, &st.s,
                               nullptr),
            "not a halfhour sweep database");
      if (sqlite3_step(st.s) == SQLITE_ROW)
        stored = reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0));
    } catch (const SweepDbError&) {
      throw SweepDbError(path + ": not a halfhour sweep database");
    }
    if (stored != definition)
      throw SweepDbError(path + ": the database is of another sweep definition");
    std::string schema = "1";
    {
      Statement st;
      check(sqlite3_prepare_v2(db_, "SELECT value FROM sweep WHERE key = 'schema'", -1, &st.s,
                               nullptr),
            "read the schema version");
      if (sqlite3_step(st.s) == SQLITE_ROW)
        schema = reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0));
    }
    if (schema != kSchemaVersion)
      throw SweepDbError(fmt::format(
          "{}: the database has schema version {}, this halfhour writes version {}: start a new "
          "database (without --resume, or another --db)",
          path, schema, kSchemaVersion));
    use_wal();
    return;
  }
  // A new database is made under a temporary name and renamed once complete.
  const std::string tmp = path + ".tmp";
  std::filesystem::remove(tmp);
  check(sqlite3_open_v2(tmp.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
        "cannot create");
  try {
    exec("BEGIN");
    exec(kSchema);
    Statement def;
    check(
        sqlite3_prepare_v2(db_, "INSERT INTO sweep VALUES ('definition', ?)", -1, &def.s, nullptr),
        "prepare");
    sqlite3_bind_text(def.s, 1, definition.c_str(), -1, SQLITE_TRANSIENT);
    check(sqlite3_step(def.s), "write the definition");
    exec(fmt::format("INSERT INTO sweep VALUES ('schema', '{}')", kSchemaVersion));
    Statement pt;
    check(sqlite3_prepare_v2(db_, "INSERT INTO points VALUES (?, ?, ?)", -1, &pt.s, nullptr),
          "prepare");
    for (std::size_t p = 0; p < points.size(); ++p)
      for (const auto& [factor, value] : points[p]) {
        sqlite3_reset(pt.s);
        sqlite3_bind_int(pt.s, 1, static_cast<int>(p));
        sqlite3_bind_text(pt.s, 2, factor.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(pt.s, 3, value.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(pt.s), "write a point");
      }
    Statement t;
    check(sqlite3_prepare_v2(db_, "INSERT INTO student_t VALUES (?, ?)", -1, &t.s, nullptr),
          "prepare");
    for (int df = 1; df <= 1000; ++df) {
      sqlite3_reset(t.s);
      sqlite3_bind_int(t.s, 1, df);
      sqlite3_bind_double(t.s, 2, model::student_t_975(df));
      check(sqlite3_step(t.s), "write the t table");
    }
    exec("COMMIT");
    sqlite3_close_v2(db_);
    db_ = nullptr;
    std::filesystem::rename(tmp, path);
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    std::filesystem::remove(tmp);
    throw;
  }
  check(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), "cannot open");
  sqlite3_busy_timeout(db_, 5000);
  use_wal();
}

// Write-ahead logging: a committed run survives a killed process; a power cut may lose the
// last few, never consistency.
void SweepDb::use_wal() {
  exec("PRAGMA journal_mode = WAL");
  exec("PRAGMA synchronous = NORMAL");
}

SweepDb::~SweepDb() { sqlite3_close_v2(db_); }

std::set<std::pair<int, int>> SweepDb::done() const {
  std::set<std::pair<int, int>> out;
  Statement st;
  check(sqlite3_prepare_v2(db_, "SELECT point, rep FROM runs WHERE status = 'done'", -1, &st.s,
                           nullptr),
        "read the runs");
  while (sqlite3_step(st.s) == SQLITE_ROW)
    out.insert({sqlite3_column_int(st.s, 0), sqlite3_column_int(st.s, 1)});
  return out;
}

void SweepDb::record(const SweepRunRecord& run) {
  exec("BEGIN IMMEDIATE");
  try {
    Statement r;
    check(sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, 'done', ?, ?)", -1,
                             &r.s, nullptr),
          "prepare");
    sqlite3_bind_int(r.s, 1, run.point);
    sqlite3_bind_int(r.s, 2, run.rep);
    sqlite3_bind_int64(r.s, 3, static_cast<sqlite3_int64>(run.seed));
    sqlite3_bind_double(r.s, 4, run.wall_seconds);
    sqlite3_bind_text(r.s, 5, run.command.c_str(), -1, SQLITE_TRANSIENT);
    check(sqlite3_step(r.s), "write a run");
    Statement k;
    check(sqlite3_prepare_v2(db_, "INSERT OR REPLACE INTO kpis VALUES (?, ?, ?, ?, ?)", -1, &k.s,
                             nullptr),
          "prepare");
    const auto write_kpi = [&](const std::string& store, const std::string& name, double value) {
      sqlite3_reset(k.s);
      sqlite3_bind_int(k.s, 1, run.point);
      sqlite3_bind_int(k.s, 2, run.rep);
      sqlite3_bind_text(k.s, 3, store.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(k.s, 4, name.c_str(), -1, SQLITE_TRANSIENT);
      if (std::isnan(value))
        sqlite3_bind_null(k.s, 5);
      else
        sqlite3_bind_double(k.s, 5, value);
      check(sqlite3_step(k.s), "write a KPI");
    };
    for (const auto& [name, value] : run.kpis) write_kpi(model::kCityRow, name, value);
    for (const auto& v : run.store_kpis) write_kpi(v.store, v.name, v.value);
    Statement h;
    check(sqlite3_prepare_v2(db_,
                             "INSERT OR REPLACE INTO store_hours VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             -1, &h.s, nullptr),
          "prepare");
    for (const auto& row : run.hours) {
      sqlite3_reset(h.s);
      sqlite3_bind_int(h.s, 1, run.point);
      sqlite3_bind_int(h.s, 2, run.rep);
      sqlite3_bind_text(h.s, 3, row.store.c_str(), -1, SQLITE_TRANSIENT);
      int col = 4;
      for (std::int64_t v :
           {std::int64_t{row.hour}, std::int64_t{row.placed}, std::int64_t{row.accepted},
            std::int64_t{row.delivered}, std::int64_t{row.on_time}, std::int64_t{row.rejected},
            std::int64_t{row.open}})
        sqlite3_bind_int64(h.s, col++, v);
      sqlite3_bind_double(h.s, col++, row.rider_hours);
      sqlite3_bind_double(h.s, col, row.rider_busy_hours);
      check(sqlite3_step(h.s), "write a store hour");
    }
    exec("COMMIT");
  } catch (...) {
    sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

std::vector<SweepSummaryRow> SweepDb::summary() const {
  std::vector<SweepSummaryRow> rows;
  Statement st;
  check(sqlite3_prepare_v2(db_,
                           "SELECT point, store, kpi, n, mean, sd, half_width FROM point_summary "
                           "ORDER BY point, store <> 'city', store, kpi",
                           -1, &st.s, nullptr),
        "read the summary");
  while (sqlite3_step(st.s) == SQLITE_ROW)
    rows.push_back(
        {sqlite3_column_int(st.s, 0), reinterpret_cast<const char*>(sqlite3_column_text(st.s, 1)),
         reinterpret_cast<const char*>(sqlite3_column_text(st.s, 2)), sqlite3_column_int(st.s, 3),
         sqlite3_column_type(st.s, 4) == SQLITE_NULL ? model::kNoShare
                                                     : sqlite3_column_double(st.s, 4),
         sqlite3_column_double(st.s, 5), sqlite3_column_double(st.s, 6)});
  return rows;
}

std::map<int, std::vector<std::pair<std::string, std::string>>> SweepDb::factors() const {
  std::map<int, std::vector<std::pair<std::string, std::string>>> out;
  Statement st;
  check(sqlite3_prepare_v2(db_, "SELECT point, factor, value FROM points ORDER BY point, rowid", -1,
                           &st.s, nullptr),
        "read the points");
  while (sqlite3_step(st.s) == SQLITE_ROW)
    out[sqlite3_column_int(st.s, 0)].emplace_back(
        reinterpret_cast<const char*>(sqlite3_column_text(st.s, 1)),
        reinterpret_cast<const char*>(sqlite3_column_text(st.s, 2)));
  return out;
}

std::map<std::pair<int, int>, std::map<std::string, double>> SweepDb::run_kpis(
    const std::string& store) const {
  std::map<std::pair<int, int>, std::map<std::string, double>> out;
  Statement st;
  check(sqlite3_prepare_v2(db_,
                           "SELECT k.point, k.rep, k.name, k.value FROM kpis k JOIN runs r ON "
                           "r.point = k.point AND r.rep = k.rep WHERE r.status = 'done' AND "
                           "k.store = ?1 AND k.value IS NOT NULL",
                           -1, &st.s, nullptr),
        "read the KPIs");
  sqlite3_bind_text(st.s, 1, store.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(st.s) == SQLITE_ROW)
    out[{sqlite3_column_int(st.s, 0), sqlite3_column_int(st.s, 1)}]
       [reinterpret_cast<const char*>(sqlite3_column_text(st.s, 2))] =
           sqlite3_column_double(st.s, 3);
  return out;
}

std::vector<std::string> SweepDb::stores() const {
  std::vector<std::string> out;
  Statement st;
  check(sqlite3_prepare_v2(db_,
                           "SELECT DISTINCT store FROM kpis WHERE store <> 'city' ORDER BY store",
                           -1, &st.s, nullptr),
        "read the stores");
  while (sqlite3_step(st.s) == SQLITE_ROW)
    out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
  return out;
}

std::string SweepDb::definition() const {
  Statement st;
  check(sqlite3_prepare_v2(db_, "SELECT value FROM sweep WHERE key = 'definition'", -1, &st.s,
                           nullptr),
        "read the definition");
  return sqlite3_step(st.s) == SQLITE_ROW
             ? reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0))
             : "";
}

std::string SweepDb::csv() const {
  std::vector<std::string> names;
  {
    Statement st;
    check(
        sqlite3_prepare_v2(db_, "SELECT DISTINCT name FROM kpis WHERE store = 'city' ORDER BY name",
                           -1, &st.s, nullptr),
        "read the KPIs");
    while (sqlite3_step(st.s) == SQLITE_ROW)
      names.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st.s, 0)));
  }
  const auto points = factors();
  std::string out = "point,rep,seed";
  if (!points.empty())
    for (const auto& [f, v] : points.begin()->second) out += "," + f;
  for (const auto& n : names) out += "," + n;
  out += "\n";
  Statement runs;
  check(sqlite3_prepare_v2(db_,
                           "SELECT point, rep, seed FROM runs WHERE status = 'done' "
                           "ORDER BY point, rep",
                           -1, &runs.s, nullptr),
        "read the runs");
  Statement k;
  check(sqlite3_prepare_v2(db_,
                           "SELECT name, value FROM kpis WHERE point = ? AND rep = ? AND "
                           "store = 'city' AND value IS NOT NULL",
                           -1, &k.s, nullptr),
        "read the KPIs");
  while (sqlite3_step(runs.s) == SQLITE_ROW) {
    const int point = sqlite3_column_int(runs.s, 0), rep = sqlite3_column_int(runs.s, 1);
    out += fmt::format("{},{},{}", point, rep, sqlite3_column_int64(runs.s, 2));
    auto it = points.find(point);
    if (it != points.end())
      for (const auto& [f, v] : it->second) out += "," + v;
    std::map<std::string, double> values;
    sqlite3_reset(k.s);
    sqlite3_bind_int(k.s, 1, point);
    sqlite3_bind_int(k.s, 2, rep);
    while (sqlite3_step(k.s) == SQLITE_ROW)
      values[reinterpret_cast<const char*>(sqlite3_column_text(k.s, 0))] =
          sqlite3_column_double(k.s, 1);
    for (const auto& n : names)  // empty: an n/a share
      out += values.count(n) ? fmt::format(",{}", values[n]) : std::string(",");
    out += "\n";
  }
  return out;
}

}  // namespace output
