// The assembly: proposals, ballots and results.
#include "http/api_support.h"
#include "http/assembly_codec.h"
#include "http/json_codec.h"

namespace kin::http {
namespace {

Response ViewResponse(int status, const ProposalView& v) {
  JsonWriter w;
  WriteProposalView(w, v);
  return JsonResponse(status, w);
}

}  // namespace

void RegisterAssemblyRoutes(Router& router, ApiDeps& deps) {
  router.Add("GET", "/api/v1/hubs/{hub}/proposals", "proposals.list", [&deps](Request& req) {
    return WithCaller(deps, req, {"limit", "cursor", "status"}, false, [&](const Caller& caller) {
      Result<PageRequest> page = PageOf(req);
      if (!page.ok()) return ProblemResponse(page.status());
      std::optional<ProposalStatus> status;
      if (auto s = req.Query("status")) {
        status = ParseProposalStatus(*s);
        if (!status) return ProblemResponse(Status::InvalidField("status", "must be draft, open or closed"));
      }
      return Respond(deps.app.assembly.List(caller, req.Param("hub"), status, *page),
                     [](const Page<ProposalView>& p) {
                       return Response::Json(200, EncodePage(p, WriteProposalView));
                     });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/proposals", "proposals.create", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ProposalDetails> details = DecodeProposalDetails(req.body);
      if (!details.ok()) return ProblemResponse(details.status());
      return Respond(deps.app.assembly.Create(caller, req.Param("hub"), *details),
                     [](const ProposalView& v) { return ViewResponse(201, v); });
    });
  });

  router.Add("GET", "/api/v1/proposals/{proposal}", "proposals.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Get(caller, ProposalId{req.Param("proposal")}),
                     [](const ProposalView& v) { return ViewResponse(200, v); });
    });
  });

  router.Add("PATCH", "/api/v1/proposals/{proposal}", "proposals.update", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<ProposalPatch> patch = DecodeProposalPatch(req.body);
      if (!patch.ok()) return ProblemResponse(patch.status());
      return Respond(deps.app.assembly.Update(caller, ProposalId{req.Param("proposal")}, *patch),
                     [](const ProposalView& v) { return ViewResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/proposals/{proposal}/open", "proposals.open", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Open(caller, ProposalId{req.Param("proposal")}),
                     [](const ProposalView& v) { return ViewResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/proposals/{proposal}/close", "proposals.close", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Close(caller, ProposalId{req.Param("proposal")}),
                     [](const ProposalView& v) { return ViewResponse(200, v); });
    });
  });

  router.Add("POST", "/api/v1/proposals/{proposal}/ballots", "proposals.vote", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<Ballot> ballot = DecodeBallot(req.body);
      if (!ballot.ok()) return ProblemResponse(ballot.status());
      return Respond(deps.app.assembly.Vote(caller, ProposalId{req.Param("proposal")}, *ballot),
                     [](const ProposalView& v) { return ViewResponse(201, v); });
    });
  });

  router.Add("GET", "/api/v1/proposals/{proposal}/results", "proposals.results", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Results(caller, ProposalId{req.Param("proposal")}), [](const Outcome& o) {
        JsonWriter w;
        WriteOutcome(w, o);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/assembly/settings", "assembly.settings.get", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Settings(caller, req.Param("hub")), [](const AssemblySettings& s) {
        JsonWriter w;
        WriteAssemblySettings(w, s);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("PUT", "/api/v1/hubs/{hub}/assembly/settings", "assembly.settings.put", [&deps](Request& req) {
    return WithCaller(deps, req, {}, true, [&](const Caller& caller) {
      Result<AssemblySettings> settings = DecodeAssemblySettings(req.body);
      if (!settings.ok()) return ProblemResponse(settings.status());
      return Respond(deps.app.assembly.PutSettings(caller, req.Param("hub"), *settings),
                     [](const AssemblySettings& s) {
                       JsonWriter w;
                       WriteAssemblySettings(w, s);
                       return JsonResponse(200, w);
                     });
    });
  });

  router.Add("POST", "/api/v1/hubs/{hub}/members/{member}/vouch", "members.vouch", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      Status s = deps.app.assembly.Vouch(caller, req.Param("hub"), MemberId{req.Param("member")});
      if (!s.ok()) return ProblemResponse(s);
      return NoContent();
    });
  });

  router.Add("GET", "/api/v1/hubs/{hub}/delegates", "delegates.list", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Delegates(caller, req.Param("hub")), [](const std::vector<DelegateView>& d) {
        JsonWriter w;
        WriteDelegates(w, d);
        return JsonResponse(200, w);
      });
    });
  });

  router.Add("GET", "/api/v1/delegates/{delegate}/votes", "delegates.votes", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.DelegateVotes(caller, DelegateId{req.Param("delegate")}),
                     [](const std::vector<DelegateVote>& v) {
                       JsonWriter w;
                       WriteDelegateVotes(w, v);
                       return JsonResponse(200, w);
                     });
    });
  });

  router.Add("GET", "/api/v1/proposals/{proposal}/votes", "proposals.votes", [&deps](Request& req) {
    return WithCaller(deps, req, {}, false, [&](const Caller& caller) {
      return Respond(deps.app.assembly.Votes(caller, ProposalId{req.Param("proposal")}),
                     [](const std::vector<RecordedVote>& votes) {
                       JsonWriter w;
                       WriteRecordedVotes(w, votes);
                       return JsonResponse(200, w);
                     });
    });
  });
}

}  // namespace kin::http
