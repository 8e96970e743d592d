#include "ptz_documents.hpp"

#include <fmt/format.h>

namespace camsim::documents {

namespace {

void write_range(xml_writer& w, const char* name, int min, int max) {
    w.open(name).leaf("Min", min).leaf("Max", max).close();
}

void write_position(xml_writer& w, ptz_position p) {
    w.open("AbsoluteHigh").leaf("elevation", p.elevation).leaf("azimuth", p.azimuth);
    w.leaf("absoluteZoom", p.zoom).close();
}

void write_preset(xml_writer& w, const preset& p) {
    w.leaf("enabled", true).leaf("id", p.id).leaf("presetName", p.name);
    write_position(w, p.position);
}

}  // namespace

std::string ptz_capabilities(xml_namespace ns, const ptz_limits& limits,
                             const std::string& special_list) {
    xml_writer w(ns);
    w.root("PTZChanelCap");
    w.open("AbsolutePanTiltPositionSpace");
    write_range(w, "XRange", 0, 3600);
    write_range(w, "YRange", limits.elevation_min, limits.elevation_max);
    w.close().open("AbsoluteZoomPositionSpace");
    write_range(w, "ZRange", limits.zoom_min, limits.zoom_max);
    w.close().open("ContinuousPanTiltSpace");
    write_range(w, "XRange", -100, 100);
    write_range(w, "YRange", -100, 100);
    w.close().open("ContinuousZoomSpace");
    write_range(w, "ZRange", -100, 100);
    w.close();
    w.leaf("maxPresetNum", preset_store::max_user_id).leaf("maxPatrolNum", 8);
    w.leaf("maxPatternNum", 4);
    w.open_versioned("PresetNameCap").leaf("presetNameSupport", true);
    w.empty("maxPresetNameLen", fmt::format("max=\"{}\"", preset_store::max_name_length));
    w.empty("specialNo", fmt::format("opt=\"{}\"", special_list)).close();
    w.leaf("isSupportPosition3D", false);
    w.empty("PTZAuxType", "opt=\"LIGHT,WIPER\"");
    return w.finish();
}

std::string ptz_channel(xml_namespace ns, bool in_list) {
    xml_writer w(ns);
    if (in_list) {
        w.root("PTZChannelList").open_versioned("PTZChannel");
    } else {
        w.root("PTZChannel");
    }
    w.leaf("id", 1).leaf("enabled", true).leaf("videoInputID", 1);
    w.leaf("panMaxSpeed", 400).leaf("tiltMaxSpeed", 200).leaf("presetSpeed", 4);
    w.leaf("autoPatrolSpeed", 70).leaf("controlProtocol", "HIKVISION");
    w.leaf("defaultPresetID", 1).leaf("panSupport", true).leaf("tiltSupport", true);
    w.leaf("zoomSupport", true);
    return w.finish();
}

std::string ptz_status(xml_namespace ns, ptz_position p) {
    xml_writer w(ns);
    w.root("PTZStatus");
    write_position(w, p);
    return w.finish();
}

std::string ptz_presets(xml_namespace ns, const std::vector<preset>& presets) {
    xml_writer w(ns);
    w.root("PTZPresetList");
    for (const preset& p : presets) {
        w.open("PTZPreset");
        write_preset(w, p);
        w.close();
    }
    return w.finish();
}

std::string ptz_preset(xml_namespace ns, const preset& p) {
    xml_writer w(ns);
    w.root("PTZPreset");
    write_preset(w, p);
    return w.finish();
}

}  // namespace camsim::documents
