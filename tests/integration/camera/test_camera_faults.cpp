#include <catch2/catch.hpp>

#include "camera/camera_error.hpp"
#include "camera_fixture.hpp"

using camtwin::camera::camera_error;
using camtwin::camera::camera_error_kind;
using camtwin::test::camsim_process;
using camtwin::test::connect;
using namespace std::chrono_literals;

namespace {

// Runs call and returns the camera_error it threw; fails the test when it did not throw.
template <typename Call>
camera_error error_of(Call call) {
    try {
        call();
    } catch (const camera_error& error) {
        return error;
    }
    FAIL("the call succeeded");
    throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("hikvision camera turns camsim's faults into typed errors",
          "[integration][camera][slow]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);
    camera->read_device_info();  // authenticated before the faults start

    struct row {
        const char* name;
        nlohmann::json faults;
        camera_error_kind kind;
        long http_status;
        int status_code;
    };
    const row rows[] = {
        {"503 busy",
         {{"error_rate", 1.0}, {"error_status", 503}},
         camera_error_kind::device_status,
         503,
         2},
        {"500 device error",
         {{"error_rate", 1.0}, {"error_status", 500}},
         camera_error_kind::device_status,
         500,
         3},
        {"garbage XML", {{"garbage_xml", true}}, camera_error_kind::bad_response, 0, 0},
        {"truncated XML", {{"truncated_xml", true}}, camera_error_kind::bad_response, 0, 0},
        {"error document with HTTP 200",
         {{"xml_error_200", true}},
         camera_error_kind::device_status,
         200,
         6},
        {"connection reset", {{"reset_rate", 1.0}}, camera_error_kind::unreachable, 0, 0},
        {"slower than the timeout", {{"latency_ms", 2500}}, camera_error_kind::timeout, 0, 0},
        {"camera away", {{"away", true}}, camera_error_kind::unreachable, 0, 0},
    };
    for (const auto& [name, faults, kind, http_status, status_code] : rows) {
        INFO(name);
        sim.set_faults(faults);

        const auto error = error_of([&] { camera->read_device_info(); });
        CHECK(error.kind() == kind);
        CHECK(error.http_status == http_status);
        CHECK(error.status_code == status_code);
        CHECK(error.path() == "/ISAPI/System/deviceInfo");

        sim.reset();
        CHECK_NOTHROW(camera->read_device_info());  // nothing stuck once the fault is gone
    }
}

TEST_CASE("hikvision camera refuses a snapshot that is not a JPEG", "[integration][camera]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);
    sim.set_faults({{"xml_error_200", true}});

    const auto error = error_of([&] { camera->read_snapshot(101); });

    CHECK(error.kind() == camera_error_kind::device_status);
    CHECK(error.status_code == 6);
}

TEST_CASE("hikvision camera reads any namespace", "[integration][camera]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);
    for (const auto* ns : {"isapi", "none", "ver20"}) {
        INFO(ns);
        sim.set_faults({{"namespace", ns}});
        CHECK(camera->read_device_info().model == "DS-2DF8425IX-AELW");
        CHECK(camera->read_ptz_status().zoom >= 10);
        CHECK_FALSE(camera->read_presets().empty());
    }
}

TEST_CASE("hikvision camera reports the camera's refusal of an undefined preset",
          "[integration][camera]") {
    const camsim_process sim(CAMSIM_BINARY);
    auto camera = connect(sim);

    const auto error = error_of([&] { camera->goto_preset(77); });

    CHECK(error.kind() == camera_error_kind::device_status);
    CHECK(error.http_status == 403);
    CHECK(error.status_code == 4);
    CHECK(error.sub_status_code == "invalidOperation");
}
