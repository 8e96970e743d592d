#include <catch2/catch.hpp>

#include "twin_harness.hpp"

using camtwin::test::camsim_process;
using camtwin::test::eventually;
using camtwin::test::get;
using camtwin::test::twin_harness;
using camtwin::twin::command_result;
using camtwin::twin::device_twin;
using camtwin::twin::health;
using camtwin::twin::result_code;
using camtwin::twin::twin_options;
using namespace std::chrono_literals;

namespace {

twin_options fast_options() {
    twin_options options;
    options.name = "cam1";
    options.health_interval = 500ms;
    options.max_health_backoff = 2s;
    options.requests_per_s = 0;  // these tests count and order requests; pacing has its own
    return options;
}

// Requests camsim received on a path (lower-cased), or only those it authorised: the first
// request of a session is an uncredentialed probe that gets the challenge.
int requests_to(const camsim_process& sim, const std::string& lower_path,
                const char* counter = "requests") {
    const auto requests = sim.state()["counters"][counter];
    return requests.contains(lower_path) ? requests[lower_path].get<int>() : 0;
}

bool camsim_still(const camsim_process& sim) {
    return sim.state()["ptz"]["moving"] == false;
}

const std::string continuous = "/isapi/ptzctrl/channels/1/continuous";

}  // namespace

TEST_CASE("device twin follows every move with a stop after its duration", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());

    auto moved = harness.command([](device_twin& twin, auto done) {
        twin.move({60, 0, 0}, 300ms, std::move(done));
    });

    CHECK(get(moved).ok());
    CHECK(harness.state().moving);
    CHECK(sim.state()["ptz"]["velocity"]["pan"] == 60);
    REQUIRE(eventually([&] { return camsim_still(sim); }, 3s));
    CHECK(requests_to(sim, continuous, "authorised") == 2);  // the move and its stop
    CHECK(eventually([&] { return !harness.state().moving; }));
    const int azimuth = sim.state()["ptz"]["azimuth"];
    CHECK(azimuth == Approx(32).margin(20));  // 177.8 x 0.6 x 0.3 s, give or take HTTP time
}

TEST_CASE("device twin lets a newer move replace a waiting one", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());
    std::vector<std::future<command_result>> results;

    harness.on_loop([&] {
        for (int i = 0; i < 5; ++i) {
            results.push_back(harness.command([i](device_twin& twin, auto done) {
                twin.move({10 * (i + 1), 0, 0}, 200ms, std::move(done));
            }));
        }
    });

    std::vector<result_code> codes;
    for (auto& result : results) {
        codes.push_back(get(result).code);
    }
    CHECK(codes.front() == result_code::ok);
    CHECK(codes.back() == result_code::ok);
    CHECK(std::count(codes.begin(), codes.end(), result_code::superseded) >= 1);
    REQUIRE(eventually([&] { return camsim_still(sim); }, 3s));
}

TEST_CASE("device twin stop goes ahead and ends a long move at once", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());

    auto moved = harness.command([](device_twin& twin, auto done) {
        twin.move({0, 0, 50}, 5000ms, std::move(done));
    });
    REQUIRE(get(moved).ok());
    auto stopped =
        harness.command([](device_twin& twin, auto done) { twin.stop(std::move(done)); });

    CHECK(get(stopped).ok());
    CHECK(camsim_still(sim));
    CHECK_FALSE(harness.state().moving);
}

TEST_CASE("device twin refuses reserved presets without calling the camera", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());

    auto reboot = harness.command(
        [](device_twin& twin, auto done) { twin.goto_preset(94, std::move(done)); });
    auto special = harness.command(
        [](device_twin& twin, auto done) { twin.set_preset(33, "flip", std::move(done)); });

    CHECK(get(reboot).code == result_code::refused);
    CHECK(get(special).code == result_code::refused);
    CHECK(requests_to(sim, "/isapi/ptzctrl/channels/1/presets/94/goto") == 0);
    CHECK(requests_to(sim, "/isapi/ptzctrl/channels/1/presets/33") == 0);
}

TEST_CASE("device twin refuses the camera's own special presets once it has read them", "[twin]") {
    // A model whose special ids differ from the default list: 47 and 48 are functions, 40 is a
    // user preset.
    const camsim_process sim(CAMSIM_BINARY,
                             {.extra_args = {"--special-presets", "33,34,47,48,94"}});
    twin_harness harness(sim, fast_options());
    harness.on_loop([&] { harness.twin().start(); });
    const std::string capabilities = "/isapi/ptzctrl/channels/1/capabilities";
    REQUIRE(eventually([&] { return requests_to(sim, capabilities, "authorised") == 1; }));
    auto settled =
        harness.command([](device_twin& twin, auto done) { twin.go_home(std::move(done)); });
    REQUIRE(get(settled).ok());  // queued behind the capabilities read, so that has been applied

    auto special = harness.command(
        [](device_twin& twin, auto done) { twin.set_preset(47, "x", std::move(done)); });
    auto user = harness.command(
        [](device_twin& twin, auto done) { twin.set_preset(40, "gate", std::move(done)); });

    CHECK(get(special).code == result_code::refused);
    CHECK(get(user).ok());
    CHECK(requests_to(sim, "/isapi/ptzctrl/channels/1/presets/47") == 0);
    CHECK(sim.state()["presets"][0]["name"] == "gate");
}

TEST_CASE("device twin paces its requests to the configured rate", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto options = fast_options();
    options.requests_per_s = 20;  // one request every 50 ms once the burst of 1 is spent
    options.burst = 1;
    twin_harness harness(sim, options);
    std::vector<std::future<command_result>> results;

    const auto begin = std::chrono::steady_clock::now();
    harness.on_loop([&] {
        for (int i = 0; i < 6; ++i) {
            results.push_back(harness.command(
                [](device_twin& twin, auto done) { twin.go_home(std::move(done)); }));
        }
    });
    for (auto& result : results) {
        CHECK(get(result).ok());
    }

    // A lower bound, which pacing guarantees whatever the machine's speed: the sixth request
    // could not start before five intervals had passed.
    CHECK(std::chrono::steady_clock::now() - begin >= 250ms);
    CHECK(requests_to(sim, "/isapi/ptzctrl/channels/1/homeposition/goto", "authorised") == 6);
}

TEST_CASE("device twin keeps a burst of 1,000 commands in order", "[twin][slow]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto options = fast_options();
    options.queue_limit = 1000;
    twin_harness harness(sim, options);
    std::vector<int> completed;
    std::promise<void> all_done;

    harness.on_loop([&] {
        for (int i = 0; i < 1000; ++i) {
            harness.twin().set_preset(1, "n" + std::to_string(i), [&, i](const command_result& r) {
                completed.push_back(r.ok() ? i : -1);
                if (completed.size() == 1000) {
                    all_done.set_value();
                }
            });
        }
    });

    REQUIRE(all_done.get_future().wait_for(60s) == std::future_status::ready);
    CHECK(std::is_sorted(completed.begin(), completed.end()));
    CHECK(completed.front() == 0);
    const auto presets = sim.state()["presets"];
    REQUIRE(presets.size() == 1);
    CHECK(presets[0]["name"] == "n999");  // the camera saw them in order: the last one stayed
}

TEST_CASE("device twin answers a full queue with busy", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto options = fast_options();
    options.queue_limit = 3;
    twin_harness harness(sim, options);
    std::vector<std::future<command_result>> results;

    harness.on_loop([&] {
        for (int i = 0; i < 10; ++i) {
            results.push_back(harness.command(
                [](device_twin& twin, auto done) { twin.go_home(std::move(done)); }));
        }
    });

    int busy = 0;
    for (auto& result : results) {
        busy += get(result).code == result_code::busy ? 1 : 0;
    }
    CHECK(busy >= 6);  // at most one running and three waiting were accepted
}

TEST_CASE("device twin shares one camera call among concurrent snapshot requests", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());
    std::vector<std::shared_ptr<const std::string>> pictures;
    std::promise<void> all_done;

    harness.on_loop([&] {
        for (int i = 0; i < 20; ++i) {
            harness.twin().read_snapshot(0ms, [&](const command_result& r, auto jpeg) {
                REQUIRE(r.ok());
                pictures.push_back(jpeg);
                if (pictures.size() == 20) {
                    all_done.set_value();
                }
            });
        }
    });

    REQUIRE(all_done.get_future().wait_for(10s) == std::future_status::ready);
    CHECK(std::all_of(pictures.begin(), pictures.end(),
                      [&](const auto& p) { return p == pictures.front(); }));
    CHECK(requests_to(sim, "/isapi/streaming/channels/101/picture", "authorised") == 1);
}

TEST_CASE("device twin serves fresh info from the twin", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());
    std::promise<std::string> first;
    std::promise<std::string> second;

    harness.on_loop([&] {
        harness.twin().read_info(60s, [&](const command_result&, auto info) {
            first.set_value(info ? info->model : "");
        });
    });
    REQUIRE(first.get_future().get() == "DS-2DF8425IX-AELW");
    harness.on_loop([&] {
        harness.twin().read_info(60s, [&](const command_result&, auto info) {
            second.set_value(info ? info->model : "");
        });
    });

    CHECK(second.get_future().get() == "DS-2DF8425IX-AELW");
    CHECK(requests_to(sim, "/isapi/system/deviceinfo", "authorised") == 1);
}

TEST_CASE("device twin reports unauthorized without tripping the lockout", "[twin][slow]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options(), "wrong-password");
    harness.on_loop([&] { harness.twin().start(); });

    REQUIRE(eventually([&] { return harness.state().status == health::unauthorized; }, 5s));
    std::this_thread::sleep_for(2s);  // several health intervals

    const auto counters = sim.state()["counters"];
    CHECK(counters["auth_failures"] == 1);
    CHECK(counters["locked"] == 0);
    CHECK(harness.state().status == health::unauthorized);
}

TEST_CASE("device twin sees the camera go away and come back", "[twin][slow]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());
    harness.on_loop([&] { harness.twin().start(); });
    REQUIRE(eventually([&] { return harness.state().status == health::online; }, 5s));

    sim.set_faults({{"away", true}});
    REQUIRE(eventually([&] { return harness.state().status == health::unreachable; }, 5s));
    CHECK_FALSE(harness.state().last_error.empty());
    sim.set_faults({{"away", false}});
    const auto back = std::chrono::steady_clock::now();
    REQUIRE(eventually([&] { return harness.state().status == health::online; }, 5s));

    // Two health intervals (2 x 500 ms), plus the time of the probe call itself.
    CHECK(std::chrono::steady_clock::now() - back < 1500ms);
    CHECK(harness.state().last_error.empty());
}

TEST_CASE("device twin keeps working after camera errors", "[twin]") {
    const camsim_process sim(CAMSIM_BINARY);
    twin_harness harness(sim, fast_options());
    sim.set_faults({{"error_rate", 1.0}, {"error_status", 500}});

    auto failed =
        harness.command([](device_twin& twin, auto done) { twin.go_home(std::move(done)); });
    CHECK(get(failed).code == result_code::camera_error);
    sim.reset();
    auto worked =
        harness.command([](device_twin& twin, auto done) { twin.go_home(std::move(done)); });

    CHECK(get(worked).ok());
}

TEST_CASE("device twin keeps its health loop through a full queue", "[twin][slow]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto options = fast_options();
    options.queue_limit = 1;
    options.health_interval = 200ms;
    twin_harness harness(sim, options);
    harness.on_loop([&] { harness.twin().start(); });
    REQUIRE(eventually([&] { return harness.state().status == health::online; }, 5s));

    // Keep the queue full for longer than several probe intervals.
    sim.set_faults({{"latency_ms", 100}});
    const auto until = std::chrono::steady_clock::now() + 1500ms;
    while (std::chrono::steady_clock::now() < until) {
        harness.command([](device_twin& twin, auto done) { twin.go_home(std::move(done)); });
        std::this_thread::sleep_for(10ms);
    }
    // Let the last commands finish, so that only a probe can notice the camera going away.
    sim.set_faults({{"latency_ms", 0}});
    std::this_thread::sleep_for(500ms);
    sim.set_faults({{"away", true}});

    CHECK(eventually([&] { return harness.state().status == health::unreachable; }, 5s));
}
