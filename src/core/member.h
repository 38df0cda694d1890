// Members (people with an account), their memberships in hubs, and the roles a hub grants.
#ifndef KIN_CORE_MEMBER_H_
#define KIN_CORE_MEMBER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/contact.h"
#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"

namespace kin {

// Roles are granted per hub. Every membership has kMember; intake and coordinator are added to it.
enum class Role : uint8_t { kMember = 1, kIntake = 2, kCoordinator = 4 };

class Roles {
 public:
  Roles() = default;
  explicit Roles(uint8_t bits) : bits_(bits) {}
  static Roles Of(std::initializer_list<Role> roles) {
    Roles r;
    for (Role role : roles) r.Add(role);
    return r;
  }
  bool Has(Role r) const { return bits_ & static_cast<uint8_t>(r); }
  void Add(Role r) { bits_ |= static_cast<uint8_t>(r); }
  void Remove(Role r) { bits_ &= ~static_cast<uint8_t>(r); }
  uint8_t bits() const { return bits_; }
  bool operator==(const Roles&) const = default;

 private:
  uint8_t bits_ = 0;
};

const char* RoleName(Role r);
std::optional<Role> ParseRole(const std::string& name);
std::vector<std::string> RoleNames(Roles roles);

struct Member {
  MemberId id;
  std::string handle;        // unique sign-in name; need not be a legal name
  std::string display_name;  // what fellow members see
  std::vector<std::string> languages;
  Contact contact;           // encrypted at rest; optional
  std::string password_hash; // libsodium crypto_pwhash string; empty until set
  Timestamp created_at{};
};

struct Membership {
  HubId hub;
  MemberId member;
  Roles roles;
  Timestamp joined_at{};
};

void ValidateHandle(const std::string& handle, FieldErrors& errors);
void ValidateDisplayName(const std::string& name, FieldErrors& errors);

// NIST SP 800-63B: at least 8 characters, at most 128, no composition rules.
void ValidatePassword(const std::string& password, FieldErrors& errors);

}  // namespace kin

#endif  // KIN_CORE_MEMBER_H_
