#include "core/common_passwords.h"

#include <algorithm>
#include <string>

namespace kin {
namespace {

// Only entries of 8 or more characters: shorter passwords are refused for their length already.
constexpr std::string_view kCommon[] = {
    "00000000", "11111111", "11223344", "12121212", "123123123", "12341234", "12344321", "12345678",
    "123456789", "1234567890", "12345678910", "123456789a", "12345678a", "1234abcd", "1234qwer", "123qwe123",
    "147258369", "1q2w3e4r", "1q2w3e4r5t", "1qaz2wsx", "22222222", "55555555", "66666666", "77777777",
    "87654321", "88888888", "987654321", "99999999", "a1b2c3d4", "aa123456", "abc12345", "abcd1234",
    "abcdefgh", "admin123", "administrator", "asdf1234", "asdfasdf", "asdfghjk", "asdfghjkl", "baseball",
    "basketball", "butterfly", "changeme", "charlie1", "chocolate", "computer", "contrasena", "contraseña",
    "contraseña1", "contrasena1", "corvette", "dragon12", "football", "football1", "freedom1", "iloveyou",
    "iloveyou1", "iloveyou2", "jennifer", "jordan23", "letmein1", "letmein123", "liverpool", "login123",
    "master12", "mercedes", "michelle", "monkey12", "mustang1", "mutual aid", "mutualaid", "mutualaid1",
    "p@ssw0rd", "passw0rd", "password", "password!", "password1", "password12", "password123", "pokemon1",
    "princess", "princess1", "q1w2e3r4", "q1w2e3r4t5", "qazwsxedc", "qwer1234", "qwerty12", "qwerty123",
    "qwerty1234", "qwertyui", "qwertyuiop", "samsung1", "shadow12", "solidarity", "solidaridad", "starwars",
    "sunshine", "sunshine1", "superman", "teamo123", "trustno1", "welcome1", "welcome123", "whatever",
    "zaq12wsx", "zxcvbnm1", "zxcvbnm123",
};

}  // namespace

bool IsCommonPassword(std::string_view password) {
  std::string lower(password);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return std::find(std::begin(kCommon), std::end(kCommon), lower) != std::end(kCommon);
}

}  // namespace kin
