// Federation: the cache of remote actors (remote_actors and remote_actor_documents, migrations 9 and 12), read
// when fresh instead of fetching again, and kept to a bounded size.
#include <string>
#include <utility>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {

std::optional<std::pair<std::string, Timestamp>> SqliteTx::GetRemoteActorDocument(const std::string& actor) {
  KIN_PREPARE_OR_FAIL(st, "SELECT document, fetched_at FROM remote_actor_documents WHERE id = ?1", std::nullopt);
  st.BindText(1, actor);
  int rc = st.Step();
  if (rc != SQLITE_ROW) {
    if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "reading an actor document"));
    return std::nullopt;
  }
  return std::make_pair(st.Text(0), Timestamp{Seconds{st.Int64(1)}});
}

Result<int> SqliteTx::PruneRemoteActors(int keep, const std::string& except) {
  // Actors a hub follows or is followed by are never pruned: deliveries and escalation read their inboxes.
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "DELETE FROM remote_actors WHERE seq IN (SELECT a.seq FROM remote_actors a WHERE NOT EXISTS "
                        "(SELECT 1 FROM hub_follows f WHERE f.remote_actor = a.id) "
                        "ORDER BY a.id = ?2 DESC, a.fetched_at DESC, a.seq DESC LIMIT -1 OFFSET ?1)");
  st.BindInt64(1, keep < 1 ? 1 : keep).BindText(2, except);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "pruning remote actors");
  int removed = conn_.Changes();
  // A document without its actor row is left from before, or from an actor just pruned.
  KIN_PREPARE_OR_RETURN(docs, conn_,
                        "DELETE FROM remote_actor_documents WHERE id NOT IN (SELECT id FROM remote_actors)");
  if (docs.Step() != SQLITE_DONE) return Error(conn_.db(), "pruning remote actor documents");
  return removed;
}

}  // namespace kin::sqlite
