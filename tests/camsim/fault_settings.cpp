#include "fault_settings.hpp"

#include <stdexcept>
#include <string>

namespace camsim {

namespace {

[[noreturn]] void bad(const std::string& key, const std::string& why) {
    throw std::invalid_argument("fault '" + key + "': " + why);
}

double rate(const std::string& key, const nlohmann::json& value) {
    if (!value.is_number() || value.get<double>() < 0.0 || value.get<double>() > 1.0) {
        bad(key, "expected a number from 0 to 1");
    }
    return value.get<double>();
}

int non_negative(const std::string& key, const nlohmann::json& value) {
    if (!value.is_number_integer() || value.get<long long>() < 0 ||
        value.get<long long>() > 86'400'000) {
        bad(key, "expected an integer from 0 to 86400000");
    }
    return value.get<int>();
}

bool flag(const std::string& key, const nlohmann::json& value) {
    if (!value.is_boolean()) {
        bad(key, "expected true or false");
    }
    return value.get<bool>();
}

void apply_one(fault_settings& f, const std::string& key, const nlohmann::json& value) {
    if (key == "latency_ms") {
        f.latency_ms = non_negative(key, value);
    } else if (key == "error_rate") {
        f.error_rate = rate(key, value);
    } else if (key == "error_status") {
        int status = non_negative(key, value);
        if (status != 500 && status != 503) {
            bad(key, "expected 500 or 503");
        }
        f.error_status = status;
    } else if (key == "garbage_xml") {
        f.garbage_xml = flag(key, value);
    } else if (key == "truncated_xml") {
        f.truncated_xml = flag(key, value);
    } else if (key == "reset_rate") {
        f.reset_rate = rate(key, value);
    } else if (key == "xml_error_200") {
        f.xml_error_200 = flag(key, value);
    } else if (key == "namespace") {
        auto ns = value.is_string() ? parse_xml_namespace(value.get<std::string>()) : std::nullopt;
        if (!ns) {
            bad(key, "expected ver20, isapi or none");
        }
        f.ns = *ns;
    } else if (key == "relative_404") {
        f.relative_404 = flag(key, value);
    } else if (key == "stream") {
        f.streaming = flag(key, value);
    } else if (key == "heartbeat_ms") {
        f.heartbeat_ms = std::max(non_negative(key, value), 10);
    } else {
        bad(key, "unknown key");
    }
}

}  // namespace

nlohmann::json to_json(const fault_settings& f) {
    return {{"latency_ms", f.latency_ms},       {"error_rate", f.error_rate},
            {"error_status", f.error_status},   {"garbage_xml", f.garbage_xml},
            {"truncated_xml", f.truncated_xml}, {"reset_rate", f.reset_rate},
            {"xml_error_200", f.xml_error_200}, {"namespace", to_string(f.ns)},
            {"relative_404", f.relative_404},   {"stream", f.streaming},
            {"heartbeat_ms", f.heartbeat_ms}};
}

void apply_json(fault_settings& faults, const nlohmann::json& patch) {
    if (!patch.is_object()) {
        throw std::invalid_argument("faults: expected a JSON object");
    }
    fault_settings next = faults;
    for (const auto& [key, value] : patch.items()) {
        apply_one(next, key, value);
    }
    faults = next;
}

}  // namespace camsim
