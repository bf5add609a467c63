#include "tools/sweep_mpi.h"

#include <cstdlib>
#include <string>

#if HALFHOUR_MPI
#include <fmt/core.h>
#include <mpi.h>

#include <cctype>
#include <chrono>
#include <sstream>

#include "scenarios/sweep.h"
#include "sim/output/sweep_db.h"
#include "tools/sweep_runs.h"
#endif

bool mpi_launched() {
#if HALFHOUR_MPI
  for (const char* var : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", "SLURM_NTASKS"})
    if (const char* v = std::getenv(var); v && std::atoi(v) > 1) return true;
#endif
  return false;
}

#if !HALFHOUR_MPI
int run_sweep_mpi(const SweepOptions&) { return 1; }
#else

namespace {

enum Tag : int { kReady = 1, kResult, kTask, kStop };

// A store id as one token: '%' and white space percent-encoded.
std::string token(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c == '%' || std::isspace(static_cast<unsigned char>(c)))
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      out += c;
  return out;
}

std::string untoken(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  return out;
}

// One line per value: "k NAME VALUE" (the city's), "s STORE NAME VALUE", "h STORE HOUR ...".
std::string encode(const output::SweepRunRecord& r) {
  std::string s = fmt::format("{} {} {} {}\n", r.point, r.rep, r.seed, r.wall_seconds);
  for (const auto& [name, value] : r.kpis) s += fmt::format("k {} {}\n", name, value);
  for (const auto& v : r.store_kpis)
    s += fmt::format("s {} {} {}\n", token(v.store), v.name, v.value);
  for (const auto& h : r.hours)
    s += fmt::format("h {} {} {} {} {} {} {} {} {} {}\n", token(h.store), h.hour, h.placed,
                     h.accepted, h.delivered, h.on_time, h.rejected, h.open, h.rider_hours,
                     h.rider_busy_hours);
  return s;
}

output::SweepRunRecord decode(const std::string& text) {
  output::SweepRunRecord r;
  std::istringstream in(text);
  in >> r.point >> r.rep >> r.seed >> r.wall_seconds;
  const auto number = [](const std::string& v) { return std::strtod(v.c_str(), nullptr); };
  std::string kind, store, name, value;
  while (in >> kind) {
    if (kind == "k" && in >> name >> value) {
      r.kpis.emplace_back(name, number(value));
    } else if (kind == "s" && in >> store >> name >> value) {
      r.store_kpis.push_back({untoken(store), name, number(value)});
    } else if (kind == "h" && in >> store) {
      output::SweepHourRow h;
      h.store = untoken(store);
      in >> h.hour >> h.placed >> h.accepted >> h.delivered >> h.on_time >> h.rejected >> h.open >>
          value;
      h.rider_hours = number(value);
      in >> value;
      h.rider_busy_hours = number(value);
      r.hours.push_back(std::move(h));
    }
  }
  return r;
}

// MPI_Finalize on every way out.
struct MpiSession {
  MpiSession() { MPI_Init(nullptr, nullptr); }
  ~MpiSession() { MPI_Finalize(); }
};

}  // namespace

int run_sweep_mpi(const SweepOptions& opt) {
  MpiSession mpi;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  // Every rank loads the sweep (the same file on a shared filesystem); rank 0 opens the
  // database and tells the others whether to go on.
  const SweepPlan plan = plan_sweep(opt.sweep);
  if (rank == 0)
    for (const auto& w : plan.sweep.warnings) fmt::print(stderr, "halfhour: warning: {}\n", w);
  int ok = 1;
  std::unique_ptr<output::SweepDb> db;
  std::vector<std::pair<int, int> > todo;
  std::size_t already = 0;
  if (rank == 0) {
    try {
      db = open_sweep_db(plan, opt);
      const auto done = db->done();
      already = done.size();
      todo = missing_runs(plan, done);
    } catch (...) {
      ok = 0;
      MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
      throw;
    }
  }
  MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
  if (!ok) return 2;
  if (rank != 0) {
    MPI_Send(nullptr, 0, MPI_CHAR, 0, kReady, MPI_COMM_WORLD);
    while (true) {
      int task[2];
      MPI_Status st;
      MPI_Recv(task, 2, MPI_INT, 0, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
      if (st.MPI_TAG == kStop) return 0;
      const std::string result = encode(run_sweep_point(plan, task[0], task[1]));
      MPI_Send(result.data(), static_cast<int>(result.size()), MPI_CHAR, 0, kResult,
               MPI_COMM_WORLD);
    }
  }
  install_stop_handler();
  std::size_t next = 0;
  int active = size - 1, finished = 0;
  const auto start = std::chrono::steady_clock::now();
  while (active > 0) {
    MPI_Status st;
    MPI_Probe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &st);
    int count = 0;
    MPI_Get_count(&st, MPI_CHAR, &count);
    std::string text(static_cast<std::size_t>(count), '\0');
    MPI_Recv(text.data(), count, MPI_CHAR, st.MPI_SOURCE, st.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    if (st.MPI_TAG == kResult) {
      output::SweepRunRecord r = decode(text);
      r.command = scenarios::sweep_run_command(plan.sweep, plan.points[r.point], r.seed);
      db->record(r);
      ++finished;
      if (!opt.quiet) print_progress(finished, todo.size() - next + finished, start);
    }
    if (next < todo.size() && !stop_requested()) {
      const int task[2] = {todo[next].first, todo[next].second};
      ++next;
      MPI_Send(task, 2, MPI_INT, st.MPI_SOURCE, kTask, MPI_COMM_WORLD);
    } else {
      MPI_Send(nullptr, 0, MPI_INT, st.MPI_SOURCE, kStop, MPI_COMM_WORLD);
      --active;
    }
  }
  return finish_sweep(plan, opt, *db, static_cast<std::size_t>(finished), already);
}

#endif
