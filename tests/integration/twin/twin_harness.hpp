#pragma once

#include <future>
#include <memory>
#include <thread>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/sinks/null_sink.h>

#include "../camera/camera_fixture.hpp"
#include "twin/device_twin.hpp"

namespace camtwin::test {

// A device twin on its own loop thread, driven from the test thread: calls are posted into the
// loop and their completions handed back through futures, as the fronts will do.
class twin_harness {
public:
    twin_harness(const camsim_process& sim, twin::twin_options options, std::string password = "")
        : workers_(2), guard_(loop_.get_executor()) {
        std::shared_ptr<camera::camera_device> camera = connect(sim, std::move(password));
        auto log = std::make_shared<spdlog::logger>(
            "twin", std::make_shared<spdlog::sinks::null_sink_mt>());
        twin_ =
            std::make_shared<twin::device_twin>(loop_, workers_, camera, std::move(options), log);
        thread_ = std::thread([this] { loop_.run(); });
    }

    ~twin_harness() {
        on_loop([this] { twin_->shutdown(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // let a final stop go out
        guard_.reset();
        loop_.stop();
        thread_.join();
        workers_.join();
    }

    twin_harness(const twin_harness&) = delete;
    twin_harness& operator=(const twin_harness&) = delete;

    // Runs f on the loop thread and waits for it.
    template <typename F>
    void on_loop(F f) {
        std::promise<void> done;
        boost::asio::post(loop_, [&] {
            f();
            done.set_value();
        });
        done.get_future().wait();
    }

    // Starts a command on the loop; the future holds its result.
    template <typename Start>
    std::future<twin::command_result> command(Start start) {
        auto result = std::make_shared<std::promise<twin::command_result>>();
        auto future = result->get_future();
        boost::asio::post(loop_, [this, start, result] {
            start(*twin_, [result](const twin::command_result& r) { result->set_value(r); });
        });
        return future;
    }

    twin::twin_state state() {
        twin::twin_state copy;
        on_loop([&] { copy = twin_->state(); });
        return copy;
    }

    twin::device_twin& twin() { return *twin_; }

private:
    boost::asio::io_context loop_;
    boost::asio::thread_pool workers_;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
    std::shared_ptr<twin::device_twin> twin_;
    std::thread thread_;
};

inline twin::command_result get(std::future<twin::command_result>& future) {
    REQUIRE(future.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
    return future.get();
}

}  // namespace camtwin::test
