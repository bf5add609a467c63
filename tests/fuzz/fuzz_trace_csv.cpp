// The trace CSV reader: any bytes give rows or an InputError, nothing else.
#include <cstdint>

#include "scenarios/input_error.h"
#include "scenarios/trace_csv.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path =
      fuzz::write_file("orders.csv", {reinterpret_cast<const char*>(data), size});
  try {
    const auto rows = scenarios::read_trace_rows(path);
    for (std::size_t i = 1; i < rows.size(); ++i)
      if (rows[i].order.time < rows[i - 1].order.time) __builtin_trap();  // promised sorted
  } catch (const scenarios::InputError&) {
  }
  return 0;
}
