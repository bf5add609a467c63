#include "sim/output/mdrp_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "sim/output/atomic_folder.h"

namespace output {
namespace {

// Minutes from milliseconds, whole when they are (the instances' times all are).
std::string minutes(std::int64_t ms) {
  if (ms % 60'000 == 0) return fmt::format("{}", ms / 60'000);
  return fmt::format("{}", static_cast<double>(ms) / 60'000.0);
}

nlohmann::ordered_json stats_json(const model::Describe& d) {
  nlohmann::ordered_json j;
  j["count"] = d.count;
  j["mean"] = d.mean;
  j["std"] = d.sd;
  j["min"] = d.min;
  j["p10"] = d.p10;
  j["p50"] = d.p50;
  j["p90"] = d.p90;
  j["max"] = d.max;
  return j;
}

std::string place_id(const model::MdrpInstance& in, const model::MdrpPlace& p) {
  switch (p.kind) {
    case model::MdrpPlace::Kind::start:
      return "0";
    case model::MdrpPlace::Kind::restaurant:
      return in.restaurants[p.index].id;
    case model::MdrpPlace::Kind::order:
      break;
  }
  return in.orders[p.index].id;
}

double compensation_per_order(const model::MdrpMetrics& m) {
  return m.delivered > 0 ? m.total_compensation / static_cast<double>(m.delivered) : 0.0;
}

}  // namespace

std::string mdrp_kpis_json(const MdrpRunOutput& out) {
  const model::MdrpMetrics& m = out.metrics;
  const model::MdrpInstance& in = *out.instance;
  nlohmann::ordered_json j;
  j["instance"] = in.name;
  j["policy"] = out.policy;
  j["parameters"] = out.parameters;
  j["orders"] = m.orders;
  j["orders_delivered"] = m.delivered;
  j["couriers"] = m.couriers;
  j["instructions"] = m.instructions;
  j["orders_per_bundle"] = m.bundle_size.mean;
  j["target_click_to_door_min"] = in.terms.target_click_to_door;
  j["maximum_click_to_door_min"] = in.terms.maximum_click_to_door;
  j["within_target"] = m.within_target;
  j["over_maximum"] = m.over_maximum;
  j["click_to_door_min"] = stats_json(m.click_to_door);
  j["click_to_door_overage_min"] = stats_json(m.overage);
  j["ready_to_door_min"] = stats_json(m.ready_to_door);
  j["ready_to_pickup_min"] = stats_json(m.ready_to_pickup);
  j["bundle_size"] = stats_json(m.bundle_size);
  j["courier_orders_per_hour"] = stats_json(m.orders_per_hour);
  j["courier_bundles_per_hour"] = stats_json(m.bundles_per_hour);
  j["courier_utilisation"] = stats_json(m.utilisation);
  j["courier_delivery_earnings"] = stats_json(m.earnings);
  j["courier_compensation"] = stats_json(m.compensation);
  j["courier_hours"] = m.courier_hours;
  j["orders_per_courier_hour"] = m.orders_per_courier_hour;
  j["total_delivery_earnings"] = m.total_earnings;
  j["total_compensation"] = m.total_compensation;
  j["couriers_on_guaranteed_minimum"] = m.on_guaranteed_minimum;
  j["events"] = out.run.events;
  return j.dump(2) + "\n";
}

std::string mdrp_assignments_txt(const MdrpRunOutput& out) {
  const model::MdrpInstance& in = *out.instance;
  std::string s = "assignment_time pickup_time courier orders\n";
  for (const model::MdrpInstruction& a : out.run.instructions) {
    s += fmt::format("{} {} {}", minutes(a.time_ms), minutes(a.pickup_ms),
                     in.couriers[a.courier].id);
    for (const std::size_t o : a.orders) s += " " + in.orders[o].id;
    s += "\n";
  }
  return s;
}

std::string mdrp_orders_txt(const MdrpRunOutput& out) {
  const model::MdrpInstance& in = *out.instance;
  std::string s = "order placement_time ready_time pickup_time dropoff_time courier\n";
  for (std::size_t o = 0; o < in.orders.size(); ++o) {
    const model::MdrpDelivery& d = out.run.deliveries[o];
    if (!d.delivered) continue;
    const model::MdrpOrder& order = in.orders[o];
    s += fmt::format("{} {} {} {} {} {}\n", order.id, minutes(order.placement_ms),
                     minutes(order.ready_ms), minutes(d.pickup_ms), minutes(d.drop_ms),
                     in.couriers[d.courier].id);
  }
  return s;
}

std::string mdrp_couriers_txt(const MdrpRunOutput& out) {
  const model::MdrpInstance& in = *out.instance;
  std::string s = "courier departure_time origin destination\n";
  for (const model::MdrpMove& m : out.run.moves)
    s += fmt::format("{} {} {} {}\n", in.couriers[m.courier].id, minutes(m.depart_ms),
                     place_id(in, m.from), place_id(in, m.to));
  return s;
}

std::string mdrp_couriers_csv(const MdrpRunOutput& out) {
  const model::MdrpInstance& in = *out.instance;
  std::string s =
      "courier,on_time,off_time,orders,busy_min,utilisation,delivery_earnings,compensation,"
      "guaranteed_minimum\n";
  for (std::size_t c = 0; c < in.couriers.size(); ++c) {
    const model::MdrpCourier& courier = in.couriers[c];
    const model::MdrpCourierMeasures& m = out.metrics.per_courier[c];
    s += fmt::format("{},{},{},{},{},{:.4f},{},{},{}\n", courier.id, minutes(courier.on_ms),
                     minutes(courier.off_ms), out.run.couriers[c].orders,
                     minutes(out.run.couriers[c].busy_ms), m.utilisation, m.earnings,
                     m.compensation, m.on_minimum ? 1 : 0);
  }
  return s;
}

std::string mdrp_comparison_markdown(const std::vector<MdrpRunOutput>& runs) {
  std::string s =
      "| instance | policy | orders | delivered | click-to-door mean | p90 | within target | "
      "ready-to-pickup mean | orders per courier-hour | orders per bundle | utilisation | "
      "pay per order | on minimum |\n"
      "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";
  for (const MdrpRunOutput& r : runs) {
    const model::MdrpMetrics& m = r.metrics;
    s += fmt::format(
        "| {} | {} | {} | {} | {:.1f} | {:.1f} | {:.1f}% | {:.1f} | {:.2f} | {:.2f} | {:.1f}% | "
        "{:.2f} | {:.1f}% |\n",
        r.instance->name, r.policy, m.orders, m.delivered, m.click_to_door.mean,
        m.click_to_door.p90, 100 * m.within_target, m.ready_to_pickup.mean,
        m.orders_per_courier_hour, m.bundle_size.mean, 100 * m.utilisation.mean,
        compensation_per_order(m), 100 * m.on_guaranteed_minimum);
  }
  return s;
}

std::string mdrp_comparison_csv(const std::vector<MdrpRunOutput>& runs) {
  std::string s =
      "instance,policy,orders,delivered,click_to_door_mean,click_to_door_p90,within_target,"
      "ready_to_pickup_mean,ready_to_door_mean,orders_per_courier_hour,orders_per_bundle,"
      "utilisation_mean,total_compensation,compensation_per_order,on_guaranteed_minimum\n";
  for (const MdrpRunOutput& r : runs) {
    const model::MdrpMetrics& m = r.metrics;
    s += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", r.instance->name, r.policy,
                     m.orders, m.delivered, m.click_to_door.mean, m.click_to_door.p90,
                     m.within_target, m.ready_to_pickup.mean, m.ready_to_door.mean,
                     m.orders_per_courier_hour, m.bundle_size.mean, m.utilisation.mean,
                     m.total_compensation, compensation_per_order(m), m.on_guaranteed_minimum);
  }
  return s;
}

namespace {

void write_run_files(const std::filesystem::path& d, const MdrpRunOutput& r) {
  write_file(d / "kpis.json", mdrp_kpis_json(r));
  write_file(d / "solution_info_assignments.txt", mdrp_assignments_txt(r));
  write_file(d / "solution_info_orders.txt", mdrp_orders_txt(r));
  write_file(d / "solution_info_couriers.txt", mdrp_couriers_txt(r));
  write_file(d / "couriers.csv", mdrp_couriers_csv(r));
}

}  // namespace

void write_mdrp_run(const std::string& dir, const std::string& resolved_yaml,
                    const MdrpRunOutput& run) {
  replace_atomically(dir, [&](const std::filesystem::path& folder) {
    write_file(folder / "scenario.yaml", resolved_yaml);
    write_run_files(folder, run);
  });
}

void write_mdrp_runs(const std::string& dir, const std::vector<MdrpRunOutput>& runs) {
  replace_atomically(dir, [&](const std::filesystem::path& folder) {
    write_file(folder / "comparison.md", mdrp_comparison_markdown(runs));
    write_file(folder / "comparison.csv", mdrp_comparison_csv(runs));
    for (const MdrpRunOutput& r : runs) {
      const std::filesystem::path d = folder / r.instance->name / r.policy;
      std::filesystem::create_directories(d);
      write_run_files(d, r);
    }
  });
}

}  // namespace output
