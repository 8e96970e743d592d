#pragma once

#include <optional>
#include <string>
#include <vector>

namespace camtwin::camera {

// What camtwin keeps of the camera's documents. Units are the camera's own.

struct device_info {
    std::string device_name;
    std::string device_id;
    std::string model;
    std::string serial_number;
    std::string mac_address;
    std::string firmware_version;
    std::string firmware_released_date;
    std::string device_type;
    std::string manufacturer;
    std::string raw_xml;  // the document as received, for Shifu's /info
};

// Tenths of a degree (azimuth 0..3600; elevation positive down) and tenths of magnification.
struct ptz_position {
    int azimuth = 0;
    int elevation = 0;
    int zoom = 10;

    bool operator==(const ptz_position&) const = default;
};

struct ptz_preset {
    int id = 0;
    std::string name;
    bool enabled = true;
    std::optional<ptz_position> position;
};

struct value_range {
    int min = 0;
    int max = 0;
};

struct ptz_capabilities {
    value_range azimuth{0, 3600};
    value_range elevation{-900, 900};
    value_range zoom{10, 10000};
    int max_presets = 0;
    int max_preset_name_length = 0;
    std::vector<int> special_presets;  // PresetNameCap/specialNo: refuse goto and set
};

struct streaming_channel {
    int id = 0;
    std::string name;
    bool enabled = true;
    std::string codec;  // "H.264", "H.265", ...
    int width = 0;
    int height = 0;
    int max_frame_rate = 0;  // fps x 100, as the camera writes it
};

// The camera's answer to a command (or its error document).
struct response_status {
    std::string request_url;
    int status_code = 0;  // 0/1 OK, 2 busy, 3 device error, 4 invalid operation, 5, 6 bad XML, 7
    std::string status_string;
    std::string sub_status_code;

    bool ok() const { return status_code == 0 || status_code == 1; }
};

}  // namespace camtwin::camera
