// Library things in from CSV, beside the stock import: a column mapping, a dry run listing what would change and
// every row it cannot take, then all or nothing.
#include <map>

#include "http/api_resources.h"
#include "http/csv_import_request.h"
#include "http/json_writer.h"

namespace kin::http {
namespace {

std::string PlanJson(const LendableImportPlan& plan, bool dry_run) {
  JsonWriter w;
  w.BeginObject().Field("dry_run", dry_run).Field("applied", plan.applied).Key("creates").BeginArray();
  for (const auto& c : plan.creates) {
    w.BeginObject()
        .Field("line", c.line)
        .Field("name", c.details.name)
        .Field("category", c.details.category)
        .Field("max_loan_days", c.details.max_loan_days)
        .Field("buffer_hours", c.details.buffer_hours)
        .Field("borrowers", BorrowRuleName(c.details.borrowers))
        .EndObject();
  }
  w.EndArray().Key("updates").BeginArray();
  for (const auto& u : plan.updates) {
    w.BeginObject()
        .Field("line", u.line)
        .Field("thing_id", u.thing.value)
        .Field("name", u.name)
        .Key("changes")
        .Strings(u.changes)
        .EndObject();
  }
  w.EndArray().Field("unchanged", plan.unchanged);
  WriteImportErrors(w, plan.errors, plan.ignored_columns);
  w.EndObject();
  return w.Take();
}

}  // namespace

void RegisterLibraryImportRoutes(Router& router, ApiDeps& deps) {
  router.Add("POST", "/api/v1/hubs/{hub}/things/import", "things.import", [&deps](Request& req) {
    std::initializer_list<std::string_view> allowed = {"dry_run",   "name",          "category",     "description",
                                                       "condition", "max_loan_days", "buffer_hours", "borrowers"};
    return WithCaller(deps, req, allowed, false, [&](const Caller& caller) {
      Library& library = deps.app.resources.library;
      Status may = library.MayImport(caller, req.Param("hub"));
      if (!may.ok()) return ProblemResponse(may);
      Result<ImportRequest> in = ReadImportRequest(req, kLendableImportFields);
      if (!in.ok()) return ProblemResponse(in.status());
      Result<LendableImportPlan> plan = library.Import(caller, req.Param("hub"), req.body, in->mapping, in->dry_run);
      if (!plan.ok()) return ProblemResponse(plan.status());
      if (!in->dry_run && !plan->applied) return ProblemResponse(RowsStatus(plan->errors));
      return Response::Json(in->dry_run ? 200 : 201, PlanJson(*plan, in->dry_run));
    });
  });
}

}  // namespace kin::http
