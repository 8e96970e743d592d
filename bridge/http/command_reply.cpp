#include "http/command_reply.hpp"

#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

namespace camtwin::http {

using twin::result_code;

status status_of(result_code code) {
    switch (code) {
        case result_code::ok:
            return status::ok;
        case result_code::payload_too_large:
            return status::payload_too_large;
        case result_code::unknown_device:
        case result_code::unknown_command:
            return status::not_found;
        case result_code::busy:
            return status::service_unavailable;
        case result_code::refused:
            return status::forbidden;
        case result_code::superseded:
            return status::conflict;
        case result_code::camera_unreachable:
        case result_code::camera_unauthorized:
        case result_code::camera_error:
            return status::bad_gateway;
        case result_code::timeout:
            return status::gateway_timeout;
        default:
            return status::bad_request;  // the request's own faults
    }
}

std::string result_json(const std::string& device, const std::string& command,
                        const twin::command_result& result, double latency_ms) {
    const nlohmann::json body{
        {"device", device},          {"command", command},
        {"ok", result.ok()},         {"code", twin::to_string(result.code)},
        {"message", result.message}, {"latency_ms", std::round(latency_ms * 1000.0) / 1000.0}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

response json_error(const std::string& device, const std::string& command,
                    const twin::command_result& result) {
    return make_response(status_of(result.code), result_json(device, command, result, 0.0),
                         application_json);
}

parsed_timeout parse_timeout(std::optional<std::string_view> value) {
    if (!value) {
        return {};
    }
    long long seconds = 0;
    const auto* end = value->data() + value->size();
    const auto [stop, error] = std::from_chars(value->data(), end, seconds);
    if (value->empty() || error != std::errc{} || stop != end) {
        return {std::nullopt, "timeout must be whole seconds, got \"" + std::string(*value) + "\""};
    }
    if (seconds <= 0) {
        return {};  // Shifu's meaning: no timeout
    }
    constexpr long long day_s = 86400;
    return {std::chrono::seconds(std::min(seconds, day_s)), ""};
}

deadline_reply::deadline_reply(boost::asio::io_context& loop, exchange_ptr exchange,
                               std::optional<std::chrono::milliseconds> limit)
    : exchange_(std::move(exchange)), started_(std::chrono::steady_clock::now()) {
    if (!limit) {
        return;
    }
    timer_ = std::make_shared<boost::asio::steady_timer>(loop, *limit);
    timer_->async_wait([weak = std::weak_ptr<http_exchange>(exchange_)](
                           const boost::system::error_code& error) {
        const auto waiting = weak.lock();
        if (!error && waiting) {
            waiting->respond(make_response(status::gateway_timeout,
                                           "no answer within the request's timeout\n", text_plain));
        }
    });
}

void deadline_reply::respond(response answer) const {
    if (timer_) {
        timer_->cancel();
    }
    exchange_->respond(std::move(answer));
}

double deadline_reply::elapsed_ms() const {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
        .count();
}

}  // namespace camtwin::http
