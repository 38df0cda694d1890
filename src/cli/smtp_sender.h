// Sends notification emails over SMTP with libcurl: the hub's server, port and sender address (no
// authentication; a hub's relay accepts its own mail). Port 465 uses implicit TLS; others upgrade with STARTTLS
// when the server offers it. The only network code of notifications; tests read the outbox instead.
#ifndef KIN_CLI_SMTP_SENDER_H_
#define KIN_CLI_SMTP_SENDER_H_

#include "app/notifications.h"

namespace kin::cli {

class CurlSmtpSender : public MessageSender {
 public:
  CurlSmtpSender();
  // kInvalid for a recipient or subject that could inject headers; kUnavailable with curl's reason when the
  // server cannot be reached or refuses the message. Gives up after 30 seconds.
  Status Send(const SmtpSettings& server, const std::string& to, const std::string& subject,
              const std::string& body) override;
};

}  // namespace kin::cli

#endif  // KIN_CLI_SMTP_SENDER_H_
