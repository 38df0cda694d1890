// The words of the Note summary a hub publishes beside each Proposal, so people on Mastodon see a short, plain
// line in the hub's language. English and Spanish; other languages fall back to English.
#ifndef KIN_FEDERATION_NOTE_TEXT_H_
#define KIN_FEDERATION_NOTE_TEXT_H_

#include <string>

#include "federation/shared_item.h"

namespace kin::federation {

// "Offer: 10 meal a week (food)", "Necesidad: 2 (rides), urgencia alta". Plain text, not escaped.
std::string SharedItemTitle(const SharedItem& item);

// The Note's HTML content: the title, the approximate area with how approximate it is, and the public text if
// any. Everything interpolated is HTML-escaped.
std::string SharedItemNoteHtml(const SharedItem& item);

// The language the Note is written in: item.language when en or es, else "en".
std::string NoteLanguage(const SharedItem& item);

std::string EscapeHtml(const std::string& text);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_NOTE_TEXT_H_
