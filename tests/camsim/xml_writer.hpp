#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camsim {

// The namespace the simulated firmware puts on its documents (a fault switch).
enum class xml_namespace { ver20, isapi, none };

std::optional<xml_namespace> parse_xml_namespace(std::string_view text);
std::string to_string(xml_namespace ns);

// Writes an ISAPI document the way the camera does: XML declaration, one element per line, CRLF
// line ends, `version="2.0"` and the namespace on the root (and on nested roots where the camera
// repeats them). Values are escaped. Not thread-safe; one document per writer.
class xml_writer {
public:
    explicit xml_writer(xml_namespace ns) : ns_(ns) {}

    // The declaration and the root element.
    xml_writer& root(std::string_view name);

    // An element that repeats version and xmlns, like StreamingChannel inside its list.
    xml_writer& open_versioned(std::string_view name);

    xml_writer& open(std::string_view name, std::string_view attributes = {});
    xml_writer& leaf(std::string_view name, std::string_view value);
    xml_writer& leaf(std::string_view name, int value);
    xml_writer& leaf(std::string_view name, bool value);
    xml_writer& leaf(std::string_view name, const char* value) {
        return leaf(name, std::string_view(value));
    }
    xml_writer& empty(std::string_view name, std::string_view attributes);
    xml_writer& close();

    // Closes what is still open and returns the document.
    std::string finish();

private:
    std::string namespace_attributes() const;

    xml_namespace ns_;
    std::string out_;
    std::vector<std::string> open_;
};

std::string xml_escape(std::string_view text);

}  // namespace camsim
