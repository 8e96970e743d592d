#pragma once

#include <chrono>
#include <functional>
#include <thread>

#include "gst_handles.hpp"

namespace camsim {

// A thread running a GLib main loop on its own GMainContext (never the process default, which
// belongs to nobody in camsim). The RTSP server and its clients are dispatched there.
//
// Threads: construct, invoke() and stop() from any thread other than the loop thread; invoke()
// called on the loop thread itself runs the function directly.
class main_loop_thread {
public:
    main_loop_thread();
    ~main_loop_thread();

    main_loop_thread(const main_loop_thread&) = delete;
    main_loop_thread& operator=(const main_loop_thread&) = delete;

    GMainContext* context() const { return context_.get(); }

    // Runs fn on the loop thread and waits for it, rethrowing what it threw. Gives up with
    // gst::error after timeout (fn may still run later, so it must own what it touches or outlive
    // the timeout by design).
    void invoke(std::function<void()> fn,
                std::chrono::milliseconds timeout = std::chrono::seconds(5));

    // Quits the loop and joins the thread; idempotent.
    void stop();

private:
    gst::main_context_ptr context_;
    gst::main_loop_ptr loop_;
    std::thread thread_;
};

}  // namespace camsim
