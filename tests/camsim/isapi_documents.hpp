#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "xml_writer.hpp"

namespace camsim {

// Who the simulated camera says it is.
struct device_identity {
    std::string device_name = "IP DOME";
    std::string model = "DS-2DF8425IX-AELW";
    std::string serial_number;
    std::string mac_address;
    std::string device_id;
    std::string firmware_version = "V5.8.0";
    std::string firmware_date = "build 230208";
    std::string address = "127.0.0.1";  // reported in events and adminAccesses
    int http_port = 80;
    int rtsp_port = 554;
};

// One streaming channel as the video side encodes it.
struct stream_info {
    int id = 101;
    int width = 1280;
    int height = 720;
    int fps = 15;
    std::string codec = "H.264";  // videoCodecType: "H.264" or "H.265"
};

// An event for the alertStream.
struct alert_event {
    std::string type = "VMD";
    std::string state = "active";
    int channel = 1;
    int post_count = 1;
    std::string description;  // empty: "<type> alarm"
    std::string target;       // detectionTarget for smart events (human, vehicle), may be empty
};

// Builders of the documents the camera serves; pure functions, any thread.
namespace documents {

std::string device_info(xml_namespace ns, const device_identity& id);
std::string device_status(xml_namespace ns, std::chrono::seconds uptime);
std::string streaming_channel_list(xml_namespace ns, const device_identity& id,
                                   const std::vector<stream_info>& streams);
std::string streaming_channel(xml_namespace ns, const device_identity& id, const stream_info& s);
std::string admin_accesses(xml_namespace ns, const device_identity& id);
std::string user_check();

std::string response_status(xml_namespace ns, std::string_view url, int code, std::string_view text,
                            std::string_view sub_code);

std::string alert(xml_namespace ns, const device_identity& id, const alert_event& event);

std::string html_not_found(std::string_view path);
std::string html_unauthorized();

// The camera's local time as ISAPI writes it, e.g. 2020-12-18T22:39:43+01:00.
std::string local_time_now();

}  // namespace documents

}  // namespace camsim
