#include "camera_session.hpp"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include "alert_stream.hpp"
#include "camera.hpp"
#include "connection.hpp"

namespace camsim {

namespace asio = boost::asio;

namespace {

constexpr std::size_t body_limit = 64 * 1024;
constexpr int max_requests = 99;  // Keep-Alive: max=99, counting down per request
constexpr auto write_timeout = std::chrono::seconds(10);

std::string counter_key(std::string_view target) {
    std::string key(target.substr(0, target.find('?')));
    for (char& c : key) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return key;
}

std::string_view url_of(const http_request& request) {
    std::string_view target(request.target().data(), request.target().size());
    return target.substr(0, target.find('?'));
}

bool is_xml(const http_response& response) {
    auto type = response[http::field::content_type];
    return type.find("xml") != boost::beast::string_view::npos;
}

}  // namespace

camera_session::camera_session(camera& owner, std::shared_ptr<connection> conn)
    : camera_(owner), context_(owner.context()), conn_(std::move(conn)) {}

asio::awaitable<void> camera_session::run() {
    boost::beast::flat_buffer buffer;
    while (conn_->is_open()) {
        http::request_parser<http::string_body> parser;
        parser.body_limit(body_limit);
        conn_->stream().expires_after(camera_.options().keep_alive_timeout);

        boost::system::error_code ec;
        co_await http::async_read(conn_->stream(), buffer, parser,
                                  asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            co_return;  // idle timeout, peer closed, dropped, or a request that does not parse
        }
        conn_->stream().expires_never();

        if (!co_await serve(parser.get())) {
            co_return;
        }
    }
}

asio::awaitable<bool> camera_session::serve(const http_request& request) {
    std::string_view target(request.target().data(), request.target().size());
    context_.counters.requests[counter_key(target)] += 1;
    served_ += 1;

    if (int latency = context_.faults.latency_ms; latency > 0) {
        asio::steady_timer timer(conn_->stream().get_executor(),
                                 std::chrono::milliseconds(latency));
        boost::system::error_code ec;
        co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
    if (!conn_->is_open()) {
        co_return false;
    }
    if (context_.chance(context_.faults.reset_rate)) {
        context_.counters.resets += 1;
        conn_->reset();
        co_return false;
    }

    bool keep_alive = request.keep_alive() && served_ < max_requests;
    if (auto refusal = authorise(request)) {
        co_return co_await send(*refusal, keep_alive);
    }
    context_.counters.authorised[counter_key(target)] += 1;

    isapi_reply reply;
    if (context_.chance(context_.faults.error_rate)) {
        bool busy = context_.faults.error_status == 503;
        reply =
            replies::status(context_.faults.ns, static_cast<http::status>(busy ? 503 : 500),
                            url_of(request), busy ? 2 : 3, busy ? "Device Busy" : "Device Error",
                            busy ? "deviceBusy" : "deviceError");
    } else {
        reply = camera_.handler().handle(request);
    }
    if (reply.action == reply_action::alert_stream) {
        context_.counters.statuses[200] += 1;
        co_await serve_alert_stream(context_, conn_);
        co_return false;
    }

    apply_body_faults(reply, url_of(request));
    bool sent = co_await send(reply, keep_alive && reply.action != reply_action::close);
    if (reply.action == reply_action::reboot) {
        camera_.reboot();
        co_return false;
    }
    co_return sent&& reply.action != reply_action::close;
}

std::optional<isapi_reply> camera_session::authorise(const http_request& request) {
    std::string_view target(request.target().data(), request.target().size());
    auto authorization = request[http::field::authorization];
    std::string_view method(request.method_string().data(), request.method_string().size());
    auth_verdict verdict =
        context_.auth.check(conn_->remote_address(), method, target,
                            std::string_view(authorization.data(), authorization.size()));
    if (verdict == auth_verdict::accepted) {
        return std::nullopt;
    }

    request_counters& counters = context_.counters;
    counters.auth_failures += verdict == auth_verdict::rejected ? 1 : 0;
    counters.locked += verdict == auth_verdict::locked ? 1 : 0;
    counters.stale += verdict == auth_verdict::stale ? 1 : 0;
    counters.challenges += 1;

    isapi_reply reply = replies::unauthorized();
    for (const std::string& challenge : context_.auth.challenges()) {
        reply.response.insert(http::field::www_authenticate, challenge);
    }
    return reply;
}

// garbage_xml and truncated_xml spoil XML bodies; xml_error_200 turns a 200 into an error
// document that still says 200.
void camera_session::apply_body_faults(isapi_reply& reply, std::string_view url) {
    const fault_settings& faults = context_.faults;
    http_response& response = reply.response;
    if (faults.xml_error_200 && response.result() == http::status::ok) {
        response.set(http::field::content_type, "application/xml");
        response.body() =
            documents::response_status(faults.ns, url, 6, "Invalid XML Content", "badXmlContent");
    }
    if (!is_xml(response)) {
        return;
    }
    if (faults.garbage_xml) {
        response.body() = "<?xml version=\"1.0\"?>\r\n<<garbage &&& not xml>\r\n</";
    }
    if (faults.truncated_xml) {
        response.body().resize(response.body().size() / 2);
    }
}

asio::awaitable<bool> camera_session::send(isapi_reply& reply, bool keep_alive) {
    http_response& response = reply.response;
    response.version(11);
    response.set(http::field::date,
                 fmt::format("{:%a, %d %b %Y %H:%M:%S} GMT", fmt::gmtime(std::time(nullptr))));
    response.set(http::field::server, "App-webs/");
    response.set(http::field::connection, keep_alive ? "keep-alive" : "close");
    if (keep_alive) {
        auto timeout =
            std::chrono::duration_cast<std::chrono::seconds>(camera_.options().keep_alive_timeout);
        response.set(http::field::keep_alive, fmt::format("timeout={}, max={}", timeout.count(),
                                                          max_requests + 1 - served_));
    }
    response.prepare_payload();
    context_.counters.statuses[response.result_int()] += 1;

    boost::system::error_code ec;
    conn_->stream().expires_after(write_timeout);
    co_await http::async_write(conn_->stream(), response,
                               asio::redirect_error(asio::use_awaitable, ec));
    conn_->stream().expires_never();
    if (ec || !keep_alive) {
        conn_->close();
        co_return false;
    }
    co_return true;
}

}  // namespace camsim
