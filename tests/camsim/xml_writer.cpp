#include "xml_writer.hpp"

namespace camsim {

std::optional<xml_namespace> parse_xml_namespace(std::string_view text) {
    if (text == "ver20")
        return xml_namespace::ver20;
    if (text == "isapi")
        return xml_namespace::isapi;
    if (text == "none")
        return xml_namespace::none;
    return std::nullopt;
}

std::string to_string(xml_namespace ns) {
    switch (ns) {
        case xml_namespace::ver20:
            return "ver20";
        case xml_namespace::isapi:
            return "isapi";
        case xml_namespace::none:
            return "none";
    }
    return "ver20";
}

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '"':
                out += "&quot;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

xml_writer& xml_writer::root(std::string_view name) {
    out_ += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n";
    return open_versioned(name);
}

xml_writer& xml_writer::open_versioned(std::string_view name) {
    return open(name, namespace_attributes());
}

xml_writer& xml_writer::open(std::string_view name, std::string_view attributes) {
    out_.append("<").append(name);
    if (!attributes.empty()) {
        out_.append(" ").append(attributes);
    }
    out_ += ">\r\n";
    open_.emplace_back(name);
    return *this;
}

xml_writer& xml_writer::leaf(std::string_view name, std::string_view value) {
    out_.append("<").append(name).append(">").append(xml_escape(value));
    out_.append("</").append(name).append(">\r\n");
    return *this;
}

xml_writer& xml_writer::leaf(std::string_view name, int value) {
    return leaf(name, std::string_view(std::to_string(value)));
}

xml_writer& xml_writer::leaf(std::string_view name, bool value) {
    return leaf(name, std::string_view(value ? "true" : "false"));
}

xml_writer& xml_writer::empty(std::string_view name, std::string_view attributes) {
    out_.append("<").append(name).append(" ").append(attributes).append("/>\r\n");
    return *this;
}

xml_writer& xml_writer::close() {
    if (!open_.empty()) {
        out_.append("</").append(open_.back()).append(">\r\n");
        open_.pop_back();
    }
    return *this;
}

std::string xml_writer::finish() {
    while (!open_.empty()) {
        close();
    }
    return std::move(out_);
}

std::string xml_writer::namespace_attributes() const {
    switch (ns_) {
        case xml_namespace::ver20:
            return "version=\"2.0\" xmlns=\"http://www.hikvision.com/ver20/XMLSchema\"";
        case xml_namespace::isapi:
            return "version=\"2.0\" xmlns=\"http://www.isapi.org/ver20/XMLSchema\"";
        case xml_namespace::none:
            return "version=\"2.0\"";
    }
    return {};
}

}  // namespace camsim
