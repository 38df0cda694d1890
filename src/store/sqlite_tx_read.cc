// The read half of SqliteTx: lookups and paged lists.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "store/sqlite_codec.h"
#include "store/sqlite_query.h"
#include "store/sqlite_rows.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

constexpr int kMaxPageLimit = 1000;  // callers check 1..200; this only guards against a runaway request
// Metres per degree of latitude on the sphere DistanceMeters uses, rounded down so the box is never too small.
constexpr double kMetersPerDegree = 111100;

}  // namespace

std::optional<int64_t> SeqBefore(const PageRequest& page) {
  if (page.after.empty()) return std::numeric_limits<int64_t>::max();
  return DecodeCursor(page.after);
}

std::optional<int64_t> SeqAfter(const PageRequest& page) {
  if (page.after.empty()) return 0;
  return DecodeCursor(page.after);
}

int PageLimit(const PageRequest& page) { return std::clamp(page.limit, 1, kMaxPageLimit); }


Result<Hub> SqliteTx::GetHub(const HubId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_HUB_COLUMNS " FROM hubs WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Hub>(conn_, st, [](const Stmt& s) { return ReadHub(s); }, "hub not found");
}

Result<Hub> SqliteTx::GetHubBySlug(const std::string& slug) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_HUB_COLUMNS " FROM hubs WHERE slug = ?1");
  st.BindText(1, slug);
  return One<Hub>(conn_, st, [](const Stmt& s) { return ReadHub(s); }, "hub not found");
}

Page<Hub> SqliteTx::ListHubs(const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_HUB_COLUMNS " FROM hubs WHERE seq < ?1 ORDER BY seq DESC LIMIT ?2",
                      Page<Hub>{});
  int limit = PageLimit(page);
  st.BindInt64(1, *before).BindInt64(2, limit + 1);
  return Collect<Hub>(conn_, st, limit, [](const Stmt& s) { return ReadHub(s); },
                      [this](Status s) { Fail(std::move(s)); });
}

Result<Member> SqliteTx::GetMember(const MemberId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_MEMBER_COLUMNS " FROM members WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Member>(conn_, st, [this](const Stmt& s) { return ReadMember(s, box_); }, "member not found");
}

Result<Member> SqliteTx::GetMemberByHandle(const std::string& handle) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_MEMBER_COLUMNS " FROM members WHERE handle = ?1");
  st.BindText(1, handle);
  return One<Member>(conn_, st, [this](const Stmt& s) { return ReadMember(s, box_); }, "member not found");
}

std::optional<Membership> SqliteTx::GetMembership(const HubId& hub, const MemberId& member) {
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_MEMBERSHIP_COLUMNS " FROM memberships WHERE hub = ?1 AND member = ?2",
                      std::nullopt);
  st.BindText(1, hub.value).BindText(2, member.value);
  Result<Membership> m =
      One<Membership>(conn_, st, [](const Stmt& s) { return ReadMembership(s); }, "membership not found");
  if (m.ok()) return std::move(m).value();
  if (m.status().kind() != StatusKind::kNotFound) Fail(m.status());
  return std::nullopt;
}

std::vector<Membership> SqliteTx::ListMembershipsOf(const MemberId& member) {
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_MEMBERSHIP_COLUMNS " FROM memberships WHERE member = ?1 ORDER BY seq",
                      std::vector<Membership>{});
  st.BindText(1, member.value);
  // Everyone has few memberships: one page holds them all.
  Page<Membership> all = Collect<Membership>(
      conn_, st, std::numeric_limits<int>::max(), [](const Stmt& s) { return ReadMembership(s); },
      [this](Status s) { Fail(std::move(s)); });
  return std::move(all.items);
}

Page<MemberInHub> SqliteTx::ListMembers(const HubId& hub, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  // Newest membership first; column 0 is the membership's seq, the member's columns start at 1, the
  // membership's at 9.
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT m.seq, u.seq, u.id, u.handle, u.display_name, u.languages, u.contact_sealed, "
                      "u.password_hash, u.created_at, m.seq, m.hub, m.member, m.roles, m.joined_at "
                      "FROM memberships m JOIN members u ON u.id = m.member "
                      "WHERE m.hub = ?1 AND m.seq < ?2 ORDER BY m.seq DESC LIMIT ?3",
                      Page<MemberInHub>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindInt64(3, limit + 1);
  return Collect<MemberInHub>(
      conn_, st, limit,
      [this](const Stmt& s) -> Result<MemberInHub> {
        Result<Member> member = ReadMember(s, box_, 1);
        if (!member.ok()) return member.status();
        Result<Membership> membership = ReadMembership(s, 9);
        if (!membership.ok()) return membership.status();
        return MemberInHub{std::move(member).value(), std::move(membership).value()};
      },
      [this](Status s) { Fail(std::move(s)); });
}

Result<Need> SqliteTx::GetNeed(const NeedId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_NEED_COLUMNS " FROM needs WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Need>(conn_, st, [this](const Stmt& s) { return ReadNeed(s, &box_); }, "need not found");
}

Result<Need> SqliteTx::GetNeedByStatusTokenHash(const std::string& token_hash) {
  if (token_hash.empty()) return Status::NotFound("need not found");
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_NEED_COLUMNS " FROM needs WHERE status_token_hash = ?1");
  st.BindText(1, token_hash);
  return One<Need>(conn_, st, [this](const Stmt& s) { return ReadNeed(s, &box_); }, "need not found");
}

Page<Need> SqliteTx::ListNeeds(const HubId& hub, const NeedFilter& filter, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  // A NULL parameter switches its filter off, so one cached statement serves every combination. The distance
  // filter first narrows to a lat/lon box the index-free scan can test cheaply, then applies the exact haversine.
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_NEED_COLUMNS " FROM needs WHERE hub = ?1 AND seq < ?2 "
                      "AND (?3 IS NULL OR category = ?3) AND (?4 IS NULL OR status = ?4) "
                      "AND (?5 IS NULL OR urgency = ?5) "
                      "AND (?6 IS NULL OR (approx_lat BETWEEN ?6 AND ?7 AND approx_lon BETWEEN ?8 AND ?9 "
                      "AND kin_distance_m(approx_lat, approx_lon, ?10, ?11) <= ?12)) "
                      "AND (?14 IS NULL OR requester = ?14) "
                      "ORDER BY seq DESC LIMIT ?13",
                      Page<Need>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before);
  st.BindTextOrNull(3, filter.category.value_or(""));
  if (filter.status) st.BindText(4, NeedStatusName(*filter.status));
  if (filter.urgency) st.BindText(5, UrgencyName(*filter.urgency));
  if (filter.near) {
    const LatLon& c = *filter.near;
    double meters = filter.within_km * 1000;
    double dlat = meters / kMetersPerDegree;
    double lon_min = -180, lon_max = 180;
    double max_abs_lat = std::abs(c.lat) + dlat;
    if (max_abs_lat < 89) {
      double dlon = dlat / std::cos(max_abs_lat * std::numbers::pi / 180);
      // Near the antimeridian the box would wrap; keep the full range and let the haversine decide.
      if (c.lon - dlon >= -180 && c.lon + dlon <= 180) {
        lon_min = c.lon - dlon;
        lon_max = c.lon + dlon;
      }
    }
    st.BindDouble(6, c.lat - dlat).BindDouble(7, c.lat + dlat).BindDouble(8, lon_min).BindDouble(9, lon_max);
    st.BindDouble(10, c.lat).BindDouble(11, c.lon).BindDouble(12, meters);
  }
  st.BindInt64(13, limit + 1);
  st.BindTextOrNull(14, filter.requester ? filter.requester->value : "");
  return Collect<Need>(conn_, st, limit, [](const Stmt& s) { return ReadNeed(s, nullptr); },
                       [this](Status s) { Fail(std::move(s)); });
}

Result<Offer> SqliteTx::GetOffer(const OfferId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_OFFER_COLUMNS " FROM offers WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Offer>(conn_, st, [](const Stmt& s) { return ReadOffer(s); }, "offer not found");
}

Page<Offer> SqliteTx::ListOffers(const HubId& hub, const OfferFilter& filter, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_OFFER_COLUMNS " FROM offers WHERE hub = ?1 AND seq < ?2 "
                      "AND (?3 IS NULL OR category = ?3) AND (?4 IS NULL OR status = ?4) "
                      "AND (?5 IS NULL OR member = ?5) ORDER BY seq DESC LIMIT ?6",
                      Page<Offer>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindTextOrNull(3, filter.category.value_or(""));
  if (filter.status) st.BindText(4, OfferStatusName(*filter.status));
  if (filter.member) st.BindText(5, filter.member->value);
  st.BindInt64(6, limit + 1);
  return Collect<Offer>(conn_, st, limit, [](const Stmt& s) { return ReadOffer(s); },
                        [this](Status s) { Fail(std::move(s)); });
}

Result<Match> SqliteTx::GetMatch(const MatchId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_MATCH_COLUMNS " FROM matches WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Match>(conn_, st, [](const Stmt& s) { return ReadMatch(s); }, "match not found");
}

std::optional<Match> SqliteTx::GetActiveMatchForNeed(const NeedId& need) {
  // The same predicate as the partial unique index, so the index answers it.
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_MATCH_COLUMNS " FROM matches WHERE need = ?1 "
                      "AND status IN ('proposed', 'accepted', 'in_progress')",
                      std::nullopt);
  st.BindText(1, need.value);
  Result<Match> m = One<Match>(conn_, st, [](const Stmt& s) { return ReadMatch(s); }, "match not found");
  if (m.ok()) return std::move(m).value();
  if (m.status().kind() != StatusKind::kNotFound) Fail(m.status());
  return std::nullopt;
}

Page<Match> SqliteTx::ListMatches(const HubId& hub, const MatchFilter& filter, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_MATCH_COLUMNS " FROM matches WHERE hub = ?1 AND seq < ?2 "
                      "AND (?3 IS NULL OR need = ?3) AND (?4 IS NULL OR helper = ?4) "
                      "AND (?5 IS NULL OR status = ?5) ORDER BY seq DESC LIMIT ?6",
                      Page<Match>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before);
  if (filter.need) st.BindText(3, filter.need->value);
  if (filter.helper) st.BindText(4, filter.helper->value);
  if (filter.status) st.BindText(5, MatchStatusName(*filter.status));
  st.BindInt64(6, limit + 1);
  return Collect<Match>(conn_, st, limit, [](const Stmt& s) { return ReadMatch(s); },
                        [this](Status s) { Fail(std::move(s)); });
}

Page<Event> SqliteTx::ListEvents(const HubId& hub, const PageRequest& page) {
  std::optional<int64_t> after = SeqAfter(page);
  if (!after) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_EVENT_COLUMNS " FROM events WHERE hub = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
                      Page<Event>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *after).BindInt64(3, limit + 1);
  return Collect<Event>(conn_, st, limit, [](const Stmt& s) { return ReadEvent(s); },
                        [this](Status s) { Fail(std::move(s)); });
}

std::vector<HubId> SqliteTx::HubsWithEventsAfter(int64_t after_seq, int64_t& last_seq) {
  last_seq = after_seq;
  KIN_PREPARE_OR_FAIL(st, "SELECT hub, MAX(seq) FROM events WHERE seq > ?1 GROUP BY hub ORDER BY hub",
                      std::vector<HubId>{});
  st.BindInt64(1, after_seq);
  std::vector<HubId> hubs;
  for (;;) {
    int rc = st.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "list query failed"));
      break;
    }
    hubs.push_back(HubId{st.Text(0)});
    last_seq = std::max(last_seq, st.Int64(1));
  }
  return hubs;
}

Page<ContactAccess> SqliteTx::ListContactAccess(const HubId& hub, const std::optional<NeedId>& need,
                                               const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_CONTACT_ACCESS_COLUMNS " FROM contact_access WHERE hub = ?1 AND seq < ?2 "
                      "AND (?3 IS NULL OR need = ?3) ORDER BY seq DESC LIMIT ?4",
                      Page<ContactAccess>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindTextOrNull(3, need ? need->value : "");
  st.BindInt64(4, limit + 1);
  return Collect<ContactAccess>(conn_, st, limit, [](const Stmt& s) { return ReadContactAccess(s); },
                                [this](Status s) { Fail(std::move(s)); });
}

std::vector<NeedId> SqliteTx::ListNeedsToRedact(const HubId& hub, Timestamp closed_before, int limit) {
  std::vector<NeedId> out;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT id FROM needs WHERE hub = ?1 AND redacted_at IS NULL AND updated_at <= ?2 "
                      "AND status IN ('fulfilled', 'cancelled', 'expired') ORDER BY updated_at LIMIT ?3",
                      out);
  st.BindText(1, hub.value).BindInt64(2, closed_before.time_since_epoch().count()).BindInt64(3, limit);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) out.push_back(NeedId{st.Text(0)});
  if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "listing needs to redact"));
  return out;
}

std::vector<Session> SqliteTx::ListSessionsOf(const MemberId& member) {
  std::vector<Session> out;
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_SESSION_COLUMNS " FROM sessions WHERE member = ?1 ORDER BY seq DESC",
                      out);
  st.BindText(1, member.value);
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    Result<Session> session = ReadSession(st);
    if (!session.ok()) {
      Fail(session.status());
      return {};
    }
    out.push_back(std::move(*session));
  }
  if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "listing sessions"));
  return out;
}

Result<Session> SqliteTx::GetSession(const std::string& token_hash) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_SESSION_COLUMNS " FROM sessions WHERE token_hash = ?1");
  st.BindText(1, token_hash);
  return One<Session>(conn_, st, [](const Stmt& s) { return ReadSession(s); }, "session not found");
}

Result<Invite> SqliteTx::GetInviteByTokenHash(const std::string& token_hash) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_INVITE_COLUMNS " FROM invites WHERE token_hash = ?1");
  st.BindText(1, token_hash);
  return One<Invite>(conn_, st, [](const Stmt& s) { return ReadInvite(s); }, "invite not found");
}

}  // namespace kin::sqlite
