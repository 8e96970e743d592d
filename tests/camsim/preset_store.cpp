#include "preset_store.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace camsim {

namespace {

struct special_function {
    int id;
    std::string_view name;
};

// The functions behind the reserved ids of the DS-2DF8425IX-AELW (its presets list names them).
constexpr std::array<special_function, 29> specials{{
    {33, "Auto-flip"},
    {34, "Back to origin"},
    {35, "Call patrol 1"},
    {36, "Call patrol 2"},
    {37, "Call patrol 3"},
    {38, "Call patrol 4"},
    {39, "Day mode"},
    {40, "Night mode"},
    {41, "Call pattern 1"},
    {42, "Call pattern 2"},
    {43, "Call pattern 3"},
    {44, "Call pattern 4"},
    {45, "One-touch patrol"},
    {46, "Day/Night Auto Mode"},
    {90, "Wiper"},
    {92, "Set manual limits"},
    {93, "Save manual limits"},
    {94, "Remote reboot"},
    {95, "Call OSD menu"},
    {96, "Stop a scan"},
    {97, "Start random scan"},
    {98, "Start frame scan"},
    {99, "Start auto scan"},
    {100, "Start tilt scan"},
    {101, "Start panorama scan"},
    {102, "Call patrol 5"},
    {103, "Call patrol 6"},
    {104, "Call patrol 7"},
    {105, "Call patrol 8"},
}};

}  // namespace

std::vector<int> preset_store::default_special_ids() {
    std::vector<int> ids;
    for (const special_function& s : specials) {
        ids.push_back(s.id);
    }
    return ids;
}

preset_store::preset_store(std::vector<int> special_ids) : special_ids_(std::move(special_ids)) {
    std::sort(special_ids_.begin(), special_ids_.end());
    special_ids_.erase(std::unique(special_ids_.begin(), special_ids_.end()), special_ids_.end());
}

bool preset_store::is_special(int id) const {
    return std::binary_search(special_ids_.begin(), special_ids_.end(), id);
}

std::string preset_store::special_list() const {
    std::string out;
    for (int id : special_ids_) {
        out += out.empty() ? "" : ",";
        out += std::to_string(id);
    }
    return out;
}

bool preset_store::is_user_id(int id) const {
    return id >= 1 && id <= max_user_id && !is_special(id);
}

void preset_store::set(int id, std::string name, ptz_position position) {
    user_[id] = preset{id, std::move(name), position, false};
}

std::optional<preset> preset_store::find(int id) const {
    if (auto it = user_.find(id); it != user_.end()) {
        return it->second;
    }
    if (is_special(id)) {
        return special_preset(id);
    }
    return std::nullopt;
}

bool preset_store::erase(int id) {
    return user_.erase(id) > 0;
}

std::vector<preset> preset_store::list() const {
    std::vector<preset> out;
    for (const auto& [id, p] : user_) {
        out.push_back(p);
    }
    for (int id : special_ids_) {
        out.push_back(special_preset(id));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const preset& a, const preset& b) { return a.id < b.id; });
    return out;
}

// A special id's entry as the camera lists it: the function's name where the table knows it.
preset preset_store::special_preset(int id) const {
    const auto* known = std::find_if(specials.begin(), specials.end(),
                                     [id](const special_function& s) { return s.id == id; });
    std::string name = known != specials.end() ? std::string(known->name)
                                               : "Special function " + std::to_string(id);
    return preset{id, std::move(name), ptz_position{0, 0, 10}, true};
}

}  // namespace camsim
