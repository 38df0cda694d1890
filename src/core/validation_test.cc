#include "core/validation.h"

#include <gtest/gtest.h>

#include "core/member.h"

namespace kin {
namespace {

TEST(Validation, Utf8AcceptsValidAndRejectsMalformed) {
  EXPECT_TRUE(IsValidUtf8("niño ☃ 𝄞"));
  EXPECT_FALSE(IsValidUtf8("\xC3"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));      // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Validation, TextCountsCharactersNotBytes) {
  FieldErrors errors;
  CheckText("name", "ñññ", 3, true, errors);
  EXPECT_TRUE(errors.empty());
  CheckText("name", "ññññ", 3, true, errors);
  EXPECT_FALSE(errors.empty());
}

TEST(Validation, RequiredTextRejectsBlank) {
  FieldErrors errors;
  CheckText("description", "   \n", 100, true, errors);
  Status s = errors.ToStatus();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.fields()[0].field, "description");
  EXPECT_EQ(s.fields()[0].message, "is required");
}

TEST(Validation, LanguageTags) {
  for (const char* good : {"en", "es", "pt-BR", "zh-Hant", "ast"}) {
    FieldErrors errors;
    CheckLanguage("language", good, errors);
    EXPECT_TRUE(errors.empty()) << good;
  }
  for (const char* bad : {"", "e", "english-language-long-tag-that-is-wrong", "en_US", "e1"}) {
    FieldErrors errors;
    CheckLanguage("language", bad, errors);
    EXPECT_FALSE(errors.empty()) << bad;
  }
}

TEST(Validation, PasswordFollowsNistLengthRulesOnly) {
  FieldErrors short_errors, ok_errors;
  ValidatePassword("short", short_errors);
  ValidatePassword("all lower case words", ok_errors);
  EXPECT_FALSE(short_errors.empty());
  EXPECT_TRUE(ok_errors.empty());
}

// NIST SP 800-63B: long passphrases of any characters are fine, common passwords are not, and no composition rule
// (digits, symbols, upper case) is demanded.
TEST(Password, FollowsNistGuidance) {
  for (const std::string& ok : {std::string("correct horse battery"), std::string(64, 'x') + "y",
                               std::string("ñandú con acentos"), std::string("solo minusculas aqui")}) {
    FieldErrors errors;
    ValidatePassword(ok, errors);
    EXPECT_TRUE(errors.empty()) << ok;
  }
  for (const char* common : {"password", "Password1", "12345678", "QWERTYUIOP", "contraseña", "iloveyou"}) {
    FieldErrors errors;
    ValidatePassword(common, errors);
    EXPECT_FALSE(errors.empty()) << common;
  }
  FieldErrors too_long;
  ValidatePassword(std::string(129, 'a'), too_long);
  EXPECT_FALSE(too_long.empty());
}

}  // namespace
}  // namespace kin
