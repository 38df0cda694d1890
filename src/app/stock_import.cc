// Stock from a spreadsheet: a dry-run plan, then all or nothing.
#include <algorithm>
#include <map>

#include "app/access.h"
#include "app/stock.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

// Every item of a hub, walking the pages.
std::vector<StockItem> EveryItem(ReadTx& tx, const HubId& hub) {
  std::vector<StockItem> all;
  PageRequest page{"", 200};
  for (;;) {
    Page<StockItem> p = tx.ListStockItems(hub, {}, page);
    all.insert(all.end(), p.items.begin(), p.items.end());
    if (p.next.empty()) break;
    page.after = p.next;
  }
  std::reverse(all.begin(), all.end());
  return all;
}

std::string Key(const std::string& name, const std::string& unit) { return name + '\x1f' + unit; }

}  // namespace

Result<std::vector<StockItem>> Stock::AllItems(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<std::vector<StockItem>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<StockItem>> {
        Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
        if (!access.ok()) return access.status();
        return EveryItem(tx, access->hub.id);
      });
}

Status Stock::MayImport(const Caller& caller, const std::string& hub_slug) {
  return ctx_.store.Read([&](ReadTx& tx) -> Status {
    Result<Hub> hub = tx.GetHubBySlug(hub_slug);
    if (!hub.ok()) return hub.status();
    return RequireRole(tx, caller, hub->id, Role::kIntake).status();
  });
}

Result<StockImportPlan> Stock::Import(const Caller& caller, const std::string& hub_slug,
                                      std::string_view csv,
                                      const std::map<std::string, std::string>& mapping,
                                      bool dry_run) {
  Result<ParsedStockCsv> parsed = ParseStockCsv(csv, mapping);
  if (!parsed.ok()) return parsed.status();
  Timestamp now = ctx_.clock.Now();
  auto plan_and_apply = [&](WriteTx& tx) -> Result<StockImportPlan> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kIntake);
    if (!access.ok()) return access.status();
    StockImportPlan plan;
    plan.errors = parsed->errors;
    plan.ignored_columns = parsed->ignored_columns;
    std::map<std::string, StockItem> existing;
    for (StockItem& item : EveryItem(tx, access->hub.id)) {
      existing.emplace(Key(item.details.name, item.details.unit), std::move(item));
    }
    std::map<std::string, size_t>
        created;  // rows of the file naming the same new item add to its first row
    for (const StockImportRow& row : parsed->rows) {
      std::string key = Key(row.details.name, row.details.unit);
      if (auto e = existing.find(key); e != existing.end()) {
        Result<int64_t> after = row.quantity == 0
                                    ? Result<int64_t>(e->second.quantity)
                                    : QuantityAfterDonation(e->second.quantity, row.quantity);
        if (!after.ok()) {
          plan.errors.push_back({row.line, "quantity", "", after.status().fields()[0].message});
          continue;
        }
        plan.adds.push_back(
            {row.line, e->second.id, row.details.name, row.quantity, e->second.quantity});
        e->second.quantity = *after;
      } else if (auto c = created.find(key); c != created.end()) {
        plan.creates[c->second].quantity += row.quantity;
        if (plan.creates[c->second].quantity > kMaxStockQuantity) {
          plan.errors.push_back(
              {row.line, "quantity", "",
               "the rows for this item add up to more than " + std::to_string(kMaxStockQuantity)});
        }
      } else {
        created.emplace(key, plan.creates.size());
        plan.creates.push_back({row.line, row.details, row.quantity});
      }
    }
    std::sort(plan.errors.begin(), plan.errors.end(),
              [](const RowError& a, const RowError& b) { return a.line < b.line; });
    if (dry_run || !plan.errors.empty()) return plan;
    for (const StockImportPlan::Create& c : plan.creates) {
      StockItem item;
      item.id = StockItemId{RandomId("stock")};
      item.hub = access->hub.id;
      item.details = c.details;
      item.quantity = c.quantity;
      item.created_at = item.updated_at = now;
      Status s = tx.InsertStockItem(item);
      if (s.ok())
        s = RecordEvent(tx, access->hub.id, now, caller.actor(), "stock.item_created", item.id.value,
                        c.details.name + " (import, line " + std::to_string(c.line) + ")");
      if (s.ok() && c.quantity > 0) {
        StockMove move{0,          access->hub.id,      item.id,  StockMoveKind::kDonation, c.quantity,
                       c.quantity, std::nullopt, "import", caller.actor(),           now};
        Result<int64_t> seq = tx.AppendStockMove(move);
        if (!seq.ok()) s = seq.status();
      }
      if (!s.ok()) return s;
    }
    for (const StockImportPlan::Add& a : plan.adds) {
      if (a.quantity == 0) continue;
      Result<StockItem> item = tx.GetStockItem(a.item);
      if (!item.ok()) return item.status();
      item->quantity += a.quantity;
      item->updated_at = now;
      StockMove move{0,
                     access->hub.id,
                     a.item,
                     StockMoveKind::kDonation,
                     a.quantity,
                     item->quantity,
                     std::nullopt,
                     "import",
                     caller.actor(),
                     now};
      Status s = tx.UpdateStockItem(*item);
      if (s.ok()) {
        Result<int64_t> seq = tx.AppendStockMove(move);
        if (!seq.ok()) s = seq.status();
      }
      if (s.ok())
        s = RecordEvent(tx, access->hub.id, now, caller.actor(), "stock.donated", a.item.value,
                        "+" + std::to_string(a.quantity) + " " + item->details.unit + " (import)");
      if (!s.ok()) return s;
    }
    plan.applied = true;
    return plan;
  };
  // A dry run still goes through the writer so the plan is made against the same state an apply
  // would see; it saves nothing because it returns before writing.
  return WriteValue<StockImportPlan>(ctx_.store, plan_and_apply);
}

}  // namespace kin
