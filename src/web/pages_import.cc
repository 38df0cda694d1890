// Importing a spreadsheet without JavaScript, for stock and for the library of things: upload a CSV file, match
// each of kin's fields to one of the file's columns, see the dry run (what would be added and changed, and every
// row it cannot take with its line and column), then import it all or nothing. Intake and coordinators only; the
// app layer checks that too.
#include <variant>

#include "core/csv.h"
#include "core/lendable_import.h"
#include "core/stock_import.h"
#include "web/csrf.h"
#include "web/hub_viewer.h"
#include "web/import_report.h"
#include "web/multipart.h"
#include "web/pages.h"

namespace kin::web {
namespace {

struct Kind {
  std::string name;  // "stock" or "library": the URL and the catalogue keys
  const std::vector<std::string>& fields;
  std::vector<std::string> required;
  std::string done_path;  // where a successful import goes
};

std::optional<Kind> KindOf(const std::string& name, const std::string& slug) {
  if (name == "stock")
    return Kind{
        name, kStockImportFields, {"name", "category", "unit", "quantity"}, "/h/" + slug + "/stock?done=import"};
  if (name == "library")
    return Kind{name, kLendableImportFields, {"name", "category"}, "/h/" + slug + "/library?done=imported"};
  return std::nullopt;
}

// What the page shows: the file (once uploaded), the mapping chosen, the dry run, and what went wrong.
struct State {
  std::string csv;
  std::string file_name;
  std::map<std::string, std::string> mapping;  // field -> header ("" : not in the file)
  std::optional<ImportReport> report;
  FormErrors errors;
};

std::vector<std::string> HeaderOf(const std::string& csv) {
  CsvReader reader(csv);
  std::vector<std::string> cells;
  int line = 0;
  Status s;
  if (!reader.Next(&cells, &line, &s)) return {};
  for (std::string& c : cells) {
    size_t a = c.find_first_not_of(" \t");
    size_t b = c.find_last_not_of(" \t");
    c = a == std::string::npos ? "" : c.substr(a, b - a + 1);
  }
  return cells;
}

http::Response ImportPage(PageContext& page, const HubViewer& v, const Kind& kind, const State& st, int status) {
  mustache::data d;
  d.set("slug", v.hub.slug);
  d.set("kind", kind.name);
  d.set("hub_name", v.hub.settings.name);
  d.set("heading", page.T("import." + kind.name + ".heading"));
  d.set("intro", page.T("import." + kind.name + ".intro"));
  d.set("back_href", kind.done_path.substr(0, kind.done_path.find('?')));
  d.set("back", page.T("import." + kind.name + ".back"));
  if (!st.csv.empty()) {
    d.set("has_file", mustache::data(true));
    d.set("csv", st.csv);
    d.set("file_name", st.file_name);
    std::vector<std::string> header = HeaderOf(st.csv);
    mustache::data fields{mustache::data::type::list};
    for (const std::string& f : kind.fields) {
      bool required = std::find(kind.required.begin(), kind.required.end(), f) != kind.required.end();
      auto chosen = st.mapping.find(f);
      std::string pick = chosen != st.mapping.end()                                   ? chosen->second
                         : std::find(header.begin(), header.end(), f) != header.end() ? f
                                                                                      : "";
      mustache::data fd;
      fd.set("field", f);
      fd.set("label", page.T("import.field." + f));
      fd.set("required", mustache::data(required));
      if (const std::string* m = st.errors.For("col_" + f)) fd.set("error", *m);
      mustache::data options{mustache::data::type::list};
      for (const std::string& h : header) {
        if (h.empty()) continue;
        mustache::data o;
        o.set("value", h);
        o.set("selected", mustache::data(h == pick));
        options.push_back(o);
      }
      fd.set("options", options);
      fd.set("none_selected", mustache::data(pick.empty()));
      fields.push_back(fd);
    }
    d.set("fields", fields);
  }
  if (st.report) {
    const ImportReport& r = *st.report;
    mustache::data rep;
    auto strings = [](const std::vector<std::string>& items) {
      mustache::data list{mustache::data::type::list};
      for (const std::string& s : items) list.push_back(mustache::data(s));
      return list;
    };
    rep.set("adds", strings(r.adds));
    rep.set("has_adds", mustache::data(!r.adds.empty()));
    rep.set("changes", strings(r.changes));
    rep.set("has_changes", mustache::data(!r.changes.empty()));
    if (r.unchanged > 0) rep.set("unchanged", page.T("import.unchanged", {{"n", std::to_string(r.unchanged)}}));
    if (!r.ignored_columns.empty()) {
      std::string cols;
      for (const std::string& c : r.ignored_columns) cols += (cols.empty() ? "" : ", ") + c;
      rep.set("ignored", page.T("import.ignored", {{"columns", cols}}));
    }
    mustache::data errors{mustache::data::type::list};
    for (const RowError& e : r.errors) {
      mustache::data row;
      row.set("line", std::to_string(e.line));
      row.set("column", e.column.empty() ? e.field : e.column);
      row.set("message", ImportErrorText(page.lang(), e));
      errors.push_back(row);
    }
    rep.set("errors", errors);
    rep.set("has_errors", mustache::data(!r.errors.empty()));
    rep.set("summary", page.T("import.summary", {{"adds", std::to_string(r.adds.size())},
                                                 {"changes", std::to_string(r.changes.size())},
                                                 {"errors", std::to_string(r.errors.size())}}));
    rep.set("may_apply", mustache::data(r.errors.empty() && (!r.adds.empty() || !r.changes.empty())));
    d.set("report", rep);
  }
  std::map<std::string, PageContext::FieldLabel> labels;
  for (const std::string& f : kind.fields) labels["col_" + f] = {"import.field." + f, ""};
  labels["file"] = {"import.file", ""};
  page.AddErrors(d, st.errors, labels);
  return page.Render(status, "import", std::move(d), page.T("import." + kind.name + ".heading"));
}

// The hub, the kind and a keeper; otherwise the answer to give.
std::variant<std::pair<HubViewer, Kind>, http::Response> Open(PageContext& page, http::Request& req) {
  std::string slug = req.Param("slug");
  std::optional<Kind> kind = KindOf(req.Param("kind"), slug);
  auto v = HubViewerOf(page, slug, "/h/" + slug + "/import/" + req.Param("kind"), kind ? kind->name : "stock");
  if (auto* r = std::get_if<http::Response>(&v)) return std::move(*r);
  if (!kind)
    return page.Message(404, page.T("notfound.page_title"), page.T("notfound.page_text"), "/h/" + slug,
                        page.T("stock.back_to_hub"));
  HubViewer& viewer = std::get<HubViewer>(v);
  if (!viewer.keeper())
    return page.Message(403, page.T("import.keepers_only"), page.T("import.keepers_only_text"), "/h/" + slug,
                        page.T("stock.back_to_hub"));
  return std::make_pair(std::move(viewer), std::move(*kind));
}

http::Response ShowImport(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto opened = Open(page, req);
  if (auto* r = std::get_if<http::Response>(&opened)) return std::move(*r);
  auto& [viewer, kind] = std::get<std::pair<HubViewer, Kind>>(opened);
  return ImportPage(page, viewer, kind, State{}, 200);
}

// Runs the import (a dry run unless `apply`) and fills the report or the errors; Ok when it applied.
Status Run(PageContext& page, const HubViewer& v, const Kind& kind, bool apply, State& st) {
  std::map<std::string, std::string> mapping;
  for (const std::string& f : kind.fields) {
    auto m = st.mapping.find(f);
    bool required = std::find(kind.required.begin(), kind.required.end(), f) != kind.required.end();
    if (m != st.mapping.end() && !m->second.empty()) {
      mapping[f] = m->second;
    } else if (m != st.mapping.end() && required) {
      st.errors.Add("col_" + f, page.T("import.err.choose"));
    } else if (m != st.mapping.end()) {
      mapping[f] = std::string("\x1f") + "none";  // chosen as not in the file: matches no header
    }
  }
  if (!st.errors.empty()) return Status::InvalidField("mapping", "required column not chosen");
  Status s;
  if (kind.name == "stock") {
    Result<StockImportPlan> plan =
        page.deps().app.resources.stock.Import(page.caller(), v.hub.slug, st.csv, mapping, !apply);
    if (plan.ok()) st.report = ReportOf(page.lang(), *plan);
    s = !plan.ok() ? plan.status() : plan->applied ? Status::Ok() : Status::Invalid("not applied");
  } else {
    Result<LendableImportPlan> plan =
        page.deps().app.resources.library.Import(page.caller(), v.hub.slug, st.csv, mapping, !apply);
    if (plan.ok()) st.report = ReportOf(page.lang(), *plan);
    s = !plan.ok() ? plan.status() : plan->applied ? Status::Ok() : Status::Invalid("not applied");
  }
  if (!s.ok() && !st.report) {
    // The file as a whole: empty, or a quote left open.
    std::string detail = s.fields().empty() ? s.message() : s.fields()[0].message;
    st.errors.Add("file", page.T("import.err.file", {{"detail", detail}}));
  }
  return s;
}

http::Response PostImport(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  auto opened = Open(page, req);
  if (auto* r = std::get_if<http::Response>(&opened)) return std::move(*r);
  auto& [viewer, kind] = std::get<std::pair<HubViewer, Kind>>(opened);
  State st;
  std::string csrf;
  bool apply = false;
  if (std::optional<MultipartForm> upload = ParseMultipart(req.Header("content-type"), req.body)) {
    csrf = upload->fields["csrf"];
    st.csv = upload->fields["file"];
    st.file_name = upload->files["file"];
  } else {
    std::optional<Form> form = page.ReadForm();
    if (!form) return page.BadForm();
    csrf = form->Get("csrf");
    st.csv = form->Get("csv");
    st.file_name = form->Get("file_name");
    for (const std::string& f : kind.fields) {
      if (form->Has("col_" + f)) st.mapping[f] = form->Get("col_" + f);
    }
    apply = form->Get("do") == "apply";
  }
  std::optional<Form> token = Form::Parse("csrf=" + UrlEncode(csrf));
  if (!token || !CsrfMatches(req, *token)) {
    st.errors.SetForm(page.T("err.csrf"));
    return ImportPage(page, viewer, kind, st, 403);
  }
  if (st.csv.empty()) {
    st.errors.Add("file", page.T("import.err.no_file"));
    return ImportPage(page, viewer, kind, st, 422);
  }
  Status s = Run(page, viewer, kind, apply, st);
  if (apply && s.ok()) return page.Redirect(kind.done_path);
  if (!st.errors.empty() || (apply && !s.ok())) {
    int status = s.kind() == StatusKind::kForbidden ? 403 : 422;
    return ImportPage(page, viewer, kind, st, status);
  }
  return ImportPage(page, viewer, kind, st, 200);
}

}  // namespace

void RegisterImportPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/import/{kind}", "web.import",
             [&deps](http::Request& req) { return ShowImport(deps, req); });
  router.Add("POST", "/h/{slug}/import/{kind}", "web.import_post",
             [&deps](http::Request& req) { return PostImport(deps, req); });
}

}  // namespace kin::web
