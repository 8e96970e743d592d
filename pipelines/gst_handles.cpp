#include "gst_handles.hpp"

#include <mutex>

namespace camtwin::gst {

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

element_ptr child(GstElement* bin, const char* name) {
    return element_ptr(require(gst_bin_get_by_name(GST_BIN(bin), name),
                               std::string("element '") + name + "' in the pipeline"));
}

void ensure_initialised() {
    static std::once_flag once;
    std::call_once(once, [] { gst_init(nullptr, nullptr); });
}

debug_category::debug_category(const char* name, const char* description)
    : category_(_gst_debug_category_new(name, 0, description)) {}

void debug_category::log(GstDebugLevel level, const std::string& message) const {
    if (level > gst_debug_category_get_threshold(category_)) {
        return;
    }
    gst_debug_log(category_, level, __FILE__, "camtwin", __LINE__, nullptr, "%s", message.c_str());
}

std::string describe(GstMessage* message) {
    GError* err = nullptr;
    gchar* debug = nullptr;
    if (GST_MESSAGE_TYPE(message) == GST_MESSAGE_WARNING) {
        gst_message_parse_warning(message, &err, &debug);
    } else {
        gst_message_parse_error(message, &err, &debug);
    }
    const error_ptr owned_error(err);
    const string_ptr owned_debug(debug);
    std::string text = owned_error ? owned_error->message : "unknown error";
    if (const char* source = GST_MESSAGE_SRC_NAME(message)) {
        text = std::string(source) + ": " + text;
    }
    return text;
}

}  // namespace camtwin::gst
