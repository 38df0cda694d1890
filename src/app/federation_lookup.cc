// Federation::LookUpActor: one hub addressed by handle or URL, for capabilities beyond following (councils); and
// the cache of remote actors that it, escalation and the directory read before fetching again.
#include <cctype>
#include <optional>
#include <utility>

#include "app/federation.h"
#include "federation/url.h"

namespace kin {

Result<RemoteActor> Federation::LookUpActor(const std::string& raw) {
  std::string target = raw;
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.back()))) target.pop_back();
  while (!target.empty() && std::isspace(static_cast<unsigned char>(target.front()))) target.erase(0, 1);
  if (target.empty()) return Status::InvalidField("target", "is required: @slug@host or an actor URL");
  if (target.size() > 2048) return Status::InvalidField("target", "is too long");
  std::string url = target;
  if (target.rfind("http://", 0) != 0 && target.rfind("https://", 0) != 0) {
    Result<std::string> resolved = ResolveHandle(target);
    if (!resolved.ok()) return resolved.status();
    url = *resolved;
  } else if (!federation::ParseUrl(target).ok()) {
    return Status::InvalidField("target", "is not a valid URL");
  }
  Result<RemoteActor> remote = CachedActor(url);
  if (!remote.ok()) {
    if (remote.status().kind() == StatusKind::kInternal) return remote.status();
    return Status::InvalidField("target", "cannot use " + url + ": " + remote.status().message());
  }
  return remote;
}

Result<RemoteActor> Federation::CachedActor(const std::string& url) {
  std::optional<RemoteActor> cached;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    cached = tx.GetRemoteActor(url);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (cached && ctx_.clock.Now() - cached->fetched_at < config_.actor_cache_fresh) return *cached;
  return FetchActor(url);
}

Result<std::string> Federation::ActorDocument(const std::string& url) {
  std::optional<std::pair<std::string, Timestamp>> cached;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    cached = tx.GetRemoteActorDocument(url);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (cached && ctx_.clock.Now() - cached->second < config_.actor_cache_fresh) return std::move(cached->first);
  std::string document;
  Result<RemoteActor> actor = FetchActor(url, &document);
  if (!actor.ok()) return actor.status();
  return document;
}

}  // namespace kin
