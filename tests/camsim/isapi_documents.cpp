#include "isapi_documents.hpp"

#include <ctime>

#include <fmt/format.h>

namespace camsim::documents {

std::string device_info(xml_namespace ns, const device_identity& id) {
    xml_writer w(ns);
    w.root("DeviceInfo");
    w.leaf("deviceName", id.device_name).leaf("deviceID", id.device_id);
    w.leaf("deviceDescription", "IPDome").leaf("deviceLocation", "hangzhou");
    w.leaf("systemContact", "Hikvision.China").leaf("model", id.model);
    w.leaf("serialNumber", id.serial_number).leaf("macAddress", id.mac_address);
    w.leaf("firmwareVersion", id.firmware_version).leaf("firmwareReleasedDate", id.firmware_date);
    w.leaf("encoderVersion", "V7.3").leaf("encoderReleasedDate", "build 221103");
    w.leaf("bootVersion", "V1.3.4").leaf("bootReleasedDate", "100316");
    w.leaf("hardwareVersion", "0x0").leaf("deviceType", "IPDome");
    w.leaf("telecontrolID", 88).leaf("supportBeep", true).leaf("supportVideoLoss", false);
    w.leaf("firmwareVersionInfo", "B-R-H8-0").leaf("manufacturer", "hikvision");
    std::string sub = id.serial_number.size() > 9
                          ? id.serial_number.substr(id.serial_number.size() - 9)
                          : id.serial_number;
    w.leaf("subSerialNumber", sub).leaf("OEMCode", 1);
    return w.finish();
}

std::string device_status(xml_namespace ns, std::chrono::seconds uptime) {
    xml_writer w(ns);
    w.root("DeviceStatus");
    w.leaf("currentDeviceTime", local_time_now());
    w.leaf("deviceUpTime", static_cast<int>(uptime.count()));
    w.open("CPUList").open("CPU");
    w.leaf("cpuDescription", "camsim").leaf("cpuUtilization", 12).close().close();
    w.open("MemoryList").open("Memory").leaf("memoryDescription", "DDR Memory");
    w.leaf("memoryUsage", 40).leaf("memoryAvailable", 200000).close().close();
    w.open("DomeInfoList").open("DomeInfo");
    w.leaf("domeRunTotalTime", static_cast<int>(uptime.count() / 3600));
    w.leaf("panTotalRounds", 0).leaf("tiltTotalRounds", 0);
    w.leaf("heatState", 0).leaf("fanState", 0).close().close();
    w.leaf("totalRebootCount", 0);
    return w.finish();
}

namespace {

void write_stream(xml_writer& w, const device_identity& id, const stream_info& s) {
    w.leaf("id", s.id).leaf("channelName", id.device_name).leaf("enabled", true);
    w.open("Transport").leaf("maxPacketSize", 1000).open("ControlProtocolList");
    for (const char* transport : {"RTSP", "HTTP"}) {
        w.open("ControlProtocol").leaf("streamingTransport", transport).close();
    }
    w.close();
    w.open("Unicast").leaf("enabled", true).leaf("rtpTransportType", "RTP/TCP").close();
    w.open("Security").leaf("enabled", true).leaf("certificateType", "digest");
    w.open("SecurityAlgorithm").leaf("algorithmType", "MD5").close().close();
    w.close();

    bool main_stream = s.id % 100 == 1;
    int bitrate = main_stream ? 2048 : 512;
    w.open("Video").leaf("enabled", true).leaf("videoInputChannelID", s.id / 100);
    w.leaf("videoCodecType", s.codec).leaf("videoScanType", "progressive");
    w.leaf("videoResolutionWidth", s.width).leaf("videoResolutionHeight", s.height);
    w.leaf("videoQualityControlType", "VBR").leaf("constantBitRate", bitrate);
    w.leaf("fixedQuality", 60).leaf("vbrUpperCap", bitrate).leaf("vbrLowerCap", 32);
    w.leaf("maxFrameRate", s.fps * 100).leaf("keyFrameInterval", 2000);
    w.leaf("snapShotImageType", "JPEG").leaf("H264Profile", "Main");
    w.leaf("GovLength", s.fps * 2).close();
    w.open("Audio").leaf("enabled", false).leaf("audioInputChannelID", 1);
    w.leaf("audioCompressionType", "G.711ulaw").close();
}

}  // namespace

std::string streaming_channel_list(xml_namespace ns, const device_identity& id,
                                   const std::vector<stream_info>& streams) {
    xml_writer w(ns);
    w.root("StreamingChannelList");
    for (const stream_info& s : streams) {
        w.open_versioned("StreamingChannel");
        write_stream(w, id, s);
        w.close();
    }
    return w.finish();
}

std::string streaming_channel(xml_namespace ns, const device_identity& id, const stream_info& s) {
    xml_writer w(ns);
    w.root("StreamingChannel");
    write_stream(w, id, s);
    return w.finish();
}

std::string admin_accesses(xml_namespace ns, const device_identity& id) {
    xml_writer w(ns);
    w.root("AdminAccessProtocolList");
    struct entry {
        const char* protocol;
        int port;
    };
    int index = 1;
    for (entry e : {entry{"HTTP", id.http_port}, entry{"RTSP", id.rtsp_port}}) {
        w.open_versioned("AdminAccessProtocol").leaf("id", index++).leaf("enabled", true);
        w.leaf("protocol", e.protocol).leaf("portNo", e.port).close();
    }
    return w.finish();
}

// userCheck has no namespace on any firmware seen.
std::string user_check() {
    xml_writer w(xml_namespace::none);
    w.open("userCheck").leaf("statusValue", 200).leaf("statusString", "OK");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n" + w.finish();
}

std::string response_status(xml_namespace ns, std::string_view url, int code, std::string_view text,
                            std::string_view sub_code) {
    xml_writer w(ns);
    w.root("ResponseStatus").leaf("requestURL", url).leaf("statusCode", code);
    w.leaf("statusString", text).leaf("subStatusCode", sub_code);
    return w.finish();
}

std::string alert(xml_namespace ns, const device_identity& id, const alert_event& event) {
    std::string description = event.description.empty() ? event.type + " alarm" : event.description;
    xml_writer w(ns);
    w.open_versioned("EventNotificationAlert");
    w.leaf("ipAddress", id.address).leaf("portNo", id.http_port).leaf("protocol", "HTTP");
    w.leaf("macAddress", id.mac_address).leaf("channelID", event.channel);
    w.leaf("dateTime", local_time_now()).leaf("activePostCount", event.post_count);
    w.leaf("eventType", event.type).leaf("eventState", event.state);
    w.leaf("eventDescription", description);
    if (!event.target.empty()) {
        w.open("DetectionRegionList").open("DetectionRegionEntry").leaf("regionID", 1);
        w.leaf("detectionTarget", event.target).close().close();
    }
    w.leaf("channelName", id.device_name);
    return w.finish();
}

std::string html_not_found(std::string_view path) {
    return "<!DOCTYPE html>\r\n"
           "<html><head><title>Document Error: Not Found</title></head>\r\n"
           "<body><h2>Access Error: 404 -- Not Found</h2>\r\n"
           "<p>Can't locate document: " +
           xml_escape(path) +
           "</p>\r\n"
           "</body>\r\n"
           "</html>\r\n";
}

std::string html_unauthorized() {
    return "<!DOCTYPE html>\r\n"
           "<html><head><title>Document Error: Unauthorized</title></head>\r\n"
           "<body><h2>Access Error: 401 -- Unauthorized</h2>\r\n"
           "<p>Authentication Error</p>\r\n"
           "</body>\r\n"
           "</html>\r\n";
}

std::string local_time_now() {
    std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[40] = {};
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S%z", &local);
    std::string out(text);
    if (out.size() >= 5) {
        out.insert(out.size() - 2, ":");  // +0100 -> +01:00
    }
    return out;
}

}  // namespace camsim::documents
