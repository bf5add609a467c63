// The MDRP instance reader: restaurants.txt, orders.txt, couriers.txt and
// instance_parameters.txt, in that order, separated by '\f'.
#include <cstdint>
#include <filesystem>

#include "scenarios/input_error.h"
#include "scenarios/mdrp_reader.h"
#include "tests/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kFiles[] = {"restaurants.txt", "orders.txt", "couriers.txt",
                                       "instance_parameters.txt"};
  const auto parts = fuzz::split_parts(data, size, 4);
  std::filesystem::create_directories(fuzz::work_dir() / "instance");
  for (std::size_t i = 0; i < 4; ++i) {
    const std::string name = std::string("instance/") + kFiles[i];
    if (i < parts.size()) {
      fuzz::write_file(name, parts[i]);
    } else {
      std::error_code ec;
      std::filesystem::remove(fuzz::work_dir() / name, ec);
    }
  }
  try {
    scenarios::read_mdrp_instance((fuzz::work_dir() / "instance").string());
  } catch (const scenarios::InputError&) {
  }
  return 0;
}
