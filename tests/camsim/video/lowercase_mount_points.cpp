#include "lowercase_mount_points.hpp"

#include <mutex>

namespace camsim {

namespace {

// The RTSP client asks its mount points to turn a request URL into the path it looks up; this
// subclass lowercases it (the query, which the default also drops, plays no part).
gchar* make_lowercase_path(GstRTSPMountPoints* /*mounts*/, const GstRTSPUrl* url) {
    return g_ascii_strdown(url->abspath, -1);
}

void class_init(gpointer klass, gpointer /*data*/) {
    reinterpret_cast<GstRTSPMountPointsClass*>(klass)->make_path = &make_lowercase_path;
}

GType lowercase_mount_points_type() {
    static GType type = 0;
    static std::once_flag once;
    std::call_once(once, [] {
        GTypeQuery parent{};
        g_type_query(GST_TYPE_RTSP_MOUNT_POINTS, &parent);
        type = g_type_register_static_simple(
            GST_TYPE_RTSP_MOUNT_POINTS, "CamsimLowercaseMountPoints", parent.class_size,
            &class_init, parent.instance_size, nullptr, GTypeFlags{});
    });
    return type;
}

}  // namespace

gst::object_ptr<GstRTSPMountPoints> make_lowercase_mount_points() {
    return gst::object_ptr<GstRTSPMountPoints>(reinterpret_cast<GstRTSPMountPoints*>(
        g_object_new(lowercase_mount_points_type(), nullptr)));
}

}  // namespace camsim
