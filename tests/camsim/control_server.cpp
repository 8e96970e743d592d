#include "control_server.hpp"

#include <stdexcept>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "camera.hpp"

namespace camsim {

namespace asio = boost::asio;

namespace {

http_response json_response(http::status status, const nlohmann::json& body) {
    http_response response(status, 11);
    response.set(http::field::content_type, "application/json");
    response.body() = body.dump() + "\n";
    return response;
}

template <class T>
std::optional<T> optional_value(const nlohmann::json& patch, const char* key) {
    if (!patch.contains(key)) {
        return std::nullopt;
    }
    try {
        return patch.at(key).get<T>();
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument(std::string("'") + key + "': wrong type");
    }
}

}  // namespace

control_server::control_server(asio::any_io_executor executor, std::string address, int port,
                               camera& owner)
    : listener_(std::move(executor), std::move(address), static_cast<unsigned short>(port),
                [this](std::shared_ptr<connection> conn) { return serve(std::move(conn)); }),
      camera_(owner) {}

void control_server::close() {
    listener_.close();
    listener_.drop_connections();
}

asio::awaitable<void> control_server::serve(std::shared_ptr<connection> conn) {
    boost::beast::flat_buffer buffer;
    while (conn->is_open()) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(64 * 1024);
        conn->stream().expires_after(std::chrono::seconds(30));
        boost::system::error_code ec;
        co_await http::async_read(conn->stream(), buffer, parser,
                                  asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            co_return;
        }

        http_response response = handle(parser.get());
        response.keep_alive(parser.get().keep_alive());
        response.prepare_payload();
        co_await http::async_write(conn->stream(), response,
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec || !response.keep_alive()) {
            co_return;
        }
    }
}

http_response control_server::handle(const http_request& request) {
    std::string target(request.target());
    http::verb verb = request.method();
    try {
        nlohmann::json body = request.body().empty() ? nlohmann::json::object()
                                                     : nlohmann::json::parse(request.body());
        if (target == "/state" && verb == http::verb::get) {
            return json_response(http::status::ok, camera_.state());
        }
        if (target == "/faults" && verb == http::verb::get) {
            return json_response(http::status::ok, to_json(camera_.context().faults));
        }
        if (target == "/faults" && verb == http::verb::put) {
            return json_response(http::status::ok, put_faults(body));
        }
        if (target == "/events" && verb == http::verb::post) {
            return json_response(http::status::ok, post_event(body));
        }
        if (target == "/reset" && verb == http::verb::post) {
            camera_.reset();
            return json_response(http::status::ok, {{"ok", true}});
        }
        if (target == "/reboot" && verb == http::verb::post) {
            camera_.reboot();
            return json_response(http::status::ok, {{"ok", true}});
        }
        return json_response(http::status::not_found, {{"error", "no route " + target}});
    } catch (const std::exception& e) {
        return json_response(http::status::bad_request, {{"error", e.what()}});
    }
}

// Validates every key before changing anything, so a bad request changes nothing.
nlohmann::json control_server::put_faults(const nlohmann::json& patch) {
    if (!patch.is_object()) {
        throw std::invalid_argument("faults: expected a JSON object");
    }
    nlohmann::json fault_patch = patch;
    for (const char* key :
         {"auth", "away", "away_for_ms", "lockout_attempts", "lockout_seconds", "lockout_ms"}) {
        fault_patch.erase(key);
    }

    auto auth = optional_value<std::string>(patch, "auth");
    auto mode = auth ? parse_auth_mode(*auth) : std::nullopt;
    if (auth && !mode) {
        throw std::invalid_argument("'auth': expected digest, basic or both");
    }
    auto away = optional_value<bool>(patch, "away");
    auto away_for = optional_value<int>(patch, "away_for_ms");
    auto attempts = optional_value<int>(patch, "lockout_attempts");
    auto seconds = optional_value<double>(patch, "lockout_seconds");
    auto millis = optional_value<int>(patch, "lockout_ms");
    fault_settings faults = camera_.context().faults;
    apply_json(faults, fault_patch);

    authenticator& authn = camera_.context().auth;
    if (mode) {
        authn.set_mode(*mode);
    }
    if (attempts || seconds || millis) {
        auto time = millis    ? std::chrono::milliseconds(*millis)
                    : seconds ? std::chrono::milliseconds(static_cast<long>(*seconds * 1000.0))
                              : authn.settings().lockout_time;
        authn.set_lockout(attempts.value_or(authn.settings().lockout_attempts), time);
    }
    bool streaming_changed = faults.streaming != camera_.context().faults.streaming;
    camera_.context().faults = faults;
    if (streaming_changed) {
        camera_.set_streaming(faults.streaming);
    }
    if (away_for) {
        camera_.go_away(std::chrono::milliseconds(*away_for));
    } else if (away) {
        *away ? camera_.go_away(std::nullopt) : camera_.come_back();
    }
    return to_json(camera_.context().faults);
}

nlohmann::json control_server::post_event(const nlohmann::json& body) {
    alert_event event;
    event.type = optional_value<std::string>(body, "type").value_or(event.type);
    event.state = optional_value<std::string>(body, "state").value_or(event.state);
    event.channel = optional_value<int>(body, "channel").value_or(event.channel);
    event.post_count = optional_value<int>(body, "active_post_count").value_or(event.post_count);
    event.description = optional_value<std::string>(body, "description").value_or("");
    event.target = optional_value<std::string>(body, "target").value_or("");
    return {{"delivered", camera_.publish_event(event)}};
}

}  // namespace camsim
