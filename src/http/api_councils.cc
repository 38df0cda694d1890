// Councils of hubs (docs/assemblies.md, "Councils"): coordinators convene, invite and answer; the host's
// coordinators draft, open and close council proposals; a hub's delegates cast its ballot. The work is in
// app/councils.h; proposals and ballots use the assembly's JSON (assembly_codec.h).
#include "http/api_support.h"
#include "http/assembly_codec.h"

namespace kin::http {
namespace {

void WriteCouncil(JsonWriter& w, const Council& c) {
  w.BeginObject()
      .Field("id", c.id.value)
      .Field("hub_id", c.hub.value)
      .Field("url", c.url)
      .Field("name", c.name)
      .Field("host", c.host_actor)
      .Field("standing", CouncilStandingName(c.standing))
      .Key("created_at")
      .Time(c.created_at)
      .Key("updated_at")
      .Time(c.updated_at)
      .EndObject();
}

void WriteMember(JsonWriter& w, const CouncilMember& m) {
  w.BeginObject().Field("actor", m.actor).Field("name", m.name).Field("state", CouncilMemberStateName(m.state));
  w.Key("invited_at").Time(m.invited_at).Key("answered_at");
  if (m.answered_at) {
    w.Time(*m.answered_at);
  } else {
    w.Null();
  }
  w.EndObject();
}

Response CouncilResponse(int status, const CouncilView& v) {
  JsonWriter w;
  w.BeginObject().Key("council");
  WriteCouncil(w, v.council);
  w.Key("members").BeginArray();
  for (const CouncilMember& m : v.members) WriteMember(w, m);
  w.EndArray().Key("viewer").BeginObject().Field("may_manage", v.may_manage).EndObject().EndObject();
  return JsonResponse(status, w);
}

void WriteCouncilProposal(JsonWriter& w, const CouncilProposalView& v) {
  w.BeginObject().Field("council_id", v.council.id.value).Field("url", v.url).Key("proposal");
  ProposalView pv;
  pv.proposal = v.proposal;
  pv.may_vote = v.may_vote;
  pv.has_voted = v.hub_has_voted;
  pv.may_manage = v.may_manage;
  pv.results_visible = v.results_visible;
  WriteProposalView(w, pv);
  w.Key("votes").BeginArray();
  for (const CouncilVote& vote : v.votes) {
    w.BeginObject()
        .Field("hub", vote.hub_actor)
        .Field("hub_name", vote.hub_name)
        .Field("delegate_name", vote.delegate_name)
        .Key("delegate_id");
    if (vote.delegate.empty()) {
      w.Null();
    } else {
      w.String(vote.delegate);
    }
    w.Key("ballot");
    WriteBallot(w, vote.ballot);
    w.Key("cast_at").Time(vote.cast_at).EndObject();
  }
  w.EndArray().EndObject();
}

Response ProposalResponse(int status, const CouncilProposalView& v) {
  JsonWriter w;
  WriteCouncilProposal(w, v);
  return JsonResponse(status, w);
}

CouncilId CouncilOf(const Request& req) { return CouncilId{req.Param("council")}; }
ProposalId ProposalOf(const Request& req) { return ProposalId{req.Param("proposal")}; }

}  // namespace

void RegisterCouncilRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/councils", "councils.list", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.List(caller, req.Param("hub")), [](const std::vector<Council>& list) {
        JsonWriter w;
        w.BeginObject().Key("items").BeginArray();
        for (const Council& c : list) WriteCouncil(w, c);
        w.EndArray().EndObject();
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/councils", "councils.convene", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> name = OneString(req, "name");
      if (!name.ok()) return ProblemResponse(name.status());
      return Respond(deps.app.councils.Convene(caller, req.Param("hub"), *name),
                     [](const CouncilView& v) { return CouncilResponse(201, v); });
    });
  });

  router.Add("GET", "/api/v1/councils/{council}", "councils.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.Get(caller, CouncilOf(req)),
                     [](const CouncilView& v) { return CouncilResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/councils/{council}/invitations", "councils.invite", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> target = OneString(req, "target");
      if (!target.ok()) return ProblemResponse(target.status());
      return Respond(deps.app.councils.Invite(caller, CouncilOf(req), *target), [](const CouncilMember& m) {
        JsonWriter w;
        WriteMember(w, m);
        return JsonResponse(201, w);
      });
    });
  });

  for (bool accept : {true, false}) {
    router.Add("POST", accept ? "/api/v1/councils/{council}/accept" : "/api/v1/councils/{council}/decline",
               accept ? "councils.accept" : "councils.decline", [&deps, accept](Request& req) {
                 return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
                   return Respond(deps.app.councils.Answer(caller, CouncilOf(req), accept),
                                  [](const CouncilView& v) { return CouncilResponse(200, v); });
                 });
               });
  }

  router.Add("POST", "/api/v1/councils/{council}/leave", "councils.leave", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.Leave(caller, CouncilOf(req)),
                     [](const CouncilView& v) { return CouncilResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/councils/{council}/removals", "councils.remove", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<std::string> hub = OneString(req, "hub");
      if (!hub.ok()) return ProblemResponse(hub.status());
      return Respond(deps.app.councils.Remove(caller, CouncilOf(req), *hub), [](const CouncilMember& m) {
        JsonWriter w;
        WriteMember(w, m);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("GET", "/api/v1/councils/{council}/proposals", "councils.proposals", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.ListProposals(caller, CouncilOf(req)),
                     [](const std::vector<CouncilProposalView>& list) {
                       JsonWriter w;
                       w.BeginObject().Key("items").BeginArray();
                       for (const CouncilProposalView& v : list) WriteCouncilProposal(w, v);
                       w.EndArray().EndObject();
                       return JsonResponse(200, w);
                     });
    });
  });

  router.Add("POST", "/api/v1/councils/{council}/proposals", "councils.propose", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ProposalDetails> details = DecodeProposalDetails(req.body);
      if (!details.ok()) return ProblemResponse(details.status());
      return Respond(deps.app.councils.CreateProposal(caller, CouncilOf(req), *details),
                     [](const CouncilProposalView& v) { return ProposalResponse(201, v); });
    });
  });

  router.Add("GET", "/api/v1/councils/{council}/proposals/{proposal}", "councils.proposal", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.GetProposal(caller, CouncilOf(req), ProposalOf(req)),
                     [](const CouncilProposalView& v) { return ProposalResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/councils/{council}/proposals/{proposal}/open", "councils.open", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.Open(caller, CouncilOf(req), ProposalOf(req)),
                     [](const CouncilProposalView& v) { return ProposalResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/councils/{council}/proposals/{proposal}/close", "councils.close", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.councils.Close(caller, CouncilOf(req), ProposalOf(req)),
                     [](const CouncilProposalView& v) { return ProposalResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/councils/{council}/proposals/{proposal}/ballots", "councils.vote",
             [&deps](Request& req) {
               return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
                 Result<Ballot> ballot = DecodeBallot(req.body);
                 if (!ballot.ok()) return ProblemResponse(ballot.status());
                 return Respond(deps.app.councils.Vote(caller, CouncilOf(req), ProposalOf(req), *ballot),
                                [](const CouncilProposalView& v) { return ProposalResponse(201, v); });
               });
             });
}

}  // namespace kin::http
