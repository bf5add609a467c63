// Online map matching of GPS pings to the road network. A hidden Markov model after Newson and
// Krumm, "Hidden Markov Map Matching Through Noise and Sparseness", ACM SIGSPATIAL GIS 2009: the
// hidden states are candidate points on the edges within a radius of each ping; the emission
// probability is Gaussian in the ping's distance to the candidate (standard deviation sigma); the
// transition probability is exponential (scale beta) in the difference between the route
// distance from the previous candidate and the great-circle distance between the two pings.
//
// Online, the matcher runs the Viterbi recursion forward and gives two answers:
// - current(): after each ping, the end of the most likely path so far (filtering: where the
//   vehicle is now, for re-anchoring it in the twin; later pings may revise it);
// - take_matched(): the matched steps that are final, with the edges ridden between them. A step
//   is final when every path still alive passes through it (the paths coalesce: the on-line
//   Viterbi algorithm of Sramek, Brejova and Vinar, WABI 2007), so it is what the offline Viterbi
//   would choose, usually a few pings later; a window of max_pending steps bounds the delay.
//
// As in the paper, a ping within min_move_m of the last one used is not used (a vehicle standing
// still, or noise around it), and when no candidate can follow any previous one (a gap in the
// pings, a jump, a road missing from the map) the model breaks and restarts from the new ping.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <unordered_map>
#include <vector>

#include "routing/edge_index.h"

namespace routing {

struct MapMatchParams {
  // Standard deviation of the GPS error, metres. Newson and Krumm measured 4.07 m for a car
  // receiver; 10 m is a phone on a rider's handlebar between buildings (the feed's default noise).
  double sigma_m = 10;
  // Scale of the exponential transition probability, metres. The paper sets it from the median
  // of |route - great circle| between consecutive pings, beta = median / ln 2; with sigma = 10 m
  // and pings 1-5 s apart that is about 13 m on Monaco and Bautzen
  // (tests/routing/map_matching_test.cpp prints it).
  double beta_m = 13;
  // Candidates: edges within this radius of the ping (the paper: 200 m, for 4 m noise and 30 s
  // gaps; 5 sigma keeps every plausible edge here), at most max_candidates of them. Edges are the
  // map's straight segments, a few metres long where a street bends, so one street near the ping
  // fills many places: with 12, the ridden edge was missing from 2.6% of Monaco's pings (the model
  // broke 125 times in 60 rides, or went round a block); with 48 it is always there.
  double search_radius_m = 50;
  std::size_t max_candidates = 48;
  // A transition whose route is longer than max_speed_mps * elapsed time + 2 * search_radius_m
  // is impossible (route searches stop there).
  double max_speed_mps = 20;
  // A ping closer than this to the last one used is not used (the paper: 2 sigma).
  double min_move_m = 20;
  // A candidate up to this far behind the previous one along the road (its edge, or the edges
  // ridden before it) is GPS noise along the street: the transition costs as a move of that length
  // and adds no edge. Without it, noise makes the route loop round the block to come back (Newson
  // and Krumm drop pings within 2 sigma instead, which is not enough at 1-5 s).
  double backtrack_m = 20;
  // How far back each path remembers the edges it rode, metres (at least backtrack_m).
  double history_m = 100;
  // Log-probability subtracted from a transition whose route rides again, in either direction, an
  // edge ridden in the last history_m (round a block and back, or a U-turn): not in Newson and
  // Krumm, whose |route - great circle| term alone lets a few noisy pings pull the route round a
  // block. A prior of this project: a rider on an errand does not circle within 100 m; e^-10 keeps
  // a real loop possible when later pings insist. 3, 10 and no loop at all gave the same figures on
  // Monaco and Bautzen (tests/routing/map_matching_test.cpp).
  double loop_penalty = 10;
  // A state more than this below the best after a ping (log-probability) is dropped: a beam that
  // bounds the route searches (a transition is searched only as far as it could keep its candidate
  // within the beam) and skips searches from states that could keep none. e^-40: a path that
  // unlikely never becomes the best again in the tests' rides (the same edges as with no beam).
  double beam_nats = 40;
  // Steps held back at most before the best path's oldest one is made final anyway.
  std::size_t max_pending = 30;
  // Log-probability subtracted per radian of heading change along a transition's route, from the
  // previous candidate's edge to the new one's: a rider goes on along the street unless the
  // errand turns, so of two routes that fit the pings alike the one that winds less is likelier.
  // Not in Newson and Krumm; a turn cost as in routers (OSRM's turn penalties) and in Valhalla's
  // map matcher (Meili, turn_penalty_factor). Without it, a few noisy pings near a side loop or a
  // parallel street pull the route round it (the |route - great circle| term alone costs a 40 m
  // detour only 3 nats). 0.7: a right-angle turn weighs like 14 m of detour at beta = 13 m. On
  // the tests' rides, 0.5, 0.7, 1 and 2 put 97.0%, 97.9%, 98.2% and 98.2% of Bautzen's matched
  // edges on the true path, with 98.3%, 98.3%, 97.9% and 96.8% of its path found (a stronger
  // penalty cuts the corners of the true route: a real loop, a bend); 0 gave 94.6% / 98.1%.
  // Rides drawn with seeds 1, 2 and 3 instead of 7: 96.3%, 97.2% and 97.4% on Bautzen at 0.7.
  double turn_penalty = 0.7;
  // The stream's first ping is where the ride began, and a ride begins where the vehicle stood:
  // at a node (a store, a customer's door). So the first ping's candidates are the nodes within
  // the search radius, each on the start of the edges leaving it, scored by the ping's distance to
  // the node. Without it the first ping's noise puts the ride's start on an edge arriving at the
  // node, an edge never ridden (38 of Bautzen's 192 wrong edges, 39 of Monaco's 553; 19 and 23
  // with it, where the nearest node is one before the start). Off by default: a twin's matcher
  // first hears a rider whenever it starts following, often mid-ride (there the prior moved the
  // first position and tipped tests/twin's forecast calibration); on for a stream that begins
  // where a ride does.
  bool start_at_node = false;
  ModeMask modes = kModeBicycle;  // the edges the vehicle may ride
};

// A final matched ping. The final path never goes backwards: a step a little behind the one
// before (backtrack_m) moves that one back to it, and the edges beyond are not ridden. At the end
// of the stream (flush) a last step at the very start of an edge is put at the end of the edge
// before: a vehicle at a node was seen arriving there, not leaving.
struct MatchedStep {
  double time_s = 0;
  EdgePoint at;
  // The edges ridden from the previous step's edge to this one, in order: empty when on the same
  // edge (or a little behind, see backtrack_m); ends with at.arc otherwise. `after_break`: the
  // first step, or the model broke before it (no route from the previous step).
  std::vector<std::uint32_t> route;
  bool after_break = false;
};

class OnlineMapMatcher {
 public:
  // `index` must index the modes in `params` and outlive the matcher. One matcher per vehicle.
  explicit OnlineMapMatcher(const EdgeIndex& index, MapMatchParams params = {});

  // Adds a ping at `time_s` (seconds, not decreasing) and returns current(), or nullopt when no
  // edge lies within the search radius (the ping is not used). Throws std::invalid_argument on a
  // time before the previous ping's.
  std::optional<EdgePoint> add(LatLon ping, double time_s);
  // The most likely point now, or nullopt before the first match.
  std::optional<EdgePoint> current() const;
  // The steps that became final since the last call, in time order (the newest final step is
  // held back until the next one: that may lie behind it and move it back).
  std::vector<MatchedStep> take_matched();
  // Makes every pending step final along the most likely path (the end of a stream).
  void flush();
  // How many times the model broke and restarted (see above), for diagnostics.
  std::uint64_t breaks() const { return breaks_; }

 private:
  struct State {
    EdgePoint at;
    double log_p = 0;
    std::int32_t back = -1;            // index in the previous step; -1: the model started here
    std::vector<std::uint32_t> route;  // from the previous step's edge, as in MatchedStep
    // The edges ridden before at.arc, oldest first, back to about history_m behind (for the
    // backtrack and the loop rules).
    std::vector<std::uint32_t> behind;
  };
  struct Step {
    double time_s = 0;
    std::vector<State> states;
  };
  // How route_distances reached a candidate: not at all, ahead on the same edge, a little
  // behind (backtrack_m), or by the search (its route is in the scratch until the next search).
  enum class Reach : std::uint8_t { none, ahead, back, search };
  // Route distances, metres, from `from` to each of `to` (infinity where longer than limit_m),
  // into distance_ and reached_by_.
  void route_distances(const State& from, const std::vector<EdgePoint>& to, double limit_m);
  // The edges of the searched route from `from` to `to` (reached_by_ search), as in MatchedStep.
  void searched_route(const State& from, const EdgePoint& to, std::vector<std::uint32_t>& r) const;
  // Makes steps_[0 .. k] final along the ancestors of state i of step k, keeping step k.
  void commit(std::size_t k, std::size_t i);
  // Whether `route`, from `prev`, rides an edge of prev.behind or prev.at.arc again, either way.
  bool comes_back(const State& prev, const std::vector<std::uint32_t>& route) const;
  // Sets s.behind from its predecessor `prev` and s.route.
  void set_behind(const State& prev, State& s) const;
  void commit_coalesced();
  // Appends a final step to held_, moving the steps before it back when it lies behind them.
  void hold(MatchedStep m);
  // The sum of the heading changes from edge `from` along `route`, radians.
  double turning(std::uint32_t from, const std::vector<std::uint32_t>& route) const;
  // The first ping's candidates under start_at_node: the nodes within the search radius of the
  // ping (ends of the edges `near` it), at the start of each edge leaving them.
  std::vector<EdgePoint> node_candidates(LatLon ping, const std::vector<EdgePoint>& near) const;

  const EdgeIndex* index_;
  MapMatchParams params_;
  std::deque<Step> steps_;    // steps_[0] is the newest final one (or the first), then pending ones
  bool first_final_ = false;  // steps_[0] is already final
  std::size_t best_ = 0;      // in steps_.back()
  LatLon last_ping_;
  std::uint64_t breaks_ = 0;
  std::vector<MatchedStep> matched_;
  std::deque<MatchedStep> held_;  // final steps not yet in matched_ (the newest)
  // The bounded Dijkstra's scratch, reused between pings: distance and the edge reached by.
  // The route search's distances and the edges nodes were reached by, dense by node and shared
  // by the matchers of a thread (one search at a time); only the nodes touched are reset.
  struct Scratch {
    std::vector<double> dist;  // infinity where not reached
    std::vector<std::uint32_t> via;
    std::vector<NodeId> touched;
    std::vector<std::uint8_t> target;  // 1 at the candidates' edge tails during a search
    void reset(std::size_t nodes);
    void reach(NodeId v, double d, std::uint32_t arc);
  };
  static Scratch& scratch();
  std::vector<std::pair<double, NodeId>> heap_;  // the search's queue, a min-heap
  std::vector<NodeId> targets_;                  // candidates' edge tails, each once
  std::vector<double> distance_;                 // route_distances' answer, by candidate
  std::vector<Reach> reached_by_;
};

}  // namespace routing
