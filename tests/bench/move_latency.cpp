// Measures how long a move takes through the device twin: from twin.move() on the event loop to
// its completion, which comes once camsim has received the PUT .../continuous and answered it.
// So each figure is an upper bound on "request to PUT arriving at the camera". Moves are sent one
// after another, as an operator's joystick would, against a camsim process on this machine.
//
//   move_latency CAMSIM_BINARY [--moves N]     prints median, p90, p99 and max in ms
//
// Exit 1 when any move fails, so ctest can run a short version to keep it working.

#include <algorithm>
#include <cstdio>
#include <future>
#include <string>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/sinks/null_sink.h>

#include "camera/hikvision_camera.hpp"
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

double percentile(std::vector<double> sorted, double p) {
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

// Sends `moves` moves one after another; returns each one's latency in ms (empty on a failure).
std::vector<double> measure(camtwin::twin::device_twin& twin, boost::asio::io_context& loop,
                            int moves) {
    std::vector<double> latencies;
    for (int i = 0; i < moves; ++i) {
        std::promise<bool> done;
        const auto start = clock_type::now();
        boost::asio::post(loop, [&] {
            twin.move({i % 2 == 0 ? 20 : -20, 0, 0}, 200ms,
                      [&](const camtwin::twin::command_result& r) { done.set_value(r.ok()); });
        });
        if (!done.get_future().get()) {
            std::fprintf(stderr, "move %d failed\n", i);
            return {};
        }
        latencies.push_back(
            std::chrono::duration<double, std::milli>(clock_type::now() - start).count());
    }
    return latencies;
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
    auto log =
        std::make_shared<spdlog::logger>("twin", std::make_shared<spdlog::sinks::null_sink_mt>());
    auto twin =
        std::make_shared<camtwin::twin::device_twin>(loop, workers, connect(sim), options, log);
    std::thread loop_thread([&] { loop.run(); });

    auto latencies = measure(*twin, loop, moves);

    boost::asio::post(loop, [&] { twin->shutdown(); });
    std::this_thread::sleep_for(300ms);
    guard.reset();
    loop.stop();
    loop_thread.join();
    workers.join();
    if (latencies.empty()) {
        return 1;
    }
    std::sort(latencies.begin(), latencies.end());
    std::printf("moves %d  median %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n", moves,
                percentile(latencies, 0.5), percentile(latencies, 0.9), percentile(latencies, 0.99),
                latencies.back());
    return 0;
}
