#include "camera/isapi_decoding.hpp"

#include <charconv>

#include "camera/camera_error.hpp"
#include "camera/xml_reading.hpp"

namespace camtwin::camera {
namespace {

constexpr int max_preset_id = 1000;
constexpr int max_dimension = 16384;
// Generous bounds around what cameras report: a value outside them is a broken answer.
constexpr value_range azimuth_bounds{-3600, 7200};
constexpr value_range elevation_bounds{-1800, 1800};
constexpr value_range zoom_bounds{0, 100000};

ptz_position read_position(const xml_reading& xml, pugi::xml_node absolute_high) {
    return {xml.required_integer(absolute_high, "azimuth", azimuth_bounds.min, azimuth_bounds.max),
            xml.required_integer(absolute_high, "elevation", elevation_bounds.min,
                                 elevation_bounds.max),
            xml.required_integer(absolute_high, "absoluteZoom", zoom_bounds.min, zoom_bounds.max)};
}

std::optional<value_range> read_range(const xml_reading& xml, pugi::xml_node range,
                                      value_range bounds) {
    if (!range) {
        return std::nullopt;
    }
    const auto min = xml.integer(range, "Min", bounds.min, bounds.max);
    const auto max = xml.integer(range, "Max", bounds.min, bounds.max);
    if (!min || !max || *min > *max) {
        return std::nullopt;
    }
    return value_range{*min, *max};
}

ptz_preset read_preset(const xml_reading& xml, pugi::xml_node node) {
    ptz_preset preset;
    preset.id = xml.required_integer(node, "id", 1, max_preset_id);
    preset.name = xml_reading::text(node, "presetName");
    preset.enabled = xml_reading::boolean(node, "enabled").value_or(true);
    if (const auto absolute = xml_reading::child(node, "AbsoluteHigh")) {
        preset.position = read_position(xml, absolute);
    }
    return preset;
}

streaming_channel read_channel(const xml_reading& xml, pugi::xml_node node) {
    streaming_channel channel;
    channel.id = xml.required_integer(node, "id", 1, 100000);
    channel.name = xml_reading::text(node, "channelName");
    channel.enabled = xml_reading::boolean(node, "enabled").value_or(true);
    const auto video = xml_reading::child(node, "Video");
    channel.codec = xml_reading::text(video, "videoCodecType");
    channel.width = xml.integer(video, "videoResolutionWidth", 0, max_dimension).value_or(0);
    channel.height = xml.integer(video, "videoResolutionHeight", 0, max_dimension).value_or(0);
    channel.max_frame_rate = xml.integer(video, "maxFrameRate", 0, 100000).value_or(0);
    return channel;
}

}  // namespace

device_info decode_device_info(std::string_view body, std::string path) {
    const xml_reading xml(body, "DeviceInfo", std::move(path));
    const auto root = xml.root();
    device_info info;
    info.device_name = xml_reading::text(root, "deviceName");
    info.device_id = xml_reading::text(root, "deviceID");
    info.model = xml_reading::text(root, "model");
    info.serial_number = xml_reading::text(root, "serialNumber");
    info.mac_address = xml_reading::text(root, "macAddress");
    info.firmware_version = xml_reading::text(root, "firmwareVersion");
    info.firmware_released_date = xml_reading::text(root, "firmwareReleasedDate");
    info.device_type = xml_reading::text(root, "deviceType");
    info.manufacturer = xml_reading::text(root, "manufacturer");
    info.raw_xml = std::string(body);
    return info;
}

ptz_position decode_ptz_status(std::string_view body, std::string path) {
    const xml_reading xml(body, "PTZStatus", std::move(path));
    const auto absolute = xml_reading::child(xml.root(), "AbsoluteHigh");
    if (!absolute) {
        throw camera_error(camera_error_kind::bad_response, xml.path(),
                           "<AbsoluteHigh> is missing in <PTZStatus>");
    }
    return read_position(xml, absolute);
}

std::vector<ptz_preset> decode_presets(std::string_view body, std::string path) {
    const xml_reading xml(body, "PTZPresetList", std::move(path));
    std::vector<ptz_preset> presets;
    for (auto node = xml.root().first_child(); node; node = node.next_sibling()) {
        if (node.type() == pugi::node_element && local_name(node.name()) == "PTZPreset") {
            presets.push_back(read_preset(xml, node));
        }
    }
    return presets;
}

ptz_capabilities decode_ptz_capabilities(std::string_view body, std::string path) {
    const xml_reading xml(body, "PTZChanelCap", std::move(path));  // sic: the firmware's spelling
    const auto root = xml.root();
    ptz_capabilities caps;
    const auto pan_tilt = xml_reading::child(root, "AbsolutePanTiltPositionSpace");
    caps.azimuth = read_range(xml, xml_reading::child(pan_tilt, "XRange"), azimuth_bounds)
                       .value_or(caps.azimuth);
    caps.elevation = read_range(xml, xml_reading::child(pan_tilt, "YRange"), elevation_bounds)
                         .value_or(caps.elevation);
    const auto zoom_space = xml_reading::child(root, "AbsoluteZoomPositionSpace");
    caps.zoom =
        read_range(xml, xml_reading::child(zoom_space, "ZRange"), zoom_bounds).value_or(caps.zoom);
    caps.max_presets = xml.integer(root, "maxPresetNum", 0, max_preset_id).value_or(0);
    const auto names = xml_reading::child(root, "PresetNameCap");
    caps.max_preset_name_length =
        xml_reading::child(names, "maxPresetNameLen").attribute("max").as_int(0);
    caps.special_presets =
        parse_id_list(xml_reading::child(names, "specialNo").attribute("opt").as_string());
    return caps;
}

std::vector<streaming_channel> decode_streaming_channels(std::string_view body, std::string path) {
    const xml_reading xml(body, "StreamingChannelList", std::move(path));
    std::vector<streaming_channel> channels;
    for (auto node = xml.root().first_child(); node; node = node.next_sibling()) {
        if (node.type() == pugi::node_element && local_name(node.name()) == "StreamingChannel") {
            channels.push_back(read_channel(xml, node));
        }
    }
    return channels;
}

std::optional<response_status> decode_response_status(std::string_view body) {
    try {
        const xml_reading xml(body, "ResponseStatus", "");
        response_status status;
        status.request_url = xml_reading::text(xml.root(), "requestURL");
        status.status_code = xml.integer(xml.root(), "statusCode", 0, 1000).value_or(0);
        status.status_string = xml_reading::text(xml.root(), "statusString");
        status.sub_status_code = xml_reading::text(xml.root(), "subStatusCode");
        return status;
    } catch (const camera_error&) {
        return std::nullopt;  // not XML, another document, or too broken to read
    }
}

std::vector<int> parse_id_list(std::string_view list) {
    std::vector<int> ids;
    std::size_t start = 0;
    while (start < list.size() && ids.size() < 2000) {
        auto end = list.find(',', start);
        end = end == std::string_view::npos ? list.size() : end;
        const auto item = list.substr(start, end - start);
        int id = 0;
        const auto [ptr, error] = std::from_chars(item.data(), item.data() + item.size(), id);
        if (error == std::errc() && ptr == item.data() + item.size()) {
            ids.push_back(id);
        }
        start = end + 1;
    }
    return ids;
}

}  // namespace camtwin::camera
