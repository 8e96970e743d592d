#include "twin/twin_state.hpp"

namespace camtwin::twin {

const char* to_string(health value) {
    switch (value) {
        case health::starting:
            return "starting";
        case health::online:
            return "online";
        case health::unauthorized:
            return "unauthorized";
        case health::unreachable:
            return "unreachable";
        case health::degraded:
            return "degraded";
    }
    return "starting";
}

}  // namespace camtwin::twin
