// The JSON body of `GET /api/v1/directory?near=LAT,LON` (see docs/federation_sharing.md): the ranked entries
// with their distances in whole metres and their areas already approximate.
#ifndef KIN_FEDERATION_DIRECTORY_CODEC_H_
#define KIN_FEDERATION_DIRECTORY_CODEC_H_

#include <vector>

#include <boost/json/object.hpp>

#include "federation/directory.h"

namespace kin::federation {

boost::json::object DirectoryJson(const LatLon& near, const std::vector<DirectoryEntry>& entries);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_DIRECTORY_CODEC_H_
