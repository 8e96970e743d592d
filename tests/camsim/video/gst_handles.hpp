#pragma once

// camsim's video code reaches GStreamer through camtwin's own seam (pipelines/gst_handles.hpp);
// this adds the module's debug category "camsim-video" (GST_DEBUG=camsim-video:6 shows it).

#include <string>

#include <gst/rtsp-server/rtsp-server.h>

#include "pipelines/gst_handles.hpp"

namespace camsim::gst {

using namespace camtwin::gst;  // NOLINT(google-build-using-namespace): the seam's vocabulary

// Calls gst_init once per process and registers the module's debug category.
void ensure_initialised();

// Logs through the module's debug category; cheap when the level is disabled.
void log(GstDebugLevel level, const std::string& message);

}  // namespace camsim::gst
