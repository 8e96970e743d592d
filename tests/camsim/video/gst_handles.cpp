#include "gst_handles.hpp"

#include <memory>
#include <mutex>

namespace camsim::gst {

namespace {

// The module's one category: created once under call_once, then only read.
std::unique_ptr<camtwin::gst::debug_category> category;

}  // namespace

void ensure_initialised() {
    static std::once_flag once;
    std::call_once(once, [] {
        camtwin::gst::ensure_initialised();
        category = std::make_unique<camtwin::gst::debug_category>("camsim-video",
                                                                  "camsim simulated camera video");
    });
}

void log(GstDebugLevel level, const std::string& message) {
    if (category) {
        category->log(level, message);
    }
}

}  // namespace camsim::gst
