#include "pipelines/hls_timeline.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>

#include <fmt/format.h>

namespace camtwin::pipelines {
namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && text.size() <= 10 && std::ranges::all_of(text, [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream out;
    out << in.rdbuf();
    return std::move(out).str();
}

}  // namespace

hls_timeline::hls_timeline(std::filesystem::path dir, int window, int target_duration_s)
    : dir_(std::move(dir)),
      window_(static_cast<std::size_t>(std::max(window, 1))),
      target_duration_s_(target_duration_s) {}

hls_timeline::run_files hls_timeline::begin_run() {
    ++run_;
    running_ = true;
    std::error_code ignored;
    std::filesystem::create_directories(dir_, ignored);
    return {dir_ / fmt::format("{:04}-%05d.ts", run_), dir_ / fmt::format("run{:04}.m3u8", run_)};
}

void hls_timeline::end_run() {
    const auto entries = current_run_entries();
    running_ = false;
    if (!entries.empty()) {
        earlier_.insert(earlier_.end(), entries.begin(), entries.end());
        run_first_sequence_ = entries.back().sequence + 1;
        ++epoch_;
    }
    while (earlier_.size() > window_) {
        earlier_.pop_front();
    }
    delete_unlisted_files();
}

void hls_timeline::reset() {
    end_run();
    earlier_.clear();
    delete_unlisted_files();
}

std::optional<std::string> hls_timeline::playlist() const {
    std::vector<hls_entry> entries(earlier_.begin(), earlier_.end());
    const auto current = current_run_entries();
    entries.insert(entries.end(), current.begin(), current.end());
    if (entries.empty()) {
        return std::nullopt;
    }
    hls_playlist out;
    out.target_duration_s = target_duration_s_;
    const auto first =
        entries.size() > window_ ? entries.end() - static_cast<long>(window_) : entries.begin();
    out.entries.assign(first, entries.end());
    return render_hls_playlist(out);
}

std::optional<std::string> hls_timeline::segment(std::string_view name) const {
    if (!is_segment_name(name)) {
        return std::nullopt;
    }
    return read_file(dir_ / name);
}

bool hls_timeline::is_segment_name(std::string_view name) {
    constexpr std::string_view suffix = ".ts";
    if (!name.ends_with(suffix)) {
        return false;
    }
    name.remove_suffix(suffix.size());
    const auto dash = name.find('-');
    return dash != std::string_view::npos && all_digits(name.substr(0, dash)) &&
           all_digits(name.substr(dash + 1));
}

// hlssink2 numbers the run's segments from zero in its own playlist; here they are numbered on
// from the earlier runs. Only plain segment names in this folder are taken.
std::vector<hls_entry> hls_timeline::current_run_entries() const {
    if (!running_) {
        return {};
    }
    const auto text = read_file(dir_ / fmt::format("run{:04}.m3u8", run_));
    const auto parsed = text ? parse_hls_playlist(*text) : std::nullopt;
    if (!parsed) {
        return {};  // not written yet (or caught mid-write): the next request will see it
    }
    std::vector<hls_entry> out;
    for (auto entry : parsed->entries) {
        entry.uri = std::filesystem::path(entry.uri).filename().string();
        if (!is_segment_name(entry.uri)) {
            continue;
        }
        entry.sequence += run_first_sequence_;
        entry.epoch = epoch_;
        out.push_back(std::move(entry));
    }
    return out;
}

// Called between runs: whatever the window does not list (older segments, a segment the last
// run left half written, the runs' own playlists) goes.
void hls_timeline::delete_unlisted_files() {
    std::set<std::string> listed;
    for (const auto& entry : earlier_) {
        listed.insert(entry.uri);
    }
    std::error_code error;
    for (const auto& file : std::filesystem::directory_iterator(dir_, error)) {
        if (!listed.contains(file.path().filename().string())) {
            std::filesystem::remove(file.path(), error);
        }
    }
}

}  // namespace camtwin::pipelines
