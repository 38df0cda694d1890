// What the assembly's pages and the councils' pages share: the words for methods and statuses, the ballot form
// for a proposal's method and reading it back, a ballot in words, and the outcome's figures
// (pages_assembly.cc holds them).
#ifndef KIN_WEB_ASSEMBLY_VIEW_H_
#define KIN_WEB_ASSEMBLY_VIEW_H_

#include <map>
#include <string>
#include <vector>

#include "core/ballot.h"
#include "core/outcome.h"
#include "core/proposal.h"
#include "web/field_messages.h"
#include "web/form.h"
#include "web/lang.h"
#include "web/page.h"

namespace kin::web {

std::string MethodText(Lang lang, CountingMethod m);
std::string StatusText(Lang lang, ProposalStatus s);
// The inputs of the ballot form for p's method (method_<name>, positions, options, ranks, rank_selects), filled
// from `form` when re-shown with errors.
void AddBallotForm(PageContext& page, const Proposal& p, const Form* form, mustache::data& d);
// The outcome's figures for proposal_results-like templates.
void AddOutcome(PageContext& page, const Proposal& p, const Outcome& o, mustache::data& d);
Ballot BallotFromForm(const ProposalDetails& d, const Form& form);
// "yes", "Saturday, Both", "A: 3, B: 1"
std::string BallotText(PageContext& page, const Ballot& b, const std::vector<std::string>& options);

// A draft's fields from the assembly's drafting form (title, text, method, options one per line, seats,
// closes_at in `zone`, quorum percent, visibility); what cannot be read is added to `errors` at its input.
ProposalDetails ProposalFromForm(PageContext& page, const Form& form, const std::string& zone, FormErrors& errors);
// The errors of a failed draft, at the drafting form's inputs.
void AddDraftErrors(PageContext& page, const Status& s, FormErrors& errors);
// The drafting form's method and visibility choices (methods, visibilities), as posted or, on a fresh form,
// `default_method` and "after_closing".
void AddDraftChoices(PageContext& page, const Form& form, const std::string& default_method, mustache::data& d);
// The drafting form's inputs, by the field names the draft's errors use.
const std::map<std::string, PageContext::FieldLabel>& DraftLabels();

}  // namespace kin::web

#endif  // KIN_WEB_ASSEMBLY_VIEW_H_
