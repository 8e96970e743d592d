#pragma once

#include <string>
#include <vector>

#include "preset_store.hpp"
#include "ptz_model.hpp"
#include "xml_writer.hpp"

// Builders of the PTZCtrl documents; pure functions, any thread.
namespace camsim::documents {

std::string ptz_capabilities(xml_namespace ns, const ptz_limits& limits,
                             const std::string& special_list);
std::string ptz_channel(xml_namespace ns, bool in_list);
std::string ptz_status(xml_namespace ns, ptz_position p);
std::string ptz_presets(xml_namespace ns, const std::vector<preset>& presets);
std::string ptz_preset(xml_namespace ns, const preset& p);

}  // namespace camsim::documents
