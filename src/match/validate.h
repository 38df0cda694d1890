// Checks a problem before allocation. Every error names the item (index and id) and the field.
#ifndef KIN_MATCH_VALIDATE_H_
#define KIN_MATCH_VALIDATE_H_

#include "core/status.h"
#include "match/model.h"

namespace kin::match {

// kInvalid with one FieldError per problem, e.g. field "needs[3].place.lat", message "need 'n4': must be a
// number between -90 and 90". Checks ranges, known categories, unique ids, windows, locked and declined pairs
// referring to known items, locked units within quantity and capacity, at most 64 distinct languages and
// requirement tags.
Status ValidateProblem(const Problem& problem);

}  // namespace kin::match

#endif  // KIN_MATCH_VALIDATE_H_
