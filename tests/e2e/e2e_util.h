// Helpers the end-to-end tests share.
#pragma once

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

extern char** environ;

namespace e2e {

// A file's bytes; empty when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A gzip file's uncompressed bytes; empty when it cannot be read.
inline std::string slurp_gz(const std::filesystem::path& p) {
  std::string out;
  gzFile f = gzopen(p.c_str(), "rb");
  if (!f) return out;
  char buf[1 << 15];
  for (int n; (n = gzread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

// A shell command's exit code and output (stdout and stderr together).
inline Run run_shell(const std::string& command) {
  const std::string cmd = command + " 2>&1";
  Run r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The halfhour binary with `args`, as a shell runs it.
inline Run run_halfhour(const std::string& args) {
  return run_shell(std::string(HALFHOUR_BINARY) + " " + args);
}

// Starts `halfhour ARGS > out 2>&1` in the background; the pid is halfhour's own (exec).
inline pid_t spawn_halfhour(const std::string& args, const std::filesystem::path& out) {
  const std::string cmd =
      "exec " + std::string(HALFHOUR_BINARY) + " " + args + " > " + out.string() + " 2>&1";
  const char* argv[] = {"/bin/sh", "-c", cmd.c_str(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0)
    return -1;
  return pid;
}

// The exit code of a spawned process, 128 + the signal when a signal ended it.
inline int wait_exit(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// Polls `done` every 50 ms until it holds or `limit` passed; returns its last answer.
inline bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

}  // namespace e2e
