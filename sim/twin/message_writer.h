// Writes a twin message as schema v1 JSON (sim/twin/SCHEMA.md): the exact inverse of
// parse_message, so that parse_message(to_json(m)) == m for every valid message. Publishers
// (halfhour feed, sim/twin/feed.h) and tests use it.
#pragma once

#include <string>

#include "sim/twin/messages.h"

namespace twin {

// One compact JSON object, no newline: the CloudEvents envelope (specversion "1.0", id, source,
// type, time as RFC 3339 UTC with milliseconds, sequence as a decimal string, datacontenttype
// "application/json") and the payload's fields in `data`. Writes what it is given: a message
// whose fields are out of the schema's ranges comes out as JSON the parser refuses.
std::string to_json(const Message& m);

// The schema v1 type of a payload: "halfhour.order.placed.v1", ...; an OrderPicked with packed
// set is "halfhour.order.packed.v1".
std::string type_of(const Payload& p);

}  // namespace twin
