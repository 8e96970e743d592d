#include "gst_handles.hpp"

#include <mutex>

namespace camsim::gst {

namespace {

// The module's one debug category: initialised once under call_once, then only read.
GST_DEBUG_CATEGORY_STATIC(camsim_video_debug);

}  // namespace

void throw_if_error(GError* err, std::string_view what) {
    if (err == nullptr) {
        return;
    }
    const error_ptr owned(err);
    throw error(std::string(what) + ": " + owned->message);
}

element_ptr parse_launch(const std::string& description) {
    GError* err = nullptr;
    element_ptr element(gst_parse_launch(description.c_str(), &err));
    if (element && err != nullptr) {
        // A recoverable parse problem (e.g. a missing property) still yields an element: fail
        // anyway, a half-built pipeline is a programming error here.
        element.reset();
    }
    throw_if_error(err, "gst_parse_launch '" + description + "'");
    return element;
}

caps_ptr caps_from_string(const std::string& text) {
    return caps_ptr(require(gst_caps_from_string(text.c_str()), "caps '" + text + "'"));
}

void ensure_initialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        gst_init(nullptr, nullptr);
        GST_DEBUG_CATEGORY_INIT(camsim_video_debug, "camsim-video", 0,
                                "camsim simulated camera video");
    });
}

void log(GstDebugLevel level, const std::string& message) {
    if (camsim_video_debug == nullptr ||
        level > gst_debug_category_get_threshold(camsim_video_debug)) {
        return;
    }
    gst_debug_log(camsim_video_debug, level, __FILE__, "camsim-video", __LINE__, nullptr, "%s",
                  message.c_str());
}

}  // namespace camsim::gst
