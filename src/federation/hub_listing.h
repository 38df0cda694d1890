// What a hub's actor document says about where it works and what it does, read for escalation (who is within
// reach) and the directory (hubs near a point). The actor document itself is served by the actors code
// (docs/federation.md); this reads the parts sharing needs:
//   "location": {"type": "Place", "latitude": 40.41, "longitude": -3.70, "radius": 5, "units": "km"}
//   "categories": ["food", "rides"], "languages": ["es", "en"]     (kin terms; absent: unknown)
//   "contactKey": {...}                                             (contact_handover.h)
#ifndef KIN_FEDERATION_HUB_LISTING_H_
#define KIN_FEDERATION_HUB_LISTING_H_

#include <boost/json/object.hpp>

#include "core/status.h"
#include "federation/directory.h"
#include "federation/escalation.h"

namespace kin::federation {

struct HubListing {
  DirectoryHub hub;  // for the directory
  KnownHub reach;    // for escalation: its area centre and radius as reach
};

// kInvalid naming the field for a document without an id, a malformed location (coordinates out of range, a
// radius that is not a positive number, units other than m or km), or categories/languages that are not lists
// of short strings. A document without a location is valid: the hub keeps its area private and is never within
// reach nor listed.
Result<HubListing> ReadHubListing(const boost::json::object& actor_document);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_HUB_LISTING_H_
