// Reads every page of a paged store list, for operations that must see all of something (an export, a deletion,
// the allocation engine's input).
#ifndef KIN_APP_ALL_PAGES_H_
#define KIN_APP_ALL_PAGES_H_

#include <vector>

#include "store/store.h"

namespace kin {

// `list` is called with successive PageRequests until a page has no next cursor.
template <typename T, typename List>
std::vector<T> AllPages(List list) {
  std::vector<T> out;
  PageRequest page{"", 200};
  do {
    Page<T> batch = list(page);
    out.insert(out.end(), batch.items.begin(), batch.items.end());
    page.after = batch.next;
  } while (!page.after.empty());
  return out;
}

}  // namespace kin

#endif  // KIN_APP_ALL_PAGES_H_
