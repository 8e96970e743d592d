#include "http/device_routes.hpp"

#include <array>
#include <charconv>

#include <boost/beast/http/field.hpp>
#include <fmt/format.h>

#include "twin/twin_json.hpp"

namespace camtwin::http {
namespace {

using twin::command_result;
using twin::result_code;

// The four moves Shifu's camera driver knows; camtwin adds the diagonals and zoom.
constexpr std::array<std::string_view, 4> shifu_moves{"up", "down", "left", "right"};
// /info answers are served from the twin when younger than this: a loop of curls costs the
// camera one request a second at most, and Shifu's clients see the camera's bytes all the same.
constexpr std::chrono::milliseconds info_max_age{1000};

bool is_shifu_move(std::string_view direction) {
    return std::ranges::find(shifu_moves, direction) != shifu_moves.end();
}

bool wants_json(const request& message) {
    return to_std(message[beast_http::field::accept]).find("application/json") !=
           std::string_view::npos;
}

bool is_read(const request& message) {
    return message.method() == beast_http::verb::get || message.method() == beast_http::verb::head;
}

response shifu_text(status code, std::string body) {
    return make_response(code, std::move(body), text_html);
}

// Go's http.Error, which Shifu's 404 goes through: text/plain, nosniff, and a newline.
response shifu_not_found() {
    auto out =
        make_response(status::not_found, "Error: Device instruction does not exist!\n", text_plain);
    out.set("X-Content-Type-Options", "nosniff");
    return out;
}

response method_not_allowed(std::string_view allow) {
    auto out = make_response(status::method_not_allowed, "method not allowed\n", text_plain);
    out.set(beast_http::field::allow, std::string(allow));
    return out;
}

// A whole number in [min, max] from the query, or a result naming what is wrong with it.
std::optional<command_result> read_number(const request_target& target, std::string_view name,
                                          int min, int max, int& out) {
    const auto text = target.query_value(name);
    if (!text) {
        return std::nullopt;
    }
    int value = 0;
    const auto* end = text->data() + text->size();
    const auto [stop, error] = std::from_chars(text->data(), end, value);
    if (text->empty() || error == std::errc::invalid_argument || stop != end) {
        return command_result{result_code::wrong_type,
                              fmt::format("{} must be a whole number, got \"{}\"", name, *text)};
    }
    if (error == std::errc::result_out_of_range || value < min || value > max) {
        return command_result{result_code::out_of_range,
                              fmt::format("{} must be {}..{}, got {}", name, min, max, *text)};
    }
    out = value;
    return std::nullopt;
}

}  // namespace

device_routes::device_routes(boost::asio::io_context& loop, const device_config& config,
                             std::shared_ptr<twin::device_twin> twin,
                             std::shared_ptr<pipelines::camera_stream> stream,
                             command_observer observer)
    : loop_(loop),
      config_(config),
      twin_(twin),
      stream_(std::move(stream)),
      observer_(std::move(observer)),
      feed_(loop, std::move(twin), stream_, config.stream.mjpeg.fps),
      hls_(loop, stream_) {}

bool device_routes::is_shifu_path(std::span<const std::string> rest) {
    if (rest.size() == 1) {
        return rest[0] == "info" || rest[0] == "capture" || rest[0] == "stream" ||
               rest[0] == "health";
    }
    return rest.size() == 2 && rest[0] == "move" && is_shifu_move(rest[1]);
}

void device_routes::handle(const exchange_ptr& exchange, const request_target& target,
                           std::span<const std::string> rest, device_scope scope) {
    const auto timeout = parse_timeout(target.query_value("timeout"));
    if (!timeout.error.empty()) {
        exchange->respond(make_response(status::bad_request, timeout.error + "\n", text_plain));
        return;
    }
    const bool extended = scope == device_scope::main_listener;
    if (!is_shifu_path(rest) && !extended) {
        exchange->respond(shifu_not_found());
        return;
    }
    const auto& method = exchange->message();
    const bool command = rest.size() >= 1 && rest[0] != "info" && rest[0] != "capture" &&
                         rest[0] != "stream" && rest[0] != "health" && rest[0] != "status";
    // Shifu's driver answers 405 to anything but GET; camtwin's commands take POST as well.
    if (!is_read(method) && !(command && extended && method.method() == beast_http::verb::post)) {
        exchange->respond(
            method_not_allowed(command && extended ? "GET, HEAD, POST" : "GET, HEAD"));
        return;
    }
    const deadline_reply reply(loop_, exchange, timeout.limit);
    if (rest.size() == 1 && rest[0] == "health") {
        reply.respond(make_response(status::ok, "Device is healthy", text_plain));
    } else if (rest.size() == 1 && rest[0] == "info") {
        info(reply);
    } else if (rest.size() == 1 && rest[0] == "capture") {
        capture(reply, target, scope);
    } else if (rest.size() == 1 && rest[0] == "stream") {
        exchange->stream_mjpeg(feed_, timeout.limit);
    } else if (rest.size() == 2 && (rest[0] == "move" || rest[0] == "zoom")) {
        move(reply, target, rest[0], rest[1], scope);
    } else if (rest.size() == 1 && rest[0] == "stop") {
        stop(reply);
    } else if (rest.size() == 1 && rest[0] == "home") {
        go_home(reply);
    } else if (rest.size() == 2 && rest[0] == "preset") {
        goto_preset(reply, rest[1]);
    } else if (rest.size() == 1 && rest[0] == "status") {
        status(reply);
    } else if (wants_json(method)) {
        reply.respond(json_error(config_.name, fmt::format("{}", fmt::join(rest, "/")),
                                 {result_code::unknown_command, "no such device command"}));
    } else {
        reply.respond(shifu_not_found());
    }
}

void device_routes::info(const deadline_reply& reply) {
    twin_->read_info(info_max_age, [reply](const command_result& result,
                                           const std::shared_ptr<const camera::device_info>& info) {
        if (!result.ok() || !info) {
            auto out = shifu_text(status::bad_request, "all authentication failed for device\n");
            out.set("X-Camtwin-Error", std::string(twin::to_string(result.code)));
            reply.respond(std::move(out));
            return;
        }
        reply.respond(make_response(status::ok, info->raw_xml, "text/xml; charset=utf-8"));
    });
}

void device_routes::capture(const deadline_reply& reply, const request_target& target,
                            device_scope scope) {
    int max_age_ms = 0;
    if (scope == device_scope::main_listener) {
        if (auto bad = read_number(target, "max_age_ms", 0, 3600000, max_age_ms)) {
            reply.respond(json_error(config_.name, "capture", *bad));
            return;
        }
    }
    twin_->read_snapshot(
        std::chrono::milliseconds(max_age_ms),
        [reply](const command_result& result, const std::shared_ptr<const std::string>& jpeg) {
            if (!result.ok() || !jpeg) {
                auto out = shifu_text(status::bad_request, "cannot capture frame from camera\n");
                out.set("X-Camtwin-Error", std::string(twin::to_string(result.code)));
                reply.respond(std::move(out));
                return;
            }
            reply.respond(make_response(status::ok, *jpeg, "image/jpeg"));
        });
}

void device_routes::move(const deadline_reply& reply, const request_target& target,
                         const std::string& group, const std::string& direction,
                         device_scope scope) {
    const bool zoom = group == "zoom";
    const std::string command = (zoom ? "zoom/" : "move/") + direction;
    const auto style = !zoom && is_shifu_move(direction) && !wants_json(reply.exchange()->message())
                           ? reply_style::shifu_text
                           : reply_style::json;
    int speed = config_.ptz.speed;
    int duration_ms = config_.ptz.duration_ms;
    if (scope == device_scope::main_listener) {
        std::optional<command_result> bad = read_number(target, "speed", 1, 100, speed);
        if (!bad) {
            bad = read_number(target, "duration_ms", 1, config_.ptz.max_duration_ms, duration_ms);
        }
        if (bad) {
            answer(reply, command, style, *bad);
            return;
        }
    }
    const auto velocity = twin::velocity_of(direction, speed);
    const bool right_kind = velocity && zoom == (velocity->zoom != 0);
    if (!right_kind) {
        answer(reply, command, style, {result_code::unknown_command, "no such move: " + command});
        return;
    }
    twin_->move(*velocity, std::chrono::milliseconds(duration_ms),
                [this, reply, command, style](const command_result& result) {
                    answer(reply, command, style, result);
                });
}

void device_routes::stop(const deadline_reply& reply) {
    twin_->stop([this, reply](const command_result& result) {
        answer(reply, "stop", reply_style::json, result);
    });
}

void device_routes::go_home(const deadline_reply& reply) {
    twin_->go_home([this, reply](const command_result& result) {
        answer(reply, "home", reply_style::json, result);
    });
}

void device_routes::goto_preset(const deadline_reply& reply, const std::string& preset) {
    int id = 0;
    const auto* end = preset.data() + preset.size();
    const auto [stop, error] = std::from_chars(preset.data(), end, id);
    if (error != std::errc{} || stop != end || id < 1) {
        answer(reply, "preset/goto", reply_style::json,
               {result_code::out_of_range,
                fmt::format("the preset must be a number from 1, got \"{}\"", preset)});
        return;
    }
    twin_->goto_preset(id, [this, reply](const command_result& result) {
        answer(reply, "preset/goto", reply_style::json, result);
    });
}

void device_routes::status(const deadline_reply& reply) {
    auto body = twin::state_json(config_.name, twin_->state());
    reply.respond(make_response(status::ok, std::move(body) + "\n", application_json));
}

void device_routes::answer(const deadline_reply& reply, const std::string& command,
                           reply_style style, const command_result& result) {
    const double latency = reply.elapsed_ms();
    if (observer_) {
        observer_(config_.name, command, result, latency);
    }
    if (style == reply_style::json) {
        reply.respond(make_response(status_of(result.code),
                                    result_json(config_.name, command, result, latency),
                                    application_json));
        return;
    }
    auto out = result.ok() ? shifu_text(status::ok, "Success")
                           : shifu_text(status::bad_request, "cannot move camera");
    if (!result.ok()) {
        out.set("X-Camtwin-Error", std::string(twin::to_string(result.code)));
    }
    reply.respond(std::move(out));
}

}  // namespace camtwin::http
