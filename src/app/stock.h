// Stock of a free store, pantry or solidarity kitchen: items, donations in, distributions out
// (against a need or not), counts with a reason, and the expiring-soon and low-stock lists.
//
// Who may do what: every member may see stock and record a donation; intake (and coordinators) add
// and change items and give stock out, since they are the ones handling needs; only coordinators
// correct counts, because a count rewrites what the books say. Every change is one transaction that
// also appends to the hub's event log, so the check "is there enough left" and the change it allows
// cannot be split by another request.
#ifndef KIN_APP_STOCK_H_
#define KIN_APP_STOCK_H_

#include <optional>
#include <string>
#include <vector>

#include "app/caller.h"
#include "app/context.h"
#include "core/stock.h"
#include "core/stock_import.h"

namespace kin {

struct StockItemPatch {
  std::optional<std::string> name;
  std::optional<std::string> category;
  std::optional<std::string> unit;
  std::optional<std::string> place;
  std::optional<std::optional<Date>> best_before;  // set, or cleared with nullopt inside
  std::optional<int64_t> low_at;

  void ApplyTo(StockItemDetails& d) const;
};

struct Distribution {
  int64_t quantity = 0;
  std::optional<NeedId> need;  // the need this goes to, in the same hub
  bool fulfil = false;         // also mark that (open) need fulfilled
};

// What an import does or would do, row by row.
struct StockImportPlan {
  struct Create {
    int line = 0;
    StockItemDetails details;
    int64_t quantity = 0;
  };
  struct Add {
    int line = 0;
    StockItemId item;
    std::string name;
    int64_t quantity = 0;  // donated to the existing item
    int64_t before = 0;    // what the item held before this row
  };
  std::vector<Create> creates;
  std::vector<Add> adds;
  std::vector<RowError>
      errors;  // every row that cannot be taken; any error means nothing is applied
  std::vector<std::string> ignored_columns;
  bool applied = false;
};

// What a movement did: the item afterwards and the movement recorded.
struct StockChange {
  StockItem item;
  StockMove move;
  bool need_fulfilled = false;
};

class Stock {
 public:
  explicit Stock(AppContext& ctx) : ctx_(ctx) {}

  // Intake. With initial_quantity > 0 the first donation is recorded with the item.
  Result<StockItem> CreateItem(const Caller& caller, const std::string& hub_slug,
                               const StockItemDetails& details, int64_t initial_quantity);
  Result<StockItem> UpdateItem(const Caller& caller, const StockItemId& id,
                               const StockItemPatch& patch);
  Result<StockItem> GetItem(const Caller& caller, const StockItemId& id);
  Result<Page<StockItem>> ListItems(const Caller& caller, const std::string& hub_slug,
                                    const StockFilter& filter, const PageRequest& page);
  // Items on the shelf whose best-before date falls within `within_days` (0..365) of the hub's today (its time zone),
  // soonest first.
  Result<std::vector<StockItem>> Expiring(const Caller& caller, const std::string& hub_slug,
                                          int within_days);
  // Movements, newest first: the hub's, or one item's.
  Result<Page<StockMove>> Moves(const Caller& caller, const std::string& hub_slug,
                                const PageRequest& page);
  Result<Page<StockMove>> ItemMoves(const Caller& caller, const StockItemId& id,
                                    const PageRequest& page);

  // Any member.
  Result<StockChange> Donate(const Caller& caller, const StockItemId& id, int64_t quantity,
                             const std::string& note);
  // Intake. Refused with kConflict when fewer are left than asked for: nothing is given out then.
  Result<StockChange> Distribute(const Caller& caller, const StockItemId& id,
                                 const Distribution& d);
  // Coordinators: what is really on the shelf, and why the books were wrong.
  Result<StockChange> Count(const Caller& caller, const StockItemId& id, int64_t counted,
                            const std::string& reason);

  // Intake. Reads a CSV (mapping: field -> column header) and plans, per row, a new item or a
  // donation to the item of the same name and unit. With dry_run, or when any row has an error,
  // nothing is saved and the plan lists what would change and every row it cannot take; otherwise
  // everything is applied in one transaction. Ok when the caller may import into the hub (intake);
  // lets the API refuse before reading a file.
  Status MayImport(const Caller& caller, const std::string& hub_slug);
  Result<StockImportPlan> Import(const Caller& caller, const std::string& hub_slug,
                                 std::string_view csv,
                                 const std::map<std::string, std::string>& mapping, bool dry_run);
  // Every item of the hub, oldest first, for spreadsheets.
  Result<std::vector<StockItem>> AllItems(const Caller& caller, const std::string& hub_slug);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_STOCK_H_
