#include "main_loop_thread.hpp"

#include <chrono>
#include <future>
#include <memory>
#include <utility>

namespace camsim {

namespace {

struct pending_call {
    std::function<void()> fn;
    std::promise<void> done;
};

gboolean run_call(gpointer data) {
    auto& call = *static_cast<std::shared_ptr<pending_call>*>(data);
    try {
        call->fn();
        call->done.set_value();
    } catch (...) {
        call->done.set_exception(std::current_exception());
    }
    return G_SOURCE_REMOVE;
}

void free_call(gpointer data) {
    delete static_cast<std::shared_ptr<pending_call>*>(data);
}

}  // namespace

main_loop_thread::main_loop_thread()
    : context_(g_main_context_new()), loop_(g_main_loop_new(context_.get(), FALSE)) {
    thread_ = std::thread([this] {
        g_main_context_push_thread_default(context_.get());
        g_main_loop_run(loop_.get());
        g_main_context_pop_thread_default(context_.get());
    });
}

main_loop_thread::~main_loop_thread() {
    stop();
}

void main_loop_thread::invoke(std::function<void()> fn, std::chrono::milliseconds timeout) {
    if (g_main_context_is_owner(context_.get()) != FALSE) {
        fn();
        return;
    }
    auto call = std::make_shared<pending_call>();
    call->fn = std::move(fn);
    std::future<void> done = call->done.get_future();

    const gst::source_ptr source(g_idle_source_new());
    g_source_set_callback(source.get(), &run_call, new std::shared_ptr<pending_call>(call),
                          &free_call);
    g_source_attach(source.get(), context_.get());

    if (done.wait_for(timeout) != std::future_status::ready) {
        throw gst::error("main loop call timed out");
    }
    done.get();
}

void main_loop_thread::stop() {
    if (!thread_.joinable()) {
        return;
    }
    // Quitting from inside the loop: a quit that came before g_main_loop_run would be lost.
    try {
        invoke([this] { g_main_loop_quit(loop_.get()); });
    } catch (const gst::error&) {
        // The loop is wedged in some handler: leave the thread and what it uses behind rather
        // than hang the caller.
        gst::log(GST_LEVEL_ERROR, "main loop did not stop; abandoning its thread");
        thread_.detach();
        static_cast<void>(loop_.release());
        static_cast<void>(context_.release());
        return;
    }
    thread_.join();
}

}  // namespace camsim
