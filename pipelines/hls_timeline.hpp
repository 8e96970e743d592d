#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipelines/hls_playlist.hpp"

namespace camtwin::pipelines {

// The HLS playlist a camera's players see, continuous across pipeline runs. Each run of the
// pipeline has its own hlssink2, which numbers its segments from zero and knows nothing of the
// runs before. A player that reloads a playlist whose media sequence went back, or whose
// segments changed under the same names, stalls or starts over; so hlssink2's playlist is never
// served. Instead each run writes its segments under its own prefix, and this timeline serves
// the last `window` segments of all runs, numbered on from the earlier runs, with an
// EXT-X-DISCONTINUITY where a new run begins (RFC 8216, 6.2.2).
//
// Files: the folder holds only what this timeline and the current run's hlssink2 write; the
// timeline deletes an earlier run's segments once they leave the window.
//
// Threads: one thread (the stream's loop); the files are read and written from it.
// TODO(#7): those reads block the loop; cheap from a tmpfs folder, but a slow disk would stall
// it: segments belong off the loop (or in memory).
class hls_timeline {
public:
    struct run_files {
        std::filesystem::path segments;  // hlssink2's location, a printf pattern
        std::filesystem::path playlist;  // hlssink2's playlist-location, never served
    };

    hls_timeline(std::filesystem::path dir, int window, int target_duration_s);

    // A new run begins; its hlssink2 writes where this says.
    run_files begin_run();
    // The current run ended (its pipeline is at NULL): its segments stay in the window, after a
    // discontinuity for the next run.
    void end_run();
    // Forgets the segments and empties the folder (nobody watched for the idle period).
    // Numbering goes on from where it was, so that a player that comes back is not confused.
    void reset();

    // The playlist to serve now, or nullopt before the first segment.
    std::optional<std::string> playlist() const;

    // The bytes of a segment in the folder, or nullopt when the name is not of the timeline's
    // form or the file is gone (it left the window).
    std::optional<std::string> segment(std::string_view name) const;

    // True for a name this timeline writes into its playlist: "<run>-<index>.ts", digits only.
    static bool is_segment_name(std::string_view name);

private:
    std::vector<hls_entry> current_run_entries() const;
    void delete_unlisted_files();

    std::filesystem::path dir_;
    std::size_t window_;
    int target_duration_s_;

    std::deque<hls_entry> earlier_;  // from finished runs, at most window_
    std::uint64_t run_ = 0;          // names the current run's files
    bool running_ = false;
    std::uint64_t run_first_sequence_ = 0;  // the current run's first segment, numbered on
    std::uint64_t epoch_ = 0;               // discontinuities so far
};

}  // namespace camtwin::pipelines
