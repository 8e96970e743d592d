#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ptz_model.hpp"

namespace camsim {

struct preset {
    int id = 0;
    std::string name;
    ptz_position position;
    bool special = false;
};

// The dome's presets: user presets 1..300 (only the configured ones exist) and the reserved
// "special" ids that trigger functions and are always listed. Models differ in which ids are
// special (some add 47 and 48), so the list is an option. Loop thread only.
class preset_store {
public:
    static constexpr int max_user_id = 300;
    static constexpr std::size_t max_name_length = 20;
    static constexpr int reboot_id = 94;

    // The special ids of the DS-2DF8425IX-AELW: 33-46, 90, 92-105.
    static std::vector<int> default_special_ids();

    explicit preset_store(std::vector<int> special_ids = default_special_ids());

    bool is_special(int id) const;

    // The specialNo list of the capabilities, in order, e.g. "33,34,...,105".
    std::string special_list() const;

    // A user id that may be set: 1..300 and not special.
    bool is_user_id(int id) const;

    void set(int id, std::string name, ptz_position position);
    std::optional<preset> find(int id) const;
    bool erase(int id);
    void clear() { user_.clear(); }

    // Configured user presets by id, then every special preset, as the camera lists them.
    std::vector<preset> list() const;

    std::size_t user_count() const { return user_.size(); }

private:
    preset special_preset(int id) const;

    std::vector<int> special_ids_;  // sorted
    std::map<int, preset> user_;
};

}  // namespace camsim
