#include "cli/smtp_sender.h"

#include <curl/curl.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <utility>

#include "crypto/tokens.h"

namespace kin::cli {

namespace {

bool HasLineBreak(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

bool Ascii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

std::string Base64(const std::string& in) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
  }
  if (i < in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// RFC 2047 for subjects beyond ASCII (shift names in Spanish).
std::string HeaderText(const std::string& text) {
  return Ascii(text) ? text : "=?UTF-8?B?" + Base64(text) + "?=";
}

std::string Message(const SmtpSettings& server, const std::string& to, const std::string& subject,
                     const std::string& body) {
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string domain = server.from.substr(server.from.find('@') + 1);
  std::string out = std::string("Date: ") + date + "\r\nFrom: " + server.from + "\r\nTo: " + to +
                    "\r\nSubject: " + HeaderText(subject) + "\r\nMessage-ID: <" + RandomId("msg") + "@" + domain +
                    ">\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    "Content-Transfer-Encoding: 8bit\r\n\r\n";
  for (char c : body) {
    if (c == '\n') {
      out += "\r\n";
    } else if (c != '\r') {
      out += c;
    }
  }
  return out + "\r\n";
}

struct Upload {
  const std::string* data;
  size_t sent = 0;
};

size_t ReadChunk(char* buffer, size_t size, size_t count, void* user) {
  Upload* up = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, up->data->size() - up->sent);
  std::memcpy(buffer, up->data->data() + up->sent, n);
  up->sent += n;
  return n;
}

}  // namespace

SmtpSenderOptions SmtpSenderOptions::FromEnvironment() {
  SmtpSenderOptions options;
  if (const char* ca = std::getenv("KIN_SMTP_CA_FILE")) options.ca_file = ca;
  return options;
}

CurlSmtpSender::CurlSmtpSender(SmtpSenderOptions options) : options_(std::move(options)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Status CurlSmtpSender::Send(const SmtpSettings& server, const std::string& to, const std::string& subject,
                            const std::string& body) {
  if (HasLineBreak(to) || HasLineBreak(subject) || HasLineBreak(server.from) || to.find('@') == std::string::npos) {
    return Status::Invalid("refusing to send: recipient, sender or subject is not a single line address/text");
  }
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Status::Internal("curl_easy_init failed");
  const std::string url =
      std::string(server.port == 465 ? "smtps://" : "smtp://") + server.host + ":" + std::to_string(server.port);
  const std::string from = "<" + server.from + ">";
  const std::string rcpt = "<" + to + ">";
  curl_slist* recipients = curl_slist_append(nullptr, rcpt.c_str());
  const std::string message = Message(server, to, subject, body);
  Upload upload{&message};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  // A password goes only over TLS: with a sign-in, a server that does not offer STARTTLS is refused
  // (CURLE_USE_SSL_FAILED) before any credential is sent. Without one, TLS is used when offered.
  const bool signs_in = !server.username.empty();
  curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(signs_in ? CURLUSESSL_ALL : CURLUSESSL_TRY));
  if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
  if (signs_in) {
    curl_easy_setopt(curl, CURLOPT_USERNAME, server.username.c_str());
    curl_easy_setopt(curl, CURLOPT_PASSWORD, server.password.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
  curl_easy_setopt(curl, CURLOPT_READFUNCTION, ReadChunk);
  curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  const CURLcode rc = curl_easy_perform(curl);
  curl_slist_free_all(recipients);
  curl_easy_cleanup(curl);
  if (rc == CURLE_USE_SSL_FAILED) {
    return Status::Unavailable("SMTP send refused: the server does not offer TLS, and the password is never sent "
                               "without it");
  }
  if (rc != CURLE_OK) return Status::Unavailable(std::string("SMTP send failed: ") + curl_easy_strerror(rc));
  return Status::Ok();
}

}  // namespace kin::cli
