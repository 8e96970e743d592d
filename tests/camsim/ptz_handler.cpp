#include "ptz_handler.hpp"

#include <charconv>

#include "camera_context.hpp"
#include "ptz_documents.hpp"

namespace camsim {

namespace {

std::optional<int> to_id(const std::string& text) {
    int value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

bool is_get_only(const std::string& what) {
    return what == "capabilities" || what == "status";
}

bool is_put_only(const std::string& what) {
    return what == "continuous" || what == "momentary" || what == "absolute" || what == "relative";
}

}  // namespace

isapi_reply ptz_handler::handle(http::verb verb, const std::vector<std::string>& path,
                                std::string_view url, std::string_view body) {
    xml_namespace ns = context_.faults.ns;
    bool get = verb == http::verb::get;
    if (path.size() == 3) {
        return get ? replies::xml(http::status::ok, documents::ptz_channel(ns, true))
                   : replies::method_not_allowed(ns, url);
    }
    if (path[3] != "1") {
        return replies::not_found(url);
    }
    if (path.size() == 4) {
        return get ? replies::xml(http::status::ok, documents::ptz_channel(ns, false))
                   : replies::method_not_allowed(ns, url);
    }

    std::vector<std::string> rest(path.begin() + 4, path.end());
    const std::string& what = rest[0];
    if (what == "presets") {
        return presets(verb, rest, url, body);
    }
    if (rest.size() == 2 && what == "homeposition" && rest[1] == "goto") {
        if (verb != http::verb::put) {
            return replies::method_not_allowed(ns, url);
        }
        context_.ptz.move_to(context_.home);
        return replies::ok(ns, url);
    }
    if (rest.size() != 1 || (!is_get_only(what) && !is_put_only(what))) {
        return replies::not_found(url);
    }
    if (what == "relative" && context_.faults.relative_404) {
        return replies::not_found(url);
    }
    if (is_get_only(what)) {
        return get ? this->get(what, url) : replies::method_not_allowed(ns, url);
    }
    return verb == http::verb::put ? move(what, url, body) : replies::method_not_allowed(ns, url);
}

isapi_reply ptz_handler::get(const std::string& what, std::string_view url) {
    xml_namespace ns = context_.faults.ns;
    if (what == "capabilities") {
        return replies::xml(http::status::ok,
                            documents::ptz_capabilities(ns, context_.ptz.limits(),
                                                        context_.presets.special_list()));
    }
    if (what == "status") {
        return replies::xml(http::status::ok, documents::ptz_status(ns, context_.ptz.position()));
    }
    return replies::not_found(url);
}

isapi_reply ptz_handler::move(const std::string& what, std::string_view url,
                              std::string_view body) {
    xml_namespace ns = context_.faults.ns;
    body_error error = body_error::none;
    if (what == "continuous") {
        auto request = requests::continuous(body);
        error = request.error;
        if (error == body_error::none) {
            context_.counters.record_continuous(request.value.pan);
            context_.ptz.continuous(request.value);
        }
    } else if (what == "momentary") {
        auto request = requests::momentary(body);
        error = request.error;
        if (error == body_error::none) {
            context_.ptz.momentary(request.value.velocity,
                                   std::chrono::milliseconds(request.value.duration_ms));
        }
    } else if (what == "absolute") {
        auto request = requests::absolute(body);
        error = request.error;
        if (error == body_error::none) {
            context_.ptz.move_to(request.value);
        }
    } else {
        auto request = requests::relative(body);
        error = request.error;
        if (error == body_error::none) {
            // positionY+ is up, and elevation grows downward.
            context_.ptz.move_by(request.value.x, -request.value.y, request.value.zoom);
        }
    }
    return error == body_error::none ? replies::ok(ns, url) : replies::bad_body(ns, url, error);
}

isapi_reply ptz_handler::presets(http::verb verb, const std::vector<std::string>& rest,
                                 std::string_view url, std::string_view body) {
    xml_namespace ns = context_.faults.ns;
    if (rest.size() == 1) {
        return verb == http::verb::get
                   ? replies::xml(http::status::ok,
                                  documents::ptz_presets(ns, context_.presets.list()))
                   : replies::method_not_allowed(ns, url);
    }

    std::optional<int> id = to_id(rest[1]);
    if (rest.size() > 3 || (rest.size() == 3 && rest[2] != "goto")) {
        return replies::not_found(url);
    }
    if (!id || *id < 1 || *id > preset_store::max_user_id) {
        return replies::invalid_operation(ns, url);
    }
    if (rest.size() == 3) {
        return verb == http::verb::put ? goto_preset(*id, url)
                                       : replies::method_not_allowed(ns, url);
    }
    if (verb == http::verb::put) {
        return set_preset(*id, url, body);
    }
    if (verb == http::verb::get) {
        auto found = context_.presets.find(*id);
        return found ? replies::xml(http::status::ok, documents::ptz_preset(ns, *found))
                     : replies::invalid_operation(ns, url);
    }
    if (verb == http::verb::delete_) {
        return context_.presets.erase(*id) ? replies::ok(ns, url)
                                           : replies::invalid_operation(ns, url);
    }
    return replies::method_not_allowed(ns, url);
}

// Stores the current position. Special ids are refused; the name is limited to 20 characters.
isapi_reply ptz_handler::set_preset(int id, std::string_view url, std::string_view body) {
    xml_namespace ns = context_.faults.ns;
    if (!context_.presets.is_user_id(id)) {
        return replies::invalid_operation(ns, url);
    }

    auto request = requests::preset(body);
    bool id_mismatch = request.value.id && *request.value.id != id;
    std::string name = request.value.name.value_or("Preset " + std::to_string(id));
    if (request.error == body_error::none &&
        (id_mismatch || name.size() > preset_store::max_name_length)) {
        request.error = body_error::bad_content;
    }
    if (request.error != body_error::none) {
        return replies::bad_body(ns, url, request.error);
    }

    context_.presets.set(id, std::move(name), context_.ptz.position());
    return replies::ok(ns, url);
}

// User presets travel; 94 reboots the camera; 34 ("back to origin") goes home; other special
// ids are accepted and do nothing visible; an undefined user preset is an invalid operation.
isapi_reply ptz_handler::goto_preset(int id, std::string_view url) {
    xml_namespace ns = context_.faults.ns;
    if (id == preset_store::reboot_id) {
        isapi_reply reply = replies::ok(ns, url);
        reply.action = reply_action::reboot;
        return reply;
    }
    if (context_.presets.is_special(id)) {
        if (id == 34) {
            context_.ptz.move_to(context_.home);
        }
        return replies::ok(ns, url);
    }

    auto found = context_.presets.find(id);
    if (!found) {
        return replies::invalid_operation(ns, url);
    }
    context_.ptz.move_to(found->position);
    return replies::ok(ns, url);
}

}  // namespace camsim
