// Helpers the end-to-end tests share.
#pragma once

#include <sys/wait.h>
#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace e2e
