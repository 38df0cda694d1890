#include "app/personal_data.h"

#include "app/all_pages.h"
#include "crypto/password.h"
#include "crypto/tokens.h"

namespace kin {
namespace {

constexpr size_t kSessionIdLength = 16;

std::vector<Need> NeedsAskedBy(ReadTx& tx, const HubId& hub, const MemberId& member) {
  NeedFilter filter;
  filter.requester = member;
  std::vector<Need> listed = AllPages<Need>([&](const PageRequest& p) { return tx.ListNeeds(hub, filter, p); });
  std::vector<Need> full;
  for (const Need& n : listed) {  // lists leave contact details out; the person's own export has them
    if (Result<Need> need = tx.GetNeed(n.id); need.ok()) full.push_back(std::move(*need));
  }
  return full;
}

// What a person wrote, held, waited for and moved in a hub's assembly, library and stock, for their export.
void ExportAssemblyAndLibrary(ReadTx& tx, const HubId& hub, const MemberId& me, PersonalExport& out) {
  for (const Proposal& p :
       AllPages<Proposal>([&](const PageRequest& page) { return tx.ListProposals(hub, std::nullopt, page); })) {
    if (p.author == me) out.proposals.push_back(p);
  }
  for (const Delegate& d : tx.ListDelegates(hub)) {
    if (d.member == me) out.delegate_terms.push_back(d);
  }
  LoanFilter borrowed;
  borrowed.borrower = me;
  std::vector<Loan> loans = AllPages<Loan>([&](const PageRequest& page) { return tx.ListLoans(hub, borrowed, page); });
  out.loans.insert(out.loans.end(), loans.begin(), loans.end());
  for (const Lendable& item :
       AllPages<Lendable>([&](const PageRequest& page) { return tx.ListLendables(hub, LendableFilter{}, page); })) {
    for (const WaitlistEntry& w : tx.ListWaitlist(item.id)) {
      if (w.member == me) out.waiting.push_back(w);
    }
  }
  for (const StockMove& move :
       AllPages<StockMove>([&](const PageRequest& page) { return tx.ListStockMoves(hub, std::nullopt, page); })) {
    if (move.actor == me.value) out.stock_moves.push_back(move);
  }
}

// A person who leaves no longer speaks for the hub as a delegate, holds no reservation not yet collected and
// waits for nothing. What they have out on loan stays on the record until it is returned.
Status LeaveAssembliesAndLibrary(WriteTx& tx, const HubId& hub, const MemberId& me, Timestamp now) {
  for (Delegate& d : tx.ListDelegates(hub)) {
    if (d.member != me || d.status != DelegateStatus::kActive) continue;
    d.status = DelegateStatus::kRecalled;
    d.ended_at = now;
    if (Status s = tx.UpdateDelegate(d); !s.ok()) return s;
    if (Status s = RecordEvent(tx, hub, now, "system", "delegate.ended", d.id.value, "the delegate left kin");
        !s.ok()) {
      return s;
    }
  }
  LoanFilter reserved;
  reserved.borrower = me;
  reserved.status = LoanStatus::kReserved;
  for (Loan& loan : AllPages<Loan>([&](const PageRequest& p) { return tx.ListLoans(hub, reserved, p); })) {
    loan.status = LoanStatus::kCancelled;
    loan.updated_at = now;
    if (Status s = tx.UpdateLoan(loan); !s.ok()) return s;
    if (Status s = RecordEvent(tx, hub, now, "system", "loan.cancelled", loan.id.value, loan.item.value); !s.ok()) {
      return s;
    }
  }
  for (const Lendable& item :
       AllPages<Lendable>([&](const PageRequest& p) { return tx.ListLendables(hub, LendableFilter{}, p); })) {
    for (const WaitlistEntry& w : tx.ListWaitlist(item.id)) {
      if (w.member != me) continue;
      if (Status s = tx.RemoveFromWaitlist(item.id, me); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace

Result<PersonalExport> PersonalData::Export(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to download your data");
  return ReadValue<PersonalExport>(ctx_.store, [&](ReadTx& tx) -> Result<PersonalExport> {
    const MemberId& me = *caller.member;
    PersonalExport out;
    Result<Member> member = tx.GetMember(me);
    if (!member.ok()) return member.status();
    out.profile = {*member, tx.ListMembershipsOf(me)};
    out.profile.member.password_hash.clear();
    out.sessions = tx.ListSessionsOf(me);
    out.notify = tx.GetNotifyChoices(me);
    for (Session& s : out.sessions) s.token_hash.clear();
    for (const Membership& m : out.profile.memberships) {
      for (Need& n : NeedsAskedBy(tx, m.hub, me)) {
        std::vector<ContactAccess> reads = AllPages<ContactAccess>(
            [&](const PageRequest& p) { return tx.ListContactAccess(m.hub, n.id, p); });
        out.reads.insert(out.reads.end(), reads.begin(), reads.end());
        out.needs.push_back(std::move(n));
      }
      OfferFilter offers;
      offers.member = me;
      std::vector<Offer> mine = AllPages<Offer>([&](const PageRequest& p) { return tx.ListOffers(m.hub, offers, p); });
      out.offers.insert(out.offers.end(), mine.begin(), mine.end());
      MatchFilter matches;
      matches.helper = me;
      std::vector<Match> held = AllPages<Match>([&](const PageRequest& p) { return tx.ListMatches(m.hub, matches, p); });
      out.matches.insert(out.matches.end(), held.begin(), held.end());
      ExportAssemblyAndLibrary(tx, m.hub, me, out);
    }
    out.shifts = ExportShiftData(tx, me);
    out.took_part_in = tx.ListParticipationOf(me);
    out.vouches = tx.ListVouchesOf(me);
    for (const auto& [proposal, ballot] : tx.ListRecordedVotesOf(me)) {
      DelegateVote vote{proposal, "", {}, ballot, "", ""};
      if (Result<Proposal> p = tx.GetProposal(proposal); p.ok()) {
        vote.title = p->details.title;
        vote.options = p->details.options;
      }
      out.open_ballot_votes.push_back(std::move(vote));
    }
    // The hub's ballots they cast in councils as its delegate.
    for (const Delegate& d : out.delegate_terms) {
      for (CouncilVote& v : tx.ListCouncilVotesOfDelegate(d.id)) {
        DelegateVote vote{v.proposal, "", {}, std::move(v.ballot), "", ""};
        if (Result<Proposal> p = tx.GetProposal(v.proposal); p.ok()) {
          vote.title = p->details.title;
          vote.options = p->details.options;
        }
        if (auto link = tx.GetCouncilOfProposal(v.proposal)) {
          if (Result<Council> c = tx.GetCouncil(link->first); c.ok()) {
            vote.council = c->name;
            vote.council_id = c->id.value;
          }
        }
        out.open_ballot_votes.push_back(std::move(vote));
      }
    }
    return out;
  });
}

Result<std::vector<SessionInfo>> PersonalData::Sessions(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see your sign-ins");
  return ReadValue<std::vector<SessionInfo>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<SessionInfo>> {
    std::vector<SessionInfo> out;
    for (Session& s : tx.ListSessionsOf(*caller.member)) {
      std::string id = s.token_hash.substr(0, kSessionIdLength);
      s.token_hash.clear();
      out.push_back({std::move(id), std::move(s)});
    }
    return out;
  });
}

Status PersonalData::RevokeSession(const Caller& caller, const std::string& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in first");
  if (id.size() != kSessionIdLength) return Status::NotFound("no such sign-in");
  return ctx_.store.Write([&](WriteTx& tx) -> Status {
    for (const Session& s : tx.ListSessionsOf(*caller.member)) {
      if (s.token_hash.compare(0, kSessionIdLength, id) == 0) return tx.RevokeSession(s.token_hash);
    }
    return Status::NotFound("no such sign-in");
  });
}

Status PersonalData::DeleteAccount(const Caller& caller, const std::string& password) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to delete your account");
  Result<Member> member = ReadValue<Member>(ctx_.store, [&](ReadTx& tx) { return tx.GetMember(*caller.member); });
  if (!member.ok()) return member.status();
  // Checked before the write queue: Argon2id is slow on purpose.
  if (!VerifyPassword(password, member->password_hash)) {
    return Status::Invalid("the password is wrong", {{"password", "is not this account's password"}});
  }
  Timestamp now = ctx_.clock.Now();
  const MemberId me = *caller.member;
  Status s = ctx_.store.Write([&](WriteTx& tx) -> Status {
    Result<Member> current = tx.GetMember(me);
    if (!current.ok()) return current.status();
    if (Status s = ForgetShiftData(tx, me, now); !s.ok()) return s;
    for (const Membership& m : tx.ListMembershipsOf(me)) {
      // Their needs: cancelled if still open, and redacted now rather than after the retention period.
      for (Need& need : NeedsAskedBy(tx, m.hub, me)) {
        if (std::optional<Match> active = tx.GetActiveMatchForNeed(need.id)) {
          active->status = MatchStatus::kCancelled;
          active->reason.clear();
          active->updated_at = now;
          if (Status s = tx.UpdateMatch(*active); !s.ok()) return s;
        }
        if (!IsClosed(need.status)) need.status = NeedStatus::kCancelled;
        RedactPersonalData(need, now);
        need.requester.reset();
        need.updated_at = now;
        if (Status s = tx.UpdateNeed(need); !s.ok()) return s;
        if (Status s = SharedItemChanged(ctx_, tx, "need", need.id.value, now); !s.ok()) return s;
        if (Status s = tx.ClearEventDetails(m.hub, need.id.value); !s.ok()) return s;
        if (Status s = tx.DeleteSuggestionsForNeed(need.id); !s.ok()) return s;
      }
      // Suggestions made to them, and their reasons for declining.
      if (Status s = tx.DeleteSuggestionsOfHelper(me); !s.ok()) return s;
      // Their offers: paused, with their own words removed.
      OfferFilter offers;
      offers.member = me;
      for (Offer& offer : AllPages<Offer>([&](const PageRequest& p) { return tx.ListOffers(m.hub, offers, p); })) {
        offer.status = OfferStatus::kPaused;
        offer.details.description.clear();
        offer.details.availability.clear();
        offer.details.skills.clear();
        offer.details.area_center.reset();
        offer.updated_at = now;
        if (Status s = tx.UpdateOffer(offer); !s.ok()) return s;
        if (Status s = SharedItemChanged(ctx_, tx, "offer", offer.id.value, now); !s.ok()) return s;
      }
      // Tasks they held go back to open so someone else can help.
      MatchFilter held;
      held.helper = me;
      for (Match& match : AllPages<Match>([&](const PageRequest& p) { return tx.ListMatches(m.hub, held, p); })) {
        if (!IsActive(match.status)) continue;
        MatchStatus to = match.status == MatchStatus::kProposed ? MatchStatus::kDeclined : MatchStatus::kReleased;
        match.status = to;
        match.reason = "the helper left kin";
        match.updated_at = now;
        if (Status s = tx.UpdateMatch(match); !s.ok()) return s;
        Result<Need> need = tx.GetNeed(match.need);
        if (!need.ok()) return need.status();
        need->status = NeedStatusAfter(to);
        need->updated_at = now;
        if (Status s = tx.UpdateNeed(*need); !s.ok()) return s;
        if (Status s = SharedItemChanged(ctx_, tx, "need", need->id.value, now); !s.ok()) return s;
        if (Status s = RecordEvent(tx, m.hub, now, "system", "match.released", match.id.value, match.reason);
            !s.ok()) {
          return s;
        }
      }
      if (Status s = LeaveAssembliesAndLibrary(tx, m.hub, me, now); !s.ok()) return s;
      if (Status s = tx.RemoveMembership(m.hub, me); !s.ok()) return s;
      if (Status s = RecordEvent(tx, m.hub, now, "system", "member.deleted", me.value); !s.ok()) return s;
    }
    Member& gone = *current;
    gone.handle = "deleted-" + RandomId("m").substr(2, 12);
    gone.display_name = "Deleted member";
    gone.languages.clear();
    gone.contact = Contact{};
    gone.password_hash.clear();
    if (Status s = tx.UpdateMember(gone); !s.ok()) return s;
    if (Status s = tx.DeleteTotp(me); !s.ok()) return s;  // the two-step secret goes too
    if (Status s = tx.DeleteNotifyChoices(me); !s.ok()) return s;
    return tx.RevokeSessionsOf(me);
  });
  if (!s.ok()) return s;
  // Make sure the old versions leave the disk now, not at SQLite's next checkpoint.
  Status checkpoint = ctx_.store.Checkpoint();
  if (!checkpoint.ok() && checkpoint.kind() != StatusKind::kUnavailable) return checkpoint;
  return Status::Ok();
}

}  // namespace kin
