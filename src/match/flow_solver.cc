#include "match/flow_solver.h"

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "match/priority_flow.h"

namespace kin::match {
namespace {

constexpr __int128 kPotentialBudget = static_cast<__int128>(1) << 60;

using Graph = lemon::SmartDigraph;
using Simplex = lemon::NetworkSimplex<Graph, Units, Cost>;

enum class ArcKind : uint8_t { kUnmet, kCandidate, kLoad };

struct LocalArc {
  ArcKind kind;
  int64_t ref;   // need (unmet), global arc index (candidate), helper (load)
  Units level;   // load level (load arcs)
};

int Find(std::vector<int>& parent, int x) {
  while (parent[x] != x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

}  // namespace

FlowSolver::FlowSolver(const Prepared& p, const std::vector<CandidateArc>* arcs)
    : p_(p), arcs_(arcs) {
  const size_t n = p.needs().size(), h = p.helpers().size();
  need_pot_.assign(n, 0);
  need_pot1_.assign(n, 0);
  helper_pot_.assign(h, 0);
  helper_pot1_.assign(h, 0);
  need_dirty_.assign(n, 0);
  helper_dirty_.assign(h, 0);
  need_solved_.assign(n, 0);
  helper_solved_.assign(h, 0);
  double radius = 0;
  for (const PreparedHelper& ph : p.helpers()) radius = std::max(radius, ph.radius_m);
  travel_max_ = p.Travel(radius) + 1;
}

void FlowSolver::MarkDirty(int need, int helper) {
  need_dirty_[need] = 1;
  helper_dirty_[helper] = 1;
}

std::vector<FlowSolver::Component> FlowSolver::BuildComponents() {
  const int n = static_cast<int>(p_.needs().size());
  const int h = static_cast<int>(p_.helpers().size());
  std::vector<int> parent(n + h);
  std::iota(parent.begin(), parent.end(), 0);
  for (const CandidateArc& a : *arcs_) {
    int x = Find(parent, a.need), y = Find(parent, n + a.helper);
    if (x != y) parent[std::max(x, y)] = std::min(x, y);
  }
  std::vector<int> slot(n + h, -1);
  std::vector<Component> components;
  auto component_of = [&](int node) -> Component& {
    int root = Find(parent, node);
    if (slot[root] < 0) {
      slot[root] = static_cast<int>(components.size());
      components.emplace_back();
    }
    return components[slot[root]];
  };
  std::vector<char> has_arc(n + h, 0);
  for (size_t i = 0; i < arcs_->size(); ++i) {
    const CandidateArc& a = (*arcs_)[i];
    component_of(a.need).arcs.push_back(static_cast<int64_t>(i));
    has_arc[a.need] = 1;
    has_arc[n + a.helper] = 1;
  }
  for (int v = 0; v < n + h; ++v) {
    if (!has_arc[v]) continue;
    Component& c = component_of(v);
    if (v < n) c.needs.push_back(v); else c.helpers.push_back(v - n);
  }
  for (Component& c : components) {
    int64_t open = 0, remaining = 0;
    for (int x : c.needs) open += p_.needs()[x].open;
    for (int x : c.helpers) remaining += p_.helpers()[x].remaining;
    c.units = std::min(open, remaining);
  }
  return components;
}

void FlowSolver::SetScales(int64_t units) {
  // In 128 bits, capped: a scale past int64 only has to fail FitsInt64 (and send the solve to two phases).
  const __int128 cap = std::numeric_limits<Cost>::max() / 2;
  const __int128 levels = p_.options().load_levels;
  const __int128 s_load = static_cast<__int128>(units) * travel_max_ + 1;
  const __int128 s_priority = two_phase_ ? 1 : units * (levels * std::min(s_load, cap) + travel_max_) + 1;
  s_load_ = static_cast<Cost>(std::min(s_load, cap));
  s_priority_ = static_cast<Cost>(std::min(s_priority, cap));
  priority_scale_ = two_phase_ ? 0 : s_priority_;
}

bool FlowSolver::FitsInt64(const std::vector<Component>& components) const {
  Priority top = 1;
  for (const PreparedNeed& n : p_.needs()) top = std::max(top, n.priority);
  const __int128 levels = p_.options().load_levels;
  __int128 max_cost = std::max<__int128>(levels * s_load_ + travel_max_, static_cast<__int128>(top) * s_priority_);
  for (const Component& c : components) {
    __int128 nodes = 1 + static_cast<__int128>(c.needs.size() + c.helpers.size());
    if (nodes * max_cost > kPotentialBudget) return false;
    if (static_cast<__int128>(c.units) * max_cost > kPotentialBudget) return false;
  }
  return true;
}

Status FlowSolver::Solve(SolveStats* stats) {
  if (!p_.options().lemon_simplex) return SolveOneGraph(stats);
  for (size_t i = arcs_seen_; i < arcs_->size(); ++i) MarkDirty((*arcs_)[i].need, (*arcs_)[i].helper);
  arcs_seen_ = arcs_->size();
  flow_.resize(arcs_->size(), 0);
  std::vector<Component> components = BuildComponents();
  int64_t units = 1;
  for (const Component& c : components) units = std::max(units, c.units);
  if (!scaled_ || units > scale_units_) {
    scaled_ = true;
    scale_units_ = units;
    // Combined costs change scale: every component again.
    std::fill(need_solved_.begin(), need_solved_.end(), 0);
    std::fill(helper_solved_.begin(), helper_solved_.end(), 0);
    SetScales(units);
    if (!two_phase_ && (p_.options().force_two_phase || !FitsInt64(components))) {
      two_phase_ = true;
      SetScales(units);
    }
    if (!FitsInt64(components)) {
      return Status::TooLarge("allocation problem too large for exact 64-bit costs; split it by area or category");
    }
  }
  if (stats) {
    stats->components = static_cast<int64_t>(components.size());
    stats->two_phase = two_phase_;
  }
  for (const Component& c : components) {
    bool dirty = false;
    for (int n : c.needs) dirty = dirty || need_dirty_[n] || !need_solved_[n];
    for (int h : c.helpers) dirty = dirty || helper_dirty_[h] || !helper_solved_[h];
    if (dirty) SolveComponent(c, stats);
  }
  std::fill(need_dirty_.begin(), need_dirty_.end(), 0);
  std::fill(helper_dirty_.begin(), helper_dirty_.end(), 0);
  SetIsolatedPotentials();
  return Status::Ok();
}

void FlowSolver::SetIsolatedPotentials() {
  // Nodes without arcs: choose the duals that make left-out pairs look least attractive, still dual feasible.
  std::vector<char> in_arc_h(p_.helpers().size(), 0), in_arc_n(p_.needs().size(), 0);
  for (const CandidateArc& a : *arcs_) {
    in_arc_h[a.helper] = 1;
    in_arc_n[a.need] = 1;
  }
  for (size_t h = 0; h < in_arc_h.size(); ++h) {
    if (in_arc_h[h]) continue;
    const PreparedHelper& ph = p_.helpers()[h];
    helper_pot1_[h] = 0;
    helper_pot_[h] = -Cost{p_.LoadLevel(ph.load_before + 1)} * s_load_;
  }
  for (size_t n = 0; n < in_arc_n.size(); ++n) {
    if (in_arc_n[n]) continue;
    need_pot1_[n] = -p_.needs()[n].priority;
    need_pot_[n] = two_phase_ ? 0 : -p_.needs()[n].priority * s_priority_;
  }
}

void FlowSolver::SolveComponent(const Component& c, SolveStats* stats) {
  Graph g;
  g.reserveNode(static_cast<int>(1 + c.needs.size() + c.helpers.size()));
  Graph::Node sink = g.addNode();
  std::vector<Graph::Node> need_node, helper_node;
  need_node.reserve(c.needs.size());
  helper_node.reserve(c.helpers.size());
  // Local index of each member, looked up through small sorted vectors (components are built in index order).
  auto local_need = [&](int n) {
    return static_cast<int>(std::lower_bound(c.needs.begin(), c.needs.end(), n) - c.needs.begin());
  };
  auto local_helper = [&](int h) {
    return static_cast<int>(std::lower_bound(c.helpers.begin(), c.helpers.end(), h) - c.helpers.begin());
  };
  for (size_t i = 0; i < c.needs.size(); ++i) need_node.push_back(g.addNode());
  for (size_t i = 0; i < c.helpers.size(); ++i) helper_node.push_back(g.addNode());

  std::vector<LocalArc> local;
  local.reserve(c.needs.size() + c.arcs.size() + 2 * c.helpers.size());
  Units total = 0;
  for (size_t i = 0; i < c.needs.size(); ++i) {
    g.addArc(need_node[i], sink);
    local.push_back({ArcKind::kUnmet, c.needs[i], 0});
    total += p_.needs()[c.needs[i]].open;
  }
  for (int64_t a : c.arcs) {
    const CandidateArc& arc = (*arcs_)[a];
    g.addArc(need_node[local_need(arc.need)], helper_node[local_helper(arc.helper)]);
    local.push_back({ArcKind::kCandidate, a, 0});
  }
  const Units levels = p_.options().load_levels;
  for (size_t i = 0; i < c.helpers.size(); ++i) {
    const PreparedHelper& ph = p_.helpers()[c.helpers[i]];
    Units k = ph.load_before + 1, last = ph.load_before + ph.remaining;
    for (; k <= last && k < levels; ++k) {
      g.addArc(helper_node[i], sink);
      local.push_back({ArcKind::kLoad, c.helpers[i], k});
    }
    if (k <= last) {
      g.addArc(helper_node[i], sink);
      local.push_back({ArcKind::kLoad, c.helpers[i], -(last - k + 1)});  // negative: a block at the top level
    }
  }
  Graph::ArcMap<Units> upper(g), lower(g, 0);
  Graph::ArcMap<Cost> cost(g);
  Graph::NodeMap<Units> supply(g, 0);
  for (size_t i = 0; i < c.needs.size(); ++i) supply[need_node[i]] = p_.needs()[c.needs[i]].open;
  supply[sink] = -total;
  auto capacity = [&](const LocalArc& la) -> Units {
    switch (la.kind) {
      case ArcKind::kUnmet: return p_.needs()[la.ref].open;
      case ArcKind::kCandidate: {
        const CandidateArc& arc = (*arcs_)[la.ref];
        return std::min(p_.needs()[arc.need].open, p_.helpers()[arc.helper].remaining);
      }
      case ArcKind::kLoad: return la.level > 0 ? 1 : -la.level;
    }
    return 0;
  };
  auto final_cost = [&](const LocalArc& la, bool with_priority) -> Cost {
    switch (la.kind) {
      case ArcKind::kUnmet: return with_priority ? p_.needs()[la.ref].priority * s_priority_ : 0;
      case ArcKind::kCandidate: return (*arcs_)[la.ref].travel;
      case ArcKind::kLoad: return Cost{la.level > 0 ? la.level : levels} * s_load_;
    }
    return 0;
  };
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
    const LocalArc& la = local[g.id(a)];
    upper[a] = capacity(la);
    cost[a] = final_cost(la, !two_phase_);
  }
  Simplex simplex(g);
  if (two_phase_ && p_.options().augmenting_phase1) {
    // Phase 1 by greedy augmenting paths; its duals decide which arcs phase 2 may still move.
    PriorityFlowInput in;
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
    const PriorityFlow phase1 = MaxPriorityFlow(in);
    if (stats) ++stats->augmenting_calls;
    for (size_t i = 0; i < c.needs.size(); ++i) need_pot1_[c.needs[i]] = phase1.need_potential[i];
    for (size_t i = 0; i < c.helpers.size(); ++i) helper_pot1_[c.helpers[i]] = phase1.helper_potential[i];
    for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
      const LocalArc& la = local[g.id(a)];
      Cost rc = 0;
      switch (la.kind) {
        case ArcKind::kUnmet: rc = p_.needs()[la.ref].priority + need_pot1_[la.ref]; break;
        case ArcKind::kCandidate: {
          const CandidateArc& arc = (*arcs_)[la.ref];
          rc = need_pot1_[arc.need] - helper_pot1_[arc.helper];
          break;
        }
        case ArcKind::kLoad: rc = helper_pot1_[la.ref]; break;
      }
      if (rc > 0) upper[a] = 0;
      else if (rc < 0) lower[a] = upper[a];
    }
    simplex.lowerMap(lower);
  } else if (two_phase_) {
    // Phase 1: priority only.
    Graph::ArcMap<Cost> cost1(g);
    for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
      const LocalArc& la = local[g.id(a)];
      cost1[a] = la.kind == ArcKind::kUnmet ? p_.needs()[la.ref].priority : 0;
    }
    Simplex phase1(g);
    phase1.upperMap(upper).costMap(cost1).supplyMap(supply).run();
    if (stats) ++stats->solver_calls;
    Cost sink1 = phase1.potential(sink);
    for (size_t i = 0; i < c.needs.size(); ++i) need_pot1_[c.needs[i]] = phase1.potential(need_node[i]) - sink1;
    for (size_t i = 0; i < c.helpers.size(); ++i) {
      helper_pot1_[c.helpers[i]] = phase1.potential(helper_node[i]) - sink1;
    }
    // Phase 2 keeps phase 1's optimum: arcs with non-zero reduced cost are fixed at the bound they sit on.
    for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
      Cost rc = cost1[a] + phase1.potential(g.source(a)) - phase1.potential(g.target(a));
      if (rc > 0) upper[a] = 0;
      else if (rc < 0) lower[a] = upper[a];
    }
    simplex.lowerMap(lower);
  }
  simplex.upperMap(upper).costMap(cost).supplyMap(supply);
  simplex.run();
  if (stats) ++stats->solver_calls;
  Cost sink_pot = simplex.potential(sink);
  for (Graph::ArcIt a(g); a != lemon::INVALID; ++a) {
    const LocalArc& la = local[g.id(a)];
    if (la.kind == ArcKind::kCandidate) flow_[la.ref] = simplex.flow(a);
  }
  for (size_t i = 0; i < c.needs.size(); ++i) {
    need_pot_[c.needs[i]] = simplex.potential(need_node[i]) - sink_pot;
    need_solved_[c.needs[i]] = 1;
  }
  for (size_t i = 0; i < c.helpers.size(); ++i) {
    helper_pot_[c.helpers[i]] = simplex.potential(helper_node[i]) - sink_pot;
    helper_solved_[c.helpers[i]] = 1;
  }
}

}  // namespace kin::match
