// The what-if request's parser and the rejection's document: only nlohmann/json, so that the
// fuzzer (tests/fuzz/fuzz_whatif_request.cpp) builds it alone.
#include <algorithm>
#include <cstdint>
#include <set>

#include <nlohmann/json.hpp>

#include "sim/twin/json_text.h"

#include "sim/twin/live_whatif.h"

namespace twin {

namespace {

using nlohmann::json;
using Kind = model::WhatIfAction::Kind;

constexpr int kMaxDepth = 8;  // the format needs 4
constexpr std::size_t kMaxId = 64, kMaxName = 64;

// Thrown inside the parser only; parse_whatif_request turns it into the rejection.
struct Refusal {
  WhatIfRejection r;
};

[[noreturn]] void refuse(WhatIfReason reason, std::string field, std::string expected,
                         std::string found) {
  throw Refusal{{"", reason, std::move(field), std::move(expected), std::move(found)}};
}

std::string list(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
  return s;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t from = 0;
  for (std::size_t at; (at = s.find(sep, from)) != std::string_view::npos; from = at + 1)
    parts.push_back(s.substr(from, at - from));
  parts.push_back(s.substr(from));
  return parts;
}

std::uint32_t store_of(std::string_view id, const WhatIfRules& rules, const std::string& field) {
  for (std::size_t i = 0; i < rules.stores.size(); ++i)
    if (rules.stores[i] == id) return static_cast<std::uint32_t>(i);
  refuse(WhatIfReason::unknown_store, field,
         "a store id of the scenario (" + list(rules.stores) + ")", shorten(std::string(id)));
}

int count_of(std::string_view text, const WhatIfRules& rules, const std::string& field) {
  const std::string expected = "a count from 0 to " + std::to_string(rules.max_count);
  if (text.empty() || text.size() > 9 ||
      !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
    refuse(WhatIfReason::bad_request, field, expected, shorten(std::string(text)));
  int n = 0;
  for (char c : text) n = n * 10 + (c - '0');
  if (n > rules.max_count) refuse(WhatIfReason::out_of_range, field, expected, std::string(text));
  return n;
}

model::WhatIfAction action_of(std::string_view text, const WhatIfRules& rules,
                              const std::string& field) {
  const auto p = split(text, ':');
  const std::string_view verb = p[0];
  auto need = [&](std::size_t n, const std::string& form) {
    if (p.size() != n)
      refuse(WhatIfReason::bad_request, field, "an action of the form " + form,
             shorten(std::string(text)));
  };
  model::WhatIfAction a;
  if (verb == "add-riders" || verb == "remove-riders" || verb == "pickers") {
    need(3, std::string(verb) + ":STORE:N");
    a.kind = verb == "add-riders"      ? Kind::add_riders
             : verb == "remove-riders" ? Kind::remove_riders
                                       : Kind::set_pickers;
    a.store = store_of(p[1], rules, field);
    a.count = count_of(p[2], rules, field);
  } else if (verb == "move-riders") {
    need(4, "move-riders:FROM:TO:N");
    a.kind = Kind::move_riders;
    a.store = store_of(p[1], rules, field);
    a.to = store_of(p[2], rules, field);
    a.count = count_of(p[3], rules, field);
    if (a.to == a.store)
      refuse(WhatIfReason::bad_request, field, "two different stores", shorten(std::string(text)));
  } else if (verb == "close" || verb == "open") {
    need(2, std::string(verb) + ":STORE");
    a.kind = verb == "close" ? Kind::close_store : Kind::open_store;
    a.store = store_of(p[1], rules, field);
  } else if (verb == "policy") {
    need(2, "policy:NAME");
    a.kind = Kind::set_policy;
    a.policy = std::string(p[1]);
    if (std::find(rules.policies.begin(), rules.policies.end(), a.policy) == rules.policies.end())
      refuse(WhatIfReason::unknown_policy, field,
             "a dispatch policy (" + list(rules.policies) + ")", shorten(a.policy));
  } else {
    refuse(WhatIfReason::unknown_verb, field,
           "add-riders:STORE:N, remove-riders:STORE:N, move-riders:FROM:TO:N, pickers:STORE:N, "
           "close:STORE, open:STORE or policy:NAME",
           shorten(std::string(text)));
  }
  return a;
}

const json* member(const json& o, const char* key) {
  const auto it = o.find(key);
  return it == o.end() ? nullptr : &*it;
}

const json& required(const json& o, const char* key, const std::string& field) {
  const json* j = member(o, key);
  if (!j) refuse(WhatIfReason::bad_request, field, "a field \"" + std::string(key) + "\"", "none");
  return *j;
}

void only_keys(const json& o, const std::set<std::string>& keys, const std::string& prefix) {
  for (const auto& [k, v] : o.items())
    if (!keys.count(k))
      refuse(WhatIfReason::bad_request, prefix + shorten(k), "no field of that name (version 1)",
             describe(v));
}

// A whole number in [lo, hi].
std::int64_t integer(const json& j, std::int64_t lo, std::int64_t hi, const std::string& field) {
  const std::string expected =
      "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (!j.is_number_integer()) refuse(WhatIfReason::bad_request, field, expected, describe(j));
  // lo >= 0 here: an unsigned one only has to be at most hi.
  const bool fits = j.is_number_unsigned()
                        ? j.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi)
                        : j.get<std::int64_t>() >= lo && j.get<std::int64_t>() <= hi;
  if (!fits || (j.is_number_unsigned() && j.get<std::uint64_t>() < static_cast<std::uint64_t>(lo)))
    refuse(WhatIfReason::out_of_range, field, expected, describe(j));
  return j.get<std::int64_t>();
}

std::string text_of(const json& j, std::size_t max, const std::string& field) {
  const std::string expected = "a string of 1 to " + std::to_string(max) + " characters";
  if (!j.is_string()) refuse(WhatIfReason::bad_request, field, expected, describe(j));
  const auto& s = j.get_ref<const std::string&>();
  if (s.empty() || s.size() > max) refuse(WhatIfReason::out_of_range, field, expected, describe(j));
  if (std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    refuse(WhatIfReason::bad_request, field, expected + " without control characters", describe(j));
  return s;
}

WhatIfRequest parse(std::string_view raw, const WhatIfRules& rules, std::string& id) {
  if (raw.size() > rules.max_bytes)
    refuse(WhatIfReason::too_large, "", "at most " + std::to_string(rules.max_bytes) + " bytes",
           std::to_string(raw.size()) + " bytes");
  if (nested_deeper_than(raw, kMaxDepth))
    refuse(WhatIfReason::malformed_json, "",
           "JSON nested at most " + std::to_string(kMaxDepth) + " deep", "deeper nesting");
  const json j = json::parse(raw, nullptr, false);
  if (j.is_discarded()) refuse(WhatIfReason::malformed_json, "", "one JSON object", "not JSON");
  if (!j.is_object()) refuse(WhatIfReason::malformed_json, "", "one JSON object", describe(j));
  WhatIfRequest q;
  const json& idj = required(j, "id", "id");
  const std::string id_expected = "1 to 64 of A-Z a-z 0-9 . _ -";
  if (!idj.is_string()) refuse(WhatIfReason::bad_request, "id", id_expected, describe(idj));
  q.id = idj.get<std::string>();
  if (q.id.empty() || q.id.size() > kMaxId || !std::all_of(q.id.begin(), q.id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '_' || c == '-';
      }))
    refuse(WhatIfReason::bad_request, "id", id_expected, describe(idj));
  id = q.id;  // from here on, a rejection names the request
  const json& version = required(j, "version", "version");
  if (!version.is_number_integer() || version.get<std::int64_t>() != kWhatIfVersion)
    refuse(WhatIfReason::bad_request, "version", "1", describe(version));
  only_keys(j, {"version", "id", "alternatives", "replications", "horizon_min", "seed"}, "");
  q.replications = rules.default_replications;
  if (const json* r = member(j, "replications"))
    q.replications = static_cast<int>(integer(*r, 1, rules.max_replications, "replications"));
  q.horizon = rules.default_horizon;
  if (const json* h = member(j, "horizon_min"))
    q.horizon = integer(*h, 1, rules.max_horizon / sim::kMinute, "horizon_min") * sim::kMinute;
  q.seed = rules.default_seed;
  if (const json* s = member(j, "seed"))
    q.seed = static_cast<std::uint64_t>(integer(*s, 0, std::int64_t{1} << 53, "seed"));
  const json& alts = required(j, "alternatives", "alternatives");
  const std::string alts_expected =
      "an array of 1 to " + std::to_string(rules.max_alternatives) + " alternatives";
  if (!alts.is_array())
    refuse(WhatIfReason::bad_request, "alternatives", alts_expected, describe(alts));
  if (alts.empty() || alts.size() > static_cast<std::size_t>(rules.max_alternatives))
    refuse(WhatIfReason::out_of_range, "alternatives", alts_expected,
           std::to_string(alts.size()) + " alternatives");
  std::set<std::string> names{"as is"};
  for (std::size_t i = 0; i < alts.size(); ++i) {
    const std::string at = "alternatives[" + std::to_string(i) + "]";
    const json& a = alts[i];
    if (!a.is_object())
      refuse(WhatIfReason::bad_request, at, "an object with name and actions", describe(a));
    only_keys(a, {"name", "actions"}, at + ".");
    model::WhatIfAlternative alt;
    alt.name = text_of(required(a, "name", at + ".name"), kMaxName, at + ".name");
    if (!names.insert(alt.name).second)
      refuse(WhatIfReason::bad_request, at + ".name", "a name not yet used, nor \"as is\"",
             describe(a.at("name")));
    const json& actions = required(a, "actions", at + ".actions");
    const std::string actions_expected =
        "an array of 1 to " + std::to_string(rules.max_actions) + " actions";
    if (!actions.is_array())
      refuse(WhatIfReason::bad_request, at + ".actions", actions_expected, describe(actions));
    if (actions.empty() || actions.size() > static_cast<std::size_t>(rules.max_actions))
      refuse(WhatIfReason::out_of_range, at + ".actions", actions_expected,
             std::to_string(actions.size()) + " actions");
    for (std::size_t k = 0; k < actions.size(); ++k) {
      const std::string field = at + ".actions[" + std::to_string(k) + "]";
      if (!actions[k].is_string())
        refuse(WhatIfReason::bad_request, field, "an action as a string", describe(actions[k]));
      alt.actions.push_back(action_of(actions[k].get_ref<const std::string&>(), rules, field));
    }
    q.alternatives.push_back(std::move(alt));
  }
  return q;
}

}  // namespace

std::string_view reason_name(WhatIfReason r) {
  switch (r) {
    case WhatIfReason::too_large:
      return "too_large";
    case WhatIfReason::malformed_json:
      return "malformed_json";
    case WhatIfReason::bad_request:
      return "bad_request";
    case WhatIfReason::unknown_verb:
      return "unknown_verb";
    case WhatIfReason::unknown_store:
      return "unknown_store";
    case WhatIfReason::unknown_policy:
      return "unknown_policy";
    case WhatIfReason::out_of_range:
      return "out_of_range";
    case WhatIfReason::not_ready:
      return "not_ready";
    case WhatIfReason::busy:
      return "busy";
    case WhatIfReason::failed:
      return "failed";
    case WhatIfReason::cancelled:
      return "cancelled";
  }
  return "?";
}

std::string WhatIfRejection::text() const {
  return (field.empty() ? "" : field + ": ") + "expected " + expected + ", found " + found;
}

std::variant<WhatIfRequest, WhatIfRejection> parse_whatif_request(std::string_view raw,
                                                                  const WhatIfRules& rules) {
  std::string id;
  try {
    return parse(raw, rules, id);
  } catch (Refusal& f) {
    f.r.request = id;
    return std::move(f.r);
  } catch (const std::exception& e) {  // nothing above should throw: say so rather than crash
    return WhatIfRejection{id, WhatIfReason::bad_request, "", "a valid request", shorten(e.what())};
  }
}

std::variant<model::WhatIfAction, WhatIfRejection> parse_whatif_action(std::string_view text,
                                                                       const WhatIfRules& rules,
                                                                       const std::string& field) {
  try {
    return action_of(text, rules, field);
  } catch (Refusal& f) {
    return std::move(f.r);
  }
}

std::string action_text(const model::WhatIfAction& a, const std::vector<std::string>& stores) {
  auto id = [&](std::uint32_t s) { return s < stores.size() ? stores[s] : std::to_string(s); };
  const std::string n = std::to_string(a.count);
  switch (a.kind) {
    case Kind::add_riders:
      return "add-riders:" + id(a.store) + ":" + n;
    case Kind::remove_riders:
      return "remove-riders:" + id(a.store) + ":" + n;
    case Kind::move_riders:
      return "move-riders:" + id(a.store) + ":" + id(a.to) + ":" + n;
    case Kind::set_pickers:
      return "pickers:" + id(a.store) + ":" + n;
    case Kind::close_store:
      return "close:" + id(a.store);
    case Kind::open_store:
      return "open:" + id(a.store);
    case Kind::set_policy:
      return "policy:" + a.policy;
  }
  return "?";
}

std::string whatif_rejection_json(const WhatIfRejection& r) {
  json j;
  j["version"] = kWhatIfVersion;
  j["request"] = r.request.empty() ? json(nullptr) : json(r.request);
  j["status"] = "rejected";
  j["reason"] = reason_name(r.reason);
  j["field"] = r.field;
  j["expected"] = r.expected;
  j["found"] = r.found;
  j["text"] = r.text();
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace twin
