#pragma once

#include <string>
#include <string_view>

namespace camtwin::camera {

// Lower-case hex MD5 of the bytes, as HTTP digest authentication uses it.
std::string md5_hex(std::string_view data);

}  // namespace camtwin::camera
