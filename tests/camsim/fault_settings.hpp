#pragma once

#include <nlohmann/json.hpp>

#include "xml_writer.hpp"

namespace camsim {

// The switchable misbehaviours of the HTTP side (the camera-level ones, away, auth and lockout,
// are actions of the camera). Set by flags at start and by PUT /faults at run time.
struct fault_settings {
    int latency_ms = 0;          // added before every answer
    double error_rate = 0.0;     // fraction of authorised requests answered error_status
    int error_status = 500;      // 500 (deviceError) or 503 (deviceBusy)
    bool garbage_xml = false;    // XML bodies replaced by text that does not parse
    bool truncated_xml = false;  // XML bodies cut in half (Content-Length matches the cut)
    double reset_rate = 0.0;     // fraction of requests answered by a TCP reset
    bool xml_error_200 = false;  // 200 answers carry ResponseStatus 6 badXmlContent instead
    xml_namespace ns = xml_namespace::ver20;
    bool relative_404 = false;  // PUT .../relative answers 404 like the DS-2DF8425IX-AELW
    bool streaming = true;      // false stops the RTSP streams (video set_streaming)
    int heartbeat_ms = 10000;   // alertStream heartbeat period
};

nlohmann::json to_json(const fault_settings& faults);

// Applies the keys present in `patch` to `faults`. Throws std::invalid_argument naming the key for
// an unknown key or a bad value; `faults` is then unchanged.
void apply_json(fault_settings& faults, const nlohmann::json& patch);

}  // namespace camsim
