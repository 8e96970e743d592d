// camtwin's broker connection in its other shapes: TLS with a private CA and a client
// certificate, and MQTT 3.1.1. Each runs the real camtwin binary against a real Mosquitto.

#include <csignal>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "mqtt_fixture.hpp"

using camtwin::test::child_process;
using camtwin::test::client_options;
using camtwin::test::mosquitto_options;
using camtwin::test::mosquitto_process;
using camtwin::test::mqtt_rig;
using camtwin::test::mqtt_test_client;
using camtwin::test::temp_dir;
using json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

// A CA, a server certificate for 127.0.0.1 and a client certificate, made with the openssl
// command line into dir: ca.pem, server.pem/server.key, client.pem/client.key, and other-ca.pem,
// a CA that signed none of them.
void make_certificates(const temp_dir& dir) {
    const auto path = [&](const char* name) { return (dir.path() / name).string(); };
    const auto openssl = [](std::vector<std::string> args) {
        args.insert(args.begin(), "/usr/bin/openssl");
        const auto done = camtwin::test::run(args);
        INFO(done.err);
        REQUIRE(done.exit_code == 0);
    };
    const auto make_ca = [&](const char* key, const char* cert, const char* name) {
        openssl({"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                 "-days", "2", "-subj", std::string("/CN=") + name, "-keyout", path(key), "-out",
                 path(cert)});
    };
    const auto issue = [&](const char* name, const std::string& extension) {
        const std::string key = std::string(name) + ".key";
        const std::string csr = std::string(name) + ".csr";
        const std::string ext = std::string(name) + ".ext";
        dir.write(ext, extension + "\n");
        openssl({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
                 std::string("/CN=") + name, "-keyout", path(key.c_str()), "-out",
                 path(csr.c_str())});
        openssl({"x509", "-req", "-in", path(csr.c_str()), "-CA", path("ca.pem"), "-CAkey",
                 path("ca.key"), "-CAcreateserial", "-days", "2", "-extfile", path(ext.c_str()),
                 "-out", path((std::string(name) + ".pem").c_str())});
    };
    make_ca("ca.key", "ca.pem", "camtwin test CA");
    make_ca("other-ca.key", "other-ca.pem", "a CA nobody uses");
    issue("server", "subjectAltName=IP:127.0.0.1");
    issue("client", "extendedKeyUsage=clientAuth");
}

// A broker with its plain listener (for the test's own clients) and a TLS listener that
// requires a client certificate from the test CA.
struct tls_broker {
    explicit tls_broker(const temp_dir& certs)
        : tls_port(camtwin::test::free_port()), broker(options_for(certs, tls_port)) {}

    static mosquitto_options options_for(const temp_dir& certs, int port) {
        mosquitto_options options;
        options.extra_config = {
            "listener " + std::to_string(port) + " 127.0.0.1",
            "cafile " + (certs.path() / "ca.pem").string(),
            "certfile " + (certs.path() / "server.pem").string(),
            "keyfile " + (certs.path() / "server.key").string(),
            "require_certificate true",
        };
        return options;
    }

    std::string tls_url() const { return "ssl://127.0.0.1:" + std::to_string(tls_port); }

    int tls_port;
    mosquitto_process broker;
};

std::unique_ptr<child_process> start_camtwin(const temp_dir& dir, const std::string& mqtt_yaml,
                                             camtwin::test::camsim_process& sim) {
    const auto config = dir.write("camtwin.yaml", "mqtt:\n" + mqtt_yaml +
                                                      "  client_id: tls\n"
                                                      "http: {listen: 127.0.0.1:" +
                                                      std::to_string(camtwin::test::free_port()) +
                                                      "}\n"
                                                      "devices:\n"
                                                      "  - name: cam1\n"
                                                      "    address: " +
                                                      sim.camera().address() + "\n");
    return std::make_unique<child_process>(
        std::vector<std::string>{CAMTWIN_BINARY, "--config", config.string()},
        std::vector<std::string>{"CAMTWIN_DEVICE_CAM1_PASSWORD=" + sim.options().password});
}

}  // namespace

TEST_CASE("mqtt over TLS with a client certificate carries commands and results", "[mqtt][slow]") {
    const temp_dir certs;
    make_certificates(certs);
    tls_broker tls(certs);
    camtwin::test::camsim_process sim(CAMSIM_BINARY);
    mqtt_test_client app;
    app.connect(client_options(tls.broker.url(), "app"));
    app.subscribe("shifu/cam1/result");

    const temp_dir dir;
    const auto camtwin = start_camtwin(dir,
                                       "  url: " + tls.tls_url() +
                                           "\n"
                                           "  tls:\n"
                                           "    ca_file: " +
                                           (certs.path() / "ca.pem").string() +
                                           "\n"
                                           "    cert_file: " +
                                           (certs.path() / "client.pem").string() +
                                           "\n"
                                           "    key_file: " +
                                           (certs.path() / "client.key").string() + "\n",
                                       sim);
    REQUIRE(camtwin->wait_for_output("connected to ssl://", 10s));
    // Subscribed before it says online on the same connection: commands reach it from now on.
    app.subscribe("shifu/_bridge/tls/availability");
    REQUIRE(app.wait_for_topic("shifu/_bridge/tls/availability", 10s));

    app.publish("shifu/cam1/move/up", R"({"id":"tls1","duration_ms":100})");
    const auto result = app.wait_for_topic("shifu/cam1/result", 10s);
    REQUIRE(result);
    const auto body = json::parse(result->payload);
    CHECK(body["id"] == "tls1");
    CHECK(body["ok"] == true);
    CHECK(sim.state()["counters"]["authorised"].contains("/isapi/ptzctrl/channels/1/continuous"));
}

TEST_CASE("mqtt over TLS refuses a broker whose certificate the CA did not sign", "[mqtt][slow]") {
    const temp_dir certs;
    make_certificates(certs);
    tls_broker tls(certs);
    camtwin::test::camsim_process sim(CAMSIM_BINARY);

    const temp_dir dir;
    const auto camtwin = start_camtwin(dir,
                                       "  url: " + tls.tls_url() +
                                           "\n"
                                           "  reconnect: {min_ms: 100, max_ms: 200}\n"
                                           "  tls: {ca_file: " +
                                           (certs.path() / "other-ca.pem").string() + "}\n",
                                       sim);
    // It keeps trying (and says why), and never gets in.
    CHECK(camtwin->wait_for_output("broker not reachable", 10s));
    CHECK_FALSE(camtwin->wait_for_output("connected to ssl://", 2s));
    camtwin->signal(SIGTERM);
    CHECK(camtwin->wait(10s) == 0);
}

TEST_CASE("mqtt 3.1.1 carries commands and results, and keeps the Last Will", "[mqtt][slow]") {
    mqtt_rig rig("  protocol_version: \"3.1.1\"\n");

    const auto result = rig.command("move/left", {{"duration_ms", 100}});
    REQUIRE(result);
    CHECK((*result)["ok"] == true);
    CHECK((*result)["command"] == "move/left");

    rig.camtwin().signal(SIGKILL);
    REQUIRE(rig.camtwin().wait(5s));
    CHECK(rig.observer().wait_for(
        [](const camtwin::test::mqtt_received& m) {
            return m.topic == "shifu/_bridge/rig/availability" && m.payload == "offline";
        },
        10s));
    rig.check_published_payloads();
}
