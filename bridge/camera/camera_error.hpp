#pragma once

#include <stdexcept>
#include <string>

namespace camtwin::camera {

// Why a camera call failed. The device twin maps these to its health state and to the result
// codes of the MQTT and HTTP fronts.
enum class camera_error_kind {
    unreachable,    // no connection (refused, reset, DNS)
    timeout,        // connected, but no complete answer in time
    unauthorized,   // the camera refused the credentials (or camtwin is backing off)
    http_status,    // HTTP >= 400 without a ResponseStatus document
    device_status,  // a ResponseStatus with statusCode other than 0/1
    bad_response,   // an answer camtwin cannot use: bad XML, a snapshot that is not a JPEG
    too_large,      // the answer exceeded its size limit
};

const char* to_string(camera_error_kind kind);

// A failed camera call, with what the camera said. Thrown by the camera client; the device twin
// catches it at one place and turns it into a result.
class camera_error : public std::runtime_error {
public:
    camera_error(camera_error_kind kind, std::string path, std::string message);

    camera_error_kind kind() const { return kind_; }
    const std::string& path() const { return path_; }

    long http_status = 0;
    int status_code = 0;          // ResponseStatus/statusCode, 0 when there was none
    std::string sub_status_code;  // ResponseStatus/subStatusCode, as the camera wrote it

private:
    camera_error_kind kind_;
    std::string path_;
};

}  // namespace camtwin::camera
