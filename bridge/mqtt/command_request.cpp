#include "mqtt/command_request.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace camtwin::mqtt {
namespace {

using twin::result_code;
using json = nlohmann::json;

constexpr int max_preset = 300;
constexpr std::size_t max_id_length = 128;
constexpr std::size_t max_name_length = 32;
constexpr int max_age_limit_ms = 3600000;

struct command_shape {
    command_kind kind;
    std::vector<std::string_view> fields;  // besides "id"
};

// The kind and accepted fields of a command name, or nullopt for a name camtwin does not know.
std::optional<command_shape> shape_of(std::string_view command) {
    static constexpr std::array<std::string_view, 8> directions{
        "up", "down", "left", "right", "up-left", "up-right", "down-left", "down-right"};
    if (command.starts_with("move/") &&
        std::find(directions.begin(), directions.end(), command.substr(5)) != directions.end()) {
        return command_shape{command_kind::move, {"speed", "duration_ms"}};
    }
    if (command == "zoom/in" || command == "zoom/out") {
        return command_shape{command_kind::move, {"speed", "duration_ms"}};
    }
    if (command == "stop") {
        return command_shape{command_kind::stop, {}};
    }
    if (command == "preset/goto") {
        return command_shape{command_kind::preset_goto, {"preset"}};
    }
    if (command == "preset/set") {
        return command_shape{command_kind::preset_set, {"preset", "name"}};
    }
    if (command == "home") {
        return command_shape{command_kind::home, {}};
    }
    if (command == "info/get") {
        return command_shape{command_kind::info_get, {"max_age_ms"}};
    }
    if (command == "capture") {
        return command_shape{command_kind::capture, {"max_age_ms"}};
    }
    return std::nullopt;
}

// Reads the fields of one payload object, keeping the first problem.
class field_reader {
public:
    explicit field_reader(const json& object) : object_(object) {}

    std::optional<int> integer(std::string_view key, int min, int max) {
        const auto* value = find(key);
        if (!value || failed()) {
            return std::nullopt;
        }
        // 50.0 is an integer to JSON Schema, so it is one here too.
        const bool integral = value->is_number_integer() ||
                              (value->is_number_float() && std::isfinite(value->get<double>()) &&
                               std::trunc(value->get<double>()) == value->get<double>() &&
                               std::abs(value->get<double>()) < 1e15);
        if (!integral) {
            fail(result_code::wrong_type,
                 fmt::format("{} must be an integer, got {}", key, value->dump()));
            return std::nullopt;
        }
        const auto number = value->is_number_integer()
                                ? value->get<std::int64_t>()
                                : static_cast<std::int64_t>(value->get<double>());
        if (number < min || number > max) {
            fail(result_code::out_of_range,
                 fmt::format("{} must be {}..{}, got {}", key, min, max, number));
            return std::nullopt;
        }
        return static_cast<int>(number);
    }

    std::optional<std::string> text(std::string_view key, std::size_t max_length) {
        const auto* value = find(key);
        if (!value || failed()) {
            return std::nullopt;
        }
        if (!value->is_string()) {
            fail(result_code::wrong_type,
                 fmt::format("{} must be a string, got {}", key, value->dump()));
            return std::nullopt;
        }
        auto out = value->get<std::string>();
        if (out.empty() || out.size() > max_length) {
            fail(result_code::out_of_range,
                 fmt::format("{} must be 1..{} characters, got {}", key, max_length, out.size()));
            return std::nullopt;
        }
        return out;
    }

    void fail(result_code code, std::string message) {
        if (!failed()) {
            error_ = request_error{code, std::move(message), {}};
        }
    }

    bool failed() const { return error_.has_value(); }
    std::optional<request_error>& error() { return error_; }

private:
    const json* find(std::string_view key) const {
        const auto it = object_.find(key);
        return it == object_.end() ? nullptr : &*it;
    }

    const json& object_;
    std::optional<request_error> error_;
};

void check_known_fields(const json& object, const command_shape& shape, std::string_view command,
                        field_reader& in) {
    for (const auto& [key, value] : object.items()) {
        const bool known = key == "id" || std::find(shape.fields.begin(), shape.fields.end(),
                                                    key) != shape.fields.end();
        if (!known) {
            in.fail(result_code::unknown_field,
                    fmt::format("{} does not take a field \"{}\"", command, key));
            return;
        }
    }
}

void read_fields(const command_shape& shape, const command_defaults& defaults, field_reader& in,
                 command_request& out) {
    switch (shape.kind) {
        case command_kind::move: {
            const int speed = in.integer("speed", 1, 100).value_or(defaults.speed);
            const int duration = in.integer("duration_ms", 1, defaults.max_duration_ms)
                                     .value_or(defaults.duration_ms);
            const auto direction = out.command.substr(out.command.find('/') + 1);
            out.velocity = twin::velocity_of(direction, speed).value_or(twin::ptz_velocity{});
            out.duration = std::chrono::milliseconds(duration);
            break;
        }
        case command_kind::preset_goto:
        case command_kind::preset_set:
            if (auto preset = in.integer("preset", 1, max_preset)) {
                out.preset = *preset;
            } else if (!in.failed()) {
                in.fail(result_code::missing_field, out.command + " needs a field \"preset\"");
            }
            out.preset_name =
                in.text("name", max_name_length).value_or("Preset " + std::to_string(out.preset));
            break;
        case command_kind::info_get:
        case command_kind::capture:
            out.max_age = std::chrono::milliseconds(
                in.integer("max_age_ms", 0, max_age_limit_ms).value_or(0));
            break;
        case command_kind::stop:
        case command_kind::home:
            break;
    }
}

}  // namespace

std::variant<command_request, request_error> decode_command(std::string_view command,
                                                            std::string_view payload,
                                                            const command_defaults& defaults) {
    const auto shape = shape_of(command);
    if (!shape) {
        return request_error{
            result_code::unknown_command, fmt::format("no command \"{}\"", command), {}};
    }
    const json object = payload.empty() ? json::object() : json::parse(payload, nullptr, false);
    if (object.is_discarded()) {
        return request_error{result_code::bad_json, "the payload is not JSON", {}};
    }
    if (!object.is_object()) {
        return request_error{
            result_code::bad_json,
            fmt::format("the payload must be a JSON object, got {}", object.type_name()),
            {}};
    }

    command_request out;
    out.kind = shape->kind;
    out.command = std::string(command);
    field_reader in(object);
    out.id = in.text("id", max_id_length).value_or("");
    check_known_fields(object, *shape, command, in);
    read_fields(*shape, defaults, in, out);
    if (auto& error = in.error()) {
        error->id = out.id;
        return std::move(*error);
    }
    return out;
}

}  // namespace camtwin::mqtt
