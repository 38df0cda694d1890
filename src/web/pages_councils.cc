// Councils of hubs in the browser, without JavaScript (docs/assemblies.md, "Councils"): a hub's councils with the
// coordinators' convene form and answers to invitations (/h/{slug}/councils), one council with its member hubs, the
// host's invite form and its proposals (/councils/{id}), and one council proposal with the ballot form for the
// hub's delegates, the host's open and close buttons, every hub's ballot and the outcome (/councils/{id}/p/{p}).
// Every rule is the app's (src/app/councils.h); the forms post, are CSRF-checked and redirect back.
#include <cstdio>

#include "web/assembly_view.h"
#include "web/field_messages.h"
#include "web/local_time.h"
#include "web/markdown.h"
#include "web/member_hubs.h"
#include "web/page.h"
#include "web/pages.h"

namespace kin::web {
namespace {

int HttpStatus(const Status& s) {
  switch (s.kind()) {
    case StatusKind::kInvalid: return 422;
    case StatusKind::kNotFound: return 404;
    case StatusKind::kConflict: return 409;
    case StatusKind::kForbidden: return 403;
    case StatusKind::kUnauthenticated: return 401;
    default: return 503;
  }
}

http::Response CouncilFailure(PageContext& page, const Status& s) {
  if (s.kind() == StatusKind::kNotFound || s.kind() == StatusKind::kForbidden) {
    return page.Message(HttpStatus(s), page.T("council.not_found"), page.T("council.not_found_text"), "/me",
                        page.T("layout.my_page"));
  }
  return page.Message(503, page.T("err.kind.unavailable"), KindMessage(page.lang(), s.kind()));
}

std::string Standing(PageContext& page, CouncilStanding s) {
  return page.T(std::string("council.standing.") + CouncilStandingName(s));
}

// --- a hub's councils ---------------------------------------------------------------------------------------

http::Response ListPage(PageContext& page, const HubRoles& h, int status, const FormErrors& errors,
                        const std::string& name) {
  Result<std::vector<Council>> councils = page.deps().app.councils.List(page.caller(), h.hub.slug);
  if (!councils.ok()) return CouncilFailure(page, councils.status());
  mustache::data list{mustache::data::type::list};
  for (const Council& c : *councils) {
    mustache::data item;
    item.set("id", c.id.value);
    item.set("name", c.name);
    item.set("host", c.host_actor);
    item.set("standing", Standing(page, c.standing));
    item.set("answer", mustache::data(h.coordinator() && c.standing == CouncilStanding::kInvited));
    list.push_back(item);
  }
  mustache::data d;
  d.set("slug", h.hub.slug);
  d.set("hub_name", h.hub.settings.name);
  d.set("councils", list);
  d.set("has_councils", mustache::data(!councils->empty()));
  d.set("coordinator", mustache::data(h.coordinator()));
  d.set("name", name);
  if (page.request().Query("answered")) d.set("notice", page.T("council.done.answered"));
  page.AddErrors(d, errors, {{"name", {"council.field.name", ""}}});
  std::string title = page.T("council.list_title", {{"hub", h.hub.settings.name}});
  return page.Render(status, "councils", std::move(d), errors.empty() ? title : page.T("form.error_prefix") + title);
}

std::optional<HubRoles> Member(PageContext& page, std::optional<http::Response>& answer) {
  if (!page.signed_in()) {
    answer = SignInFirst(page);
    return std::nullopt;
  }
  const std::string& slug = page.request().Param("slug");
  std::optional<HubRoles> h = MyRolesIn(page, slug);
  if (!h) answer = page.deps().app.hubs.Get(slug).ok() ? NotAllowed(page) : HubNotFoundPage(page);
  return h;
}

http::Response ShowList(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Member(page, answer);
  if (!h) return *answer;
  return ListPage(page, *h, 200, FormErrors(), "");
}

http::Response Convene(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  std::optional<http::Response> answer;
  std::optional<HubRoles> h = Member(page, answer);
  if (!h) return *answer;
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ListPage(page, *h, 403, errors, form->Get("name"));
  }
  Result<CouncilView> v = deps.app.councils.Convene(page.caller(), h->hub.slug, form->Get("name"));
  if (v.ok()) return page.Redirect("/councils/" + v->council.id.value + "?convened=1");
  if (v.status().kind() == StatusKind::kInvalid) {
    errors.Add("name", page.T("council.err.name"));
  } else {
    errors.SetForm(KindMessage(page.lang(), v.status().kind()));
  }
  return ListPage(page, *h, HttpStatus(v.status()), errors, form->Get("name"));
}

// --- one council --------------------------------------------------------------------------------------------

http::Response CouncilPage(PageContext& page, const CouncilId& id, int status, const FormErrors& errors,
                           const std::string& target) {
  Result<CouncilView> v = page.deps().app.councils.Get(page.caller(), id);
  if (!v.ok()) return CouncilFailure(page, v.status());
  Result<Hub> hub = page.deps().app.hubs.GetById(v->council.hub);
  if (!hub.ok()) return CouncilFailure(page, hub.status());
  const std::string& zone = hub->settings.time_zone;
  const Council& c = v->council;
  mustache::data d;
  d.set("id", c.id.value);
  d.set("council_id", c.id.value);
  d.set("name", c.name);
  d.set("slug", hub->slug);
  d.set("hub_name", hub->settings.name);
  d.set("host", c.host_actor);
  d.set("standing", Standing(page, c.standing));
  bool host = c.standing == CouncilStanding::kHost;
  d.set("is_host", mustache::data(host));
  d.set("may_invite", mustache::data(host && v->may_manage));
  d.set("may_answer", mustache::data(c.standing == CouncilStanding::kInvited && v->may_manage));
  d.set("may_leave", mustache::data(c.standing == CouncilStanding::kMember && v->may_manage));
  d.set("target", target);
  mustache::data members{mustache::data::type::list};
  for (const CouncilMember& m : v->members) {
    mustache::data item;
    item.set("name", m.name);
    item.set("actor", m.actor);
    item.set("state", page.T(std::string("council.member_state.") + CouncilMemberStateName(m.state)));
    bool removable = v->may_manage && CheckCouncilRemove(m).ok();
    item.set("removable", mustache::data(removable));
    item.set("council_id", c.id.value);
    if (removable) item.set("remove_confirm", page.T("council.remove_confirm", {{"hub", m.name}}));
    members.push_back(item);
  }
  d.set("members", members);
  d.set("has_members", mustache::data(!v->members.empty()));
  Result<std::vector<CouncilProposalView>> proposals = page.deps().app.councils.ListProposals(page.caller(), id);
  if (!proposals.ok()) return CouncilFailure(page, proposals.status());
  mustache::data list{mustache::data::type::list};
  for (const CouncilProposalView& p : *proposals) {
    mustache::data item;
    item.set("id", p.proposal.id.value);
    item.set("title", p.proposal.details.title);
    item.set("status", StatusText(page.lang(), p.proposal.status));
    item.set("closes", FormatLocal(p.proposal.details.closes_at, zone, page.lang()));
    list.push_back(item);
  }
  d.set("proposals", list);
  d.set("has_proposals", mustache::data(!proposals->empty()));
  for (const char* done : {"convened", "invited", "answered", "left", "removed"}) {
    if (page.request().Query(done)) d.set("notice", page.T(std::string("council.done.") + done));
  }
  page.AddErrors(d, errors, {{"target", {"council.field.target", ""}}});
  return page.Render(status, "council", std::move(d), errors.empty() ? c.name : page.T("form.error_prefix") + c.name);
}

http::Response ShowCouncil(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  if (!page.signed_in()) return page.Redirect("/signin?next=/councils/" + req.Param("id"));
  return CouncilPage(page, CouncilId{req.Param("id")}, 200, FormErrors(), "");
}

// Runs one council action from a posted form and redirects to `done`, or shows the council page with what went
// wrong.
template <typename Act>
http::Response CouncilPost(WebDeps& deps, http::Request& req, const std::string& done, Act act) {
  PageContext page(deps, req);
  CouncilId id{req.Param("id")};
  if (!page.signed_in()) return page.Redirect("/signin?next=/councils/" + id.value);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return CouncilPage(page, id, 403, errors, form->Get("target"));
  }
  Status s = act(page, id, *form);
  if (s.ok()) return page.Redirect("/councils/" + id.value + "?" + done + "=1");
  if (s.kind() == StatusKind::kNotFound) return CouncilFailure(page, s);
  if (s.kind() == StatusKind::kInvalid) {
    std::fprintf(stderr, "kin: council invitation from the page refused: %s\n", s.ToString().c_str());
    errors.Add("target", form->Get("target").empty() ? page.T("council.err.target_empty") : page.T("council.err.target"));
  } else {
    errors.SetForm(KindMessage(page.lang(), s.kind()));
  }
  return CouncilPage(page, id, HttpStatus(s), errors, form->Get("target"));
}

// Leaving a council and removing a hub take a ticked "confirm" box: without JavaScript there is no dialog, and
// one stray tap must not take a hub out of a council. Who may do it is checked first, so that a member who may
// not is told so rather than asked to tick a box.
http::Response MembershipPost(WebDeps& deps, http::Request& req, bool leave) {
  PageContext page(deps, req);
  CouncilId id{req.Param("id")};
  if (!page.signed_in()) return page.Redirect("/signin?next=/councils/" + id.value);
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return CouncilPage(page, id, 403, errors, "");
  }
  if (form->Get("confirm") != "yes") {
    Result<CouncilView> v = deps.app.councils.Get(page.caller(), id);
    if (!v.ok()) return CouncilFailure(page, v.status());
    if (!v->may_manage) return CouncilFailure(page, Status::Forbidden("coordinators only"));
    errors.SetForm(page.T(leave ? "council.err.confirm_leave" : "council.err.confirm_remove"));
    return CouncilPage(page, id, 422, errors, "");
  }
  Status s = leave ? deps.app.councils.Leave(page.caller(), id).status()
                   : deps.app.councils.Remove(page.caller(), id, form->Get("hub")).status();
  if (s.ok()) return page.Redirect("/councils/" + id.value + (leave ? "?left=1" : "?removed=1"));
  if (s.kind() == StatusKind::kNotFound || s.kind() == StatusKind::kForbidden) return CouncilFailure(page, s);
  errors.SetForm(s.kind() == StatusKind::kInvalid ? page.T("council.err.remove_hub") : KindMessage(page.lang(), s.kind()));
  return CouncilPage(page, id, HttpStatus(s), errors, "");
}

// --- one council proposal -----------------------------------------------------------------------------------

http::Response ProposalPage(PageContext& page, const CouncilProposalView& v, const Form* form,
                            const FormErrors& errors, int status) {
  const Proposal& p = v.proposal;
  Result<Hub> hub = page.deps().app.hubs.GetById(v.council.hub);
  std::string zone = hub.ok() ? hub->settings.time_zone : "UTC";
  mustache::data d;
  d.set("council_id", v.council.id.value);
  d.set("council_name", v.council.name);
  d.set("id", p.id.value);
  d.set("title", p.details.title);
  d.set("text_html", MarkdownToSafeHtml(p.details.text));
  d.set("status", StatusText(page.lang(), p.status));
  d.set("method", MethodText(page.lang(), p.details.method));
  d.set("closes", FormatLocal(p.details.closes_at, zone, page.lang()));
  d.set("ballots_cast", std::to_string(p.ballots_cast));
  d.set("electorate_size", std::to_string(p.electorate_size));
  d.set("is_draft", mustache::data(p.status == ProposalStatus::kDraft));
  d.set("may_vote", mustache::data(v.may_vote));
  d.set("hub_has_voted", mustache::data(v.hub_has_voted));
  d.set("may_open", mustache::data(v.may_manage && p.status == ProposalStatus::kDraft));
  d.set("may_close", mustache::data(v.may_manage && p.status == ProposalStatus::kOpen));
  if (v.may_vote) AddBallotForm(page, p, form, d);
  mustache::data votes{mustache::data::type::list};
  for (const CouncilVote& vote : v.votes) {
    mustache::data row;
    row.set("hub", vote.hub_name.empty() ? vote.hub_actor : vote.hub_name);
    row.set("delegate", vote.delegate_name);
    row.set("ballot", BallotText(page, vote.ballot, p.details.options));
    votes.push_back(row);
  }
  d.set("votes", votes);
  d.set("has_votes", mustache::data(!v.votes.empty()));
  if (p.outcome) {
    d.set("has_outcome", mustache::data(true));
    AddOutcome(page, p, *p.outcome, d);
  }
  if (page.request().Query("voted")) d.set("notice", page.T("council.done.voted"));
  page.AddErrors(d, errors, {{"position", {"assembly.field.position", "position"}},
                             {"reason", {"assembly.field.reason", ""}},
                             {"ballot", {"assembly.field.ballot", "ballot"}}});
  return page.Render(status, "council_proposal", std::move(d), p.details.title);
}

http::Response ShowProposal(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  CouncilId id{req.Param("id")};
  ProposalId proposal{req.Param("proposal")};
  if (!page.signed_in()) return page.Redirect("/signin?next=/councils/" + id.value + "/p/" + proposal.value);
  Result<CouncilProposalView> v = deps.app.councils.GetProposal(page.caller(), id, proposal);
  if (!v.ok()) return CouncilFailure(page, v.status());
  return ProposalPage(page, *v, nullptr, FormErrors(), 200);
}

// vote, open or close, then back to the proposal.
http::Response ProposalPost(WebDeps& deps, http::Request& req, const std::string& action) {
  PageContext page(deps, req);
  CouncilId id{req.Param("id")};
  ProposalId proposal{req.Param("proposal")};
  std::string back = "/councils/" + id.value + "/p/" + proposal.value;
  if (!page.signed_in()) return page.Redirect("/signin?next=" + back);
  Result<CouncilProposalView> v = deps.app.councils.GetProposal(page.caller(), id, proposal);
  if (!v.ok()) return CouncilFailure(page, v.status());
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return ProposalPage(page, *v, &*form, errors, 403);
  }
  Result<CouncilProposalView> done =
      action == "vote"   ? deps.app.councils.Vote(page.caller(), id, proposal, BallotFromForm(v->proposal.details, *form))
      : action == "open" ? deps.app.councils.Open(page.caller(), id, proposal)
                         : deps.app.councils.Close(page.caller(), id, proposal);
  if (done.ok()) return page.Redirect(back + (action == "vote" ? "?voted=1" : ""));
  if (done.status().kind() == StatusKind::kInvalid) {
    // In the assembly's words, at the input to fix.
    for (const FieldError& f : done.status().fields()) {
      if (f.field == "reason") {
        errors.Add("reason", page.T(f.message == "is required" ? "assembly.err.reason" : "assembly.err.ballot"));
      } else if (f.field == "position") {
        errors.Add("position", page.T("assembly.err.position"));
      } else {
        errors.Add("ballot", page.T("assembly.err.ballot"));
      }
    }
    if (errors.empty()) errors.SetForm(KindMessage(page.lang(), StatusKind::kInvalid));
  } else {
    errors.SetForm(KindMessage(page.lang(), done.status().kind()));
  }
  return ProposalPage(page, *v, &*form, errors, HttpStatus(done.status()));
}

// --- drafting a council proposal (host coordinators) ----------------------------------------------------

http::Response NewPage(PageContext& page, const CouncilView& v, const Form& form, const FormErrors& errors,
                       int status) {
  mustache::data d;
  d.set("council_id", v.council.id.value);
  d.set("council_name", v.council.name);
  mustache::data values{mustache::data::type::object};
  for (const char* name : {"title", "text", "options", "seats", "closes_at", "quorum"}) values.set(name, form.Get(name));
  d.set("v", values);
  AddDraftChoices(page, form, "majority", d);
  page.AddErrors(d, errors, DraftLabels());
  std::string title = page.T("council.new_title");
  return page.Render(status, "council_proposal_new", std::move(d),
                     errors.empty() ? title : page.T("form.error_prefix") + title);
}

// The council, if the caller coordinates its host hub; else the answer to give.
Result<CouncilView> HostCouncil(PageContext& page, const CouncilId& id) {
  Result<CouncilView> v = page.deps().app.councils.Get(page.caller(), id);
  if (!v.ok()) return v.status();
  if (v->council.standing != CouncilStanding::kHost || !v->may_manage) {
    return Status::Forbidden("only the host hub's coordinators draft council proposals");
  }
  return v;
}

http::Response ShowNew(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  CouncilId id{req.Param("id")};
  if (!page.signed_in()) return page.Redirect("/signin?next=/councils/" + id.value + "/new");
  Result<CouncilView> v = HostCouncil(page, id);
  if (!v.ok()) return v.status().kind() == StatusKind::kForbidden ? NotAllowed(page) : CouncilFailure(page, v.status());
  return NewPage(page, *v, Form(), FormErrors(), 200);
}

http::Response SubmitNew(WebDeps& deps, http::Request& req) {
  PageContext page(deps, req);
  CouncilId id{req.Param("id")};
  if (!page.signed_in()) return page.Redirect("/signin?next=/councils/" + id.value + "/new");
  Result<CouncilView> v = HostCouncil(page, id);
  if (!v.ok()) return v.status().kind() == StatusKind::kForbidden ? NotAllowed(page) : CouncilFailure(page, v.status());
  std::optional<Form> form = page.ReadForm();
  if (!form) return page.BadForm();
  FormErrors errors;
  if (!page.CsrfOk(*form)) {
    errors.SetForm(page.T("err.csrf"));
    return NewPage(page, *v, *form, errors, 403);
  }
  Result<Hub> hub = deps.app.hubs.GetById(v->council.hub);
  if (!hub.ok()) return CouncilFailure(page, hub.status());
  ProposalDetails d = ProposalFromForm(page, *form, hub->settings.time_zone, errors);
  d.anonymous = false;
  if (!errors.empty()) {
    // The rest is still checked, so that every mistake shows at once.
    AddDraftErrors(page, ValidateProposalDetails(d, deps.app.clock().Now()), errors);
    return NewPage(page, *v, *form, errors, 422);
  }
  Result<CouncilProposalView> created = deps.app.councils.CreateProposal(page.caller(), id, d);
  if (!created.ok()) {
    AddDraftErrors(page, created.status(), errors);
    return NewPage(page, *v, *form, errors, HttpStatus(created.status()));
  }
  return page.Redirect("/councils/" + id.value + "/p/" + created->proposal.id.value);
}

}  // namespace

void RegisterCouncilPages(http::Router& router, WebDeps& deps) {
  router.Add("GET", "/h/{slug}/councils", "web.councils", [&deps](http::Request& req) { return ShowList(deps, req); });
  router.Add("POST", "/h/{slug}/councils", "web.councils.convene",
             [&deps](http::Request& req) { return Convene(deps, req); });
  router.Add("GET", "/councils/{id}", "web.council", [&deps](http::Request& req) { return ShowCouncil(deps, req); });
  router.Add("POST", "/councils/{id}/invite", "web.council.invite", [&deps](http::Request& req) {
    return CouncilPost(deps, req, "invited", [](PageContext& page, const CouncilId& id, const Form& form) {
      return page.deps().app.councils.Invite(page.caller(), id, form.Get("target")).status();
    });
  });
  for (bool accept : {true, false}) {
    router.Add("POST", accept ? "/councils/{id}/accept" : "/councils/{id}/decline",
               accept ? "web.council.accept" : "web.council.decline", [&deps, accept](http::Request& req) {
                 return CouncilPost(deps, req, "answered", [accept](PageContext& page, const CouncilId& id, const Form&) {
                   return page.deps().app.councils.Answer(page.caller(), id, accept).status();
                 });
               });
  }
  router.Add("POST", "/councils/{id}/leave", "web.council.leave",
             [&deps](http::Request& req) { return MembershipPost(deps, req, true); });
  router.Add("POST", "/councils/{id}/remove", "web.council.remove",
             [&deps](http::Request& req) { return MembershipPost(deps, req, false); });
  router.Add("GET", "/councils/{id}/new", "web.council.new", [&deps](http::Request& req) { return ShowNew(deps, req); });
  router.Add("POST", "/councils/{id}/new", "web.council.create",
             [&deps](http::Request& req) { return SubmitNew(deps, req); });
  router.Add("GET", "/councils/{id}/p/{proposal}", "web.council.proposal",
             [&deps](http::Request& req) { return ShowProposal(deps, req); });
  for (const char* action : {"vote", "open", "close"}) {
    router.Add("POST", std::string("/councils/{id}/p/{proposal}/") + action,
               std::string("web.council.proposal.") + action,
               [&deps, a = std::string(action)](http::Request& req) { return ProposalPost(deps, req, a); });
  }
}

}  // namespace kin::web
