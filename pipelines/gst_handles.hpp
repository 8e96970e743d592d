#pragma once

// The one seam between camtwin's C++ and the GLib/GStreamer C API: owning handles with the right
// unref function, GError turned into gst::error, typed signal connection, and a debug category
// per module. Code above this header never calls an unref function by hand. The camera
// simulator's video side uses the same seam.

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <gst/app/gstappsink.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>

namespace camtwin::gst {

struct gobject_unref {
    void operator()(gpointer p) const { g_object_unref(p); }
};
struct gst_object_unref_fn {
    void operator()(gpointer p) const { gst_object_unref(p); }
};
struct caps_unref {
    void operator()(GstCaps* p) const { gst_caps_unref(p); }
};
struct sample_unref {
    void operator()(GstSample* p) const { gst_sample_unref(p); }
};
struct buffer_unref {
    void operator()(GstBuffer* p) const { gst_buffer_unref(p); }
};
struct message_unref {
    void operator()(GstMessage* p) const { gst_message_unref(p); }
};
struct main_loop_unref {
    void operator()(GMainLoop* p) const { g_main_loop_unref(p); }
};
struct main_context_unref {
    void operator()(GMainContext* p) const { g_main_context_unref(p); }
};
struct source_unref {
    void operator()(GSource* p) const { g_source_unref(p); }
};
struct error_free {
    void operator()(GError* p) const { g_error_free(p); }
};
struct g_free_fn {
    void operator()(gpointer p) const { g_free(p); }
};

// Plain GObjects (the RTSP server family).
template <typename T>
using object_ptr = std::unique_ptr<T, gobject_unref>;
// GstObject subclasses (elements, bins, buses, pads, pools).
template <typename T>
using gst_object_ptr = std::unique_ptr<T, gst_object_unref_fn>;
using element_ptr = gst_object_ptr<GstElement>;
using bus_ptr = gst_object_ptr<GstBus>;
using caps_ptr = std::unique_ptr<GstCaps, caps_unref>;
using sample_ptr = std::unique_ptr<GstSample, sample_unref>;
using buffer_ptr = std::unique_ptr<GstBuffer, buffer_unref>;
using message_ptr = std::unique_ptr<GstMessage, message_unref>;
using main_loop_ptr = std::unique_ptr<GMainLoop, main_loop_unref>;
using main_context_ptr = std::unique_ptr<GMainContext, main_context_unref>;
using source_ptr = std::unique_ptr<GSource, source_unref>;
using error_ptr = std::unique_ptr<GError, error_free>;
using string_ptr = std::unique_ptr<gchar, g_free_fn>;

// A GLib or GStreamer call failed; the message names the operation and carries GLib's text.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Takes ownership of err (may be null) and throws when it is set.
void throw_if_error(GError* err, std::string_view what);

// Throws gst::error naming `what` when p is null; returns p otherwise.
template <typename T>
T* require(T* p, std::string_view what) {
    if (p == nullptr) {
        throw error(std::string(what) + " failed");
    }
    return p;
}

// Builds an element from a gst-launch description, throwing with the parser's message.
element_ptr parse_launch(const std::string& description);

caps_ptr caps_from_string(const std::string& text);

// The element of a bin with that name, or gst::error.
element_ptr child(GstElement* bin, const char* name);

// g_signal_connect without the C casts: the handler's exact C signature is the caller's duty.
// free_data, when given, runs once the handler is disconnected or the instance finalised.
template <typename Handler>
gulong connect_signal(gpointer instance, const char* signal, Handler* handler, gpointer data,
                      GClosureNotify free_data = nullptr) {
    return g_signal_connect_data(instance, signal, reinterpret_cast<GCallback>(handler), data,
                                 free_data, GConnectFlags{});
}

// A GSourceFunc for sources whose dispatch calls a differently typed callback (e.g. the session
// pool watch calls a GstRTSPSessionPoolFunc); the detour through GCallback is GLib's own idiom.
template <typename Handler>
GSourceFunc as_source_func(Handler* handler) {
    return reinterpret_cast<GSourceFunc>(reinterpret_cast<GCallback>(handler));
}

// Calls gst_init once per process; every module's first GStreamer call goes through it.
void ensure_initialised();

// One module's GStreamer debug category (GST_DEBUG=<name>:6 shows it). Construct after
// ensure_initialised(); logging is cheap when the level is disabled.
class debug_category {
public:
    debug_category(const char* name, const char* description);
    void log(GstDebugLevel level, const std::string& message) const;

private:
    GstDebugCategory* category_;
};

// The text of an error or warning message: the element's name and GLib's message. The debug
// detail is left out: it may quote a URL, and URLs may carry credentials.
std::string describe(GstMessage* message);

}  // namespace camtwin::gst
