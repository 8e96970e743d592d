#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "http/http_exchange.hpp"
#include "twin/command_result.hpp"

namespace camtwin::http {

// How a command's answer is written: Shifu's text, or camtwin's JSON result.
enum class reply_style { shifu_text, json };

// Called once per command answered over HTTP, for the metrics.
using command_observer = std::function<void(const std::string& device, const std::string& command,
                                            const twin::command_result& result, double latency_ms)>;

// The HTTP status of a result code in the JSON API (docs/http.md has the table).
status status_of(twin::result_code code);

// {"device","command","ok","code","message","latency_ms"}: the MQTT result without the id.
std::string result_json(const std::string& device, const std::string& command,
                        const twin::command_result& result, double latency_ms);

// A JSON error for a request that never reached the twin.
response json_error(const std::string& device, const std::string& command,
                    const twin::command_result& result);

// Shifu's ?timeout=N (seconds): nullopt for none (N <= 0, or absent), an error text when N does
// not parse.
struct parsed_timeout {
    std::optional<std::chrono::milliseconds> limit;
    std::string error;
};
parsed_timeout parse_timeout(std::optional<std::string_view> value);

// Answers an exchange once, or with 504 when the deadline passes first. The deadline keeps only
// a weak hold on the exchange, so a client that left frees its connection at once.
class deadline_reply {
public:
    deadline_reply(boost::asio::io_context& loop, exchange_ptr exchange,
                   std::optional<std::chrono::milliseconds> limit);

    void respond(response answer) const;
    const exchange_ptr& exchange() const { return exchange_; }
    // Milliseconds since the request arrived here.
    double elapsed_ms() const;

private:
    exchange_ptr exchange_;
    std::shared_ptr<boost::asio::steady_timer> timer_;
    std::chrono::steady_clock::time_point started_;
};

}  // namespace camtwin::http
