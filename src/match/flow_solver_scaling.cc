// Three phases for one component: priority by augmenting paths (priority_flow.h), then load levels alone, then
// travel alone, each of the last two by cost scaling (cost_scaling.h) on the arcs the phase before left free.
// Every phase starts from the flow of the one before, which is feasible, and from the prices the same phase
// ended with in the last pricing round (epsilon then starts at their largest violation).
#include <algorithm>

#include "match/cost_scaling.h"
#include "match/flow_solver.h"
#include "match/priority_flow.h"

namespace kin::match {

// Complementary slackness of a flow with the phase-1 duals held (phase-1 costs: priority on unmet units, 0
// elsewhere): reduced cost > 0 means no flow, < 0 full.
bool FlowSolver::Phase1StillOptimal(const Component& c, const PriorityFlowInput& in,
                                    const std::vector<Units>& arc_flow) const {
  const int needs = static_cast<int>(c.needs.size()), helpers = static_cast<int>(c.helpers.size());
  std::vector<Units> met(needs, 0), used(helpers, 0);
  for (size_t j = 0; j < arc_flow.size(); ++j) {
    const Units x = arc_flow[j];
    const Cost rc = need_pot1_[c.needs[in.arc_need[j]]] - helper_pot1_[c.helpers[in.arc_helper[j]]];
    if ((rc > 0 && x > 0) || (rc < 0 && x < in.arc_capacity[j])) return false;
    met[in.arc_need[j]] += x;
    used[in.arc_helper[j]] += x;
  }
  for (int i = 0; i < needs; ++i) {
    const Units unmet = in.open[i] - met[i];
    const Cost rc = in.priority[i] + need_pot1_[c.needs[i]];
    if ((rc > 0 && unmet > 0) || (rc < 0 && unmet < in.open[i])) return false;
  }
  for (int i = 0; i < helpers; ++i) {
    const Cost rc = helper_pot1_[c.helpers[i]];
    if ((rc > 0 && used[i] > 0) || (rc < 0 && used[i] < in.spare[i])) return false;
  }
  return true;
}

void FlowSolver::SolveComponentByCostScaling(const Component& c, SolveStats* stats) {
  const int needs = static_cast<int>(c.needs.size()), helpers = static_cast<int>(c.helpers.size());
  auto local_need = [&](int n) {
    return static_cast<int>(std::lower_bound(c.needs.begin(), c.needs.end(), n) - c.needs.begin());
  };
  auto local_helper = [&](int h) {
    return static_cast<int>(std::lower_bound(c.helpers.begin(), c.helpers.end(), h) - c.helpers.begin());
  };

  // Phase 1: the most priority met, with its duals. After pricing, the last solve's flow (new arcs empty) and
  // phase-1 duals are kept when they are still in complementary slackness on every arc: then they are still
  // optimal, and phases 2 and 3 start from a flow that is optimal but for the new arcs. Otherwise by augmenting
  // paths from nothing. (Cost scaling from the last flow and duals was slower: see docs/allocation.md.)
  PriorityFlowInput in;
  in.open.reserve(needs);
  in.priority.reserve(needs);
  for (int n : c.needs) {
    in.open.push_back(p_.needs()[n].open);
    in.priority.push_back(p_.needs()[n].priority);
  }
  for (int h : c.helpers) in.spare.push_back(p_.helpers()[h].remaining);
  for (int64_t a : c.arcs) {
    const CandidateArc& arc = (*arcs_)[a];
    in.arc_need.push_back(local_need(arc.need));
    in.arc_helper.push_back(local_helper(arc.helper));
    in.arc_capacity.push_back(std::min(p_.needs()[arc.need].open, p_.helpers()[arc.helper].remaining));
  }
  std::vector<Units> arc_flow(c.arcs.size(), 0);
  for (size_t j = 0; j < c.arcs.size(); ++j) arc_flow[j] = flow_[c.arcs[j]];
  if (!Phase1StillOptimal(c, in, arc_flow)) {
    PriorityFlow phase1 = MaxPriorityFlow(in);
    if (stats) ++stats->augmenting_calls;
    for (int i = 0; i < needs; ++i) need_pot1_[c.needs[i]] = phase1.need_potential[i];
    for (int i = 0; i < helpers; ++i) helper_pot1_[c.helpers[i]] = phase1.helper_potential[i];
    arc_flow = std::move(phase1.arc_flow);
  }

  // The graph of all three phases, starting from that flow: node 0 the sink, then needs, then helpers.
  const auto need_node = [](int i) { return 1 + i; };
  const auto helper_node = [needs](int i) { return 1 + needs + i; };
  CostScaling solver(1 + needs + helpers);
  std::vector<Cost> load, travel;  // phase-2 and phase-3 cost per arc
  const size_t arc_count = needs + c.arcs.size() + 2 * helpers;
  load.reserve(arc_count);
  travel.reserve(arc_count);
  std::vector<Units> met(needs, 0), used(helpers, 0);
  for (size_t j = 0; j < c.arcs.size(); ++j) {
    met[in.arc_need[j]] += arc_flow[j];
    used[in.arc_helper[j]] += arc_flow[j];
  }
  for (int i = 0; i < needs; ++i) {  // unmet units; phase-1 cost: priority
    const PreparedNeed& pn = p_.needs()[c.needs[i]];
    solver.AddArc(need_node(i), 0, pn.open, pn.priority, pn.open - met[i]);  // cost unused: see SetPotentials
    load.push_back(0);
    travel.push_back(0);
  }
  for (size_t j = 0; j < c.arcs.size(); ++j) {
    solver.AddArc(need_node(in.arc_need[j]), helper_node(in.arc_helper[j]), in.arc_capacity[j], 0, arc_flow[j]);
    load.push_back(0);
    travel.push_back((*arcs_)[c.arcs[j]].travel);
  }
  const Units levels = p_.options().load_levels;
  for (int i = 0; i < helpers; ++i) {
    const PreparedHelper& ph = p_.helpers()[c.helpers[i]];
    Units left = used[i];  // on the cheapest levels first
    Units k = ph.load_before + 1;
    const Units last = ph.load_before + ph.remaining;
    for (; k <= last && k < levels; ++k) {
      const Units x = std::min<Units>(1, left);
      left -= x;
      solver.AddArc(helper_node(i), 0, 1, 0, x);
      load.push_back(k);
      travel.push_back(0);
    }
    if (k <= last) {  // a block at the top level
      solver.AddArc(helper_node(i), 0, last - k + 1, 0, left);
      load.push_back(levels);
      travel.push_back(0);
    }
  }
  const int arcs = static_cast<int>(travel.size());

  // Warm start: the prices each phase ended with last time (zero for nodes not solved before).
  auto prices = [&](const auto& need_pot, const auto& helper_pot, bool all) {  // phase 3 keeps 128-bit ones
    std::vector<int64_t> out(1 + needs + helpers, 0);
    for (int i = 0; i < needs; ++i) {
      if (all || need_solved_[c.needs[i]]) out[need_node(i)] = static_cast<int64_t>(need_pot[c.needs[i]]);
    }
    for (int i = 0; i < helpers; ++i) {
      if (all || helper_solved_[c.helpers[i]]) out[helper_node(i)] = static_cast<int64_t>(helper_pot[c.helpers[i]]);
    }
    return out;
  };
  auto start = [&](const auto& need_pot, const auto& helper_pot) {
    return prices(need_pot, helper_pot, false);
  };
  auto keep = [&](auto& need_pot, auto& helper_pot) {
    const int64_t sink = solver.potential(0);
    for (int i = 0; i < needs; ++i) need_pot[c.needs[i]] = solver.potential(need_node(i)) - sink;
    for (int i = 0; i < helpers; ++i) helper_pot[c.helpers[i]] = solver.potential(helper_node(i)) - sink;
  };

  solver.SetPotentials(prices(need_pot1_, helper_pot1_, true));  // phase 1's duals, for the reduced costs
  // Phases 2 (load levels alone) and 3 (travel alone), each on the arcs with zero reduced cost in the phase
  // before: the others are fixed where they are, at a bound (complementary slackness).
  for (int a = 0; a < arcs; ++a) {
    if (solver.reduced_cost(a) != 0) solver.Fix(a);
    solver.SetCost(a, load[a]);
  }
  certified_ = solver.Run(start(need_pot2_, helper_pot2_)) && certified_;
  keep(need_pot2_, helper_pot2_);
  for (int a = 0; a < arcs; ++a) {
    if (!solver.fixed(a) && solver.reduced_cost(a) != 0) solver.Fix(a);
    solver.SetCost(a, travel[a]);
  }
  certified_ = solver.Run(start(need_pot_, helper_pot_)) && certified_;
  keep(need_pot_, helper_pot_);
  if (stats) stats->cost_scaling_calls += 2;

  for (size_t j = 0; j < c.arcs.size(); ++j) flow_[c.arcs[j]] = solver.flow(needs + static_cast<int>(j));
  for (int n : c.needs) need_solved_[n] = 1;
  for (int h : c.helpers) helper_solved_[h] = 1;
}

}  // namespace kin::match
