// Measures how long a move takes through the device twin, two ways, over moves sent one after
// another (as an operator's joystick would) to a camsim process on this machine:
//   arrival:    from the request (posting twin.move() to the loop) to the PUT .../continuous
//               arriving at camsim, which records the steady clock of each arrival; on Linux that
//               clock is CLOCK_MONOTONIC, the same in every process;
//   completion: from the request to the twin's completion, after camsim's answer came back.
//
//   move_latency CAMSIM_BINARY [--moves N]     prints median, p90, p99 and max of both, in ms
//
// Exit 1 when any move fails, so ctest can run a short version to keep it working.

#include <algorithm>
#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/sinks/null_sink.h>

#include "camera/hikvision_camera.hpp"
#include "latency_stats.hpp"
#include "support/camsim_process.hpp"
#include "twin/device_twin.hpp"

namespace {

using clock_type = std::chrono::steady_clock;
using namespace std::chrono_literals;

std::shared_ptr<camtwin::camera::camera_device> connect(const camtwin::test::camsim_process& sim) {
    using namespace camtwin::camera;
    auto session = std::make_unique<curl_session>(sim.camera().http, http_timeouts{});
    auto client = std::make_unique<isapi_client>(
        std::move(session),
        camera_login{sim.options().user, camtwin::secret(sim.options().password)}, auth_backoff{},
        [] { return clock_type::now(); });
    return std::make_shared<hikvision_camera>(std::move(client), 1);
}

struct samples {
    std::vector<clock_type::time_point> sent;
    std::vector<double> completion_ms;
};

// Sends `moves` moves one after another; empty samples when one failed.
samples measure(camtwin::twin::device_twin& twin, boost::asio::io_context& loop, int moves) {
    samples out;
    for (int i = 0; i < moves; ++i) {
        std::promise<bool> done;
        const auto start = clock_type::now();
        out.sent.push_back(start);
        boost::asio::post(loop, [&] {
            twin.move({i % 2 == 0 ? 20 : -20, 0, 0}, 200ms,
                      [&](const camtwin::twin::command_result& r) { done.set_value(r.ok()); });
        });
        if (!done.get_future().get()) {
            std::fprintf(stderr, "move %d failed\n", i);
            return {};
        }
        out.completion_ms.push_back(
            std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    }
    return out;
}

// Pairs each move with camsim's record of its arrival: the moves' PUTs carry a non-zero pan, the
// twin's final stop a zero one. Empty when the counts do not match.
std::vector<double> arrival_ms(const samples& measured, const nlohmann::json& arrivals) {
    std::vector<double> out;
    for (const auto& arrival : arrivals) {
        if (arrival[1].get<int>() == 0 || out.size() == measured.sent.size()) {
            continue;
        }
        const auto sent = measured.sent[out.size()].time_since_epoch();
        const auto arrived = std::chrono::nanoseconds(arrival[0].get<std::int64_t>());
        out.push_back(std::chrono::duration<double, std::milli>(arrived - sent).count());
    }
    return out.size() == measured.sent.size() ? out : std::vector<double>{};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: move_latency CAMSIM_BINARY [--moves N]\n");
        return 2;
    }
    const int moves = argc >= 4 && std::string(argv[2]) == "--moves" ? std::stoi(argv[3]) : 1000;

    const camtwin::test::camsim_process sim(argv[1]);
    boost::asio::io_context loop;
    boost::asio::thread_pool workers(2);
    auto guard = boost::asio::make_work_guard(loop);
    camtwin::twin::twin_options options;
    options.name = "bench";
    // The twin's own cost, not the pacer's: with pacing on, every move after the first burst
    // would wait its turn (10 a second by default), which is the pacer working, not latency.
    options.requests_per_s = 0;
    auto log =
        std::make_shared<spdlog::logger>("twin", std::make_shared<spdlog::sinks::null_sink_mt>());
    auto twin =
        std::make_shared<camtwin::twin::device_twin>(loop, workers, connect(sim), options, log);
    std::thread loop_thread([&] { loop.run(); });

    const auto measured = measure(*twin, loop, moves);
    const auto arrivals =
        measured.sent.empty()
            ? std::vector<double>{}
            : arrival_ms(measured, sim.state()["counters"]["continuous_arrivals"]);

    boost::asio::post(loop, [&] { twin->shutdown(); });
    std::this_thread::sleep_for(300ms);
    guard.reset();
    loop.stop();
    loop_thread.join();
    workers.join();
    if (measured.completion_ms.empty() || arrivals.empty()) {
        std::fprintf(stderr, "a move failed, or camsim did not record every PUT\n");
        return 1;
    }
    camtwin::bench::print_latencies("arrival", "moves", arrivals);
    camtwin::bench::print_latencies("completion", "moves", measured.completion_ms);
    return 0;
}
