#include "preset_store.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace camsim {

namespace {

struct special_preset {
    int id;
    std::string_view name;
};

// The functions behind the reserved ids of the DS-2DF8425IX-AELW (its presets list names them).
constexpr std::array<special_preset, 29> specials{{
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

bool preset_store::is_special(int id) {
    return std::any_of(specials.begin(), specials.end(),
                       [id](const special_preset& s) { return s.id == id; });
}

std::string preset_store::special_list() {
    std::string out;
    for (const special_preset& s : specials) {
        out += out.empty() ? "" : ",";
        out += std::to_string(s.id);
    }
    return out;
}

bool preset_store::is_user_id(int id) {
    return id >= 1 && id <= max_user_id && !is_special(id);
}

void preset_store::set(int id, std::string name, ptz_position position) {
    user_[id] = preset{id, std::move(name), position, false};
}

std::optional<preset> preset_store::find(int id) const {
    if (auto it = user_.find(id); it != user_.end()) {
        return it->second;
    }
    for (const special_preset& s : specials) {
        if (s.id == id) {
            return preset{id, std::string(s.name), ptz_position{0, 0, 10}, true};
        }
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
    for (const special_preset& s : specials) {
        out.push_back(preset{s.id, std::string(s.name), ptz_position{0, 0, 10}, true});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const preset& a, const preset& b) { return a.id < b.id; });
    return out;
}

}  // namespace camsim
