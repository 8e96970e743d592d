#pragma once

#include <filesystem>
#include <string_view>

namespace camtwin::test {

// A fresh directory under the system temp folder, removed with everything in it on destruction.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();

    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // Writes a file below the directory (creating parents) and returns its full path.
    std::filesystem::path write(std::string_view relative, std::string_view content) const;

private:
    std::filesystem::path path_;
};

}  // namespace camtwin::test
