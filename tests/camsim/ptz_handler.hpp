#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isapi_reply.hpp"

namespace camsim {

struct camera_context;

// The /ISAPI/PTZCtrl/channels endpoints (E5-E14) of a one-channel dome. Loop thread only.
class ptz_handler {
public:
    explicit ptz_handler(camera_context& context) : context_(context) {}

    // `path` is the lower-cased path, starting isapi/ptzctrl/channels.
    isapi_reply handle(http::verb verb, const std::vector<std::string>& path, std::string_view url,
                       std::string_view body);

private:
    isapi_reply get(const std::string& what, std::string_view url);
    isapi_reply move(const std::string& what, std::string_view url, std::string_view body);
    isapi_reply presets(http::verb verb, const std::vector<std::string>& rest, std::string_view url,
                        std::string_view body);
    isapi_reply set_preset(int id, std::string_view url, std::string_view body);
    isapi_reply goto_preset(int id, std::string_view url);

    camera_context& context_;
};

}  // namespace camsim
