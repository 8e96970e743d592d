#include <catch2/catch.hpp>

#include "metrics/latency_histogram.hpp"
#include "metrics/prometheus_text.hpp"

using camtwin::metrics::latency_histogram;
using camtwin::metrics::prometheus_text;

TEST_CASE("prometheus_text writes families and escapes label values", "[metrics]") {
    prometheus_text out;
    out.family("camtwin_things_total", "counter", "Things.");
    out.sample("camtwin_things_total", {{"device", "a\"b\\c\nd"}}, 3);
    out.sample("camtwin_things_total", {}, 0.5);
    CHECK(out.text() ==
          "# HELP camtwin_things_total Things.\n"
          "# TYPE camtwin_things_total counter\n"
          "camtwin_things_total{device=\"a\\\"b\\\\c\\nd\"} 3\n"
          "camtwin_things_total 0.5\n");
}

TEST_CASE("latency_histogram counts each observation in every bucket it fits", "[metrics]") {
    latency_histogram histogram;
    histogram.observe(0.0005);
    histogram.observe(0.2);
    histogram.observe(60.0);
    prometheus_text out;
    histogram.write(out, "t", {{"k", "v"}});
    const auto& text = out.text();
    CHECK(text.find("t_bucket{k=\"v\",le=\"0.001\"} 1\n") != std::string::npos);
    CHECK(text.find("t_bucket{k=\"v\",le=\"0.25\"} 2\n") != std::string::npos);
    CHECK(text.find("t_bucket{k=\"v\",le=\"10\"} 2\n") != std::string::npos);
    CHECK(text.find("t_bucket{k=\"v\",le=\"+Inf\"} 3\n") != std::string::npos);
    CHECK(text.find("t_count{k=\"v\"} 3\n") != std::string::npos);
}
