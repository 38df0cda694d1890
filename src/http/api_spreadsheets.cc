// Spreadsheets: stock, loans and occupancy out as CSV or XLSX; stock in from CSV with a column
// mapping, a dry run, and all or nothing.
#include <map>

#include "http/api_resources.h"
#include "http/date_range.h"
#include "http/csv_import_request.h"
#include "http/json_writer.h"
#include "http/spreadsheet.h"
#include "http/time_format.h"

namespace kin::http {
namespace {

std::string FormatOf(const Request& req) { return req.Query("format").value_or("csv"); }

std::string DateCell(const std::optional<Date>& d) { return d ? FormatIsoDate(*d) : ""; }
std::string TimeCell(const std::optional<Timestamp>& t) { return t ? FormatRfc3339(*t) : ""; }

Sheet StockSheet(const std::vector<StockItem>& items) {
  Sheet s{"stock",
          {"id", "name", "category", "unit", "quantity", "place", "best_before", "low_at", "low"},
          {}};
  for (const StockItem& i : items) {
    const StockItemDetails& d = i.details;
    s.rows.push_back({SheetCell::Text(i.id.value), SheetCell::Text(d.name),
                      SheetCell::Text(d.category), SheetCell::Text(d.unit),
                      SheetCell::Int(i.quantity), SheetCell::Text(d.place),
                      SheetCell::Text(DateCell(d.best_before)), SheetCell::Int(d.low_at),
                      SheetCell::Text(IsLowStock(i) ? "yes" : "no")});
  }
  return s;
}

Sheet LoanSheet(const std::vector<Loan>& loans) {
  Sheet s{"loans",
          {"id", "thing_id", "borrower_id", "start", "end", "status", "out_condition",
           "return_condition", "checked_out_at", "returned_at"},
          {}};
  for (const Loan& l : loans) {
    s.rows.push_back(
        {SheetCell::Text(l.id.value), SheetCell::Text(l.item.value),
         SheetCell::Text(l.borrower.value), SheetCell::Text(FormatRfc3339(l.window.start)),
         SheetCell::Text(FormatRfc3339(l.window.end)), SheetCell::Text(LoanStatusName(l.status)),
         SheetCell::Text(l.out_condition), SheetCell::Text(l.return_condition),
         SheetCell::Text(TimeCell(l.checked_out_at)), SheetCell::Text(TimeCell(l.returned_at))});
  }
  return s;
}

Sheet OccupancySheet(const std::vector<CapacitySlot>& slots,
                     const std::map<std::string, CapacityPool>& pools) {
  Sheet s{"occupancy",
          {"date", "slot", "capacity_id", "name", "unit", "capacity", "allocated", "free"},
          {}};
  for (const CapacitySlot& slot : slots) {
    auto p = pools.find(slot.pool.value);
    std::string name = p == pools.end() ? "" : p->second.details.name;
    std::string unit = p == pools.end() ? "" : p->second.details.unit;
    s.rows.push_back({SheetCell::Text(FormatIsoDate(slot.date)), SheetCell::Text(slot.label),
                      SheetCell::Text(slot.pool.value), SheetCell::Text(name),
                      SheetCell::Text(unit), SheetCell::Int(slot.capacity),
                      SheetCell::Int(slot.allocated), SheetCell::Int(slot.free())});
  }
  return s;
}


std::string PlanJson(const StockImportPlan& plan, bool dry_run) {
  JsonWriter w;
  w.BeginObject()
      .Field("dry_run", dry_run)
      .Field("applied", plan.applied)
      .Key("creates")
      .BeginArray();
  for (const auto& c : plan.creates) {
    w.BeginObject()
        .Field("line", c.line)
        .Field("name", c.details.name)
        .Field("unit", c.details.unit)
        .Field("quantity", c.quantity)
        .EndObject();
  }
  w.EndArray().Key("adds").BeginArray();
  for (const auto& a : plan.adds) {
    w.BeginObject()
        .Field("line", a.line)
        .Field("item_id", a.item.value)
        .Field("name", a.name)
        .Field("quantity", a.quantity)
        .Field("before", a.before)
        .Field("after", a.before + a.quantity)
        .EndObject();
  }
  w.EndArray();
  WriteImportErrors(w, plan.errors, plan.ignored_columns);
  w.EndObject();
  return w.Take();
}

}  // namespace

void RegisterSpreadsheetRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/stock/export", "stock.export", [&deps](Request& req) {
    return WithCaller(deps, req, {"format"}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.stock.AllItems(caller, req.Param("hub")),
                     [&](const std::vector<StockItem>& items) {
                       return SheetResponse(StockSheet(items), FormatOf(req));
                     });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/loans/export", "loans.export", [&deps](Request& req) {
    return WithCaller(deps, req, {"format"}, false, [&](const Caller& caller) {
      return Respond(deps.app.resources.library.AllLoans(caller, req.Param("hub")),
                     [&](const std::vector<Loan>& loans) {
                       return SheetResponse(LoanSheet(loans), FormatOf(req));
                     });
    });
  });

  router.Add(
      "GET", "/api/v1/hubs/{hub}/occupancy/export", "capacity.export", [&deps](Request& req) {
        return WithCaller(
            deps, req, {"format", "from", "to", "capacity"}, false, [&](const Caller& caller) {
              Result<DateRange> range = DateRangeOf(req);
              if (!range.ok()) return ProblemResponse(range.status());
              std::optional<CapacityPoolId> pool;
              if (auto c = req.Query("capacity")) pool = CapacityPoolId{*c};
              CapacityService& cap = deps.app.resources.capacity;
              Result<std::vector<CapacitySlot>> slots =
                  cap.Occupancy(caller, req.Param("hub"), pool, range->from, range->to);
              if (!slots.ok()) return ProblemResponse(slots.status());
              std::map<std::string, CapacityPool> pools;
              PageRequest page{"", 200};
              for (;;) {
                Result<Page<CapacityPool>> p = cap.ListPools(caller, req.Param("hub"), page);
                if (!p.ok()) return ProblemResponse(p.status());
                for (CapacityPool& c : p->items) pools.emplace(c.id.value, std::move(c));
                if (p->next.empty()) break;
                page.after = p->next;
              }
              return SheetResponse(OccupancySheet(*slots, pools), FormatOf(req));
            });
      });

  router.Add("POST", "/api/v1/hubs/{hub}/stock/import", "stock.import", [&deps](Request& req) {
    std::initializer_list<std::string_view> allowed = {
        "dry_run", "name", "category", "unit", "quantity", "place", "best_before", "low_at"};
    return WithCaller(deps, req, allowed, false, [&](const Caller& caller) {
      Status may = deps.app.resources.stock.MayImport(caller, req.Param("hub"));
      if (!may.ok()) return ProblemResponse(may);
      Result<ImportRequest> in = ReadImportRequest(req, kStockImportFields);
      if (!in.ok()) return ProblemResponse(in.status());
      bool dry_run = in->dry_run;
      const std::map<std::string, std::string>& mapping = in->mapping;
      Result<StockImportPlan> plan =
          deps.app.resources.stock.Import(caller, req.Param("hub"), req.body, mapping, dry_run);
      if (!plan.ok()) return ProblemResponse(plan.status());
      if (!dry_run && !plan->applied) return ProblemResponse(RowsStatus(plan->errors));
      return Response::Json(dry_run ? 200 : 201, PlanJson(*plan, dry_run));
    });
  });
}

}  // namespace kin::http
