#include <map>
#include <mutex>

#include "routing/dispatch.h"

namespace routing {
namespace {

struct Registry {
  std::mutex mutex;
  std::map<std::string, DispatchFactory> factories;
};

// Built-ins are filled in here rather than by static registrars, which a static library drops.
Registry& registry() {
  static Registry instance{
      {},
      {{"nearest_idle", [] { return std::make_unique<NearestIdleDispatch>(); }},
       {"batch_insertion", [] { return std::make_unique<BatchInsertionDispatch>(); }},
       {"assignment", [] { return std::make_unique<AssignmentDispatch>(); }}}};
  return instance;
}

}  // namespace

void register_dispatch_policy(const std::string& name, DispatchFactory factory) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  r.factories[name] = std::move(factory);
}

std::unique_ptr<DispatchPolicy> make_dispatch_policy(const std::string& name) {
  DispatchFactory factory;
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const auto it = r.factories.find(name);
    if (it == r.factories.end()) return nullptr;
    factory = it->second;
  }
  // Called unlocked so a factory may itself use the registry.
  return factory ? factory() : nullptr;
}

std::vector<std::string> dispatch_policy_names() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> names;
  names.reserve(r.factories.size());
  for (const auto& [name, factory] : r.factories) names.push_back(name);
  return names;
}

}  // namespace routing
