// camsim: wires cameras, their video servers and the signal handling; see README.md.
#include <csignal>
#include <iostream>
#include <memory>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "camera.hpp"
#include "cli_options.hpp"
#include "video/video_server.hpp"

namespace {

using camsim::camera;
using camsim::video_server;

std::unique_ptr<video_server> make_video(const camsim::cli_options& cli, int index, camera& cam) {
    camsim::video_options options;
    options.listen_address = cli.listen;
    options.rtsp_port = cli.rtsp_port == 0 ? 0 : cli.rtsp_port + index;
    options.user = cli.user;
    options.password = cli.password;
    options.auth = cli.auth;
    options.fps = cli.fps;
    options.codec = cli.codec;
    return std::make_unique<video_server>(options, [&cam] { return cam.view(); });
}

void attach(camera& cam, video_server& video) {
    camsim::camera_video hooks;
    hooks.snapshot = [&video](int width, int height) { return video.snapshot_jpeg(width, height); };
    hooks.set_streaming = [&video](bool on) { video.set_streaming(on); };
    hooks.set_available = [&video](bool on) { video.set_available(on); };
    cam.attach_video(std::move(hooks), video.rtsp_port());
}

// The one line on stdout that scripts and tests wait for.
std::string ready_line(const camsim::cli_options& cli,
                       const std::vector<std::unique_ptr<camera>>& cameras) {
    std::string host = cli.listen == "0.0.0.0" ? "127.0.0.1" : cli.listen;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& cam : cameras) {
        int rtsp = cam->context().identity.rtsp_port;
        list.push_back(
            {{"http", "http://" + host + ":" + std::to_string(cam->http_port())},
             {"rtsp", "rtsp://" + host + ":" + std::to_string(rtsp) + "/Streaming/Channels/101"},
             {"control", "http://" + host + ":" + std::to_string(cam->control_port())}});
    }
    return nlohmann::json{{"cameras", list}}.dump();
}

int run(const camsim::cli_options& cli) {
    boost::asio::io_context io;
    std::vector<std::unique_ptr<camera>> cameras;
    std::vector<std::unique_ptr<video_server>> videos;  // destroyed first: they call cameras

    for (int i = 0; i < cli.cameras; ++i) {
        cameras.push_back(
            std::make_unique<camera>(io.get_executor(), camsim::camera_options_for(cli, i)));
        videos.push_back(make_video(cli, i, *cameras.back()));
        attach(*cameras.back(), *videos.back());
        cameras.back()->start();
    }

    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int signo) {
        spdlog::info("[camsim] signal {}, shutting down", signo);
        for (auto& cam : cameras) {
            cam->shutdown();
        }
        io.stop();
    });

    std::cout << ready_line(cli, cameras) << std::endl;
    io.run();
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    spdlog::set_default_logger(spdlog::stderr_color_mt("camsim"));
    spdlog::set_pattern("[%Y-%m-%d %H:%M:%S.%e] [%l] %v");
    camsim::cli_options cli;
    if (auto exit_code = camsim::parse_cli(argc, argv, cli)) {
        return *exit_code;
    }
    spdlog::set_level(spdlog::level::from_str(cli.log_level));

    try {
        return run(cli);
    } catch (const std::exception& e) {
        spdlog::error("[camsim] cannot start: {}", e.what());
        return 1;
    }
}
