#include "support/temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <string>

namespace camtwin::test {

temp_dir::temp_dir() {
    // mkdtemp replaces the six trailing X with a unique name.
    std::string pattern =
        (std::filesystem::temp_directory_path() / ("camtwin-test-" + std::string(6, 'X'))).string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    path_ = pattern;
}

temp_dir::~temp_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path temp_dir::write(std::string_view relative, std::string_view content) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream stream(file, std::ios::binary);
    stream.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!stream) {
        throw std::runtime_error("cannot write " + file.string());
    }
    return file;
}

}  // namespace camtwin::test
