#pragma once

#include "gst_handles.hpp"

namespace camsim {

// Mount points that match request paths case-insensitively, as Hikvision cameras do
// (/Streaming/Channels/101 and /Streaming/channels/101 are the same stream). Mount every factory
// at an all-lowercase path.
gst::object_ptr<GstRTSPMountPoints> make_lowercase_mount_points();

}  // namespace camsim
