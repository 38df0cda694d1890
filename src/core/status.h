// Status and Result<T>: expected failures as values.
//
// A Status carries a kind (mapped to an HTTP status in one table in src/http), a message that tells the person
// what to fix, and, for invalid input, one FieldError per bad field. Functions that can fail return Status or
// Result<T>; callers check with `if (!s.ok()) return s;`.
#ifndef KIN_CORE_STATUS_H_
#define KIN_CORE_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kin {

enum class StatusKind {
  kOk,
  kInvalid,          // the input is malformed or breaks a rule; FieldErrors say where
  kNotFound,         // no such thing, or the caller may not know it exists
  kConflict,         // the thing's current state does not allow this (e.g. already claimed)
  kForbidden,        // the caller is known but lacks the role
  kUnauthenticated,  // no valid credentials
  kRateLimited,      // too many attempts; try later
  kTooLarge,         // the request is bigger than the server accepts
  kUnavailable,      // the server is shutting down or overloaded
  kInternal,         // a bug or an I/O failure; the message is for logs, not users
};

struct FieldError {
  std::string field;    // dotted path, e.g. "contact.phone" or "location.lat"
  std::string message;  // what is wrong and what to do, e.g. "must be between -90 and 90"
};

class Status {
 public:
  Status() = default;  // ok
  static Status Ok() { return Status(); }
  static Status Invalid(std::string message, std::vector<FieldError> fields = {}) {
    return Status(StatusKind::kInvalid, std::move(message), std::move(fields));
  }
  static Status InvalidField(std::string field, std::string message) {
    std::string summary = field + ": " + message;
    return Status(StatusKind::kInvalid, std::move(summary), {{std::move(field), std::move(message)}});
  }
  static Status NotFound(std::string message) { return Status(StatusKind::kNotFound, std::move(message)); }
  static Status Conflict(std::string message) { return Status(StatusKind::kConflict, std::move(message)); }
  static Status Forbidden(std::string message) { return Status(StatusKind::kForbidden, std::move(message)); }
  static Status Unauthenticated(std::string message) {
    return Status(StatusKind::kUnauthenticated, std::move(message));
  }
  static Status RateLimited(std::string message) {
    return Status(StatusKind::kRateLimited, std::move(message));
  }
  static Status TooLarge(std::string message) { return Status(StatusKind::kTooLarge, std::move(message)); }
  static Status Unavailable(std::string message) {
    return Status(StatusKind::kUnavailable, std::move(message));
  }
  static Status Internal(std::string message) { return Status(StatusKind::kInternal, std::move(message)); }

  bool ok() const { return kind_ == StatusKind::kOk; }
  StatusKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }

  std::string ToString() const;

 private:
  Status(StatusKind kind, std::string message, std::vector<FieldError> fields = {})
      : kind_(kind), message_(std::move(message)), fields_(std::move(fields)) {}

  StatusKind kind_ = StatusKind::kOk;
  std::string message_;
  std::vector<FieldError> fields_;
};

const char* StatusKindName(StatusKind kind);

// Collects field errors during validation, then yields one kInvalid Status naming them all.
class FieldErrors {
 public:
  void Add(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }
  Status ToStatus() const;

 private:
  std::vector<FieldError> errors_;
};

// Result<T> holds either a value or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & {
    assert(ok());
    return *value_;
  }
  const T& value() const& {
    assert(ok());
    return *value_;
  }
  T&& value() && {
    assert(ok());
    return std::move(*value_);
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace kin

#endif  // KIN_CORE_STATUS_H_
