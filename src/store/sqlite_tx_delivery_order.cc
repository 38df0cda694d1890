// Federation: delivery order per target inbox. The rows waiting behind a delivery given up to a dead inbox go with
// it (store/sqlite_delivery_queue.h holds the statement, so its plan is checked with the others').
#include <string>

#include "store/sqlite_delivery_queue.h"
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {

Result<int> SqliteTx::GiveUpDeliveriesBehind(const std::string& inbox, int64_t seq, Timestamp queued_before,
                                             Timestamp at, const std::string& error) {
  KIN_PREPARE_OR_RETURN(st, conn_, kGiveUpDeliveriesBehindSql);
  st.BindText(1, inbox)
      .BindInt64(2, seq)
      .BindInt64(3, queued_before.time_since_epoch().count())
      .BindInt64(4, at.time_since_epoch().count())
      .BindText(5, error);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "giving up deliveries behind one given up");
  return conn_.Changes();
}

}  // namespace kin::sqlite
