#pragma once

#include <string_view>

namespace camtwin::http {

// The viewer page served at / (bridge/http/viewer/index.html), built into the binary so that the
// install ships no files folder.
extern const std::string_view viewer_page_html;

}  // namespace camtwin::http
