// Reads a Meal Delivery Routing Problem instance from its folder, as Grubhub's library lays it
// out: restaurants.txt, orders.txt, couriers.txt and instance_parameters.txt, tab-separated with a
// header line.
#pragma once

#include <string>

#include "sim/model/mdrp_instance.h"

namespace scenarios {

// Reads the instance in folder `dir`; its name is the folder's (of the absolute path, so "." names
// the working folder). Throws InputError naming the file,
// line and column of anything wrong (a missing file, a short row, a number that is not one, an
// unknown restaurant, a ready time before the placement, an off time before the on time).
model::MdrpInstance read_mdrp_instance(const std::string& dir);

}  // namespace scenarios
