#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/logger.h>

#include "camera/camera_device.hpp"
#include "twin/camera_call_stats.hpp"
#include "twin/command_result.hpp"
#include "twin/ptz_direction.hpp"
#include "twin/read_cache.hpp"
#include "twin/request_pacer.hpp"
#include "twin/twin_state.hpp"

namespace camtwin::twin {

struct twin_options {
    std::string name;
    std::chrono::milliseconds health_interval{5000};
    std::chrono::milliseconds max_health_backoff{60000};
    std::chrono::milliseconds max_move{5000};
    std::size_t queue_limit = 64;
    int requests_per_s = 10;  // 0: no pacing beyond one request at a time
    int burst = 10;
    // The camera's special presets (PresetNameCap/specialNo): goto and set are refused. These
    // are the defaults until the camera's own list has been read from its PTZ capabilities.
    std::vector<int> reserved_presets = {33, 34, 35, 36,  37,  38,  39,  40,  41, 42,
                                         43, 44, 45, 46,  90,  92,  93,  94,  95, 96,
                                         97, 98, 99, 100, 101, 102, 103, 104, 105};
    int max_preset = 300;
};

// The live twin of one camera. Commands to the camera run one at a time in arrival order, each
// as a blocking call on the shared worker pool whose result is posted back to the loop, with two
// exceptions that keep a PTZ safe: a newer move replaces a move still waiting (the waiting one
// ends `superseded`), and a stop goes ahead of everything waiting. Requests are paced by a token
// bucket (request_pacer) so that a flood of commands cannot overwhelm the camera; stops are
// never held back. Every continuous move is followed by a stop after its duration, whatever
// happens to whoever asked for it. Reads of the device info and snapshots are single-flight. A
// health probe runs on an interval (with back-off while the camera is down) and every change of
// state goes to the state listener. Once the camera answers, the twin reads its PTZ
// capabilities and from then on refuses the camera's own special presets.
//
// Threads: all members are called on the loop thread; completions run there too.
class device_twin : public std::enable_shared_from_this<device_twin> {
public:
    using completion = std::function<void(const command_result&)>;
    using state_listener = std::function<void(const twin_state&)>;
    // A source of pictures that costs the camera nothing: the running media pipeline's latest
    // decoded frame as a JPEG, or nullopt when it holds none fresh enough. Runs on a worker.
    using frame_source = std::function<std::optional<std::string>()>;

    device_twin(boost::asio::io_context& loop, boost::asio::thread_pool& workers,
                std::shared_ptr<camera::camera_device> camera, twin_options options,
                std::shared_ptr<spdlog::logger> log);

    // Starts the health loop (and so the first contact with the camera).
    void start();
    // Cancels timers and answers everything still waiting; a running move is stopped first.
    void shutdown();

    // Every front that publishes the state adds its listener; they are called in order.
    void on_state_change(state_listener listener) { listeners_.push_back(std::move(listener)); }
    const twin_state& state() const { return state_; }
    const twin_options& options() const { return options_; }
    const camera_call_stats& camera_calls() const { return camera_calls_; }
    // Snapshots are taken from frames first, and from the camera when it has none.
    void use_frames(frame_source frames) { frames_ = std::move(frames); }
    // The media pipeline's state, published with the rest of the twin's state.
    void report_stream(stream_report report);

    void move(ptz_velocity velocity, std::chrono::milliseconds duration, completion done);
    void stop(completion done);
    void goto_preset(int id, completion done);
    void set_preset(int id, std::string name, completion done);
    void go_home(completion done);
    void read_info(std::chrono::milliseconds max_age, read_cache<camera::device_info>::reply done);
    void read_snapshot(std::chrono::milliseconds max_age, read_cache<std::string>::reply done);

private:
    enum class job_kind { command, move, stop, read, probe };

    struct job {
        job_kind kind = job_kind::command;
        std::string name;
        std::function<void(camera::camera_device&)> call;  // on a worker
        completion done;                                   // on the loop
    };

    job make_probe();
    void enqueue(job next);
    void run_next();
    // True when the front job must wait for the pacer; arms the timer that resumes the queue.
    bool hold_for_pacing();
    void learn_capabilities();
    void apply(const command_result& result, const camera::ptz_capabilities& caps);
    void finish(job& finished, const command_result& result);
    void supersede_waiting_moves();
    void send_stop_first(completion done);
    void arm_watchdog(std::chrono::milliseconds duration);
    void send_watchdog_stop(int attempt);
    // Answers done and returns true for an id the twin will not send.
    bool refuse_preset(int id, const completion& done) const;
    template <typename T, typename Fetch>
    void read_through(read_cache<T> device_twin::*cache, const char* name,
                      std::chrono::milliseconds max_age, typename read_cache<T>::reply done,
                      Fetch fetch);
    template <typename T, typename Fetch>
    void start_read(read_cache<T> device_twin::*cache, const char* name, Fetch fetch);
    void snapshot_from_frames();
    void record(const command_result& result, job_kind kind);
    void set_state(twin_state next);
    void schedule_probe();

    boost::asio::io_context& loop_;
    boost::asio::thread_pool& workers_;
    std::shared_ptr<camera::camera_device> camera_;
    twin_options options_;
    std::shared_ptr<spdlog::logger> log_;

    std::deque<job> waiting_;
    bool running_ = false;
    bool stopped_ = false;
    request_pacer pacer_;
    boost::asio::steady_timer pace_timer_;
    bool pacing_ = false;
    bool capabilities_known_ = false;
    boost::asio::steady_timer watchdog_;
    boost::asio::steady_timer probe_timer_;
    int probe_failures_ = 0;
    std::mt19937 jitter_source_{std::random_device{}()};

    read_cache<camera::device_info> info_;
    read_cache<std::string> snapshot_;
    frame_source frames_;
    twin_state state_;
    camera_call_stats camera_calls_;
    std::vector<state_listener> listeners_;
};

}  // namespace camtwin::twin
