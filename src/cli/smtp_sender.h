// Sends notification emails over SMTP with libcurl: the hub's server, port, sender address and, when set, its
// sign-in. Port 465 uses implicit TLS; others upgrade with STARTTLS when the server offers it, and must when there
// is a sign-in: a password is never sent over a connection without TLS. The only network code of notifications;
// unit tests read the outbox instead.
#ifndef KIN_CLI_SMTP_SENDER_H_
#define KIN_CLI_SMTP_SENDER_H_

#include <string>

#include "app/notifications.h"

namespace kin::cli {

struct SmtpSenderOptions {
  // A PEM file of certificate authorities to trust for mail servers instead of the system's, for a hub whose
  // server has a certificate from its own authority; empty: the system's CA certificates.
  std::string ca_file;

  // From the environment: KIN_SMTP_CA_FILE.
  static SmtpSenderOptions FromEnvironment();
};

class CurlSmtpSender : public MessageSender {
 public:
  explicit CurlSmtpSender(SmtpSenderOptions options = SmtpSenderOptions::FromEnvironment());
  // kInvalid for a recipient or subject that could inject headers; kUnavailable with curl's reason when the
  // server cannot be reached or refuses the message. Gives up after 30 seconds.
  Status Send(const SmtpSettings& server, const std::string& to, const std::string& subject,
              const std::string& body) override;

 private:
  SmtpSenderOptions options_;
};

}  // namespace kin::cli

#endif  // KIN_CLI_SMTP_SENDER_H_
