#pragma once

#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace camtwin::test {

// Secrets that the process tests hand to camtwin and then look for in everything it prints.
inline const std::string broker_secret = "Broker-Pw-7f3a";
inline const std::string camera_secret = "Camera-Pw-91c2";

// A valid config in a temp folder, with the camera password in a file and the broker password
// in the environment (see env()).
struct config_files {
    temp_dir dir;
    std::string config_path;

    explicit config_files(const std::string& extra_device_yaml = "") {
        const auto password = dir.write("secrets/cam1", camera_secret + "\n");
        config_path = dir.write("camtwin.yaml",
                                "mqtt: {url: tcp://127.0.0.1:1883, username: camtwin}\n"
                                "http: {listen: 127.0.0.1:18080}\n"
                                "devices:\n"
                                "  - name: cam1\n"
                                "    address: 127.0.0.1:18081\n"
                                "    password_file: " +
                                    password.string() + "\n" + extra_device_yaml)
                          .string();
    }

    static std::vector<std::string> env() { return {"CAMTWIN_MQTT_PASSWORD=" + broker_secret}; }
};

}  // namespace camtwin::test
