// Statistics across independent replications of a scenario (the same scenario, other seeds):
// each KPI's mean, sample standard deviation and the half-width of its 95% confidence interval
// from Student's t distribution.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/model/kpis.h"

namespace model {

struct KpiInterval {
  std::string name;
  double mean = 0;
  double sd = 0;
  double half_width = 0;  // the 95% interval is mean +- half_width
  std::size_t n = 0;
};

// The 0.975 quantile of Student's t with `df` >= 1 degrees of freedom.
double student_t_975(int df);

// The mean, sample standard deviation and 95% half-width of one sample, NaN values (n/a shares)
// left out: all zero when none is left but the mean, NaN then; sd and half-width zero for a
// single value.
KpiInterval interval_of(std::string name, const std::vector<double>& sample);

// The KPIs that replications compare, by name, in a fixed order: the riders' always, then those of
// the drones, the cold chain, stock and cost when the run had them (Kpis::has_drones, ...).
std::vector<std::pair<std::string, double>> kpi_values(const Kpis& k);

// One store's KPIs that replications compare, by name, in a fixed order.
std::vector<std::pair<std::string, double>> store_kpi_values(const ServiceKpis& k);

// A share that was n/a (kNoShare) in a run is left out of that KPI's sample; an interval whose
// sample is empty has a NaN mean.
// One interval per KPI that kpi_values() lists for some run, in the order of first appearance; a
// run that does not list a KPI counts as zero for it. Precondition: runs is not empty.
std::vector<KpiInterval> replication_intervals(const std::vector<Kpis>& runs);

// Per store (by id, in the first run's order): one interval per KPI of store_kpi_values().
struct StoreIntervals {
  std::string store;
  std::vector<KpiInterval> intervals;
};
std::vector<StoreIntervals> store_intervals(const std::vector<Kpis>& runs);

// The seed of replication `index` of a scenario whose seed is `seed`: seed + index, so that any
// replication can be run alone with --seed.
inline std::uint64_t replication_seed(std::uint64_t seed, int index) { return seed + index; }

}  // namespace model
