#include "core/ballot.h"

#include <set>

#include "core/validation.h"

namespace kin {
namespace {

std::string At(const char* field, size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }

// Each entry names an existing option, at most once.
void CheckOptionList(const char* field, const std::vector<int>& list, int options, FieldErrors& errors) {
  std::set<int> seen;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] < 0 || list[i] >= options) {
      errors.Add(At(field, i), "there is no option " + std::to_string(list[i]) + "; options are numbered 0 to " +
                                   std::to_string(options - 1));
    } else if (!seen.insert(list[i]).second) {
      errors.Add(At(field, i), "names option " + std::to_string(list[i]) + " a second time");
    }
  }
}

// One entry per option, each in [0, max].
void CheckPerOption(const char* field, const std::vector<int>& list, int options, int max, FieldErrors& errors) {
  if (static_cast<int>(list.size()) != options) {
    errors.Add(field, "must give one number per option (" + std::to_string(options) + ")");
    return;
  }
  for (size_t i = 0; i < list.size(); ++i) CheckRange(At(field, i), list[i], 0, max, errors);
}

// Adds an error for each filled field the method does not use.
void RejectUnused(const Ballot& b, std::initializer_list<const char*> used, CountingMethod m, FieldErrors& errors) {
  auto used_here = [&](const char* f) {
    for (const char* u : used) {
      if (std::string(u) == f) return true;
    }
    return false;
  };
  auto check = [&](const char* field, bool filled) {
    if (filled && !used_here(field)) {
      errors.Add(field, std::string("is not part of a ") + CountingMethodName(m) + " ballot");
    }
  };
  check("position", !b.position.empty());
  check("reason", !b.reason.empty());
  check("approve", !b.approve.empty());
  check("ranking", !b.ranking.empty());
  check("scores", !b.scores.empty());
  check("dots", !b.dots.empty());
}

}  // namespace

Status ValidateBallot(const ProposalDetails& d, const Ballot& b) {
  FieldErrors errors;
  int options = static_cast<int>(d.options.size());
  switch (d.method) {
    case CountingMethod::kConsent: {
      RejectUnused(b, {"position", "reason"}, d.method, errors);
      bool needs_reason = b.position == "object" || b.position == "block";
      if (b.position != "agree" && b.position != "abstain" && !needs_reason) {
        errors.Add("position", "must be one of: agree, abstain, object, block");
      }
      if (needs_reason) {
        CheckText("reason", b.reason, 1000, /*required=*/true, errors);
      } else {
        CheckText("reason", b.reason, 1000, /*required=*/false, errors);
      }
      break;
    }
    case CountingMethod::kMajority:
      RejectUnused(b, {"position"}, d.method, errors);
      if (b.position != "yes" && b.position != "no" && b.position != "abstain") {
        errors.Add("position", "must be one of: yes, no, abstain");
      }
      break;
    case CountingMethod::kApproval:
      RejectUnused(b, {"approve"}, d.method, errors);
      CheckOptionList("approve", b.approve, options, errors);
      break;
    case CountingMethod::kScore:
      RejectUnused(b, {"scores"}, d.method, errors);
      CheckPerOption("scores", b.scores, options, d.max_score, errors);
      break;
    case CountingMethod::kDot: {
      RejectUnused(b, {"dots"}, d.method, errors);
      CheckPerOption("dots", b.dots, options, d.dots, errors);
      long long total = 0;
      for (int n : b.dots) total += n;
      if (total > d.dots) {
        errors.Add("dots", "places " + std::to_string(total) + " dots; each voter has " + std::to_string(d.dots));
      }
      break;
    }
    case CountingMethod::kIrv:
    case CountingMethod::kStv:
    case CountingMethod::kSchulze:
      RejectUnused(b, {"ranking"}, d.method, errors);
      if (b.ranking.empty()) errors.Add("ranking", "must rank at least one option");
      CheckOptionList("ranking", b.ranking, options, errors);
      break;
  }
  return errors.ToStatus();
}

}  // namespace kin
