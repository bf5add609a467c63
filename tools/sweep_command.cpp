#include "tools/sweep_command.h"

#include <fmt/core.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for_each.h>

#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>
#include <thread>

#include <sys/resource.h>

#include "sim/output/atomic_folder.h"
#include "sim/output/sweep_report.h"
#include "tools/sweep_mpi.h"
#include "tools/sweep_runs.h"

namespace {

// Memory the system can still give, from /proc/meminfo (MemAvailable); 0 if unknown.
double available_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  double kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return 0;
}

double peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_maxrss) * 1024;
}

int print_summary(const std::string& path) {
  const output::SweepDb db(path);
  const auto factors = db.factors();
  int last = -1;
  for (const auto& row : db.summary()) {
    if (row.point != last) {
      std::string head = fmt::format("point {}", row.point);
      auto it = factors.find(row.point);
      if (it != factors.end())
        for (const auto& [f, v] : it->second) head += fmt::format("  {}={}", f, v);
      fmt::print("{}\n", head);
      last = row.point;
    }
    // A store's lines start with its id, so that grep finds one store's figure in one line.
    const std::string name = row.store == model::kCityRow ? row.kpi : row.store + " " + row.kpi;
    if (std::isnan(row.mean))
      fmt::print("  {:<44} {:>12} (n/a in every run)\n", name, "n/a");
    else
      fmt::print("  {:<44} {:>12.4f} +- {:<10.4f} (sd {:.4f}, n {})\n", name, row.mean,
                 row.half_width, row.sd, row.n);
  }
  return 0;
}

}  // namespace

// The sweep's HTML report beside its database, written under a temporary name and renamed.
int write_report(const std::string& path, bool quiet) {
  const output::SweepDb db(path);
  const std::string html = path + ".html", tmp = html + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    out << output::sweep_report_html(db);
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error("cannot write " + html);
    }
  }
  std::filesystem::rename(tmp, html);
  if (!quiet) fmt::print("report: {}\n", html);
  return 0;
}

namespace {

// Whether `path` is an SQLite database (its 16-byte header), not a sweep file.
bool is_sqlite_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  return in && std::string_view(head, sizeof head) == std::string_view("SQLite format 3\0", 16);
}

// Every run's KPIs of a finished (or stopped) sweep as CSV, written atomically.
void export_csv(const std::string& db_path, const std::string& csv, bool quiet) {
  const output::SweepDb db(db_path);
  output::replace_file_atomically(csv, db.csv());
  if (!quiet) fmt::print(stderr, "csv: {}\n", csv);
}

}  // namespace

int run_sweep_command(const SweepOptions& opt) {
  // A database where the sweep file goes: export it (`sweep --csv F DB`), never read it as YAML.
  if (!opt.sweep.empty() && is_sqlite_file(opt.sweep)) {
    if (opt.csv.empty())
      throw scenarios::InputError(
          {opt.sweep, 0, 0}, "sweep",
          "a sweep file (a database goes with --csv, --summary or --report)", "an SQLite database");
    export_csv(opt.sweep, opt.csv, opt.quiet);
    return 0;
  }
  if (!opt.summary_db.empty() || !opt.report_db.empty()) {
    const std::string& db = opt.summary_db.empty() ? opt.report_db : opt.summary_db;
    const int rc = opt.summary_db.empty() ? write_report(db, opt.quiet) : print_summary(db);
    if (rc == 0 && !opt.csv.empty()) export_csv(db, opt.csv, opt.quiet);
    return rc;
  }
  if (mpi_launched()) return run_sweep_mpi(opt);
  install_stop_handler();
  const SweepPlan plan = plan_sweep(opt.sweep);
  for (const auto& w : plan.sweep.warnings) fmt::print(stderr, "halfhour: warning: {}\n", w);
  if (!opt.only.empty()) {
    int p = -1, r = -1;
    if (std::sscanf(opt.only.c_str(), "point=%d,rep=%d", &p, &r) != 2 || p < 0 || r < 0 ||
        p >= static_cast<int>(plan.points.size()) || r >= plan.sweep.replications)
      throw scenarios::InputError({"(command line)", 0, 0}, "--only",
                                  fmt::format("point=P,rep=R with P below {} and R below {}",
                                              plan.points.size(), plan.sweep.replications),
                                  opt.only);
    const auto run = run_sweep_point(plan, p, r);
    fmt::print("{}\n", run.command);
    for (const auto& [name, value] : run.kpis) fmt::print("  {} {}\n", name, value);
    return 0;
  }
  const auto db = open_sweep_db(plan, opt);
  const auto done = db->done();
  const auto todo = missing_runs(plan, done);
  int jobs = opt.jobs > 0 ? opt.jobs : static_cast<int>(std::thread::hardware_concurrency());
  std::mutex db_mutex;
  std::atomic<int> finished{0};
  const auto start = std::chrono::steady_clock::now();
  std::size_t first = 0;
  if (!todo.empty() && jobs > 1) {
    // The first run alone tells how much memory a run takes; no more start at once than the
    // memory available holds (with a fifth to spare).
    const double before = peak_rss_bytes();
    db->record(run_sweep_point(plan, todo[0].first, todo[0].second));
    finished = 1;
    first = 1;
    const double per_run = std::max(peak_rss_bytes() - before, 16.0 * 1024 * 1024);
    const double fits = available_bytes() * 0.8 / per_run;
    if (fits > 0 && fits < jobs) {
      jobs = std::max(1, static_cast<int>(fits));
      if (!opt.quiet)
        fmt::print(stderr, "halfhour: {} runs at once: each needs about {:.0f} MB\n", jobs,
                   per_run / 1e6);
    }
  }
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                              static_cast<std::size_t>(std::max(1, jobs)));
  tbb::parallel_for_each(todo.begin() + static_cast<std::ptrdiff_t>(first), todo.end(),
                         [&](const std::pair<int, int>& run) {
                           if (stop_requested()) return;
                           const auto record = run_sweep_point(plan, run.first, run.second);
                           std::lock_guard lock(db_mutex);
                           db->record(record);
                           const int n = ++finished;
                           if (!opt.quiet) print_progress(n, todo.size(), start);
                         });
  return finish_sweep(plan, opt, *db, static_cast<std::size_t>(finished.load()), done.size());
}
