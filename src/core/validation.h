// Small checks shared by the validators of each domain type. Each adds a FieldError naming the field.
#ifndef KIN_CORE_VALIDATION_H_
#define KIN_CORE_VALIDATION_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kin {

// Counts Unicode code points; the input is assumed to be valid UTF-8 (the JSON decoder guarantees it).
size_t CodePoints(std::string_view utf8);

bool IsValidUtf8(std::string_view bytes);

// Requires 1..max code points of visible text when `required`, else 0..max; rejects control characters
// other than newline and tab.
void CheckText(std::string_view field, std::string_view value, size_t max, bool required, FieldErrors& errors);

// A short machine word: 1..max characters of a-z, 0-9, '-' and '_' (slugs, categories, units).
void CheckToken(std::string_view field, std::string_view value, size_t max, FieldErrors& errors);

// A BCP 47 language tag in the simple form kin accepts: "en", "es", "pt-BR", "zh-Hant".
void CheckLanguage(std::string_view field, std::string_view value, FieldErrors& errors);

void CheckRange(std::string_view field, long long value, long long min, long long max, FieldErrors& errors);

}  // namespace kin

#endif  // KIN_CORE_VALIDATION_H_
