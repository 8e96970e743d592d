#pragma once

#include <string>

#include "gst_handles.hpp"

namespace camsim {

// The role that credentials map to; stream factories grant it access.
inline constexpr const char* rtsp_viewer_role = "viewer";

// An authentication manager that accepts `user`/`password` by HTTP digest (MD5), basic, or both,
// as `method` says ("digest", "basic", "both"), and answers anything else with 401.
// Throws std::invalid_argument naming the option for an unknown method.
gst::object_ptr<GstRTSPAuth> make_rtsp_auth(const std::string& user, const std::string& password,
                                            const std::string& method);

}  // namespace camsim
