#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camtwin::http {

// The path and query of a request target, percent-decoded and checked.
struct request_target {
    std::vector<std::string> segments;  // "/devices/cam1/info" -> {"devices", "cam1", "info"}
    std::map<std::string, std::string, std::less<>> query;  // the first value of each name

    std::optional<std::string_view> query_value(std::string_view name) const;
};

struct parsed_target {
    std::optional<request_target> target;
    std::string error;  // why the target was refused, when target is empty
};

// Accepts an origin-form target ("/a/b?x=1"). Refused, with a reason: anything else, bad
// percent-encoding, and segments that could climb out of a folder or smuggle a separator once
// decoded ("." and "..", NUL, "/" or "\" inside a segment), since a later handler may map
// segments to files (HLS segments, #7). Empty segments are dropped: "/info/" is "/info".
parsed_target parse_target(std::string_view raw);

}  // namespace camtwin::http
