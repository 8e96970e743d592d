#include "rtsp_auth.hpp"

#include <stdexcept>

namespace camsim {

namespace {

// Hikvision cameras name their realm after the model; a fixed one is enough for clients.
constexpr const char* realm = "IP Camera(camsim)";

struct token_unref {
    void operator()(GstRTSPToken* p) const { gst_rtsp_token_unref(p); }
};

GstRTSPAuthMethod parse_method(const std::string& method) {
    if (method == "digest") {
        return GST_RTSP_AUTH_DIGEST;
    }
    if (method == "basic") {
        return GST_RTSP_AUTH_BASIC;
    }
    if (method == "both") {
        return static_cast<GstRTSPAuthMethod>(GST_RTSP_AUTH_DIGEST | GST_RTSP_AUTH_BASIC);
    }
    throw std::invalid_argument("video_options.auth: unknown method '" + method +
                                "' (expected digest, basic or both)");
}

}  // namespace

gst::object_ptr<GstRTSPAuth> make_rtsp_auth(const std::string& user, const std::string& password,
                                            const std::string& method) {
    const GstRTSPAuthMethod methods = parse_method(method);
    gst::object_ptr<GstRTSPAuth> auth(gst_rtsp_auth_new());
    gst_rtsp_auth_set_supported_methods(auth.get(), methods);
    gst_rtsp_auth_set_realm(auth.get(), realm);

    const std::unique_ptr<GstRTSPToken, token_unref> token(gst_rtsp_token_new_empty());
    gst_structure_set(gst_rtsp_token_writable_structure(token.get()),
                      GST_RTSP_TOKEN_MEDIA_FACTORY_ROLE, G_TYPE_STRING, rtsp_viewer_role, nullptr);

    if ((methods & GST_RTSP_AUTH_DIGEST) != 0) {
        gst_rtsp_auth_add_digest(auth.get(), user.c_str(), password.c_str(), token.get());
    }
    if ((methods & GST_RTSP_AUTH_BASIC) != 0) {
        const gst::string_ptr basic(gst_rtsp_auth_make_basic(user.c_str(), password.c_str()));
        gst_rtsp_auth_add_basic(auth.get(), basic.get(), token.get());
    }
    return auth;
}

}  // namespace camsim
