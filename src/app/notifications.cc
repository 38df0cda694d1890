#include "app/notifications.h"

#include <algorithm>

#include "app/access.h"
#include "app/message_render.h"
#include "crypto/tokens.h"

namespace kin {

namespace {

constexpr int kMaxAttempts = 5;

}  // namespace

Status Notifications::Queue(WriteTx& tx, OutboxMessage message, bool* queued) {
  if (queued) *queued = false;
  if (tx.OutboxHasKey(message.dedupe_key)) return Status::Ok();  // queued by an earlier sweep
  if (message.id.empty()) message.id = MessageId{RandomId("msg")};
  MessageRenderer(tx, /*current_names=*/false).Render(message);
  Status s = tx.InsertOutbox(message);
  if (s.kind() == StatusKind::kConflict) return Status::Ok();  // queued by an earlier sweep
  if (s.ok() && queued) *queued = true;
  return s;
}

Result<Page<OutboxMessage>> Notifications::Mine(const Caller& caller, const PageRequest& page) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to read your messages");
  return ReadValue<Page<OutboxMessage>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<OutboxMessage>> {
    Page<OutboxMessage> out = tx.ListOutboxOf(*caller.member, page);
    MessageRenderer renderer(tx);
    for (OutboxMessage& m : out.items) renderer.Render(m);
    return out;
  });
}

Result<std::vector<Minutes>> Notifications::ReminderOffsets(const Caller& caller) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see your reminders");
  return ReadValue<std::vector<Minutes>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<Minutes>> {
    return tx.GetReminderOffsets(*caller.member).value_or(kDefaultReminderOffsets);
  });
}

Result<std::vector<Minutes>> Notifications::SetReminderOffsets(const Caller& caller, std::vector<Minutes> offsets) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to change your reminders");
  Status s = ValidateReminderOffsets(offsets);
  if (!s.ok()) return s;
  std::sort(offsets.begin(), offsets.end(), std::greater<>());
  s = ctx_.store.Write([&](WriteTx& tx) { return tx.PutReminderOffsets(*caller.member, offsets); });
  if (!s.ok()) return s;
  return offsets;
}

namespace {

std::optional<SmtpView> ViewOf(std::optional<SmtpSettings> settings) {
  if (!settings) return std::nullopt;
  SmtpView view;
  view.password_set = !settings->password.empty();
  settings->password.clear();
  view.settings = std::move(*settings);
  return view;
}

}  // namespace

Result<std::optional<SmtpView>> Notifications::Smtp(const Caller& caller, const std::string& hub_slug) {
  return ReadValue<std::optional<SmtpView>>(ctx_.store, [&](ReadTx& tx) -> Result<std::optional<SmtpView>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    std::optional<SmtpView> view = ViewOf(tx.GetSmtpSettings(access->hub.id));
    // The sign-in's name is half a credential: coordinators, who set it, see it; other members only that mail is on.
    if (view && !access->membership.roles.Has(Role::kCoordinator)) view->settings.username.clear();
    return view;
  });
}

Result<std::optional<SmtpView>> Notifications::SetSmtp(const Caller& caller, const std::string& hub_slug,
                                                       const std::optional<SmtpSettings>& settings,
                                                       bool keep_password) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<std::optional<SmtpView>>(ctx_.store, [&](WriteTx& tx) -> Result<std::optional<SmtpView>> {
    Result<HubAccess> access = RequireRoleIn(tx, caller, hub_slug, Role::kCoordinator);
    if (!access.ok()) return access.status();
    std::optional<SmtpSettings> next = settings;
    if (next && keep_password && next->password.empty() && !next->username.empty()) {
      std::optional<SmtpSettings> stored = tx.GetSmtpSettings(access->hub.id);
      if (stored) next->password = stored->password;
    }
    if (next) {
      Status s = ValidateSmtpSettings(*next);
      if (!s.ok()) return s;
    }
    Status s = tx.PutSmtpSettings(access->hub.id, next);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "hub.smtp_updated", access->hub.id.value);
    if (!s.ok()) return s;
    return ViewOf(std::move(next));
  });
}

Result<int> Notifications::Deliver(MessageSender& sender, int limit) {
  struct Job {
    OutboxMessage message;
    SmtpSettings server;
    std::string to;
  };
  std::vector<Job> jobs;
  std::vector<OutboxMessage> undeliverable;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    MessageRenderer renderer(tx);
    for (OutboxMessage& m : tx.ListUnsent(limit, kMaxAttempts)) {
      std::optional<SmtpSettings> server = tx.GetSmtpSettings(m.hub);
      if (!server) continue;
      Result<Member> member = tx.GetMember(m.member);
      if (m.channel != "email" || !member.ok() || member->contact.email.empty()) {
        undeliverable.push_back(std::move(m));
        continue;
      }
      renderer.Render(m, member->languages);
      jobs.push_back({std::move(m), *server, member->contact.email});
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  // No address to send to: the message stays readable in the app and leaves the queue, so it never blocks others.
  for (OutboxMessage& m : undeliverable) {
    m.attempts = kMaxAttempts;
    m.last_error = "no email address; the message is in the app only";
    s = ctx_.store.Write([&](WriteTx& tx) { return tx.UpdateOutbox(m); });
    if (!s.ok()) return s;
  }
  int sent = 0;
  for (Job& job : jobs) {
    // Network I/O happens outside any transaction; each result is recorded on its own.
    Status result = sender.Send(job.server, job.to, job.message.subject, job.message.body);
    job.message.attempts += 1;
    if (result.ok()) {
      job.message.sent_at = ctx_.clock.Now();
      job.message.last_error.clear();
      ++sent;
    } else {
      job.message.last_error = result.message().substr(0, 500);
    }
    s = ctx_.store.Write([&](WriteTx& tx) { return tx.UpdateOutbox(job.message); });
    if (!s.ok()) return s;
  }
  return sent;
}

}  // namespace kin
