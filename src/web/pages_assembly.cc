// The assembly in the browser, without JavaScript: the list of proposals, drafting one, the proposal with its
// rendered text and a ballot form for its method, the results with every round, and the coordinator's open and
// close buttons. Every rule is the app's (src/app/assembly.h); these pages read forms and pick words.
#include <algorithm>
#include <initializer_list>

#include "web/assembly_view.h"
#include "web/assets.h"
#include "web/field_messages.h"
#include "web/local_time.h"
#include "web/markdown.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {

std::string MethodText(Lang lang, CountingMethod m) {
  return Translate(lang, std::string("assembly.method.") + CountingMethodName(m));
}
std::string StatusText(Lang lang, ProposalStatus s) {
  return Translate(lang, std::string("assembly.status.") + ProposalStatusName(s));
}

namespace {

http::Response Failure(PageContext& page, const Status& s) {
  int code = s.kind() == StatusKind::kNotFound ? 404 : s.kind() == StatusKind::kForbidden ? 403 : 503;
  if (s.kind() == StatusKind::kNotFound || s.kind() == StatusKind::kForbidden) {
    return page.Message(code, page.T("assembly.not_found"), page.T("assembly.not_found_text"), "/me",
                        page.T("layout.my_page"));
  }
  return page.Message(code, page.T("err.kind.unavailable"), KindMessage(page.lang(), s.kind()));
}

mustache::data Summary(PageContext& page, const ProposalView& v, const std::string& zone) {
  const Proposal& p = v.proposal;
  mustache::data item;
  item.set("id", p.id.value);
  item.set("title", p.details.title);
  item.set("method", MethodText(page.lang(), p.details.method));
  item.set("status", StatusText(page.lang(), p.status));
  item.set("closes", FormatLocal(p.details.closes_at, zone, page.lang()));
  item.set("has_voted", mustache::data(v.has_voted));
  item.set("may_vote", mustache::data(v.may_vote));
  return item;
}

http::Response AssemblyPage(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/assembly");
  Result<Hub> hub = deps.app.hubs.Get(slug);
  if (!hub.ok()) return Failure(page, hub.status());
  mustache::data d;
  d.set("hub_name", hub->settings.name);
  d.set("slug", slug);
  for (ProposalStatus s : {ProposalStatus::kOpen, ProposalStatus::kDraft, ProposalStatus::kClosed}) {
    PageRequest request;
    request.limit = 50;
    Result<Page<ProposalView>> listed = deps.app.assembly.List(page.caller(), slug, s, request);
    if (!listed.ok()) return Failure(page, listed.status());
    mustache::data list{mustache::data::type::list};
    for (const ProposalView& v : listed->items) list.push_back(Summary(page, v, hub->settings.time_zone));
    std::string key = ProposalStatusName(s);
    d.set(key, list);
    d.set("has_" + key, mustache::data(!listed->items.empty()));
  }
  if (req.Query("created")) d.set("notice", page.T("assembly.created"));
  return page.Render(200, "assembly", std::move(d), page.T("assembly.title", {{"hub", hub->settings.name}}));
}

// --- drafting -----------------------------------------------------------------------------------------------

http::Response NewForm(PageContext& page, const Hub& hub, const Form& form, const FormErrors& errors, int status) {
  mustache::data d;
  d.set("slug", hub.slug);
  d.set("hub_name", hub.settings.name);
  mustache::data v{mustache::data::type::object};
  for (const char* name : {"title", "text", "options", "seats", "closes_at", "quorum", "mandate"}) {
    v.set(name, form.Get(name));
  }
  bool election = form.Get("kind") == "election";
  mustache::data kinds{mustache::data::type::list};
  for (const char* k : {"decision", "election"}) {
    mustache::data item;
    item.set("value", k);
    item.set("label", page.T(std::string("assembly.kind.") + k));
    item.set("selected", mustache::data((std::string(k) == "election") == election));
    kinds.push_back(item);
  }
  d.set("kinds", kinds);
  // Members who may stand in an election.
  mustache::data candidates{mustache::data::type::list};
  PageRequest request;
  request.limit = 200;
  Result<Page<MemberInHub>> members = page.deps().app.hubs.Members(page.caller(), hub.slug, request);
  if (members.ok()) {
    for (const MemberInHub& m : members->items) {
      mustache::data item;
      item.set("id", m.member.id.value);
      item.set("name", m.member.display_name + " (@" + m.member.handle + ")");
      item.set("checked", mustache::data(form.Has("cand-" + m.member.id.value)));
      candidates.push_back(item);
    }
  }
  d.set("candidates", candidates);
  d.set("v", v);
  d.set("anonymous_checked", mustache::data(form.values().empty() || form.Has("anonymous")));
  AddDraftChoices(page, form, "consent", d);
  page.AddErrors(d, errors, DraftLabels());
  return page.Render(status, "proposal_new", std::move(d), page.T("assembly.new_title"));
}

// Drafting is for the hub's members: others get the 403 the hub's other pages give, before any form checks.
Status RequireHubMember(WebDeps& deps, const Caller& caller, const std::string& slug) {
  Result<Page<MemberInHub>> members = deps.app.hubs.Members(caller, slug, PageRequest{"", 1});
  return members.ok() ? Status::Ok() : members.status();
}

http::Response ShowNew(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/assembly/new");
  Result<Hub> hub = deps.app.hubs.Get(slug);
  if (!hub.ok()) return Failure(page, hub.status());
  if (Status member = RequireHubMember(deps, page.caller(), slug); !member.ok()) return Failure(page, member);
  return NewForm(page, *hub, Form(), FormErrors(), 200);
}

// Whole numbers typed in a form; nullopt for anything else.
std::optional<int> FormInt(const std::string& text) {
  if (text.empty() || text.size() > 6) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoi(text);
}

}  // namespace

const std::map<std::string, PageContext::FieldLabel>& DraftLabels() {
  static const std::map<std::string, PageContext::FieldLabel> kLabels = {
      {"title", {"assembly.field.title", ""}},        {"text", {"assembly.field.text", ""}},
      {"method", {"assembly.field.method", ""}},      {"options", {"assembly.field.options", ""}},
      {"seats", {"assembly.field.seats", ""}},        {"closes_at", {"assembly.field.closes_at", ""}},
      {"visibility", {"assembly.field.visibility", ""}}, {"quorum", {"assembly.field.quorum", ""}},
      {"kind", {"assembly.field.kind", ""}},          {"candidates", {"assembly.field.candidates", "candidates"}},
      {"mandate", {"assembly.field.mandate", ""}},
  };
  return kLabels;
}

void AddDraftChoices(PageContext& page, const Form& form, const std::string& default_method, mustache::data& d) {
  // The options of one select: each value with its label from `labels` + value, `chosen` selected.
  auto options = [&page](const char* labels, std::initializer_list<const char*> values, const std::string& chosen) {
    mustache::data list{mustache::data::type::list};
    for (const char* value : values) {
      mustache::data item;
      item.set("value", value);
      item.set("label", page.T(std::string(labels) + value));
      item.set("selected", mustache::data(chosen == value));
      list.push_back(item);
    }
    return list;
  };
  const bool fresh = form.values().empty();
  d.set("methods", options("assembly.method.",
                           {"consent", "majority", "approval", "score", "dot", "irv", "stv", "schulze"},
                           fresh ? default_method : form.Get("method")));
  d.set("visibilities", options("assembly.visibility.", {"after_closing", "after_voting", "always"},
                                fresh ? "after_closing" : form.Get("visibility")));
}

// Places the errors of a failed draft at the form's inputs; indexed option errors ("options[2]") at the options.
void AddDraftErrors(PageContext& page, const Status& s, FormErrors& errors) {
  if (s.ok()) return;
  for (const FieldError& f : s.fields()) {
    if (f.field.rfind("options[", 0) == 0) errors.Add("options", TranslateFieldMessage(page.lang(), f.message));
    if (f.field.rfind("candidates", 0) == 0) errors.Add("candidates", page.T("assembly.err.candidates"));
    if (f.field == "method") errors.Add("method", page.T("assembly.err.method"));
  }
  AddStatusErrors(page.lang(), s,
                  {{"title", "title"}, {"text", "text"}, {"options", "options"}, {"seats", "seats"},
                   {"closes_at", "closes_at"}, {"visibility", "visibility"}, {"quorum.percent", "quorum"},
                   {"options[0]", "options"}, {"options[1]", "options"}, {"candidates", "candidates"},
                   {"mandate", "mandate"}, {"method", "method"}},
                  errors);
}

namespace {

}  // namespace

ProposalDetails ProposalFromForm(PageContext& page, const Form& form, const std::string& zone, FormErrors& errors) {
  ProposalDetails d;
  d.title = form.Get("title");
  d.text = form.Get("text");
  std::optional<CountingMethod> method = ParseCountingMethod(form.Get("method"));
  if (!method) errors.Add("method", page.T("err.required"));
  d.method = method.value_or(CountingMethod::kConsent);
  // One option per line; blank lines are skipped.
  std::string line;
  for (char c : form.Get("options") + "\n") {
    if (c == '\n') {
      line.erase(0, line.find_first_not_of(" \t\r"));
      line.erase(line.find_last_not_of(" \t\r") + 1);
      if (!line.empty()) d.options.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!form.Get("seats").empty()) {
    std::optional<int> seats = FormInt(form.Get("seats"));
    if (!seats) errors.Add("seats", page.T("assembly.err.number"));
    d.seats = seats.value_or(1);
  }
  std::optional<Timestamp> closes = ParseLocal(form.Get("closes_at"), zone);
  if (!closes) errors.Add("closes_at", page.T("assembly.err.time"));
  d.closes_at = closes.value_or(Timestamp{});
  if (!form.Get("quorum").empty()) {
    std::optional<int> quorum = FormInt(form.Get("quorum"));
    if (!quorum) errors.Add("quorum", page.T("assembly.err.number"));
    d.quorum.percent = quorum.value_or(0);
  }
  d.visibility = ParseResultsVisibility(form.Get("visibility")).value_or(ResultsVisibility::kAfterClosing);
  return d;
}

namespace {

http::Response SubmitNew(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/assembly/new");
  Result<Hub> hub = deps.app.hubs.Get(slug);
  if (!hub.ok()) return Failure(page, hub.status());
  if (Status member = RequireHubMember(deps, page.caller(), slug); !member.ok()) return Failure(page, member);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return NewForm(page, *hub, *form, errors, 403);
  }
  ProposalDetails d = ProposalFromForm(page, *form, hub->settings.time_zone, errors);
  if (form->Get("kind") == "election") {
    d.kind = ProposalKind::kElection;
    d.mandate = form->Get("mandate");
    // Candidates in the order the form lists members (the store's order), ticked as cand-<member id>.
    PageRequest request;
    request.limit = 200;
    Result<Page<MemberInHub>> members = deps.app.hubs.Members(page.caller(), slug, request);
    if (members.ok()) {
      for (const MemberInHub& m : members->items) {
        if (form->Has("cand-" + m.member.id.value)) d.candidates.push_back(m.member.id);
      }
    }
  }
  d.anonymous = form->Has("anonymous");
  if (!errors.empty()) {
    // The rest is still checked, so that every mistake shows at once.
    AddDraftErrors(page, ValidateProposalDetails(d, deps.app.clock().Now()), errors);
    return NewForm(page, *hub, *form, errors, 422);
  }
  Result<ProposalView> created = deps.app.assembly.Create(page.caller(), slug, d);
  if (!created.ok()) {
    AddDraftErrors(page, created.status(), errors);
    return NewForm(page, *hub, *form, errors, created.status().kind() == StatusKind::kInvalid ? 422 : 403);
  }
  return page.Redirect("/p/" + created->proposal.id.value + "?created=1");
}

// --- one proposal -------------------------------------------------------------------------------------------

}  // namespace

// The ballot form's inputs for the proposal's method.
void AddBallotForm(PageContext& page, const Proposal& p, const Form* form, mustache::data& d) {
  const ProposalDetails& det = p.details;
  auto value = [&](const std::string& name) { return form ? form->Get(name) : std::string(); };
  d.set("method_" + std::string(CountingMethodName(det.method)), mustache::data(true));
  if (det.method == CountingMethod::kConsent || det.method == CountingMethod::kMajority) {
    mustache::data positions{mustache::data::type::list};
    std::vector<const char*> names = det.method == CountingMethod::kConsent
                                         ? std::vector<const char*>{"agree", "abstain", "object", "block"}
                                         : std::vector<const char*>{"yes", "no", "abstain"};
    for (const char* name : names) {
      mustache::data item;
      item.set("value", name);
      item.set("label", page.T(std::string("assembly.position.") + name));
      item.set("checked", mustache::data(value("position") == name));
      positions.push_back(item);
    }
    d.set("positions", positions);
    d.set("reason", value("reason"));
  }
  mustache::data options{mustache::data::type::list};
  for (size_t i = 0; i < det.options.size(); ++i) {
    mustache::data item;
    item.set("index", std::to_string(i));
    item.set("label", det.options[i]);
    item.set("checked", mustache::data(form && form->Has("approve-" + std::to_string(i))));
    item.set("value", value("option-" + std::to_string(i)));
    mustache::data scores{mustache::data::type::list};
    for (int s = 0; s <= det.max_score; ++s) {
      mustache::data score;
      score.set("score", std::to_string(s));
      score.set("selected", mustache::data(value("option-" + std::to_string(i)) == std::to_string(s)));
      scores.push_back(score);
    }
    item.set("scores", scores);
    options.push_back(item);
  }
  d.set("options", options);
  d.set("dots", std::to_string(det.dots));
  d.set("max_score", std::to_string(det.max_score));
  // Ranked ballots: one select per rank, each listing every option.
  mustache::data ranks{mustache::data::type::list};
  for (size_t r = 0; r < det.options.size(); ++r) {
    mustache::data rank;
    rank.set("rank", std::to_string(r + 1));
    mustache::data choices{mustache::data::type::list};
    for (size_t i = 0; i < det.options.size(); ++i) {
      mustache::data choice;
      choice.set("index", std::to_string(i));
      choice.set("label", det.options[i]);
      choice.set("selected", mustache::data(value("rank-" + std::to_string(r + 1)) == std::to_string(i)));
      choices.push_back(choice);
    }
    rank.set("choices", choices);
    ranks.push_back(rank);
  }
  d.set("ranks", ranks);
  d.set("rank_selects", mustache::partial([] { return std::string(AssetText("templates/ranks.mustache")); }));
}

void AddOutcome(PageContext& page, const Proposal& p, const Outcome& o, mustache::data& d) {
  const std::vector<std::string>& options = p.details.options;
  auto label = [&](int i) { return i >= 0 && i < static_cast<int>(options.size()) ? options[i] : std::string(); };
  auto names = [&](const std::vector<int>& list) {
    std::string out;
    for (int i : list) out += (out.empty() ? "" : ", ") + label(i);
    return out;
  };
  d.set("participants", std::to_string(o.participants));
  d.set("electorate", std::to_string(o.electorate));
  d.set("quorum_required", std::to_string(o.quorum_required));
  d.set("has_quorum_rule", mustache::data(o.quorum_required > 0));
  d.set("quorum_reached", mustache::data(o.quorum_reached));
  d.set("passes", mustache::data(o.passes));
  d.set("final", mustache::data(p.status == ProposalStatus::kClosed));
  d.set("yes_no", mustache::data(!MethodHasOptions(p.details.method)));
  d.set("winners", names(o.winners));
  d.set("has_winners", mustache::data(!o.winners.empty()));
  mustache::data totals{mustache::data::type::list};
  for (const OutcomeTotal& t : o.totals) {
    mustache::data item;
    // Consent and majority totals are labelled by position; translate those.
    std::string key = "assembly.position." + t.label;
    item.set("label", MethodHasOptions(p.details.method) ? t.label : page.T(key));
    item.set("value", t.value);
    totals.push_back(item);
  }
  d.set("totals", totals);
  mustache::data heads{mustache::data::type::list};
  for (const std::string& option : options) {
    mustache::data h;
    h.set("label", option);
    heads.push_back(h);
  }
  d.set("round_heads", heads);
  mustache::data rounds{mustache::data::type::list};
  for (const OutcomeRound& r : o.rounds) {
    mustache::data row;
    row.set("round", std::to_string(r.round));
    row.set("threshold", r.threshold);
    mustache::data cells{mustache::data::type::list};
    for (const std::string& v : r.votes) {
      mustache::data cell;
      cell.set("value", v.empty() ? std::string("—") : v);
      cells.push_back(cell);
    }
    row.set("cells", cells);
    row.set("inactive", r.inactive);
    row.set("elected", names(r.elected));
    row.set("eliminated", names(r.eliminated));
    std::string notes;
    for (const std::string& n : r.notes) notes += (notes.empty() ? "" : " ") + n;
    row.set("notes", notes);
    rounds.push_back(row);
  }
  d.set("rounds", rounds);
  d.set("has_rounds", mustache::data(!o.rounds.empty()));
  auto strings = [](const std::vector<std::string>& items) {
    mustache::data list{mustache::data::type::list};
    for (const std::string& s : items) {
      mustache::data item;
      item.set("text", s);
      list.push_back(item);
    }
    return list;
  };
  d.set("notes", strings(o.notes));
  d.set("objections", strings(o.objections));
  d.set("has_objections", mustache::data(!o.objections.empty()));
  d.set("blocks", strings(o.blocks));
  d.set("has_blocks", mustache::data(!o.blocks.empty()));
}

namespace {

http::Response ProposalPage(PageContext& page, const ProposalView& v, const Form* form, const FormErrors& errors,
                            int status) {
  const Proposal& p = v.proposal;
  Result<Hub> hub = page.deps().app.hubs.GetById(p.hub);
  std::string zone = hub.ok() ? hub->settings.time_zone : "UTC";
  mustache::data d;
  d.set("id", p.id.value);
  d.set("title", p.details.title);
  if (hub.ok()) {
    d.set("slug", hub->slug);
    d.set("hub_name", hub->settings.name);
  }
  d.set("text_html", MarkdownToSafeHtml(p.details.text));
  d.set("status", StatusText(page.lang(), p.status));
  d.set("method", MethodText(page.lang(), p.details.method));
  d.set("closes", FormatLocal(p.details.closes_at, zone, page.lang()));
  if (p.details.review_at) d.set("review", FormatLocal(*p.details.review_at, zone, page.lang()));
  d.set("anonymous", mustache::data(p.details.anonymous));
  d.set("ballots_cast", std::to_string(p.ballots_cast));
  d.set("electorate_size", std::to_string(p.electorate_size));
  d.set("is_draft", mustache::data(p.status == ProposalStatus::kDraft));
  d.set("is_open", mustache::data(p.status == ProposalStatus::kOpen));
  d.set("may_vote", mustache::data(v.may_vote));
  d.set("has_voted", mustache::data(v.has_voted));
  d.set("may_open", mustache::data(v.may_manage && p.status == ProposalStatus::kDraft));
  d.set("may_close", mustache::data(v.may_manage && p.status == ProposalStatus::kOpen));
  d.set("results_visible", mustache::data(v.results_visible));
  if (v.may_vote) AddBallotForm(page, p, form, d);
  if (page.request().Query("created")) d.set("notice", page.T("assembly.created"));
  if (page.request().Query("voted")) d.set("notice", page.T("assembly.voted"));
  page.AddErrors(d, errors, {{"position", {"assembly.field.position", "position"}},
                             {"reason", {"assembly.field.reason", ""}},
                             {"ballot", {"assembly.field.ballot", "ballot"}}});
  return page.Render(status, "proposal", std::move(d), p.details.title);
}

http::Response ShowProposal(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& id = req.Param("id");
  if (!page.signed_in()) return page.Redirect("/signin?next=/p/" + id);
  Result<ProposalView> v = deps.app.assembly.Get(page.caller(), ProposalId{id});
  if (!v.ok()) return Failure(page, v.status());
  return ProposalPage(page, *v, nullptr, FormErrors(), 200);
}

}  // namespace

// Reads the ballot form of `d`'s method.
Ballot BallotFromForm(const ProposalDetails& d, const Form& form) {
  Ballot b;
  int n = static_cast<int>(d.options.size());
  switch (d.method) {
    case CountingMethod::kConsent:
      b.position = form.Get("position");
      b.reason = form.Get("reason");
      break;
    case CountingMethod::kMajority: b.position = form.Get("position"); break;
    case CountingMethod::kApproval:
      for (int i = 0; i < n; ++i) {
        if (form.Has("approve-" + std::to_string(i))) b.approve.push_back(i);
      }
      break;
    case CountingMethod::kScore:
    case CountingMethod::kDot:
      for (int i = 0; i < n; ++i) {
        // A blank counts as 0 (the lowest score, no dots); anything but a whole number is refused as -1.
        const std::string& text = form.Get("option-" + std::to_string(i));
        (d.method == CountingMethod::kScore ? b.scores : b.dots).push_back(text.empty() ? 0 : FormInt(text).value_or(-1));
      }
      break;
    case CountingMethod::kIrv:
    case CountingMethod::kStv:
    case CountingMethod::kSchulze:
      // Blank ranks are skipped: "1st A, 2nd blank, 3rd B" ranks A then B.
      for (int r = 1; r <= n; ++r) {
        std::optional<int> v = FormInt(form.Get("rank-" + std::to_string(r)));
        if (v) b.ranking.push_back(*v);
      }
      break;
  }
  return b;
}

namespace {

http::Response SubmitVote(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& id = req.Param("id");
  if (!page.signed_in()) return page.Redirect("/signin?next=/p/" + id);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  Result<ProposalView> v = deps.app.assembly.Get(page.caller(), ProposalId{id});
  if (!v.ok()) return Failure(page, v.status());
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ProposalPage(page, *v, &*form, errors, 403);
  }
  Result<ProposalView> voted =
      deps.app.assembly.Vote(page.caller(), ProposalId{id}, BallotFromForm(v->proposal.details, *form));
  if (!voted.ok()) {
    const Status& s = voted.status();
    if (s.kind() == StatusKind::kInvalid) {
      for (const FieldError& f : s.fields()) {
        if (f.field == "reason") {
          errors.Add("reason", page.T(f.message == "is required" ? "assembly.err.reason" : "assembly.err.ballot"));
        } else if (f.field == "position") {
          errors.Add("position", page.T("assembly.err.position"));
        } else {
          errors.Add("ballot", page.T("assembly.err.ballot"));
        }
      }
    } else {
      errors.SetForm(s.kind() == StatusKind::kConflict ? page.T("assembly.err.closed_or_voted")
                                                       : KindMessage(page.lang(), s.kind()));
    }
    Result<ProposalView> fresh = deps.app.assembly.Get(page.caller(), ProposalId{id});
    int code = s.kind() == StatusKind::kInvalid ? 422 : s.kind() == StatusKind::kConflict ? 409 : 403;
    return ProposalPage(page, fresh.ok() ? *fresh : *v, &*form, errors, code);
  }
  return page.Redirect("/p/" + id + "?voted=1");
}

// Open and close: a coordinator's buttons.
http::Response SubmitTransition(WebDeps& deps, http::Request& req, bool open) {
  PageContext page(deps, req);
  const std::string& id = req.Param("id");
  if (!page.signed_in()) return page.Redirect("/signin?next=/p/" + id);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  Result<ProposalView> v = deps.app.assembly.Get(page.caller(), ProposalId{id});
  if (!v.ok()) return Failure(page, v.status());
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ProposalPage(page, *v, nullptr, errors, 403);
  }
  Result<ProposalView> done = open ? deps.app.assembly.Open(page.caller(), ProposalId{id})
                                   : deps.app.assembly.Close(page.caller(), ProposalId{id});
  if (!done.ok()) {
    errors.SetForm(done.status().kind() == StatusKind::kConflict ? page.T("assembly.err.transition")
                                                                  : KindMessage(page.lang(), done.status().kind()));
    return ProposalPage(page, *v, nullptr, errors, done.status().kind() == StatusKind::kConflict ? 409 : 403);
  }
  return page.Redirect(open ? "/p/" + id : "/p/" + id + "/results");
}

http::Response ShowResults(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& id = req.Param("id");
  if (!page.signed_in()) return page.Redirect("/signin?next=/p/" + id + "/results");
  Result<ProposalView> v = deps.app.assembly.Get(page.caller(), ProposalId{id});
  if (!v.ok()) return Failure(page, v.status());
  mustache::data d;
  d.set("id", id);
  d.set("title", v->proposal.details.title);
  d.set("method", MethodText(page.lang(), v->proposal.details.method));
  Result<Outcome> outcome = deps.app.assembly.Results(page.caller(), ProposalId{id});
  if (!outcome.ok()) {
    if (outcome.status().kind() != StatusKind::kConflict) return Failure(page, outcome.status());
    d.set("hidden", mustache::data(true));
  } else {
    AddOutcome(page, v->proposal, *outcome, d);
    // Open ballots: who voted how, under the same rule as the results.
    if (!v->proposal.details.anonymous) {
      Result<std::vector<RecordedVote>> votes = deps.app.assembly.Votes(page.caller(), ProposalId{id});
      mustache::data list{mustache::data::type::list};
      if (votes.ok()) {
        for (const RecordedVote& rv : *votes) {
          mustache::data row;
          row.set("name", rv.display_name);
          row.set("ballot", BallotText(page, rv.ballot, v->proposal.details.options));
          list.push_back(row);
        }
      }
      d.set("open_votes", list);
      d.set("has_open_votes", mustache::data(votes.ok() && !votes->empty()));
    }
  }
  return page.Render(200, "proposal_results", std::move(d),
                     page.T("assembly.results_title", {{"title", v->proposal.details.title}}));
}

}  // namespace

// --- delegates ----------------------------------------------------------------------------------------------

std::string BallotText(PageContext& page, const Ballot& b, const std::vector<std::string>& options) {
  if (!b.position.empty()) return page.T("assembly.position." + b.position);
  auto name = [&](int i) { return i >= 0 && i < static_cast<int>(options.size()) ? options[i] : std::string(); };
  std::string out;
  for (int i : b.ranking.empty() ? b.approve : b.ranking) out += (out.empty() ? "" : ", ") + name(i);
  const std::vector<int>& points = b.scores.empty() ? b.dots : b.scores;
  for (size_t i = 0; i < points.size(); ++i) {
    out += (out.empty() ? "" : ", ") + name(static_cast<int>(i)) + ": " + std::to_string(points[i]);
  }
  return out;
}

namespace {

http::Response DelegatesPage(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/delegates");
  Result<Hub> hub = deps.app.hubs.Get(slug);
  if (!hub.ok()) return Failure(page, hub.status());
  Result<std::vector<DelegateView>> delegates = deps.app.assembly.Delegates(page.caller(), slug);
  if (!delegates.ok()) return Failure(page, delegates.status());
  mustache::data list{mustache::data::type::list};
  for (const DelegateView& v : *delegates) {
    const Delegate& d = v.delegate;
    mustache::data item;
    item.set("id", d.id.value);
    item.set("name", v.display_name);
    item.set("mandate", d.mandate);
    item.set("elected", FormatLocal(d.elected_at, hub->settings.time_zone, page.lang()));
    item.set("active", mustache::data(d.status == DelegateStatus::kActive));
    mustache::data votes{mustache::data::type::list};
    Result<std::vector<DelegateVote>> recorded = deps.app.assembly.DelegateVotes(page.caller(), d.id);
    if (recorded.ok()) {
      for (const DelegateVote& vote : *recorded) {
        mustache::data row;
        row.set("href", vote.council_id.empty() ? "/p/" + vote.proposal.value
                                                : "/councils/" + vote.council_id + "/p/" + vote.proposal.value);
        row.set("title", vote.title);
        if (!vote.council.empty()) row.set("council", vote.council);
        row.set("ballot", BallotText(page, vote.ballot, vote.options));
        votes.push_back(row);
      }
    }
    item.set("has_votes", mustache::data(recorded.ok() && !recorded->empty()));
    item.set("votes", votes);
    list.push_back(item);
  }
  mustache::data d;
  d.set("slug", slug);
  d.set("hub_name", hub->settings.name);
  d.set("delegates", list);
  d.set("has_delegates", mustache::data(!delegates->empty()));
  return page.Render(200, "delegates", std::move(d), page.T("delegates.title", {{"hub", hub->settings.name}}));
}

// Any member starts a recall vote: a simple-majority, secret proposal closing in a week, opened at once.
http::Response StartRecall(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  const std::string& slug = req.Param("slug");
  if (!page.signed_in()) return page.Redirect("/signin?next=/h/" + slug + "/delegates");
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  if (!page.CsrfOk(*form)) return page.Redirect("/h/" + slug + "/delegates");
  Result<std::vector<DelegateView>> delegates = deps.app.assembly.Delegates(page.caller(), slug);
  if (!delegates.ok()) return Failure(page, delegates.status());
  const DelegateView* target = nullptr;
  for (const DelegateView& v : *delegates) {
    if (v.delegate.id.value == req.Param("id")) target = &v;
  }
  if (!target) return Failure(page, Status::NotFound("delegate not found"));
  ProposalDetails d;
  d.kind = ProposalKind::kRecall;
  d.method = CountingMethod::kMajority;
  d.recall_delegate = target->delegate.id.value;
  d.title = page.T("delegates.recall_title", {{"name", target->display_name}});
  d.text = target->delegate.mandate;
  d.closes_at = deps.app.clock().Now() + Seconds(7 * 24 * 3600);
  Result<ProposalView> created = deps.app.assembly.Create(page.caller(), slug, d);
  if (!created.ok()) return Failure(page, created.status());
  Result<ProposalView> opened = deps.app.assembly.Open(page.caller(), created->proposal.id);
  if (!opened.ok()) return Failure(page, opened.status());
  return page.Redirect("/p/" + created->proposal.id.value);
}

}  // namespace

void RegisterAssemblyPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/assembly", "web.assembly", [&deps](http::Request& r) { return AssemblyPage(deps, r); });
  router.Add("GET", "/h/{slug}/assembly/new", "web.assembly.new", [&deps](http::Request& r) { return ShowNew(deps, r); });
  router.Add("POST", "/h/{slug}/assembly/new", "web.assembly.create",
             [&deps](http::Request& r) { return SubmitNew(deps, r); });
  router.Add("GET", "/p/{id}", "web.proposal", [&deps](http::Request& r) { return ShowProposal(deps, r); });
  router.Add("POST", "/p/{id}/vote", "web.proposal.vote", [&deps](http::Request& r) { return SubmitVote(deps, r); });
  router.Add("POST", "/p/{id}/open", "web.proposal.open",
             [&deps](http::Request& r) { return SubmitTransition(deps, r, true); });
  router.Add("POST", "/p/{id}/close", "web.proposal.close",
             [&deps](http::Request& r) { return SubmitTransition(deps, r, false); });
  router.Add("GET", "/h/{slug}/delegates", "web.delegates",
             [&deps](http::Request& r) { return DelegatesPage(deps, r); });
  router.Add("POST", "/h/{slug}/delegates/{id}/recall", "web.delegates.recall",
             [&deps](http::Request& r) { return StartRecall(deps, r); });
  router.Add("GET", "/p/{id}/results", "web.proposal.results",
             [&deps](http::Request& r) { return ShowResults(deps, r); });
}

}  // namespace kin::web
