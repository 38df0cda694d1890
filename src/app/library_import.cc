// Library things from a spreadsheet: a dry-run plan, then all or nothing (the shape of the stock import).
#include <map>

#include "app/access.h"
#include "app/library.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

std::vector<Lendable> EveryThing(ReadTx& tx, const HubId& hub) {
  std::vector<Lendable> all;
  PageRequest page{"", 200};
  for (;;) {
    Page<Lendable> p = tx.ListLendables(hub, {}, page);
    all.insert(all.end(), p.items.begin(), p.items.end());
    if (p.next.empty()) break;
    page.after = p.next;
  }
  return all;
}

// Copies the fields the file has a column for from `row` into `into`; returns which of them changed.
std::vector<std::string> Merge(const LendableDetails& row, const std::set<std::string>& columns,
                               LendableDetails& into) {
  std::vector<std::string> changed;
  auto take = [&](const char* field, auto LendableDetails::*member) {
    if (!columns.count(field) || into.*member == row.*member) return;
    into.*member = row.*member;
    changed.push_back(field);
  };
  take("category", &LendableDetails::category);
  take("description", &LendableDetails::description);
  take("condition", &LendableDetails::condition);
  take("max_loan_days", &LendableDetails::max_loan_days);
  take("buffer_hours", &LendableDetails::buffer_hours);
  take("borrowers", &LendableDetails::borrowers);
  return changed;
}

}  // namespace

Status Library::MayImport(const Caller& caller, const std::string& hub_slug) {
  return ctx_.store.Read([&](ReadTx& tx) -> Status {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    return RequireRole(tx, caller, hub->id, Role::kIntake).status();
  });
}

Result<LendableImportPlan> Library::Import(const Caller& caller, const std::string& hub_slug, std::string_view csv,
                                           const std::map<std::string, std::string>& mapping, bool dry_run) {
  Result<ParsedLendableCsv> parsed = ParseLendableCsv(csv, mapping);
  if (!parsed.ok()) return parsed.status();
  Timestamp now = ctx_.clock.Now();
  // A dry run goes through the writer too, so the plan is made against the state an apply would see.
  return WriteValue<LendableImportPlan>(ctx_.store, [&](WriteTx& tx) -> Result<LendableImportPlan> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    LendableImportPlan plan;
    plan.errors = parsed->errors;
    plan.ignored_columns = parsed->ignored_columns;
    std::map<std::string, Lendable> existing;
    for (Lendable& t : EveryThing(tx, access->hub.id)) existing.emplace(t.details.name, std::move(t));
    for (const LendableImportRow& row : parsed->rows) {
      auto e = existing.find(row.details.name);
      if (e == existing.end()) {
        plan.creates.push_back({row.line, row.details});
        continue;
      }
      LendableDetails after = e->second.details;
      std::vector<std::string> changes = Merge(row.details, parsed->columns, after);
      if (changes.empty()) {
        ++plan.unchanged;
        continue;
      }
      plan.updates.push_back({row.line, e->second.id, row.details.name, std::move(changes), after});
    }
    if (dry_run || !plan.errors.empty()) return plan;
    for (const LendableImportPlan::Create& c : plan.creates) {
      Lendable item;
      item.id = LendableId{RandomId("thing")};
      item.hub = access->hub.id;
      item.details = c.details;
      item.created_at = item.updated_at = now;
      Status s = tx.InsertLendable(item);
      if (s.ok())
        s = RecordEvent(tx, access->hub.id, now, caller.actor(), "lendable.created", item.id.value,
                        c.details.name + " (import, line " + std::to_string(c.line) + ")");
      if (!s.ok()) return s;
    }
    for (const LendableImportPlan::Update& u : plan.updates) {
      Lendable item = existing.at(u.name);
      item.details = u.after;
      item.updated_at = now;
      Status s = tx.UpdateLendable(item);
      if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "lendable.updated", item.id.value, "import");
      if (!s.ok()) return s;
    }
    plan.applied = true;
    return plan;
  });
}

}  // namespace kin
