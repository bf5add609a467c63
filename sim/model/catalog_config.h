// What the dark stores sell, by SKU group: each group has a temperature class, a share of the
// items ordered, a weight and volume per item and a stock policy; and what a store does when an
// order asks for more than it holds.
#pragma once

#include <string>
#include <vector>

#include "sim/model/stock.h"

namespace model {

struct SkuGroup {
  std::string name;
  std::size_t temp_class = 0;  // index into ColdChainConfig::classes
  double share = 1;            // relative weight of this group among ordered items
  double kg_per_item = 0.5;
  double litres_per_item = 1;
  StockPolicy stock;  // per store, unless the store overrides it
};

// substitute: short items are replaced by items of another group of the same temperature class
// that has them, the rest go missing; split: the order goes with what the store has;
// next_store: the order moves to the nearest other store that covers the customer (at the next
// dispatch epoch); reject: the order is rejected.
enum class StockoutAction { substitute, split, next_store, reject };
const char* to_string(StockoutAction a);

struct CatalogConfig {
  bool enabled = false;  // off: stock is unlimited and every item weighs kg_per_item of [0]
  std::vector<SkuGroup> groups;
  StockoutAction on_stockout = StockoutAction::substitute;
};

}  // namespace model
