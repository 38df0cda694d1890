#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <thread>

#include "store/migrations.h"

namespace kin {
namespace {

using std::chrono::seconds;

constexpr char kPhone[] = "+1 555 0199 7788";
constexpr char kEmail[] = "hidden.person@example.org";
constexpr char kAddress[] = "42 Quiet Lane, flat 3";

Timestamp At(int64_t s) { return Timestamp{seconds{s}}; }

SecretKeyBytes TestKey() {
  SecretKeyBytes key;
  for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i * 7 + 1);
  return key;
}

Hub MakeHub(const std::string& id, const std::string& slug) {
  Hub h;
  h.id.value = id;
  h.slug = slug;
  h.settings.name = "Hub " + slug;
  h.settings.description = "mutual aid in " + slug;
  h.settings.area_center = LatLon{19.4326, -99.1332};
  h.settings.area_radius_km = 7.5;
  h.settings.languages = {"es", "en", "nah"};
  h.settings.time_zone = "America/Mexico_City";
  h.settings.categories = {"food", "rides"};
  h.settings.retention_days = 45;
  h.settings.intake_open = false;
  h.created_at = At(1700000000);
  return h;
}

Member MakeMember(const std::string& id, const std::string& handle) {
  Member m;
  m.id.value = id;
  m.handle = handle;
  m.display_name = "Person " + handle;
  m.languages = {"es"};
  m.password_hash = "$argon2id$v=19$fake";
  m.created_at = At(1700000100);
  return m;
}

Need MakeNeed(const std::string& id, const std::string& hub) {
  Need n;
  n.id.value = id;
  n.hub.value = hub;
  n.details.category = "food";
  n.details.description = "groceries for a family of four";
  n.details.quantity = 4;
  n.details.urgency = Urgency::kHigh;
  n.details.window = TimeWindow{At(1700100000), At(1700200000)};
  n.details.place = "near the market";
  n.details.language = "es";
  n.details.accessibility = "step-free access";
  n.details.location = LatLon{19.4301, -99.1402};
  n.details.contact = Contact{ContactMethod::kPhone, kPhone, kEmail, kAddress, LatLon{19.4301, -99.1402}};
  n.approx_location = Approximate(*n.details.location);
  n.source = NeedSource::kIntake;
  n.created_at = At(1700000200);
  n.updated_at = At(1700000300);
  return n;
}

Offer MakeOffer(const std::string& id, const std::string& hub, const std::string& member) {
  Offer o;
  o.id.value = id;
  o.hub.value = hub;
  o.member.value = member;
  o.details.category = "rides";
  o.details.description = "I have a car on weekends";
  o.details.capacity = Capacity{3, "ride", CapacityPeriod::kWeek};
  o.details.skills = {"car", "wheelchair lift"};
  o.details.languages = {"es", "en"};
  o.details.area_center = LatLon{19.43, -99.13};
  o.details.area_radius_km = 4;
  o.details.availability = "weekends";
  o.created_at = At(1700000400);
  o.updated_at = At(1700000500);
  return o;
}

Match MakeMatch(const std::string& id, const std::string& hub, const std::string& need, const std::string& offer,
                const std::string& helper) {
  Match m;
  m.id.value = id;
  m.hub.value = hub;
  m.need.value = need;
  m.offer.value = offer;
  m.helper.value = helper;
  m.proposed_by.value = helper;
  m.origin = MatchOrigin::kClaim;
  m.status = MatchStatus::kAccepted;
  m.note = "I live nearby";
  m.created_at = At(1700000600);
  m.updated_at = At(1700000700);
  return m;
}

std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = ::testing::TempDir() + "kin_store_" + info->name() + "_" + std::to_string(::getpid()) + ".db";
    RemoveFiles(path_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    RemoveFiles(path_);
  }

  static void RemoveFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", ".tmp"}) std::remove((path + suffix).c_str());
  }

  void Reopen(int max_batch = 256) {
    store_.reset();
    SqliteOptions options;
    options.path = path_;
    options.box = &box_;
    options.max_batch = max_batch;
    options.read_connections = 4;
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
  }

  Status W(const std::function<Status(WriteTx&)>& fn) { return store_->Write(fn); }

  // A hub "h1", members "m1" (with contact) and "m2", and a membership of m1.
  void Seed() {
    Member m1 = MakeMember("m1", "ana");
    m1.contact = Contact{ContactMethod::kEmail, kPhone, kEmail, kAddress, std::nullopt};
    ASSERT_TRUE(W([&](WriteTx& tx) {
                  Status s = tx.InsertHub(MakeHub("h1", "roma-norte"));
                  if (s.ok()) s = tx.InsertMember(m1);
                  if (s.ok()) s = tx.InsertMember(MakeMember("m2", "beto"));
                  if (s.ok()) s = tx.PutMembership({HubId{"h1"}, MemberId{"m1"}, Roles::Of({Role::kMember}),
                                                    At(1700000150)});
                  return s;
                }).ok());
  }

  int CountNeeds() {
    int n = 0;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) {
                  PageRequest page{"", 200};
                  for (;;) {
                    Page<Need> p = tx.ListNeeds(HubId{"h1"}, {}, page);
                    n += static_cast<int>(p.items.size());
                    if (p.next.empty()) return Status::Ok();
                    page.after = p.next;
                  }
                }).ok());
    return n;
  }

  SecretBox box_{TestKey()};
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SqliteStoreTest, RoundTripsEveryEntityIncludingContact) {
  Seed();
  Need need = MakeNeed("n1", "h1");
  need.requester = MemberId{"m1"};
  need.status_token_hash = "tokhash";
  Offer offer = MakeOffer("o1", "h1", "m2");
  Match match = MakeMatch("x1", "h1", "n1", "o1", "m2");
  Session session{"sesshash", MemberId{"m1"}, SessionKind::kApiToken, "laptop", At(1), At(99999), false};
  Invite invite;
  invite.id.value = "i1";
  invite.token_hash = "invhash";
  invite.hub.value = "h1";
  invite.role = Role::kCoordinator;
  invite.created_by = "admin";
  invite.created_at = At(5);
  invite.expires_at = At(500);
  invite.uses_left = 3;
  Invite reset;
  reset.id.value = "i2";
  reset.token_hash = "resethash";
  reset.kind = InviteKind::kResetPassword;
  reset.member = MemberId{"m2"};
  reset.created_by = "m1";
  ASSERT_TRUE(W([&](WriteTx& tx) {
                Status s = tx.InsertNeed(need);
                if (s.ok()) s = tx.InsertOffer(offer);
                if (s.ok()) s = tx.InsertMatch(match);
                if (s.ok()) s = tx.InsertSession(session);
                if (s.ok()) s = tx.InsertInvite(invite);
                if (s.ok()) s = tx.InsertInvite(reset);
                if (s.ok()) s = tx.AppendEvent({0, HubId{"h1"}, At(7), "m1", "need.created", "n1", "via intake"});
                return s;
              }).ok());

  Status s = store_->Read([&](ReadTx& tx) -> Status {
    Result<Hub> hub = tx.GetHubBySlug("roma-norte");
    EXPECT_TRUE(hub.ok());
    Hub want = MakeHub("h1", "roma-norte");
    EXPECT_EQ(hub->id, want.id);
    EXPECT_EQ(hub->settings.name, want.settings.name);
    EXPECT_EQ(hub->settings.description, want.settings.description);
    EXPECT_EQ(hub->settings.area_center, want.settings.area_center);
    EXPECT_EQ(hub->settings.area_radius_km, want.settings.area_radius_km);
    EXPECT_EQ(hub->settings.languages, want.settings.languages);
    EXPECT_EQ(hub->settings.time_zone, want.settings.time_zone);
    EXPECT_EQ(hub->settings.categories, want.settings.categories);
    EXPECT_EQ(hub->settings.retention_days, 45);
    EXPECT_FALSE(hub->settings.intake_open);
    EXPECT_EQ(hub->created_at, want.created_at);

    Result<Member> m1 = tx.GetMemberByHandle("ana");
    EXPECT_TRUE(m1.ok());
    EXPECT_EQ(m1->id.value, "m1");
    EXPECT_EQ(m1->contact, (Contact{ContactMethod::kEmail, kPhone, kEmail, kAddress, std::nullopt}));
    EXPECT_EQ(m1->languages, std::vector<std::string>{"es"});
    EXPECT_EQ(m1->password_hash, "$argon2id$v=19$fake");
    EXPECT_TRUE(tx.GetMember(MemberId{"m2"})->contact.empty());

    std::optional<Membership> ms = tx.GetMembership(HubId{"h1"}, MemberId{"m1"});
    EXPECT_TRUE(ms.has_value());
    EXPECT_TRUE(ms->roles.Has(Role::kMember));
    EXPECT_EQ(ms->joined_at, At(1700000150));
    EXPECT_FALSE(tx.GetMembership(HubId{"h1"}, MemberId{"m2"}).has_value());

    Result<Need> n = tx.GetNeed(NeedId{"n1"});
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(n->hub.value, "h1");
    EXPECT_EQ(n->details.category, need.details.category);
    EXPECT_EQ(n->details.description, need.details.description);
    EXPECT_EQ(n->details.quantity, 4);
    EXPECT_EQ(n->details.urgency, Urgency::kHigh);
    EXPECT_EQ(n->details.window, need.details.window);
    EXPECT_EQ(n->details.place, need.details.place);
    EXPECT_EQ(n->details.language, "es");
    EXPECT_EQ(n->details.accessibility, need.details.accessibility);
    EXPECT_EQ(n->details.location, need.details.location);
    EXPECT_EQ(n->details.contact, need.details.contact);
    EXPECT_EQ(n->approx_location, need.approx_location);
    EXPECT_EQ(n->status, NeedStatus::kOpen);
    EXPECT_EQ(n->source, NeedSource::kIntake);
    EXPECT_EQ(n->requester, MemberId{"m1"});
    EXPECT_EQ(n->created_at, need.created_at);
    EXPECT_EQ(n->updated_at, need.updated_at);
    EXPECT_EQ(tx.GetNeedByStatusTokenHash("tokhash")->id.value, "n1");

    Result<Offer> o = tx.GetOffer(OfferId{"o1"});
    EXPECT_TRUE(o.ok());
    EXPECT_EQ(o->member.value, "m2");
    EXPECT_EQ(o->details.capacity, offer.details.capacity);
    EXPECT_EQ(o->details.skills, offer.details.skills);
    EXPECT_EQ(o->details.languages, offer.details.languages);
    EXPECT_EQ(o->details.area_center, offer.details.area_center);
    EXPECT_EQ(o->details.area_radius_km, 4);
    EXPECT_EQ(o->details.availability, "weekends");
    EXPECT_EQ(o->status, OfferStatus::kActive);
    EXPECT_EQ(o->updated_at, offer.updated_at);

    Result<Match> x = tx.GetMatch(MatchId{"x1"});
    EXPECT_TRUE(x.ok());
    EXPECT_EQ(x->need.value, "n1");
    EXPECT_EQ(x->offer.value, "o1");
    EXPECT_EQ(x->helper.value, "m2");
    EXPECT_EQ(x->origin, MatchOrigin::kClaim);
    EXPECT_EQ(x->status, MatchStatus::kAccepted);
    EXPECT_EQ(x->note, "I live nearby");
    EXPECT_EQ(tx.GetActiveMatchForNeed(NeedId{"n1"})->id.value, "x1");

    Page<Event> events = tx.ListEvents(HubId{"h1"}, {});
    EXPECT_EQ(events.items.size(), 1u);
    EXPECT_GT(events.items[0].seq, 0);
    EXPECT_EQ(events.items[0].type, "need.created");
    EXPECT_EQ(events.items[0].detail, "via intake");

    Result<Session> sess = tx.GetSession("sesshash");
    EXPECT_TRUE(sess.ok());
    EXPECT_EQ(sess->kind, SessionKind::kApiToken);
    EXPECT_EQ(sess->label, "laptop");
    EXPECT_EQ(sess->expires_at, At(99999));

    Result<Invite> inv = tx.GetInviteByTokenHash("invhash");
    EXPECT_TRUE(inv.ok());
    EXPECT_EQ(inv->role, Role::kCoordinator);
    EXPECT_EQ(inv->hub.value, "h1");
    EXPECT_FALSE(inv->member.has_value());
    EXPECT_EQ(inv->uses_left, 3);
    Result<Invite> rst = tx.GetInviteByTokenHash("resethash");
    EXPECT_EQ(rst->kind, InviteKind::kResetPassword);
    EXPECT_EQ(rst->member, MemberId{"m2"});
    EXPECT_TRUE(rst->hub.empty());
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
}

TEST_F(SqliteStoreTest, UpdatesReplaceRowsAndMissingRowsAreNotFound) {
  Seed();
  Need need = MakeNeed("n1", "h1");
  ASSERT_TRUE(W([&](WriteTx& tx) { return tx.InsertNeed(need); }).ok());
  need.status = NeedStatus::kMatched;
  need.details.contact = Contact{};
  need.details.location.reset();
  ASSERT_TRUE(W([&](WriteTx& tx) { return tx.UpdateNeed(need); }).ok());
  ASSERT_TRUE(W([&](WriteTx& tx) {
                return tx.PutMembership({HubId{"h1"}, MemberId{"m1"}, Roles::Of({Role::kMember, Role::kIntake}),
                                         At(1)});
              }).ok());
  Result<Need> got = ReadValue<Need>(*store_, [](ReadTx& tx) { return tx.GetNeed(NeedId{"n1"}); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->status, NeedStatus::kMatched);
  EXPECT_TRUE(got->details.contact.empty());
  EXPECT_FALSE(got->details.location.has_value());
  ASSERT_TRUE(store_->Read([](ReadTx& tx) {
                std::vector<Membership> all = tx.ListMembershipsOf(MemberId{"m1"});
                EXPECT_EQ(all.size(), 1u);
                EXPECT_TRUE(all[0].roles.Has(Role::kIntake));
                EXPECT_EQ(all[0].joined_at, At(1700000150));  // kept from the first put
                return Status::Ok();
              }).ok());

  Status missing = W([](WriteTx& tx) { return tx.UpdateNeed(MakeNeed("nope", "h1")); });
  EXPECT_EQ(missing.kind(), StatusKind::kNotFound);
  EXPECT_EQ(W([](WriteTx& tx) { return tx.UpdateHub(MakeHub("nope", "x")); }).kind(), StatusKind::kNotFound);
  EXPECT_EQ(W([](WriteTx& tx) { return tx.RevokeSession("nope"); }).kind(), StatusKind::kNotFound);
  Result<Need> none = ReadValue<Need>(*store_, [](ReadTx& tx) { return tx.GetNeed(NeedId{"nope"}); });
  EXPECT_EQ(none.status().kind(), StatusKind::kNotFound);
  EXPECT_EQ(none.status().message(), "need not found");
  EXPECT_EQ(W([](WriteTx& tx) { return tx.InsertNeed(MakeNeed("n9", "no-such-hub")); }).kind(),
            StatusKind::kNotFound);
}

TEST_F(SqliteStoreTest, RawDatabaseFilesHoldNoPlaintextContact) {
  Seed();
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.InsertNeed(MakeNeed("n1", "h1")); }).ok());
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.InsertNeed(MakeNeed("n2", "h1")); }).ok());
  std::string bytes = ReadFileBytes(path_) + ReadFileBytes(path_ + "-wal");
  ASSERT_NE(bytes.find("groceries for a family of four"), std::string::npos) << "scanned the wrong files";
  EXPECT_EQ(bytes.find(kPhone), std::string::npos);
  EXPECT_EQ(bytes.find(kEmail), std::string::npos);
  EXPECT_EQ(bytes.find(kAddress), std::string::npos);
  EXPECT_EQ(bytes.find("hidden.person"), std::string::npos);
}

TEST_F(SqliteStoreTest, DuplicateUniqueKeysAreConflictsAndStoreNothing) {
  Seed();
  Status slug = W([](WriteTx& tx) { return tx.InsertHub(MakeHub("h2", "roma-norte")); });
  EXPECT_EQ(slug.kind(), StatusKind::kConflict);
  EXPECT_EQ(slug.message(), "a hub with slug 'roma-norte' already exists");
  Status handle = W([](WriteTx& tx) { return tx.InsertMember(MakeMember("m3", "ana")); });
  EXPECT_EQ(handle.kind(), StatusKind::kConflict);
  EXPECT_EQ(handle.message(), "a member with handle 'ana' already exists");
  EXPECT_EQ(W([](WriteTx& tx) { return tx.InsertHub(MakeHub("h1", "other")); }).kind(), StatusKind::kConflict);

  ASSERT_TRUE(W([](WriteTx& tx) {
                Status s = tx.InsertNeed(MakeNeed("n1", "h1"));
                if (s.ok()) s = tx.InsertOffer(MakeOffer("o1", "h1", "m2"));
                if (s.ok()) s = tx.InsertMatch(MakeMatch("x1", "h1", "n1", "o1", "m2"));
                return s;
              }).ok());
  Status second = W([](WriteTx& tx) {
    Match m = MakeMatch("x2", "h1", "n1", "", "m1");
    m.status = MatchStatus::kProposed;
    return tx.InsertMatch(m);
  });
  EXPECT_EQ(second.kind(), StatusKind::kConflict);
  EXPECT_EQ(second.message(), "the need already has an active match");

  ASSERT_TRUE(store_->Read([](ReadTx& tx) {
                EXPECT_EQ(tx.GetHub(HubId{"h2"}).status().kind(), StatusKind::kNotFound);
                EXPECT_EQ(tx.GetMember(MemberId{"m3"}).status().kind(), StatusKind::kNotFound);
                EXPECT_EQ(tx.GetMatch(MatchId{"x2"}).status().kind(), StatusKind::kNotFound);
                EXPECT_EQ(tx.GetHub(HubId{"h1"})->slug, "roma-norte");
                return Status::Ok();
              }).ok());

  // Once the first match is released, another may become active.
  ASSERT_TRUE(W([](WriteTx& tx) {
                Match m = MakeMatch("x1", "h1", "n1", "o1", "m2");
                m.status = MatchStatus::kReleased;
                m.reason = "car broke down";
                Status s = tx.UpdateMatch(m);
                if (s.ok()) s = tx.InsertMatch(MakeMatch("x2", "h1", "n1", "", "m1"));
                return s;
              }).ok());
  Result<Match> active =
      ReadValue<Match>(*store_, [](ReadTx& tx) -> Result<Match> { return *tx.GetActiveMatchForNeed(NeedId{"n1"}); });
  ASSERT_TRUE(active.ok());
  EXPECT_EQ(active->id.value, "x2");
  EXPECT_TRUE(active->offer.empty());
}

TEST_F(SqliteStoreTest, FailingClosureInABatchRollsBackOnlyItsOwnChanges) {
  Seed();
  StoreStats before = store_->Stats();
  // Hold the writer inside one closure so the others queue up and share the next commit.
  std::atomic<bool> release{false};
  std::thread blocker([&] {
    EXPECT_TRUE(W([&](WriteTx& tx) {
                  while (!release) std::this_thread::sleep_for(std::chrono::milliseconds(1));
                  return tx.InsertNeed(MakeNeed("first", "h1"));
                }).ok());
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  constexpr int kThreads = 12;
  std::vector<Status> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      results[i] = W([i](WriteTx& tx) -> Status {
        Status s = tx.InsertNeed(MakeNeed("n" + std::to_string(i), "h1"));
        if (!s.ok()) return s;
        if (i % 3 == 1) return Status::Invalid("changed my mind");  // after a successful insert
        if (i % 3 == 2) throw std::runtime_error("boom");
        return Status::Ok();
      });
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  release = true;
  blocker.join();
  for (std::thread& t : threads) t.join();

  for (int i = 0; i < kThreads; ++i) {
    if (i % 3 == 0) {
      EXPECT_TRUE(results[i].ok()) << i << results[i].ToString();
    } else if (i % 3 == 1) {
      EXPECT_EQ(results[i].kind(), StatusKind::kInvalid);
    } else {
      EXPECT_EQ(results[i].kind(), StatusKind::kInternal);
      EXPECT_NE(results[i].message().find("boom"), std::string::npos);
    }
  }
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) {
                for (int i = 0; i < kThreads; ++i) {
                  bool present = tx.GetNeed(NeedId{"n" + std::to_string(i)}).ok();
                  EXPECT_EQ(present, i % 3 == 0) << i;
                }
                return Status::Ok();
              }).ok());
  StoreStats after = store_->Stats();
  EXPECT_EQ(after.writes - before.writes, 1u + kThreads / 3);
  // The queued closures shared commits (typically one, after the held one), failures included.
  EXPECT_LT(after.commits - before.commits, 1u + kThreads);
  // The writer survived the exception.
  EXPECT_TRUE(W([](WriteTx& tx) { return tx.InsertNeed(MakeNeed("later", "h1")); }).ok());
}

TEST_F(SqliteStoreTest, ConcurrentWritesAllPersistAndShareCommits) {
  Seed();
  constexpr int kThreads = 16;
  constexpr int kPerThread = 200;
  StoreStats before = store_->Stats();
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        std::string id = "t" + std::to_string(t) + "-" + std::to_string(i);
        Status s = W([&](WriteTx& tx) { return tx.InsertNeed(MakeNeed(id, "h1")); });
        if (!s.ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures, 0);
  StoreStats after = store_->Stats();
  EXPECT_EQ(after.writes - before.writes, uint64_t{kThreads * kPerThread});
  EXPECT_LT(after.commits - before.commits, after.writes - before.writes);
  EXPECT_GT(after.db_seconds_total, 0);
  Reopen();  // from the file, not from a cache
  EXPECT_EQ(CountNeeds(), kThreads * kPerThread);
}

TEST_F(SqliteStoreTest, PaginationWalksEveryItemExactlyOnceNewestFirst) {
  Seed();
  constexpr int kNeeds = 23;
  for (int i = 0; i < kNeeds; ++i) {
    ASSERT_TRUE(W([i](WriteTx& tx) { return tx.InsertNeed(MakeNeed("n" + std::to_string(i), "h1")); }).ok());
  }
  std::vector<std::string> seen;
  int pages = 0;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) {
                PageRequest page{"", 5};
                for (;;) {
                  Page<Need> p = tx.ListNeeds(HubId{"h1"}, {}, page);
                  ++pages;
                  for (const Need& n : p.items) seen.push_back(n.id.value);
                  if (p.next.empty()) break;
                  EXPECT_TRUE(IsValidCursor(p.next));
                  EXPECT_EQ(p.items.size(), 5u);
                  page.after = p.next;
                }
                EXPECT_TRUE(tx.ListNeeds(HubId{"h1"}, {}, {"not-a-cursor", 5}).items.empty());
                EXPECT_TRUE(tx.ListNeeds(HubId{"other"}, {}, {}).items.empty());
                return Status::Ok();
              }).ok());
  EXPECT_EQ(pages, 5);
  ASSERT_EQ(seen.size(), size_t{kNeeds});
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), size_t{kNeeds});
  EXPECT_EQ(seen.front(), "n22");
  EXPECT_EQ(seen.back(), "n0");

  // An exactly full last page has no next cursor.
  ASSERT_TRUE(store_->Read([](ReadTx& tx) {
                Page<Hub> hubs = tx.ListHubs({"", 1});
                EXPECT_EQ(hubs.items.size(), 1u);
                EXPECT_TRUE(hubs.next.empty());
                Page<MemberInHub> members = tx.ListMembers(HubId{"h1"}, {"", 1});
                EXPECT_EQ(members.items.size(), 1u);
                EXPECT_EQ(members.items[0].member.handle, "ana");
                EXPECT_EQ(members.items[0].member.contact.email, kEmail);
                EXPECT_TRUE(members.next.empty());
                return Status::Ok();
              }).ok());
}

TEST_F(SqliteStoreTest, ListNeedsFiltersByCategoryStatusUrgencyAndDistance) {
  Seed();
  const LatLon center{19.4326, -99.1332};
  struct Row {
    const char* id;
    const char* category;
    NeedStatus status;
    Urgency urgency;
    std::optional<LatLon> at;
  };
  const Row rows[] = {
      {"near-food", "food", NeedStatus::kOpen, Urgency::kHigh, LatLon{19.4350, -99.1300}},       // ~0.4 km
      {"near-rides", "rides", NeedStatus::kOpen, Urgency::kLow, LatLon{19.4500, -99.1332}},      // ~1.9 km
      {"far-food", "food", NeedStatus::kOpen, Urgency::kHigh, LatLon{19.5500, -99.1332}},        // ~13 km
      {"done-food", "food", NeedStatus::kFulfilled, Urgency::kHigh, LatLon{19.4330, -99.1330}},  // near, closed
      {"nowhere", "food", NeedStatus::kOpen, Urgency::kCritical, std::nullopt},
  };
  for (const Row& r : rows) {
    Need n = MakeNeed(r.id, "h1");
    n.details.category = r.category;
    n.status = r.status;
    n.details.urgency = r.urgency;
    n.details.location = r.at;
    n.approx_location = r.at ? std::optional<LatLon>(Approximate(*r.at)) : std::nullopt;
    ASSERT_TRUE(W([&](WriteTx& tx) { return tx.InsertNeed(n); }).ok());
  }
  auto ids = [&](const NeedFilter& f) {
    std::set<std::string> out;
    EXPECT_TRUE(store_->Read([&](ReadTx& tx) {
                  for (const Need& n : tx.ListNeeds(HubId{"h1"}, f, {"", 50}).items) out.insert(n.id.value);
                  return Status::Ok();
                }).ok());
    return out;
  };
  using Set = std::set<std::string>;
  NeedFilter food;
  food.category = "food";
  EXPECT_EQ(ids(food), (Set{"near-food", "far-food", "done-food", "nowhere"}));
  NeedFilter open;
  open.status = NeedStatus::kOpen;
  EXPECT_EQ(ids(open), (Set{"near-food", "near-rides", "far-food", "nowhere"}));
  NeedFilter low;
  low.urgency = Urgency::kLow;
  EXPECT_EQ(ids(low), (Set{"near-rides"}));
  NeedFilter near;
  near.near = center;
  near.within_km = 3;
  EXPECT_EQ(ids(near), (Set{"near-food", "near-rides", "done-food"}));
  near.within_km = 1;
  EXPECT_EQ(ids(near), (Set{"near-food", "done-food"}));
  near.within_km = 20;
  near.status = NeedStatus::kOpen;
  near.category = "food";
  near.urgency = Urgency::kHigh;
  EXPECT_EQ(ids(near), (Set{"near-food", "far-food"}));
}

TEST_F(SqliteStoreTest, EventsListOldestFirstAndFollowTheLog) {
  Seed();
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.InsertHub(MakeHub("h2", "other")); }).ok());
  for (int i = 0; i < 7; ++i) {
    ASSERT_TRUE(W([i](WriteTx& tx) {
                  Status s = tx.AppendEvent({0, HubId{"h1"}, At(i), "system", "e" + std::to_string(i), "s", ""});
                  if (s.ok()) s = tx.AppendEvent({0, HubId{"h2"}, At(i), "system", "other", "s", ""});
                  return s;
                }).ok());
  }
  std::vector<std::string> types;
  std::string cursor;
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) {
                PageRequest page{"", 3};
                int64_t last = 0;
                for (;;) {
                  Page<Event> p = tx.ListEvents(HubId{"h1"}, page);
                  for (const Event& e : p.items) {
                    EXPECT_GT(e.seq, last);
                    last = e.seq;
                    types.push_back(e.type);
                  }
                  if (p.next.empty()) break;
                  page.after = cursor = p.next;
                }
                return Status::Ok();
              }).ok());
  EXPECT_EQ(types, (std::vector<std::string>{"e0", "e1", "e2", "e3", "e4", "e5", "e6"}));
  // A follower holding the last cursor sees only what is appended later.
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.AppendEvent({0, HubId{"h1"}, At(9), "m1", "late", "s", ""}); }).ok());
  ASSERT_TRUE(store_->Read([&](ReadTx& tx) {
                Page<Event> p = tx.ListEvents(HubId{"h1"}, {cursor, 50});
                EXPECT_EQ(p.items.size(), 2u);  // e6 (the last page) and "late"
                EXPECT_EQ(p.items.back().type, "late");
                return Status::Ok();
              }).ok());
}

TEST_F(SqliteStoreTest, SessionsRevokeAndInvitesUpdate) {
  Seed();
  ASSERT_TRUE(W([](WriteTx& tx) {
                Status s;
                for (auto [hash, member] : {std::pair{"a", "m1"}, {"b", "m1"}, {"c", "m2"}}) {
                  if (s.ok()) {
                    s = tx.InsertSession({hash, MemberId{member}, SessionKind::kSession, "", At(1), At(100), false});
                  }
                }
                return s;
              }).ok());
  EXPECT_EQ(W([](WriteTx& tx) {
              return tx.InsertSession({"a", MemberId{"m2"}, SessionKind::kSession, "", At(1), At(2), false});
            }).kind(),
            StatusKind::kConflict);
  EXPECT_EQ(W([](WriteTx& tx) {
              return tx.InsertSession({"z", MemberId{"ghost"}, SessionKind::kSession, "", At(1), At(2), false});
            }).kind(),
            StatusKind::kNotFound);
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.RevokeSession("c"); }).ok());
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.RevokeSessionsOf(MemberId{"m1"}); }).ok());
  ASSERT_TRUE(store_->Read([](ReadTx& tx) {
                for (const char* h : {"a", "b", "c"}) EXPECT_TRUE(tx.GetSession(h)->revoked) << h;
                EXPECT_EQ(tx.GetSession("zz").status().kind(), StatusKind::kNotFound);
                return Status::Ok();
              }).ok());

  Invite inv;
  inv.id.value = "i1";
  inv.token_hash = "t1";
  inv.hub.value = "h1";
  inv.expires_at = At(100);
  inv.uses_left = 2;
  ASSERT_TRUE(W([&](WriteTx& tx) { return tx.InsertInvite(inv); }).ok());
  inv.uses_left = 1;
  ASSERT_TRUE(W([&](WriteTx& tx) { return tx.UpdateInvite(inv); }).ok());
  Result<Invite> got = ReadValue<Invite>(*store_, [](ReadTx& tx) { return tx.GetInviteByTokenHash("t1"); });
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->uses_left, 1);
  EXPECT_TRUE(got->UsableAt(At(50)));
  Invite other = inv;
  other.id.value = "i9";
  EXPECT_EQ(W([&](WriteTx& tx) { return tx.UpdateInvite(other); }).kind(), StatusKind::kNotFound);
}

TEST_F(SqliteStoreTest, BackupIsAConsistentDatabaseWithTheRows) {
  Seed();
  ASSERT_TRUE(W([](WriteTx& tx) { return tx.InsertNeed(MakeNeed("n1", "h1")); }).ok());
  std::string copy = path_ + ".backup";
  RemoveFiles(copy);
  // Writers keep going during the backup.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      EXPECT_TRUE(W([i](WriteTx& tx) { return tx.InsertNeed(MakeNeed("w" + std::to_string(i), "h1")); }).ok());
    }
  });
  Status s = store_->Backup(copy);
  stop = true;
  writer.join();
  ASSERT_TRUE(s.ok()) << s.ToString();

  SqliteOptions options;
  options.path = copy;
  options.box = &box_;
  Result<std::unique_ptr<Store>> restored = OpenSqliteStore(options);
  ASSERT_TRUE(restored.ok()) << restored.status().ToString();
  EXPECT_EQ((*restored)->SchemaVersion(), sqlite::LatestSchemaVersion());
  Result<Need> n = ReadValue<Need>(**restored, [](ReadTx& tx) { return tx.GetNeed(NeedId{"n1"}); });
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->details.contact.phone, kPhone);
  restored->reset();
  RemoveFiles(copy);
}

TEST_F(SqliteStoreTest, ReopeningAppliesNoMigrationTwice) {
  Seed();
  EXPECT_EQ(store_->SchemaVersion(), sqlite::LatestSchemaVersion());
  Reopen();
  EXPECT_EQ(store_->SchemaVersion(), sqlite::LatestSchemaVersion());
  Result<int> migrated = MigrateSqlite(path_);
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  EXPECT_EQ(*migrated, sqlite::LatestSchemaVersion());
  EXPECT_TRUE(ReadValue<Hub>(*store_, [](ReadTx& tx) { return tx.GetHub(HubId{"h1"}); }).ok());

  // A database from a newer kin is refused rather than misread.
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 999", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  EXPECT_FALSE(MigrateSqlite(path_).ok());
}

TEST_F(SqliteStoreTest, TamperedOrMovedSealedContactIsAnErrorNotGarbage) {
  Seed();
  ASSERT_TRUE(W([](WriteTx& tx) {
                Status s = tx.InsertNeed(MakeNeed("n1", "h1"));
                if (s.ok()) s = tx.InsertNeed(MakeNeed("n2", "h1"));
                return s;
              }).ok());
  store_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  // Flip one ciphertext byte of m1's contact; copy n1's sealed details onto n2.
  sqlite3_stmt* get = nullptr;
  sqlite3_prepare_v2(db, "SELECT contact_sealed FROM members WHERE id = 'm1'", -1, &get, nullptr);
  std::string blob;
  if (sqlite3_step(get) == SQLITE_ROW) {
    blob.assign(static_cast<const char*>(sqlite3_column_blob(get, 0)), sqlite3_column_bytes(get, 0));
  }
  sqlite3_finalize(get);
  sqlite3_stmt* put = nullptr;
  sqlite3_prepare_v2(db, "UPDATE members SET contact_sealed = ?1 WHERE id = 'm1'", -1, &put, nullptr);
  if (blob.size() > 40) blob[40] ^= 1;
  sqlite3_bind_blob(put, 1, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
  int put_rc = sqlite3_step(put);
  sqlite3_finalize(put);
  int move_rc = sqlite3_exec(
      db, "UPDATE needs SET private_sealed = (SELECT private_sealed FROM needs WHERE id = 'n1') WHERE id = 'n2'",
      nullptr, nullptr, nullptr);
  sqlite3_close(db);
  ASSERT_GT(blob.size(), 40u);
  ASSERT_EQ(put_rc, SQLITE_DONE);
  ASSERT_EQ(move_rc, SQLITE_OK);
  Reopen();

  Result<Member> m = ReadValue<Member>(*store_, [](ReadTx& tx) { return tx.GetMember(MemberId{"m1"}); });
  EXPECT_EQ(m.status().kind(), StatusKind::kInternal);
  Result<Need> moved = ReadValue<Need>(*store_, [](ReadTx& tx) { return tx.GetNeed(NeedId{"n2"}); });
  EXPECT_EQ(moved.status().kind(), StatusKind::kInternal);
  EXPECT_TRUE(ReadValue<Need>(*store_, [](ReadTx& tx) { return tx.GetNeed(NeedId{"n1"}); }).ok());
  // A list has no Status of its own: the whole Read fails instead of returning the bad row.
  Status listed = store_->Read([](ReadTx& tx) {
    tx.ListMembers(HubId{"h1"}, {});
    return Status::Ok();
  });
  EXPECT_EQ(listed.kind(), StatusKind::kInternal);
}

TEST_F(SqliteStoreTest, WriteInsideWriteIsRefusedNotDeadlocked) {
  Seed();
  Status inner;
  Status outer = W([&](WriteTx&) {
    inner = store_->Write([](WriteTx&) { return Status::Ok(); });
    return Status::Ok();
  });
  EXPECT_TRUE(outer.ok());
  EXPECT_EQ(inner.kind(), StatusKind::kInternal);
}

TEST(SqliteStoreOptions, RequireABoxAndAFile) {
  SqliteOptions options;
  options.path = ::testing::TempDir() + "kin_store_options.db";
  EXPECT_EQ(OpenSqliteStore(options).status().kind(), StatusKind::kInvalid);
  SecretBox box(TestKey());
  options.box = &box;
  options.path = ":memory:";
  EXPECT_EQ(OpenSqliteStore(options).status().kind(), StatusKind::kInvalid);
}

}  // namespace
}  // namespace kin
