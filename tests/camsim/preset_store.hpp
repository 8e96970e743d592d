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
// "special" ids that trigger functions and are always listed. Loop thread only.
class preset_store {
public:
    static constexpr int max_user_id = 300;
    static constexpr std::size_t max_name_length = 20;
    static constexpr int reboot_id = 94;

    static bool is_special(int id);

    // The specialNo list of the capabilities, in order, e.g. "33,34,...,105".
    static std::string special_list();

    // A user id that may be set: 1..300 and not special.
    static bool is_user_id(int id);

    void set(int id, std::string name, ptz_position position);
    std::optional<preset> find(int id) const;
    bool erase(int id);
    void clear() { user_.clear(); }

    // Configured user presets by id, then every special preset, as the camera lists them.
    std::vector<preset> list() const;

    std::size_t user_count() const { return user_.size(); }

private:
    std::map<int, preset> user_;
};

}  // namespace camsim
