#pragma once

#include <memory>
#include <string>
#include <vector>

#include "http/http_front.hpp"
#include "metrics/command_metrics.hpp"
#include "mqtt/mqtt_bridge.hpp"
#include "pipelines/camera_stream.hpp"
#include "twin/device_twin.hpp"

namespace camtwin {

// The /metrics page: every part's figures in the Prometheus text format (docs/http.md lists
// each family). Built here, in the composition root, because only it knows every part.
std::string metrics_report(const metrics::command_metrics& commands,
                           const std::vector<std::shared_ptr<twin::device_twin>>& twins,
                           const std::vector<std::shared_ptr<pipelines::camera_stream>>& streams,
                           const mqtt::mqtt_bridge& mqtt, const http::http_front& http);

}  // namespace camtwin
